// Tests of no-op rebuilds and depfiles through run_build, with a fake engine: what counts as
// a change, where the stamp goes, and what is (not) rewritten. No TeX needed.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <set>

#include "../support/fake_engine.hpp"
#include "../support/run.hpp"
#include "cvtex/cli/commands.hpp"
#include "cvtex/cli/progress.hpp"
#include "cvtex/cli/stamp.hpp"

namespace cvtex {
namespace {

namespace fs = std::filesystem;
using test::FakeEngine;

const char* const cv_toml = R"([person]
name = "Ada Lovelace"

[[section]]
title = "Publications"
kind = "publications"
bib = ["pubs.bib"]
)";

const char* const pubs_bib = R"(@article{a, author = {Ada Lovelace}, title = {Notes},
  journal = {Taylor's Scientific Memoirs}, year = {1843}}
)";

// A directory with a CV, its .bib and a class, and a stamp directory of its own.
struct Project {
    test::TempDir dir;
    FakeEngine engine{EngineStatus::ok, "%PDF-1\n"};

    Project() {
        test::write(dir / "cv.toml", cv_toml);
        test::write(dir / "pubs.bib", pubs_bib);
        fs::create_directories(dir.path() / "cls");
        test::write(dir / "cls/cvtex.cls", "% class\n");
    }
    BuildOptions options() const {
        BuildOptions o;
        o.input = dir / "cv.toml";
        o.class_dir = dir / "cls";
        o.today = Date{2026, 1, 1};
        o.stamp_dir = dir / "cache/stamps";
        o.tool_id = "cvtex test";
        return o;
    }
    // One build as the CLI runs it: fresh sources and sink.
    ExitCode build(const BuildOptions& o, BuildReport* out = nullptr,
                   DiagnosticSink* diags = nullptr) {
        DiskFiles files;
        Sources sources(files);
        DiagnosticSink sink;
        BuildReport report;
        const ExitCode code = run_build(o, engine, sources, sink, report);
        if (out) *out = report;
        if (diags) *diags = sink;
        return code;
    }
    std::size_t runs() const { return engine.jobs.size(); }
};

struct FileId {
    ino_t inode;
    timespec mtime;
    bool operator==(const FileId& o) const {
        return inode == o.inode && mtime.tv_sec == o.mtime.tv_sec &&
               mtime.tv_nsec == o.mtime.tv_nsec;
    }
};
FileId id_of(const std::string& path) {
    struct stat st {};
    stat(path.c_str(), &st);
    return {st.st_ino, st.st_mtim};
}

TEST(NoOpRebuild, LeavesThePdfUntouchedWhenNothingChanged) {
    Project p;
    ASSERT_EQ(p.build(p.options()), ExitCode::ok);
    ASSERT_EQ(p.runs(), 1u);
    const FileId before = id_of(p.dir / "cv.pdf");
    BuildReport report;
    EXPECT_EQ(p.build(p.options(), &report), ExitCode::ok);
    EXPECT_EQ(p.runs(), 1u) << "TeX ran again";
    EXPECT_TRUE(report.up_to_date);
    EXPECT_TRUE(report.written.empty());
    EXPECT_EQ(report.outputs, std::vector<std::string>{p.dir / "cv.pdf"});
    EXPECT_TRUE(id_of(p.dir / "cv.pdf") == before);
}

TEST(NoOpRebuild, TheStampIsInTheCacheNotBesideTheOutput) {
    Project p;
    ASSERT_EQ(p.build(p.options()), ExitCode::ok);
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(p.dir.path())) names.push_back(e.path().filename());
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{"cache", "cls", "cv.pdf", "cv.toml", "pubs.bib"}));
    struct stat st {};
    ASSERT_EQ(stat((p.dir / "cache/stamps").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0700u);
    EXPECT_TRUE(fs::exists(stamp_path(p.dir / "cache/stamps", p.dir / "cv.pdf")));
}

TEST(NoOpRebuild, RebuildsWhenAnyInputChangesItsBytes) {
    for (const auto& [file, comment] : {std::pair{"cv.toml", "# edited"},
                                        {"pubs.bib", "% edited"},
                                        {"cls/cvtex.cls", "% edited"}}) {
        Project p;
        ASSERT_EQ(p.build(p.options()), ExitCode::ok);
        const std::string path = p.dir / file;
        test::write(path, test::slurp(path) + comment + "\n");
        EXPECT_EQ(p.build(p.options()), ExitCode::ok);
        EXPECT_EQ(p.runs(), 2u) << file;
    }
}

