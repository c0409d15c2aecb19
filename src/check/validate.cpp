// Semantic checks on the model: rules the schema cannot express, and likely mistakes.
#include "cvtex/check/validate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "cvtex/model/dates.hpp"
#include "cvtex/model/names.hpp"
#include "cvtex/read/markup.hpp"
#include "cvtex/transform/link_target.hpp"

namespace cvtex {

namespace {

class Validator {
  public:
    Validator(const Document& doc, const Date& today, DiagnosticSink& sink)
        : doc_(doc), today_(today), sink_(sink), owners_(owner_names(doc.person)) {}

    void run();

  private:
    Diagnostic& warn(std::string code, Span span, std::string message) {
        return sink_.warning(std::move(code), doc_.path_of(span), span, std::move(message));
    }

    void check_when(const When& w, bool can_be_ongoing = true, bool future_ok = false);
    void check_url(const Text& url);
    void check_links_in(const Text& text);
    // Every text field with markup, since the writer links the [text](url) in any of them.
    template <typename... T>
    void check_links_in(const T&... texts) {
        (check_links_in_one(texts), ...);
    }
    void check_links_in_one(const Text& t) { check_links_in(t); }
    void check_links_in_one(const std::optional<Text>& t) {
        if (t) check_links_in(*t);
    }
    void check_links_in_one(const std::vector<Text>& ts) {
        for (const auto& t : ts) check_links_in(t);
    }
    void check_links_in_one(const std::vector<Highlight>& hs) {
        for (const auto& h : hs) {
            check_links_in(h.text);
            check_links_in_one(h.children);
        }
    }
    void check_url(const std::optional<Text>& url) {
        if (url) check_url(*url);
    }
    void check_email(const Text& email);
    void check_entry(const EducationEntry& e);
    void check_entry(const ExperienceEntry& e);
    void check_entry(const Publication& p);
    void check_entry(const ListEntry& e) { check_links_in(e.label); }
    void check_entry(const OnelineEntry& e) { check_links_in(e.label, e.details); }
    void check_entry(const DatedEntry& e);
    void check_entry(const SkillEntry& e) { check_links_in(e.label, e.level); }
    void check_entry(const ProjectEntry& e);
    void check_entry(const TalkEntry& e);
    void check_entry(const GrantEntry& e);
    void check_entry(const PatentEntry& e);
    void check_entry(const ServiceEntry& e);
    void check_entry(const MembershipEntry& e);
    void check_entry(const CertificationEntry& e);
    void check_entry(const StudentEntry& e);
    void check_entry(const RefereeEntry& e);
    void check_profile(const Profile& p);
    void check_marks(const Publication& p, const std::vector<Text>& marked, std::string_view key);
    void check_publication_options(const Section& s);

    template <class Entry>
    void check_entries(const Section& s, const std::vector<Entry>& entries);

