// HTML's one escaping function: every string from the input reaches the HTML writer's output
// through here.
#include "cvtex/write/html_writer.hpp"

namespace cvtex::html {

std::string escape(std::string_view s, EscapeContext context) {
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    for (const char c : s) {
        const auto byte = static_cast<unsigned char>(c);
        if (context == EscapeContext::script) {
            switch (c) {
                case '<':
                    out += "\\u003c";
                    continue;
                case '>':
                    out += "\\u003e";
                    continue;
                case '&':
                    out += "\\u0026";
                    continue;
                default:
                    out += c;
                    continue;
            }
        }
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            case '\n':
            case '\r':
            case '\t':
                out += context == EscapeContext::attribute ? ' ' : c;
                break;
            default:
                if (byte < 0x20 || byte == 0x7F)
                    out += "\uFFFD";
                else
                    out += c;
        }
    }
    return out;
}

}  // namespace cvtex::html
