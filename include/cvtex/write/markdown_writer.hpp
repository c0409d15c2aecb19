// The Markdown writer (CommonMark, as GitHub shows it) and Markdown's one escaping function.
#pragma once

#include <string>
#include <string_view>

#include "cvtex/write/writers.hpp"

namespace cvtex {

namespace markdown {

enum class EscapeContext {
    text,  ///< running text: every character as typed; nothing becomes a link, emphasis,
           ///< HTML, a heading or a list
    url,   ///< a link destination `[...](HERE)`: percent-encoded, no space or parenthesis
    code,  ///< a whole code span, its backticks included: the characters as typed
};

/// Escapes UTF-8 `s` for `context`. In text every ASCII punctuation character gets a
/// backslash (CommonMark allows one before each), line breaks and tabs become spaces, and other
/// control characters U+FFFD. A code span is fenced by more backticks than any run inside it,
/// with a space each side that CommonMark takes off again.
std::string escape(std::string_view s, EscapeContext context);

}  // namespace markdown

/// A transformed document as CommonMark.
std::string write_markdown(const Document& doc, const WriteOptions& options, DiagnosticSink& sink);

}  // namespace cvtex
