// Unit tests for `cvtex import`: the JSON Resume and RenderCV readers, JSON positions, the
// TOML writer, and that every import loads and validates with no error.
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "../support/run.hpp"
#include "cvtex/base/files.hpp"
#include "cvtex/check/schema.hpp"
#include "cvtex/check/validate.hpp"
#include "cvtex/cli/commands.hpp"
#include "cvtex/driver/import.hpp"
#include "cvtex/read/import_support.hpp"
#include "cvtex/read/json_resume.hpp"
#include "cvtex/read/loader.hpp"
#include "cvtex/read/rendercv.hpp"
#include "cvtex/write/toml_writer.hpp"

namespace cvtex {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

const std::string import_dir = std::string(CVTEX_SOURCE_DIR) + "/tests/import";

bool has(const DiagnosticSink& sink, std::string_view code, std::uint32_t line,
         std::string_view in_message) {
    for (const auto& d : sink.all())
        if (d.code == code && d.span.line == line &&
            d.message.find(in_message) != std::string::npos)
            return true;
    return false;
}

// The TOML through the loader and the validator: the codes of what they report.
std::vector<std::string> check_toml(const std::string& toml) {
    DiagnosticSink sink;
    const Document doc = load_document(SourceFile("imported.toml", toml), sink);
    validate(doc, Date{.year = 2026, .month = 1, .day = 15}, sink);
    std::vector<std::string> out;
    for (const auto& d : sink.all())
        if (d.severity == Severity::error) out.push_back(d.code + ": " + d.message);
    return out;
}

std::string import_file(const std::string& path, DiagnosticSink& sink) {
    DiskFiles files;
    Sources sources(files);
    const auto format = import_format_of(path);
    EXPECT_TRUE(format) << path;
    const auto toml = import_cv(path, *format, sources, sink);
    EXPECT_TRUE(toml) << path;
    return toml.value_or("");
}

// ---- JSON positions ------------------------------------------------------------------------

TEST(JsonPositions, GiveEveryKeyAndElementItsLineAndColumn) {
    const auto p =
        json_positions("{\n  \"a\": [1, {\"b~/\": true}],\n  \"é\": \"x\", \"c\": {}\n}");
    ASSERT_TRUE(p.count("/a"));
    EXPECT_EQ(p.at("/a").line, 2u);
    EXPECT_EQ(p.at("/a").column, 3u);
    EXPECT_EQ(p.at("/a").end_column, 6u);  // the key with its quotes
    EXPECT_EQ(p.at("/a/0").column, 9u);
    EXPECT_EQ(p.at("/a/1").column, 12u);
    EXPECT_EQ(p.at("/a/1/b~0~1").column, 13u);
    EXPECT_EQ(p.at("/\xC3\xA9").line, 3u);
    EXPECT_EQ(p.at("/c").column, 13u);  // columns count code points: "é" is one
}

TEST(JsonPositions, SurviveDeepNestingAndOddInput) {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    EXPECT_FALSE(json_positions(deep).empty());
    EXPECT_NO_THROW(json_positions("{\"a"));
    EXPECT_NO_THROW(json_positions("]]]}}"));
    EXPECT_NO_THROW(json_positions(""));
}

// ---- JSON Resume -----------------------------------------------------------------------------

TEST(JsonResume, EverySectionImportsAndTheTomlLoadsAndValidates) {
    DiagnosticSink sink;
    const std::string toml = import_file(import_dir + "/every-section.resume.json", sink);
    EXPECT_EQ(check_toml(toml), std::vector<std::string>{});
    for (const char* title :
         {"Summary", "Experience", "Volunteering", "Education", "Awards", "Certificates",
          "Publications", "Skills", "Languages", "Interests", "References", "Projects"})
        EXPECT_NE(toml.find(fmt::format("title = \"{}\"", title)), std::string::npos) << title;
}

TEST(JsonResume, MapsBasicsAndProfiles) {
    DiagnosticSink sink;
    const json doc = read_json_resume(
        SourceFile("r.json", test::slurp(import_dir + "/every-section.resume.json")), sink);
    ASSERT_FALSE(doc.is_null());
    const json& p = doc["person"];
    EXPECT_EQ(p["name"], "Mira Okafor");
    EXPECT_EQ(p["headline"], "Data Engineer \\*and\\* \\[occasional\\] writer");  // plain text
    EXPECT_EQ(p["location"], "Leeds, West Yorkshire, GB");
    EXPECT_EQ(p["website"], "https://mira.example.org");
    ASSERT_EQ(p["profiles"].size(), 3u);
    EXPECT_EQ(p["profiles"][0]["network"], "github");
    EXPECT_EQ(p["profiles"][1]["network"], "x");  // Twitter
    EXPECT_EQ(p["profiles"][2]["network"], "other");
    EXPECT_EQ(p["profiles"][2]["url"], "https://keybase.io/mira");
    const json& work = doc["section"][1];
    EXPECT_EQ(work["kind"], "experience");
    EXPECT_EQ(work["entry"][0]["start"], "2021-03");
    EXPECT_EQ(work["entry"][0]["end"], "present");  // no endDate: still there
    EXPECT_EQ(work["entry"][1]["end"], "2021-02-28");
    EXPECT_EQ(doc["section"][0]["text"],
              "I build data pipelines that are boring to operate, and cost \\$0 at rest.");
}

TEST(JsonResume, WhatDoesNotMapIsALocatedWarning) {
    DiagnosticSink sink;
    const json doc = read_json_resume(
        SourceFile("r.json", test::slurp(import_dir + "/every-section.resume.json")), sink);
    ASSERT_FALSE(doc.is_null());
    EXPECT_FALSE(sink.has_errors());
    EXPECT_TRUE(has(sink, "import-unmapped", 30, "'/work/0/description'")) << sink.all().size();
    EXPECT_TRUE(has(sink, "import-unmapped", 100, "'/meta'"));
    EXPECT_TRUE(has(sink, "import-unmapped", 96, "'/projects/0/entity'"));
    EXPECT_TRUE(has(sink, "import-incomplete", 19, "'/basics/profiles/3'"));
    EXPECT_TRUE(has(sink, "import-incomplete", 38, "'/work/2'"));
    for (const auto& d : sink.all()) EXPECT_NE(d.message.find("$schema"), 0u);
}

TEST(JsonResume, BadJsonIsALocatedError) {
    DiagnosticSink sink;
    EXPECT_TRUE(read_json_resume(SourceFile("r.json", "{\n  \"basics\": {,}\n}"), sink).is_null());
    ASSERT_EQ(sink.all().size(), 1u);
    EXPECT_EQ(sink.all()[0].code, "json-syntax");
    EXPECT_EQ(sink.all()[0].span.line, 2u);
    EXPECT_EQ(sink.all()[0].span.column, 14u);  // the comma
}

TEST(JsonResume, WrongTypesAreErrorsAtTheirKey) {
    DiagnosticSink sink;
    const auto doc = read_json_resume(
        SourceFile("r.json",
                   "{\"basics\": {\"name\": \"A\"},\n \"work\": {\"name\": \"X\"},\n"
                   " \"skills\": [{\"name\": \"S\", \"keywords\": [1, {}]}]}"),
        sink);
    EXPECT_TRUE(doc.is_null());
    EXPECT_TRUE(has(sink, "import-wrong-type", 2, "'/work' must be a list of objects"));
    EXPECT_TRUE(has(sink, "import-wrong-type", 3, "'/skills/0/keywords/1' must be a string"));
    EXPECT_TRUE(read_json_resume(SourceFile("r.json", "[1, 2]"), sink).is_null());
}

TEST(JsonResume, ANameIsNeeded) {
    DiagnosticSink sink;
    EXPECT_TRUE(
        read_json_resume(SourceFile("r.json", "{\"basics\": {\"label\": \"X\"}}"), sink).is_null());
    EXPECT_TRUE(has(sink, "import-missing-name", 1, "basics.name"));
}

TEST(JsonResume, BadDatesAreLeftOutWithAWarning) {
    DiagnosticSink sink;
    const auto doc =
        read_json_resume(SourceFile("r.json",
                                    "{\"basics\": {\"name\": \"A\"}, \"work\": [{\"name\": \"X\", "
                                    "\"startDate\": \"03/2020\", \"endDate\": \"2021\"}]}"),
                         sink);
    ASSERT_FALSE(doc.is_null());
    EXPECT_TRUE(has(sink, "import-bad-date", 1, "'/work/0/startDate'"));
    EXPECT_EQ(doc["section"][0]["entry"][0]["date"], "2021");
    EXPECT_EQ(check_toml(write_toml(doc, root_schema(), "")), std::vector<std::string>{});
}

TEST(JsonResume, LanguagesWithoutLevelsAreAList) {
    DiagnosticSink sink;
    const auto doc = read_json_resume(
        SourceFile("r.json",
                   "{\"basics\": {\"name\": \"A\"}, \"languages\": [{\"language\": "
                   "\"Welsh\"}, {\"language\": \"Irish\", \"fluency\": \"\"}]}"),
        sink);
    EXPECT_EQ(doc["section"][0]["kind"], "list");
    EXPECT_EQ(doc["section"][0]["entry"][0]["items"], json::array({"Welsh", "Irish"}));
}

// ---- RenderCV --------------------------------------------------------------------------------

TEST(RenderCv, EveryEntryTypeImportsAndTheTomlLoadsAndValidates) {
    DiagnosticSink sink;
    const std::string toml = import_file(import_dir + "/every-entry-type.rendercv.yaml", sink);
    EXPECT_EQ(check_toml(toml), std::vector<std::string>{});
}

json rendercv(const std::string& yaml, DiagnosticSink& sink) {
    return read_rendercv(SourceFile("cv.yaml", yaml), sink);
}

TEST(RenderCv, MapsEveryEntryTypeToASectionKind) {
    DiagnosticSink sink;
    const json doc = rendercv(test::slurp(import_dir + "/every-entry-type.rendercv.yaml"), sink);
    ASSERT_FALSE(doc.is_null());
    std::vector<std::string> kinds, titles;
    for (const auto& s : doc["section"]) {
        kinds.push_back(s["kind"]);
        titles.push_back(s["title"]);
    }
    EXPECT_EQ(kinds, (std::vector<std::string>{"text", "education", "experience", "projects",
                                               "publications", "oneline", "dated", "dated", "dated",
                                               "list"}));
    EXPECT_EQ(doc["section"][9]["entry"][0]["items"], json::array({"py", "rust", "docker"}));
    EXPECT_EQ(doc["section"][3]["entry"][0]["technologies"], json::array({"py", "cpp"}));
    EXPECT_EQ(titles[0], "About Me");
    EXPECT_EQ(titles[3], "Projects and Tools");
    const json& s = doc["section"];
    EXPECT_EQ(s[0]["text"],
              "I design *field robots* for vineyards; see [my lab](https://lab.example.org).\n\n"
              "Budgets from \\$10k to \\$2M.");
    EXPECT_EQ(s[2]["entry"][0]["end"], "present");
    EXPECT_EQ(s[2]["entry"][0]["url"], "https://vinha.example.com");
    EXPECT_EQ(s[2]["entry"][0]["highlights"],
              json::parse(R"(["Shipped 3 robot generations", ["hardware", "firmware"],
                              "Grew the team from 2 to 9"])"));
    EXPECT_EQ(s[2]["entry"][1]["date"], "Summer 2018");
    EXPECT_EQ(s[3]["entry"][0]["name"], "[grape-sense](https://github.com/tferreira/grape-sense)");
    EXPECT_EQ(s[4]["entry"][0]["authors"], json::array({"T. Ferreira", "A. Lima"}));
    EXPECT_EQ(doc["person"]["aliases"], json::array({"T. Ferreira"}));
    EXPECT_EQ(s[4]["entry"][0]["venue"], "Journal of Field Robotics");
    EXPECT_EQ(s[5]["entry"][0]["details"], "C++, Python, **Rust**");
}

TEST(RenderCv, MapsTheHeaderAndItsSocialNetworks) {
    DiagnosticSink sink;
    const json doc = rendercv(test::slurp(import_dir + "/every-entry-type.rendercv.yaml"), sink);
    const json& p = doc["person"];
    EXPECT_EQ(p["phone"], "+351-22-000-0000");
    EXPECT_EQ(p["headline"], "Robotics engineer, **field-tested**");
    std::vector<std::string> networks;
    for (const auto& n : p["profiles"]) networks.push_back(n["network"]);
    EXPECT_EQ(networks, (std::vector<std::string>{"linkedin", "github", "scholar", "mastodon",
                                                  "other", "other"}));
    EXPECT_EQ(p["profiles"][4]["url"], "https://instagram.com/tomas.builds");
    EXPECT_EQ(p["profiles"][5]["url"], "https://cal.example.org/tomas");
    EXPECT_TRUE(has(sink, "import-incomplete", 22, "'cv.social_networks[5]'"));  // Myspace
}

TEST(RenderCv, MapsTheDesignWhereCvtexHasAnEquivalent) {
    DiagnosticSink sink;
    const json doc = rendercv(test::slurp(import_dir + "/every-entry-type.rendercv.yaml"), sink);
    const json& s = doc["settings"];
    EXPECT_EQ(s["theme"], "engineering");
    EXPECT_EQ(s["paper"], "a4");
    EXPECT_EQ(s["margins"], "2cm 1.8cm 2cm 1.8cm");
    EXPECT_EQ(s["name_color"], "004F90");
    EXPECT_EQ(s["heading_color"], "004F90");
    EXPECT_EQ(s["link_color"], "004F90");
    EXPECT_EQ(s["header_align"], "left");
    EXPECT_EQ(s["section_style"], "rule");
    EXPECT_EQ(s["bullet"], "–");
    EXPECT_EQ(s["language"], "pt");  // locale.language: portuguese
}

// A language cvtex has no locale for stays a warning at its line.
TEST(RenderCv, ALanguageCvtexDoesNotHaveIsAWarning) {
    DiagnosticSink sink;
    const json doc = rendercv("cv:\n  name: A\nlocale:\n  language: klingon\n", sink);
    EXPECT_FALSE(doc.contains("settings") && doc.at("settings").contains("language"));
    EXPECT_TRUE(has(sink, "import-unmapped", 4, "'locale.language'"));
}

TEST(RenderCv, WhatDoesNotMapIsAWarningAtItsLineAndColumn) {
    DiagnosticSink sink;
    rendercv(test::slurp(import_dir + "/every-entry-type.rendercv.yaml"), sink);
    EXPECT_FALSE(sink.has_errors());
    EXPECT_TRUE(has(sink, "import-unmapped", 92, "'design.page.show_footer'"));
    EXPECT_TRUE(has(sink, "import-unmapped", 97, "'design.colors.body'"));
    EXPECT_TRUE(has(sink, "import-unmapped", 106, "'design.typography.font_family'"));
    EXPECT_FALSE(has(sink, "import-unmapped", 108, "'locale.language'"));  // cvtex has pt
    EXPECT_TRUE(has(sink, "import-unmapped", 109, "'locale.present'"));
    EXPECT_TRUE(has(sink, "import-unmapped", 110, "'locale.month_names'"));
    EXPECT_TRUE(has(sink, "import-unmapped", 111, "'settings'"));
    EXPECT_TRUE(has(sink, "import-unmapped", 77, "the numbers of 'cv.sections.talks'"));
    for (const auto& d : sink.all()) {
        if (d.message.find("'design.page.show_footer'") != std::string::npos) {
            EXPECT_EQ(d.span.column, 5u);
        }
    }
}

TEST(RenderCv, BadYamlIsALocatedError) {
    DiagnosticSink sink;
    EXPECT_TRUE(rendercv("cv:\n  name: [unclosed\n", sink).is_null());
    ASSERT_EQ(sink.all().size(), 1u);
    EXPECT_EQ(sink.all()[0].code, "yaml-syntax");
    EXPECT_EQ(sink.all()[0].span.line, 3u);
}

TEST(RenderCv, WrongTypesAreErrorsAtTheirPlace) {
    DiagnosticSink sink;
    EXPECT_TRUE(rendercv("cv:\n  name: A\n  sections:\n    education: oops\n", sink).is_null());
    EXPECT_TRUE(has(sink, "import-wrong-type", 4, "'cv.sections.education' must be a list"));
    DiagnosticSink sink2;
    EXPECT_TRUE(rendercv("- a\n- b\n", sink2).is_null());
    EXPECT_EQ(sink2.all()[0].code, "import-wrong-type");
    DiagnosticSink sink3;
    EXPECT_TRUE(rendercv("cv:\n  name: [A, B]\n", sink3).is_null());
    EXPECT_TRUE(has(sink3, "import-wrong-type", 2, "'cv.name' must be a single value"));
}

TEST(RenderCv, DeepNestingIsAnErrorNotACrash) {
    DiagnosticSink sink;
    EXPECT_TRUE(rendercv("cv: " + std::string(100000, '['), sink).is_null());
    EXPECT_TRUE(sink.has_errors());
}

TEST(RenderCv, ManyUnknownKeysTakeLinearTime) {
    std::string yaml = "cv:\n  name: A\n";
    for (int i = 0; i < 50000; ++i) yaml += "  k" + std::to_string(i) + ": v\n";
    DiagnosticSink sink;
    EXPECT_FALSE(rendercv(yaml, sink).is_null());  // seconds if quadratic: minutes
    EXPECT_EQ(sink.warning_count(), 50000u);
}

TEST(RenderCv, AliasesThatMultiplyValuesAreRefused) {
    // A few kilobytes that name 2000 sections of 1000 entries of 1000 highlights each.
    std::string highlights = "[*h", entries = "[*e";
    for (int i = 1; i < 1000; ++i) {
        highlights += ", *h";
        entries += ", *e";
    }
    std::string yaml = "h: &h x\nl: &l " + highlights + "]\n" +
                       "e: &e {company: C, position: P, highlights: *l}\n" +
                       "cv:\n  name: A\n  sections:\n    s0: &s " + entries + "]\n";
    for (int i = 1; i < 2000; ++i) yaml += fmt::format("    s{}: *s\n", i);
    DiagnosticSink sink;
    EXPECT_TRUE(rendercv(yaml, sink).is_null());
    EXPECT_TRUE(has(sink, "import-too-large", 0, "more values than a CV"));
}

TEST(RenderCv, SectionTitlesAreTitledAsRenderCvTitlesThem) {
    DiagnosticSink sink;
    const json doc = rendercv(
        "cv:\n  name: A\n  sections:\n    selected_honors_and_awards:\n      - x\n"
        "    Welcome to RenderCV:\n      - y\n    budget_in_$:\n      - z\n",
        sink);
    ASSERT_EQ(doc["section"].size(), 3u);
    EXPECT_EQ(doc["section"][0]["title"], "Selected Honors and Awards");
    EXPECT_EQ(doc["section"][1]["title"], "Welcome to RenderCV");
    EXPECT_EQ(doc["section"][2]["title"], "Budget in \\$");  // a dollar, not a formula
}

TEST(RenderCv, ANameIsNeeded) {
    DiagnosticSink sink;
    EXPECT_TRUE(rendercv("cv:\n  email: a@example.org\n", sink).is_null());
    EXPECT_TRUE(has(sink, "import-missing-name", 1, "cv.name"));
}

// ---- the TOML writer ---------------------------------------------------------------------------

TEST(TomlWriter, FollowsTheSchemasKeyOrderAndQuotesEveryString) {
    const json doc = json::parse(R"({
        "section": [{"kind": "experience", "title": "Work",
                     "entry": [{"position": "P \"Q\"", "organization": "O\\",
                                "highlights": ["a", ["b"]]}]}],
        "person": {"website": "https://x.example", "name": "N\nM"},
        "settings": {"theme": "moderncv"}})");
    EXPECT_EQ(write_toml(doc, root_schema(), "# top\n"),
              "# top\n"
              "\n[settings]\ntheme = \"moderncv\"\n"
              "\n[person]\nname = \"\"\"\nN\nM\"\"\"\nwebsite = \"https://x.example\"\n"
              "\n[[section]]\ntitle = \"Work\"\nkind = \"experience\"\n"
              "\n[[section.entry]]\norganization = \"O\\\\\"\nposition = \"P \\\"Q\\\"\"\n"
              "highlights = [\n    \"a\",\n    [\"b\"],\n]\n");
}

