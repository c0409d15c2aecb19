// The JSON Resume reader: resume.json (schema 1.0) as a cvtex CV, for `cvtex import`.
#include "cvtex/read/json_resume.hpp"

#include <fmt/format.h>

#include <set>
#include <vector>

#include "cvtex/check/schema.hpp"
#include "cvtex/read/import_support.hpp"

namespace cvtex {

using json = nlohmann::json;
using ordered = nlohmann::ordered_json;

namespace {

// ---- positions ---------------------------------------------------------------------------

std::string pointer_token(std::string_view key) {
    std::string out;
    for (const char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

// Walks valid JSON once, keeping line and column (in code points) as it goes.
class PositionScanner {
  public:
    explicit PositionScanner(std::string_view text) : s_(text) {}

    std::map<std::string, Span> run() {
        value("");
        return std::move(out_);
    }

  private:
    struct Frame {
        bool object;
        std::string pointer;
        std::size_t index = 0;
        bool deep = false;  // past max_depth: walked, not recorded
    };
    // A resume nests four levels; deeper values are walked without building their pointers,
    // which would take time quadratic in the depth.
    static constexpr std::size_t max_depth = 32;

    void advance() {
        const auto c = static_cast<unsigned char>(s_[i_]);
        if (c == '\n') {
            ++line_;
            column_ = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++column_;
        }
        ++i_;
    }
    void skip_space() {
        while (i_ < s_.size() &&
               (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r'))
            advance();
    }
    Span here(std::uint32_t length = 1) const { return Span::at(line_, column_, length); }

    // A string token; its text with the simple escapes undone (enough for keys).
    std::string string() {
        std::string text;
        advance();  // the opening quote
        while (i_ < s_.size() && s_[i_] != '"') {
            if (s_[i_] == '\\' && i_ + 1 < s_.size()) {
                advance();
                const char e = s_[i_];
                text += e == 'n' ? '\n' : e == 't' ? '\t' : e;
                advance();
                continue;
            }
            text += s_[i_];
            advance();
        }
        if (i_ < s_.size()) advance();  // the closing quote
        return text;
    }

    // One value at `pointer`, iteratively (an object or array pushes a frame).
    void value(std::string pointer) {
        std::vector<Frame> stack;
        bool want_value = true;
        while (i_ < s_.size()) {
            skip_space();
            if (i_ >= s_.size()) break;
            const char c = s_[i_];
            if (want_value) {
                want_value = false;
                if (c == '{' || c == '[') {
                    const bool deep = stack.size() >= max_depth;
                    stack.push_back({c == '{', deep ? std::string() : pointer, 0, deep});
                    advance();
                    skip_space();
                    if (i_ < s_.size() && (s_[i_] == '}' || s_[i_] == ']')) {
                        advance();
                        stack.pop_back();
                    } else if (!stack.back().object) {
                        element(stack.back(), pointer);
                        want_value = true;
                    } else {
                        key(stack.back(), pointer);
                        want_value = true;
                    }
                } else if (c == '"') {
                    string();
                } else {
                    while (i_ < s_.size() && s_[i_] != ',' && s_[i_] != '}' && s_[i_] != ']' &&
                           s_[i_] != ' ' && s_[i_] != '\n' && s_[i_] != '\r' && s_[i_] != '\t')
                        advance();
                }
                if (want_value) continue;
            }
            if (stack.empty()) break;
            skip_space();
            if (i_ >= s_.size()) break;
            if (s_[i_] == ',') {
                advance();
                Frame& top = stack.back();
                if (top.object) {
                    key(top, pointer);
                } else {
                    skip_space();
                    ++top.index;
                    element(top, pointer);
                }
                want_value = true;
            } else {  // '}' or ']'
                advance();
                stack.pop_back();
            }
        }
    }

    // The element of `frame` at its index; `pointer` becomes its.
    void element(const Frame& frame, std::string& pointer) {
        if (frame.deep) return;
        pointer = fmt::format("{}/{}", frame.pointer, frame.index);
        out_[pointer] = here();
    }

    // A key and its colon, in `frame`; `pointer` becomes the value's.
    void key(const Frame& frame, std::string& pointer) {
        skip_space();
        const std::uint32_t line = line_, column = column_;
        const std::string name = string();
        const std::uint32_t length = line_ == line ? column_ - column : 1;
        if (!frame.deep) {
            pointer = frame.pointer + "/" + pointer_token(name);
            out_[pointer] = Span::at(line, column, length);
        }
        skip_space();
        if (i_ < s_.size() && s_[i_] == ':') advance();
    }

    std::string_view s_;
    std::size_t i_ = 0;
    std::uint32_t line_ = 1, column_ = 1;
    std::map<std::string, Span> out_;
};

// ---- the reader --------------------------------------------------------------------------

const TextConversion conversion{markup_literal, [](std::string_view s) { return std::string(s); }};

const TableSpec& entry_spec(std::string_view kind) {
    return *find_section_kind(kind)->entry;
}

class Reader;

// An object of the resume: its keys are taken one by one; the rest are unmapped.
class Object {
  public:
    Object(Reader& r, const ordered& j, std::string pointer)
        : r_(r), j_(j), pointer_(std::move(pointer)) {}
    ~Object();
    Object(const Object&) = delete;
    Object& operator=(const Object&) = delete;

    std::string at(std::string_view key) const { return pointer_ + "/" + pointer_token(key); }
    const std::string& pointer() const { return pointer_; }
    /// A string (or a number, as written); empty when absent or of another type (an error).
    std::string str(std::string_view key);
    /// A list of strings, as a JSON array.
    json strs(std::string_view key);
    /// The value, marked as taken; nullptr when absent.
    const ordered* take(std::string_view key);
    /// Marks a key as left out on purpose.
    void skip(std::string_view key) { used_.insert(std::string(key)); }

  private:
    Reader& r_;
    const ordered& j_;
    std::string pointer_;
    std::set<std::string> used_;
};

class Reader {
  public:
    Reader(const SourceFile& file, DiagnosticSink& sink)
        : file_(file), sink_(sink), positions_(json_positions(file.text())) {}

    Span span(const std::string& pointer) const {
        // The closest position known: the pointer's, else its parent's.
        std::string p = pointer;
        while (!p.empty()) {
            if (auto it = positions_.find(p); it != positions_.end()) return it->second;
            p.erase(p.rfind('/'));
        }
        return Span::at(1, 1);
    }
    void unmapped(const std::string& pointer) {
        sink_
            .warning("import-unmapped", file_.path(), span(pointer),
                     fmt::format("'{}' has no place in a cvtex CV and is left out", pointer))
            .hints.push_back("add it to the TOML by hand where it fits");
    }
    void wrong_type(const std::string& pointer, std::string_view expected) {
        sink_.error("import-wrong-type", file_.path(), span(pointer),
                    fmt::format("'{}' must be {}", pointer, expected));
    }
    void left_out(const std::string& pointer, std::string_view what,
                  const std::vector<std::string>& missing) {
        std::string keys;
        for (const auto& m : missing) keys += (keys.empty() ? "'" : ", '") + m + "'";
        sink_.warning("import-incomplete", file_.path(), span(pointer),
                      fmt::format("'{}' is left out: a cvtex {} needs {}", pointer, what, keys));
    }
    void bad_date(const std::string& pointer, std::string_view value) {
        sink_
            .warning("import-bad-date", file_.path(), span(pointer),
                     fmt::format("'{}' is not a date cvtex can read ('{}'); it is left out",
                                 pointer, value))
            .hints.push_back("write it as YYYY, YYYY-MM or YYYY-MM-DD");
    }
    bool is(const ordered* v, bool (ordered::*test)() const noexcept, const std::string& pointer,
            std::string_view expected) {
        if (!v) return false;
        if ((v->*test)()) return true;
        if (!v->is_null()) wrong_type(pointer, expected);
        return false;
    }

    json read(const ordered& root);

  private:
    void basics(Object& o);
    void location(const ordered& loc, const std::string& pointer);
    void profiles(const ordered& list, const std::string& pointer);
    void section(std::string_view title, std::string_view kind, const ordered& list,
                 const std::string& pointer,
                 const std::function<void(Object&, ImportTable&)>& fill);
    void dates(Object& o, ImportTable& entry, std::string_view date_key = {});
    void languages(const ordered& list, const std::string& pointer);

    const SourceFile& file_;
    DiagnosticSink& sink_;
    std::map<std::string, Span> positions_;
    json person_ = json::object();
    json sections_ = json::array();
};

Object::~Object() {
    // Only an allocation can fail here, and a destructor must not throw: the warnings are
    // then as many as memory allowed.
    try {
        for (const auto& [key, value] : j_.items())
            if (!used_.count(key) && !value.is_null()) r_.unmapped(at(key));
    } catch (...) {
    }
}

std::string Object::str(std::string_view key) {
    const ordered* v = take(key);
    if (!v || v->is_null()) return {};
    if (v->is_string()) return v->get<std::string>();
    if (v->is_number()) return v->dump();
    r_.wrong_type(at(key), "a string");
    return {};
}

json Object::strs(std::string_view key) {
    json out = json::array();
    const ordered* v = take(key);
    if (!r_.is(v, &ordered::is_array, at(key), "a list of strings")) return out;
    for (std::size_t i = 0; i < v->size(); ++i) {
        const ordered& item = (*v)[i];
        if (item.is_string())
            out.push_back(item.get<std::string>());
        else if (item.is_number())
            out.push_back(item.dump());
        else
            r_.wrong_type(fmt::format("{}/{}", at(key), i), "a string");
    }
    return out;
}

const ordered* Object::take(std::string_view key) {
    used_.insert(std::string(key));
    const auto it = j_.find(std::string(key));
    return it == j_.end() ? nullptr : &*it;
}

std::string joined(const std::vector<std::string>& parts, std::string_view sep) {
    std::string out;
    for (const auto& p : parts)
        if (!p.empty()) out += (out.empty() ? "" : std::string(sep)) + p;
    return out;
}

void Reader::location(const ordered& loc, const std::string& pointer) {
    if (!is(&loc, &ordered::is_object, pointer, "an object")) return;
    Object o(*this, loc, pointer);
    const std::string address = o.str("address");
    const std::string postal = o.str("postalCode");
    const std::string city = o.str("city");
    const std::string region = o.str("region");
    const std::string country = o.str("countryCode");
    if (!address.empty())
        person_["address"] = joined({address, joined({postal, city}, " "), region, country}, ", ");
    else if (!postal.empty())
        person_["address"] = joined({joined({postal, city}, " "), region, country}, ", ");
    else if (const auto where = joined({city, region, country}, ", "); !where.empty())
        person_["location"] = where;
}

void Reader::profiles(const ordered& list, const std::string& pointer) {
    if (!is(&list, &ordered::is_array, pointer, "a list of objects")) return;
    const TableSpec& spec = *root_schema().find("person")->table->find("profiles")->table;
    json out = json::array();
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string at = fmt::format("{}/{}", pointer, i);
        if (!is(&list[i], &ordered::is_object, at, "an object")) continue;
        Object o(*this, list[i], at);
        ImportTable p(spec, conversion);
        const std::string network = o.str("network");
        std::string username = o.str("username");
        const std::string url = o.str("url");
        if (username.empty() && !url.empty()) {
            std::string_view u = url;
            while (u.ends_with("/")) u.remove_suffix(1);
            username = std::string(u.substr(u.rfind('/') + 1));
        }
        std::string name = profile_network(network);
        p.set("network", name);
        p.set("username", username);
        p.set("url", url);
        if (name == "other" && url.empty()) {
            left_out(at, "profile of a site it does not know", {"url"});
            continue;
        }
        if (const auto missing = p.missing(); !missing.empty()) {
            left_out(at, "profile", missing);
            continue;
        }
        out.push_back(p.value());
    }
    if (!out.empty()) person_["profiles"] = std::move(out);
}

void Reader::basics(Object& o) {
    person_["name"] = o.str("name");
    if (const auto label = o.str("label"); !label.empty())
        person_["headline"] = markup_literal(label);
    if (const auto email = o.str("email"); !email.empty()) person_["email"] = email;
    if (const auto phone = o.str("phone"); !phone.empty()) person_["phone"] = phone;
    if (const auto url = o.str("url"); !url.empty()) person_["website"] = url;
    if (const auto summary = o.str("summary"); !summary.empty())
        sections_.push_back(
            {{"title", "Summary"}, {"kind", "text"}, {"text", markup_literal(summary)}});
    if (const ordered* loc = o.take("location")) location(*loc, o.at("location"));
    if (const ordered* list = o.take("profiles")) profiles(*list, o.at("profiles"));
    // An image is a URL in JSON Resume; cvtex's photo is a file beside the TOML.
    if (const auto image = o.str("image"); !image.empty()) unmapped(o.at("image"));
}

void Reader::dates(Object& o, ImportTable& entry, std::string_view date_key) {
    ImportedDates d;
    if (!date_key.empty()) d.date = o.str(date_key);
    d.start = o.str("startDate");
    d.end = o.str("endDate");
    put_dates(entry, d, [&](std::string_view which, std::string_view value) {
        const std::string key = which == "start" ? "startDate"
                                : which == "end" ? "endDate"
                                                 : std::string(date_key);
        bad_date(o.at(key), value);
    });
}

void Reader::section(std::string_view title, std::string_view kind, const ordered& list,
                     const std::string& pointer,
                     const std::function<void(Object&, ImportTable&)>& fill) {
    if (!is(&list, &ordered::is_array, pointer, "a list of objects")) return;
    json entries = json::array();
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string at = fmt::format("{}/{}", pointer, i);
        if (!is(&list[i], &ordered::is_object, at, "an object")) continue;
        Object o(*this, list[i], at);
        ImportTable entry(entry_spec(kind), conversion);
        fill(o, entry);
        if (const auto missing = entry.missing(); !missing.empty()) {
            left_out(at, std::string(entry.spec().name), missing);
            continue;
        }
        entries.push_back(entry.value());
    }
    if (entries.empty()) return;
    sections_.push_back({{"title", title}, {"kind", kind}, {"entry", std::move(entries)}});
}

void work(Object& o, ImportTable& e, std::string_view organization) {
    e.set("organization", o.str(organization));
    e.set("position", o.str("position"));
    e.set("location", o.str("location"));
    e.set("url", o.str("url"));
    e.set("summary", o.str("summary"));
    e.set_list("highlights", o.strs("highlights"));
}

// Languages: a skills table of levels, or a list when no language has one.
void Reader::languages(const ordered& list, const std::string& pointer) {
    if (!is(&list, &ordered::is_array, pointer, "a list of objects")) return;
    bool levels = false;
    for (const auto& l : list)
        if (l.is_object() && l.contains("fluency") && l["fluency"].is_string() &&
            !l["fluency"].get<std::string>().empty())
            levels = true;
    if (levels) {
        section("Languages", "skills", list, pointer, [](Object& o, ImportTable& e) {
            const std::string language = o.str("language");
            const std::string fluency = o.str("fluency");
            e.set("label", language);
            if (!fluency.empty())
                e.set("level", fluency);
            else
                e.set_list("items", json::array({language}));
        });
        return;
    }
    json items = json::array();
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string at = fmt::format("{}/{}", pointer, i);
        if (!is(&list[i], &ordered::is_object, at, "an object")) continue;
        Object o(*this, list[i], at);
        o.skip("fluency");
        if (const auto language = o.str("language"); !language.empty()) items.push_back(language);
    }
    if (!items.empty())
        sections_.push_back(
            {{"title", "Languages"}, {"kind", "list"}, {"entry", {{{"items", items}}}}});
}

json Reader::read(const ordered& root) {
    if (!root.is_object()) {
        sink_.error("import-wrong-type", file_.path(), Span::at(1, 1),
                    "a JSON Resume is an object: { \"basics\": ..., \"work\": [...] }");
        return nullptr;
    }
    Object top(*this, root, "");
    top.skip("$schema");  // the file's schema, not part of the CV
    for (const auto& [key, value] : root.items()) {
        const std::string at = top.at(key);
        if (key == "basics") {
            top.take(key);
            if (is(&value, &ordered::is_object, at, "an object")) {
                Object o(*this, value, at);
                basics(o);
            }
        } else if (key == "work" || key == "volunteer") {
            top.take(key);
            const bool job = key == "work";
            section(job ? "Experience" : "Volunteering", "experience", value, at,
                    [&, job](Object& o, ImportTable& e) {
                        work(o, e, job ? "name" : "organization");
                        if (job) {
                            // "name" is the current spelling; "company" the one of 0.x.
                            if (!e.has("organization")) e.set("organization", o.str("company"));
                            if (!e.has("url")) e.set("url", o.str("website"));
                        }
                        dates(o, e);
                    });
        } else if (key == "education") {
            top.take(key);
            section("Education", "education", value, at, [&](Object& o, ImportTable& e) {
                e.set("institution", o.str("institution"));
                e.set("url", o.str("url"));
                e.set("area", o.str("area"));
                e.set("degree", o.str("studyType"));
                e.set("gpa", o.str("score"));
                e.set("location", o.str("location"));
                // The courses as one line under the degree, named as such.
                std::string courses;
                for (const auto& c : o.strs("courses"))
                    courses += (courses.empty() ? "Courses: " : ", ") + c.get<std::string>();
                if (!courses.empty()) e.set_list("highlights", json::array({courses}));
                dates(o, e);
            });
        } else if (key == "awards") {
            top.take(key);
            section("Awards", "dated", value, at, [&](Object& o, ImportTable& e) {
                e.set("title", o.str("title"));
                e.set("details", joined({o.str("awarder"), o.str("summary")}, ": "));
                dates(o, e, "date");
            });
        } else if (key == "certificates") {
            top.take(key);
            section("Certificates", "certifications", value, at, [&](Object& o, ImportTable& e) {
                e.set("name", o.str("name"));
                e.set("issuer", o.str("issuer"));
                e.set("url", o.str("url"));
                dates(o, e, "date");
            });
        } else if (key == "publications") {
            top.take(key);
            // JSON Resume's publications name no authors, which cvtex's need: dated entries.
            section("Publications", "dated", value, at, [&](Object& o, ImportTable& e) {
                e.set("title", o.str("name"));
                e.set("details", joined({o.str("publisher"), o.str("summary")}, ": "));
                e.set("url", o.str("url"));
                dates(o, e, "releaseDate");
            });
        } else if (key == "skills") {
            top.take(key);
            section("Skills", "skills", value, at, [&](Object& o, ImportTable& e) {
                e.set("label", o.str("name"));
                e.set("level", o.str("level"));
                e.set_list("items", o.strs("keywords"));
            });
        } else if (key == "languages") {
            top.take(key);
            languages(value, at);
        } else if (key == "interests") {
            top.take(key);
            section("Interests", "list", value, at, [&](Object& o, ImportTable& e) {
                const std::string name = o.str("name");
                json keywords = o.strs("keywords");
                if (keywords.empty()) {
                    e.set_list("items", json::array({name}));
                } else {
                    e.set("label", name);
                    e.set_list("items", keywords);
                }
            });
        } else if (key == "references") {
            top.take(key);
            section("References", "oneline", value, at, [&](Object& o, ImportTable& e) {
                e.set("label", o.str("name"));
                e.set("details", o.str("reference"));
            });
        } else if (key == "projects") {
            top.take(key);
            section("Projects", "projects", value, at, [&](Object& o, ImportTable& e) {
                e.set("name", o.str("name"));
                e.set("summary", o.str("description"));
                e.set_list("highlights", o.strs("highlights"));
                e.set_list("technologies", o.strs("keywords"));
                e.set("url", o.str("url"));
                e.set("role", joined(o.strs("roles").get<std::vector<std::string>>(), ", "));
                dates(o, e);
            });
        }
    }
    if (!person_.contains("name") || person_["name"].get<std::string>().empty()) {
        sink_
            .error("import-missing-name", file_.path(), span("/basics"),
                   "the resume has no basics.name, and a cvtex CV needs the person's name")
            .hints.push_back("add \"basics\": { \"name\": \"Your Name\" } to the file");
        return nullptr;
    }
    json doc = json::object();
    doc["person"] = person_;
    if (!sections_.empty()) doc["section"] = sections_;
    return doc;
}

// nlohmann's message without its prefix ("[json.exception.parse_error.101] parse error at
// line 1, column 2: "): the position is in the diagnostic's.
std::string parse_message(const std::string& what) {
    const auto colon = what.find(": ");
    return colon == std::string::npos ? what : what.substr(colon + 2);
}

Span span_of_byte(std::string_view text, std::size_t byte) {
    std::uint32_t line = 1, column = 1;
    for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++column;
        }
    }
    return Span::at(line, column);
}

}  // namespace

std::map<std::string, Span> json_positions(std::string_view text) {
    return PositionScanner(text).run();
}

json read_json_resume(const SourceFile& file, DiagnosticSink& sink) {
    ordered root;
    try {
        root = ordered::parse(file.text());
    } catch (const ordered::parse_error& e) {
        // nlohmann's byte is one past the character it stopped at.
        sink.error("json-syntax", file.path(),
                   span_of_byte(file.text(), e.byte > 0 ? e.byte - 1 : 0), parse_message(e.what()));
        return nullptr;
    }
    Reader reader(file, sink);
    json doc = reader.read(root);
    return sink.has_errors() ? json(nullptr) : doc;
}

}  // namespace cvtex
