// Inline math ($...$ in a .bib title or in TOML text) read into a small tree, from an allow-list
// of commands. Writers render the tree (LaTeX: write/latex_math.cpp), never the source.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cvtex::math {

/// What a symbol is, for spacing in the plain-text form.
enum class SymbolClass {
    ordinary,  ///< letters, digits, Greek, \infty, \ell, ...
    binary,    ///< + - \times \cdot \pm ...
    relation,  ///< = < \leq \in \to ...
    open,      ///< ( [ \{ \langle ...
    close,     ///< ) ] \} \rangle ...
    punct,     ///< , ; :
    large,     ///< \sum \prod \int ...
};

/// One entry of the allow-list: what a writer emits for it and what it is in Unicode.
struct Symbol {
    std::string_view latex;    ///< "\\alpha", "+", "a"; what the LaTeX writer emits
    std::string_view unicode;  ///< "α", "+", "a"
    SymbolClass cls = SymbolClass::ordinary;
};

struct Atom;
/// A sequence of atoms: a formula, a group, an argument.
using Row = std::vector<Atom>;

/// One piece of a formula.
struct Atom {
    enum class Kind {
        symbol,    ///< `symbol` (letters, digits, punctuation, Greek, operators, relations)
        function,  ///< an operator name (\log, \min, \operatorname{argmax}): `name`
        group,     ///< {...}: args[0]
        frac,      ///< \frac: args[0] over args[1]
        sqrt,      ///< \sqrt: args[0]; args[1] is the index of \sqrt[n] when there is one
        accent,    ///< \hat, \tilde, \bar, ...: `name` on args[0]
        font,      ///< \mathcal, \mathbb, \mathbf, ...: `name` for args[0]
        fenced,    ///< \left ... \right: `symbol` on the left, `right` on the right, args[0]
        sized,     ///< \big( and the like: `name` (the size command) and `symbol`
        text,      ///< \text{...}: `name` holds the plain text
        space,     ///< \, \; \: \quad ~: `name` is the command
    };
    Kind kind = Kind::symbol;
    const Symbol* symbol = nullptr;  ///< for symbol, fenced (left) and sized
    const Symbol* right = nullptr;   ///< for fenced; nullptr stands for \right.
    std::string name;                ///< see Kind; always from the allow-list or letters only
    std::vector<Row> args;
    Row sub, sup;  ///< scripts: _{...} and ^{...}
    bool has_sub = false, has_sup = false;
};

/// What parse() made of a formula: `row`, or why it is not printed as math.
struct Parsed {
    bool ok = false;
    Row row;
    std::string problem;  ///< when !ok: "'\\foo' is not a math command cvtex knows", ...
};

/// Reads the source of an inline formula (without its $ delimiters). Anything outside the
/// allow-list (an unknown command, &, #, %, unbalanced braces, a missing argument, nesting
/// deeper than 16) makes the whole formula fail, with the reason in `problem`.
Parsed parse(std::string_view source);

/// Where a `$` in running text opens and closes a formula, as pandoc decides (for TOML text,
/// .bib fields and Markdown bodies alike): it opens one only before a non-blank character
/// (`next`), and closes one only after a non-blank (`before`) and not before a digit
/// (`after`, 0 at the end of the text), so "$5 and $10" is money, not a formula.
bool dollar_may_open(char next);
bool dollar_may_close(char before, char after);

/// The formula as Unicode text, for PDF bookmarks and text outputs: α, ≤, √x, x², 10⁻³, O(n log n),
/// ℝ, x̃; scripts without a Unicode form are written ^(...) and _(...), fractions a/b.
std::string plain_text(const Row& row);

/// The allow-list entry written as `cp` (a Unicode symbol typed in text, such as ≥ or μ), or
/// nullptr when cp is not one. Letters, digits and ASCII punctuation are not looked up here.
const Symbol* symbol_for(char32_t cp);

}  // namespace cvtex::math
