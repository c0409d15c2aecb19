// Unit tests for the semantic checks: warnings for input that is legal but probably wrong,
// and the rules of publication lists.
#include <gtest/gtest.h>

#include "cvtex/check/validate.hpp"
#include "cvtex/read/loader.hpp"

namespace cvtex {
namespace {

std::vector<std::string> codes(const std::string& entries, const std::string& kind = "dated") {
    DiagnosticSink sink;
    const Document doc = load_document(
        SourceFile("cv.toml",
                   "[person]\nname = \"Ada Lovelace\"\n[[section]]\ntitle = \"S\"\nkind = \"" +
                       kind + "\"\n" + entries),
        sink);
    validate(doc, Date{.year = 2026, .month = 1, .day = 15}, sink);
    sink.sort_and_dedupe();
    std::vector<std::string> out;
    for (const auto& d : sink.all()) out.push_back(d.code);
    return out;
}

using Codes = std::vector<std::string>;

TEST(FutureDates, ASingleDateAfterTodayIsAFinishedItemInTheFuture) {
    EXPECT_EQ(codes("[[section.entry]]\ntitle = \"Prize\"\ndate = \"2026-02\"\n"),
              Codes{"future-date"});
    EXPECT_EQ(codes("[[section.entry]]\ntitle = \"P\"\nauthors = [\"Ada Lovelace\"]\ndate = 2027\n",
                    "publications"),
              Codes{"future-date"});
}

TEST(FutureDates, TodayAndThisYearAreNotInTheFuture) {
    EXPECT_EQ(codes("[[section.entry]]\ntitle = \"Prize\"\ndate = \"2026-01-15\"\n"), Codes{});
    EXPECT_EQ(codes("[[section.entry]]\ntitle = \"Prize\"\ndate = 2026\n"), Codes{});
}

// "expected" marks a date still to come: never in the future, but warned about once past.
TEST(FutureDates, ExpectedDatesAreNotWarnedAboutUntilTheyArePast) {
    EXPECT_EQ(codes("[[section.entry]]\ntitle = \"D\"\ndate = \"expected 2027-05\"\n"), Codes{});
    EXPECT_EQ(
        codes("[[section.entry]]\ntitle = \"D\"\nstart = 2024\nend = \"expected May 2027\"\n"),
        Codes{});
    EXPECT_EQ(codes("[[section.entry]]\ntitle = \"D\"\ndate = \"expected 2026\"\n"), Codes{});
    EXPECT_EQ(codes("[[section.entry]]\ntitle = \"D\"\ndate = \"expected 2025-12\"\n"),
              Codes{"expected-date-passed"});
}

// A text date is compared by the year (and month name) in it; without a year, never.
TEST(FutureDates, TextDatesAreComparedByTheirYear) {
    EXPECT_EQ(codes("[[section.entry]]\ntitle = \"D\"\ndate = \"Summer 2019\"\n"), Codes{});
    EXPECT_EQ(codes("[[section.entry]]\ntitle = \"D\"\ndate = \"Fall 2027\"\n"),
              Codes{"future-date"});
    EXPECT_EQ(codes("[[section.entry]]\ntitle = \"D\"\ndate = \"every spring\"\n"), Codes{});
    EXPECT_EQ(
        codes("[[section.entry]]\ntitle = \"D\"\nstart = \"Fall 2020\"\nend = \"Spring 2019\"\n"),
        Codes{"end-before-start"});
}

// A talk may be listed before it is given.
TEST(FutureDates, ATalksDateMayBeInTheFuture) {
    EXPECT_EQ(codes("[[section.entry]]\ntitle = \"T\"\ndate = \"2027-03\"\n", "talks"), Codes{});
}

TEST(NewKinds, GrantAmountsAndCurrencies) {
    EXPECT_EQ(codes("[[section.entry]]\ntitle = \"G\"\namount = 0\n", "grants"),
              Codes{"not-positive"});
    EXPECT_EQ(codes("[[section.entry]]\ntitle = \"G\"\ncurrency = \"EUR\"\n", "grants"),
              Codes{"currency-without-amount"});
    EXPECT_EQ(
        codes("[[section.entry]]\ntitle = \"G\"\namount = 10\ncurrency = \"EUR\"\n", "grants"),
        Codes{});
}

TEST(NewKinds, ProfilesAndRefereeEmails) {
    auto person_codes = [](const std::string& profiles) {
        DiagnosticSink sink;
        const Document doc = load_document(
            SourceFile("cv.toml", "[person]\nname = \"A\"\nprofiles = [" + profiles + "]\n"), sink);
        validate(doc, Date{2026, 1, 1}, sink);
        std::vector<std::string> out;
        for (const auto& d : sink.all()) out.push_back(d.code);
        return out;
    };
    EXPECT_EQ(person_codes("{ network = \"mastodon\", username = \"@a@example.social\" }"),
              Codes{});
    EXPECT_EQ(person_codes("{ network = \"mastodon\", username = \"@a@\" }"), Codes{"bad-profile"});
    EXPECT_EQ(person_codes("{ network = \"other\", username = \"A\" }"), Codes{"bad-profile"});
    EXPECT_EQ(person_codes("{ network = \"other\", username = \"A\", url = \"javascript:x\" }"),
              Codes{"url-scheme-not-allowed"});
    EXPECT_EQ(codes("[[section.entry]]\nname = \"R\"\nemail = \"r.example.org\"\n", "referees"),
              Codes{"email-without-at"});
}

TEST(FutureDates, AnEndAfterTodayIsWarnedButPresentIsNot) {
    EXPECT_EQ(codes("[[section.entry]]\ntitle = \"T\"\nstart = \"2020\"\nend = \"2027-05\"\n"),
              Codes{"future-end-date"});
    EXPECT_EQ(codes("[[section.entry]]\ntitle = \"T\"\nstart = \"2020\"\nend = \"present\"\n"),
              Codes{});
}

TEST(FutureDates, AStartAfterTodayIsAPlanNotAMistake) {
    EXPECT_EQ(codes("[[section.entry]]\ntitle = \"T\"\nstart = \"2026-09\"\nend = \"present\"\n"),
              Codes{});
}

// Two entries repeat each other when name, detail (degree, position) and dates all agree;
// a missing detail differs from any given one.
TEST(Validate, DuplicateEntriesNeedTheSameNameDetailAndDates) {
    const std::string a =
        "[[section.entry]]\norganization = \"Org\"\nposition = \"Dev\"\n"
        "start = \"2019-05\"\nend = \"2020-08\"\n";
    EXPECT_EQ(codes(a + a, "experience"), Codes{"duplicate-entry"});
    std::string other_dates = a;
    other_dates.replace(other_dates.find("2020-08"), 7, "2020-09");
    EXPECT_EQ(codes(a + other_dates, "experience"), Codes{});
    std::string no_position = a;
    no_position.erase(no_position.find("position"), 16);
    EXPECT_EQ(codes(a + no_position, "experience"), Codes{});
    EXPECT_EQ(codes(no_position + no_position, "experience"), Codes{"duplicate-entry"});
    const std::string e =
        "[[section.entry]]\ninstitution = \"U\"\ndegree = \"PhD\"\n"
        "date = \"2020-08\"\n";
    EXPECT_EQ(codes(e + e, "education"), Codes{"duplicate-entry"});
    EXPECT_EQ(codes(e + "[[section.entry]]\ninstitution = \"U\"\ndegree = \"MSc\"\n"
                        "date = \"2020-08\"\n",
                    "education"),
              Codes{});
}

TEST(Validate, RunsBesideLoadErrorsSoAllProblemsComeOutAtOnce) {
    EXPECT_EQ(codes("[[section.entry]]\ntitle = \"T\"\ndate = \"2030\"\nbogus = 1\n"),
              (Codes{"future-date", "unknown-key"}));
}

std::string publication_codes(const std::string& section_keys) {
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
    EXPECT_EQ(publication_codes(""), "empty-section:3 ");
    EXPECT_EQ(publication_codes("bib = [\"a.bib\"]\n"), "");
}

// `keys` and `field` name what only imported entries have; the other filters apply to the
// TOML's entries too.
TEST(ValidatePublications, FiltersWithoutBibHaveNoEffect) {
    EXPECT_EQ(publication_codes("keys = [\"a\"]\nfield = \"selected\"\n"),
              "empty-section:3 filter-without-bib:6 filter-without-bib:7 ");
    EXPECT_EQ(publication_codes("from = 2018\nkeyword = \"x\"\nlimit = 3\ntypes = [\"article\"]\n"),
              "empty-section:3 ");
}

TEST(ValidatePublications, BadRangesAndLimits) {
    EXPECT_EQ(publication_codes(
                  "bib = [\"a.bib\"]\nfrom = 2020\nto = 2018\nlimit = 0\nmax_authors = -1\n"),
              "not-positive:9 not-positive:10 bad-year-range:8 ");
    EXPECT_EQ(publication_codes("bib = [\"a.bib\"]\nfield = \"=true\"\n"), "bad-field-filter:7 ");
}

TEST(ValidatePublications, GroupTitlesWithoutGrouping) {
    EXPECT_EQ(publication_codes("bib = [\"a.bib\"]\ngroup_titles = { talk = \"Talks Given\" }\n"),
              "group-titles-unused:7 ");
    EXPECT_EQ(
        publication_codes("bib = [\"a.bib\"]\ngroup = \"type\"\ngroup_titles = { talk = \"T\" }\n"),
        "");
}

TEST(Urls, OnlyAllowedSchemesAreLinkedAndOthersAreWarned) {
    EXPECT_EQ(
        codes("[[section.entry]]\ntitle = \"T\"\nurl = \"https://a.org\"\n"
              "details = \"[a](HTTP://a.org) [b](mailto:x@a.org) [c](tel:+1) [d](ftp://a)\"\n"),
        Codes{});
    EXPECT_EQ(codes("[[section.entry]]\ntitle = \"T\"\nurl = \"a.org\"\n"),
              Codes{"url-without-scheme"});
    EXPECT_EQ(codes("[[section.entry]]\ntitle = \"T\"\nurl = \"run:calc\"\n"),
              Codes{"url-scheme-not-allowed"});
    EXPECT_EQ(codes("[[section.entry]]\ntitle = \"[x](javascript:alert(1))\"\n"),
              Codes{"url-scheme-not-allowed"});
    EXPECT_EQ(codes("[[section.entry]]\ntitle = \"T\"\ndetails = \"[x](FILE:///etc/passwd)\"\n"),
              Codes{"url-scheme-not-allowed"});
    EXPECT_EQ(codes("[[section.entry]]\ntitle = \"P\"\nauthors = [\"Ada Lovelace\"]\n"
                    "code = \"file:x.pdf\"\n",
                    "publications"),
              Codes{"url-scheme-not-allowed"});
}

// A $...$ that looks like a formula but is not one cvtex prints is named; dollar amounts are not.
TEST(Validate, FormulasOutsideTheAllowListAreWarned) {
    EXPECT_EQ(codes("[[section.entry]]\ntitle = 'The $\\foo{x}$ problem'\n"),
              Codes{"math-unsupported"});
    EXPECT_EQ(codes("[[section.entry]]\ntitle = 'From $5 to $10, H$_2$O, $\\alpha$'\n"), Codes{});
}

}  // namespace
}  // namespace cvtex
