// The schema of a CV file, declared once.
#include "cvtex/check/schema.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "cvtex/model/model.hpp"

namespace cvtex {

namespace {

using T = ValueType;

// Entries' dates may also be text ("Summer 2019") or marked "expected": see read_date().
FieldSpec entry_date(FieldSpec f) {
    f.free_text = true;
    return f;
}
const FieldSpec date_field = entry_date(
    {"date", T::date, false, "When it happened, if it is a single date.", "\"2020-08\""});
const FieldSpec start_field =
    entry_date({"start", T::date, false, "Start date of a period; needs `end`.", "\"2015-09\""});
const FieldSpec end_field =
    entry_date({"end", T::end_date, false, "End date of a period, or \"present\" if it is ongoing.",
                "\"present\""});
const FieldSpec tags_field{"tags", T::string_list, false,
                           "Tags, for choosing what a variant shows (see [[variant]] and "
                           "--tags); an item without tags is always shown.",
                           "[\"academic\"]"};
const FieldSpec highlights_field{
    "highlights", T::text_list, false,
    "Bullet points shown under the entry. A list inside the list holds the bullet points of "
    "the item before it.",
    "[\"Taught a lab course of 200 students.\", [\"Wrote its 12 assignments.\"]]"};
const FieldSpec summary_field{"summary", T::text, false, "A line about it, under its heading.",
                              "\"One line about what it was.\""};

const TableSpec settings_table{
    "settings",
    "Page and typography settings. Every key is optional.",
    {
        {.key = "paper",
         .type = T::choice,
         .description = "Paper size.",
         .example = "\"letter\"",
         .choices = {"letter", "a4"},
         .default_value = "\"letter\""},
        {.key = "font_size",
         .type = T::choice,
         .description = "Base font size in points.",
         .example = "11",
         .choices = {"10", "11", "12"},
         .default_value = "11"},
        {.key = "font",
         .type = T::string,
         .description =
             "Font family: lmodern, charter, palatino, times, helvetica, bookman or schoolbook "
             "(from lmodern and texlive-fonts-recommended, on every engine), or under xelatex and "
             "lualatex the name of any installed font (see fc-list).",
         .example = "\"lmodern\"",
         .default_value = "\"lmodern\""},
        {.key = "accent",
         .type = T::color,
         .description = "Accent colour for the name, titles and links, as RRGGBB.",
         .example = "\"1F4E79\"",
         .default_value = "\"1F4E79\""},
        {.key = "theme",
         .type = T::string,
         .description =
             "The design: classic, moderncv (dates in a left column), engineering (compact, sans "
             "serif), academic (serif, small capitals, no colour), sidebar (two columns), or the "
             "path of a theme file of your own (\"./mytheme.sty\", relative to this file). See "
             "docs/themes.md.",
         .example = "\"moderncv\"",
         .default_value = "\"classic\""},
        {.key = "margins",
         .type = T::lengths,
         .description =
             "Page margins: one length for all four, two (top and bottom, left and right) or four "
             "(top, right, bottom, left), in pt, mm, cm or in.",
         .example = "\"0.6in 0.75in\"",
         .default_words = "the theme's"},
        {.key = "spacing",
         .type = T::choice_or_number,
         .description = "Vertical spacing: compact, normal or relaxed, or a factor from 0.5 to 2 "
                        "(0.85 is 15% tighter than the theme's).",
         .example = "\"compact\"",
         .choices = {"compact", "normal", "relaxed"},
         .default_value = "\"normal\""},
        {.key = "section_style",
         .type = T::choice,
         .description = "Section titles: over a rule, followed by a line, plain, on a tinted "
                        "band, or beside a bar.",
         .example = "\"line\"",
         .choices = {"rule", "line", "plain", "banner", "bar"},
         .default_words = "the theme's"},
        {.key = "header_align",
         .type = T::choice,
         .description = "Alignment of the name, headline and contact line (classic, engineering "
                        "and academic themes).",
         .example = "\"left\"",
         .choices = {"left", "center", "right"},
         .default_words = "the theme's"},
        {.key = "date_position",
         .type = T::choice,
         .description = "Dates at the right edge of each entry, or in a column left of the body.",
         .example = "\"left\"",
         .choices = {"right", "left"},
         .default_words = "the theme's"},
        {.key = "bullet",
         .type = T::string,
         .description = "The bullet of highlights, a character or two.",
         .example = "\"–\"",
         .default_words = "the theme's"},
        {.key = "name_color",
         .type = T::color,
         .description = "Colour of the name.",
         .example = "\"000000\"",
         .default_words = "the accent"},
        {.key = "heading_color",
         .type = T::color,
         .description = "Colour of section titles.",
         .example = "\"1F4E79\"",
         .default_words = "the accent"},
        {.key = "link_color",
         .type = T::color,
         .description = "Colour of links.",
         .example = "\"1F4E79\"",
         .default_words = "the accent"},
        {.key = "date_style",
         .type = T::choice,
         .description = "How months are written: short (Aug 2020), long (August 2020), numeric "
                        "(08/2020) or iso (2020-08).",
         .example = "\"short\"",
         .choices = {"short", "long", "numeric", "iso"},
         .default_value = "\"short\""},
        {.key = "highlight",
         .type = T::choice,
         .description = "How your name (and its `aliases`) is marked in author lists: bold, "
                        "underline or none.",
         .example = "\"bold\"",
         .choices = {"bold", "underline", "none"},
         .default_value = "\"bold\""},
        {.key = "author_names",
         .type = T::choice,
         .description = "Author names in full (Cheng Li) or with initials (C. Li), in every "
                        "publications section.",
         .example = "\"initials\"",
         .choices = {"full", "initials"},
         .default_words = "names from a .bib in full, names in the TOML as typed"},
        {.key = "author_order",
         .type = T::choice,
         .description = "Author names as first-last (Cheng Li) or last-first (Li, Cheng), in "
                        "every publications section.",
         .example = "\"last-first\"",
         .choices = {"first-last", "last-first"},
         .default_words = "names from a .bib first-last, names in the TOML as typed"},
        {.key = "engine",
         .type = T::choice,
         .description = "The TeX engine that builds the PDF: pdflatex prints Latin scripts, "
                        "xelatex and lualatex any Unicode. The command line's --engine wins.",
         .example = "\"pdflatex\"",
         .choices = {"pdflatex", "xelatex", "lualatex"},
         .default_value = "\"pdflatex\""},
        {.key = "language",
         .type = T::choice,
         .description = "The language of the words cvtex prints (month names, \"Present\", "
                        "labels, see docs/locale.md), of how dates are written, and of "
                        "hyphenation: en, de, fr, es, it, pt, nl, pl, tr, zh, ja, ar or he (ar "
                        "and he laid out right to left under lualatex).",
         .example = "\"en\"",
         .choices = {"en", "de", "fr", "es", "it", "pt", "nl", "pl", "tr", "zh", "ja", "ar", "he"},
         .default_value = "\"en\""},
        {.key = "strings",
         .type = T::string_map,
         .description = "Words of the language replaced by your own, by key (docs/locale.md "
                        "lists them): present, gpa, thesis, advisor, degree_field, et_al, "
                        "january, jan, ...",
         .example = "{ advisor = \"Supervisor\" }",
         .default_words = "the language's"},
    }};

std::vector<std::string_view> network_ids() {
    std::vector<std::string_view> ids;
    for (const auto& n : profile_networks()) ids.push_back(n.id);
    return ids;
}

// One profile of `[person] profiles`.
const TableSpec profile_table{
    "profile",
    "A profile on a site, shown in the contact line and linked.",
    {
        {"network", T::choice, true,
         "The site: github, gitlab, codeberg, linkedin, x, mastodon (username @NAME@SERVER), "
         "bluesky, scholar (the user id), orcid, researchgate, dblp (the pid, as in "
         "dblp.org/pid/PID), stackoverflow (ID/NAME), kaggle, huggingface, youtube, or other "
         "(with a url).",
         "\"mastodon\"", network_ids()},
        {"username", T::string, true, "Your name there, as it is shown.",
         "\"@you@example.social\""},
        {"url", T::url, false, "Where it links, when not the site's usual address.",
         "\"https://example.social/@you\""},
    }};

FieldSpec many(FieldSpec f) {
    f.many = true;
    return f;
}

const TableSpec person_table{
    "person",
    "Who the CV is about: the header at the top of the first page.",
    {
        {"name", T::string, true, "Full name, as it should appear at the top.", "\"Cheng Li\""},
        {"headline", T::text, false, "A short line under the name.", "\"Senior Researcher\""},
        {"address", T::string, false, "Postal address.", "\"1 Example Street, Springfield\""},
        {"location", T::string, false, "City and region, when no full address is wanted.",
         "\"Springfield\""},
        many({"email", T::email, false, "Email address.", "\"you@example.com\""}),
        many({"phone", T::string, false, "Phone number, as it should be printed.",
              "\"+1 555 0100\""}),
        many({"website", T::url, false, "Personal website, with https://.",
              "\"https://example.com\""}),
        {"github", T::string, false, "GitHub user name (not the URL).", "\"username\""},
        {"linkedin", T::string, false, "LinkedIn profile name, as in linkedin.com/in/NAME.",
         "\"username\""},
        {"scholar", T::string, false, "Google Scholar user id, as in ...citations?user=ID.",
         "\"AbCdEfGhIjK\""},
        {"orcid", T::string, false, "ORCID iD.", "\"0000-0002-1825-0097\""},
        {"profiles",
         T::table_array,
         false,
         "Profiles on other sites (X, Mastodon, GitLab, ResearchGate, dblp, ...), in order.",
         "[{ network = \"mastodon\", username = \"@you@example.social\" }]",
         {},
         &profile_table},
        {"photo", T::string, false,
         "A photo (PNG, JPEG or PDF) for the header, relative to this file.", "\"photo.jpg\""},
        {"aliases", T::string_list, false,
         "Other spellings of your name in author lists, so they are highlighted too.",
         "[\"C. Li\"]"},
    }};

const TableSpec education_entry{
    "education entry",
    "A degree or course of study.",
    {
        {"institution", T::text, true, "School or university.", "\"Example University\""},
        {"degree", T::text, false, "Degree, e.g. Ph.D. or B.S.", "\"Ph.D.\""},
        {"area", T::text, false, "Field of study.", "\"Computer Science\""},
        {"minor", T::text, false, "A minor or second subject.", "\"Mathematics\""},
        {"location", T::text, false, "Where the school is.", "\"Springfield\""},
        date_field,
        start_field,
        end_field,
        summary_field,
        {"gpa", T::string, false, "Grade point average, as printed.", "\"3.96/4.0\""},
        {"honors", T::text, false, "Honors, distinctions.", "\"summa cum laude\""},
        {"thesis", T::text, false, "Thesis title.", "\"Title of the Thesis\""},
        {"advisor", T::text, false, "Advisor or supervisor.", "\"Prof. A. Advisor\""},
        {"url", T::url, false, "Link for the institution name.", "\"https://example.edu\""},
        highlights_field,
        tags_field,
    }};

const TableSpec experience_entry{
    "experience entry",
    "A job, internship, teaching position or other role.",
    {
        {"organization", T::text, true, "Employer or organisation.", "\"Example Corp.\""},
        {"position", T::text, false, "Your role.", "\"Software Engineer\""},
        {"location", T::text, false, "Where.", "\"Springfield\""},
        date_field,
        start_field,
        end_field,
        {"url", T::url, false, "Link for the organisation name.", "\"https://example.com\""},
        summary_field,
        highlights_field,
        tags_field,
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
        {"title", T::text, true, "Title of the work.", "\"Title of the Paper\""},
        {"authors", T::string_list, true, "All authors, in order, as they should be printed.",
         "[\"Cheng Li\", \"A. Coauthor\"]"},
        {"equal", T::string_list, false,
         "Authors who contributed equally (marked with *); each must be in `authors`.",
         "[\"Cheng Li\", \"A. Coauthor\"]"},
        {"corresponding", T::string_list, false,
         "Corresponding authors (marked with a dagger); each must be in `authors`.",
         "[\"A. Coauthor\"]"},
        {"venue", T::text, false, "Journal, conference or archive.",
         "\"Proceedings of the Example Conference\""},
        date_field,
        {"award", T::text, false, "An award the work received.", "\"Best Paper\""},
        {"doi", T::string, false, "DOI, without https://doi.org/.", "\"10.5555/12345678\""},
        {"arxiv", T::string, false,
         "arXiv identifier: the id, `arXiv:` and the id, or an arxiv.org URL.", "\"2301.00001\""},
        {"url", T::url, false, "Link to the paper.", "\"https://example.org/paper.pdf\""},
        {"code", T::url, false, "Link to the code.", "\"https://example.org/code\""},
        {"note", T::text, false, "A short note printed after the entry.", "\"Invited paper\""},
        {"type", T::choice, false,
         "The group the entry is listed under when the section has group = \"type\".",
         "\"conference\"", group_ids()},
        {"keywords", T::string_list, false,
         "Keywords, for the section's `keyword` filter (as a .bib entry's `keywords`).",
         "[\"selected\"]"},
        tags_field,
    }};

const TableSpec list_entry{
    "list entry",
    "A label with a list of items, e.g. skills or languages.",
    {
        {"label", T::text, false, "What the items are; may be left out.", "\"Programming\""},
        {"items", T::string_list, true, "The items, in order.",
         "[\"Python\", \"C/C++\", \"CUDA\"]"},
        tags_field,
    }};

const TableSpec oneline_entry{
    "oneline entry",
    "A one-line entry: a label and its details.",
    {
        {"label", T::text, true, "The label, printed in bold.", "\"Citizenship\""},
        {"details", T::text, true, "The rest of the line.", "\"United States\""},
        tags_field,
    }};

const TableSpec dated_entry{
    "dated entry",
    "A dated entry: an award, a prize, an event.",
    {
        {"title", T::text, true, "What it is.", "\"Best Paper Award, Example Conference\""},
        date_field,
        start_field,
        end_field,
        {"location", T::text, false, "Where.", "\"Springfield\""},
        {"details", T::text, false, "A line of details.", "\"One of 5 papers out of 400.\""},
        {"url", T::url, false, "Link for the title.", "\"https://example.org/talk\""},
        tags_field,
    }};

const TableSpec skill_entry{
    "skills entry",
    "A row of the table: a label and its items (a skill), or a level (a language), or both.",
    {
        {"label", T::text, true, "The left column, in bold.", "\"Programming\""},
        {"items", T::string_list, false, "The items, in order.", "[\"Python\", \"C++\", \"SQL\"]"},
        {"level", T::text, false, "How well: a language's level, a skill's degree.", "\"fluent\""},
        tags_field,
    },
    {"items", "level"}};

const TableSpec project_entry{
    "project",
    "A project: software, research or anything else you made.",
    {
        {"name", T::text, true, "The project's name.", "\"Example Project\""},
        {"url", T::url, false, "Link for its name.", "\"https://example.org/project\""},
        {"role", T::text, false, "Your role in it.", "\"Lead developer\""},
        {"location", T::text, false, "Where, if anywhere.", "\"Springfield\""},
        date_field,
        start_field,
        end_field,
        summary_field,
        {"technologies", T::string_list, false, "What it is built with.",
         "[\"Rust\", \"PostgreSQL\"]"},
        highlights_field,
        tags_field,
    }};

const TableSpec talk_entry{
    "talk",
    "A talk, a poster or another presentation.",
    {
        {"title", T::text, true, "The title of the talk.", "\"Title of the Talk\""},
        {"event", T::text, false, "The conference, seminar or institution.",
         "\"Example Conference 2024\""},
        {"location", T::text, false, "The city.", "\"Springfield\""},
        date_field,
        {"type",
         T::choice,
         false,
         "What kind of talk, printed after its title (see `labels`).",
         "\"invited\"",
         {"invited", "contributed", "keynote", "plenary", "poster", "tutorial", "panel"}},
        {"url", T::url, false, "Link for the title: slides or a recording.",
         "\"https://example.org/slides.pdf\""},
        tags_field,
    }};

const TableSpec grant_entry{
    "grant",
    "A grant, fellowship or other funding.",
    {
        {"title", T::text, true, "The grant's or project's title.", "\"Title of the Grant\""},
        {"agency", T::text, false, "Who funds it.", "\"Example Science Foundation\""},
        {"amount", T::integer, false, "How much, a whole number (printed with separators).",
         "450000"},
        {"currency", T::string, false,
         "The amount's currency: a code (USD, EUR, GBP, JPY are printed as $, €, £, ¥; others "
         "as written) or a symbol.",
         "\"USD\""},
        {"role", T::text, false, "Your role, printed after the title.", "\"PI\""},
        date_field,
        start_field,
        end_field,
        {"url", T::url, false, "Link for the title.", "\"https://example.org/award\""},
        summary_field,
        highlights_field,
        tags_field,
    }};

const TableSpec patent_entry{
    "patent",
    "A patent or patent application.",
    {
        {"title", T::text, true, "The patent's title.", "\"Title of the Invention\""},
        {"number", T::string, false, "Its number.", "\"US 12,345,678 B2\""},
        {"status", T::text, false, "Where it stands, printed after its title.", "\"granted\""},
        {"inventors", T::string_list, false, "All inventors, in order; your name is marked.",
         "[\"Cheng Li\", \"A. Coinventor\"]"},
        date_field,
        {"url", T::url, false, "Link for the title.", "\"https://example.org/patent\""},
        summary_field,
        tags_field,
    }};

const TableSpec service_entry{
    "service entry",
    "A role in service: reviewing, a committee, organizing, outreach.",
    {
        {"role", T::text, true, "What you do or did.", "\"Reviewer\""},
        {"organization", T::text, false, "For whom: a journal, a conference, a department.",
         "\"Example Journal\""},
        date_field,
        start_field,
        end_field,
        {"url", T::url, false, "Link for the role.", "\"https://example.org\""},
        {"details", T::text, false, "A line of details.", "\"12 papers a year.\""},
        tags_field,
    }};

const TableSpec membership_entry{
    "membership",
    "A membership of a society or association.",
    {
        {"organization", T::text, true, "The society.", "\"Example Society\""},
        {"role", T::text, false, "Your grade or role in it.", "\"Member\""},
        date_field,
        start_field,
        end_field,
        {"url", T::url, false, "Link for the society's name.", "\"https://example.org\""},
        {"details", T::text, false, "A line of details.", "\"Chair of the student chapter.\""},
        tags_field,
    }};

const TableSpec certification_entry{
    "certification",
    "A certification or licence.",
    {
        {"name", T::text, true, "The certification.", "\"Example Certified Engineer\""},
        {"issuer", T::text, false, "Who issued it.", "\"Example Institute\""},
        date_field,
        {"expires", T::date, false, "When it expires (a date in the future is fine).",
         "\"2027-06\""},
        {"credential", T::string, false, "Its credential id or number.", "\"ABC-12345\""},
        {"url", T::url, false, "Link to check it.", "\"https://example.org/verify/ABC-12345\""},
        tags_field,
    }};

const TableSpec student_entry{
    "student",
    "A student you advised or mentored.",
    {
        {"name", T::text, true, "The student's name.", "\"A. Student\""},
        {"degree", T::text, false, "What they studied for with you.", "\"M.Sc. thesis\""},
        {"thesis", T::text, false, "The thesis or project title.", "\"Title of the Thesis\""},
        {"outcome", T::text, false, "Where they went next.", "\"now at Example Corp.\""},
        date_field,
        start_field,
        end_field,
        {"url", T::url, false, "Link for the name.", "\"https://example.org/student\""},
        tags_field,
    }};

const TableSpec referee_entry{
    "referee",
    "Someone who gives a reference.",
    {
        {"name", T::text, true, "Their name.", "\"Prof. A. Referee\""},
        {"title", T::text, false, "Their position.", "\"Professor of Chemistry\""},
        {"institution", T::text, false, "Their institution.", "\"Example University\""},
        {"address", T::string_list, false, "Their address, one line per item.",
         "[\"1 Example Street\", \"Springfield\"]"},
        {"email", T::email, false, "Their email address.", "\"referee@example.edu\""},
        {"phone", T::string, false, "Their phone number.", "\"+1 555 0199\""},
        {"relationship", T::text, false, "How they know you.", "\"Ph.D. advisor\""},
        {"url", T::url, false, "Link for their name.", "\"https://example.edu/referee\""},
        tags_field,
    }};

const FieldSpec title_field{"title", T::text, true, "The section title, as printed.",
                            "\"Education\""};
const FieldSpec note_field{"note", T::text, false, "A short note under the title.",
                           "\"Refer to Google Scholar for the full list\""};
const FieldSpec id_field{"id", T::string, false,
                         "A name for the section, for a variant's `sections`; without it the "
                         "title names the section.",
                         "\"education\""};

// Every kind's name, in the order of section_kinds().
const std::vector<std::string_view> kind_names{
    "text",    "education",   "experience",     "publications", "list",     "oneline",
    "dated",   "skills",      "projects",       "talks",        "grants",   "patents",
    "service", "memberships", "certifications", "students",     "referees", "raw-latex"};

FieldSpec kind_field(std::string_view kind) {
    return {"kind",
            T::choice,
            true,
            "What the section holds: text, education, experience, publications, list, oneline, "
            "dated, skills, projects, talks, grants, patents, service, memberships, "
            "certifications, students, referees, or raw-latex (LaTeX copied into the document "
            "unescaped).",
            kind == "text"        ? "\"text\""
            : kind == "raw-latex" ? "\"raw-latex\""
                                  : "\"education\"",
            kind_names};
}

FieldSpec entries_field(const TableSpec& entry) {
    return {"entry", T::table_array, false, "The entries of the section, in order.", "",
            {},      &entry};
}

TableSpec section_table(std::string_view name, const TableSpec* entry) {
    TableSpec t{name,
                "A section of the CV.",
                {title_field, kind_field(entry ? "" : "text"), note_field, id_field, tags_field}};
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
    static std::vector<std::string> texts;  // the fields' descriptions and defaults view these
    TableSpec t{"group_titles",
                "Titles of the groups when a publications section has group = \"type\". Every "
                "key is optional; a group without a title here gets its default title.",
                {}};
    const auto& groups = publication_groups();
    texts.reserve(2 * groups.size());
    for (const auto& g : groups) {
        const std::string_view description = texts.emplace_back(std::string(g.holds) + ".");
        // Default titles hold no quote or backslash, so quotes make them TOML strings.
        const std::string_view default_title =
            texts.emplace_back("\"" + std::string(g.default_title) + "\"");
        t.fields.push_back({.key = g.id,
                            .type = T::text,
                            .description = description,
                            .example = g.example_title,
                            .default_value = default_title});
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
         "List only entries of these BibTeX types or groups (see group_titles); an entry of the "
         "TOML by its `type`.",
         "[\"article\", \"inproceedings\"]"},
        {"from", T::integer, false, "List only entries from this year or later.", "2018"},
        {"to", T::integer, false, "List only entries from this year or earlier.", "2023"},
        {"keyword", T::string, false,
         "List only entries whose `keywords` (a .bib field, or the TOML key) list this keyword.",
         "\"selected\""},
        {"field", T::string, false,
         "Import only entries that have this field set to something other than false, no or "
         "0 (\"selected\"), or set to a value (\"selected=true\").",
         "\"selected=true\""},
        {"limit", T::integer, false,
         "List at most this many entries: the first ones in the section's order.", "10"},
        {.key = "sort",
         .type = T::choice,
         .description = "Order of the list: newest first, oldest first, or none (as written: "
                        "entries in the TOML, then imported ones in file order or in the order "
                        "of `keys`).",
         .example = "\"newest\"",
         .choices = {"newest", "oldest", "none"},
         .default_value = "\"newest\""},
        {.key = "group",
         .type = T::choice,
         .description = "Group the list by type under subheadings (journal articles, conference "
                        "papers, preprints, ...), or not.",
         .example = "\"type\"",
         .choices = {"none", "type"},
         .default_value = "\"none\""},
        {"group_titles",
         T::table,
         false,
         "Titles of the groups, to rename them, e.g. { conference = \"Refereed Papers\" }.",
         "",
         {},
         &group_titles_table},
        {.key = "numbering",
         .type = T::choice,
         .description = "Number the entries: none, ascending (1, 2, 3) or descending (counting "
                        "down to 1).",
         .example = "\"descending\"",
         .choices = {"none", "ascending", "descending"},
         .default_value = "\"none\""},
        {.key = "number_scope",
         .type = T::choice,
         .description = "With numbering: count across the whole section, or restart in each "
                        "group.",
         .example = "\"section\"",
         .choices = {"section", "group"},
         .default_value = "\"section\""},
        {.key = "max_authors",
         .type = T::integer,
         .description = "Print at most this many authors, then \"et al.\"; your own name is "
                        "always shown.",
         .example = "5",
         .default_words = "every author"},
        {.key = "author_names",
         .type = T::choice,
         .description = "Author names in full or with initials, in this section (overrides "
                        "[settings]).",
         .example = "\"initials\"",
         .choices = {"full", "initials"},
         .default_words = "as [settings] says"},
        {.key = "author_order",
         .type = T::choice,
         .description = "Author names first-last or last-first, in this section (overrides "
                        "[settings]).",
         .example = "\"last-first\"",
         .choices = {"first-last", "last-first"},
         .default_words = "as [settings] says"},
    };
    t.fields.insert(t.fields.end(), more.begin(), more.end());
    return t;
}

// The `labels` table of a kind's sections: one key per label its entries print.
TableSpec labels_spec(std::string_view kind) {
    static std::vector<std::string> descriptions = [] {  // the fields' descriptions view these
        std::vector<std::string> d;
        d.reserve(entry_labels().size());
        return d;
    }();
    TableSpec t{"labels",
                "The words its entries print, to rename them (or translate them). Every key is "
                "optional.",
                {}};
    for (const auto& l : entry_labels()) {
        if (l.kind != kind) continue;
        descriptions.push_back(fmt::format(
            "Default: the language's word (English: {}, see docs/locale.md).", l.english()));
        t.fields.push_back({l.key, T::text, false, descriptions.back(), l.example});
    }
    return t;
}

const TableSpec education_labels = labels_spec("education");
const TableSpec project_labels = labels_spec("projects");
const TableSpec talk_labels = labels_spec("talks");
const TableSpec certification_labels = labels_spec("certifications");
const TableSpec student_labels = labels_spec("students");

// A section of a kind whose entries print labels: its `labels` table besides the rest.
TableSpec labelled_section(std::string_view name, const TableSpec& entry, const TableSpec& labels,
                           std::string_view example) {
    TableSpec t = section_table(name, &entry);
    t.fields.push_back({"labels",
                        T::table,
                        false,
                        "The words its entries print, to rename them (or translate them).",
                        example,
                        {},
                        &labels});
    return t;
}

TableSpec referees_section_table() {
    TableSpec t = section_table("referees section", &referee_entry);
    t.fields.push_back({"columns",
                        T::choice,
                        false,
                        "How many referees side by side. Unset: 3 for three, five or more, else 2.",
                        "3",
                        {"2", "3"}});
    return t;
}

const TableSpec text_section = section_table("text section", nullptr);
const TableSpec education_section =
    labelled_section("education section", education_entry, education_labels, "{ gpa = \"Grade\" }");
const TableSpec experience_section = section_table("experience section", &experience_entry);
const TableSpec publications_section = publications_section_table();
const TableSpec list_section = section_table("list section", &list_entry);
const TableSpec oneline_section = section_table("oneline section", &oneline_entry);
const TableSpec dated_section = section_table("dated section", &dated_entry);
const TableSpec skills_section = section_table("skills section", &skill_entry);
const TableSpec projects_section = labelled_section("projects section", project_entry,
                                                    project_labels, "{ technologies = \"Stack\" }");
const TableSpec talks_section =
    labelled_section("talks section", talk_entry, talk_labels, "{ invited = \"Invited talk\" }");
const TableSpec grants_section = section_table("grants section", &grant_entry);
const TableSpec patents_section = section_table("patents section", &patent_entry);
const TableSpec service_section = section_table("service section", &service_entry);
const TableSpec memberships_section = section_table("memberships section", &membership_entry);
const TableSpec certifications_section =
    labelled_section("certifications section", certification_entry, certification_labels,
                     "{ credential = \"Licence\" }");
const TableSpec students_section =
    labelled_section("students section", student_entry, student_labels, "{ thesis = \"Project\" }");
const TableSpec referees_section = referees_section_table();

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
        id_field,
        tags_field,
        {"raw_latex", T::string, true,
         "LaTeX code for the document body, copied unescaped. Write it as a '''literal''' "
         "string so that backslashes stay as typed.",
         "'''\\textbf{Hello}'''"},
    }};

