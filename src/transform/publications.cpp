// The transform stage for publication lists: imports .bib entries and shapes every list.
#include "cvtex/transform/publications.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <memory>

#include "cvtex/base/utf8.hpp"
#include "cvtex/model/dates.hpp"
#include "cvtex/read/bibtex.hpp"
#include "cvtex/read/latex_text.hpp"
#include "cvtex/transform/link_target.hpp"

namespace cvtex {

namespace {

// A group's place in the printed order; unknown ids go last.
std::size_t group_rank(std::string_view id) {
    const auto& groups = publication_groups();
    for (std::size_t i = 0; i < groups.size(); ++i)
        if (groups[i].id == id) return i;
    return groups.size();
}

std::string_view default_title(std::string_view id) {
    const auto& groups = publication_groups();
    return groups[std::min(group_rank(id), groups.size() - 1)].default_title;
}

// std::stable_sort of `list` by `less`, moving each publication once: sorting the (large)
// publications themselves moved each of them a dozen times.
template <class Less>
void stable_sort_moving_once(std::vector<Publication>& list, Less less) {
    std::vector<std::size_t> order(list.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return less(list[a], list[b]); });
    std::vector<Publication> sorted;
    sorted.reserve(list.size());
    for (const std::size_t i : order) sorted.push_back(std::move(list[i]));
    list = std::move(sorted);
}

std::string trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string_view::npos) return {};
    return std::string(s.substr(b, s.find_last_not_of(" \t") - b + 1));
}

// Month field values: "8", "aug", "August" (the macro), "Aug.".
int parse_month(std::string_view text) {
    const std::string t = utf8::ascii_lower(trim(text));
    if (!t.empty() && t.find_first_not_of("0123456789") == std::string::npos && t.size() <= 2) {
        const int m = std::stoi(t);
        return m >= 1 && m <= 12 ? m : 0;
    }
    static constexpr std::string_view names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
    for (int i = 0; i < 12; ++i)
        if (t.starts_with(names[i])) return i + 1;
    return 0;
}

std::string classify(const bibtex::Entry& e) {
    const auto* venue = e.field("journal") ? e.field("journal") : e.field("howpublished");
    return group_of_type(e.type, venue ? latex_to_unicode(venue->value).text : "",
                         e.field("eprint") || e.field("arxiv"));
}

// The byline of an entry written in the TOML: names as typed unless `style` says otherwise,
// the owner matched by `owners`, marks from `equal` and `corresponding`.
std::vector<PrintedAuthor> inline_byline(const Publication& p, const NameStyle& style,
                                         OwnerMatcher& owners) {
    std::vector<PrintedAuthor> out;
    out.reserve(p.authors.size());
    for (const auto& a : p.authors) {
        // Names as typed need no splitting; the owner matcher splits a spelling it has not seen.
        const std::string shown =
            style.empty() ? a.value
                          : format_name(split_name(a.value), style.form.value_or(NameForm::full),
                                        style.order.value_or(NameOrder::first_last));
        out.push_back({shown, a.span, owners.matches(a.value), is_listed(p.equal, a.value),
                       is_listed(p.corresponding, a.value)});
    }
    return out;
}

// Shared between sections: each .bib file is read and parsed once per run.
struct LoadedBib {
    std::string path;
    bibtex::Database db;
};

class Preparer {
  public:
    Preparer(Document& doc, Sources& sources, DiagnosticSink& sink)
        : doc_(doc), sources_(sources), sink_(sink), owners_(owner_names(doc.person)) {}

    void prepare_one(const Section& s, std::vector<Publication>& list) { prepare(s, list); }

    void run() {
        Cv* cv = doc_.cv();
        if (!cv) return;
        for (auto& s : cv->sections)
            if (auto* list = std::get_if<std::vector<Publication>>(&s.body)) prepare(s, *list);
        // An empty list has nothing to show, and an empty list environment is a TeX error:
        // the section is left out (a warning said why: no-publications or empty-section).
        std::erase_if(cv->sections, [](const Section& s) {
            const auto* list = std::get_if<std::vector<Publication>>(&s.body);
            return list && list->empty();
        });
    }

