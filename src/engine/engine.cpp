// The TeX engine driver: a private build directory, passes only when the log asks for them,
// the result and the build files kept on request.
#include "cvtex/engine/engine.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string_view>
#include <utility>

#include "cvtex/base/output.hpp"
#include "cvtex/base/source.hpp"
#include "cvtex/engine/format_dump.hpp"
#include "cvtex/engine/interruption.hpp"
#include "cvtex/engine/process.hpp"
#include "cvtex/engine/standby.hpp"

namespace cvtex {

namespace fs = std::filesystem;

std::string check_keep_dir(const std::string& dir) {
    struct stat st {};
    if (lstat(dir.c_str(), &st) != 0)
        return errno == ENOENT ? std::string()
                               : fmt::format("cannot be used: {}", std::strerror(errno));
    if (!S_ISDIR(st.st_mode)) return "exists and is not a directory";
    // Whoever owns the directory can plant links in it, or swap it for one after this check.
    if (st.st_uid != geteuid()) return "belongs to another user";
    struct stat marker {};
    if (lstat((fs::path(dir) / keep_marker).c_str(), &marker) == 0 && S_ISREG(marker.st_mode))
        return {};
    std::error_code ec;
    if (fs::directory_iterator(dir, ec) != fs::directory_iterator()) return "is not empty";
    if (ec) return fmt::format("cannot be read: {}", ec.message());
    return {};
}

std::string find_in_path(const std::string& program) {
    if (program.find('/') != std::string::npos)
        return access(program.c_str(), X_OK) == 0 ? program : std::string();
    const char* path = std::getenv("PATH");
    std::string_view rest = path ? path : "/usr/bin:/bin";
    while (true) {
        const auto colon = rest.find(':');
        std::string dir(rest.substr(0, colon));
        if (dir.empty()) dir.assign(1, '.');  // (not = ".": a false -Wrestrict in GCC 12)
        std::string candidate = dir;
        candidate += '/';
        candidate += program;
        if (access(candidate.c_str(), X_OK) == 0 && !fs::is_directory(candidate)) return candidate;
        if (colon == std::string_view::npos) return {};
        rest.remove_prefix(colon + 1);
    }
}

std::string engine_package(const std::string& engine) {
    if (engine == "xelatex") return "texlive-xetex";
    if (engine == "lualatex") return "texlive-luatex";
    return "texlive-latex-base";
}

namespace {

// The --keep-build directory (which check_keep_dir approved), created when missing, opened
// without following a symlink, and checked again once open: still a directory of this user.
// -1 when it is not.
int open_keep_dir(const std::string& to) {
    std::error_code ec;
    const fs::path parent = fs::path(to).parent_path();
    if (!parent.empty()) fs::create_directories(parent, ec);
    if (mkdir(to.c_str(), 0777) != 0 && errno != EEXIST) return -1;
    const int dir = open(to.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st {};
    if (dir >= 0 && (fstat(dir, &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != geteuid())) {
        close(dir);
        return -1;
    }
    return dir;
}

// Copies the build files into the --keep-build directory. Every file is written through the
// open directory into a new file that is then renamed (write_file_at): a symlink or a hard
// link planted under a build file's name is replaced, never written through, and the copies
// get the mode of new files, not that of the originals. A failure keeps the private directory
// instead, so the log named in the hint exists.
bool keep_files(const std::string& from, const std::string& to, EngineResult& result) {
    const int dir = open_keep_dir(to);
    if (dir < 0) return false;
    bool ok = write_file_at(dir, keep_marker, "Build files kept by cvtex --keep-build.\n",
                            (fs::path(to) / keep_marker).string())
                  .empty();
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(from, ec)) {
        if (!ok) break;
        if (entry.path().extension() == ".fmt") continue;  // the cached format, megabytes
        if (!entry.is_regular_file(ec) || entry.is_symlink(ec)) continue;
        const std::string name = entry.path().filename().string();
        const auto bytes = read_file(entry.path().string());
        ok = bytes && write_file_at(dir, name, *bytes, (fs::path(to) / name).string()).empty();
    }
    close(dir);
    if (!ok || ec) return false;
    result.log_path = (fs::path(to) / "cv.log").string();
    return true;
}

// One build: the job, the engine binary, its private directory and its format.
struct Build {
    const EngineJob& job;
    const ProcessEngineSetup& setup;
    std::string binary;
    Clock::time_point deadline;  // shared by every pass
    TempDir& dir;
    std::optional<FormatSpec> spec;
    std::string format;  // the -fmt argument; empty: compile without a format
};

// Writes a new file in the private build directory; errno is set when it fails.
bool write_new(const std::string& path, std::string_view bytes) {
    const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) return false;
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int error = n == 0 ? EIO : errno;
            close(fd);
            errno = error;
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return close(fd) == 0;
}

// The .tex (unless it is handed over to a pre-started engine) and the files it reads, in the
// build directory. Their names are the writer's own ("signature.png"), never a path from the
// input. Empty, or why they could not be written.
std::string write_tex(const std::string& dir, const EngineJob& job, bool with_tex = true) {
    if (with_tex && !write_new(dir + "/cv.tex", job.tex))
        return fmt::format("cannot write cv.tex in {}: {}", dir, std::strerror(errno));
    for (const auto& [name, bytes] : job.files) {
        if (name.find('/') != std::string::npos || name.starts_with("."))
            return fmt::format("'{}' is not a file name for the build directory", name);
        std::string path = dir;
        path += '/';
        path += name;
        if (!write_new(path, bytes))
            return fmt::format("cannot write {} in {}: {}", name, dir, std::strerror(errno));
    }
    return {};
}

// Whether a failed run failed for want of room: the build directory's file system is full,
// or the engine says that the system refused a write (not TeX's "I can't write on file",
// which is also its answer to a path that openout_any forbids). Then the reason, else empty.
std::string out_of_room(const std::string& dir, std::string_view said) {
    static constexpr std::string_view signs[] = {"fwrite() failed", "No space left on device",
                                                 "Disk quota exceeded", "File too large"};
    bool full = false;
    if (struct statvfs fs{}; statvfs(dir.c_str(), &fs) == 0)
        full = static_cast<unsigned long long>(fs.f_bavail) * fs.f_frsize < (1u << 20) ||
               (fs.f_files != 0 && fs.f_favail == 0);
    const bool cannot_write = std::any_of(std::begin(signs), std::end(signs), [&](auto sign) {
        return said.find(sign) != std::string_view::npos;
    });
    if (full) return fmt::format("no space left in {}", fs::path(dir).parent_path().string());
    if (cannot_write) return fmt::format("it could not write its files in {}", dir);
    return {};
}

// "signal 11, Segmentation fault".
std::string signal_name(int sig) {
    const char* name = strsignal(sig);
    return name ? fmt::format("signal {}, {}", sig, name) : fmt::format("signal {}", sig);
}

// A run that ended without a PDF for another reason than an error in the document: a crash, a
// signal from outside cvtex, a full disk. True (with the status and the cause) when it did.
bool engine_failure(const Build& b, const RunResult& run, const std::string& log,
                    EngineResult& result) {
    const std::string said = read_file(b.dir.path() + "/engine.out").value_or("");
    if (run.term_signal == SIGXCPU) {  // the CPU time limit: the timeout, reached by the engine
        result.status = EngineStatus::timeout;
        return true;
    }
    if (run.term_signal != 0) {
        const bool crash = run.term_signal == SIGSEGV || run.term_signal == SIGBUS ||
                           run.term_signal == SIGILL || run.term_signal == SIGFPE ||
                           run.term_signal == SIGABRT;
        result.status = EngineStatus::failed;
        result.detail =
            crash ? fmt::format("{} crashed ({})", b.job.engine, signal_name(run.term_signal))
                  : fmt::format("{} was killed by a signal from outside cvtex ({})", b.job.engine,
                                signal_name(run.term_signal));
        return true;
    }
    if (const auto room = out_of_room(b.dir.path(), said + log); !room.empty()) {
        result.status = EngineStatus::cannot_write;
        result.detail = fmt::format("{} failed: {}", b.job.engine, room);
        return true;
    }
    // TeX's answer to a SIGINT sent to it rather than to cvtex (which would stop the build):
    // "./cv.tex:11: Interruption." (with -file-line-error), else "! Interruption.".
    if (log.find(": Interruption.\n") != std::string::npos ||
        log.find("! Interruption.\n") != std::string::npos) {
        result.status = EngineStatus::failed;
        result.detail = fmt::format("{} was interrupted (SIGINT) from outside cvtex", b.job.engine);
        return true;
    }
    return false;
}

void dump_in_background(const Build& b) {
    dump_format_in_background(b.setup.dump_helper, b.binary, b.job, *b.spec);
}

// Through the cached format of the class preamble when there is one; on a miss the run goes
// on without it and the format is dumped in the background for the next build. The cache is
// an optimisation only: the PDF is the same either way, and no failure of the cache ever
// fails the build.
void choose_format(Build& b) {
    b.spec = format_spec(b.binary, b.job);
    if (!b.spec) return;
    b.format = use_cached_format(*b.spec, b.dir.path());
    if (b.format.empty()) dump_in_background(b);
}

// A format that will not load (a damaged cache file, an engine upgraded in place, one removed
// meanwhile) is dropped from the cache and dumped afresh for later builds; the pass is run
// again without one.
bool format_did_not_load(Build& b, const RunResult& run) {
    if (b.format.empty() || run.outcome != RunResult::Outcome::exited || run.exit_status == 0 ||
        !format_failed_to_load(read_file(b.dir.path() + "/engine.out").value_or("")))
        return false;
    discard_format(*b.spec, b.dir.path());
    dump_in_background(b);
    b.format.clear();
    return true;
}

enum class Next { done, another_pass, same_pass_again };

// What a pass that ran to its end left: an error, a PDF, or a log that asks for another pass.
Next read_pass(const Build& b, const RunResult& run, EngineResult& result) {
    const std::string log = read_file(b.dir.path() + "/cv.log").value_or("");
    if (run.outcome == RunResult::Outcome::timed_out) {
        result.status = EngineStatus::timeout;
        result.messages = parse_tex_log(log);
        return Next::done;
    }
    if (run.exit_status != 0) {
        if (engine_failure(b, run, log, result)) return Next::done;
        result.status = EngineStatus::tex_error;
        result.messages = parse_tex_log(log);
        if (result.messages.empty() || result.messages.front().kind != TexMessage::Kind::error)
            result.detail = fmt::format("{} exited with status {}", b.job.engine, run.exit_status);
        return Next::done;
    }
    if (log_wants_rerun(log) && result.passes < b.job.max_passes) return Next::another_pass;
    result.messages = parse_tex_log(log);
    result.pages = log_page_count(log);
    if (auto pdf = read_file(b.dir.path() + "/cv.pdf")) {
        result.status = EngineStatus::ok;
        result.pdf = std::move(*pdf);
    } else {
        result.detail = fmt::format("{} wrote no PDF", b.job.engine);
    }
    return Next::done;
}

void mark_interrupted(EngineResult& result, int signal) {
    result.status = EngineStatus::interrupted;
    result.signal = signal;
    result.detail = fmt::format("interrupted by signal {}", signal);
}

Next run_pass(Build& b, EngineResult& result) {
    std::vector<std::string> args{"cv.tex"};
    if (!b.format.empty()) args.insert(args.begin(), b.format);
    const RunResult run =
        run_engine(b.binary, b.job, b.dir.path(), args, b.deadline, b.setup.interruption);
    if (run.outcome == RunResult::Outcome::interrupted) {
        mark_interrupted(result, run.signal);
        return Next::done;
    }
    if (format_did_not_load(b, run)) return Next::same_pass_again;
    result.used_format = !b.format.empty();
    if (run.outcome == RunResult::Outcome::spawn_failed) {
        result.status = EngineStatus::not_found;
        result.detail = b.job.engine;
        return Next::done;
    }
    return read_pass(b, run, result);
}

// Copies the build files to --keep-build; after an error the private directory stays instead
// (the diagnostics name its log, which never lands in the user's folder unasked).
void keep_build_files(Build& b, EngineResult& result) {
    const bool kept = b.job.keep_dir && keep_files(b.dir.path(), *b.job.keep_dir, result);
    if (b.job.keep_dir && !kept) result.keep_failed = true;
    if (!kept && (result.status == EngineStatus::tex_error ||
                  result.status == EngineStatus::timeout || result.status == EngineStatus::failed ||
                  result.status == EngineStatus::cannot_write || result.keep_failed)) {
        b.dir.keep();
        result.log_path = b.dir.path() + "/cv.log";
    }
}

// Hands the document to a pre-started engine and waits for it. TeX has read the preamble
// from the named pipe cv.tex and run it, and waits for the rest (or is still loading its
// format, or running the preamble). A regular cv.tex takes the pipe's name first, for
// whatever reads cv.tex again (the class hashes it for the PDF's /ID; later passes); then
// the rest of the document goes through the pipe, and closing it is the end of the file. Had
// TeX not opened the pipe before the rename, it opens the regular file instead: the same
// bytes either way. `tex` starts with the standby's preamble (StandbyPool::take()).
// spawn_failed when the document could not be handed over (nothing was run then).
RunResult hand_over(Standby& s, const std::string& tex, Clock::time_point deadline,
                    const Interruption* interruption) {
    RunResult failed;  // spawn_failed
    const std::string dir = s.dir.path();
    if (!write_new(dir + "/cv.tex.next", tex)) return failed;
    if (rename((dir + "/cv.tex.next").c_str(), (dir + "/cv.tex").c_str()) != 0) return failed;
    const int pipe = std::exchange(s.pipe, -1);
    const std::string_view rest = std::string_view(tex).substr(s.preamble.size());
    const int pidfd = static_cast<int>(syscall(SYS_pidfd_open, s.pid, 0));
    for (std::size_t done = 0; done < rest.size();) {
        const ssize_t n = write(pipe, rest.data() + done, rest.size() - done);
        if (n > 0) {
            done += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno != EAGAIN) break;
        // A document larger than the pipe: the rest as TeX reads it, while TeX lives.
        pollfd fds[3] = {{pipe, POLLOUT, 0},
                         {pidfd, POLLIN, 0},
                         {interruption ? interruption->fd() : -1, POLLIN, 0}};
        poll(fds, 3, pidfd >= 0 ? ms_until(deadline) : std::min(ms_until(deadline), 5));
        if (fds[1].revents != 0 || fds[2].revents != 0 || Clock::now() >= deadline ||
            engine_has_exited(s.pid))
            break;
    }
    close(pipe);
    if (pidfd >= 0) close(pidfd);
    const RunResult run = wait_engine(s.pid, deadline, interruption);
    s.pid = -1;  // reaped
    return run;
}

// A pre-started engine that ended without typesetting the document: killed from outside, or
// its format would not load (a build then runs as if it had never been started).
bool standby_died(const Build& b, const RunResult& run) {
    if (run.outcome == RunResult::Outcome::spawn_failed) return true;
    if (run.outcome != RunResult::Outcome::exited) return false;
    if (run.term_signal != 0 && run.term_signal != SIGXCPU) return true;
    return run.exit_status != 0 &&
           format_failed_to_load(read_file(b.dir.path() + "/engine.out").value_or(""));
}

// The start of `job`'s document that a pre-started engine runs ahead: its preamble, except
// with a theme of the user's, whose code runs at \begin{document} too and could read a file
// that exists only once the document is handed over (cv.tex itself).
std::string ahead(const FormatSpec& spec, const EngineJob& job) {
    return spec.theme.empty() ? std::string(preamble_of(job.tex)) : std::string();
}

// What a pre-started engine is started with for jobs like `job`: all but the document.
EngineJob launch_job(const EngineJob& job) {
    EngineJob out = job;
    out.tex.clear();
    out.files.clear();
    out.keep_dir.reset();
    return out;
}

class ProcessEngine final : public Engine {
  public:
    explicit ProcessEngine(ProcessEngineSetup setup) : setup_(std::move(setup)) {
        if (setup_.prestart || setup_.keep_ready) pool_ = std::make_unique<StandbyPool>();
    }

