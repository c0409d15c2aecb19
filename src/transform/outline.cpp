// The sections of a CV as the text formats show them: which field of an entry goes where,
// the same choices the LaTeX writer makes with its class macros' arguments.
#include "cvtex/transform/outline.hpp"

#include "cvtex/model/dates.hpp"
#include "cvtex/transform/link_target.hpp"

namespace cvtex::outline {

Field markup(const Text& t) {
    if (t.value.empty()) return {};
    return {Piece{Piece::Kind::markup, t.value, t.span, {}}};
}

Field markup(const std::optional<Text>& t) {
    return t ? markup(*t) : Field{};
}

Field plain(std::string text, Span span) {
    if (text.empty()) return {};
    return {Piece{Piece::Kind::plain, std::move(text), span, {}}};
}

Field join(Field a, std::string_view separator, Field b) {
    if (a.empty()) return b;
    if (b.empty()) return a;
    a.push_back(Piece{Piece::Kind::plain, std::string(separator), {}, {}});
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

std::string date_text(const When& when, DateStyle style, const Locale& locale) {
    return format_when(when, style, locale);
}

std::string iso_date(const Date& d) {
    if (d.present || d.year <= 0) return {};
    std::string out = std::to_string(d.year);
    while (out.size() < 4) out.insert(out.begin(), '0');
    auto two = [](int n) { return (n < 10 ? "-0" : "-") + std::to_string(n); };
    if (d.month > 0) out += two(d.month);
    if (d.month > 0 && d.day > 0) out += two(d.day);
    return out;
}

namespace {

// A title linked to the entry's URL, when it has one that may be linked.
Field titled(const Text& title, const std::optional<Text>& url) {
    Field f = markup(title);
    if (url && !f.empty()) f[0].link = link_target(url->value).url;
    return f;
}

Field linked(Field f, const std::string& target) {
    if (!f.empty()) f[0].link = target;
    return f;
}

Field items(const std::vector<Text>& list) {
    Field f;
    for (const auto& t : list) f = join(std::move(f), ", ", plain(t.value, t.span));
    return f;
}

Field byline(const std::vector<PrintedAuthor>& authors) {
    Field f;
    for (const auto& a : authors) {
        Field name{Piece{a.owner ? Piece::Kind::owner : Piece::Kind::plain, a.name, a.span, {}}};
        if (a.equal) name.push_back(Piece{Piece::Kind::plain, equal_mark, {}, {}});
        if (a.corresponding) name.push_back(Piece{Piece::Kind::plain, corresponding_mark, {}, {}});
        f = join(std::move(f), ", ", std::move(name));
    }
    return f;
}

std::vector<DetailLine> details(const std::vector<Detail>& list) {
    std::vector<DetailLine> out;
    for (const auto& d : list) {
        Field value = !d.items.empty() ? items(d.items)
                      : d.markup       ? markup(d.value)
                                       : plain(d.value.value, d.value.span);
        out.push_back({markup(d.label), std::move(value)});
    }
    return out;
}

Field publication_link(const PublicationLink& l, const Locale& locale) {
    using K = PublicationLink::Kind;
    const std::string& text = l.text.value;
    switch (l.kind) {
        case K::doi:
            return linked(plain("doi:" + text, l.text.span), l.target);
        case K::arxiv:
            return linked(plain("arXiv:" + text, l.text.span), l.target);
        case K::url:
            return l.target.empty() ? plain(text, l.text.span)
                                    : linked(plain(locale.get("link")), l.target);
        case K::code:
            return l.target.empty() ? plain(text, l.text.span)
                                    : linked(plain(locale.get("code")), l.target);
        case K::preprint:
            return l.target.empty() ? plain(text, l.text.span)
                                    : linked(plain(locale.get("preprint")), l.target);
    }
    return {};
}

class Builder {
  public:
    Builder(DateStyle style, const Locale& locale) : style_(style), locale_(locale) {}

    Entry start(Span span, const When& when) const {
        Entry e;
        e.span = span;
        e.when = when;
        e.date = date_text(when, style_, locale_);
        return e;
    }

    void add(Section& out, const TextBody& b) const { out.paragraphs = b.paragraphs; }
    void add(Section& out, const RawLatexBody&) const { out.raw_latex = true; }

    void add(Section& out, const std::vector<EducationEntry>& list) const {
        for (const auto& x : list) {
            Entry e = start(x.span, x.when);
            e.title = titled(x.institution, x.url);
            e.place = markup(x.location);
            e.subtitle = join(markup(x.degree), locale_.get("degree_field"), markup(x.area));
            e.summary = x.summary;
            e.details = details(x.details);
            e.highlights = x.highlights;
            push(out, std::move(e));
        }
    }
    void add(Section& out, const std::vector<ExperienceEntry>& list) const {
        for (const auto& x : list) {
            Entry e = start(x.span, x.when);
            e.title = titled(x.organization, x.url);
            e.place = markup(x.location);
            e.subtitle = markup(x.position);
            e.summary = x.summary;
            e.highlights = x.highlights;
            push(out, std::move(e));
        }
    }
    void add(Section& out, const std::vector<Publication>& list) const {
        for (const auto& p : list) {
            if (!p.group_title.empty() &&
                (out.groups.empty() || out.groups.back().heading.empty() ||
                 out.groups.back().heading[0].text != p.group_title.value))
                out.groups.push_back({markup(p.group_title), {}});
            Entry e = start(p.span, p.when);
            e.number = plain(p.number);
            e.title = markup(p.title);
            Field authors = byline(p.byline);
            if (p.et_al) authors = join(std::move(authors), ", ", plain(locale_.get("et_al")));
            if (p.role == BylineRole::editor)
                authors.push_back({Piece::Kind::plain, " " + locale_.get("editor")});
            if (p.role == BylineRole::editors)
                authors.push_back({Piece::Kind::plain, " " + locale_.get("editors")});
            e.authors = std::move(authors);
            e.venue = join(markup(p.venue), ", ", plain(e.date));
            e.award = markup(p.award);
            for (const auto& l : p.links)
                e.links = join(std::move(e.links), ", ", publication_link(l, locale_));
            e.links = join(std::move(e.links), ", ", markup(p.note));
            push(out, std::move(e));
        }
        if (out.source->legend.equal)
            out.legend.push_back(std::string(equal_mark) + " " + locale_.get("equal_contribution"));
        if (out.source->legend.corresponding)
            out.legend.push_back(std::string(corresponding_mark) + " " +
                                 locale_.get("corresponding_author"));
    }
    void add(Section& out, const std::vector<ListEntry>& list) const {
        for (const auto& x : list) {
            Entry e = start(x.span, {});
            e.title = markup(x.label);
            e.text = items(x.items);
            push(out, std::move(e));
        }
    }
    void add(Section& out, const std::vector<OnelineEntry>& list) const {
        for (const auto& x : list) {
            Entry e = start(x.span, {});
            e.title = markup(x.label);
            e.text = markup(x.details);
            push(out, std::move(e));
        }
    }
    void add(Section& out, const std::vector<DatedEntry>& list) const {
        for (const auto& x : list) {
            Entry e = start(x.span, x.when);
            e.title = titled(x.title, x.url);
            e.place = markup(x.location);
            e.text = markup(x.details);
            push(out, std::move(e));
        }
    }
    void add(Section& out, const std::vector<SkillEntry>& list) const {
        for (const auto& x : list) {
            Entry e = start(x.span, {});
            e.title = markup(x.label);
            e.text = items(x.items);
            e.level = markup(x.level);
            push(out, std::move(e));
        }
    }
    void add(Section& out, const std::vector<ProjectEntry>& list) const {
        for (const auto& x : list) {
            Entry e = start(x.span, x.when);
            e.title = titled(x.name, x.url);
            e.place = markup(x.location);
            e.subtitle = markup(x.role);
            e.summary = x.summary;
            e.details = details(x.details);
            e.highlights = x.highlights;
            push(out, std::move(e));
        }
    }
    void add(Section& out, const std::vector<TalkEntry>& list) const {
        for (const auto& x : list) {
            Entry e = start(x.span, x.when);
            e.title = titled(x.title, x.url);
            e.tag = markup(x.type_label);
            e.place = markup(x.location);
            e.subtitle = markup(x.event);
            push(out, std::move(e));
        }
    }
    void add(Section& out, const std::vector<GrantEntry>& list) const {
        for (const auto& x : list) {
            Entry e = start(x.span, x.when);
            e.title = titled(x.title, x.url);
            e.tag = markup(x.role);
            e.place = plain(x.amount_text);
            e.subtitle = markup(x.agency);
            e.summary = x.summary;
            e.highlights = x.highlights;
            push(out, std::move(e));
        }
    }
    void add(Section& out, const std::vector<PatentEntry>& list) const {
        for (const auto& x : list) {
            Entry e = start(x.span, x.when);
            e.title = titled(x.title, x.url);
            e.tag = markup(x.status);
            e.place = markup(x.number);
            e.subtitle = byline(x.byline);
            e.summary = x.summary;
            push(out, std::move(e));
        }
    }
    void add(Section& out, const std::vector<ServiceEntry>& list) const {
        for (const auto& x : list) {
            Entry e = start(x.span, x.when);
            e.title = titled(x.role, x.url);
            e.place = markup(x.organization);
            e.text = markup(x.details);
            push(out, std::move(e));
        }
    }
    void add(Section& out, const std::vector<MembershipEntry>& list) const {
        for (const auto& x : list) {
            Entry e = start(x.span, x.when);
            e.title = titled(x.organization, x.url);
            e.place = markup(x.role);
            e.text = markup(x.details);
            push(out, std::move(e));
        }
    }
    void add(Section& out, const std::vector<CertificationEntry>& list) const {
        for (const auto& x : list) {
            Entry e = start(x.span, x.when);
            e.title = titled(x.name, x.url);
            e.place = markup(x.issuer);
            e.details = details(x.details);
            push(out, std::move(e));
        }
    }
    void add(Section& out, const std::vector<StudentEntry>& list) const {
        for (const auto& x : list) {
            Entry e = start(x.span, x.when);
            e.title = titled(x.name, x.url);
            e.place = markup(x.outcome);
            e.subtitle = markup(x.degree);
            e.details = details(x.details);
            push(out, std::move(e));
        }
    }
    void add(Section& out, const std::vector<RefereeEntry>& list) const {
        for (const auto& x : list) {
            Entry e = start(x.span, {});
            e.title = titled(x.name, x.url);
            e.subtitle = markup(x.title);
            e.place = markup(x.institution);
            for (const auto& a : x.address) e.lines.push_back(plain(a.value, a.span));
            for (const auto& c : x.contacts)
                e.lines.push_back(linked(plain(c.text.value, c.text.span), c.target));
            if (x.relationship) e.lines.push_back(markup(x.relationship));
            push(out, std::move(e));
        }
    }

  private:
    static void push(Section& out, Entry e) {
        if (out.groups.empty()) out.groups.emplace_back();
        out.groups.back().entries.push_back(std::move(e));
    }

    DateStyle style_;
    const Locale& locale_;
};

}  // namespace

Section section(const cvtex::Section& s, DateStyle style, const Locale& locale) {
    Section out;
    out.source = &s;
    const Builder builder(style, locale);
    std::visit([&](const auto& body) { builder.add(out, body); }, s.body);
    return out;
}

std::vector<Section> sections(const Cv& cv, DateStyle style, const Locale& locale) {
    std::vector<Section> out;
    out.reserve(cv.sections.size());
    for (const auto& s : cv.sections) out.push_back(section(s, style, locale));
    return out;
}

}  // namespace cvtex::outline
