// Watch mode: build, then build again whenever a file the build read changes, until a signal.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "cvtex/base/diagnostics.hpp"
#include "cvtex/base/source.hpp"
#include "cvtex/cli/commands.hpp"
#include "cvtex/engine/interruption.hpp"

namespace cvtex {

/// Notices changes to a set of files through inotify on their directories, so that a file an
/// editor replaces (write a new file, rename it over the old one) is still followed, and a
/// file that is deleted and written again is seen when it comes back.
class FileWatcher {
  public:
    FileWatcher();
    ~FileWatcher();
    FileWatcher(const FileWatcher&) = delete;
    FileWatcher& operator=(const FileWatcher&) = delete;

    /// The inotify descriptor, readable when something happened; -1 when inotify failed.
    int fd() const { return fd_; }
    /// Follows exactly `files` from now on. False when a directory cannot be watched.
    bool watch(const std::vector<std::string>& files);
    /// Reads what is pending without waiting; true when a followed file was written,
    /// created, renamed or deleted (or events were lost).
    bool changed();
    /// Whether the last change changed() read left its file complete: closed after writing,
    /// or renamed into place (not deleted, moved away or just created).
    bool settled() const { return settled_; }

  private:
    bool settled_ = false;
    int fd_ = -1;
    std::map<int, std::string> directories_;       // watch descriptor -> directory
    std::set<std::pair<int, std::string>> files_;  // (watch descriptor, file name)
};

/// One round of watch mode, for the CLI to print.
struct WatchRound {
    ExitCode code = ExitCode::ok;
    const BuildReport& report;
    DiagnosticSink& sink;
    const Sources& sources;
    std::chrono::duration<double> elapsed;
};

/// One build of watch mode, into fresh `sources` and `sink`; fills in `report`, whose inputs
/// are what the next round waits for. run_build() for `cvtex watch`; a packet passes its own.
using WatchBuild = std::function<ExitCode(Sources&, DiagnosticSink&, BuildReport&)>;

/// `cvtex watch` (`build --watch`): runs `build`, calls `on_round`, then waits for a change
/// to any input of the last round (and to `document`, which the build may have failed to
/// read) or for a signal of `interruption`. A change that leaves its file complete (saved and
/// closed, or renamed into place) starts the next round once `settle` has passed without
/// another change; any other change (a file deleted, moved away, created empty) once `quiet`
/// has, so an editor's burst of writes makes one build. Each round
/// has its own sources and diagnostics, and its document is freed before the next. Returns
/// when a signal is pending (it stays pending, for the caller to act on) or when the files
/// cannot be watched (ExitCode::output_failed after a diagnostic in the last round's sink).
ExitCode run_watch(const std::string& document, const WatchBuild& build,
                   const Interruption& interruption,
                   const std::function<void(const WatchRound&)>& on_round,
                   std::chrono::milliseconds quiet = std::chrono::milliseconds(100),
                   std::chrono::milliseconds settle = std::chrono::milliseconds(2));

}  // namespace cvtex