    EngineResult run(const EngineJob& job) override {
        EngineResult result;
        // A signal that came before: no directory, no background dump.
        if (const int signal = setup_.interruption ? setup_.interruption->pending() : 0) {
            mark_interrupted(result, signal);
            return result;
        }
        const std::string binary = find_in_path(job.engine);
        if (binary.empty()) {
            result.status = EngineStatus::not_found;
            result.detail = job.engine;
            return result;
        }
        std::optional<EngineResult> out;
        std::optional<StandbyLaunch> next;
        if (pool_) out = run_prestarted(job, binary, next);
        if (!out) out = run_fresh(job, binary);
        // Watch mode: the next engine for this format, once this build is done.
        if (next) pool_->start(std::move(*next), true);
        return std::move(*out);
    }

    void expect(const EngineJob& job) override {
        if (!pool_) return;
        const std::string binary = find_in_path(job.engine);
        if (binary.empty()) return;
        if (auto spec = format_spec(binary, job))
            pool_->start({binary, *spec, launch_job(job), ahead(*spec, job)}, false);
    }

    std::vector<int> standby_pids() const {
        std::vector<int> out;
        if (pool_)
            for (const pid_t pid : pool_->pids()) out.push_back(pid);
        return out;
    }

  private:
    // The passes after the first, the result and the build files, as in any build.
    void finish(Build& b, EngineResult& result, Next next) {
        while (next != Next::done && result.passes < b.job.max_passes) {
            if (next == Next::another_pass) ++result.passes;
            next = run_pass(b, result);
        }
        if (result.status != EngineStatus::interrupted) keep_build_files(b, result);
    }

