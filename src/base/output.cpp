// Atomic file output: a temporary file in the target directory, write, sync, rename.
#include "cvtex/base/output.hpp"

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <random>

namespace cvtex {

namespace fs = std::filesystem;

namespace {

// Every signal that could end the process, blocked while a temporary file exists, so that it
// is renamed or removed before any of them is acted on: a signal that comes meanwhile is
// delivered when the mask is restored, with no hidden `.NAME.XXXXXX` left behind. (Faults
// are left alone: blocking them would not stop them.) A file size limit (SIGXFSZ) becomes
// the error EFBIG of write(), reported like a full disk; its signal is discarded.
class SignalsHeld {
  public:
    SignalsHeld() {
        sigset_t all;
        sigfillset(&all);
        for (const int fault : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGSYS, SIGABRT})
            sigdelset(&all, fault);
        pthread_sigmask(SIG_BLOCK, &all, &old_);
        sigset_t pending;
        xfsz_was_pending_ = sigpending(&pending) == 0 && sigismember(&pending, SIGXFSZ) == 1;
    }
    ~SignalsHeld() {
        sigset_t pending, xfsz;
        sigemptyset(&xfsz);
        sigaddset(&xfsz, SIGXFSZ);
        const timespec now{0, 0};
        if (!xfsz_was_pending_ && sigpending(&pending) == 0 && sigismember(&pending, SIGXFSZ) == 1)
            sigtimedwait(&xfsz, nullptr, &now);
        pthread_sigmask(SIG_SETMASK, &old_, nullptr);
    }
    SignalsHeld(const SignalsHeld&) = delete;
    SignalsHeld& operator=(const SignalsHeld&) = delete;

  private:
    sigset_t old_;
    bool xfsz_was_pending_ = false;
};

// A descriptor closed at the end of its scope.
class Fd {
  public:
    explicit Fd(int fd = -1) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }
    // Closes now, for the error close() may report.
    int close_now() {
        const int rc = close(fd_);
        fd_ = -1;
        return rc;
    }

  private:
    int fd_;
};

// rename() without replacing: renameat2(RENAME_NOREPLACE), or link() + unlink() on file
// systems that do not support it. Either fails with EEXIST when the target exists.
int rename_no_replace(int dir, const std::string& from, const std::string& to) {
#ifdef RENAME_NOREPLACE
    if (renameat2(dir, from.c_str(), dir, to.c_str(), RENAME_NOREPLACE) == 0) return 0;
    if (errno != EINVAL && errno != ENOSYS) return -1;
#endif
    if (linkat(dir, from.c_str(), dir, to.c_str(), 0) != 0) return -1;
    unlinkat(dir, from.c_str(), 0);
    return 0;
}

// `name` cut to at most `bytes` bytes, not inside a UTF-8 sequence.
std::string cut(const std::string& name, std::size_t bytes) {
    if (name.size() <= bytes) return name;
    std::size_t n = bytes;
    while (n > 0 && (static_cast<unsigned char>(name[n]) & 0xC0) == 0x80) --n;
    return name.substr(0, n);
}

// Creates `.NAME.XXXXXX` in `dir` with random letters, as mkstemp does, but with `mode`
// (less the umask, which the kernel applies: reading it would take two umask() calls, which
// race with other threads) instead of mkstemp's 0600. NAME is shortened so that the whole
// stays within NAME_MAX: a valid name of 250 bytes must not fail for the 8 bytes added.
int create_temp_file(int dir, const std::string& name, mode_t mode, std::string& temp) {
    static constexpr std::string_view letters =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    std::random_device random;
    const std::string stem = "." + cut(name, NAME_MAX - 8) + ".";
    for (int attempt = 0; attempt < 100; ++attempt) {
        temp = stem;
        for (int i = 0; i < 6; ++i) temp += letters[random() % letters.size()];
        const int fd =
            openat(dir, temp.c_str(),
                   O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW, mode);
        if (fd >= 0 || errno != EEXIST) return fd;
    }
    return -1;
}

