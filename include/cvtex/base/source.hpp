// A source file held in memory, with the line index that diagnostics need.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cvtex/base/diagnostics.hpp"
#include "cvtex/base/files.hpp"

namespace cvtex {

/// The text of one input file. A leading byte-order mark is removed; line endings are kept,
/// so positions reported by the TOML parser stay right for CRLF files.
class SourceFile {
  public:
    /// `id` is what the spans of this file's text carry (see Span::file).
    SourceFile(std::string path, std::string text, FileId id = 0);

    const std::string& path() const { return path_; }
    FileId id() const { return id_; }
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
    FileId id_ = 0;
};

/// The input files of one run, read through a `Files`: kept so that diagnostics can quote
/// their lines, and listed, so the caller knows every file the run read or looked for (what
/// a depfile or a watcher needs).
class Sources {
  public:
    explicit Sources(Files& files) : files_(files) {}
    Sources(const Sources&) = delete;
    Sources& operator=(const Sources&) = delete;

    /// Reads `path` and records it as an input, whether or not it could be read.
    FileRead read(const std::string& path);
    /// For a file `read` found not there: "did you mean 'NAME'?" on `d`, NAME a file beside
    /// it with the same extension that `path`'s name is likely a misspelling of (near_file()).
    void hint_near_file(Diagnostic& d, const std::string& path, const FileRead& read);
    /// Records `path` as an input that something other than the pipeline reads (the class,
    /// which TeX reads).
    void depend(const std::string& path);
    /// Keeps `file` for the rest of the run (replacing a file of the same path) and returns it.
    const SourceFile& keep(SourceFile file);
    /// Line `line` of the kept file `path`; empty when unknown.
    std::string_view line(const std::string& path, std::uint32_t line) const;
    /// Every path read or looked for, in the order first asked for, each once.
    const std::vector<std::string>& inputs() const { return inputs_; }

    /// From now on, record a digest of every input (see digest()): of the bytes read, and of
    /// a depend()ed file as it is when recorded, just before TeX reads it. Off by default: only
    /// a build that records a stamp (no-op rebuilds) pays for the hashing.
    void record_digests() { record_digests_ = true; }
    /// What `path` held when it was read: sha256_hex() of its bytes, or "missing" when it
    /// could not be read; empty when it was not recorded.
    std::string digest(const std::string& path) const;

  private:
    Files& files_;
    std::map<std::string, SourceFile> kept_;
    std::vector<std::string> inputs_;
    bool record_digests_ = false;
    std::map<std::string, std::string> digests_;
};

/// The digest Sources records for a read: sha256_hex() of the bytes, or "missing".
std::string digest_of(const FileRead& read);

/// Reads a TOML document through `sources` and keeps it there. Missing files, directories,
/// empty files and text that is not UTF-8 are reported to `sink` (one clear line each) and
/// give nullptr. The file gets the id `id`.
const SourceFile* read_source(const std::string& path, Sources& sources, DiagnosticSink& sink,
                              FileId id = 0);

/// Reports the first byte of `source` that is not UTF-8 (code `code`, at its line and
/// column, with `hint`); false when there is one.
bool check_utf8(std::string_view code, const SourceFile& source, std::string_view hint,
                DiagnosticSink& sink);

/// Reads a whole file into a string; nullopt on failure (no diagnostics).
std::optional<std::string> read_file(const std::string& path);

}  // namespace cvtex