// The table a section is checked against before its kind is known.
const TableSpec any_section{"section",
                            "A section of the CV.",
                            {title_field, kind_field(""), note_field, id_field, tags_field}};

// A named selection of the CV: `cvtex build cv.toml --variant short`.
const TableSpec variant_table{
    "variant",
    "A variant of the CV, chosen with --variant NAME (or an application's `variant`): which "
    "tagged items it shows, which sections in which order, and its page limit.",
    {
        {"name", T::string, true, "The variant's name.", "\"short\""},
        {"tags", T::string_list, false,
         "Show the items with one of these tags, and the items without tags.", "[\"selected\"]"},
        {"exclude_tags", T::string_list, false, "Leave out the items with one of these tags.",
         "[\"teaching\"]"},
        {.key = "sections",
         .type = T::string_list,
         .description = "The sections to show, in this order, by `id` or title.",
         .example = "[\"Education\", \"Selected Publications\"]",
         .default_words = "every section, in file order"},
        {.key = "max_pages",
         .type = T::integer,
         .description = "The most pages the PDF may have; more is an error (--allow-overflow: "
                        "a warning).",
         .example = "2",
         .default_words = "the CV's max_pages"},
    }};

// The tables every kind of document shares, so that all of them carry the same letterhead.
const FieldSpec settings_field{
    "settings", T::table, false, "Page and typography settings.", "", {}, &settings_table};
