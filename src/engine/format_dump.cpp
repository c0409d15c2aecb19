// The format of the class preamble: which one a job uses, using and discarding cached ones,
// and the detached process that dumps a missing one.
#include "cvtex/engine/format_dump.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/file.h>
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
#include "cvtex/model/model.hpp"

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
    // (A custom theme is written beside it, as in the build directory: see dump_format.)
    return documentclass_line +
           "\n\\makeatletter\\let\\MYLATEX@fontpreloading\\relax\\makeatother\n"
           "\\csname endofdump\\endcsname\n";
}

// The user's theme among the files of the job (empty when there is none); nullopt when it
// is too large to reach the dump.
std::optional<std::string> custom_theme(const EngineJob& job) {
    for (const auto& [name, bytes] : job.files)
        if (name == custom_theme_file)
            return bytes.size() <= max_theme_size ? std::optional(bytes) : std::nullopt;
    return std::string();
}

}  // namespace

std::optional<FormatSpec> format_spec(const std::string& binary, const EngineJob& job) {
    if (!job.use_format || job.engine != "pdflatex" || job.format_cache_dir.empty()) return {};
    std::string line = documentclass_line(job.tex);
    auto class_text = read_file(job.class_dir + "/cvtex.cls");
    const auto theme = custom_theme(job);
    if (line.empty() || !class_text || !theme ||
        job.tex.find("\\csname endofdump\\endcsname") == std::string::npos ||
        // Whoever can plant a format in the cache can run TeX code in every build.
        !make_private_dir(job.format_cache_dir))
        return {};
    // A theme of the user's is in the key by its text: the manifest names no file of the
    // build directory.
    if (!theme->empty()) *class_text += "\n% cvtex-theme-custom.sty\n" + *theme;
    return FormatSpec{job.format_cache_dir, FormatCache::key(job.engine, binary, *class_text, line),
                      std::move(line), *theme};
}

