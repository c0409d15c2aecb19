// Test support: run a command, capture its output and exit status; temporary directories.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace cvtex::test {

struct Result {
    int exit_code = -1;
    std::string out;
    std::string err;
};

inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Starts `args` (args[0] is looked up on PATH) with extra environment entries "K=V" (an
/// entry "K=" with nothing after '=' removes K), standard input from /dev/null, standard
/// output and error into the files `out_path` and `err_path`, in `cwd` when given, and
/// SIGINT and SIGTERM at their default actions whatever the test runner does with them.
/// Returns the process id, or -1.
inline pid_t start(const std::vector<std::string>& args, const std::vector<std::string>& env_extra,
                   const std::string& out_path, const std::string& err_path,
                   const std::string& cwd = "") {
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) {
        std::string kv(*e);
        bool replaced = false;
        for (const auto& x : env_extra)
            if (kv.substr(0, kv.find('=') + 1) == x.substr(0, x.find('=') + 1)) replaced = true;
        if (!replaced) env.push_back(kv);
    }
    for (const auto& x : env_extra)
        if (x.back() != '=') env.push_back(x);
    std::vector<char*> argv, envp;
    std::vector<std::string> a = args;
    for (auto& s : a) argv.push_back(s.data());
    argv.push_back(nullptr);
    for (auto& s : env) envp.push_back(s.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&fa, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&fa, cwd.c_str());
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
    pid_t pid = 0;
    if (posix_spawnp(&pid, argv[0], &fa, &attr, argv.data(), envp.data()) != 0) pid = -1;
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    return pid;
}

/// Runs `args` as start() does and waits for it: its exit status (128 + the signal that
/// killed it) and what it printed.
inline Result run(const std::vector<std::string>& args,
                  const std::vector<std::string>& env_extra = {}, const std::string& cwd = "") {
    const std::string tag = std::to_string(::getpid()) + "-" + std::to_string(rand());
    const std::string out_path = std::filesystem::temp_directory_path() / ("cvtex-out-" + tag);
    const std::string err_path = std::filesystem::temp_directory_path() / ("cvtex-err-" + tag);
    Result r;
    if (const pid_t pid = start(args, env_extra, out_path, err_path, cwd); pid > 0) {
        int status = 0;
        waitpid(pid, &status, 0);
        r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    r.out = slurp(out_path);
    r.err = slurp(err_path);
    std::filesystem::remove(out_path);
    std::filesystem::remove(err_path);
    return r;
}

/// A temporary directory removed at the end of the test.
class TempDir {
  public:
    TempDir() {
        std::string t = (std::filesystem::temp_directory_path() / "cvtex-test-XXXXXX").string();
        path_ = mkdtemp(t.data());
    }
    ~TempDir() {
        std::error_code ec;  // a background format dump may still be writing into it
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::string operator/(const std::string& name) const { return (path_ / name).string(); }

  private:
    std::filesystem::path path_;
};

/// Waits, up to `limit`, until the format cache directory `dir` holds `count` formats with
/// their manifests and no dump is running (no .lock file left): a build that finds the cache
/// cold dumps the format in a background process. With `count` 0 it only waits for running
/// dumps. False on timeout.
inline bool wait_for_formats(const std::string& dir, std::size_t count = 1,
                             std::chrono::seconds limit = std::chrono::seconds(90)) {
    const auto until = std::chrono::steady_clock::now() + limit;
    for (;;) {
        std::size_t deps = 0, locks = 0;
        std::error_code ec;
        for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end;
             it.increment(ec)) {
            deps += it->path().extension() == ".deps";
            locks += it->path().extension() == ".lock";
        }
        if (deps >= count && locks == 0) return true;
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

inline void write(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

/// Collapses every run of white space to one space.
inline std::string squeeze(const std::string& s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
            space = true;
        } else {
            if (space && !out.empty()) out += ' ';
            space = false;
            out += c;
        }
    }
    return out;
}

}  // namespace cvtex::test
