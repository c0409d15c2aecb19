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

TEST(NewCv, RejectsAnEmptyName) {
    test::TempDir tmp;
    DiagnosticSink sink;
    EXPECT_EQ(run_new({"  ", tmp / "cv.toml", false, "x"}, sink), ExitCode::usage);
    EXPECT_EQ(sink.all().at(0).code, "bad-name");
}

}  // namespace
}  // namespace cvtex
