// The small inline markup allowed in text fields: **bold**, *italic* and [text](url).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cvtex::markup {

struct Inline {
    enum class Kind { text, bold, italic, link };
    Kind kind = Kind::text;
    std::string text;              ///< for Kind::text: the literal characters
    std::string url;               ///< for Kind::link
    std::vector<Inline> children;  ///< for bold, italic and link
};

/// Parses markup. Never fails: a marker without its partner is ordinary text.
/// `\*`, `\[` and `\]` stand for the literal characters; any other backslash is literal.
/// A `*` opens emphasis only when followed by a non-space, and closes only after one.
std::vector<Inline> parse(std::string_view s);

/// The text a reader sees, with the markup removed (links show their text).
std::string plain_text(std::string_view s);

/// Every link target in `s`, in order.
std::vector<std::string> links(std::string_view s);

}  // namespace cvtex::markup
