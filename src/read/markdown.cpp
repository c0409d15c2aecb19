// Markdown to the model's blocks with md4c's callbacks. md4c hands over pointers into the
// text it parses, so every piece of text knows where it was written.
#include "cvtex/read/markdown.hpp"

#include <fmt/format.h>
#include <md4c.h>

#include <algorithm>
#include <cstdlib>

#include "cvtex/base/utf8.hpp"
#include "cvtex/read/math.hpp"

namespace cvtex {

namespace {

bool is_key_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == ':' || c == '.' || c == '-' || c == '/' || c == '+';
}

// The entities Markdown writers use; others stay as written.
std::string decode_entity(std::string_view e) {
    if (e == "&amp;") return "&";
    if (e == "&lt;") return "<";
    if (e == "&gt;") return ">";
    if (e == "&quot;") return "\"";
    if (e == "&apos;") return "'";
    if (e == "&nbsp;") return "\u00A0";
    if (e == "&ndash;") return "\u2013";
    if (e == "&mdash;") return "\u2014";
    if (e.size() > 3 && e[1] == '#') {
        const bool hex = e[2] == 'x' || e[2] == 'X';
        const std::string digits(e.substr(hex ? 3 : 2, e.size() - (hex ? 4 : 3)));
        const unsigned long cp = std::strtoul(digits.c_str(), nullptr, hex ? 16 : 10);
        if (cp > 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF)) {
            std::string out;
            utf8::append(out, static_cast<char32_t>(cp));
            return out;
        }
    }
    return std::string(e);
}

class Reader {
  public:
    Reader(std::string_view text, const TextOrigin& origin, DiagnosticSink& sink)
        : text_(text), origin_(origin), sink_(sink) {}

    Body run();

  private:
    static int enter_block(MD_BLOCKTYPE type, void* detail, void* self) {
        static_cast<Reader*>(self)->enter(type, detail);
        return 0;
    }
    static int leave_block(MD_BLOCKTYPE type, void*, void* self) {
        static_cast<Reader*>(self)->leave(type);
        return 0;
    }
    static int enter_span(MD_SPANTYPE type, void* detail, void* self) {
        static_cast<Reader*>(self)->enter(type, detail);
        return 0;
    }
    static int leave_span(MD_SPANTYPE type, void*, void* self) {
        static_cast<Reader*>(self)->leave(type);
        return 0;
    }
    static int on_text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* self) {
        static_cast<Reader*>(self)->text(type, std::string_view(text, size));
        return 0;
    }

    void enter(MD_BLOCKTYPE type, void* detail);
    void leave(MD_BLOCKTYPE type);
    void enter(MD_SPANTYPE type, void* detail);
    void leave(MD_SPANTYPE type);
    void text(MD_TEXTTYPE type, std::string_view text);

    Block& open_block(Block::Kind kind);
    bool open_level();
    void close_level();
    std::vector<Inline>& inlines();
    void add_text(std::string text, Span span);
    Span span_at(const char* p);
    void warn_once(std::string_view what, const char* where);
    void math_span(Inline& m, std::string_view dollars);

    std::string_view text_;
    TextOrigin origin_;
    DiagnosticSink& sink_;
    Body body_;
    std::vector<std::vector<Block>*> block_targets_;  // where the next block goes
    std::vector<Block*> lists_;                       // open lists, innermost last
    std::vector<std::vector<Inline>*> inline_targets_;
    std::vector<bool> implicit_paragraph_;  // per list item: text without a P block
    bool warned_image_ = false, warned_table_ = false;
    const char* math_end_ = nullptr;  // where the last formula's text ended
    bool cell_in_row_ = false;
    bool table_pending_ = false;  // the first table is warned about at its first text
    // Nesting is bounded: lists and quotes as LaTeX allows them (deeper ones are flattened
    // into the deepest level), spans so that no body can exhaust the stack of the stages
    // that walk the tree (100,000 nested quotes or emphases did).
    struct {
        std::size_t offset = 0;      // where span_at() counted to
        std::uint32_t newlines = 0;  // before it
        std::size_t points = 0;      // code points from its line's start to it
    } at_;
    std::vector<bool> level_opened_;  // per open list or quote: a level of its own?
    std::vector<bool> span_opened_;   // per open span: an inline of its own?
    int levels_ = 0;
    bool deep_pending_ = false, warned_deep_ = false;
};

