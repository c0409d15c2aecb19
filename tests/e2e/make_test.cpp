// Make and CI integration end to end, with the real engine: no-op rebuilds, -v, depfiles
// read by real make.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>

#include "../support/run.hpp"
#include "cvtex/engine/engine.hpp"

namespace cvtex {
namespace {

namespace fs = std::filesystem;

std::string examples(const std::string& name) {
    return std::string(CVTEX_EXAMPLES_DIR) + "/" + name;
}

struct Times {
    ino_t inode;
    std::int64_t mtime_ns;
};
Times times_of(const std::string& path) {
    struct stat st {};
    stat(path.c_str(), &st);
    return {st.st_ino, st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec};
}

TEST(NoOpRebuildE2E, ASecondBuildLeavesThePdfAloneAndVerboseCountsPages) {
    test::TempDir tmp;
    const std::vector<std::string> env{"XDG_CACHE_HOME=" + (tmp / "cache")};
    const std::string pdf = tmp / "cv.pdf";
    auto r = test::run({CVTEX_BINARY, "build", examples("cheng-li.toml"), "-o", pdf, "-v"}, env);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(r.err.starts_with("cvtex: wrote " + pdf + " (3 pages, ")) << r.err;
    const Times before = times_of(pdf);
    r = test::run({CVTEX_BINARY, "build", examples("cheng-li.toml"), "-o", pdf, "-v"}, env);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(r.err.starts_with("cvtex: " + pdf + " is up to date (3 pages, ")) << r.err;
    const Times after = times_of(pdf);
    EXPECT_EQ(after.inode, before.inode);
    EXPECT_EQ(after.mtime_ns, before.mtime_ns);
    r = test::run({CVTEX_BINARY, "build", examples("cheng-li.toml"), "-o", pdf, "--force"}, env);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "cvtex: wrote " + pdf + "\n");
    EXPECT_NE(times_of(pdf).inode, before.inode);
}

// Ninja runs cvtex and reads its depfile with its own parser (deps = gcc): the example with a
// .bib lists the TOML, the .bib and the class; a second ninja has nothing to do; editing the
// .bib rebuilds.
TEST(NinjaE2E, ReadsTheDepfileOfTheExampleWithABib) {
    if (find_in_path("ninja").empty()) GTEST_SKIP() << "ninja is not installed";
    test::TempDir dir;
    fs::copy_file(examples("cheng-li-bib.toml"), dir / "cv.toml");
    fs::copy_file(examples("cheng-li.bib"), dir / "cheng-li.bib");
    test::write(dir / "build.ninja", std::string("rule cvtex\n  command = ") + CVTEX_BINARY +
                                         " build $in -o $out -M -MP -q\n  depfile = $out.d\n"
                                         "  deps = gcc\nbuild cv.pdf: cvtex cv.toml\n");
    const std::vector<std::string> env{"XDG_CACHE_HOME=" + (dir / "cache")};
    auto r = test::run({"ninja", "-C", dir.path().string()}, env);
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    r = test::run({"ninja", "-C", dir.path().string(), "-t", "deps"}, env);
    EXPECT_NE(r.out.find("cv.pdf: #deps 3"), std::string::npos) << r.out;
    for (const std::string dep : {"cv.toml", "cheng-li.bib", "/cls/cvtex.cls"})
        EXPECT_NE(r.out.find(dep + "\n"), std::string::npos) << dep << " in\n" << r.out;
    r = test::run({"ninja", "-C", dir.path().string()}, env);
    EXPECT_NE(r.out.find("ninja: no work to do."), std::string::npos) << r.out;
    test::write(dir / "cheng-li.bib", test::slurp(dir / "cheng-li.bib") + "\n% edited\n");
    r = test::run({"ninja", "-C", dir.path().string()}, env);
    EXPECT_NE(r.out.find("[1/1] "), std::string::npos) << r.out;
}

// A letter on the CV's letterhead, its body in Markdown: ninja reads its depfile too, and an
// edit of the body (a file only the letter names) rebuilds the letter and not the CV.
TEST(NinjaE2E, ReadsTheDepfileOfALetterWithAMarkdownBody) {
    if (find_in_path("ninja").empty()) GTEST_SKIP() << "ninja is not installed";
    test::TempDir dir;
    fs::copy_file(examples("cheng-li-bib.toml"), dir / "cv.toml");
    fs::copy_file(examples("cheng-li.bib"), dir / "cheng-li.bib");
    test::write(dir / "letter.toml",
                "cv = \"cv.toml\"\n\n[letter]\ndate = \"2026-11-15\"\n"
                "salutation = \"Dear Committee,\"\nclosing = \"Sincerely,\"\n"
                "body_file = \"letter body.md\"\n");
    test::write(dir / "letter body.md", "I am writing to apply.\n");
    test::write(dir / "build.ninja", std::string("rule cvtex\n  command = ") + CVTEX_BINARY +
                                         " build $in -o $out -M -MP -q\n  depfile = $out.d\n"
                                         "  deps = gcc\nbuild cv.pdf: cvtex cv.toml\n"
                                         "build letter.pdf: cvtex letter.toml\n");
    const std::vector<std::string> env{"XDG_CACHE_HOME=" + (dir / "cache")};
    auto r = test::run({"ninja", "-C", dir.path().string()}, env);
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    r = test::run({"ninja", "-C", dir.path().string(), "-t", "deps", "letter.pdf"}, env);
    for (const std::string dep : {"letter.toml", "cv.toml", "letter body.md", "/cls/cvtex.cls"})
        EXPECT_NE(r.out.find(dep + "\n"), std::string::npos) << dep << " in\n" << r.out;
    test::write(dir / "letter body.md", "I am writing to apply, again.\n");
    r = test::run({"ninja", "-C", dir.path().string()}, env);
    EXPECT_NE(r.out.find("[1/1] "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("letter.pdf"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("cv.pdf"), std::string::npos) << r.out;
}

// examples/Makefile with real make, in a copy of the examples: cheng-li-bib.pdf reads
// cheng-li.bib, cheng-li.pdf does not.
class ExampleMakefile : public ::testing::Test {
  protected:
    void SetUp() override {
        if (find_in_path("make").empty()) GTEST_SKIP() << "make is not installed";
        for (const char* f : {"Makefile", "cheng-li.toml", "cheng-li-bib.toml", "cheng-li.bib",
                              "phd-student.toml", "engineer-resume.toml"})
            fs::copy_file(examples(f), dir_ / f);
        fs::copy(examples("packet"), dir_ / "packet", fs::copy_options::recursive);
        fs::remove_all(dir_.path() / "packet/applications");
        fs::remove(dir_.path() / "packet/applications.stamp");
    }
    test::Result make(std::vector<std::string> args = {}) const {
        args.insert(args.begin(), {"make", "-C", dir_.path().string(),
                                   std::string("CVTEX=") + CVTEX_BINARY, "--no-print-directory"});
        return test::run(args, {"XDG_CACHE_HOME=" + (dir_ / "cache"), "MAKEFLAGS="});
    }
    // Make's echo of the rule that builds `toml`.
    static std::string rule(const std::string& toml) {
        return std::string(CVTEX_BINARY) + " build " + toml + " ";
    }
    test::TempDir dir_;
};

TEST_F(ExampleMakefile, BuildsOnceThenOnlyWhatAChangeAffects) {
    const std::string packet_rule = std::string(CVTEX_BINARY) + " packet packet/packet.toml ";
    auto r = make();
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find(rule("cheng-li.toml")), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(rule("cheng-li-bib.toml")), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(rule("packet/cv.toml") + "--variant short -o cv-short.pdf -M -MP"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find(packet_rule + "--depfile packet/applications.stamp.d -MT "
                                       "packet/applications.stamp -MP"),
              std::string::npos)
        << r.out;
    EXPECT_EQ(r.err, "") << "cvtex -q printed something";
    const Times plain = times_of(dir_ / "cheng-li.pdf");
    const Times with_bib = times_of(dir_ / "cheng-li-bib.pdf");
    const Times stanford = times_of(dir_ / "packet/applications/stanford/stanford.pdf");
    const Times mit_cv = times_of(dir_ / "packet/applications/mit/cv.pdf");
    EXPECT_NE(test::slurp(dir_ / "cheng-li-bib.pdf.d").find("cheng-li.bib"), std::string::npos);
    EXPECT_NE(test::slurp(dir_ / "packet/applications.stamp.d").find("letters/mit.md"),
              std::string::npos);

    // A second make runs nothing.
    r = make();
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "make: Nothing to be done for 'all'.\n");

    // Touching the .bib runs exactly the rules of what reads it; its content did not change,
    // so cvtex leaves every PDF alone.
    fs::last_write_time(dir_ / "cheng-li.bib", fs::file_time_type::clock::now());
    r = make();
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find(rule("cheng-li-bib.toml")), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(packet_rule), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find(rule("cheng-li.toml")), std::string::npos) << r.out;
    EXPECT_EQ(times_of(dir_ / "cheng-li-bib.pdf").mtime_ns, with_bib.mtime_ns);
    EXPECT_EQ(times_of(dir_ / "packet/applications/mit/cv.pdf").mtime_ns, mit_cv.mtime_ns);

    // Editing it rebuilds those PDFs, and only those.
    test::write(dir_ / "cheng-li.bib", test::slurp(dir_ / "cheng-li.bib") + "\n% edited\n");
    r = make();
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.find(rule("cheng-li.toml")), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(rule("cheng-li-bib.toml") + "-o cheng-li-bib.pdf -M -MP -q\n"),
              std::string::npos)
        << r.out;
    EXPECT_NE(times_of(dir_ / "cheng-li-bib.pdf").inode, with_bib.inode);
    const Times after = times_of(dir_ / "cheng-li.pdf");
    EXPECT_EQ(after.inode, plain.inode);
    EXPECT_EQ(after.mtime_ns, plain.mtime_ns);
    r = make();
    EXPECT_EQ(r.out, "make: Nothing to be done for 'all'.\n");

    // A letter of one application: only the packet's rule runs, and in it only that
    // application's PDFs change.
    const std::string letter = dir_ / "packet/letters/mit.md";
    test::write(letter, test::slurp(letter) + "\nOne more sentence.\n");
    r = make();
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, packet_rule +
                         "--depfile packet/applications.stamp.d -MT packet/applications.stamp "
                         "-MP -q\ntouch packet/applications.stamp\n");
    EXPECT_EQ(times_of(dir_ / "packet/applications/stanford/stanford.pdf").inode, stanford.inode);

    // A deleted input does not stop make (-MP): the CV's own rule reports it.
    fs::remove(dir_ / "cheng-li.bib");
    r = make({"-k"});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find("cheng-li.bib"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("No rule to make target"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace cvtex
