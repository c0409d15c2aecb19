// The BibTeX reader: a hand-written recursive-descent parser that keeps positions and
// recovers after a malformed entry.
#include "cvtex/read/bibtex.hpp"

#include <fmt/format.h>

#include "cvtex/base/utf8.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>

namespace cvtex::bibtex {

const Field* Entry::field(std::string_view name) const {
    for (const auto& f : fields)
        if (f.name == name) return &f;
    return nullptr;
}

namespace {

// Characters BibTeX allows in entry types, field names, keys of @string and macro names.
bool is_name_char(char c) {
    return !utf8::is_blank(c) && c != '"' && c != '#' && c != '%' && c != '\'' && c != '(' &&
           c != ')' && c != ',' && c != '=' && c != '{' && c != '}' && c != '@' &&
           static_cast<unsigned char>(c) > ' ';
}

class Parser {
  public:
    Parser(const SourceFile& source, DiagnosticSink& sink)
        : s_(source.text()), path_(source.path()), file_(source.id()), sink_(sink) {
        static constexpr const char* months[] = {"January",   "February", "March",    "April",
                                                 "May",       "June",     "July",     "August",
                                                 "September", "October",  "November", "December"};
        for (const char* m : months)
            macros_[utf8::ascii_lower(std::string_view(m).substr(0, 3))] = m;
    }

    Database run() {
        while (!stopped_) {
            while (i_ < s_.size() && s_[i_] != '@') advance();
            if (i_ >= s_.size()) break;
            item();
        }
        return std::move(db_);
    }

  private:
    struct Pos {
        std::size_t offset = 0;
        std::uint32_t line = 1;
        std::size_t line_start = 0;
    };

    Pos here() const { return {i_, line_, line_start_}; }
    void seek(const Pos& p) {
        i_ = p.offset;
        line_ = p.line;
        line_start_ = p.line_start;
    }
    bool at_end() const { return i_ >= s_.size(); }
    char peek() const { return at_end() ? '\0' : s_[i_]; }
    void advance() {
        if (s_[i_] == '\n') {
            ++line_;
            line_start_ = i_ + 1;
        }
        ++i_;
    }
    void skip_blanks() {
        while (!at_end() && utf8::is_blank(s_[i_])) advance();
    }
    // Between the parts of an entry, also skip `%` comments, which many files have there.
    void skip_blanks_and_comments() {
        for (;;) {
            skip_blanks();
            if (peek() != '%') return;
            while (!at_end() && s_[i_] != '\n') advance();
        }
    }

    // A span of `bytes` bytes at `p`, clipped to its line; columns count code points.
    Span span(const Pos& p, std::size_t bytes = 1) const {
        const std::string_view line = std::string_view(s_).substr(p.line_start);
        const std::size_t col = utf8::length(line.substr(0, p.offset - p.line_start)) + 1;
        std::string_view token = std::string_view(s_).substr(p.offset, bytes);
        token = token.substr(0, token.find('\n'));
        const std::size_t len = std::max<std::size_t>(1, utf8::length(token));
        return Span::at(p.line, static_cast<std::uint32_t>(col), static_cast<std::uint32_t>(len),
                        file_);
    }

    Diagnostic& error(std::string code, const Pos& p, std::size_t bytes, std::string message) {
        return sink_.error(std::move(code), path_, span(p, bytes), std::move(message));
    }
    Diagnostic& warning(std::string code, Span at, std::string message) {
        return sink_.warning(std::move(code), path_, at, std::move(message));
    }

    // True when the '@' at `offset` is the first thing on its line.
    bool starts_line(std::size_t offset) const {
        while (offset > 0 && (s_[offset - 1] == ' ' || s_[offset - 1] == '\t')) --offset;
        return offset == 0 || s_[offset - 1] == '\n';
    }

    // After an error: go on at the next '@' that starts a line (possibly the current one).
    void recover() {
        while (!at_end() && !(s_[i_] == '@' && starts_line(i_))) advance();
    }

