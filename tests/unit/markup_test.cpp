// Unit tests for the inline markup parser.
#include <gtest/gtest.h>

#include "cvtex/markup.hpp"

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
    for (const char* s : {"a * b * c", "5*", "**", "***", "* x", "[no link]", "[x](y z)",
                          "[x] (y)", "2 ** 3", "a*", "[", "](", "*[x](y"}) {
        EXPECT_EQ(plain_text(s), s) << s;
    }
}

TEST(Markup, EscapesMakeMarkersLiteral) {
    EXPECT_EQ(plain_text("\\*not italic\\*"), "*not italic*");
    EXPECT_EQ(plain_text("\\[x](y)"), "[x](y)");
    // Other backslashes are kept as typed.
    EXPECT_EQ(plain_text("\\input{x} \\\\ \\n"), "\\input{x} \\\\ \\n");
}

TEST(Markup, LinksAreCollected) {
    auto l = links("see [a](https://a.org) and **[b](b.org)**");
    ASSERT_EQ(l.size(), 2u);
    EXPECT_EQ(l[0], "https://a.org");
    EXPECT_EQ(l[1], "b.org");
}

}  // namespace
}  // namespace cvtex::markup
