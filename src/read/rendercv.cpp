// The RenderCV reader: RenderCV's YAML (cv, design, locale, settings) as a cvtex CV, for
// `cvtex import`. yaml-cpp stays in this file; its exceptions end here.
#include "cvtex/read/rendercv.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#include "cvtex/base/utf8.hpp"
#include "cvtex/check/schema.hpp"
#include "cvtex/model/locale.hpp"
#include "cvtex/read/import_support.hpp"

namespace cvtex {

using json = nlohmann::json;

namespace {

// RenderCV's markup is cvtex's (**bold**, *italic*, [text](url), `code`), except that a `$`
// is a dollar sign, not a formula.
std::string rendercv_text(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '$' && (i == 0 || s[i - 1] != '\\')) out += '\\';
        out += s[i];
    }
    return out;
}

// Markup taken out, for plain strings (author lists, items): [text](url) is its text, stars go.
std::string rendercv_plain(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '*') continue;
        if (s[i] == '[') {
            const auto close = s.find("](", i);
            const auto end = close == std::string_view::npos ? close : s.find(')', close);
            if (end != std::string_view::npos) {
                out += s.substr(i + 1, close - i - 1);
                i = end;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

const TextConversion conversion{rendercv_text, rendercv_plain};

// A section's title from its key, as RenderCV makes it: "selected_honors" is "Selected
// Honors"; words with a capital letter and small words ("of", "and") are kept as written.
std::string section_title(const std::string& key) {
    static const std::set<std::string> small{"a",    "and",  "as", "at",   "but",  "by",   "for",
                                             "from", "if",   "in", "into", "like", "near", "nor",
                                             "of",   "off",  "on", "onto", "or",   "over", "so",
                                             "than", "that", "to", "upon", "when", "with", "yet"};
    std::string out, word;
    auto flush = [&] {
        const bool lower =
            std::none_of(word.begin(), word.end(), [](unsigned char c) { return std::isupper(c); });
        if (lower && !small.count(word) && !word.empty())
            word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
        out += word;
        word.clear();
    };
    for (const char c : key) {
        if (c == '_' || c == ' ') {
            flush();
            out += ' ';
        } else {
            word += c;
        }
    }
    flush();
    return out;
}

class Reader;

// A mapping of the file: its keys are taken one by one; the rest are reported as unmapped.
class Map {
  public:
    Map(Reader& r, const YAML::Node& node, std::string path);
    ~Map();
    Map(const Map&) = delete;
    Map& operator=(const Map&) = delete;

    std::string at(std::string_view key) const {
        return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
    }
    /// The value of `key`, marked as taken; an undefined node when absent.
    YAML::Node take(std::string_view key);
    /// A scalar as text; empty when absent or null, an error when not a scalar.
    std::string str(std::string_view key);
    /// A scalar or a list of scalars, as a JSON array of strings.
    json strs(std::string_view key);
    void skip(std::string_view key) { used_.insert(std::string(key)); }
    /// Reports the keys not taken, in one pass (a key's own mark, not key_span()): a map of
    /// many keys costs linear time.
    void report_rest() const;
    /// The keys not taken yet, in file order, with their nodes.
    std::vector<std::pair<std::string, YAML::Node>> rest() const;
    const YAML::Node& node() const { return node_; }

  private:
    Reader& r_;
    YAML::Node node_;
    std::string path_;
    std::set<std::string> used_;
};

// Thrown when the file holds more values than any CV: YAML's aliases can make a small file
// expand to billions of them ("billion laughs"); caught in read_rendercv().
struct TooManyValues {};

class Reader {
  public:
    Reader(const SourceFile& file, DiagnosticSink& sink) : file_(file), sink_(sink) {}

    /// Counts values read, against the most any file of import_max_bytes could hold written
    /// out (a value takes at least four bytes), so that aliases cannot multiply them.
    void spend() {
        if (++spent_ > import_max_bytes / 4) throw TooManyValues{};
    }

    // yaml-cpp's mark is 0-based, its column in bytes; spans count code points from 1.
    Span span(const YAML::Mark& mark, std::size_t bytes = 1) const {
        if (mark.line < 0) return Span::at(1, 1);
        const auto line = static_cast<std::uint32_t>(mark.line + 1);
        const std::string_view text = file_.line(line);
        const auto column =
            std::min<std::size_t>(static_cast<std::size_t>(mark.column), text.size());
        const auto before = utf8::length(text.substr(0, column));
        const auto length = utf8::length(text.substr(column, bytes));
        return Span::at(line, static_cast<std::uint32_t>(before + 1),
                        static_cast<std::uint32_t>(std::max<std::size_t>(length, 1)));
    }
    Span key_span(const YAML::Node& map, std::string_view key) const {
        for (auto it = map.begin(); it != map.end(); ++it)
            if (it->first.IsScalar() && it->first.Scalar() == key)
                return span(it->first.Mark(), key.size());
        return span(map.Mark());
    }

    void unmapped(Span at, const std::string& path, std::string_view why = {}) {
        auto& d =
            sink_.warning("import-unmapped", file_.path(), at,
                          fmt::format("'{}' has no place in a cvtex CV and is left out", path));
        d.hints.push_back(why.empty() ? "add it to the TOML by hand where it fits"
                                      : std::string(why));
    }
    void wrong_type(Span at, const std::string& path, std::string_view expected) {
        sink_.error("import-wrong-type", file_.path(), at,
                    fmt::format("'{}' must be {}", path, expected));
    }
    void left_out(Span at, const std::string& path, std::string_view what,
                  const std::vector<std::string>& missing) {
        std::string keys;
        for (const auto& m : missing) keys += (keys.empty() ? "'" : ", '") + m + "'";
        sink_.warning("import-incomplete", file_.path(), at,
                      fmt::format("'{}' is left out: a cvtex {} needs {}", path, what, keys));
    }
    void bad_date(Span at, const std::string& path, std::string_view value) {
        sink_
            .warning("import-bad-date", file_.path(), at,
                     fmt::format("'{}' is not a date cvtex can read ('{}'); it is left out", path,
                                 value))
            .hints.push_back("write it as YYYY, YYYY-MM or YYYY-MM-DD, or as text");
    }
    bool is_map(const YAML::Node& n, Span at, const std::string& path) {
        if (!n.IsDefined() || n.IsNull()) return false;
        if (n.IsMap()) return true;
        wrong_type(at, path, "a mapping of keys and values");
        return false;
    }
    bool is_list(const YAML::Node& n, Span at, const std::string& path) {
        if (!n.IsDefined() || n.IsNull()) return false;
        if (n.IsSequence()) return true;
        wrong_type(at, path, "a list");
        return false;
    }

    json read(const YAML::Node& root);

  private:
    void cv(Map& m);
    void social_networks(const YAML::Node& list, const std::string& path);
    void custom_connections(const YAML::Node& list, const std::string& path);
    void sections(const YAML::Node& map, const std::string& path);
    void section(const std::string& key, const YAML::Node& list, const std::string& path, Span at);
    void design(Map& m);
    void locale(Map& m);
    void dates(Map& m, ImportTable& entry);
    void highlights(Map& m, ImportTable& entry);

    const SourceFile& file_;
    DiagnosticSink& sink_;
    json person_ = json::object();
    json settings_ = json::object();
    json sections_ = json::array();
    std::vector<std::string> aliases_;
    std::size_t spent_ = 0;

    friend class Map;
};

Map::Map(Reader& r, const YAML::Node& node, std::string path)
    : r_(r), node_(node), path_(std::move(path)) {
    r_.spend();
}

Map::~Map() {
    // Only an allocation can fail here, and a destructor must not throw.
    try {
        report_rest();
    } catch (...) {
    }
}

void Map::report_rest() const {
    // One pass (a key's own mark, not key_span()): a map of many keys costs linear time.
    for (auto it = node_.begin(); it != node_.end(); ++it) {
        const std::string key = it->first.IsScalar() ? it->first.Scalar() : "?";
        const YAML::Node value = it->second;  // a copy: it->second lives in a temporary
        if (used_.count(key) || value.IsNull() || (value.IsSequence() && value.size() == 0) ||
            (value.IsMap() && value.size() == 0))
            continue;  // taken, or nothing said and nothing lost
        r_.unmapped(r_.span(it->first.Mark(), key.size()), at(key));
    }
}

YAML::Node Map::take(std::string_view key) {
    used_.insert(std::string(key));
    for (auto it = node_.begin(); it != node_.end(); ++it)
        if (it->first.IsScalar() && it->first.Scalar() == key) return it->second;
    return YAML::Node(YAML::NodeType::Undefined);
}

std::string Map::str(std::string_view key) {
    const YAML::Node v = take(key);
    if (!v.IsDefined() || v.IsNull()) return {};
    if (v.IsScalar()) return v.Scalar();
    r_.wrong_type(r_.key_span(node_, key), at(key), "a single value");
    return {};
}

json Map::strs(std::string_view key) {
    json out = json::array();
    const YAML::Node v = take(key);
    if (!v.IsDefined() || v.IsNull()) return out;
    if (v.IsScalar()) return json::array({v.Scalar()});
    if (!v.IsSequence()) {
        r_.wrong_type(r_.key_span(node_, key), at(key), "a list of values");
        return out;
    }
    for (std::size_t i = 0; i < v.size(); ++i) {
        r_.spend();
        if (v[i].IsScalar())
            out.push_back(v[i].Scalar());
        else if (!v[i].IsNull())
            r_.wrong_type(r_.span(v[i].Mark()), fmt::format("{}[{}]", at(key), i), "a value");
    }
    return out;
}

std::vector<std::pair<std::string, YAML::Node>> Map::rest() const {
    std::vector<std::pair<std::string, YAML::Node>> out;
    for (auto it = node_.begin(); it != node_.end(); ++it) {
        const std::string key = it->first.IsScalar() ? it->first.Scalar() : "?";
        if (!used_.count(key)) out.emplace_back(key, it->second);
    }
    return out;
}

const TableSpec& entry_spec(std::string_view kind) {
    return *find_section_kind(kind)->entry;
}

// ---- cv ----------------------------------------------------------------------------------

void Reader::social_networks(const YAML::Node& list, const std::string& path) {
    if (!is_list(list, span(list.Mark()), path)) return;
    const TableSpec& spec = *root_schema().find("person")->table->find("profiles")->table;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string at = fmt::format("{}[{}]", path, i);
        if (!is_map(list[i], span(list[i].Mark()), at)) continue;
        Map m(*this, list[i], at);
        const std::string network = m.str("network");
        const std::string username = m.str("username");
        const std::string name = profile_network(network);
        ImportTable p(spec, conversion);
        p.set("network", name);
        p.set("username", username);
        if (name == "other") {
            const std::string url = profile_url(network, username);
            if (url.empty()) {
                left_out(span(list[i].Mark()), at,
                         fmt::format("profile on '{}', a site it does not know,", network),
                         {"url"});
                continue;
            }
            p.set("url", url);
        }
        if (const auto missing = p.missing(); !missing.empty()) {
            left_out(span(list[i].Mark()), at, "profile", missing);
            continue;
        }
        person_["profiles"].push_back(p.value());
    }
}

void Reader::custom_connections(const YAML::Node& list, const std::string& path) {
    if (!is_list(list, span(list.Mark()), path)) return;
    const TableSpec& spec = *root_schema().find("person")->table->find("profiles")->table;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string at = fmt::format("{}[{}]", path, i);
        if (!is_map(list[i], span(list[i].Mark()), at)) continue;
        Map m(*this, list[i], at);
        m.skip("fontawesome_icon");  // an icon: cvtex's contact line has none
        ImportTable p(spec, conversion);
        p.set("network", "other");
        p.set("username", m.str("placeholder"));
        p.set("url", m.str("url"));
        if (const auto missing = p.missing(); !missing.empty() || !p.has("url")) {
            left_out(span(list[i].Mark()), at, "profile", {"username", "url"});
            continue;
        }
        person_["profiles"].push_back(p.value());
    }
}

