// Loading: toml++ parse tree -> model structs, with schema checks. The only file that sees
// toml++. Tables are walked through the schema, so every key is checked in one place.
#include "cvtex/read/loader.hpp"

#include <fmt/format.h>

#include <toml++/toml.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <map>
#include <regex>

#include "cvtex/base/utf8.hpp"
#include "cvtex/check/schema.hpp"
#include "cvtex/check/schema_export.hpp"
#include "cvtex/model/dates.hpp"
#include "cvtex/read/markdown.hpp"
#include "cvtex/write/toml_writer.hpp"

namespace cvtex {

namespace {

std::string_view type_name(const toml::node& n) {
    switch (n.type()) {
        case toml::node_type::string:
            return "a string";
        case toml::node_type::integer:
            return "an integer";
        case toml::node_type::floating_point:
            return "a number";
        case toml::node_type::boolean:
            return "a boolean";
        case toml::node_type::date:
            return "a date";
        case toml::node_type::time:
            return "a time";
        case toml::node_type::date_time:
            return "a date-time";
        case toml::node_type::array:
            return "an array";
        case toml::node_type::table:
            return "a table";
        default:
            return "nothing";
    }
}

// Byte length of the token starting at `s[0]`: a string, array, inline table or bare value.
std::size_t token_length(std::string_view s) {
    if (s.empty()) return 0;
    if (s.starts_with("\"\"\"") || s.starts_with("'''")) {
        const auto close = s.find(s.substr(0, 3), 3);
        return close == std::string_view::npos ? s.size() : close + 3;
    }
    if (s[0] == '"' || s[0] == '\'') {
        // The closing quote, skipping the character after each backslash in a basic string.
        // Found with find() (memchr): most values are strings, and each is measured.
        const char quote = s[0];
        const auto next_escape = [&](std::size_t from) {
            return quote == '"' ? s.find('\\', from) : std::string_view::npos;
        };
        std::size_t close = s.find(quote, 1);
        std::size_t escape = next_escape(1);
        while (close != std::string_view::npos && escape < close) {
            const std::size_t from = escape + 2;
            if (close < from) close = s.find(quote, from);
            escape = next_escape(from);
        }
        return close == std::string_view::npos ? s.size() : close + 1;
    }
    if (s[0] == '[' || s[0] == '{') {
        int depth = 0;
        char quote = 0;
        for (std::size_t i = 0; i < s.size(); ++i) {
            const char c = s[i];
            if (quote) {
                if (c == '\\' && quote == '"')
                    ++i;
                else if (c == quote)
                    quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[' || c == '{') {
                ++depth;
            } else if ((c == ']' || c == '}') && --depth == 0) {
                return i + 1;
            }
        }
        return s.size();
    }
    const auto end = s.find_first_of(" \t,]}#=");
    return end == std::string_view::npos ? s.size() : std::max<std::size_t>(end, 1);
}

class Loader {
  public:
    Loader(const SourceFile& source, DiagnosticSink& sink, const std::vector<SourceFile>& overrides,
           Sources* sources)
        : source_(source), sink_(sink), overrides_(overrides), sources_(sources) {}

    Document run();

  private:
    struct Reader;

    // Keys and values: toml++'s own region. A value over several lines (a multi-line string
    // or array) is underlined on its first line, like what toml++ gives only a point for.
    Span span_in(const toml::source_region& r) const {
        if (!r.begin) return {};
        const FileId file = r.path ? doc_.add_file(*r.path) : 0;
        if (r.end.line == r.begin.line && r.end.column > r.begin.column)
            return Span::at(r.begin.line, r.begin.column, r.end.column - r.begin.column, file);
        if (r.path)
            if (const auto it = referenced_.find(*r.path); it != referenced_.end())
                return span_at(r.begin, &it->second);
        Span s = span_at(r.begin);
        s.file = file;
        return s;
    }
    Span span_of(const toml::node& n) const {
        // A value that --set put into the tree has its span in the --set "file".
        if (!override_spans_.empty())
            if (const auto it = override_spans_.find(&n); it != override_spans_.end())
                return it->second;
        return span_in(n.source());
    }
    Span span_of(const toml::key& k) const { return span_in(k.source()); }
    // What toml++ gives only a point for (a table's header, a syntax error): the token there,
    // measured on its line.
    Span span_at(const toml::source_position& p, const SourceFile* file = nullptr) const {
        if (!p) return {};
        const std::string_view rest = rest_of_line(p.line, p.column, file);
        const std::size_t points = utf8::length(rest.substr(0, token_length(rest)));
        return Span::at(p.line, p.column,
                        static_cast<std::uint32_t>(std::max<std::size_t>(1, points)),
                        file ? file->id() : 0);
    }
    // A table's span: its header, in the file it was read from (a CV this file refers to).
    Span span_of_table(const toml::table& t) const {
        const auto& r = t.source();
        if (r.path)
            if (const auto it = referenced_.find(*r.path); it != referenced_.end())
                return span_at(r.begin, &it->second);
        return span_at(r.begin);
    }
    // Line `line` from code point column `column` (1-based) on.
    std::string_view rest_of_line(std::uint32_t line, std::uint32_t column,
                                  const SourceFile* file = nullptr) const {
        const std::string_view text = (file ? *file : source_).line(line);
        return text.substr(std::min(utf8::offset_of(text, column - 1), text.size()));
    }
    // The line of a string value's first character: TOML drops a newline that directly
    // follows an opening """ or '''.
    std::uint32_t first_content_line(Span value) const {
        if (!value.valid()) return 0;
        const std::string_view rest = rest_of_line(value.line, value.column);
        const bool multi_line = rest.starts_with(R"(""")") || rest.starts_with("'''");
        const bool newline_follows = multi_line && (rest.size() == 3 || rest.substr(3) == "\r");
        return value.line + (newline_follows ? 1 : 0);
    }

    Diagnostic& error(std::string code, Span span, std::string message) {
        return sink_.error(std::move(code), doc_.path_of(span), span, std::move(message));
    }
    Diagnostic& warning(std::string code, Span span, std::string message) {
        return sink_.warning(std::move(code), doc_.path_of(span), span, std::move(message));
    }

    void apply_override(toml::table& root, const SourceFile& file, const TableSpec& root_spec);
    toml::table* override_target(toml::table& root, const SourceFile& file,
                                 const std::vector<std::string_view>& path, const TableSpec*& spec);
    void note_override_spans(const toml::node& from, const toml::node& to, FileId file);

    void syntax_error(std::string_view description, Span span);
    void check_keys(const Reader& r, std::string_view where);
    std::string unknown_key(const toml::key& key, const TableSpec& spec, std::string_view where);
    bool check_type(const toml::node& n, const FieldSpec& f);
    bool check_list_items(const toml::array& a, const FieldSpec& f);
    bool check_map_values(const toml::table& t, const FieldSpec& f);
    bool check_color(const toml::node& n);
    bool check_choice(const toml::node& n, const FieldSpec& f);
    bool check_choice_or_number(const toml::node& n, const FieldSpec& f);
    bool check_lengths(const toml::node& n, const FieldSpec& f);
    void read_design(const Reader& r, Settings& s);
    void read_locale(const Reader& r, Settings& s);
    void wrong_type(const toml::node& n, const FieldSpec& f);
    std::optional<Date> read_date(const toml::node& n, const FieldSpec& f);

    Settings read_settings(const toml::table* t);
    NameStyle read_name_style(const Reader& r);
    PublicationOptions read_publication_options(const Reader& r);
    Person read_person(const toml::table* t, Span fallback);
    std::optional<Section> read_section(const toml::table& t);
    bool read_entries(const toml::table& t, const SectionKind& kind, Section& section);
    template <class Entry, class ReadOne>
    void read_all(const std::vector<const toml::table*>& tables, const SectionKind& kind,
                  Section& section, ReadOne read_one);
    Publication read_publication(const Reader& r, Span at);
    Variant read_variant(const toml::table& t);
    void read_other_kind(const toml::table& root, const DocumentKindSpec& kind);
    const SourceFile* referenced_file(const Text& name, std::string_view what);
    const toml::table* read_referenced_cv(const Text& name);
    const toml::table* overlaid(const toml::table* cv, const toml::table* own);
    void keep_override_spans(const toml::node& from, const toml::node& to);
    std::vector<Text> bib_files_of(const toml::table& cv, const std::string& cv_path);
    TextOrigin origin_of_string(const Text& value) const;
    Body read_body(const Reader& r, std::string_view what, bool required = true);
    Recipient read_recipient(const Reader& letter);
    Letter read_letter(const toml::table& t, const TableSpec& spec, bool whole = true);
    Application read_application(const toml::table& t, const TableSpec& spec,
                                 const std::optional<Letter>& packet_letter);
    void read_packet_table(const Reader& root, Packet& packet, std::optional<Letter>& letter);
    template <class Value, class Read>
    static std::vector<std::pair<Text, Value>> read_map(const Reader& r, std::string_view key,
                                                        ValueType type, Read read_value);

  public:
    Packet run_packet();

  private:
    Statement read_statement(const toml::table& t, const TableSpec& spec, std::vector<Text> cv_bib);

    const SourceFile& source_;
    DiagnosticSink& sink_;
    const std::vector<SourceFile>& overrides_;
    mutable Document doc_;  // add_file() learns the files spans point into as they are met
    std::map<const toml::node*, Span> override_spans_;
    Sources* sources_ = nullptr;
    std::map<std::string, SourceFile> referenced_;  // the CV a letter or statement names
    std::vector<std::shared_ptr<toml::table>> referenced_trees_;
    std::string present_word_;  // the language's "present", also accepted as an end date
};

// Reads the fields of one table, each checked against the table's spec. The table is walked
// once, when the reader is made, to file each node under the field of the spec it belongs to
// (or among the unknown keys); reading a field then needs no lookup in the toml++ table.
// Asking for a key that the spec lacks is a programming error, caught by the tests.
struct Loader::Reader {
    Loader& loader;
    const toml::table& table;
    const TableSpec& spec;
    Span table_span;
    std::vector<const toml::node*> nodes;   // by field of `spec`; nullptr for a key not given
    std::vector<const toml::key*> unknown;  // keys that `spec` lacks, in the table's order

    Reader(Loader& l, const toml::table& t, const TableSpec& s, Span span)
        : loader(l), table(t), spec(s), table_span(span), nodes(s.fields.size()) {
        for (auto&& [key, node] : t) {
            if (const FieldSpec* f = s.find(key.str()))
                nodes[static_cast<std::size_t>(f - s.fields.data())] = &node;
            else
                unknown.push_back(&key);
        }
    }

    const toml::node* node(const FieldSpec& f) const {
        return nodes[static_cast<std::size_t>(&f - spec.fields.data())];
    }

    const FieldSpec& field(std::string_view key, ValueType expected) const {
        const FieldSpec* f = spec.find(key);
        if (!f || f->type != expected) {
            fmt::print(stderr, "cvtex bug: key '{}' read as the wrong type in {}\n", key,
                       spec.name);
            std::abort();
        }
        return *f;
    }

    // The node of field `f` when it is given and of the right type.
    const toml::node* checked(const FieldSpec& f) const {
        const toml::node* n = node(f);
        if (!n || !loader.check_type(*n, f)) return nullptr;
        return n;
    }

    const toml::node* get(std::string_view key, ValueType expected) const {
        return checked(field(key, expected));
    }

    std::optional<Text> text(std::string_view key, ValueType type = ValueType::text) const {
        const toml::node* n = get(key, type);
        if (!n) return std::nullopt;
        Text t{std::string(n->as_string()->get()), loader.span_of(*n)};
        if (t.value.find_first_not_of(" \t\r\n") == std::string::npos) {
            loader.warning("empty-value", t.span, fmt::format("'{}' is empty", key))
                .hints.push_back("fill it in, or remove the line");
            return std::nullopt;
        }
        return t;
    }
    std::optional<Text> string(std::string_view key) const { return text(key, ValueType::string); }
    std::optional<Text> url(std::string_view key) const { return text(key, ValueType::url); }

    Text required(std::string_view key, ValueType type = ValueType::text) const {
        auto t = text(key, type);
        return t ? *t : Text{{}, table_span};
    }

    std::vector<Text> list(std::string_view key, ValueType type = ValueType::string_list) const {
        std::vector<Text> out;
        const toml::node* n = get(key, type);
        if (!n) return out;
        for (const auto& item : *n->as_array()) {
            Text t{std::string(item.as_string()->get()), loader.span_of(item)};
            if (t.value.find_first_not_of(" \t\r\n") == std::string::npos) {
                loader.warning("empty-value", t.span, fmt::format("empty string in '{}'", key))
                    .hints.push_back("remove it from the list");
                continue;
            }
            out.push_back(std::move(t));
        }
        if (out.empty() && n->as_array()->empty())
            loader.warning("empty-value", loader.span_of(*n), fmt::format("'{}' is empty", key))
                .hints.push_back("fill it in, or remove the line");
        return out;
    }

    // A field that takes one value or a list of them (FieldSpec::many).
    std::vector<Text> one_or_more(std::string_view key, ValueType type) const {
        const toml::node* n = get(key, type);
        if (!n) return {};
        if (n->is_array()) return list(key, type);
        auto one = text(key, type);
        return one ? std::vector<Text>{*one} : std::vector<Text>{};
    }

    // Bullet points: strings, each list in the list holding those of the string before it.
    std::vector<Highlight> highlights(std::string_view key = "highlights") const {
        std::vector<Highlight> out;
        const toml::node* n = get(key, ValueType::text_list);
        if (!n) return out;
        auto item_text = [&](const toml::node& item) -> std::optional<Text> {
            Text t{std::string(item.as_string()->get()), loader.span_of(item)};
            if (t.value.find_first_not_of(" \t\r\n") != std::string::npos) return t;
            loader.warning("empty-value", t.span, fmt::format("empty string in '{}'", key))
                .hints.push_back("remove it from the list");
            return std::nullopt;
        };
        for (const auto& item : *n->as_array()) {
            if (const auto* sub = item.as_array()) {
                if (out.empty()) {
                    loader
                        .error("sub-bullets-without-item", loader.span_of(item),
                               fmt::format("this list in '{}' holds bullet points under the item "
                                           "before it, but no item comes before it",
                                           key))
                        .hints.push_back(
                            "write the item first: [\"Item\", [\"under it\", \"and this\"]]");
                    continue;
                }
                for (const auto& s : *sub)
                    if (auto t = item_text(s)) out.back().children.push_back(std::move(*t));
                continue;
            }
            if (auto t = item_text(item)) out.push_back({std::move(*t), {}});
        }
        if (n->as_array()->empty())
            loader.warning("empty-value", loader.span_of(*n), fmt::format("'{}' is empty", key))
                .hints.push_back("fill it in, or remove the line");
        return out;
    }

    std::optional<std::string> choice(std::string_view key) const {
        const toml::node* n = get(key, ValueType::choice);
        if (!n) return std::nullopt;
        if (const auto* i = n->as_integer()) return fmt::format("{}", i->get());
        return std::string(n->as_string()->get());
    }

    std::optional<IntValue> integer(std::string_view key) const {
        const toml::node* n = get(key, ValueType::integer);
        if (!n) return std::nullopt;
        return IntValue{n->as_integer()->get(), loader.span_of(*n)};
    }

    std::optional<Date> date(std::string_view key, ValueType type = ValueType::date) const {
        const FieldSpec& f = field(key, type);
        const toml::node* n = checked(f);
        if (!n) return std::nullopt;
        return loader.read_date(*n, f);
    }

    When when() const {
        When w{date("date"), date("start"), date("end", ValueType::end_date)};
        const Span at = w.date ? w.date->span : table_span;
        // A key whose value was bad has been reported; it still counts as given here.
        const bool has_start = w.start || node(field("start", ValueType::date));
        const bool has_end = w.end || node(field("end", ValueType::end_date));
        if (w.date && (w.start || w.end)) {
            loader.error("date-and-range", at, "give either 'date' or 'start' and 'end', not both")
                .hints.push_back(
                    "use 'date' for a single point in time, 'start'/'end' for a period");
        } else if (w.start && !has_end) {
            loader.error("start-without-end", w.start->span, "'start' is given without 'end'")
                .hints.push_back("add end = \"present\" if this is ongoing, or use 'date'");
        } else if (w.end && !has_start) {
            loader.error("end-without-start", w.end->span, "'end' is given without 'start'")
                .hints.push_back("use 'date' for a single date, or add 'start'");
        }
        return w;
    }

    const toml::table* subtable(std::string_view key) const {
        const toml::node* n = get(key, ValueType::table);
        return n ? n->as_table() : nullptr;
    }

    std::vector<const toml::table*> tables(std::string_view key) const {
        std::vector<const toml::table*> out;
        const toml::node* n = get(key, ValueType::table_array);
        if (!n) return out;
        for (const auto& item : *n->as_array()) out.push_back(item.as_table());
        return out;
    }
};

// Reports an unknown key; returns the key it suggests instead, if any.
std::string Loader::unknown_key(const toml::key& key, const TableSpec& spec,
                                std::string_view where) {
    auto& d =
        error("unknown-key", span_of(key), fmt::format("unknown key '{}' in {}", key.str(), where));
    // In a section or an entry, a key that belongs to another kind of section usually means
    // the wrong `kind`.
    const bool in_a_section =
        std::any_of(section_kinds().begin(), section_kinds().end(),
                    [&](const SectionKind& k) { return k.section == &spec || k.entry == &spec; });
    for (const auto& kind : section_kinds()) {
        const bool in_section = kind.section->find(key.str()) != nullptr;
        const bool in_entry = kind.entry && kind.entry->find(key.str()) != nullptr;
        if ((in_section || in_entry) && in_a_section) {
            d.hints.push_back(fmt::format("'{}' belongs to {}s of kind \"{}\"", key.str(),
                                          in_entry ? "entrie" : "section", kind.kind));
            return {};
        }
    }
    std::string guess = closest_match(key.str(), spec.keys());
    if (!guess.empty()) {
        d.hints.push_back(fmt::format("did you mean '{}'?", guess));
        return guess;
    }
    std::string valid;
    for (const auto& k : spec.keys()) valid += (valid.empty() ? "" : ", ") + k;
    d.hints.push_back(fmt::format("valid keys here: {}", valid));
    return {};
}

// toml++ says "Error while parsing <what>: <problem>"; the problem is the useful part, and
// for the common slips a hint says what to write instead.
void Loader::syntax_error(std::string_view description, Span span) {
    std::string_view what, problem = description;
    constexpr std::string_view prefix = "Error while parsing ";
    if (const auto colon = description.find(": ");
        description.starts_with(prefix) && colon != std::string_view::npos) {
        what = description.substr(prefix.size(), colon - prefix.size());
        problem = description.substr(colon + 2);
    }
    auto has = [&](std::string_view s) { return problem.find(s) != std::string_view::npos; };
    // toml++ sees the end of the line as a control character in a string left open.
    const std::string_view rest = span.valid() ? rest_of_line(span.line, span.column) : "";
    const bool open_string =
        what == "string" && has("control characters") && (rest.empty() || rest == "\r");
    auto& d = error("toml-syntax", span,
                    open_string ? std::string("TOML syntax error: the string is not closed on "
                                              "its line")
                                : fmt::format("TOML syntax error: {}", problem));
    // A year and month without quotes: TOML reads a date, which needs a day.
    static const std::regex partial_date(
        R"(^\s*([A-Za-z0-9_.-]+)\s*=\s*(\d{4}-\d{1,2})\s*(#.*)?\r?$)");
    std::match_results<std::string_view::const_iterator> date;
    const std::string_view line = span.valid() ? rest_of_line(span.line, 1) : "";
    if (std::regex_match(line.begin(), line.end(), date, partial_date)) {
        d.hints.push_back(
            fmt::format("a year and month is text: {} = \"{}\" (a TOML date needs "
                        "a day: {}-01)",
                        date[1].str(), date[2].str(), date[2].str()));
        return;
    }
    if (has("could not determine value type"))
        d.hints.push_back("text needs quotes, e.g. name = \"Cheng Li\"");
    else if (has("cannot redefine"))
        d.hints.push_back("a key or table may be defined only once; remove or rename one");
    else if (open_string || (what == "string" && has("end-of-file")))
        d.hints.push_back(
            "close the string on the same line; text over several lines goes "
            "between \"\"\" and \"\"\"");
    else if (what == "array" && has("end-of-file"))
        d.hints.push_back("close the list with ']'");
    else if (has("expected a comment or whitespace"))
        d.hints.push_back("write one key = value per line");
}

void Loader::check_keys(const Reader& r, std::string_view where) {
    // A required key that an unknown key is a misspelling of is not reported again as
    // missing: "did you mean 'institution'?" already says it.
    std::vector<std::string> suggested;
    for (const toml::key* key : r.unknown) suggested.push_back(unknown_key(*key, r.spec, where));
    for (const auto& f : r.spec.fields) {
        const bool misspelt =
            std::find(suggested.begin(), suggested.end(), f.key) != suggested.end();
        if (f.required && !r.node(f) && !misspelt) {
            auto& d = error("missing-key", span_at(r.table.source().begin),
                            fmt::format("{} is missing the required key '{}'", where, f.key));
            if (!f.choices.empty())
                d.hints.push_back(
                    fmt::format("add {} = \"...\", one of: {}", f.key, fmt::join(f.choices, ", ")));
            else if (!f.example.empty())
                d.hints.push_back(fmt::format("add {} = {}", f.key, f.example));
        }
    }
    // A table that needs one of some keys (a skills row: items or a level).
    const auto& any = r.spec.one_of_required;
    const bool has_one = std::any_of(any.begin(), any.end(), [&](std::string_view key) {
        const FieldSpec* f = r.spec.find(key);
        return (f && r.node(*f)) ||
               std::find(suggested.begin(), suggested.end(), key) != suggested.end();
    });
    if (!any.empty() && !has_one) {
        std::vector<std::string> quoted, examples;
        for (auto key : any) {
            quoted.push_back(fmt::format("'{}'", key));
            examples.push_back(fmt::format("{} = {}", key, r.spec.find(key)->example));
        }
        error("missing-key", span_at(r.table.source().begin),
              fmt::format("{} needs one of the keys {}", where, fmt::join(quoted, " or ")))
            .hints.push_back(fmt::format("add {}", fmt::join(examples, ", or ")));
    }
}

// The node has the TOML type that `type` is written in (the items of a list aside).
bool has_toml_type(const toml::node& n, ValueType type, bool many = false) {
    using T = ValueType;
    if (many && n.is_array()) return true;
    switch (type) {
        case T::string:
        case T::text:
        case T::markdown:
        case T::color:
        case T::url:
        case T::email:
        case T::lengths:
            return n.is_string();
        case T::choice_or_number:
            return n.is_string() || n.is_integer() || n.is_floating_point();
        case T::date:
        case T::end_date:
            return n.is_string() || n.is_integer() || n.is_date();
        case T::integer:
            return n.is_integer();
        case T::choice:
            return n.is_string() || n.is_integer();
        case T::string_list:
        case T::text_list:
            return n.is_array();
        case T::table:
        case T::string_map:
        case T::integer_map:
            return n.is_table();
        case T::table_array:
            return n.is_array_of_tables();
    }
    return false;
}

bool Loader::check_map_values(const toml::table& t, const FieldSpec& f) {
    const bool strings = f.type == ValueType::string_map;
    for (auto&& [key, value] : t) {
        if (strings ? value.is_string() : value.is_integer()) continue;
        error("wrong-type", span_of(value),
              fmt::format("'{}.{}' must be {}, not {}", f.key, key.str(),
                          strings ? "a string" : "an integer", type_name(value)))
            .hints.push_back(fmt::format("e.g. {} = {}", f.key, f.example));
        return false;
    }
    return true;
}

bool Loader::check_list_items(const toml::array& a, const FieldSpec& f) {
    for (const auto& item : a) {
        if (item.is_string()) continue;
        // Bullet points: a list in the list holds those of the item before it.
        if (f.type == ValueType::text_list && item.is_array()) {
            for (const auto& sub : *item.as_array()) {
                if (sub.is_string()) continue;
                error("wrong-type", span_of(sub),
                      fmt::format("a list in '{}' holds the bullet points of the item before it, "
                                  "one level deep, as strings; this one is {}",
                                  f.key, type_name(sub)))
                    .hints.push_back(fmt::format("e.g. {} = {}", f.key, f.example));
                return false;
            }
            continue;
        }
        error("wrong-type", span_of(item),
              fmt::format("'{}' must be a list of strings, but this item is {}", f.key,
                          type_name(item)))
            .hints.push_back(fmt::format("write it in quotes, e.g. {} = {}", f.key, f.example));
        return false;
    }
    return true;
}

bool Loader::check_color(const toml::node& n) {
    std::string_view v = n.as_string()->get();
    if (v.empty()) return true;
    if (v.starts_with('#')) v.remove_prefix(1);
    if (v.size() == 6 && v.find_first_not_of("0123456789abcdefABCDEF") == v.npos) return true;
    error("bad-color", span_of(n), fmt::format("'{}' is not a colour", v))
        .hints.push_back("colours are six hex digits RRGGBB, e.g. accent = \"1F4E79\"");
    return false;
}

// A number in the range 0.5 to 2, or one of the choices.
bool Loader::check_choice_or_number(const toml::node& n, const FieldSpec& f) {
    if (n.is_string()) return check_choice(n, f);
    const double v =
        n.is_integer() ? static_cast<double>(n.as_integer()->get()) : n.as_floating_point()->get();
    if (v >= 0.5 && v <= 2.0) return true;
    error("bad-number", span_of(n), fmt::format("{} must be between 0.5 and 2", f.key))
        .hints.push_back(
            fmt::format("e.g. {} = 0.85, or one of: {}", f.key, fmt::join(f.choices, ", ")));
    return false;
}

namespace {

// The lengths of a `lengths` value: numbers with a unit TeX and people share.
std::vector<std::string> split_lengths(std::string_view v) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < v.size()) {
        while (i < v.size() && v[i] == ' ') ++i;
        const std::size_t start = i;
        while (i < v.size() && v[i] != ' ') ++i;
        if (i > start) out.emplace_back(v.substr(start, i - start));
    }
    return out;
}

bool valid_length(std::string_view l) {
    static constexpr std::string_view units[] = {"pt", "mm", "cm", "in"};
    if (l.size() < 3) return false;
    const std::string_view unit = l.substr(l.size() - 2);
    if (std::find(std::begin(units), std::end(units), unit) == std::end(units)) return false;
    const std::string_view number = l.substr(0, l.size() - 2);
    const auto dot = number.find('.');
    return number.find_first_not_of("0123456789.") == number.npos &&
           (dot == number.npos || number.find('.', dot + 1) == number.npos) && number.back() != '.';
}

}  // namespace

bool Loader::check_lengths(const toml::node& n, const FieldSpec& f) {
    const auto lengths = split_lengths(n.as_string()->get());
    const bool count_ok = lengths.size() == 1 || lengths.size() == 2 || lengths.size() == 4;
    if (count_ok && std::all_of(lengths.begin(), lengths.end(), valid_length)) return true;
    error("bad-length", span_of(n),
          fmt::format("'{}' is not one, two or four lengths", n.as_string()->get()))
        .hints.push_back(fmt::format("write numbers with a unit (pt, mm, cm or in), e.g. {} = {}",
                                     f.key, f.example));
    return false;
}

bool Loader::check_choice(const toml::node& n, const FieldSpec& f) {
    const std::string value = n.is_integer() ? fmt::format("{}", n.as_integer()->get())
                                             : std::string(n.as_string()->get());
    if (std::find(f.choices.begin(), f.choices.end(), value) != f.choices.end()) return true;
    std::vector<std::string> options(f.choices.begin(), f.choices.end());
    auto& d = error("bad-choice", span_of(n), fmt::format("'{}' is not a valid {}", value, f.key));
    const std::string guess = closest_match(value, options);
    if (!guess.empty()) d.hints.push_back(fmt::format("did you mean '{}'?", guess));
    d.hints.push_back(fmt::format("expected one of: {}", fmt::join(options, ", ")));
    return false;
}

void Loader::wrong_type(const toml::node& n, const FieldSpec& f) {
    using T = ValueType;
    std::string expected = f.type == T::choice
                               ? fmt::format("one of {}", fmt::join(f.choices, ", "))
                               : std::string(describe(f.type));
    if (f.many) expected += " or a list of them";
    auto& d = error("wrong-type", span_of(n),
                    fmt::format("'{}' must be {}, not {}", f.key, expected, type_name(n)));
    if (f.type == T::table_array)
        d.hints.push_back(fmt::format("write each one as a [[{}]] table, followed by its keys",
                                      f.sections ? "section" : "section." + std::string(f.key)));
    else if (f.type == T::table)
        d.hints.push_back(
            fmt::format("write [{}] on a line of its own, followed by its keys", f.key));
    else if (!f.example.empty())
        d.hints.push_back(fmt::format("expected {}, e.g. {} = {}", expected, f.key, f.example));
}

bool Loader::check_type(const toml::node& n, const FieldSpec& f) {
    using T = ValueType;
    if (!has_toml_type(n, f.type, f.many)) {
        wrong_type(n, f);
        return false;
    }
    if (f.many && n.is_array()) return check_list_items(*n.as_array(), f);
    switch (f.type) {
        case T::string_list:
        case T::text_list:
            return check_list_items(*n.as_array(), f);
        case T::color:
            return check_color(n);
        case T::choice:
            return check_choice(n, f);
        case T::choice_or_number:
            return check_choice_or_number(n, f);
        case T::lengths:
            return check_lengths(n, f);
        case T::string_map:
        case T::integer_map:
            return check_map_values(*n.as_table(), f);
        default:
            return true;
    }
}

std::optional<Date> Loader::read_date(const toml::node& n, const FieldSpec& f) {
    const bool allow_present = f.type == ValueType::end_date;
    std::optional<Date> d;
    if (const auto* s = n.as_string()) {
        d = cvtex::read_date(s->get(), allow_present, f.free_text, present_word_);
    } else if (const auto* i = n.as_integer()) {
        if (valid_date(static_cast<int>(i->get()), 0, 0))
            d = Date{.year = static_cast<int>(i->get())};
    } else if (const auto* td = n.as_date()) {
        const auto v = td->get();
        d = Date{.year = v.year, .month = v.month, .day = v.day};
    }
    if (!d) {
        auto& diag = error("bad-date", span_of(n), fmt::format("'{}' is not a valid date", f.key));
        // Only "present" fails above yet parses when it is allowed.
        if (n.is_string() && parse_date(n.as_string()->get(), true, present_word_)) {
            diag.hints.push_back(
                "\"present\" can only be an end; write start = \"YYYY-MM\" and "
                "end = \"present\" for something ongoing");
            return std::nullopt;
        }
        diag.hints.push_back(
            f.free_text ? "dates are written YYYY-MM, e.g. 2020-08 (also YYYY, YYYY-MM-DD or "
                          "Aug 2020), or as text with words, e.g. \"Summer 2019\""
                        : "dates are written YYYY-MM, e.g. 2020-08 (also YYYY or YYYY-MM-DD)");
        if (allow_present) diag.hints.push_back("write \"present\" for something ongoing");
        return std::nullopt;
    }
    d->span = span_of(n);
    return d;
}

Settings Loader::read_settings(const toml::table* t) {
    Settings s;
    if (!t) return s;
    const TableSpec& spec = *root_schema().find("settings")->table;
    Reader r{*this, *t, spec, span_of_table(*t)};
    check_keys(r, "[settings]");
    if (auto v = r.choice("paper")) s.paper = *v == "a4" ? Paper::a4 : Paper::letter;
    if (auto v = r.choice("font_size")) s.font_size = std::stoi(*v);
    if (auto v = r.string("font")) {
        // Written into the LaTeX as it is: no character of TeX's or fontspec's.
        if (v->value.find_first_of("\\{}$&#^_%~[],=\"\n\r\t") != std::string::npos)
            error("bad-font-name", v->span, fmt::format("'{}' is not a font name", v->value))
                .hints.push_back(
                    "a font's family name, as fc-list prints it, e.g. \"DejaVu Sans\"");
        else
            s.font = v->value;
        s.font_span = v->span;
    }
    if (auto v = r.text("accent", ValueType::color)) {
        s.accent = v->value.starts_with('#') ? v->value.substr(1) : v->value;
        s.accent_set = true;
    }
    read_design(r, s);
    if (auto v = r.choice("date_style")) {
        if (*v == "long")
            s.date_style = DateStyle::long_month;
        else if (*v == "numeric")
            s.date_style = DateStyle::numeric;
        else if (*v == "iso")
            s.date_style = DateStyle::iso;
    }
    if (auto v = r.choice("highlight"))
        s.highlight = *v == "underline" ? OwnerStyle::underline
                      : *v == "none"    ? OwnerStyle::none
                                        : OwnerStyle::bold;
    s.author_style = read_name_style(r);
    if (auto v = r.choice("engine")) s.engine = *v;
    read_locale(r, s);
    return s;
}

// `language` and the overrides of [settings.strings]. A language whose table lacks a key
// prints English for it, with one warning for all such keys.
void Loader::read_locale(const Reader& r, Settings& s) {
    if (auto v = r.choice("language")) {
        std::vector<std::string> missing;
        s.locale = Locale::of(*v, &missing);
        s.language_span = span_of(*r.get("language", ValueType::choice));
        if (!missing.empty())
            warning("missing-translation", s.language_span,
                    fmt::format("language '{}' has no words for {}; English is printed", *v,
                                fmt::join(missing, ", ")))
                .hints.push_back("set them in [settings.strings], e.g. " + missing.front() +
                                 " = \"...\"");
    }
    const auto keys = locale_keys();
    for (auto& [key, value] :
         read_map<Text>(r, "strings", ValueType::string_map, [&](const toml::node& v) {
             return Text{std::string(v.as_string()->get()), span_of(v)};
         })) {
        if (s.locale.set(key.value, value.value)) continue;
        auto& d = error("unknown-locale-string", key.span,
                        fmt::format("no string called '{}' in [settings.strings]", key.value));
        if (auto guess = closest_match(key.value, keys); !guess.empty())
            d.hints.push_back(fmt::format("did you mean '{}'?", guess));
        d.hints.push_back("the strings are listed in docs/locale.md");
    }
    present_word_ = s.locale.get("present");
}

namespace {

std::string hex_of(const std::optional<Text>& colour) {
    if (!colour) return {};
    return colour->value.starts_with('#') ? colour->value.substr(1) : colour->value;
}

}  // namespace

// The design keys of [settings]: theme, margins, spacing, styles, bullet, colours.
void Loader::read_design(const Reader& r, Settings& s) {
    if (auto v = r.string("theme")) {
        const bool file = v->value.find('/') != std::string::npos || v->value.ends_with(".sty");
        const auto& themes = bundled_themes();
        if (!file && std::find(themes.begin(), themes.end(), v->value) == themes.end()) {
            std::vector<std::string> names(themes.begin(), themes.end());
            auto& d =
                error("unknown-theme", v->span, fmt::format("no theme called '{}'", v->value));
            if (auto guess = closest_match(v->value, names); !guess.empty())
                d.hints.push_back(fmt::format("did you mean '{}'?", guess));
            d.hints.push_back(fmt::format("themes: {}; or a file of your own, \"./NAME.sty\"",
                                          fmt::join(names, ", ")));
        } else if (v->value != "classic") {
            s.theme = *v;
        }
    }
    if (auto v = r.text("margins", ValueType::lengths)) {
        auto l = split_lengths(v->value);
        if (l.size() == 1) l = {l[0], l[0], l[0], l[0]};
        if (l.size() == 2) l = {l[0], l[1], l[0], l[1]};
        s.margins = std::move(l);
    }
    if (const toml::node* n = r.get("spacing", ValueType::choice_or_number)) {
        if (n->is_string()) {
            const std::string_view v = n->as_string()->get();
            s.spacing = v == "compact" ? 75 : v == "relaxed" ? 125 : 100;
        } else {
            const double v = n->is_integer() ? static_cast<double>(n->as_integer()->get())
                                             : n->as_floating_point()->get();
            s.spacing = static_cast<int>(v * 100 + 0.5);
        }
    }
    if (auto v = r.choice("section_style")) s.section_style = *v;
    if (auto v = r.choice("header_align")) s.header_align = *v;
    if (auto v = r.choice("date_position")) s.date_position = *v;
    s.bullet = r.string("bullet");
    s.name_color = hex_of(r.text("name_color", ValueType::color));
    s.heading_color = hex_of(r.text("heading_color", ValueType::color));
    s.link_color = hex_of(r.text("link_color", ValueType::color));
}

NameStyle Loader::read_name_style(const Reader& r) {
    NameStyle style;
    if (auto v = r.choice("author_names"))
        style.form = *v == "initials" ? NameForm::initials : NameForm::full;
    if (auto v = r.choice("author_order"))
        style.order = *v == "last-first" ? NameOrder::last_first : NameOrder::first_last;
    return style;
}

PublicationOptions Loader::read_publication_options(const Reader& r) {
    PublicationOptions o;
    o.bib = r.list("bib");
    o.keys = r.list("keys");
    o.types = r.list("types");
    o.keyword = r.string("keyword");
    o.field = r.string("field");
    o.from = r.integer("from");
    o.to = r.integer("to");
    o.limit = r.integer("limit");
    o.max_authors = r.integer("max_authors");
    if (auto v = r.choice("sort"))
        o.sort = *v == "oldest" ? PublicationSort::oldest
                 : *v == "none" ? PublicationSort::none
                                : PublicationSort::newest;
    if (auto v = r.choice("group")) o.group_by_type = *v == "type";
    if (auto v = r.choice("numbering"))
        o.numbering = *v == "ascending"    ? Numbering::ascending
                      : *v == "descending" ? Numbering::descending
                                           : Numbering::none;
    if (auto v = r.choice("number_scope")) o.number_per_group = *v == "group";
    o.author_style = read_name_style(r);
    if (const toml::table* titles = r.subtable("group_titles")) {
        const TableSpec& spec = *r.spec.find("group_titles")->table;
        Reader g{*this, *titles, spec, span_at(titles->source().begin)};
        check_keys(g, "group_titles");
        for (const auto& f : spec.fields)
            if (auto title = g.text(f.key)) o.group_titles.emplace_back(f.key, *title);
    }
    return o;
}

Person Loader::read_person(const toml::table* t, Span fallback) {
    Person p;
    if (!t) return p;
    const TableSpec& spec = *root_schema().find("person")->table;
    Reader r{*this, *t, spec, span_of_table(*t)};
    check_keys(r, "[person]");
    p.span = r.table_span.valid() ? r.table_span : fallback;
    p.name = r.required("name", ValueType::string);
    p.headline = r.text("headline");
    p.address = r.string("address");
    p.location = r.string("location");
    p.emails = r.one_or_more("email", ValueType::email);
    p.phones = r.one_or_more("phone", ValueType::string);
    p.websites = r.one_or_more("website", ValueType::url);
    p.github = r.string("github");
    p.linkedin = r.string("linkedin");
    p.scholar = r.string("scholar");
    p.orcid = r.string("orcid");
    for (const toml::table* profile : r.tables("profiles")) {
        Reader pr{*this, *profile, *spec.find("profiles")->table, span_at(profile->source().begin)};
        check_keys(pr, "a profile");
        p.profiles.push_back({pr.required("network", ValueType::choice),
                              pr.required("username", ValueType::string), pr.url("url"),
                              pr.table_span});
    }
    p.photo = r.string("photo");
    p.aliases = r.list("aliases");
    // The contact line follows the order the user wrote the keys in, not toml++'s sorted order.
    std::vector<std::pair<toml::source_position, std::string>> order;
    for (auto&& [key, node] : *t)
        if (key.str() != "name" && key.str() != "headline" && key.str() != "aliases" &&
            key.str() != "photo")
            order.emplace_back(key.source().begin, std::string(key.str()));
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
        return std::pair(a.first.line, a.first.column) < std::pair(b.first.line, b.first.column);
    });
    for (auto& [pos, key] : order) p.contact_order.push_back(std::move(key));
    return p;
}

// Reads every entry table of a section with `read_one` into a body of `Entry`s (typed even
// when there are none).
template <class Entry, class ReadOne>
void Loader::read_all(const std::vector<const toml::table*>& tables, const SectionKind& kind,
                      Section& section, ReadOne read_one) {
    std::vector<Entry> entries;
    entries.reserve(tables.size());
    for (const toml::table* e : tables) {
        Reader r{*this, *e, *kind.entry, span_at(e->source().begin)};
        check_keys(r, kind.entry->name);
        entries.push_back(read_one(r, r.table_span));
    }
    section.body = std::move(entries);
}

Publication Loader::read_publication(const Reader& r, Span at) {
    Publication p{r.required("title"),
                  r.list("authors"),
                  r.list("equal"),
                  r.list("corresponding"),
                  r.text("venue"),
                  r.text("award"),
                  r.string("doi"),
                  r.string("arxiv"),
                  r.url("url"),
                  r.url("code"),
                  r.text("note"),
                  {r.date("date"), {}, {}},
                  at};
    p.type = r.text("type", ValueType::choice);
    p.keywords = r.list("keywords");
    p.tags = r.list("tags");
    return p;
}

// Every kind of section with entries has its case here; a kind the schema declares and this
// function does not know is reported, never read as some other kind.
bool Loader::read_entries(const toml::table& t, const SectionKind& kind, Section& section) {
    const auto tables = Reader{*this, t, *kind.section, section.span}.tables("entry");
    const std::string_view k = kind.kind;
    if (k == "education")
        read_all<EducationEntry>(tables, kind, section, [](const Reader& r, Span at) {
            EducationEntry e;
            e.institution = r.required("institution");
            e.degree = r.text("degree");
            e.area = r.text("area");
            e.minor = r.text("minor");
            e.location = r.text("location");
            e.gpa = r.string("gpa");
            e.honors = r.text("honors");
            e.thesis = r.text("thesis");
            e.advisor = r.text("advisor");
            e.url = r.url("url");
            e.summary = r.text("summary");
            e.when = r.when();
            e.highlights = r.highlights();
            e.span = at;
            e.tags = r.list("tags");
            return e;
        });
    else if (k == "experience")
        read_all<ExperienceEntry>(tables, kind, section, [](const Reader& r, Span at) {
            return ExperienceEntry{r.required("organization"),
                                   r.text("position"),
                                   r.text("location"),
                                   r.url("url"),
                                   r.text("summary"),
                                   r.when(),
                                   r.highlights(),
                                   at,
                                   r.list("tags")};
        });
    else if (k == "publications")
        read_all<Publication>(tables, kind, section,
                              [this](const Reader& r, Span at) { return read_publication(r, at); });
    else if (k == "list")
        read_all<ListEntry>(tables, kind, section, [](const Reader& r, Span at) {
            return ListEntry{r.text("label"), r.list("items"), at, r.list("tags")};
        });
    else if (k == "oneline")
        read_all<OnelineEntry>(tables, kind, section, [](const Reader& r, Span at) {
            return OnelineEntry{r.required("label"), r.required("details"), at, r.list("tags")};
        });
    else if (k == "dated")
        read_all<DatedEntry>(tables, kind, section, [](const Reader& r, Span at) {
            return DatedEntry{r.required("title"), r.text("location"), r.text("details"),
                              r.url("url"),        r.when(),           at,
                              r.list("tags")};
        });
    else if (k == "skills")
        read_all<SkillEntry>(tables, kind, section, [](const Reader& r, Span at) {
            return SkillEntry{r.required("label"), r.list("items"), r.text("level"), at,
                              r.list("tags")};
        });
    else if (k == "projects")
        read_all<ProjectEntry>(tables, kind, section, [](const Reader& r, Span at) {
            ProjectEntry e;
            e.name = r.required("name");
            e.url = r.url("url");
            e.role = r.text("role");
            e.location = r.text("location");
            e.when = r.when();
            e.summary = r.text("summary");
            e.technologies = r.list("technologies");
            e.highlights = r.highlights();
            e.span = at;
            e.tags = r.list("tags");
            return e;
        });
    else if (k == "talks")
        read_all<TalkEntry>(tables, kind, section, [](const Reader& r, Span at) {
            TalkEntry e;
            e.title = r.required("title");
            e.event = r.text("event");
            e.location = r.text("location");
            e.when = When{r.date("date"), {}, {}};
            e.type = r.text("type", ValueType::choice);
            e.url = r.url("url");
            e.span = at;
            e.tags = r.list("tags");
            return e;
        });
    else if (k == "grants")
        read_all<GrantEntry>(tables, kind, section, [](const Reader& r, Span at) {
            GrantEntry e;
            e.title = r.required("title");
            e.agency = r.text("agency");
            e.amount = r.integer("amount");
            e.currency = r.string("currency");
            e.role = r.text("role");
            e.when = r.when();
            e.url = r.url("url");
            e.summary = r.text("summary");
            e.highlights = r.highlights();
            e.span = at;
            e.tags = r.list("tags");
            return e;
        });
    else if (k == "patents")
        read_all<PatentEntry>(tables, kind, section, [](const Reader& r, Span at) {
            PatentEntry e;
            e.title = r.required("title");
            e.number = r.string("number");
            e.status = r.text("status");
            e.inventors = r.list("inventors");
            e.when = When{r.date("date"), {}, {}};
            e.url = r.url("url");
            e.summary = r.text("summary");
            e.span = at;
            e.tags = r.list("tags");
            return e;
        });
    else if (k == "service")
        read_all<ServiceEntry>(tables, kind, section, [](const Reader& r, Span at) {
            return ServiceEntry{r.required("role"), r.text("organization"),
                                r.url("url"),       r.text("details"),
                                r.when(),           at,
                                r.list("tags")};
        });
    else if (k == "memberships")
        read_all<MembershipEntry>(tables, kind, section, [](const Reader& r, Span at) {
            return MembershipEntry{r.required("organization"),
                                   r.text("role"),
                                   r.url("url"),
                                   r.text("details"),
                                   r.when(),
                                   at,
                                   r.list("tags")};
        });
    else if (k == "certifications")
        read_all<CertificationEntry>(tables, kind, section, [](const Reader& r, Span at) {
            CertificationEntry e;
            e.name = r.required("name");
            e.issuer = r.text("issuer");
            e.when = When{r.date("date"), {}, {}};
            e.expires = r.date("expires");
            e.credential = r.string("credential");
            e.url = r.url("url");
            e.span = at;
            e.tags = r.list("tags");
            return e;
        });
    else if (k == "students")
        read_all<StudentEntry>(tables, kind, section, [](const Reader& r, Span at) {
            StudentEntry e;
            e.name = r.required("name");
            e.degree = r.text("degree");
            e.thesis = r.text("thesis");
            e.outcome = r.text("outcome");
            e.when = r.when();
            e.url = r.url("url");
            e.span = at;
            e.tags = r.list("tags");
            return e;
        });
    else if (k == "referees")
        read_all<RefereeEntry>(tables, kind, section, [](const Reader& r, Span at) {
            RefereeEntry e;
            e.name = r.required("name");
            e.title = r.text("title");
            e.institution = r.text("institution");
            e.address = r.list("address");
            e.email = r.text("email", ValueType::email);
            e.phone = r.string("phone");
            e.relationship = r.text("relationship");
            e.url = r.url("url");
            e.span = at;
            e.tags = r.list("tags");
            return e;
        });
    else {
        error("unsupported-kind", section.span,
              fmt::format("internal error: cvtex cannot read sections of kind '{}'", k))
            .hints.push_back("this is a bug in cvtex; please report it");
        return false;
    }
    return true;
}

// The keys of every kind of section together; only the keys all kinds share are required.
const TableSpec& any_kind_section() {
    static const TableSpec spec = [] {
        TableSpec t = *root_schema().find("section")->table;
        for (const auto& k : section_kinds()) {
            for (FieldSpec f : k.section->fields) {
                if (t.find(f.key)) continue;
                f.required = false;
                t.fields.push_back(f);
            }
        }
        return t;
    }();
    return spec;
}

std::optional<Section> Loader::read_section(const toml::table& t) {
    const Span at = span_at(t.source().begin);
    const TableSpec& any = *root_schema().find("section")->table;
    Reader probe{*this, t, any, at};
    const auto kind_name = probe.choice("kind");
    const SectionKind* kind = kind_name ? find_section_kind(*kind_name) : nullptr;
    if (!kind) {
        // Without a kind, the keys are still checked against those any kind takes, so a
        // misspelt `kind` is named as such.
        check_keys(Reader{*this, t, any_kind_section(), at}, "section");
        return std::nullopt;
    }
    Reader r{*this, t, *kind->section, at};
    check_keys(r, kind->section->name);
    Section s;
    s.span = at;
    s.id = r.string("id");
    s.tags = r.list("tags");
    if (kind->kind == "raw-latex") {
        s.title = r.text("title").value_or(Text{{}, at});
        s.note = r.text("note");
        Text latex = r.required("raw_latex", ValueType::string);
        const std::uint32_t first = first_content_line(latex.span);
        s.body = RawLatexBody{std::move(latex), first};
        return s;
    }
    s.title = r.required("title");
    s.note = r.text("note");
    if (!kind->entry) {
        s.body = TextBody{r.required("text")};
        return s;
    }
    if (!read_entries(t, *kind, s)) return std::nullopt;
    if (kind->kind == "publications") s.publications = read_publication_options(r);
    if (const FieldSpec* f = kind->section->find("labels"))
        if (const toml::table* labels = r.subtable("labels")) {
            Reader l{*this, *labels, *f->table, span_at(labels->source().begin)};
            check_keys(l, "labels");
            for (const auto& label : f->table->fields)
                if (auto text = l.text(label.key)) s.labels.emplace_back(label.key, *text);
        }
    if (kind->section->find("columns"))
        if (auto columns = r.choice("columns"))
            s.columns =
                IntValue{std::stoi(*columns), span_of(*r.get("columns", ValueType::choice))};
    return s;
}

Variant Loader::read_variant(const toml::table& t) {
    const TableSpec& spec = *root_schema().find("variant")->table;
    Reader r{*this, t, spec, span_at(t.source().begin)};
    check_keys(r, "[[variant]]");
    return Variant{r.required("name", ValueType::string),
                   r.list("tags"),
                   r.list("exclude_tags"),
                   r.list("sections"),
                   r.integer("max_pages"),
                   r.table_span};
}

Document Loader::run() {
    Document& doc = doc_;
    doc.source_path = source_.path();
    doc.files = {doc.source_path};
    // Debian's toml++ is built with exceptions; the parse error is turned into a diagnostic
    // right here and never travels further.
    auto tree = std::make_shared<toml::table>();
    try {
        *tree = toml::parse(source_.text());
    } catch (const toml::parse_error& err) {
        syntax_error(err.description(), span_at(err.source().begin));
        return std::move(doc);
    }
    std::vector<std::string_view> keys;
    for (auto&& [key, node] : *tree) keys.push_back(key.str());
    const DocumentKindSpec& kind = document_kind_of(keys);
    for (const auto& o : overrides_) apply_override(*tree, o, *kind.root);
    // The document keeps the tree: its owner decides when to pay for freeing it.
    doc.parse_tree = tree;
    const toml::table& root = *tree;
    if (kind.name == "packet") {
        error("packet-not-a-document", Span::at(1, 1),
              "this is a packet of applications, not one document")
            .hints.push_back(fmt::format("build it with: cvtex packet {}", source_.path()));
        return std::move(doc);
    }
    if (kind.name != "cv") {
        read_other_kind(root, kind);
        // The CV's tree too: spans point into it.
        referenced_trees_.push_back(tree);
        doc.parse_tree = std::make_shared<std::vector<std::shared_ptr<toml::table>>>(
            std::move(referenced_trees_));
        return std::move(doc);
    }
    Reader r{*this, root, root_schema(), Span::at(1, 1)};
    check_keys(r, "the top level");
    doc.settings = read_settings(r.subtable("settings"));
    doc.person = read_person(r.subtable("person"), Span::at(1, 1));
    Cv cv;
    for (const toml::table* t : r.tables("section"))
        if (auto s = read_section(*t)) cv.sections.push_back(std::move(*s));
    for (const toml::table* t : r.tables("variant")) cv.variants.push_back(read_variant(*t));
    doc.page_limit = r.integer("max_pages");
    doc.content = std::move(cv);
    return std::move(doc);
}

// ---- letters and statements ------------------------------------------------------------

// A file a document names (its CV, a Markdown body), relative to the document: read through
// the Sources, kept (so that diagnostics can quote it) with its own file id. nullptr when it
// cannot be read.
const SourceFile* Loader::referenced_file(const Text& name, std::string_view what) {
    namespace fs = std::filesystem;
    const std::string path =
        (fs::path(doc_.source_path).parent_path() / name.value).lexically_normal().string();
    if (!sources_) return nullptr;
    FileRead read = sources_->read(path);
    if (!read.ok()) {
        const std::string message = cannot_read(fmt::format("{} '{}'", what, name.value), read);
        if (read.status == FileRead::Status::too_large) {
            error("file-too-large", name.span, message);
            return nullptr;
        }
        auto& d = error("file-not-found", name.span, message);
        sources_->hint_near_file(d, path, read);
        d.hints.push_back(fmt::format("looked for {}; paths are relative to this file", path));
        return nullptr;
    }
    return &sources_->keep(SourceFile(path, std::move(read.bytes), doc_.add_file(path)));
}

// The CV a letter or statement takes its person and settings from, parsed with its path so
// that its values' spans point into it.
const toml::table* Loader::read_referenced_cv(const Text& name) {
    const SourceFile* file = referenced_file(name, "the CV");
    if (!file) return nullptr;
    if (!check_utf8("not-utf8", *file, "save the file as UTF-8", sink_)) return nullptr;
    auto tree = std::make_shared<toml::table>();
    try {
        *tree = toml::parse(file->text(), file->path());
    } catch (const toml::parse_error& err) {
        const auto& at = err.source().begin;
        sink_
            .error("toml-syntax", file->path(), Span::at(at.line, at.column, 1, file->id()),
                   fmt::format("TOML syntax error: {}", err.description()))
            .hints.push_back("build the CV on its own to see the problem");
        return nullptr;
    }
    referenced_.emplace(file->path(), *file);
    referenced_trees_.push_back(tree);
    return tree.get();
}

// A letter's or a statement's [person] or [settings] over its CV's: the CV's keys, and the
// document's own where it has them (a whole value each: a list of emails replaces the CV's).
// Values keep their places in their files (spans), so messages point where each was written.
const toml::table* Loader::overlaid(const toml::table* cv, const toml::table* own) {
    if (!cv || !own) return cv ? cv : own;
    auto merged = std::make_shared<toml::table>(*cv);
    for (auto&& [key, value] : *own) {
        const auto [at, added] = merged->insert_or_assign(key, value);
        (void)added;
        keep_override_spans(value, at->second);
    }
    referenced_trees_.push_back(merged);
    return merged.get();
}

// A copy of a value set with --set keeps the span of the --set argument.
void Loader::keep_override_spans(const toml::node& from, const toml::node& to) {
    if (const auto it = override_spans_.find(&from); it != override_spans_.end())
        override_spans_[&to] = it->second;
    if (from.is_array() && to.is_array()) {
        const auto &a = *from.as_array(), &b = *to.as_array();
        for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) keep_override_spans(a[i], b[i]);
    } else if (from.is_table() && to.is_table()) {
        for (auto&& [key, value] : *from.as_table())
            if (const toml::node* copy = to.as_table()->get(key.str()))
                keep_override_spans(value, *copy);
    }
}

// The .bib files of a CV's publications sections, as paths relative to this document.
std::vector<Text> Loader::bib_files_of(const toml::table& cv, const std::string& cv_path) {
    namespace fs = std::filesystem;
    std::vector<Text> out;
    const auto* sections = cv.get_as<toml::array>("section");
    if (!sections) return out;
    const fs::path cv_dir = fs::path(cv_path).parent_path();
    const fs::path here = fs::path(doc_.source_path).parent_path();
    for (const auto& s : *sections) {
        const auto* bib = s.is_table() ? s.as_table()->get_as<toml::array>("bib") : nullptr;
        if (!bib) continue;
        for (const auto& b : *bib) {
            if (!b.is_string()) continue;
            const fs::path path = (cv_dir / b.as_string()->get()).lexically_normal();
            std::string relative = path.lexically_relative(here.empty() ? "." : here).string();
            if (relative.empty()) relative = path.string();
            const bool seen = std::any_of(out.begin(), out.end(),
                                          [&](const Text& t) { return t.value == relative; });
            if (!seen) out.push_back(Text{relative, span_of(b)});
        }
    }
    return out;
}

// Where the characters of a TOML string value start, for Markdown positions in it.
TextOrigin Loader::origin_of_string(const Text& value) const {
    TextOrigin o{doc_.path_of(value.span), value.span.file, value.span.line, value.span.column};
    const std::string_view rest = rest_of_line(value.span.line, value.span.column);
    const bool multi_line = rest.starts_with(R"(""")") || rest.starts_with("'''");
    o.line = first_content_line(value.span);
    o.column = o.line != value.span.line ? 1 : value.span.column + (multi_line ? 3 : 1);
    return o;
}

// A body: `body` in the table, or the Markdown file `body_file`, not both.
Body Loader::read_body(const Reader& r, std::string_view what, bool required) {
    auto text = r.text("body", ValueType::markdown);
    auto file = r.string("body_file");
    if (text && file) {
        error("body-and-body-file", file->span, "give either 'body' or 'body_file', not both")
            .hints.push_back("body holds the text; body_file names a Markdown file with it");
        return {};
    }
    if (text) return read_markdown(text->value, origin_of_string(*text), sink_);
    if (!file) {
        if (!required) return {};
        error("missing-key", r.table_span,
              fmt::format("{} has no text: give 'body' or 'body_file'", what))
            .hints.push_back("add body_file = \"letter.md\", or body = \"\"\"...\"\"\"");
        return {};
    }
    const SourceFile* source = referenced_file(*file, "the Markdown file");
    if (!source || !check_utf8("not-utf8", *source, "save the file as UTF-8", sink_)) return {};
    return read_markdown(source->text(), TextOrigin{source->path(), source->id(), 1, 1}, sink_);
}

Recipient Loader::read_recipient(const Reader& letter) {
    Recipient out;
    const toml::table* t = letter.subtable("recipient");
    if (!t) return out;
    Reader r{*this, *t, *letter.spec.find("recipient")->table, span_of_table(*t)};
    check_keys(r, "[letter.recipient]");
    out.name = r.text("name");
    out.title = r.text("title");
    out.institution = r.text("institution");
    out.address = r.list("address");
    return out;
}

Letter Loader::read_letter(const toml::table& t, const TableSpec& spec, bool whole) {
    Letter l;
    Reader r{*this, t, spec, span_of_table(t)};
    check_keys(r, whole ? "[letter]" : "a letter");
    l.span = r.table_span;
    l.date = r.date("date");
    l.recipient = read_recipient(r);
    l.subject = r.text("subject");
    l.salutation = r.text("salutation");
    l.closing = r.text("closing");
    l.signature = r.string("signature");
    l.body = read_body(r, "[letter]", whole);
    l.max_pages = r.integer("max_pages");
    doc_.page_limit = l.max_pages;
    return l;
}

Statement Loader::read_statement(const toml::table& t, const TableSpec& spec,
                                 std::vector<Text> cv_bib) {
    Statement s;
    Reader r{*this, t, spec, span_of_table(t)};
    check_keys(r, "[statement]");
    s.span = r.table_span;
    s.title = r.required("title");
    s.body = read_body(r, "[statement]");
    s.bib = r.list("bib");
    if (s.bib.empty()) s.bib = std::move(cv_bib);
    s.references_title = r.text("references_title");
    doc_.page_limit = r.integer("max_pages");
    return s;
}

// A letter or a statement: its own table, and a person and settings of its own or its CV's.
void Loader::read_other_kind(const toml::table& root, const DocumentKindSpec& kind) {
    Reader r{*this, root, *kind.root, Span::at(1, 1)};
    check_keys(r, fmt::format("a {} file", kind.name));
    const toml::table* person = r.subtable("person");
    const toml::table* settings = r.subtable("settings");
    std::vector<Text> cv_bib;
    if (auto cv = r.string("cv"))
        if (const toml::table* tree = read_referenced_cv(*cv)) {
            person = overlaid(tree->get_as<toml::table>("person"), person);
            settings = overlaid(tree->get_as<toml::table>("settings"), settings);
            cv_bib = bib_files_of(*tree, referenced_.begin()->first);
        }
    if (!person)
        error("missing-key", Span::at(1, 1),
              fmt::format("a {} file needs a letterhead: [person], or cv = \"FILE\"", kind.name))
            .hints.push_back(
                "add cv = \"cv.toml\" to take the name and contact details of your CV");
    doc_.settings = read_settings(settings);
    doc_.person = read_person(person, Span::at(1, 1));
    const TableSpec& table = *kind.root->find(kind.name)->table;
    if (const toml::table* t = r.subtable(kind.name)) {
        if (kind.name == "letter")
            doc_.content = read_letter(*t, table);
        else
            doc_.content = read_statement(*t, table, std::move(cv_bib));
    }
}

// ---- packets -----------------------------------------------------------------------------

// The keys and values of a string_map or integer_map field.
template <class Value, class Read>
std::vector<std::pair<Text, Value>> Loader::read_map(const Reader& r, std::string_view key,
                                                     ValueType type, Read read_value) {
    std::vector<std::pair<Text, Value>> out;
    const toml::node* n = r.get(key, type);
    if (!n) return out;
    for (auto&& [k, v] : *n->as_table())
        out.emplace_back(Text{std::string(k.str()), r.loader.span_of(k)}, read_value(v));
    return out;
}

// `over` with the keys `top` gives: an application's letter over the packet's.
Letter overlay(Letter over, Letter top) {
    if (top.date) over.date = top.date;
    if (top.recipient.name || top.recipient.title || top.recipient.institution ||
        !top.recipient.address.empty())
        over.recipient = std::move(top.recipient);
    for (auto [mine, theirs] :
         {std::pair{&over.subject, &top.subject}, std::pair{&over.salutation, &top.salutation},
          std::pair{&over.closing, &top.closing}, std::pair{&over.signature, &top.signature}})
        if (*theirs) *mine = std::move(*theirs);
    if (!top.body.empty()) over.body = std::move(top.body);
    if (top.max_pages) over.max_pages = top.max_pages;
    over.span = top.span.valid() ? top.span : over.span;
    return over;
}

Application Loader::read_application(const toml::table& t, const TableSpec& spec,
                                     const std::optional<Letter>& packet_letter) {
    Reader r{*this, t, spec, span_of_table(t)};
    check_keys(r, "[[application]]");
    Application a;
    a.span = r.table_span;
    a.name = r.required("name", ValueType::string);
    a.institution = r.text("institution");
    a.position = r.text("position");
    a.committee = r.text("committee");
    a.deadline = r.date("deadline");
    a.variant = r.string("variant");
    a.documents = r.list("documents");
    std::optional<Letter> own;
    if (const toml::table* letter = r.subtable("letter"))
        own = read_letter(*letter, *spec.find("letter")->table, false);
    Recipient recipient = read_recipient(r);
    if (packet_letter || own) {
        a.letter =
            own ? (packet_letter ? overlay(*packet_letter, std::move(*own)) : std::move(*own))
                : *packet_letter;
        if (recipient.name || recipient.institution || !recipient.address.empty())
            a.letter->recipient = std::move(recipient);
    }
    a.variables = read_map<Text>(r, "variables", ValueType::string_map, [&](const toml::node& v) {
        return Text{std::string(v.as_string()->get()), span_of(v)};
    });
    a.max_pages =
        read_map<IntValue>(r, "max_pages", ValueType::integer_map, [&](const toml::node& v) {
            return IntValue{v.as_integer()->get(), span_of(v)};
        });
    return a;
}

void Loader::read_packet_table(const Reader& root, Packet& packet, std::optional<Letter>& letter) {
    const toml::table* t = root.subtable("packet");
    if (!t) return;
    const TableSpec& spec = *root.spec.find("packet")->table;
    Reader r{*this, *t, spec, span_of_table(*t)};
    check_keys(r, "[packet]");
    if (auto output = r.string("output")) packet.output = output->value;
    packet.order = r.list("order");
    if (auto v = r.choice("page_numbers")) packet.continuous_pages = *v == "continuous";
    if (auto v = r.choice("combine")) packet.combine = *v == "yes";
    if (const toml::table* l = r.subtable("letter"))
        letter = read_letter(*l, *spec.find("letter")->table, false);
    for (const toml::table* d : r.tables("document")) {
        Reader dr{*this, *d, *spec.find("document")->table, span_of_table(*d)};
        check_keys(dr, "[[packet.document]]");
        packet.documents.push_back({dr.required("name", ValueType::string),
                                    dr.required("file", ValueType::string), dr.integer("max_pages"),
                                    dr.table_span});
    }
}

Packet Loader::run_packet() {
    Packet packet;
    doc_.source_path = packet.source_path = source_.path();
    doc_.files = {doc_.source_path};
    auto tree = std::make_shared<toml::table>();
    try {
        *tree = toml::parse(source_.text());
    } catch (const toml::parse_error& err) {
        syntax_error(err.description(), span_at(err.source().begin));
        return packet;
    }
    const TableSpec& spec = *find_document_kind("packet")->root;
    Reader r{*this, *tree, spec, Span::at(1, 1)};
    check_keys(r, "a packet file");
    packet.cv = r.required("cv", ValueType::string);
    if (!packet.cv.empty())
        if (const toml::table* cv = read_referenced_cv(packet.cv)) {
            packet.person = read_person(cv->get_as<toml::table>("person"), Span::at(1, 1));
            packet.settings = read_settings(cv->get_as<toml::table>("settings"));
        }
    std::optional<Letter> letter;
    read_packet_table(r, packet, letter);
    for (const toml::table* a : r.tables("application"))
        packet.applications.push_back(
            read_application(*a, *spec.find("application")->table, letter));
    referenced_trees_.push_back(tree);
    packet.parse_tree =
        std::make_shared<std::vector<std::shared_ptr<toml::table>>>(std::move(referenced_trees_));
    packet.files = doc_.files;
    return packet;
}

// The segments of an override's path, as written before " = " in its text.
std::vector<std::string_view> override_path(const SourceFile& file) {
    const std::string_view path = std::string_view(file.text()).substr(0, file.text().find(" = "));
    std::vector<std::string_view> out;
    for (std::size_t start = 0; start <= path.size();) {
        const std::size_t dot = std::min(path.find('.', start), path.size());
        out.push_back(path.substr(start, dot - start));
        start = dot + 1;
    }
    return out;
}

// The 1-based column of segment `i` of an override's path.
std::uint32_t segment_column(const std::vector<std::string_view>& path, std::size_t i) {
    std::size_t column = 1;
    for (std::size_t k = 0; k < i; ++k) column += path[k].size() + 1;
    return static_cast<std::uint32_t>(column);
}

// The first `n` + 1 segments of a path, joined: "section.1.entry".
std::string whole_prefix(const std::vector<std::string_view>& path, std::size_t n) {
    std::string out;
    for (std::size_t k = 0; k <= n && k < path.size(); ++k) {
        if (!out.empty()) out += '.';
        out += path[k];
    }
    return out;
}

std::optional<std::size_t> one_based(std::string_view s) {
    std::size_t n = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc{} || end != s.data() + s.size() || n == 0) return std::nullopt;
    return n;
}

// The table an override's last key goes into, walking the tree with the schema: keys must
// be ones the schema has, arrays of tables take a 1-based number. nullptr after an error.
toml::table* Loader::override_target(toml::table& root, const SourceFile& file,
                                     const std::vector<std::string_view>& path,
                                     const TableSpec*& spec) {
    const FileId id = doc_.add_file(file.path());
    auto fail = [&](std::size_t i, std::string message) -> Diagnostic& {
        return sink_.error(
            "bad-override", file.path(),
            Span::at(1, segment_column(path, i),
                     static_cast<std::uint32_t>(std::max<std::size_t>(1, path[i].size())), id),
            std::move(message));
    };
    toml::table* table = &root;
    std::string where = "the top level";
    for (std::size_t i = 0; i + 1 < path.size(); ++i) {
        const FieldSpec* f = spec->find(path[i]);
        if (!f || (f->type != ValueType::table && f->type != ValueType::table_array)) {
            auto& d = fail(i, fmt::format("{} has no table '{}'", where, path[i]));
            const std::string guess = closest_match(path[i], spec->keys());
            if (!guess.empty()) d.hints.push_back(fmt::format("did you mean '{}'?", guess));
            return nullptr;
        }
        if (f->type == ValueType::table) {
            auto [it, fresh] = table->insert(path[i], toml::table{});
            if (!it->second.is_table()) return nullptr;  // reported when the file is read
            table = it->second.as_table();
            spec = f->table;
            where = fmt::format("[{}]", path[i]);
            continue;
        }
        toml::array* list = table->get_as<toml::array>(path[i]);
        const std::size_t count = list ? list->size() : 0;
        const auto n = i + 2 < path.size() + 1 ? one_based(path[i + 1]) : std::nullopt;
        if (!n || *n > count) {
            fail(i + 1 < path.size() ? i + 1 : i,
                 fmt::format("'{}' is a list of {} table{}; name one by its number, 1 to {}",
                             path[i], count, count == 1 ? "" : "s", count))
                .hints.push_back(fmt::format("e.g. --set {}.1.{}", whole_prefix(path, i),
                                             f->sections ? "title=..." : "KEY=VALUE"));
            return nullptr;
        }
        table = (*list)[*n - 1].as_table();
        if (!table) return nullptr;
        spec = f->table;
        if (f->sections) {  // a section's keys depend on its kind
            const auto* kind_node = table->get_as<std::string>("kind");
            const SectionKind* kind = kind_node ? find_section_kind(kind_node->get()) : nullptr;
            if (kind) spec = kind->section;
        }
        where = fmt::format("{} {}", path[i], *n);
        ++i;
    }
    if (!spec->find(path.back())) {
        auto& d = fail(path.size() - 1, fmt::format("{} has no key '{}'", where, path.back()));
        const std::string guess = closest_match(path.back(), spec->keys());
        if (!guess.empty()) d.hints.push_back(fmt::format("did you mean '{}'?", guess));
        return nullptr;
    }
    return table;
}

// Copies of nodes lose toml++'s source regions: the copy's spans are noted here.
void Loader::note_override_spans(const toml::node& from, const toml::node& to, FileId file) {
    Span span = span_in(from.source());
    span.file = file;
    override_spans_[&to] = span;
    if (from.is_array() && to.is_array())
        for (std::size_t i = 0; i < from.as_array()->size(); ++i)
            note_override_spans(*from.as_array()->get(i), *to.as_array()->get(i), file);
    if (from.is_table() && to.is_table())
        for (auto&& [key, value] : *from.as_table())
            if (const toml::node* copy = to.as_table()->get(key.str()))
                note_override_spans(value, *copy, file);
}

// `--set path=value`: the value, written "path = value" (a TOML line) in `file`, goes into
// the tree before anything is read, so it is checked like everything else.
void Loader::apply_override(toml::table& root, const SourceFile& file, const TableSpec& root_spec) {
    const auto path = override_path(file);
    const TableSpec* spec = &root_spec;
    toml::table* target = override_target(root, file, path, spec);
    if (!target) return;
    toml::table parsed;
    try {
        parsed = toml::parse(file.text(), file.path());
    } catch (const toml::parse_error&) {
        return;  // override_source() made it valid
    }
    const toml::node* value = &parsed;
    for (const auto& segment : path)
        value = value && value->is_table() ? value->as_table()->get(segment) : nullptr;
    if (!value) return;
    target->insert_or_assign(path.back(), *value);
    note_override_spans(*value, *target->get(path.back()), doc_.add_file(file.path()));
}

}  // namespace

Document load_document(const SourceFile& source, DiagnosticSink& sink,
                       const std::vector<SourceFile>& overrides, Sources* sources) {
    return Loader(source, sink, overrides, sources).run();
}

Packet load_packet(const SourceFile& source, DiagnosticSink& sink, Sources* sources) {
    return Loader(source, sink, {}, sources).run_packet();
}

std::optional<SourceFile> override_source(std::string_view argument, DiagnosticSink& sink) {
    const auto eq = argument.find('=');
    auto trimmed = [](std::string_view v) {
        const auto b = v.find_first_not_of(" \t");
        if (b == std::string_view::npos) return std::string_view();
        return v.substr(b, v.find_last_not_of(" \t") - b + 1);
    };
    const std::string_view path = trimmed(argument.substr(0, eq));
    const bool bare = !path.empty() && path.front() != '.' && path.back() != '.' &&
                      path.find("..") == std::string_view::npos &&
                      path.find_first_not_of(
                          "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                          "0123456789_-.") == std::string_view::npos;
    if (eq == std::string_view::npos || !bare) {
        sink.error("bad-override", "--set", {},
                   fmt::format("'{}' is not PATH=VALUE with a dotted path of keys", argument))
            .hints.push_back(
                "e.g. --set person.headline=\"Postdoc\" or --set section.2.title=Talks");
        return std::nullopt;
    }
    const std::string_view value = trimmed(argument.substr(eq + 1));
    // A TOML value as it is (a number, a date, a list, a quoted string), anything else as text.
    std::string text = fmt::format("{} = {}", path, value);
    try {
        (void)toml::parse(text);
    } catch (const toml::parse_error&) {
        text = fmt::format("{} = {}", path, toml_quote(value));
    }
    return SourceFile("--set " + std::string(path), std::move(text));
}

namespace {

nlohmann::ordered_json to_json(const toml::node& n) {
    if (const auto* s = n.as_string()) return s->get();
    if (const auto* i = n.as_integer()) return i->get();
    if (const auto* f = n.as_floating_point()) return f->get();
    if (const auto* b = n.as_boolean()) return b->get();
    if (const auto* d = n.as_date())
        return fmt::format("{:04}-{:02}-{:02}", d->get().year, d->get().month, d->get().day);
    if (const auto* a = n.as_array()) {
        auto out = nlohmann::ordered_json::array();
        for (const auto& item : *a) out.push_back(to_json(item));
        return out;
    }
    if (const auto* t = n.as_table()) {
        auto out = nlohmann::ordered_json::object();
        for (auto&& [key, value] : *t) out[std::string(key.str())] = to_json(value);
        return out;
    }
    return nullptr;
}

}  // namespace

std::optional<std::string> toml_value_to_json(std::string_view value) {
    toml::table t;
    try {
        t = toml::parse(fmt::format("v = {}\n", value));
    } catch (const toml::parse_error&) {
        return std::nullopt;
    }
    const toml::node* n = t.get("v");
    if (!n) return std::nullopt;
    return to_json(*n).dump();
}

}  // namespace cvtex
