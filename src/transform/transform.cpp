// The transform stage: publication lists, then the decisions every writer shares.
#include "cvtex/transform/transform.hpp"

#include <algorithm>

#include "cvtex/base/utf8.hpp"
#include "cvtex/model/dates.hpp"
#include "cvtex/model/names.hpp"

#include "cvtex/transform/documents.hpp"
#include "cvtex/transform/link_target.hpp"
#include "cvtex/transform/publications.hpp"

namespace cvtex {

namespace {

// "https://www.example.org/" -> "example.org": a website as it is shown.
std::string strip_scheme(std::string_view url) {
    if (const auto at = url.find("://"); at != std::string_view::npos) url.remove_prefix(at + 3);
    if (url.starts_with("www.")) url.remove_prefix(4);
    while (url.ends_with('/')) url.remove_suffix(1);
    return std::string(url);
}

// The target a link to `url` may have, or empty (link_target() decides).
std::string target_of(std::string_view url) {
    return link_target(url).url;
}

// "tel:" and the digits and '+' of a phone number, or empty when it has no digit.
std::string phone_target(std::string_view phone) {
    std::string tel;
    for (char c : phone)
        if ((c >= '0' && c <= '9') || c == '+') tel += c;
    return tel.empty() ? std::string() : target_of("tel:" + tel);
}

// A profile's link and text: the site's usual address for the user name, or its `url`.
ContactItem profile_item(const Profile& p, const Locale& locale) {
    const std::string& network = p.network.value;
    std::string user = p.username.value;
    std::string url, shown;
    auto at_site = [&](std::string_view prefix, std::string_view shown_prefix) {
        url = std::string(prefix) + user;
        shown = std::string(shown_prefix) + user;
    };
    if (network == "x" || network == "bluesky") {
        if (user.starts_with('@')) user.erase(0, 1);
        url = (network == "x" ? "https://x.com/" : "https://bsky.app/profile/") + user;
        shown = "@" + user;
    } else if (network == "mastodon") {
        // @name@server: the profile is at https://server/@name.
        const auto at = user.find('@', 1);
        if (user.starts_with('@') && at != std::string::npos)
            url = "https://" + user.substr(at + 1) + "/" + user.substr(0, at);
        shown = user;
    } else if (network == "github") {
        at_site("https://github.com/", "github.com/");
    } else if (network == "gitlab") {
        at_site("https://gitlab.com/", "gitlab.com/");
    } else if (network == "codeberg") {
        at_site("https://codeberg.org/", "codeberg.org/");
    } else if (network == "linkedin") {
        at_site("https://www.linkedin.com/in/", "linkedin.com/in/");
    } else if (network == "huggingface") {
        at_site("https://huggingface.co/", "huggingface.co/");
    } else if (network == "kaggle") {
        at_site("https://www.kaggle.com/", "kaggle.com/");
    } else if (network == "youtube") {
        if (user.starts_with('@')) user.erase(0, 1);
        at_site("https://www.youtube.com/@", "youtube.com/@");
    } else if (network == "scholar") {
        url = "https://scholar.google.com/citations?user=" + user;
        shown = locale.get("google_scholar");
    } else if (network == "orcid") {
        url = "https://orcid.org/" + user;
        shown = locale.get("orcid") + " " + user;
    } else if (network == "researchgate") {
        url = "https://www.researchgate.net/profile/" + user;
        shown = "ResearchGate";
    } else if (network == "dblp") {
        url = "https://dblp.org/pid/" + user + ".html";
        shown = "dblp";
    } else if (network == "stackoverflow") {
        url = "https://stackoverflow.com/users/" + user;
        shown = "Stack Overflow";
    } else {
        shown = user;
    }
    if (p.url) url = p.url->value;
    return ContactItem{network, target_of(url), Text{std::move(shown), p.username.span}};
}

// The items of the contact key `key`: several for a list of emails or profiles.
void add_contact_items(const Person& p, const std::string& key, const Locale& locale,
                       std::vector<ContactItem>& out) {
    auto item = [&](const Text& value, std::string target, std::string shown) {
        out.push_back(ContactItem{key, std::move(target), Text{std::move(shown), value.span}});
    };
    if (key == "address" && p.address) item(*p.address, "", p.address->value);
    if (key == "location" && p.location) item(*p.location, "", p.location->value);
    if (key == "email")
        for (const auto& e : p.emails) item(e, target_of("mailto:" + e.value), e.value);
    if (key == "phone")
        for (const auto& t : p.phones) item(t, phone_target(t.value), t.value);
    if (key == "website")
        for (const auto& w : p.websites) item(w, target_of(w.value), strip_scheme(w.value));
    if (key == "github" && p.github)
        item(*p.github, target_of("https://github.com/" + p.github->value),
             "github.com/" + p.github->value);
    if (key == "linkedin" && p.linkedin)
        item(*p.linkedin, target_of("https://www.linkedin.com/in/" + p.linkedin->value),
             "linkedin.com/in/" + p.linkedin->value);
    if (key == "scholar" && p.scholar)
        item(*p.scholar, target_of("https://scholar.google.com/citations?user=" + p.scholar->value),
             locale.get("google_scholar"));
    if (key == "orcid" && p.orcid)
        item(*p.orcid, target_of("https://orcid.org/" + p.orcid->value),
             locale.get("orcid") + " " + p.orcid->value);
    if (key == "profiles")
        for (const auto& profile : p.profiles) out.push_back(profile_item(profile, locale));
}

// A blank line: a newline followed by white space and another newline.
std::size_t paragraph_break(std::string_view s) {
    for (std::size_t i = s.find('\n'); i != std::string_view::npos; i = s.find('\n', i + 1)) {
        const auto next = s.find_first_not_of(" \t\r", i + 1);
        if (next != std::string_view::npos && s[next] == '\n') return i;
    }
    return std::string_view::npos;
}

bool starts_with_lower(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && utf8::ascii_lower(s.substr(0, prefix.size())) == prefix;
}

bool is_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// An arXiv identifier with an optional version: "1810.12169", "1810.12169v2", "math/0501001",
// "math.GT/0309136v1".
bool is_arxiv_id(std::string_view id) {
    if (const auto v = id.rfind('v'); v != std::string_view::npos && is_digits(id.substr(v + 1)))
        id = id.substr(0, v);
    if (const auto slash = id.find('/'); slash != std::string_view::npos) {
        const std::string_view archive = id.substr(0, slash);
        return !archive.empty() && is_digits(id.substr(slash + 1)) && id.size() - slash - 1 == 7 &&
               std::all_of(archive.begin(), archive.end(), [](char c) {
                   return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '.';
               });
    }
    const auto dot = id.find('.');
    return dot == 4 && is_digits(id.substr(0, 4)) && is_digits(id.substr(5)) &&
           (id.size() == 9 || id.size() == 10);
}

// The arXiv identifier in `arxiv` (or an arXiv `eprint`) as pages write it: "1810.12169",
// "arXiv:1810.12169v2", "math/0501001", "2207.12545 [cs, stat]", or a URL of arxiv.org
// ("https://arxiv.org/abs/1810.12169", ".../pdf/1703.06633v3.pdf"). Anything else is kept as
// written; a URL of another site is empty.
std::string arxiv_id(std::string_view value) {
    std::string_view id = value;
    if (starts_with_lower(id, "arxiv:")) id.remove_prefix(6);
    for (std::string_view site : {"https://", "http://"}) {
        if (!starts_with_lower(id, site)) continue;
        std::string_view rest = id.substr(site.size());
        for (std::string_view host : {"www.arxiv.org/", "arxiv.org/", "export.arxiv.org/"})
            if (starts_with_lower(rest, host)) rest.remove_prefix(host.size());
        bool found = false;
        for (std::string_view page : {"abs/", "pdf/", "html/"})
            if (rest.starts_with(page)) rest.remove_prefix(page.size()), found = true;
        if (!found) return {};
        if (rest.ends_with(".pdf")) rest.remove_suffix(4);
        while (rest.ends_with('/')) rest.remove_suffix(1);
        id = rest;
    }
    // A category after the id: "2207.12545 [cs, stat]".
    if (const auto cut = id.find(" ["); cut != std::string_view::npos && id.ends_with(']'))
        id = id.substr(0, cut);
    return is_arxiv_id(id) ? std::string(id) : std::string(value);
}

// An arXiv link labelled by its id; a URL of another site (a bioRxiv preprint, say) links to
// that URL instead.
PublicationLink arxiv_link(const Text& arxiv) {
    using K = PublicationLink::Kind;
    const std::string id = arxiv_id(arxiv.value);
    if (id.empty()) return {K::preprint, target_of(arxiv.value), arxiv};
    return {K::arxiv, target_of("https://arxiv.org/abs/" + id), Text{id, arxiv.span}};
}

std::vector<PublicationLink> publication_links(const Publication& p) {
    using K = PublicationLink::Kind;
    std::vector<PublicationLink> out;
    if (p.doi) out.push_back({K::doi, target_of("https://doi.org/" + p.doi->value), *p.doi});
    if (p.arxiv) out.push_back(arxiv_link(*p.arxiv));
    if (p.url) out.push_back({K::url, target_of(p.url->value), *p.url});
    if (p.code) out.push_back({K::code, target_of(p.code->value), *p.code});
    return out;
}

BylineRole byline_role(const Publication& p) {
    // "et al." alone is a byline too (an editor list that is only "others").
    if (!p.editors || (p.byline.empty() && !p.et_al)) return BylineRole::authors;
    return p.byline.size() > 1 || p.et_al ? BylineRole::editors : BylineRole::editor;
}

// The marks a list uses; an entry without a byline (never prepared) counts its marks.
Legend legend_of(const std::vector<Publication>& list) {
    Legend legend;
    for (const auto& p : list) {
        for (const auto& a : p.byline) {
            legend.equal |= a.equal;
            legend.corresponding |= a.corresponding;
        }
        if (p.byline.empty()) {
            legend.equal |= !p.equal.empty();
            legend.corresponding |= !p.corresponding.empty();
        }
    }
    return legend;
}

// "450,000" with a currency: USD, EUR, GBP and JPY as their symbols, another code before the
// number ("CHF 150,000"), a symbol as written ("₹150,000").
std::string amount_text(long long amount, const std::optional<Text>& currency) {
    const std::string digits = std::to_string(amount);
    std::string number;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0 && digits[i - 1] != '-') number += ',';
        number += digits[i];
    }
    if (!currency) return number;
    const std::string code = utf8::ascii_lower(currency->value);
    if (code == "usd") return "$" + number;
    if (code == "eur") return "€" + number;
    if (code == "gbp") return "£" + number;
    if (code == "jpy") return "¥" + number;
    const bool word =
        std::any_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    return word ? currency->value + " " + number : currency->value + number;
}

