// JSON Resume 1.0 writer: the CV in jsonresume.org's schema. JSON's escaping is nlohmann-json's
// (its dump() is this format's one escaping function); text fields lose their markup
// (markup::plain_text()). What JSON Resume has no place for is a warning at its TOML key.
#include "cvtex/write/json_resume_writer.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <set>

#include "cvtex/read/markup.hpp"
#include "cvtex/transform/link_target.hpp"
#include "cvtex/transform/outline.hpp"

namespace cvtex {

namespace {

using Json = nlohmann::ordered_json;

class Writer {
  public:
    Writer(const Document& doc, DiagnosticSink& sink) : doc_(doc), sink_(sink) {}
    std::string run();

  private:
    static std::string plain(const Text& t) { return markup::plain_text(t.value); }
    // Sets `key` of `j` to the plain text of `t`, when given.
    static void set(Json& j, const char* key, const std::optional<Text>& t) {
        if (t && !t->empty()) j[key] = plain(*t);
    }
    // An entry's link, as every writer links it (link_target): a refused scheme
    // (javascript:, data:, ...) is left out, a bare domain gets https://.
    static void set_url(Json& j, const std::optional<Text>& t) {
        if (!t || t->empty()) return;
        if (std::string url = link_target(t->value).url; !url.empty()) j["url"] = std::move(url);
    }
    // A warning that JSON Resume cannot hold `what`, once per section and thing.
    void lost(Span span, const std::string& what) {
        report(span, what,
               fmt::format("JSON Resume has no place for {}; the export leaves it out", what));
    }
    void report(Span span, const std::string& what, const std::string& message) {
        if (!reported_.insert(fmt::format("{}:{}", section_, what)).second) return;
        sink_.warning("json-resume-unmapped", doc_.path_of(span), span, message)
            .hints.push_back("the PDF, HTML, Markdown and plain text show it (docs/formats.md)");
    }
    void lost(const std::optional<Text>& t, const std::string& what) {
        if (t && !t->empty()) lost(t->span, what);
    }
    void dates(Json& j, const When& w, Span span, const char* start = "startDate",
               const char* end = "endDate");
    Json highlights(const std::vector<Highlight>& list, Span span);
    static Json strings(const std::vector<Text>& list) {
        Json a = Json::array();
        for (const auto& t : list) a.push_back(plain(t));
        return a;
    }
    void basics();
    void section(const Section& s);
    void add(const Section&, const TextBody& b);
    void add(const Section&, const std::vector<EducationEntry>& list);
    void add(const Section&, const std::vector<ExperienceEntry>& list);
    void add(const Section&, const std::vector<Publication>& list);
    void add(const Section&, const std::vector<ListEntry>& list);
    void add(const Section&, const std::vector<OnelineEntry>& list);
    void add(const Section&, const std::vector<DatedEntry>& list);
    void add(const Section&, const std::vector<SkillEntry>& list);
    void add(const Section&, const std::vector<ProjectEntry>& list);
    void add(const Section&, const std::vector<TalkEntry>& list);
    void add(const Section&, const std::vector<GrantEntry>& list);
    void add(const Section&, const std::vector<PatentEntry>& list);
    void add(const Section&, const std::vector<ServiceEntry>& list);
    void add(const Section&, const std::vector<MembershipEntry>& list);
    void add(const Section&, const std::vector<CertificationEntry>& list);
    void add(const Section&, const std::vector<StudentEntry>& list);
    void add(const Section&, const std::vector<RefereeEntry>& list);
    void add(const Section&, const RawLatexBody& b);

