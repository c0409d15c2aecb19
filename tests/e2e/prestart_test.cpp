// Pre-started engines (issue 19), with the real pdflatex: a waiting engine gives the bytes of
// a normal build, its timeout starts when it gets the document, a dead one is replaced by a
// normal build, and no engine outlives cvtex. Waits (with generous limits) for engines, never
// for a time, except where the test is about time.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <thread>

#include "../support/run.hpp"
#include "cvtex/engine/engine.hpp"
#include "cvtex/model/model.hpp"

namespace cvtex {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// Whether a process has ended: gone, or a zombie nobody reaped yet.
bool ended(int pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    if (!std::getline(stat, text)) return true;
    const auto paren = text.rfind(')');
    return paren == std::string::npos || text.substr(paren + 2, 1) == "Z";
}

bool wait_until(const std::function<bool()>& what, std::chrono::seconds limit = 30s) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (!what()) {
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(5ms);
    }
    return true;
}

// Whether the engine `pid` is blocked in read() on cv.tex, the pipe in its directory: it has
// loaded its format and read all there is (/proc/PID/syscall names the call and its fd).
bool blocked_reading_pipe(int pid) {
    const std::string proc = "/proc/" + std::to_string(pid);
    std::ifstream syscall(proc + "/syscall");
    std::string number, fd;
    if (!(syscall >> number >> fd) || number != "0") return false;
    std::error_code ec;
    const fs::path file =
        fs::read_symlink(proc + "/fd/" + std::to_string(std::stoul(fd, nullptr, 16)), ec);
    return !ec && file == fs::read_symlink(proc + "/cwd", ec) / "cv.tex";
}

// The pdflatex processes whose parent is `parent`.
std::vector<int> engines_of(int parent) {
    std::vector<int> out;
    for (const auto& e : fs::directory_iterator("/proc")) {
        const std::string name = e.path().filename();
        if (name.find_first_not_of("0123456789") != std::string::npos) continue;
        std::ifstream stat(e.path() / "stat");
        std::string text;
        if (!std::getline(stat, text) || text.find("(pdflatex)") == std::string::npos) continue;
        const auto paren = text.rfind(')');
        std::istringstream rest(text.substr(paren + 2));
        std::string state;
        int ppid = 0;
        rest >> state >> ppid;
        if (ppid == parent && state != "Z") out.push_back(std::stoi(name));
    }
    return out;
}

