// Generators that walk the schema declaration: JSON Schema, Markdown reference, starter files.
// Nothing here knows a key by name except the date rule shared with the loader ("date" or
// "start" and "end") and the starters, which say which keys of a table they switch off or
// fill in; everything else comes from document_kinds() and section_kinds().
#include "cvtex/check/schema_export.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "cvtex/check/schema.hpp"
#include "cvtex/model/locale.hpp"
#include "cvtex/read/loader.hpp"
#include "cvtex/write/toml_writer.hpp"

namespace cvtex {

namespace {

using json = nlohmann::ordered_json;
using T = ValueType;

// The forms parse_date() accepts; day-of-month limits (30 February) are left to cvtex check.
constexpr std::string_view date_form =
    "[1-9][0-9]{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?";
constexpr std::string_view present_form = "[Pp][Rr][Ee][Ss][Ee][Nn][Tt]";
constexpr std::string_view color_pattern = "^(#?[0-9A-Fa-f]{6})?$";
// One, two or four lengths (as the loader's read_lengths() accepts them).
#define CVTEX_LENGTH "[0-9]*\\.?[0-9]+(pt|mm|cm|in)"
constexpr std::string_view lengths_pattern =
    "^ *(" CVTEX_LENGTH "|" CVTEX_LENGTH " +" CVTEX_LENGTH "|" CVTEX_LENGTH " +" CVTEX_LENGTH
    " +" CVTEX_LENGTH " +" CVTEX_LENGTH ") *$";
#undef CVTEX_LENGTH
constexpr int first_year = 1000;
constexpr int last_year = 9999;

// A schema example that is not valid TOML is a bug in schema.cpp, caught by the tests.
json parse_example(std::string_view toml) {
    const auto j = toml_value_to_json(toml);
    if (!j) {
        std::fprintf(stderr, "cvtex bug: schema example is not a TOML value: %.*s\n",
                     static_cast<int>(toml.size()), toml.data());
        std::abort();
    }
    return json::parse(*j);
}

const SectionKind& kind_named(std::string_view name) {
    return *find_section_kind(name);
}

// The section kind a section table belongs to, if any.
const SectionKind* kind_of_section(const TableSpec& t) {
    for (const auto& k : section_kinds())
        if (k.section == &t) return &k;
    return nullptr;
}

// `date` excludes `start` and `end` (the loader's rule); examples show the period.
bool has_period(const TableSpec& t) {
    return t.find("start") && t.find("end");
}
bool shown_in_example(const TableSpec& t, const FieldSpec& f) {
    return !(f.key == "date" && has_period(t));
}

json table_example(const TableSpec& t);

json section_example(const SectionKind& k) {
    json o = table_example(*k.section);
    o["title"] = k.example_title;
    o["kind"] = k.kind;
    return o;
}

json field_example(const TableSpec& owner, const FieldSpec& f) {
    if (f.sections) return json::array({section_example(kind_named("education"))});
    // A table with an example of its own is shown inline (labels = { gpa = "Grade" }).
    if ((f.type == T::table || f.type == T::table_array) && !f.example.empty())
        return parse_example(f.example);
    if (f.type == T::table) return table_example(*f.table);
    if (f.type == T::table_array) return json::array({table_example(*f.table)});
    if (f.key == "kind")
        if (const SectionKind* k = kind_of_section(owner)) return k->kind;
    if (f.key == "title")
        if (const SectionKind* k = kind_of_section(owner)) return k->example_title;
    return parse_example(f.example);
}

json table_example(const TableSpec& t) {
    json o = json::object();
    for (const auto& f : t.fields)
        if (shown_in_example(t, f)) o[std::string(f.key)] = field_example(t, f);
    return o;
}

// ---- defaults ----------------------------------------------------------------------------

// What leaving the key out means, as a sentence after its description: "Default: "a4"."
// (`code`: the value in backticks, for Markdown), or "" when the schema does not say.
std::string default_sentence(const FieldSpec& f, bool code) {
    if (!f.default_value.empty()) {
        const std::string value = toml_value(parse_example(f.default_value));
        return code ? fmt::format(" Default: `{}`.", value) : fmt::format(" Default: {}.", value);
    }
    if (!f.default_words.empty()) return fmt::format(" Default: {}.", f.default_words);
    return "";
}

// ---- JSON Schema -------------------------------------------------------------------------

json table_schema(const TableSpec& t);

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "present" and each built-in language's word for it, ASCII letters in either case, as
// parse_date() reads them. (A word of [settings.strings] is cvtex check's business.)
std::string present_forms() {
    std::string out(present_form);
    for (const auto& info : builtin_locales()) {
        if (info.code == "en") continue;
        std::string word;
        for (const auto& [key, text] : info.strings)
            if (key == "present") word = text;
        out += '|';
        for (char c : word) {
            const char lower = c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c;
            if (lower >= 'a' && lower <= 'z')
                out += {'[', static_cast<char>(lower & ~0x20), lower, ']'};
            else
                out += c;  // no word holds a character of regular expressions
        }
    }
    return out;
}

// A string in one of the date forms, a bare year, or a TOML date (which editors see as a
// string "YYYY-MM-DD"); an entry's date may also be text with a letter in it ("Summer 2019",
// "Aug 2020", "expected 2027-05"), which cvtex reads further.
void add_date_type(json& s, const FieldSpec& f) {
    std::string forms = f.type == T::end_date ? fmt::format("{}|{}", date_form, present_forms())
                                              : std::string(date_form);
    if (f.free_text) forms += "|.*[^-0-9\\s./].*";
    s["type"] = {"string", "integer"};
    s["pattern"] = fmt::format("^({})$", forms);
    s["minimum"] = first_year;
    s["maximum"] = last_year;
}

void add_choice_type(json& s, const TableSpec& owner, const FieldSpec& f) {
    const SectionKind* k = kind_of_section(owner);
    if (f.key == "kind" && k) {
        s["const"] = k->kind;
        return;
    }
    // Numeric choices may be written as integers or as strings, like the loader allows.
    json values = json::array();
    for (auto c : f.choices)
        if (all_digits(c)) values.push_back(std::atoi(std::string(c).c_str()));
    for (auto c : f.choices) values.push_back(c);
    s["enum"] = values;
}

void add_type(json& s, const TableSpec& owner, const FieldSpec& f) {
    switch (f.type) {
        case T::string:
        case T::text:
        case T::markdown:
        case T::url:
        case T::email:
            s["type"] = "string";
            break;
        case T::date:
        case T::end_date:
            add_date_type(s, f);
            break;
        case T::integer:
            s["type"] = "integer";
            break;
        case T::choice:
            add_choice_type(s, owner, f);
            break;
        case T::color:
            s["type"] = "string";
            s["pattern"] = color_pattern;
            break;
        case T::choice_or_number: {
            json values = json::array();
            for (auto c : f.choices) values.push_back(c);
            s["oneOf"] = json::array({json{{"enum", values}}, json{{"type", "number"}}});
            break;
        }
        case T::lengths:
            s["type"] = "string";
            s["pattern"] = lengths_pattern;
            break;
        case T::string_list:
            s["type"] = "array";
            s["items"] = {{"type", "string"}};
            break;
        case T::text_list:  // bullet points: a list in the list holds those of the one before
            s["type"] = "array";
            s["items"] = {
                {"anyOf",
                 {{{"type", "string"}}, {{"type", "array"}, {"items", {{"type", "string"}}}}}}};
            break;
        case T::string_map:
        case T::integer_map:
            s["type"] = "object";
            s["additionalProperties"] = {{"type", f.type == T::string_map ? "string" : "integer"}};
            break;
        case T::table: {
            json inner = table_schema(*f.table);
            for (auto& [key, value] : inner.items()) s[key] = value;
            break;
        }
        case T::table_array:
            s["type"] = "array";
            if (f.sections)
                s["items"] = {{"$ref", "#/definitions/section"}};
            else
                s["items"] = table_schema(*f.table);
            break;
    }
}

json field_schema(const TableSpec& owner, const FieldSpec& f) {
    json s;
    s["description"] = std::string(f.description) + default_sentence(f, true);
    if (f.many) {
        json one;
        add_type(one, owner, f);
        s["anyOf"] = {one, {{"type", "array"}, {"items", one}}};
    } else {
        add_type(s, owner, f);
    }
    if (!f.default_value.empty()) s["default"] = parse_example(f.default_value);
    s["examples"] = json::array({field_example(owner, f)});
    return s;
}

json table_schema(const TableSpec& t) {
    json s;
    s["type"] = "object";
    if (!t.description.empty()) s["description"] = t.description;
    json required = json::array();
    for (const auto& f : t.fields)
        if (f.required) required.push_back(f.key);
    if (!required.empty()) s["required"] = required;
    json properties = json::object();
    for (const auto& f : t.fields) properties[std::string(f.key)] = field_schema(t, f);
    s["properties"] = properties;
    s["additionalProperties"] = false;
    if (!t.one_of_required.empty()) {
        json any = json::array();
        for (auto key : t.one_of_required) any.push_back({{"required", {key}}});
        s["anyOf"] = any;
    }
    if (has_period(t)) {
        s["dependencies"] = {{"start", {"end"}}, {"end", {"start"}}};
        if (t.find("date"))
            s["not"] = {
                {"anyOf", {{{"required", {"date", "start"}}}, {{"required", {"date", "end"}}}}}};
    }
    return s;
}

// A section: the keys every kind shares, checked always, and per kind (if/then on `kind`)
// the full table with additionalProperties false, so unknown keys are reported per kind.
json section_schema() {
    const TableSpec& any = *root_schema().find("section")->table;
    json s;
    s["type"] = "object";
    s["description"] =
        fmt::format("{} Its `kind` decides which other keys it takes.", any.description);
    json required = json::array();
    for (const auto& f : any.fields)
        if (f.required) required.push_back(f.key);
    s["required"] = required;
    // Every key any kind takes, so editors can complete them before `kind` is written.
    json properties = json::object();
    for (const auto& f : any.fields) properties[std::string(f.key)] = field_schema(any, f);
    for (const auto& k : section_kinds()) {
        for (const auto& f : k.section->fields) {
            if (properties.contains(f.key)) continue;
            json p = field_schema(*k.section, f);
            if (f.type == T::table_array) p["items"] = {{"type", "object"}};
            properties[std::string(f.key)] = p;
        }
    }
    s["properties"] = properties;
    json all = json::array();
    for (const auto& k : section_kinds()) {
        json cond;
        cond["properties"] = {{"kind", {{"const", k.kind}}}};
        cond["required"] = {"kind"};
        json then = table_schema(*k.section);
        then["description"] = k.description;
        all.push_back({{"if", cond}, {"then", then}});
    }
    s["allOf"] = all;
    return s;
}

// True when a file has one of `keys` at the top level.
json has_one_of(const std::vector<std::string_view>& keys) {
    json any = json::array();
    for (auto key : keys) any.push_back({{"required", json::array({std::string(key)})}});
    if (any.size() == 1) return any[0];
    return {{"anyOf", any}};
}

// When a file is of `kind`, as document_kind_of() decides: one of its markers at the top level
// and none of an earlier kind's; for the kind without markers (the CV), none of any kind's.
json kind_condition(const DocumentKindSpec& kind) {
    std::vector<std::string_view> earlier, all;
    for (const auto& k : document_kinds()) {
        if (&k == &kind) earlier = all;
        all.insert(all.end(), k.markers.begin(), k.markers.end());
    }
    if (kind.markers.empty()) return {{"not", has_one_of(all)}};
    if (earlier.empty()) return has_one_of(kind.markers);
    return {{"allOf", json::array({has_one_of(kind.markers), {{"not", has_one_of(earlier)}}})}};
}

// What a file of `kind` may and must have at the top level. The values are checked by the
// root's properties (a key means the same in every kind), so the keys are enough here.
json kind_schema(const DocumentKindSpec& kind) {
    json s;
    s["description"] = kind.description;
    json required = json::array();
    for (const auto& f : kind.root->fields)
        if (f.required) required.push_back(f.key);
    if (!required.empty()) s["required"] = required;
    json properties = json::object();
    for (const auto& f : kind.root->fields) properties[std::string(f.key)] = json::object();
    s["properties"] = properties;
    s["additionalProperties"] = false;
    return s;
}

// ---- Markdown ----------------------------------------------------------------------------

std::string type_name(const FieldSpec& f);

// A field's type in docs/schema.md, with "or a list" for a field that takes several.
std::string type_cell(const FieldSpec& f) {
    return f.many ? type_name(f) + ", or a list of them" : type_name(f);
}

std::string type_name(const FieldSpec& f) {
    switch (f.type) {
        case T::string:
            return "string";
        case T::text:
            return "[text](#text)";
        case T::markdown:
            return "[Markdown](#markdown)";
        case T::date:
            return f.free_text ? "[date or text](#dates)" : "[date](#dates)";
        case T::end_date:
            return f.free_text ? "[date or text](#dates), or `\"present\"`"
                               : "[date](#dates) or `\"present\"`";
        case T::integer:
            return "integer";
        case T::choice: {
            std::vector<std::string> quoted;
            for (auto c : f.choices) quoted.push_back(fmt::format("`{}`", c));
            return fmt::format("one of {}", fmt::join(quoted, ", "));
        }
        case T::color:
            return "colour `RRGGBB`";
        case T::choice_or_number: {
            std::vector<std::string> quoted;
            for (auto c : f.choices) quoted.push_back(fmt::format("`{}`", c));
            return fmt::format("one of {}, or a number", fmt::join(quoted, ", "));
        }
        case T::lengths:
            return "1, 2 or 4 lengths";
        case T::url:
            return "URL";
        case T::email:
            return "email address";
        case T::string_list:
            return "list of strings";
        case T::string_map:
            return "table of names and strings";
        case T::integer_map:
            return "table of names and integers";
        case T::text_list:
            return "list of [texts](#text) (a list in it: bullet points under the item before)";
        case T::table:
            return "table";
        case T::table_array:
            return "array of tables";
    }
    return "value";
}

std::string cell(std::string_view s) {
    std::string out;
    for (char c : s) out += c == '|' ? std::string("\\|") : std::string(1, c);
    return out;
}

// GitHub's anchor for a heading: lower case, without punctuation but '-' and '_', spaces as
// '-'. (Our headings are ASCII.)
std::string anchor_of(std::string_view heading) {
    std::string out;
    for (const char ch : heading) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || c == '-' || c == '_')
            out += static_cast<char>(std::tolower(c));
        else if (c == ' ')
            out += '-';
    }
    return out;
}

