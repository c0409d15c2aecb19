// LaTeX in BibTeX fields turned into plain Unicode text ({\'e} -> é, \& -> &, -- -> –).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cvtex/read/markup.hpp"

namespace cvtex {

enum class LatexMode {
    text,      ///< titles, venues: accents, symbols, dashes, quotes, ties
    name,      ///< a part of a person's name: as text, but the argument of a command that is not
               ///< understood is left out (\foo{X} after a name is no part of it)
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

/// A field value as inline markup (read/markup.hpp), the form text written in the TOML has.
struct MarkupText {
    std::string text;
    /// Commands that were not understood ("\foo"); their arguments are kept as text.
    std::vector<std::string> unknown;
    /// Formulas that are printed as text (outside the allow-list), as written.
    std::vector<markup::MathProblem> math;
};

/// Converts a field value as latex_to_unicode() does, but to inline markup: formulas ($...$,
/// $$...$$, \(...\)) that math::parse() takes are kept as `$source$`, and the characters that
/// are markup (`*`, `[`, `]`, `$`) are escaped where they are text. With `markdown`, `*`, `[`
/// and `]` are kept as markup, for fields that hold Markdown (al-folio's `award`). A formula
/// outside the allow-list is in `math` and is printed as text, as latex_to_unicode() would.
MarkupText latex_to_markup(std::string_view value, bool markdown = false);

/// Marks written into a name by homepages: * for an equal contribution, a dagger for the
/// corresponding author, and marks that mean nothing to cvtex (^, ‡, affiliation numbers).
struct NameMarks {
    bool equal = false;
    bool corresponding = false;
    std::vector<std::string> unknown;  ///< as written: "^", "‡", "1,2"
};

/// One name of a BibTeX name list with its marks taken off: *, ∗, †, ‡, #, §, ¶ and a bare ^
/// before or after the name, $^{...}$ and \textsuperscript{...} (at brace level 0), and the
/// wrappers \textbf{...}, \emph{...}, \underline{...}, {\bf ...} and the like that pages put
/// around the owner's name. The rest is returned as it was written, braces and LaTeX kept.
std::string take_name_marks(std::string_view name, NameMarks& marks);

}  // namespace cvtex