// The detail line `key` of `s`'s kind, when the entry has a value for it.
void add_detail(const Section& s, const Settings& settings, std::string_view kind,
                std::string_view key, const std::optional<Text>& value, std::vector<Detail>& out,
                bool markup = true) {
    if (value) out.push_back({label_text(s, kind, key, settings.locale), *value, markup});
}

void decide_entries(Section& s, std::vector<EducationEntry>& list, const Settings& settings) {
    for (auto& e : list) {
        e.details.clear();
        add_detail(s, settings, "education", "minor", e.minor, e.details);
        add_detail(s, settings, "education", "gpa", e.gpa, e.details, false);
        add_detail(s, settings, "education", "honors", e.honors, e.details);
        add_detail(s, settings, "education", "thesis", e.thesis, e.details);
        add_detail(s, settings, "education", "advisor", e.advisor, e.details);
    }
}

void decide_entries(Section& s, std::vector<ProjectEntry>& list, const Settings& settings) {
    for (auto& e : list) {
        e.details.clear();
        if (e.technologies.empty()) continue;
        e.details.push_back({label_text(s, "projects", "technologies", settings.locale),
                             {},
                             false,
                             e.technologies});
    }
}

void decide_entries(Section& s, std::vector<TalkEntry>& list, const Settings& settings) {
    for (auto& e : list)
        e.type_label = e.type
                           ? std::optional(label_text(s, "talks", e.type->value, settings.locale))
                           : std::nullopt;
}