  private:
    struct Candidate {
        const bibtex::Entry* entry;
        const LoadedBib* file;
    };

    void prepare(const Section& s, std::vector<Publication>& list);
    void no_publications(const Section& s);
    const LoadedBib* load(const Text& bib);
    std::vector<Candidate> candidates(const PublicationOptions& o);
    bool passes(const Candidate& c, const PublicationOptions& o) const;
    bool owner_wrote_or_edited(const bibtex::Entry& e);
    std::optional<Publication> convert(const Candidate& c, const NameStyle& style);
    void authors(const Candidate& c, const NameStyle& style, Publication& p);
    void warn_about_names(const Candidate& c, const bibtex::Field& f, const BibNameList& list);
    void venue_and_links(const Candidate& c, Publication& p);
    std::string venue_details(const Candidate& c);
    Text text_field(const Candidate& c, std::string_view name, LatexMode mode = LatexMode::text);
    std::optional<Text> optional_field(const Candidate& c, std::string_view name,
                                       LatexMode mode = LatexMode::text);
    Text markup_field(const Candidate& c, std::string_view name, bool markdown = false);
    void warn_unknown_commands(const Candidate& c, const bibtex::Field& f,
                               const std::vector<std::string>& unknown);
    std::optional<Text> optional_markup_field(const Candidate& c, std::string_view name,
                                              bool markdown = false);
    void mark(const Candidate& c, std::string_view field, const std::vector<PersonName>& authors,
              std::vector<PrintedAuthor>& byline, bool PrintedAuthor::*flag);
    When date_of(const Candidate& c);
    NameStyle style_for(const PublicationOptions& o) const;
    void shorten(Publication& p, const PublicationOptions& o) const;
    void sort(std::vector<Publication>& list, PublicationSort order) const;
    void group_and_number(std::vector<Publication>& list, const PublicationOptions& o) const;

    Document& doc_;
    Sources& sources_;
    DiagnosticSink& sink_;
    OwnerMatcher owners_;
    std::map<std::string, std::unique_ptr<LoadedBib>> loaded_;  // by resolved path
    bool unreadable_ = false;  // a .bib of the current section could not be read
};

NameStyle Preparer::style_for(const PublicationOptions& o) const {
    NameStyle style = doc_.settings.author_style;
    if (o.author_style.form) style.form = o.author_style.form;
    if (o.author_style.order) style.order = o.author_style.order;
    return style;
}

const LoadedBib* Preparer::load(const Text& bib) {
    namespace fs = std::filesystem;
    const fs::path base = fs::path(doc_.source_path).parent_path();
    const std::string path =
        (fs::path(bib.value).is_absolute() ? fs::path(bib.value) : base / bib.value)
            .lexically_normal()
            .string();
    if (const auto it = loaded_.find(path); it != loaded_.end()) return it->second.get();
    auto& slot = loaded_[path];
    FileRead read = sources_.read(path);
    if (!read.ok()) {
        const std::string message = cannot_read(fmt::format("'{}'", bib.value), read);
        const std::string file = doc_.path_of(bib.span);
        if (read.status == FileRead::Status::too_large) {
            sink_.error("file-too-large", file, bib.span, message);
            return nullptr;
        }
        auto& d = sink_.error("bib-file-not-found", file, bib.span, message);
        sources_.hint_near_file(d, path, read);
        d.hints.push_back(fmt::format("looked for {}; paths are relative to the TOML file", path));
        return nullptr;
    }
    const SourceFile& file =
        sources_.keep(SourceFile(path, std::move(read.bytes), doc_.add_file(path)));
    if (!check_utf8("bib-not-utf8", file,
                    "save it as UTF-8, e.g. iconv -f latin1 -t utf-8; accents can also be written "
                    "in LaTeX, {\\'e}",
                    sink_))
        return nullptr;
    slot = std::make_unique<LoadedBib>(LoadedBib{path, bibtex::parse(file, sink_)});
    bibtex::resolve_crossrefs(slot->db, path, sink_);
    return slot.get();
}

