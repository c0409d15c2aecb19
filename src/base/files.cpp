// The files interface: the disk and memory implementations.
#include "cvtex/base/files.hpp"

#include <filesystem>

#include "cvtex/base/source.hpp"

namespace cvtex {

FileRead DiskFiles::read(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (!fs::exists(status)) return {FileRead::Status::not_found, {}};
    if (fs::is_directory(status)) return {FileRead::Status::is_directory, {}};
    auto text = read_file(path);
    if (!text) return {FileRead::Status::unreadable, {}};
    return {FileRead::Status::ok, std::move(*text)};
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
