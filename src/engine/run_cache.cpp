// The cache of engine runs: a PDF per key, and its page count beside it.
#include "cvtex/engine/run_cache.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <filesystem>
#include <vector>

#include "cvtex/base/digest.hpp"
#include "cvtex/base/output.hpp"
#include "cvtex/base/source.hpp"
#include "cvtex/engine/format_cache.hpp"

namespace cvtex {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view magic = "cvtex-run 2";  // 2: the class files by their identity()

// One length-prefixed field of a key, so that no two different jobs give the same text.
void field(std::string& key, std::string_view value) {
    key += std::to_string(value.size());
    key += ':';
    key += value;
    key += '\n';
}

// The file `st` describes: its device, inode, size and modification time.
std::string identity_of(const struct stat& st) {
    return fmt::format("{} {} {} {}.{:09}", st.st_dev, st.st_ino, st.st_size, st.st_mtim.tv_sec,
                       st.st_mtim.tv_nsec);
}

// The bytes of `path`, and in `identity` the file they are from, unchanged while it was read
// (the cache replaces its files, it never writes into them).
std::optional<std::string> read_identified(const std::string& path, std::string& identity) {
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    std::optional<std::string> bytes;
    struct stat before {};
    struct stat after {};
    if (fstat(fd, &before) == 0 && S_ISREG(before.st_mode)) {
        std::string text(static_cast<std::size_t>(before.st_size), '\0');
        std::size_t at = 0;
        while (at < text.size()) {
            const ssize_t n = read(fd, text.data() + at, text.size() - at);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            at += static_cast<std::size_t>(n);
        }
        identity = identity_of(before);
        if (at == text.size() && fstat(fd, &after) == 0 && identity_of(after) == identity)
            bytes = std::move(text);
    }
    close(fd);
    return bytes;
}

}  // namespace

std::string default_run_cache_dir() {
    return user_cache_dir("runs");
}

std::string CachedEngine::key(const EngineJob& job) const {
    std::string key;
    field(key, magic);
    field(key, salt_);
    field(key, job.engine);
    field(key, job.source_date_epoch.value_or("-"));
    field(key, std::to_string(job.max_passes));
    field(key, kpathsea_environment());
    for (const auto& witness : tex_witnesses(job.engine)) field(key, file_stamp(witness));
    // The class as TeX reads it (cvtex.lua only under LuaTeX, but hashing it always is cheap).
    for (const char* name : {"cvtex.cls", "cvtex.lua"}) {
        const auto text = read_file((fs::path(job.class_dir) / name).string());
        field(key, text ? identity(*text) : "missing");
    }
    for (const auto& [name, bytes] : job.files) {
        field(key, name);
        field(key, bytes);
    }
    field(key, job.tex);
    return sha256_hex(key);
}

void CachedEngine::expect(const EngineJob& job) {
    // Whether run() will find it: its .pages exists (written last; a stat, not a read).
    struct stat st {};
    if (job.keep_dir || dir_.empty() || !reuse_ ||
        stat((dir_ + "/" + key(job) + ".pages").c_str(), &st) != 0)
        inner_.expect(job);
}

EngineResult CachedEngine::run(const EngineJob& job) {
    if (dir_.empty() || job.keep_dir) {
        ++misses_;
        return inner_.run(job);
    }
    const std::string k = key(job);
    if (auto hit = lookup(k)) {
        ++hits_;
        remember(hit->pdf, "run " + k + " " + hit->file);
        EngineResult result;
        result.status = EngineStatus::ok;
        result.pdf = std::move(hit->pdf);
        result.pages = hit->pages;
        return result;
    }
    ++misses_;
    EngineResult result = inner_.run(job);
    if (result.status == EngineStatus::ok && result.messages.empty()) {
        store(k, result.pdf, result.pages);
        // Known by the file stored, as the build that finds it there will know it (unless
        // another cvtex stored other bytes for the same job meanwhile).
        if (auto stored = read_entry(k); stored && stored->pdf == result.pdf)
            remember(std::move(stored->pdf), "run " + k + " " + stored->file);
    }
    return result;
}

