// The format of the class preamble: which one a job uses, using and discarding cached ones,
// and the detached process that dumps a missing one.
#include "cvtex/engine/format_dump.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "cvtex/base/output.hpp"
#include "cvtex/base/source.hpp"
#include "cvtex/engine/process.hpp"

namespace cvtex {

namespace fs = std::filesystem;

namespace {

// The \documentclass line of the document: the part of the preamble a format holds.
std::string documentclass_line(const std::string& tex) {
    const auto at = tex.find("\\documentclass");
    if (at == std::string::npos) return {};
    return tex.substr(at, tex.find('\n', at) - at);
}

// The file TeX dumps a format from: the document's \documentclass line, then the point where
// mylatexformat dumps. Its font preloading is turned off: preloaded fonts get other internal
// numbers, so a build through the format would differ in bytes from one without it, and the
// first build (which runs without the format while it is dumped) would differ from the rest.
std::string format_source(const std::string& documentclass_line) {
    return documentclass_line +
           "\n\\makeatletter\\let\\MYLATEX@fontpreloading\\relax\\makeatother\n"
           "\\csname endofdump\\endcsname\n";
}

// The cache directory, created private (0700) if missing. A directory that someone else
// owns or anyone may write to is not used at all: whoever can plant a format there can run
// TeX code in every build.
bool usable_cache_dir(const std::string& dir) {
    std::error_code ec;
    const fs::path path(dir);
    if (!fs::exists(path, ec)) {
        fs::create_directories(path.parent_path(), ec);
        if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return false;
    }
    struct stat st {};
    return stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == geteuid() &&
           (st.st_mode & S_IWOTH) == 0;
}

}  // namespace

std::optional<FormatSpec> format_spec(const std::string& binary, const EngineJob& job) {
    if (!job.use_format || job.engine != "pdflatex" || job.format_cache_dir.empty()) return {};
    std::string line = documentclass_line(job.tex);
    const auto class_text = read_file(job.class_dir + "/cvtex.cls");
    if (line.empty() || !class_text ||
        job.tex.find("\\csname endofdump\\endcsname") == std::string::npos ||
        !usable_cache_dir(job.format_cache_dir))
        return {};
    return FormatSpec{job.format_cache_dir, FormatCache::key(job.engine, binary, *class_text, line),
                      std::move(line)};
}

namespace {

enum class DumpResult { stored, tex_failed, not_stored };

// Dumps the format into the cache: pdflatex -ini "&pdflatex" mylatexformat.ltx fmt.tex in a
// private directory, then an atomic store with the manifest of what TeX read. A signal ends
// it early.
DumpResult dump_format(const std::string& binary, const EngineJob& job, const FormatSpec& spec) {
    TempDir dir;
    if (dir.path().empty()) return DumpResult::not_stored;
    std::ofstream(dir.path() + "/fmt.tex", std::ios::binary)
        << format_source(spec.documentclass_line);
    const std::string name = FormatCache::format_name(spec.key);
    const std::time_t started = std::time(nullptr);
    int exit_status = 0;
    const RunOutcome outcome = run_engine(
        binary, job, dir.path(),
        {"-ini", "-recorder", "-jobname=" + name, "&pdflatex", "mylatexformat.ltx", "fmt.tex"},
        Clock::now() + job.timeout, exit_status);
    const std::string fmt_path = dir.path() + "/" + name + ".fmt";
    std::error_code ec;
    if (pending_signal) return DumpResult::not_stored;
    if (outcome != RunOutcome::exited || exit_status != 0 || !fs::exists(fmt_path, ec))
        return DumpResult::tex_failed;
    return FormatCache(spec.cache_dir)
                   .store(spec.key, fmt_path,
                          read_file(dir.path() + "/" + name + ".fls").value_or(""), dir.path(),
                          started)
               ? DumpResult::stored
               : DumpResult::not_stored;
}

// How long a failed dump keeps later builds from trying again (e.g. mylatexformat missing,
// or a --timeout too short for a dump): they compile without the format meanwhile.
constexpr auto failed_dump_pause = std::chrono::hours(1);

// The work of the detached dump process, which holds the flock on `lock`.
void run_background_dump(const std::string& binary, const EngineJob& job, const FormatSpec& spec) {
    // Another dump may have stored it between this build's lookup and the lock.
    if (FormatCache(spec.cache_dir).lookup(spec.key)) return;
    // A signal stops the dump's engine (its own process group) and lets TempDir clean up;
    // the process then exits normally.
    struct sigaction sa {};
    sa.sa_handler = on_terminating_signal;
    sigemptyset(&sa.sa_mask);
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaction(sig, &sa, nullptr);
    // Only TeX's own failure (a timeout, a missing package) pauses later dumps; a store that
    // was refused, e.g. because a package changed meanwhile, is simply tried again next time.
    if (dump_format(binary, job, spec) == DumpResult::tex_failed && !pending_signal &&
        fs::is_directory(spec.cache_dir))
        write_file_atomic(spec.base() + ".failed", "", true, false);
}

}  // namespace

// Starts dumping the format in a detached process and returns at once: the build that found
// the cache cold compiles without the format (same bytes), and the next one finds it. One
// dump per format at a time: the process holds an flock on cvtex-KEY.lock, and a build that
// cannot take it leaves the dump to whoever holds it. The process is in a session of its own
// (a Ctrl-C at the terminal does not stop it halfway), holds none of the caller's files open
// (a pipe reading cvtex's output sees its end when cvtex exits) and not the caller's working
// directory, runs at low priority and is bounded by the same --timeout. It uses fork(), so the
// caller must be single-threaded, as the cvtex CLI is.
void dump_format_in_background(const std::string& binary, const EngineJob& job,
                               const FormatSpec& spec) {
    const std::string base = spec.base();
    struct stat failed {};
    if (lstat((base + ".failed").c_str(), &failed) == 0 &&
        std::chrono::system_clock::from_time_t(failed.st_mtime) + failed_dump_pause >
            std::chrono::system_clock::now())
        return;
    const std::string lock_path = base + ".lock";
    const int opened =
        open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY, 0600);
    if (opened < 0) return;
    // Above the standard descriptors, which the child replaces (cvtex may have been started
    // with one of them closed, and the lock would then be opened as 0, 1 or 2).
    const int lock = fcntl(opened, F_DUPFD_CLOEXEC, 3);
    close(opened);
    struct stat st {};
    if (lock < 0) return;
    if (fstat(lock, &st) != 0 || !S_ISREG(st.st_mode) ||
        flock(lock, LOCK_EX | LOCK_NB) != 0) {  // not ours, or another cvtex is dumping it
        close(lock);
        return;
    }
    const pid_t child = fork();
    if (child != 0) {  // the build goes on; the child exits as soon as it has forked again
        close(lock);
        if (child > 0)
            while (waitpid(child, nullptr, 0) < 0 && errno == EINTR) {
            }
        return;
    }
    // The child: a new session, then a grandchild that init adopts, so nobody has to wait
    // for it and it is never a zombie of the caller.
    setsid();
    if (fork() != 0) _exit(0);
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) sigaction(sig, &dfl, nullptr);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    pending_signal = 0;
    const int null = open("/dev/null", O_RDWR);
    for (int fd = 0; fd < 3; ++fd) dup2(null, fd);
    if (null > 2) close(null);
    for (int fd = 3; fd < lock; ++fd) close(fd);
    if (close_range(static_cast<unsigned>(lock) + 1, ~0U, 0) != 0)
        for (long fd = lock + 1, max = sysconf(_SC_OPEN_MAX); fd < max; ++fd)
            close(static_cast<int>(fd));
    if (chdir("/") != 0) _exit(0);
    setpriority(PRIO_PROCESS, 0, 10);
    try {
        run_background_dump(binary, job, spec);
    } catch (...) {  // nothing may return into the caller's code
    }
    unlink(lock_path.c_str());
    _exit(0);  // no destructors or atexit handlers of the caller's state
}

// Looks the format up in the cache and links it into the build directory as cvtex-KEY.fmt;
// returns the -fmt argument, or empty to compile without a format.
std::string use_cached_format(const FormatSpec& spec, const std::string& dir) {
    const auto cached = FormatCache(spec.cache_dir).lookup(spec.key);
    if (!cached) return {};
    const std::string name = FormatCache::format_name(spec.key);
    std::error_code ec;
    fs::create_symlink(*cached, fs::path(dir) / (name + ".fmt"), ec);
    return ec ? std::string() : "-fmt=" + name;
}

// Removes a format that failed to load: the link in the build directory and the cache entry.
void discard_format(const FormatSpec& spec, const std::string& dir) {
    const std::string name = FormatCache::format_name(spec.key);
    std::error_code ec;
    fs::remove(fs::path(dir) / (name + ".fmt"), ec);
    fs::remove(spec.base() + ".deps", ec);
    fs::remove(spec.base() + ".fmt", ec);
}

}  // namespace cvtex
