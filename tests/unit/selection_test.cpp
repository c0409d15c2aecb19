// Variants and tags: what a CV shows (transform/selection.cpp).
#include <gtest/gtest.h>

#include "cvtex/check/schema_export.hpp"
#include "cvtex/read/loader.hpp"
#include "cvtex/transform/selection.hpp"

namespace cvtex {
namespace {

const char* const cv = R"([person]
name = "Ada Lovelace"

[[section]]
title = "Education"
kind = "oneline"
[[section.entry]]
label = "School"
details = "London"

[[section]]
title = "Teaching"
id = "teach"
kind = "oneline"
tags = ["teaching"]
[[section.entry]]
label = "Tutor"
details = "Mathematics"

[[section]]
title = "Papers"
kind = "oneline"
[[section.entry]]
label = "Notes"
details = "The Engine"
tags = ["selected"]
[[section.entry]]
label = "Minor"
details = "A note"
tags = ["minor"]

[[variant]]
name = "short"
tags = ["selected"]
exclude_tags = ["teaching"]
sections = ["Papers", "Education"]
max_pages = 1

[[variant]]
name = "broken"
sections = ["Educaton"]
tags = ["selcted"]
)";

struct Selected {
    Document doc;
    DiagnosticSink sink;

    // "Title: label, label | Title: ..." of what is left.
    std::string shown() const {
        std::string out;
        for (const auto& s : std::get<Cv>(doc.content).sections) {
            if (!out.empty()) out += " | ";
            out += s.title.value + ":";
            for (const auto& e : std::get<std::vector<OnelineEntry>>(s.body))
                out += " " + e.label.value;
        }
        return out;
    }
    std::string diagnostics() const {
        std::string out;
        for (const auto& d : sink.all()) {
            out += d.file + ":" + std::to_string(d.span.line) + ": " + d.code + ": " + d.message;
            for (const auto& h : d.hints) out += " [" + h + "]";
            out += "\n";
        }
        return out;
    }
};

Selected select_from(const Selection& selection) {
    Selected s;
    s.doc = load_document(SourceFile("cv.toml", cv), s.sink);
    EXPECT_FALSE(s.sink.has_errors());
    select(s.doc, selection, s.sink);
    return s;
}

Given given(std::string value, std::string file = "--variant") {
    return {std::move(value), std::move(file), {}};
}

TEST(Selection, NothingSelectedShowsEverything) {
    const auto s = select_from({});
    EXPECT_EQ(s.shown(), "Education: School | Teaching: Tutor | Papers: Notes Minor");
    EXPECT_FALSE(s.doc.page_limit);
}

TEST(Selection, AVariantKeepsItsTagsDropsItsExclusionsAndOrdersItsSections) {
    Selection selection;
    selection.variant = given("short");
    const auto s = select_from(selection);
    EXPECT_EQ(s.diagnostics(), "");
    EXPECT_EQ(s.shown(), "Papers: Notes | Education: School");
    ASSERT_TRUE(s.doc.page_limit);
    EXPECT_EQ(s.doc.page_limit->value, 1);
    EXPECT_EQ(s.doc.page_limit->span.line, 37u);
}

TEST(Selection, TagsFromTheCommandLineKeepUntaggedItems) {
    Selection selection;
    selection.tags = {given("minor", "--tags")};
    // Teaching has a tag, and not this one.
    EXPECT_EQ(select_from(selection).shown(), "Education: School | Papers: Minor");
    Selection excluding;
    excluding.exclude_tags = {given("teaching", "--exclude-tags"),
                              given("minor", "--exclude-tags")};
    EXPECT_EQ(select_from(excluding).shown(), "Education: School | Papers: Notes");
}

TEST(Selection, ASectionWhoseEntriesAreAllLeftOutIsLeftOut) {
    Selection selection;
    selection.exclude_tags = {given("selected", "--exclude-tags"),
                              given("minor", "--exclude-tags")};
    EXPECT_EQ(select_from(selection).shown(), "Education: School | Teaching: Tutor");
}

TEST(Selection, AnUnknownVariantSuggestsTheClosestName) {
    Selection selection;
    selection.variant = given("shrot");
    EXPECT_EQ(select_from(selection).diagnostics(),
              "--variant:0: unknown-variant: cv.toml has no variant called 'shrot' "
              "[did you mean 'short'?]\n");
    selection.variant = given("zzzzzzzz");
    EXPECT_EQ(select_from(selection).diagnostics(),
              "--variant:0: unknown-variant: cv.toml has no variant called 'zzzzzzzz' "
              "[the variants are: short, broken]\n");
}

TEST(Selection, UnknownTagsAndSectionsAreErrorsWhereTheyAreWritten) {
    Selection selection;
    selection.tags = {given("selectd", "--tags")};
    EXPECT_EQ(select_from(selection).diagnostics(),
              "--tags:0: unknown-tag: no section or entry of cv.toml has the tag 'selectd' "
              "[did you mean 'selected'?]\n");
    selection = {};
    selection.variant = given("broken");
    EXPECT_EQ(select_from(selection).diagnostics(),
              "cv.toml:42: unknown-tag: no section or entry of cv.toml has the tag 'selcted' "
              "[did you mean 'selected'?]\n");
}

TEST(Selection, AVariantsSectionsAreNamedByIdOrTitle) {
    Selected s;
    s.doc = load_document(SourceFile("cv.toml", std::string(cv) + R"(
[[variant]]
name = "ids"
sections = ["teach", "Educaton"]
)"),
                          s.sink);
    Selection selection;
    selection.variant = given("ids");
    select(s.doc, selection, s.sink);
    EXPECT_EQ(s.diagnostics(),
              "cv.toml:46: unknown-section: variant 'ids' names no section 'Educaton' "
              "[did you mean 'Education'?]\n");
    EXPECT_EQ(s.shown(), "Teaching: Tutor");
}

TEST(Selection, AnApplicationsLimitReplacesTheVariants) {
    Selection selection;
    selection.variant = given("short");
    selection.max_pages = 2;
    const auto s = select_from(selection);
    ASSERT_TRUE(s.doc.page_limit);
    EXPECT_EQ(s.doc.page_limit->value, 2);
}

// Every kind of entry (and section) takes tags: the starter shows them commented out.
TEST(Selection, EveryEntryKindReadsItsTags) {
    std::string toml = starter_toml("Ada Lovelace", "x");
    for (std::size_t at = toml.find("# tags = [\"academic\"]"); at != std::string::npos;
         at = toml.find("# tags = [\"academic\"]", at))
        toml.erase(at, 2);
    DiagnosticSink sink;
    const Document doc = load_document(SourceFile("cv.toml", toml), sink);
    ASSERT_FALSE(sink.has_errors()) << sink.all()[0].message;
    std::size_t entries = 0;
    for (const auto& s : std::get<Cv>(doc.content).sections) {
        EXPECT_EQ(s.tags.size(), 1u) << s.title.value;
        std::visit(
            [&](const auto& body) {
                using B = std::decay_t<decltype(body)>;
                if constexpr (!std::is_same_v<B, TextBody> && !std::is_same_v<B, RawLatexBody>)
                    for (const auto& e : body) {
                        EXPECT_EQ(e.tags.size(), 1u) << s.title.value;
                        ++entries;
                    }
            },
            s.body);
    }
    EXPECT_GE(entries, 6u);
}

}  // namespace
}  // namespace cvtex
