// The small inline markup allowed in text fields: **bold**, *italic*, [text](url), `code`,
// $math$, and bare URLs (https://...), which are linked.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cvtex/read/math.hpp"

namespace cvtex::markup {

struct Inline {
    enum class Kind { text, bold, italic, link, math, code };
    Kind kind = Kind::text;
    std::string text;              ///< text and code: the literal characters; math: the source
    std::string url;               ///< for Kind::link
    std::vector<Inline> children;  ///< for bold, italic and link
    math::Row formula;             ///< for Kind::math
};

/// Parses markup. Never fails: a marker without its partner is ordinary text.
/// `\*`, `\[`, `\]`, `\$` and `` \` `` stand for the literal characters; any other backslash is
/// literal. `` `code` `` is printed as typed, in a monospace font. A bare "https://..." or
/// "http://..." that starts a word is a link to itself, without the punctuation that ends a
/// sentence after it.
/// A `*` opens emphasis only when followed by a non-space, and closes only after one.
/// `$...$` is a formula when the `$` that opens it is followed by a non-space, the next `$`
/// follows a non-space and is not followed by a digit, and what is between parses
/// (math::parse()); otherwise it is text as typed ("$5 and $10", "$\foo$").
std::vector<Inline> parse(std::string_view s);

/// The text a reader sees, with the markup removed (links show their text, formulas their
/// Unicode form).
std::string plain_text(std::string_view s);

/// Every link target in `s`, in order.
std::vector<std::string> links(std::string_view s);

/// A `$...$` that looks like a formula but is printed as text, and why.
struct MathProblem {
    std::string formula;  ///< as written, with its $ signs
    std::string problem;
};

/// Every formula of `s` that is printed as text, in order.
std::vector<MathProblem> math_problems(std::string_view s);

}  // namespace cvtex::markup