    const Document& doc_;
    Date today_;
    DiagnosticSink& sink_;
    OwnerMatcher owners_;
};

void Validator::check_when(const When& w, bool can_be_ongoing, bool future_ok) {
    // A text date without a year ("Fall term") cannot be compared with anything.
    auto dated = [](const std::optional<Date>& d) { return d && !d->present && d->year; };
    if (dated(w.start) && dated(w.end) && compare_dates(*w.end, *w.start) < 0)
        warn("end-before-start", w.end->span, "the end date is before the start date")
            .hints.push_back("swap 'start' and 'end'");
    for (const auto* d : {&w.date, &w.start, &w.end})
        if (dated(*d) && (*d)->expected && before_today(**d, today_))
            warn("expected-date-passed", (*d)->span, "the date is marked expected, but it is past")
                .hints.push_back("remove 'expected' if it happened, or correct the date");
    if (future_ok) return;
    if (dated(w.end) && !w.end->expected && compare_dates(*w.end, today_) > 0)
        warn("future-end-date", w.end->span, "the end date is in the future")
            .hints.push_back(
                "write end = \"present\" for something still ongoing, or \"expected\" before "
                "a date still to come");
    // A single date marks something done: a degree awarded, a paper out, a prize won.
    if (dated(w.date) && !w.date->expected && compare_dates(*w.date, today_) > 0)
        warn("future-date", w.date->span,
             "the date is in the future, but a single date marks "
             "something already done")
            .hints.push_back(can_be_ongoing
                                 ? "check the year; for something still going on, write start "
                                   "and end = \"present\"; for a date still to come, \"expected\" "
                                   "before it"
                                 : "check the year");
}

// The writer links through link_target(); these warnings say beforehand what it will do.
void Validator::check_url(const Text& url) {
    check_link(url, doc_.path_of(url.span), sink_);
}

// The links of a markup text, and its formulas that are printed as text.
void Validator::check_links_in(const Text& text) {
    for (const auto& link : markup::links(text.value)) check_url(Text{link, text.span});
    for (const auto& m : markup::math_problems(text.value))
        warn("math-unsupported", text.span,
             fmt::format("'{}' is printed as text, not as a formula: {}", m.formula, m.problem))
            .hints.push_back(
                "formulas may use the commands listed in docs/escaping.md; write \\$ for a "
                "dollar sign");
}

void Validator::check_email(const Text& email) {
    if (email.value.find('@') == std::string::npos)
        warn("email-without-at", email.span,
             fmt::format("'{}' does not look like an email address", email.value))
            .hints.push_back("an email address has an '@', e.g. name@example.com");
}

void Validator::check_entry(const EducationEntry& e) {
    check_when(e.when);
    check_url(e.url);
    check_links_in(e.institution, e.degree, e.area, e.minor, e.location, e.honors, e.thesis,
                   e.advisor, e.summary, e.highlights);
}

void Validator::check_entry(const ExperienceEntry& e) {
    check_when(e.when);
    check_url(e.url);
    check_links_in(e.organization, e.position, e.location, e.summary, e.highlights);
}

void Validator::check_entry(const DatedEntry& e) {
    check_when(e.when);
    check_url(e.url);
    check_links_in(e.title, e.location, e.details);
}

void Validator::check_entry(const ProjectEntry& e) {
    check_when(e.when);
    check_url(e.url);
    check_links_in(e.name, e.role, e.location, e.summary, e.highlights);
}

void Validator::check_entry(const TalkEntry& e) {
    // A talk may be listed before it is given: a future date is a plan, not a slip.
    check_when(e.when, true, true);
    check_url(e.url);
    check_links_in(e.title, e.event, e.location);
}

void Validator::check_entry(const GrantEntry& e) {
    check_when(e.when);
    check_url(e.url);
    check_links_in(e.title, e.agency, e.role, e.summary, e.highlights);
    if (e.amount && e.amount->value < 1)
        sink_
            .error("not-positive", doc_.path_of(e.amount->span), e.amount->span,
                   "'amount' must be 1 or more")
            .hints.push_back("write the amount as a whole number, e.g. amount = 450000");
    if (e.currency && !e.amount)
        warn("currency-without-amount", e.currency->span,
             "'currency' is given without 'amount'; it is not printed")
            .hints.push_back("add amount = 450000, or remove 'currency'");
}

void Validator::check_entry(const PatentEntry& e) {
    check_when(e.when, false);
    check_url(e.url);
    check_links_in(e.title, e.status, e.summary);
}

void Validator::check_entry(const ServiceEntry& e) {
    check_when(e.when);
    check_url(e.url);
    check_links_in(e.role, e.organization, e.details);
}

void Validator::check_entry(const MembershipEntry& e) {
    check_when(e.when);
    check_url(e.url);
    check_links_in(e.organization, e.role, e.details);
}

void Validator::check_entry(const CertificationEntry& e) {
    check_when(e.when, false);
    check_url(e.url);
    check_links_in(e.name, e.issuer);
}

void Validator::check_entry(const StudentEntry& e) {
    check_when(e.when);
    check_url(e.url);
    check_links_in(e.name, e.degree, e.thesis, e.outcome);
}

void Validator::check_entry(const RefereeEntry& e) {
    check_url(e.url);
    if (e.email) check_email(*e.email);
    check_links_in(e.name, e.title, e.institution, e.relationship);
}

// A Mastodon handle is @NAME@SERVER, which says where the profile is; another site
// needs its address.
void Validator::check_profile(const Profile& p) {
    check_url(p.url);
    const std::string& u = p.username.value;
    const auto second_at = u.size() > 1 ? u.find('@', 1) : std::string::npos;
    if (p.network.value == "mastodon" && !p.url &&
        (!u.starts_with('@') || second_at == std::string::npos || second_at + 1 >= u.size()))
        sink_
            .error("bad-profile", doc_.path_of(p.username.span), p.username.span,
                   fmt::format("'{}' is not a Mastodon handle, @NAME@SERVER", u))
            .hints.push_back("e.g. username = \"@you@mastodon.social\", or give its url");
    if (p.network.value == "other" && !p.url)
        sink_
            .error("bad-profile", doc_.path_of(p.span), p.span,
                   "a profile of network \"other\" needs a 'url'")
            .hints.push_back("add url = \"https://...\", or name one of the networks cvtex knows");
}

void Validator::check_marks(const Publication& p, const std::vector<Text>& marked,
                            std::string_view key) {
    for (const auto& m : marked) {
        if (is_listed(p.authors, m.value)) continue;
        auto& d = sink_.error("mark-not-an-author", doc_.path_of(m.span), m.span,
                              fmt::format("'{}' in '{}' is not one of the authors", m.value, key));
        std::vector<std::string> names;
        for (const auto& a : p.authors) names.push_back(a.value);
        const std::string guess = closest_match(m.value, names);
        if (!guess.empty())
            d.hints.push_back(fmt::format("did you mean '{}'?", guess));
        else
            d.hints.push_back("write the name exactly as it is in 'authors'");
    }
}

void Validator::check_entry(const Publication& p) {
    check_when(p.when, false);
    // Without readable authors (already an error) every mark would look wrong.
    if (!p.authors.empty()) {
        check_marks(p, p.equal, "equal");
        check_marks(p, p.corresponding, "corresponding");
    }
    if (p.url) check_url(*p.url);
    if (p.code) check_url(*p.code);
    check_links_in(p.title, p.venue, p.award, p.note);
    if (!p.authors.empty() && !doc_.person.name.empty() &&
        std::none_of(p.authors.begin(), p.authors.end(),
                     [&](const Text& a) { return owners_.matches(a.value); }))
        warn("owner-not-an-author", p.span,
             fmt::format("{} is not among the authors of this publication", doc_.person.name.value))
            .hints.push_back(
                "if your name is spelled differently here, add it to [person] aliases");
}

// Entries that render identically are almost always a copy-paste slip. Keys are built by
// appending (fmt was a good part of checking a long list).
std::string identity(const Text& name, const std::optional<Text>& detail, const When& when) {
    std::string out = name.value;
    out += '|';
    if (detail) out += detail->value;
    out += '|';
    out += format_when(when, DateStyle::iso);
    return out;
}
std::string identity(const EducationEntry& e) {
    return identity(e.institution, e.degree, e.when);
}
std::string identity(const ExperienceEntry& e) {
    return identity(e.organization, e.position, e.when);
}
std::string identity(const Publication& p) {
    return p.title.value;
}
std::string identity(const ListEntry& e) {
    return e.label ? e.label->value : "\x01";
}
std::string identity(const OnelineEntry& e) {
    return e.label.value + "|" + e.details.value;
}
std::string identity(const DatedEntry& e) {
    return e.title.value + "|" + format_when(e.when, DateStyle::iso);
}
std::string identity(const SkillEntry& e) {
    return e.label.value;
}
std::string identity(const ProjectEntry& e) {
    return identity(e.name, e.role, e.when);
}
std::string identity(const TalkEntry& e) {
    return identity(e.title, e.event, e.when);
}
std::string identity(const GrantEntry& e) {
    return identity(e.title, e.agency, e.when);
}
std::string identity(const PatentEntry& e) {
    return e.number ? e.number->value : e.title.value;
}
std::string identity(const ServiceEntry& e) {
    return identity(e.role, e.organization, e.when);
}
std::string identity(const MembershipEntry& e) {
    return identity(e.organization, e.role, e.when);
}
std::string identity(const CertificationEntry& e) {
    return identity(e.name, e.issuer, e.when);
}
std::string identity(const StudentEntry& e) {
    return identity(e.name, e.degree, e.when);
}
std::string identity(const RefereeEntry& e) {
    return e.name.value;
}

void Validator::check_publication_options(const Section& s) {
    const PublicationOptions& o = s.publications;
    auto positive = [&](const std::optional<IntValue>& v, std::string_view key) {
        if (v && v->value < 1)
            sink_
                .error("not-positive", doc_.path_of(v->span), v->span,
                       fmt::format("'{}' must be 1 or more", key))
                .hints.push_back(fmt::format("remove '{}' to have no limit", key));
    };
    positive(o.limit, "limit");
    positive(o.max_authors, "max_authors");
    if (o.from && o.to && o.from->value > o.to->value)
        sink_
            .error("bad-year-range", doc_.path_of(o.to->span), o.to->span,
                   fmt::format("'to' ({}) is before 'from' ({})", o.to->value, o.from->value))
            .hints.push_back("swap 'from' and 'to'");
    if (o.field && o.field->value.substr(0, o.field->value.find('=')).find_first_not_of(" \t") ==
                       std::string::npos)
        sink_
            .error("bad-field-filter", doc_.path_of(o.field->span), o.field->span,
                   fmt::format("'{}' names no field", o.field->value))
            .hints.push_back("write field = \"selected\" or field = \"selected=true\"");
    if (o.bib.empty()) {
        // These filters name what only imported entries have (the others apply to all).
        std::vector<std::pair<std::string_view, Span>> filters;
        if (!o.keys.empty()) filters.emplace_back("keys", o.keys.front().span);
        if (o.field) filters.emplace_back("field", o.field->span);
        for (const auto& [key, span] : filters)
            warn("filter-without-bib", span,
                 fmt::format("'{}' filters entries imported from .bib files, but this section "
                             "has no 'bib'",
                             key))
                .hints.push_back("add bib = [\"publications.bib\"], or remove it");
    }
    if (!o.group_titles.empty() && !o.group_by_type)
        warn("group-titles-unused", o.group_titles.front().second.span,
             "'group_titles' has no effect without group = \"type\"")
            .hints.push_back("add group = \"type\" to the section");
}

template <class Entry>
void Validator::check_entries(const Section& s, const std::vector<Entry>& entries) {
    if (entries.empty() && s.publications.bib.empty()) {
        // An empty publication list is left out of the document (the transform drops it).
        constexpr bool left_out = std::is_same_v<Entry, Publication>;
        warn("empty-section", s.span,
             fmt::format("section '{}' has no entries{}", s.title.value,
                         left_out ? "; it is left out" : ""))
            .hints.push_back(left_out ? "add [[section.entry]] tables or bib = [\"...\"] after it"
                                      : "add [[section.entry]] tables after it, or remove the "
                                        "section");
    }
    std::map<std::string, Span> seen;
    for (const auto& e : entries) {
        check_entry(e);
        const auto [it, fresh] = seen.emplace(identity(e), e.span);
        if (!fresh)
            warn("duplicate-entry", e.span,
                 fmt::format("this entry repeats the one at line {}", it->second.line))
                .hints.push_back("remove one of the two");
    }
}

void Validator::run() {
    const Person& p = doc_.person;
    for (const auto& email : p.emails) check_email(email);
    for (const auto& website : p.websites) check_url(website);
    for (const auto& profile : p.profiles) check_profile(profile);
    check_links_in(p.headline);
    if (!doc_.cv()) return;
    for (const auto& s : doc_.cv()->sections) {
        check_links_in(s.title, s.note);
        for (const auto& [key, label] : s.labels) check_links_in(label);
        std::visit(
            [&](const auto& body) {
                using B = std::decay_t<decltype(body)>;
                if constexpr (std::is_same_v<B, TextBody>)
                    check_links_in(body.text);
                else if constexpr (std::is_same_v<B, RawLatexBody>)
                    return;  // the user's own
                else
                    check_entries(s, body);
                if constexpr (std::is_same_v<B, std::vector<Publication>>)
                    check_publication_options(s);
            },
            s.body);
    }
}

}  // namespace

void validate(const Document& doc, const Date& today, DiagnosticSink& sink) {
    Validator(doc, today, sink).run();
}

}  // namespace cvtex