    // At a newline inside a value: does the next line start a new entry ("@type{")? Then the
    // value is a runaway, and its missing close is reported instead of swallowing the file.
    bool next_line_starts_entry() const {
        std::size_t j = i_ + 1;
        while (j < s_.size() && (s_[j] == ' ' || s_[j] == '\t')) ++j;
        if (j >= s_.size() || s_[j] != '@') return false;
        ++j;
        const std::size_t name = j;
        while (j < s_.size() && is_name_char(s_[j])) ++j;
        if (j == name) return false;
        while (j < s_.size() && (s_[j] == ' ' || s_[j] == '\t')) ++j;
        return j < s_.size() && (s_[j] == '{' || s_[j] == '(');
    }

    std::string_view name() {
        const std::size_t start = i_;
        while (!at_end() && is_name_char(s_[i_])) advance();
        return std::string_view(s_).substr(start, i_ - start);
    }

    void item();
    void skip_comment(char close);
    bool closes(char close, std::string_view what);
    bool preamble(char close);
    bool string_macro(char close);
    bool regular(Entry& e, char close);
    void fields_after(const Entry& e, char close);
    bool field(Entry& e, char close);
    bool not_closed(const Entry& e, const Pos& key_at, char close);
    bool value(std::string& out, std::string_view field_name);
    bool expand(std::string& out, const std::string& macro, const Pos& at, std::string_view word,
                std::string_view field_name);
    bool delimited(std::string& out, char open, std::string_view field_name);