class Prestart : public ::testing::Test {
  protected:
    void SetUp() override {
        if (find_in_path("pdflatex").empty()) GTEST_SKIP() << "pdflatex is not installed";
        const auto r = test::run({CVTEX_BINARY, "build", CVTEX_EXAMPLES_DIR "/cheng-li.toml",
                                  "--emit", "tex", "--tex", tmp_ / "cv.tex"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        job_.tex = test::slurp(tmp_ / "cv.tex");
        job_.class_dir = CVTEX_CLASS_DIR;
        job_.use_format = true;
        job_.format_cache_dir = tmp_ / "formats";
        job_.source_date_epoch = "1767225600";
        // A normal build, which dumps the format in the background; and its bytes.
        auto plain = make_process_engine({nullptr, CVTEX_BINARY});
        const EngineResult first = plain->run(job_);
        ASSERT_EQ(first.status, EngineStatus::ok) << first.detail;
        ASSERT_TRUE(test::wait_for_formats(job_.format_cache_dir)) << "no format was dumped";
        expected_ = first.pdf;
    }

    // An engine of watch mode (one engine kept ready) or of a packet (engines on expect()).
    static std::unique_ptr<Engine> engine(bool keep_ready) {
        return make_process_engine({nullptr, CVTEX_BINARY, true, keep_ready});
    }
    static int waiting_engine(const Engine& e) {
        std::vector<int> pids;
        EXPECT_TRUE(wait_until([&] { return !(pids = prestarted_engines(e)).empty(); }))
            << "no engine was started";
        return pids.empty() ? -1 : pids.front();
    }
    // The document with `body` run first thing after \begin{document}.
    EngineJob with_body(const std::string& body) const {
        EngineJob job = job_;
        const auto at = job.tex.find("\\begin{document}\n") + 17;
        job.tex.insert(at, body + "\n");
        return job;
    }

    test::TempDir tmp_;
    EngineJob job_;
    std::string expected_;
};

TEST_F(Prestart, AWaitingEngineGivesTheBytesOfANormalBuild) {
    auto e = engine(true);
    const EngineResult normal = e->run(job_);
    ASSERT_EQ(normal.status, EngineStatus::ok) << normal.detail;
    EXPECT_FALSE(normal.prestarted) << "nothing was waiting before the first build";
    waiting_engine(*e);
    const EngineResult again = e->run(job_);
    ASSERT_EQ(again.status, EngineStatus::ok) << again.detail;
    EXPECT_TRUE(again.prestarted);
    EXPECT_EQ(again.passes, 1);
    EXPECT_EQ(again.pages, normal.pages);
    EXPECT_TRUE(again.pdf == expected_) << "the pre-started engine's PDF differs";
    EXPECT_TRUE(normal.pdf == expected_);
}

// A waiting engine has run the preamble and \begin{document} (which writes cv.aux) before
// the rest arrives; a save that changes the header or the body keeps the design, and is
// served by it with the bytes of a normal build.
TEST_F(Prestart, AWaitingEngineRunsThePreambleBeforeTheRestArrives) {
    auto e = engine(true);
    ASSERT_EQ(e->run(job_).status, EngineStatus::ok);
    const int pid = waiting_engine(*e);
    const fs::path aux = "/proc/" + std::to_string(pid) + "/cwd/cv.aux";
    EXPECT_TRUE(wait_until([&] { return fs::exists(aux); })) << "\\begin{document} was not run";
    EngineJob renamed = job_;
    renamed.tex.replace(renamed.tex.find("\\cvname{Cheng Li}"), 17, "\\cvname{Cheng Li Jr.}");
    const EngineResult normal = make_process_engine({nullptr, CVTEX_BINARY})->run(renamed);
    ASSERT_EQ(normal.status, EngineStatus::ok) << normal.detail;
    const EngineResult r = e->run(renamed);
    ASSERT_EQ(r.status, EngineStatus::ok) << r.detail;
    EXPECT_TRUE(r.prestarted);
    EXPECT_TRUE(r.pdf == normal.pdf) << "the PDF differs from a normal build's";
    EXPECT_FALSE(r.pdf == expected_);
}

// After a save that changes the design (the preamble), the waiting engine cannot serve the
// build: it is a normal build, and the next engine runs the new preamble.
TEST_F(Prestart, AWaitingEngineWithAnotherPreambleIsNotUsed) {
    auto e = engine(true);
    ASSERT_EQ(e->run(job_).status, EngineStatus::ok);
    const int old = waiting_engine(*e);
    EngineJob accent = job_;
    const std::string dump = "\\csname endofdump\\endcsname\n";
    accent.tex.insert(accent.tex.find(dump) + dump.size(), "\\cvsetaccent{aa0000}\n");
    const EngineResult normal = make_process_engine({nullptr, CVTEX_BINARY})->run(accent);
    ASSERT_EQ(normal.status, EngineStatus::ok) << normal.detail;
    const EngineResult r = e->run(accent);
    ASSERT_EQ(r.status, EngineStatus::ok) << r.detail;
    EXPECT_FALSE(r.prestarted);
    EXPECT_TRUE(r.pdf == normal.pdf);
    EXPECT_TRUE(wait_until([&] { return ended(old); })) << "the old engine was kept";
    waiting_engine(*e);
    const EngineResult again = e->run(accent);
    ASSERT_EQ(again.status, EngineStatus::ok) << again.detail;
    EXPECT_TRUE(again.prestarted);
    EXPECT_TRUE(again.pdf == normal.pdf);
}

// Watch mode's engine kept for one design does not take the place of the engines a packet
// asked for, for documents of another design (the same format).
TEST_F(Prestart, TheEngineKeptForOneDesignLeavesThoseAskedForOthers) {
    EngineJob accent = job_;
    const std::string dump = "\\csname endofdump\\endcsname\n";
    accent.tex.insert(accent.tex.find(dump) + dump.size(), "\\cvsetaccent{aa0000}\n");
    const EngineResult normal = make_process_engine({nullptr, CVTEX_BINARY})->run(accent);
    ASSERT_EQ(normal.status, EngineStatus::ok) << normal.detail;
    auto e = engine(true);
    e->expect(accent);
    waiting_engine(*e);
    const EngineResult first = e->run(job_);  // none waits for its design
    ASSERT_EQ(first.status, EngineStatus::ok) << first.detail;
    EXPECT_FALSE(first.prestarted);
    // The engine kept for job_'s design joins the one asked for.
    ASSERT_TRUE(wait_until([&] { return prestarted_engines(*e).size() == 2; }));
    const EngineResult r = e->run(accent);
    ASSERT_EQ(r.status, EngineStatus::ok) << r.detail;
    EXPECT_TRUE(r.prestarted) << "the engine asked for was let go";
    EXPECT_TRUE(r.pdf == normal.pdf);
}

// A theme of the user's can run code at \begin{document} that reads cv.tex, which is the
// pipe until the handover (pdfTeX hashes a pipe as an empty file): with such a theme the
// engine waits for the whole document. The theme here prints the hash on the last page.
TEST_F(Prestart, AUsersThemeRunsItsBeginDocumentCodeOnTheWholeDocument) {
    const auto r = test::run({CVTEX_BINARY, "build", CVTEX_EXAMPLES_DIR "/custom-theme/cv.toml",
                              "--emit", "tex", "--tex", tmp_ / "theme.tex"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EngineJob job = job_;
    job.tex = test::slurp(tmp_ / "theme.tex");
    // The theme's own code, before its \endinput.
    std::string theme = test::slurp(CVTEX_EXAMPLES_DIR "/custom-theme/mytheme.sty");
    const auto end = theme.rfind("\\endinput");
    ASSERT_NE(end, std::string::npos);
    theme.insert(end,
                 "\\AtBeginDocument{\\xdef\\mythemehash{\\pdf@filemdfivesum{\\jobname.tex}}}"
                 "\\AtEndDocument{\\par\\mythemehash}\n");
    job.files = {{custom_theme_file, theme}};
    const EngineResult normal = make_process_engine({nullptr, CVTEX_BINARY})->run(job);
    ASSERT_EQ(normal.status, EngineStatus::ok) << normal.detail;
    ASSERT_TRUE(test::wait_for_formats(job_.format_cache_dir, 2)) << "no format was dumped";
    auto e = engine(false);
    e->expect(job);
    const int pid = waiting_engine(*e);
    // Once it waits: had it run the preamble, the theme's code would be reading the pipe.
    ASSERT_TRUE(wait_until([&] { return blocked_reading_pipe(pid); }));
    const EngineResult built = e->run(job);
    ASSERT_EQ(built.status, EngineStatus::ok) << built.detail;
    EXPECT_TRUE(built.prestarted);
    EXPECT_TRUE(built.pdf == normal.pdf);
}

TEST_F(Prestart, ADocumentThatAsksForAnotherPassGetsItFromTheRegularFile) {
    // A \pageref is resolved in the second pass, which reads cv.tex as a file.
    const EngineJob job = with_body("\\label{top}See page \\pageref{top}.");
    const EngineResult normal = make_process_engine({nullptr, CVTEX_BINARY})->run(job);
    ASSERT_EQ(normal.status, EngineStatus::ok) << normal.detail;
    ASSERT_EQ(normal.passes, 2);
    auto e = engine(false);
    e->expect(job);
    waiting_engine(*e);
    const EngineResult r = e->run(job);
    ASSERT_EQ(r.status, EngineStatus::ok) << r.detail;
    EXPECT_TRUE(r.prestarted);
    EXPECT_EQ(r.passes, 2);
    EXPECT_TRUE(r.pdf == normal.pdf);
}

TEST_F(Prestart, TheTimeoutStartsWhenTheDocumentIsHandedOver) {
    EngineJob job = job_;
    job.timeout = 2s;
    auto e = engine(false);
    e->expect(job);
    waiting_engine(*e);
    std::this_thread::sleep_for(2500ms);  // longer than the timeout, before the document
    const EngineResult r = e->run(job);
    EXPECT_EQ(r.status, EngineStatus::ok) << r.detail;
    EXPECT_TRUE(r.prestarted);

    EngineJob loop = with_body("\\def\\cvloop{\\cvloop}\\cvloop");
    loop.timeout = 2s;
    e->expect(loop);
    waiting_engine(*e);
    const auto start = std::chrono::steady_clock::now();
    const EngineResult stopped = e->run(loop);
    EXPECT_EQ(stopped.status, EngineStatus::timeout) << stopped.detail;
    EXPECT_TRUE(stopped.prestarted);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 20s);
}

TEST_F(Prestart, AnEngineThatDiedBeforeItsDocumentIsReplacedByANormalBuild) {
    auto e = engine(false);
    e->expect(job_);
    const int pid = waiting_engine(*e);
    ASSERT_EQ(kill(pid, SIGKILL), 0);
    ASSERT_TRUE(wait_until([&] { return ended(pid); }));
    const EngineResult r = e->run(job_);
    ASSERT_EQ(r.status, EngineStatus::ok) << r.detail;
    EXPECT_FALSE(r.prestarted);
    EXPECT_TRUE(r.pdf == expected_);
}

TEST_F(Prestart, AnEngineKilledWhileItTypesetsIsReplacedByANormalBuild) {
    // About a second of TeX arithmetic, then the document.
    const EngineJob job =
        with_body("\\count255=0 \\loop\\advance\\count255 by 1 \\ifnum\\count255<2000000 \\repeat");
    const EngineResult normal = make_process_engine({nullptr, CVTEX_BINARY})->run(job);
    ASSERT_EQ(normal.status, EngineStatus::ok) << normal.detail;
    auto e = engine(false);
    e->expect(job);
    const int pid = waiting_engine(*e);
    std::thread killer([&] {
        // Once the build took it: it is typesetting.
        wait_until([&] { return prestarted_engines(*e).empty(); });
        std::this_thread::sleep_for(100ms);
        kill(pid, SIGKILL);
    });
    const EngineResult r = e->run(job);
    killer.join();
    ASSERT_EQ(r.status, EngineStatus::ok) << r.detail;
    EXPECT_FALSE(r.prestarted) << "the result is the normal build's";
    EXPECT_TRUE(r.pdf == normal.pdf);
}

TEST_F(Prestart, AFormatThatWillNotLoadIsReplacedByANormalBuild) {
    // A damaged cache entry (its manifest still holds): the waiting engine dies loading it.
    for (const auto& f : fs::directory_iterator(job_.format_cache_dir))
        if (f.path().extension() == ".fmt") {
            const auto size = fs::file_size(f.path());
            std::ofstream(f.path(), std::ios::binary | std::ios::in) << "damaged";
            fs::resize_file(f.path(), size);
        }
    auto e = engine(false);
    e->expect(job_);
    const int pid = waiting_engine(*e);
    ASSERT_TRUE(wait_until([&] { return ended(pid); })) << "it loaded a damaged format";
    const EngineResult r = e->run(job_);
    ASSERT_EQ(r.status, EngineStatus::ok) << r.detail;
    EXPECT_FALSE(r.prestarted);
    EXPECT_TRUE(r.pdf == expected_);
}

TEST_F(Prestart, WaitingEnginesEndWithTheEngine) {
    auto e = engine(false);
    e->expect(job_);
    e->expect(job_);
    waiting_engine(*e);
    ASSERT_TRUE(wait_until([&] { return prestarted_engines(*e).size() == 2; }));
    const auto pids = prestarted_engines(*e);
    e.reset();
    for (const int pid : pids) EXPECT_TRUE(ended(pid)) << pid;
    for (const int pid : pids) EXPECT_NE(kill(pid, 0), 0) << "not reaped: " << pid;
}

// A TeX package installed while an engine waits (here: a directory added to TEXMFHOME, which
// kpathsea searches without ls-R) may change what the format or the preamble read: the
// engine is not used, and the build is a normal one.
TEST(PrestartInstallation, AnEngineStartedBeforeATexPackageChangeIsNotUsed) {
    if (find_in_path("pdflatex").empty()) GTEST_SKIP() << "pdflatex is not installed";
    test::TempDir tmp;
    fs::create_directories(tmp / "texmf");
    setenv("TEXMFHOME", (tmp / "texmf").c_str(), 1);  // this test's process only
    const auto r = test::run({CVTEX_BINARY, "build", CVTEX_EXAMPLES_DIR "/cheng-li.toml", "--emit",
                              "tex", "--tex", tmp / "cv.tex"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EngineJob job;
    job.tex = test::slurp(tmp / "cv.tex");
    job.class_dir = CVTEX_CLASS_DIR;
    job.use_format = true;
    job.format_cache_dir = tmp / "formats";
    job.source_date_epoch = "1767225600";
    const EngineResult normal = make_process_engine({nullptr, CVTEX_BINARY})->run(job);
    ASSERT_EQ(normal.status, EngineStatus::ok) << normal.detail;
    ASSERT_TRUE(test::wait_for_formats(job.format_cache_dir));
    auto e = make_process_engine({nullptr, CVTEX_BINARY, true, false});
    e->expect(job);
    ASSERT_TRUE(wait_until([&] { return !prestarted_engines(*e).empty(); }));
    std::this_thread::sleep_for(20ms);  // the directory's time moves on
    fs::create_directories(tmp / "texmf/tex/latex/mine");
    const EngineResult built = e->run(job);
    ASSERT_EQ(built.status, EngineStatus::ok) << built.detail;
    EXPECT_FALSE(built.prestarted);
    EXPECT_TRUE(built.pdf == normal.pdf);
    e.reset();
    unsetenv("TEXMFHOME");
}

// cvtex watch keeps an engine waiting; it goes when cvtex goes, by a signal cvtex handles
// (SIGTERM: cvtex ends it) or by SIGKILL (the kernel's death signal ends it).
class PrestartWatch : public ::testing::TestWithParam<int> {};

TEST_P(PrestartWatch, TheWaitingEngineDiesWithCvtex) {
    if (find_in_path("pdflatex").empty()) GTEST_SKIP() << "pdflatex is not installed";
    test::TempDir dir;
    fs::copy_file(CVTEX_EXAMPLES_DIR "/cheng-li.toml", dir / "cv.toml");
    const pid_t watch =
        test::start({CVTEX_BINARY, "watch", dir / "cv.toml"}, {"XDG_CACHE_HOME=" + (dir / "cache")},
                    "/dev/null", dir / "watch.log");
    // The first build dumps the format; the second, after a save, keeps an engine waiting.
    ASSERT_TRUE(test::wait_for_formats(dir / "cache/cvtex/formats"))
        << test::slurp(dir / "watch.log");
    std::string text = test::slurp(dir / "cv.toml");
    text.replace(text.find("Cheng Li"), 8, "Cheng  Li");
    test::write(dir / "cv.toml", text);
    ASSERT_TRUE(wait_until([&] {
        const std::string log = test::slurp(dir / "watch.log");
        const auto first = log.find(" wrote ");
        return first != std::string::npos && log.find(" wrote ", first + 1) != std::string::npos;
    })) << test::slurp(dir / "watch.log");
    std::vector<int> engines;
    ASSERT_TRUE(wait_until([&] { return (engines = engines_of(watch)).size() == 1; }))
        << "no engine waits";
    kill(watch, GetParam());
    int status = 0;
    waitpid(watch, &status, 0);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == GetParam());
    EXPECT_TRUE(wait_until([&] { return ended(engines.front()); }, 10s))
        << "the waiting engine outlived cvtex";
}

INSTANTIATE_TEST_SUITE_P(Signals, PrestartWatch, ::testing::Values(SIGTERM, SIGKILL),
                         [](const auto& param) {
                             return param.param == SIGKILL ? "SIGKILL" : "SIGTERM";
                         });

}  // namespace
}  // namespace cvtex
