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

std::string format_when(const When& when, DateStyle style, const Locale& locale) {
    if (when.date) return format_date(*when.date, style, locale);
    if (!when.start && !when.end) return {};
    if (!when.start) return format_date(*when.end, style, locale);
    if (!when.end) return format_date(*when.start, style, locale);
    const Date& s = *when.start;
    const Date& e = *when.end;
    // "May – Aug 2019": the year is said once when both ends are months of the same year
    // (where the language writes the month first).
    std::string out;
    if (uses_month_names(style) && !e.present && s.year == e.year && s.month && e.month && !s.day &&
        !e.day) {
        if (s.month == e.month) return format_date(s, style, locale);
        if (locale.month_year.starts_with("{m}"))
            out += month_name(s.month, style, locale);
        else
            append_date(out, s, style, locale);
    } else {
        if (!e.present && s.year == e.year && !s.month && !e.month)
            return format_date(s, style, locale);
        append_date(out, s, style, locale);
    }
    out += ' ';
    out += en_dash;
    out += ' ';
    append_date(out, e, style, locale);
    return out;
}

int compare_dates(const Date& a, const Date& b) {
    if (a.present || b.present) return a.present == b.present ? 0 : (a.present ? 1 : -1);
    if (a.year != b.year) return a.year < b.year ? -1 : 1;
    if (a.month != b.month) return a.month < b.month ? -1 : 1;
    if (a.day != b.day) return a.day < b.day ? -1 : 1;
    return 0;
}

const Date* When::last() const {
    if (end) return &*end;
    if (date) return &*date;
    return start ? &*start : nullptr;
}

}  // namespace cvtex
