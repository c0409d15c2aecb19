// Locales: month names, the word for "present", how dates are written, and every fixed
// string cvtex prints, per language.
#pragma once

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cvtex {

/// One built-in language. Its `strings` need not hold every key: a key it lacks is English.
struct LocaleInfo {
    std::string_view code;     ///< "de"
    std::string_view name;     ///< "German"
    std::string_view babel;    ///< babel's name for it, "ngerman"
    std::string_view package;  ///< the Debian package with its babel file and hyphenation
    /// For a language written right to left, babel's name of it for the layout ("arabic").
    std::string_view rtl;
    std::array<std::string_view, 12> months, short_months;
    /// Dates with month names: {m} month, {d} day, {y} year.
    std::string_view month_year, day_month_year;
    /// Numeric dates: {M} and {D} are two digits.
    std::string_view numeric_month_year, numeric_day_month_year;
    /// key -> text; the keys are those of English (locale_keys()).
    std::vector<std::pair<std::string_view, std::string_view>> strings;
};

/// Every built-in language, English first.
const std::vector<LocaleInfo>& builtin_locales();
/// The built-in language of `code`, or nullptr.
const LocaleInfo* find_locale(std::string_view code);
/// Every string key, in English's order, and the month keys ("january", "jan", ...).
std::vector<std::string> locale_keys();

/// The strings of one document: its language's, English where the language has none, and
/// the overrides of [settings.strings].
struct Locale {
    std::string code = "en";
    std::string babel;  ///< empty for English
    std::string package;
    std::string rtl;  ///< LocaleInfo::rtl
    std::array<std::string, 12> months, short_months;
    std::string month_year, day_month_year, numeric_month_year, numeric_day_month_year;
    std::map<std::string, std::string, std::less<>> strings;

    /// English.
    Locale();
    /// `code`'s strings (English for a code that is not built in); the keys the language
    /// lacks are added to `missing`.
    static Locale of(std::string_view code, std::vector<std::string>* missing = nullptr);
    /// `info`'s strings, English for the keys it lacks (added to `missing`).
    static Locale from(const LocaleInfo& info, std::vector<std::string>* missing = nullptr);
    /// Replaces one string (a key of locale_keys()); false for an unknown key.
    bool set(std::string_view key, std::string value);
    /// The string of `key` (a key of English's table).
    const std::string& get(std::string_view key) const;
};

/// English, shared.
const Locale& english_locale();

}  // namespace cvtex
