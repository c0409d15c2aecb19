// Unit tests for the inline markup parser.
#include <gtest/gtest.h>

#include <algorithm>

#include "cvtex/read/markup.hpp"

namespace cvtex::markup {
namespace {

using K = Inline::Kind;

TEST(Markup, PlainTextIsOneNode) {
    auto n = parse("just text, C/C++ & 100%");
    ASSERT_EQ(n.size(), 1u);
    EXPECT_EQ(n[0].kind, K::text);
    EXPECT_EQ(n[0].text, "just text, C/C++ & 100%");
}

TEST(Markup, BoldItalicAndLink) {
    auto n = parse("a **b** *c* [d](https://e.org/f)");
    ASSERT_EQ(n.size(), 6u);
    EXPECT_EQ(n[1].kind, K::bold);
    EXPECT_EQ(n[1].children.at(0).text, "b");
    EXPECT_EQ(n[3].kind, K::italic);
    EXPECT_EQ(n[5].kind, K::link);
    EXPECT_EQ(n[5].url, "https://e.org/f");
    EXPECT_EQ(plain_text("a **b** *c* [d](https://e.org/f)"), "a b c d");
}

TEST(Markup, NestedEmphasis) {
    auto n = parse("**bold *and italic***");
    ASSERT_EQ(n.size(), 1u);
    EXPECT_EQ(n[0].kind, K::bold);
    ASSERT_EQ(n[0].children.size(), 2u);
    EXPECT_EQ(n[0].children[1].kind, K::italic);
}

TEST(Markup, UnmatchedMarkersAreText) {
    for (const char* s : {"a * b * c", "5*", "**", "***", "* x", "[no link]", "[x](y z)", "[x] (y)",
                          "2 ** 3", "a*", "[", "](", "*[x](y"}) {
        EXPECT_EQ(plain_text(s), s) << s;
    }
}

TEST(Markup, EscapesMakeMarkersLiteral) {
    EXPECT_EQ(plain_text("\\*not italic\\*"), "*not italic*");
    EXPECT_EQ(plain_text("\\[x](y)"), "[x](y)");
    // Other backslashes are kept as typed.
    EXPECT_EQ(plain_text("\\input{x} \\\\ \\n"), "\\input{x} \\\\ \\n");
}

// $...$ is a formula when it is one: the opening $ before a non-space, the next $ after one
// and not before a digit, and the inside on the allow-list. Otherwise it is text as typed.
TEST(Markup, DollarsMakeFormulasOnlyWhenTheyAreOne) {
    auto n = parse("H$_2$O and $\\mu$m");
    ASSERT_EQ(n.size(), 5u);
    EXPECT_EQ(n[1].kind, K::math);
    EXPECT_EQ(n[1].text, "_2");
    EXPECT_EQ(n[3].kind, K::math);
    EXPECT_EQ(plain_text("H$_2$O and $\\mu$m"), "H₂O and μm");
    for (const char* s :
         {"$5 and $10", "costs $5", "$ x$", "$x $", "$x$2", "$$", "$$x$$", "a $ b $ c", "100$"})
        EXPECT_EQ(plain_text(s), s) << s;
    EXPECT_EQ(plain_text("$5 and $x$ and $10"), "$5 and x and $10");
}

TEST(Markup, AFormulaOutsideTheAllowListIsTextAndNamed) {
    EXPECT_EQ(plain_text("a $\\input{x}$ b"), "a $\\input{x}$ b");
    const auto problems = math_problems("a $\\foo$ b $x$ and $5 and $10");
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].formula, "$\\foo$");
    EXPECT_EQ(problems[0].problem, "'\\foo' is not a math command cvtex knows");
}

// Other markup never cuts a formula: a * or ] inside it is the formula's.
TEST(Markup, FormulasAreWholeInsideOtherMarkup) {
    auto n = parse("*italic $a^*$ x* and [link $[0,1]$](https://a.org)");
    ASSERT_GE(n.size(), 3u);
    EXPECT_EQ(n[0].kind, K::italic);
    ASSERT_EQ(n[0].children.size(), 3u);
    EXPECT_EQ(n[0].children[1].kind, K::math);
    EXPECT_EQ(n[2].kind, K::link);
    EXPECT_EQ(n[2].url, "https://a.org");
    EXPECT_EQ(plain_text("\\$x\\$ is two dollars"), "$x$ is two dollars");
}

TEST(Markup, LinksAreCollected) {
    auto l = links("see [a](https://a.org) and **[b](b.org)**");
    ASSERT_EQ(l.size(), 2u);
    EXPECT_EQ(l[0], "https://a.org");
    EXPECT_EQ(l[1], "b.org");
}

TEST(Markup, ParenthesesInALinkUrlAreBalanced) {
    auto n = parse("[W](https://en.wikipedia.org/wiki/Foo_(bar)) and (see [x](u)).");
    ASSERT_GE(n.size(), 3u);
    EXPECT_EQ(n[0].kind, K::link);
    EXPECT_EQ(n[0].url, "https://en.wikipedia.org/wiki/Foo_(bar)");
    EXPECT_EQ(n[1].text, " and (see ");
    EXPECT_EQ(n[2].kind, K::link);
    EXPECT_EQ(n[2].url, "u");
    EXPECT_EQ(plain_text("[W](https://e.org/F_(b)) and (see [x](u))."), "W and (see x).");
    EXPECT_EQ(links("[a](u_(v)_(w)) [b](x(y))"), (std::vector<std::string>{"u_(v)_(w)", "x(y)"}));
    // An unbalanced URL is no link, and white space still ends one.
    EXPECT_EQ(plain_text("[a](b(c)"), "[a](b(c)");
    EXPECT_EQ(plain_text("[a](b (c))"), "[a](b (c))");
}