const FieldSpec person_field{"person",
                             T::table,
                             false,
                             "The name and contact details: the header of a CV and the "
                             "letterhead of letters and statements (which may take it from `cv`).",
                             "",
                             {},
                             &person_table};

FieldSpec required(FieldSpec f) {
    f.required = true;
    return f;
}

const TableSpec root_table{
    "CV",
    "A CV: a [settings] table, a [person] table and [[section]]s, printed in the order they "
    "are written, and named variants of it ([[variant]]).",
    {
        settings_field,
        required(person_field),
        {"section",
         T::table_array,
         false,
         "The sections, in the order they are printed. Each is written [[section]].",
         "",
         {},
         &any_section,
         true},
        {"variant",
         T::table_array,
         false,
         "Named variants of the CV (e.g. a short one), each written [[variant]].",
         "",
         {},
         &variant_table},
        {.key = "max_pages",
         .type = T::integer,
         .description = "The most pages the PDF may have; more is an error (--allow-overflow: "
                        "a warning).",
         .example = "3",
         .default_words = "no limit"},
    }};

// ---- letters and statements: the same person and settings, another body ----------------

const FieldSpec cv_field{"cv", T::string, false,
                         "A CV file (relative to this one) whose [person] and [settings] are the "
                         "letterhead of this document, so that every document looks the same; "
                         "in a letter or a statement, [person] and [settings] keys written there "
                         "win. A packet also takes the CV's variants and .bib files.",
                         "\"cv.toml\""};