TEST(TomlWriter, KeepsKeysTheSchemaDoesNotKnowSoTheLoaderReportsThem) {
    const json doc = json::parse(R"({"person": {"name": "N", "odd key": "v"}})");
    const std::string toml = write_toml(doc, root_schema(), "");
    EXPECT_EQ(toml, "[person]\nname = \"N\"\n\"odd key\" = \"v\"\n");
}

// The TOML of each file of tests/import, as committed beside it (CVTEX_UPDATE_GOLDEN=1
// rewrites them; read the diff).
TEST(TomlWriter, ImportsAreAsCommitted) {
    for (const auto& e : fs::directory_iterator(import_dir)) {
        const std::string path = e.path().string();
        if (!import_format_of(path)) continue;
        DiagnosticSink sink;
        const std::string toml = import_file(path, sink);
        const std::string expected_path = e.path().string() + ".toml";
        if (std::getenv("CVTEX_UPDATE_GOLDEN")) {
            std::ofstream(expected_path, std::ios::binary) << toml;
            continue;
        }
        EXPECT_EQ(toml, test::slurp(expected_path))
            << path << ": run CVTEX_UPDATE_GOLDEN=1 build/tests/unit_tests "
            << "--gtest_filter=TomlWriter.* and read the diff";
    }
}

