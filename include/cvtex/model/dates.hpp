// Parsing and formatting of dates and date ranges.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cvtex/model/locale.hpp"
#include "cvtex/model/model.hpp"

namespace cvtex {

/// Parses "YYYY", "YYYY-MM", "YYYY-MM-DD" and, when `allow_present`, "present" or
/// `present_word` (the language's, e.g. "heute"; ASCII letters in any case).
/// Returns nullopt for anything else, including impossible months and days.
std::optional<Date> parse_date(std::string_view text, bool allow_present,
                               std::string_view present_word = {});

/// Reads a date as an entry may write it: what parse_date() reads, a month's English name and
/// the year ("Aug 2020", "August 2020"), either after "expected " (a date still to come) and,
/// when `allow_text`, text with a letter in it ("Summer 2019"), kept as written with the year
/// and month read from it where it has them. `present_word` as for parse_date(). Returns
/// nullopt for anything else.
std::optional<Date> read_date(std::string_view text, bool allow_present, bool allow_text,
                              std::string_view present_word = {});

/// True when (year, month, day) is a real calendar date (month/day 0 mean "not given").
bool valid_date(int year, int month, int day);

/// "Aug 2020", "August 2020", "08/2020" or "2020-08", as the style says.
std::string format_date(const Date& date, DateStyle style, const Locale& locale = english_locale());

/// A single date, or "start – end" with the en dash. Ranges within one year share the year
/// ("May – Aug 2019") in the month-name styles. Returns UTF-8 plain text.
std::string format_when(const When& when, DateStyle style, const Locale& locale = english_locale());

/// A date as a letter shows it: "November 15, 2026" (or "November 2026", "2026").
std::string format_letter_date(const Date& date, const Locale& locale = english_locale());

/// True when `date` is before `today` at its own precision: 2026 is not before any day of 2026.
/// A text without a year, or "present", never is.
bool before_today(const Date& date, const Date& today);

/// Compares two dates by year, month, day; unknown parts count as earliest. "present" is last.
int compare_dates(const Date& a, const Date& b);

}  // namespace cvtex