// The entries of all `bib` files, first of each key, selected by `keys` when given.
std::vector<Preparer::Candidate> Preparer::candidates(const PublicationOptions& o) {
    std::vector<Candidate> all;
    std::map<std::string, Candidate> by_key;
    bool any_read = false;
    for (const auto& bib : o.bib) {
        const LoadedBib* file = load(bib);
        if (!file) {
            unreadable_ = true;
            continue;
        }
        any_read = true;
        for (const auto& e : file->db.entries) {
            // Keys compare ignoring case, as in BibTeX (and within one file).
            const auto [it, fresh] = by_key.emplace(utf8::ascii_lower(e.key), Candidate{&e, file});
            if (fresh) {
                // A volume that other entries crossref (a proceedings, say) is not listed
                // unless the owner wrote or edited it, or `keys` names it.
                if (!e.container || owner_wrote_or_edited(e)) all.push_back({&e, file});
                continue;
            }
            if (it->second.file == file) continue;
            sink_
                .warning("bib-duplicate-key", file->path, e.key_span,
                         it->second.entry->key == e.key
                             ? fmt::format("key '{}' is also in {}; that entry is used", e.key,
                                           it->second.file->path)
                             : fmt::format("key '{}' is also in {} (as '{}', which BibTeX takes "
                                           "for the same key); that entry is used",
                                           e.key, it->second.file->path, it->second.entry->key))
                .hints.push_back("rename or remove one of the two entries");
        }
    }
    if (o.keys.empty()) return all;
    std::vector<Candidate> chosen;
    std::vector<std::string> known;
    known.reserve(by_key.size());
    for (const auto& [key, c] : by_key) known.push_back(c.entry->key);
    for (const auto& key : o.keys) {
        if (const auto it = by_key.find(utf8::ascii_lower(key.value)); it != by_key.end()) {
            chosen.push_back(it->second);
            continue;
        }
        if (!any_read) continue;  // the unreadable file is the problem, already reported
        auto& d =
            o.keys_cited
                ? sink_.error("citation-not-found", doc_.path_of(key.span), key.span,
                              fmt::format("no entry with key '{}' in the .bib files: the "
                                          "citation would print [?]",
                                          key.value))
                : sink_.warning("bib-key-not-found", doc_.path_of(key.span), key.span,
                                fmt::format("no entry with key '{}' in the .bib files", key.value));
        const std::string guess = closest_match(key.value, known);
        if (!guess.empty()) d.hints.push_back(fmt::format("did you mean '{}'?", guess));
    }
    return chosen;
}

bool Preparer::owner_wrote_or_edited(const bibtex::Entry& e) {
    for (const char* role : {"author", "editor"})
        if (const auto* f = e.field(role))
            for (const auto& name : bib_names(f->value))
                if (owners_.matches(name)) return true;
    return false;
}

bool Preparer::passes(const Candidate& c, const PublicationOptions& o) const {
    const bibtex::Entry& e = *c.entry;
    if (!o.types.empty()) {
        const std::string group = classify(e);
        const bool listed = std::any_of(o.types.begin(), o.types.end(), [&](const Text& t) {
            return utf8::ascii_lower(t.value) == e.type || utf8::ascii_lower(t.value) == group;
        });
        if (!listed) return false;
    }
    if (o.from || o.to) {
        // The same precedence as date_of(): `date`, else `year`.
        const auto* year = e.field("year");
        const auto* date = e.field("date");
        const std::string text = date ? date->value.substr(0, 4) : year ? year->value : "";
        const std::string digits = latex_to_unicode(text).text;
        if (digits.size() != 4 || digits.find_first_not_of("0123456789") != std::string::npos)
            return false;
        const int y = std::stoi(digits);
        if ((o.from && y < o.from->value) || (o.to && y > o.to->value)) return false;
    }
    if (o.keyword) {
        const auto* keywords = e.field("keywords");
        if (!keywords) return false;
        const std::string wanted = utf8::fold_for_matching(trim(o.keyword->value));
        const std::string list = latex_to_unicode(keywords->value).text;
        bool found = false;
        std::size_t start = 0;
        while (start <= list.size() && !found) {
            const std::size_t end = std::min(list.find_first_of(",;", start), list.size());
            found = utf8::fold_for_matching(trim(list.substr(start, end - start))) == wanted;
            start = end + 1;
        }
        if (!found) return false;
    }
    if (o.field) {
        const std::string& spec = o.field->value;
        const auto eq = spec.find('=');
        const std::string name = utf8::ascii_lower(trim(spec.substr(0, eq)));
        const auto* f = e.field(name);
        if (!f) return false;
        const std::string value = utf8::fold_for_matching(latex_to_unicode(f->value).text);
        if (eq == std::string::npos)
            return !value.empty() && value != "false" && value != "no" && value != "0";
        return value == utf8::fold_for_matching(trim(spec.substr(eq + 1)));
    }
    return true;
}