void Reader::cv(Map& m) {
    if (const auto name = m.str("name"); !name.empty()) person_["name"] = name;
    if (const auto headline = m.str("headline"); !headline.empty())
        person_["headline"] = rendercv_text(headline);
    if (const auto location = m.str("location"); !location.empty()) person_["location"] = location;
    auto many = [&](std::string_view key, std::string_view to, bool phone) {
        json values = m.strs(key);
        for (auto& v : values) {
            std::string s = v.get<std::string>();
            if (phone && s.starts_with("tel:")) s.erase(0, 4);
            v = s;
        }
        if (values.size() == 1) person_[std::string(to)] = values[0];
        if (values.size() > 1) person_[std::string(to)] = values;
    };
    many("email", "email", false);
    many("phone", "phone", true);
    many("website", "website", false);
    if (const auto photo = m.str("photo"); !photo.empty()) {
        const auto dir = std::filesystem::path(file_.path()).parent_path();
        std::error_code ec;
        if (std::filesystem::is_regular_file(dir / photo, ec))
            person_["photo"] = photo;
        else
            unmapped(key_span(m.node(), "photo"), m.at("photo"),
                     fmt::format("the photo '{}' is not beside the file; copy it there and set "
                                 "[person] photo",
                                 photo));
    }
    if (auto n = m.take("social_networks"); n.IsDefined())
        social_networks(n, m.at("social_networks"));
    if (auto n = m.take("custom_connections"); n.IsDefined())
        custom_connections(n, m.at("custom_connections"));
    if (auto n = m.take("sections"); n.IsDefined()) sections(n, m.at("sections"));
}