// A photo is an input like the .bib: a new photo rebuilds, and the depfile names it.
TEST(NoOpRebuild, APhotoIsAnInputOfTheStampAndTheDepfile) {
    Project p;
    test::write(p.dir / "cv.toml",
                std::string(cv_toml).replace(0, 8, "[person]\nphoto = \"me.png\""));
    test::write(p.dir / "me.png", "\x89PNG\r\n\x1a\nfirst");
    BuildOptions o = p.options();
    o.depfile.enabled = true;
    BuildReport report;
    ASSERT_EQ(p.build(o, &report), ExitCode::ok);
    EXPECT_NE(std::find(report.inputs.begin(), report.inputs.end(), p.dir / "me.png"),
              report.inputs.end());
    EXPECT_NE(test::slurp(p.dir / "cv.pdf.d").find("me.png"), std::string::npos);
    ASSERT_EQ(p.engine.jobs.size(), 1u);
    EXPECT_EQ(p.engine.jobs[0].files.at(0).first, "photo.png");
    EXPECT_EQ(p.build(o), ExitCode::ok);
    EXPECT_EQ(p.runs(), 1u) << "nothing changed";
    test::write(p.dir / "me.png", "\x89PNG\r\n\x1a\nsecond");
    EXPECT_EQ(p.build(o), ExitCode::ok);
    EXPECT_EQ(p.runs(), 2u) << "the photo changed";
    EXPECT_EQ(p.engine.jobs[1].files.at(0).second, "\x89PNG\r\n\x1a\nsecond");
}

TEST(NoOpRebuild, ATouchWithoutAChangeIsNoChange) {
    Project p;
    ASSERT_EQ(p.build(p.options()), ExitCode::ok);
    fs::last_write_time(p.dir / "pubs.bib",
                        fs::file_time_type::clock::now() + std::chrono::hours(1));
    EXPECT_EQ(p.build(p.options()), ExitCode::ok);
    EXPECT_EQ(p.runs(), 1u);
}

TEST(NoOpRebuild, RebuildsWhenTheOutputWasChangedOrRemoved) {
    Project p;
    ASSERT_EQ(p.build(p.options()), ExitCode::ok);
    test::write(p.dir / "cv.pdf", "%PDF-edited\n");
    EXPECT_EQ(p.build(p.options()), ExitCode::ok);
    EXPECT_EQ(p.runs(), 2u);
    EXPECT_EQ(test::slurp(p.dir / "cv.pdf"), "%PDF-1\n");
    fs::remove(p.dir / "cv.pdf");
    EXPECT_EQ(p.build(p.options()), ExitCode::ok);
    EXPECT_EQ(p.runs(), 3u);
}

TEST(NoOpRebuild, RebuildsForEveryOptionThatChangesTheOutput) {
    Project p;
    ASSERT_EQ(p.build(p.options()), ExitCode::ok);
    std::vector<std::function<void(BuildOptions&)>> changes = {
        [](BuildOptions& o) { o.engine = "xelatex"; },
        [](BuildOptions& o) { o.source_date_epoch = "1700000000"; },
        [](BuildOptions& o) { o.tool_id = "cvtex other"; },
        [&](BuildOptions& o) { o.tex_path = p.dir / "cv.tex"; },
        [&](BuildOptions& o) { o.class_dir = p.dir / "cls2"; },
        [](BuildOptions& o) { o.force = true; },
        [&](BuildOptions& o) { o.keep_build = p.dir / "kept"; },
        [](BuildOptions& o) { o.overrides = {"person.name=Ada King"}; },
        [](BuildOptions& o) {
            o.today = Date{2026, 1, 2};
        },
    };
    fs::create_directories(p.dir.path() / "cls2");
    test::write(p.dir / "cls2/cvtex.cls", "% class\n");
    std::size_t runs = p.runs();
    for (std::size_t i = 0; i < changes.size(); ++i) {
        BuildOptions o = p.options();
        changes[i](o);
        ASSERT_EQ(p.build(o), ExitCode::ok);
        EXPECT_EQ(p.runs(), ++runs) << "change " << i;
        ASSERT_EQ(p.build(p.options()), ExitCode::ok);  // back to the first options
        runs = p.runs();
    }
}

// What cannot be tried on this small CV without an error (a variant, a tag) changes the key.
TEST(NoOpRebuild, TheSelectionAndTheVariablesAreInTheKey) {
    const Project p;
    const std::vector<std::string> outputs{p.dir / "cv.pdf"};
    const std::string base = stamp_key(p.options(), outputs);
    EXPECT_EQ(stamp_key(p.options(), outputs), base);
    std::vector<std::function<void(BuildOptions&)>> changes = {
        [](BuildOptions& o) {
            o.selection.variant = Given{"short", "--variant", {}};
        },
        [](BuildOptions& o) {
            o.selection.tags = {Given{"ml", "--tags", {}}};
        },
        [](BuildOptions& o) {
            o.selection.exclude_tags = {Given{"ml", "--exclude-tags", {}}};
        },
        [](BuildOptions& o) { o.selection.max_pages = 2; },
        [](BuildOptions& o) {
            o.variables["school"] = Given{"MIT", "--var school", {}};
        },
        [](BuildOptions& o) { o.allow_overflow = true; },
        [](BuildOptions& o) {
            o.overrides = {"person.name=A", "person.name=B"};
        },
    };
    std::set<std::string> keys{base};
    for (std::size_t i = 0; i < changes.size(); ++i) {
        BuildOptions o = p.options();
        changes[i](o);
        EXPECT_TRUE(keys.insert(stamp_key(o, outputs)).second) << "change " << i;
    }
}

