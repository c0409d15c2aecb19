// End-to-end tests of the engine's process handling: signals sent to cvtex while TeX runs,
// signals cvtex was told to ignore, and an engine that must not outlive a killed cvtex. The
// engine is a stand-in script first on PATH, so the tests control how long it runs.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <thread>

#include "../support/run.hpp"
#include "cvtex/engine/engine.hpp"

namespace cvtex {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

class ProcessE2E : public ::testing::Test {
  protected:
    void SetUp() override {
        fs::create_directories(tmp_.path() / "bin");
        fs::create_directories(tmp_.path() / "t");
        fs::create_directories(tmp_.path() / "pids");
        test::write(tmp_ / "cv.toml", "[person]\nname = \"Ada\"\n");
    }
    void TearDown() override {
        // Stand-in engines that outlived a failed test.
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(tmp_.path() / "pids", ec))
            if (const pid_t pid = std::atoi(e.path().filename().c_str()); pid > 0)
                kill(pid, SIGKILL);
    }
    // A stand-in pdflatex that records its pid in pids/ and then runs `body`.
    void stand_in(const std::string& body) {
        const std::string path = tmp_ / "bin/pdflatex";
        test::write(path, "#!/bin/sh\ntouch \"$PIDS/$$\"\n" + body);
        chmod(path.c_str(), 0755);
    }
    // Starts cvtex building cv.toml, with SIGINT ignored when `ignore_sigint`.
    pid_t start(const std::string& pdf, const std::string& timeout = "60",
                bool ignore_sigint = false) {
        std::vector<std::string> args{CVTEX_BINARY, "build", tmp_ / "cv.toml",   "-o", pdf,
                                      "--timeout",  timeout, "--no-format-cache"};
        std::vector<std::string> env;
        for (char** e = environ; *e; ++e)
            if (!std::string_view(*e).starts_with("PATH=")) env.emplace_back(*e);
        env.push_back("PATH=" + (tmp_ / "bin") + ":" + std::getenv("PATH"));
        env.push_back("TMPDIR=" + (tmp_ / "t"));
        env.push_back("PIDS=" + (tmp_ / "pids"));
        env.push_back("REAL_PDFLATEX=" + real_pdflatex_);
        std::vector<char*> argv, envp;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        for (auto& e : env) envp.push_back(e.data());
        envp.push_back(nullptr);
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&fa, 2, (tmp_ / "err").c_str(),
                                         O_WRONLY | O_CREAT | O_APPEND, 0600);
        // A child inherits an ignored signal, as a job started with & in a script does.
        struct sigaction ignore {
        }, old{};
        ignore.sa_handler = SIG_IGN;
        if (ignore_sigint) sigaction(SIGINT, &ignore, &old);
        pid_t pid = 0;
        const int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), envp.data());
        if (ignore_sigint) sigaction(SIGINT, &old, nullptr);
        posix_spawn_file_actions_destroy(&fa);
        EXPECT_EQ(rc, 0);
        return pid;
    }
    // The wait status of `pid` once it ends, or nullopt if it is still running at `until`.
    static std::optional<int> wait_until(pid_t pid, Clock::time_point until) {
        for (;;) {
            int status = 0;
            if (waitpid(pid, &status, WNOHANG) == pid) return status;
            if (Clock::now() > until) return std::nullopt;
            std::this_thread::sleep_for(milliseconds(5));
        }
    }
    // The stand-in engines started so far.
    std::vector<pid_t> engines() const {
        std::vector<pid_t> out;
        for (const auto& e : fs::directory_iterator(tmp_.path() / "pids"))
            out.push_back(std::atoi(e.path().filename().c_str()));
        return out;
    }
    // True while `pid` runs (a zombie waiting for its new parent does not count).
    static bool running(pid_t pid) {
        const std::string stat = test::slurp("/proc/" + std::to_string(pid) + "/stat");
        const auto paren = stat.rfind(')');
        return paren != std::string::npos && paren + 2 < stat.size() && stat[paren + 2] != 'Z';
    }

    test::TempDir tmp_;
    std::string real_pdflatex_ = find_in_path("pdflatex");
};

