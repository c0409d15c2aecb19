// Unit tests for inline math: the allow-list parser, its Unicode form and its LaTeX.
#include <gtest/gtest.h>

#include "cvtex/read/math.hpp"
#include "cvtex/write/latex_escape.hpp"

namespace cvtex {
namespace {

// The LaTeX a formula becomes, without the \cvmath wrapper's second argument.
std::string latex(std::string_view source) {
    const math::Parsed p = math::parse(source);
    if (!p.ok) return "<" + p.problem + ">";
    std::string out = latex::math(p.row);
    const auto cut = out.rfind("}{");
    return out.substr(8, cut - 8);  // after "\cvmath{"
}

std::string unicode(std::string_view source) {
    const math::Parsed p = math::parse(source);
    return p.ok ? math::plain_text(p.row) : "<" + p.problem + ">";
}

// Each construct of issue #13, as a .bib title writes it.
TEST(Math, EmitsEveryConstructFromTheAllowList) {
    EXPECT_EQ(latex("\\alpha"), "\\alpha ");
    EXPECT_EQ(latex("\\mu"), "\\mu ");
    EXPECT_EQ(latex("\\sqrt{s}"), "\\sqrt{s}");
    EXPECT_EQ(latex("\\geq"), "\\geq ");
    EXPECT_EQ(latex("\\ell_1"), "\\ell _{1}");
    EXPECT_EQ(latex("O(n \\log n)"), "O(n\\log n)");
    EXPECT_EQ(latex("10^{-3}"), "10^{-3}");
    EXPECT_EQ(latex("\\tilde{O}(n)"), "\\tilde{O}(n)");
    EXPECT_EQ(latex("\\min\\{a,b\\}"), "\\min \\{a,b\\}");
    EXPECT_EQ(latex("\\frac{1}{2}"), "\\frac{1}{2}");
    EXPECT_EQ(latex("\\frac12"), "\\frac{1}{2}");
    EXPECT_EQ(latex("\\sqrt[3]{x}"), "\\sqrt[3]{x}");
    EXPECT_EQ(latex("\\mathcal{O}(1)"), "\\mathcal{O}(1)");
    EXPECT_EQ(latex("\\mathbb{R}^d"), "\\mathbb{R}^{d}");
    EXPECT_EQ(latex("\\left( x \\right]"), "\\left(x\\right]");
    EXPECT_EQ(latex("\\left\\{ x \\right."), "\\left\\{x\\right.");
    EXPECT_EQ(latex("\\big( x \\big)"), "\\big(x\\big)");
    EXPECT_EQ(latex("_2"), "{}_{2}");
    EXPECT_EQ(latex("\\operatorname{softmax}(x)"), "\\mathop{\\mathrm{softmax}}\\nolimits (x)");
    EXPECT_EQ(latex("\\argmin_x f"), "\\mathop{\\mathrm{arg\\,min}}\\nolimits _{x}f");
    EXPECT_EQ(latex("x \\text{ if } y"), "x\\mbox{ if }y");
    EXPECT_EQ(latex("a\\,b"), "a\\,b");
    EXPECT_EQ(latex("(\\epsilon, u)"), "(\\epsilon ,u)");
    EXPECT_EQ(latex("f'(x) \\leq 2"), "f^{\\prime }(x)\\leq 2");
    // Primes are superscripts, as in TeX; after another superscript TeX would stop.
    EXPECT_EQ(latex("f''^{2}"), "f^{\\prime \\prime 2}");
    EXPECT_EQ(latex("x^{2}'"), "x^{2}{}^{\\prime }");
    EXPECT_EQ(latex("α ≤ β"), "\\alpha \\leq \\beta ");
    EXPECT_EQ(latex("\\hat{y} \\sim \\mathcal{N}(0, \\sigma^2)"),
              "\\hat{y}\\sim \\mathcal{N}(0,\\sigma ^{2})");
}

TEST(Math, HasAReadableUnicodeForm) {
    EXPECT_EQ(unicode("\\alpha"), "α");
    EXPECT_EQ(unicode("\\sqrt{s}"), "√s");
    EXPECT_EQ(unicode("\\sqrt{n+1}"), "√(n + 1)");
    EXPECT_EQ(unicode("x \\geq 0"), "x ≥ 0");
    EXPECT_EQ(unicode("\\ell_1"), "ℓ₁");
    EXPECT_EQ(unicode("O(n \\log n)"), "O(n log n)");
    EXPECT_EQ(unicode("10^{-3}"), "10⁻³");
    EXPECT_EQ(unicode("\\tilde{O}(n)"), "Õ(n)");
    EXPECT_EQ(unicode("\\min\\{a,b\\}"), "min{a, b}");
    EXPECT_EQ(unicode("\\frac{a+b}{2}"), "(a + b)/2");
    EXPECT_EQ(unicode("\\mathbb{R}^d"), "ℝᵈ");
    EXPECT_EQ(unicode("\\mathcal{O}(1)"), "𝒪(1)");
    EXPECT_EQ(unicode("x^{\\alpha}"), "x^α");
    EXPECT_EQ(unicode("x_{ij}^{2}"), "xᵢⱼ²");
    EXPECT_EQ(unicode("-1"), "−1");
    EXPECT_EQ(unicode("a - b"), "a − b");
    EXPECT_EQ(unicode("\\log(x)"), "log(x)");
    EXPECT_EQ(unicode("H_2O"), "H₂O");
    EXPECT_EQ(unicode("f'(x)"), "f′(x)");
}

// Anything outside the allow-list makes the formula fail as a whole, with a reason.
TEST(Math, RefusesWhatIsNotOnTheList) {
    for (std::string_view bad : {"\\input{x}",
                                 "\\def\\x{y}",
                                 "x^",
                                 "{x",
                                 "x}",
                                 "a & b",
                                 "#1",
                                 "\\",
                                 "100%",
                                 "x^2^3",
                                 "\\left( x",
                                 "\\right)",
                                 "\\text{\\input{x}}",
                                 "\\operatorname{a\\b}",
                                 "\\frac{1}",
                                 "\\catcode",
                                 "\\write18",
                                 "a@b",
                                 "\"x\"",
                                 "\\left\\alpha x \\right)"})
        EXPECT_FALSE(math::parse(bad).ok) << bad;
    EXPECT_EQ(math::parse("\\foo").problem, "'\\foo' is not a math command cvtex knows");
    std::string deep = "x";
    for (int i = 0; i < 40; ++i) deep = "{" + deep + "}";
    EXPECT_FALSE(math::parse(deep).ok);
}

// \frac's second argument was read after its first had failed, one level deeper each time,
// past the depth limit: \frac{\frac{... 100,000 deep overflowed the stack (issue 14, found by
// testing the limits of every parser).
TEST(Math, NestingPastTheLimitFailsWithoutRecursingOn) {
    for (const std::string_view command : {"\\frac{", "\\frac", "\\sqrt{", "x^{", "\\left("}) {
        std::string deep;
        for (int i = 0; i < 100000; ++i) deep += command;
        deep += "x";
        const math::Parsed p = math::parse(deep);
        EXPECT_FALSE(p.ok) << command;
    }
    std::string deep = "x";
    for (int i = 0; i < 17; ++i) deep = "\\frac{" + deep + "}{y}";
    EXPECT_EQ(math::parse(deep).problem, "it is nested too deeply");
}

// Text in \text{} is escaped like any text: it cannot become a command.
TEST(Math, TextInsideIsEscaped) {
    EXPECT_EQ(latex("\\text{50% & #1 ~x}"), "\\mbox{50\\% \\& \\#1 \\textasciitilde{}x}");
    const math::Parsed p = math::parse("x_{\\text{a}}");
    ASSERT_TRUE(p.ok);
    EXPECT_EQ(latex::math(p.row), "\\cvmath{x_{\\mbox{a}}}{xₐ}");
}

TEST(Math, SymbolsTypedInTextArePrintedInMath) {
    EXPECT_EQ(latex::escape("x ≥ 3", latex::EscapeContext::text), "x \\cvmath{\\geq}{≥} 3");
    EXPECT_EQ(latex::escape("ℓ1", latex::EscapeContext::text, latex::EngineFamily::unicode),
              "\\cvmath{\\ell}{ℓ}1");
    EXPECT_EQ(latex::escape("5 μm", latex::EscapeContext::text), "5 \\cvmath{\\mu}{μ}m");
    // A Greek word stays Greek text: under pdflatex it cannot be printed (a warning).
    std::vector<char32_t> lost;
    EXPECT_EQ(
        latex::escape("λόγος", latex::EscapeContext::text, latex::EngineFamily::pdftex, &lost),
        "?????");
    EXPECT_EQ(lost.size(), 5u);
    // Symbols a text font has stay text.
    EXPECT_EQ(latex::escape("3 × 4 ± 1", latex::EscapeContext::text), "3 × 4 ± 1");
}

// pandoc's rule for a `$` in running text, shared by TOML text, .bib fields and Markdown.
TEST(MathDollars, OpenBeforeANonBlankAndCloseAfterOneNotBeforeADigit) {
    EXPECT_TRUE(math::dollar_may_open('x'));
    EXPECT_FALSE(math::dollar_may_open(' '));
    EXPECT_FALSE(math::dollar_may_open('\0'));
    EXPECT_TRUE(math::dollar_may_close('x', '\0'));
    EXPECT_TRUE(math::dollar_may_close('x', ','));
    EXPECT_FALSE(math::dollar_may_close(' ', '\0'));
    EXPECT_FALSE(math::dollar_may_close('x', '1'));
}

}  // namespace
}  // namespace cvtex
