// Inline markup parser: a recursive scan with delimiter matching, in the spirit of CommonMark.
#include "cvtex/markup.hpp"

namespace cvtex::markup {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_escapable(char c) { return c == '*' || c == '[' || c == ']'; }

// Finds the closing `delim` ("*" or "**") for an opener whose body starts at `from`, skipping
// escapes. A closer is a run of stars after a non-space character. In a run of three or more
// ("***"), "**" closes with the last two stars and "*" with the last one, so nested emphasis
// such as "**bold *italic***" closes the inner span first. A run of exactly two never closes
// "*": it belongs to an inner bold.
std::size_t find_closer(std::string_view s, std::size_t from, std::string_view delim) {
    std::size_t i = from;
    while (i < s.size()) {
        if (s[i] == '\\' && i + 1 < s.size() && is_escapable(s[i + 1])) {
            i += 2;
            continue;
        }
        if (s[i] != '*') {
            ++i;
            continue;
        }
        std::size_t run = 0;
        while (i + run < s.size() && s[i + run] == '*') ++run;
        if (i > from && !is_space(s[i - 1])) {
            if (delim == "**" && run >= 2) return i + run - 2;
            if (delim == "*" && run != 2) return i + run - 1;
        }
        i += run;
    }
    return std::string_view::npos;
}

// Matches "[text](url)" starting at `open` (the '['); sets the parts and returns the end.
std::size_t match_link(std::string_view s, std::size_t open, std::string_view& text,
                       std::string_view& url) {
    int depth = 0;
    for (std::size_t i = open; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size() && is_escapable(s[i + 1])) {
            ++i;
        } else if (s[i] == '[') {
            ++depth;
        } else if (s[i] == ']' && --depth == 0) {
            if (i + 1 >= s.size() || s[i + 1] != '(') return std::string_view::npos;
            const std::size_t close = s.find(')', i + 2);
            if (close == std::string_view::npos) return std::string_view::npos;
            url = s.substr(i + 2, close - i - 2);
            if (url.empty() || url.find_first_of(" \t\n") != std::string_view::npos)
                return std::string_view::npos;
            text = s.substr(open + 1, i - open - 1);
            return close + 1;
        }
    }
    return std::string_view::npos;
}

void append_text(std::vector<Inline>& out, std::string_view t) {
    if (t.empty()) return;
    if (!out.empty() && out.back().kind == Inline::Kind::text)
        out.back().text += t;
    else
        out.push_back({Inline::Kind::text, std::string(t), {}, {}});
}

void parse_into(std::string_view s, std::vector<Inline>& out) {
    std::size_t i = 0;
    std::size_t text_start = 0;
    auto flush = [&](std::size_t end) { append_text(out, s.substr(text_start, end - text_start)); };
    while (i < s.size()) {
        const char c = s[i];
        if (c == '\\' && i + 1 < s.size() && is_escapable(s[i + 1])) {
            flush(i);
            append_text(out, s.substr(i + 1, 1));
            i += 2;
            text_start = i;
            continue;
        }
        if (c == '*') {
            const std::string_view delim = s.substr(i, 2) == "**" ? "**" : "*";
            const std::size_t body = i + delim.size();
            if (body < s.size() && !is_space(s[body])) {
                const std::size_t close = find_closer(s, body, delim);
                if (close != std::string_view::npos) {
                    flush(i);
                    Inline node{delim == "**" ? Inline::Kind::bold : Inline::Kind::italic, {}, {},
                                {}};
                    parse_into(s.substr(body, close - body), node.children);
                    out.push_back(std::move(node));
                    i = close + delim.size();
                    text_start = i;
                    continue;
                }
            }
            // An unmatched run of stars is text; skip the whole run so "**" isn't reread as "*".
            i = body;
            continue;
        }
        if (c == '[') {
            std::string_view text, url;
            const std::size_t end = match_link(s, i, text, url);
            if (end != std::string_view::npos) {
                flush(i);
                Inline node{Inline::Kind::link, {}, std::string(url), {}};
                parse_into(text, node.children);
                out.push_back(std::move(node));
                i = end;
                text_start = i;
                continue;
            }
        }
        ++i;
    }
    flush(s.size());
}

void plain_into(const std::vector<Inline>& nodes, std::string& out) {
    for (const auto& n : nodes) {
        if (n.kind == Inline::Kind::text)
            out += n.text;
        else
            plain_into(n.children, out);
    }
}

void links_into(const std::vector<Inline>& nodes, std::vector<std::string>& out) {
    for (const auto& n : nodes) {
        if (n.kind == Inline::Kind::link) out.push_back(n.url);
        links_into(n.children, out);
    }
}

}  // namespace

std::vector<Inline> parse(std::string_view s) {
    std::vector<Inline> out;
    parse_into(s, out);
    return out;
}

std::string plain_text(std::string_view s) {
    std::string out;
    plain_into(parse(s), out);
    return out;
}

std::vector<std::string> links(std::string_view s) {
    std::vector<std::string> out;
    links_into(parse(s), out);
    return out;
}

}  // namespace cvtex::markup