std::string capitalized(std::string_view s) {
    std::string out(s);
    if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
    return out;
}

// How a top-level key is written in a file: `[letter]`, `[[application]]` or `cv`.
std::string written_key(const TableSpec& root, std::string_view key) {
    const FieldSpec* f = root.find(key);
    if (f && f->type == T::table) return fmt::format("`[{}]`", key);
    if (f && f->type == T::table_array) return fmt::format("`[[{}]]`", key);
    return fmt::format("`{}`", key);
}

constexpr std::string_view markdown_intro = R"(# File reference

<!-- Generated from src/check/schema.cpp by `cvtex schema --format markdown`. Do not edit by hand:
     run scripts/update-schema. A test fails when this file is stale. -->

cvtex reads four kinds of TOML file: CVs, cover letters, statements and packets of
applications. Letters and statements are printed on the CV's letterhead (its `[person]` and
`[settings]`); a packet builds a letter, the CV and statements for each application (see
[packets.md](packets.md)). This page lists every key of every kind. A key that is not listed
here is an error, and so is a value of the wrong type; `cvtex check FILE.toml` reports every
problem at once (see [diagnostics.md](diagnostics.md)), and `cvtex packet FILE.toml` checks a
packet the same way before it builds anything.

A file's top-level keys say which kind it is:

)";