void decide_entries(Section&, std::vector<GrantEntry>& list, const Settings&) {
    for (auto& e : list) e.amount_text = e.amount ? amount_text(e.amount->value, e.currency) : "";
}

void decide_entries(Section& s, std::vector<CertificationEntry>& list, const Settings& settings) {
    for (auto& e : list) {
        e.details.clear();
        add_detail(s, settings, "certifications", "credential", e.credential, e.details, false);
        if (e.expires)
            add_detail(s, settings, "certifications", "expires",
                       Text{format_date(*e.expires, settings.date_style, settings.locale),
                            e.expires->span},
                       e.details, false);
    }
}

void decide_entries(Section& s, std::vector<StudentEntry>& list, const Settings& settings) {
    for (auto& e : list) {
        e.details.clear();
        add_detail(s, settings, "students", "thesis", e.thesis, e.details);
    }
}

void decide_entries(OwnerMatcher& owners, std::vector<PatentEntry>& list) {
    for (auto& e : list) {
        e.byline.clear();
        for (const auto& name : e.inventors)
            e.byline.push_back({name.value, name.span, owners.matches(name.value)});
    }
}

// Three referees side by side, or five and more in rows of three; else rows of two.
void decide_entries(Section& s, std::vector<RefereeEntry>& list, const Settings&) {
    const std::size_t n = list.size();
    s.column_count = s.columns ? static_cast<int>(s.columns->value) : n == 3 || n >= 5 ? 3 : 2;
    for (auto& e : list) {
        e.contacts.clear();
        if (e.email)
            e.contacts.push_back({"email", target_of("mailto:" + e.email->value), *e.email});
        if (e.phone) e.contacts.push_back({"phone", phone_target(e.phone->value), *e.phone});
    }
}

