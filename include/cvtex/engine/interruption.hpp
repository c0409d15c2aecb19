// The signals that stop a build (SIGINT, SIGTERM, SIGHUP), turned into a file descriptor that
// a running engine waits on together with its child.
#pragma once

#include <signal.h>

namespace cvtex {

/// Blocks SIGINT, SIGTERM and SIGHUP and watches them through a signalfd, so a signal can
/// never fall between starting the engine and waiting for it. Create one before any thread
/// exists (the mask is inherited by threads created later) and hand it to
/// make_process_engine(): an engine then stops its child, removes its build directory and
/// reports EngineStatus::interrupted when one of them arrives. Nothing reads the signal, so
/// every engine running in parallel sees it, and it stays pending for the owner to act on
/// (the CLI dies of it). A signal that was ignored when this was made (nohup, or a job started
/// with & by a script) stays ignored: it is neither blocked nor watched.
class Interruption {
  public:
    Interruption();
    /// Restores the signal mask: a watched signal still pending is delivered then.
    ~Interruption();
    Interruption(const Interruption&) = delete;
    Interruption& operator=(const Interruption&) = delete;

    /// Readable while a watched signal is pending; -1 when nothing is watched.
    int fd() const { return fd_; }
    /// The watched signal that is pending, 0 if none. It stays pending.
    int pending() const;

  private:
    sigset_t watched_{};
    sigset_t old_mask_{};
    int fd_ = -1;
};

}  // namespace cvtex
