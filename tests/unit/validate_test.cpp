// Unit tests for the semantic checks (validate.cpp); so far those of publication lists.
#include <gtest/gtest.h>

#include "cvtex/loader.hpp"
#include "cvtex/validate.hpp"

namespace cvtex {
namespace {

std::string codes(const std::string& section_keys) {
    DiagnosticSink sink;
    const Document doc =
        load_document(SourceFile("cv.toml",
                                 "[person]\nname = \"A\"\n[[section]]\ntitle = \"P\"\n"
                                 "kind = \"publications\"\n" +
                                     section_keys),
                      sink);
    EXPECT_FALSE(sink.has_errors()) << sink.all().at(0).message;
    validate(doc, Date{2026, 1, 1}, sink);
    std::string out;
    for (const auto& d : sink.all()) out += d.code + ":" + std::to_string(d.span.line) + " ";
    return out;
}

TEST(ValidatePublications, ASectionWithBibNeedsNoEntries) {
    EXPECT_EQ(codes(""), "empty-section:3 ");
    EXPECT_EQ(codes("bib = [\"a.bib\"]\n"), "");
}

TEST(ValidatePublications, FiltersWithoutBibHaveNoEffect) {
    EXPECT_EQ(codes("keys = [\"a\"]\nfrom = 2018\n"),
              "empty-section:3 filter-without-bib:6 filter-without-bib:7 ");
}

TEST(ValidatePublications, BadRangesAndLimits) {
    EXPECT_EQ(codes("bib = [\"a.bib\"]\nfrom = 2020\nto = 2018\nlimit = 0\nmax_authors = -1\n"),
              "not-positive:9 not-positive:10 bad-year-range:8 ");
    EXPECT_EQ(codes("bib = [\"a.bib\"]\nfield = \"=true\"\n"), "bad-field-filter:7 ");
}

TEST(ValidatePublications, GroupTitlesWithoutGrouping) {
    EXPECT_EQ(codes("bib = [\"a.bib\"]\ngroup_titles = { talk = \"Talks Given\" }\n"),
              "group-titles-unused:7 ");
    EXPECT_EQ(codes("bib = [\"a.bib\"]\ngroup = \"type\"\ngroup_titles = { talk = \"T\" }\n"), "");
}

}  // namespace
}  // namespace cvtex
