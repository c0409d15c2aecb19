// Inline markup parser: a recursive scan with delimiter matching, in the spirit of CommonMark;
// formulas ($...$) and code spans (`...`) are found first and are never cut by other markup.
#include "cvtex/read/markup.hpp"

#include <algorithm>

#include "cvtex/base/utf8.hpp"

namespace cvtex::markup {

namespace {

bool is_escapable(char c) {
    return c == '*' || c == '[' || c == ']' || c == '$' || c == '`';
}

constexpr std::size_t npos = std::string_view::npos;

// Deeper markers are text: recursion (here and in every walk of the tree) stays bounded.
constexpr int max_depth = 16;

// Finds the closing `delim` ("*" or "**") for an opener whose body starts at `from`, skipping
// escapes, formulas and code spans (`formula_end`, when given, holds for each '$' or '`' that
// opens one the index of the character that closes it). A closer is a run of stars after a
// non-space character. In a run of three or more ("***"), "**" closes with the last two stars and
// "*" with the last one, so nested emphasis such as "**bold *italic***" closes the inner span
// first. A run of exactly two never closes "*": it belongs to an inner bold.
std::size_t find_closer(std::string_view s, std::size_t from, std::string_view delim,
                        const std::vector<std::size_t>& formula_end) {
    std::size_t i = from;
    while (i < s.size()) {
        if (s[i] == '\\' && i + 1 < s.size() && is_escapable(s[i + 1])) {
            i += 2;
            continue;
        }
        if (!formula_end.empty() && formula_end[i] != npos) {
            i = formula_end[i] + 1;
            continue;
        }
        if (s[i] != '*') {
            ++i;
            continue;
        }
        std::size_t run = 0;
        while (i + run < s.size() && s[i + run] == '*') ++run;
        if (i > from && !utf8::is_blank(s[i - 1])) {
            if (delim == "**" && run >= 2) return i + run - 2;
            if (delim == "*" && run != 2) return i + run - 1;
        }
        i += run;
    }
    return npos;
}

void append_text(std::vector<Inline>& out, std::string_view t) {
    if (t.empty()) return;
    if (!out.empty() && out.back().kind == Inline::Kind::text)
        out.back().text += t;
    else
        out.push_back({Inline::Kind::text, std::string(t), {}, {}, {}});
}

bool is_alnum(char c) {
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

// The length of the bare URL ("https://..." or "http://...") that starts at `i`, or 0. It
// starts a word, runs to white space or a markup character, and leaves out what ends a
// sentence around it: final punctuation, quotes, and a ')' it did not open.
std::size_t bare_url(std::string_view s, std::size_t i) {
    if (i > 0 && (is_alnum(s[i - 1]) || s[i - 1] == '/' || s[i - 1] == '\\')) return 0;
    const std::string_view rest = s.substr(i);
    std::size_t scheme = 0;
    for (std::string_view prefix : {"https://", "http://"}) {
        if (rest.size() < prefix.size()) continue;
        bool same = true;
        for (std::size_t k = 0; k < prefix.size() && same; ++k)
            same = (rest[k] | 0x20) == prefix[k] || rest[k] == prefix[k];
        if (same) {
            scheme = prefix.size();
            break;
        }
    }
    if (!scheme) return 0;
    std::size_t end = scheme;
    while (end < rest.size() && !utf8::is_blank(rest[end]) &&
           std::string_view("<>\"`*[]$").find(rest[end]) == std::string_view::npos)
        ++end;
    while (end > scheme) {
        const char last = rest[end - 1];
        if (std::string_view(".,;:!?'").find(last) != std::string_view::npos) {
            --end;
            continue;
        }
        if (last == ')') {
            const std::string_view url = rest.substr(0, end);
            const auto opened = std::count(url.begin(), url.end(), '(');
            const auto closed = std::count(url.begin(), url.end(), ')');
            if (closed > opened) {
                --end;
                continue;
            }
        }
        break;
    }
    return end > scheme ? end : 0;
}

// One parse of one string (the top level, or the body of an emphasis or a link). The partners
// of every bracket and parenthesis are found in one pass, and a failed closer search is
// remembered, so the parse is linear in the length of the string.
class Parser {
  public:
    Parser(std::string_view s, int depth, std::vector<MathProblem>* problems, bool in_link = false)
        : s_(s), depth_(depth), problems_(problems), in_link_(in_link) {}
    void parse(std::vector<Inline>& out);

  private:
    void find_formulas();
    void mark_span(std::size_t open, std::size_t close);
    std::size_t formula(std::size_t i, std::vector<Inline>& out);
    void pair_brackets();
    std::size_t closer(std::size_t from, std::string_view delim);
    std::size_t match_link(std::size_t open, std::string_view& text, std::string_view& url) const;
    std::size_t emphasis(std::size_t i, Inline& node);
    std::size_t link(std::size_t i, Inline& node);

    std::string_view s_;
    int depth_;
    std::vector<MathProblem>* problems_;
    bool in_link_;                      // the text of a link, where a URL is not linked again
    std::vector<std::size_t> partner_;  // for each '[' its ']', for each '(' its ')'
    // For each '$' that opens a formula (or what looks like one), the '$' that closes it; for
    // each '`' that opens a code span, the '`' that closes it.
    std::vector<std::size_t> formula_end_;
    // A closer search for "*" / "**" failed from here. Scanners starting later visit the same
    // runs and escapes (a backslash escapes only '*', '[' and ']'), so they fail too.
    std::size_t failed_from_[2] = {npos, npos};
};

void Parser::mark_span(std::size_t open, std::size_t close) {
    if (formula_end_.empty()) formula_end_.assign(s_.size(), npos);
    formula_end_[open] = close;
}

// Code spans: a '`' opens one and the next '`' closes it; what is between is printed as typed
// (a backslash in it is a backslash). "``" and a '`' without a partner are text.
// Formulas: a '$' followed by a non-space opens one, and the next '$' closes it when it follows a
// non-space and is not followed by a digit; otherwise there is no formula there, and that '$'
// may open the next one ("$5 and $10" has none). "$$" is two dollars. Each '$' is looked at
// once or twice: the scan is linear.
void Parser::find_formulas() {
    std::size_t i = 0;
    while (i < s_.size()) {
        const char c = s_[i];
        if (c == '\\' && i + 1 < s_.size() && is_escapable(s_[i + 1])) {
            i += 2;
            continue;
        }
        if (c == '`') {
            const std::size_t close = s_.find('`', i + 1);
            if (close == npos) return;
            if (close > i + 1) mark_span(i, close);
            i = close + 1;
            continue;
        }
        if (c != '$') {
            ++i;
            continue;
        }
        if (i + 1 < s_.size() && s_[i + 1] == '$') {
            i += 2;
            continue;
        }
        if (i + 1 >= s_.size() || utf8::is_blank(s_[i + 1])) {
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        while (j < s_.size() && s_[j] != '$') j += s_[j] == '\\' ? 2 : 1;  // \$ is the formula's
        if (j >= s_.size()) return;
        const bool digit_after = j + 1 < s_.size() && s_[j + 1] >= '0' && s_[j + 1] <= '9';
        if (utf8::is_blank(s_[j - 1]) || digit_after) {
            i = j;  // no formula: this '$' may open the next one
            continue;
        }
        mark_span(i, j);
        i = j + 1;
    }
}

// The formula that opens at `i`: math when it parses, else the text as typed. Returns its end.
std::size_t Parser::formula(std::size_t i, std::vector<Inline>& out) {
    const std::size_t close = formula_end_[i];
    const std::string_view source = s_.substr(i + 1, close - i - 1);
    math::Parsed parsed = math::parse(source);
    if (parsed.ok) {
        Inline node{Inline::Kind::math, std::string(source), {}, {}, std::move(parsed.row)};
        out.push_back(std::move(node));
    } else {
        append_text(out, s_.substr(i, close - i + 1));
        if (problems_)
            problems_->push_back({std::string(s_.substr(i, close - i + 1)), parsed.problem});
    }
    return close + 1;
}

// Brackets pair as in a scan that counts depth, skipping escapes and formulas. Parentheses pair
// the same way, but white space ends any open one: a link URL holds no white space.
void Parser::pair_brackets() {
    partner_.assign(s_.size(), npos);
    std::vector<std::size_t> brackets, parens;
    for (std::size_t i = 0; i < s_.size(); ++i) {
        const char c = s_[i];
        if (!formula_end_.empty() && formula_end_[i] != npos) {
            i = formula_end_[i];
            continue;
        }
        if (c == '\\' && i + 1 < s_.size() && is_escapable(s_[i + 1])) {
            ++i;
        } else if (c == '[') {
            brackets.push_back(i);
        } else if (c == ']' && !brackets.empty()) {
            partner_[brackets.back()] = i;
            brackets.pop_back();
        }
        if (c == '(') {
            parens.push_back(i);
        } else if (c == ')' && !parens.empty()) {
            partner_[parens.back()] = i;
            parens.pop_back();
        } else if (c == ' ' || c == '\t' || c == '\n') {
            parens.clear();
        }
    }
}

std::size_t Parser::closer(std::size_t from, std::string_view delim) {
    std::size_t& failed = failed_from_[delim.size() - 1];
    if (from >= failed) return npos;
    const std::size_t close = find_closer(s_, from, delim, formula_end_);
    if (close == npos) failed = from;
    return close;
}

// Matches "[text](url)" starting at `open` (the '['); sets the parts and returns the end.
// Parentheses inside the URL must be balanced: [W](https://en.wikipedia.org/wiki/F_(x)).
std::size_t Parser::match_link(std::size_t open, std::string_view& text,
                               std::string_view& url) const {
    const std::size_t close_bracket = partner_[open];
    if (close_bracket == npos || close_bracket + 1 >= s_.size() || s_[close_bracket + 1] != '(')
        return npos;
    const std::size_t close = partner_[close_bracket + 1];
    if (close == npos || close == close_bracket + 2) return npos;
    url = s_.substr(close_bracket + 2, close - close_bracket - 2);
    text = s_.substr(open + 1, close_bracket - open - 1);
    return close + 1;
}

// The emphasis opened by the stars at `i`: sets `node` and returns where it ends, or npos
// when the stars are text.
std::size_t Parser::emphasis(std::size_t i, Inline& node) {
    const std::string_view delim = s_.substr(i, 2) == "**" ? "**" : "*";
    const std::size_t body = i + delim.size();
    if (body >= s_.size() || utf8::is_blank(s_[body])) return npos;
    const std::size_t close = closer(body, delim);
    if (close == npos) return npos;
    node = Inline{delim == "**" ? Inline::Kind::bold : Inline::Kind::italic, {}, {}, {}, {}};
    Parser(s_.substr(body, close - body), depth_ + 1, problems_, in_link_).parse(node.children);
    return close + delim.size();
}

// The link that starts at the '[' at `i`: sets `node` and returns where it ends, or npos.
std::size_t Parser::link(std::size_t i, Inline& node) {
    std::string_view text, url;
    const std::size_t end = match_link(i, text, url);
    if (end == npos) return npos;
    node = Inline{Inline::Kind::link, {}, std::string(url), {}, {}};
    Parser(text, depth_ + 1, problems_, true).parse(node.children);
    return end;
}

void Parser::parse(std::vector<Inline>& out) {
    const bool nest = depth_ < max_depth;
    // Formulas, code spans and the partners of brackets are looked for only when there can be
    // any.
    if (s_.find_first_of("$`") != npos) find_formulas();
    if (nest && s_.find('[') != npos) pair_brackets();
    std::size_t i = 0;
    std::size_t text_start = 0;
    auto flush = [&](std::size_t end) {
        append_text(out, s_.substr(text_start, end - text_start));
    };
    while (i < s_.size()) {
        const char c = s_[i];
        if (c == '\\' && i + 1 < s_.size() && is_escapable(s_[i + 1])) {
            flush(i);
            append_text(out, s_.substr(i + 1, 1));
            i += 2;
            text_start = i;
            continue;
        }
        if (c == '$' && !formula_end_.empty() && formula_end_[i] != npos) {
            flush(i);
            i = formula(i, out);
            text_start = i;
            continue;
        }
        if (c == '`' && !formula_end_.empty() && formula_end_[i] != npos) {
            flush(i);
            const std::size_t close = formula_end_[i];
            out.push_back(
                {Inline::Kind::code, std::string(s_.substr(i + 1, close - i - 1)), {}, {}, {}});
            i = close + 1;
            text_start = i;
            continue;
        }
        if ((c == 'h' || c == 'H') && !in_link_)
            if (const std::size_t length = bare_url(s_, i)) {
                flush(i);
                const std::string url(s_.substr(i, length));
                Inline node{Inline::Kind::link, {}, url, {}, {}};
                node.children.push_back({Inline::Kind::text, url, {}, {}, {}});
                out.push_back(std::move(node));
                i += length;
                text_start = i;
                continue;
            }
        Inline node;
        std::size_t end = npos;
        if (c == '*' && nest) {
            end = emphasis(i, node);
            // An unmatched run of stars is text; skip the whole run so "**" isn't reread as "*".
            if (end == npos) {
                i += s_.substr(i, 2) == "**" ? 2 : 1;
                continue;
            }
        } else if (c == '[' && nest) {
            end = link(i, node);
        }
        if (end == npos) {
            ++i;
            continue;
        }
        flush(i);
        out.push_back(std::move(node));
        i = end;
        text_start = i;
    }
    flush(s_.size());
}

void plain_into(const std::vector<Inline>& nodes, std::string& out) {
    for (const auto& n : nodes) {
        if (n.kind == Inline::Kind::text || n.kind == Inline::Kind::code)
            out += n.text;
        else if (n.kind == Inline::Kind::math)
            out += math::plain_text(n.formula);
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
    Parser(s, 0, nullptr).parse(out);
    return out;
}

std::vector<MathProblem> math_problems(std::string_view s) {
    std::vector<MathProblem> problems;
    if (s.find('$') == std::string_view::npos) return problems;
    std::vector<Inline> nodes;
    Parser(s, 0, &problems).parse(nodes);
    return problems;
}

std::string plain_text(std::string_view s) {
    std::string out;
    plain_into(parse(s), out);
    return out;
}

std::vector<std::string> links(std::string_view s) {
    std::vector<std::string> out;
    // No link without a '[' or a bare URL.
    if (s.find('[') == std::string_view::npos && s.find("://") == std::string_view::npos)
        return out;
    links_into(parse(s), out);
    return out;
}

}  // namespace cvtex::markup