// LaTeX nests lists and quotes (its list environments) at most six deep.
constexpr int max_block_levels = 6;
// Emphasis, links and code inside each other; deeper spans add their text to the 16th.
constexpr std::size_t max_span_levels = 16;

// Line and column of a pointer into the text, as the origin counts them. md4c reports text in
// order, so the count goes on from the place asked for last: counting from the start each
// time made a body of many short pieces quadratic (100,000 emphases took minutes).
Span Reader::span_at(const char* p) {
    if (p < text_.data() || p > text_.data() + text_.size()) return {};
    const auto offset = static_cast<std::size_t>(p - text_.data());
    if (offset < at_.offset) at_ = {};
    const std::string_view chunk = text_.substr(at_.offset, offset - at_.offset);
    if (const auto last_newline = chunk.rfind('\n'); last_newline == std::string_view::npos) {
        at_.points += utf8::length(chunk);
    } else {
        at_.newlines += static_cast<std::uint32_t>(std::count(chunk.begin(), chunk.end(), '\n'));
        at_.points = utf8::length(chunk.substr(last_newline + 1));
    }
    at_.offset = offset;
    const auto points = static_cast<std::uint32_t>(at_.points);
    const std::uint32_t column = at_.newlines ? points + 1 : origin_.column + points;
    return Span::at(origin_.line + at_.newlines, column, 1, origin_.file);
}

Block& Reader::open_block(Block::Kind kind) {
    auto& target = *block_targets_.back();
    target.push_back(Block{});
    target.back().kind = kind;
    return target.back();
}

// Where running text goes: the open paragraph or span, or a paragraph of its own in a list
// item of a tight list (md4c sends no P block there).
std::vector<Inline>& Reader::inlines() {
    if (!implicit_paragraph_.empty() && !implicit_paragraph_.back() &&
        (inline_targets_.empty() || inline_targets_.size() < implicit_paragraph_.size())) {
        Block& p = open_block(Block::Kind::paragraph);
        inline_targets_.push_back(&p.inlines);
        implicit_paragraph_.back() = true;
    }
    return *inline_targets_.back();
}

// Text joins the text before it on the same line (md4c sends "[" and "@key]" apart); a new
// line starts a new piece, so that a column counted from a piece's start stays true.
void Reader::add_text(std::string text, Span span) {
    auto& target = inlines();
    if (!target.empty() && target.back().kind == Inline::Kind::text &&
        (!span.valid() || target.back().span.line == span.line)) {
        target.back().text += text;
        return;
    }
    Inline i;
    i.kind = Inline::Kind::text;
    i.text = std::move(text);
    i.span = span;
    target.push_back(std::move(i));
}

void Reader::warn_once(std::string_view what, const char* where) {
    sink_.warning("markdown-unsupported", origin_.path, span_at(where), std::string(what))
        .hints.push_back("say it in the text instead");
}

void Reader::enter(MD_BLOCKTYPE type, void* detail) {
    switch (type) {
        case MD_BLOCK_DOC:
            block_targets_.push_back(&body_.blocks);
            break;
        case MD_BLOCK_P:
        case MD_BLOCK_H:
        case MD_BLOCK_CODE:
        case MD_BLOCK_HTML:
        case MD_BLOCK_TABLE: {
            Block& b = open_block(type == MD_BLOCK_H      ? Block::Kind::heading
                                  : type == MD_BLOCK_CODE ? Block::Kind::code
                                                          : Block::Kind::paragraph);
            if (type == MD_BLOCK_H)
                b.level = static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
            if (type == MD_BLOCK_TABLE && !warned_table_) table_pending_ = true;
            inline_targets_.push_back(&b.inlines);
            break;
        }
        case MD_BLOCK_UL:
        case MD_BLOCK_OL:
            // Too deep: its items become paragraphs where the list would have been.
            if (!open_level()) {
                lists_.push_back(nullptr);
                break;
            }
            lists_.push_back(
                &open_block(type == MD_BLOCK_UL ? Block::Kind::bullets : Block::Kind::numbered));
            break;
        case MD_BLOCK_LI:
            if (lists_.back()) {
                lists_.back()->items.emplace_back();
                block_targets_.push_back(&lists_.back()->items.back());
            } else {
                block_targets_.push_back(block_targets_.back());
            }
            implicit_paragraph_.push_back(false);
            break;
        case MD_BLOCK_QUOTE: {
            if (!open_level()) {
                block_targets_.push_back(block_targets_.back());
                break;
            }
            Block& q = open_block(Block::Kind::quote);
            block_targets_.push_back(&q.children);
            break;
        }
        case MD_BLOCK_TD:
        case MD_BLOCK_TH:
            // A table is shown as lines of text, its cells separated by " | ".
            if (!cell_in_row_)
                cell_in_row_ = true;
            else
                add_text(" | ", {});
            break;
        default:  // thematic breaks
            break;
    }
}

