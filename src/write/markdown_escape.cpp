// Markdown's one escaping function: every string from the input reaches the Markdown writer's
// output through here.
#include <fmt/format.h>

#include <algorithm>

#include "cvtex/write/markdown_writer.hpp"
#include "cvtex/write/text_writer.hpp"

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

}  // namespace

std::string escape(std::string_view s, EscapeContext context) {
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    if (context == EscapeContext::code) {
        const std::string fence(longest_backticks(s) + 1, '`');
        out += fence + ' ';
        out += text::escape(s);  // control characters, as in plain text
        return out + ' ' + fence;
    }
    if (context == EscapeContext::url) {
        for (const char c : s) {
            if (url_safe(c) || static_cast<unsigned char>(c) >= 0x80)
                out += c;
            else
                out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
        }
        return out;
    }
    // Text: control characters as in plain text (a line break would let the next line start a
    // heading, a list or a code block), then a backslash before each ASCII punctuation mark.
    for (const char c : text::escape(s)) {
        if (ascii_punctuation(c)) out += '\\';
        out += c;
    }
    return out;
}

}  // namespace cvtex::markdown
