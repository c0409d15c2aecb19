// HTML writer: one self-contained HTML5 page (style inside, no script but the JSON-LD data),
// semantic markup, a print stylesheet, schema.org Person data. Every string from the input goes
// through html::escape(); what goes where is decided by transform/outline.cpp.
#include "cvtex/write/html_writer.hpp"

#include <fmt/format.h>
#include <nettle/base64.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>

#include "cvtex/base/utf8.hpp"
#include "cvtex/model/dates.hpp"
#include "cvtex/read/markup.hpp"
#include "cvtex/transform/link_target.hpp"
#include "cvtex/transform/outline.hpp"

namespace cvtex {

namespace {

using html::escape;
using html::EscapeContext;
using outline::Field;
using outline::Piece;

std::string text(std::string_view s) {
    return escape(s, EscapeContext::text);
}

std::string attribute(std::string_view s) {
    return escape(s, EscapeContext::attribute);
}

std::string link(const std::string& label, const std::string& target) {
    if (target.empty() || label.empty()) return label;
    return "<a href=\"" + attribute(target) + "\">" + label + "</a>";
}

// The fonts of `[settings] font` as CSS, with metric-compatible fallbacks; a font by name
// (xelatex, lualatex) only when its name cannot break out of a CSS string.
std::string font_family(const Settings& s) {
    static const std::vector<std::pair<std::string_view, std::string_view>> fonts{
        {"lmodern", "\"Latin Modern Roman\", \"Computer Modern Serif\", Georgia, serif"},
        {"charter", "Charter, \"Bitstream Charter\", \"Charis SIL\", Georgia, serif"},
        {"palatino", "\"TeX Gyre Pagella\", \"Palatino Linotype\", Palatino, serif"},
        {"times", "\"TeX Gyre Termes\", \"Times New Roman\", Times, serif"},
        {"helvetica", "\"TeX Gyre Heros\", Helvetica, Arial, sans-serif"},
        {"bookman", "\"TeX Gyre Bonum\", \"Bookman Old Style\", serif"},
        {"schoolbook", "\"TeX Gyre Schola\", \"Century Schoolbook\", serif"},
    };
    if (s.theme.value == "engineering" && s.font == "lmodern")
        return "\"Latin Modern Sans\", \"Helvetica Neue\", Arial, sans-serif";
    for (const auto& [name, css] : fonts)
        if (s.font == name) return std::string(css);
    const bool safe = std::all_of(s.font.begin(), s.font.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == ' ' || c == '-' || c == '_';
    });
    return safe ? "\"" + s.font + "\", serif" : "serif";
}

// The accent of the page: the file's, else the bundled theme's own (academic is black).
std::string accent(const Settings& s) {
    if (!s.accent_set && s.theme.value == "academic") return "000000";
    return s.accent;
}

// The stylesheet; the rules for the photo and the signature only on a page that has them.
std::string stylesheet(const Settings& s, const Document::Attachments& images) {
    const std::string a = "#" + accent(s);
    auto color = [&](const std::string& c) { return c.empty() ? a : "#" + c; };
    std::string css;
    css += ":root{--accent:" + a + ";--name:" + color(s.name_color) +
           ";--heading:" + color(s.heading_color) + ";--link:" + color(s.link_color) + "}\n";
    css += "body{font-family:" + font_family(s) + ";font-size:" + std::to_string(s.font_size) +
           "pt;line-height:1.4;max-width:50em;margin:2em auto;padding:0 1em;color:#222}\n";
    css +=
        "h1{color:var(--name);margin-bottom:0.2em}\n"
        "h2{color:var(--heading);border-bottom:1px solid var(--heading);margin-top:1.4em}\n"
        "h3{font-size:1em;margin:0.8em 0 0.2em}\n"
        "a{color:var(--link)}\n"
        "header p,.meta{margin:0.2em 0}\n"
        ".contacts{list-style:none;padding:0}.contacts li{display:inline;margin-right:1em}\n"
        ".meta{color:#555}.tag{font-weight:normal;color:var(--accent)}\n"
        ".owner{font-weight:bold}.owner-underline{text-decoration:underline}\n"
        ".entries{list-style:none;padding:0}.entries>li{margin:0.3em 0}\n"
        ".note{font-style:italic}\n"
        "@media print{body{max-width:none;margin:0;padding:0;font-size:10pt;color:#000}"
        "a{color:inherit;text-decoration:none}h2{break-after:avoid}"
        "article,.entries>li{break-inside:avoid}}\n";
    for (const auto& [name, bytes] : images) {
        if (name.starts_with("photo."))
            css += ".photo{float:right;width:7em;height:auto;margin:0 0 1em 1em}\n";
        if (name.starts_with("signature.")) css += ".signature-image{height:3em;width:auto}\n";
    }
    return css;
}

// RFC 4648 base64, for images inside the page: nettle's, which cvtex links for its digests.
std::string base64(std::string_view bytes) {
    std::string out(BASE64_ENCODE_RAW_LENGTH(bytes.size()), '\0');
    base64_encode_raw(out.data(), bytes.size(),
                      reinterpret_cast<const std::uint8_t*>(bytes.data()));
    return out;
}

// schema.org Person data for search engines, from the letterhead.
std::string json_ld(const Person& p) {
    nlohmann::ordered_json j;
    j["@context"] = "https://schema.org";
    j["@type"] = "Person";
    j["name"] = p.name.value;
    if (p.headline) j["description"] = markup::plain_text(p.headline->value);
    if (p.location) j["address"] = markup::plain_text(p.location->value);
    if (p.address) j["address"] = markup::plain_text(p.address->value);
    for (const auto& e : p.emails) j["email"].push_back(e.value);
    for (const auto& t : p.phones) j["telephone"].push_back(t.value);
    for (const auto& c : p.contacts) {
        if (c.target.empty() || c.type == "email" || c.type == "phone") continue;
        (c.type == "website" && !j.contains("url") ? j["url"] : j["sameAs"]).push_back(c.target);
    }
    return escape(j.dump(1, '\t', false, nlohmann::json::error_handler_t::replace),
                  EscapeContext::script);
}

class Writer {
  public:
    Writer(const Document& doc, DiagnosticSink& sink) : doc_(doc), sink_(sink) {}
    std::string run();