    // The build on a pre-started engine, when one for this job is waiting; nullopt to build
    // as usual (none waiting, or it died before it typeset anything).
    // `next`: the engine to keep ready for the next build (keep_ready).
    std::optional<EngineResult> run_prestarted(const EngineJob& job, const std::string& binary,
                                               std::optional<StandbyLaunch>& next) {
        auto spec = format_spec(binary, job);
        if (!spec) return std::nullopt;
        StandbyLaunch launch{binary, *spec, launch_job(job), ahead(*spec, job)};
        auto standby = pool_->take(launch.key(), job.tex);
        if (setup_.keep_ready) next = launch;
        if (!standby) return std::nullopt;
        EngineResult result;
        result.prestarted = true;
        // The timeout starts now, when the document is handed over.
        Build b{job,          setup_, binary,         deadline_after(job.timeout),
                standby->dir, spec,   standby->format};
        if (!write_tex(b.dir.path(), job, false).empty()) return std::nullopt;
        const RunResult run = hand_over(*standby, job.tex, b.deadline, setup_.interruption);
        if (run.outcome == RunResult::Outcome::interrupted) {
            mark_interrupted(result, run.signal);
            return result;
        }
        if (standby_died(b, run)) return std::nullopt;
        result.passes = 1;
        result.used_format = true;
        finish(b, result, read_pass(b, run, result));
        return result;
    }

