// Plain text's one escaping function: every string from the input reaches the text writer's
// output through here (and the Markdown escaper starts from it).
#include "cvtex/base/utf8.hpp"
#include "cvtex/write/text_writer.hpp"

namespace cvtex::text {

// Line breaks and tabs become spaces. Control characters, C0 and C1 (U+0080 to U+009F, which
// terminals obey as escape sequences: a link, a window title, colours), become U+FFFD.
// Bidirectional embeddings, overrides and isolates are left out, as in the PDF (the warning
// bidi-control says so): they would reorder what a terminal or a viewer shows.
std::string escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t pos = 0; pos < s.size();) {
        const char32_t cp = utf8::decode(s, pos);
        if (cp == '\n' || cp == '\r' || cp == '\t')
            out += ' ';
        else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
            out += "\uFFFD";
        else if (!utf8::is_bidi_control(cp))
            utf8::append(out, cp);
    }
    return out;
}

}  // namespace cvtex::text