// ---- sections ----------------------------------------------------------------------------

// RenderCV's entry types, told apart by their keys as RenderCV does.
enum class Entry {
    text,
    education,
    experience,
    publication,
    normal,
    oneline,
    bullet,
    numbered,
    reversed,
    icons,
    unknown
};

Entry entry_type(const YAML::Node& n) {
    if (n.IsScalar()) return Entry::text;
    if (!n.IsMap()) return Entry::unknown;
    auto has = [&](const char* k) { return static_cast<bool>(n[k]); };
    if (has("institution")) return Entry::education;
    if (has("company")) return Entry::experience;
    if (has("title") && has("authors")) return Entry::publication;
    if (has("name")) return Entry::normal;
    if (has("label") && has("details")) return Entry::oneline;
    if (has("bullet")) return Entry::bullet;
    if (has("number")) return Entry::numbered;
    if (has("reversed_number")) return Entry::reversed;
    if (has("icons")) return Entry::icons;  // RenderCV 2.5's SkillIconsEntry
    return Entry::unknown;
}

// SkillIcons' names ("py,cpp"), as items.
json icon_names(const std::string& icons) {
    json out = json::array();
    std::size_t from = 0;
    while (from <= icons.size()) {
        auto comma = icons.find(',', from);
        if (comma == std::string::npos) comma = icons.size();
        std::string name = icons.substr(from, comma - from);
        name.erase(0, name.find_first_not_of(' '));
        name.erase(name.find_last_not_of(' ') + 1);
        if (!name.empty()) out.push_back(name);
        from = comma + 1;
    }
    return out;
}

