// Markdown bodies (read/markdown.cpp): blocks, inlines, citations and where text was written.
#include <gtest/gtest.h>

#include "cvtex/read/markdown.hpp"

namespace cvtex {
namespace {

Body read(std::string_view text, DiagnosticSink& sink, TextOrigin origin = {"body.md", 3, 1, 1}) {
    return read_markdown(text, origin, sink);
}

// A compact picture of inlines: text as is, **x**, *x*, `x`, [x](url), [@a;@b], \\n.
std::string show(const std::vector<Inline>& list) {
    std::string out;
    for (const auto& i : list) {
        switch (i.kind) {
            case Inline::Kind::text:
                out += i.text;
                break;
            case Inline::Kind::bold:
                out += "**" + show(i.children) + "**";
                break;
            case Inline::Kind::italic:
                out += "*" + show(i.children) + "*";
                break;
            case Inline::Kind::code:
                out += "`" + i.text + "`";
                break;
            case Inline::Kind::link:
                out += "[" + show(i.children) + "](" + i.url + ")";
                break;
            case Inline::Kind::line_break:
                out += "\\n";
                break;
            case Inline::Kind::math:
                out += "MATH(" + i.text + ")";
                break;
            case Inline::Kind::citation: {
                out += "[";
                for (std::size_t k = 0; k < i.keys.size(); ++k)
                    out += (k ? ";@" : "@") + i.keys[k].value;
                out += "]";
                break;
            }
        }
    }
    return out;
}

std::string show(const std::vector<Block>& blocks) {
    std::string out;
    for (const auto& b : blocks) {
        switch (b.kind) {
            case Block::Kind::paragraph:
                out += "P(" + show(b.inlines) + ")";
                break;
            case Block::Kind::heading:
                out += "H" + std::to_string(b.level) + "(" + show(b.inlines) + ")";
                break;
            case Block::Kind::code:
                out += "CODE(" + b.text + ")";
                break;
            case Block::Kind::quote:
                out += "QUOTE(" + show(b.children) + ")";
                break;
            case Block::Kind::bullets:
            case Block::Kind::numbered:
                out += b.kind == Block::Kind::bullets ? "UL(" : "OL(";
                for (const auto& item : b.items) out += "LI(" + show(item) + ")";
                out += ")";
                break;
        }
    }
    return out;
}

TEST(Markdown, BlocksAndInlines) {
    DiagnosticSink sink;
    const Body body = read(R"(# Title

One **bold** and *italic*, `code` and [a link](https://example.org).
Same paragraph.

- tight
- list

1. first

2. loose

> quoted

    indented code
)",
                           sink);
    EXPECT_TRUE(sink.all().empty());
    EXPECT_EQ(show(body.blocks),
              "H1(Title)"
              "P(One **bold** and *italic*, `code` and [a link](https://example.org). Same "
              "paragraph.)"
              "UL(LI(P(tight))LI(P(list)))"
              "OL(LI(P(first))LI(P(loose)))"
              "QUOTE(P(quoted))"
              "CODE(indented code\n)");
}

TEST(Markdown, NestedListsAndHardBreaks) {
    DiagnosticSink sink;
    const Body body = read("- one\n  - inner\n- two  \n  still two\n", sink);
    EXPECT_EQ(show(body.blocks), "UL(LI(P(one)UL(LI(P(inner))))LI(P(two\\nstill two)))");
}

// 100,000 nested quotes, list items or emphases made a tree whose walk exhausted the stack
// (issue 14, found by testing the limits of every parser), and more than six nested lists
// or quotes were a LaTeX error ("too deeply nested"). Deeper levels join the sixth.
TEST(Markdown, NestingIsBoundedWithAWarning) {
    DiagnosticSink sink;
    const Body body = read("> > > > > > > > deep\n", sink);
    EXPECT_EQ(show(body.blocks), "QUOTE(QUOTE(QUOTE(QUOTE(QUOTE(QUOTE(P(deep)))))))");
    ASSERT_EQ(sink.all().size(), 1u);
    EXPECT_EQ(sink.all()[0].code, "markdown-too-deep");
    EXPECT_EQ(sink.all()[0].span.line, 1u);
    EXPECT_EQ(sink.all()[0].message,
              "lists and quotes are nested more than 6 deep here; the deeper ones are shown at "
              "the 6th level");
    DiagnosticSink lists;
    std::string nested;
    for (int i = 0; i < 8; ++i)
        nested += std::string(2 * i, ' ') + "- l" + std::to_string(i) + "\n";
    EXPECT_EQ(show(read(nested, lists).blocks),
              "UL(LI(P(l0)UL(LI(P(l1)UL(LI(P(l2)UL(LI(P(l3)UL(LI(P(l4)UL(LI(P(l5)P(l6)P(l7)"
              "))))))))))))");
    const std::pair<std::string, std::string> units[] = {
        {"> ", ""}, {"- ", ""}, {"*a ", " a*"}, {"_b ", " b_"}, {"**c ", " c**"}};
    for (const auto& [open, close] : units) {
        std::string deep;
        for (int i = 0; i < 100000; ++i) deep += open;
        deep += "x";
        for (int i = 0; !close.empty() && i < 100000; ++i) deep += close;
        DiagnosticSink deep_sink;
        EXPECT_FALSE(read(deep, deep_sink).blocks.empty()) << open;
    }
}

// md4c sends the end of an emphasis it never started for "[](*)*": the reader read outside
// its list of open spans (heap-buffer-overflow under ASan; found by markup_fuzzer, issue 14).
TEST(Markdown, AnUnbalancedSpanFromMd4cIsIgnored) {
    DiagnosticSink sink;
    // (md4c takes the last '*' as the emphasis it then does not open.)
    EXPECT_EQ(show(read("[](*)*", sink).blocks), "P([](*))");
    EXPECT_EQ(show(read("a [](*)* b *c*", sink).blocks), "P(a [](*) b *c*)");
}

TEST(Markdown, HtmlIsTextAndEntitiesAreDecoded) {
    DiagnosticSink sink;
    const Body body = read("<b>not bold</b> &amp; &#x263A; &copy;\n", sink);
    EXPECT_EQ(show(body.blocks), "P(<b>not bold</b> & \u263A &copy;)");
}

TEST(Markdown, CitationsOneOrSeveralKeys) {
    DiagnosticSink sink;
    const Body body =
        read("See [@li2020xsp] and [@a; @b:c-1], not [@] or [x@y] or [@bad key].\n", sink);
    EXPECT_EQ(show(body.blocks),
              "P(See [@li2020xsp] and [@a;@b:c-1], not [@] or [x@y] or [@bad key].)");
}

TEST(Markdown, TextAndCitationsKnowWhereTheyWereWritten) {
    DiagnosticSink sink;
    const Body body = read("Intro.\n\nAs shown [@key] here.\n", sink);
    ASSERT_EQ(body.blocks.size(), 2u);
    const auto& inlines = body.blocks[1].inlines;
    ASSERT_EQ(inlines.size(), 3u);
    EXPECT_EQ(inlines[0].span.line, 3u);
    EXPECT_EQ(inlines[0].span.column, 1u);
    EXPECT_EQ(inlines[0].span.file, 3u);
    EXPECT_EQ(inlines[1].keys[0].span.line, 3u);
    EXPECT_EQ(inlines[1].keys[0].span.column, 11u);  // the '@'
    EXPECT_EQ(inlines[2].span.column, 16u);
}

TEST(Markdown, ABodyInATomlStringCountsFromWhereTheStringStarts) {
    DiagnosticSink sink;
    const Body body = read("one\ntwo **x**", sink, {"cv.toml", 0, 12, 8});
    ASSERT_EQ(body.blocks.size(), 1u);
    EXPECT_EQ(body.blocks[0].inlines[0].span.line, 12u);
    EXPECT_EQ(body.blocks[0].inlines[0].span.column, 8u);
    // A new line starts a new piece of text, so that columns counted from it stay true.
    EXPECT_EQ(body.blocks[0].inlines[1].text, "two ");
    EXPECT_EQ(body.blocks[0].inlines[1].span.line, 13u);
    EXPECT_EQ(body.blocks[0].inlines[1].span.column, 1u);
    EXPECT_EQ(body.blocks[0].inlines[2].span.line, 13u);  // the bold text
    EXPECT_EQ(body.blocks[0].inlines[2].span.column, 7u);
}

TEST(Markdown, ImagesAndTablesAreWarnedAboutOnce) {
    DiagnosticSink sink;
    const Body body = read("![alt](a.png) ![b](b.png)\n\n| a |\n|---|\n| b |\n", sink);
    EXPECT_EQ(show(body.blocks), "P(*alt* *b*)P(a\\nb\\n)");
    ASSERT_EQ(sink.all().size(), 2u);
    EXPECT_EQ(sink.all()[0].code, "markdown-unsupported");
    EXPECT_EQ(sink.all()[0].message,
              "images are not shown in letters and statements; their description is");
    EXPECT_EQ(sink.all()[0].span.line, 1u);
    EXPECT_EQ(sink.all()[1].message,
              "tables are printed as lines of text in letters and statements");
    EXPECT_EQ(sink.all()[1].span.line, 3u);
}

TEST(Markdown, FormulasAreMathFromTheAllowListAndDollarsStayMoney) {
    DiagnosticSink sink;
    const Body body = read(
        "Error $O(n \\log n)$ and $$\\alpha + \\beta$$ at $5 and $10, or \\$x\\$.\n\n"
        "Not this: $\\input{x}$.\n",
        sink);
    EXPECT_EQ(show(body.blocks),
              "P(Error MATH(O(n \\log n)) and MATH(\\alpha + \\beta) at $5 and $10, or $x$.)"
              "P(Not this: $\\input{x}$.)");
    ASSERT_EQ(sink.all().size(), 1u);
    EXPECT_EQ(sink.all()[0].code, "math-unsupported");
    EXPECT_EQ(sink.all()[0].span.line, 3u);
    EXPECT_EQ(sink.all()[0].span.column, 12u);
    EXPECT_NE(sink.all()[0].message.find("'$\\input{x}$' is printed as text"), std::string::npos)
        << sink.all()[0].message;
}

}  // namespace
}  // namespace cvtex