void Preparer::warn_unknown_commands(const Candidate& c, const bibtex::Field& f,
                                     const std::vector<std::string>& unknown) {
    for (const auto& cmd : unknown)
        sink_
            .warning("bib-unknown-command", c.file->path, f.value_span,
                     fmt::format("unknown LaTeX command '{}' in '{}'; only its argument is "
                                 "printed",
                                 cmd, f.name))
            .hints.push_back(
                "write the character itself (UTF-8), or a command listed in "
                "docs/publications.md");
}

Text Preparer::text_field(const Candidate& c, std::string_view name, LatexMode mode) {
    const auto* f = c.entry->field(name);
    if (!f) return {};
    PlainText plain = latex_to_unicode(f->value, mode);
    warn_unknown_commands(c, *f, plain.unknown);
    return Text{std::move(plain.text), f->value_span};
}

// An empty field is no field.
std::optional<Text> non_empty(Text t) {
    if (t.empty()) return std::nullopt;
    return t;
}

std::optional<Text> Preparer::optional_field(const Candidate& c, std::string_view name,
                                             LatexMode mode) {
    return non_empty(text_field(c, name, mode));
}

// A field that is printed as text (title, venue, note, award), as inline markup: formulas stay
// formulas. `markdown`: the field holds Markdown (al-folio's award).
Text Preparer::markup_field(const Candidate& c, std::string_view name, bool markdown) {
    const auto* f = c.entry->field(name);
    if (!f) return {};
    MarkupText text = latex_to_markup(f->value, markdown);
    warn_unknown_commands(c, *f, text.unknown);
    for (const auto& m : text.math)
        sink_
            .warning("math-unsupported", c.file->path, f->value_span,
                     fmt::format("the formula '{}' in '{}' is printed as text: {}", m.formula,
                                 f->name, m.problem))
            .hints.push_back("formulas may use the commands listed in docs/publications.md");
    return Text{std::move(text.text), f->value_span};
}

std::optional<Text> Preparer::optional_markup_field(const Candidate& c, std::string_view name,
                                                    bool markdown) {
    return non_empty(markup_field(c, name, markdown));
}

When Preparer::date_of(const Candidate& c) {
    const bibtex::Entry& e = *c.entry;
    if (const auto* date = e.field("date")) {
        if (auto d = parse_date(latex_to_unicode(date->value).text, false)) {
            d->span = date->value_span;
            return When{d, {}, {}};
        }
        sink_
            .warning("bib-bad-date", c.file->path, date->value_span,
                     fmt::format("'{}' is not a date", date->value))
            .hints.push_back("write date = {YYYY}, {YYYY-MM} or {YYYY-MM-DD}");
        return {};
    }
    const auto* year = e.field("year");
    if (!year) return {};
    const std::string y = latex_to_unicode(year->value).text;
    int month = 0;
    if (const auto* m = e.field("month")) month = parse_month(latex_to_unicode(m->value).text);
    if (y.size() != 4 || y.find_first_not_of("0123456789") != std::string::npos) {
        sink_
            .warning("bib-bad-date", c.file->path, year->value_span,
                     fmt::format("'{}' is not a year", year->value))
            .hints.push_back("write the year as four digits, e.g. year = 2020");
        return {};
    }
    return When{Date{.year = std::stoi(y), .month = month, .span = year->value_span}, {}, {}};
}