std::string_view kind_of(Entry e) {
    switch (e) {
        case Entry::education:
            return "education";
        case Entry::experience:
            return "experience";
        case Entry::publication:
            return "publications";
        case Entry::normal:
            return "projects";
        case Entry::oneline:
            return "oneline";
        case Entry::icons:
            return "list";
        case Entry::bullet:
        case Entry::numbered:
        case Entry::reversed:
            return "dated";
        default:
            return "text";
    }
}

void Reader::dates(Map& m, ImportTable& entry) {
    ImportedDates d{m.str("date"), m.str("start_date"), m.str("end_date")};
    put_dates(entry, d, [&](std::string_view which, std::string_view value) {
        const std::string key = which == "start" ? "start_date"
                                : which == "end" ? "end_date"
                                                 : "date";
        bad_date(key_span(m.node(), key), m.at(key), value);
    });
}

// Highlights; RenderCV writes a highlight's own bullet points after " - " in its text.
void Reader::highlights(Map& m, ImportTable& entry) {
    json items = json::array();
    for (const auto& h : m.strs("highlights")) {
        const std::string text = h.get<std::string>();
        std::vector<std::string> parts;
        std::size_t from = 0;
        for (std::size_t at; (at = text.find(" - ", from)) != std::string::npos; from = at + 3)
            parts.push_back(text.substr(from, at - from));
        parts.push_back(text.substr(from));
        items.push_back(parts[0]);
        if (parts.size() > 1) items.push_back(json(std::vector(parts.begin() + 1, parts.end())));
    }
    entry.set_list("highlights", items);
}