// ---- the command ---------------------------------------------------------------------------

TEST(RunImport, WritesOnceAndReplacesOnlyWithForce) {
    test::TempDir tmp;
    const std::string input = tmp / "resume.json";
    test::write(input, "{\"basics\": {\"name\": \"Ada\"}}");
    DiskFiles files;
    auto run = [&](ImportOptions o, ExitCode expected, std::string* out = nullptr) {
        Sources sources(files);
        DiagnosticSink sink;
        std::string text, written;
        EXPECT_EQ(run_import(o, sources, sink, text, &written), expected);
        if (out) *out = text;
        return sink.all().empty() ? std::string() : sink.all()[0].code;
    };
    EXPECT_EQ(run({.input = input}, ExitCode::ok), "");
    EXPECT_NE(test::slurp(tmp / "resume.toml").find("name = \"Ada\""), std::string::npos);
    test::write(tmp / "resume.toml", "mine");
    EXPECT_EQ(run({.input = input}, ExitCode::usage), "file-exists");
    EXPECT_EQ(test::slurp(tmp / "resume.toml"), "mine");
    EXPECT_EQ(run({.input = input, .force = true}, ExitCode::ok), "");
    EXPECT_NE(test::slurp(tmp / "resume.toml"), "mine");
    std::string out;
    EXPECT_EQ(run({.input = input, .output = "-"}, ExitCode::ok, &out), "");
    EXPECT_EQ(out, test::slurp(tmp / "resume.toml"));
    EXPECT_EQ(run({.input = input, .output = input, .force = true}, ExitCode::usage),
              "output-is-input");
    EXPECT_EQ(run({.input = input, .from = "rendercv", .force = true}, ExitCode::invalid_input),
              "import-missing-name");  // JSON is YAML: read as RenderCV it has no cv.name
    EXPECT_EQ(run({.input = tmp / "missing.json"}, ExitCode::invalid_input), "file-not-found");
}