bool write_all(int fd, std::string_view bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            if (n == 0) errno = EIO;
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

// How the file `name` in `dir` is written.
struct Placement {
    mode_t mode = 0666;      // for the temporary file (the umask applies)
    bool keep_mode = false;  // fchmod to `mode` (a replaced file keeps its permissions)
    bool replace = true;
    bool durable = true;
    std::string shown;      // the path, for messages
    std::string shown_dir;  // its directory, for messages
};

// The temporary file, written, synced, closed and renamed to `name`; on any failure it is
// removed again. Signals are held from its creation to its rename or removal.
std::string write_in(int dir, const std::string& name, std::string_view bytes, const Placement& p) {
    const SignalsHeld held;
    std::string temp;
    Fd fd(create_temp_file(dir, name, p.mode, temp));
    if (fd.get() < 0)
        return fmt::format("cannot write to {}: {}", p.shown_dir, std::strerror(errno));
    auto fail = [&](std::string_view what) {
        const std::string why = std::strerror(errno);
        unlinkat(dir, temp.c_str(), 0);
        return fmt::format("{} {}: {}", what, p.shown, why);
    };
    if (!write_all(fd.get(), bytes)) return fail("cannot write");
    if (p.keep_mode) fchmod(fd.get(), p.mode);
    // The bytes reach the disk before the name does: after a power cut the file is the old
    // one or the whole new one, never an empty one (ext4, XFS and btrfs may otherwise commit
    // the rename first). Caches skip it: losing them only costs a rebuild.
    if (p.durable && fsync(fd.get()) != 0) return fail("cannot write");
    if (fd.close_now() != 0) return fail("cannot write");
    if (!p.replace && rename_no_replace(dir, temp, name) != 0) {
        if (errno == EEXIST) {
            unlinkat(dir, temp.c_str(), 0);
            return fmt::format("exists: {}", p.shown);
        }
        return fail("cannot write");
    }
    if (p.replace && renameat(dir, temp.c_str(), dir, name.c_str()) != 0)
        return fail("cannot replace");
    // And the new name itself is on the disk once this returns.
    if (p.durable) fsync(dir);
    return {};
}

}  // namespace

std::string write_file_atomic(const std::string& path, std::string_view bytes, bool replace,
                              bool follow_symlinks, bool durable) {
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
    const std::string name = target.filename().string();
    if (name.empty() || name == "." || name == "..")
        return fmt::format("{} is not a file name", path);
    const Fd dir_fd(open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir_fd.get() < 0)
        return fmt::format("cannot write to {}: {}", dir.string(), std::strerror(errno));
    // A new file gets the mode any new file gets; a replaced one is never more readable
    // while it is written than it will be.
    Placement p;
    p.mode = had_mode ? (existing.st_mode & 07777) : 0666;
    p.keep_mode = had_mode;
    p.replace = replace;
    p.durable = durable;
    p.shown = path;
    p.shown_dir = dir.string();
    return write_in(dir_fd.get(), name, bytes, p);
}

std::string write_file_at(int dir, const std::string& name, std::string_view bytes,
                          const std::string& shown) {
    Placement p;
    p.shown = shown;
    p.shown_dir = fs::path(shown).parent_path().string();
    return write_in(dir, name, bytes, p);
}

namespace {

// True when the regular file `path` holds exactly `bytes`. Compared a block at a time: a
// season compares 150 PDFs (18 MB), and reading each into a string of its own cost a fresh
// allocation, zeroed, and its page faults.
bool holds(const std::string& path, std::string_view bytes) {
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st {};
    bool same = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
                static_cast<std::uint64_t>(st.st_size) == bytes.size();
    char block[65536];
    std::size_t at = 0;
    while (same) {
        const ssize_t n = read(fd, block, sizeof block);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            same = n == 0 && at == bytes.size();
            break;
        }
        const auto got = static_cast<std::size_t>(n);
        same = got <= bytes.size() - at && std::memcmp(block, bytes.data() + at, got) == 0;
        at += got;
    }
    close(fd);
    return same;
}

}  // namespace

std::string write_file_if_changed(const std::string& path, std::string_view bytes, bool* wrote) {
    if (wrote) *wrote = false;
    if (holds(path, bytes)) return {};
    std::string err = write_file_atomic(path, bytes);
    if (wrote) *wrote = err.empty();
    return err;
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