void Reader::section(const std::string& key, const YAML::Node& list, const std::string& path,
                     Span at) {
    if (!is_list(list, at, path)) return;
    if (list.size() == 0) return;
    const Entry type = entry_type(list[0]);
    const std::string title = rendercv_text(section_title(key));
    if (type == Entry::text) {
        std::string text;
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (!list[i].IsScalar()) {
                wrong_type(span(list[i].Mark()), fmt::format("{}[{}]", path, i),
                           "text, as the section's first entry is");
                continue;
            }
            text += (text.empty() ? "" : "\n\n") + rendercv_text(list[i].Scalar());
        }
        if (!text.empty())
            sections_.push_back({{"title", title}, {"kind", "text"}, {"text", text}});
        return;
    }
    if (type == Entry::unknown) {
        unmapped(at, path, "its entries are of no type RenderCV knows");
        return;
    }
    if (type == Entry::numbered || type == Entry::reversed)
        sink_
            .warning("import-unmapped", file_.path(), at,
                     fmt::format("the numbers of '{}' have no place in a cvtex CV and are left out",
                                 path))
            .hints.push_back("its entries are kept, in order, as dated entries");
    const std::string_view kind = kind_of(type);
    json entries = json::array();
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string where = fmt::format("{}[{}]", path, i);
        const Span here = span(list[i].Mark());
        if (!is_map(list[i], here, where)) continue;
        if (entry_type(list[i]) != type) {
            wrong_type(here, where, "an entry of the same type as the section's first");
            continue;
        }
        Map m(*this, list[i], where);
        ImportTable e(entry_spec(kind), conversion);
        switch (type) {
            case Entry::education:
                e.set("institution", m.str("institution"));
                e.set("area", m.str("area"));
                e.set("degree", m.str("degree"));
                e.set("gpa", m.str("grade"));  // a key of RenderCV users' own, often
                e.set("gpa", m.str("gpa"));
                break;
            case Entry::experience:
                e.set("organization", m.str("company"));
                e.set("position", m.str("position"));
                break;
            case Entry::publication: {
                e.set("title", m.str("title"));
                json authors = json::array();
                for (const auto& a : m.strs("authors")) {
                    const std::string written = a.get<std::string>();
                    const std::string name = rendercv_plain(written);
                    // RenderCV marks the CV's owner with stars; cvtex finds them by name.
                    if (name != written && person_.contains("name") &&
                        name != person_["name"].get<std::string>() &&
                        std::find(aliases_.begin(), aliases_.end(), name) == aliases_.end())
                        aliases_.push_back(name);
                    authors.push_back(name);
                }
                e.set_list("authors", authors);
                e.set("venue", m.str("journal"));
                e.set("doi", m.str("doi"));
                e.set("url", m.str("url"));
                e.set("note", m.str("summary"));
                break;
            }
            case Entry::normal:
                e.set("name", m.str("name"));
                if (YAML::Node icons = m.take("skillicons");
                    is_map(icons, key_span(list[i], "skillicons"), m.at("skillicons"))) {
                    Map k(*this, icons, m.at("skillicons"));
                    e.set_list("technologies", icon_names(k.str("icons")));
                }
                break;
            case Entry::oneline:
                e.set("label", m.str("label"));
                e.set("details", m.str("details"));
                break;
            case Entry::bullet:
                e.set("title", m.str("bullet"));
                break;
            case Entry::numbered:
                e.set("title", m.str("number"));
                break;
            case Entry::reversed:
                e.set("title", m.str("reversed_number"));
                break;
            case Entry::icons:
                e.set_list("items", icon_names(m.str("icons")));
                break;
            default:
                break;
        }
        if (e.spec().find("location")) e.set("location", m.str("location"));
        // Not RenderCV's own key, but one its users add; where cvtex has it, it links.
        if (type != Entry::publication && e.spec().find("url")) e.set("url", m.str("url"));
        if (e.spec().find("summary")) e.set("summary", m.str("summary"));
        if (e.spec().find("highlights")) highlights(m, e);
        if (e.spec().find("date")) dates(m, e);
        if (const auto missing = e.missing(); !missing.empty()) {
            left_out(here, where, std::string(e.spec().name), missing);
            continue;
        }
        entries.push_back(e.value());
    }
    if (!entries.empty())
        sections_.push_back({{"title", title}, {"kind", kind}, {"entry", std::move(entries)}});
}