void Reader::leave(MD_BLOCKTYPE type) {
    switch (type) {
        case MD_BLOCK_QUOTE:
            close_level();
            block_targets_.pop_back();
            break;
        case MD_BLOCK_DOC:
            block_targets_.pop_back();
            break;
        case MD_BLOCK_P:
        case MD_BLOCK_H:
        case MD_BLOCK_CODE:
        case MD_BLOCK_HTML:
        case MD_BLOCK_TABLE:
            inline_targets_.pop_back();
            break;
        case MD_BLOCK_UL:
        case MD_BLOCK_OL:
            close_level();
            lists_.pop_back();
            break;
        case MD_BLOCK_LI:
            if (implicit_paragraph_.back()) inline_targets_.pop_back();
            implicit_paragraph_.pop_back();
            block_targets_.pop_back();
            break;
        case MD_BLOCK_TR: {
            cell_in_row_ = false;
            Inline br;
            br.kind = Inline::Kind::line_break;
            inlines().push_back(br);
            break;
        }
        default:
            break;
    }
}

// A list or quote one level deeper, unless that is too deep (then its content joins the level
// it is in, and the first such place is warned about).
bool Reader::open_level() {
    const bool opened = levels_ < max_block_levels;
    level_opened_.push_back(opened);
    if (opened)
        ++levels_;
    else if (!warned_deep_)
        deep_pending_ = true;
    return opened;
}

void Reader::close_level() {
    if (level_opened_.back()) --levels_;
    level_opened_.pop_back();
}

void Reader::enter(MD_SPANTYPE type, void* detail) {
    if (span_opened_.size() >= max_span_levels) {
        span_opened_.push_back(false);
        inline_targets_.push_back(&inlines());
        return;
    }
    span_opened_.push_back(true);
    Inline i;
    switch (type) {
        case MD_SPAN_STRONG:
            i.kind = Inline::Kind::bold;
            break;
        case MD_SPAN_EM:
        case MD_SPAN_U:
            i.kind = Inline::Kind::italic;
            break;
        case MD_SPAN_A: {
            const auto& href = static_cast<MD_SPAN_A_DETAIL*>(detail)->href;
            i.kind = Inline::Kind::link;
            i.url.assign(href.text, href.size);
            break;
        }
        case MD_SPAN_CODE:
            i.kind = Inline::Kind::code;
            break;
        case MD_SPAN_LATEXMATH:
        case MD_SPAN_LATEXMATH_DISPLAY:
            i.kind = Inline::Kind::math;
            break;
        case MD_SPAN_IMG:
            if (!warned_image_)
                warn_once("images are not shown in letters and statements; their description is",
                          static_cast<MD_SPAN_IMG_DETAIL*>(detail)->src.text);
            warned_image_ = true;
            i.kind = Inline::Kind::italic;  // its alt text stands in for it
            break;
        default:  // strike-through and the like: the text itself
            i.kind = Inline::Kind::italic;
            break;
    }
    auto& target = inlines();
    target.push_back(std::move(i));
    inline_targets_.push_back(&target.back().children);
}

