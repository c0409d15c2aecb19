// The diagnostics printer: the only place that turns diagnostics into text.
#include "cvtex/base/diagnostic_printer.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <map>
#include <vector>

#include "cvtex/base/utf8.hpp"

namespace cvtex {

namespace {

constexpr std::string_view bold = "\x1b[1m";
constexpr std::string_view red = "\x1b[1;31m";
constexpr std::string_view magenta = "\x1b[1;35m";
constexpr std::string_view green = "\x1b[1;32m";
constexpr std::string_view cyan = "\x1b[1;36m";
constexpr std::string_view reset = "\x1b[0m";

std::string_view severity_name(Severity s) {
    switch (s) {
        case Severity::error:
            return "error";
        case Severity::warning:
            return "warning";
        case Severity::note:
            return "note";
    }
    return "error";
}

// A character a terminal may act on: C0 controls, DEL and the C1 controls U+0080..U+009F
// (ESC starts escape sequences, CR rewrites the line, U+009B is CSI on some terminals).
bool is_control(char32_t cp) {
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

// User text (a file name, a message, a hint, a source line) made harmless for a terminal:
// every control character is shown as `\xNN`, and every invisible one (a zero-width space, a
// bidirectional control that would reverse the line) as `\u{202E}`, so that a key "na\u{200B}me"
// does not read as "name". In a source line a tab becomes one space.
// `columns`, when given, gets the display column (0-based) of each code point and, last, the
// display width, so the caret can be placed under the right character.
std::string printable(std::string_view text, bool source_line,
                      std::vector<std::size_t>* columns = nullptr) {
    std::string out;
    out.reserve(text.size());
    std::size_t column = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t start = i;
        const char32_t cp = utf8::decode(text, i);
        if (columns) columns->push_back(column);
        if (source_line && cp == '\t') {
            out += ' ';
            column += 1;
        } else if (is_control(cp) || (cp == 0xFFFD && i - start == 1)) {
            // An invalid byte is shown as itself, not passed on raw.
            const auto shown = cp == 0xFFFD ? static_cast<unsigned char>(text[start]) : cp;
            out += fmt::format("\\x{:02x}", static_cast<std::uint32_t>(shown));
            column += 4;
        } else if (utf8::is_invisible(cp)) {
            const std::string shown = fmt::format("\\u{{{:04X}}}", static_cast<std::uint32_t>(cp));
            out += shown;
            column += shown.size();
        } else {
            out += text.substr(start, i - start);
            column += 1;
        }
    }
    if (columns) columns->push_back(column);
    return out;
}

void source_excerpt(std::string& out, const Diagnostic& d, const SourceLines& lines, bool color) {
    if (!d.span.valid() || !lines) return;
    const std::string_view text = lines(d.file, d.span.line);
    if (text.empty()) return;
    const std::string number = fmt::format("{}", d.span.line);
    const std::string gutter(number.size() + 2, ' ');
    std::vector<std::size_t> columns;  // display column of each code point, then the width
    const std::string shown = printable(text, true, &columns);
    const std::size_t width = columns.size() - 1;
    const std::size_t col = std::min<std::size_t>(d.span.column, width + 1);
    std::size_t len = 1;
    if (d.span.end_line == d.span.line && d.span.end_column > d.span.column)
        len = d.span.end_column - d.span.column;
    len = std::max<std::size_t>(1, std::min(len, width + 1 - col + (col > width ? 1 : 0)));
    // From code points to display columns; past the end the caret stands one column further.
    auto display = [&](std::size_t cp) {
        return cp < columns.size() ? columns[cp] : columns.back() + (cp - width);
    };
    const std::size_t start = display(col - 1);
    const std::size_t end = std::max(display(col - 1 + len), start + 1);
    out += fmt::format(" {} | {}\n", number, shown);
    std::string marker = "^" + std::string(end - start - 1, '~');
    if (color) marker = fmt::format("{}{}{}", green, marker, reset);
    out += fmt::format("{}| {}{}\n", gutter, std::string(start, ' '), marker);
}

// 4553 -> "4,553".
std::string with_thousands(std::size_t n) {
    std::string digits = std::to_string(n);
    for (std::size_t i = digits.size(); i > 3; i -= 3) digits.insert(i - 3, ",");
    return digits;
}

}  // namespace

std::string format_text(const std::vector<Diagnostic>& diagnostics, const SourceLines& lines,
                        bool color) {
    // A large .bib can give the same warning thousands of times: after the first few of a
    // code, the rest are counted (errors are all printed; the JSON form has everything).
    constexpr std::size_t shown_per_code = 10;
    std::map<std::string, std::size_t> seen;
    std::string out;
    for (const auto& d : diagnostics) {
        if (d.severity == Severity::warning && ++seen[d.code] > shown_per_code) continue;
        std::string where = printable(d.file, false);
        if (d.span.valid()) where += fmt::format(":{}:{}", d.span.line, d.span.column);
        if (where.empty()) where = "cvtex";
        const std::string_view sev = severity_name(d.severity);
        if (color) {
            const auto sev_color = d.severity == Severity::error ? red : magenta;
            out += fmt::format("{}{}:{} {}{}:{} {}{}{}\n", bold, where, reset, sev_color, sev,
                               reset, bold, printable(d.message, false), reset);
        } else {
            out += fmt::format("{}: {}: {}\n", where, sev, printable(d.message, false));
        }
        source_excerpt(out, d, lines, color);
        for (const auto& raw_hint : d.hints) {
            const std::string h = printable(raw_hint, false);
            out += color ? fmt::format("{}hint:{} {}\n", cyan, reset, h)
                         : fmt::format("hint: {}\n", h);
        }
    }
    for (const auto& [code, n] : seen)
        if (n > shown_per_code)
            out += fmt::format(
                "cvtex: and {} more '{}' warnings (--diagnostics-format json lists them all)\n",
                with_thousands(n - shown_per_code), printable(code, false));
    return out;
}

std::string summary_line(const std::vector<Diagnostic>& diagnostics) {
    std::size_t errors = 0, warnings = 0;
    for (const auto& d : diagnostics) {
        if (d.severity == Severity::error) ++errors;
        if (d.severity == Severity::warning) ++warnings;
    }
    auto count = [](std::size_t n, std::string_view word) {
        return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
    };
    if (errors && warnings) return count(errors, "error") + ", " + count(warnings, "warning");
    if (errors) return count(errors, "error");
    if (warnings) return count(warnings, "warning");
    return {};
}

std::string format_json(const std::vector<Diagnostic>& diagnostics) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    std::size_t errors = 0, warnings = 0;
    for (const auto& d : diagnostics) {
        if (d.severity == Severity::error) ++errors;
        if (d.severity == Severity::warning) ++warnings;
        nlohmann::ordered_json j;
        j["severity"] = severity_name(d.severity);
        j["code"] = d.code;
        j["message"] = d.message;
        j["file"] = d.file;
        if (d.span.valid()) {
            j["start"] = {{"line", d.span.line}, {"column", d.span.column}};
            j["end"] = {{"line", d.span.end_line}, {"column", d.span.end_column}};
        } else {
            j["start"] = nullptr;
            j["end"] = nullptr;
        }
        j["hints"] = d.hints;
        list.push_back(std::move(j));
    }
    nlohmann::ordered_json doc;
    doc["version"] = 1;
    doc["errors"] = errors;
    doc["warnings"] = warnings;
    doc["diagnostics"] = std::move(list);
    return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace cvtex
