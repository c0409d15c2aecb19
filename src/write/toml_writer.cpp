// The TOML writer: documents as TOML in the schema's key order, and TOML's one escaping
// function (toml_quote).
#include "cvtex/write/toml_writer.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace cvtex {

using json = nlohmann::json;
using T = ValueType;

std::string toml_quote(std::string_view value) {
    std::string out = "\"";
    for (char ch : value) {
        const auto c = static_cast<unsigned char>(ch);
        switch (ch) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                if (c < 0x20 || c == 0x7F)
                    out += fmt::format("\\u{:04X}", c);
                else
                    out += ch;
        }
    }
    return out + "\"";
}

namespace {

// A string with line breaks as a TOML multi-line basic string: the breaks stay breaks, so
// a Markdown body or paragraphs read as written.
std::string toml_multi_line(const std::string& value) {
    std::string out = "\"\"\"\n";
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char ch = value[i];
        if (ch == '\n') {
            out += '\n';
        } else if (ch == '"' && value.compare(i, 3, "\"\"\"") == 0) {
            out += "\\\"";  // never three quotes in a row
        } else {
            const std::string quoted = toml_quote(std::string_view(&value[i], 1));
            out += quoted.substr(1, quoted.size() - 2);
        }
    }
    return out + "\"\"\"";
}

// A TOML key: bare when it can be, else quoted.
std::string toml_key(std::string_view key) {
    const bool bare = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-';
    });
    return bare ? std::string(key) : toml_quote(key);
}

bool holds_tables(const json& v) {
    return v.is_object() ||
           (v.is_array() && !v.empty() &&
            std::all_of(v.begin(), v.end(), [](const json& e) { return e.is_object(); }));
}

// A list on one line when it is short, else one item a line, so a diff shows the item.
std::string list_value(const json& v, std::size_t key_width) {
    std::vector<std::string> items;
    std::size_t width = key_width + 5;
    bool nested = false;
    for (const auto& item : v) {
        items.push_back(toml_value(item));
        width += items.back().size() + 2;
        nested = nested || item.is_array() || items.back().find('\n') != std::string::npos;
    }
    if (!nested && width <= 96) {
        std::string out = "[";
        for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
        return out + "]";
    }
    std::string out = "[\n";
    for (const auto& item : items) out += "    " + item + ",\n";
    return out + "]";
}

struct TomlWriter {
    std::string out;

    // The spec of one table of `field`'s array (a section's is picked by its `kind`).
    static const TableSpec* element_spec(const FieldSpec& field, const json& element) {
        if (!field.sections) return field.table;
        if (element.contains("kind") && element["kind"].is_string())
            if (const SectionKind* k = find_section_kind(element["kind"].get<std::string>()))
                return k->section;
        return field.table;
    }

    // The keys of `table`, in the schema's order, then the ones it does not declare.
    static std::vector<std::pair<std::string, const FieldSpec*>> ordered_keys(
        const json& table, const TableSpec* spec) {
        std::vector<std::pair<std::string, const FieldSpec*>> keys;
        if (spec)
            for (const auto& f : spec->fields)
                if (table.contains(f.key)) keys.emplace_back(std::string(f.key), &f);
        for (const auto& [key, value] : table.items())
            if (!spec || !spec->find(key)) keys.emplace_back(key, nullptr);
        return keys;
    }

    void table(const json& table, const TableSpec* spec, const std::string& path) {
        const auto keys = ordered_keys(table, spec);
        for (const auto& [key, field] : keys) {
            const json& v = table[key];
            if (holds_tables(v)) continue;
            out += toml_key(key) + " = " +
                   (v.is_array() ? list_value(v, key.size()) : toml_value(v)) + "\n";
        }
        for (const auto& [key, field] : keys) {
            const json& v = table[key];
            if (!holds_tables(v)) continue;
            const std::string sub = path.empty() ? toml_key(key) : path + "." + toml_key(key);
            const TableSpec* sub_spec = field ? field->table : nullptr;
            if (v.is_object()) {
                out += "\n[" + sub + "]\n";
                this->table(v, sub_spec, sub);
                continue;
            }
            for (const auto& element : v) {
                out += "\n[[" + sub + "]]\n";
                this->table(element, field ? element_spec(*field, element) : nullptr, sub);
            }
        }
    }
};

}  // namespace

std::string toml_value(const json& v) {
    if (v.is_string()) {
        const auto s = v.get<std::string>();
        return s.find('\n') == std::string::npos ? toml_quote(s) : toml_multi_line(s);
    }
    if (v.is_array()) {
        std::string out = "[";
        for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + toml_value(v[i]);
        return out + "]";
    }
    if (v.is_object()) {
        std::string out = "{";
        bool first = true;
        for (const auto& [key, value] : v.items()) {
            out += fmt::format("{} {} = {}", first ? "" : ",", toml_key(key), toml_value(value));
            first = false;
        }
        return out + " }";
    }
    return v.dump();
}

std::string write_toml(const json& document, const TableSpec& root, std::string_view preamble) {
    TomlWriter w;
    w.out = std::string(preamble);
    w.table(document, &root, "");
    // Tables start with a blank line; the file does not.
    if (preamble.empty() && w.out.starts_with("\n")) w.out.erase(0, 1);
    return w.out;
}

}  // namespace cvtex