const FieldSpec max_pages_field{
    .key = "max_pages",
    .type = T::integer,
    .description =
        "The most pages the PDF may have; more is an error (--allow-overflow: a warning).",
    .example = "2",
    .default_words = "no limit"};
const FieldSpec body_field{"body", T::markdown, false,
                           "The text, in Markdown: paragraphs, **bold**, *italic*, `code`, "
                           "[links](https://example.org), lists and # headings.",
                           "\"\"\"I am writing to apply for...\"\"\""};
const FieldSpec body_file_field{"body_file", T::string, false,
                                "A Markdown file with the text (relative to this file), "
                                "instead of `body`.",
                                "\"letter.md\""};

const TableSpec recipient_table{
    "recipient",
    "Who the letter goes to, printed as an address block. Every key is optional.",
    {
        {"name", T::text, false, "A person or a committee.", "\"Faculty Search Committee\""},
        {"title", T::text, false, "Their title.", "\"Chair\""},
        {"institution", T::text, false, "Department and institution.",
         "\"Department of Computer Science, Stanford University\""},
        {"address", T::string_list, false, "The address, one line per item.",
         "[\"353 Jane Stanford Way\", \"Stanford, CA 94305\"]"},
    }};

const TableSpec letter_table{
    "letter",
    "A cover letter on the CV's letterhead.",
    {
        {.key = "date",
         .type = T::date,
         .description = "The date printed on the letter.",
         .example = "\"2026-11-15\"",
         .default_words = "the day of the build (SOURCE_DATE_EPOCH when set)"},
        {"recipient", T::table, false, "Who the letter goes to.", "", {}, &recipient_table},
        {"subject", T::text, false, "A subject line.",
         "\"Application for the position of Assistant Professor\""},
        {"salutation", T::text, false, "The opening line.",
         "\"Dear Members of the Search Committee,\""},
        body_field,
        body_file_field,
        {"closing", T::text, false, "The closing line, before the signature and name.",
         "\"Sincerely,\""},
        {"signature", T::string, false,
         "An image of the signature (PNG, JPEG or PDF), relative to this file.",
         "\"signature.png\""},
        max_pages_field,
    }};

