// PNG previews through pdftoppm: the PDF into a private directory, pdftoppm run there with
// nothing but its arguments, the pages read back in order.
#include "cvtex/cli/png.hpp"

#include <fcntl.h>
#include <spawn.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "cvtex/base/output.hpp"
#include "cvtex/base/source.hpp"
#include "cvtex/engine/process.hpp"

#include <fmt/format.h>

namespace cvtex {

namespace fs = std::filesystem;

namespace {

constexpr int timed_out = -2;

// Runs `args` (found on PATH) in a process group of its own, with standard input from
// /dev/null and its output in `log`, until `deadline`; its exit status, -1 when it could not
// be started, timed_out when it was stopped at the deadline.
int run(const std::vector<std::string>& args, const std::string& log, Clock::time_point deadline) {
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, argv[0], &fa, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) return -1;
    // As the engine is waited for: its group killed at the deadline, and reaped.
    const RunResult result = wait_engine(pid, deadline, nullptr);
    return result.outcome == RunResult::Outcome::timed_out ? timed_out : result.exit_status;
}

}  // namespace

std::vector<std::string> render_png(const std::string& pdf, int dpi, std::string& error,
                                    std::chrono::milliseconds timeout) {
    const TempDir dir;
    if (dir.path().empty()) {
        error = "cannot make a private directory";
        return {};
    }
    const fs::path in = fs::path(dir.path()) / "in.pdf";
    if (auto err = write_file_atomic(in.string(), pdf, true, false, false); !err.empty()) {
        error = err;
        return {};
    }
    const std::string log = (fs::path(dir.path()) / "pdftoppm.log").string();
    const int status = run({"pdftoppm", "-png", "-r", std::to_string(dpi), in.string(),
                            (fs::path(dir.path()) / "page").string()},
                           log, deadline_after(timeout));
    if (status != 0) {
        error = status == -1          ? "pdftoppm is not installed (or not on PATH)"
                : status == timed_out ? fmt::format("pdftoppm did not finish within {} s",
                                                    std::chrono::duration<double>(timeout).count())
                                      : "pdftoppm failed: " + read_file(log).value_or("");
        while (!error.empty() && error.back() == '\n') error.pop_back();
        return {};
    }
    // page-1.png, or page-01.png when there are ten pages or more: ordered by the number.
    std::map<int, fs::path> pages;
    for (const auto& e : fs::directory_iterator(dir.path())) {
        const std::string name = e.path().filename().string();
        if (!name.starts_with("page-") || !name.ends_with(".png")) continue;
        pages[std::stoi(name.substr(5, name.size() - 9))] = e.path();
    }
    std::vector<std::string> out;
    out.reserve(pages.size());
    for (const auto& [n, path] : pages) out.push_back(read_file(path.string()).value_or(""));
    if (out.empty()) error = "pdftoppm wrote no page";
    return out;
}

std::string png_path(const std::string& pdf_path, int page) {
    fs::path p(pdf_path);
    const std::string stem = p.stem().string();
    return (p.parent_path() / (stem + "-" + std::to_string(page) + ".png")).string();
}

}  // namespace cvtex
