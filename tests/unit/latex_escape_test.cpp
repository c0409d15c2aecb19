// Unit tests for LaTeX's escaping function.
#include <gtest/gtest.h>

#include "cvtex/write/latex_escape.hpp"

namespace cvtex::latex {
namespace {

std::string text(std::string_view s) {
    return escape(s, EscapeContext::text);
}

TEST(EscapeText, TheTenSpecialCharacters) {
    EXPECT_EQ(text("# $ % & ~ _ ^ \\ { }"),
              "\\# \\$ \\% \\& \\textasciitilde{} \\_ \\textasciicircum{} \\textbackslash{} \\{ "
              "\\}");
}

TEST(EscapeText, NoCommandSurvives) {
    const std::string out = text("\\input{/etc/passwd} \\write18{rm} ^^5c \\def\\x{}");
    EXPECT_EQ(out.find("\\input"), std::string::npos);
    EXPECT_EQ(out.find("\\write"), std::string::npos);
    EXPECT_EQ(out.find("\\def"), std::string::npos);
    EXPECT_EQ(out.find("^^"), std::string::npos);
    // Every backslash in the output starts one of our own escapes.
    for (std::size_t i = out.find('\\'); i != std::string::npos; i = out.find('\\', i + 1)) {
        const std::string_view rest = std::string_view(out).substr(i);
        EXPECT_TRUE(rest.starts_with("\\textbackslash{}") || rest.starts_with("\\{") ||
                    rest.starts_with("\\}") || rest.starts_with("\\textasciicircum{}"))
            << rest;
    }
}

TEST(EscapeText, LigaturesAndQuotesPrintAsTyped) {
    EXPECT_EQ(text("a--b---c"), "a-\\cvnodash -b-\\cvnodash -\\cvnodash -c");
    EXPECT_EQ(text("\"q\" 'q' `q`"),
              "\\textquotedbl{}q\\textquotedbl{} \\textquotesingle{}q\\textquotesingle{} "
              "\\textasciigrave{}q\\textasciigrave{}");
    EXPECT_EQ(text(",,<<>>|"),
              ",\\kern0pt ,\\textless{}\\textless{}\\textgreater{}\\textgreater{}\\textbar{}");
    EXPECT_EQ(text("[opt]"), "{[}opt{]}");
}

TEST(EscapeText, ControlCharactersBecomeSpaces) {
    EXPECT_EQ(text(std::string("a\nb\tc\x01"
                               "d\x7f",
                               8)),
              "a b c d ");
}

TEST(EscapeText, LatinUnicodePassesThrough) {
    EXPECT_EQ(text("é ü ç · – ß Ł"), "é ü ç · – ß Ł");
    EXPECT_EQ(text("a\u00A0b"), "a~b");
}

TEST(EscapeText, CombiningMarksAreComposed) {
    EXPECT_EQ(text("e\u0301"), "\u00e9");
}

TEST(EscapeText, UnprintableCharactersAreReported) {
    std::vector<char32_t> lost;
    EXPECT_EQ(escape("a中b", EscapeContext::text, EngineFamily::pdftex, &lost), "a?b");
    ASSERT_EQ(lost.size(), 1u);
    EXPECT_EQ(lost[0], U'中');
    lost.clear();
    EXPECT_EQ(escape("a中b", EscapeContext::text, EngineFamily::unicode, &lost),
              "a\\cvscript{cjk}{中}b");
    EXPECT_TRUE(lost.empty());
}

TEST(EscapeText, ATrailingCommaCannotFormALigatureWithWhatFollows) {
    EXPECT_EQ(text("a,"), "a,\\kern0pt ");
    EXPECT_EQ(text("a, b"), "a, b");
}

TEST(EscapeText, BuiltUpCharactersCarryTheirActualText) {
    // pdflatex draws U+0122 as a G and a comma accent; the run takes the next letter along.
    EXPECT_EQ(text("Ģirts"), "\\cvactualtext{01220069}{Ģi}rts");
    EXPECT_EQ(text("ā…"), "\\cvactualtext{01012026}{ā…}");
    EXPECT_EQ(text("ș "), "\\cvactualtext{0219}{ș} ");
    EXPECT_EQ(text("é"), "é");  // a glyph of its own in T1
    EXPECT_EQ(escape("Ģ", EscapeContext::text, EngineFamily::unicode), "Ģ");
}

TEST(EscapeText, ScriptsLatinModernLacksAreMarkedForUnicodeEngines) {
    EXPECT_EQ(escape("Имя Ива́н, Ελλάδα 中文!", EscapeContext::text, EngineFamily::unicode),
              "\\cvscript{cyrillic}{Имя} \\cvscript{cyrillic}{Ива́н}, "
              "\\cvscript{greek}{Ελλάδα} \\cvscript{cjk}{中文}!");
    // A variation selector stays with its ideograph (in the CJK font), not after the run.
    EXPECT_EQ(escape("葛\U000E0100城", EscapeContext::text, EngineFamily::unicode),
              "\\cvscript{cjk}{葛\U000E0100城}");
}

TEST(EscapeUrl, PercentEncodesWhatHrefCannotTake) {
    EXPECT_EQ(escape("https://a.org/x_y?q=1&r=2#frag", EscapeContext::url),
              "https://a.org/x\\_y?q=1\\&r=2\\#frag");
    EXPECT_EQ(escape("https://a.org/~me/100%", EscapeContext::url), "https://a.org/\\~me/100\\%");
    EXPECT_EQ(escape("https://a.org/{x}\\^ é", EscapeContext::url),
              "https://a.org/\\%7Bx\\%7D\\%5C\\%5E\\%20\\%C3\\%A9");
}

TEST(PdflatexCoverage, KnowsLatinAndNotCjk) {
    EXPECT_TRUE(pdflatex_can_print(U'a'));
    EXPECT_TRUE(pdflatex_can_print(U'é'));
    EXPECT_TRUE(pdflatex_can_print(U'·'));
    EXPECT_TRUE(pdflatex_can_print(U'–'));
    EXPECT_FALSE(pdflatex_can_print(U'中'));
    EXPECT_FALSE(pdflatex_can_print(U'\U0001F600'));
}

// Unicode sub- and superscript digits (TiO₂, 10⁻³), which the fonts lack, are set with the
// class's \cvsub and \cvsup; the text layer gets the characters and the ASCII one after them.
TEST(EscapeText, UnicodeSubAndSuperscriptDigits) {
    EXPECT_EQ(text("TiO₂"), "TiO\\cvactualtext{2082}{\\cvsub{2}{₂}}");
    EXPECT_EQ(text("H₂O"), "H\\cvactualtext{2082004F}{\\cvsub{2}{₂}O}");
    EXPECT_EQ(text("10⁻³ m"), "10\\cvactualtext{207B00B3}{\\cvsup{\\textminus{}3}{⁻³}} m");
    // A subscript next to a superscript: two runs.
    EXPECT_EQ(text("x₁²"),
              "x\\cvactualtext{2081}{\\cvsub{1}{₁}}\\cvactualtext{00B2}{\\cvsup{2}{²}}");
    // Under xelatex and lualatex the same, without taking the next character along.
    EXPECT_EQ(escape("H₂O", EscapeContext::text, EngineFamily::unicode),
              "H\\cvactualtext{2082}{\\cvsub{2}{₂}}O");
    std::vector<char32_t> lost;
    escape("₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾", EscapeContext::text, EngineFamily::pdftex, &lost);
    EXPECT_TRUE(lost.empty());
}

}  // namespace
}  // namespace cvtex::latex
