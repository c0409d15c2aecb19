// Running the engine once: a hardened environment, its own process group, a deadline, and
// the signals that stop it. Internal to the engine.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

#include "cvtex/engine/engine.hpp"
#include "cvtex/engine/interruption.hpp"

namespace cvtex {

using Clock = std::chrono::steady_clock;

/// Now plus `timeout`, with the timeout taken as at least 0 and at most a year, so that any
/// value (a library caller's too) gives a deadline without overflow.
Clock::time_point deadline_after(std::chrono::milliseconds timeout);

/// The milliseconds left until `deadline` (0 when it passed), for poll().
int ms_until(Clock::time_point deadline);

/// A private directory (mkdtemp under $TMPDIR, else /tmp) that removes itself.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    /// Leaves the directory in place, e.g. so that the log of a failed run can be read.
    void keep() { kept_ = true; }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; }
    /// Where it was made (or was to be made): $TMPDIR, else /tmp.
    const std::string& parent() const { return parent_; }
    /// Why it could not be made (errno), when path() is empty.
    int error() const { return error_; }

  private:
    std::string path_;
    std::string parent_;
    int error_ = 0;
    bool kept_ = false;
};

/// How one run of the engine ended.
struct RunResult {
    enum class Outcome { exited, timed_out, interrupted, spawn_failed };
    Outcome outcome = Outcome::spawn_failed;
    int exit_status = 0;  ///< exited: its status, or 128 + the signal that ended it
    int term_signal = 0;  ///< exited: the signal that ended it, if one did
    int signal = 0;       ///< interrupted: the signal that came
};

/// Runs the engine once with the hardened options and `extra` arguments (the last of which
/// names the input), in `dir`, its output in dir/engine.out. The engine runs in a process
/// group of its own, which is killed at `deadline` or when `interruption` (if any) sees a
/// signal; it is not started at all when a signal is already pending. The engine is killed
/// too when the thread that called this dies (PR_SET_PDEATHSIG): it never outlives cvtex. It
/// gets a CPU time limit of the time left until `deadline`, which also bounds whatever it
/// starts.
RunResult run_engine(const std::string& binary, const EngineJob& job, const std::string& dir,
                     const std::vector<std::string>& extra, Clock::time_point deadline,
                     const Interruption* interruption);

/// run_engine() in two steps, for an engine started before its document is ready (a
/// pre-started engine): starts it as run_engine() does, with a CPU time limit of the time left
/// until `deadline`, and returns its pid, or -1 when it could not be started. The death signal
/// comes when the calling *thread* ends, so the caller must outlive the engine.
pid_t spawn_engine(const std::string& binary, const EngineJob& job, const std::string& dir,
                   const std::vector<std::string>& extra, Clock::time_point deadline);

/// Waits for an engine that spawn_engine() started (or any child that leads a process group
/// of its own: pdftoppm for --emit png), as run_engine() does, and reaps it; at `deadline` its
/// group is killed.
RunResult wait_engine(pid_t pid, Clock::time_point deadline, const Interruption* interruption);

/// Kills an engine's process group and reaps the engine.
void kill_engine(pid_t pid);

/// Whether an engine has ended (it is not reaped).
bool engine_has_exited(pid_t pid);

}  // namespace cvtex