void Reader::leave(MD_SPANTYPE type) {
    // md4c 0.4.8 (Debian 12) leaves an emphasis it never entered in "[](*)*"; reading on from
    // a span that is not open went outside the list of open ones (found by the fuzzer).
    if (span_opened_.empty()) return;
    const bool opened = span_opened_.back();
    span_opened_.pop_back();
    if (!opened) {
        inline_targets_.pop_back();
        return;
    }
    Inline& closed = *(inline_targets_.end()[-2])->rbegin();
    inline_targets_.pop_back();
    if (closed.kind == Inline::Kind::math) {
        math_span(closed, type == MD_SPAN_LATEXMATH_DISPLAY ? "$$" : "$");
        return;
    }
    // A code span holds its text, not children.
    if (closed.kind == Inline::Kind::code) {
        for (const auto& c : closed.children) closed.text += c.text;
        if (!closed.children.empty()) closed.span = closed.children.front().span;
        closed.children.clear();
    } else if (!closed.children.empty()) {
        closed.span = closed.children.front().span;
    }
}

// A formula, `$...$` or `$$...$$`, read with the math allow-list; one that is not on it is
// printed as typed, with a warning (as in TOML text and .bib fields). As there, pandoc's rule
// decides what a `$` is (math::dollar_may_open/close): "$5 and $10" is money, not math (md4c
// alone would take "5 and " as math).
void Reader::math_span(Inline& m, std::string_view dollars) {
    std::string source;
    for (const auto& c : m.children) source += c.text;
    if (!m.children.empty()) m.span = m.children.front().span;
    m.children.clear();
    const char* after = math_end_ ? math_end_ + dollars.size() : nullptr;
    const char next = after && after < text_.data() + text_.size() ? *after : '\0';
    if (source.empty() || !math::dollar_may_open(source.front()) ||
        !math::dollar_may_close(source.back(), next)) {
        m.kind = Inline::Kind::text;
        m.text = fmt::format("{}{}{}", dollars, source, dollars);
        return;
    }
    const math::Parsed parsed = math::parse(source);
    if (parsed.ok) {
        m.text = std::move(source);
        return;
    }
    m.kind = Inline::Kind::text;
    m.text = fmt::format("{}{}{}", dollars, source, dollars);
    sink_
        .warning(
            "math-unsupported", origin_.path, m.span,
            fmt::format("'{}' is printed as text, not as a formula: {}", m.text, parsed.problem))
        .hints.push_back(
            "formulas may use the commands listed in docs/escaping.md; write \\$ for a dollar "
            "sign");
}

void Reader::text(MD_TEXTTYPE type, std::string_view t) {
    const Span span = span_at(t.data());
    if (table_pending_) {
        table_pending_ = false;
        warned_table_ = true;
        warn_once("tables are printed as lines of text in letters and statements", t.data());
    }
    if (deep_pending_) {
        deep_pending_ = false;
        warned_deep_ = true;
        sink_
            .warning("markdown-too-deep", origin_.path, span,
                     fmt::format("lists and quotes are nested more than {} deep here; the "
                                 "deeper ones are shown at the {}th level",
                                 max_block_levels, max_block_levels))
            .hints.push_back("LaTeX nests lists and quotes at most six deep");
    }
    switch (type) {
        case MD_TEXT_BR: {
            Inline br;
            br.kind = Inline::Kind::line_break;
            br.span = span;
            inlines().push_back(br);
            return;
        }
        case MD_TEXT_SOFTBR:
            add_text(" ", span);
            return;
        case MD_TEXT_ENTITY:
            add_text(decode_entity(t), span);
            return;
        case MD_TEXT_NULLCHAR:
            add_text("\uFFFD", span);
            return;
        default:
            break;
    }
    if (type == MD_TEXT_LATEXMATH) math_end_ = t.data() + t.size();
    // Inside a code block, text is the code itself.
    if (!block_targets_.empty() && !block_targets_.back()->empty() &&
        block_targets_.back()->back().kind == Block::Kind::code && !inline_targets_.empty() &&
        inline_targets_.back() == &block_targets_.back()->back().inlines) {
        Block& code = block_targets_.back()->back();
        if (code.text.empty()) code.span = span;
        code.text += t;
        return;
    }
    add_text(std::string(t), span);
}

// `[@key]` and `[@a; @b]` in the text of `inlines` become citations (recursively).
void find_citations(std::vector<Inline>& inlines);

