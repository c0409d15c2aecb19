// Markdown writer: CommonMark that GitHub shows as a readable CV. Every string from the input
// goes through markdown::escape(); what goes where is decided by transform/outline.cpp.
#include "cvtex/write/markdown_writer.hpp"

#include <fmt/format.h>

#include "cvtex/model/dates.hpp"
#include "cvtex/read/markup.hpp"
#include "cvtex/transform/link_target.hpp"
#include "cvtex/transform/outline.hpp"

namespace cvtex {

namespace {

using markdown::escape;
using markdown::EscapeContext;
using outline::Field;
using outline::Piece;

class Writer {
  public:
    Writer(const Document& doc, DiagnosticSink& sink) : doc_(doc), sink_(sink) {}
    std::string run();

  private:
    static std::string text(std::string_view s) { return escape(s, EscapeContext::text); }
    static std::string link(const std::string& label, const std::string& target) {
        if (target.empty() || label.empty()) return label;
        return "[" + label + "](" + escape(target, EscapeContext::url) + ")";
    }
    std::string rich(std::string_view markup_text);
    std::string rich(const std::optional<Text>& t) { return t ? rich(t->value) : std::string(); }
    std::string nodes(const std::vector<markup::Inline>& list);
    std::string field(const Field& f);
    void paragraph(const std::string& s) {
        if (s.empty()) return;
        out_ += s;
        out_ += "\n\n";
    }
    void header();
    void section(const outline::Section& s);
    void entry(const outline::Entry& e);
    void list_items(const outline::Entry& e, const std::string& indent);
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
                out += text(n.text);
                break;
            case K::bold:
                out += "**" + nodes(n.children) + "**";
                break;
            case K::italic:
                out += "*" + nodes(n.children) + "*";
                break;
            case K::link:
                out += link(nodes(n.children), link_target(n.url).url);
                break;
            case K::math:
                out += text(math::plain_text(n.formula));
                break;
            case K::code:
                out += escape(n.text, EscapeContext::code);
                break;
        }
    }
    return out;
}

// Spaces at either end of a field would end emphasis around it, or start a code block at the
// start of a line; they show nothing in any format.
std::string trim(std::string s) {
    while (s.starts_with(' ')) s.erase(0, 1);
    while (s.ends_with(" ")) s.pop_back();
    return s;
}

std::string Writer::rich(std::string_view markup_text) {
    return trim(nodes(markup::parse(markup_text)));
}

std::string Writer::field(const Field& f) {
    std::string out;
    for (const auto& p : f) {
        std::string s = p.kind == Piece::Kind::markup ? rich(p.text) : text(p.text);
        if (p.kind == Piece::Kind::owner && doc_.settings.highlight != OwnerStyle::none)
            s = "**" + s + "**";
        out += link(s, p.link);
    }
    return trim(out);
}

void Writer::header() {
    const Person& p = doc_.person;
    paragraph("# " + text(p.name.value));
    paragraph(rich(p.headline));
    std::string contacts;
    for (const auto& c : p.contacts) {
        if (!contacts.empty()) contacts += " · ";
        contacts += link(text(c.text.value), c.target);
    }
    paragraph(contacts);
}

// Bullet points under an entry: its detail lines, then its highlights.
void Writer::list_items(const outline::Entry& e, const std::string& indent) {
    bool any = false;
    for (const auto& d : e.details) {
        out_ += indent + "- **" + field(d.label) + ":** " + field(d.value) + "\n";
        any = true;
    }
    for (const auto& h : e.highlights) {
        out_ += indent + "- " + rich(h.text.value) + "\n";
        for (const auto& c : h.children) out_ += indent + "  - " + rich(c.value) + "\n";
        any = true;
    }
    for (const auto& l : e.lines) {
        out_ += indent + "- " + field(l) + "\n";
        any = true;
    }
    if (any) out_ += "\n";
}

// An entry: its title line, then a line of what, where and when, then its text and bullets.
void Writer::entry(const outline::Entry& e) {
    std::string first = "**" + field(e.title) + "**";
    if (!e.tag.empty()) first += " (" + field(e.tag) + ")";
    std::string second;
    for (const std::string& part : {field(e.subtitle), field(e.place), text(e.date)})
        if (!part.empty()) second += (second.empty() ? "" : " · ") + part;
    paragraph(second.empty() ? first : first + "\\\n" + second);
    paragraph(rich(e.summary));
    list_items(e, "");
}

