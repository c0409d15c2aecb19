// Unit tests for depfiles: make's escaping, the rule's shape, and both readers on real files
// (make's question mode and ninja's deps log), skipped when the tool is missing.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>

#include "../support/run.hpp"
#include "cvtex/cli/depfile.hpp"
#include "cvtex/engine/engine.hpp"

namespace cvtex {
namespace {

namespace fs = std::filesystem;

TEST(ExpandDepfileFlags, SpellsGccsFlagsTheLongWay) {
    using V = std::vector<std::string>;
    EXPECT_EQ(
        expand_depfile_flags({"cvtex", "build", "cv.toml", "-M", "-MP", "-MT", "x", "-MF", "d"}),
        (V{"cvtex", "build", "cv.toml", "-M", "--phony-targets", "--depfile-target", "x",
           "--depfile", "d"}));
    EXPECT_EQ(expand_depfile_flags({"cvtex", "build", "--", "-MP"}),
              (V{"cvtex", "build", "--", "-MP"}));
}

TEST(EscapeMakePath, EscapesWhatMakeReadsSpecially) {
    EXPECT_EQ(escape_make_path("cv.toml"), "cv.toml");
    EXPECT_EQ(escape_make_path("my cv.toml"), "my\\ cv.toml");
    EXPECT_EQ(escape_make_path("cv#2.bib"), "cv\\#2.bib");
    EXPECT_EQ(escape_make_path("$HOME.bib"), "$$HOME.bib");
    EXPECT_EQ(escape_make_path("a:b.bib"), "a\\:b.bib");
    EXPECT_EQ(escape_make_path("/usr/share/cvtex/cls/cvtex.cls"), "/usr/share/cvtex/cls/cvtex.cls");
    EXPECT_EQ(escape_make_path("dir\\name.bib"), "dir\\name.bib");
    EXPECT_EQ(escape_make_path("Zoë 李.bib"), "Zoë\\ 李.bib");
}

TEST(EscapeMakePath, RefusesWhatMakeAndNinjaReadDifferently) {
    for (const char* bad : {"a\nb", "a\rb", "a\tb", "a\\", "a\\ b", "a\\#b", "a\\:b", ""})
        EXPECT_EQ(escape_make_path(bad), std::nullopt) << bad;
}

TEST(FormatDepfile, OnePrerequisitePerLine) {
    const auto d = format_depfile({"cv.pdf"}, {"cv.toml", "pubs.bib", "/c/cvtex.cls"}, false);
    EXPECT_EQ(d.error, "");
    EXPECT_EQ(d.text, "cv.pdf: \\\n  cv.toml \\\n  pubs.bib \\\n  /c/cvtex.cls\n");
}

TEST(FormatDepfile, PhonyRulesForEveryPrerequisiteButTheFirst) {
    const auto d = format_depfile({"a.pdf", "b.pdf"}, {"p.toml", "x y.bib"}, true);
    EXPECT_EQ(d.text, "a.pdf b.pdf: \\\n  p.toml \\\n  x\\ y.bib\n\nx\\ y.bib:\n");
}

TEST(FormatDepfile, NamesAPathItCannotWrite) {
    const auto d = format_depfile({"cv.pdf"}, {"cv.toml", "bad\nname.bib"}, false);
    EXPECT_EQ(d.text, "");
    EXPECT_NE(d.error.find("bad\nname.bib"), std::string::npos);
    EXPECT_NE(format_depfile({}, {"cv.toml"}, false).error, "");
}

TEST(MakeDepfile, DefaultsToTheFirstOutputAndItsName) {
    DepfileOptions o;
    auto r = make_depfile(o, {"out/cv.pdf", "out/cv.tex"}, {"cv.toml"});
    EXPECT_EQ(r.path, "out/cv.pdf.d");
    EXPECT_EQ(r.depfile.text, "out/cv.pdf out/cv.tex: \\\n  cv.toml\n");
    o.path = "deps/cv.d";
    o.targets = {"all-cvs"};
    r = make_depfile(o, {"out/cv.pdf"}, {"cv.toml"});
    EXPECT_EQ(r.path, "deps/cv.d");
    EXPECT_EQ(r.depfile.text, "all-cvs: \\\n  cv.toml\n");
}

// Names that make and ninja read specially; each one is a real file below.
const std::vector<std::string> odd_names = {"plain.toml",   "with space.bib", "hash#1.bib",
                                            "dollar$x.bib", "colon:x.bib",    "percent%.bib",
                                            "paren(1).bib", "Zoë 李.bib",     "back\\slash.bib"};

void set_mtime(const std::string& path, long seconds) {
    fs::last_write_time(path, fs::file_time_type::clock::now() + std::chrono::seconds(seconds));
}

TEST(DepfileReaders, MakeReadsEveryNameBack) {
    if (find_in_path("make").empty()) GTEST_SKIP() << "make is not installed";
    test::TempDir dir;
    for (const auto& n : odd_names) test::write(dir / n, "");
    const auto d = format_depfile({"out.pdf"}, odd_names, true);
    ASSERT_EQ(d.error, "");
    test::write(dir / "out.pdf.d", d.text);
    test::write(dir / "Makefile", "include out.pdf.d\nout.pdf:\n\ttouch out.pdf\n");
    test::write(dir / "out.pdf", "");
    for (const auto& n : odd_names) set_mtime(dir / n, -100);
    auto up_to_date = [&] {
        return test::run({"make", "-q", "-C", dir.path().string(), "out.pdf"}).exit_code == 0;
    };
    ASSERT_TRUE(up_to_date());
    for (const auto& n : odd_names) {
        set_mtime(dir / n, 100);  // newer than out.pdf: make must see that this one changed
        EXPECT_FALSE(up_to_date()) << n;
        set_mtime(dir / n, -100);
    }
    // -MP: a deleted prerequisite does not stop make.
    fs::remove(dir / "with space.bib");
    const auto r = test::run({"make", "-C", dir.path().string(), "out.pdf"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
}

// Escapes a path for a build.ninja statement.
std::string ninja_escape(const std::string& path) {
    std::string out;
    for (char c : path) {
        if (c == ' ' || c == ':' || c == '$') out += '$';
        out += c;
    }
    return out;
}

TEST(DepfileReaders, NinjaReadsEveryNameBack) {
    if (find_in_path("ninja").empty()) GTEST_SKIP() << "ninja is not installed";
    test::TempDir dir;
    const std::string target = "my cv:1.pdf";
    const auto d = format_depfile({target}, odd_names, true);
    ASSERT_EQ(d.error, "");
    test::write(dir / "prepared.d", d.text);
    // deps = gcc: ninja parses the depfile after the command and keeps what it read in its
    // deps log, which `ninja -t deps` prints one path per line.
    test::write(dir / "build.ninja", "rule gen\n  command = cp prepared.d out.d && touch \"" +
                                         target + "\"\n  depfile = out.d\n  deps = gcc\nbuild " +
                                         ninja_escape(target) + ": gen\n");
    auto r = test::run({"ninja", "-C", dir.path().string()});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    r = test::run({"ninja", "-C", dir.path().string(), "-t", "deps"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::string expected = target + ": #deps " + std::to_string(odd_names.size());
    EXPECT_NE(r.out.find(expected), std::string::npos) << r.out;
    for (const auto& n : odd_names)
        EXPECT_NE(r.out.find("    " + n + "\n"), std::string::npos) << n;
}

}  // namespace
}  // namespace cvtex
