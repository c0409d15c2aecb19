// Plain-text writer: one column in reading order, for application portals and applicant-
// tracking systems; every fact of the PDF, links spelt out. Every string from the input goes
// through text::escape(); what goes where is decided by transform/outline.cpp.
#include "cvtex/write/text_writer.hpp"

#include <fmt/format.h>

#include "cvtex/base/utf8.hpp"
#include "cvtex/model/dates.hpp"
#include "cvtex/read/markup.hpp"
#include "cvtex/transform/link_target.hpp"
#include "cvtex/transform/outline.hpp"

namespace cvtex {

namespace {

using outline::Field;
using outline::Piece;
using text::escape;

// What a reader types to find a link: "example.org" for https://example.org.
std::string_view bare(std::string_view url) {
    for (std::string_view scheme : {"https://", "http://", "mailto:", "tel:"})
        if (url.starts_with(scheme)) url.remove_prefix(scheme.size());
    while (url.ends_with('/')) url.remove_suffix(1);
    return url;
}

// A link's text, and its target after it unless the text already says where it goes.
std::string linked(const std::string& label, const std::string& target) {
    if (target.empty()) return label;
    const std::string shown = escape(bare(target));
    if (label.empty()) return escape(target);
    if (label.find(shown) != std::string::npos) return label;
    return label + " <" + escape(target) + ">";
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
    void line(const std::string& s, const std::string& indent = "") {
        if (!s.empty()) out_ += indent + s + "\n";
    }
    void blank() {
        if (!out_.empty() && !out_.ends_with("\n\n")) out_ += "\n";
    }
    void heading(const std::string& title, char rule) {
        blank();
        line(title);
        line(std::string(utf8::length(title), rule));
    }
    void header();
    void section(const outline::Section& s);
    void entry(const outline::Entry& e);
    std::string inlines(const std::vector<Inline>& list);
    void blocks(const std::vector<Block>& list, const std::string& indent);
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
            case K::code:
                out += escape(n.text);
                break;
            case K::bold:
            case K::italic:
                out += nodes(n.children);
                break;
            case K::link:
                out += linked(nodes(n.children), link_target(n.url).url);
                break;
            case K::math:
                out += escape(math::plain_text(n.formula));
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
    for (const auto& p : f)
        out += linked(p.kind == Piece::Kind::markup ? rich(p.text) : escape(p.text), p.link);
    return out;
}

void Writer::header() {
    const Person& p = doc_.person;
    line(escape(p.name.value));
    line(rich(p.headline));
    for (const auto& c : p.contacts) line(linked(escape(c.text.value), c.target));
}

void Writer::entry(const outline::Entry& e) {
    blank();
    std::string first = field(e.title);
    if (!e.tag.empty()) first += " (" + field(e.tag) + ")";
    line(first);
    std::string second;
    for (const std::string& part : {field(e.subtitle), field(e.place), escape(e.date)})
        if (!part.empty()) second += (second.empty() ? "" : ", ") + part;
    line(second);
    line(rich(e.summary));
    line(field(e.text));
    for (const auto& d : e.details) line(field(d.label) + ": " + field(d.value), "  ");
    for (const auto& h : e.highlights) {
        line("- " + rich(h.text.value), "  ");
        for (const auto& c : h.children) line("- " + rich(c.value), "    ");
    }
    for (const auto& l : e.lines) line(field(l), "  ");
}

void Writer::section(const outline::Section& s) {
    const Section& source = *s.source;
    if (!source.title.empty()) heading(rich(source.title.value), '=');
    line(rich(source.note));
    if (s.raw_latex) {
        sink_.warning("raw-latex-not-shown", doc_.path_of(source.span), source.span,
                      "raw LaTeX is shown only in the PDF; the plain text leaves it out");
        return;
    }
    for (const auto& para : s.paragraphs) {
        blank();
        line(rich(para.value));
    }
    for (const auto& g : s.groups) {
        if (!g.heading.empty()) heading(field(g.heading), '-');
        for (const auto& e : g.entries) {
            if (!e.authors.empty() || !e.venue.empty() || !e.number.empty()) {
                std::string l = e.number.empty() ? "" : "[" + field(e.number) + "] ";
                for (const Field* f : {&e.authors, &e.title, &e.venue, &e.award, &e.links})
                    if (!f->empty()) l += (l.empty() || l.ends_with("] ") ? "" : ". ") + field(*f);
                blank();
                line(l);
            } else if (e.subtitle.empty() && e.place.empty() && e.date.empty() && !e.summary &&
                       e.details.empty() && e.highlights.empty() && e.lines.empty()) {
                std::string l = field(e.title);
                if (!e.text.empty()) l += (l.empty() ? "" : ": ") + field(e.text);
                if (!e.level.empty()) l += " (" + field(e.level) + ")";
                line(l);
            } else {
                entry(e);
            }
        }
    }
    if (!s.legend.empty()) blank();
    for (const auto& l : s.legend) line(escape(l));
}

// ---- letters and statements ------------------------------------------------------------

std::string Writer::inlines(const std::vector<Inline>& list) {
    using K = Inline::Kind;
    std::string out;
    for (const auto& i : list) {
        switch (i.kind) {
            case K::text:
            case K::code:
                out += escape(i.text);
                break;
            case K::bold:
            case K::italic:
                out += inlines(i.children);
                break;
            case K::link:
                out += linked(inlines(i.children), link_target(i.url).url);
                break;
            case K::citation: {
                const std::string numbers = fmt::format("{}", fmt::join(i.numbers, ", "));
                out += "[" + escape(numbers) + "]";
                break;
            }
            case K::line_break:
                out += "\n";
                break;
            case K::math:
                out += escape(math::plain_text(math::parse(i.text).row));
                break;
        }
    }
    return out;
}

void Writer::blocks(const std::vector<Block>& list, const std::string& indent) {
    using K = Block::Kind;
    for (const auto& b : list) {
        switch (b.kind) {
            case K::paragraph:
                blank();
                line(inlines(b.inlines), indent);
                break;
            case K::heading:
                if (indent.empty())
                    heading(inlines(b.inlines), b.level <= 1 ? '=' : '-');
                else
                    line(inlines(b.inlines), indent);
                break;
            case K::bullets:
            case K::numbered: {
                int n = 1;
                blank();
                for (const auto& item : b.items) {
                    const std::string marker =
                        b.kind == K::bullets ? "- " : std::to_string(n++) + ". ";
                    std::string saved = std::move(out_);
                    out_.clear();
                    blocks(item, indent + std::string(marker.size(), ' '));
                    std::string body = std::move(out_);
                    out_ = std::move(saved);
                    while (body.starts_with("\n")) body.erase(0, 1);
                    if (body.size() >= indent.size() + marker.size())
                        body.replace(0, indent.size() + marker.size(), indent + marker);
                    out_ += body;
                }
                break;
            }
            case K::quote:
                blocks(b.children, indent + "    ");
                break;
            case K::code: {
                blank();
                std::size_t pos = 0;
                while (pos < b.text.size()) {
                    const auto end = std::min(b.text.find('\n', pos), b.text.size());
                    line(escape(b.text.substr(pos, end - pos)), indent + "    ");
                    pos = end + 1;
                }
                break;
            }
        }
    }
}

void Writer::letter(const Letter& l) {
    blank();
    if (l.date) line(escape(format_letter_date(*l.date)));
    blank();
    line(rich(l.recipient.name));
    line(rich(l.recipient.title));
    line(rich(l.recipient.institution));
    for (const auto& a : l.recipient.address) line(escape(a.value));
    blank();
    line(rich(l.subject));
    blank();
    line(rich(l.salutation));
    blocks(l.body.blocks, "");
    blank();
    line(rich(l.closing));
    line(escape(doc_.person.name.value));
}

void Writer::statement(const Statement& s) {
    heading(rich(s.title.value), '=');
    blocks(s.body.blocks, "");
    if (s.references)
        section(outline::section(*s.references, doc_.settings.date_style, doc_.settings.locale));
}

std::string Writer::run() {
    header();
    if (const Cv* cv = doc_.cv())
        for (const auto& s : outline::sections(*cv, doc_.settings.date_style, doc_.settings.locale))
            section(s);
    if (const auto* l = std::get_if<Letter>(&doc_.content)) letter(*l);
    if (const auto* s = std::get_if<Statement>(&doc_.content)) statement(*s);
    return std::move(out_);
}

}  // namespace

std::string write_text(const Document& doc, const WriteOptions&, DiagnosticSink& sink) {
    return Writer(doc, sink).run();
}

}  // namespace cvtex
