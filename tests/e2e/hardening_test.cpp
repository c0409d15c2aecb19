// End-to-end tests of findings from the security review: signals reach the engine, kpathsea's
// engine-specific variables cannot swap the class, and a package added later invalidates a
// cached format.
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "../support/run.hpp"

namespace cvtex {
namespace {

namespace fs = std::filesystem;

const char* looping_cv =
    "[person]\nname = \"Ada\"\n[[section]]\nkind = \"raw-latex\"\nraw_latex = '\\def\\x{\\x}\\x'\n";

// Processes whose working directory lies under `dir`.
int processes_in(const fs::path& dir) {
    int n = 0;
    std::error_code ec;
    for (const auto& p : fs::directory_iterator("/proc", ec)) {
        std::error_code e2;
        const auto cwd = fs::read_symlink(p.path() / "cwd", e2);
        if (!e2 && cwd.string().starts_with(dir.string())) ++n;
    }
    return n;
}

TEST(Hardening, ASignalToCvtexStopsTheEngineAndRemovesTheBuildDirectory) {
    test::TempDir tmp;
    const std::string cv = tmp / "loop.toml";
    test::write(cv, looping_cv);
    fs::create_directories(tmp.path() / "t");
    const std::string tmpdir = "TMPDIR=" + (tmp / "t");
    // Without the format cache: a cold cache would also start the detached format dump, which
    // is meant to outlive the build (and would be counted here, since it works in TMPDIR too).
    std::vector<std::string> args{CVTEX_BINARY,  "build",     cv,   "-o",
                                  tmp / "x.pdf", "--timeout", "60", "--no-format-cache"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_strings;
    for (char** e = environ; *e; ++e) env_strings.emplace_back(*e);
    env_strings.push_back(tmpdir);
    std::vector<char*> envp;
    for (auto& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    ASSERT_EQ(posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), envp.data()), 0);
    posix_spawn_file_actions_destroy(&fa);
    // Wait until the engine is running inside the private build directory.
    for (int i = 0; i < 200 && processes_in(tmp.path() / "t") == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    ASSERT_GT(processes_in(tmp.path() / "t"), 0) << "the engine never started";
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM) << status;
    EXPECT_EQ(processes_in(tmp.path() / "t"), 0) << "the engine outlived cvtex";
    EXPECT_TRUE(fs::is_empty(tmp.path() / "t")) << "the build directory was left behind";
    EXPECT_FALSE(fs::exists(tmp / "x.pdf"));
}

TEST(Hardening, EngineSpecificTexinputsCannotSwapTheClass) {
    test::TempDir tmp;
    fs::create_directories(tmp.path() / "evil");
    test::write(tmp / "evil/cvtex.cls", "\\errmessage{EVIL CLASS}\n");
    test::write(tmp / "cv.toml", "[person]\nname = \"Ada\"\n");
    for (const char* var : {"TEXINPUTS.pdflatex=", "TEXINPUTS_pdflatex="}) {
        auto r = test::run({CVTEX_BINARY, "build", tmp / "cv.toml", "--no-format-cache"},
                           {std::string(var) + (tmp / "evil") + ":"});
        EXPECT_EQ(r.exit_code, 0) << var << "\n" << r.err;
    }
}

TEST(Hardening, APackageAddedToTexmfhomeInvalidatesTheCachedFormat) {
    test::TempDir tmp;
    test::write(tmp / "cv.toml", "[person]\nname = \"Ada\"\n");
    const std::vector<std::string> env{"XDG_CACHE_HOME=" + (tmp / "cache"),
                                       "TEXMFHOME=" + (tmp / "texmf")};
    ASSERT_EQ(test::run({CVTEX_BINARY, "build", tmp / "cv.toml"}, env).exit_code, 0);
    ASSERT_TRUE(test::wait_for_formats(tmp / "cache/cvtex/formats"));  // dumped in the background
    // A hyperref.cfg in TEXMFHOME, read by the class preamble, prints a marker.
    fs::create_directories(tmp.path() / "texmf/tex/latex/local");
    test::write(tmp / "texmf/tex/latex/local/hyperref.cfg", "\\AtBeginDocument{SHADOWCFG}\n");
    auto r = test::run({CVTEX_BINARY, "build", tmp / "cv.toml"}, env);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto text = test::run({"pdftotext", tmp / "cv.pdf", "-"});
    EXPECT_NE(text.out.find("SHADOWCFG"), std::string::npos) << "the stale format was used";
}

}  // namespace
}  // namespace cvtex
