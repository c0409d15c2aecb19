// Atomic file output: mkstemp in the target directory, write, rename.
#include "cvtex/output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace cvtex {

namespace fs = std::filesystem;

std::string write_file_atomic(const std::string& path, std::string_view bytes) {
    const fs::path target(path);
    std::error_code ec;
    if (fs::exists(target, ec) && !fs::is_regular_file(target, ec))
        return fmt::format("{} exists and is not a regular file", path);
    fs::path dir = target.parent_path();
    if (dir.empty()) dir = ".";
    std::string temp = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
    const int fd = mkstemp(temp.data());
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
    // mkstemp makes the file 0600; give it the mode a normally created file would have.
    const mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    // No fsync: the rename already guarantees that readers see the old file or the whole new
    // one. fsync would only add durability across a power cut, at the price of most of the
    // front end's wall time on large outputs (make, ninja and latexmk don't fsync either).
    if (close(fd) != 0) {
        unlink(temp.c_str());
        return fmt::format("cannot write {}: {}", path, std::strerror(errno));
    }
    if (rename(temp.c_str(), path.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        unlink(temp.c_str());
        return fmt::format("cannot replace {}: {}", path, why);
    }
    return {};
}

bool same_file(const std::string& a, const std::string& b) {
    std::error_code ec;
    return fs::equivalent(a, b, ec);
}

}  // namespace cvtex