    std::string_view s_;
    std::string path_;
    FileId file_;
    DiagnosticSink& sink_;
    std::size_t i_ = 0;
    std::uint32_t line_ = 1;
    std::size_t line_start_ = 0;
    std::unordered_map<std::string, std::string> macros_;
    struct Seen {
        std::string key;  // as written
        std::uint32_t line = 0;
    };
    std::unordered_map<std::string, Seen> keys_;  // key in lower case -> its first entry
    struct {
        std::string field;
        std::uint32_t first = 0, last = 0;
    } last_value_;              // the value read last, for the hint about a runaway value
    Pos value_end_;             // just past the last piece of the value read last
    Pos entry_end_;             // the delimiter that closed the entry read last
    std::size_t expanded_ = 0;  // bytes that @string macros added to values so far
    bool stopped_ = false;      // the expansion budget ran out: the rest is not read
    bool overflowed_ = false;   // the value read last grew past max_value_bytes
    Database db_;
};

void Parser::item() {
    const Pos at = here();
    advance();  // '@'
    skip_blanks();
    const std::string type = utf8::ascii_lower(name());
    skip_blanks();
    const char open = peek();
    if (type.empty() || (open != '{' && open != '(')) {
        // An '@' in the text between entries (an email address in a comment) is not an entry,
        // unless it starts a line.
        if (starts_line(at.offset)) {
            auto& d = error("bib-syntax", at, 1 + type.size(),
                            type.empty() ? std::string("expected an entry type after '@'")
                                         : fmt::format("expected '{{' after '@{}'", type));
            d.hints.push_back("an entry looks like @article{key, title = {...}, year = 2020}");
            recover();
        }
        return;
    }
    const char close = open == '{' ? '}' : ')';
    const Pos open_at = here();
    advance();
    if (type == "comment") return skip_comment(close);
    if (type == "preamble") {
        if (!preamble(close)) recover();
        return;
    }
    if (type == "string") {
        if (!string_macro(close)) recover();
        return;
    }
    Entry e;
    e.type = type;
    e.span = span(at, open_at.offset - at.offset);
    if (!regular(e, close)) return recover();
    fields_after(e, close);
    // BibTeX compares keys ignoring case: Li2020 and li2020 are one key.
    if (const auto [it, fresh] = keys_.emplace(utf8::ascii_lower(e.key), Seen{e.key, e.span.line});
        !fresh) {
        warning("bib-duplicate-key", e.key_span,
                it->second.key == e.key
                    ? fmt::format("duplicate key '{}'; the entry at line {} is used", e.key,
                                  it->second.line)
                    : fmt::format("key '{}' differs from '{}' (line {}) only in case, which BibTeX "
                                  "takes for the same key; the entry at line {} is used",
                                  e.key, it->second.key, it->second.line, it->second.line))
            .hints.push_back("rename or remove one of the two entries");
        return;
    }
    db_.entries.push_back(std::move(e));
}

// After an entry: a '}' too many closes it early, and BibTeX skips what follows as text
// between entries. A field there ("year = 2020" at the start of a line or after a comma,
// before the next entry) is reported at that '}'; other text is ignored, as BibTeX does.
void Parser::fields_after(const Entry& e, char close) {
    bool boundary = true;  // at the start of a line or after a comma (blanks aside)
    std::uint32_t line = line_;
    for (std::size_t j = i_; j < s_.size();) {
        const char c = s_[j];
        if (c == '\n') {
            ++line;
            ++j;
            std::size_t k = j;
            while (k < s_.size() && (s_[k] == ' ' || s_[k] == '\t')) ++k;
            if (k < s_.size() && s_[k] == '@') return;
            if (k < s_.size() && s_[k] == '%') j = std::min(s_.find('\n', k), s_.size());
            boundary = true;
            continue;
        }
        if (c == ',') {
            boundary = true;
        } else if (is_name_char(c) && boundary) {
            const std::size_t name = j;
            while (j < s_.size() && is_name_char(s_[j])) ++j;
            std::size_t k = j;
            while (k < s_.size() && (s_[k] == ' ' || s_[k] == '\t')) ++k;
            if (k < s_.size() && s_[k] == '=') {
                warning("bib-field-after-entry", span(entry_end_),
                        fmt::format("'{}' ends entry '{}' here, but the field '{}' follows at "
                                    "line {}; it is ignored",
                                    close, e.key, s_.substr(name, j - name), line))
                    .hints.push_back(fmt::format(
                        "remove this '{}' if the entry goes on, or the text after it", close));
                return;
            }
            boundary = false;
            continue;
        } else if (!utf8::is_blank(c)) {
            boundary = false;
        }
        ++j;
    }
}

bool Parser::closes(char close, std::string_view what) {
    if (peek() == close) {
        advance();
        return true;
    }
    error("bib-syntax", here(), 1, fmt::format("expected '{}' to close {}", close, what));
    return false;
}

bool Parser::preamble(char close) {
    std::string text;
    skip_blanks();
    if (!value(text, "@preamble")) return false;
    skip_blanks();
    if (!closes(close, "@preamble")) return false;
    db_.preambles.push_back(utf8::collapse_blanks(text));
    return true;
}

bool Parser::string_macro(char close) {
    skip_blanks_and_comments();
    const Pos name_at = here();
    const std::string macro = utf8::ascii_lower(name());
    if (macro.empty()) {
        error("bib-syntax", name_at, 1, "expected a name after '@string{'")
            .hints.push_back("write it as @string{ieee = \"IEEE\"}");
        return false;
    }
    skip_blanks();
    if (peek() != '=') {
        error("bib-syntax", here(), 1, fmt::format("expected '=' after '{}'", macro));
        return false;
    }
    advance();
    skip_blanks();
    std::string text;
    overflowed_ = false;
    if (!value(text, macro)) {
        // Past the expansion limit: empty from now on, so that the macros built on it do not
        // each repeat the error as an undefined @string.
        if (overflowed_) macros_[macro].clear();
        return false;
    }
    skip_blanks_and_comments();
    if (!closes(close, "@string")) return false;
    // Kept as written: {Proceedings of the } # ieee needs its space. Fields are collapsed
    // after concatenation.
    macros_[macro] = std::move(text);
    return true;
}

void Parser::skip_comment(char close) {
    // @comment{...}: skip the balanced group; anything else about it is not an error.
    int depth = 1;
    const char open = close == '}' ? '{' : '(';
    while (!at_end() && depth > 0) {
        if (s_[i_] == open)
            ++depth;
        else if (s_[i_] == close)
            --depth;
        advance();
    }
}

bool Parser::regular(Entry& e, char close) {
    skip_blanks();
    const Pos key_at = here();
    while (!at_end() && !utf8::is_blank(s_[i_]) && s_[i_] != ',' && s_[i_] != close &&
           s_[i_] != '{' && s_[i_] != '}')
        advance();
    e.key = std::string(s_.substr(key_at.offset, i_ - key_at.offset));
    if (e.key.empty()) {
        error("bib-syntax", key_at, 1, fmt::format("@{} entry without a citation key", e.type))
            .hints.push_back(fmt::format("write it as @{}{{key, ...}}", e.type));
        return false;
    }
    e.key_span = span(key_at, e.key.size());
    last_value_ = {};
    skip_blanks_and_comments();
    if (peek() == close) {
        entry_end_ = here();
        advance();
        return true;
    }
    if (peek() != ',') {
        error("bib-syntax", here(), 1, fmt::format("expected ',' after the key '{}'", e.key));
        return false;
    }
    advance();
    for (;;) {
        skip_blanks_and_comments();
        if (peek() == close) {
            entry_end_ = here();
            advance();
            return true;
        }
        if (at_end() || (peek() == '@' && starts_line(i_))) return not_closed(e, key_at, close);
        if (!field(e, close)) return false;
        const std::string& field_name = last_value_.field;
        skip_blanks_and_comments();
        if (at_end() || (peek() == '@' && starts_line(i_))) return not_closed(e, key_at, close);
        if (peek() == ',') {
            advance();
        } else if (peek() != close) {
            auto& d = error(
                "bib-syntax", here(), 1,
                fmt::format("expected ',' or '{}' after the value of '{}'", close, field_name));
            if (is_name_char(peek()) || peek() == '{' || peek() == '"')
                d.hints.push_back(
                    fmt::format("is a ',' missing after the value of '{}'?", field_name));
            return false;
        }
    }
}

// One "name = value" of an entry; a repeated field is a warning and the first one is kept.
bool Parser::field(Entry& e, char close) {
    const Pos name_at = here();
    const std::string field = utf8::ascii_lower(name());
    if (field.empty()) {
        error("bib-syntax", name_at, 1,
              fmt::format("expected a field name or '{}' in entry '{}'", close, e.key))
            .hints.push_back("fields are written name = {value}, separated by commas");
        return false;
    }
    skip_blanks();
    if (peek() != '=') {
        error("bib-syntax", here(), 1, fmt::format("expected '=' after '{}'", field))
            .hints.push_back(fmt::format("write it as {} = {{...}}", field));
        return false;
    }
    advance();
    skip_blanks();
    const Pos value_at = here();
    std::string text;
    if (!value(text, field)) return false;
    Field f{field, utf8::collapse_blanks(text), span(name_at, field.size()),
            span(value_at, value_end_.offset - value_at.offset)};
    f.value_span.end_line = value_end_.line;
    last_value_ = {field, value_at.line, value_end_.line};
    if (e.field(field)) {
        warning(
            "bib-duplicate-field", f.name_span,
            fmt::format("'{}' is given twice in entry '{}'; the first one is used", field, e.key))
            .hints.push_back("remove one of them");
    } else {
        e.fields.push_back(std::move(f));
    }
    return true;
}

// An entry runs into the next one or the end of the file. Usually a brace inside one of its
// values is not closed and the entry's own '}' closed that value instead.
bool Parser::not_closed(const Entry& e, const Pos& key_at, char close) {
    auto& d =
        error("bib-unclosed", key_at, e.key.size(), fmt::format("entry '{}' is not closed", e.key));
    if (at_end())
        d.hints.push_back(fmt::format("add '{}' at its end", close));
    else
        d.hints.push_back(fmt::format("add '{}' before the entry at line {}", close, line_));
    if (!last_value_.field.empty() && last_value_.last > last_value_.first)
        d.hints.push_back(
            fmt::format("or check the braces of '{}' (line {}): its value runs to "
                        "line {}",
                        last_value_.field, last_value_.first, last_value_.last));
    return false;
}

// A value: pieces ({...}, "...", a number or a @string name) joined by '#'.
bool Parser::value(std::string& out, std::string_view field_name) {
    for (;;) {
        skip_blanks();
        const Pos at = here();
        const char c = peek();
        if (c == '{' || c == '"') {
            if (!delimited(out, c, field_name)) return false;
        } else if (!at_end() && is_name_char(c)) {
            const std::string_view word = name();
            if (word.find_first_not_of("0123456789") == std::string_view::npos) {
                out += word;
            } else if (const auto it = macros_.find(utf8::ascii_lower(word)); it != macros_.end()) {
                if (!expand(out, it->second, at, word, field_name)) return false;
            } else {
                warning("bib-undefined-string", span(at, word.size()),
                        fmt::format("undefined @string '{}'; read as empty", word))
                    .hints.push_back(fmt::format(
                        "define it with @string{{{} = \"...\"}}, or write the value in braces",
                        word));
            }
        } else {
            error("bib-syntax", at, 1, fmt::format("expected a value for '{}'", field_name))
                .hints.push_back(
                    "write the value in braces {...} or quotes \"...\", or give a "
                    "number or a @string name");
            return false;
        }
        value_end_ = here();
        skip_blanks();
        if (peek() != '#') return true;
        advance();
    }
}

// Appends a @string's text. Macros that each repeat the one before grow exponentially (nine
// levels of ten copies make gigabytes from a few hundred bytes), so a value may not grow past
// max_value_bytes through them, nor a file's values past max_expansion_bytes in all: a
// located error instead of exhausted memory.
bool Parser::expand(std::string& out, const std::string& macro, const Pos& at,
                    std::string_view word, std::string_view field_name) {
    if (expanded_ + macro.size() > max_expansion_bytes) {
        error("bib-expansion-limit", at, word.size(),
              fmt::format("@string macros expand to more than {} MiB in this file; the rest of "
                          "it is not read",
                          max_expansion_bytes >> 20))
            .hints.push_back(
                "a @string that repeats another one several times, nested, grows "
                "exponentially");
        stopped_ = true;
        return false;
    }
    if (out.size() + macro.size() > max_value_bytes) {
        error("bib-expansion-limit", at, word.size(),
              fmt::format("with @string '{}' the value of '{}' grows past {} MiB", word, field_name,
                          max_value_bytes >> 20))
            .hints.push_back(
                "a @string that repeats another one several times, nested, grows "
                "exponentially");
        overflowed_ = true;
        return false;
    }
    expanded_ += macro.size();
    out += macro;
    return true;
}

// "{...}" or "\"...\"": braces must balance inside; the delimiters are not kept.
bool Parser::delimited(std::string& out, char open, std::string_view field_name) {
    const Pos at = here();
    advance();
    const std::size_t start = i_;
    int depth = 0;
    for (;;) {
        if (at_end() || (s_[i_] == '\n' && next_line_starts_entry())) {
            auto& d = error("bib-unclosed", at, 1,
                            fmt::format("{} in the value of '{}' is never closed",
                                        open == '{' ? "'{'" : "'\"'", field_name));
            if (at_end()) {
                d.hints.push_back("the value runs to the end of the file");
            } else {
                d.hints.push_back(
                    fmt::format("the value runs into the entry at line {}", line_ + 1));
                advance();  // onto the next line, where recovery starts
            }
            return false;
        }
        const char c = s_[i_];
        if (c == '{') {
            ++depth;
        } else if (c == '}') {
            if (depth == 0) {
                if (open == '{') break;
                const std::size_t eol = std::min(s_.find('\n', i_), s_.size());
                if (s_.substr(i_, eol - i_).find('"') != std::string_view::npos) {
                    error("bib-syntax", here(), 1,
                          fmt::format("unbalanced '}}' in the value of '{}'", field_name))
                        .hints.push_back("braces inside a value must come in pairs");
                    return false;
                }
                // No quote after it on its line: the quote is never closed, and the value ran
                // into the entry's own '}'. Reported where it opens.
                auto& d =
                    error("bib-unclosed", at, 1,
                          fmt::format("'\"' in the value of '{}' is never closed", field_name));
                d.hints.push_back(fmt::format("the value runs to the '}}' at line {}", line_));
                d.hints.push_back("or, if the quote is closed later, a '}' inside it has no '{'");
                return false;
            }
            --depth;
        } else if (c == '"' && open == '"' && depth == 0) {
            break;
        }
        advance();
    }
    out.append(s_.substr(start, i_ - start));
    advance();  // the closing delimiter
    return true;
}

}  // namespace

Database parse(const SourceFile& source, DiagnosticSink& sink) {
    return Parser(source, sink).run();
}

namespace {

bool is_volume(std::string_view type) {
    for (std::string_view t : {"book", "mvbook", "proceedings", "mvproceedings", "collection",
                               "mvcollection", "reference", "mvreference"})
        if (type == t) return true;
    return false;
}

// Fields that describe the entry's own record, never inherited (biblatex's list, plus
// BibTeX's `key`).
bool is_bookkeeping(std::string_view name) {
    for (std::string_view f :
         {"crossref", "xref", "ids", "key", "label", "sortkey", "presort", "options", "execute",
          "entryset", "entrysubtype", "related", "relatedtype", "relatedstring", "relatedoptions",
          "shorthand", "shorthandintro"})
        if (name == f) return true;
    return false;
}

// A date is one value however it is written: a paper's own year is not completed by the
// month of its proceedings, nor overridden by the proceedings' `date`.
bool is_date_field(std::string_view name) {
    return name == "date" || name == "year" || name == "month" || name == "day";
}

bool is_title_field(std::string_view name) {
    return name == "title" || name == "subtitle" || name == "titleaddon" || name == "shorttitle" ||
           name == "sorttitle" || name == "indextitle";
}

}  // namespace

namespace {

// The fields `child` lacks, from `parent_fields` (what the parent had before any inheritance:
// one level), by the rules of resolve_crossrefs().
std::vector<Field> inherited_fields(const Entry& child, Entry& parent,
                                    const std::vector<Field>& parent_fields) {
    const bool volume = is_volume(parent.type);
    parent.container = parent.container || volume;
    const bool dated = child.field("date") || child.field("year");
    std::vector<Field> inherited;
    for (const Field& f : parent_fields) {
        if (is_bookkeeping(f.name) || (volume && is_title_field(f.name))) continue;
        if (dated && is_date_field(f.name)) continue;
        if (!child.field(f.name)) inherited.push_back(f);
    }
    if (volume && !child.field("booktitle") && !parent.field("booktitle"))
        if (const Field* title = parent.field("title")) {
            Field booktitle = *title;
            booktitle.name = "booktitle";
            inherited.push_back(std::move(booktitle));
        }
    return inherited;
}

// The keys of a database, found exactly or, as BibTeX does, ignoring case.
class KeyIndex {
  public:
    explicit KeyIndex(const Database& db) {
        keys_.reserve(db.entries.size());
        for (std::size_t i = 0; i < db.entries.size(); ++i) {
            exact_.emplace(db.entries[i].key, i);
            folded_.emplace(utf8::ascii_lower(db.entries[i].key), i);
            keys_.push_back(db.entries[i].key);
        }
    }
    std::optional<std::size_t> find(const std::string& key) const {
        if (const auto it = exact_.find(key); it != exact_.end()) return it->second;
        if (const auto it = folded_.find(utf8::ascii_lower(key)); it != folded_.end())
            return it->second;
        return std::nullopt;
    }
    const std::vector<std::string>& keys() const { return keys_; }

