// Generators that walk the schema declaration: JSON Schema, Markdown reference, starter TOML.
// Nothing here knows a key by name except the date rule shared with the loader ("date" or
// "start" and "end"); everything else comes from root_schema() and section_kinds().
#include "cvtex/check/schema_export.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "cvtex/check/schema.hpp"
#include "cvtex/read/loader.hpp"

namespace cvtex {

namespace {

using json = nlohmann::ordered_json;
using T = ValueType;

// The forms parse_date() accepts; day-of-month limits (30 February) are left to cvtex check.
constexpr std::string_view date_form =
    "[1-9][0-9]{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?";
constexpr std::string_view present_form = "[Pp][Rr][Ee][Ss][Ee][Nn][Tt]";
constexpr std::string_view color_pattern = "^(#?[0-9A-Fa-f]{6})?$";
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

// ---- JSON Schema -------------------------------------------------------------------------

json table_schema(const TableSpec& t);

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A string in one of the date forms, a bare year, or a TOML date (which editors see as a
// string "YYYY-MM-DD"); an entry's date may also be text with a letter in it ("Summer 2019",
// "Aug 2020", "expected 2027-05"), which cvtex reads further.
void add_date_type(json& s, const FieldSpec& f) {
    std::string forms = f.type == T::end_date ? fmt::format("{}|{}", date_form, present_form)
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
    s["description"] = f.description;
    if (f.many) {
        json one;
        add_type(one, owner, f);
        s["anyOf"] = {one, {{"type", "array"}, {"items", one}}};
    } else {
        add_type(s, owner, f);
    }
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

// ---- TOML writing ------------------------------------------------------------------------

std::string toml_value(const json& v) {
    if (v.is_string()) return toml_quote(v.get<std::string>());
    if (v.is_array()) {
        std::string out = "[";
        for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + toml_value(v[i]);
        return out + "]";
    }
    if (v.is_object()) {
        std::string out = "{";
        bool first = true;
        for (const auto& [key, value] : v.items()) {
            out += fmt::format("{} {} = {}", first ? "" : ",", key, toml_value(value));
            first = false;
        }
        return out + " }";
    }
    return v.dump();
}

// Replaces the example person's name with the user's, wherever it appears as a whole string
// (the name, and the author lists that must contain it).
json with_name(json v, const std::string& example_name, std::string_view name) {
    if (v.is_string() && v.get<std::string>() == example_name) return std::string(name);
    if (v.is_array())
        for (auto& item : v) item = with_name(item, example_name, name);
    return v;
}

struct StarterWriter {
    std::string example_name;
    std::string_view name;
    std::string out;
    bool all_commented = false;

    // One table's keys, values aligned, each followed by its description. An entry shows
    // every key (`optional_shown`); the settings, the person and a section only the keys they
    // need, the others as comments.
    void keys(const TableSpec& t, bool optional_shown) {
        struct Line {
            std::string code;
            std::string_view comment;
        };
        std::vector<Line> lines;
        for (const auto& f : t.fields) {
            // Nested tables are shown inline when they have an example of their own.
            if ((f.type == T::table || f.type == T::table_array) && f.example.empty()) continue;
            const json value = with_name(field_example(t, f), example_name, name);
            std::string code = fmt::format("{} = {}", f.key, toml_value(value));
            // Optional keys of the settings, the person and sections, `date` where a period is
            // shown, and tags (which only variants use) are left as comments: the user can
            // switch them on.
            const bool commented = all_commented || !shown_in_example(t, f) ||
                                   (!optional_shown && !f.required) || f.key == "tags";
            if (commented) code.insert(0, "# ");
            lines.push_back({std::move(code), f.description});
        }
        std::size_t width = 0;
        for (const auto& l : lines)
            if (l.code.size() <= 40) width = std::max(width, l.code.size());
        for (const auto& l : lines) {
            const std::size_t pad = l.code.size() < width ? width - l.code.size() : 0;
            out += fmt::format("{}{}  # {}\n", l.code, std::string(pad, ' '), l.comment);
        }
    }

    void table(const TableSpec& t, std::string_view header) {
        out += fmt::format("\n# {}\n{}\n", t.description, header);
        keys(t, false);
    }

    // A table the starter only shows, commented out, header and all.
    void commented_table(const TableSpec& t, std::string_view header) {
        out += fmt::format("\n# {}\n# {}\n", t.description, header);
        all_commented = true;
        keys(t, false);
        all_commented = false;
    }

    void section(const SectionKind& k) {
        out += fmt::format("\n# {}\n[[section]]\n", k.description);
        keys(*k.section, false);
        if (!k.entry) return;
        out += "\n[[section.entry]]\n";
        keys(*k.entry, true);
    }
};

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

std::string markdown_table(const TableSpec& t, const std::vector<std::string_view>& skip = {}) {
    std::string out = "| Key | Type | Required | Description | Example |\n|---|---|---|---|---|\n";
    for (const auto& f : t.fields) {
        if (std::find(skip.begin(), skip.end(), f.key) != skip.end()) continue;
        // A nested table without an example of its own is described in a section of its own:
        // [settings] and [person] under their headings, the others below their table.
        const bool table = f.type == T::table || f.type == T::table_array;
        const bool top_level = f.key == "settings" || f.key == "person";
        std::string example = fmt::format("`{}`", toml_value(field_example(t, f)));
        if (table && f.example.empty())
            example = top_level ? fmt::format("see [`[{}]`](#{})", f.key, f.key) : "see below";
        out += fmt::format("| `{}` | {} | {} | {} | {} |\n", f.key, type_cell(f),
                           f.required ? "yes" : "", cell(f.description), cell(example));
    }
    return out;
}

// The tables nested in `t` (a section's `labels`, `group_titles`; `[person] profiles`), each
// with its keys, under a heading of `level`.
std::string nested_tables(const TableSpec& t, std::string_view level, std::string_view where) {
    std::string out;
    for (const auto& f : t.fields) {
        if ((f.type != T::table && f.type != T::table_array) || !f.table || f.sections ||
            f.key == "entry")
            continue;
        out += fmt::format("\n{} `{}` of {}\n\n{}\n\n{}", level, f.key, where, f.table->description,
                           markdown_table(*f.table));
    }
    return out;
}

constexpr std::string_view markdown_intro = R"(# CV file reference

<!-- Generated from src/check/schema.cpp by `cvtex schema --format markdown`. Do not edit by hand:
     run scripts/update-schema. A test fails when this file is stale. -->

A cvtex CV is a TOML file: a `[settings]` table, a `[person]` table and `[[section]]`s, printed
in the order they are written. This page lists every key. A key that is not listed here is an
error, and so is a value of the wrong type; `cvtex check FILE.toml` reports every problem at
once (see [diagnostics.md](diagnostics.md)).

The schema is declared once, in `src/check/schema.cpp`. The same declaration drives the checks, this
page, the JSON Schema that `cvtex schema` prints (committed as
[schema/cvtex.schema.json](../schema/cvtex.schema.json)) and the starter file that
`cvtex new "Your Name"` writes.

## Editor support

Editors that use [Taplo](https://taplo.tamasfe.dev) (for example the "Even Better TOML"
extension of VS Code) complete keys, show these descriptions and underline mistakes when they
know the schema. Either put a `#:schema` line first in the CV, with a path relative to the CV
or a URL:

```toml
#:schema cvtex.schema.json
```

(`cvtex new` writes this line for you, and the schema beside the CV when it is not there yet:
commit both, and the line works in every checkout; `cvtex schema > cvtex.schema.json` brings
the schema up to date), or name the schema in a `.taplo.toml` next to your CVs:

```toml
[[rule]]
include = ["**/cv*.toml"]

[rule.schema]
path = "file:///absolute/path/to/cvtex.schema.json"
```

Get the schema file with `cvtex schema > cvtex.schema.json`. On the command line,
`taplo check --schema file://$PWD/cvtex.schema.json cv.toml` checks a CV against it; cvtex
itself checks more than a JSON Schema can say (dates that do not exist, marks on names that are
not authors, and the warnings).
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

### Dates

A date is written `"YYYY"`, `"YYYY-MM"` or `"YYYY-MM-DD"` (for example `"2020-08"`), as a bare
year (`2020`) or as a TOML date (`2020-08-14`). Years run from 1000 to 9999. An end date may
also be `"present"`. An entry has either one `date` or a period `start` and `end`, not both.

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

}  // namespace

std::string toml_quote(std::string_view value) {
    std::string out = "\"";
    for (char ch : value) {
        const auto c = static_cast<unsigned char>(ch);
        switch (ch) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                if (c < 0x20 || c == 0x7F)
                    out += fmt::format("\\u{:04X}", c);
                else
                    out += ch;
        }
    }
    return out + "\"";
}

std::string json_schema() {
    const TableSpec& root = root_schema();
    json s;
    s["$schema"] = "http://json-schema.org/draft-07/schema#";
    s["title"] = "cvtex CV";
    json body = table_schema(root);
    body["description"] = fmt::format(
        "{} Generated by `cvtex schema`; the reference is docs/schema.md.", root.description);
    for (auto& [key, value] : body.items()) s[key] = value;
    s["definitions"] = {{"section", section_schema()}};
    return s.dump(2, ' ', false) + "\n";
}

std::string starter_toml(std::string_view name, std::string_view schema_ref) {
    const TableSpec& root = root_schema();
    const TableSpec& person = *root.find("person")->table;
    StarterWriter w{parse_example(person.find("name")->example).get<std::string>(), name, {}};
    w.out = fmt::format(
        "#:schema {}\n"
        "# A CV for cvtex. Build it with: cvtex build FILE.toml\n"
        "# Every key is explained in cvtex's docs/schema.md; keys commented out are optional.\n"
        "# Everything below your name is an example: replace it with your own, or delete it.\n"
        "# (Raw LaTeX, kind = \"raw-latex\", is an escape hatch and is left out on purpose:\n"
        "# see docs/engine.md.)\n",
        schema_ref);
    w.table(*root.find("settings")->table, "[settings]");
    w.table(person, "[person]");
    for (const auto& k : section_kinds())
        if (k.kind != "raw-latex") w.section(k);
    w.commented_table(*root.find("variant")->table, "[[variant]]");
    return w.out;
}

std::string schema_markdown() {
    const TableSpec& root = root_schema();
    std::string out(markdown_intro);
    out += "\n## Top level\n\n" + std::string(root.description) + "\n\n" + markdown_table(root);
    for (const auto& f : root.fields) {
        if (f.type != T::table) continue;
        out += fmt::format("\n## `[{}]`\n\n{}\n\n{}", f.key, f.table->description,
                           markdown_table(*f.table));
        out += nested_tables(*f.table, "###", fmt::format("`[{}]`", f.key));
    }
    for (const auto& f : root.fields) {
        if (f.type != T::table_array || f.sections) continue;
        out += fmt::format("\n## `[[{}]]`\n\n{}\n\n{}", f.key, f.table->description,
                           markdown_table(*f.table));
    }
    const TableSpec& any = *root.find("section")->table;
    out += fmt::format(
        "\n## `[[section]]`\n\n{} Every section has these keys; its `kind` decides the rest.\n\n{}",
        any.description, markdown_table(any));
    std::vector<std::string_view> common;
    for (const auto& f : any.fields) common.push_back(f.key);
    common.push_back("entry");
    for (const auto& k : section_kinds()) {
        out += fmt::format("\n### `kind = \"{}\"`\n\n{}\n", k.kind, k.description);
        if (!k.notes.empty()) out += fmt::format("\n{}\n", k.notes);
        // The keys of the section itself beyond those every section has.
        const bool more = std::any_of(
            k.section->fields.begin(), k.section->fields.end(), [&](const FieldSpec& f) {
                return std::find(common.begin(), common.end(), f.key) == common.end();
            });
        if (!k.entry) {
            out += "\n" + markdown_table(*k.section, common);
            continue;
        }
        if (more)
            out += fmt::format("\nThe section's own keys, besides those of every section:\n\n{}",
                               markdown_table(*k.section, common));
        else
            out += "\nThe section has only the keys every section has.\n";
        out += nested_tables(*k.section, "####", fmt::format("`kind = \"{}\"`", k.kind));
        std::string needs;
        if (!k.entry->one_of_required.empty()) {
            std::vector<std::string> quoted;
            for (auto key : k.entry->one_of_required) quoted.push_back(fmt::format("`{}`", key));
            needs = fmt::format(" Each needs at least one of {}.", fmt::join(quoted, " or "));
        }
        out += fmt::format("\nIts entries are `[[section.entry]]` tables. {}{}\n\n{}",
                           k.entry->description, needs, markdown_table(*k.entry));
    }
    out += markdown_types;
    out +=
        "\n## Complete example\n\nThe file `cvtex new \"Cheng Li\"` writes: every section kind "
        "once, with every key.\n\n```toml\n";
    out += starter_toml(
        parse_example(root.find("person")->table->find("name")->example).get<std::string>(),
        "cvtex.schema.json");
    out += "```\n";
    return out;
}

}  // namespace cvtex