TEST(NoOpRebuild, ABuildWithWarningsIsNotRecorded) {
    Project p;
    test::write(
        p.dir / "cv.toml",
        std::string(cv_toml) + "\n[[section]]\ntitle = \"Empty\"\nkind = \"text\"\ntext = \"\"\n");
    DiagnosticSink sink;
    ASSERT_EQ(p.build(p.options(), nullptr, &sink), ExitCode::ok);
    ASSERT_FALSE(sink.all().empty()) << "the CV should have a warning";
    EXPECT_EQ(p.build(p.options()), ExitCode::ok);
    EXPECT_EQ(p.runs(), 2u) << "the warnings must be shown again";
}

TEST(NoOpRebuild, AFailedBuildIsNotRecorded) {
    Project p;
    ASSERT_EQ(p.build(p.options()), ExitCode::ok);
    FakeEngine failing(EngineStatus::tex_error);
    test::write(p.dir / "cv.toml", std::string(cv_toml) + "# edited\n");
    DiskFiles files;
    Sources sources(files);
    DiagnosticSink sink;
    BuildReport report;
    EXPECT_EQ(run_build(p.options(), failing, sources, sink, report), ExitCode::tex_failed);
    EXPECT_EQ(p.build(p.options()), ExitCode::ok);
    EXPECT_EQ(p.runs(), 2u);
}

TEST(NoOpRebuild, AMissingInputThatAppearsIsAChange) {
    Project p;
    fs::remove(p.dir / "pubs.bib");
    EXPECT_NE(p.build(p.options()), ExitCode::ok);
    test::write(p.dir / "pubs.bib", pubs_bib);
    EXPECT_EQ(p.build(p.options()), ExitCode::ok);
    EXPECT_EQ(p.runs(), 1u);
    // At the level of the stamp: an input recorded as missing must still be missing.
    const std::string stamp = p.dir / "stamp";
    ASSERT_EQ(write_stamp(stamp,
                          {"k", {{p.dir / "new.bib", "missing"}}, {{p.dir / "cv.pdf", "missing"}}}),
              "");
    fs::remove(p.dir / "cv.pdf");
    EXPECT_TRUE(current_stamp(stamp, "k"));
    test::write(p.dir / "new.bib", "");
    EXPECT_FALSE(current_stamp(stamp, "k"));
}

TEST(NoOpRebuild, TheStampReplacesASymlinkInsteadOfWritingThroughIt) {
    Project p;
    const BuildOptions o = p.options();
    const std::string stamp =
        stamp_path(o.stamp_dir, o.input.substr(0, o.input.size() - 4) + "pdf");
    fs::create_directories(o.stamp_dir);
    test::write(p.dir / "victim", "precious\n");
    fs::create_symlink(p.dir / "victim", stamp);
    ASSERT_EQ(p.build(o), ExitCode::ok);
    EXPECT_EQ(test::slurp(p.dir / "victim"), "precious\n");
    EXPECT_FALSE(fs::is_symlink(stamp));
    EXPECT_TRUE(parse_stamp(test::slurp(stamp)));
}

TEST(NoOpRebuild, TexInstallationChangesAreSeen) {
    Project p;
    ASSERT_EQ(p.build(p.options()), ExitCode::ok);
    const auto stamp =
        parse_stamp(test::slurp(stamp_path(p.dir / "cache/stamps", p.dir / "cv.pdf")));
    ASSERT_TRUE(stamp);
    bool ls_r = false;
    for (const auto& e : stamp->inputs) ls_r |= e.path == "/usr/share/texlive/texmf-dist/ls-R";
    EXPECT_TRUE(ls_r) << "the ls-R database is not a witness:\n" << format_stamp(*stamp);
}

TEST(StampFormat, RoundTrips) {
    const Stamp s{
        "key", {{"a b.toml", "00ff"}, {"/x", "stat:1:2.000000003"}}, {{"cv.pdf", "aa"}}, 3};
    const auto back = parse_stamp(format_stamp(s));
    ASSERT_TRUE(back);
    EXPECT_EQ(format_stamp(*back), format_stamp(s));
    EXPECT_EQ(back->inputs[0].path, "a b.toml");
    EXPECT_EQ(back->inputs[1].digest, "stat:1:2.000000003");
    EXPECT_EQ(back->pages, 3);
    EXPECT_FALSE(parse_stamp("cvtex-stamp 0\nkey k\n"));
    EXPECT_FALSE(parse_stamp(""));
    EXPECT_EQ(format_stamp({"k", {{"a\nb", "00"}}, {{"o", "00"}}}), "");
}

