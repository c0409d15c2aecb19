// Unit tests for turning LaTeX in BibTeX fields into Unicode text.
#include <gtest/gtest.h>

#include "cvtex/read/latex_text.hpp"

namespace cvtex {
namespace {

std::string text(std::string_view s) {
    return latex_to_unicode(s).text;
}

TEST(LatexToUnicode, AccentsInEveryNotation) {
    EXPECT_EQ(text("Caf{\\'e}"), "Café");
    EXPECT_EQ(text("Caf\\'e"), "Café");
    EXPECT_EQ(text("Caf\\'{e}"), "Café");
    EXPECT_EQ(text("Na{\\\"i}ve na\\\"{\\i}ve"), "Naïve naïve");
    EXPECT_EQ(text("Gar{\\c c}on Fran\\c{c}ais"), "Garçon Français");
    EXPECT_EQ(text("Espa{\\~n}a"), "España");
    EXPECT_EQ(text("{\\`a} {\\^o} {\\=a} {\\.z} {\\u g} {\\v s} {\\H o} {\\k e} {\\r a}"),
              "à ô ā ż ğ š ő ę å");
    EXPECT_EQ(text("{\\'\\i}"), "í");
}

// An accent with nothing to go on used to take the closing brace as its letter and print it
// (issue 14, item 14): "O}̈Brien".
TEST(LatexToUnicode, AnAccentWithNoLetterPrintsNothingAndKeepsTheBrace) {
    EXPECT_EQ(text("O{\\\"}Brien"), "OBrien");
    EXPECT_EQ(text("a{\\v}b"), "ab");
    EXPECT_EQ(text("a{\\'} x"), "a x");
    EXPECT_EQ(text("{{\\\"}}Z"), "Z");
    EXPECT_EQ(text("a\\\"{}b"), "ab");
    EXPECT_EQ(text("end\\'"), "end");
}

// Accents on accented groups were read by one nested converter per level: 100,000 levels
// overflowed the stack (issue 14, found by testing the limits of every parser).
TEST(LatexToUnicode, DeeplyNestedAccentsDoNotExhaustTheStack) {
    std::string deep;
    for (int i = 0; i < 100000; ++i) deep += "\\\"{";
    deep += "x" + std::string(100000, '}');
    const std::string out = text(deep);
    EXPECT_FALSE(out.empty());
    EXPECT_EQ(text("{\\\"{\\'{e}}}"), "\u00EB\u0301");  // two levels are still read
}

TEST(LatexToUnicode, LetterCommands) {
    EXPECT_EQ(text("Stra\\ss e"), "Straße");
    EXPECT_EQ(text("{\\o}ystein {\\O}"), "øystein Ø");
    EXPECT_EQ(text("{\\ae} {\\AE} {\\oe} {\\aa} {\\AA} {\\l}{\\L}"), "æ Æ œ å Å łŁ");
}

TEST(LatexToUnicode, SpecialsBracesDashesAndQuotes) {
    EXPECT_EQ(text("Research \\& Development, 100\\%"), "Research & Development, 100%");
    EXPECT_EQ(text("{XSP}: Across-Stack {P}rofiling"), "XSP: Across-Stack Profiling");
    EXPECT_EQ(text("pp. 12--34 --- done"), "pp. 12–34 — done");
    EXPECT_EQ(text("``quoted'' and `single'"), "“quoted” and ‘single’");
    EXPECT_EQ(text("Donald~E. Knuth"), "Donald\u00A0E. Knuth");
    EXPECT_EQ(text("  many\n   spaces\t here "), "many spaces here");
}

TEST(LatexToUnicode, FormattingCommandsKeepTheirText) {
    EXPECT_EQ(text("\\emph{Deep} \\textbf{Learning} {\\em fast}"), "Deep Learning fast");
    EXPECT_EQ(text("\\href{https://x.org}{the site}"), "the site");
    EXPECT_EQ(text("{\\noopsort{a}}Zeta"), "Zeta");
    EXPECT_EQ(text("$\\mu$-kernels and $O(n^2)$"), "μ-kernels and O(n2)");
    EXPECT_EQ(text("\\LaTeX{} and \\TeX"), "LaTeX and TeX");
}

TEST(LatexToUnicode, UnknownCommandsAreReported) {
    const auto r = latex_to_unicode("A \\frobnicate{B} C");
    EXPECT_EQ(r.text, "A B C");
    ASSERT_EQ(r.unknown.size(), 1u);
    EXPECT_EQ(r.unknown[0], "\\frobnicate");
}

TEST(LatexToUnicode, VerbatimKeepsUrlsIntact) {
    auto v = [](std::string_view s) { return latex_to_unicode(s, LatexMode::verbatim).text; };
    EXPECT_EQ(v("\\url{https://example.org/a_b--c~d}"), "https://example.org/a_b--c~d");
    EXPECT_EQ(v("https://example.org/a\\_b\\%20"), "https://example.org/a_b%20");
    EXPECT_EQ(v("10.1109/{IPDPS}47924.2020.00070"), "10.1109/IPDPS47924.2020.00070");
}

// Fields printed as text become markup: what is markup in the field's text is escaped, and
// formulas stay formulas.
TEST(LatexToMarkup, EscapesMarkupCharactersAndKeepsFormulas) {
    EXPECT_EQ(latex_to_markup("A *star* [x](y) for \\$5").text, "A \\*star\\* \\[x\\](y) for \\$5");
    EXPECT_EQ(latex_to_markup("{$O(n \\log n)$} and \\(x_1\\)").text, "$O(n \\log n)$ and $x_1$");
    // Markdown fields keep * [ ] as markup; a dollar is still escaped.
    EXPECT_EQ(latex_to_markup("**Best** \\$1", true).text, "**Best** \\$1");
    // A formula followed by a digit would not read back as one: its Unicode form is printed.
    EXPECT_EQ(latex_to_markup("$x^2$3").text, "x²3");
    const MarkupText bad = latex_to_markup("The $\\foo{x} \\alpha$ way");
    EXPECT_EQ(bad.text, "The x α way");
    ASSERT_EQ(bad.math.size(), 1u);
    EXPECT_EQ(bad.math[0].formula, "$\\foo{x} \\alpha$");
    EXPECT_TRUE(bad.unknown.empty());
}

// Marks written into names are taken off before the name is split.
TEST(TakeNameMarks, TakesOffMarksAndWrappers) {
    auto take = [](std::string_view name) {
        NameMarks marks;
        std::string rest = take_name_marks(name, marks);
        return rest + (marks.equal ? " [*]" : "") + (marks.corresponding ? " [dag]" : "") +
               (marks.unknown.empty() ? "" : " [" + marks.unknown[0] + "]");
    };
    EXPECT_EQ(take("Wei*, Zhewei"), "Wei, Zhewei [*]");
    EXPECT_EQ(take("Einstein*†, A."), "Einstein, A. [*] [dag]");
    EXPECT_EQ(take("J. Chiquet$^{*}$"), "J. Chiquet [*]");
    EXPECT_EQ(take("\\textbf{M. Yaghini}\\textsuperscript{\\dag}"), "M. Yaghini [dag]");
    EXPECT_EQ(take("{\\bf Cheng Li}"), "Cheng Li");
    EXPECT_EQ(take("Lee^, Yong Jae"), "Lee, Yong Jae [^]");
    EXPECT_EQ(take("{Wei*}, Zhewei"), "{Wei*}, Zhewei");  // braces protect
    EXPECT_EQ(take("M{\\\"u}ller, J{\\\"o}rg"), "M{\\\"u}ller, J{\\\"o}rg");
}

}  // namespace
}  // namespace cvtex
