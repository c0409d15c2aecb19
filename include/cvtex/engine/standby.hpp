// Pre-started engines: TeX processes that have loaded a cached format and wait, blocked, for
// their document. Internal to the engine (engine.cpp hands them their documents).
#pragma once

#include <sys/types.h>

#include <condition_variable>
#include <ctime>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "cvtex/engine/engine.hpp"
#include "cvtex/engine/format_dump.hpp"
#include "cvtex/engine/process.hpp"

namespace cvtex {

/// What a pre-started engine is started with: everything of a job that reaches the engine
/// before its document does (binary, format, environment).
struct StandbyLaunch {
    std::string binary;
    FormatSpec spec;
    EngineJob job;  ///< engine, class_dir, source_date_epoch, timeout; no document
    /// The start of the document the engine is expected to get, through `\begin{document}`
    /// (preamble_of()), which it runs ahead; empty: it waits for the whole document.
    std::string preamble;
    /// Engines for the same key are interchangeable: the binary, the format's key, the class
    /// directory and SOURCE_DATE_EPOCH.
    std::string key() const;
};

/// One pre-started engine: `pid` runs `binary -no-parse-first-line -fmt=... cv.tex` in the
/// private directory `dir`, where cv.tex is a named pipe that `pipe` holds open for reading
/// and writing. TeX has loaded the format, read `preamble` from the pipe and run it (or will,
/// once it has loaded the format), and waits in read() for the rest of the document.
struct Standby {
    TempDir dir;
    pid_t pid = -1;        ///< -1 once the engine has been reaped
    int pipe = -1;         ///< cv.tex, the named pipe, open for reading and writing
    std::string format;    ///< the -fmt argument
    std::string preamble;  ///< what was written into the pipe at the start
    std::string engine;    ///< pdflatex, ...
    /// installation_stamp() when it started: TeX has read the files of its format and of
    /// the preamble since.
    std::string installation;
    std::time_t started = 0;
    bool fixed_date = false;  ///< SOURCE_DATE_EPOCH is set: its dates never go stale
    bool kept = false;        ///< started to keep its key ready (watch mode), not on expect()
    Standby() = default;
    Standby(const Standby&) = delete;
    Standby& operator=(const Standby&) = delete;
    /// Kills the engine's process group, if it was not reaped, closes the pipe and removes the
    /// directory.
    ~Standby();
    /// Whether it still shows what a build started now would: TeX took the time (\time,
    /// \day, \month, \year, the PDF's dates) when it started, so without SOURCE_DATE_EPOCH
    /// it serves only in the minute it was started in (local time, as TeX takes it).
    bool fresh(std::time_t now) const;
};

/// The start of `tex` that an engine can run before it has the rest: everything through the
/// line `\begin{document}` (cvtex writes only settings before it); empty when there is none.
std::string_view preamble_of(std::string_view tex);

/// The file_stamp()s of the TeX installation `engine` runs in (tex_witnesses(): the binary,
/// the ls-R databases, TEXMFHOME): it changes when a TeX package is installed or removed.
std::string installation_stamp(const std::string& engine);

/// Pre-started engines, by key, started by a thread of their own: the engines' death signal
/// comes when the thread that forked them ends, and this one lives as long as the pool, so
/// an engine taken by a build outlives any thread of the caller's that asked for it. The
/// pool's destructor (or cvtex's death, through the death signal) ends every engine it holds.
class StandbyPool {
  public:
    StandbyPool();
    ~StandbyPool();
    StandbyPool(const StandbyPool&) = delete;
    StandbyPool& operator=(const StandbyPool&) = delete;

    /// Starts one more engine for `launch`, in the background. With `keep`, one engine for
    /// its key is kept ready from now on, for `launch.preamble`: none is started when one is
    /// waiting or on its way; the one kept for another preamble is let go (engines started
    /// without `keep`, a packet's, stay); a stale one is replaced when the minute changes.
    /// (A taken one is replaced by the next call: the caller makes it after its build, so
    /// that starting the next engine, whose fork() copies cvtex's page tables, does not slow
    /// down the build.)
    void start(StandbyLaunch launch, bool keep);
    /// A fresh engine for `key` that is still running, whose preamble `tex` starts with, and
    /// whose TeX installation has not changed since it started; or null. Stale or dead
    /// engines met on the way are discarded.
    std::unique_ptr<Standby> take(const std::string& key, std::string_view tex);
    /// The pids of the engines held (for tests).
    std::vector<pid_t> pids() const;

    /// How long an engine started without `keep` (a packet's) waits for its build before it
    /// is let go: one whose document turned out to be answered otherwise holds no memory
    /// for long.
    static constexpr std::time_t expected_idle_limit = 5 * 60;

  private:
    // A key kept ready: how to start its engines, when a build last took one, and whether
    // one is being started.
    struct Kept {
        StandbyLaunch launch;
        std::time_t used = 0;
        bool queued = false;
    };
    struct Queued {
        StandbyLaunch launch;
        bool keep = false;
    };

    void loop();
    void refresh(std::time_t now);
    bool kept_ready(const std::string& key) const;
    bool serves_kept(const std::string& key, const Standby& s) const;

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Queued> queue_;
    std::multimap<std::string, std::unique_ptr<Standby>> ready_;
    std::map<std::string, Kept> kept_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace cvtex
