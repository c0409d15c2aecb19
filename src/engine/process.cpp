// Running the engine once: a hardened environment, its own process group, a deadline, and
// the signals that stop it.
#include "cvtex/engine/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>

extern char** environ;

namespace cvtex {

namespace fs = std::filesystem;

TempDir::TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string templ = std::string(base && *base ? base : "/tmp") + "/cvtex-XXXXXX";
    if (mkdtemp(templ.data())) path_ = templ;
}

TempDir::~TempDir() {
    std::error_code ec;
    if (!path_.empty() && !kept_) fs::remove_all(path_, ec);
}

volatile std::sig_atomic_t pending_signal = 0;

namespace {

std::vector<std::string> engine_environment(const EngineJob& job) {
    std::vector<std::string> env;
    // Our settings replace the user's; anything that could redirect TeX is dropped, including
    // kpathsea's engine- and program-specific forms (TEXINPUTS.pdflatex, TEXINPUTS_pdflatex),
    // which it reads before the plain name.
    static constexpr std::string_view dropped[] = {
        "TEXINPUTS",      "openin_any",      "openout_any",       "shell_escape",
        "max_print_line", "TEXMFOUTPUT",     "SOURCE_DATE_EPOCH", "FORCE_SOURCE_DATE",
        "error_line",     "half_error_line", "MKTEXFMT"};
    auto is_dropped = [](std::string_view kv) {
        const std::string_view name = kv.substr(0, kv.find('='));
        return std::any_of(std::begin(dropped), std::end(dropped), [&](std::string_view d) {
            return name == d || (name.size() > d.size() && name.starts_with(d) &&
                                 (name[d.size()] == '.' || name[d.size()] == '_'));
        });
    };
    for (char** e = environ; *e; ++e) {
        const std::string_view kv(*e);
        if (is_dropped(kv)) continue;
        // The build directory first in the format search path, or a TEXFORMATS of the
        // user's own (any of its forms) would hide the cached format linked into it.
        const std::string_view name = kv.substr(0, kv.find('='));
        if (name == "TEXFORMATS" || name.starts_with("TEXFORMATS.") ||
            name.starts_with("TEXFORMATS_"))
            env.push_back(std::string(name) + "=.:" + std::string(kv.substr(name.size() + 1)));
        else
            env.emplace_back(kv);
    }
    env.push_back("TEXINPUTS=" + job.class_dir + ":");
    env.push_back("openin_any=p");
    env.push_back("openout_any=p");
    env.push_back("shell_escape=f");
    env.push_back("max_print_line=100000");
    env.push_back("error_line=254");
    env.push_back("half_error_line=238");
    // A format that cannot be found must not make kpathsea run fmtutil, which would write
    // into the user's TeX configuration (~/.texlive*/texmf-config); cvtex dumps its own.
    env.push_back("MKTEXFMT=0");
    if (job.source_date_epoch) {
        env.push_back("SOURCE_DATE_EPOCH=" + *job.source_date_epoch);
        env.push_back("FORCE_SOURCE_DATE=1");
    }
    return env;
}

// The engine's process group while it runs, so that a SIGINT, SIGTERM or SIGHUP sent to cvtex
// takes the engine down too (it has its own group, so a terminal's Ctrl-C does not reach it).
std::atomic<pid_t> running_group{0};

}  // namespace

extern "C" void on_terminating_signal(int sig) {
    pending_signal = sig;
    if (const pid_t group = running_group.load(); group > 0) kill(-group, SIGKILL);
}

SignalGuard::SignalGuard() {
    struct sigaction sa {};
    sa.sa_handler = on_terminating_signal;
    sigemptyset(&sa.sa_mask);
    for (std::size_t i = 0; i < std::size(signals_); ++i) sigaction(signals_[i], &sa, &old_[i]);
}

SignalGuard::~SignalGuard() {
    for (std::size_t i = 0; i < std::size(signals_); ++i) sigaction(signals_[i], &old_[i], nullptr);
    if (pending_signal) raise(pending_signal);
}

namespace {

// Waits for `pid` until `deadline`; false when the deadline passed first.
bool wait_until(pid_t pid, Clock::time_point deadline) {
    // A pidfd makes the wait exact, with no polling; kernels without pidfd_open get a loop.
    const int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
    if (pidfd >= 0) {
        pollfd p{pidfd, POLLIN, 0};
        int r = 0;
        do {
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            r = poll(&p, 1, static_cast<int>(std::clamp<long long>(left.count(), 0, 0x7fffffff)));
        } while (r < 0 && errno == EINTR);
        close(pidfd);
        return r > 0;
    }
    while (Clock::now() < deadline) {
        if (waitpid(pid, nullptr, WNOHANG | WNOWAIT) == pid) return true;
        usleep(2000);
    }
    return false;
}

}  // namespace

// The child gets its own process group so a timeout kills everything it started.
RunOutcome run_engine(const std::string& binary, const EngineJob& job, const std::string& dir,
                      const std::vector<std::string>& extra, Clock::time_point deadline,
                      int& exit_status) {
    std::vector<std::string> args{binary, "-interaction=nonstopmode", "-halt-on-error",
                                  "-no-shell-escape", "-file-line-error"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    auto env_strings = engine_environment(job);
    std::vector<char*> envp;
    for (auto& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    const std::string out_path = dir + "/engine.out";
    posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    posix_spawn_file_actions_addchdir_np(&actions, dir.c_str());
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    pid_t pid = 0;
    if (pending_signal) {  // a signal that came before the engine started
        posix_spawn_file_actions_destroy(&actions);
        posix_spawnattr_destroy(&attr);
        exit_status = 128 + pending_signal;
        return RunOutcome::exited;
    }
    const int rc = posix_spawn(&pid, binary.c_str(), &actions, &attr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) return RunOutcome::spawn_failed;

    running_group = pid;
    const bool finished = wait_until(pid, deadline);
    if (!finished) {
        kill(-pid, SIGKILL);
        waitpid(pid, nullptr, 0);
        running_group = 0;
        return RunOutcome::timed_out;
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    running_group = 0;
    exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return RunOutcome::exited;
}

}  // namespace cvtex
