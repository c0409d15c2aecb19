// The schema of a CV file, declared once.
#include "cvtex/check/schema.hpp"

#include <string>

#include "cvtex/model/model.hpp"

namespace cvtex {

namespace {

using T = ValueType;

const FieldSpec date_field{"date", T::date, false, "When it happened, if it is a single date.",
                           "\"2020-08\""};
const FieldSpec start_field{"start", T::date, false, "Start date of a period; needs `end`.",
                            "\"2015-09\""};
const FieldSpec end_field{"end", T::end_date, false,
                          "End date of a period, or \"present\" if it is ongoing.", "\"present\""};
const FieldSpec highlights_field{"highlights", T::text_list, false,
                                 "Bullet points shown under the entry.",
                                 "[\"Designed GPU labs for 200 students.\"]"};

const TableSpec settings_table{
    "settings",
    "Page and typography settings. Every key is optional.",
    {
        {"paper", T::choice, false, "Paper size.", "\"letter\"", {"letter", "a4"}},
        {"font_size", T::choice, false, "Base font size in points.", "11", {"10", "11", "12"}},
        {"font",
         T::choice,
         false,
         "Font family (from lmodern and texlive-fonts-recommended).",
         "\"lmodern\"",
         {"lmodern", "charter", "palatino", "times", "helvetica", "bookman", "schoolbook"}},
        {"accent", T::color, false, "Accent colour for the name, titles and links, as RRGGBB.",
         "\"1F4E79\""},
        {"date_style",
         T::choice,
         false,
         "How months are written: short (Aug 2020), long (August 2020), numeric (08/2020) or "
         "iso (2020-08).",
         "\"short\"",
         {"short", "long", "numeric", "iso"}},
        {"highlight",
         T::choice,
         false,
         "How your name (and its `aliases`) is marked in author lists: bold, underline or none.",
         "\"bold\"",
         {"bold", "underline", "none"}},
        {"author_names",
         T::choice,
         false,
         "Author names in full (Cheng Li) or with initials (C. Li), in every publications "
         "section. Unset: names from a .bib in full, names in the TOML as typed.",
         "\"initials\"",
         {"full", "initials"}},
        {"author_order",
         T::choice,
         false,
         "Author names as first-last (Cheng Li) or last-first (Li, Cheng), in every "
         "publications section. Unset: names from a .bib first-last, names in the TOML as typed.",
         "\"last-first\"",
         {"first-last", "last-first"}},
        {"engine",
         T::choice,
         false,
         "The TeX engine that builds the PDF: pdflatex prints Latin scripts, xelatex and lualatex "
         "any Unicode. The command line's --engine wins. Unset: pdflatex.",
         "\"pdflatex\"",
         {"pdflatex", "xelatex", "lualatex"}},
    }};

const TableSpec person_table{
    "person",
    "Who the CV is about: the header at the top of the first page.",
    {
        {"name", T::string, true, "Full name, as it should appear at the top.", "\"Cheng Li\""},
        {"headline", T::text, false, "A short line under the name.", "\"Senior Researcher\""},
        {"address", T::string, false, "Postal address.",
         "\"555 110th Ave NE, Bellevue, WA 98004\""},
        {"location", T::string, false, "City and region, when no full address is wanted.",
         "\"Bellevue, WA\""},
        {"email", T::email, false, "Email address.", "\"chengli@example.com\""},
        {"phone", T::string, false, "Phone number, as it should be printed.",
         "\"+1 419 496 7797\""},
        {"website", T::url, false, "Personal website, with https://.",
         "\"https://chengli.netlify.app\""},
        {"github", T::string, false, "GitHub user name (not the URL).", "\"cli99\""},
        {"linkedin", T::string, false, "LinkedIn profile name, as in linkedin.com/in/NAME.",
         "\"cheng-li\""},
        {"scholar", T::string, false, "Google Scholar user id, as in ...citations?user=ID.",
         "\"AbCdEfGhIjK\""},
        {"orcid", T::string, false, "ORCID iD.", "\"0000-0002-1825-0097\""},
        {"aliases", T::string_list, false,
         "Other spellings of your name in author lists, so they are highlighted too.",
         "[\"C. Li\"]"},
    }};

const TableSpec education_entry{
    "education entry",
    "A degree or course of study.",
    {
        {"institution", T::text, true, "School or university.", "\"University of Michigan\""},
        {"degree", T::text, false, "Degree, e.g. Ph.D. or B.S.", "\"Ph.D.\""},
        {"area", T::text, false, "Field of study.", "\"Computer Science\""},
        {"location", T::text, false, "Where the school is.", "\"Ann Arbor, MI\""},
        date_field,
        start_field,
        end_field,
        {"gpa", T::string, false, "Grade point average, as printed.", "\"3.96/4.0\""},
        {"thesis", T::text, false, "Thesis title.", "\"Performance Analysis of DL Inference\""},
        {"advisor", T::text, false, "Advisor or supervisor.", "\"Wen-mei Hwu\""},
        {"url", T::url, false, "Link for the institution name.", "\"https://illinois.edu\""},
        highlights_field,
    }};

const TableSpec experience_entry{
    "experience entry",
    "A job, internship, teaching position or other role.",
    {
        {"organization", T::text, true, "Employer or organisation.", "\"Microsoft\""},
        {"position", T::text, false, "Your role.", "\"Senior Researcher\""},
        {"location", T::text, false, "Where.", "\"Bellevue, WA\""},
        date_field,
        start_field,
        end_field,
        {"url", T::url, false, "Link for the organisation name.", "\"https://microsoft.com\""},
        highlights_field,
    }};

std::vector<std::string_view> group_ids() {
    std::vector<std::string_view> ids;
    for (const auto& g : publication_groups()) ids.push_back(g.id);
    return ids;
}

const TableSpec publication_entry{
    "publication",
    "A paper, article, preprint or other publication.",
    {
        {"title", T::text, true, "Title of the work.",
         "\"DLSpec: A Deep Learning Task Exchange Specification\""},
        {"authors", T::string_list, true, "All authors, in order, as they should be printed.",
         "[\"Cheng Li\", \"Abdul Dakkak\"]"},
        {"equal", T::string_list, false,
         "Authors who contributed equally (marked with *); each must be in `authors`.",
         "[\"Cheng Li\", \"Abdul Dakkak\"]"},
        {"corresponding", T::string_list, false,
         "Corresponding authors (marked with a dagger); each must be in `authors`.",
         "[\"Abdul Dakkak\"]"},
        {"venue", T::text, false, "Journal, conference or archive.", "\"USENIX OpML\""},
        date_field,
        {"award", T::text, false, "An award the work received.", "\"Best Paper\""},
        {"doi", T::string, false, "DOI, without https://doi.org/.",
         "\"10.1109/IPDPS47924.2020.00070\""},
        {"arxiv", T::string, false, "arXiv identifier.", "\"2301.12017\""},
        {"url", T::url, false, "Link to the paper.", "\"https://example.org/paper.pdf\""},
        {"code", T::url, false, "Link to the code.", "\"https://github.com/c3sr/dlspec\""},
        {"note", T::text, false, "A short note printed after the entry.", "\"Invited paper\""},
        {"type", T::choice, false,
         "The group the entry is listed under when the section has group = \"type\".",
         "\"conference\"", group_ids()},
    }};

const TableSpec list_entry{
    "list entry",
    "A label with a list of items, e.g. skills or languages.",
    {
        {"label", T::text, false, "What the items are; may be left out.", "\"Programming\""},
        {"items", T::string_list, true, "The items, in order.",
         "[\"Python\", \"C/C++\", \"CUDA\"]"},
    }};

const TableSpec oneline_entry{
    "oneline entry",
    "A one-line entry: a label and its details.",
    {
        {"label", T::text, true, "The label, printed in bold.", "\"Citizenship\""},
        {"details", T::text, true, "The rest of the line.", "\"United States\""},
    }};

const TableSpec dated_entry{
    "dated entry",
    "A dated entry: an award, a talk, a service role.",
    {
        {"title", T::text, true, "What it is.", "\"Best Paper Award, IPDPS\""},
        date_field,
        start_field,
        end_field,
        {"location", T::text, false, "Where.", "\"New Orleans, LA\""},
        {"details", T::text, false, "A line of details.", "\"One of 5 papers out of 400.\""},
        {"url", T::url, false, "Link for the title.", "\"https://example.org/talk\""},
    }};

const FieldSpec title_field{"title", T::text, true, "The section title, as printed.",
                            "\"Education\""};
const FieldSpec note_field{"note", T::text, false, "A short note under the title.",
                           "\"Refer to Google Scholar for the full list\""};

FieldSpec kind_field(std::string_view kind) {
    return {"kind",
            T::choice,
            true,
            "What the section holds: text, education, experience, publications, list, oneline, "
            "dated, or raw-latex (LaTeX copied into the document unescaped).",
            kind == "text"        ? "\"text\""
            : kind == "raw-latex" ? "\"raw-latex\""
                                  : "\"education\"",
            {"text", "education", "experience", "publications", "list", "oneline", "dated",
             "raw-latex"}};
}

FieldSpec entries_field(const TableSpec& entry) {
    return {"entry", T::table_array, false, "The entries of the section, in order.", "",
            {},      &entry};
}

TableSpec section_table(std::string_view name, const TableSpec* entry) {
    TableSpec t{
        name, "A section of the CV.", {title_field, kind_field(entry ? "" : "text"), note_field}};
    if (entry) {
        t.fields.push_back(entries_field(*entry));
    } else {
        t.fields.push_back({"text", T::text, true, "The paragraph(s); blank lines separate them.",
                            "\"\"\"I work on systems for deep learning.\"\"\""});
    }
    return t;
}

// The titles of the groups of a publications section, one key per group.
TableSpec group_titles_spec() {
    static std::vector<std::string> descriptions;  // the fields' descriptions view these
    TableSpec t{"group_titles",
                "Titles of the groups when a publications section has group = \"type\". Every "
                "key is optional; a group without a title here gets its default title.",
                {}};
    const auto& groups = publication_groups();
    descriptions.reserve(groups.size());
    for (const auto& g : groups) {
        descriptions.push_back(std::string(g.holds) + ". Default: " + std::string(g.default_title) +
                               ".");
        t.fields.push_back({g.id, T::text, false, descriptions.back(), g.example_title});
    }
    return t;
}

const TableSpec group_titles_table = group_titles_spec();

TableSpec publications_section_table() {
    TableSpec t = section_table("publications section", &publication_entry);
    const std::vector<FieldSpec> more{
        {"bib", T::string_list, false,
         "BibTeX files to import entries from, relative to this TOML file. Imported entries "
         "are listed after the [[section.entry]] ones, then the whole list is sorted.",
         "[\"publications.bib\"]"},
        {"keys", T::string_list, false,
         "Import only the entries with these citation keys (in this order when sort = "
         "\"none\").",
         "[\"li2020xsp\", \"li2020dlspec\"]"},
        {"types", T::string_list, false,
         "Import only entries of these BibTeX types or groups (see group_titles).",
         "[\"article\", \"inproceedings\"]"},
        {"from", T::integer, false, "Import only entries from this year or later.", "2018"},
        {"to", T::integer, false, "Import only entries from this year or earlier.", "2023"},
        {"keyword", T::string, false,
         "Import only entries whose `keywords` field lists this keyword.", "\"selected\""},
        {"field", T::string, false,
         "Import only entries that have this field set to something other than false, no or "
         "0 (\"selected\"), or set to a value (\"selected=true\").",
         "\"selected=true\""},
        {"limit", T::integer, false,
         "Import at most this many entries: the first ones in the section's order.", "10"},
        {"sort",
         T::choice,
         false,
         "Order of the list: newest first, oldest first, or none (as written: entries in the "
         "TOML, then imported ones in file order or in the order of `keys`).",
         "\"newest\"",
         {"newest", "oldest", "none"}},
        {"group",
         T::choice,
         false,
         "Group the list by type under subheadings (journal articles, conference papers, "
         "preprints, ...), or not.",
         "\"type\"",
         {"none", "type"}},
        {"group_titles",
         T::table,
         false,
         "Titles of the groups, to rename them, e.g. { conference = \"Refereed Papers\" }.",
         "",
         {},
         &group_titles_table},
        {"numbering",
         T::choice,
         false,
         "Number the entries: none, ascending (1, 2, 3) or descending (counting down to 1).",
         "\"descending\"",
         {"none", "ascending", "descending"}},
        {"number_scope",
         T::choice,
         false,
         "With numbering: count across the whole section, or restart in each group.",
         "\"section\"",
         {"section", "group"}},
        {"max_authors", T::integer, false,
         "Print at most this many authors, then \"et al.\"; your own name is always shown.", "5"},
        {"author_names",
         T::choice,
         false,
         "Author names in full or with initials, in this section (overrides [settings]).",
         "\"initials\"",
         {"full", "initials"}},
        {"author_order",
         T::choice,
         false,
         "Author names first-last or last-first, in this section (overrides [settings]).",
         "\"last-first\"",
         {"first-last", "last-first"}},
    };
    t.fields.insert(t.fields.end(), more.begin(), more.end());
    return t;
}

const TableSpec text_section = section_table("text section", nullptr);
const TableSpec education_section = section_table("education section", &education_entry);
const TableSpec experience_section = section_table("experience section", &experience_entry);
const TableSpec publications_section = publications_section_table();
const TableSpec list_section = section_table("list section", &list_entry);
const TableSpec oneline_section = section_table("oneline section", &oneline_entry);
const TableSpec dated_section = section_table("dated section", &dated_entry);

// The one way to put LaTeX into the document unescaped. Both the kind and the key say so, so
// it cannot be used by accident.
const TableSpec raw_latex_section{
    "raw-latex section",
    "LaTeX copied into the document body as it is, not escaped: an escape hatch for the rare "
    "CV that needs something cvtex cannot express. A mistake in it is a LaTeX error.",
    {
        {"title", T::text, false, "The section title, as printed; leave it out for none.",
         "\"Talks\""},
        kind_field("raw-latex"),
        note_field,
        {"raw_latex", T::string, true,
         "LaTeX code for the document body, copied unescaped. Write it as a '''literal''' "
         "string so that backslashes stay as typed.",
         "'''\\textbf{Hello}'''"},
    }};

// The table a section is checked against before its kind is known.
const TableSpec any_section{
    "section", "A section of the CV.", {title_field, kind_field(""), note_field}};

const TableSpec root_table{
    "CV",
    "A CV for cvtex.",
    {
        {"settings", T::table, false, "Page and typography settings.", "", {}, &settings_table},
        {"person", T::table, true, "The header: name and contact details.", "", {}, &person_table},
        {"section",
         T::table_array,
         false,
         "The sections, in the order they are printed. Each is written [[section]].",
         "",
         {},
         &any_section,
         true},
    }};

}  // namespace

const FieldSpec* TableSpec::find(std::string_view key) const {
    // The loader asks for every key it reads, and many keys have the same length: comparing
    // the first character spares most calls to memcmp.
    for (const auto& f : fields)
        if (f.key.size() == key.size() && (key.empty() || f.key[0] == key[0]) && f.key == key)
            return &f;
    return nullptr;
}

std::vector<std::string> TableSpec::keys() const {
    std::vector<std::string> out;
    for (const auto& f : fields) out.emplace_back(f.key);
    return out;
}

const TableSpec& root_schema() {
    return root_table;
}

const std::vector<SectionKind>& section_kinds() {
    static const std::vector<SectionKind> kinds{
        {"text", "Paragraphs of text, e.g. a background or summary.", &text_section, nullptr,
         "Background"},
        {"education", "Degrees.", &education_section, &education_entry, "Education"},
        {"experience", "Jobs, internships and teaching.", &experience_section, &experience_entry,
         "Work Experience"},
        {"publications", "Papers and other publications.", &publications_section,
         &publication_entry, "Selected Publications"},
        {"list", "Labelled lists, e.g. skills and languages.", &list_section, &list_entry,
         "Skills"},
        {"oneline", "One-line entries: label and details.", &oneline_section, &oneline_entry,
         "Personal"},
        {"dated", "Dated entries: awards, talks, service.", &dated_section, &dated_entry, "Awards"},
        {"raw-latex", "LaTeX copied unescaped: an escape hatch, see docs/engine.md.",
         &raw_latex_section, nullptr, "Raw LaTeX"},
    };
    return kinds;
}

const SectionKind* find_section_kind(std::string_view kind) {
    for (const auto& k : section_kinds())
        if (k.kind == kind) return &k;
    return nullptr;
}

std::string_view describe(ValueType type) {
    switch (type) {
        case T::string:
        case T::text:
            return "a string";
        case T::date:
            return "a date";
        case T::end_date:
            return "a date or \"present\"";
        case T::integer:
            return "an integer";
        case T::choice:
            return "one of the listed values";
        case T::color:
            return "a colour";
        case T::url:
            return "a URL";
        case T::email:
            return "an email address";
        case T::string_list:
        case T::text_list:
            return "a list of strings";
        case T::table:
            return "a table";
        case T::table_array:
            return "an array of tables";
    }
    return "a value";
}

}  // namespace cvtex