void Writer::section(const outline::Section& s) {
    const Section& source = *s.source;
    if (!source.title.empty()) paragraph("## " + rich(source.title.value));
    if (source.note) paragraph("*" + rich(source.note->value) + "*");
    if (s.raw_latex) {
        sink_.warning("raw-latex-not-shown", doc_.path_of(source.span), source.span,
                      "raw LaTeX is shown only in the PDF; the Markdown leaves it out");
        return;
    }
    for (const auto& para : s.paragraphs) paragraph(rich(para.value));
    for (const auto& g : s.groups) {
        if (!g.heading.empty()) paragraph("### " + field(g.heading));
        bool list = false;
        for (const auto& e : g.entries) {
            // Entries of one line (publications, lists, skills) are a bulleted list.
            if (!e.authors.empty() || !e.venue.empty() || !e.number.empty()) {
                std::string line;
                if (!e.number.empty()) line += "\\[" + field(e.number) + "\\] ";
                line += field(e.authors);
                // "\\." after an author list of digits only ("2019") a plain ". " would
                // start an ordered list inside the item.
                line += (e.authors.empty() ? "" : "\\. ") + ("*" + field(e.title) + "*");
                if (!e.venue.empty()) line += ". " + field(e.venue);
                if (!e.award.empty()) line += ". **" + field(e.award) + "**";
                if (!e.links.empty()) line += ". " + field(e.links);
                out_ += "- " + line + "\n";
                list = true;
            } else if (e.subtitle.empty() && e.place.empty() && e.date.empty() && !e.summary &&
                       e.details.empty() && e.highlights.empty() && e.lines.empty()) {
                std::string line = e.title.empty() ? "" : "**" + field(e.title) + "**";
                if (!e.text.empty()) line += (e.title.empty() ? "" : ": ") + field(e.text);
                if (!e.level.empty()) line += " (" + field(e.level) + ")";
                out_ += "- " + line + "\n";
                list = true;
            } else {
                if (list) out_ += "\n";
                list = false;
                entry(e);
                paragraph(field(e.text));
            }
        }
        if (list) out_ += "\n";
    }
    for (const auto& l : s.legend) paragraph(text(l));
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
                out += "**" + inlines(i.children) + "**";
                break;
            case K::italic:
                out += "*" + inlines(i.children) + "*";
                break;
            case K::code:
                out += escape(i.text, EscapeContext::code);
                break;
            case K::link:
                out += link(inlines(i.children), link_target(i.url).url);
                break;
            case K::citation: {
                const std::string numbers = fmt::format("{}", fmt::join(i.numbers, ", "));
                out += "\\[" + text(numbers) + "\\]";
                break;
            }
            case K::line_break:
                out += "\\\n";
                break;
            case K::math:
                out += text(math::plain_text(math::parse(i.text).row));
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
                out_ += indent + inlines(b.inlines) + "\n\n";
                break;
            case K::heading:
                out_ += indent +
                        std::string(static_cast<std::size_t>(std::min(b.level + 1, 6)), '#') + " " +
                        inlines(b.inlines) + "\n\n";
                break;
            case K::bullets:
            case K::numbered: {
                int n = 1;
                for (const auto& item : b.items) {
                    const std::string marker =
                        b.kind == K::bullets ? "- " : std::to_string(n++) + ". ";
                    const std::string inner = indent + std::string(marker.size(), ' ');
                    std::string saved = std::move(out_);
                    out_.clear();
                    blocks(item, inner);
                    std::string body = std::move(out_);
                    out_ = std::move(saved);
                    out_ += indent + marker + body.substr(std::min(inner.size(), body.size()));
                }
                break;
            }
            case K::quote: {
                std::string saved = std::move(out_);
                out_.clear();
                blocks(b.children, "");
                std::string body = std::move(out_);
                out_ = std::move(saved);
                std::size_t pos = 0;
                while (pos < body.size()) {
                    const auto end = std::min(body.find('\n', pos), body.size());
                    out_ += indent + "> " + body.substr(pos, end - pos) + "\n";
                    pos = end + 1;
                }
                out_ += "\n";
                break;
            }
            case K::code: {
                std::string lines;
                std::size_t pos = 0;
                while (pos < b.text.size()) {
                    const auto end = std::min(b.text.find('\n', pos), b.text.size());
                    if (!lines.empty()) lines += "\\\n";
                    lines += escape(b.text.substr(pos, end - pos), EscapeContext::code);
                    pos = end + 1;
                }
                out_ += indent + lines + "\n\n";
                break;
            }
        }
    }
}

void Writer::letter(const Letter& l) {
    if (l.date) paragraph(text(format_letter_date(*l.date)));
    std::string recipient;
    auto add = [&](const std::string& line) {
        if (!line.empty()) recipient += (recipient.empty() ? "" : "\\\n") + line;
    };
    add(rich(l.recipient.name));
    add(rich(l.recipient.title));
    add(rich(l.recipient.institution));
    for (const auto& a : l.recipient.address) add(text(a.value));
    paragraph(recipient);
    if (l.subject) paragraph("**" + rich(l.subject) + "**");
    paragraph(rich(l.salutation));
    blocks(l.body.blocks, "");
    paragraph(rich(l.closing));
    paragraph(text(doc_.person.name.value));
}

void Writer::statement(const Statement& s) {
    paragraph("## " + rich(s.title.value));
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
    while (out_.ends_with("\n\n")) out_.pop_back();
    return std::move(out_);
}

}  // namespace

std::string write_markdown(const Document& doc, const WriteOptions&, DiagnosticSink& sink) {
    return Writer(doc, sink).run();
}

}  // namespace cvtex
