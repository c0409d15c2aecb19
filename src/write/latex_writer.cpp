// LaTeX writer: structure only. Every string goes through escape(); every command used here
// is defined and documented in cls/cvtex.cls, which owns the look.
#include "cvtex/write/latex_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <optional>

#include "cvtex/base/utf8.hpp"
#include "cvtex/model/dates.hpp"
#include "cvtex/read/markup.hpp"
#include "cvtex/transform/link_target.hpp"

namespace cvtex {

namespace {

using latex::escape;
using latex::EscapeContext;

// A font by name (xelatex, lualatex) is set after the dump point; the class starts from
// Latin Modern.
std::string_view font_name(const Settings& s) {
    return s.bundled_font() ? std::string_view(s.font) : std::string_view("lmodern");
}

// The class option that loads the theme: a bundled theme's name, or "custom" for the file
// of the user's that compile() puts beside the .tex as cvtex-theme-custom.sty.
std::string theme_option(const Settings& s) {
    if (s.theme.value.empty()) return {};
    return ",theme=" + (s.custom_theme() ? std::string("custom") : s.theme.value);
}

// A name (a file name, a BibTeX key) made safe for a `%` comment line: a line break would end
// the comment and run the rest as TeX. Every byte outside printable ASCII becomes '?': C0
// controls and DEL, and non-ASCII too, so that no engine's reading of Unicode line separators
// can matter. The markers are parsed from the end, so ':' and spaces in a name are harmless.
std::string comment_safe(std::string_view name) {
    std::string out(name);
    for (char& c : out) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte >= 0x7F) c = '?';
    }
    return out;
}

class Writer {
  public:
    Writer(const Document& doc, const LatexOptions& options, DiagnosticSink& sink)
        : doc_(doc),
          options_(options),
          sink_(sink),
          marker_name_(comment_safe(options.marker_name)) {}

    std::string run();

  private:
    // Escapes plain text, warning about characters the engine cannot print.
    std::string plain(const Text& t) { return plain(t.value, t.span); }
    std::string plain(std::string_view s, Span span);
    std::string formula(const math::Row& row, Span span);
    void report_lost(const std::vector<char32_t>& lost, Span span);
    void report_bidi(std::string_view s, Span span);
    // \NAME{tex} for a command whose text also becomes a PDF string, or \NAME[short]{tex}
    // when what a reader sees of it (`seen`) is too long for one.
    void pdf_command(std::string_view name, const std::string& tex, std::string_view seen);
    std::string pdf_short(std::string_view seen) const;
    // Renders inline markup to LaTeX.
    std::string rich(const Text& t);
    std::string rich(const std::optional<Text>& t) { return t ? rich(*t) : std::string(); }
    void rich_nodes(const std::vector<markup::Inline>& nodes, Span span, std::string& out);
    // A link to a target the transform (or link_target(), for URLs in the text) allowed;
    // without a target the label is printed unlinked.
    static std::string linked(const std::string& target, std::string_view label_tex) {
        if (target.empty()) return std::string(label_tex);
        return "\\cvlink{" + escape(target, EscapeContext::url) + "}{" + std::string(label_tex) +
               "}";
    }
    static std::string link(std::string_view url, std::string_view label_tex) {
        return linked(link_target(url).url, label_tex);
    }
    std::string publication_link(const PublicationLink& l);

    void marker(Span span);
    void line(std::string_view s) {
        out_ += s;
        out_ += '\n';
    }
    void command(std::string_view name, std::initializer_list<std::string> args);

    void preamble();
    void design();
    void header();
    void letter(const Letter& l);
    void statement(const Statement& s);
    void blocks(const std::vector<Block>& list, bool statement);
    std::string item(const std::vector<Block>& blocks, bool statement);
    std::string inlines(const std::vector<Inline>& list);
    void section(const Section& s);
    void body(const Section&, const TextBody& b);
    void body(const Section&, const std::vector<EducationEntry>& entries);
    void body(const Section&, const std::vector<ExperienceEntry>& entries);
    void body(const Section&, const std::vector<Publication>& entries);
    void body(const Section&, const std::vector<ListEntry>& entries);
    void body(const Section&, const std::vector<OnelineEntry>& entries);
    void body(const Section&, const std::vector<DatedEntry>& entries);
    void body(const Section&, const std::vector<SkillEntry>& entries);
    void body(const Section&, const std::vector<ProjectEntry>& entries);
    void body(const Section&, const std::vector<TalkEntry>& entries);
    void body(const Section&, const std::vector<GrantEntry>& entries);
    void body(const Section&, const std::vector<PatentEntry>& entries);
    void body(const Section&, const std::vector<ServiceEntry>& entries);
    void body(const Section&, const std::vector<MembershipEntry>& entries);
    void body(const Section&, const std::vector<CertificationEntry>& entries);
    void body(const Section&, const std::vector<StudentEntry>& entries);
    void body(const Section&, const std::vector<RefereeEntry>& entries);
    void body(const Section& s, const RawLatexBody& b);
    void highlights(const std::vector<Highlight>& items);
    void summary(const std::optional<Text>& text);
    void details(const std::vector<Detail>& list);
    std::string tagged(std::string title_tex, std::string_view tag_tex);
    std::string contact(const ContactItem& c);
    void use_scripts();
    std::string when(const When& w) const {
        return plain_string(format_when(w, doc_.settings.date_style, doc_.settings.locale));
    }
    // A word of the document's language (Locale::get), escaped.
    std::string word(std::string_view key) {
        return plain(doc_.settings.locale.get(key), doc_.settings.language_span);
    }
    std::string plain_string(const std::string& s) const {
        return escape(s, EscapeContext::text, options_.engine);
    }
    std::string authors(const Publication& p);
    void publication(const Section& s, const Publication& p);
    std::string titled(const Text& title, const std::optional<Text>& url);

