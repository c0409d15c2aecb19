// Unit tests for date parsing and formatting.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <array>

#include "cvtex/model/dates.hpp"

namespace cvtex {
namespace {

Date d(int y, int m = 0, int day = 0) {
    return Date{y, m, day};
}

TEST(ParseDate, AcceptsTheThreeForms) {
    auto y = parse_date("2020", false);
    ASSERT_TRUE(y);
    EXPECT_EQ(y->year, 2020);
    EXPECT_EQ(y->month, 0);
    auto ym = parse_date("2020-08", false);
    ASSERT_TRUE(ym);
    EXPECT_EQ(ym->month, 8);
    auto ymd = parse_date("2020-02-29", false);
    ASSERT_TRUE(ymd);
    EXPECT_EQ(ymd->day, 29);
}

TEST(ParseDate, RejectsImpossibleDates) {
    for (const char* bad : {"2020-13", "2020-00", "2019-02-29", "2020-04-31", "20", "2020-8",
                            "2020/08", "Aug 2020", "", "2020-08-", "12345", "2020-08-01T00"})
        EXPECT_FALSE(parse_date(bad, true)) << bad;
}

TEST(ParseDate, PresentOnlyWhenAllowed) {
    EXPECT_FALSE(parse_date("present", false));
    auto p = parse_date("Present", true);
    ASSERT_TRUE(p);
    EXPECT_TRUE(p->present);
}

TEST(FormatDate, Styles) {
    EXPECT_EQ(format_date(d(2020, 8), DateStyle::short_month), "Aug 2020");
    EXPECT_EQ(format_date(d(2020, 8), DateStyle::long_month), "August 2020");
    EXPECT_EQ(format_date(d(2020, 8), DateStyle::numeric), "08/2020");
    EXPECT_EQ(format_date(d(2020, 8), DateStyle::iso), "2020-08");
    EXPECT_EQ(format_date(d(2020), DateStyle::long_month), "2020");
    EXPECT_EQ(format_date(d(2020, 8, 3), DateStyle::short_month), "Aug 3, 2020");
    EXPECT_EQ(format_date(d(2020, 8, 3), DateStyle::iso), "2020-08-03");
}

// Dates are built by appending digits; fmt's format strings are the reference.
TEST(FormatDate, AgreesWithFmtForEveryStyle) {
    const std::array<std::string_view, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (int year : {0, 7, 999, 1000, 2020, 9999, 12345, -5})
        for (int month = 0; month <= 12; ++month)
            for (int day : {0, 1, 9, 10, 31}) {
                Date date{.year = year, .month = month, .day = month ? day : 0};
                const std::string m = month ? std::string(months[month - 1]) : "";
                const std::string year_only = fmt::format("{}", year);
                EXPECT_EQ(format_date(date, DateStyle::numeric),
                          !month ? year_only
                          : day  ? fmt::format("{:02}/{:02}/{}", month, day, year)
                                 : fmt::format("{:02}/{}", month, year));
                EXPECT_EQ(format_date(date, DateStyle::iso),
                          !month ? year_only
                          : day  ? fmt::format("{}-{:02}-{:02}", year, month, day)
                                 : fmt::format("{}-{:02}", year, month));
                EXPECT_EQ(format_date(date, DateStyle::short_month),
                          !month ? year_only
                          : day  ? fmt::format("{} {}, {}", m, day, year)
                                 : fmt::format("{} {}", m, year));
            }
}

TEST(FormatWhen, RangesUseAnEnDashAndShareTheYear) {
    When same_year{std::nullopt, d(2019, 5), d(2019, 8)};
    EXPECT_EQ(format_when(same_year, DateStyle::long_month), "May \u2013 August 2019");
    When spans{std::nullopt, d(2020, 8), Date{0, 0, 0, true}};
    EXPECT_EQ(format_when(spans, DateStyle::short_month), "Aug 2020 \u2013 Present");
    When years{std::nullopt, d(2015), d(2020)};
    EXPECT_EQ(format_when(years, DateStyle::short_month), "2015 \u2013 2020");
    When iso{std::nullopt, d(2019, 5), d(2019, 8)};
    EXPECT_EQ(format_when(iso, DateStyle::iso), "2019-05 \u2013 2019-08");
    When single{d(2020, 8), std::nullopt, std::nullopt};
    EXPECT_EQ(format_when(single, DateStyle::long_month), "August 2020");
}

TEST(CompareDates, PresentIsLatest) {
    EXPECT_LT(compare_dates(d(2019, 5), d(2019, 8)), 0);
    EXPECT_GT(compare_dates(Date{0, 0, 0, true}, d(9999, 12)), 0);
    EXPECT_EQ(compare_dates(d(2019), d(2019)), 0);
}

// Entries' dates: month names, "expected", and text (read_date with allow_text).
TEST(ReadDate, TakesMonthNamesInAnyCase) {
    for (const char* s : {"Aug 2020", "August 2020", "aug 2020", "AUGUST 2020", "Aug. 2020"}) {
        const auto d = read_date(s, false, true);
        ASSERT_TRUE(d) << s;
        EXPECT_EQ(d->year, 2020) << s;
        EXPECT_EQ(d->month, 8) << s;
        EXPECT_TRUE(d->text.empty()) << s;
    }
    const auto sept = read_date("Sept 2019", false, true);
    ASSERT_TRUE(sept);
    EXPECT_EQ(sept->month, 9);
    EXPECT_TRUE(sept->text.empty());
}

TEST(ReadDate, ExpectedMarksAStructuredDate) {
    for (const char* s : {"expected 2027-05", "Expected May 2027", "expected   May 2027"}) {
        const auto d = read_date(s, false, true);
        ASSERT_TRUE(d) << s;
        EXPECT_TRUE(d->expected) << s;
        EXPECT_TRUE(d->text.empty()) << s;
        EXPECT_EQ(d->year, 2027) << s;
        EXPECT_EQ(d->month, 5) << s;
    }
    EXPECT_EQ(format_date(*read_date("expected 2027-05", false, true), DateStyle::long_month),
              "expected May 2027");
}

TEST(ReadDate, TextKeepsItsWordsAndGivesItsYearAndMonth) {
    const auto summer = read_date("Summer 2019", false, true);
    ASSERT_TRUE(summer);
    EXPECT_EQ(summer->text, "Summer 2019");
    EXPECT_EQ(summer->year, 2019);
    EXPECT_EQ(summer->month, 0);
    const auto mid = read_date("mid-March 2021 (online)", false, true);
    ASSERT_TRUE(mid);
    EXPECT_EQ(mid->year, 2021);
    EXPECT_EQ(mid->month, 3);
    const auto none = read_date("Every spring", false, true);
    ASSERT_TRUE(none);
    EXPECT_EQ(none->year, 0);
    // A number that is not a year (five digits, or out of range) is not read as one.
    EXPECT_EQ(read_date("Term 12345", false, true)->year, 0);
    EXPECT_EQ(read_date("Week 12, 2022", false, true)->year, 2022);
    const auto expected_text = read_date("expected Fall 2027", false, true);
    ASSERT_TRUE(expected_text);
    EXPECT_TRUE(expected_text->expected);
    EXPECT_EQ(expected_text->text, "expected Fall 2027");
}

TEST(ReadDate, RejectsWhatOnlyLooksLikeADate) {
    // No letter: a mistyped date, not words.
    for (const char* bad : {"2020-13", "08/2020", "2020/08", "", "   ", "20200", "12.2020"})
        EXPECT_FALSE(read_date(bad, true, true)) << bad;
    // "present" stays an end's keyword, and text is only taken where it is allowed.
    EXPECT_FALSE(read_date("present", false, true));
    EXPECT_FALSE(read_date("Summer 2019", true, false));
    EXPECT_FALSE(read_date("Aug 2020", true, false));
}

TEST(FormatWhen, TextAndExpectedDates) {
    const When text{{}, read_date("Summer 2019", false, true), read_date("Fall 2020", true, true)};
    EXPECT_EQ(format_when(text, DateStyle::short_month), "Summer 2019 – Fall 2020");
    // Never shortened to "Sep – expected May 2027", and "expected" starts with a capital
    // only when it starts the whole text.
    const When expected{
        {}, parse_date("2027-01", false), read_date("expected 2027-05", true, true)};
    EXPECT_EQ(format_when(expected, DateStyle::short_month), "Jan 2027 – expected May 2027");
    const When one{read_date("expected 2027-05", false, true), {}, {}};
    EXPECT_EQ(format_when(one, DateStyle::iso), "Expected 2027-05");
}

TEST(BeforeToday, ComparesAtTheDatesOwnPrecision) {
    const Date today{2026, 3, 15};
    EXPECT_FALSE(before_today(d(2026), today));
    EXPECT_FALSE(before_today(d(2026, 3), today));
    EXPECT_TRUE(before_today(d(2026, 2), today));
    EXPECT_TRUE(before_today(d(2026, 3, 14), today));
    EXPECT_TRUE(before_today(d(2025), today));
    EXPECT_FALSE(before_today(*read_date("Every spring", false, true), today));
}

}  // namespace
}  // namespace cvtex