constexpr std::string_view markdown_origin = R"(
The schema is declared once, in `src/check/schema.cpp`. The same declaration drives the checks, this
page, the JSON Schema that `cvtex schema` prints (committed as
[schema/cvtex.schema.json](../schema/cvtex.schema.json)) and the starter files that
`cvtex new` writes.

## Editor support

Editors that use [Taplo](https://taplo.tamasfe.dev) (for example the "Even Better TOML"
extension of VS Code) complete keys, show these descriptions and underline mistakes when they
know the schema. One schema file serves every kind: it tells a letter, a statement, a packet
and a CV apart by their top-level keys, as cvtex does, so a letter is not asked for a CV's
`[person]` and a CV may not hold a `[letter]`. Either put a `#:schema` line first in each file,
with a path relative to the file or a URL:

```toml
#:schema cvtex.schema.json
```

(`cvtex new` writes this line for you, and the schema beside the file when it is not there
yet: commit both, and the line works in every checkout; `cvtex schema > cvtex.schema.json`
brings the schema up to date), or name the schema in a `.taplo.toml` next to your files:

```toml
[[rule]]
include = ["**/*.toml"]

[rule.schema]
path = "file:///absolute/path/to/cvtex.schema.json"
```

Get the schema file with `cvtex schema > cvtex.schema.json`. On the command line,
`taplo check --schema file://$PWD/cvtex.schema.json cv.toml` checks a file against it; cvtex
itself checks more than a JSON Schema can say (dates that do not exist, marks on names that are
not authors, files that cannot be read, variables, and the warnings).
)";