// Sets `flag` on the authors named in a name-list field such as equal = {A and B}.
void Preparer::mark(const Candidate& c, std::string_view field,
                    const std::vector<PersonName>& authors, std::vector<PrintedAuthor>& byline,
                    bool PrintedAuthor::*flag) {
    const auto* f = c.entry->field(field);
    if (!f) return;
    for (const auto& name : bib_names(f->value)) {
        bool found = false;
        for (std::size_t i = 0; i < authors.size(); ++i) {
            if (!same_person(name, authors[i])) continue;
            byline[i].*flag = true;
            found = true;
        }
        if (found) continue;
        sink_
            .error("mark-not-an-author", c.file->path, f->value_span,
                   fmt::format("'{}' in '{}' is not one of the authors of '{}'",
                               format_name(name, NameForm::full, NameOrder::first_last), field,
                               c.entry->key))
            .hints.push_back("write the name as in 'author'; initials and \"Last, First\" match");
    }
}

// Commands and marks in a name list that cvtex leaves out, at the field.
void Preparer::warn_about_names(const Candidate& c, const bibtex::Field& f,
                                const BibNameList& list) {
    for (const auto& cmd : list.unknown)
        sink_
            .warning("bib-unknown-command", c.file->path, f.value_span,
                     fmt::format("unknown LaTeX command '{}' in '{}'; it is left out of the name",
                                 cmd, f.name))
            .hints.push_back("write the name without it; accents as {\\'e} or in UTF-8");
    for (const auto& n : list.names)
        for (const auto& mark : n.unknown_marks)
            sink_
                .warning(
                    "bib-unknown-mark", c.file->path, f.value_span,
                    fmt::format("'{}' on '{}' in '{}' is not a mark cvtex knows; it is left "
                                "out",
                                mark, format_name(n.name, NameForm::full, NameOrder::first_last),
                                f.name))
                .hints.push_back(
                    "* marks an equal contribution and a dagger (†, \\dag) the corresponding "
                    "author; other notes belong in the entry's note");
}

// The authors (or editors) of an entry with their printed names, owner and marks.
void Preparer::authors(const Candidate& c, const NameStyle& style, Publication& p) {
    const bibtex::Entry& e = *c.entry;
    const bibtex::Field* names = e.field("author") ? e.field("author") : e.field("editor");
    if (!names) return;
    p.editors = names->name == "editor";
    BibNameList list = read_bib_names(names->value);
    p.et_al = list.others;
    warn_about_names(c, *names, list);
    std::vector<PersonName> authors;
    authors.reserve(list.names.size());
    for (auto& a : list.names) {
        const std::string shown = format_name(a.name, style.form.value_or(NameForm::full),
                                              style.order.value_or(NameOrder::first_last));
        p.authors.push_back(
            {format_name(a.name, NameForm::full, NameOrder::first_last), names->value_span});
        // Marks written into the name (Wei*, Chiquet$^\dagger$) are cvtex's own marks.
        p.byline.push_back(
            {shown, names->value_span, owners_.matches(a.name), a.equal, a.corresponding});
        authors.push_back(std::move(a.name));
    }
    mark(c, "equal", authors, p.byline, &PrintedAuthor::equal);
    mark(c, "corresponding", authors, p.byline, &PrintedAuthor::corresponding);
    if (!authors.empty() && !doc_.person.name.empty() &&
        std::none_of(p.byline.begin(), p.byline.end(), [](const auto& a) { return a.owner; }))
        sink_
            .warning(
                "owner-not-an-author", c.file->path, e.key_span,
                fmt::format("{} is not among the authors of '{}'", doc_.person.name.value, e.key))
            .hints.push_back(
                "if your name is spelled differently here, add it to [person] aliases");
}

