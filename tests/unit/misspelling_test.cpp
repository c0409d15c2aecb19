// Every misspelling caught: each key of the reference CV, renamed to a misspelling, makes the
// check name that exact line and column and suggest the key that was meant.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <toml++/toml.h>

#include <set>
#include <sstream>

#include "cvtex/base/diagnostics.hpp"
#include "cvtex/base/source.hpp"
#include "cvtex/check/schema.hpp"
#include "cvtex/check/validate.hpp"
#include "cvtex/read/loader.hpp"

namespace cvtex {
namespace {

const std::string reference = std::string(CVTEX_SOURCE_DIR) + "/examples/cheng-li.toml";

struct Occurrence {
    std::uint32_t line;
    std::uint32_t column;  // 1-based; the reference CV's keys and headers are ASCII
    std::string key;
};

std::set<std::string> all_schema_keys() {
    std::set<std::string> keys;
    auto add = [&](const TableSpec& t) {
        for (const auto& f : t.fields) keys.emplace(f.key);
    };
    add(root_schema());
    for (const auto& f : root_schema().fields)
        if (f.table) add(*f.table);
    for (const auto& k : section_kinds()) {
        add(*k.section);
        if (k.entry) add(*k.entry);
    }
    return keys;
}

// Lines that belong to a value spanning several lines (a long array or string).
void collect_value_lines(const toml::node& n, std::set<std::uint32_t>& lines) {
    if (const auto* t = n.as_table()) {
        for (auto&& [key, value] : *t) collect_value_lines(value, lines);
        return;
    }
    if (const auto* a = n.as_array(); a && a->is_array_of_tables()) {
        for (const auto& item : *a) collect_value_lines(item, lines);
        return;
    }
    for (auto l = n.source().begin.line + 1; l <= n.source().end.line; ++l) lines.insert(l);
}

// Every key as written: `key = value` lines and each part of a [table] or [[array]] header.
std::vector<Occurrence> key_occurrences(const std::string& text) {
    std::set<std::uint32_t> inside;
    collect_value_lines(toml::parse(text), inside);
    std::vector<Occurrence> out;
    std::istringstream in(text);
    std::string line;
    for (std::uint32_t n = 1; std::getline(in, line); ++n) {
        if (inside.count(n) || line.empty() || line[0] == '#') continue;
        if (line[0] == '[') {
            std::size_t i = line.find_first_not_of('[');
            while (i < line.size() && line[i] != ']') {
                const std::size_t end = line.find_first_of(".]", i);
                out.push_back({n, static_cast<std::uint32_t>(i + 1), line.substr(i, end - i)});
                i = line[end] == '.' ? end + 1 : end;
            }
        } else if (const auto eq = line.find(" ="); eq != std::string::npos) {
            out.push_back({n, 1, line.substr(0, eq)});
        }
    }
    return out;
}

// A misspelling one edit from `key` and further than that from every other key of the schema,
// so the only right suggestion is `key` itself.
std::string misspell(const std::string& key, const std::set<std::string>& keys) {
    std::vector<std::string> candidates;
    for (std::size_t i = 0; i + 1 < key.size(); ++i) {
        std::string swapped = key;
        std::swap(swapped[i], swapped[i + 1]);
        candidates.push_back(swapped);
    }
    for (std::size_t i = key.size(); i-- > 0;)
        candidates.push_back(key.substr(0, i) + key.substr(i + 1));
    for (const auto& c : candidates) {
        if (c.empty() || c == key || keys.count(c)) continue;
        const bool unique = std::none_of(keys.begin(), keys.end(), [&](const std::string& k) {
            return k != key && edit_distance(c, k) <= 1;
        });
        if (unique) return c;
    }
    return {};
}

TEST(EveryMisspelling, IsNamedAtItsLineAndColumnWithTheRightSuggestion) {
    const std::string text = *read_file(reference);
    const auto keys = all_schema_keys();
    const auto occurrences = key_occurrences(text);
    EXPECT_GT(occurrences.size(), 200u);
    // Only the lines split above: the line starts index the text.
    std::vector<std::size_t> line_start{0};
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n') line_start.push_back(i + 1);
    for (const auto& o : occurrences) {
        ASSERT_TRUE(keys.count(o.key)) << "not a schema key: " << o.key << " at line " << o.line;
        const std::string typo = misspell(o.key, keys);
        ASSERT_FALSE(typo.empty()) << "no unambiguous misspelling of " << o.key;
        std::string bad = text;
        bad.replace(line_start[o.line - 1] + o.column - 1, o.key.size(), typo);
        DiagnosticSink sink;
        const Document doc = load_document(SourceFile("cheng-li.toml", bad), sink);
        validate(doc, Date{.year = 2026, .month = 1, .day = 1}, sink);
        sink.sort_and_dedupe();
        const std::string where =
            fmt::format("'{}' for '{}' at {}:{}", typo, o.key, o.line, o.column);
        const auto found =
            std::find_if(sink.all().begin(), sink.all().end(), [&](const Diagnostic& d) {
                return d.code == "unknown-key" && d.span.line == o.line &&
                       d.span.column == o.column;
            });
        ASSERT_NE(found, sink.all().end()) << "no unknown-key diagnostic for " << where;
        EXPECT_EQ(found->severity, Severity::error) << where;
        EXPECT_EQ(found->span.end_column, o.column + typo.size()) << where;
        EXPECT_NE(found->message.find("'" + typo + "'"), std::string::npos) << where;
        EXPECT_EQ(found->hints, std::vector<std::string>{fmt::format("did you mean '{}'?", o.key)})
            << where;
    }
}

}  // namespace
}  // namespace cvtex
