// The format of the class preamble: which one a job would use, using it from the cache,
// discarding it, and dumping it in a detached helper process (`cvtex internal-dump-format`).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "cvtex/engine/engine.hpp"
#include "cvtex/engine/format_cache.hpp"
#include "cvtex/engine/interruption.hpp"

namespace cvtex {

/// The format a job would use: its cache directory, key and \documentclass line.
struct FormatSpec {
    std::string cache_dir;
    std::string key;
    std::string documentclass_line;
    /// The text of the user's theme (the class's theme "custom"), which the preamble reads;
    /// empty when the document has none.
    std::string theme;
    std::string base() const { return cache_dir + "/" + FormatCache::format_name(key); }
};

/// The format for `job` run by `binary`, or nullopt when it uses none (not pdflatex, no
/// cache, no dump point in the .tex, or a cache directory that is not safe to use).
std::optional<FormatSpec> format_spec(const std::string& binary, const EngineJob& job);

/// Looks the format up in the cache and links it into the build directory `dir`; returns the
/// -fmt argument, or empty to compile without a format.
std::string use_cached_format(const FormatSpec& spec, const std::string& dir);

/// Removes a format that failed to load: the link in the build directory and the cache entry.
void discard_format(const FormatSpec& spec, const std::string& dir);

/// What the background dump needs. It reaches the helper process on its command line.
struct FormatDumpRequest {
    std::string engine_binary;  ///< the resolved path of pdflatex
    std::string class_dir;
    std::string cache_dir;
    std::string key;
    std::string documentclass_line;
    std::optional<std::string> source_date_epoch;
    std::chrono::milliseconds timeout{60000};
    std::string theme;  ///< see FormatSpec::theme
    FormatSpec spec() const { return {cache_dir, key, documentclass_line, theme}; }
};

/// The subcommand of the helper executable that dumps a format (hidden from --help).
inline constexpr const char* dump_helper_command = "internal-dump-format";

/// The descriptor on which the helper receives cvtex-KEY.lock, flock'ed by the build that
/// started it; the lock is held until the dump ends.
inline constexpr int dump_lock_fd = 3;

/// The largest custom theme that goes into a format: it reaches the helper as one argument,
/// and Linux limits one to 128 KiB. A larger theme is read at every build instead.
inline constexpr std::size_t max_theme_size = 100000;

/// The helper's arguments after the executable: the subcommand and `--name=value` options
/// (engine-binary, class-dir, cache-dir, key, documentclass, timeout-ms, source-date-epoch,
/// theme: the text of a custom theme, so at most max_theme_size bytes).
std::vector<std::string> dump_helper_arguments(const FormatDumpRequest& request);

/// Starts dumping the format in the background and returns at once: the build that found the
/// cache cold compiles without the format (same bytes), and the next one finds it. Runs
/// `helper internal-dump-format ...` detached; without a helper nothing is dumped.
void dump_format_in_background(const std::string& helper, const std::string& binary,
                               const EngineJob& job, const FormatSpec& spec);

/// The dump itself, as the helper runs it while holding the lock on dump_lock_fd: dumps the
/// format into the cache unless another dump stored it meanwhile, marks a failure of TeX so
/// later builds do not retry for an hour, and removes the lock file at the end. A signal
/// seen by `interruption` stops TeX and removes the dump's files.
void run_format_dump(const FormatDumpRequest& request, const Interruption* interruption);

}  // namespace cvtex