// A signal that arrives while cvtex starts the engine must stop the build at once, not at the
// --timeout: the signal used to be lost between the spawn and the wait.
TEST_F(ProcessE2E, ParallelBuildsSignalledRightAfterTheyStartAllStopAtOnce) {
    stand_in("exec sleep 60\n");
    constexpr int runs = 24;
    std::vector<pid_t> pids;
    for (int i = 0; i < runs; ++i)
        pids.push_back(start(tmp_ / ("cv" + std::to_string(i) + ".pdf")));
    // Each cvtex gets SIGTERM as soon as it has a child: the engine being started.
    std::vector<bool> signalled(runs, false);
    const auto give_up = Clock::now() + std::chrono::seconds(20);
    for (int sent = 0; sent < runs && Clock::now() < give_up;) {
        for (int i = 0; i < runs; ++i) {
            if (signalled[i]) continue;
            const std::string p = std::to_string(pids[i]);
            const std::string children = test::slurp("/proc/" + p + "/task/" + p + "/children");
            if (!children.empty() || !running(pids[i])) {
                kill(pids[i], SIGTERM);
                signalled[i] = true;
                ++sent;
            }
        }
    }
    const auto until = Clock::now() + std::chrono::seconds(5);
    int hung = 0;
    for (int i = 0; i < runs; ++i) {
        if (!signalled[i]) kill(pids[i], SIGTERM);
        const auto status = wait_until(pids[i], until);
        if (!status) {
            ++hung;
            kill(pids[i], SIGKILL);
            waitpid(pids[i], nullptr, 0);
        } else {
            EXPECT_TRUE(WIFSIGNALED(*status) && WTERMSIG(*status) == SIGTERM) << *status;
        }
        EXPECT_FALSE(fs::exists(tmp_ / ("cv" + std::to_string(i) + ".pdf")));
    }
    EXPECT_EQ(hung, 0) << "builds that went on after SIGTERM (they would wait for --timeout)";
    for (const pid_t engine : engines()) EXPECT_FALSE(running(engine)) << "engine " << engine;
    EXPECT_TRUE(fs::is_empty(tmp_.path() / "t")) << "a build directory was left behind";
}

TEST_F(ProcessE2E, TheEngineDiesWithAKilledCvtex) {
    stand_in("exec sleep 60\n");
    const pid_t pid = start(tmp_ / "cv.pdf");
    for (int i = 0; i < 1000 && engines().empty(); ++i)
        std::this_thread::sleep_for(milliseconds(10));
    ASSERT_EQ(engines().size(), 1u) << "the engine never started";
    const pid_t engine = engines()[0];
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    const auto until = Clock::now() + std::chrono::seconds(5);
    while (running(engine) && Clock::now() < until) std::this_thread::sleep_for(milliseconds(10));
    EXPECT_FALSE(running(engine)) << "the engine outlived cvtex";
}

// A build started with SIGINT ignored (a job started with & by a script) is not stopped by it.
TEST_F(ProcessE2E, AnIgnoredSigintDoesNotStopTheBuild) {
    ASSERT_FALSE(real_pdflatex_.empty());
    stand_in("sleep 1\nexec \"$REAL_PDFLATEX\" \"$@\"\n");
    const pid_t pid = start(tmp_ / "cv.pdf", "60", true);
    for (int i = 0; i < 1000 && engines().empty(); ++i)
        std::this_thread::sleep_for(milliseconds(10));
    ASSERT_FALSE(engines().empty()) << "the engine never started";
    kill(pid, SIGINT);
    const auto status = wait_until(pid, Clock::now() + std::chrono::seconds(60));
    ASSERT_TRUE(status.has_value());
    EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0) << *status << "\n"
                                                                 << test::slurp(tmp_ / "err");
    EXPECT_TRUE(fs::exists(tmp_ / "cv.pdf"));
}

// Issue 14, item 4: a program the engine started in a session of its own escaped both the
// death signal and the process group, and looped on after a kill -9 of cvtex. The CPU time
// limit that the engine gets, and passes on, ends it at the timeout all the same.
TEST_F(ProcessE2E, WhatTheEngineStartsIsBoundedByTheTimeoutEvenAfterCvtexIsKilled) {
    stand_in("setsid sh -c 'touch \"$PIDS/$$\"; while :; do :; done' &\nexec sleep 60\n");
    const pid_t pid = start(tmp_ / "cv.pdf", "2");
    for (int i = 0; i < 1000 && engines().size() < 2; ++i)
        std::this_thread::sleep_for(milliseconds(10));
    ASSERT_EQ(engines().size(), 2u) << "the engine and its loop never started";
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    const auto until = Clock::now() + std::chrono::seconds(60);
    auto any_running = [&] {
        for (const pid_t p : engines())
            if (running(p)) return true;
        return false;
    };
    while (any_running() && Clock::now() < until) std::this_thread::sleep_for(milliseconds(50));
    EXPECT_FALSE(any_running()) << "the engine's loop outlived cvtex and its timeout";
}