constexpr std::string_view markdown_types = R"(
## Value types

### Text

Strings marked *text* may hold inline markup:

| Write | For |
|---|---|
| `**bold**`, `*italic*` | bold and italic text |
| `[link text](https://example.org)` | a link |
| `https://example.org/paper` | a bare URL: linked to itself (without a `.`, `,`, `)` ... that ends the sentence after it) |
| `` `make -j2` `` | code, printed as typed in a monospace font |
| `'H$_2$O'`, `'10$^{-3}$'`, `'$O(n \log n)$'` | a formula (sub- and superscripts too); see docs/escaping.md for when a `$` starts one and the math commands allowed |
| `TiO₂`, `m²`, `10⁻³` | Unicode sub- and superscript digits and signs, printed as such with every engine |

A backslash makes the next `*`, `[`, `]`, `` ` `` or `$` literal; in a TOML basic string the
backslash itself is doubled (`"2 \\* 3"`), in a literal string it is not (`'2 \* 3'`).
Everything else, including TeX's special characters and a `$` that does not start a formula
("$5 and $10"), is printed as typed. Plain *strings* have no markup.

### Markdown

A letter's or a statement's `body` (or the file that `body_file` names) is Markdown, read with
md4c as CommonMark: paragraphs separated by blank lines, `**bold**`, `*italic*`, `` `code` ``,
links (`[text](https://...)`, and bare `https://` addresses), bullet (`-`) and numbered (`1.`)
lists, quotes (`>`), code blocks, line breaks (two spaces or a `\` at the end of a line) and
headings: in a statement `#` starts a section and `##` a smaller heading; in a letter every
heading is a small one. A statement cites the works of its `.bib` files with `[@key]` or
`[@a; @b]`; they are printed as numbers in brackets, and the works as a numbered list at its
end; a key that no `.bib` file has is an error. `{{name}}` is replaced by a variable, in a body and in a letter's subject, salutation,
closing and recipient: in a packet an application's keys and `variables`, else
`--var NAME=VALUE` (see [packets.md](packets.md)); an unknown variable is an error. Raw HTML
is printed as typed; images and tables are left out with a warning. Formulas are written as
in *text*, `$...$` (and `$$...$$`), with the same rule for when a `$` is money and the same
allow-list. Every character reaches TeX through cvtex's escaping, so a body cannot run TeX
code.

### Dates

A date is written `"YYYY"`, `"YYYY-MM"` or `"YYYY-MM-DD"` (for example `"2020-08"`), as a bare
year (`2020`) or as a TOML date (`2020-08-14`). Years run from 1000 to 9999. An end date may
also be `"present"`, or the word for it of the file's `language` (`"heute"`, see
[locale.md](locale.md)). An entry has either one `date` or a period `start` and `end`, not both.

The dates of entries (*date or text* above) may also be written:

- with the month's English name: `"Aug 2020"`, `"August 2020"` (printed in the `date_style`);
- after `expected`, for a date still to come, such as a degree's: `"expected 2027-05"`,
  `"expected May 2027"`, printed "expected May 2027";
- as text, printed as written, when no date fits: `"Summer 2019"`, `"Fall term 2021"`. Its
  year (the first four digits from 1000 to 9999) and an English month name in it are read for
  sorting and for the checks below; a text without a year is never compared.

cvtex warns (without failing) about an end date before its start, and about a finished item
dated in the future: an `end` that is not `"present"`, or a single `date`, later than today
(a talk's date may be; a date marked `expected` is never warned about as in the future, but
is once it is past).
)";

// docs/schema.md: the intro, a part per document kind, the value types, the starters. Each
// table is documented where the walk over the kinds first meets it; later mentions link there.
class ReferenceWriter {
  public:
    std::string write() {
        // The first pass only finds where each table is documented, so that a table can link
        // to one documented further down.
        for (const bool render : {false, true}) {
            render_ = render;
            out_.clear();
            documented_.clear();
            for (const auto& kind : document_kinds()) document(kind);
        }
        return out_;
    }

