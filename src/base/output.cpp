// Atomic file output: a temporary file in the target directory, write, rename.
#include "cvtex/base/output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>

#include "cvtex/base/source.hpp"

namespace cvtex {

namespace fs = std::filesystem;

namespace {

// rename() without replacing: renameat2(RENAME_NOREPLACE), or link() + unlink() on file
// systems that do not support it. Either fails with EEXIST when the target exists.
int rename_no_replace(const std::string& from, const std::string& to) {
#ifdef RENAME_NOREPLACE
    if (renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return 0;
    if (errno != EINVAL && errno != ENOSYS) return -1;
#endif
    if (link(from.c_str(), to.c_str()) != 0) return -1;
    unlink(from.c_str());
    return 0;
}

// Creates `.NAME.XXXXXX` in `dir` with random letters, as mkstemp does, but with `mode`
// (less the umask, which the kernel applies: reading it would take two umask() calls, which
// race with other threads) instead of mkstemp's 0600.
int create_temp_file(const fs::path& dir, const std::string& name, mode_t mode, std::string& temp) {
    static constexpr std::string_view letters =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    std::random_device random;
    for (int attempt = 0; attempt < 100; ++attempt) {
        std::string hidden = "." + name + ".";
        for (int i = 0; i < 6; ++i) hidden += letters[random() % letters.size()];
        temp = (dir / hidden).string();
        const int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, mode);
        if (fd >= 0 || errno != EEXIST) return fd;
    }
    return -1;
}

}  // namespace

std::string write_file_atomic(const std::string& path, std::string_view bytes, bool replace,
                              bool follow_symlinks) {
    std::error_code ec;
    // A symlinked output is replaced where it points, so the link itself survives.
    fs::path target(path);
    if (follow_symlinks && fs::is_symlink(target, ec)) {
        const fs::path resolved = fs::weakly_canonical(target, ec);
        if (!ec) target = resolved;
    }
    const auto status = follow_symlinks ? fs::status(target, ec) : fs::symlink_status(target, ec);
    if (fs::exists(status) && !fs::is_regular_file(status) &&
        !(!follow_symlinks && fs::is_symlink(status)))
        return fmt::format("{} exists and is not a regular file", path);
    // A file being replaced keeps its permissions (a private "chmod 600 cv.pdf" stays so).
    struct stat existing {};
    const bool had_mode = follow_symlinks
                              ? stat(target.c_str(), &existing) == 0
                              : lstat(target.c_str(), &existing) == 0 && S_ISREG(existing.st_mode);
    fs::path dir = target.parent_path();
    if (dir.empty()) dir = ".";
    // A new file gets the mode any new file gets; a replaced one is never more readable
    // while it is written than it will be.
    std::string temp;
    const int fd = create_temp_file(dir, target.filename().string(),
                                    had_mode ? (existing.st_mode & 0777) : 0666, temp);
    if (fd < 0) return fmt::format("cannot write to {}: {}", dir.string(), std::strerror(errno));
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const std::string why = std::strerror(errno);
            close(fd);
            unlink(temp.c_str());
            return fmt::format("cannot write {}: {}", path, why);
        }
        done += static_cast<std::size_t>(n);
    }
    if (had_mode) fchmod(fd, existing.st_mode & 07777);
    // No fsync: the rename already guarantees that readers see the old file or the whole new
    // one. fsync would only add durability across a power cut, at the price of most of the
    // front end's wall time on large outputs (make, ninja and latexmk don't fsync either).
    if (close(fd) != 0) {
        unlink(temp.c_str());
        return fmt::format("cannot write {}: {}", path, std::strerror(errno));
    }
    if (!replace && rename_no_replace(temp, target.string()) != 0) {
        const bool exists = errno == EEXIST;
        const std::string why = std::strerror(errno);
        unlink(temp.c_str());
        return exists ? fmt::format("exists: {}", path)
                      : fmt::format("cannot write {}: {}", path, why);
    }
    if (replace && rename(temp.c_str(), target.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        unlink(temp.c_str());
        return fmt::format("cannot replace {}: {}", path, why);
    }
    return {};
}

std::string write_file_if_changed(const std::string& path, std::string_view bytes) {
    if (const auto old = read_file(path); old && *old == bytes) return {};
    return write_file_atomic(path, bytes);
}

std::string user_cache_dir(std::string_view name) {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/')
        return fmt::format("{}/cvtex/{}", xdg, name);
    if (const char* home = std::getenv("HOME"); home && *home == '/')
        return fmt::format("{}/.cache/cvtex/{}", home, name);
    return {};
}

bool own_private_dir(const std::string& dir) {
    struct stat st {};
    return stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == geteuid() &&
           (st.st_mode & S_IWOTH) == 0;
}

bool make_private_dir(const std::string& dir) {
    std::error_code ec;
    const fs::path path(dir);
    if (!fs::exists(path, ec)) {
        fs::create_directories(path.parent_path(), ec);
        if (mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return false;
    }
    return own_private_dir(dir);
}

bool same_file(const std::string& a, const std::string& b) {
    std::error_code ec;
    return fs::equivalent(a, b, ec);
}

}  // namespace cvtex
