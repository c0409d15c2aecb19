// Running the engine once: a hardened environment, its own process group, a deadline, a
// death signal tied to cvtex, and the signals that stop it.
#include "cvtex/engine/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>

namespace cvtex {

namespace fs = std::filesystem;

int ms_until(Clock::time_point deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    return static_cast<int>(std::clamp<long long>(left.count(), 0, 0x7fffffff));
}

Clock::time_point deadline_after(std::chrono::milliseconds timeout) {
    const std::chrono::milliseconds year = std::chrono::hours(24 * 365);
    return Clock::now() + std::clamp(timeout, std::chrono::milliseconds(0), year);
}

TempDir::TempDir() {
    const char* base = std::getenv("TMPDIR");
    parent_ = base && *base ? base : "/tmp";
    std::string templ = parent_ + "/cvtex-XXXXXX";
    if (mkdtemp(templ.data()))
        path_ = templ;
    else
        error_ = errno;
}

TempDir::~TempDir() {
    std::error_code ec;
    if (!path_.empty() && !kept_) fs::remove_all(path_, ec);
}

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

// Everything the child needs, made before fork(): after it, in a process that may have had
// other threads, only async-signal-safe calls are allowed until execve.
struct Launch {
    std::vector<std::string> args;
    std::vector<std::string> env;
    std::vector<char*> argv;
    std::vector<char*> envp;
    std::string dir;
    pid_t parent = 0;
    int input = -1;   // /dev/null
    int output = -1;  // dir/engine.out, for stdout and stderr
    int report = -1;  // the write end of a close-on-exec pipe: errno if the exec fails
    rlimit cpu{RLIM_INFINITY, RLIM_INFINITY};  // the engine's CPU time limit (the timeout)

    Launch(std::vector<std::string> arguments, std::vector<std::string> environment,
           std::string directory)
        : args(std::move(arguments)), env(std::move(environment)), dir(std::move(directory)) {
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        for (auto& e : env) envp.push_back(e.data());
        envp.push_back(nullptr);
    }
};

// Opens `path` close-on-exec above the standard descriptors: the child dup2()s it onto 0, 1
// or 2, and a dup2() onto its own number would leave the close-on-exec flag set.
int open_above_stdio(const char* path, int flags, mode_t mode = 0) {
    const int fd = open(path, flags | O_CLOEXEC | O_NOCTTY, mode);
    if (fd < 0 || fd > 2) return fd;
    const int moved = fcntl(fd, F_DUPFD_CLOEXEC, 3);
    close(fd);
    return moved;
}

[[noreturn]] void fail_child(int report) {
    const int error = errno;
    [[maybe_unused]] const ssize_t n = write(report, &error, sizeof error);
    _exit(127);
}

// The child between fork() and execve(): async-signal-safe calls only.
[[noreturn]] void become_engine(const Launch& l) {
    // No handler of the caller may run here; the engine starts with default handlers and an
    // empty mask. Ignored signals stay ignored, as for any child.
    for (int sig = 1; sig < NSIG; ++sig) {
        struct sigaction sa {};
        if (sigaction(sig, nullptr, &sa) != 0 || sa.sa_handler == SIG_IGN ||
            sa.sa_handler == SIG_DFL)
            continue;
        sa.sa_handler = SIG_DFL;
        sa.sa_flags = 0;
        sigaction(sig, &sa, nullptr);
    }
    // Its own process group, so a timeout or a signal kills everything it started, and a
    // terminal's Ctrl-C reaches cvtex only. The death signal comes when the *thread* that
    // forked exits (not the process), which is the one waiting for it. A parent that died
    // before prctl() is seen as a changed parent.
    setpgid(0, 0);
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != l.parent) fail_child(l.report);
    if (dup2(l.input, 0) < 0 || dup2(l.output, 1) < 0 || dup2(l.output, 2) < 0 ||
        chdir(l.dir.c_str()) != 0)
        fail_child(l.report);
    // The timeout holds even if cvtex is gone and the death signal did not reach everything
    // (a program the engine started in a session of its own): a CPU time limit, inherited by
    // whatever the engine starts, ends a loop at the same time. No core files in the build
    // directory from a crash.
    const rlimit no_core{0, 0};
    setrlimit(RLIMIT_CPU, &l.cpu);
    setrlimit(RLIMIT_CORE, &no_core);
    // Descriptors other threads opened without O_CLOEXEC stay out of the engine.
    close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    execve(l.argv[0], l.argv.data(), l.envp.data());
    fail_child(l.report);
}

