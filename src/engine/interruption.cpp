// Watching the signals that stop a build through a signalfd instead of a handler.
#include "cvtex/engine/interruption.hpp"

#include <sys/signalfd.h>
#include <unistd.h>

namespace cvtex {

namespace {

constexpr int terminating_signals[] = {SIGINT, SIGTERM, SIGHUP};

}  // namespace

Interruption::Interruption() {
    sigemptyset(&watched_);
    for (const int sig : terminating_signals) {
        struct sigaction current {};
        if (sigaction(sig, nullptr, &current) == 0 && current.sa_handler != SIG_IGN)
            sigaddset(&watched_, sig);
    }
    sigprocmask(SIG_BLOCK, &watched_, &old_mask_);
    fd_ = signalfd(-1, &watched_, SFD_CLOEXEC | SFD_NONBLOCK);
    if (fd_ < 0) {  // out of descriptors: leave the signals as they were
        sigprocmask(SIG_SETMASK, &old_mask_, nullptr);
        sigemptyset(&watched_);
    }
}

Interruption::~Interruption() {
    if (fd_ < 0) return;
    close(fd_);
    sigprocmask(SIG_SETMASK, &old_mask_, nullptr);
}

int Interruption::pending() const {
    sigset_t pending;
    if (fd_ < 0 || sigpending(&pending) != 0) return 0;
    for (const int sig : terminating_signals)
        if (sigismember(&watched_, sig) && sigismember(&pending, sig)) return sig;
    return 0;
}

}  // namespace cvtex
