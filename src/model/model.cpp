// The few functions of the model structs.
#include "cvtex/model/model.hpp"

#include <algorithm>

namespace cvtex {

FileId Document::add_file(const std::string& path) {
    if (files.empty()) files.push_back(source_path);
    const auto it = std::find(files.begin(), files.end(), path);
    if (it != files.end()) return static_cast<FileId>(it - files.begin());
    files.push_back(path);
    return static_cast<FileId>(files.size() - 1);
}

std::vector<PersonName> owner_names(const Person& person) {
    std::vector<PersonName> out{split_name(person.name.value)};
    for (const auto& a : person.aliases) out.push_back(split_name(a.value));
    return out;
}

const std::vector<std::string_view>& bundled_themes() {
    static const std::vector<std::string_view> themes{"classic", "moderncv", "engineering",
                                                      "academic", "sidebar"};
    return themes;
}

const std::vector<std::string_view>& bundled_fonts() {
    static const std::vector<std::string_view> fonts{"lmodern",   "charter", "palatino",  "times",
                                                     "helvetica", "bookman", "schoolbook"};
    return fonts;
}

bool Settings::custom_theme() const {
    return !theme.value.empty() && std::find(bundled_themes().begin(), bundled_themes().end(),
                                             theme.value) == bundled_themes().end();
}

bool Settings::bundled_font() const {
    return std::find(bundled_fonts().begin(), bundled_fonts().end(), font) != bundled_fonts().end();
}

bool is_listed(const std::vector<Text>& names, std::string_view name) {
    return std::any_of(names.begin(), names.end(), [&](const Text& t) { return t.value == name; });
}

const std::vector<PublicationGroup>& publication_groups() {
    static const std::vector<PublicationGroup> groups{
        {"article", "Journal Articles", "Journal articles (@article)", "\"Journal Papers\""},
        {"conference", "Conference Papers", "Conference papers (@inproceedings, @conference)",
         "\"Refereed Conference Papers\""},
        {"book", "Books and Chapters", "Books and chapters (@book, @inbook, @incollection)",
         "\"Books\""},
        {"report", "Technical Reports", "Technical reports (@techreport)", "\"Reports\""},
        {"preprint", "Preprints", "Preprints (@unpublished, arXiv entries)", "\"Under Review\""},
        {"thesis", "Theses", "Theses (@phdthesis, @mastersthesis)", "\"Dissertation\""},
        {"talk", "Talks", "Talks (@talk, @presentation)", "\"Invited Talks\""},
        {"other", "Other", "Everything else (@misc, ...)", "\"Other Publications\""},
    };
    return groups;
}

const std::vector<EntryLabel>& entry_labels() {
    static const std::vector<EntryLabel> labels{
        {"education", "minor", "minor", "\"Second subject\""},
        {"education", "gpa", "gpa", "\"Grade\""},
        {"education", "honors", "honors", "\"Distinction\""},
        {"education", "thesis", "thesis", "\"Dissertation\""},
        {"education", "advisor", "advisor", "\"Supervisor\""},
        {"projects", "technologies", "technologies", "\"Stack\""},
        {"talks", "invited", "invited", "\"Invited talk\""},
        {"talks", "contributed", "contributed", "\"Contributed talk\""},
        {"talks", "keynote", "keynote", "\"Keynote address\""},
        {"talks", "plenary", "plenary", "\"Plenary talk\""},
        {"talks", "poster", "poster", "\"Poster presentation\""},
        {"talks", "tutorial", "tutorial", "\"Hands-on tutorial\""},
        {"talks", "panel", "panel", "\"Panelist\""},
        {"certifications", "credential", "credential_id", "\"Licence number\""},
        {"certifications", "expires", "valid_until", "\"Expires\""},
        {"students", "thesis", "thesis", "\"Project\""},
    };
    return labels;
}

const std::string& EntryLabel::english() const {
    return english_locale().get(locale_key);
}

Text label_text(const Section& section, std::string_view kind, std::string_view key,
                const Locale& locale) {
    for (const auto& [k, text] : section.labels)
        if (k == key) return text;
    for (const auto& l : entry_labels())
        if (l.kind == kind && l.key == key) return Text{locale.get(l.locale_key), section.span};
    return Text{std::string(key), section.span};
}

const std::vector<ProfileNetwork>& profile_networks() {
    static const std::vector<ProfileNetwork> networks{
        {"github", "GitHub"},
        {"gitlab", "GitLab"},
        {"codeberg", "Codeberg"},
        {"linkedin", "LinkedIn"},
        {"x", "X"},
        {"mastodon", "Mastodon"},
        {"bluesky", "Bluesky"},
        {"scholar", "Google Scholar"},
        {"orcid", "ORCID"},
        {"researchgate", "ResearchGate"},
        {"dblp", "dblp"},
        {"stackoverflow", "Stack Overflow"},
        {"kaggle", "Kaggle"},
        {"huggingface", "Hugging Face"},
        {"youtube", "YouTube"},
        {"other", "another site (give its url)"},
    };
    return networks;
}

std::string_view Document::kind() const {
    if (std::holds_alternative<Letter>(content)) return "letter";
    if (std::holds_alternative<Statement>(content)) return "statement";
    return "cv";
}

std::string Document::describe() const {
    if (const auto* s = std::get_if<Statement>(&content))
        return "the statement '" + s->title.value + "'";
    return kind() == "letter" ? "the letter" : "the CV";
}

const std::string& Document::path_of(Span span) const {
    return span.file < files.size() ? files[span.file] : source_path;
}

}  // namespace cvtex
