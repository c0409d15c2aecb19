// Unit tests for the diagnostic sink, suggestions and printers.
#include <gtest/gtest.h>

#include "cvtex/base/diagnostic_printer.hpp"
#include "cvtex/base/diagnostics.hpp"

namespace cvtex {
namespace {

TEST(EditDistance, Basics) {
    EXPECT_EQ(edit_distance("institution", "instituton"), 1u);
    EXPECT_EQ(edit_distance("ab", "ba"), 1u);  // a transposition counts once
    EXPECT_EQ(edit_distance("", "abc"), 3u);
}

TEST(ClosestMatch, OnlyUsefulGuesses) {
    const std::vector<std::string> keys{"institution", "degree", "area", "location"};
    EXPECT_EQ(closest_match("instituton", keys), "institution");
    EXPECT_EQ(closest_match("degre", keys), "degree");
    EXPECT_EQ(closest_match("zzzzzz", keys), "");
}

TEST(Sink, SortsAndDedupes) {
    DiagnosticSink sink;
    sink.warning("w", "cv.toml", Span::at(5, 1), "later");
    sink.error("e", "cv.toml", Span::at(2, 3), "earlier");
    sink.error("e", "cv.toml", Span::at(2, 3), "earlier");
    sink.sort_and_dedupe();
    ASSERT_EQ(sink.all().size(), 2u);
    EXPECT_EQ(sink.all()[0].message, "earlier");
    EXPECT_EQ(sink.error_count(), 1u);
    sink.promote_warnings();
    EXPECT_EQ(sink.error_count(), 2u);
}

TEST(FormatText, SourceLineCaretAndHint) {
    DiagnosticSink sink;
    sink.error("unknown-key", "cv.toml", Span::at(12, 1, 10),
               "unknown key 'instituton' in education entry")
        .hints.push_back("did you mean 'institution'?");
    auto lines = [](const std::string&, std::uint32_t) {
        return std::string_view("instituton = \"University of Michigan\"");
    };
    EXPECT_EQ(format_text(sink.all(), lines, false),
              "cv.toml:12:1: error: unknown key 'instituton' in education entry\n"
              " 12 | instituton = \"University of Michigan\"\n"
              "    | ^~~~~~~~~~\n"
              "hint: did you mean 'institution'?\n");
}

TEST(FormatText, CaretCountsCodePoints) {
    DiagnosticSink sink;
    sink.error("x", "cv.toml", Span::at(1, 9, 2), "m");
    auto lines = [](const std::string&, std::uint32_t) {
        return std::string_view("name = \"é\" 12");
    };
    EXPECT_EQ(format_text(sink.all(), lines, false),
              "cv.toml:1:9: error: m\n"
              " 1 | name = \"é\" 12\n"
              "   |         ^~\n");
}

TEST(FormatText, ControlCharactersAreShownNotSent) {
    DiagnosticSink sink;
    sink.warning("x", "c\x1b[2Jv.toml", Span::at(1, 15, 5), "value 'a\x1b]0;pwned\x07\rb'")
        .hints.push_back("write \x1b[31mred\x9b or \xc2\x9b");
    // ESC, BEL, CR, DEL and U+0085 in the line; the caret stays under the value "abc".
    auto lines = [](const std::string&, std::uint32_t) {
        return std::string_view("k\x1b\x07\r\t= 1 # \x7f\xc2\x85 \"abc\"");
    };
    const std::string text = format_text(sink.all(), lines, false);
    EXPECT_EQ(text,
              "c\\x1b[2Jv.toml:1:15: warning: value 'a\\x1b]0;pwned\\x07\\x0db'\n"
              " 1 | k\\x1b\\x07\\x0d = 1 # \\x7f\\x85 \"abc\"\n"
              "   | " +
                  std::string(29, ' ') + "^~~~~\n" + "hint: write \\x1b[31mred\\x9b or \\x9b\n");
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        EXPECT_TRUE(u == '\n' || (u >= 0x20 && u != 0x7F)) << static_cast<int>(u);
    }
    // The colours are the printer's own escapes only.
    const std::string colored = format_text(sink.all(), lines, true);
    EXPECT_EQ(colored.find("\x1b[2J"), std::string::npos);
    EXPECT_EQ(colored.find("\x1b]"), std::string::npos);
    EXPECT_EQ(colored.find('\x07'), std::string::npos);
}

// An invisible character in a key made "na<U+200B>me" read as "name", next to "did you mean
// 'name'?"; a right-to-left override reversed the rest of the terminal line (issue 14, item
// 15). They are shown as \u{...}, and the caret stays under the key.
TEST(FormatText, InvisibleAndBidiCharactersAreShownNotSent) {
    DiagnosticSink sink;
    sink.error("unknown-key", "cv.toml", Span::at(1, 2, 5), "unknown key 'na\u200Bme'")
        .hints.push_back("did you mean 'name'? (not \u202Eeman)");
    auto lines = [](const std::string&, std::uint32_t) {
        return std::string_view("\"na\u200Bme\" = \"\u202Eevil\u2066\"");
    };
    EXPECT_EQ(format_text(sink.all(), lines, false),
              "cv.toml:1:2: error: unknown key 'na\\u{200B}me'\n"
              " 1 | \"na\\u{200B}me\" = \"\\u{202E}evil\\u{2066}\"\n"
              "   |  ^~~~~~~~~~~~\n"
              "hint: did you mean 'name'? (not \\u{202E}eman)\n");
    // Text that merely is not Latin stays as it is.
    DiagnosticSink plain;
    plain.error("x", "cv.toml", {}, "Zoë Ångström, 李成, Пётр");
    EXPECT_EQ(format_text(plain.all(), {}, false), "cv.toml: error: Zoë Ångström, 李成, Пётр\n");
}

// A large .bib can give thousands of the same warning: after the first ten of a code the rest
// are counted, not printed. Errors are all printed; JSON keeps everything.
TEST(FormatText, ManyWarningsOfOneCodeAreSummarised) {
    DiagnosticSink sink;
    for (std::uint32_t i = 1; i <= 4563; ++i)
        sink.warning("owner-not-an-author", "refs.bib", Span::at(i, 1), "not among the authors");
    for (std::uint32_t i = 1; i <= 12; ++i)
        sink.error("bib-syntax", "refs.bib", Span::at(i, 2), "x");
    sink.warning("bib-bad-date", "refs.bib", Span::at(1, 3), "not a date");
    const std::string text = format_text(sink.all(), {}, false);
    auto count = [&](std::string_view what) {
        std::size_t n = 0;
        for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1))
            ++n;
        return n;
    };
    EXPECT_EQ(count("warning: not among the authors"), 10u);
    EXPECT_EQ(count("error: x"), 12u);
    EXPECT_EQ(count("warning: not a date"), 1u);
    EXPECT_NE(text.find("cvtex: and 4,553 more 'owner-not-an-author' warnings"), std::string::npos)
        << text.substr(text.size() - 300);
    EXPECT_EQ(format_json(sink.all()).find("4,553"), std::string::npos);
}

TEST(FormatText, FileLevelProblemHasNoExcerpt) {
    DiagnosticSink sink;
    sink.error("file-not-found", "cv.toml", {}, "no such file");
    EXPECT_EQ(format_text(sink.all(), {}, false), "cv.toml: error: no such file\n");
}

TEST(FormatJson, HasPositionsAndHints) {
    DiagnosticSink sink;
    sink.warning("url-without-scheme", "cv.toml", Span::at(3, 11, 5), "URL 'a.org' has no scheme")
        .hints.push_back("write it as https://a.org");
    const std::string json = format_json(sink.all());
    EXPECT_NE(json.find("\"severity\": \"warning\""), std::string::npos);
    EXPECT_NE(json.find("\"code\": \"url-without-scheme\""), std::string::npos);
    EXPECT_NE(json.find("\"line\": 3"), std::string::npos);
    EXPECT_NE(json.find("\"column\": 16"), std::string::npos);
    EXPECT_NE(json.find("\"warnings\": 1"), std::string::npos);
}

}  // namespace
}  // namespace cvtex
