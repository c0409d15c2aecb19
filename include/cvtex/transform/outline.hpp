// What the text formats (Markdown, plain text, HTML) show of a transformed CV's sections, in
// reading order: the arguments the LaTeX writer gives its class macros, as data, so that each
// writer only renders and none of them decides which field goes where.
#pragma once

#include <string>
#include <vector>

#include "cvtex/model/model.hpp"

namespace cvtex::outline {

/// A run of text in a field: markup from the input, plain text, or an owner's name in a
/// byline (which the writers mark as the settings say).
struct Piece {
    enum class Kind { markup, plain, owner };
    Kind kind = Kind::plain;
    std::string text;
    Span span;
    std::string link;  ///< an allowed target (link_target()) for the whole piece; empty: none
};

/// A field as shown: its pieces one after the other. Empty: not shown.
using Field = std::vector<Piece>;

/// A detail line: "GPA: 3.95/4.0".
struct DetailLine {
    Field label;
    Field value;
};

/// One entry of a section, in the order a reader meets its parts.
struct Entry {
    Span span;
    Field number;      ///< a publication's number in a numbered list, "16"
    Field title;       ///< linked when the entry has a URL
    Field tag;         ///< a talk's type, a grant's role, a patent's status
    Field subtitle;    ///< degree in area, position, role, event, agency, outcome, ...
    Field place;       ///< location, a grant's amount, a patent's number, an institution
    When when;         ///< for machine-readable dates (HTML's <time>)
    std::string date;  ///< `when` as the settings say ("Aug 2019 – present")
    Field text;        ///< a dated entry's details, a one-line entry's, a list's or skill's items
    Field level;       ///< a skill's level
    std::optional<Text> summary;
    std::vector<DetailLine> details;
    std::vector<Highlight> highlights;
    std::vector<Field> lines;  ///< a referee's address lines, email, phone, relationship
    // A publication: authors, venue and date, award, links and note.
    Field authors, venue, award, links;
};

/// Entries under an optional heading (a publication group's title).
struct Group {
    Field heading;
    std::vector<Entry> entries;
};

/// A section as the text formats show it.
struct Section {
    const cvtex::Section* source = nullptr;
    bool raw_latex = false;           ///< raw LaTeX, which only the LaTeX writer can show
    std::vector<Text> paragraphs;     ///< a text section
    std::vector<Group> groups;        ///< the entries; one group without a heading when ungrouped
    std::vector<std::string> legend;  ///< "* Equal contribution", ...
};

/// A field of markup text (unset or empty: an empty field).
Field markup(const std::optional<Text>& t);
Field markup(const Text& t);
/// A field of plain text.
Field plain(std::string text, Span span = {});
/// `a`, `separator`, `b`, leaving out the separator when either is empty.
Field join(Field a, std::string_view separator, Field b);

/// The marks of a byline, as the text formats print them (LaTeX has its own glyphs).
inline constexpr const char* equal_mark = "*";
inline constexpr const char* corresponding_mark = "\u2020";

/// The sections of `cv` as the text formats show them, dates as `style` says, cvtex's own words
/// (month names, "present", "et al.", "link", the legend) in `locale`'s language.
std::vector<Section> sections(const Cv& cv, DateStyle style, const Locale& locale);
/// One section (a statement's references too).
Section section(const cvtex::Section& s, DateStyle style, const Locale& locale);

/// The date of an entry as shown ("Aug 2019 – present").
std::string date_text(const When& when, DateStyle style, const Locale& locale);

/// The ISO 8601 form of a date for machine-readable output ("2019-08"); empty for text
/// without a year and for "present".
std::string iso_date(const Date& d);

}  // namespace cvtex::outline
