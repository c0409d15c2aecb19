// Unit tests for the products generated from the schema: JSON Schema, docs, starter file.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <cctype>
#include <functional>
#include <regex>
#include <set>
#include <sstream>

#include "../support/fake_engine.hpp"
#include "../support/run.hpp"
#include "cvtex/check/schema.hpp"
#include "cvtex/check/schema_export.hpp"
#include "cvtex/check/validate.hpp"
#include "cvtex/cli/commands.hpp"
#include "cvtex/driver/compile.hpp"
#include "cvtex/packet/packet.hpp"
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

// GitHub's anchor of a Markdown heading.
std::string github_anchor(const std::string& heading) {
    std::string out;
    for (const char c : heading) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        else if (c == ' ')
            out += '-';
    }
    return out;
}

// Every link inside docs/schema.md leads to a heading, and no two headings share an anchor.
TEST(SchemaMarkdown, EveryLinkInsideThePageHasItsHeading) {
    const std::string page = schema_markdown();
    std::istringstream lines(page);
    std::set<std::string> anchors;
    bool in_code = false;
    for (std::string line; std::getline(lines, line);) {
        if (line.starts_with("```")) in_code = !in_code;
        if (in_code || !line.starts_with("#")) continue;
        const std::string anchor = github_anchor(line.substr(line.find(' ') + 1));
        EXPECT_TRUE(anchors.insert(anchor).second) << "two headings #" << anchor;
    }
    const std::regex link(R"(\]\(#([^)]*)\))");
    int links = 0;
    for (std::sregex_iterator it(page.begin(), page.end(), link), end; it != end; ++it, ++links)
        EXPECT_TRUE(anchors.count((*it)[1])) << "no heading for #" << (*it)[1];
    EXPECT_GT(links, 20);
    for (const char* a :
         {"settings", "person", "section", "variant", "letter", "letterrecipient", "statement",
          "packet", "packetdocument", "application", "text", "markdown", "dates"})
        EXPECT_TRUE(anchors.count(a)) << a;
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

// Every table of every document kind, once, the section kinds' included.
std::vector<const TableSpec*> all_tables() {
    std::vector<const TableSpec*> out;
    std::function<void(const TableSpec&)> add = [&](const TableSpec& t) {
        if (std::find(out.begin(), out.end(), &t) != out.end()) return;
        out.push_back(&t);
        for (const auto& f : t.fields)
            if (f.table) add(*f.table);
    };
    for (const auto& k : document_kinds()) add(*k.root);
    for (const auto& k : section_kinds()) {
        add(*k.section);
        if (k.entry) add(*k.entry);
    }
    return out;
}

// The JSON Schema describes every kind of file: an if/then per kind, whose keys are exactly
// the kind's top-level keys, nothing else allowed.
TEST(JsonSchema, HasABranchPerDocumentKind) {
    const auto schema = nlohmann::json::parse(json_schema());
    const auto& all = schema["allOf"];
    ASSERT_EQ(all.size(), document_kinds().size());
    for (std::size_t i = 0; i < all.size(); ++i) {
        const DocumentKindSpec& kind = document_kinds()[i];
        const auto& then = all[i]["then"];
        EXPECT_EQ(then["additionalProperties"], false) << kind.name;
        std::set<std::string> keys, expected, required, expected_required;
        for (const auto& [key, value] : then["properties"].items()) {
            keys.insert(key);
            // The value of each key is described once, at the top.
            EXPECT_TRUE(schema["properties"].contains(key)) << kind.name << "." << key;
        }
        for (const auto& r : then.value("required", nlohmann::json::array())) required.insert(r);
        for (const auto& f : kind.root->fields) {
            expected.insert(std::string(f.key));
            if (f.required) expected_required.insert(std::string(f.key));
        }
        EXPECT_EQ(keys, expected) << kind.name;
        EXPECT_EQ(required, expected_required) << kind.name;
    }
}

// The conditions of a draft-07 schema, on which keys a table has: required, anyOf, allOf, not.
bool holds(const nlohmann::json& condition, const std::set<std::string>& keys) {
    bool ok = true;
    if (condition.contains("required"))
        for (const auto& k : condition["required"]) ok = ok && keys.count(k.get<std::string>());
    if (condition.contains("anyOf")) {
        bool any = false;
        for (const auto& c : condition["anyOf"]) any = any || holds(c, keys);
        ok = ok && any;
    }
    if (condition.contains("allOf"))
        for (const auto& c : condition["allOf"]) ok = ok && holds(c, keys);
    if (condition.contains("not")) ok = ok && !holds(condition["not"], keys);
    return ok;
}

// For every set of top-level keys that decide a kind, exactly one branch applies, and it is
// the kind cvtex reads the file as.
TEST(JsonSchema, TellsTheKindsApartAsTheLoaderDoes) {
    const auto schema = nlohmann::json::parse(json_schema());
    std::vector<std::string> universe{"person"};
    for (const auto& k : document_kinds())
        for (auto m : k.markers) universe.emplace_back(m);
    ASSERT_GE(universe.size(), 5u);
    for (unsigned bits = 0; bits < (1u << universe.size()); ++bits) {
        std::set<std::string> keys;
        std::vector<std::string_view> views;
        for (std::size_t i = 0; i < universe.size(); ++i)
            if (bits & (1u << i)) {
                keys.insert(universe[i]);
                views.push_back(universe[i]);
            }
        std::vector<std::string_view> applies;
        for (std::size_t i = 0; i < document_kinds().size(); ++i)
            if (holds(schema["allOf"][i]["if"], keys)) applies.push_back(document_kinds()[i].name);
        ASSERT_EQ(applies.size(), 1u) << fmt::format("{}", fmt::join(keys, ", "));
        EXPECT_EQ(applies[0], document_kind_of(views).name)
            << fmt::format("{}", fmt::join(keys, ", "));
    }
}

// A key at the top level of several kinds means the same in each, so the JSON Schema can
// describe it once.
TEST(Schema, TopLevelKeysMeanTheSameInEveryKind) {
    std::map<std::string_view, const FieldSpec*> seen;
    for (const auto& kind : document_kinds())
        for (const auto& f : kind.root->fields) {
            const auto [it, first] = seen.emplace(f.key, &f);
            if (first) continue;
            EXPECT_EQ(it->second->type, f.type) << kind.name << "." << f.key;
            EXPECT_EQ(it->second->table, f.table) << kind.name << "." << f.key;
            EXPECT_EQ(it->second->description, f.description) << kind.name << "." << f.key;
        }
}

// A default value is a TOML value the key accepts; words and a value are never both given.
TEST(SchemaDefaults, AreValuesTheirKeyAccepts) {
    int values = 0;
    for (const TableSpec* t : all_tables()) {
        for (const auto& f : t->fields) {
            EXPECT_FALSE(!f.default_value.empty() && !f.default_words.empty())
                << t->name << "." << f.key;
            if (f.default_value.empty()) continue;
            ++values;
            const auto j = toml_value_to_json(f.default_value);
            ASSERT_TRUE(j) << t->name << "." << f.key;
            const auto v = nlohmann::json::parse(*j);
            if (f.type == ValueType::choice) {
                const std::string s = v.is_string() ? v.get<std::string>() : v.dump();
                EXPECT_NE(std::find(f.choices.begin(), f.choices.end(), s), f.choices.end())
                    << t->name << "." << f.key;
            } else if (f.type == ValueType::integer) {
                EXPECT_TRUE(v.is_number_integer()) << t->name << "." << f.key;
            } else {
                EXPECT_TRUE(v.is_string()) << t->name << "." << f.key;
            }
        }
    }
    EXPECT_GT(values, 15);
}

// Documents in which a table's keys can be written in place of "@@", for the test below; a
// line "# @@" stands in when a key is left out, so that line numbers stay the same.
const std::map<std::string_view, std::string> documents_for_defaults{
    {"settings", R"([settings]
@@
[person]
name = "Cheng Li"
[[section]]
title = "Papers"
kind = "publications"
[[section.entry]]
title = "A"
authors = ["Li, Cheng", "Wen-mei Hwu"]
date = "2020-08"
)"},
    {"publications section", R"([person]
name = "Cheng Li"
[[section]]
title = "Papers"
kind = "publications"
@@
[[section.entry]]
title = "Old"
authors = ["Cheng Li", "A. Author", "B. Author", "C. Author"]
date = "2018"
type = "article"
[[section.entry]]
title = "New"
authors = ["Cheng Li"]
date = "2021"
type = "conference"
)"},
    {"group_titles", R"([person]
name = "Cheng Li"
[[section]]
title = "Papers"
kind = "publications"
group = "type"
[[section.entry]]
title = "Old"
authors = ["Cheng Li"]
date = "2018"
type = "article"
[section.group_titles]
@@
)"},
    {"statement", R"([person]
name = "Cheng Li"
[statement]
title = "Research"
body = "Cited [@a]."
bib = ["refs.bib"]
@@
)"},
    {"packet", R"(cv = "cv.toml"
[packet]
@@
[packet.letter]
body = "Hello."
[[packet.document]]
name = "research"
file = "research.toml"
[[application]]
name = "a"
)"},
};

// What the document (or packet) `input` of `files` comes to: its LaTeX (or the packet's
// outputs and the LaTeX of each run), and its diagnostics, errors marked "\nERROR".
std::string built(MemoryFiles& files, const std::string& input, bool packet) {
    Sources sources(files);
    DiagnosticSink sink;
    CompileOptions options;
    options.input = input;
    options.today = Date{2026, 1, 1};
    options.class_dir = "/nowhere/cls";
    std::string out;
    if (packet) {
        test::FakeEngine engine([](const EngineJob&) {
            EngineResult r;
            r.status = EngineStatus::ok;
            r.pages = 2;  // so that continuous page numbers would show
            r.pdf =       // one blank page, enough for qpdf to combine (it rebuilds the xref)
                "%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
                "2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n"
                "3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]>> endobj\n"
                "trailer <</Root 1 0 R>>\n%%EOF\n";
            return r;
        });
        PacketOptions p;
        p.input = input;
        p.base = options;
        const PacketResult result = build_packet(p, sources, engine, sink);
        for (const auto& [path, bytes] : result.outputs) out += path + "\n";
        for (const auto& job : engine.jobs) out += job.tex;
    } else {
        options.run_engine = false;
        test::FakeEngine engine;
        const CompileResult result = compile(options, sources, engine, sink);
        if (const auto* tex = result.output("latex")) out = tex->bytes;
    }
    for (const auto& d : sink.all())
        out += fmt::format("\n{} {}: {}", d.severity == Severity::error ? "ERROR" : "warning",
                           d.code, d.message);
    return out;
}

std::string built(std::string_view table, const std::string& text) {
    MemoryFiles files;
    files.add("refs.bib", "@misc{a, title = {A}, author = {Li, Cheng}, year = 2020}\n");
    files.add("cv.toml", "[person]\nname = \"Cheng Li\"\n");
    files.add("research.toml", "cv = \"cv.toml\"\n[statement]\ntitle = \"R\"\nbody = \"x\"\n");
    files.add("doc.toml", text);
    return built(files, "doc.toml", table == "packet");
}

// docs/schema.md says what leaving a key out means; writing that value must change nothing.
TEST(SchemaDefaults, WritingTheDefaultChangesNothing) {
    int checked = 0;
    for (const TableSpec* t : all_tables()) {
        for (const auto& f : t->fields) {
            if (f.default_value.empty()) continue;
            const auto doc = documents_for_defaults.find(t->name);
            ASSERT_NE(doc, documents_for_defaults.end())
                << "add a document for table '" << t->name << "' (key " << f.key << ")";
            const std::string& text = doc->second;
            const auto at = text.find("@@");
            const std::string left_out = std::string(text).replace(at, 2, "# @@");
            const std::string written =
                std::string(text).replace(at, 2, fmt::format("{} = {}", f.key, f.default_value));
            const std::string without = built(doc->first, left_out);
            EXPECT_EQ(built(doc->first, written), without) << t->name << "." << f.key;
            EXPECT_EQ(without.find("\nERROR"), std::string::npos) << without;
            ++checked;
        }
    }
    EXPECT_GT(checked, 15);
}

TEST(SchemaExamples, AreValidTomlValues) {
    std::function<void(const TableSpec&)> check = [&](const TableSpec& t) {
        for (const auto& f : t.fields) {
            if (f.table) check(*f.table);
            if (f.example.empty()) continue;
            EXPECT_TRUE(toml_value_to_json(f.example).has_value()) << t.name << "." << f.key;
        }
    };
    for (const auto& k : document_kinds()) check(*k.root);
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

// Every starter goes through the whole pipeline (a packet: every application) without a
// single diagnostic.
TEST(Starter, EveryKindBuildsWithoutAnyDiagnostic) {
    for (const auto& kind : document_kinds()) {
        const auto files = starter_files(kind.name, "Ada Lovelace", "cvtex.schema.json");
        ASSERT_FALSE(files.empty()) << kind.name;
        MemoryFiles memory;
        for (const auto& f : files) {
            EXPECT_TRUE(f.text.starts_with("#:schema cvtex.schema.json\n")) << f.name;
            memory.add(f.name, f.text);
        }
        EXPECT_EQ(files[0].name, kind.example_file);
        EXPECT_EQ(files[0].kind, kind.name);
        const std::string out = built(memory, files[0].name, kind.name == "packet");
        EXPECT_EQ(out.find('\n' + std::string("ERROR")), std::string::npos) << out;
        EXPECT_EQ(out.find("\nwarning"), std::string::npos) << out;
        EXPECT_NE(out.find("Ada Lovelace"), std::string::npos) << kind.name;
        if (kind.name == "packet") {  // two applications, each with a combined PDF
            for (const char* pdf :
                 {"applications/stanford/stanford.pdf", "applications/example-u/example-u.pdf"})
                EXPECT_NE(out.find(pdf), std::string::npos) << out;
        }
    }
}

// A starter shows every key of its kind (switched on or as a comment), so it documents itself.
TEST(Starter, EveryKindShowsEveryKey) {
    for (const auto& kind : document_kinds()) {
        std::string text;
        for (const auto& f : starter_files(kind.name, "Ada", "x")) text += f.text;
        std::function<void(const TableSpec&)> check = [&](const TableSpec& t) {
            for (const auto& f : t.fields) {
                const std::string key(f.key);
                const std::regex line("(^|\n)(# )?" + key + " = ");
                const std::regex header("(^|\n)(# )?\\[\\[?([a-z_]+\\.)*" + key + "\\]");
                const bool shown =
                    std::regex_search(text, line) || (f.table && std::regex_search(text, header));
                EXPECT_TRUE(shown) << kind.name << ": " << t.name << "." << key;
                if (f.table && !f.sections) check(*f.table);
            }
        };
        check(*kind.root);
    }
}

TEST(Starter, MarkdownBodiesStayReadable) {
    const auto files = starter_files("letter", "Ada", "x");
    ASSERT_EQ(files.size(), 1u);
    EXPECT_NE(files[0].text.find("body = \"\"\"\n"), std::string::npos) << files[0].text;
    EXPECT_NE(files[0].text.find("\n- "), std::string::npos) << "a Markdown list, line by line";
}

TEST(Starter, UnknownKindHasNone) {
    EXPECT_TRUE(starter_files("memo", "Ada", "x").empty());
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

TEST(NewPacket, WritesThePacketAndTheFilesItNamesBesideIt) {
    test::TempDir tmp;
    DiagnosticSink sink;
    std::vector<std::string> written;
    NewOptions o{"Ada", tmp / "season.toml", false, "x", "packet"};
    ASSERT_EQ(run_new(o, sink, &written), ExitCode::ok);
    EXPECT_EQ(written, (std::vector<std::string>{tmp / "season.toml", tmp / "cv.toml",
                                                 tmp / "research.toml"}));
    const auto files = starter_files("packet", "Ada", "x");
    for (std::size_t i = 0; i < files.size(); ++i)
        EXPECT_EQ(test::slurp(written[i]), files[i].text) << written[i];
}

TEST(NewPacket, WritesNothingWhenOneFileExists) {
    test::TempDir tmp;
    test::write(tmp / "research.toml", "mine");
    DiagnosticSink sink;
    NewOptions o{"Ada", tmp / "packet.toml", false, "x", "packet"};
    EXPECT_EQ(run_new(o, sink), ExitCode::usage);
    ASSERT_EQ(sink.all().size(), 1u);
    EXPECT_EQ(sink.all()[0].code, "file-exists");
    EXPECT_EQ(sink.all()[0].file, tmp / "research.toml");
    EXPECT_FALSE(std::filesystem::exists(tmp / "packet.toml"));
    EXPECT_FALSE(std::filesystem::exists(tmp / "cv.toml"));
    EXPECT_EQ(test::slurp(tmp / "research.toml"), "mine");
    o.force = true;
    DiagnosticSink sink2;
    EXPECT_EQ(run_new(o, sink2), ExitCode::ok);
    EXPECT_NE(test::slurp(tmp / "research.toml"), "mine");
}

TEST(NewPacket, RefusesAPacketFileNamedLikeItsCv) {
    test::TempDir tmp;
    DiagnosticSink sink;
    EXPECT_EQ(run_new({"Ada", tmp / "cv.toml", false, "x", "packet"}, sink), ExitCode::usage);
    ASSERT_EQ(sink.all().size(), 1u);
    EXPECT_EQ(sink.all()[0].code, "new-file-clash");
    EXPECT_FALSE(std::filesystem::exists(tmp / "cv.toml"));
}

TEST(NewCv, WritesItsUsualNameWithoutOutput) {
    test::TempDir tmp;
    const auto here = std::filesystem::current_path();
    std::filesystem::current_path(tmp.path());
    DiagnosticSink sink;
    std::vector<std::string> written;
    const ExitCode code = run_new({"Ada", "", false, "x", "letter"}, sink, &written);
    std::filesystem::current_path(here);
    EXPECT_EQ(code, ExitCode::ok);
    EXPECT_EQ(written, std::vector<std::string>{"letter.toml"});
    EXPECT_TRUE(std::filesystem::exists(tmp / "letter.toml"));
}

// The schema goes beside the starter, named relative to it, so that the #:schema line works in
// any checkout of the folder; a schema already there (the user's, or an older one) is kept.
TEST(NewCv, WritesTheSchemaBesideTheCvUnlessOneIsThere) {
    test::TempDir tmp;
    DiagnosticSink sink;
    NewOptions o{.name = "Ada",
                 .output = tmp / "cv.toml",
                 .schema_ref = "cvtex.schema.json",
                 .schema_text = "{\"schema\": 1}\n"};
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
