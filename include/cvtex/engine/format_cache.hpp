// A cache of precompiled TeX formats holding the class preamble (pdflatex -ini + mylatexformat).
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cvtex {

/// Where formats are kept: $XDG_CACHE_HOME/cvtex/formats, else $HOME/.cache/cvtex/formats;
/// empty when neither variable is set (then no cache is used).
std::string default_format_cache_dir();

/// "SIZE MTIME" of a file or directory (nanoseconds), or "missing".
std::string file_stamp(const std::string& path);

/// The environment kpathsea reads (TEX*, KPSE*, HOME, *FONTS), one "K=V" per line, sorted:
/// search paths and tree roots change what TeX reads.
std::string kpathsea_environment();

/// Files and directories whose file_stamp() changes when the TeX installation that `engine`
/// (pdflatex, ...) runs in changes: the engine's binary (a TeX Live upgrade), Debian's ls-R
/// databases (rewritten whenever a TeX package is installed or removed) and TEXMFHOME with
/// its directories (a package of the user's own, which kpathsea finds without ls-R).
std::vector<std::string> tex_witnesses(const std::string& engine);

/// 64-bit FNV-1a, as 16 hex digits: stable across builds and machines (std::hash is not).
std::string stable_hash(std::string_view data);

/// The formats in one cache directory. A format is named by a key that covers everything its
/// content depends on that cvtex can see cheaply (engine, engine binary, class text, the
/// \documentclass line); beside it a manifest lists every file TeX read while dumping it, with
/// size and modification time, so an update of any package invalidates it. Entries are
/// written atomically, an entry that fails its check is removed, and the least recently used
/// entries are pruned so the directory does not grow with every class upgrade.
class FormatCache {
  public:
    explicit FormatCache(std::string dir) : dir_(std::move(dir)) {}

    const std::string& dir() const { return dir_; }

    /// The key for a format; `engine_binary` is the resolved path of the engine.
    static std::string key(std::string_view engine, const std::string& engine_binary,
                           std::string_view class_text, std::string_view documentclass_line);

    /// The path of a valid format for `key`, or nullopt (missing or stale; stale ones are
    /// removed).
    std::optional<std::string> lookup(const std::string& key) const;

    /// Moves a freshly dumped format into the cache, inflated (TeX reads either; an inflated
    /// one loads several times faster). `recorder_text` is the .fls file TeX wrote
    /// (-recorder); its INPUT lines become the manifest. Returns false (and leaves the cache
    /// unchanged) when anything fails, including when the cache directory does not exist.
    /// `dumped_since` (seconds since the epoch, 0: unchecked) is when the dump started: a
    /// file TeX read that changed since then may have changed while TeX read it, so the
    /// format is not stored.
    bool store(const std::string& key, const std::string& fmt_path, std::string_view recorder_text,
               const std::string& build_dir, std::time_t dumped_since = 0) const;

    /// Removes the least recently used entries beyond `keep` (a lookup that finds an entry
    /// counts as a use), never the entry for `current`; manifests whose format is gone; and
    /// leftovers older than a day (interrupted stores, lock files of killed dumps, failure
    /// markers). Returns how many entries (format and manifest) were removed. Called after each
    /// store, so the directory holds at most `max_entries` formats (about 20 MB each: they are
    /// kept inflated, see store()).
    std::size_t prune(std::size_t keep, const std::string& current) const;

    /// How many formats a cache directory keeps: one per class version and set of class
    /// options in recent use.
    static constexpr std::size_t max_entries = 8;

    /// The file name of the format for `key`, without directory (what -fmt= takes, minus .fmt).
    static std::string format_name(const std::string& key) { return "cvtex-" + key; }

  private:
    std::string dir_;
};

}  // namespace cvtex