  private:
    void heading(int level, const std::string& title, const TableSpec* table = nullptr) {
        out_ += fmt::format("\n{} {}\n", std::string(static_cast<std::size_t>(level), '#'), title);
        if (table && !render_) anchors_[table] = anchor_of(title);
    }

    // A link to where `t` is documented, shown as `text`.
    std::string link(const TableSpec* t, const std::string& text) const {
        const auto it = anchors_.find(t);
        return fmt::format("see [{}](#{})", text, it == anchors_.end() ? "" : it->second);
    }

    std::string example_cell(const TableSpec& t, const FieldSpec& f) const {
        if (f.sections) return link(root_schema().find("section")->table, "`[[section]]`");
        if (f.type == T::table) return link(f.table, fmt::format("`[{}]`", f.key));
        if (f.type == T::table_array) return link(f.table, fmt::format("`[[{}]]`", f.key));
        return fmt::format("`{}`", toml_value(field_example(t, f)));
    }

    void table(const TableSpec& t, const std::vector<std::string_view>& skip = {}) {
        out_ +=
            "\n| Key | Type | Required | Default | Description | Example |\n"
            "|---|---|---|---|---|---|\n";
        for (const auto& f : t.fields) {
            if (std::find(skip.begin(), skip.end(), f.key) != skip.end()) continue;
            std::string default_cell;
            if (!f.default_value.empty())
                default_cell = fmt::format("`{}`", toml_value(parse_example(f.default_value)));
            else
                default_cell = f.default_words;
            out_ += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", f.key, type_cell(f),
                                f.required ? "yes" : "", cell(default_cell), cell(f.description),
                                cell(example_cell(t, f)));
        }
        if (!t.one_of_required.empty()) {
            std::vector<std::string> quoted;
            for (auto key : t.one_of_required) quoted.push_back(fmt::format("`{}`", key));
            out_ += fmt::format("\nEach needs at least one of {}.\n", fmt::join(quoted, " or "));
        }
    }

    void document(const DocumentKindSpec& kind) {
        heading(2, capitalized(kind.title) + " files");
        out_ += fmt::format("\n{}\n", kind.root->description);
        table(*kind.root);
        nested(*kind.root, "", 3);
    }

    // The tables inside `t` (at `path`), each under a heading of its own where first met:
    // tables, then arrays of tables, then sections.
    void nested(const TableSpec& t, const std::string& path, int level,
                std::string_view kind = {}) {
        for (const int pass : {0, 1, 2}) {
            for (const auto& f : t.fields) {
                const int of = f.type == T::table ? 0 : !f.sections ? 1 : 2;
                if ((f.type != T::table && f.type != T::table_array) || of != pass) continue;
                if (f.sections) {
                    sections(level);
                    continue;
                }
                if (!documented_.insert(f.table).second) continue;
                const std::string p =
                    path.empty() ? std::string(f.key) : path + "." + std::string(f.key);
                std::string title =
                    f.type == T::table ? fmt::format("`[{}]`", p) : fmt::format("`[[{}]]`", p);
                // Each kind of section has tables of its own under the same name (`labels`).
                if (!kind.empty()) title += fmt::format(" of `kind = \"{}\"`", kind);
                heading(level, title, f.table);
                out_ += fmt::format("\n{}\n", f.table->description);
                table(*f.table);
                nested(*f.table, p, level + 1, kind);
            }
        }
    }

    void sections(int level) {
        const TableSpec& any = *root_schema().find("section")->table;
        heading(level, "`[[section]]`", &any);
        out_ += fmt::format("\n{} Every section has these keys; its `kind` decides the rest.\n",
                            any.description);
        table(any);
        std::vector<std::string_view> common;
        for (const auto& f : any.fields) common.push_back(f.key);
        common.push_back("entry");  // told in words, with the entries' own table
        for (const auto& k : section_kinds()) {
            heading(level + 1, fmt::format("`kind = \"{}\"`", k.kind));
            out_ += fmt::format("\n{}\n", k.description);
            if (!k.notes.empty()) out_ += fmt::format("\n{}\n", k.notes);
            const bool own_keys = std::any_of(
                k.section->fields.begin(), k.section->fields.end(), [&](const FieldSpec& f) {
                    return std::find(common.begin(), common.end(), f.key) == common.end();
                });
            if (own_keys) table(*k.section, common);
            if (k.entry) {
                documented_.insert(k.entry);
                out_ += fmt::format("\nIts entries are `[[section.entry]]` tables. {}\n",
                                    k.entry->description);
                table(*k.entry);
            }
            nested(*k.section, "section", level + 2, k.kind);
        }
    }

    bool render_ = false;
    std::string out_;
    std::set<const TableSpec*> documented_;
    std::map<const TableSpec*, std::string> anchors_;
};

// Which top-level keys make a file of each kind, as a Markdown table.
std::string kinds_table() {
    std::string out = "| Kind | A file with | Start one with |\n|---|---|---|\n";
    for (const auto& kind : document_kinds()) {
        std::vector<std::string> keys;
        for (auto m : kind.markers) keys.push_back(written_key(*kind.root, m));
        const std::string title = capitalized(kind.title);
        out += fmt::format(
            "| [{}](#{}) | {} | `cvtex new \"Your Name\"{}` |\n", title,
            anchor_of(title + " files"),
            keys.empty() ? std::string("none of the keys below")
                         : fmt::format("{}", fmt::join(keys, " or ")),
            kind.markers.empty() ? std::string() : fmt::format(" --kind {}", kind.name));
    }
    return out;
}

