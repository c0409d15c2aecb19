// No-op rebuilds: a stamp in the cache records what went into an output (the digest of every
// input, of the options and of the TeX installation) and what came out; while all of that
// still holds, the output is up to date and TeX need not run.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace cvtex {

/// A file and its digest: as Sources::digest (sha256_hex of its bytes, or "missing"), or for
/// what is only checked for changes, "stat:" and its file_stamp() (size and time).
struct StampEntry {
    std::string path;
    std::string digest;
};

struct Stamp {
    std::string key;  ///< the digest of everything but the files: version, engine, options
    std::vector<StampEntry> inputs;
    /// Recognised by stat_entry(): cvtex wrote them itself, so size and time tell whether
    /// anyone replaced them, without hashing a large PDF on every no-op.
    std::vector<StampEntry> outputs;
    int pages = 0;  ///< of the PDF, for -v; 0 when unknown
};

/// What identifies the cvtex at `executable` in stamps: its version, and its binary's size
/// and modification time, so that a rebuilt cvtex of the same version trusts no old stamp.
std::string tool_identity(const std::string& executable);

/// Where stamps are kept: $XDG_CACHE_HOME/cvtex/stamps, else ~/.cache/cvtex/stamps; empty
/// when neither variable is set (then there are no no-op rebuilds).
std::string default_stamp_dir();

/// Where the stamp of `output` lives in `dir`: a file named by the digest of the output's
/// absolute path, so the user's folder gets no file of cvtex's.
std::string stamp_path(const std::string& dir, const std::string& output);

/// A witness entry for `path`: "stat:" and its file_stamp().
StampEntry stat_entry(const std::string& path);

/// The stamp as text (one line per field, paths last on their line), empty when a path
/// holds a line break; and back, nullopt for anything that is not a stamp of this format.
std::string format_stamp(const Stamp& stamp);
std::optional<Stamp> parse_stamp(const std::string& text);

/// The stamp at `path` when it names `key` and every input and output it lists still has
/// the same digest on disk (an input that was missing must still be missing); else nullopt,
/// also when its directory is not own_private_dir().
std::optional<Stamp> current_stamp(const std::string& path, const std::string& key);

/// Writes `stamp` to `path` atomically, replacing a symlink there instead of following it,
/// into a directory that make_private_dir() accepts; a stamp that cannot be written as text
/// removes the old one. Returns an error message, or an empty string.
std::string write_stamp(const std::string& path, const Stamp& stamp);

}  // namespace cvtex
