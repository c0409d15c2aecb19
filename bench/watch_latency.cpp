// Watch mode's latency: from the moment a saved file is closed to the new PDF renamed into
// place, against the floor (pdflatex on an empty article) and a whole `cvtex build --force`,
// measured in alternation in one run. See bench/watch.sh.
//
// Usage: watch_latency CVTEX DIR ROUNDS
//   DIR holds cv.toml (the CV to edit) and empty.tex (the floor); cvtex watch writes
//   DIR/cv.pdf. Each round saves cv.toml with one value changed (two versions in
//   alternation), then runs the floor and the single build once each.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/inotify.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;

double ms(Clock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

pid_t spawn(const std::vector<std::string>& args, const std::string& dir, bool quiet) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addchdir_np(&fa, dir.c_str());
    if (quiet) {
        posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    }
    pid_t pid = -1;
    if (posix_spawnp(&pid, argv[0], &fa, nullptr, argv.data(), environ) != 0) pid = -1;
    posix_spawn_file_actions_destroy(&fa);
    return pid;
}

double run_ms(const std::vector<std::string>& args, const std::string& dir) {
    const auto t0 = Clock::now();
    const pid_t pid = spawn(args, dir, true);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "watch_latency: %s failed\n", args[0].c_str());
        std::exit(1);
    }
    return ms(Clock::now() - t0);
}

void save(const std::string& path, const std::string& text) {
    const int fd = open(path.c_str(), O_WRONLY | O_TRUNC | O_CREAT, 0644);
    if (fd < 0 || write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
        std::perror(path.c_str());
        std::exit(1);
    }
    close(fd);
}

// Waits until cv.pdf is renamed into place in the watched directory; false after 10 s.
bool wait_for_pdf(int inotify) {
    alignas(inotify_event) char buffer[8192];
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    while (Clock::now() < deadline) {
        pollfd p{inotify, POLLIN, 0};
        if (poll(&p, 1, 100) <= 0) continue;
        const ssize_t n = read(inotify, buffer, sizeof buffer);
        for (ssize_t at = 0; at < n;) {
            const auto* e = reinterpret_cast<const inotify_event*>(buffer + at);
            at += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
            if (e->len && std::strcmp(e->name, "cv.pdf") == 0) return true;
        }
    }
    return false;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: watch_latency CVTEX DIR ROUNDS\n");
        return 2;
    }
    const std::string cvtex = argv[1], dir = argv[2];
    const int rounds = std::atoi(argv[3]);
    std::ifstream in(dir + "/cv.toml");
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string a = ss.str();
    // The second version: the name with one more character.
    const auto quote = a.find("\nname = \"");
    if (quote == std::string::npos) return 2;
    const std::string b = a.substr(0, quote + 9) + 'A' + a.substr(quote + 9);

    const int inotify = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    inotify_add_watch(inotify, dir.c_str(), IN_MOVED_TO);
    unlink((dir + "/cv.pdf").c_str());  // so that the first round writes it
    const pid_t watch = spawn({cvtex, "watch", "cv.toml", "-o", "cv.pdf", "-q"}, dir, true);
    if (!wait_for_pdf(inotify)) {
        std::fprintf(stderr, "watch_latency: cvtex watch wrote no PDF\n");
        return 1;
    }
    std::vector<double> watch_ms, floor_ms, build_ms;
    for (int r = 0; r < rounds; ++r) {
        save(dir + "/cv.toml", r % 2 ? a : b);
        const auto t0 = Clock::now();
        if (!wait_for_pdf(inotify)) {
            std::fprintf(stderr, "watch_latency: no PDF after a save\n");
            return 1;
        }
        watch_ms.push_back(ms(Clock::now() - t0));
        // Watch mode starts the next engine now; it loads before anything else runs.
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
        floor_ms.push_back(
            run_ms({"pdflatex", "-interaction=batchmode", "empty.tex"}, dir + "/floor"));
        build_ms.push_back(
            run_ms({cvtex, "build", "cv.toml", "-o", "single.pdf", "-q", "--force"}, dir));
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    kill(watch, SIGTERM);
    waitpid(watch, nullptr, 0);
    const double f = median(floor_ms);
    std::printf("| measured (%d rounds, medians) | ms | ratio to the floor |\n", rounds);
    std::printf("|:---|---:|---:|\n");
    std::printf("| pdflatex, empty article (the floor) | %.1f | 1 |\n", f);
    std::printf("| cvtex watch: saved to PDF in place | %.1f | %.2f |\n", median(watch_ms),
                median(watch_ms) / f);
    std::printf("| cvtex build --force (warm format cache) | %.1f | %.2f |\n", median(build_ms),
                median(build_ms) / f);
    return 0;
}