// ---- starter files -----------------------------------------------------------------------

// Replaces the example person's name with the user's, wherever it appears as a whole string
// (the name, and the author lists that must contain it).
json with_name(json v, const std::string& example_name, std::string_view name) {
    if (v.is_string() && v.get<std::string>() == example_name) return std::string(name);
    if (v.is_array())
        for (auto& item : v) item = with_name(item, example_name, name);
    return v;
}

// What a starter changes in a table it writes from the schema: keys with a value of its own
// instead of the example, keys left as comments, keys left out.
struct Plan {
    std::vector<std::pair<std::string_view, json>> values = {};
    std::vector<std::string_view> commented = {};
    std::vector<std::string_view> omitted = {};

    const json* value(std::string_view key) const {
        for (const auto& [k, v] : values)
            if (k == key) return &v;
        return nullptr;
    }
    bool comments(std::string_view key) const {
        return std::find(commented.begin(), commented.end(), key) != commented.end();
    }
    bool omits(std::string_view key) const {
        return std::find(omitted.begin(), omitted.end(), key) != omitted.end();
    }
};

// A plan that leaves every optional key of `t` as a comment: no setting the user did not ask
// for, and no example person's address or accounts under the user's name.
Plan optional_commented(const TableSpec& t) {
    Plan plan;
    for (const auto& f : t.fields)
        if (!f.required) plan.commented.push_back(f.key);
    return plan;
}

struct StarterWriter {
    std::string example_name;
    std::string_view name;
    std::string out;
    bool all_commented = false;

    // One table's keys, values aligned, each followed by its description; a value of several
    // lines has its description above it.
    void keys(const TableSpec& t, const SectionKind* kind, const Plan& plan = {}) {
        struct Line {
            std::string code;
            std::string comment;
        };
        std::vector<Line> lines;
        for (const auto& f : t.fields) {
            const json* given = plan.value(f.key);
            // A key holding tables is written when the plan gives it a value (an inline table);
            // else the caller writes its tables after this one's keys (see person()).
            if (plan.omits(f.key) || (!given && (f.type == T::table || f.type == T::table_array)))
                continue;
            const json value = given ? *given : with_name(field_example(t, f), example_name, name);
            std::string code = fmt::format("{} = {}", f.key, toml_value(value));
            // Optional extras of a section, `date` where a period is shown, and tags (which
            // only variants use) are left as comments: the user can switch them on.
            const bool commented =
                all_commented || plan.comments(f.key) ||
                (!given && (!shown_in_example(t, f) ||
                            (kind && !f.required && kind->section == &t) || f.key == "tags"));
            if (commented) {
                std::string lines_commented = "# ";
                for (const char ch : code) {
                    lines_commented += ch;
                    if (ch == '\n') lines_commented += "# ";
                }
                code = std::move(lines_commented);
            }
            lines.push_back(
                {std::move(code), std::string(f.description) + default_sentence(f, false)});
        }
        std::size_t width = 0;
        for (const auto& l : lines)
            if (l.code.size() <= 40 && l.code.find('\n') == std::string::npos)
                width = std::max(width, l.code.size());
        for (const auto& l : lines) {
            if (l.code.find('\n') != std::string::npos) {
                out += fmt::format("# {}\n{}\n", l.comment, l.code);
                continue;
            }
            const std::size_t pad = l.code.size() < width ? width - l.code.size() : 0;
            out += fmt::format("{}{}  # {}\n", l.code, std::string(pad, ' '), l.comment);
        }
    }

    void table(const TableSpec& t, std::string_view header, const Plan& plan = {},
               std::string_view description = {}) {
        out +=
            fmt::format("\n# {}\n{}\n", description.empty() ? t.description : description, header);
        keys(t, nullptr, plan);
    }

    // The person's table, its optional keys as comments (no example person's address or
    // accounts under the user's name), then their profiles, commented out too.
    void person(const TableSpec& t) {
        table(t, "[person]", optional_commented(t));
        for (const auto& f : t.fields)
            if (f.type == T::table_array && f.table)
                commented_table(*f.table, fmt::format("[[person.{}]]", f.key));
    }

    // A table the starter only shows, commented out, header and all.
    void commented_table(const TableSpec& t, std::string_view header) {
        out += fmt::format("\n# {}\n# {}\n", t.description, header);
        all_commented = true;
        keys(t, nullptr);
        all_commented = false;
    }

    void section(const SectionKind& k) {
        out += fmt::format("\n# {}\n[[section]]\n", k.description);
        keys(*k.section, &k);
        if (!k.entry) return;
        out += "\n[[section.entry]]\n";
        keys(*k.entry, nullptr);
    }
};

const TableSpec& table_of(const TableSpec& t, std::string_view key) {
    return *t.find(key)->table;
}
std::string_view description_of(const TableSpec& t, std::string_view key) {
    return t.find(key)->description;
}

StarterWriter starter_writer(std::string_view name) {
    const TableSpec& person = table_of(root_schema(), "person");
    return StarterWriter{parse_example(person.find("name")->example).get<std::string>(), name, {}};
}

