// The format cache: keys, manifests of the files a format was built from, atomic stores.
#include "cvtex/format_cache.hpp"

#include <sys/stat.h>

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "cvtex/output.hpp"
#include "cvtex/source.hpp"

namespace cvtex {

namespace fs = std::filesystem;

namespace {

// "size mtime_ns" of a file, or empty when it cannot be read.
std::string file_stamp(const std::string& path) {
    struct stat st {};
    if (stat(path.c_str(), &st) != 0) return {};
    return fmt::format("{} {}.{:09}", st.st_size, st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

// The files TeX read, from its -recorder output: absolute "INPUT /path" lines (files in the
// build directory, such as the document itself, don't count).
std::set<std::string> recorded_inputs(std::string_view fls, const std::string& build_dir) {
    std::set<std::string> out;
    std::istringstream in{std::string(fls)};
    for (std::string line; std::getline(in, line);) {
        if (!line.starts_with("INPUT ")) continue;
        std::string path = line.substr(6);
        if (path.empty() || path[0] != '/' || path.starts_with(build_dir + "/")) continue;
        out.insert(std::move(path));
    }
    return out;
}

}  // namespace

std::string default_format_cache_dir() {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
        return std::string(xdg) + "/cvtex/formats";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::string(home) + "/.cache/cvtex/formats";
    return {};
}

std::string stable_hash(std::string_view data) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (char c : data) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    return fmt::format("{:016x}", h);
}

std::string FormatCache::key(std::string_view engine, const std::string& engine_binary,
                             std::string_view class_text, std::string_view documentclass_line) {
    // The engine binary's stamp changes with every TeX Live upgrade; the manifest catches
    // package updates.
    return stable_hash(fmt::format("cvtex-format-v1\n{}\n{}\n{}\n{}\n{}", engine, engine_binary,
                                   file_stamp(engine_binary), documentclass_line, class_text));
}

std::optional<std::string> FormatCache::lookup(const std::string& key) const {
    const std::string base = dir_ + "/" + format_name(key);
    const std::string fmt_path = base + ".fmt";
    const auto manifest = read_file(base + ".deps");
    std::error_code ec;
    if (!manifest || !fs::exists(fmt_path, ec)) return std::nullopt;
    std::istringstream in(*manifest);
    bool valid = true;
    for (std::string line; valid && std::getline(in, line);) {
        // Each line: "<stamp>\t<path>".
        const auto tab = line.find('\t');
        valid = tab != std::string::npos && file_stamp(line.substr(tab + 1)) == line.substr(0, tab);
    }
    if (valid) return fmt_path;
    fs::remove(fmt_path, ec);
    fs::remove(base + ".deps", ec);
    return std::nullopt;
}

bool FormatCache::store(const std::string& key, const std::string& fmt_path,
                        std::string_view recorder_text, const std::string& build_dir) const {
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec) return false;
    std::string manifest;
    for (const auto& path : recorded_inputs(recorder_text, build_dir)) {
        const std::string stamp = file_stamp(path);
        if (stamp.empty()) return false;
        manifest += stamp + "\t" + path + "\n";
    }
    if (manifest.empty()) return false;  // a format built from nothing is not to be trusted
    const auto bytes = read_file(fmt_path);
    if (!bytes) return false;
    const std::string base = dir_ + "/" + format_name(key);
    // The format first, then the manifest that makes it valid: a reader never sees a
    // manifest for a half-written format.
    return write_file_atomic(base + ".fmt", *bytes).empty() &&
           write_file_atomic(base + ".deps", manifest).empty();
}

}  // namespace cvtex
