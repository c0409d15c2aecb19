// Running the engine once: a hardened environment, its own process group, a deadline, and
// the signals that stop it. Internal to the engine.
#pragma once

#include <chrono>
#include <csignal>
#include <string>
#include <vector>

#include "cvtex/engine/engine.hpp"

namespace cvtex {

using Clock = std::chrono::steady_clock;

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

  private:
    std::string path_;
    bool kept_ = false;
};

/// The signal that came while an engine ran, 0 if none.
extern volatile std::sig_atomic_t pending_signal;

extern "C" void on_terminating_signal(int sig);

/// Installs the handler for the length of an engine run; on the way out it restores the
/// previous handlers and, if a signal came, raises it again once the build directory is gone.
class SignalGuard {
  public:
    SignalGuard();
    ~SignalGuard();
    SignalGuard(const SignalGuard&) = delete;
    SignalGuard& operator=(const SignalGuard&) = delete;

  private:
    static constexpr int signals_[] = {SIGINT, SIGTERM, SIGHUP};
    struct sigaction old_[3]{};
};

enum class RunOutcome { exited, timed_out, spawn_failed };

/// Runs the engine once with the hardened options and `extra` arguments (the last of which
/// names the input), in `dir`, its output in dir/engine.out.
RunOutcome run_engine(const std::string& binary, const EngineJob& job, const std::string& dir,
                      const std::vector<std::string>& extra, Clock::time_point deadline,
                      int& exit_status);

}  // namespace cvtex
