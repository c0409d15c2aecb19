// The document model: plain structs built from the TOML, each carrying its source span.
// Every stage after loading works on these; no toml++ type appears here.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "cvtex/diagnostics.hpp"

namespace cvtex {

/// A string from the input, with where it was written. Text fields may hold inline markup.
struct Text {
    std::string value;
    Span span;

    bool empty() const { return value.empty(); }
};

/// A calendar date with optional month and day, or the word "present".
struct Date {
    int year = 0;
    int month = 0;  ///< 0 when not given
    int day = 0;    ///< 0 when not given
    bool present = false;
    Span span;
};

/// When something happened: one date, or a start and an end.
struct When {
    std::optional<Date> date;
    std::optional<Date> start;
    std::optional<Date> end;

    bool empty() const { return !date && !start && !end; }
    /// The date used for sorting and "finished" checks: the end, else the single date.
    const Date* last() const;
};

enum class Paper { letter, a4 };
enum class DateStyle { short_month, long_month, numeric, iso };

struct Settings {
    Paper paper = Paper::letter;
    int font_size = 11;
    std::string font = "lmodern";
    std::string accent = "1F4E79";
    DateStyle date_style = DateStyle::short_month;
};

struct Person {
    Text name;
    std::optional<Text> headline, address, location, email, phone, website;
    std::optional<Text> github, linkedin, scholar, orcid;
    std::vector<Text> aliases;
    /// Contact keys ("email", "github", ...) in the order they were written in the file.
    std::vector<std::string> contact_order;
    Span span;
};

struct EducationEntry {
    Text institution;
    std::optional<Text> degree, area, location, gpa, thesis, advisor, url;
    When when;
    std::vector<Text> highlights;
    Span span;
};

struct ExperienceEntry {
    Text organization;
    std::optional<Text> position, location, url;
    When when;
    std::vector<Text> highlights;
    Span span;
};

struct Publication {
    Text title;
    std::vector<Text> authors;
    std::vector<Text> equal;          ///< authors with equal contribution
    std::vector<Text> corresponding;  ///< corresponding authors
    std::optional<Text> venue, award, doi, arxiv, url, code, note;
    When when;
    Span span;
};

struct ListEntry {
    std::optional<Text> label;
    std::vector<Text> items;
    Span span;
};

struct OnelineEntry {
    Text label;
    Text details;
    Span span;
};

struct DatedEntry {
    Text title;
    std::optional<Text> location, details, url;
    When when;
    Span span;
};

struct TextBody {
    Text text;
};

/// LaTeX that the user asked, through `kind = "raw-latex"` and `raw_latex`, to have copied
/// into the document unescaped. The only text that is not escaped.
struct RawLatexBody {
    Text latex;
    std::uint32_t first_line = 0;  ///< the TOML line that holds the first line of `latex`
};

using SectionBody = std::variant<TextBody, std::vector<EducationEntry>,
                                 std::vector<ExperienceEntry>, std::vector<Publication>,
                                 std::vector<ListEntry>, std::vector<OnelineEntry>,
                                 std::vector<DatedEntry>, RawLatexBody>;

struct Section {
    Text title;        ///< empty only in a raw-latex section without a title
    std::string kind;  ///< the `kind` as written: "text", "education", ...
    std::optional<Text> note;
    SectionBody body;
    Span span;
};

/// A whole CV.
struct Document {
    std::string source_path;
    Settings settings;
    Person person;
    std::vector<Section> sections;
};

}  // namespace cvtex
