// The document model: plain structs built from the TOML, each carrying its source span.
// Every stage after loading works on these; no toml++ type appears here.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "cvtex/base/diagnostics.hpp"
#include "cvtex/model/locale.hpp"
#include "cvtex/model/names.hpp"

namespace cvtex {

/// A string from the input, with where it was written. Text fields may hold inline markup.
struct Text {
    std::string value;
    Span span;

    bool empty() const { return value.empty(); }
};

/// A calendar date with optional month and day, or the word "present", or text written where
/// no date fits ("Summer 2019").
struct Date {
    int year = 0;   ///< 0 only for a text without a year
    int month = 0;  ///< 0 when not given
    int day = 0;    ///< 0 when not given
    bool present = false;
    bool expected = false;  ///< still to come ("expected 2027-05"): never a future finish
    std::string text;       ///< a text date, printed as written; year and month read from it
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

/// An integer from the input, with where it was written.
struct IntValue {
    long long value = 0;
    Span span;
};

enum class Paper { letter, a4 };
enum class DateStyle { short_month, long_month, numeric, iso };
/// How the owner's name is marked in author lists.
enum class OwnerStyle { bold, underline, none };

/// How author names are printed. Unset parts mean: names from a .bib as "First Last" in full,
/// names written in the TOML as typed.
struct NameStyle {
    std::optional<NameForm> form;
    std::optional<NameOrder> order;

    bool empty() const { return !form && !order; }
};

/// The name a theme file of the user's has beside the .tex (the class's theme "custom").
inline constexpr const char* custom_theme_file = "cvtex-theme-custom.sty";

/// The themes that ship in cls/ (cvtex-theme-NAME.sty), classic first.
const std::vector<std::string_view>& bundled_themes();
/// The values of `[settings] font` that every engine has (lmodern and psnfss).
const std::vector<std::string_view>& bundled_fonts();

struct Settings {
    Paper paper = Paper::letter;
    int font_size = 11;
    std::string font = "lmodern";
    std::string accent = "1F4E79";
    DateStyle date_style = DateStyle::short_month;
    OwnerStyle highlight = OwnerStyle::bold;
    NameStyle author_style;
    std::string engine;       ///< the TeX engine the file asks for; empty: not set
    Span font_span;           ///< where `font` was set, for the engine's font checks
    bool accent_set = false;  ///< `accent` was given (a theme's own accent yields to it)
    /// A bundled theme's name, or the path of a theme file as written (relative to the file
    /// of its span); empty: classic.
    Text theme;
    /// Margins as TeX lengths: top, right, bottom, left; empty: the theme's.
    std::vector<std::string> margins;
    int spacing = 100;                                       ///< per cent of the theme's
    std::string section_style, header_align, date_position;  ///< empty: the theme's
    std::optional<Text> bullet;
    std::string name_color, heading_color, link_color;  ///< RRGGBB; empty: the accent
    /// The words cvtex prints and how dates are written: `language`'s, with the overrides of
    /// [settings.strings] (English by default).
    Locale locale;
    Span language_span;  ///< where `language` was set, for warnings about its words
    /// True when `theme` names a file of the user's rather than a bundled theme.
    bool custom_theme() const;
    /// True for `font` values every engine has; others need xelatex or lualatex.
    bool bundled_font() const;
};

/// One item of the contact line, as every writer shows it. Decided by the transform stage.
struct ContactItem {
    std::string type;    ///< the key it came from: "email", "github", ...
    std::string target;  ///< where it links (an allowed URL, see link_target()), or empty
    Text text;           ///< what is shown, e.g. "github.com/cli99"
};

/// A profile on a site (`[person] profiles`): GitHub, Mastodon, ORCID, ...
struct Profile {
    Text network;  ///< one of the schema's networks: "github", "mastodon", ...
    Text username;
    std::optional<Text> url;  ///< where it links, when not the site's usual address
    Span span;
};

struct Person {
    Text name;
    std::optional<Text> headline, address, location;
    std::vector<Text> emails, phones, websites;  ///< one or more each
    std::optional<Text> github, linkedin, scholar, orcid;
    std::vector<Profile> profiles;
    std::optional<Text> photo;  ///< an image (PNG, JPEG or PDF), relative to the file
    std::vector<Text> aliases;
    /// Contact keys ("email", "github", "profiles", ...) in the order they were written in the
    /// file.
    std::vector<std::string> contact_order;
    Span span;
    /// The contact line in that order; filled in by the transform stage.
    std::vector<ContactItem> contacts;
};

/// A bullet point of an entry, with bullet points of its own (one level).
struct Highlight {
    Text text;
    std::vector<Text> children;
};

/// A "Label: text" line under an entry (GPA, Thesis, Technologies, ...), its label as the
/// section's `labels` rename it. Decided by the transform stage.
struct Detail {
    Text label;
    Text value;
    bool markup = true;       ///< the value is markup text; else plain
    std::vector<Text> items;  ///< instead of a value: plain items, in a list ("Go, Rust")
};

struct EducationEntry {
    Text institution;
    std::optional<Text> degree, area, minor, location, gpa, honors, thesis, advisor, url, summary;
    When when;
    std::vector<Highlight> highlights;
    Span span;
    std::vector<Text> tags;       ///< for variants and --tags
    std::vector<Detail> details;  ///< minor, GPA, honors, thesis, advisor; by the transform
};

struct ExperienceEntry {
    Text organization;
    std::optional<Text> position, location, url, summary;
    When when;
    std::vector<Highlight> highlights;
    Span span;
    std::vector<Text> tags;  ///< for variants and --tags
};

/// One author of a publication as printed. Worked out by the transform stage.
struct PrintedAuthor {
    std::string name;  ///< plain text, e.g. "C. Li"
    Span span;
    bool owner = false;
    bool equal = false;          ///< equal contribution
    bool corresponding = false;  ///< corresponding author
};

/// A link printed after a publication: its DOI, arXiv id, URL or code; `preprint` is a URL of
/// another preprint server written in the `arxiv` field.
struct PublicationLink {
    enum class Kind { doi, arxiv, url, code, preprint };
    Kind kind = Kind::url;
    std::string target;  ///< an allowed URL, or empty when the text is not to be linked
    Text text;           ///< the id ("10.1109/...", "2301.12017") or the URL, as written
};

/// Who the names of a byline are: the authors, or the editor(s) of a volume.
enum class BylineRole { authors, editor, editors };

struct Publication {
    Text title;
    std::vector<Text> authors;
    std::vector<Text> equal;          ///< authors with equal contribution
    std::vector<Text> corresponding;  ///< corresponding authors
    std::optional<Text> venue, award, doi, arxiv, url, code, note;
    When when;
    Span span;
    std::optional<Text> type;    ///< the group it belongs to ("article", "conference", ...)
    std::vector<Text> keywords;  ///< for the section's `keyword` filter
    std::vector<Text> tags;      ///< for variants and --tags