    const Document& doc_;
    DiagnosticSink& sink_;
    Json out_;
    std::size_t section_ = 0;
    std::set<std::string> reported_;
};

void Writer::dates(Json& j, const When& w, Span span, const char* start, const char* end) {
    auto iso = [&](const Date& d, const char* key) {
        if (d.present) return;  // an open end: JSON Resume leaves endDate out
        const std::string s = outline::iso_date(d);
        if (s.empty() || !d.text.empty()) lost(d.span.valid() ? d.span : span, "a date in words");
        if (!s.empty()) j[key] = s;
    };
    if (w.date) iso(*w.date, start);
    if (w.start) iso(*w.start, start);
    if (w.end) iso(*w.end, end);
}

Json Writer::highlights(const std::vector<Highlight>& list, Span span) {
    Json a = Json::array();
    for (const auto& h : list) {
        a.push_back(plain(h.text));
        if (!h.children.empty()) lost(span, "nested highlights (they follow their parent)");
        for (const auto& c : h.children) a.push_back(plain(c));
    }
    return a;
}

void Writer::basics() {
    const Person& p = doc_.person;
    Json b;
    b["name"] = p.name.value;  // plain text, not markup
    set(b, "label", p.headline);
    if (!p.emails.empty()) b["email"] = p.emails[0].value;
    if (!p.phones.empty()) b["phone"] = p.phones[0].value;
    if (!p.websites.empty()) {
        for (const auto& c : p.contacts)
            if (c.type == "website" && !c.target.empty() && !b.contains("url")) b["url"] = c.target;
    }
    for (std::size_t i = 1; i < p.emails.size(); ++i) lost(p.emails[i].span, "a second email");
    for (std::size_t i = 1; i < p.phones.size(); ++i) lost(p.phones[i].span, "a second phone");
    for (std::size_t i = 1; i < p.websites.size(); ++i)
        lost(p.websites[i].span, "a second website");
    if (p.address || p.location) {
        Json loc;
        set(loc, "address", p.address);
        if (p.location) loc[p.address ? "city" : "address"] = plain(*p.location);
        b["location"] = loc;
    }
    Json profiles = Json::array();
    for (const auto& c : p.contacts) {
        if (c.type == "email" || c.type == "phone" || c.type == "website") continue;
        Json profile;
        profile["network"] = c.type;
        profile["username"] = c.text.value;
        if (!c.target.empty()) profile["url"] = c.target;
        profiles.push_back(profile);
    }
    if (!profiles.empty()) b["profiles"] = profiles;
    lost(p.photo, "the photo (an image file; basics.image is a URL)");
    for (const auto& a : p.aliases) lost(a.span, "aliases");
    out_["basics"] = b;
}

void Writer::add(const Section& s, const TextBody& b) {
    if (!out_["basics"].contains("summary") && !b.text.empty()) {
        std::string text;
        for (const auto& para : b.paragraphs) text += (text.empty() ? "" : "\n\n") + plain(para);
        out_["basics"]["summary"] = text;
        return;
    }
    lost(s.span, "a second text section (basics.summary holds the first)");
}

void Writer::add(const Section&, const std::vector<EducationEntry>& list) {
    for (const auto& e : list) {
        Json j;
        j["institution"] = plain(e.institution);
        set_url(j, e.url);
        set(j, "area", e.area);
        set(j, "studyType", e.degree);
        dates(j, e.when, e.span);
        set(j, "score", e.gpa);
        lost(e.location, "an education's location");
        lost(e.minor, "an education's minor");
        lost(e.honors, "an education's honors");
        lost(e.thesis, "an education's thesis");
        lost(e.advisor, "an education's advisor");
        lost(e.summary, "an education's summary");
        if (!e.highlights.empty()) lost(e.span, "an education's highlights");
        out_["education"].push_back(j);
    }
}

void Writer::add(const Section&, const std::vector<ExperienceEntry>& list) {
    for (const auto& e : list) {
        Json j;
        j["name"] = plain(e.organization);
        set(j, "position", e.position);
        set(j, "location", e.location);
        set_url(j, e.url);
        dates(j, e.when, e.span);
        set(j, "summary", e.summary);
        if (!e.highlights.empty()) j["highlights"] = highlights(e.highlights, e.span);
        out_["work"].push_back(j);
    }
}

void Writer::add(const Section&, const std::vector<Publication>& list) {
    for (const auto& p : list) {
        Json j;
        j["name"] = plain(p.title);
        set(j, "publisher", p.venue);
        dates(j, p.when, p.span, "releaseDate", "releaseDate");
        for (const auto& l : p.links)
            if (!l.target.empty() && !j.contains("url")) j["url"] = l.target;
        std::string authors;
        for (const auto& a : p.byline) authors += (authors.empty() ? "" : ", ") + a.name;
        if (p.et_al) authors += (authors.empty() ? "" : ", ") + doc_.settings.locale.get("et_al");
        // JSON Resume has no authors: the summary says who wrote it, so that no fact is lost.
        if (!authors.empty()) j["summary"] = authors;
        if (!authors.empty())
            report(p.span, "authors",
                   "JSON Resume's publications have no authors; the export puts them into each "
                   "publication's summary");
        lost(p.award, "a publication's award");
        lost(p.note, "a publication's note");
        if (p.links.size() > 1) lost(p.span, "more than one link per publication");
        out_["publications"].push_back(j);
    }
}

void Writer::add(const Section&, const std::vector<ListEntry>& list) {
    for (const auto& e : list) {
        Json j;
        if (e.label) j["name"] = plain(*e.label);
        j["keywords"] = strings(e.items);
        out_["skills"].push_back(j);
    }
}

void Writer::add(const Section&, const std::vector<OnelineEntry>& list) {
    for (const auto& e : list) {
        Json j;
        j["name"] = plain(e.label);
        j["keywords"] = Json::array({plain(e.details)});
        out_["skills"].push_back(j);
    }
}

void Writer::add(const Section&, const std::vector<DatedEntry>& list) {
    for (const auto& e : list) {
        Json j;
        j["title"] = plain(e.title);
        dates(j, e.when, e.span, "date", "date");
        set(j, "awarder", e.location);
        set(j, "summary", e.details);
        lost(e.url, "an award's URL");
        if (e.when.start && e.when.end) lost(e.span, "an award's date range (date is its start)");
        out_["awards"].push_back(j);
    }
}

void Writer::add(const Section&, const std::vector<SkillEntry>& list) {
    for (const auto& e : list) {
        Json j;
        j["name"] = plain(e.label);
        set(j, "level", e.level);
        if (!e.items.empty()) j["keywords"] = strings(e.items);
        out_["skills"].push_back(j);
    }
}

void Writer::add(const Section&, const std::vector<ProjectEntry>& list) {
    for (const auto& e : list) {
        Json j;
        j["name"] = plain(e.name);
        set(j, "description", e.summary);
        if (!e.highlights.empty()) j["highlights"] = highlights(e.highlights, e.span);
        if (!e.technologies.empty()) j["keywords"] = strings(e.technologies);
        dates(j, e.when, e.span);
        set_url(j, e.url);
        if (e.role) j["roles"] = Json::array({plain(*e.role)});
        lost(e.location, "a project's location");
        out_["projects"].push_back(j);
    }
}

void Writer::add(const Section& s, const std::vector<TalkEntry>& list) {
    if (!list.empty()) lost(s.span, "talks");
}

void Writer::add(const Section&, const std::vector<GrantEntry>& list) {
    for (const auto& e : list) {
        Json j;
        j["title"] = plain(e.title);
        dates(j, e.when, e.span, "date", "date");
        set(j, "awarder", e.agency);
        set(j, "summary", e.summary);
        lost(e.role, "a grant's role");
        if (e.amount) lost(e.amount->span, "a grant's amount");
        if (!e.highlights.empty()) lost(e.span, "a grant's highlights");
        lost(e.url, "a grant's URL");
        out_["awards"].push_back(j);
    }
}

void Writer::add(const Section& s, const std::vector<PatentEntry>& list) {
    if (!list.empty()) lost(s.span, "patents");
}

void Writer::add(const Section&, const std::vector<ServiceEntry>& list) {
    for (const auto& e : list) {
        Json j;
        if (e.organization) j["organization"] = plain(*e.organization);
        j["position"] = plain(e.role);
        set_url(j, e.url);
        dates(j, e.when, e.span);
        set(j, "summary", e.details);
        out_["volunteer"].push_back(j);
    }
}

void Writer::add(const Section&, const std::vector<MembershipEntry>& list) {
    for (const auto& e : list) {
        Json j;
        j["organization"] = plain(e.organization);
        set(j, "position", e.role);
        set_url(j, e.url);
        dates(j, e.when, e.span);
        set(j, "summary", e.details);
        out_["volunteer"].push_back(j);
    }
}

void Writer::add(const Section&, const std::vector<CertificationEntry>& list) {
    for (const auto& e : list) {
        Json j;
        j["name"] = plain(e.name);
        dates(j, e.when, e.span, "date", "date");
        set(j, "issuer", e.issuer);
        set_url(j, e.url);
        lost(e.credential, "a certificate's credential");
        if (e.expires) lost(e.expires->span, "a certificate's expiry");
        out_["certificates"].push_back(j);
    }
}

void Writer::add(const Section& s, const std::vector<StudentEntry>& list) {
    if (!list.empty()) lost(s.span, "students");
}

void Writer::add(const Section&, const std::vector<RefereeEntry>& list) {
    for (const auto& e : list) {
        Json j;
        j["name"] = plain(e.name);
        std::string reference;
        for (const auto* t : {&e.title, &e.institution, &e.relationship, &e.email, &e.phone})
            if (*t) reference += (reference.empty() ? "" : ", ") + plain(**t);
        for (const auto& a : e.address) reference += (reference.empty() ? "" : ", ") + plain(a);
        if (!reference.empty()) j["reference"] = reference;
        out_["references"].push_back(j);
    }
}

void Writer::add(const Section& s, const RawLatexBody&) {
    lost(s.span, "raw LaTeX");
}

void Writer::section(const Section& s) {
    ++section_;
    std::visit([&](const auto& body) { add(s, body); }, s.body);
}

std::string Writer::run() {
    out_["$schema"] =
        "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json";
    basics();
    if (const Cv* cv = doc_.cv())
        for (const auto& s : cv->sections) section(s);
    out_["meta"]["version"] = "v1.0.0";
    return out_.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string write_json_resume(const Document& doc, const WriteOptions&, DiagnosticSink& sink) {
    if (!doc.cv()) {
        sink.error(
                "format-needs-cv", doc.source_path, {},
                fmt::format("JSON Resume holds a CV; {} cannot be exported to it", doc.describe()))
            .hints.push_back("--emit md, txt or html write letters and statements");
        return {};
    }
    return Writer(doc, sink).run();
}

}  // namespace cvtex