    const Document& doc_;
    const LatexOptions& options_;
    DiagnosticSink& sink_;
    std::string marker_name_;  // options_.marker_name, safe in a comment line
    std::string out_;
};

std::string Writer::plain(std::string_view s, Span span) {
    std::vector<char32_t> lost;
    std::string out = escape(s, EscapeContext::text, options_.engine, &lost);
    report_lost(lost, span);
    report_bidi(s, span);
    return out;
}

// Bidirectional controls reorder what is around them, so that text can read differently
// from what it is ("Trojan Source"); escape() leaves them out, and the CV's author hears why.
void Writer::report_bidi(std::string_view s, Span span) {
    if (s.find('\xE2') == std::string_view::npos) return;  // each is E2 80 xx or E2 81 xx
    std::vector<std::string> found;
    for (std::size_t pos = 0; pos < s.size();) {
        const char32_t cp = utf8::decode(s, pos);
        if (!utf8::is_bidi_control(cp)) continue;
        std::string name = fmt::format("U+{:04X}", static_cast<std::uint32_t>(cp));
        if (std::find(found.begin(), found.end(), name) == found.end())
            found.push_back(std::move(name));
    }
    if (found.empty()) return;
    const bool one = found.size() == 1;
    sink_
        .warning("bidi-control", doc_.path_of(span), span,
                 fmt::format("bidirectional control character{} {} left out: {} would reorder "
                             "the text around {}",
                             one ? "" : "s", fmt::join(found, ", "), one ? "it" : "they",
                             one ? "it" : "them"))
        .hints.push_back("remove it; such characters make text read differently from what it is");
}

// hyperref makes PDF strings (the title, the author, bookmarks) in time quadratic in their
// length: a name of 10,000 characters took 26 s, one of 16,000 did not finish in a minute.
// Longer text is shortened for them (the page shows it whole).
constexpr std::size_t pdf_string_limit = 200;  // code points

// `seen` shortened for a PDF string (at a space, with an ellipsis) and escaped; empty when
// it is short enough as it is.
std::string Writer::pdf_short(std::string_view seen) const {
    if (utf8::length(seen) <= pdf_string_limit) return {};
    std::string cut(seen.substr(0, utf8::offset_of(seen, pdf_string_limit)));
    if (const auto space = cut.rfind(' '); space != std::string::npos && space > cut.size() / 2)
        cut.resize(space);
    cut += "\u2026";
    return escape(cut, EscapeContext::text, options_.engine);
}

void Writer::pdf_command(std::string_view name, const std::string& tex, std::string_view seen) {
    out_ += '\\';
    out_ += name;
    if (const std::string shortened = pdf_short(seen); !shortened.empty()) {
        out_ += '[';
        out_ += shortened;
        out_ += ']';
    }
    out_ += '{';
    out_ += tex;
    out_ += "}\n";
}

// What a reader sees of Markdown inlines: their text without the markup.
std::string seen_text(const std::vector<Inline>& list) {
    std::string out;
    for (const auto& i : list) {
        switch (i.kind) {
            case Inline::Kind::text:
            case Inline::Kind::code:
                out += i.text;
                break;
            case Inline::Kind::math: {  // a bookmark cannot set a formula: its Unicode text
                const math::Parsed parsed = math::parse(i.text);
                out += parsed.ok ? math::plain_text(parsed.row) : i.text;
                break;
            }
            case Inline::Kind::bold:
            case Inline::Kind::italic:
            case Inline::Kind::link:
                out += seen_text(i.children);
                break;
            case Inline::Kind::citation:
                out += "[]";
                break;
            case Inline::Kind::line_break:
                out += ' ';
                break;
        }
    }
    return out;
}

