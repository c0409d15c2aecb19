// The format cache: keys, manifests of the files a format was built from, atomic stores.
#include "cvtex/engine/format_cache.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <unistd.h>

#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <vector>

#include "cvtex/base/output.hpp"
#include "cvtex/base/source.hpp"
#include "cvtex/engine/engine.hpp"

namespace cvtex {

namespace fs = std::filesystem;

std::string file_stamp(const std::string& path) {
    struct stat st {};
    if (stat(path.c_str(), &st) != 0) return "missing";
    return fmt::format("{} {}.{:09}", st.st_size, st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

namespace {

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

// Where kpathsea looks first for a user's own packages: TEXMFHOME, by default ~/texmf.
std::string texmf_home() {
    if (const char* t = std::getenv("TEXMFHOME"); t && *t) return t;
    if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/texmf";
    return {};
}

// TEXMFHOME and every directory in it (searched without ls-R, so a file added there changes
// a directory's time), present or not.
void add_texmf_home(std::set<std::string>& out) {
    const std::string home = texmf_home();
    if (home.empty()) return;
    out.insert(home);
    std::error_code ec;
    std::size_t budget = 4000;
    for (fs::recursive_directory_iterator it(home, ec), end; !ec && it != end && budget;
         it.increment(ec), --budget)
        if (it->is_directory(ec)) out.insert(it->path().string());
}

// What else the format depends on besides the files TeX read: a file added later can shadow
// one of them. So the manifest also holds the directories those files were found in, the ls-R
// databases of their trees (rewritten whenever packages are installed), and every directory
// of TEXMFHOME (searched without ls-R), present or not.
std::set<std::string> shadowing_witnesses(const std::set<std::string>& inputs) {
    std::set<std::string> out;
    for (const auto& input : inputs) {
        fs::path dir = fs::path(input).parent_path();
        out.insert(dir.string());
        for (; !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
            std::error_code ec;
            if (fs::exists(dir / "ls-R", ec)) {
                out.insert((dir / "ls-R").string());
                break;
            }
        }
    }
    add_texmf_home(out);
    return out;
}

}  // namespace

namespace {

// TeX writes formats gzip-compressed (level 1) and reads them through zlib, which also reads
// a file that is not compressed as it is. Inflating a 7 MB format is most of the time a
// pdflatex run spends loading it (the class format: about 70 of 90 ms), so the cache keeps it
// inflated (about 20 MB) and TeX reads it at memory speed. nullopt when `bytes` is gzip data
// that does not inflate.
std::optional<std::string> inflated(const std::string& bytes) {
    if (bytes.size() < 2 || static_cast<unsigned char>(bytes[0]) != 0x1f ||
        static_cast<unsigned char>(bytes[1]) != 0x8b)
        return bytes;
    z_stream z{};
    if (inflateInit2(&z, 15 + 16) != Z_OK) return std::nullopt;  // gzip header only
    std::string out;
    out.resize(bytes.size() * 3);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    z.avail_in = static_cast<uInt>(bytes.size());
    int rc = Z_OK;
    while (rc == Z_OK) {
        if (z.total_out == out.size()) out.resize(out.size() * 2);
        z.next_out = reinterpret_cast<Bytef*>(out.data() + z.total_out);
        z.avail_out = static_cast<uInt>(out.size() - z.total_out);
        rc = inflate(&z, Z_NO_FLUSH);
    }
    out.resize(z.total_out);
    inflateEnd(&z);
    if (rc != Z_STREAM_END) return std::nullopt;
    return out;
}

}  // namespace

std::string kpathsea_environment() {
    std::vector<std::string> vars;
    for (char** e = environ; *e; ++e) {
        const std::string_view kv(*e);
        if (kv.starts_with("TEX") || kv.starts_with("KPSE") || kv.starts_with("SELFAUTO") ||
            kv.starts_with("HOME=") || kv.substr(0, kv.find('=')).ends_with("FONTS"))
            vars.emplace_back(kv);
    }
    std::sort(vars.begin(), vars.end());
    std::string out;
    for (const auto& v : vars) out += v + "\n";
    return out;
}

std::vector<std::string> tex_witnesses(const std::string& engine) {
    std::set<std::string> out;
    if (const std::string binary = find_in_path(engine); !binary.empty()) out.insert(binary);
    for (const char* ls_r :
         {"/usr/share/texlive/texmf-dist/ls-R", "/usr/share/texmf/ls-R", "/var/lib/texmf/ls-R"})
        out.insert(ls_r);
    add_texmf_home(out);
    return {out.begin(), out.end()};
}

std::string default_format_cache_dir() {
    return user_cache_dir("formats");
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
    return stable_hash(fmt::format("cvtex-format-v4\n{}\n{}\n{}\n{}\n{}\n{}", engine, engine_binary,
                                   file_stamp(engine_binary), documentclass_line,
                                   kpathsea_environment(), class_text));
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
    if (valid) {
        // Mark the entry as used, for prune(); the manifest's own time is not in any check.
        utimensat(AT_FDCWD, (base + ".deps").c_str(), nullptr, 0);
        return fmt_path;
    }
    fs::remove(fmt_path, ec);
    fs::remove(base + ".deps", ec);
    return std::nullopt;
}

bool FormatCache::store(const std::string& key, const std::string& fmt_path,
                        std::string_view recorder_text, const std::string& build_dir,
                        std::time_t dumped_since) const {
    // The directory is not created here: it exists (the caller made it before the dump), and
    // if it was deleted while the format was being dumped, it stays deleted.
    std::error_code ec;
    if (!fs::is_directory(dir_, ec)) return false;
    const std::set<std::string> inputs = recorded_inputs(recorder_text, build_dir);
    if (inputs.empty()) return false;  // a format built from nothing is not to be trusted
    std::string manifest;
    for (const auto& path : inputs) {
        struct stat st {};
        if (stat(path.c_str(), &st) != 0) return false;
        if (dumped_since != 0 && st.st_mtim.tv_sec >= dumped_since) return false;
        const std::string stamp = file_stamp(path);
        if (stamp == "missing") return false;
        manifest += stamp;
        manifest += '\t';
        manifest += path;
        manifest += '\n';
    }
    for (const auto& path : shadowing_witnesses(inputs))
        if (!inputs.count(path)) manifest += file_stamp(path) + "\t" + path + "\n";
    const auto read = read_file(fmt_path);
    const auto bytes = read ? inflated(*read) : std::nullopt;
    if (!bytes) return false;
    const std::string base = dir_ + "/" + format_name(key);
    // The format first, then the manifest that makes it valid: a reader never sees a
    // manifest for a half-written format.
    // Links in the directory are replaced, never written through.
    if (!write_file_atomic(base + ".fmt", *bytes, true, false, false).empty() ||
        !write_file_atomic(base + ".deps", manifest, true, false, false).empty())
        return false;
    prune(max_entries, key);
    return true;
}

namespace {

// One format of the cache directory, as prune() sees it.
struct CacheEntry {
    // The manifest's time: when the entry was stored or last found by lookup().
    fs::file_time_type used = fs::file_time_type::min();
    bool has_manifest = false;
    bool has_format = false;
};

// What a cache directory holds: its formats by stem, and the leftovers of interrupted work
// that are old enough to go.
struct CacheListing {
    std::map<std::string, CacheEntry> entries;
    std::vector<fs::path> leftovers;
};

// Only names cvtex writes: cvtex-KEY.fmt, cvtex-KEY.deps, the temporary files of
// write_file_atomic (.cvtex-KEY.fmt.XXXXXX), and the dump's cvtex-KEY.lock and
// cvtex-KEY.failed; anything else in the directory is left alone.
CacheListing list_cache(const std::string& dir, fs::file_time_type day_ago) {
    CacheListing out;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        const std::string ext = it->path().extension().string();
        std::error_code time_ec;
        const auto time = it->last_write_time(time_ec);
        if (time_ec) continue;
        if ((name.starts_with(".cvtex-") && (name.find(".fmt.") != std::string::npos ||
                                             name.find(".deps.") != std::string::npos)) ||
            (name.starts_with("cvtex-") && (ext == ".lock" || ext == ".failed"))) {
            if (time < day_ago) out.leftovers.push_back(it->path());
            continue;
        }
        if (!name.starts_with("cvtex-") || (ext != ".fmt" && ext != ".deps")) continue;
        CacheEntry& e = out.entries[it->path().stem().string()];
        if (ext == ".deps") {
            e.has_manifest = true;
            e.used = time;
        } else {
            e.has_format = true;
            if (!e.has_manifest) e.used = std::max(e.used, time);
        }
    }
    return out;
}

}  // namespace

std::size_t FormatCache::prune(std::size_t keep, const std::string& current) const {
    const auto day_ago = fs::file_time_type::clock::now() - std::chrono::hours(24);
    CacheListing listing = list_cache(dir_, day_ago);
    std::vector<std::pair<fs::file_time_type, std::string>> by_use;
    for (const auto& [stem, e] : listing.entries) {
        if (stem == format_name(current)) continue;
        // A format without its manifest is a store in progress (the manifest is written
        // second) or one that was interrupted: removed only once it is a day old.
        if (!e.has_manifest) {
            if (e.used < day_ago) listing.leftovers.push_back(fs::path(dir_) / (stem + ".fmt"));
            continue;
        }
        // A manifest without its format never becomes valid again (the format is written
        // first): it goes at once and takes no room.
        if (!e.has_format) {
            listing.leftovers.push_back(fs::path(dir_) / (stem + ".deps"));
            continue;
        }
        by_use.emplace_back(e.used, stem);
    }
    std::sort(by_use.begin(), by_use.end(), std::greater<>());
    const std::size_t room =
        keep > 0 && listing.entries.count(format_name(current)) ? keep - 1 : keep;
    std::size_t removed = 0;
    std::error_code ec;
    for (std::size_t i = room; i < by_use.size(); ++i) {
        // The manifest first: without it the entry is invalid for every reader at once.
        const fs::path base = fs::path(dir_) / by_use[i].second;
        fs::remove(base.string() + ".deps", ec);
        fs::remove(base.string() + ".fmt", ec);
        ++removed;
    }
    for (const auto& path : listing.leftovers) fs::remove(path, ec);
    return removed;
}

}  // namespace cvtex