// Where in its venue a paper is, after the venue: the volume, the issue (`number`) and the
// pages of an article or a paper in a volume, in the compact form that needs no words in any
// language: " 12(3):101–120", " 12:101–120", " 12(3)", ", 101–120" (pages alone). The issue
// is `number`, else `issue` (as APS writes it); it is shown only with a volume.
std::string Preparer::venue_details(const Candidate& c) {
    static constexpr std::array<std::string_view, 5> in_volume{
        "article", "inproceedings", "conference", "incollection", "inbook"};
    const std::string type = utf8::ascii_lower(c.entry->type);
    if (std::find(in_volume.begin(), in_volume.end(), type) == in_volume.end()) return {};
    const auto volume = optional_markup_field(c, "volume");
    auto number = optional_markup_field(c, "number");
    if (!number) number = optional_markup_field(c, "issue");  // APS's and others' exports
    const auto pages = optional_markup_field(c, "pages");
    std::string out;
    if (volume) out += volume->value;
    if (volume && number) out += "(" + number->value + ")";
    if (pages) out += (out.empty() ? "" : ":") + pages->value;
    if (out.empty()) return {};
    return (volume ? " " : ", ") + out;
}

// Venue and links: the first venue-like field, DOI without its resolver, arXiv from eprint.
void Preparer::venue_and_links(const Candidate& c, Publication& p) {
    const bibtex::Entry& e = *c.entry;
    const auto* archive =
        e.field("archiveprefix") ? e.field("archiveprefix") : e.field("eprinttype");
    const bool arxiv_eprint =
        e.field("eprint") && archive && utf8::ascii_lower(archive->value) == "arxiv";
    for (const char* venue : {"venue", "journal", "booktitle", "school", "institution",
                              "organization", "publisher", "howpublished"}) {
        if ((p.venue = optional_markup_field(c, venue))) break;
    }
    if (!p.venue && arxiv_eprint) p.venue = Text{"arXiv", archive->value_span};
    if (p.venue) p.venue->value += venue_details(c);
    p.doi = optional_field(c, "doi", LatexMode::verbatim);
    if (p.doi) {
        for (std::string_view prefix : {"https://doi.org/", "http://doi.org/",
                                        "https://dx.doi.org/", "http://dx.doi.org/", "doi:"})
            if (p.doi->value.starts_with(prefix)) p.doi->value.erase(0, prefix.size());
    }
    p.arxiv = optional_field(c, "arxiv", LatexMode::verbatim);
    if (!p.arxiv && arxiv_eprint) p.arxiv = optional_field(c, "eprint", LatexMode::verbatim);
    p.url = optional_field(c, "url", LatexMode::verbatim);
    p.code = optional_field(c, "code", LatexMode::verbatim);
    // The same warnings as for links written in the TOML, at the .bib field.
    if (p.url) check_link(*p.url, c.file->path, sink_);
    if (p.code) check_link(*p.code, c.file->path, sink_);
}

std::optional<Publication> Preparer::convert(const Candidate& c, const NameStyle& style) {
    const bibtex::Entry& e = *c.entry;
    Publication p;
    p.imported = true;
    p.key = e.key;
    p.span = e.span;
    p.title = markup_field(c, "title");
    if (p.title.empty()) {
        sink_
            .warning("bib-missing-title", c.file->path, e.key_span,
                     fmt::format("entry '{}' has no title; it is left out", e.key))
            .hints.push_back("add title = {...}");
        return std::nullopt;
    }
    authors(c, style, p);
    venue_and_links(c, p);
    p.award = optional_markup_field(c, "award", true);  // al-folio's award holds Markdown
    p.note = optional_markup_field(c, "note");
    p.when = date_of(c);
    p.group = classify(e);
    return p;
}

// With max_authors, the list stops after that many names, but never before the owner's.
void Preparer::shorten(Publication& p, const PublicationOptions& o) const {
    if (!o.max_authors || o.max_authors->value < 1) return;
    std::size_t keep = static_cast<std::size_t>(o.max_authors->value);
    if (keep >= p.byline.size()) return;
    for (std::size_t i = keep; i < p.byline.size(); ++i)
        if (p.byline[i].owner) keep = i + 1;
    if (keep >= p.byline.size()) return;
    p.byline.resize(keep);
    p.et_al = true;
}

