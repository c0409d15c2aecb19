// The one declaration of the schema of every kind of cvtex file (CV, letter, statement,
// packet). Validation, the JSON Schema, docs/schema.md and the starter files of `cvtex new` are
// all derived from it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cvtex {

enum class ValueType {
    string,    ///< plain text, printed as typed
    text,      ///< text with inline markup (**bold**, *italic*, [text](url))
    markdown,  ///< Markdown: paragraphs, headings, lists (a letter's or a statement's body)
    date,      ///< YYYY, YYYY-MM, YYYY-MM-DD, a TOML date, or a bare year
    end_date,  ///< like date, or "present"
    integer,
    choice,  ///< one string (or integer) from `choices`
    color,   ///< RRGGBB hex, optionally with '#'
    /// one string from `choices`, or a number (e.g. spacing = "compact" or 0.85)
    choice_or_number,
    lengths,  ///< one, two or four TeX lengths, "0.75in" or "0.6in 0.75in" (CSS order)
    url,
    email,
    string_list,  ///< array of plain strings
    text_list,    ///< array of markup texts
    table,
    table_array,
    string_map,   ///< a table of any names, each with a string (e.g. variables)
    integer_map,  ///< a table of any names, each with an integer (e.g. page limits)
};

struct TableSpec;

struct FieldSpec {
    std::string_view key;
    ValueType type;
    bool required = false;
    std::string_view description;
    std::string_view example;  ///< a TOML value, e.g. "\"2020-08\"" or "[\"A\", \"B\"]"
    std::vector<std::string_view> choices = {};
    const TableSpec* table = nullptr;  ///< for table and table_array
    bool sections = false;             ///< table_array whose spec is picked by `kind`
    bool free_text = false;  ///< a date that may also be text ("Summer 2019", see read_date())
    bool many = false;       ///< string, text, email or url: one value, or a list of them
    /// What leaving the key out means, when one value says it: a TOML value ("\"letter\"",
    /// "11"), the value the key then has.
    std::string_view default_value = {};
    /// What leaving the key out means, in a few words, when no value says it ("the day of
    /// the build"). At most one of default_value and default_words is set.
    std::string_view default_words = {};
};

struct TableSpec {
    std::string_view name;  ///< used in messages, e.g. "education entry"
    std::string_view description;
    std::vector<FieldSpec> fields;
    /// Keys of which at least one must be given (a skills row: items or a level).
    std::vector<std::string_view> one_of_required = {};

    const FieldSpec* find(std::string_view key) const;
    std::vector<std::string> keys() const;
};

/// One kind of section: the table of the section itself and, unless it is paragraph text,
/// the table of its entries.
struct SectionKind {
    std::string_view kind;
    std::string_view description;
    const TableSpec* section;
    const TableSpec* entry;          ///< nullptr for kind "text"
    std::string_view example_title;  ///< a typical title, used by examples and `cvtex new`
    std::string_view notes = {};     ///< more for docs/schema.md, after the description
};

/// One kind of document, with the table at the top level of its files.
struct DocumentKindSpec {
    std::string_view name;   ///< "cv", as `cvtex new --kind` takes it
    std::string_view title;  ///< "CV", "letter": how prose names it
    std::string_view description;
    const TableSpec* root;
    /// The top-level keys that make a file this kind ("letter"); none for the CV, the kind of
    /// a file that has none of the others'.
    std::vector<std::string_view> markers;
    std::string_view example_file;  ///< its usual file name, e.g. "letter.toml"
};

/// Every kind of document; the CV first.
const std::vector<DocumentKindSpec>& document_kinds();
/// The kind of a file with these top-level keys: the first kind with one of its `markers`
/// among them (`letter`, `statement`, `packet` or `application`), else the CV.
const DocumentKindSpec& document_kind_of(const std::vector<std::string_view>& top_level_keys);
/// The kind called `name`, or nullptr.
const DocumentKindSpec* find_document_kind(std::string_view name);
/// The top level of a CV file (document_kinds()'s "cv").
const TableSpec& root_schema();
/// Every section kind, in the order the docs list them.
const std::vector<SectionKind>& section_kinds();
const SectionKind* find_section_kind(std::string_view kind);

/// How `type` is described to a user ("a date", "a list of strings", ...).
std::string_view describe(ValueType type);

}  // namespace cvtex
