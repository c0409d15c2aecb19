// Unit tests for the products generated from the schema: JSON Schema, docs, starter file.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <functional>

#include "../support/run.hpp"
#include "cvtex/check/schema.hpp"
#include "cvtex/check/schema_export.hpp"
#include "cvtex/check/validate.hpp"
#include "cvtex/cli/commands.hpp"
#include "cvtex/read/loader.hpp"

namespace cvtex {
namespace {

const std::string source_dir = CVTEX_SOURCE_DIR;

TEST(CommittedSchema, JsonSchemaIsUpToDate) {
    EXPECT_TRUE(test::slurp(source_dir + "/schema/cvtex.schema.json") == json_schema())
        << "schema/cvtex.schema.json is stale: run scripts/update-schema and commit the result";
}

TEST(CommittedSchema, DocsAreUpToDate) {
    EXPECT_TRUE(test::slurp(source_dir + "/docs/schema.md") == schema_markdown())
        << "docs/schema.md is stale: run scripts/update-schema and commit the result";
}

// Every property, at every depth, tells the editor what it is and shows an example.
TEST(JsonSchema, EveryFieldHasADescriptionAndAnExample) {
    const auto schema = nlohmann::json::parse(json_schema());
    int fields = 0;
    std::function<void(const nlohmann::json&, const std::string&)> walk =
        [&](const nlohmann::json& j, const std::string& where) {
            if (j.is_array()) {
                for (const auto& item : j) walk(item, where);
                return;
            }
            if (!j.is_object()) return;
            if (j.contains("properties") && j["properties"].is_object()) {
                for (const auto& [key, p] : j["properties"].items()) {
                    if (!p.is_object() || p.empty()) continue;
                    ++fields;
                    EXPECT_TRUE(p.contains("description")) << where << "." << key;
                    EXPECT_TRUE(p.contains("examples") && !p["examples"].empty())
                        << where << "." << key;
                }
            }
            for (const auto& [key, value] : j.items())
                if (key != "if") walk(value, where + "/" + key);  // a condition, not a field
        };
    walk(schema, "");
    EXPECT_GT(fields, 60);
}

TEST(JsonSchema, SectionKindsRejectUnknownKeysPerKind) {
    const auto schema = nlohmann::json::parse(json_schema());
    const auto& all = schema["definitions"]["section"]["allOf"];
    ASSERT_EQ(all.size(), section_kinds().size());
    for (std::size_t i = 0; i < all.size(); ++i) {
        EXPECT_EQ(all[i]["if"]["properties"]["kind"]["const"], section_kinds()[i].kind);
        EXPECT_EQ(all[i]["then"]["additionalProperties"], false);
    }
}

TEST(SchemaExamples, AreValidTomlValues) {
    std::function<void(const TableSpec&)> check = [&](const TableSpec& t) {
        for (const auto& f : t.fields) {
            if (f.table) check(*f.table);
            if (f.example.empty()) continue;
            EXPECT_TRUE(toml_value_to_json(f.example).has_value()) << t.name << "." << f.key;
        }
    };
    check(root_schema());
    for (const auto& k : section_kinds()) {
        check(*k.section);
        if (k.entry) check(*k.entry);
    }
}

std::vector<Diagnostic> check_text(const std::string& text) {
    DiagnosticSink sink;
    const Document doc = load_document(SourceFile("cv.toml", text), sink);
    validate(doc, Date{.year = 2026, .month = 1, .day = 1}, sink);
    return sink.all();
}

TEST(Starter, LoadsWithoutAnyDiagnostic) {
    const std::string text = starter_toml("Ada Lovelace", "cvtex.schema.json");
    EXPECT_TRUE(text.starts_with("#:schema cvtex.schema.json\n"));
    for (const auto& d : check_text(text)) ADD_FAILURE() << d.code << ": " << d.message;
}

TEST(Starter, HasEverySectionKind) {
    const std::string text = starter_toml("Ada Lovelace", "x");
    for (const auto& k : section_kinds())
        EXPECT_NE(text.find(fmt::format("kind = \"{}\"", k.kind)), std::string::npos) << k.kind;
}

TEST(Starter, NameIsQuotedSafely) {
    const std::string name = "Ada \"The Countess\" Lovelace \\ \t";
    DiagnosticSink sink;
    const Document doc = load_document(SourceFile("cv.toml", starter_toml(name, "x")), sink);
    EXPECT_FALSE(sink.has_errors());
    EXPECT_EQ(doc.person.name.value, name);
}

// The starter sets no setting and gives the person only the user's name: everything else in
// [settings] and [person] is a comment, so nobody else's address or accounts end up under the
// user's name, and no setting changes how the CV looks unasked.
TEST(Starter, SetsNothingAndGivesThePersonOnlyTheName) {
    DiagnosticSink sink;
    const Document doc =
        load_document(SourceFile("cv.toml", starter_toml("Ada Lovelace", "x")), sink);
    EXPECT_FALSE(sink.has_errors());
    const Settings defaults;
    EXPECT_TRUE(doc.settings.author_style.empty());
    EXPECT_EQ(doc.settings.paper, defaults.paper);
    EXPECT_EQ(doc.settings.accent, defaults.accent);
    EXPECT_TRUE(doc.settings.engine.empty());
    EXPECT_EQ(doc.person.name.value, "Ada Lovelace");
    EXPECT_TRUE(doc.person.contact_order.empty());
    EXPECT_FALSE(doc.person.headline);
    EXPECT_FALSE(doc.person.photo);
    EXPECT_TRUE(doc.person.aliases.empty());
}

// docs/schema.md lists every key of every kind of section: its own keys, its nested tables'
// keys and its entries' keys.
TEST(SchemaMarkdown, ListsEveryKeyOfEveryKind) {
    const std::string md = schema_markdown();
    std::function<void(const TableSpec&, std::string_view)> check = [&](const TableSpec& t,
                                                                        std::string_view where) {
        for (const auto& f : t.fields) {
            EXPECT_NE(md.find(fmt::format("| `{}` |", f.key), md.find(where)), std::string::npos)
                << where << ": " << f.key;
            if (f.table && !f.sections) check(*f.table, where);
        }
    };
    for (const auto& k : section_kinds()) {
        const std::string heading = fmt::format("### `kind = \"{}\"`", k.kind);
        ASSERT_NE(md.find(heading), std::string::npos) << k.kind;
        for (const auto& f : k.section->fields) {
            if (f.key == "title" || f.key == "kind" || f.key == "note" || f.key == "id" ||
                f.key == "tags" || f.key == "entry")
                continue;  // in the table of every section
            const auto at = md.find(heading);
            const auto next = md.find("\n### ", at + 1);
            const auto found = md.find(fmt::format("| `{}` |", f.key), at);
            EXPECT_TRUE(found != std::string::npos && found < next) << k.kind << ": " << f.key;
        }
        if (k.entry) check(*k.entry, heading);
    }
    // The legend that cvtex adds under a publication list is explained.
    EXPECT_NE(md.find("a legend under the list explains the marks"), std::string::npos);
}

TEST(JsonSchema, ContactKeysTakeAValueOrAListAndBulletsNest) {
    const auto schema = nlohmann::json::parse(json_schema());
    const auto& email = schema["properties"]["person"]["properties"]["email"];
    ASSERT_TRUE(email.contains("anyOf"));
    EXPECT_EQ(email["anyOf"][1]["type"], "array");
    const auto& education = schema["definitions"]["section"]["allOf"][1]["then"];
    const auto& entry = education["properties"]["entry"]["items"]["properties"];
    EXPECT_EQ(entry["highlights"]["items"]["anyOf"][1]["type"], "array");
    // An entry's date may be text with a letter in it; a letter's date may not.
    const std::string pattern = entry["date"]["pattern"];
    EXPECT_NE(pattern.find("[^-0-9\\s./]"), std::string::npos) << pattern;
}

TEST(TomlQuote, EscapesWhatTomlNeeds) {
    EXPECT_EQ(toml_quote("a\"b\\c\nd\x01"), "\"a\\\"b\\\\c\\nd\\u0001\"");
    EXPECT_EQ(toml_quote("Zoë"), "\"Zoë\"");
}

TEST(NewCv, NeverReplacesAFileWithoutForce) {
    test::TempDir tmp;
    const std::string path = tmp / "cv.toml";
    test::write(path, "mine");
    DiagnosticSink sink;
    EXPECT_EQ(run_new({"Ada", path, false, "x"}, sink), ExitCode::usage);
    EXPECT_EQ(test::slurp(path), "mine");
    ASSERT_EQ(sink.all().size(), 1u);
    EXPECT_EQ(sink.all()[0].code, "file-exists");
    DiagnosticSink sink2;
    EXPECT_EQ(run_new({"Ada", path, true, "x"}, sink2), ExitCode::ok);
    EXPECT_EQ(test::slurp(path), starter_toml("Ada", "x"));
}

// The schema goes beside the starter, named relative to it, so that the #:schema line works in
// any checkout of the folder; a schema already there (the user's, or an older one) is kept.
TEST(NewCv, WritesTheSchemaBesideTheCvUnlessOneIsThere) {
    test::TempDir tmp;
    DiagnosticSink sink;
    NewOptions o{"Ada", tmp / "cv.toml", false, "cvtex.schema.json", "{\"schema\": 1}\n"};
    EXPECT_EQ(run_new(o, sink), ExitCode::ok);
    EXPECT_TRUE(test::slurp(tmp / "cv.toml").starts_with("#:schema cvtex.schema.json\n"));
    EXPECT_EQ(test::slurp(tmp / "cvtex.schema.json"), "{\"schema\": 1}\n");
    o.output = tmp / "other.toml";
    o.schema_text = "{\"schema\": 2}\n";
    EXPECT_EQ(run_new(o, sink), ExitCode::ok);
    EXPECT_EQ(test::slurp(tmp / "cvtex.schema.json"), "{\"schema\": 1}\n");
    EXPECT_TRUE(sink.all().empty());
}

TEST(NewCv, RejectsAnEmptyName) {
    test::TempDir tmp;
    DiagnosticSink sink;
    EXPECT_EQ(run_new({"  ", tmp / "cv.toml", false, "x"}, sink), ExitCode::usage);
    EXPECT_EQ(sink.all().at(0).code, "bad-name");
}

}  // namespace
}  // namespace cvtex
