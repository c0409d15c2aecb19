// cvtex watch, as a process: rebuilds on a write and on a rename, shows a broken save's
// diagnostic and recovers, and dies of Ctrl-C leaving nothing behind. --emit tex keeps it fast:
// what is watched does not depend on TeX. Waits (with a generous limit) for lines, never for
// a time.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "../support/run.hpp"

namespace cvtex {
namespace {

namespace fs = std::filesystem;

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

// A `cvtex watch` in the background, its standard error in a file.
class Watch {
  public:
    Watch(const test::TempDir& dir, const std::vector<std::string>& args)
        : log_(dir / "watch.log") {
        std::vector<std::string> argv{CVTEX_BINARY};
        argv.insert(argv.end(), args.begin(), args.end());
        pid_ = test::start(argv, {"XDG_CACHE_HOME=" + (dir / "cache"), "NO_COLOR=1"}, "/dev/null",
                           log_);
    }
    ~Watch() {
        if (pid_ > 0) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
    }
    std::string log() const { return test::slurp(log_); }
    /// Waits until the log holds `what` `n` times; false after a minute.
    bool wait_for(const std::string& what, std::size_t n) const {
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (count(log(), what) < n) {
            if (std::chrono::steady_clock::now() > until) return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return true;
    }
    /// Sends `sig` and returns how the process ended (a wait status).
    int stop(int sig) {
        kill(pid_, sig);
        int status = 0;
        waitpid(pid_, &status, 0);
        pid_ = -1;
        return status;
    }
    bool started() const { return pid_ > 0; }

  private:
    std::string log_;
    pid_t pid_ = -1;
};

std::string cv(const std::string& name) {
    return "[person]\nname = \"" + name +
           "\"\n\n[[section]]\ntitle = \"Papers\"\nkind = \"publications\"\nbib = [\"refs.bib\"]\n";
}
std::string bib(const std::string& title) {
    return "@misc{a, title = {" + title + "}, author = {Ada Lovelace}, year = 1843}\n";
}

TEST(Watch, RebuildsOnWritesAndRenamesAndRecoversFromABrokenSave) {
    test::TempDir dir;
    test::write(dir / "cv.toml", cv("Ada Lovelace"));
    test::write(dir / "refs.bib", bib("First Notes"));
    Watch w(dir, {"watch", dir / "cv.toml", "--emit", "tex"});
    ASSERT_TRUE(w.started());
    ASSERT_TRUE(w.wait_for(" wrote " + (dir / "cv.tex"), 1)) << w.log();

    // A .bib written in place (what most editors do).
    test::write(dir / "refs.bib", bib("Second Notes"));
    ASSERT_TRUE(w.wait_for(" wrote ", 2)) << w.log();
    EXPECT_NE(test::slurp(dir / "cv.tex").find("Second Notes"), std::string::npos);

    // The TOML replaced through a rename (vim, VS Code's atomic save).
    test::write(dir / "cv.toml.new", cv("Augusta Ada King"));
    fs::rename(dir / "cv.toml.new", dir / "cv.toml");
    ASSERT_TRUE(w.wait_for(" wrote ", 3)) << w.log();
    EXPECT_NE(test::slurp(dir / "cv.tex").find("Augusta Ada King"), std::string::npos);

    // A broken save: the diagnostic, and the watch goes on.
    test::write(dir / "cv.toml", cv("Ada") + "broken = [\n");
    ASSERT_TRUE(w.wait_for(" build failed ", 1)) << w.log();
    EXPECT_NE(w.log().find(dir / "cv.toml:8:12: error: TOML syntax error"), std::string::npos)
        << w.log();

    // Fixed: built again.
    test::write(dir / "cv.toml", cv("Ada Byron"));
    ASSERT_TRUE(w.wait_for(" wrote ", 4)) << w.log();
    EXPECT_NE(test::slurp(dir / "cv.tex").find("Ada Byron"), std::string::npos);

    // Ctrl-C: it dies of the signal, as a build does, and leaves nothing behind.
    const int status = w.stop(SIGINT);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT) << status;
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir.path())) names.push_back(e.path().filename());
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names,
              (std::vector<std::string>{"cache", "cv.tex", "cv.toml", "refs.bib", "watch.log"}));
    // One line per round: four builds and one failure.
    EXPECT_EQ(count(w.log(), " wrote "), 4u) << w.log();
    EXPECT_EQ(count(w.log(), " build failed "), 1u) << w.log();
}

TEST(Watch, ABurstOfWritesMakesOneBuild) {
    test::TempDir dir;
    test::write(dir / "cv.toml", cv("Ada Lovelace"));
    test::write(dir / "refs.bib", bib("First"));
    Watch w(dir, {"watch", dir / "cv.toml", "--emit", "tex"});
    ASSERT_TRUE(w.wait_for(" wrote ", 1)) << w.log();
    for (int i = 0; i < 20; ++i) test::write(dir / "refs.bib", bib("Burst " + std::to_string(i)));
    // The build that saw the last write is the last one: count the builds then. Without the
    // wait for quiet there would be one per write the watcher saw (a handful, or twenty).
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (test::slurp(dir / "cv.tex").find("Burst 19") == std::string::npos &&
           std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_TRUE(w.wait_for(" wrote ", 2)) << w.log();
    EXPECT_NE(test::slurp(dir / "cv.tex").find("Burst 19"), std::string::npos);
    EXPECT_LE(count(w.log(), " wrote "), 3u) << w.log();
    EXPECT_TRUE(WIFSIGNALED(w.stop(SIGTERM)));
}

TEST(Watch, BuildWatchIsTheSame) {
    test::TempDir dir;
    test::write(dir / "cv.toml", cv("Ada Lovelace"));
    test::write(dir / "refs.bib", bib("First"));
    Watch w(dir, {"build", dir / "cv.toml", "--emit", "tex", "--watch", "-q"});
    ASSERT_TRUE(w.started());
    // -q: no line for a good round, so wait for the output itself.
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!fs::exists(dir / "cv.tex") && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    test::write(dir / "cv.toml", "[person]\n");
    ASSERT_TRUE(w.wait_for(" build failed ", 1)) << w.log();
    EXPECT_TRUE(WIFSIGNALED(w.stop(SIGINT)));
    EXPECT_EQ(count(w.log(), " wrote "), 0u) << w.log();
}

}  // namespace
}  // namespace cvtex

namespace cvtex {
namespace {

// `cvtex packet --watch`: the example packet, a letter edited, only that letter typeset again.
TEST(Watch, APacketRebuildsWhatAnEditedLetterChanged) {
    test::TempDir dir;
    fs::copy(fs::path(CVTEX_EXAMPLES_DIR) / "packet", dir.path() / "packet",
             fs::copy_options::recursive);
    fs::remove_all(dir.path() / "packet" / "applications");
    fs::copy_file(fs::path(CVTEX_EXAMPLES_DIR) / "cheng-li.bib", dir.path() / "cheng-li.bib");
    Watch w(dir, {"packet", dir / "packet/packet.toml", "--watch", "-j", "2"});
    ASSERT_TRUE(w.started());
    ASSERT_TRUE(w.wait_for(" 10 PDFs, 10 written; 7 typeset, 0 from the cache (", 1)) << w.log();
    const std::string letter = dir / "packet/letters/mit.md";
    test::write(letter, test::slurp(letter) + "\nA sentence added while watching.\n");
    ASSERT_TRUE(w.wait_for(" 10 PDFs, 2 written; 1 typeset, 6 from the cache (", 1)) << w.log();
    const int status = w.stop(SIGINT);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT) << status;
}

}  // namespace
}  // namespace cvtex