void Reader::sections(const YAML::Node& map, const std::string& path) {
    if (!is_map(map, span(map.Mark()), path)) return;
    for (auto it = map.begin(); it != map.end(); ++it) {
        const std::string key = it->first.Scalar();
        std::string where = path;
        where.append(".").append(key);
        section(key, it->second, where, span(it->first.Mark(), key.size()));
    }
}

// ---- design, locale ------------------------------------------------------------------------

// "rgb(0, 79, 144)", "#004F90" or "004F90" as RRGGBB; empty for anything else.
std::string color(std::string s) {
    s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
    auto hex = [](std::string_view h) {
        return h.size() == 6 &&
               std::all_of(h.begin(), h.end(), [](unsigned char c) { return std::isxdigit(c); });
    };
    if (s.starts_with("#")) s.erase(0, 1);
    if (hex(s)) {
        std::transform(s.begin(), s.end(), s.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        return s;
    }
    int r = 0, g = 0, b = 0;
    char end = 0;
    if (std::sscanf(s.c_str(), "rgb(%d,%d,%d%c", &r, &g, &b, &end) == 4 && end == ')' && r >= 0 &&
        r < 256 && g >= 0 && g < 256 && b >= 0 && b < 256)
        return fmt::format("{:02X}{:02X}{:02X}", r, g, b);
    return {};
}

bool is_length(const std::string& s) {
    std::size_t i = 0;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
    const std::string unit = s.substr(i);
    return i > 0 && (unit == "pt" || unit == "mm" || unit == "cm" || unit == "in");
}

void Reader::design(Map& m) {
    auto choice = [&](Map& in, std::string_view key, std::string_view to,
                      const std::vector<std::pair<std::string_view, std::string_view>>& pairs) {
        const std::string v = in.str(key);
        if (v.empty()) return;
        for (const auto& [from, value] : pairs)
            if (v == from) {
                settings_[std::string(to)] = value;
                return;
            }
        unmapped(key_span(in.node(), key), in.at(key) + ": " + v,
                 fmt::format("cvtex has no {} like it", key));
    };
    choice(m, "theme", "theme",
           {{"classic", "classic"},
            {"moderncv", "moderncv"},
            {"engineeringresumes", "engineering"},
            {"engineeringclassic", "engineering"},
            {"harvard", "academic"}});
    if (const auto c = color(m.str("color")); !c.empty()) settings_["accent"] = c;  // RenderCV 1
    if (YAML::Node page = m.take("page"); is_map(page, span(page.Mark()), m.at("page"))) {
        Map p(*this, page, m.at("page"));
        choice(p, "size", "paper", {{"us-letter", "letter"}, {"a4", "a4"}});
        std::vector<std::string> margins;
        const char* sides[] = {"top_margin", "right_margin", "bottom_margin", "left_margin"};
        for (const char* side : sides) margins.push_back(p.str(side));
        const bool any = std::any_of(margins.begin(), margins.end(),
                                     [](const std::string& s) { return !s.empty(); });
        if (any) {
            bool ok = true;
            for (auto& s : margins) {
                if (s.empty()) s = "0.7in";  // RenderCV's default
                ok = ok && is_length(s);
            }
            if (ok)
                settings_["margins"] =
                    fmt::format("{} {} {} {}", margins[0], margins[1], margins[2], margins[3]);
            else
                unmapped(key_span(page, "top_margin"), p.at("*_margin"),
                         "cvtex's margins take pt, mm, cm or in");
        }
    }
    if (YAML::Node colors = m.take("colors"); is_map(colors, span(colors.Mark()), m.at("colors"))) {
        Map c(*this, colors, m.at("colors"));
        const std::pair<const char*, const char*> keys[] = {
            {"name", "name_color"}, {"section_titles", "heading_color"}, {"links", "link_color"}};
        for (const auto& [from, to] : keys) {
            const std::string v = c.str(from);
            if (v.empty()) continue;
            if (const auto hex = color(v); !hex.empty())
                settings_[to] = hex;
            else
                unmapped(key_span(colors, from), c.at(from), "cvtex's colours are RRGGBB");
        }
    }
    if (YAML::Node header = m.take("header"); is_map(header, span(header.Mark()), m.at("header"))) {
        Map h(*this, header, m.at("header"));
        choice(h, "alignment", "header_align",
               {{"left", "left"}, {"center", "center"}, {"right", "right"}});
    }
    if (YAML::Node titles = m.take("section_titles");
        is_map(titles, span(titles.Mark()), m.at("section_titles"))) {
        Map t(*this, titles, m.at("section_titles"));
        choice(t, "type", "section_style",
               {{"with_partial_line", "line"},
                {"with_full_line", "rule"},
                {"without_line", "plain"},
                {"with-partial-line", "line"},
                {"with-full-line", "rule"},
                {"without-line", "plain"}});
    }
    if (YAML::Node entries = m.take("entries");
        is_map(entries, span(entries.Mark()), m.at("entries"))) {
        Map e(*this, entries, m.at("entries"));
        if (YAML::Node hl = e.take("highlights"); is_map(hl, span(hl.Mark()), e.at("highlights"))) {
            Map h(*this, hl, e.at("highlights"));
            if (const auto bullet = h.str("bullet"); !bullet.empty()) settings_["bullet"] = bullet;
        }
    }
    // RenderCV 2.0 to 2.2: design.highlights and design.text.
    if (YAML::Node hl = m.take("highlights"); is_map(hl, span(hl.Mark()), m.at("highlights"))) {
        Map h(*this, hl, m.at("highlights"));
        if (const auto bullet = h.str("bullet"); !bullet.empty()) settings_["bullet"] = bullet;
    }
    auto font_size = [&](Map& in, std::string_view key) {
        const std::string v = in.str(key);
        if (v.empty()) return;
        for (const int size : {10, 11, 12})
            if (v == fmt::format("{}pt", size)) {
                settings_["font_size"] = size;
                return;
            }
        unmapped(key_span(in.node(), key), in.at(key), "cvtex's font sizes are 10, 11 and 12 pt");
    };
    if (YAML::Node text = m.take("text"); is_map(text, span(text.Mark()), m.at("text"))) {
        Map t(*this, text, m.at("text"));
        font_size(t, "font_size");
    }
    if (YAML::Node typo = m.take("typography");
        is_map(typo, span(typo.Mark()), m.at("typography"))) {
        Map t(*this, typo, m.at("typography"));
        if (YAML::Node sizes = t.take("font_size");
            sizes.IsMap() || (sizes.IsDefined() && !sizes.IsNull())) {
            if (sizes.IsScalar()) {
                unmapped(key_span(typo, "font_size"), t.at("font_size"));
            } else if (is_map(sizes, span(sizes.Mark()), t.at("font_size"))) {
                Map f(*this, sizes, t.at("font_size"));
                font_size(f, "body");
            }
        }
    }
}

void Reader::locale(Map& m) {
    // The language, by its code or its English name ("pt", "portuguese"), is cvtex's
    // `language` when cvtex has it built in: its own month names and words then. RenderCV's
    // words of another language are reported (cvtex's may differ; [settings.strings] takes
    // them); those of its English locale, as its examples write them out, lose nothing.
    std::string language = m.str("language");
    for (auto& c : language) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const LocaleInfo* info = find_locale(language);
    for (const auto& l : builtin_locales()) {
        std::string name(l.name);
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (!info && name == language) info = &l;
    }
    const bool english = language.empty() || (info && info->code == "en");
    if (info && !english) settings_["language"] = std::string(info->code);
    if (!info && !english)
        unmapped(key_span(m.node(), "language"), m.at("language"),
                 "cvtex has no built-in language of that name; docs/locale.md lists them, and "
                 "[settings.strings] replaces any word");
    if (!english) return;
    static const std::vector<std::pair<std::string_view, std::string_view>> defaults{
        {"last_updated", "Last updated in"},
        {"month", "month"},
        {"months", "months"},
        {"year", "year"},
        {"years", "years"},
        {"present", "present"},
        {"to", "–"},
        {"month_abbreviations", "Jan Feb Mar Apr May June July Aug Sept Oct Nov Dec"},
        {"abbreviations_for_months", "Jan Feb Mar Apr May June July Aug Sept Oct Nov Dec"},
        {"month_names",
         "January February March April May June July August September October November December"},
        {"full_names_of_months",
         "January February March April May June July August September October November December"},
    };
    for (const auto& [key, value] : m.rest()) {
        std::string words;
        if (value.IsScalar()) words = value.Scalar();
        if (value.IsSequence())
            for (const auto& w : value)
                words += (words.empty() ? "" : " ") + (w.IsScalar() ? w.Scalar() : "?");
        for (const auto& [k, v] : defaults)
            if (k == key && v == words) m.skip(key);
    }
}

json Reader::read(const YAML::Node& root) {
    if (!root.IsMap()) {
        sink_.error("import-wrong-type", file_.path(), span(root.Mark()),
                    "a RenderCV file is a mapping with a `cv` key");
        return nullptr;
    }
    Map top(*this, root, "");
    if (YAML::Node n = top.take("cv"); is_map(n, key_span(root, "cv"), "cv")) {
        Map m(*this, n, "cv");
        cv(m);
    }
    if (YAML::Node n = top.take("design"); is_map(n, key_span(root, "design"), "design")) {
        Map m(*this, n, "design");
        design(m);
    }
    if (YAML::Node n = top.take("locale"); is_map(n, key_span(root, "locale"), "locale")) {
        Map m(*this, n, "locale");
        locale(m);
    }
    if (!person_.contains("name")) {
        sink_
            .error("import-missing-name", file_.path(), key_span(root, "cv"),
                   "the file has no cv.name, and a cvtex CV needs the person's name")
            .hints.push_back("add `name: Your Name` under `cv:`");
        return nullptr;
    }
    if (!aliases_.empty()) person_["aliases"] = aliases_;
    json doc = json::object();
    if (!settings_.empty()) doc["settings"] = settings_;
    doc["person"] = person_;
    if (!sections_.empty()) doc["section"] = sections_;
    return doc;
}

}  // namespace

json read_rendercv(const SourceFile& file, DiagnosticSink& sink) {
    YAML::Node root;
    try {
        root = YAML::Load(file.text());
    } catch (const YAML::Exception& e) {
        Reader reader(file, sink);
        sink.error("yaml-syntax", file.path(), reader.span(e.mark), e.msg);
        return nullptr;
    }
    try {
        Reader reader(file, sink);
        json doc = reader.read(root);
        return sink.has_errors() ? json(nullptr) : doc;
    } catch (const TooManyValues&) {
        sink.error("import-too-large", file.path(), {},
                   "the file holds more values than a CV could (YAML aliases that repeat "
                   "lists in lists?)");
        return nullptr;
    } catch (const YAML::Exception& e) {
        sink.error("yaml-syntax", file.path(), {}, e.msg);
        return nullptr;
    }
}

}  // namespace cvtex