const TableSpec statement_table{
    "statement",
    "A research, teaching, diversity or other statement on the CV's letterhead. Its text may "
    "cite works of the .bib files with [@key]; they are listed, numbered, at its end.",
    {
        {"title", T::text, true, "The title.", "\"Research Statement\""},
        body_field,
        body_file_field,
        {.key = "bib",
         .type = T::string_list,
         .description = ".bib files for citations (relative to this file).",
         .example = "[\"publications.bib\"]",
         .default_words = "the .bib files of the CV's publications sections"},
        {.key = "references_title",
         .type = T::text,
         .description = "The title of the list of cited works.",
         .example = "\"Cited Works\"",
         .default_value = "\"References\""},
        max_pages_field,
    }};

const TableSpec letter_root{
    "letter file",
    "A cover letter: [letter], with the person and settings of a CV (`cv`) or its own.",
    {
        cv_field,
        settings_field,
        person_field,
        {"letter", T::table, true, "The letter.", "", {}, &letter_table},
    }};

const TableSpec statement_root{
    "statement file",
    "A statement: [statement], with the person and settings of a CV (`cv`) or its own.",
    {
        cv_field,
        settings_field,
        person_field,
        {"statement", T::table, true, "The statement.", "", {}, &statement_table},
    }};

// ---- packets: a season of applications -------------------------------------------------