// The engine's CPU time limit: the time left until the deadline, rounded up, and a second more
// (RLIMIT_CPU counts whole seconds); at the hard limit, SIGKILL a second later. Never above
// the limits cvtex has itself, which only privilege could raise.
rlimit cpu_limit(Clock::time_point deadline) {
    const auto left = std::chrono::ceil<std::chrono::seconds>(deadline - Clock::now()).count();
    const auto soft = static_cast<rlim_t>(std::max<long long>(left, 0) + 1);
    rlimit own{RLIM_INFINITY, RLIM_INFINITY};
    getrlimit(RLIMIT_CPU, &own);
    return {std::min(soft, own.rlim_max), std::min(soft + 1, own.rlim_max)};
}

// Forks and execs the engine; -1 when it could not be started.
pid_t start(Launch& l) {
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) return -1;
    l.report = report[1];
    // All signals blocked across fork(), so none is handled in the child before it resets
    // the handlers.
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    const pid_t pid = fork();
    if (pid == 0) become_engine(l);
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
    close(report[1]);
    // Also here, so that a kill of the group can never come before the child made it.
    if (pid > 0) setpgid(pid, pid);
    int error = 0;
    ssize_t n = 0;
    while ((n = read(report[0], &error, sizeof error)) < 0 && errno == EINTR) {
    }
    close(report[0]);
    if (pid > 0 && n == static_cast<ssize_t>(sizeof error)) {  // the exec failed
        while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
        }
        return -1;
    }
    return pid;
}

// Kills the engine's process group and reaps the engine.
void stop(pid_t pid) {
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
    while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
    }
}

bool has_exited(pid_t pid) {
    siginfo_t info{};
    return waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
           info.si_pid == pid;
}

// Waits for the engine, a signal or the deadline, whichever comes first. The pidfd and the
// signalfd are polled together, so nothing can come between the two; the signal is not read,
// so other engines running in parallel see it too.
RunResult wait_for(pid_t pid, Clock::time_point deadline, const Interruption* interruption) {
    // Kernels without pidfd_open get a short poll and a check of the child.
    const int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
    pollfd fds[2] = {{pidfd, POLLIN, 0}, {interruption ? interruption->fd() : -1, POLLIN, 0}};
    RunResult result;
    for (;;) {
        const int timeout = pidfd >= 0 ? ms_until(deadline) : std::min(ms_until(deadline), 2);
        if (poll(fds, 2, timeout) < 0 && errno != EINTR) usleep(2000);
        if (interruption && (result.signal = interruption->pending()) != 0) {
            result.outcome = RunResult::Outcome::interrupted;
            stop(pid);
            break;
        }
        if (fds[1].revents != 0) fds[1].fd = -1;  // readable for a signal no longer pending
        if ((pidfd >= 0 && fds[0].revents != 0) || has_exited(pid)) {
            int status = 0;
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
            }
            result.outcome = RunResult::Outcome::exited;
            result.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            if (WIFSIGNALED(status)) result.term_signal = WTERMSIG(status);
            break;
        }
        if (Clock::now() >= deadline) {
            result.outcome = RunResult::Outcome::timed_out;
            stop(pid);
            break;
        }
    }
    if (pidfd >= 0) close(pidfd);
    return result;
}

}  // namespace

pid_t spawn_engine(const std::string& binary, const EngineJob& job, const std::string& dir,
                   const std::vector<std::string>& extra, Clock::time_point deadline) {
    std::vector<std::string> args{binary, "-interaction=nonstopmode", "-halt-on-error",
                                  "-no-shell-escape", "-file-line-error"};
    args.insert(args.end(), extra.begin(), extra.end());
    Launch launch(std::move(args), engine_environment(job), dir);
    launch.parent = getpid();
    launch.cpu = cpu_limit(deadline);
    launch.input = open_above_stdio("/dev/null", O_RDONLY);
    launch.output =
        open_above_stdio((dir + "/engine.out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const pid_t pid = launch.input >= 0 && launch.output >= 0 ? start(launch) : -1;
    if (launch.input >= 0) close(launch.input);
    if (launch.output >= 0) close(launch.output);
    return pid;
}

RunResult wait_engine(pid_t pid, Clock::time_point deadline, const Interruption* interruption) {
    return wait_for(pid, deadline, interruption);
}

void kill_engine(pid_t pid) {
    stop(pid);
}

bool engine_has_exited(pid_t pid) {
    return has_exited(pid);
}

RunResult run_engine(const std::string& binary, const EngineJob& job, const std::string& dir,
                     const std::vector<std::string>& extra, Clock::time_point deadline,
                     const Interruption* interruption) {
    RunResult result;
    if (interruption && (result.signal = interruption->pending()) != 0) {
        result.outcome = RunResult::Outcome::interrupted;  // a signal that came before
        return result;
    }
    const pid_t pid = spawn_engine(binary, job, dir, extra, deadline);
    if (pid < 0) return result;  // spawn_failed
    return wait_for(pid, deadline, interruption);
}

}  // namespace cvtex