std::string Writer::formula(const math::Row& row, Span span) {
    std::vector<char32_t> lost;
    std::string out = latex::math(row, options_.engine, &lost);
    report_lost(lost, span);
    return out;
}

void Writer::report_lost(const std::vector<char32_t>& lost, Span span) {
    if (!lost.empty()) {
        std::string chars;
        for (char32_t cp : lost) {
            if (!chars.empty()) chars += ", ";
            std::string glyph;
            utf8::append(glyph, cp);
            chars += fmt::format("U+{:04X} '{}'", static_cast<std::uint32_t>(cp), glyph);
        }
        auto& d = sink_.warning("unprintable-character", doc_.path_of(span), span,
                                fmt::format("pdflatex cannot print {}; printed as '?'", chars));
        d.hints.push_back("build with --engine xelatex or --engine lualatex for full Unicode");
    }
}

void Writer::rich_nodes(const std::vector<markup::Inline>& nodes, Span span, std::string& out) {
    using K = markup::Inline::Kind;
    for (const auto& n : nodes) {
        switch (n.kind) {
            case K::text:
                out += plain(n.text, span);
                break;
            case K::bold:
                out += "\\textbf{";
                rich_nodes(n.children, span, out);
                out += "}";
                break;
            case K::italic:
                out += "\\emph{";
                rich_nodes(n.children, span, out);
                out += "}";
                break;
            case K::link: {
                std::string label;
                rich_nodes(n.children, span, label);
                out += link(n.url, label);
                break;
            }
            case K::math:
                out += formula(n.formula, span);
                break;
            case K::code:
                out += "\\cvcode{" + plain(n.text, span) + "}";
                break;
        }
    }
}

std::string Writer::rich(const Text& t) {
    // Without a '*', '[', ']', '$' or '`' there is no markup (a backslash only escapes those),
    // and without "://" no bare URL, so the text is plain; skipping the parser's node tree
    // matters on long lists. (A plain loop: find_first_of() calls memchr on the set for every
    // character.)
    const bool markup = std::any_of(t.value.begin(), t.value.end(), [](char c) {
        return c == '*' || c == '[' || c == ']' || c == '$' || c == '`';
    });
    if (!markup && t.value.find("://") == std::string::npos) return plain(t);
    std::string out;
    rich_nodes(markup::parse(t.value), t.span, out);
    return out;
}

void Writer::marker(Span span) {
    // Markers name lines of the document's own file (a letter's letterhead comes from its CV).
    if (!span.valid() || span.file != 0) return;
    // Appended by hand: one marker per entry, and fmt's formatting showed up in profiles.
    out_ += "% ";
    out_ += marker_name_;
    out_ += ':';
    out_ += std::to_string(span.line);
    out_ += '\n';
}

void Writer::command(std::string_view name, std::initializer_list<std::string> args) {
    out_ += '\\';
    out_ += name;
    for (const auto& a : args) {
        out_ += '{';
        out_ += a;
        out_ += '}';
    }
    out_ += '\n';
}

void Writer::preamble() {
    const Settings& s = doc_.settings;
    line("% Generated by cvtex. Edit the TOML source and rebuild rather than editing this file.");
    line(fmt::format("\\documentclass[paper={},fontsize={}pt,font={}{}]{{cvtex}}",
                     s.paper == Paper::a4 ? "a4" : "letter", s.font_size, font_name(s),
                     theme_option(s)));
    // Everything above this line is the same for every CV with these settings; cvtex's format
    // cache dumps it once (mylatexformat). Without a format the line does nothing. Settings
    // that do not change what the preamble loads come after it, so that CVs that differ only
    // in them share one format.
    line("\\csname endofdump\\endcsname");
    // A theme may have an accent of its own, which a given one replaces.
    if (utf8::ascii_lower(s.accent) != utf8::ascii_lower(Settings{}.accent) ||
        (s.accent_set && !s.theme.value.empty()))
        command("cvsetaccent", {s.accent});  // six hex digits: checked by the loader
    if (s.highlight != OwnerStyle::bold)
        command("cvsetownerstyle", {s.highlight == OwnerStyle::underline ? "underline" : "none"});
    design();
}