const TableSpec packet_document_table{
    "packet document",
    "A document of the packet besides the letter and the CV: a statement (or any cvtex file), "
    "named for `order` and an application's `documents`.",
    {
        {"name", T::string, true, "Its name in `order` and `documents`.", "\"research\""},
        {"file", T::string, true, "The cvtex file (a statement), relative to this file.",
         "\"research.toml\""},
        {.key = "max_pages",
         .type = T::integer,
         .description = "The most pages it may have (replaces the file's).",
         .example = "3",
         .default_words = "the file's max_pages"},
    }};

const TableSpec packet_table{
    "packet",
    "How the packet is built. Every key is optional.",
    {
        {.key = "output",
         .type = T::string,
         .description = "Where the applications' folders go, relative to this file.",
         .example = "\"applications\"",
         .default_value = "\"applications\""},
        {.key = "order",
         .type = T::string_list,
         .description = "The documents in the order of the combined PDF: letter, cv, and the "
                        "names of [[packet.document]]s.",
         .example = "[\"letter\", \"cv\", \"research\"]",
         .default_words = "letter, cv, then the documents in file order"},
        {.key = "page_numbers",
         .type = T::choice,
         .description = "Page numbers per document (each starts at 1) or continuous across the "
                        "combined PDF.",
         .example = "\"per-document\"",
         .choices = {"per-document", "continuous"},
         .default_value = "\"per-document\""},
        {.key = "combine",
         .type = T::choice,
         .description = "Write one combined PDF per application (with a bookmark per "
                        "document), or not.",
         .example = "\"yes\"",
         .choices = {"yes", "no"},
         .default_value = "\"yes\""},
        {"letter",
         T::table,
         false,
         "The letter of every application, as in a letter file; an application's own "
         "[application.letter] keys replace these.",
         "",
         {},
         &letter_table},
        {"document",
         T::table_array,
         false,
         "The other documents, each [[packet.document]].",
         "",
         {},
         &packet_document_table},
    }};

