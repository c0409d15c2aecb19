// The cache of engine runs: a PDF per key, and its page count beside it.
#include "cvtex/engine/run_cache.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "cvtex/base/digest.hpp"
#include "cvtex/base/output.hpp"
#include "cvtex/base/source.hpp"
#include "cvtex/engine/format_cache.hpp"

namespace cvtex {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view magic = "cvtex-run 1";

// One length-prefixed field of a key, so that no two different jobs give the same text.
void field(std::string& key, std::string_view value) {
    key += std::to_string(value.size());
    key += ':';
    key += value;
    key += '\n';
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
    for (const char* name : {"cvtex.cls", "cvtex.lua"})
        field(key, read_file((fs::path(job.class_dir) / name).string()).value_or("missing"));
    for (const auto& [name, bytes] : job.files) {
        field(key, name);
        field(key, bytes);
    }
    field(key, job.tex);
    return sha256_hex(key);
}

void CachedEngine::expect(const EngineJob& job) {
    if (job.keep_dir || dir_.empty() || !reuse_ || !lookup(key(job))) inner_.expect(job);
}

EngineResult CachedEngine::run(const EngineJob& job) {
    if (dir_.empty() || job.keep_dir) {
        ++misses_;
        return inner_.run(job);
    }
    const std::string k = key(job);
    if (auto hit = lookup(k)) {
        ++hits_;
        EngineResult result;
        result.status = EngineStatus::ok;
        result.pdf = std::move(hit->first);
        result.pages = hit->second;
        return result;
    }
    ++misses_;
    EngineResult result = inner_.run(job);
    if (result.status == EngineStatus::ok && result.messages.empty())
        store(k, result.pdf, result.pages);
    return result;
}

std::string CachedEngine::combine(const std::vector<pdf::Part>& parts,
                                  const pdf::CombineOptions& options, std::string& error) {
    if (dir_.empty()) return pdf::combine(parts, options, error);
    std::string text;
    field(text, "cvtex-combine 1");
    field(text, salt_);
    field(text, options.title);
    field(text, options.author);
    field(text, options.labels_per_part ? "labels" : "-");
    for (const auto& part : parts) {
        field(text, part.title);
        field(text, sha256_hex(part.bytes));
    }
    const std::string k = "combined-" + sha256_hex(text);
    if (auto hit = lookup(k)) return std::move(hit->first);
    std::string combined = pdf::combine(parts, options, error);
    if (!combined.empty()) store(k, combined, 0);
    return combined;
}

std::optional<std::pair<std::string, int>> CachedEngine::lookup(const std::string& key) const {
    if (!reuse_ || !own_private_dir(dir_)) return std::nullopt;
    const std::string base = dir_ + "/" + key;
    auto pdf = read_file(base + ".pdf");
    auto pages = read_file(base + ".pages");
    if (!pdf || !pages || !pdf->starts_with("%PDF-")) return std::nullopt;
    utimensat(AT_FDCWD, (base + ".pages").c_str(), nullptr, 0);  // used: for prune()
    return std::pair{std::move(*pdf), std::atoi(pages->c_str())};
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