TEST(RunImport, RefusesFilesOverTheLimit) {
    test::TempDir tmp;
    const std::string input = tmp / "big.json";
    test::write(input, "{\"basics\": {\"name\": \"" + std::string(import_max_bytes, 'a') + "\"}}");
    DiskFiles files;
    Sources sources(files);
    DiagnosticSink sink;
    std::string out;
    EXPECT_EQ(run_import({.input = input, .output = "-"}, sources, sink, out),
              ExitCode::invalid_input);
    ASSERT_FALSE(sink.all().empty());
    EXPECT_EQ(sink.all()[0].code, "import-too-large");
}

TEST(ImportSupport, MarkupLiteralEscapesEveryMarkupCharacter) {
    EXPECT_EQ(markup_literal("a*b [c](d) `e` $f\\"), "a\\*b \\[c\\](d) \\`e\\` \\$f\\");
}

TEST(ImportSupport, DatesAreCheckedAsCvtexReadsThem) {
    EXPECT_EQ(import_date("2020-05", false), "2020-05");
    EXPECT_EQ(import_date(" 2020 ", false), "2020");
    EXPECT_EQ(import_date("Present", true), "present");
    EXPECT_EQ(import_date("Present", false), std::nullopt);
    EXPECT_EQ(import_date("Fall 2021", false), "Fall 2021");
    EXPECT_EQ(import_date("2020-13", false), std::nullopt);
    EXPECT_EQ(import_date("05/2020", false), std::nullopt);
}

}  // namespace
}  // namespace cvtex