// The design settings after the dump point: CVs that differ only in them share a format.
// Their values were checked by the loader (names, lengths, hex digits); the font name has
// no character TeX or fontspec would read as markup.
void Writer::design() {
    const Settings& s = doc_.settings;
    if (!s.bundled_font()) command("cvsetfont", {s.font});
    if (s.margins.size() == 4)
        command("cvsetmargins", {s.margins[0], s.margins[1], s.margins[2], s.margins[3]});
    if (s.spacing != 100) command("cvsetspacing", {std::to_string(s.spacing)});
    if (!s.section_style.empty()) command("cvsetsectionstyle", {s.section_style});
    if (!s.header_align.empty()) command("cvsetheaderalign", {s.header_align});
    if (!s.date_position.empty()) command("cvsetdateposition", {s.date_position});
    if (s.bullet) command("cvsetbullet", {plain(*s.bullet)});
    if (!s.name_color.empty()) command("cvsetcolor", {"name", s.name_color});
    if (!s.heading_color.empty()) command("cvsetcolor", {"heading", s.heading_color});
    if (!s.link_color.empty()) command("cvsetcolor", {"link", s.link_color});
    // Names from the built-in table (letters only), never from the TOML.
    if (!s.locale.babel.empty()) command("cvsetlanguage", {s.locale.babel, s.locale.package});
    if (!s.locale.rtl.empty() && options_.engine == latex::EngineFamily::unicode)
        command("cvsetrtl", {s.locale.rtl});
}

void Writer::header() {
    const Person& p = doc_.person;
    marker(p.span);
    pdf_command("cvname", plain(p.name), p.name.value);
    if (p.headline) command("cvheadline", {rich(*p.headline)});
    for (const auto& [name, bytes] : doc_.attachments)
        if (name.starts_with("photo.")) command("cvphoto", {name});
    for (const auto& c : p.contacts) {
        const std::string target =
            c.target.empty() ? std::string() : escape(c.target, EscapeContext::url);
        command("cvcontact", {c.type, target, plain(c.text)});
    }
}

std::string Writer::titled(const Text& title, const std::optional<Text>& url) {
    return url ? link(url->value, rich(title)) : rich(title);
}

void Writer::highlights(const std::vector<Highlight>& items) {
    if (items.empty()) return;
    line("\\begin{cvitems}");
    for (const auto& item : items) {
        line("\\item{}" + rich(item.text));
        if (item.children.empty()) continue;
        line("\\begin{cvsubitems}");
        for (const auto& child : item.children) line("\\item{}" + rich(child));
        line("\\end{cvsubitems}");
    }
    line("\\end{cvitems}");
}

void Writer::summary(const std::optional<Text>& text) {
    if (text) command("cvsummary", {rich(*text)});
}

void Writer::details(const std::vector<Detail>& list) {
    for (const auto& d : list) {
        std::string value;
        for (const auto& item : d.items) value += (value.empty() ? "" : ", ") + plain(item);
        if (d.items.empty()) value = d.markup ? rich(d.value) : plain(d.value);
        command("cvdetail", {rich(d.label), value});
    }
}

// A title followed by a short label (a talk's type, a grant's role, a patent's status).
std::string Writer::tagged(std::string title_tex, std::string_view tag_tex) {
    if (tag_tex.empty()) return title_tex;
    return title_tex + "\\cvtag{" + std::string(tag_tex) + "}";
}

std::string Writer::contact(const ContactItem& c) {
    return linked(c.target, plain(c.text));
}

void Writer::body(const Section&, const TextBody& b) {
    // Single newlines inside a paragraph are spaces to TeX.
    std::string paragraphs;
    for (const auto& para : b.paragraphs) {
        if (!paragraphs.empty()) paragraphs += "\n\\par\n";
        paragraphs += rich(para);
    }
    command("cvparagraph", {paragraphs});
}

void Writer::body(const Section&, const std::vector<EducationEntry>& entries) {
    for (const auto& e : entries) {
        marker(e.span);
        std::string degree = rich(e.degree);
        if (e.area) degree += (degree.empty() ? "" : word("degree_field")) + rich(*e.area);
        command("cventry", {titled(e.institution, e.url), rich(e.location), degree, when(e.when)});
        summary(e.summary);
        details(e.details);
        highlights(e.highlights);
    }
}

void Writer::body(const Section&, const std::vector<ExperienceEntry>& entries) {
    for (const auto& e : entries) {
        marker(e.span);
        command("cventry",
                {titled(e.organization, e.url), rich(e.location), rich(e.position), when(e.when)});
        summary(e.summary);
        highlights(e.highlights);
    }
}

std::string Writer::authors(const Publication& p) {
    std::string out;
    for (const auto& a : p.byline) {
        if (!out.empty()) out += ", ";
        if (a.owner) out += "\\cvowner{";
        out += plain(a.name, a.span);
        if (a.owner) out += '}';
        if (a.equal) out += "\\cvequalmark{}";
        if (a.corresponding) out += "\\cvcorrespondingmark{}";
    }
    if (p.et_al) out += (out.empty() ? "" : ", ") + word("et_al");
    if (p.role == BylineRole::editor) out += " " + word("editor");
    if (p.role == BylineRole::editors) out += " " + word("editors");
    return out;
}

