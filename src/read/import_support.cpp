// What the importers share: tables checked against the schema, markup, dates, networks.
#include "cvtex/read/import_support.hpp"

#include <algorithm>
#include <cctype>

#include "cvtex/model/dates.hpp"

namespace cvtex {

using json = nlohmann::json;
using T = ValueType;

std::string markup_literal(std::string_view plain) {
    std::string out;
    out.reserve(plain.size());
    for (const char c : plain) {
        if (c == '*' || c == '[' || c == ']' || c == '`' || c == '$') out += '\\';
        out += c;
    }
    return out;
}

namespace {

bool is_text(ValueType t) {
    return t == T::text || t == T::text_list || t == T::markdown;
}

json convert_list(const json& items, const std::function<std::string(std::string_view)>& f) {
    json out = json::array();
    for (const auto& item : items) {
        if (item.is_array()) {
            json inner = convert_list(item, f);
            if (!inner.empty()) out.push_back(std::move(inner));
        } else if (item.is_string() && !item.get<std::string>().empty()) {
            out.push_back(f(item.get<std::string>()));
        }
    }
    return out;
}

}  // namespace

void ImportTable::set(std::string_view key, std::string_view value) {
    if (value.find_first_not_of(" \t\r\n") == std::string_view::npos) return;
    const FieldSpec* f = spec_->find(key);
    const bool text = f && is_text(f->type);
    value_[std::string(key)] = text ? convert_->text(value) : convert_->plain(value);
}

void ImportTable::set_list(std::string_view key, const json& strings) {
    const FieldSpec* f = spec_->find(key);
    json list = convert_list(strings, f && is_text(f->type) ? convert_->text : convert_->plain);
    if (!list.empty()) value_[std::string(key)] = std::move(list);
}

void ImportTable::set_raw(std::string_view key, json value) {
    value_[std::string(key)] = std::move(value);
}

std::vector<std::string> ImportTable::missing() const {
    std::vector<std::string> out;
    for (const auto& f : spec_->fields)
        if (f.required && !value_.contains(f.key)) out.emplace_back(f.key);
    if (!spec_->one_of_required.empty() &&
        std::none_of(spec_->one_of_required.begin(), spec_->one_of_required.end(),
                     [&](std::string_view k) { return value_.contains(k); })) {
        std::string either;
        for (auto k : spec_->one_of_required)
            either += (either.empty() ? "" : " or ") + std::string(k);
        out.push_back(either);
    }
    return out;
}

std::optional<std::string> import_date(std::string_view text, bool allow_present) {
    std::string s(text);
    s.erase(0, s.find_first_not_of(" \t"));
    s.erase(s.find_last_not_of(" \t") + 1);
    if (s.empty()) return std::nullopt;
    if (!read_date(s, allow_present, true)) return std::nullopt;
    std::string lower = s;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower == "present" ? "present" : s;
}

void put_dates(ImportTable& entry, const ImportedDates& dates,
               const std::function<void(std::string_view, std::string_view)>& bad) {
    auto read = [&](std::string_view which, const std::string& v,
                    bool present) -> std::optional<std::string> {
        if (v.empty()) return std::nullopt;
        auto d = import_date(v, present);
        if (!d) bad(which, v);
        return d;
    };
    const auto date = read("date", dates.date, false);
    const auto start = read("start", dates.start, false);
    const auto end = read("end", dates.end, true);
    const bool periods = entry.spec().find("start") != nullptr;
    const bool singles = entry.spec().find("date") != nullptr;
    if (date && singles) {
        entry.set("date", *date);
    } else if (start && periods) {
        entry.set("start", *start);
        entry.set("end", end ? *end : "present");
    } else if (singles && end && *end != "present") {
        entry.set("date", *end);
    } else if (singles && start) {
        entry.set("date", *start);
    } else if (periods && date) {
        entry.set("start", *date);
        entry.set("end", *date);
    }
}

namespace {

std::string folded(std::string_view name) {
    std::string out;
    for (const char c : name)
        if (std::isalnum(static_cast<unsigned char>(c)))
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

std::string profile_network(std::string_view name) {
    static const std::vector<std::pair<std::string_view, std::string_view>> names{
        {"github", "github"},
        {"gitlab", "gitlab"},
        {"codeberg", "codeberg"},
        {"linkedin", "linkedin"},
        {"x", "x"},
        {"twitter", "x"},
        {"xtwitter", "x"},
        {"mastodon", "mastodon"},
        {"bluesky", "bluesky"},
        {"googlescholar", "scholar"},
        {"scholar", "scholar"},
        {"orcid", "orcid"},
        {"researchgate", "researchgate"},
        {"dblp", "dblp"},
        {"stackoverflow", "stackoverflow"},
        {"kaggle", "kaggle"},
        {"huggingface", "huggingface"},
        {"youtube", "youtube"},
    };
    const std::string key = folded(name);
    for (const auto& [from, to] : names)
        if (key == from) return std::string(to);
    return "other";
}

std::string profile_url(std::string_view network, std::string_view username) {
    static const std::vector<std::pair<std::string_view, std::string_view>> sites{
        {"instagram", "https://instagram.com/"},
        {"imdb", "https://imdb.com/name/"},
        {"telegram", "https://t.me/"},
        {"whatsapp", "https://wa.me/"},
        {"leetcode", "https://leetcode.com/u/"},
        {"reddit", "https://reddit.com/user/"},
        {"facebook", "https://facebook.com/"},
        {"medium", "https://medium.com/@"},
        {"devto", "https://dev.to/"},
        {"behance", "https://behance.net/"},
        {"dribbble", "https://dribbble.com/"},
    };
    const std::string key = folded(network);
    for (const auto& [site, prefix] : sites)
        if (key == site) return std::string(prefix) + std::string(username);
    return {};
}

}  // namespace cvtex
