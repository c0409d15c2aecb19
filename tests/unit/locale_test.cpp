// Unit tests for the built-in locales, their dates and the overrides of [settings.strings].
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "cvtex/check/schema.hpp"
#include "cvtex/model/dates.hpp"
#include "cvtex/model/locale.hpp"
#include "cvtex/model/model.hpp"

namespace cvtex {
namespace {

Date d(int y, int m = 0, int day = 0) {
    return Date{y, m, day};
}

TEST(Locale, EveryBuiltInLanguageHasEveryStringOfEnglish) {
    for (const auto& info : builtin_locales()) {
        std::vector<std::string> missing;
        Locale::from(info, &missing);
        EXPECT_TRUE(missing.empty()) << info.code << " lacks " << missing.front();
        std::set<std::string_view> keys;
        for (const auto& [key, text] : info.strings) {
            EXPECT_TRUE(keys.insert(key).second) << info.code << ": " << key << " twice";
            EXPECT_FALSE(text.empty()) << info.code << ": " << key;
        }
        for (const auto& m : info.months) EXPECT_FALSE(m.empty()) << info.code;
        for (const auto& m : info.short_months) EXPECT_FALSE(m.empty()) << info.code;
    }
}

TEST(Locale, TheTwelveLanguagesOfTheIssueAndHebrewAreBuiltIn) {
    for (const char* code :
         {"en", "de", "fr", "es", "it", "pt", "nl", "pl", "tr", "zh", "ja", "ar", "he"})
        EXPECT_NE(find_locale(code), nullptr) << code;
    EXPECT_EQ(find_locale("klingon"), nullptr);
}

TEST(Locale, TheSchemaOffersExactlyTheBuiltInLanguages) {
    const FieldSpec* f = root_schema().find("settings")->table->find("language");
    ASSERT_NE(f, nullptr);
    std::vector<std::string_view> codes;
    for (const auto& info : builtin_locales()) codes.push_back(info.code);
    EXPECT_EQ(f->choices, codes);
}

TEST(Locale, AStringTheLanguageLacksIsEnglishAndReported) {
    LocaleInfo partial = *find_locale("de");
    partial.strings.erase(partial.strings.begin());  // "present"
    std::vector<std::string> missing;
    const Locale l = Locale::from(partial, &missing);
    EXPECT_EQ(missing, std::vector<std::string>{"present"});
    EXPECT_EQ(l.get("present"), "Present");
    EXPECT_EQ(l.get("gpa"), "Note");
}

TEST(Locale, OverridesReplaceWordsAndMonths) {
    Locale l = Locale::of("de");
    EXPECT_TRUE(l.set("present", "bis heute"));
    EXPECT_TRUE(l.set("march", "Maerz"));
    EXPECT_TRUE(l.set("may_short", "Mai."));
    EXPECT_FALSE(l.set("presnet", "x"));
    EXPECT_EQ(l.get("present"), "bis heute");
    EXPECT_EQ(format_date(d(2022, 3), DateStyle::long_month, l), "Maerz 2022");
    EXPECT_EQ(format_date(d(2022, 5), DateStyle::short_month, l), "Mai. 2022");
    const When ongoing{.start = d(2020, 1), .end = Date{.present = true}};
    EXPECT_EQ(format_when(ongoing, DateStyle::iso, l), "2020-01 \u2013 bis heute");
}

TEST(Locale, EveryKeyCanBeOverridden) {
    for (const auto& key : locale_keys()) {
        Locale l;
        EXPECT_TRUE(l.set(key, "X")) << key;
    }
}

TEST(LocaleDates, GermanWritesDayDotMonthAndNumericWithDots) {
    const Locale de = Locale::of("de");
    EXPECT_EQ(format_date(d(2022, 3), DateStyle::long_month, de), "März 2022");
    EXPECT_EQ(format_date(d(2022, 3), DateStyle::short_month, de), "März 2022");
    EXPECT_EQ(format_date(d(2020, 8, 3), DateStyle::short_month, de), "3. Aug. 2020");
    EXPECT_EQ(format_date(d(2020, 8, 3), DateStyle::numeric, de), "03.08.2020");
    EXPECT_EQ(format_date(d(2020, 8), DateStyle::numeric, de), "08.2020");
    EXPECT_EQ(format_date(d(2020, 8, 3), DateStyle::iso, de), "2020-08-03");
    EXPECT_EQ(format_when(When{.start = d(2019, 5), .end = d(2019, 8)}, DateStyle::short_month, de),
              "Mai \u2013 Aug. 2019");
    EXPECT_EQ(format_when(When{.start = d(2019, 5), .end = Date{.present = true}},
                          DateStyle::long_month, de),
              "Mai 2019 \u2013 heute");
    EXPECT_EQ(format_letter_date(d(2026, 11, 15), de), "15. November 2026");
}

TEST(LocaleDates, FrenchSpanishChineseAndArabic) {
    EXPECT_EQ(format_date(d(2020, 8, 3), DateStyle::long_month, Locale::of("fr")), "3 août 2020");
    EXPECT_EQ(format_date(d(2020, 8, 3), DateStyle::numeric, Locale::of("fr")), "03/08/2020");
    EXPECT_EQ(format_letter_date(d(2026, 11, 15), Locale::of("es")), "15 de noviembre de 2026");
    const Locale zh = Locale::of("zh");
    EXPECT_EQ(format_date(d(2020, 8, 3), DateStyle::long_month, zh), "2020年8月3日");
    // The year comes first: a range within one year keeps it at both ends.
    EXPECT_EQ(format_when(When{.start = d(2019, 5), .end = d(2019, 8)}, DateStyle::short_month, zh),
              "2019年5月 \u2013 2019年8月");
    EXPECT_EQ(format_date(d(2020, 8), DateStyle::numeric, zh), "2020/08");
    EXPECT_EQ(format_date(Date{.present = true}, DateStyle::short_month, Locale::of("ar")),
              "حتى الآن");
}

TEST(LocaleDates, EnglishIsAsBefore) {
    EXPECT_EQ(format_date(d(2020, 8, 3), DateStyle::short_month), "Aug 3, 2020");
    EXPECT_EQ(format_date(d(2020, 8, 3), DateStyle::numeric), "08/03/2020");
    EXPECT_EQ(format_letter_date(d(2026, 11, 15)), "November 15, 2026");
    EXPECT_EQ(format_when(When{.start = d(2019, 5), .end = d(2019, 8)}, DateStyle::short_month),
              "May \u2013 Aug 2019");
}

TEST(LocaleDates, TheLanguagesWordForPresentIsAnEnd) {
    for (const char* word : {"heute", "Heute", "HEUTE", "present"}) {
        auto p = parse_date(word, true, "heute");
        ASSERT_TRUE(p) << word;
        EXPECT_TRUE(p->present);
    }
    EXPECT_FALSE(parse_date("heute", true));
    EXPECT_FALSE(parse_date("heute", false, "heute"));
    auto fr = parse_date("Présent", true, "présent");
    ASSERT_TRUE(fr);
    EXPECT_TRUE(fr->present);
    EXPECT_FALSE(parse_date("PRÉSENT", true, "présent"));  // only ASCII letters fold
}

// The words entries print (issue 15's labels) come from the language; a section's `labels`
// still win.
TEST(LocaleLabels, EveryEntryLabelIsAStringOfEveryLanguage) {
    const auto keys = locale_keys();
    for (const auto& l : entry_labels()) {
        EXPECT_NE(std::find(keys.begin(), keys.end(), l.locale_key), keys.end()) << l.locale_key;
        EXPECT_FALSE(l.english().empty()) << l.key;
        for (const auto& info : builtin_locales()) {
            if (info.code == "en") continue;
            std::vector<std::string> missing;
            Locale::from(info, &missing);
            EXPECT_EQ(std::find(missing.begin(), missing.end(), l.locale_key), missing.end())
                << info.code << " lacks " << l.locale_key;
        }
    }
}

TEST(LocaleLabels, LabelsAreTheLanguagesUnlessTheSectionRenamesThem) {
    Section s;
    const Locale de = Locale::of("de");
    EXPECT_EQ(label_text(s, "talks", "invited", de).value, "Eingeladen");
    EXPECT_EQ(label_text(s, "education", "gpa", de).value, "Note");
    EXPECT_EQ(label_text(s, "certifications", "expires", de).value, "G\u00fcltig bis");
    EXPECT_EQ(label_text(s, "talks", "invited", english_locale()).value, "Invited");
    s.labels.push_back({"invited", Text{"Auf Einladung", {}}});
    EXPECT_EQ(label_text(s, "talks", "invited", de).value, "Auf Einladung");
}

TEST(LocaleDates, ExpectedIsInTheLanguage) {
    Date may = d(2027, 5);
    may.expected = true;
    EXPECT_EQ(format_when(When{.date = may}, DateStyle::long_month), "Expected May 2027");
    EXPECT_EQ(format_when(When{.date = may}, DateStyle::long_month, Locale::of("de")),
              "Voraussichtlich Mai 2027");
    EXPECT_EQ(format_when(When{.date = may}, DateStyle::long_month, Locale::of("fr")),
              "Pr\u00e9vu mai 2027");
}

}  // namespace
}  // namespace cvtex
