// Dates: parsing the forms the schema accepts and rendering them consistently.
#include "cvtex/model/dates.hpp"

#include <array>
#include <charconv>

namespace cvtex {

namespace {

constexpr std::string_view en_dash = "\xE2\x80\x93";

bool parse_number(std::string_view s, std::size_t digits, int& out) {
    if (s.size() != digits) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    std::from_chars(s.data(), s.data() + s.size(), out);
    return true;
}

// The month an English month name or its abbreviation ("Aug", "Sept", "August") stands
// for, in any case; 0 for anything else.
int month_of_name(std::string_view word) {
    if (word.ends_with('.')) word.remove_suffix(1);
    std::string lower(word);
    for (char& c : lower) c = static_cast<char>(c | 0x20);
    if (lower == "sept") return 9;
    for (std::size_t m = 0; m < 12; ++m) {
        std::string name(english_locale().months[m]);
        name[0] = static_cast<char>(name[0] | 0x20);
        if (lower == name || (lower.size() == 3 && name.starts_with(lower)))
            return static_cast<int>(m) + 1;
    }
    return 0;
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// "Aug 2020" or "August 2020".
std::optional<Date> parse_month_year(std::string_view text) {
    const auto space = text.find(' ');
    if (space == std::string_view::npos) return std::nullopt;
    const int month = month_of_name(text.substr(0, space));
    Date d;
    if (!month || !parse_number(trim(text.substr(space + 1)), 4, d.year)) return std::nullopt;
    d.month = month;
    if (!valid_date(d.year, d.month, 0)) return std::nullopt;
    return d;
}

// A text date's year (the first run of exactly four digits from 1000 to 9999) and, when it
// has one, the month its first English month name stands for.
void read_year_and_month(std::string_view text, Date& d) {
    for (std::size_t i = 0; i < text.size();) {
        if (!is_digit(text[i])) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && is_digit(text[end])) ++end;
        int year = 0;
        if (parse_number(text.substr(i, end - i), 4, year) && valid_date(year, 0, 0)) {
            d.year = year;
            break;
        }
        i = end;
    }
    if (!d.year) return;
    for (std::size_t i = 0; i < text.size();) {
        const bool letter = (text[i] | 0x20) >= 'a' && (text[i] | 0x20) <= 'z';
        if (!letter) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() &&
               (((text[end] | 0x20) >= 'a' && (text[end] | 0x20) <= 'z') || text[end] == '.'))
            ++end;
        if (const int m = month_of_name(text.substr(i, end - i))) {
            d.month = m;
            return;
        }
        i = end;
    }
}

// Text that is meant as words, not as a mistyped date: it has a letter (or any non-ASCII
// character) in it.
bool has_letter(std::string_view text) {
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return true;
    }
    return false;
}

bool is_leap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c;
}

// Other bytes (UTF-8's) must match exactly.
bool equals_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    return true;
}

bool starts_with_word(std::string_view text, std::string_view word) {
    return text.size() > word.size() && equals_ignoring_case(text.substr(0, word.size()), word) &&
           text[word.size()] == ' ';
}

const std::string& month_name(int month, DateStyle style, const Locale& locale) {
    const auto& names = style == DateStyle::long_month ? locale.months : locale.short_months;
    return names[static_cast<std::size_t>(month - 1)];
}

// Appends `n` in decimal, zero-padded to `width` digits as fmt's "{:02}" does. Dates are
// built by appending: the writer and the validator format one for almost every entry, and
// fmt's parsing of the format string was most of the cost.
void append_number(std::string& out, int n, std::size_t width = 0) {
    char digits[16];
    const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    const auto count = static_cast<std::size_t>(end - digits);
    if (n >= 0 && count < width) out.append(width - count, '0');
    out.append(digits, count);
}

// Appends `pattern` with {y} (year), {m} (month name), {d} (day), {M} and {D} (two digits).
void append_pattern(std::string& out, std::string_view pattern, const Date& date,
                    const std::string& month) {
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}') {
            switch (pattern[i + 1]) {
                case 'y':
                    append_number(out, date.year);
                    break;
                case 'm':
                    out += month;
                    break;
                case 'd':
                    append_number(out, date.day);
                    break;
                case 'M':
                    append_number(out, date.month, 2);
                    break;
                case 'D':
                    append_number(out, date.day, 2);
                    break;
                default:
                    out.append(pattern.substr(i, 3));
            }
            i += 2;
        } else {
            out += pattern[i];
        }
    }
}

void append_date(std::string& out, const Date& date, DateStyle style, const Locale& locale) {
    if (!date.text.empty()) {
        out += date.text;
        return;
    }
    if (date.expected) {
        out += locale.get("expected");
        out += ' ';
    }
    if (date.present) {
        out += locale.get("present");
        return;
    }
    if (date.month == 0) {
        append_number(out, date.year);
        return;
    }
    switch (style) {
        case DateStyle::numeric:  // 08/2020, 08/03/2020
            append_pattern(out,
                           date.day ? locale.numeric_day_month_year : locale.numeric_month_year,
                           date, {});
            return;
        case DateStyle::iso:  // 2020-08, 2020-08-03
            append_number(out, date.year);
            out += '-';
            append_number(out, date.month, 2);
            if (date.day) {
                out += '-';
                append_number(out, date.day, 2);
            }
            return;
        case DateStyle::short_month:  // Aug 2020, Aug 3, 2020
        case DateStyle::long_month:
            append_pattern(out, date.day ? locale.day_month_year : locale.month_year, date,
                           month_name(date.month, style, locale));
            return;
    }
}