TEST(Depfile, WrittenAfterTheBuildAndLeftAloneByANoOp) {
    Project p;
    BuildOptions o = p.options();
    o.depfile.enabled = true;
    o.depfile.phony = true;
    BuildReport report;
    ASSERT_EQ(p.build(o, &report), ExitCode::ok);
    EXPECT_EQ(report.depfile, p.dir / "cv.pdf.d");
    const std::string cls = p.dir / "cls/cvtex.cls";
    EXPECT_EQ(test::slurp(p.dir / "cv.pdf.d"), (p.dir / "cv.pdf") + ": \\\n  " +
                                                   (p.dir / "cv.toml") + " \\\n  " +
                                                   (p.dir / "pubs.bib") + " \\\n  " + cls + "\n\n" +
                                                   (p.dir / "pubs.bib") + ":\n\n" + cls + ":\n");
    const FileId before = id_of(p.dir / "cv.pdf.d");
    ASSERT_EQ(p.build(o, &report), ExitCode::ok);
    EXPECT_TRUE(report.up_to_date);
    EXPECT_TRUE(id_of(p.dir / "cv.pdf.d") == before);
    // A no-op still writes a depfile that was removed, from the stamp's list.
    fs::remove(p.dir / "cv.pdf.d");
    ASSERT_EQ(p.build(o, &report), ExitCode::ok);
    EXPECT_TRUE(report.up_to_date);
    EXPECT_NE(test::slurp(p.dir / "cv.pdf.d").find("pubs.bib"), std::string::npos);
    EXPECT_EQ(test::slurp(p.dir / "cv.pdf.d").find("ls-R"), std::string::npos);
}

TEST(Depfile, NotWrittenWhenTheBuildFails) {
    Project p;
    BuildOptions o = p.options();
    o.depfile.path = p.dir / "deps/cv.d";
    o.depfile.enabled = true;
    fs::remove(p.dir / "pubs.bib");
    EXPECT_NE(p.build(o), ExitCode::ok);
    EXPECT_FALSE(fs::exists(p.dir / "deps/cv.d"));
}

TEST(Depfile, APathMakeCannotReadIsAnError) {
    Project p;
    fs::create_directories(p.dir.path() / "a\\");
    BuildOptions o = p.options();
    o.depfile.enabled = true;
    o.depfile.targets = {"odd\\"};
    DiagnosticSink sink;
    EXPECT_EQ(p.build(o, nullptr, &sink), ExitCode::output_failed);
    ASSERT_FALSE(sink.all().empty());
    EXPECT_EQ(sink.all().back().code, "depfile-failed");
}

TEST(NoOpRebuild, RemembersThePagesForVerbose) {
    Project p;
    p.engine = FakeEngine([](const EngineJob&) {
        EngineResult r;
        r.status = EngineStatus::ok;
        r.pdf = "%PDF-1\n";
        r.pages = 2;
        return r;
    });
    BuildReport report;
    ASSERT_EQ(p.build(p.options(), &report), ExitCode::ok);
    EXPECT_EQ(report.pages, 2);
    EXPECT_EQ(progress_lines(report, Verbosity::verbose, std::chrono::milliseconds(1500)),
              "cvtex: wrote " + (p.dir / "cv.pdf") + " (2 pages, 1.50 s)\n");
    ASSERT_EQ(p.build(p.options(), &report), ExitCode::ok);
    ASSERT_TRUE(report.up_to_date);
    EXPECT_EQ(progress_lines(report, Verbosity::verbose, std::chrono::milliseconds(2)),
              "cvtex: " + (p.dir / "cv.pdf") + " is up to date (2 pages, 0.00 s)\n");
    EXPECT_EQ(progress_lines(report, Verbosity::normal, {}),
              "cvtex: " + (p.dir / "cv.pdf") + " is up to date\n");
    EXPECT_EQ(progress_lines(report, Verbosity::quiet, {}), "");
}

TEST(NoOpRebuild, AStampDirectoryOthersMayWriteIsNotTrusted) {
    Project p;
    ASSERT_EQ(p.build(p.options()), ExitCode::ok);
    fs::permissions(p.dir / "cache/stamps", fs::perms::all);  // 0777: anyone could plant one
    EXPECT_EQ(p.build(p.options()), ExitCode::ok);
    EXPECT_EQ(p.runs(), 2u);
    EXPECT_EQ(p.build(p.options()), ExitCode::ok);
    EXPECT_EQ(p.runs(), 3u) << "a stamp was written into it";
}

}  // namespace
}  // namespace cvtex