std::string Writer::publication_link(const PublicationLink& l) {
    using K = PublicationLink::Kind;
    switch (l.kind) {
        case K::doi:
            return linked(l.target, "doi:" + plain(l.text));
        case K::arxiv:
            return linked(l.target, "arXiv:" + plain(l.text));
        case K::url:
            return l.target.empty() ? plain(l.text) : linked(l.target, word("link"));
        case K::code:
            return l.target.empty() ? plain(l.text) : linked(l.target, word("code"));
        case K::preprint:
            return l.target.empty() ? plain(l.text) : linked(l.target, word("preprint"));
    }
    return {};
}

void Writer::publication(const Section& s, const Publication& p) {
    if (p.imported) {
        // Two '%': source_line_for() skips this line, so a TeX error here is reported at the
        // section that imported the entry.
        marker(s.span);
        line(fmt::format(
            "%% {}:{} {}",
            comment_safe(std::filesystem::path(doc_.path_of(p.span)).filename().string()),
            p.span.line, comment_safe(p.key)));
    } else {
        marker(p.span);
    }
    // Imported text is markup too: the transform turned its LaTeX into it.
    std::string venue = rich(p.venue);
    if (const std::string date = when(p.when); !date.empty())
        venue += (venue.empty() ? "" : ", ") + date;
    std::string joined;
    for (const auto& l : p.links) joined += (joined.empty() ? "" : ", ") + publication_link(l);
    if (p.note) joined += (joined.empty() ? "" : ", ") + rich(*p.note);
    const std::string label =
        p.number.empty() ? "" : "\\cvpubnumber{" + plain_string(p.number) + "}";
    command("cvpublication", {label, rich(p.title), authors(p), venue, rich(p.award), joined});
}

void Writer::body(const Section& s, const std::vector<Publication>& entries) {
    // The widest number sets the label column, the same in every group.
    std::string widest;
    for (const auto& p : entries)
        if (p.number.size() > widest.size()) widest = p.number;
    const std::string begin =
        widest.empty() ? "\\begin{cvpublications}"
                       : "\\begin{cvpublications}[\\cvpubnumber{" + plain_string(widest) + "}]";
    bool open = false;
    const Text* group = nullptr;
    for (const auto& p : entries) {
        if (!p.group_title.empty() && (!group || group->value != p.group_title.value)) {
            if (open) line("\\end{cvpublications}");
            command("cvsubsection", {rich(p.group_title)});
            group = &p.group_title;
            open = false;
        }
        if (!open) line(begin);
        open = true;
        publication(s, p);
    }
    if (!open) line(begin);
    line("\\end{cvpublications}");
    std::vector<std::string> legend;
    if (s.legend.equal) legend.push_back("\\cvequalmark{} " + word("equal_contribution"));
    if (s.legend.corresponding)
        legend.push_back("\\cvcorrespondingmark{} " + word("corresponding_author"));
    if (!legend.empty()) command("cvlegend", {fmt::format("{}", fmt::join(legend, "\\quad "))});
}

void Writer::body(const Section&, const std::vector<ListEntry>& entries) {
    for (const auto& e : entries) {
        marker(e.span);
        std::string items;
        for (const auto& item : e.items) items += (items.empty() ? "" : ", ") + plain(item);
        command("cvlistitem", {rich(e.label), items});
    }
}

void Writer::body(const Section&, const std::vector<OnelineEntry>& entries) {
    for (const auto& e : entries) {
        marker(e.span);
        command("cvoneline", {rich(e.label), rich(e.details)});
    }
}

void Writer::body(const Section&, const std::vector<DatedEntry>& entries) {
    for (const auto& e : entries) {
        marker(e.span);
        command("cvdated",
                {titled(e.title, e.url), when(e.when), rich(e.location), rich(e.details)});
    }
}

void Writer::body(const Section&, const std::vector<SkillEntry>& entries) {
    line("\\begin{cvskills}");
    for (const auto& e : entries) {
        marker(e.span);
        std::string items;
        for (const auto& item : e.items) items += (items.empty() ? "" : ", ") + plain(item);
        command("cvskill", {rich(e.label), items, rich(e.level)});
    }
    line("\\end{cvskills}");
}

void Writer::body(const Section&, const std::vector<ProjectEntry>& entries) {
    for (const auto& e : entries) {
        marker(e.span);
        command("cventry", {titled(e.name, e.url), rich(e.location), rich(e.role), when(e.when)});
        summary(e.summary);
        details(e.details);
        highlights(e.highlights);
    }
}

void Writer::body(const Section&, const std::vector<TalkEntry>& entries) {
    for (const auto& e : entries) {
        marker(e.span);
        command("cventry", {tagged(titled(e.title, e.url), rich(e.type_label)), rich(e.location),
                            rich(e.event), when(e.when)});
    }
}