bool uses_month_names(DateStyle style) {
    return style == DateStyle::short_month || style == DateStyle::long_month;
}

}  // namespace

bool valid_date(int year, int month, int day) {
    if (year < 1000 || year > 9999 || month < 0 || month > 12 || day < 0) return false;
    if (month == 0) return day == 0;
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const int max_day = days[month - 1] + (month == 2 && is_leap(year) ? 1 : 0);
    return day <= max_day;
}

std::optional<Date> parse_date(std::string_view text, bool allow_present,
                               std::string_view present_word) {
    if (allow_present && (equals_ignoring_case(text, "present") ||
                          (!present_word.empty() && equals_ignoring_case(text, present_word)))) {
        Date d;
        d.present = true;
        return d;
    }
    Date d;
    const auto first = text.find('-');
    if (!parse_number(text.substr(0, first), 4, d.year)) return std::nullopt;
    if (first != std::string_view::npos) {
        const auto rest = text.substr(first + 1);
        const auto second = rest.find('-');
        if (!parse_number(rest.substr(0, second), 2, d.month)) return std::nullopt;
        if (second != std::string_view::npos && !parse_number(rest.substr(second + 1), 2, d.day))
            return std::nullopt;
        if (d.month == 0) return std::nullopt;
        if (second != std::string_view::npos && d.day == 0) return std::nullopt;
    }
    if (!valid_date(d.year, d.month, d.day)) return std::nullopt;
    return d;
}

std::optional<Date> read_date(std::string_view text, bool allow_present, bool allow_text,
                              std::string_view present_word) {
    if (auto d = parse_date(text, allow_present, present_word)) return d;
    if (!allow_text) return std::nullopt;
    const std::string_view trimmed = trim(text);
    if (auto d = parse_month_year(trimmed)) return d;
    bool expected = false;
    std::string_view rest = trimmed;
    if (starts_with_word(rest, "expected")) {
        expected = true;
        rest = trim(rest.substr(8));
        auto d = parse_date(rest, false);
        if (!d) d = parse_month_year(rest);
        if (d) {
            d->expected = true;
            return d;
        }
    }
    if (!has_letter(trimmed) || equals_ignoring_case(trimmed, "present") ||
        (!present_word.empty() && equals_ignoring_case(trimmed, present_word)))
        return std::nullopt;
    Date d;
    d.text = std::string(trimmed);
    d.expected = expected;
    read_year_and_month(trimmed, d);
    return d;
}

std::string format_date(const Date& date, DateStyle style, const Locale& locale) {
    std::string out;
    append_date(out, date, style, locale);
    return out;
}

std::string format_letter_date(const Date& date, const Locale& locale) {
    std::string out;
    if (!date.month)
        append_number(out, date.year);
    else
        append_pattern(out, date.day ? locale.day_month_year : locale.month_year, date,
                       month_name(date.month, DateStyle::long_month, locale));
    return out;
}

namespace {

// "expected May 2027" as the whole of a date's text starts with a capital (an ASCII letter
// of the language's word for "expected").
std::string capitalized(std::string s, const Locale& locale) {
    const std::string& word = locale.get("expected");
    if (s.starts_with(word + ' ') && s[0] >= 'a' && s[0] <= 'z')
        s[0] = static_cast<char>(s[0] & ~0x20);
    return s;
}

bool plain_date(const Date& d) {
    return d.text.empty() && !d.expected && !d.present;
}

}  // namespace

std::string format_when(const When& when, DateStyle style, const Locale& locale) {
    if (when.date) return capitalized(format_date(*when.date, style, locale), locale);
    if (!when.start && !when.end) return {};
    if (!when.start) return capitalized(format_date(*when.end, style, locale), locale);
    if (!when.end) return capitalized(format_date(*when.start, style, locale), locale);
    const Date& s = *when.start;
    const Date& e = *when.end;
    // "May – Aug 2019": the year is said once when both ends are months of the same year
    // (where the language writes the month first).
    std::string out;
    if (uses_month_names(style) && plain_date(s) && plain_date(e) && s.year == e.year && s.month &&
        e.month && !s.day && !e.day) {
        if (s.month == e.month) return format_date(s, style, locale);
        if (locale.month_year.starts_with("{m}"))
            out += month_name(s.month, style, locale);
        else
            append_date(out, s, style, locale);
    } else {
        if (plain_date(s) && plain_date(e) && s.year == e.year && !s.month && !e.month)
            return format_date(s, style, locale);
        append_date(out, s, style, locale);
    }
    out += ' ';
    out += en_dash;
    out += ' ';
    append_date(out, e, style, locale);
    return capitalized(std::move(out), locale);
}

int compare_dates(const Date& a, const Date& b) {
    if (a.present || b.present) return a.present == b.present ? 0 : (a.present ? 1 : -1);
    if (a.year != b.year) return a.year < b.year ? -1 : 1;
    if (a.month != b.month) return a.month < b.month ? -1 : 1;
    if (a.day != b.day) return a.day < b.day ? -1 : 1;
    return 0;
}

bool before_today(const Date& date, const Date& today) {
    if (date.present || !date.year) return false;
    Date t = today;
    if (!date.month) t.month = 0;
    if (!date.day) t.day = 0;
    return compare_dates(date, t) < 0;
}

const Date* When::last() const {
    if (end) return &*end;
    if (date) return &*date;
    return start ? &*start : nullptr;
}

}  // namespace cvtex
