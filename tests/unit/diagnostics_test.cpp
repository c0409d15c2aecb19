// Unit tests for the diagnostic sink, suggestions and printers.
#include <gtest/gtest.h>

#include "cvtex/diagnostic_printer.hpp"
#include "cvtex/diagnostics.hpp"

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
    auto lines = [](const std::string&, std::uint32_t) { return std::string_view("name = \"é\" 12"); };
    EXPECT_EQ(format_text(sink.all(), lines, false),
              "cv.toml:1:9: error: m\n"
              " 1 | name = \"é\" 12\n"
              "   |         ^~\n");
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