    // Filled in by the transform stage (publications.cpp); the writer only renders them.
    bool imported = false;  ///< from a .bib file, which its spans point into (span.file)
    std::string key;        ///< citation key of an imported entry
    std::string group;      ///< group id when the section is grouped by type
    Text group_title;       ///< that group's title
    std::string number;     ///< "16" in a numbered list
    std::vector<PrintedAuthor> byline;
    bool et_al = false;    ///< some authors are left out (max_authors, "and others")
    bool editors = false;  ///< the byline names the editors (an imported volume without authors)
    BylineRole role = BylineRole::authors;  ///< "(ed.)" or "(eds.)" after a byline of editors
    std::vector<PublicationLink> links;     ///< DOI, arXiv, URL and code, in that order
};

struct ListEntry {
    std::optional<Text> label;
    std::vector<Text> items;
    Span span;
    std::vector<Text> tags;  ///< for variants and --tags
};

struct OnelineEntry {
    Text label;
    Text details;
    Span span;
    std::vector<Text> tags;  ///< for variants and --tags
};

struct DatedEntry {
    Text title;
    std::optional<Text> location, details, url;
    When when;
    Span span;
    std::vector<Text> tags;  ///< for variants and --tags
};

/// A row of a skills table: a label and its items, or a level (a language and how well).
struct SkillEntry {
    Text label;
    std::vector<Text> items;
    std::optional<Text> level;
    Span span;
    std::vector<Text> tags;  ///< for variants and --tags
};

struct ProjectEntry {
    Text name;
    std::optional<Text> role, location, url, summary;
    std::vector<Text> technologies;
    When when;
    std::vector<Highlight> highlights;
    Span span;
    std::vector<Text> tags;       ///< for variants and --tags
    std::vector<Detail> details;  ///< technologies; by the transform
};

struct TalkEntry {
    Text title;
    std::optional<Text> event, location, url;
    std::optional<Text> type;  ///< "invited", "contributed", ... (the schema's choices)
    When when;
    Span span;
    std::vector<Text> tags;          ///< for variants and --tags
    std::optional<Text> type_label;  ///< what the type is printed as ("Invited"); by the transform
};

struct GrantEntry {
    Text title;
    std::optional<Text> agency, role, currency, url, summary;
    std::optional<IntValue> amount;
    When when;
    std::vector<Highlight> highlights;
    Span span;
    std::vector<Text> tags;   ///< for variants and --tags
    std::string amount_text;  ///< the amount as printed ("$450,000"); by the transform
};

struct PatentEntry {
    Text title;
    std::optional<Text> number, status, url, summary;
    std::vector<Text> inventors;
    When when;
    Span span;
    std::vector<Text> tags;  ///< for variants and --tags
    /// The inventors as printed, the owner marked; by the transform.
    std::vector<PrintedAuthor> byline;
};

/// A role in service: reviewing, a committee, organizing.
struct ServiceEntry {
    Text role;
    std::optional<Text> organization, url, details;
    When when;
    Span span;
    std::vector<Text> tags;  ///< for variants and --tags
};

struct MembershipEntry {
    Text organization;
    std::optional<Text> role, url, details;
    When when;
    Span span;
    std::vector<Text> tags;  ///< for variants and --tags
};

struct CertificationEntry {
    Text name;
    std::optional<Text> issuer, credential, url;
    When when;
    std::optional<Date> expires;
    Span span;
    std::vector<Text> tags;       ///< for variants and --tags
    std::vector<Detail> details;  ///< credential, expiry; by the transform
};

/// A student advised or mentored.
struct StudentEntry {
    Text name;
    std::optional<Text> degree, thesis, outcome, url;
    When when;
    Span span;
    std::vector<Text> tags;       ///< for variants and --tags
    std::vector<Detail> details;  ///< thesis; by the transform
};

/// Someone who gives a reference.
struct RefereeEntry {
    Text name;
    std::optional<Text> title, institution, relationship, email, phone, url;
    std::vector<Text> address;  ///< lines
    Span span;
    std::vector<Text> tags;  ///< for variants and --tags
    /// The email and phone, with where they link; by the transform.
    std::vector<ContactItem> contacts;
};

struct TextBody {
    Text text;
    /// The paragraphs of `text` (blank lines separate them; single newlines stay inside),
    /// trimmed; filled in by the transform stage.
    std::vector<Text> paragraphs;
};

/// LaTeX that the user asked, through `kind = "raw-latex"` and `raw_latex`, to have copied
/// into the document unescaped. The only text that is not escaped.
struct RawLatexBody {
    Text latex;
    std::uint32_t first_line = 0;  ///< the TOML line that holds the first line of `latex`
};

enum class PublicationSort { newest, oldest, none };
enum class Numbering { none, ascending, descending };

/// The keys of a publications section beyond its entries: .bib import, filters and shape.
struct PublicationOptions {
    std::vector<Text> bib;  ///< .bib files, as written (relative to the TOML file)
    // Filters for imported entries.
    std::vector<Text> keys;
    /// The keys are a statement's citations: one that no .bib file has is an error (the
    /// citation would print "[?]"), not a warning.
    bool keys_cited = false;
    std::vector<Text> types;
    std::optional<Text> keyword;
    std::optional<Text> field;  ///< "name" or "name=value"
    std::optional<IntValue> from, to, limit;
    // Shape of the list.
    PublicationSort sort = PublicationSort::newest;
    bool group_by_type = false;
    std::vector<std::pair<std::string, Text>> group_titles;  ///< group id -> title
    Numbering numbering = Numbering::none;
    bool number_per_group = false;
    std::optional<IntValue> max_authors;
    NameStyle author_style;
};

using SectionBody =
    std::variant<TextBody, std::vector<EducationEntry>, std::vector<ExperienceEntry>,
                 std::vector<Publication>, std::vector<ListEntry>, std::vector<OnelineEntry>,
                 std::vector<DatedEntry>, std::vector<SkillEntry>, std::vector<ProjectEntry>,
                 std::vector<TalkEntry>, std::vector<GrantEntry>, std::vector<PatentEntry>,
                 std::vector<ServiceEntry>, std::vector<MembershipEntry>,
                 std::vector<CertificationEntry>, std::vector<StudentEntry>,
                 std::vector<RefereeEntry>, RawLatexBody>;

/// The marks a publication list uses, so that a legend can explain them.
struct Legend {
    bool equal = false;
    bool corresponding = false;
};

struct Section {
    Text title;  ///< empty only in a raw-latex section without a title
    std::optional<Text> note;
    std::optional<Text> id;  ///< how a variant names it (else by its title)
    std::vector<Text> tags;  ///< for variants and --tags
    SectionBody body;        ///< the kind of the section is the kind of its body
    Span span;
    PublicationOptions publications;  ///< for kind "publications" only
    Legend legend;                    ///< for kind "publications"; filled in by the transform
    /// Labels the section renames (`labels`): a label's key ("gpa") and its new text.
    std::vector<std::pair<std::string, Text>> labels;
    std::optional<IntValue> columns;  ///< referees: as given (2 or 3)
    int column_count = 0;             ///< referees: how many columns; by the transform
};

/// A named variant of a CV (`[[variant]]`): what it shows and its page limit.
struct Variant {
    Text name;
    std::vector<Text> tags, exclude_tags;
    std::vector<Text> sections;  ///< by id or title, in the order shown; empty: all
    std::optional<IntValue> max_pages;
    Span span;
};

/// A CV: its sections, in order, and the variants it declares.
struct Cv {
    std::vector<Section> sections;
    std::vector<Variant> variants;
};

/// A piece of running text in a body (a letter's or a statement's, read from Markdown).
struct Inline {
    enum class Kind { text, bold, italic, code, link, citation, line_break, math };
    Kind kind = Kind::text;
    /// text and code: the characters; math: the formula's source, without its `$`s (one
    /// that math::parse() accepts: the reader turns any other back into text)
    std::string text;
    std::string url;  ///< link: the target as written
    /// citation: the cited keys, as written (`[@a; @b]`), and, decided by the transform, the
    /// number of each in the reference list.
    std::vector<Text> keys;
    std::vector<std::string> numbers;
    std::vector<Inline> children;  ///< bold, italic, link
    Span span;                     ///< where it starts
};

/// A block of a body.
struct Block {
    enum class Kind { paragraph, heading, bullets, numbered, quote, code };
    Kind kind = Kind::paragraph;
    int level = 0;                          ///< heading: 1 for `#`, 2 for `##`, ...
    std::vector<Inline> inlines;            ///< paragraph, heading
    std::vector<std::vector<Block>> items;  ///< bullets, numbered: each item's blocks
    std::vector<Block> children;            ///< quote
    std::string text;                       ///< code: the lines as written
    Span span;
};

/// Text with paragraphs, lists and headings: a letter's or a statement's body.
struct Body {
    std::vector<Block> blocks;
    bool empty() const { return blocks.empty(); }
};

/// Who a letter goes to.
struct Recipient {
    std::optional<Text> name, title, institution;
    std::vector<Text> address;  ///< lines
};

/// A cover letter, on the same letterhead as the CV.
struct Letter {
    std::optional<Date> date;  ///< unset: the day of the build (SOURCE_DATE_EPOCH)
    Recipient recipient;
    std::optional<Text> subject, salutation, closing;
    std::optional<Text> signature;  ///< an image (PNG, JPEG or PDF), relative to the file
    Body body;
    std::optional<IntValue> max_pages;
    Span span;  ///< the [letter] table
};

/// A research, teaching or other statement: a title, a body, and the works it cites.
struct Statement {
    Text title;
    Body body;
    /// .bib files for citations: its own `bib`, else the publication files of its CV.
    std::vector<Text> bib;
    std::optional<Text> references_title;
    /// The works cited, numbered in the order first cited; filled in by the transform.
    std::optional<Section> references;
    Span span;  ///< the [statement] table
};

/// What only one kind of document has. Every kind shares the rest of a Document (the
/// person, the settings, the files), so that all of them carry the same letterhead.
using DocumentContent = std::variant<Cv, Letter, Statement>;

/// The owner's names, `name` and then `aliases`, split for matching authors.
std::vector<PersonName> owner_names(const Person& person);

/// True when `names` holds `name` exactly as spelt: how `equal` and `corresponding` in the
/// TOML name the authors they mark.
bool is_listed(const std::vector<Text>& names, std::string_view name);

/// A group of a publication list (group = "type"): its id, its default title, and what it
/// holds, in the order the groups are printed.
struct PublicationGroup {
    std::string_view id;             ///< "article"
    std::string_view default_title;  ///< "Journal Articles"
    std::string_view holds;          ///< "Journal articles (@article)"
    std::string_view example_title;  ///< a title someone might give it instead
};

/// Every group, in the order they are printed; "other" last.
const std::vector<PublicationGroup>& publication_groups();

/// A word an entry prints that a section may rename with its `labels` table: the label of a
/// detail line ("GPA: 3.9") or the type of a talk ("Invited").
struct EntryLabel {
    std::string_view kind;        ///< the section kind: "education"
    std::string_view key;         ///< its key in `labels`: "gpa"
    std::string_view locale_key;  ///< its string in the locale (Locale::get): "gpa"
    std::string_view example;     ///< a TOML string someone might write instead

