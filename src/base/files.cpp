// The files interface: the disk and memory implementations.
#include "cvtex/base/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "cvtex/base/diagnostics.hpp"

namespace cvtex {

namespace fs = std::filesystem;

namespace {

FileRead failed(FileRead::Status status, int error = 0) {
    FileRead r;
    r.status = status;
    if (error) r.reason = std::strerror(error);
    return r;
}

// At most max_input_bytes + 1 bytes of `fd`: one more than allowed says that it is too large,
// also for what has no size (a pipe, /dev/zero).
FileRead read_bounded(int fd, std::size_t size_hint) {
    FileRead r;
    r.bytes.resize(std::min(size_hint, max_input_bytes) + 1);
    std::size_t have = 0;
    for (;;) {
        if (have == r.bytes.size()) {
            if (have > max_input_bytes) return failed(FileRead::Status::too_large);
            r.bytes.resize(std::min(2 * have + 65536, max_input_bytes + 1));
        }
        const ssize_t n = ::read(fd, r.bytes.data() + have, r.bytes.size() - have);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return failed(FileRead::Status::unreadable, errno);
        if (n == 0) break;
        have += static_cast<std::size_t>(n);
    }
    if (have > max_input_bytes) return failed(FileRead::Status::too_large);
    r.bytes.resize(have);
    r.status = FileRead::Status::ok;
    return r;
}

}  // namespace

std::string describe_failure(const FileRead& read) {
    switch (read.status) {
        case FileRead::Status::ok:
            return {};
        case FileRead::Status::not_found:
            return "no such file";
        case FileRead::Status::is_directory:
            return "is a directory";
        case FileRead::Status::too_large:
            return fmt::format("is larger than {} MiB, the limit for an input file",
                               max_input_bytes >> 20);
        case FileRead::Status::unreadable:
            break;
    }
    std::string why = read.reason.empty() ? std::string("cannot be read") : read.reason;
    if (!why.empty()) why[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(why[0])));
    return why;
}

std::string cannot_read(std::string_view what, const FileRead& read) {
    if (read.status == FileRead::Status::not_found)
        return fmt::format("cannot read {}: there is no such file", what);
    return fmt::format("cannot read {}: {}", what, describe_failure(read));
}

FileRead DiskFiles::read(const std::string& path) {
    struct stat st {};
    if (stat(path.c_str(), &st) != 0)
        return errno == ENOENT || errno == ENOTDIR ? failed(FileRead::Status::not_found)
                                                   : failed(FileRead::Status::unreadable, errno);
    if (S_ISDIR(st.st_mode)) return failed(FileRead::Status::is_directory);
    if (S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) > max_input_bytes)
        return failed(FileRead::Status::too_large);
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) return failed(FileRead::Status::unreadable, errno);
    FileRead r = read_bounded(fd, S_ISREG(st.st_mode) ? static_cast<std::size_t>(st.st_size) : 0);
    close(fd);
    return r;
}

std::vector<std::string> DiskFiles::names_in(const std::string& dir) {
    std::vector<std::string> out;
    std::error_code ec;
    std::size_t budget = 2000;
    for (fs::directory_iterator it(dir.empty() ? "." : dir, ec), end; !ec && it != end && budget;
         it.increment(ec), --budget)
        if (it->is_regular_file(ec)) out.push_back(it->path().filename().string());
    return out;
}

std::vector<std::string> MemoryFiles::names_in(const std::string& dir) {
    std::vector<std::string> out;
    for (const auto& [path, bytes] : files_)
        if (fs::path(path).parent_path() == fs::path(dir))
            out.push_back(fs::path(path).filename().string());
    return out;
}

std::string near_file(Files& files, const std::string& path) {
    const fs::path p(path);
    std::vector<std::string> same_kind;
    for (auto& name : files.names_in(p.parent_path().string()))
        if (fs::path(name).extension() == p.extension()) same_kind.push_back(std::move(name));
    return closest_match(p.filename().string(), same_kind);
}

FileRead MemoryFiles::read(const std::string& path) {
    ++reads_[path];
    if (directories_.count(path)) return {FileRead::Status::is_directory, {}};
    const auto it = files_.find(path);
    if (it == files_.end()) return {FileRead::Status::not_found, {}};
    return {FileRead::Status::ok, it->second};
}

int MemoryFiles::reads(const std::string& path) const {
    const auto it = reads_.find(path);
    return it == reads_.end() ? 0 : it->second;
}

}  // namespace cvtex
