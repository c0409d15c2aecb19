// LaTeX's one escaping function: every string from the input reaches TeX through here.
// Each output format has its own escaper in its own namespace; this is LaTeX's.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cvtex/read/math.hpp"

namespace cvtex::latex {

enum class EscapeContext {
    text,      ///< running text: every character prints as typed, no ligature, no TeX command
    url,       ///< the target of \href (inside a macro argument): percent-encoded where needed
    pdf_text,  ///< text only hyperref reads (the PDF string of \cvmath): ASCII as in `text`,
               ///< every other character as it is, whatever the engine
};

/// Which engine the text is for: pdflatex prints only what its font encodings cover;
/// xelatex and lualatex take any Unicode.
enum class EngineFamily { pdftex, unicode };

/// Escapes UTF-8 `s` for `context`. Characters the engine cannot print are replaced by '?'
/// and appended to `lost` (when given), so the caller can warn. Text is NFC-normalised first.
std::string escape(std::string_view s, EscapeContext context,
                   EngineFamily engine = EngineFamily::pdftex,
                   std::vector<char32_t>* lost = nullptr);

/// A formula as `\cvmath{LaTeX}{text}`: the LaTeX is made only of allow-list entries, ASCII
/// letters and digits and the structure of the tree (text in \text{} is escaped as text); the
/// second argument is the Unicode form (math::plain_text()) for PDF strings.
std::string math(const math::Row& row, EngineFamily engine = EngineFamily::pdftex,
                 std::vector<char32_t>* lost = nullptr);

/// One symbol of the allow-list typed as a character in text (≥, ℓ, μ), as a formula.
std::string math_symbol(const math::Symbol& symbol);

/// The script of `cp` that Latin Modern lacks and that the class prints in a font of its own
/// under xelatex and lualatex (\cvscript): greek, cyrillic, cjk, arabic, hebrew, devanagari,
/// bengali, gurmukhi, gujarati, oriya, tamil, telugu, kannada or malayalam; empty for
/// everything else.
std::string_view script_of(char32_t cp);

/// True for the scripts written right to left: arabic and hebrew.
bool right_to_left(std::string_view script);

/// True when pdflatex, with the class's T1/TS1 encodings, can print `cp`.
bool pdflatex_can_print(char32_t cp);

/// True when pdflatex prints `cp` visibly but its text layer would not give `cp` back (an
/// accent built from two glyphs, a ligature, a glyph without a Unicode name), so the escaped
/// text wraps it in \cvactualtext to make copy-and-paste and search exact.
bool pdflatex_needs_actual_text(char32_t cp);

}  // namespace cvtex::latex
