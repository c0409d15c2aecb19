// The transform stage: publication lists, then the decisions every writer shares.
#include "cvtex/transform/transform.hpp"

#include <algorithm>

#include "cvtex/base/utf8.hpp"

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

std::optional<ContactItem> contact_item(const Person& p, const std::string& key,
                                        const Locale& locale) {
    auto item = [&](const std::optional<Text>& value, std::string target, std::string shown) {
        return ContactItem{key, std::move(target), Text{std::move(shown), value->span}};
    };
    if (key == "address" && p.address) return item(p.address, "", p.address->value);
    if (key == "location" && p.location) return item(p.location, "", p.location->value);
    if (key == "email" && p.email)
        return item(p.email, target_of("mailto:" + p.email->value), p.email->value);
    if (key == "phone" && p.phone)
        return item(p.phone, phone_target(p.phone->value), p.phone->value);
    if (key == "website" && p.website)
        return item(p.website, target_of(p.website->value), strip_scheme(p.website->value));
    if (key == "github" && p.github)
        return item(p.github, target_of("https://github.com/" + p.github->value),
                    "github.com/" + p.github->value);
    if (key == "linkedin" && p.linkedin)
        return item(p.linkedin, target_of("https://www.linkedin.com/in/" + p.linkedin->value),
                    "linkedin.com/in/" + p.linkedin->value);
    if (key == "scholar" && p.scholar)
        return item(p.scholar,
                    target_of("https://scholar.google.com/citations?user=" + p.scholar->value),
                    locale.get("google_scholar"));
    if (key == "orcid" && p.orcid)
        return item(p.orcid, target_of("https://orcid.org/" + p.orcid->value),
                    locale.get("orcid") + " " + p.orcid->value);
    return std::nullopt;
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

void decide_section(Section& s) {
    if (auto* text = std::get_if<TextBody>(&s.body))
        text->paragraphs = split_paragraphs(text->text);
    if (auto* list = std::get_if<std::vector<Publication>>(&s.body)) {
        for (auto& p : *list) {
            p.links = publication_links(p);
            p.role = byline_role(p);
        }
        s.legend = legend_of(*list);
    }
}

}  // namespace

std::vector<ContactItem> contact_items(const Person& person, const Locale& locale) {
    std::vector<ContactItem> out;
    for (const auto& key : person.contact_order)
        if (auto item = contact_item(person, key, locale)) out.push_back(std::move(*item));
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
    if (Cv* cv = doc.cv())
        for (auto& s : cv->sections) decide_section(s);
    if (auto* statement = std::get_if<Statement>(&doc.content))
        if (statement->references) decide_section(*statement->references);
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