// The citation that starts at `at` ("[@"), or nullopt; `end` receives the byte after it.
std::optional<Inline> citation_at(const Inline& text, std::size_t at, std::size_t& end) {
    const std::string& s = text.text;
    Inline c;
    c.kind = Inline::Kind::citation;
    std::size_t i = at + 1;
    while (true) {
        while (i < s.size() && s[i] == ' ') ++i;
        if (i >= s.size() || s[i] != '@') return std::nullopt;
        const std::size_t start = ++i;
        while (i < s.size() && is_key_char(s[i])) ++i;
        // A key ends with a letter or digit ("[@key.]" cites "key").
        std::size_t key_end = i;
        while (key_end > start && !is_key_char(s[key_end - 1])) --key_end;
        if (key_end == start) return std::nullopt;
        Span span = text.span;
        span.column +=
            static_cast<std::uint32_t>(utf8::length(std::string_view(s).substr(0, start - 1)));
        span.end_column = span.column + static_cast<std::uint32_t>(key_end - start + 1);
        c.keys.push_back(Text{s.substr(start, key_end - start), span});
        while (i < s.size() && s[i] == ' ') ++i;
        if (i < s.size() && s[i] == ']') {
            end = i + 1;
            c.span = text.span;
            c.span.column +=
                static_cast<std::uint32_t>(utf8::length(std::string_view(s).substr(0, at)));
            return c;
        }
        if (i >= s.size() || (s[i] != ';' && s[i] != ',')) return std::nullopt;
        ++i;
    }
}

void split_citations(std::vector<Inline>& inlines, std::size_t k) {
    const Inline text = inlines[k];
    std::vector<Inline> parts;
    std::size_t from = 0;
    for (std::size_t at = text.text.find("[@"); at != std::string::npos;
         at = text.text.find("[@", at + 1)) {
        std::size_t end = 0;
        auto c = citation_at(text, at, end);
        if (!c) continue;
        if (at > from) {
            Inline before = text;
            before.text = text.text.substr(from, at - from);
            before.span.column += static_cast<std::uint32_t>(
                utf8::length(std::string_view(text.text).substr(0, from)));
            parts.push_back(std::move(before));
        }
        parts.push_back(std::move(*c));
        from = end;
        at = end - 1;
    }
    if (parts.empty()) return;
    if (from < text.text.size()) {
        Inline after = text;
        after.text = text.text.substr(from);
        after.span.column +=
            static_cast<std::uint32_t>(utf8::length(std::string_view(text.text).substr(0, from)));
        parts.push_back(std::move(after));
    }
    inlines.erase(inlines.begin() + static_cast<std::ptrdiff_t>(k));
    inlines.insert(inlines.begin() + static_cast<std::ptrdiff_t>(k), parts.begin(), parts.end());
}

void find_citations(std::vector<Inline>& inlines) {
    for (std::size_t k = 0; k < inlines.size(); ++k) {
        Inline& i = inlines[k];
        if (i.kind == Inline::Kind::text && i.text.find("[@") != std::string::npos) {
            const std::size_t before = inlines.size();
            split_citations(inlines, k);
            k += inlines.size() - before;
        } else if (i.kind != Inline::Kind::link) {
            find_citations(i.children);
        }
    }
}

void find_citations(std::vector<Block>& blocks) {
    for (auto& b : blocks) {
        find_citations(b.inlines);
        find_citations(b.children);
        for (auto& item : b.items) find_citations(item);
    }
}

Body Reader::run() {
    MD_PARSER parser{};
    parser.abi_version = 0;
    parser.flags = MD_FLAG_NOHTML | MD_FLAG_PERMISSIVEAUTOLINKS | MD_FLAG_STRIKETHROUGH |
                   MD_FLAG_TABLES | MD_FLAG_LATEXMATHSPANS;
    parser.enter_block = enter_block;
    parser.leave_block = leave_block;
    parser.enter_span = enter_span;
    parser.leave_span = leave_span;
    parser.text = on_text;
    md_parse(text_.data(), static_cast<MD_SIZE>(text_.size()), &parser, this);
    find_citations(body_.blocks);
    return std::move(body_);
}

}  // namespace

Body read_markdown(std::string_view text, const TextOrigin& origin, DiagnosticSink& sink) {
    return Reader(text, origin, sink).run();
}

}  // namespace cvtex