  private:
    std::string rich(std::string_view markup_text);
    std::string rich(const std::optional<Text>& t) { return t ? rich(t->value) : std::string(); }
    std::string nodes(const std::vector<markup::Inline>& list);
    std::string field(const Field& f);
    std::string time(const When& w, const std::string& shown);
    void line(const std::string& s) {
        out_ += s;
        out_ += '\n';
    }
    void element(std::string_view tag, const std::string& content, std::string_view cls = {}) {
        if (content.empty()) return;
        out_ += "<" + std::string(tag);
        if (!cls.empty()) out_ += " class=\"" + std::string(cls) + "\"";
        out_ += ">" + content + "</" + std::string(tag) + ">\n";
    }
    void header();
    std::string image(std::string_view stem, const std::optional<Text>& file,
                      const std::string& alt, std::string_view cls);
    void section(const outline::Section& s, int level);
    void entry(const outline::Entry& e, int level);
    std::string inlines(const std::vector<Inline>& list);
    void blocks(const std::vector<Block>& list, int shift);
    void letter(const Letter& l);
    void statement(const Statement& s);

    const Document& doc_;
    DiagnosticSink& sink_;
    std::string out_;
};

std::string Writer::nodes(const std::vector<markup::Inline>& list) {
    using K = markup::Inline::Kind;
    std::string out;
    for (const auto& n : list) {
        switch (n.kind) {
            case K::text:
                out += text(n.text);
                break;
            case K::bold:
                out += "<strong>" + nodes(n.children) + "</strong>";
                break;
            case K::italic:
                out += "<em>" + nodes(n.children) + "</em>";
                break;
            case K::link:
                out += link(nodes(n.children), link_target(n.url).url);
                break;
            case K::math:
                out += "<span class=\"math\">" + text(math::plain_text(n.formula)) + "</span>";
                break;
            case K::code:
                out += "<code>" + text(n.text) + "</code>";
                break;
        }
    }
    return out;
}

std::string Writer::rich(std::string_view markup_text) {
    return nodes(markup::parse(markup_text));
}

std::string Writer::field(const Field& f) {
    std::string out;
    for (const auto& p : f) {
        std::string s = p.kind == Piece::Kind::markup ? rich(p.text) : text(p.text);
        if (p.kind == Piece::Kind::owner && doc_.settings.highlight != OwnerStyle::none)
            s = std::string("<span class=\"") +
                (doc_.settings.highlight == OwnerStyle::bold ? "owner" : "owner-underline") +
                "\">" + s + "</span>";
        out += link(s, p.link);
    }
    return out;
}

// The date as every format shows it (`shown`, from outline::date_text: "May \u2013 Aug 2019")
// in <time> elements with their ISO forms: a range as two, split at its dash.
std::string Writer::time(const When& w, const std::string& shown) {
    auto one = [&](const std::optional<Date>& d, std::string_view part) {
        const std::string iso = d ? outline::iso_date(*d) : std::string();
        return iso.empty() ? text(part)
                           : "<time datetime=\"" + iso + "\">" + text(part) + "</time>";
    };
    static constexpr std::string_view dash = " \u2013 ";
    if (w.start && w.end)
        if (const auto at = shown.find(dash); at != std::string::npos)
            return one(w.start, std::string_view(shown).substr(0, at)) + std::string(dash) +
                   one(w.end, std::string_view(shown).substr(at + dash.size()));
    // One date, or a range said as one ("May 2019" for May to May).
    return one(w.date ? w.date : w.start ? w.start : w.end, shown);
}

// The image the transform attached as `stem` (photo, signature) as an <img> holding its
// bytes (the page stays one file); empty when there is none. A PDF image cannot be an <img>:
// it is left out with a warning at `file`, where the TOML names it.
std::string Writer::image(std::string_view stem, const std::optional<Text>& file,
                          const std::string& alt, std::string_view cls) {
    for (const auto& [name, bytes] : doc_.attachments) {
        if (!name.starts_with(stem) || name.size() <= stem.size() || name[stem.size()] != '.')
            continue;
        const std::string_view type = std::string_view(name).substr(stem.size() + 1);
        if (type == "png" || type == "jpg")
            return "<img class=\"" + std::string(cls) + "\" src=\"data:image/" +
                   (type == "png" ? "png" : "jpeg") + ";base64," + base64(bytes) + "\" alt=\"" +
                   attribute(alt) + "\">";
        if (file)
            sink_.warning("image-not-shown", doc_.path_of(file->span), file->span,
                          fmt::format("the {} is a PDF, which an HTML page cannot show as an "
                                      "image; the HTML leaves it out",
                                      stem));
    }
    return {};
}

void Writer::header() {
    const Person& p = doc_.person;
    line("<header>");
    if (const std::string photo = image("photo", p.photo, p.name.value, "photo"); !photo.empty())
        line(photo);
    element("h1", text(p.name.value));
    element("p", rich(p.headline), "headline");
    if (!p.contacts.empty()) {
        line("<ul class=\"contacts\">");
        for (const auto& c : p.contacts)
            line("<li class=\"" + attribute(c.type) + "\">" + link(text(c.text.value), c.target) +
                 "</li>");
        line("</ul>");
    }
    line("</header>");
}

void Writer::entry(const outline::Entry& e, int level) {
    line("<article class=\"entry\">");
    std::string title = field(e.title);
    if (!e.tag.empty()) title += " <span class=\"tag\">" + field(e.tag) + "</span>";
    element("h" + std::to_string(level), title);
    std::string meta;
    auto add = [&](const std::string& part, std::string_view cls) {
        if (part.empty()) return;
        if (!meta.empty()) meta += " · ";
        meta += "<span class=\"" + std::string(cls) + "\">" + part + "</span>";
    };
    add(field(e.subtitle), "subtitle");
    add(field(e.place), "place");
    add(time(e.when, e.date), "date");
    element("p", meta, "meta");
    element("p", rich(e.summary), "summary");
    element("p", field(e.text), "text");
    if (!e.details.empty() || !e.highlights.empty() || !e.lines.empty()) {
        line("<ul>");
        for (const auto& d : e.details)
            line("<li><strong>" + field(d.label) + ":</strong> " + field(d.value) + "</li>");
        for (const auto& h : e.highlights) {
            out_ += "<li>" + rich(h.text.value);
            if (!h.children.empty()) {
                out_ += "<ul>";
                for (const auto& c : h.children) out_ += "<li>" + rich(c.value) + "</li>";
                out_ += "</ul>";
            }
            line("</li>");
        }
        for (const auto& l : e.lines) line("<li>" + field(l) + "</li>");
        line("</ul>");
    }
    line("</article>");
}

void Writer::section(const outline::Section& s, int level) {
    const Section& source = *s.source;
    line("<section>");
    element("h" + std::to_string(level), rich(source.title.value));
    element("p", rich(source.note), "note");
    if (s.raw_latex) {
        sink_.warning("raw-latex-not-shown", doc_.path_of(source.span), source.span,
                      "raw LaTeX is shown only in the PDF; the HTML leaves it out");
        line("</section>");
        return;
    }
    for (const auto& para : s.paragraphs) element("p", rich(para.value));
    for (const auto& g : s.groups) {
        element("h" + std::to_string(level + 1), field(g.heading));
        bool open = false;
        for (const auto& e : g.entries) {
            const bool publication = !e.authors.empty() || !e.venue.empty() || !e.number.empty();
            const bool short_entry = e.subtitle.empty() && e.place.empty() && e.date.empty() &&
                                     !e.summary && e.details.empty() && e.highlights.empty() &&
                                     e.lines.empty();
            if (!publication && !short_entry) {
                if (open) line("</ul>");
                open = false;
                entry(e, level + 1);
                continue;
            }
            if (!open) line("<ul class=\"entries\">");
            open = true;
            std::string item;
            if (publication) {
                if (!e.number.empty())
                    item += "<span class=\"number\">[" + field(e.number) + "]</span> ";
                item += "<span class=\"authors\">" + field(e.authors) + "</span>";
                item += (e.authors.empty() ? "" : ". ") + ("<cite>" + field(e.title) + "</cite>");
                if (!e.venue.empty()) item += ". " + field(e.venue);
                if (!e.award.empty()) item += ". <strong>" + field(e.award) + "</strong>";
                if (!e.links.empty()) item += ". " + field(e.links);
            } else {
                item = e.title.empty() ? "" : "<strong>" + field(e.title) + "</strong>";
                if (!e.text.empty()) item += (e.title.empty() ? "" : ": ") + field(e.text);
                if (!e.level.empty()) item += " (" + field(e.level) + ")";
            }
            line("<li>" + item + "</li>");
        }
        if (open) line("</ul>");
    }
    for (const auto& l : s.legend) element("p", text(l), "legend");
    line("</section>");
}

// ---- letters and statements ------------------------------------------------------------

std::string Writer::inlines(const std::vector<Inline>& list) {
    using K = Inline::Kind;
    std::string out;
    for (const auto& i : list) {
        switch (i.kind) {
            case K::text:
                out += text(i.text);
                break;
            case K::bold:
                out += "<strong>" + inlines(i.children) + "</strong>";
                break;
            case K::italic:
                out += "<em>" + inlines(i.children) + "</em>";
                break;
            case K::code:
                out += "<code>" + text(i.text) + "</code>";
                break;
            case K::link:
                out += link(inlines(i.children), link_target(i.url).url);
                break;
            case K::citation: {
                const std::string numbers = fmt::format("{}", fmt::join(i.numbers, ", "));
                out += "[" + text(numbers) + "]";
                break;
            }
            case K::line_break:
                out += "<br>";
                break;
            case K::math:
                out += "<span class=\"math\">" + text(math::plain_text(math::parse(i.text).row)) +
                       "</span>";
                break;
        }
    }
    return out;
}

void Writer::blocks(const std::vector<Block>& list, int shift) {
    using K = Block::Kind;
    for (const auto& b : list) {
        switch (b.kind) {
            case K::paragraph:
                element("p", inlines(b.inlines));
                break;
            case K::heading:
                element("h" + std::to_string(std::min(b.level + shift, 6)), inlines(b.inlines));
                break;
            case K::bullets:
            case K::numbered:
                line(b.kind == K::bullets ? "<ul>" : "<ol>");
                for (const auto& item : b.items) {
                    line("<li>");
                    blocks(item, shift);
                    line("</li>");
                }
                line(b.kind == K::bullets ? "</ul>" : "</ol>");
                break;
            case K::quote:
                line("<blockquote>");
                blocks(b.children, shift);
                line("</blockquote>");
                break;
            case K::code:
                line("<pre><code>" + text(b.text) + "</code></pre>");
                break;
        }
    }
}

void Writer::letter(const Letter& l) {
    line("<article class=\"letter\">");
    if (l.date) {
        const std::string iso = outline::iso_date(*l.date);
        element("p",
                "<time datetime=\"" + iso + "\">" + text(format_letter_date(*l.date)) + "</time>",
                "date");
    }
    std::string recipient;
    auto add = [&](const std::string& part) {
        if (!part.empty()) recipient += (recipient.empty() ? "" : "<br>") + part;
    };
    add(rich(l.recipient.name));
    add(rich(l.recipient.title));
    add(rich(l.recipient.institution));
    for (const auto& a : l.recipient.address) add(text(a.value));
    element("address", recipient, "recipient");
    element("p", rich(l.subject), "subject");
    element("p", rich(l.salutation));
    blocks(l.body.blocks, 2);
    element("p", rich(l.closing), "closing");
    const std::string& name = doc_.person.name.value;
    if (const std::string signed_by = image("signature", l.signature, name, "signature-image");
        !signed_by.empty())
        line("<p>" + signed_by + "</p>");
    element("p", text(name), "signature");
    line("</article>");
}

void Writer::statement(const Statement& s) {
    line("<article class=\"statement\">");
    element("h2", rich(s.title.value));
    blocks(s.body.blocks, 2);
    if (s.references)
        section(outline::section(*s.references, doc_.settings.date_style, doc_.settings.locale), 3);
    line("</article>");
}

std::string Writer::run() {
    const Person& p = doc_.person;
    line("<!DOCTYPE html>");
    const Locale& locale = doc_.settings.locale;
    line("<html lang=\"" + text(locale.code) + "\"" + (locale.rtl.empty() ? "" : " dir=\"rtl\"") +
         ">");
    line("<head>");
    line("<meta charset=\"utf-8\">");
    line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    line("<meta name=\"generator\" content=\"cvtex\">");
    std::string title = text(p.name.value);
    if (const auto* s = std::get_if<Statement>(&doc_.content))
        title += " \u2013 " + text(markup::plain_text(s->title.value));
    if (std::holds_alternative<Letter>(doc_.content))
        title += " \u2013 " + text(locale.get("cover_letter"));
    line("<title>" + title + "</title>");
    line("<style>");
    out_ += stylesheet(doc_.settings, doc_.attachments);
    line("</style>");
    line("<script type=\"application/ld+json\">");
    line(json_ld(p));
    line("</script>");
    line("</head>");
    line("<body>");
    line("<main>");
    header();
    if (const Cv* cv = doc_.cv())
        for (const auto& s : outline::sections(*cv, doc_.settings.date_style, doc_.settings.locale))
            section(s, 2);
    if (const auto* l = std::get_if<Letter>(&doc_.content)) letter(*l);
    if (const auto* s = std::get_if<Statement>(&doc_.content)) statement(*s);
    line("</main>");
    line("</body>");
    line("</html>");
    return std::move(out_);
}

}  // namespace

std::string write_html(const Document& doc, const WriteOptions&, DiagnosticSink& sink) {
    return Writer(doc, sink).run();
}

}  // namespace cvtex