void Writer::body(const Section&, const std::vector<GrantEntry>& entries) {
    for (const auto& e : entries) {
        marker(e.span);
        command("cventry", {tagged(titled(e.title, e.url), rich(e.role)),
                            plain_string(e.amount_text), rich(e.agency), when(e.when)});
        summary(e.summary);
        highlights(e.highlights);
    }
}

void Writer::body(const Section&, const std::vector<PatentEntry>& entries) {
    for (const auto& e : entries) {
        marker(e.span);
        std::string inventors;
        for (const auto& a : e.byline) {
            if (!inventors.empty()) inventors += ", ";
            inventors +=
                a.owner ? "\\cvowner{" + plain(a.name, a.span) + "}" : plain(a.name, a.span);
        }
        command("cventry", {tagged(titled(e.title, e.url), rich(e.status)), rich(e.number),
                            inventors, when(e.when)});
        summary(e.summary);
    }
}

void Writer::body(const Section&, const std::vector<ServiceEntry>& entries) {
    for (const auto& e : entries) {
        marker(e.span);
        command("cvdated",
                {titled(e.role, e.url), when(e.when), rich(e.organization), rich(e.details)});
    }
}

void Writer::body(const Section&, const std::vector<MembershipEntry>& entries) {
    for (const auto& e : entries) {
        marker(e.span);
        command("cvdated",
                {titled(e.organization, e.url), when(e.when), rich(e.role), rich(e.details)});
    }
}

void Writer::body(const Section&, const std::vector<CertificationEntry>& entries) {
    for (const auto& e : entries) {
        marker(e.span);
        command("cvdated", {titled(e.name, e.url), when(e.when), rich(e.issuer), ""});
        details(e.details);
    }
}

void Writer::body(const Section&, const std::vector<StudentEntry>& entries) {
    for (const auto& e : entries) {
        marker(e.span);
        command("cventry", {titled(e.name, e.url), rich(e.outcome), rich(e.degree), when(e.when)});
        details(e.details);
    }
}

void Writer::body(const Section& s, const std::vector<RefereeEntry>& entries) {
    line("\\begin{cvreferees}{" + std::to_string(s.column_count) + "}");
    for (const auto& e : entries) {
        marker(e.span);
        std::string address;
        for (const auto& a : e.address) address += (address.empty() ? "" : "\\\\") + plain(a);
        std::string email, phone;
        for (const auto& c : e.contacts) (c.type == "email" ? email : phone) = contact(c);
        command("cvreferee", {titled(e.name, e.url), rich(e.title), rich(e.institution), address,
                              email, phone, rich(e.relationship)});
    }
    line("\\end{cvreferees}");
}

// The raw text goes in unchanged, between a marker that says how many lines it has (so a
// TeX error in it maps to its exact TOML line) and a marker that ends it.
void Writer::body(const Section& s, const RawLatexBody& b) {
    std::string raw = b.latex.value;
    if (!raw.ends_with('\n')) raw += '\n';
    const auto lines = std::count(raw.begin(), raw.end(), '\n');
    out_ += fmt::format("% {}:{} raw LaTeX, {} line{}\n", marker_name_, b.first_line, lines,
                        lines == 1 ? "" : "s");
    out_ += raw;
    marker(s.span);
}

void Writer::section(const Section& s) {
    line("");
    marker(s.span);
    if (!s.title.empty())
        pdf_command("cvsection", rich(s.title), markup::plain_text(s.title.value));
    if (s.note) command("cvsectionnote", {rich(*s.note)});
    std::visit([&](const auto& b) { body(s, b); }, s.body);
}

// A generous guess at the size of the .tex: a few hundred bytes an entry, and the text of
// paragraphs and raw LaTeX.
std::size_t expected_size(const Document& doc) {
    std::size_t size = 4096;
    if (!doc.cv()) return size;
    for (const auto& s : doc.cv()->sections) {
        std::visit(
            [&](const auto& body) {
                using B = std::decay_t<decltype(body)>;
                if constexpr (std::is_same_v<B, TextBody>)
                    size += 2 * body.text.value.size();
                else if constexpr (std::is_same_v<B, RawLatexBody>)
                    size += body.latex.value.size();
                else
                    size += 512 * body.size();
            },
            s.body);
    }
    return size;
}

