// Tests of run_build with a fake engine: TeX messages mapped to TOML lines, engine statuses
// turned into exit codes, and what is (not) written. No TeX needed.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>

#include "../support/fake_engine.hpp"
#include "../support/run.hpp"
#include "cvtex/cli/commands.hpp"

namespace cvtex {
namespace {

using test::FakeEngine;

// Line numbers matter below: the raw \foo is on line 9, the oneline entry at line 12, the
// details with 中 on line 14.
const char* const cv_toml = R"([person]
name = "Ada Lovelace"

[[section]]
title = "Raw"
kind = "raw-latex"
raw_latex = '''
Fine.
\foo{bar}
'''

[[section]]
title = "Lines"
kind = "oneline"
[[section.entry]]
label = "Label"
details = "Wide text"
)";

struct Build {
    test::TempDir dir;
    BuildOptions options;
    DiagnosticSink sink;
    DiskFiles files;
    Sources sources{files};
    BuildReport report;

    Build() {
        test::write(dir / "cv.toml", cv_toml);
        options.input = dir / "cv.toml";
        options.class_dir = "/class/dir";
        options.today = Date{2026, 1, 1};
    }
    ExitCode run(Engine& engine) { return run_build(options, engine, sources, sink, report); }
    std::string pdf() const { return test::slurp(dir / "cv.pdf"); }
    const Diagnostic* find(const std::string& code) const {
        const auto& all = sink.all();
        const auto it = std::find_if(all.begin(), all.end(),
                                     [&](const Diagnostic& d) { return d.code == code; });
        return it == all.end() ? nullptr : &*it;
    }
};

TEST(RunBuild, PassesTheJobAndWritesThePdf) {
    Build b;
    b.options.engine = "xelatex";
    b.options.timeout = std::chrono::milliseconds(1500);
    b.options.keep_build = b.dir / "kept";
    b.options.source_date_epoch = "1700000000";
    FakeEngine engine(EngineStatus::ok, "%PDF-new\n");
    EXPECT_EQ(b.run(engine), ExitCode::ok);
    ASSERT_EQ(engine.jobs.size(), 1u);
    const EngineJob& job = engine.jobs[0];
    EXPECT_NE(job.tex.find("\\cvname{Ada Lovelace}"), std::string::npos);
    EXPECT_EQ(job.engine, "xelatex");
    EXPECT_EQ(job.class_dir, "/class/dir");
    EXPECT_EQ(job.timeout.count(), 1500);
    EXPECT_EQ(job.keep_dir, b.dir / "kept");
    EXPECT_EQ(job.source_date_epoch, "1700000000");
    EXPECT_EQ(job.max_passes, 4);
    EXPECT_EQ(b.pdf(), "%PDF-new\n");
    EXPECT_EQ(b.report.written, std::vector<std::string>{b.dir / "cv.pdf"});
}

TEST(RunBuild, LatexErrorInRawLatexPointsAtItsTomlLine) {
    Build b;
    FakeEngine engine([](const EngineJob& job) {
        const auto n = std::to_string(FakeEngine::line_of(job.tex, "\\foo"));
        EngineResult r =
            FakeEngine::from_log(EngineStatus::tex_error,
                                 "./cv.tex:" + n + ": Undefined control sequence.\nl." + n +
                                     " \\foo\n                {bar}\n"
                                     "! ==> Fatal error occurred, no output PDF file produced!\n");
        r.log_path = "/tmp/cvtex-x/cv.log";
        return r;
    });
    EXPECT_EQ(b.run(engine), ExitCode::tex_failed);
    ASSERT_EQ(b.sink.all().size(), 1u);
    const Diagnostic& d = b.sink.all()[0];
    EXPECT_EQ(d.code, "latex-error");
    EXPECT_EQ(d.span.line, 9u);
    EXPECT_EQ(d.message, "LaTeX: undefined control sequence \\foo in the raw LaTeX of this entry");
    EXPECT_EQ(d.hints, std::vector<std::string>{"full log: /tmp/cvtex-x/cv.log"});
}

TEST(RunBuild, AFailedBuildLeavesThePreviousPdfUntouched) {
    for (EngineStatus status :
         {EngineStatus::tex_error, EngineStatus::timeout, EngineStatus::not_found,
          EngineStatus::failed, EngineStatus::interrupted, EngineStatus::cannot_write}) {
        Build b;
        test::write(b.dir / "cv.pdf", "%PDF-previous\n");
        FakeEngine engine(status);
        EXPECT_NE(b.run(engine), ExitCode::ok);
        EXPECT_EQ(b.pdf(), "%PDF-previous\n");
        EXPECT_TRUE(b.report.written.empty());
    }
}

TEST(RunBuild, EachEngineStatusHasItsExitCode) {
    const std::pair<EngineStatus, ExitCode> cases[] = {
        {EngineStatus::ok, ExitCode::ok},
        {EngineStatus::tex_error, ExitCode::tex_failed},
        {EngineStatus::failed, ExitCode::engine_failed},
        {EngineStatus::not_found, ExitCode::engine_missing},
        {EngineStatus::timeout, ExitCode::timeout},
        {EngineStatus::interrupted, ExitCode::engine_failed},  // the CLI dies of the signal first
        {EngineStatus::cannot_write, ExitCode::output_failed},
    };
    for (const auto& [status, code] : cases) {
        Build b;
        FakeEngine engine(status);
        EXPECT_EQ(b.run(engine), code) << static_cast<int>(status);
    }
}

// A crash of the engine, or a build directory that could not be written, was exit 3 (a TeX
// error) with no cause and no log (issue 14, item 7).
TEST(RunBuild, EngineFailuresSayWhyAndNameTheKeptLog) {
    const std::pair<EngineStatus, std::string> cases[] = {
        {EngineStatus::failed, "engine-failed"},
        {EngineStatus::cannot_write, "build-files-failed"},
        {EngineStatus::tex_error, "latex-error"}};
    for (const auto& [status, code] : cases) {
        Build b;
        FakeEngine engine([status = status](const EngineJob&) {
            EngineResult r;
            r.status = status;
            r.detail = "what happened";
            r.log_path = "/tmp/cvtex-x/cv.log";
            return r;
        });
        b.run(engine);
        const Diagnostic* d = b.find(code);
        ASSERT_NE(d, nullptr) << code;
        EXPECT_EQ(d->message, "what happened");
        EXPECT_NE(std::find(d->hints.begin(), d->hints.end(), "full log: /tmp/cvtex-x/cv.log"),
                  d->hints.end())
            << code;
    }
}

// `cvtex build cv.toml -o refs.bib` replaced the .bib that the CV imports (issue 14, item 2):
// every file the build reads is protected like the TOML, for the PDF, the .tex and the
// depfile alike.
TEST(RunBuild, NoOutputReplacesAFileTheBuildReads) {
    const std::pair<bool, bool> cases[] = {{true, false}, {false, false}, {true, true}};
    for (const auto& [pdf, depfile] : cases) {
        Build b;
        test::write(b.dir / "refs.bib",
                    "@misc{a, title = {T}, author = {Ada Lovelace}, year = 2020}\n");
        test::write(b.dir / "cv.toml",
                    "[person]\nname = \"Ada Lovelace\"\n[[section]]\ntitle = \"P\"\n"
                    "kind = \"publications\"\nbib = [\"refs.bib\"]\n");
        if (pdf) {
            b.options.pdf_path = b.dir / "refs.bib";
        } else {
            b.options.run_engine = false;
            b.options.tex_path = b.dir / "refs.bib";
        }
        if (depfile) {  // the depfile is an output too
            b.options.pdf_path = b.dir / "cv.pdf";
            b.options.depfile.enabled = true;
            b.options.depfile.path = b.dir / "refs.bib";
        }
        FakeEngine engine;
        EXPECT_EQ(b.run(engine), ExitCode::usage);
        EXPECT_EQ(test::slurp(b.dir / "refs.bib"),
                  "@misc{a, title = {T}, author = {Ada Lovelace}, year = 2020}\n");
        const Diagnostic* d = b.find("output-is-input");
        ASSERT_NE(d, nullptr);
        EXPECT_EQ(d->message,
                  "refusing to overwrite " + (b.dir / "refs.bib") + ", which the build reads");
        EXPECT_TRUE(b.report.written.empty());
    }
}

// --timeout: nan and huge values became a negative time (undefined behaviour), refused ones
// printed a 309-digit range (issue 14, item 8).
TEST(CheckTimeout, AcceptsSecondsInRangeOnly) {
    for (const char* ok : {"60", "0.001", "86400", "1.5", "1e2"})
        EXPECT_EQ(check_timeout(ok), "") << ok;
    for (const char* bad :
         {"nan", "inf", "-inf", "1e400", "86400.5", "0", "-1", "0.0001", "", "5s", "1e-400", " 5"})
        EXPECT_EQ(
            check_timeout(bad),
            fmt::format("must be a number of seconds from 0.001 to 86400 (a day), not '{}'", bad))
            << bad;
}

// A SOURCE_DATE_EPOCH that passed the check crashed pdfTeX (issue 14, item 7).
TEST(CheckSourceDateEpoch, AcceptsTheYearsPdfDatesCanHold) {
    for (const char* ok : {"0", "1767225600", "253402300799", "000253402300799"})
        EXPECT_EQ(check_source_date_epoch(ok), "") << ok;
    EXPECT_EQ(check_source_date_epoch("253402300800"),
              "SOURCE_DATE_EPOCH must be at most 253402300799 (the end of the year 9999), not "
              "'253402300800'");
    EXPECT_EQ(check_source_date_epoch("999999999999999999"),
              "SOURCE_DATE_EPOCH must be at most 253402300799 (the end of the year 9999), not "
              "'999999999999999999'");
    EXPECT_EQ(check_source_date_epoch("-1"),
              "SOURCE_DATE_EPOCH must be a number of seconds since 1970-01-01, not '-1'");
}

TEST(UsageErrors, AreJsonWhenJsonIsAsked) {
    EXPECT_TRUE(wants_json_diagnostics({"--diagnostics-format", "json", "build", "x"}));
    EXPECT_TRUE(wants_json_diagnostics({"build", "--diagnostics-format=json", "x"}));
    EXPECT_FALSE(wants_json_diagnostics({"build", "--diagnostics-format", "text"}));
    EXPECT_FALSE(wants_json_diagnostics({"build", "--", "--diagnostics-format=json"}));
    const std::string json = usage_error_json("bad option");
    EXPECT_NE(json.find("\"code\": \"usage\""), std::string::npos) << json;
    EXPECT_NE(json.find("\"message\": \"bad option\""), std::string::npos) << json;
    EXPECT_NE(json.find("\"errors\": 1"), std::string::npos) << json;
}

TEST(RunBuild, MissingEngineNamesTheDebianPackage) {
    Build b;
    b.options.engine = "lualatex";
    FakeEngine engine([](const EngineJob& job) {
        EngineResult r;
        r.status = EngineStatus::not_found;
        r.detail = job.engine;
        return r;
    });
    EXPECT_EQ(b.run(engine), ExitCode::engine_missing);
    ASSERT_EQ(b.sink.all().size(), 1u);
    EXPECT_EQ(b.sink.all()[0].message, "lualatex is not installed (or not on PATH)");
    EXPECT_EQ(b.sink.all()[0].hints[0], "install it with: apt-get install texlive-luatex");
}

TEST(RunBuild, TimeoutNamesTheRawLatex) {
    Build b;
    b.options.timeout = std::chrono::milliseconds(2000);
    FakeEngine engine(EngineStatus::timeout);
    EXPECT_EQ(b.run(engine), ExitCode::timeout);
    const Diagnostic* d = b.find("engine-timeout");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->message, "pdflatex did not finish within 2 s and was stopped");
    EXPECT_EQ(d->hints[0],
              "raw LaTeX that loops forever is the usual cause: check the raw_latex at line 8");
}

