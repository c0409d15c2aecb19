// PNG previews through pdftoppm: the PDF into a private directory, pdftoppm run there with
// nothing but its arguments, the pages read back in order.
#include "cvtex/cli/png.hpp"

#include <spawn.h>
#include <sys/wait.h>

#include <fcntl.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "cvtex/base/output.hpp"
#include "cvtex/base/source.hpp"
#include "cvtex/engine/process.hpp"

extern char** environ;

namespace cvtex {

namespace fs = std::filesystem;

namespace {

// Runs `args` (found on PATH) with standard input from /dev/null and its output in `log`;
// its exit status, or -1 when it could not be started.
int run(const std::vector<std::string>& args, const std::string& log) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, argv[0], &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) return -1;
    int status = 0;
    if (waitpid(pid, &status, 0) < 0) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

std::vector<std::string> render_png(const std::string& pdf, int dpi, std::string& error) {
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
                           log);
    if (status != 0) {
        error = status == -1 ? "pdftoppm is not installed (or not on PATH)"
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