const TableSpec application_table{
    "application",
    "One application: where it goes and which documents it needs. Its keys are also the "
    "variables of letters and statements: {{institution}}, {{position}}, {{committee}}, "
    "{{deadline}}, {{name}}, and those of `variables`.",
    {
        {"name", T::string, true, "A short name: its folder, and --only NAME.", "\"stanford\""},
        {"institution", T::text, false, "The institution.", "\"Stanford University\""},
        {"position", T::text, false, "The position.",
         "\"Assistant Professor of Computer Science\""},
        {"committee", T::text, false, "Who reads it.", "\"Faculty Search Committee\""},
        {"deadline", T::date, false, "The deadline, for the summary (and {{deadline}}).",
         "\"2026-12-15\""},
        {"variant", T::string, false, "The CV's [[variant]] this application uses.", "\"short\""},
        {.key = "documents",
         .type = T::string_list,
         .description = "The documents it needs, by name.",
         .example = "[\"letter\", \"cv\", \"research\"]",
         .default_words = "every document of `order`"},
        {"recipient",
         T::table,
         false,
         "Who its letter goes to (as [letter.recipient]).",
         "",
         {},
         &recipient_table},
        {"letter",
         T::table,
         false,
         "Keys of its letter that replace the packet's.",
         "",
         {},
         &letter_table},
        {"variables", T::string_map, false, "More variables for its letter and statements.",
         "{ lab = \"Stanford AI Lab\" }"},
        {"max_pages", T::integer_map, false,
         "Page limits of its documents, by name, replacing the others.",
         "{ cv = 2, research = 3 }"},
    }};

