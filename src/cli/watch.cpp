// Watch mode: inotify on the inputs' directories and the signalfd of an Interruption, polled
// together, so a Ctrl-C is never lost between two rounds.
#include "cvtex/cli/watch.hpp"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <filesystem>

namespace cvtex {

namespace fs = std::filesystem;

namespace {

constexpr std::uint32_t directory_events =
    IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE;

enum class Wake { change, signal, timeout };

// Waits for the watcher or a signal, up to `timeout` (negative: forever).
Wake wait_for(FileWatcher& watcher, const Interruption& interruption, int timeout_ms) {
    for (;;) {
        pollfd fds[2] = {{interruption.fd(), POLLIN, 0}, {watcher.fd(), POLLIN, 0}};
        const int n = poll(fds, 2, timeout_ms);
        if (n < 0 && errno == EINTR) continue;
        if (interruption.pending() != 0) return Wake::signal;
        if (n <= 0) return Wake::timeout;
        if (fds[1].revents && watcher.changed()) return Wake::change;
        // Events about other files of the same directories (our own outputs among them).
    }
}

}  // namespace

FileWatcher::FileWatcher() : fd_(inotify_init1(IN_CLOEXEC | IN_NONBLOCK)) {}

FileWatcher::~FileWatcher() {
    if (fd_ >= 0) close(fd_);
}

bool FileWatcher::watch(const std::vector<std::string>& files) {
    if (fd_ < 0) return false;
    std::map<int, std::string> directories;
    std::set<std::pair<int, std::string>> names;
    bool ok = true;
    for (const auto& file : files) {
        const fs::path path(file);
        const std::string dir = path.has_parent_path() ? path.parent_path().string() : ".";
        const int wd = inotify_add_watch(fd_, dir.c_str(), directory_events | IN_ONLYDIR);
        if (wd < 0) {
            ok = false;
            continue;
        }
        directories[wd] = dir;
        names.emplace(wd, path.filename().string());
    }
    for (const auto& [wd, dir] : directories_)
        if (!directories.count(wd)) inotify_rm_watch(fd_, wd);
    directories_ = std::move(directories);
    files_ = std::move(names);
    return ok;
}

bool FileWatcher::changed() {
    bool relevant = false;
    alignas(inotify_event) char buffer[16384];
    for (;;) {
        const ssize_t n = read(fd_, buffer, sizeof buffer);
        if (n <= 0) break;
        for (ssize_t at = 0; at < n;) {
            const auto* e = reinterpret_cast<const inotify_event*>(buffer + at);
            at += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
            // Lost events; a watched directory that went away (not one we stopped watching).
            if ((e->mask & IN_Q_OVERFLOW) ||
                ((e->mask & IN_IGNORED) && directories_.count(e->wd))) {
                relevant = true;
                settled_ = false;
            }
            if (e->len && files_.count({e->wd, std::string(e->name)})) {
                relevant = true;
                settled_ = (e->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) != 0;
            }
        }
    }
    return relevant;
}

ExitCode run_watch(const std::string& document, const WatchBuild& build,
                   const Interruption& interruption,
                   const std::function<void(const WatchRound&)>& on_round,
                   std::chrono::milliseconds quiet, std::chrono::milliseconds settle) {
    FileWatcher watcher;
    // Watched before each build, so a save while it runs starts the next one.
    watcher.watch({document});
    for (;;) {
        ExitCode code;
        std::vector<std::string> inputs{document};
        {
            DiskFiles files;
            Sources sources(files);
            DiagnosticSink sink;
            BuildReport report;
            const auto start = std::chrono::steady_clock::now();
            code = build(sources, sink, report);
            if (interruption.pending() != 0) return code;
            inputs.insert(inputs.end(), report.inputs.begin(), report.inputs.end());
            if (!watcher.watch(inputs) && watcher.fd() < 0) {
                sink.error("watch-failed", "", {}, "cannot watch files (inotify)");
                code = ExitCode::output_failed;
            }
            on_round({code, report, sink, sources, std::chrono::steady_clock::now() - start});
            if (watcher.fd() < 0) return code;
        }
        // A change, then quiet: editors write, rename and touch in bursts. A file saved and
        // closed needs only a moment's quiet (a burst of saves comes at once); one deleted or
        // moved away may be on its way back.
        if (wait_for(watcher, interruption, -1) == Wake::signal) return code;
        for (;;) {
            const auto wait = watcher.settled() ? settle : quiet;
            const Wake w = wait_for(watcher, interruption, static_cast<int>(wait.count()));
            if (w == Wake::signal) return code;
            if (w == Wake::timeout) break;
        }
    }
}

}  // namespace cvtex