std::string Writer::run() {
    // One allocation for the whole text: growing it by doubling wrote each part into fresh
    // pages again, and page faults are most of the system time on a long CV. Reserved pages
    // that are never written are never touched, so guessing high costs nothing.
    out_.reserve(expected_size(doc_));
    preamble();
    // The header comes after \begin{document} (the PDF's title and author are written with
    // the first page), so that the preamble holds settings only: an engine that cvtex starts
    // ahead of a build (watch mode, packets) has run \begin{document} already when it gets the
    // rest, and can serve every save that keeps the design.
    line("\\begin{document}");
    if (options_.first_page != 1) command("cvfirstpage", {std::to_string(options_.first_page)});
    header();
    if (std::holds_alternative<Letter>(doc_.content))
        command("cvdocumenttitle", {word("cover_letter")});
    if (const auto* s = std::get_if<Statement>(&doc_.content)) {
        const std::string shortened = pdf_short(s->title.value);
        command("cvdocumenttitle", {shortened.empty() ? plain(s->title) : shortened});
    }
    line("\\makecvheader");
    if (const Cv* cv = doc_.cv())
        for (const auto& s : cv->sections) section(s);
    if (const auto* l = std::get_if<Letter>(&doc_.content)) letter(*l);
    if (const auto* s = std::get_if<Statement>(&doc_.content)) statement(*s);
    line("\\end{document}");
    use_scripts();
    return std::move(out_);
}

// The class looks for the fonts of Arabic, Hebrew and the Indic scripts only when asked
// (\cvusescripts, in the preamble after the dump point): the scripts the text has, found in
// the \cvscript runs that the escaper wrote. (Greek, Cyrillic and CJK fonts are always set.)
void Writer::use_scripts() {
    static constexpr std::string_view run = "\\cvscript{";
    std::vector<std::string> scripts;
    for (auto pos = out_.find(run); pos != std::string::npos; pos = out_.find(run, pos + 1)) {
        const auto start = pos + run.size();
        const auto end = out_.find('}', start);
        if (end == std::string::npos) break;
        std::string name = out_.substr(start, end - start);
        if (name == "greek" || name == "cyrillic" || name == "cjk") continue;
        if (std::find(scripts.begin(), scripts.end(), name) == scripts.end())
            scripts.push_back(std::move(name));
    }
    if (scripts.empty()) return;
    static constexpr std::string_view dump = "\\csname endofdump\\endcsname\n";
    const auto at = out_.find(dump);
    if (at == std::string::npos) return;
    std::string use = "\\cvusescripts{";
    for (const auto& name : scripts) use += (use.back() == '{' ? "" : ",") + name;
    out_.insert(at + dump.size(), use + "}\n");
}

// ---- letters and statements ------------------------------------------------------------

std::string Writer::inlines(const std::vector<Inline>& list) {
    using K = Inline::Kind;
    std::string out;
    for (const auto& i : list) {
        switch (i.kind) {
            case K::text:
                out += plain(i.text, i.span);
                break;
            case K::bold:
                out += "\\textbf{" + inlines(i.children) + "}";
                break;
            case K::italic:
                out += "\\emph{" + inlines(i.children) + "}";
                break;
            case K::code:
                out += "\\cvcode{" + plain(i.text, i.span) + "}";
                break;
            case K::link:
                out += link(i.url, inlines(i.children));
                break;
            case K::citation: {
                std::string numbers;
                for (const auto& n : i.numbers)
                    numbers += (numbers.empty() ? "" : ", ") + plain_string(n);
                out += "\\cvcite{" + numbers + "}";
                break;
            }
            case K::line_break:
                out += "\\newline{}";
                break;
            case K::math:
                out += formula(math::parse(i.text).row, i.span);
                break;
        }
    }
    return out;
}

// The blocks of a list item, as the argument of \item: paragraphs separated by \par.
std::string Writer::item(const std::vector<Block>& list, bool in_statement) {
    std::string out;
    for (const auto& b : list) {
        if (!out.empty()) out += "\n\\par\n";
        if (b.kind == Block::Kind::paragraph || b.kind == Block::Kind::heading) {
            out += inlines(b.inlines);
            continue;
        }
        // A nested list, quote or code block is written on its own lines.
        std::string saved = std::move(out_);
        out_.clear();
        blocks({b}, in_statement);
        out += out_;
        out_ = std::move(saved);
    }
    return out;
}

void Writer::blocks(const std::vector<Block>& list, bool in_statement) {
    using K = Block::Kind;
    for (const auto& b : list) {
        switch (b.kind) {
            case K::paragraph:
                command("cvbodytext", {inlines(b.inlines)});
                break;
            case K::heading:
                if (in_statement && b.level == 1)
                    pdf_command("cvsection", inlines(b.inlines), seen_text(b.inlines));
                else
                    command("cvsubsection", {inlines(b.inlines)});
                break;
            case K::bullets:
            case K::numbered: {
                const char* env = b.kind == K::bullets ? "cvbullets" : "cvnumbered";
                line(std::string("\\begin{") + env + "}");
                for (const auto& i : b.items) line("\\item " + item(i, in_statement));
                line(std::string("\\end{") + env + "}");
                break;
            }
            case K::quote:
                line("\\begin{cvquote}");
                blocks(b.children, in_statement);
                line("\\end{cvquote}");
                break;
            case K::code: {
                std::string lines;
                std::string_view rest = b.text;
                while (!rest.empty()) {
                    const auto end = std::min(rest.find('\n'), rest.size());
                    if (!lines.empty()) lines += "\\\\\n";
                    lines += plain(rest.substr(0, end), b.span);
                    rest.remove_prefix(std::min(end + 1, rest.size()));
                }
                command("cvcodeblock", {lines});
                break;
            }
        }
    }
}