// Issue 14, item 7: an engine that crashed was "pdflatex exited with status 139" (exit 3),
// without the log; one stopped by someone else's signal likewise.
TEST_F(ProcessE2E, AnEngineThatCrashesOrIsKilledSaysSoWithExit7) {
    const std::pair<std::string, std::string> cases[] = {
        {"kill -SEGV $$\n", "error: pdflatex crashed (signal 11, Segmentation fault)\n"},
        {"kill -TERM $$\n",
         "error: pdflatex was killed by a signal from outside cvtex "
         "(signal 15, Terminated)\n"}};
    for (const auto& [body, message] : cases) {
        stand_in(body);
        const pid_t pid = start(tmp_ / "cv.pdf");
        const auto status = wait_until(pid, Clock::now() + std::chrono::seconds(60));
        ASSERT_TRUE(status.has_value());
        EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 7) << *status;
        const std::string err = test::slurp(tmp_ / "err");
        EXPECT_NE(err.find(message), std::string::npos) << err;
        EXPECT_NE(err.find("hint: full log: " + (tmp_ / "t/cvtex-")), std::string::npos) << err;
        fs::remove(tmp_ / "err");
    }
}

// The build directory the engine works in, once TeX has opened its log there: by then TeX has
// installed its own SIGINT handler.
std::optional<fs::path> wait_for_log(const fs::path& tmpdir) {
    for (int i = 0; i < 3000; ++i) {
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(tmpdir, ec))
            if (fs::exists(e.path() / "cv.log")) return e.path();
        std::this_thread::sleep_for(milliseconds(10));
    }
    return std::nullopt;
}

// Issue 14, item 10 says that an inherited "ignore SIGINT" was overridden. With the real
// pdflatex it is not: TeX installs its SIGINT handler but puts an inherited SIG_IGN back, so
// a SIGINT that reaches TeX itself is ignored and the looping document runs on to the
// timeout (exit 5). Kept as a guard of that.
TEST_F(ProcessE2E, AnIgnoredSigintStaysIgnoredByTex) {
    ASSERT_FALSE(real_pdflatex_.empty());
    test::write(tmp_ / "cv.toml",
                "[person]\nname = \"Ada\"\n[[section]]\nkind = \"raw-latex\"\n"
                "raw_latex = '\\def\\x{\\x}\\x'\n");
    stand_in("exec \"$REAL_PDFLATEX\" \"$@\"\n");
    const pid_t pid = start(tmp_ / "cv.pdf", "6", true);
    ASSERT_TRUE(wait_for_log(tmp_ / "t")) << "TeX never started";
    ASSERT_EQ(engines().size(), 1u);
    kill(engines()[0], SIGINT);
    const auto status = wait_until(pid, Clock::now() + std::chrono::seconds(60));
    ASSERT_TRUE(status.has_value());
    EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 5) << *status << "\n"
                                                                 << test::slurp(tmp_ / "err");
}

// Issue 14, item 10: a SIGINT sent to TeX alone (not to cvtex) is not a TeX error.
TEST_F(ProcessE2E, ASigintSentToTexAloneIsNotATexError) {
    ASSERT_FALSE(real_pdflatex_.empty());
    test::write(tmp_ / "cv.toml",
                "[person]\nname = \"Ada\"\n[[section]]\nkind = \"raw-latex\"\n"
                "raw_latex = '\\def\\x{\\x}\\x'\n");
    stand_in("exec \"$REAL_PDFLATEX\" \"$@\"\n");
    const pid_t pid = start(tmp_ / "cv.pdf", "60");
    ASSERT_TRUE(wait_for_log(tmp_ / "t")) << "TeX never started";
    ASSERT_EQ(engines().size(), 1u);
    kill(engines()[0], SIGINT);
    const auto status = wait_until(pid, Clock::now() + std::chrono::seconds(60));
    ASSERT_TRUE(status.has_value());
    EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 7) << *status;
    const std::string err = test::slurp(tmp_ / "err");
    EXPECT_NE(err.find("error: pdflatex was interrupted (SIGINT) from outside cvtex"),
              std::string::npos)
        << err;
    EXPECT_EQ(err.find("LaTeX"), std::string::npos) << err;
}

}  // namespace
}  // namespace cvtex