const TableSpec packet_root{
    "packet file",
    "A packet: the CV, the letter and the statements of many applications, built with "
    "cvtex packet FILE.",
    {
        required(cv_field),
        {"packet", T::table, false, "How the packet is built.", "", {}, &packet_table},
        {"application",
         T::table_array,
         true,
         "The applications, each [[application]].",
         "",
         {},
         &application_table},
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

const std::vector<DocumentKindSpec>& document_kinds() {
    static const std::vector<DocumentKindSpec> kinds{
        {"cv", "CV", "A CV: a header and sections.", &root_table, {}, "cv.toml"},
        {"letter",
         "letter",
         "A cover letter on the CV's letterhead: a file with [letter].",
         &letter_root,
         {"letter"},
         "letter.toml"},
        {"statement",
         "statement",
         "A statement on the CV's letterhead: a file with [statement].",
         &statement_root,
         {"statement"},
         "statement.toml"},
        {"packet",
         "packet",
         "Applications, each with a letter, a CV and statements: a file with "
         "[[application]], built with cvtex packet.",
         &packet_root,
         {"packet", "application"},
         "packet.toml"},
    };
    return kinds;
}

const DocumentKindSpec& document_kind_of(const std::vector<std::string_view>& top_level_keys) {
    auto has = [&](std::string_view key) {
        return std::find(top_level_keys.begin(), top_level_keys.end(), key) != top_level_keys.end();
    };
    for (const auto& kind : document_kinds())
        if (std::any_of(kind.markers.begin(), kind.markers.end(), has)) return kind;
    return document_kinds().front();
}

const DocumentKindSpec* find_document_kind(std::string_view name) {
    for (const auto& kind : document_kinds())
        if (kind.name == name) return &kind;
    return nullptr;
}

const std::vector<SectionKind>& section_kinds() {
    static const std::vector<SectionKind> kinds{
        {"text", "Paragraphs of text, e.g. a background or summary.", &text_section, nullptr,
         "Background"},
        {"education", "Degrees.", &education_section, &education_entry, "Education"},
        {"experience", "Jobs, internships and teaching.", &experience_section, &experience_entry,
         "Work Experience"},
        {"publications", "Papers and other publications.", &publications_section,
         &publication_entry, "Selected Publications",
         "Entries written in the TOML and entries imported from `bib` files form one list: the "
         "filters (`types`, `from`, `to`, `keyword`, `limit`) apply to both, `keys` and `field` "
         "to imported entries only; then the list is sorted, grouped and numbered. When an "
         "entry marks authors with `equal` or `corresponding` (or a .bib name with `*` or a "
         "dagger), a legend under the list explains the marks: \"* Equal contribution\", "
         "\"† Corresponding author\"; it is written by cvtex, with only the marks the list "
         "uses."},
        {"list", "Labelled lists, e.g. skills and languages, one line each.", &list_section,
         &list_entry, "Skills"},
        {"oneline", "One-line entries: label and details.", &oneline_section, &oneline_entry,
         "Personal"},
        {"dated", "Dated entries: awards and anything else with a title and a date.",
         &dated_section, &dated_entry, "Awards"},
        {"skills", "A two-column table: skills with their items, or languages with their levels.",
         &skills_section, &skill_entry, "Technical Skills"},
        {"projects", "Projects, with a summary, technologies and bullet points.", &projects_section,
         &project_entry, "Projects"},
        {"talks", "Talks and presentations: the title, the event, where and when.", &talks_section,
         &talk_entry, "Talks"},
        {"grants", "Grants, fellowships and funding: who funds it, how much, your role.",
         &grants_section, &grant_entry, "Grants and Funding"},
        {"patents", "Patents and patent applications.", &patents_section, &patent_entry, "Patents"},
        {"service", "Service: reviewing, committees, organizing.", &service_section, &service_entry,
         "Service"},
        {"memberships", "Memberships of societies.", &memberships_section, &membership_entry,
         "Memberships"},
        {"certifications", "Certifications and licences.", &certifications_section,
         &certification_entry, "Certifications"},
        {"students", "Students advised or mentored.", &students_section, &student_entry,
         "Students Advised"},
        {"referees", "Referees, side by side in two or three columns.", &referees_section,
         &referee_entry, "References"},
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
        case T::markdown:
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
        case T::choice_or_number:
            return "one of the listed values or a number";
        case T::lengths:
            return "a string of lengths";
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
        case T::string_map:
            return "a table of names and strings";
        case T::integer_map:
            return "a table of names and integers";
    }
    return "a value";
}

}  // namespace cvtex
