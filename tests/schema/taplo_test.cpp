// The JSON Schema in a real editor toolchain: Taplo (npm @taplo/cli, the engine of the "Even
// Better TOML" extension) must accept every example file (CVs, letters, statements, packets)
// and every starter file, and reject the bad inputs a schema can express. Skipped when taplo
// is not installed.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "../support/run.hpp"

namespace cvtex {
namespace {

namespace fs = std::filesystem;

const std::string source_dir = CVTEX_SOURCE_DIR;
const std::string schema_url = "file://" + source_dir + "/schema/cvtex.schema.json";

bool have_taplo() {
    // `taplo --version` prints its version but exits 1, so look at what it says.
    static const bool found = test::run({"taplo", "--version"}).out.starts_with("taplo ");
    return found;
}

#define REQUIRE_TAPLO() \
    if (!have_taplo()) GTEST_SKIP() << "taplo is not installed (npm install -g @taplo/cli)"

// What one `taplo check` run said: for each file it rejected, its error messages. Taplo takes
// about a second to start, so each test runs it once over all its files.
struct TaploRun {
    int exit_code = 0;
    std::string output;
    std::map<std::string, std::vector<std::string>> errors;  // path -> messages
};

// Runs `taplo check` on `files`; with `explicit_schema`, against the committed schema file,
// else through each file's own #:schema line.
TaploRun taplo(const std::vector<std::string>& files, bool explicit_schema = true) {
    std::vector<std::string> args{"taplo", "check", "--no-auto-config", "--colors", "never"};
    if (explicit_schema) args.insert(args.end(), {"--schema", schema_url});
    args.insert(args.end(), files.begin(), files.end());
    const auto r = test::run(args);
    TaploRun out{r.exit_code, r.err, {}};
    // "error: MESSAGE" is followed by "  ┌─ PATH:LINE:COL" naming the file.
    std::istringstream in(r.err);
    std::string line, message;
    const std::string arrow = "\xE2\x94\x8C\xE2\x94\x80 ";  // "┌─ "
    while (std::getline(in, line)) {
        if (line.starts_with("error: ")) {
            message = line.substr(7);
        } else if (const auto at = line.find(arrow); at != std::string::npos && !message.empty()) {
            std::string where = line.substr(at + arrow.size());
            for (int i = 0; i < 2; ++i) where = where.substr(0, where.rfind(':'));
            out.errors[where].push_back(message);
            message.clear();
        }
    }
    return out;
}

// Every example, in examples/ and its folders (the packet: its CV, letter, statements and the
// packet file), through the #:schema line each one starts with.
TEST(Taplo, AcceptsEveryExampleThroughItsSchemaLine) {
    REQUIRE_TAPLO();
    std::vector<std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(source_dir + "/examples"))
        if (e.path().extension() == ".toml") files.push_back(e.path().string());
    for (const char* f : {"cheng-li.toml", "packet/cv.toml", "packet/letter.toml",
                          "packet/research.toml", "packet/packet.toml"})
        EXPECT_NE(std::find(files.begin(), files.end(), source_dir + "/examples/" + f), files.end())
            << f;
    for (const auto& f : files)
        EXPECT_TRUE(test::slurp(f).starts_with("#:schema ")) << f << " has no #:schema line";
    const auto r = taplo(files, false);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(r.errors.empty()) << r.output;
}

// What `cvtex new` writes for every kind, through the #:schema line it writes.
TEST(Taplo, AcceptsEveryStarterFile) {
    REQUIRE_TAPLO();
    test::TempDir tmp;
    std::vector<std::string> files;
    for (const std::string kind : {"cv", "letter", "statement", "packet"}) {
        fs::create_directory(tmp / kind);
        const auto made = test::run({CVTEX_BINARY, "new", "Ada Lovelace", "--kind", kind, "-o",
                                     tmp / (kind + "/" + kind + ".toml")});
        ASSERT_EQ(made.exit_code, 0) << made.err;
        for (const auto& e : fs::directory_iterator(tmp / kind))
            if (e.path().extension() == ".toml") files.push_back(e.path().string());
        // The schema that the #:schema line names is written beside them.
        EXPECT_TRUE(fs::exists(tmp / (kind + "/cvtex.schema.json"))) << kind;
    }
    EXPECT_EQ(files.size(), 6u);  // a packet brings its CV and a statement
    const auto r = taplo(files, false);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(r.errors.empty()) << r.output;
}

// Each bad input, and what Taplo must say about it. cvtex rejects it too, with `check`, or for
// a packet with `packet` (next to a valid cv.toml).
struct Bad {
    const char* what;
    const char* toml;
    const char* expected;
    const char* command = "check";
};

const Bad bad_inputs[] = {
    {"unknown top-level key", "colour = 1\n[person]\nname = \"A\"\n", "'colour' was unexpected"},
    {"unknown key in [settings]", "[settings]\npapr = \"a4\"\n[person]\nname = \"A\"\n",
     "'papr' was unexpected"},
    {"unknown key in [person]", "[person]\nname = \"A\"\nemial = \"a@b.c\"\n",
     "'emial' was unexpected"},
    {"unknown key in a section",
     "[person]\nname = \"A\"\n[[section]]\ntitle = \"T\"\nkind = \"text\"\ntext = \"x\"\nnot = 1\n",
     "'not' was unexpected"},
    {"key of another kind in a section",
     "[person]\nname = \"A\"\n[[section]]\ntitle = \"T\"\nkind = \"list\"\ntext = \"x\"\n",
     "'text' was unexpected"},
    {"unknown key in an entry",
     "[person]\nname = \"A\"\n[[section]]\ntitle = \"E\"\nkind = \"education\"\n"
     "[[section.entry]]\ninstituton = \"U\"\n",
     "'instituton' was unexpected"},
    {"missing [person]", "[settings]\npaper = \"a4\"\n", "\"person\" is a required property"},
    {"missing name", "[person]\nemail = \"a@b.c\"\n", "\"name\" is a required property"},
    {"missing kind", "[person]\nname = \"A\"\n[[section]]\ntitle = \"T\"\n",
     "\"kind\" is a required property"},
    {"missing required entry key",
     "[person]\nname = \"A\"\n[[section]]\ntitle = \"P\"\nkind = \"publications\"\n"
     "[[section.entry]]\ntitle = \"X\"\n",
     "\"authors\" is a required property"},
    {"wrong type", "[person]\nname = 42\n", "42 is not of type \"string\""},
    {"string where a list is expected", "[person]\nname = \"A\"\naliases = \"B\"\n",
     "is not of type \"array\""},
    {"wrong element type", "[person]\nname = \"A\"\naliases = [\"B\", 3]\n",
     "3 is not of type \"string\""},
    {"bad choice", "[settings]\npaper = \"A4\"\n[person]\nname = \"A\"\n", "is not one of"},
    {"bad kind", "[person]\nname = \"A\"\n[[section]]\ntitle = \"T\"\nkind = \"awards\"\n",
     "is not one of"},
    {"bad date",
     "[person]\nname = \"A\"\n[[section]]\ntitle = \"A\"\nkind = \"dated\"\n"
     "[[section.entry]]\ntitle = \"X\"\ndate = \"08/2020\"\n",
     "does not match"},
    {"bad colour", "[settings]\naccent = \"blue\"\n[person]\nname = \"A\"\n", "does not match"},
    {"start without end",
     "[person]\nname = \"A\"\n[[section]]\ntitle = \"A\"\nkind = \"dated\"\n"
     "[[section.entry]]\ntitle = \"X\"\nstart = \"2020\"\n",
     "\"end\" is a required property"},
    {"a letter's key in a CV", "cv = \"cv.toml\"\n[person]\nname = \"A\"\n", "'cv' was unexpected"},
    // Letters and statements: their own tables, and no CV keys.
    {"unknown key in [letter]", "[person]\nname = \"A\"\n[letter]\nbody = \"x\"\nsubjet = \"y\"\n",
     "'subjet' was unexpected"},
    {"unknown key in [letter.recipient]",
     "[person]\nname = \"A\"\n[letter]\nbody = \"x\"\n[letter.recipient]\nnmae = \"B\"\n",
     "'nmae' was unexpected"},
    {"a CV's sections in a letter",
     "[person]\nname = \"A\"\n[letter]\nbody = \"x\"\n[[section]]\ntitle = \"T\"\nkind = \"text\"\n"
     "text = \"x\"\n",
     "'section' was unexpected"},
    {"wrong type in a letter",
     "[person]\nname = \"A\"\n[letter]\nbody = \"x\"\nmax_pages = \"one\"\n",
     "is not of type \"integer\""},
    {"missing title of a statement", "[person]\nname = \"A\"\n[statement]\nbody = \"x\"\n",
     "\"title\" is a required property"},
    {"a CV's key in a statement",
     "[person]\nname = \"A\"\nmax_pages = 2\n[statement]\ntitle = \"T\"\nbody = \"x\"\n",
     "'max_pages' was unexpected"},
    // Packets.
    {"unknown key in [packet]",
     "cv = \"cv.toml\"\n[packet]\nordr = [\"cv\"]\n[[application]]\nname = \"a\"\n",
     "'ordr' was unexpected", "packet"},
    {"unknown key in [[packet.document]]",
     "cv = \"cv.toml\"\n[[packet.document]]\nname = \"r\"\nfiel = \"r.toml\"\n"
     "[[application]]\nname = \"a\"\n",
     "'fiel' was unexpected", "packet"},
    {"unknown key in [[application]]",
     "cv = \"cv.toml\"\n[[application]]\nname = \"a\"\ninstitutoin = \"U\"\n",
     "'institutoin' was unexpected", "packet"},
    {"missing application name", "cv = \"cv.toml\"\n[[application]]\ninstitution = \"U\"\n",
     "\"name\" is a required property", "packet"},
    {"missing cv", "[[application]]\nname = \"a\"\n", "\"cv\" is a required property", "packet"},
    {"bad page_numbers",
     "cv = \"cv.toml\"\n[packet]\npage_numbers = \"per-page\"\n[[application]]\nname = \"a\"\n",
     "is not one of", "packet"},
    {"a page limit that is not a number",
     "cv = \"cv.toml\"\n[[application]]\nname = \"a\"\nmax_pages = { cv = \"two\" }\n",
     "is not of type \"integer\"", "packet"},
    {"a CV's key in a packet",
     "cv = \"cv.toml\"\n[person]\nname = \"A\"\n[[application]]\nname = \"a\"\n",
     "'person' was unexpected", "packet"},
};

TEST(Taplo, RejectsWhatTheSchemaCanExpress) {
    REQUIRE_TAPLO();
    test::TempDir tmp;
    test::write(tmp / "cv.toml", "[person]\nname = \"A\"\n");  // for the packets
    std::vector<std::string> files;
    for (const Bad& b : bad_inputs) {
        files.push_back(tmp / fmt::format("{:02}.toml", files.size()));
        test::write(files.back(), b.toml);
        // cvtex rejects it too.
        const auto r = test::run({CVTEX_BINARY, b.command, files.back()});
        EXPECT_EQ(r.exit_code, 1) << b.what << "\n" << r.err;
    }
    auto r = taplo(files);
    EXPECT_NE(r.exit_code, 0);
    for (std::size_t i = 0; i < files.size(); ++i) {
        const auto& messages = r.errors[files[i]];
        const bool said = std::any_of(messages.begin(), messages.end(), [&](const auto& m) {
            return m.find(bad_inputs[i].expected) != std::string::npos;
        });
        EXPECT_TRUE(said) << bad_inputs[i].what << ": Taplo did not say \""
                          << bad_inputs[i].expected << "\"\n"
                          << r.output;
    }
}

// Errors of these kinds are all a JSON Schema can express; for them Taplo must agree.
const std::set<std::string> schema_codes{
    "toml-syntax", "unknown-key",       "wrong-type",        "missing-key",   "bad-choice",
    "bad-color",   "start-without-end", "end-without-start", "date-and-range"};

// Over the whole bad-input corpus: where cvtex finds an error the schema can express, Taplo
// rejects the file too; where cvtex finds no error at all, Taplo accepts it.
TEST(Taplo, AgreesWithCvtexOnTheInvalidCorpus) {
    REQUIRE_TAPLO();
    std::vector<std::string> must_reject, must_accept;
    for (const auto& e : fs::directory_iterator(source_dir + "/tests/invalid")) {
        if (e.path().extension() != ".toml") continue;
        const auto c =
            test::run({CVTEX_BINARY, "check", "--diagnostics-format", "json", e.path().string()},
                      {"SOURCE_DATE_EPOCH=1767225600"});
        const auto doc = nlohmann::json::parse(c.out, nullptr, false);
        ASSERT_FALSE(doc.is_discarded()) << e.path() << "\n" << c.out;
        bool expressible = false;
        for (const auto& d : doc["diagnostics"])
            if (d["severity"] == "error" && schema_codes.count(d["code"].get<std::string>()))
                expressible = true;
        if (expressible)
            must_reject.push_back(e.path().string());
        else if (doc["errors"] == 0)
            must_accept.push_back(e.path().string());
    }
    std::sort(must_reject.begin(), must_reject.end());
    std::sort(must_accept.begin(), must_accept.end());
    std::vector<std::string> all = must_reject;
    all.insert(all.end(), must_accept.begin(), must_accept.end());
    if (all.empty()) GTEST_SKIP() << "no corpus";
    const auto r = taplo(all);
    for (const auto& f : must_reject)
        EXPECT_TRUE(r.errors.count(f)) << f << ": cvtex finds a schema error, Taplo does not";
    for (const auto& f : must_accept)
        EXPECT_FALSE(r.errors.count(f)) << f << ": only warnings, yet Taplo fails\n" << r.output;
    RecordProperty("rejected", static_cast<int>(must_reject.size()));
    RecordProperty("accepted", static_cast<int>(must_accept.size()));
}

}  // namespace
}  // namespace cvtex