TEST(RunBuild, OverfullBoxesOverOnePointAreWarningsAtTheEntry) {
    Build b;
    FakeEngine engine([](const EngineJob& job) {
        const auto n = std::to_string(FakeEngine::line_of(job.tex, "\\cvoneline"));
        return FakeEngine::from_log(
            EngineStatus::ok,
            "Overfull \\hbox (12.5pt too wide) in paragraph at lines " + n + "--" + n +
                "\nOverfull \\hbox (0.4pt too wide) in paragraph at lines " + n + "--" + n + "\n");
    });
    EXPECT_EQ(b.run(engine), ExitCode::ok);
    ASSERT_EQ(b.sink.all().size(), 1u);
    EXPECT_EQ(b.sink.all()[0].code, "overfull-box");
    EXPECT_EQ(b.sink.all()[0].span.line, 15u);
    EXPECT_EQ(b.sink.all()[0].message, "text sticks out into the margin by 12.5pt");
}

TEST(RunBuild, WarningsAsErrorsStopsBeforeWritingThePdf) {
    Build b;
    b.options.warnings_as_errors = true;
    test::write(b.dir / "cv.pdf", "%PDF-previous\n");
    FakeEngine engine([](const EngineJob&) {
        return FakeEngine::from_log(
            EngineStatus::ok, "Overfull \\hbox (12.5pt too wide) in paragraph at lines 3--3\n");
    });
    EXPECT_EQ(b.run(engine), ExitCode::invalid_input);
    EXPECT_EQ(b.pdf(), "%PDF-previous\n");
}

