// LaTeX in BibTeX fields turned into plain Unicode text ({\'e} -> é, \& -> &, -- -> –).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cvtex {

enum class LatexMode {
    text,      ///< titles, names, venues: accents, symbols, dashes, quotes, ties
    verbatim,  ///< URLs, DOIs, identifiers: only braces, \url{} and escaped specials
};

struct PlainText {
    std::string text;
    /// Commands that were not understood ("\foo"); their arguments are kept as text.
    std::vector<std::string> unknown;
};

/// Converts a field value to UTF-8 text: accent commands ({\'e}, \"{i}, {\c c}, \~n) and
/// letters (\ss, {\o}, \ae, \l) become Unicode, \& \% \$ \# \_ their characters, protective
/// braces and formatting commands (\emph, \textbf, ...) disappear with their arguments kept,
/// `--` and `---` become en and em dashes, `~` a no-break space, and white space is collapsed.
PlainText latex_to_unicode(std::string_view value, LatexMode mode = LatexMode::text);

}  // namespace cvtex
