// compile(): the whole pipeline as one function that reads through a Files and writes nothing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "../support/fake_engine.hpp"
#include "../support/run.hpp"
#include "cvtex/driver/compile.hpp"
#include "cvtex/engine/fonts.hpp"

namespace cvtex {
namespace {

namespace fs = std::filesystem;

const char* const cv = R"([person]
name = "Cheng Li"

[[section]]
title = "Papers"
kind = "publications"
bib = ["refs.bib", "missing.bib"]
)";

const char* const refs = "@misc{a, title = {A Paper}, author = {Li, Cheng}, year = 2020}\n";

struct InDirectory {
    test::TempDir dir;
    fs::path previous = fs::current_path();
    InDirectory() { fs::current_path(dir.path()); }
    ~InDirectory() { fs::current_path(previous); }
};

TEST(Compile, ReadsOnlyThroughItsFilesAndWritesNothing) {
    InDirectory here;  // relative paths would land here if anything were written
    MemoryFiles files;
    files.add("cv.toml", cv);
    files.add("refs.bib", refs);
    Sources sources(files);
    DiagnosticSink sink;
    test::FakeEngine engine(EngineStatus::ok, "%PDF-fake\n");
    CompileOptions options;
    options.input = "cv.toml";
    options.class_dir = "/nowhere/cls";
    options.today = Date{2026, 1, 1};
    const CompileResult result = compile(options, sources, engine, sink);

    // The missing .bib is an error, so no engine ran; the list of inputs still names it.
    EXPECT_EQ(result.status, CompileStatus::invalid_input);
    EXPECT_EQ(sources.inputs(), (std::vector<std::string>{"cv.toml", "refs.bib", "missing.bib"}));
    EXPECT_TRUE(engine.jobs.empty());
    EXPECT_EQ(files.reads("cv.toml"), 1);
    EXPECT_TRUE(fs::is_empty(here.dir.path()));
}

TEST(Compile, ReturnsTheLatexAndThePdfAndListsTheClassAsAnInput) {
    InDirectory here;
    MemoryFiles files;
    files.add("cv.toml",
              std::string(cv).replace(std::string(cv).find(", \"missing.bib\""), 15, ""));
    files.add("refs.bib", refs);
    Sources sources(files);
    DiagnosticSink sink;
    test::FakeEngine engine(EngineStatus::ok, "%PDF-fake\n");
    CompileOptions options;
    options.input = "cv.toml";
    options.class_dir = "/nowhere/cls";
    options.today = Date{2026, 1, 1};
    const CompileResult result = compile(options, sources, engine, sink);

    ASSERT_EQ(result.status, CompileStatus::ok)
        << (sink.all().empty() ? "" : sink.all()[0].message);
    ASSERT_EQ(result.outputs.size(), 2u);
    EXPECT_EQ(result.outputs[0].writer, "latex");
    EXPECT_NE(result.outputs[0].bytes.find("\\cvowner{Cheng Li}"), std::string::npos);
    EXPECT_EQ(result.outputs[1].writer, "pdf");
    EXPECT_EQ(result.outputs[1].bytes, "%PDF-fake\n");
    ASSERT_EQ(engine.jobs.size(), 1u);
    EXPECT_EQ(engine.jobs[0].tex, result.outputs[0].bytes);
    EXPECT_EQ(sources.inputs(),
              (std::vector<std::string>{"cv.toml", "refs.bib", "/nowhere/cls/cvtex.cls"}));
    EXPECT_TRUE(fs::is_empty(here.dir.path()));
}

TEST(Compile, WithoutTheEngineReturnsOnlyTheLatex) {
    MemoryFiles files;
    files.add("cv.toml", "[person]\nname = \"A\"\n");
    Sources sources(files);
    DiagnosticSink sink;
    test::FakeEngine engine;
    CompileOptions options;
    options.input = "cv.toml";
    options.run_engine = false;
    const CompileResult result = compile(options, sources, engine, sink);
    EXPECT_EQ(result.status, CompileStatus::ok);
    ASSERT_EQ(result.outputs.size(), 1u);
    EXPECT_EQ(result.outputs[0].writer, "latex");
    EXPECT_TRUE(engine.jobs.empty());
    EXPECT_EQ(sources.inputs(), std::vector<std::string>{"cv.toml"});
}

// `input` compiled from `files` up to the LaTeX (no engine run), with its diagnostics.
struct LatexOnly {
    Sources sources;
    DiagnosticSink sink;
    test::FakeEngine engine;
    CompileResult result;
    LatexOnly(Files& files, const std::string& input) : sources(files) {
        CompileOptions options;
        options.input = input;
        options.run_engine = false;
        result = compile(options, sources, engine, sink);
    }
};

// A file that is not there: the nearest name beside it with the same extension is the first
// hint (a .bib, a photo, a letter's CV); none when nothing is close.
TEST(Compile, AMissingFileSuggestsTheNearestNameBesideIt) {
    MemoryFiles files;
    files.add("pubs.bib", "@misc{a, title = {A}, author = {Li, Cheng}, year = 2020}\n");
    files.add("me.jpg", "\xFF\xD8\xFF\xE0");
    files.add("other.png", "\x89PNG\r\n\x1a\n");
    files.add("cv.toml",
              "[person]\nname = \"Cheng Li\"\nphoto = \"me.jpeg\"\n[[section]]\n"
              "title = \"P\"\nkind = \"publications\"\nbib = [\"pub.bib\"]\n");
    files.add("letter.toml", "cv = \"cvs.toml\"\n[letter]\nbody = \"Hi.\"\n");
    const LatexOnly built(files, "cv.toml");
    std::map<std::string, std::string> first_hint;
    for (const auto& d : built.sink.all()) first_hint[d.code] = d.hints.empty() ? "" : d.hints[0];
    EXPECT_EQ(first_hint["bib-file-not-found"], "did you mean 'pubs.bib'?");
    EXPECT_EQ(first_hint["file-not-found"], "looked for me.jpeg; paths are relative to this file")
        << "a .jpg is not a .jpeg";
    const LatexOnly letter(files, "letter.toml");
    ASSERT_FALSE(letter.sink.all().empty());
    EXPECT_EQ(letter.sink.all()[0].hints.at(0), "did you mean 'cv.toml'?");
}

// A letter's [person] and [settings] keys go over its CV's, one by one: the letterhead keeps
// the CV's name, headline and email and gains the letter's phone; the letter's name wins.
TEST(Compile, ALettersPersonAndSettingsKeysGoOverItsCvs) {
    MemoryFiles files;
    files.add("cv.toml",
              "[settings]\naccent = \"aa0000\"\n[person]\nname = \"Cheng Li\"\n"
              "headline = \"Researcher\"\nemail = \"c@example.org\"\n");
    files.add("letter.toml",
              "cv = \"cv.toml\"\n[settings]\nfont_size = 12\n[person]\nphone = \"+1 555 0100\"\n"
              "[letter]\nbody = \"Hi.\"\n");
    files.add("named.toml",
              "cv = \"cv.toml\"\n[person]\nname = \"C. Li\"\n[letter]\nbody = \"Hi.\"\n");
    for (const auto& [input, name] :
         {std::pair{"letter.toml", "Cheng Li"}, {"named.toml", "C. Li"}}) {
        SCOPED_TRACE(input);
        const LatexOnly c(files, input);
        ASSERT_EQ(c.result.status, CompileStatus::ok) << c.sink.all().size();
        const std::string& tex = c.result.outputs.at(0).bytes;
        EXPECT_NE(tex.find(std::string("\\cvname{") + name + "}"), std::string::npos) << tex;
        EXPECT_NE(tex.find("\\cvheadline{Researcher}"), std::string::npos) << tex;
        EXPECT_NE(tex.find("\\cvcontact{email}{mailto:c@example.org}"), std::string::npos) << tex;
        EXPECT_NE(tex.find("\\cvsetaccent{aa0000}"), std::string::npos) << tex;
        const bool own = std::string(input) == "letter.toml";
        EXPECT_EQ(tex.find("\\cvcontact{phone}") != std::string::npos, own) << tex;
        EXPECT_EQ(tex.find("fontsize=12pt") != std::string::npos, own) << tex;
    }
}

// A statement's citation that no .bib file has would print "[?]": an error at the citation,
// with the nearest key as a hint (a CV's `keys = [...]` keeps its warning: the entry is only
// left out there).
TEST(Compile, AStatementCitingAKeyNoBibHasIsAnError) {
    MemoryFiles files;
    files.add("refs.bib",
              "@misc{gomez2023fast, title = {Fast}, author = {G{\\'o}mez, M.}, "
              "year = 2023}\n");
    files.add("research.toml",
              "[person]\nname = \"M. Gomez\"\n[statement]\ntitle = \"Research\"\n"
              "bib = [\"refs.bib\"]\nbody = \"\"\"\nSee [@gomez2023fast] and "
              "[@gomez2024nope].\n\"\"\"\n");
    const LatexOnly c(files, "research.toml");
    EXPECT_EQ(c.result.status, CompileStatus::invalid_input);
    ASSERT_EQ(c.sink.all().size(), 1u);
    const Diagnostic& d = c.sink.all()[0];
    EXPECT_EQ(d.code, "citation-not-found");
    EXPECT_EQ(d.severity, Severity::error);
    EXPECT_EQ(d.span.line, 7u);
    EXPECT_EQ(d.span.column, 27u);
    EXPECT_EQ(d.message,
              "no entry with key 'gomez2024nope' in the .bib files: the citation would print [?]");
    ASSERT_EQ(d.hints.size(), 1u);
    EXPECT_EQ(d.hints[0], "did you mean 'gomez2023fast'?");
}

// Compiles `toml` from memory with a fake engine and `engine` as the options' engine.
struct EngineCase {
    MemoryFiles files;
    DiagnosticSink sink;
    test::FakeEngine engine;
    CompileResult result;
    EngineCase(const std::string& toml, const std::string& given) {
        files.add("cv.toml", toml);
        Sources sources(files);
        CompileOptions options;
        options.input = "cv.toml";
        options.engine = given;
        options.today = Date{2026, 1, 1};
        result = compile(options, sources, engine, sink);
    }
};

// [settings] engine picks the engine, and with it the writer's escaping; --engine wins.
TEST(Compile, TheEngineComesFromTheFileUnlessTheOptionsNameOne) {
    const std::string toml =
        "[settings]\nengine = \"xelatex\"\n\n[person]\nname = \"\u0418\u0432\u0430\u043d\"\n";
    for (const auto& [given, expected] : {std::pair<std::string, std::string>{"", "xelatex"},
                                          {"lualatex", "lualatex"},
                                          {"pdflatex", "pdflatex"}}) {
        const EngineCase c(toml, given);
        ASSERT_EQ(c.engine.jobs.size(), 1u) << given;
        EXPECT_EQ(c.engine.jobs[0].engine, expected);
        EXPECT_EQ(c.result.tex_engine, expected);
        // Cyrillic is printable under xelatex and lualatex; pdflatex warns that it is not.
        EXPECT_EQ(c.sink.all().empty(), expected != "pdflatex") << given;
    }
}

TEST(Compile, WithoutAnEngineAnywhereItIsPdflatex) {
    const EngineCase c("[person]\nname = \"Ada\"\n", "");
    ASSERT_EQ(c.engine.jobs.size(), 1u);
    EXPECT_EQ(c.engine.jobs[0].engine, "pdflatex");
}

// A photo is an input (so depfiles, stamps and watch mode see it) and goes to the engine as a
// file beside the .tex, named by its type, which the .tex names.
TEST(Compile, APhotoIsAnInputAndAFileOfTheEngineJob) {
    InDirectory here;
    MemoryFiles files;
    files.add("cv/cv.toml", "[person]\nname = \"Ada\"\nphoto = \"img/me.jpeg\"\n");
    const std::string jpeg = std::string("\xFF\xD8\xFF\xE0", 4) + "rest of a JPEG";
    files.add("cv/img/me.jpeg", jpeg);
    Sources sources(files);
    DiagnosticSink sink;
    test::FakeEngine engine(EngineStatus::ok, "%PDF-fake\n");
    CompileOptions options;
    options.input = "cv/cv.toml";
    options.class_dir = "/nowhere/cls";
    options.today = Date{2026, 1, 1};
    const CompileResult result = compile(options, sources, engine, sink);
    ASSERT_EQ(result.status, CompileStatus::ok)
        << (sink.all().empty() ? "" : sink.all()[0].message);
    ASSERT_EQ(engine.jobs.size(), 1u);
    EXPECT_EQ(engine.jobs[0].files,
              (std::vector<std::pair<std::string, std::string>>{{"photo.jpg", jpeg}}));
    EXPECT_NE(engine.jobs[0].tex.find("\\cvphoto{photo.jpg}"), std::string::npos);
    const auto inputs = sources.inputs();
    EXPECT_NE(std::find(inputs.begin(), inputs.end(), "cv/img/me.jpeg"), inputs.end());
    EXPECT_TRUE(fs::is_empty(here.dir.path()));
}

// Fonts that a test names.
class Fonts final : public FontCatalog {
  public:
    explicit Fonts(std::vector<std::string> installed) : installed_(std::move(installed)) {}
    bool has(const std::string& family) const override {
        return std::find(installed_.begin(), installed_.end(), family) != installed_.end();
    }
    std::vector<std::string> families() const override { return installed_; }