TEST(RunBuild, MissingCharactersUnderXelatexPointAtTheTextThatHoldsThem) {
    Build b;
    test::write(b.dir / "cv.toml",
                "[person]\nname = \"Ada\"\n[[section]]\ntitle = \"T\"\nkind = \"oneline\"\n"
                "[[section.entry]]\nlabel = \"L\"\ndetails = \"漢字\"\n");
    b.options.engine = "xelatex";
    FakeEngine engine([](const EngineJob&) {
        return FakeEngine::from_log(EngineStatus::ok,
                                    "Missing character: There is no 漢 (U+6F22) in font "
                                    "[lmroman10-regular]:mapping=tex-text;!\n"
                                    "Missing character: There is no 字 (U+5B57) in font "
                                    "[lmroman10-regular]:mapping=tex-text;!\n"
                                    "Missing character: There is no 漢 (U+6F22) in font "
                                    "[lmroman10-bold]:mapping=tex-text;!\n");
    });
    EXPECT_EQ(b.run(engine), ExitCode::ok);
    ASSERT_EQ(b.sink.all().size(), 1u);
    const Diagnostic& d = b.sink.all()[0];
    EXPECT_EQ(d.code, "missing-character");
    // At the field that holds them (the value of details), not at its entry (line 6).
    EXPECT_EQ(d.span.line, 8u);
    EXPECT_EQ(d.span.column, 11u);
    EXPECT_EQ(d.message, "the font has no glyph for '漢' (U+6F22), '字' (U+5B57); not printed");
}

