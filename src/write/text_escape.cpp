// Plain text's one escaping function: every string from the input reaches the text writer's
// output through here.
#include "cvtex/write/text_writer.hpp"

namespace cvtex::text {

std::string escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (const char c : s) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\n' || c == '\r' || c == '\t')
            out += ' ';
        else if (byte < 0x20 || byte == 0x7F)
            out += "\uFFFD";
        else
            out += c;
    }
    return out;
}

}  // namespace cvtex::text
