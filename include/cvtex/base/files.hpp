// How the pipeline reaches its input files: one interface, the disk for the CLI, memory for
// tests. Nothing in the pipeline opens a file any other way, so a run can list what it read.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cvtex {

/// The largest input file cvtex reads (a TOML, a .bib, a Markdown body, an image): 64 MiB, a
/// hundred times the largest real CV or bibliography seen, so that a mistaken `/dev/zero` or
/// a runaway generated file is an error, not an exhausted memory.
inline constexpr std::size_t max_input_bytes = std::size_t{64} << 20;

/// The bytes of one file, or why there are none.
struct FileRead {
    enum class Status { ok, not_found, is_directory, unreadable, too_large };
    Status status = Status::not_found;
    std::string bytes;
    /// For `unreadable`: why, as the system says it ("Permission denied", "Too many levels of
    /// symbolic links").
    std::string reason;
    bool ok() const { return status == Status::ok; }
};

/// Why a read that is not ok() failed, for a message: "no such file", "is a directory",
/// "is larger than 64 MiB", or the system's reason in lower case.
std::string describe_failure(const FileRead& read);

/// "cannot read WHAT", and describe_failure() after a colon unless the file is only missing.
std::string cannot_read(std::string_view what, const FileRead& read);

class Files;
/// For a file that is not there: the name of a file beside where it was looked for, with the
/// same extension, that its name is likely a misspelling of ("pubs.bib" for "pub.bib");
/// empty when there is none.
std::string near_file(Files& files, const std::string& path);

/// Read access to input files. Implementations never write.
class Files {
  public:
    virtual ~Files() = default;
    virtual FileRead read(const std::string& path) = 0;
    /// The names of the files in the folder `dir` ("" is the current one), for a hint when a
    /// file is not there; at most a few thousand, in no particular order. None by default.
    virtual std::vector<std::string> names_in(const std::string& dir) {
        (void)dir;
        return {};
    }
};

/// The real file system. A file larger than max_input_bytes is not read (`too_large`); a
/// path that cannot be looked at (a symlink loop, a directory without permission) is
/// `unreadable` with its reason, never `not_found`.
class DiskFiles final : public Files {
  public:
    FileRead read(const std::string& path) override;
    std::vector<std::string> names_in(const std::string& dir) override;
};

/// Files held in memory, for tests and for tools that compile text they already have.
class MemoryFiles final : public Files {
  public:
    void add(const std::string& path, std::string bytes) { files_[path] = std::move(bytes); }
    void add_directory(const std::string& path) { directories_[path] = true; }
    FileRead read(const std::string& path) override;
    std::vector<std::string> names_in(const std::string& dir) override;
    /// How many times `path` was asked for.
    int reads(const std::string& path) const;

  private:
    std::map<std::string, std::string> files_;
    std::map<std::string, bool> directories_;
    std::map<std::string, int> reads_;
};

}  // namespace cvtex