  private:
    std::vector<std::string> installed_;
};

// The codes of the warnings about scripts' fonts when `toml` is built with `engine` and
// `fonts` installed; each with its first hint.
std::vector<std::string> script_font_warnings(const std::string& toml, const std::string& engine,
                                              const Fonts& fonts) {
    MemoryFiles files;
    files.add("cv.toml", toml);
    Sources sources(files);
    DiagnosticSink sink;
    test::FakeEngine fake;
    CompileOptions options;
    options.input = "cv.toml";
    options.engine = engine;
    options.fonts = &fonts;
    compile(options, sources, fake, sink);
    std::vector<std::string> out;
    for (const auto& d : sink.all())
        out.push_back(d.code + ":" + std::to_string(d.span.line) + ":" +
                      (d.hints.empty() ? "" : d.hints[0]));
    return out;
}

TEST(Compile, AScriptWithoutAnInstalledFontIsReportedOnceWithItsPackage) {
    const std::string toml =
        "[person]\nname = \"Layla (\u0644\u064a\u0644\u0649)\"\nheadline = "
        "\"\u0644\u064a\u0644\u0649 \u0905\"\n";
    using V = std::vector<std::string>;
    EXPECT_EQ(script_font_warnings(toml, "lualatex", Fonts({})),
              (V{"missing-script-font:2:install the Debian package fonts-noto-core (see "
                 "docs/locale.md)",
                 "missing-script-font:3:install the Debian package fonts-noto-core (see "
                 "docs/locale.md)"}));
    EXPECT_EQ(
        script_font_warnings(toml, "xelatex", Fonts({"Noto Sans Arabic", "Noto Serif Devanagari"})),
        V{});
    // pdflatex prints neither: its own warning (unprintable-character) says so.
    for (const auto& w : script_font_warnings(toml, "pdflatex", Fonts({})))
        EXPECT_EQ(w.find("missing-script-font"), std::string::npos) << w;
}

TEST(Compile, CjkWithoutABoldFaceIsFakedWithAWarning) {
    const std::string toml = "[person]\nname = \"\u674e\u8bda\"\n";
    using V = std::vector<std::string>;
    EXPECT_EQ(script_font_warnings(toml, "xelatex", Fonts({"WenQuanYi Micro Hei"})),
              V{"fake-bold:2:install the Debian package fonts-noto-cjk for a real bold face"});
    EXPECT_EQ(
        script_font_warnings(toml, "xelatex", Fonts({"WenQuanYi Micro Hei", "Noto Sans CJK SC"})),
        V{});
}

}  // namespace
}  // namespace cvtex