void decide_section(Section& s, const Document& doc, OwnerMatcher& owners) {
    if (auto* text = std::get_if<TextBody>(&s.body))
        text->paragraphs = split_paragraphs(text->text);
    if (auto* list = std::get_if<std::vector<Publication>>(&s.body)) {
        for (auto& p : *list) {
            p.links = publication_links(p);
            p.role = byline_role(p);
        }
        s.legend = legend_of(*list);
    }
    std::visit(
        [&](auto& body) {
            using B = std::decay_t<decltype(body)>;
            if constexpr (std::is_same_v<B, std::vector<PatentEntry>>)
                decide_entries(owners, body);
            else if constexpr (requires { decide_entries(s, body, doc.settings); })
                decide_entries(s, body, doc.settings);
        },
        s.body);
}

}  // namespace

std::vector<ContactItem> contact_items(const Person& person, const Locale& locale) {
    std::vector<ContactItem> out;
    for (const auto& key : person.contact_order) add_contact_items(person, key, locale, out);
    return out;
}

std::vector<Text> split_paragraphs(const Text& text) {
    std::vector<Text> out;
    std::string_view rest = text.value;
    while (!rest.empty()) {
        const std::size_t cut = paragraph_break(rest);
        std::string_view para = rest.substr(0, cut);
        const auto first = para.find_first_not_of(" \t\r\n");
        if (first != std::string_view::npos) {
            para = para.substr(first, para.find_last_not_of(" \t\r\n") - first + 1);
            out.push_back(Text{std::string(para), text.span});
        }
        if (cut == std::string_view::npos) break;
        rest.remove_prefix(cut + 1);
    }
    return out;
}

void decide_presentation(Document& doc) {
    doc.person.contacts = contact_items(doc.person, doc.settings.locale);
    OwnerMatcher owners(owner_names(doc.person));
    if (Cv* cv = doc.cv())
        for (auto& s : cv->sections) decide_section(s, doc, owners);
    if (auto* statement = std::get_if<Statement>(&doc.content))
        if (statement->references) decide_section(*statement->references, doc, owners);
}

void transform(Document& doc, const TransformOptions& options, Sources& sources,
               DiagnosticSink& sink) {
    select(doc, options.selection, sink);
    if (sink.has_errors()) return;
    prepare_document(doc, options, sources, sink);
    prepare_publications(doc, sources, sink);
    decide_presentation(doc);
}

}  // namespace cvtex