void Preparer::sort(std::vector<Publication>& list, PublicationSort order) const {
    if (order == PublicationSort::none) return;
    // Undated entries (a text date without a year among them) go last either way; ties keep
    // their order.
    auto dated = [](const Publication& p) -> const Date* {
        const Date* d = p.when.last();
        return d && (d->year || d->present) ? d : nullptr;
    };
    stable_sort_moving_once(list, [&](const Publication& a, const Publication& b) {
        const Date* da = dated(a);
        const Date* db = dated(b);
        if (!da || !db) return da && !db;
        const int cmp = compare_dates(*da, *db);
        return order == PublicationSort::newest ? cmp > 0 : cmp < 0;
    });
}

void Preparer::group_and_number(std::vector<Publication>& list, const PublicationOptions& o) const {
    if (o.group_by_type) {
        stable_sort_moving_once(list, [](const Publication& a, const Publication& b) {
            return group_rank(a.group) < group_rank(b.group);
        });
        for (auto& p : list) {
            const auto custom = std::find_if(o.group_titles.begin(), o.group_titles.end(),
                                             [&](const auto& t) { return t.first == p.group; });
            p.group_title = custom != o.group_titles.end()
                                ? custom->second
                                : Text{std::string(default_title(p.group)), {}};
        }
    }
    if (o.numbering == Numbering::none) return;
    for (std::size_t begin = 0; begin < list.size();) {
        std::size_t end = list.size();
        if (o.number_per_group && o.group_by_type) {
            end = begin;
            while (end < list.size() && list[end].group == list[begin].group) ++end;
        }
        const std::size_t count = end - begin;
        for (std::size_t i = begin; i < end; ++i)
            list[i].number = std::to_string(
                o.numbering == Numbering::ascending ? i - begin + 1 : count - (i - begin));
        begin = end;
    }
}

// The filters (or the files) leave the list empty: the section is left out.
void Preparer::no_publications(const Section& s) {
    std::vector<std::string> empty_files;
    for (const auto& bib : s.publications.bib)
        if (const LoadedBib* file = load(bib); file && file->db.entries.empty())
            empty_files.push_back(bib.value);
    const bool files_empty =
        !s.publications.bib.empty() && empty_files.size() == s.publications.bib.size();
    auto& d = sink_.warning(
        "no-publications", doc_.source_path, s.span,
        files_empty ? fmt::format("'{}' has no entries; the section '{}' is left out",
                                  fmt::join(empty_files, "', '"), s.title.value)
        : s.publications.bib.empty()
            ? fmt::format("no entries pass the filters of '{}'; the section is left out",
                          s.title.value)
            : fmt::format("no entries of the .bib files pass the filters of '{}'; the section "
                          "is left out",
                          s.title.value));
    if (!files_empty) d.hints.push_back("check keys, types, from/to, keyword and field");
}

// The filters an entry of the TOML passes as an imported one would: `types` by its `type`
// (a BibTeX type by its group), `from` and `to` by its year, `keyword` by its `keywords`.
// (`keys` and `field` name what only a .bib entry has.)
bool passes_inline(const Publication& p, const PublicationOptions& o) {
    if (!o.types.empty()) {
        const bool listed = std::any_of(o.types.begin(), o.types.end(), [&](const Text& t) {
            const std::string type = utf8::ascii_lower(t.value);
            return type == p.group || group_of_type(type, "", false) == p.group;
        });
        if (!listed) return false;
    }
    if (o.from || o.to) {
        const Date* d = p.when.last();
        if (!d || !d->year) return false;
        if ((o.from && d->year < o.from->value) || (o.to && d->year > o.to->value)) return false;
    }
    if (o.keyword) {
        const std::string wanted = utf8::fold_for_matching(trim(o.keyword->value));
        if (std::none_of(p.keywords.begin(), p.keywords.end(), [&](const Text& k) {
                return utf8::fold_for_matching(trim(k.value)) == wanted;
            }))
            return false;
    }
    return true;
}

