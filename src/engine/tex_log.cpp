// Reading the TeX log: the first error shortened, warnings worth knowing, reruns, formats
// that failed to load.
#include "cvtex/engine/tex_log.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <regex>

namespace cvtex {

// The engine's own messages for a format it cannot load (web2c's texmfmp.c and tex.ch), not
// any text that mentions formats: a TeX error in the document must not cost the cache.
bool format_failed_to_load(std::string_view engine_output) {
    return engine_output.find("I can't find the format file `cvtex-") != std::string_view::npos ||
           engine_output.find("fatal: Could not undump") != std::string_view::npos ||
           engine_output.find("(Fatal format file error; I'm stymied)") != std::string_view::npos ||
           (engine_output.find("---! ") != std::string_view::npos &&            // "---! F.fmt was
            engine_output.find(" was written by ") != std::string_view::npos);  // written by X"
}

bool log_wants_rerun(std::string_view log) {
    return log.find("Rerun to get") != std::string_view::npos ||
           log.find("Label(s) may have changed") != std::string_view::npos ||
           log.find("Please rerun LaTeX") != std::string_view::npos;
}

int log_page_count(std::string_view log) {
    constexpr std::string_view written = "Output written on ";
    const auto at = log.rfind(written);
    if (at == std::string_view::npos) return 0;
    const auto open = log.find(" (", at);
    if (open == std::string_view::npos || log.find('\n', at) < open) return 0;
    int pages = 0;
    const char* first = log.data() + open + 2;
    const auto [end, ec] = std::from_chars(first, log.data() + log.size(), pages);
    const std::string_view rest(end, static_cast<std::size_t>(log.data() + log.size() - end));
    return ec == std::errc() && rest.starts_with(" page") ? pages : 0;
}

namespace {

std::uint32_t to_u32(std::string_view s) {
    std::uint32_t v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

std::vector<std::string_view> split_lines(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (pos <= s.size()) {
        const auto end = s.find('\n', pos);
        out.push_back(s.substr(pos, end == std::string_view::npos ? s.npos : end - pos));
        if (end == std::string_view::npos) break;
        pos = end + 1;
    }
    return out;
}

std::string basename_of(std::string_view path) {
    const auto slash = path.rfind('/');
    return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

}  // namespace

namespace {

// "LaTeX Error: Foo." -> "foo"; "Package x Error: Foo" -> "package x: foo".
std::string short_error(std::string text) {
    static const std::regex origin(R"(^(?:LaTeX|(Package|Class) (\S+)) Error: (.*)$)");
    std::smatch m;
    if (std::regex_match(text, m, origin)) {
        std::string who = m[1].matched ? fmt::format("{} {}: ", m[1].str(), m[2].str()) : "";
        if (!who.empty())
            who[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(who[0])));
        return who + short_error(m[3].str());
    }
    // "Undefined control sequence" -> "undefined ...", but "TeX capacity" and "DVI" stay.
    const std::string_view first_word = std::string_view(text).substr(0, text.find(' '));
    if (first_word.size() > 1 && std::isupper(static_cast<unsigned char>(text[0])) &&
        std::none_of(first_word.begin() + 1, first_word.end(),
                     [](char c) { return std::isupper(static_cast<unsigned char>(c)); }))
        text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    while (!text.empty() && (text.back() == '.' || text.back() == ' ')) text.pop_back();
    return text;
}

bool is_follow_up(std::string_view text) {
    while (text.starts_with(' ')) text.remove_prefix(1);
    return text.starts_with("Emergency stop") || text.starts_with("==> Fatal error occurred") ||
           text.starts_with("Job aborted");
}

// Adds an error, or folds an "Emergency stop" into the error before it (which, when TeX
// printed it in the "! ..." form, learns its file and line from the stop).
void add_error(std::vector<TexMessage>& out, TexMessage msg) {
    const auto previous = std::find_if(out.rbegin(), out.rend(), [](const TexMessage& m) {
        return m.kind == TexMessage::Kind::error;
    });
    if (is_follow_up(msg.text) && previous != out.rend()) {
        if (previous->file.empty()) previous->file = msg.file;
        if (previous->line == 0) previous->line = msg.line;
        return;
    }
    msg.text = short_error(std::move(msg.text));
    out.push_back(std::move(msg));
}

// The line number of the "l.N ..." context line that follows an error, 0 if none.
std::uint32_t context_line(const std::vector<std::string_view>& lines, std::size_t from) {
    for (std::size_t j = from; j < lines.size() && j < from + 40; ++j) {
        if (lines[j].starts_with("l.")) return to_u32(lines[j].substr(2));
        if (lines[j].starts_with("! ")) break;
    }
    return 0;
}

// XeTeX and LuaTeX name the character and its code point: "中 (U+4E2D)".
std::string missing_glyph(const std::string& what) {
    static const std::regex named(R"(^(.+) \(U\+[0-9A-F]{4,6}\)$)");
    std::smatch m;
    return std::regex_match(what, m, named) ? m[1].str() : std::string();
}

}  // namespace

std::vector<TexMessage> parse_tex_log(std::string_view log) {
    static const std::regex file_line_error(
        // A path without spaces: the box displays of overfull lines quote the user's text
        // ("[]\T1/lmr/m/n/10.95 see notes.tex:12: oops"), which must not read as an error.
        R"(^((?:\./|/)?[^ \[\]]+\.(?:tex|cls|sty|def|cfg|fd|ltx)):(\d+): (.*)$)");
    static const std::regex overfull(
        R"(^Overfull \\hbox \(([0-9.]+)pt too wide\).* (?:lines (\d+)--\d+|detected at line (\d+)))");
    static const std::regex overfull_v(R"(^Overfull \\vbox \(([0-9.]+)pt too high\))");
    static const std::regex latex_warning(
        R"(^((?:LaTeX|Package|Class) ?[^ ]* Warning: .*?)(?: on input line (\d+)\.)?$)");
    static const std::regex missing(R"(^Missing character: There is no (.*) in font (.*)!$)");
    std::vector<TexMessage> out;
    const auto lines = split_lines(log);
    std::smatch m;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string l(lines[i]);
        if (std::regex_match(l, m, file_line_error)) {
            TexMessage msg{TexMessage::Kind::error, m[3].str(), basename_of(m[1].str()),
                           to_u32(m[2].str()), 0};
            // "Undefined control sequence" names the culprit at the end of the next line.
            if (msg.text.starts_with("Undefined control sequence") && i + 1 < lines.size()) {
                const std::string_view next = lines[i + 1];
                const auto bs = next.rfind('\\');
                if (bs != std::string_view::npos)
                    msg.text = fmt::format("undefined control sequence {}", next.substr(bs));
            }
            add_error(out, std::move(msg));
        } else if (l.starts_with("! ")) {
            add_error(out,
                      {TexMessage::Kind::error, l.substr(2), "", context_line(lines, i + 1), 0});
        } else if (std::regex_search(l, m, overfull)) {
            out.push_back({TexMessage::Kind::overfull, l, "",
                           to_u32(m[2].matched ? m[2].str() : m[3].str()), std::stod(m[1].str())});
        } else if (std::regex_search(l, m, overfull_v)) {
            out.push_back({TexMessage::Kind::overfull, l, "", 0, std::stod(m[1].str())});
        } else if (std::regex_match(l, m, missing)) {
            out.push_back({TexMessage::Kind::missing_character,
                           fmt::format("no glyph for {} in font {}", m[1].str(), m[2].str()), "", 0,
                           0, missing_glyph(m[1].str())});
        } else if (l.find("Warning: ") != std::string::npos &&
                   std::regex_match(l, m, latex_warning)) {
            out.push_back({TexMessage::Kind::warning, m[1].str(), "",
                           m[2].matched ? to_u32(m[2].str()) : 0, 0});
        }
    }
    return out;
}

}  // namespace cvtex