  private:
    std::unordered_map<std::string, std::size_t> exact_, folded_;
    std::vector<std::string> keys_;
};

}  // namespace

void resolve_crossrefs(Database& db, const std::string& path, DiagnosticSink& sink) {
    if (std::none_of(db.entries.begin(), db.entries.end(),
                     [](const Entry& e) { return e.field("crossref") != nullptr; }))
        return;  // the usual case: nothing to copy or index
    const KeyIndex index(db);
    // The fields each entry had before any inheritance: what it passes on (one level).
    std::vector<std::vector<Field>> own;
    own.reserve(db.entries.size());
    for (const auto& e : db.entries) own.push_back(e.fields);
    int misses = 0;
    for (auto& child : db.entries) {
        const Field* ref = child.field("crossref");
        if (!ref) continue;
        const std::string key(ref->value);
        const std::optional<std::size_t> target = index.find(key);
        if (!target) {
            // Suggestions cost a comparison with every key: only for the first few misses
            // (a file whose entries all cross to another file would otherwise be quadratic).
            constexpr int max_suggestions = 20;
            auto& d = sink.warning(
                "bib-crossref-not-found", path, ref->value_span,
                fmt::format("the crossref '{}' of '{}' is not in this file; nothing is inherited",
                            key, child.key));
            const std::string guess =
                ++misses <= max_suggestions ? closest_match(key, index.keys()) : std::string();
            if (!guess.empty())
                d.hints.push_back(fmt::format("did you mean '{}'?", guess));
            else
                d.hints.push_back("the entry named by crossref must be in the same .bib file");
            continue;
        }
        if (&db.entries[*target] == &child) continue;  // names itself: nothing to inherit
        for (auto& f : inherited_fields(child, db.entries[*target], own[*target]))
            child.fields.push_back(std::move(f));
    }
}

}  // namespace cvtex::bibtex