// The starters' own text: what a letter and a statement say until the user writes theirs.
constexpr std::string_view letter_body =
    "I am writing to apply for the position of Assistant Professor of Computer Science. This\n"
    "letter is a starter: replace its text with your own, written in Markdown.\n"
    "\n"
    "A blank line starts a new paragraph. Text can be **bold**, *italic* or a\n"
    "[link](https://example.org), and lists work too:\n"
    "\n"
    "- what my research is about, in one sentence;\n"
    "- what I would teach, in another.\n"
    "\n"
    "Thank you for your consideration.\n";
constexpr std::string_view packet_letter_body =
    "I am writing to apply for the position of {{position}} at {{institution}}. This is the\n"
    "letter of every application: the position, the institution and the lab in it come from\n"
    "each [[application]], and it is written in Markdown.\n"
    "\n"
    "A blank line starts a new paragraph. Text can be **bold**, *italic* or a\n"
    "[link](https://example.org), and lists work too:\n"
    "\n"
    "- what my research is about, and why it belongs in {{lab}};\n"
    "- what I would teach.\n"
    "\n"
    "I enclose my CV and my research statement. Thank you for your consideration.\n";
constexpr std::string_view statement_body =
    "# Vision\n"
    "\n"
    "This statement is a starter: replace its text with your own, written in Markdown. A line\n"
    "that starts with # is a heading; a blank line starts a new paragraph.\n"
    "\n"
    "# Past work\n"
    "\n"
    "Text can be **bold**, *italic* or a [link](https://example.org), and lists are\n"
    "numbered or not:\n"
    "\n"
    "1. a first result;\n"
    "2. a second one.\n"
    "\n"
    "# Future directions\n"
    "\n"
    "What comes next, and why it matters.\n";

constexpr std::string_view optional_note =
    "# Every key is explained in cvtex's docs/schema.md; keys commented out are optional.\n";

std::string cv_starter(std::string_view name, std::string_view schema_ref, bool variant_on) {
    const TableSpec& root = root_schema();
    StarterWriter w = starter_writer(name);
    w.out = fmt::format(
        "#:schema {}\n"
        "# A CV for cvtex. Build it with: cvtex build FILE.toml\n"
        "{}"
        "# Everything below your name is an example: replace it with your own, or delete it.\n"
        "# (Raw LaTeX, kind = \"raw-latex\", is an escape hatch and is left out on purpose:\n"
        "# see docs/engine.md.)\n\n",
        schema_ref, optional_note);
    w.keys(root, nullptr, {.commented = {"max_pages"}});
    const TableSpec& settings = table_of(root, "settings");
    const TableSpec& person = table_of(root, "person");
    w.table(settings, "[settings]", optional_commented(settings));
    w.person(person);
    for (const auto& k : section_kinds())
        if (k.kind != "raw-latex") w.section(k);
    if (variant_on)
        w.table(table_of(root, "variant"), "[[variant]]", {.commented = {"tags", "exclude_tags"}});
    else
        w.commented_table(table_of(root, "variant"), "[[variant]]");
    return w.out;
}

// A letter or a statement file: its own letterhead, or (`with_cv`) the one of cv.toml.
std::string document_starter(const DocumentKindSpec& kind, std::string_view name,
                             std::string_view schema_ref, std::string_view intro, bool with_cv,
                             const Plan& plan) {
    const TableSpec& root = *kind.root;
    StarterWriter w = starter_writer(name);
    w.out = fmt::format("#:schema {}\n{}{}\n", schema_ref, intro, optional_note);
    w.keys(root, nullptr,
           with_cv ? Plan{.omitted = {"settings", "person"}} : Plan{.commented = {"cv"}});
    if (!with_cv) {
        w.commented_table(table_of(root, "settings"), "[settings]");
        w.person(table_of(root, "person"));
    }
    const TableSpec& own = table_of(root, kind.name);
    w.table(own, fmt::format("[{}]", kind.name), plan);
    if (own.find("recipient") && !plan.omits("recipient"))
        w.table(table_of(own, "recipient"), fmt::format("[{}.recipient]", kind.name),
                {.commented = {"title"}});
    return w.out;
}

const Plan letter_plan{.values = {{"body", std::string(letter_body)}},
                       .commented = {"date", "body_file", "signature"}};
const Plan statement_plan{.values = {{"body", std::string(statement_body)}},
                          .commented = {"body_file", "bib", "references_title"}};