TEST(RunBuild, AnErrorInTheClassIsAnInternalError) {
    Build b;
    FakeEngine engine([](const EngineJob&) {
        return FakeEngine::from_log(
            EngineStatus::tex_error,
            "/usr/share/cvtex/cls/cvtex.cls:120: LaTeX Error: Something.\n");
    });
    EXPECT_EQ(b.run(engine), ExitCode::tex_failed);
    const Diagnostic* d = b.find("latex-class-error");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->message, "internal error in the cvtex class: something (cvtex.cls, line 120)");
    EXPECT_FALSE(d->span.valid());
}

TEST(RunBuild, InvalidInputRunsNoEngine) {
    Build b;
    test::write(b.dir / "cv.toml", "[person]\nnmae = \"A\"\n");
    FakeEngine engine;
    EXPECT_EQ(b.run(engine), ExitCode::invalid_input);
    EXPECT_TRUE(engine.jobs.empty());
}

TEST(RunBuild, EmitTexRunsNoEngine) {
    Build b;
    b.options.run_engine = false;
    b.options.tex_path = b.dir / "cv.tex";
    FakeEngine engine;
    EXPECT_EQ(b.run(engine), ExitCode::ok);
    EXPECT_TRUE(engine.jobs.empty());
    EXPECT_NE(test::slurp(b.dir / "cv.tex").find("\\foo{bar}"), std::string::npos);
}

// --emit pdf,md,html: the PDF and the other formats, each written, all of them targets of the
// depfile; the raw LaTeX (shown only in the PDF) is a warning of each text format.
TEST(RunBuild, OtherFormatsAreWrittenBesideThePdfAndListedInTheDepfile) {
    Build b;
    b.options.formats = {"markdown", "html"};
    b.options.format_paths = {b.dir / "cv.md", b.dir / "cv.html"};
    b.options.depfile.enabled = true;
    FakeEngine engine(EngineStatus::ok, "%PDF-new\n");
    EXPECT_EQ(b.run(engine), ExitCode::ok);
    EXPECT_EQ(b.report.written,
              (std::vector<std::string>{b.dir / "cv.pdf", b.dir / "cv.md", b.dir / "cv.html"}));
    EXPECT_NE(test::slurp(b.dir / "cv.md").find("# Ada Lovelace"), std::string::npos);
    EXPECT_NE(test::slurp(b.dir / "cv.html").find("<h1>Ada Lovelace</h1>"), std::string::npos);
    const std::string depfile = test::slurp(b.dir / "cv.pdf.d");
    EXPECT_NE(depfile.find(b.dir / "cv.md"), std::string::npos) << depfile;
    EXPECT_NE(depfile.find(b.dir / "cv.html"), std::string::npos) << depfile;
    EXPECT_NE(b.find("raw-latex-not-shown"), nullptr);
}

// A build whose TeX fails writes none of the other formats: the previous ones stay.
TEST(RunBuild, AFailedBuildWritesNoOtherFormat) {
    Build b;
    b.options.formats = {"text"};
    b.options.format_paths = {b.dir / "cv.txt"};
    test::write(b.dir / "cv.txt", "previous");
    FakeEngine engine(EngineStatus::tex_error);
    EXPECT_EQ(b.run(engine), ExitCode::tex_failed);
    EXPECT_EQ(test::slurp(b.dir / "cv.txt"), "previous");
}

// Two outputs on one file are refused before anything is compiled.
TEST(RunBuild, TwoOutputsOnOneFileAreRefused) {
    Build b;
    b.options.formats = {"markdown"};
    b.options.format_paths = {b.dir / "cv.pdf"};
    FakeEngine engine;
    EXPECT_EQ(b.run(engine), ExitCode::usage);
    EXPECT_TRUE(engine.jobs.empty());
    EXPECT_NE(b.find("output-clash"), nullptr);
}

}  // namespace
}  // namespace cvtex
