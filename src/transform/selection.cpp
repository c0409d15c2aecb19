// Variants and tags: what a CV shows.
#include "cvtex/transform/selection.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace cvtex {

namespace {

// The tags in force and the rule that applies them.
struct TagFilter {
    std::vector<std::string> keep, drop;

    // Kept: no tag is dropped, and, when there are tags to keep, it has one of them or none.
    bool keeps(const std::vector<Text>& tags) const {
        auto has = [&](const std::vector<std::string>& list) {
            return std::any_of(tags.begin(), tags.end(), [&](const Text& t) {
                return std::find(list.begin(), list.end(), t.value) != list.end();
            });
        };
        if (has(drop)) return false;
        return keep.empty() || tags.empty() || has(keep);
    }
};

// Every entry of a section's body with tags, passed to `f`.
template <class F>
void for_each_entry_tags(const Section& s, F f) {
    std::visit(
        [&](const auto& body) {
            using B = std::decay_t<decltype(body)>;
            if constexpr (!std::is_same_v<B, TextBody> && !std::is_same_v<B, RawLatexBody>)
                for (const auto& e : body) f(e.tags);
        },
        s.body);
}

// Drops the entries the filter does not keep; false when it dropped every entry of a
// section that had some.
bool filter_entries(Section& s, const TagFilter& filter) {
    bool emptied = false;
    std::visit(
        [&](auto& body) {
            using B = std::decay_t<decltype(body)>;
            if constexpr (!std::is_same_v<B, TextBody> && !std::is_same_v<B, RawLatexBody>) {
                const bool had = !body.empty();
                std::erase_if(body, [&](const auto& e) { return !filter.keeps(e.tags); });
                emptied = had && body.empty() && s.publications.bib.empty();
            }
        },
        s.body);
    return !emptied;
}

void did_you_mean(Diagnostic& d, const std::string& word, const std::vector<std::string>& known,
                  std::string_view what) {
    const std::string guess = closest_match(word, known);
    if (!guess.empty())
        d.hints.push_back(fmt::format("did you mean '{}'?", guess));
    else if (!known.empty())
        d.hints.push_back(fmt::format("the {} are: {}", what, fmt::join(known, ", ")));
}

class Selector {
  public:
    Selector(Document& doc, Cv& cv, DiagnosticSink& sink) : doc_(doc), cv_(cv), sink_(sink) {}

    void run(const Selection& selection);

  private:
    const Variant* find_variant(const Given& name);
    bool check_tags(const std::vector<Given>& tags);
    void order_sections(const Variant& v);

    Document& doc_;
    Cv& cv_;
    DiagnosticSink& sink_;
};

const Variant* Selector::find_variant(const Given& name) {
    for (const auto& v : cv_.variants)
        if (v.name.value == name.value) return &v;
    std::vector<std::string> names;
    for (const auto& v : cv_.variants) names.push_back(v.name.value);
    auto& d =
        sink_.error("unknown-variant", name.file, name.span,
                    fmt::format("{} has no variant called '{}'", doc_.source_path, name.value));
    if (names.empty())
        d.hints.push_back("declare one in the CV with [[variant]] and name = \"...\"");
    else
        did_you_mean(d, name.value, names, "variants");
    return nullptr;
}

// Every tag asked for must be used somewhere: a misspelt tag would silently show everything.
bool Selector::check_tags(const std::vector<Given>& tags) {
    const std::vector<std::string> used = tags_used(cv_);
    bool ok = true;
    for (const auto& t : tags) {
        if (std::find(used.begin(), used.end(), t.value) != used.end()) continue;
        auto& d = sink_.error(
            "unknown-tag", t.file, t.span,
            fmt::format("no section or entry of {} has the tag '{}'", doc_.source_path, t.value));
        if (used.empty())
            d.hints.push_back("give sections or entries tags = [\"...\"]");
        else
            did_you_mean(d, t.value, used, "tags in use");
        ok = false;
    }
    return ok;
}

// The variant's sections, in its order, named by id or title.
void Selector::order_sections(const Variant& v) {
    if (v.sections.empty()) return;
    std::vector<Section> ordered;
    std::vector<bool> taken(cv_.sections.size());
    std::vector<std::string> names;
    for (const auto& s : cv_.sections) names.push_back(s.id ? s.id->value : s.title.value);
    for (const auto& name : v.sections) {
        auto named = [&](const Section& s) {
            return (s.id && s.id->value == name.value) || s.title.value == name.value;
        };
        const auto it = std::find_if(cv_.sections.begin(), cv_.sections.end(), named);
        if (it == cv_.sections.end()) {
            auto& d = sink_.error(
                "unknown-section", doc_.path_of(name.span), name.span,
                fmt::format("variant '{}' names no section '{}'", v.name.value, name.value));
            did_you_mean(d, name.value, names, "sections");
            continue;
        }
        const auto i = static_cast<std::size_t>(it - cv_.sections.begin());
        if (!taken[i]) ordered.push_back(*it);
        taken[i] = true;
    }
    cv_.sections = std::move(ordered);
}

void Selector::run(const Selection& selection) {
    TagFilter filter;
    const Variant* variant = nullptr;
    if (selection.variant && !(variant = find_variant(*selection.variant))) return;
    std::vector<Given> tags = selection.tags, drop = selection.exclude_tags;
    if (variant) {
        for (const auto& t : variant->tags) tags.push_back({t.value, doc_.path_of(t.span), t.span});
        for (const auto& t : variant->exclude_tags)
            drop.push_back({t.value, doc_.path_of(t.span), t.span});
    }
    if (!check_tags(tags) || !check_tags(drop)) return;
    for (const auto& t : tags) filter.keep.push_back(t.value);
    for (const auto& t : drop) filter.drop.push_back(t.value);
    // The variant names sections among all of them; tags then leave some out.
    if (variant) order_sections(*variant);
    std::erase_if(cv_.sections,
                  [&](Section& s) { return !filter.keeps(s.tags) || !filter_entries(s, filter); });
    if (variant && variant->max_pages) doc_.page_limit = variant->max_pages;
}

}  // namespace

std::vector<std::string> tags_used(const Cv& cv) {
    std::vector<std::string> out;
    auto add = [&](const std::vector<Text>& tags) {
        for (const auto& t : tags)
            if (std::find(out.begin(), out.end(), t.value) == out.end()) out.push_back(t.value);
    };
    for (const auto& s : cv.sections) {
        add(s.tags);
        for_each_entry_tags(s, add);
    }
    return out;
}

void select(Document& doc, const Selection& selection, DiagnosticSink& sink) {
    if (Cv* cv = doc.cv())
        Selector(doc, *cv, sink).run(selection);
    else if (selection.variant)
        sink.error("unknown-variant", selection.variant->file, selection.variant->span,
                   fmt::format("{} is not a CV: only a CV has variants", doc.source_path));
    if (selection.max_pages) {
        doc.page_limit = IntValue{*selection.max_pages, selection.max_pages_at.span};
        doc.page_limit_file = selection.max_pages_at.file;
    }
}

}  // namespace cvtex
