// How the pipeline reaches its input files: one interface, the disk for the CLI, memory for
// tests. Nothing in the pipeline opens a file any other way, so a run can list what it read.
#pragma once

#include <map>
#include <string>

namespace cvtex {

/// The bytes of one file, or why there are none.
struct FileRead {
    enum class Status { ok, not_found, is_directory, unreadable };
    Status status = Status::not_found;
    std::string bytes;
    bool ok() const { return status == Status::ok; }
};

/// Read access to input files. Implementations never write.
class Files {
  public:
    virtual ~Files() = default;
    virtual FileRead read(const std::string& path) = 0;
};

/// The real file system.
class DiskFiles final : public Files {
  public:
    FileRead read(const std::string& path) override;
};

/// Files held in memory, for tests and for tools that compile text they already have.
class MemoryFiles final : public Files {
  public:
    void add(const std::string& path, std::string bytes) { files_[path] = std::move(bytes); }
    void add_directory(const std::string& path) { directories_[path] = true; }
    FileRead read(const std::string& path) override;
    /// How many times `path` was asked for.
    int reads(const std::string& path) const;

  private:
    std::map<std::string, std::string> files_;
    std::map<std::string, bool> directories_;
    std::map<std::string, int> reads_;
};

}  // namespace cvtex
