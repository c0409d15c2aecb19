// Markdown's one escaping function: every string from the input reaches the Markdown writer's
// output through here.
#include <fmt/format.h>

#include <algorithm>

#include "cvtex/write/markdown_writer.hpp"

namespace cvtex::markdown {

namespace {

bool ascii_punctuation(char c) {
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
           (c >= '{' && c <= '~');
}

// Characters a link destination keeps as they are (RFC 3986's unreserved and reserved ones,
// and '%'), without the parentheses and angle brackets that end it in Markdown.
bool url_safe(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    return std::string_view("-._~:/?#[]@!$&'*+,;=%").find(c) != std::string_view::npos;
}

// The longest run of backticks in `s`.
std::size_t longest_backticks(std::string_view s) {
    std::size_t longest = 0, run = 0;
    for (const char c : s) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return longest;
}

// A character that is neither a line break nor another control character, as text shows it.
void controls(std::string& out, char c) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n' || c == '\r' || c == '\t')
        out += ' ';
    else if (byte < 0x20 || byte == 0x7F)
        out += "\uFFFD";
    else
        out += c;
}

}  // namespace

std::string escape(std::string_view s, EscapeContext context) {
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    if (context == EscapeContext::code) {
        const std::string fence(longest_backticks(s) + 1, '`');
        out += fence + ' ';
        for (const char c : s) controls(out, c);
        return out + ' ' + fence;
    }
    for (const char c : s) {
        const auto byte = static_cast<unsigned char>(c);
        if (context == EscapeContext::url) {
            if (url_safe(c) || byte >= 0x80)
                out += c;
            else
                out += fmt::format("%{:02X}", byte);
            continue;
        }
        // Text: a line break would let the next line start a heading, a list or a code block.
        if (ascii_punctuation(c)) out += '\\';
        controls(out, c);
    }
    return out;
}

}  // namespace cvtex::markdown