    EngineResult run_fresh(const EngineJob& job, const std::string& binary) {
        EngineResult result;
        TempDir dir;
        Build b{job, setup_, binary, deadline_after(job.timeout), dir, {}, {}};
        if (b.dir.path().empty()) {
            result.status = EngineStatus::cannot_write;
            result.detail = fmt::format("cannot create a build directory in {}: {}", b.dir.parent(),
                                        std::strerror(b.dir.error()));
            return result;
        }
        if (auto error = write_tex(b.dir.path(), job); !error.empty()) {
            result.status = EngineStatus::cannot_write;
            result.detail = std::move(error);
            return result;
        }
        choose_format(b);
        for (result.passes = 1; result.passes <= job.max_passes; ++result.passes) {
            const Next next = run_pass(b, result);
            if (next == Next::done) break;
            if (next == Next::same_pass_again) --result.passes;
        }
        if (result.passes > job.max_passes) result.passes = job.max_passes;
        // Interrupted: the directory goes, and nothing is kept.
        if (result.status != EngineStatus::interrupted) keep_build_files(b, result);
        return result;
    }

    ProcessEngineSetup setup_;
    std::unique_ptr<StandbyPool> pool_;
};

}  // namespace

std::unique_ptr<Engine> make_process_engine(ProcessEngineSetup setup) {
    return std::make_unique<ProcessEngine>(std::move(setup));
}

std::vector<int> prestarted_engines(const Engine& engine) {
    const auto* process = dynamic_cast<const ProcessEngine*>(&engine);
    return process ? process->standby_pids() : std::vector<int>{};
}

}  // namespace cvtex
