// A source file held in memory, with the line index that diagnostics need.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cvtex/base/diagnostics.hpp"

namespace cvtex {

/// The text of one input file. A leading byte-order mark is removed; line endings are kept,
/// so positions reported by the TOML parser stay right for CRLF files.
class SourceFile {
  public:
    SourceFile(std::string path, std::string text);

    const std::string& path() const { return path_; }
    const std::string& text() const { return text_; }
    /// Line `n` (1-based) without its line ending; empty past the end.
    std::string_view line(std::uint32_t n) const;
    std::uint32_t line_count() const { return static_cast<std::uint32_t>(starts_.size()); }
    bool had_bom() const { return had_bom_; }

  private:
    std::string path_;
    std::string text_;
    std::vector<std::size_t> starts_;
    bool had_bom_ = false;
};

/// Reads a file for use as input. Missing files, directories, empty files and text that is
/// not UTF-8 are reported to `sink` (one clear line each) and give nullopt.
std::optional<SourceFile> read_source(const std::string& path, DiagnosticSink& sink);

/// Reads a whole file into a string; nullopt on failure (no diagnostics).
std::optional<std::string> read_file(const std::string& path);

}  // namespace cvtex
