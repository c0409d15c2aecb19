// A cache of engine runs, for packets: the PDF of a TeX run is kept under the digest of
// everything that went into it, so that a packet rebuilt after one letter changed typesets
// only that letter, and a packet in which nothing changed runs no TeX at all; and of the
// combined PDFs made from them.
#pragma once

#include <atomic>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cvtex/engine/engine.hpp"
#include "cvtex/pdf/pdf.hpp"

namespace cvtex {

/// Where runs are kept: $XDG_CACHE_HOME/cvtex/runs, else ~/.cache/cvtex/runs; empty when
/// neither variable is set (then nothing is cached).
std::string default_run_cache_dir();

/// An Engine in front of another one. A run's key is the digest of `salt` (what identifies
/// cvtex), the engine, the .tex, the files beside it, the class files in job.class_dir,
/// SOURCE_DATE_EPOCH, kpathsea's environment and the TeX installation's witnesses
/// (tex_witnesses()). A clean run (status ok and no message: a run with warnings is run
/// again, so its warnings are shown again) is stored as KEY.pdf with its page count in the
/// name's companion KEY.pages; a later job with the same key gets those bytes without TeX.
/// Runs with keep_dir always go to the inner engine. Safe to call from several threads.
/// The directory must be own_private_dir(); otherwise nothing is read or stored. At most
/// `max_entries` runs are kept, the least recently used go first (a use is noted at most once
/// an hour).
class CachedEngine : public Engine {
  public:
    /// With `reuse` false (--force), every job is run, and clean runs are still stored.
    CachedEngine(Engine& inner, std::string dir, std::string salt, bool reuse = true,
                 std::size_t max_entries = 400)
        : inner_(inner),
          dir_(std::move(dir)),
          salt_(std::move(salt)),
          reuse_(reuse),
          max_entries_(max_entries) {}
    EngineResult run(const EngineJob& job) override;
    /// Passed on to the inner engine, unless the run is in the cache.
    void expect(const EngineJob& job) override;

    /// The key of `job`, as run() computes it (for tests).
    std::string key(const EngineJob& job) const;
    /// Runs answered from the cache, and runs passed to the inner engine, so far.
    std::size_t hits() const { return hits_; }
    std::size_t misses() const { return misses_; }

    /// pdf::combine(), through the same cache: a combined PDF is kept under the digest of its
    /// parts' titles and identities, its options and `salt` (combining is most of the work of
    /// a packet in which nothing changed: qpdf digests the whole output for its /ID). A part
    /// this engine's run() gave out is known by its key and the cache file it came from
    /// (device, inode, size, modification time), any other by the digest of its bytes: a
    /// season would otherwise digest 18 MB of PDFs to find that nothing changed.
    std::string combine(const std::vector<pdf::Part>& parts, const pdf::CombineOptions& options,
                        std::string& error);

  private:
    struct Stored {
        std::string pdf;
        int pages = 0;
        std::string file;  // the identity of the .pdf read
    };
    std::optional<Stored> lookup(const std::string& key) const;
    std::optional<Stored> read_entry(const std::string& key) const;
    void store(const std::string& key, const std::string& pdf, int pages) const;
    void prune() const;
    // What `bytes` are known as: the identity remember()ed for the same bytes (compared byte
    // for byte), else "sha256 DIGEST", which is remembered too (the class file is the same for
    // every run of a packet, and the CV's PDF for every application).
    std::string identity(std::string_view bytes) const;
    void remember(std::string bytes, std::string identity) const;

    std::atomic<std::size_t> hits_{0}, misses_{0};
    mutable std::mutex known_mutex_;
    mutable std::unordered_multimap<std::size_t, std::pair<std::string, std::string>> known_;
    Engine& inner_;
    std::string dir_;
    std::string salt_;
    bool reuse_;
    std::size_t max_entries_;
};

}  // namespace cvtex