// Depth of link nesting in a parse result.
int link_depth(const std::vector<Inline>& nodes) {
    int deepest = 0;
    for (const auto& n : nodes)
        deepest = std::max(deepest, (n.kind == K::link ? 1 : 0) + link_depth(n.children));
    return deepest;
}

TEST(Markup, DeepNestingIsCappedAndDeeperMarkersAreText) {
    const std::size_t n = 50000;
    std::string s = std::string(n, '[') + "x";
    for (std::size_t i = 0; i < n; ++i) s += "](u)";
    const auto nodes = parse(s);
    EXPECT_EQ(link_depth(nodes), 16);
    const std::string text = plain_text(s);
    EXPECT_EQ(text.size(), s.size() - 16 * 5) << "16 links lose \"[\" and \"](u)\"";
    // Emphasis too.
    std::string stars = std::string(100000, '*') + "x" + std::string(100000, '*');
    EXPECT_EQ(plain_text(stars).find('x'), plain_text(stars).size() / 2);
    std::string mixed;
    for (int i = 0; i < 20000; ++i) mixed += "**a [*b";
    for (int i = 0; i < 20000; ++i) mixed += "*](u)**";
    EXPECT_FALSE(parse(mixed).empty());
}

// Inputs that took quadratic time: each would take minutes before, well under a second now
// (ctest's timeout is the guard; the assertions check the result).
TEST(Markup, PathologicalInputsParseInLinearTime) {
    const std::string brackets(200000, '[');
    EXPECT_EQ(plain_text(brackets), brackets);
    std::string stars;
    while (stars.size() < 200000) stars += "*a ";
    EXPECT_EQ(plain_text(stars), stars);
    std::string open_links;
    while (open_links.size() < 200000) open_links += "[a](";
    EXPECT_EQ(plain_text(open_links), open_links);
    std::string parens = "[a](" + std::string(100000, '(') + std::string(99999, ')');
    EXPECT_EQ(plain_text(parens), parens);
    std::string bold;
    while (bold.size() < 200000) bold += "**a *";
    EXPECT_EQ(plain_text(bold), bold);
    std::string closers = std::string(100000, ']') + std::string(100000, '[');
    EXPECT_EQ(plain_text(closers), closers);
    // Many real links and emphases in one string still parse.
    std::string many;
    while (many.size() < 200000) many += "*i* **b** [l](u) ";
    const auto nodes = parse(many);
    EXPECT_EQ(links(many).size(), many.size() / 17);
    EXPECT_EQ(nodes.size(), many.size() / 17 * 6);
}

TEST(Markup, CodeSpansArePrintedAsTyped) {
    auto n = parse("run `make *all* [x](y) $z$` now");
    ASSERT_EQ(n.size(), 3u);
    EXPECT_EQ(n[1].kind, K::code);
    EXPECT_EQ(n[1].text, "make *all* [x](y) $z$");
    EXPECT_EQ(plain_text("run `a_b` now"), "run a_b now");
    // Emphasis around a code span closes after it; a star inside it never closes anything.
    auto e = parse("*see `a*b` here*");
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].kind, K::italic);
    EXPECT_EQ(e[0].children.at(1).kind, K::code);
}

TEST(Markup, BackticksWithoutAPartnerAreText) {
    for (const char* s : {"a ` b", "``", "x`", "\\`a\\`"}) {
        auto n = parse(s);
        ASSERT_EQ(n.size(), 1u) << s;
        EXPECT_EQ(n[0].kind, K::text) << s;
    }
    EXPECT_EQ(plain_text("\\`a\\`"), "`a`");
}

TEST(Markup, BareUrlsAreLinkedWithoutTheSentencesPunctuation) {
    auto n = parse("See https://example.org/a_(b)/c?d=1, or (http://x.org).");
    std::vector<std::string> urls;
    for (const auto& node : n)
        if (node.kind == K::link) urls.push_back(node.url);
    EXPECT_EQ(urls, (std::vector<std::string>{"https://example.org/a_(b)/c?d=1", "http://x.org"}));
    EXPECT_EQ(plain_text("See https://example.org."), "See https://example.org.");
    EXPECT_EQ(links("go to https://example.org/x!"),
              std::vector<std::string>{"https://example.org/x"});
}

TEST(Markup, BareUrlsNeedAWordStartAndAreNotLinkedTwice) {
    EXPECT_TRUE(links("xhttps://example.org and ftp://example.org").empty());
    EXPECT_TRUE(links("`https://example.org`").empty());
    EXPECT_EQ(links("[see https://a.org](https://b.org)"),
              std::vector<std::string>{"https://b.org"});
    // Inside emphasis a URL is still linked; the closing stars are not part of it.
    EXPECT_EQ(links("**https://example.org**"), std::vector<std::string>{"https://example.org"});
}

}  // namespace
}  // namespace cvtex::markup