namespace {

enum class DumpResult { stored, tex_failed, not_stored, interrupted };

// Dumps the format into the cache: pdflatex -ini "&pdflatex" mylatexformat.ltx fmt.tex in a
// private directory, then an atomic store with the manifest of what TeX read.
DumpResult dump_format(const FormatDumpRequest& request, const Interruption* interruption) {
    TempDir dir;
    if (dir.path().empty()) return DumpResult::not_stored;
    std::ofstream(dir.path() + "/fmt.tex", std::ios::binary)
        << format_source(request.documentclass_line);
    if (!request.theme.empty())
        std::ofstream(dir.path() + "/" + custom_theme_file, std::ios::binary) << request.theme;
    EngineJob job;
    job.class_dir = request.class_dir;
    job.source_date_epoch = request.source_date_epoch;
    const std::string name = FormatCache::format_name(request.key);
    const std::time_t started = std::time(nullptr);
    const RunResult run = run_engine(
        request.engine_binary, job, dir.path(),
        {"-ini", "-recorder", "-jobname=" + name, "&pdflatex", "mylatexformat.ltx", "fmt.tex"},
        deadline_after(request.timeout), interruption);
    const std::string fmt_path = dir.path() + "/" + name + ".fmt";
    std::error_code ec;
    if (run.outcome == RunResult::Outcome::interrupted) return DumpResult::interrupted;
    if (run.outcome != RunResult::Outcome::exited || run.exit_status != 0 ||
        !fs::exists(fmt_path, ec))
        return DumpResult::tex_failed;
    return FormatCache(request.cache_dir)
                   .store(request.key, fmt_path,
                          read_file(dir.path() + "/" + name + ".fls").value_or(""), dir.path(),
                          started)
               ? DumpResult::stored
               : DumpResult::not_stored;
}

// How long a failed dump keeps later builds from trying again (e.g. mylatexformat missing,
// or a --timeout too short for a dump): they compile without the format meanwhile.
constexpr auto failed_dump_pause = std::chrono::hours(1);

bool failed_recently(const FormatSpec& spec) {
    struct stat failed {};
    return lstat((spec.base() + ".failed").c_str(), &failed) == 0 &&
           std::chrono::system_clock::from_time_t(failed.st_mtime) + failed_dump_pause >
               std::chrono::system_clock::now();
}

// Opens and flocks cvtex-KEY.lock for one dump; -1 when another dump holds it or it is not a
// file of ours. The descriptor is above dump_lock_fd, so the helper's dup2 always moves it.
int take_dump_lock(const FormatSpec& spec) {
    const int opened = open((spec.base() + ".lock").c_str(),
                            O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY, 0600);
    if (opened < 0) return -1;
    const int lock = fcntl(opened, F_DUPFD_CLOEXEC, dump_lock_fd + 1);
    close(opened);
    struct stat st {};
    if (lock >= 0 && fstat(lock, &st) == 0 && S_ISREG(st.st_mode) &&
        flock(lock, LOCK_EX | LOCK_NB) == 0)
        return lock;
    if (lock >= 0) close(lock);
    return -1;
}

// Starts the helper in a session of its own (a Ctrl-C at the terminal does not stop it
// halfway), with no descriptor of the caller's but the lock (a pipe reading cvtex's output
// sees its end when cvtex exits), in / and with no signal blocked; waits for it, which is
// short: it forks the process that dumps and exits. False when it did not get that far.
bool run_helper(const std::string& helper, const FormatDumpRequest& request, int lock) {
    std::vector<std::string> args = dump_helper_arguments(request);
    args.insert(args.begin(), helper);
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    posix_spawn_file_actions_adddup2(&actions, lock, dump_lock_fd);
    posix_spawn_file_actions_addclosefrom_np(&actions, dump_lock_fd + 1);
    posix_spawn_file_actions_addchdir_np(&actions, "/");
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, helper.c_str(), &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) return false;
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

std::vector<std::string> dump_helper_arguments(const FormatDumpRequest& request) {
    std::vector<std::string> args{dump_helper_command,
                                  "--engine-binary=" + request.engine_binary,
                                  "--class-dir=" + request.class_dir,
                                  "--cache-dir=" + request.cache_dir,
                                  "--key=" + request.key,
                                  "--documentclass=" + request.documentclass_line,
                                  "--timeout-ms=" + std::to_string(request.timeout.count())};
    if (request.source_date_epoch)
        args.push_back("--source-date-epoch=" + *request.source_date_epoch);
    if (!request.theme.empty()) args.push_back("--theme=" + request.theme);
    return args;
}

// One dump per format at a time: the helper holds an flock on cvtex-KEY.lock, and a build
// that cannot take it leaves the dump to whoever holds it. No fork() here: the caller may
// have threads; the helper is a fresh process, free to fork once more so that nobody has to
// wait for the dump and it is never a zombie of the caller.
void dump_format_in_background(const std::string& helper, const std::string& binary,
                               const EngineJob& job, const FormatSpec& spec) {
    if (helper.empty() || failed_recently(spec)) return;
    const int lock = take_dump_lock(spec);
    if (lock < 0) return;
    const FormatDumpRequest request{binary,
                                    job.class_dir,
                                    spec.cache_dir,
                                    spec.key,
                                    spec.documentclass_line,
                                    job.source_date_epoch,
                                    job.timeout,
                                    spec.theme};
    // A helper that failed before it forked the dump leaves the lock file to nobody.
    if (!run_helper(helper, request, lock)) unlink((spec.base() + ".lock").c_str());
    close(lock);
}

void run_format_dump(const FormatDumpRequest& request, const Interruption* interruption) {
    const FormatSpec spec = request.spec();
    // Another dump may have stored it between the build's lookup and the lock.
    if (own_private_dir(spec.cache_dir) && !FormatCache(spec.cache_dir).lookup(spec.key)) {
        // Only TeX's own failure (a timeout, a missing package) pauses later dumps; a store
        // that was refused, e.g. because a package changed meanwhile, is tried again next time.
        if (dump_format(request, interruption) == DumpResult::tex_failed &&
            fs::is_directory(spec.cache_dir))
            write_file_atomic(spec.base() + ".failed", "", true, false, false);
    }
    unlink((spec.base() + ".lock").c_str());
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