void Preparer::prepare(const Section& s, std::vector<Publication>& list) {
    const PublicationOptions& o = s.publications;
    const NameStyle style = style_for(o);
    for (auto& p : list) {
        p.byline = inline_byline(p, style, owners_);
        p.group = p.type ? p.type->value : "other";
    }
    const bool had_entries = !list.empty();
    std::erase_if(list, [&](const Publication& p) { return !passes_inline(p, o); });
    std::vector<Publication> imported;
    unreadable_ = false;
    for (const auto& c : candidates(o))
        if (passes(c, o))
            if (auto p = convert(c, style)) imported.push_back(std::move(*p));
    if ((!o.bib.empty() || had_entries) && imported.empty() && list.empty() && !unreadable_)
        no_publications(s);
    std::move(imported.begin(), imported.end(), std::back_inserter(list));
    sort(list, o.sort);
    // The limit keeps the first entries in the section's order.
    if (o.limit && o.limit->value >= 0 && list.size() > static_cast<std::size_t>(o.limit->value))
        list.resize(static_cast<std::size_t>(o.limit->value));
    for (auto& p : list) shorten(p, o);
    group_and_number(list, o);
}

}  // namespace

BibNameList read_bib_names(std::string_view value) {
    BibNameList out;
    for (const auto& raw : split_author_list(value, &out.others)) {
        NameMarks marks;
        const std::string clean = take_name_marks(raw, marks);
        BibName n{split_name(clean), marks.equal, marks.corresponding, std::move(marks.unknown)};
        for (auto* part : {&n.name.given, &n.name.von, &n.name.last, &n.name.jr}) {
            for (auto& token : *part) {
                PlainText plain = latex_to_unicode(token, LatexMode::name);
                token = std::move(plain.text);
                for (auto& cmd : plain.unknown) out.unknown.push_back(std::move(cmd));
            }
            // A mark alone between spaces ("Wei *") leaves an empty token behind.
            std::erase_if(*part, [](const std::string& t) { return t.empty(); });
        }
        update_family(n.name);
        if (n.name.last.empty() && !n.name.given.empty()) {
            n.name.last.push_back(std::move(n.name.given.back()));
            n.name.given.pop_back();
            update_family(n.name);
        }
        if (!n.name.last.empty()) out.names.push_back(std::move(n));
    }
    return out;
}

std::vector<PersonName> bib_names(std::string_view value, bool* others) {
    BibNameList list = read_bib_names(value);
    if (others) *others = list.others;
    std::vector<PersonName> out;
    out.reserve(list.names.size());
    for (auto& n : list.names) out.push_back(std::move(n.name));
    return out;
}

std::string group_of_type(std::string_view type, std::string_view journal, bool has_eprint) {
    const std::string t = utf8::ascii_lower(type);
    const std::string j = utf8::ascii_lower(journal);
    const bool arxiv_journal = j.starts_with("arxiv") || j.starts_with("corr");
    if (t == "article") return arxiv_journal || (j.empty() && has_eprint) ? "preprint" : "article";
    if (t == "inproceedings" || t == "conference" || t == "proceedings") return "conference";
    if (t == "book" || t == "inbook" || t == "incollection" || t == "booklet" ||
        t == "collection" || t == "mvbook")
        return "book";
    if (t == "techreport" || t == "report") return "report";
    if (t == "unpublished" || t == "preprint") return "preprint";
    if (t == "misc" || t == "online" || t == "electronic")
        return arxiv_journal || has_eprint ? "preprint" : "other";
    if (t == "phdthesis" || t == "mastersthesis" || t == "thesis") return "thesis";
    if (t == "talk" || t == "presentation" || t == "lecture") return "talk";
    return "other";
}

void prepare_publications(Document& doc, Sources& sources, DiagnosticSink& sink) {
    Preparer(doc, sources, sink).run();
}

void prepare_publication_list(Document& doc, Section& section, Sources& sources,
                              DiagnosticSink& sink) {
    if (auto* list = std::get_if<std::vector<Publication>>(&section.body))
        Preparer(doc, sources, sink).prepare_one(section, *list);
}

}  // namespace cvtex
