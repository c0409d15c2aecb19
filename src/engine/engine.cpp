// The TeX engine driver: a private build directory, a hardened environment, a timeout, passes
// only when the log asks for them, and a log parser that keeps only what matters.
#include "cvtex/engine/engine.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <charconv>
#include <csignal>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>

#include "cvtex/base/output.hpp"
#include "cvtex/base/source.hpp"
#include "cvtex/engine/format_cache.hpp"

extern char** environ;

namespace cvtex {

namespace fs = std::filesystem;

std::string check_keep_dir(const std::string& dir) {
    std::error_code ec;
    const auto status = fs::symlink_status(dir, ec);
    if (!fs::exists(status)) return {};
    if (!fs::is_directory(status)) return "exists and is not a directory";
    if (fs::exists(fs::path(dir) / keep_marker, ec)) return {};
    if (fs::directory_iterator(dir, ec) != fs::directory_iterator()) return "is not empty";
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
        if (dir.empty()) dir = ".";
        const std::string candidate = dir + "/" + program;
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

// The engine's own messages for a format it cannot load (web2c's texmfmp.c and tex.ch), not
// any text that mentions formats: a TeX error in the document must not cost the cache.
bool format_failed_to_load(std::string_view engine_output) {
    return engine_output.find("I can't find the format file `cvtex-") != std::string_view::npos ||
           engine_output.find("fatal: Could not undump") != std::string_view::npos ||
           engine_output.find("(Fatal format file error; I'm stymied)") != std::string_view::npos ||
           (engine_output.find("---! ") != std::string_view::npos &&            // "---! F.fmt was
            engine_output.find(" was written by ") != std::string_view::npos);  // written by X"
}

bool log_wants_rerun(std::string_view log) {
    return log.find("Rerun to get") != std::string_view::npos ||
           log.find("Label(s) may have changed") != std::string_view::npos ||
           log.find("Please rerun LaTeX") != std::string_view::npos;
}

namespace {

std::uint32_t to_u32(std::string_view s) {
    std::uint32_t v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

std::vector<std::string_view> split_lines(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (pos <= s.size()) {
        const auto end = s.find('\n', pos);
        out.push_back(s.substr(pos, end == std::string_view::npos ? s.npos : end - pos));
        if (end == std::string_view::npos) break;
        pos = end + 1;
    }
    return out;
}

std::string basename_of(std::string_view path) {
    const auto slash = path.rfind('/');
    return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

}  // namespace

namespace {

// "LaTeX Error: Foo." -> "foo"; "Package x Error: Foo" -> "package x: foo".
std::string short_error(std::string text) {
    static const std::regex origin(R"(^(?:LaTeX|(Package|Class) (\S+)) Error: (.*)$)");
    std::smatch m;
    if (std::regex_match(text, m, origin)) {
        std::string who = m[1].matched ? fmt::format("{} {}: ", m[1].str(), m[2].str()) : "";
        if (!who.empty())
            who[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(who[0])));
        return who + short_error(m[3].str());
    }
    // "Undefined control sequence" -> "undefined ...", but "TeX capacity" and "DVI" stay.
    const std::string_view first_word = std::string_view(text).substr(0, text.find(' '));
    if (first_word.size() > 1 && std::isupper(static_cast<unsigned char>(text[0])) &&
        std::none_of(first_word.begin() + 1, first_word.end(),
                     [](char c) { return std::isupper(static_cast<unsigned char>(c)); }))
        text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    while (!text.empty() && (text.back() == '.' || text.back() == ' ')) text.pop_back();
    return text;
}

bool is_follow_up(std::string_view text) {
    while (text.starts_with(' ')) text.remove_prefix(1);
    return text.starts_with("Emergency stop") || text.starts_with("==> Fatal error occurred") ||
           text.starts_with("Job aborted");
}

// Adds an error, or folds an "Emergency stop" into the error before it (which, when TeX
// printed it in the "! ..." form, learns its file and line from the stop).
void add_error(std::vector<TexMessage>& out, TexMessage msg) {
    const auto previous = std::find_if(out.rbegin(), out.rend(), [](const TexMessage& m) {
        return m.kind == TexMessage::Kind::error;
    });
    if (is_follow_up(msg.text) && previous != out.rend()) {
        if (previous->file.empty()) previous->file = msg.file;
        if (previous->line == 0) previous->line = msg.line;
        return;
    }
    msg.text = short_error(std::move(msg.text));
    out.push_back(std::move(msg));
}

// The line number of the "l.N ..." context line that follows an error, 0 if none.
std::uint32_t context_line(const std::vector<std::string_view>& lines, std::size_t from) {
    for (std::size_t j = from; j < lines.size() && j < from + 40; ++j) {
        if (lines[j].starts_with("l.")) return to_u32(lines[j].substr(2));
        if (lines[j].starts_with("! ")) break;
    }
    return 0;
}

// XeTeX and LuaTeX name the character and its code point: "中 (U+4E2D)".
std::string missing_glyph(const std::string& what) {
    static const std::regex named(R"(^(.+) \(U\+[0-9A-F]{4,6}\)$)");
    std::smatch m;
    return std::regex_match(what, m, named) ? m[1].str() : std::string();
}

}  // namespace

std::vector<TexMessage> parse_tex_log(std::string_view log) {
    static const std::regex file_line_error(
        // A path without spaces: the box displays of overfull lines quote the user's text
        // ("[]\T1/lmr/m/n/10.95 see notes.tex:12: oops"), which must not read as an error.
        R"(^((?:\./|/)?[^ \[\]]+\.(?:tex|cls|sty|def|cfg|fd|ltx)):(\d+): (.*)$)");
    static const std::regex overfull(
        R"(^Overfull \\hbox \(([0-9.]+)pt too wide\).* (?:lines (\d+)--\d+|detected at line (\d+)))");
    static const std::regex overfull_v(R"(^Overfull \\vbox \(([0-9.]+)pt too high\))");
    static const std::regex latex_warning(
        R"(^((?:LaTeX|Package|Class) ?[^ ]* Warning: .*?)(?: on input line (\d+)\.)?$)");
    static const std::regex missing(R"(^Missing character: There is no (.*) in font (.*)!$)");
    std::vector<TexMessage> out;
    const auto lines = split_lines(log);
    std::smatch m;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string l(lines[i]);
        if (std::regex_match(l, m, file_line_error)) {
            TexMessage msg{TexMessage::Kind::error, m[3].str(), basename_of(m[1].str()),
                           to_u32(m[2].str()), 0};
            // "Undefined control sequence" names the culprit at the end of the next line.
            if (msg.text.starts_with("Undefined control sequence") && i + 1 < lines.size()) {
                const std::string_view next = lines[i + 1];
                const auto bs = next.rfind('\\');
                if (bs != std::string_view::npos)
                    msg.text = fmt::format("undefined control sequence {}", next.substr(bs));
            }
            add_error(out, std::move(msg));
        } else if (l.starts_with("! ")) {
            add_error(out,
                      {TexMessage::Kind::error, l.substr(2), "", context_line(lines, i + 1), 0});
        } else if (std::regex_search(l, m, overfull)) {
            out.push_back({TexMessage::Kind::overfull, l, "",
                           to_u32(m[2].matched ? m[2].str() : m[3].str()), std::stod(m[1].str())});
        } else if (std::regex_search(l, m, overfull_v)) {
            out.push_back({TexMessage::Kind::overfull, l, "", 0, std::stod(m[1].str())});
        } else if (std::regex_match(l, m, missing)) {
            out.push_back({TexMessage::Kind::missing_character,
                           fmt::format("no glyph for {} in font {}", m[1].str(), m[2].str()), "", 0,
                           0, missing_glyph(m[1].str())});
        } else if (l.find("Warning: ") != std::string::npos &&
                   std::regex_match(l, m, latex_warning)) {
            out.push_back({TexMessage::Kind::warning, m[1].str(), "",
                           m[2].matched ? to_u32(m[2].str()) : 0, 0});
        }
    }
    return out;
}

namespace {

// A private directory that removes itself.
class TempDir {
  public:
    TempDir() {
        const char* base = std::getenv("TMPDIR");
        std::string templ = std::string(base && *base ? base : "/tmp") + "/cvtex-XXXXXX";
        if (mkdtemp(templ.data())) path_ = templ;
    }
    ~TempDir() {
        std::error_code ec;
        if (!path_.empty() && !kept_) fs::remove_all(path_, ec);
    }
    /// Leaves the directory in place, e.g. so that the log of a failed run can be read.
    void keep() { kept_ = true; }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; }

  private:
    std::string path_;
    bool kept_ = false;
};

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

enum class RunOutcome { exited, timed_out, spawn_failed };

using Clock = std::chrono::steady_clock;

// The engine's process group while it runs, so that a SIGINT, SIGTERM or SIGHUP sent to cvtex
// takes the engine down too (it has its own group, so a terminal's Ctrl-C does not reach it).
std::atomic<pid_t> running_group{0};
volatile std::sig_atomic_t pending_signal = 0;

extern "C" void on_terminating_signal(int sig) {
    pending_signal = sig;
    if (const pid_t group = running_group.load(); group > 0) kill(-group, SIGKILL);
}

// Installs the handler for the length of an engine run; on the way out it restores the
// previous handlers and, if a signal came, raises it again once the build directory is gone.
class SignalGuard {
  public:
    SignalGuard() {
        struct sigaction sa {};
        sa.sa_handler = on_terminating_signal;
        sigemptyset(&sa.sa_mask);
        for (std::size_t i = 0; i < std::size(signals_); ++i) sigaction(signals_[i], &sa, &old_[i]);
    }
    ~SignalGuard() {
        for (std::size_t i = 0; i < std::size(signals_); ++i)
            sigaction(signals_[i], &old_[i], nullptr);
        if (pending_signal) raise(pending_signal);
    }
    SignalGuard(const SignalGuard&) = delete;
    SignalGuard& operator=(const SignalGuard&) = delete;

  private:
    static constexpr int signals_[] = {SIGINT, SIGTERM, SIGHUP};
    struct sigaction old_[3]{};
};

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

// Runs the engine once with the hardened options and `extra` arguments (the last of which
// names the input). The child gets its own process group so a timeout kills everything it
// started.
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

// Copies the build files into the --keep-build directory (which check_keep_dir approved). A
// failure keeps the private directory instead, so the log named in the hint exists.
bool keep_files(const std::string& from, const std::string& to, EngineResult& result) {
    std::error_code ec;
    fs::create_directories(to, ec);
    if (ec) return false;
    std::ofstream(fs::path(to) / keep_marker) << "Build files kept by cvtex --keep-build.\n";
    for (const auto& entry : fs::directory_iterator(from, ec)) {
        if (entry.path().extension() == ".fmt") continue;  // the cached format, megabytes
        fs::copy_file(entry.path(), fs::path(to) / entry.path().filename(),
                      fs::copy_options::overwrite_existing, ec);
        if (ec) return false;
    }
    if (ec) return false;
    result.log_path = (fs::path(to) / "cv.log").string();
    return true;
}

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

// The format a job would use: its cache directory, key and \documentclass line.
struct FormatSpec {
    std::string cache_dir;
    std::string key;
    std::string documentclass_line;
    std::string base() const { return cache_dir + "/" + FormatCache::format_name(key); }
};

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

class ProcessEngine final : public Engine {
  public:
    EngineResult run(const EngineJob& job) override {
        EngineResult result;
        const std::string binary = find_in_path(job.engine);
        if (binary.empty()) {
            result.status = EngineStatus::not_found;
            result.detail = job.engine;
            return result;
        }
        // The whole build, every pass and the format dump, shares one deadline.
        const Clock::time_point deadline = Clock::now() + job.timeout;
        // Declared before the directory, so a signal is re-raised only after it is removed.
        const SignalGuard signals;
        TempDir dir;
        if (dir.path().empty()) {
            result.detail = "cannot create a temporary build directory";
            return result;
        }
        {
            std::ofstream tex(dir.path() + "/cv.tex", std::ios::binary);
            tex << job.tex;
            if (!tex) {
                result.detail = "cannot write the .tex file to the build directory";
                return result;
            }
        }
        std::string log;
        // Through the cached format of the class preamble when there is one; on a miss the
        // run goes on without it and the format is dumped in the background for the next
        // build. The cache is an optimisation only: the PDF is the same either way, and no
        // failure of the cache ever fails the build.
        const std::optional<FormatSpec> spec = format_spec(binary, job);
        std::string format = spec ? use_cached_format(*spec, dir.path()) : std::string();
        if (spec && format.empty()) dump_format_in_background(binary, job, *spec);
        for (result.passes = 1; result.passes <= job.max_passes; ++result.passes) {
            int exit_status = 0;
            std::vector<std::string> args{"cv.tex"};
            if (!format.empty()) args.insert(args.begin(), format);
            const RunOutcome outcome =
                run_engine(binary, job, dir.path(), args, deadline, exit_status);
            if (pending_signal) {
                result.status = EngineStatus::failed;
                result.detail = fmt::format("interrupted by signal {}", int(pending_signal));
                return result;
            }
            // A format that will not load (a damaged cache file, an engine upgraded in place,
            // one removed meanwhile) is dropped from the cache and dumped afresh for later
            // builds; this run goes on without one.
            if (!format.empty() && outcome == RunOutcome::exited && exit_status != 0 &&
                format_failed_to_load(read_file(dir.path() + "/engine.out").value_or(""))) {
                discard_format(*spec, dir.path());
                dump_format_in_background(binary, job, *spec);
                format.clear();
                --result.passes;
                continue;
            }
            result.used_format = !format.empty();
            if (outcome == RunOutcome::spawn_failed) {
                result.status = EngineStatus::not_found;
                result.detail = job.engine;
                return result;
            }
            log = read_file(dir.path() + "/cv.log").value_or("");
            if (outcome == RunOutcome::timed_out) {
                result.status = EngineStatus::timeout;
                result.messages = parse_tex_log(log);
                break;
            }
            if (exit_status != 0) {
                result.status = EngineStatus::tex_error;
                result.messages = parse_tex_log(log);
                if (result.messages.empty() ||
                    result.messages.front().kind != TexMessage::Kind::error)
                    result.detail =
                        fmt::format("{} exited with status {}", job.engine, exit_status);
                break;
            }
            if (!log_wants_rerun(log) || result.passes == job.max_passes) {
                result.messages = parse_tex_log(log);
                auto pdf = read_file(dir.path() + "/cv.pdf");
                if (pdf) {
                    result.status = EngineStatus::ok;
                    result.pdf = std::move(*pdf);
                } else {
                    result.detail = fmt::format("{} wrote no PDF", job.engine);
                }
                break;
            }
        }
        if (result.passes > job.max_passes) result.passes = job.max_passes;
        const bool kept = job.keep_dir && keep_files(dir.path(), *job.keep_dir, result);
        if (job.keep_dir && !kept) result.keep_failed = true;
        if (!kept && (result.status == EngineStatus::tex_error ||
                      result.status == EngineStatus::timeout || result.keep_failed)) {
            // The diagnostics name the log; it stays in the private directory, never in the
            // user's folder.
            dir.keep();
            result.log_path = dir.path() + "/cv.log";
        }
        return result;
    }
};

}  // namespace

std::unique_ptr<Engine> make_process_engine() {
    return std::make_unique<ProcessEngine>();
}

}  // namespace cvtex