    /// English's text: "GPA".
    const std::string& english() const;
};

/// Every label, by kind, in the order an entry prints them.
const std::vector<EntryLabel>& entry_labels();

/// The text `section` prints for the label `key` of its kind: its own from `labels`, else
/// the word of `locale` (with the span of the section).
Text label_text(const Section& section, std::string_view kind, std::string_view key,
                const Locale& locale);

/// A site a `[person] profiles` entry can name.
struct ProfileNetwork {
    std::string_view id;    ///< "mastodon"
    std::string_view name;  ///< "Mastodon"
};

/// Every site, in the order the docs list them; "other" last.
const std::vector<ProfileNetwork>& profile_networks();

/// A document of a packet besides the letter and the CV (`[[packet.document]]`).
struct PacketDocument {
    Text name;
    Text file;  ///< a cvtex file, relative to the packet
    std::optional<IntValue> max_pages;
    Span span;
};

/// One application of a packet.
struct Application {
    Text name;
    std::optional<Text> institution, position, committee;
    std::optional<Date> deadline;
    std::optional<Text> variant;
    std::vector<Text> documents;  ///< empty: the packet's order
    /// Its letter: the packet's, with the application's own keys and recipient; unset when
    /// neither the packet nor the application has one.
    std::optional<Letter> letter;
    std::vector<std::pair<Text, Text>> variables;
    std::vector<std::pair<Text, IntValue>> max_pages;
    Span span;
};

/// A packet file: the applications of a season.
struct Packet {
    std::string source_path;
    std::vector<std::string> files;  ///< as Document::files: spans point into these
    Text cv;                         ///< the CV file, relative to the packet
    std::string output = "applications";
    std::vector<Text> order;  ///< filled in: letter, cv, then the documents
    bool continuous_pages = false;
    bool combine = true;
    std::vector<PacketDocument> documents;
    std::vector<Application> applications;
    Person person;      ///< the CV's letterhead, for the letters
    Settings settings;  ///< the CV's settings, for the letters
    std::shared_ptr<const void> parse_tree;
};

/// A whole document.
struct Document {
    std::string source_path;
    /// The files that spans point into, by FileId: files[0] is `source_path`, then every file
    /// the document imported (.bib files), each once.
    std::vector<std::string> files;
    Settings settings;
    Person person;
    DocumentContent content;
    /// Files the typeset document needs beside its text (a signature image), by the name it
    /// uses for them; filled in by the transform.
    using Attachments = std::vector<std::pair<std::string, std::string>>;
    Attachments attachments;
    /// The most pages the PDF may have: the document's own `max_pages`, replaced by the
    /// transform with its variant's or an application's; unset: no limit.
    std::optional<IntValue> page_limit;
    /// The file the limit was written in, when not the document's own (a packet's).
    std::string page_limit_file;
    /// What the model was read from (the TOML parse tree), kept with it so that whoever owns
    /// the document decides when both are freed; the CLI never frees them, it exits.
    std::shared_ptr<const void> parse_tree;

    /// The CV, or nullptr for another kind of document.
    Cv* cv() { return std::get_if<Cv>(&content); }
    const Cv* cv() const { return std::get_if<Cv>(&content); }
    /// True for a letter without text (a packet's letter whose body no table gave).
    bool letter_body_missing() const {
        const auto* l = std::get_if<Letter>(&content);
        return l && l->body.empty();
    }
    /// "cv", "letter" or "statement".
    std::string_view kind() const;
    /// The document for messages: "the CV", "the letter", "the statement 'Research Statement'".
    std::string describe() const;

    /// The id of `path` in `files`, added if new.
    FileId add_file(const std::string& path);
    /// The file `span` points into.
    const std::string& path_of(Span span) const;
};

}  // namespace cvtex
