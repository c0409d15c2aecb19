// Plain text's one escaping function: every string from the input reaches the text writer's
// output through here (and the Markdown escaper starts from it).
#include "cvtex/write/text_writer.hpp"

namespace cvtex::text {

// Line breaks and tabs become spaces. Control characters, C0 and C1 (U+0080 to U+009F, which
// terminals obey as ESC sequences: a link, a window title, colours), become U+FFFD.
// Bidirectional embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069) are
// left out, as in the PDF (the warning bidi-control says so): they would reorder what a
// terminal or a viewer shows. The input is valid UTF-8 (the readers check).
std::string escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const auto byte = static_cast<unsigned char>(c);
        const auto next = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
        const auto third = i + 2 < s.size() ? static_cast<unsigned char>(s[i + 2]) : 0;
        if (c == '\n' || c == '\r' || c == '\t') {
            out += ' ';
        } else if (byte < 0x20 || byte == 0x7F) {
            out += "\uFFFD";
        } else if (byte == 0xC2 && next >= 0x80 && next <= 0x9F) {
            out += "\uFFFD";
            ++i;
        } else if (byte == 0xE2 && ((next == 0x80 && third >= 0xAA && third <= 0xAE) ||
                                    (next == 0x81 && third >= 0xA6 && third <= 0xA9))) {
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace cvtex::text