std::string packet_starter(std::string_view name, std::string_view schema_ref) {
    const TableSpec& root = *find_document_kind("packet")->root;
    const TableSpec& packet = table_of(root, "packet");
    const TableSpec& application = table_of(root, "application");
    StarterWriter w = starter_writer(name);
    w.out = fmt::format(
        "#:schema {}\n"
        "# A packet for cvtex: a season of applications, each with a cover letter, the CV of\n"
        "# cv.toml and the research statement of research.toml. Build them all with:\n"
        "#   cvtex packet FILE.toml\n"
        "# (a folder per application in applications/, with a PDF per document and one combined\n"
        "# PDF; see cvtex's docs/packets.md)\n"
        "{}\n",
        schema_ref, optional_note);
    w.keys(root, nullptr);
    w.table(packet, "[packet]");
    w.table(table_of(packet, "letter"), "[packet.letter]",
            {.values = {{"subject", "Application for the position of {{position}}"},
                        {"salutation", "Dear Members of the {{committee}},"},
                        {"body", std::string(packet_letter_body)}},
             .commented = {"date", "body_file", "signature"},
             .omitted = {"recipient"}},
            description_of(packet, "letter"));
    w.table(table_of(packet, "document"), "[[packet.document]]", {},
            description_of(packet, "document"));
    w.table(application, "[[application]]",
            {.values = {{"letter", json::object({{"salutation", "Dear Professor Lovelace,"}})}},
             .commented = {"letter"}});
    w.table(table_of(application, "recipient"), "[application.recipient]", {.commented = {"title"}},
            description_of(application, "recipient"));
    w.table(application, "[[application]]",
            {.values = {{"name", "example-u"},
                        {"institution", "Example University"},
                        {"position", "Assistant Professor"},
                        {"committee", "Search Committee"},
                        {"deadline", "2027-01-15"},
                        {"variables", json::object({{"lab", "the Systems Group"}})}},
             .omitted = {"variant", "documents", "recipient", "letter", "max_pages"}},
            "Another application: the whole CV, and the letter without a recipient.");
    return w.out;
}

}  // namespace

std::string json_schema() {
    json s;
    s["$schema"] = "http://json-schema.org/draft-07/schema#";
    s["title"] = "cvtex";
    std::string kinds, markers;
    for (const auto& kind : document_kinds()) {
        const bool last = &kind == &document_kinds().back();
        kinds += fmt::format("{}a {}", kinds.empty() ? "" : last ? " or " : ", ", kind.title);
        for (auto m : kind.markers)
            markers += (markers.empty() ? "" : ", ") + written_key(*kind.root, m);
    }
    s["description"] = fmt::format(
        "A cvtex file: {}, told apart by its top-level keys ({}; a CV has none of them). "
        "Generated by `cvtex schema`; the reference is docs/schema.md.",
        kinds, markers);
    s["type"] = "object";
    // Every top-level key of every kind, so that editors complete and describe them; each key
    // means the same in every kind that has it.
    json properties = json::object();
    for (const auto& kind : document_kinds())
        for (const auto& f : kind.root->fields)
            if (!properties.contains(f.key))
                properties[std::string(f.key)] = field_schema(*kind.root, f);
    s["properties"] = properties;
    json all = json::array();
    for (const auto& kind : document_kinds())
        all.push_back({{"if", kind_condition(kind)}, {"then", kind_schema(kind)}});
    s["allOf"] = all;
    s["definitions"] = {{"section", section_schema()}};
    return s.dump(2, ' ', false) + "\n";
}

std::vector<StarterFile> starter_files(std::string_view kind, std::string_view name,
                                       std::string_view schema_ref) {
    if (kind == "cv")
        return {{"cv.toml", "cv", "a CV with one section of every kind",
                 cv_starter(name, schema_ref, false)}};
    if (kind == "letter")
        return {{"letter.toml", "letter", "a cover letter",
                 document_starter(*find_document_kind("letter"), name, schema_ref,
                                  "# A cover letter for cvtex. Build it with: cvtex build "
                                  "FILE.toml\n",
                                  false, letter_plan)}};
    if (kind == "statement")
        return {{"statement.toml", "statement", "a statement",
                 document_starter(*find_document_kind("statement"), name, schema_ref,
                                  "# A statement for cvtex. Build it with: cvtex build "
                                  "FILE.toml\n",
                                  false, statement_plan)}};
    if (kind == "packet")
        return {{"packet.toml", "packet", "a packet of two applications",
                 packet_starter(name, schema_ref)},
                {"cv.toml", "cv", "their CV, with the variant \"short\"",
                 cv_starter(name, schema_ref, true)},
                {"research.toml", "statement", "their research statement, on the CV's letterhead",
                 document_starter(*find_document_kind("statement"), name, schema_ref,
                                  "# The research statement of the packet in this folder, on the "
                                  "letterhead of cv.toml.\n"
                                  "# Build it alone with: cvtex build research.toml\n",
                                  true, statement_plan)}};
    return {};
}

std::string starter_toml(std::string_view name, std::string_view schema_ref) {
    return cv_starter(name, schema_ref, false);
}

std::string schema_markdown() {
    std::string out(markdown_intro);
    out += kinds_table();
    out += markdown_origin;
    out += ReferenceWriter().write();
    out += markdown_types;
    const std::string example_name =
        parse_example(table_of(root_schema(), "person").find("name")->example).get<std::string>();
    out +=
        "\n## Complete examples\n\nThe files that `cvtex new` writes: every key of each kind, "
        "with its description.\n";
    for (const auto& kind : document_kinds()) {
        const auto files = starter_files(kind.name, example_name, "../schema/cvtex.schema.json");
        const std::string command =
            kind.markers.empty()
                ? fmt::format("cvtex new \"{}\"", example_name)
                : fmt::format("cvtex new \"{}\" --kind {}", example_name, kind.name);
        out += fmt::format("\n### A {}\n\n`{}` writes `{}`, {}", kind.title, command, files[0].name,
                           files[0].what);
        std::vector<std::string> others;
        for (std::size_t i = 1; i < files.size(); ++i)
            others.push_back(fmt::format("`{}` ({})", files[i].name, files[i].what));
        if (!others.empty()) out += fmt::format(", and beside it {}", fmt::join(others, " and "));
        out += fmt::format(":\n\n```toml\n{}```\n", files[0].text);
    }
    return out;
}

}  // namespace cvtex
