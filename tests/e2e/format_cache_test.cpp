// End-to-end tests of the format cache: the real pdflatex, a private cache directory.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <sys/wait.h>

#include <filesystem>

#include "../support/run.hpp"
#include "cvtex/cli/commands.hpp"

namespace cvtex {
namespace {

namespace fs = std::filesystem;

class FormatCacheE2E : public ::testing::Test {
  protected:
    test::TempDir tmp_;
    std::string cache_home_ = tmp_ / "cache";
    std::string formats_ = tmp_ / "cache/cvtex/formats";

    test::Result build(const std::string& pdf, std::vector<std::string> extra = {},
                       std::vector<std::string> env = {}) {
        std::vector<std::string> args{
            CVTEX_BINARY, "build", std::string(CVTEX_EXAMPLES_DIR) + "/cheng-li.toml", "-o", pdf};
        args.insert(args.end(), extra.begin(), extra.end());
        env.push_back("XDG_CACHE_HOME=" + cache_home_);
        env.push_back("SOURCE_DATE_EPOCH=1767225600");
        return test::run(args, env);
    }
    std::vector<fs::path> files(const std::string& ext) const {
        std::vector<fs::path> out;
        if (!fs::exists(formats_)) return out;
        for (const auto& e : fs::directory_iterator(formats_))
            if (e.path().extension() == ext) out.push_back(e.path());
        return out;
    }
    // Builds to `pdf` keeping its build files, and says whether TeX started from a cvtex
    // format (the log's first line names the format it loaded).
    bool build_used_format(const std::string& pdf, std::vector<std::string> extra = {},
                           std::vector<std::string> env = {}) {
        const std::string keep = pdf + ".build";
        extra.insert(extra.end(), {"--keep-build", keep});
        const auto r = build(pdf, extra, env);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        const std::string log = test::slurp(keep + "/cv.log");
        EXPECT_NE(log.find("This is pdfTeX"), std::string::npos) << "no log kept";
        return log.substr(0, log.find('\n')).find("format=cvtex-") != std::string::npos;
    }
    // A build that finds the cache cold dumps the format in the background; wait for it.
    void wait_for_dump(std::size_t count = 1) const {
        ASSERT_TRUE(test::wait_for_formats(formats_, count)) << "the format was never stored";
    }
};

TEST_F(FormatCacheE2E, FirstBuildFillsTheCacheAndLaterBuildsReuseIt) {
    auto first = build(tmp_ / "a.pdf");
    ASSERT_EQ(first.exit_code, 0) << first.err;
    wait_for_dump();
    const auto fmts = files(".fmt");
    ASSERT_EQ(fmts.size(), 1u);
    ASSERT_EQ(files(".deps").size(), 1u);
    const auto stamp = fs::last_write_time(fmts[0]);
    EXPECT_TRUE(build_used_format(tmp_ / "b.pdf"));
    EXPECT_EQ(fs::last_write_time(fmts[0]), stamp) << "the cached format was rebuilt";
    EXPECT_TRUE(files(".lock").empty()) << "a warm build started a dump";
    EXPECT_EQ(test::slurp(tmp_ / "a.pdf"), test::slurp(tmp_ / "b.pdf"));
}

TEST_F(FormatCacheE2E, OutputDoesNotDependOnTheCacheState) {
    // Cold (compiled without the format while it is dumped), warm (through the cached format),
    // cache-less and --no-format-cache builds give the same bytes.
    EXPECT_FALSE(build_used_format(tmp_ / "cold.pdf"));
    wait_for_dump();
    EXPECT_TRUE(build_used_format(tmp_ / "warm.pdf"));
    EXPECT_FALSE(build_used_format(tmp_ / "off.pdf", {"--no-format-cache"}));
    auto none =
        test::run({CVTEX_BINARY, "build", std::string(CVTEX_EXAMPLES_DIR) + "/cheng-li.toml", "-o",
                   tmp_ / "none.pdf"},
                  {"XDG_CACHE_HOME=", "HOME=", "SOURCE_DATE_EPOCH=1767225600"});
    ASSERT_EQ(none.exit_code, 0) << none.err;
    const std::string cold = test::slurp(tmp_ / "cold.pdf");
    ASSERT_FALSE(cold.empty());
    EXPECT_EQ(cold, test::slurp(tmp_ / "warm.pdf"));
    EXPECT_EQ(cold, test::slurp(tmp_ / "off.pdf"));
    EXPECT_EQ(cold, test::slurp(tmp_ / "none.pdf"));
}

TEST_F(FormatCacheE2E, AStaleManifestRebuildsTheFormat) {
    ASSERT_EQ(build(tmp_ / "a.pdf").exit_code, 0);
    wait_for_dump();
    const auto deps = files(".deps").at(0);
    // Pretend a package file changed since the format was dumped.
    const std::string manifest = test::slurp(deps.string());
    test::write(deps.string(), "1 1.000000000\t" + std::string(CVTEX_EXAMPLES_DIR) +
                                   "/cheng-li.toml\n" + manifest);
    ASSERT_EQ(build(tmp_ / "b.pdf").exit_code, 0);
    wait_for_dump();
    EXPECT_EQ(test::slurp(deps.string()), manifest) << "the manifest was not rewritten";
    EXPECT_EQ(test::slurp(tmp_ / "a.pdf"), test::slurp(tmp_ / "b.pdf"));
}

TEST_F(FormatCacheE2E, ADamagedFormatIsReplacedAndTheBuildSucceeds) {
    ASSERT_EQ(build(tmp_ / "a.pdf").exit_code, 0);
    wait_for_dump();
    const auto fmt = files(".fmt").at(0);
    test::write(fmt.string(), test::slurp(fmt.string()).substr(0, 1000));
    auto r = build(tmp_ / "b.pdf");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    wait_for_dump();
    EXPECT_GT(fs::file_size(fmt), 1000u);
    EXPECT_EQ(test::slurp(tmp_ / "a.pdf"), test::slurp(tmp_ / "b.pdf"));
}

TEST_F(FormatCacheE2E, ATexformatsOfTheUsersOwnDoesNotHideTheCachedFormat) {
    // kpathsea searches TEXFORMATS for -fmt; this one lacks the build directory. Before the
    // fix every build failed to load the format, discarded it and dumped it again.
    // It holds the system's formats (e.g. /var/lib/texmf/web2c//), so "&pdflatex" is found.
    const fs::path system_fmt = test::run({"kpsewhich", "-engine=pdftex", "pdflatex.fmt"}).out;
    const std::vector<std::string> env{
        "TEXFORMATS=" + system_fmt.parent_path().parent_path().string() + "//"};
    ASSERT_EQ(build(tmp_ / "a.pdf", {}, env).exit_code, 0);
    wait_for_dump();
    ASSERT_EQ(files(".fmt").size(), 1u);
    const auto stamp = fs::last_write_time(files(".fmt").at(0));
    EXPECT_TRUE(build_used_format(tmp_ / "b.pdf", {}, env));
    EXPECT_TRUE(files(".lock").empty()) << "a dump was started again";
    ASSERT_EQ(files(".fmt").size(), 1u);
    EXPECT_EQ(fs::last_write_time(files(".fmt").at(0)), stamp) << "the format was replaced";
}

TEST_F(FormatCacheE2E, ACacheDirectoryOthersCanWriteIsNotUsed) {
    fs::create_directories(formats_);
    fs::permissions(formats_, fs::perms::all);  // 0777: anyone could plant a format
    EXPECT_FALSE(build_used_format(tmp_ / "a.pdf"));
    EXPECT_TRUE(fs::is_empty(formats_)) << "a dump was started in it";
}

TEST_F(FormatCacheE2E, CvsThatDifferOnlyInColourShareOneFormatAndKeepTheirColour) {
    const std::string cv =
        "[person]\nname = \"Ada Lovelace\"\n[[section]]\ntitle = \"Work\"\n"
        "kind = \"text\"\ntext = \"Hello.\"\n";
    test::write(tmp_ / "red.toml", "[settings]\naccent = \"#8B0000\"\n" + cv);
    test::write(tmp_ / "green.toml", "[settings]\naccent = \"006400\"\n" + cv);
    const std::vector<std::string> env{"XDG_CACHE_HOME=" + cache_home_};
    ASSERT_EQ(test::run({CVTEX_BINARY, "build", tmp_ / "red.toml"}, env).exit_code, 0);
    wait_for_dump();
    auto green = test::run(
        {CVTEX_BINARY, "build", tmp_ / "green.toml", "--keep-build", tmp_ / "green-build"}, env);
    ASSERT_EQ(green.exit_code, 0) << green.err;
    EXPECT_NE(test::slurp(tmp_ / "green-build/cv.log").find("format=cvtex-"), std::string::npos)
        << "the green CV did not use the red CV's format";
    EXPECT_EQ(files(".fmt").size(), 1u);
    // The colours as pdftocairo writes them: 0x8B/255 = 54.5%, 0x64/255 = 39.2%.
    for (const auto& [name, colour] : {std::pair{"red", "rgb(54.5"}, {"green", "rgb(0%,39.2"}}) {
        const std::string svg = tmp_ / (std::string(name) + ".svg");
        ASSERT_EQ(
            test::run({"pdftocairo", "-svg", tmp_ / (std::string(name) + ".pdf"), svg}).exit_code,
            0);
        EXPECT_NE(test::slurp(svg).find(colour), std::string::npos) << name;
    }
}

TEST_F(FormatCacheE2E, NoFormatCacheLeavesTheCacheAlone) {
    auto r = build(tmp_ / "a.pdf", {"--no-format-cache"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_FALSE(fs::exists(formats_));
}

TEST_F(FormatCacheE2E, ALibraryEngineWithoutADumpHelperCompilesWithoutDumping) {
    // The process engine made without a helper executable, as a program using the library
    // would: a cold cache is not filled (nothing is forked), and the build still succeeds.
    BuildOptions options;
    options.input = std::string(CVTEX_EXAMPLES_DIR) + "/cheng-li.toml";
    options.pdf_path = tmp_ / "a.pdf";
    options.class_dir = find_data_dir("", "cls");
    options.format_cache_dir = formats_;
    auto engine = make_process_engine();
    DiskFiles disk;
    Sources sources(disk);
    DiagnosticSink sink;
    BuildReport report;
    ASSERT_EQ(run_build(options, *engine, sources, sink, report), ExitCode::ok);
    EXPECT_TRUE(fs::exists(tmp_ / "a.pdf"));
    EXPECT_TRUE(files(".lock").empty()) << "a dump was started";
    EXPECT_TRUE(files(".fmt").empty());
}

// A stand-in for pdflatex, first on PATH: a format dump (-ini) writes a line to $INI_LOG,
// fails at once when $INI_FAIL is set, and otherwise waits until the file $RELEASE exists (at
// most 20 s) before it runs the real pdflatex and touches $INI_DONE. Document runs go
// straight to the real pdflatex.
class BlockedDumpE2E : public FormatCacheE2E {
  protected:
    void SetUp() override {
        fs::create_directories(tmp_.path() / "bin");
        const std::string fake = tmp_ / "bin/pdflatex";
        test::write(
            fake,
            "#!/bin/sh\n"
            "case \" $* \" in *\" -ini \"*)\n"
            "  echo dump >> \"$INI_LOG\"; i=0\n"
            "  [ -n \"$INI_FAIL\" ] && exit 1\n"
            "  while [ ! -e \"$RELEASE\" ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i+1)); done\n"
            "  /usr/bin/pdflatex \"$@\"; s=$?; touch \"$INI_DONE\"; exit $s;;\n"
            "esac\n"
            "exec /usr/bin/pdflatex \"$@\"\n");
        chmod(fake.c_str(), 0755);
        env_ = {"PATH=" + (tmp_ / "bin") + ":" + std::getenv("PATH"),
                "INI_LOG=" + (tmp_ / "ini.log"), "RELEASE=" + (tmp_ / "release"),
                "INI_DONE=" + (tmp_ / "ini.done")};
    }
    void TearDown() override {
        test::write(tmp_ / "release", "");
        test::wait_for_formats(formats_, 0);  // no dump left running in the test's directory
    }
    std::vector<std::string> env_;
};

TEST_F(BlockedDumpE2E, AColdBuildDoesNotWaitForTheDumpNorHoldItsOutputOpen) {
    // cvtex's output goes to a pipe, read to its end: a dump process that kept the pipe open
    // would hold the reader until the dump ends.
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        close(fds[0]);
        close(fds[1]);
        for (const auto& kv : env_) putenv(const_cast<char*>(kv.c_str()));
        setenv("XDG_CACHE_HOME", cache_home_.c_str(), 1);
        const std::string cv = std::string(CVTEX_EXAMPLES_DIR) + "/cheng-li.toml";
        const std::string pdf = tmp_ / "cold.pdf";
        execl(CVTEX_BINARY, CVTEX_BINARY, "build", cv.c_str(), "-o", pdf.c_str(), nullptr);
        _exit(127);
    }
    close(fds[1]);
    std::string output;
    char buf[4096];
    for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) output.append(buf, n);
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << output;
    EXPECT_TRUE(fs::exists(tmp_ / "cold.pdf"));
    EXPECT_FALSE(fs::exists(tmp_ / "ini.done")) << "cvtex or its output waited for the dump";
    EXPECT_TRUE(files(".fmt").empty());
    // The dump runs at low priority: give it time to start on a busy machine.
    for (int i = 0; i < 600 && !fs::exists(tmp_ / "ini.log"); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_TRUE(fs::exists(tmp_ / "ini.log")) << "no dump was started";
    test::write(tmp_ / "release", "");
    wait_for_dump();
    EXPECT_TRUE(fs::exists(tmp_ / "ini.done"));
    EXPECT_EQ(files(".fmt").size(), 1u);
}

TEST_F(BlockedDumpE2E, OneDumpAtATimeForTheSameFormat) {
    // While the first build's dump is still running, two more cold builds only compile.
    for (const char* name : {"a.pdf", "b.pdf", "c.pdf"}) {
        auto r = build(tmp_ / name, {}, env_);
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    test::write(tmp_ / "release", "");
    wait_for_dump();
    EXPECT_EQ(test::slurp(tmp_ / "ini.log"), "dump\n");
    EXPECT_EQ(test::slurp(tmp_ / "a.pdf"), test::slurp(tmp_ / "c.pdf"));
}

TEST_F(BlockedDumpE2E, AFailedDumpIsNotRetriedByEveryBuild) {
    auto env = env_;
    env.push_back("INI_FAIL=1");
    ASSERT_EQ(build(tmp_ / "a.pdf", {}, env).exit_code, 0);
    // Wait for the failed dump to finish (its lock goes, its failure marker stays).
    for (int i = 0; i < 600 && (files(".lock").size() || files(".failed").empty()); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ASSERT_EQ(files(".failed").size(), 1u);
    auto again = build(tmp_ / "b.pdf", {}, env);
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_TRUE(files(".lock").empty()) << "a second dump was started";
    EXPECT_EQ(test::slurp(tmp_ / "ini.log"), "dump\n");
    EXPECT_EQ(test::slurp(tmp_ / "a.pdf"), test::slurp(tmp_ / "b.pdf"));
}

}  // namespace
}  // namespace cvtex