void Writer::letter(const Letter& l) {
    std::string recipient;
    auto add = [&](const std::string& line_tex) {
        if (line_tex.empty()) return;
        if (!recipient.empty()) recipient += "\\\\";
        recipient += line_tex;
    };
    add(rich(l.recipient.name));
    add(rich(l.recipient.title));
    add(rich(l.recipient.institution));
    for (const auto& a : l.recipient.address) add(plain(a));
    marker(l.span);
    const std::string date =
        l.date ? plain_string(format_letter_date(*l.date, doc_.settings.locale)) : std::string();
    command("cvletterhead", {date, recipient, rich(l.subject), rich(l.salutation)});
    blocks(l.body.blocks, false);
    std::string signature;
    for (const auto& [name, bytes] : doc_.attachments)
        if (name.starts_with("signature.")) signature = name;
    command("cvletterclosing", {rich(l.closing), signature, plain(doc_.person.name)});
}

void Writer::statement(const Statement& s) {
    marker(s.span);
    pdf_command("cvtitle", rich(s.title), markup::plain_text(s.title.value));
    blocks(s.body.blocks, true);
    if (s.references) section(*s.references);
}

}  // namespace

std::string write_latex(const Document& doc, const LatexOptions& options, DiagnosticSink& sink) {
    return Writer(doc, options, sink).run();
}

namespace {

// A decimal number that is the whole of `s`.
std::optional<std::uint32_t> whole_number(std::string_view s) {
    std::uint32_t value = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (s.empty() || ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
    return value;
}

struct Marker {
    std::uint32_t line = 0;
    std::optional<std::uint32_t> raw_lines;  ///< set for "% NAME:LINE raw LaTeX, N lines"
};

// Splits "...:N" into the part before the last ':' and N.
std::optional<std::uint32_t> line_after_colon(std::string_view l) {
    const auto colon = l.rfind(':');
    if (colon == std::string_view::npos) return std::nullopt;
    return whole_number(l.substr(colon + 1));
}

// Read from the end of the line, so the name (which may hold ':' or " raw LaTeX, ") never
// decides what kind of marker it is.
std::optional<Marker> parse_marker(std::string_view l) {
    if (!l.starts_with("% ")) return std::nullopt;
    static constexpr std::string_view raw = " raw LaTeX, ";
    std::string_view count = l;
    if (count.ends_with(" lines"))
        count.remove_suffix(6);
    else if (count.ends_with(" line"))
        count.remove_suffix(5);
    if (count.size() != l.size()) {
        const auto at = count.rfind(raw);
        if (at != std::string_view::npos) {
            const auto lines = whole_number(count.substr(at + raw.size()));
            const auto line = line_after_colon(count.substr(0, at));
            if (lines && line) return Marker{*line, lines};
        }
    }
    const auto line = line_after_colon(l);
    if (!line) return std::nullopt;
    return Marker{*line, std::nullopt};
}

}  // namespace

TexOrigin origin_of(std::string_view tex, std::uint32_t tex_line) {
    TexOrigin found;
    std::uint32_t n = 1;
    std::size_t pos = 0;
    while (pos < tex.size() && n <= tex_line) {
        const std::size_t end = std::min(tex.find('\n', pos), tex.size());
        const auto marker = parse_marker(tex.substr(pos, end - pos));
        pos = end + 1;
        if (marker && marker->raw_lines) {
            // The user's lines follow; markers look-alikes among them are not markers.
            if (tex_line - n <= *marker->raw_lines) {
                return tex_line == n ? TexOrigin{marker->line, true}
                                     : TexOrigin{marker->line + (tex_line - n - 1), true};
            }
            for (std::uint32_t i = 0; i < *marker->raw_lines && pos < tex.size(); ++i)
                pos = std::min(tex.find('\n', pos), tex.size()) + 1;
            n += *marker->raw_lines;
            found = TexOrigin{marker->line, false};
        } else if (marker) {
            found = TexOrigin{marker->line, false};
        }
        ++n;
    }
    return found;
}

std::uint32_t source_line_for(const std::string& tex, std::uint32_t tex_line) {
    return origin_of(tex, tex_line).line;
}

}  // namespace cvtex
