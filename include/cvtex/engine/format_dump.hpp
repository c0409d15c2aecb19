// The format of the class preamble: which one a job would use, using it from the cache,
// discarding it, and dumping it in the background. Internal to the engine.
#pragma once

#include <optional>
#include <string>

#include "cvtex/engine/engine.hpp"
#include "cvtex/engine/format_cache.hpp"

namespace cvtex {

/// The format a job would use: its cache directory, key and \documentclass line.
struct FormatSpec {
    std::string cache_dir;
    std::string key;
    std::string documentclass_line;
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

/// Starts dumping the format in a detached process and returns at once.
void dump_format_in_background(const std::string& binary, const EngineJob& job,
                               const FormatSpec& spec);

}  // namespace cvtex