std::string CachedEngine::combine(const std::vector<pdf::Part>& parts,
                                  const pdf::CombineOptions& options, std::string& error) {
    if (dir_.empty()) return pdf::combine(parts, options, error);
    std::string text;
    field(text, "cvtex-combine 2");
    field(text, salt_);
    field(text, options.title);
    field(text, options.author);
    field(text, options.labels_per_part ? "labels" : "-");
    for (const auto& part : parts) {
        field(text, part.title);
        field(text, identity(part.bytes));
    }
    const std::string k = "combined-" + sha256_hex(text);
    if (auto hit = lookup(k)) return std::move(hit->pdf);
    std::string combined = pdf::combine(parts, options, error);
    if (!combined.empty()) store(k, combined, 0);
    return combined;
}

std::optional<CachedEngine::Stored> CachedEngine::lookup(const std::string& key) const {
    if (!reuse_) return std::nullopt;
    auto entry = read_entry(key);
    // Marked as used, for prune(), at most once an hour: an unchanged season does not write
    // the times of 93 files each time it runs (metadata writes wait for a busy disk).
    const std::string pages = dir_ + "/" + key + ".pages";
    struct stat st {};
    if (entry && stat(pages.c_str(), &st) == 0 && st.st_mtime + 3600 < std::time(nullptr))
        utimensat(AT_FDCWD, pages.c_str(), nullptr, 0);
    return entry;
}

std::optional<CachedEngine::Stored> CachedEngine::read_entry(const std::string& key) const {
    if (!own_private_dir(dir_)) return std::nullopt;
    const std::string base = dir_ + "/" + key;
    Stored entry;
    auto pdf = read_identified(base + ".pdf", entry.file);
    auto pages = read_file(base + ".pages");
    if (!pdf || !pages || !pdf->starts_with("%PDF-")) return std::nullopt;
    entry.pdf = std::move(*pdf);
    entry.pages = std::atoi(pages->c_str());
    return entry;
}

std::string CachedEngine::identity(std::string_view bytes) const {
    {
        const std::lock_guard lock(known_mutex_);
        const auto [first, last] = known_.equal_range(bytes.size());
        for (auto it = first; it != last; ++it)
            if (it->second.first == bytes) return it->second.second;
    }
    std::string id = "sha256 " + sha256_hex(bytes);
    remember(std::string(bytes), id);
    return id;
}

void CachedEngine::remember(std::string bytes, std::string identity) const {
    const std::lock_guard lock(known_mutex_);
    const auto [first, last] = known_.equal_range(bytes.size());
    for (auto it = first; it != last; ++it)
        if (it->second.first == bytes) {
            // The same bytes from two runs: the same name whichever thread came first.
            it->second.second = std::min(it->second.second, identity);
            return;
        }
    const std::size_t size = bytes.size();  // before `bytes` is moved from
    known_.emplace(size, std::pair{std::move(bytes), std::move(identity)});
}

void CachedEngine::store(const std::string& key, const std::string& pdf, int pages) const {
    if (!own_private_dir(dir_) && !make_private_dir(dir_)) return;
    const std::string base = dir_ + "/" + key;
    // The PDF first: an entry is only read when its .pages exists.
    if (write_file_atomic(base + ".pdf", pdf, true, false, false).empty() &&
        write_file_atomic(base + ".pages", std::to_string(pages), true, false, false).empty())
        prune();
}

void CachedEngine::prune() const {
    struct Entry {
        fs::file_time_type used;
        std::string stem;
    };
    std::vector<Entry> entries;
    std::error_code ec;
    for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().extension() != ".pages") continue;
        std::error_code time_ec;
        const auto used = it->last_write_time(time_ec);
        if (!time_ec) entries.push_back({used, (it->path().parent_path() / it->path().stem())});
    }
    if (entries.size() <= max_entries_) return;
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.used > b.used; });
    for (std::size_t i = max_entries_; i < entries.size(); ++i) {
        fs::remove(entries[i].stem + ".pages", ec);
        fs::remove(entries[i].stem + ".pdf", ec);
    }
}

}  // namespace cvtex
