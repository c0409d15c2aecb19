// Stage 6: running the TeX engine. Behind an interface so most tests run without TeX.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cvtex/engine/tex_log.hpp"

namespace cvtex {

/// What to compile and how.
struct EngineJob {
    std::string tex;  ///< the whole .tex document
    /// Files the document reads beside the .tex (a signature image), by name; written into
    /// the private build directory, where TeX's paranoid file access lets it read them.
    std::vector<std::pair<std::string, std::string>> files;
    std::string engine = "pdflatex";  ///< pdflatex, xelatex or lualatex
    std::string class_dir;            ///< directory holding cvtex.cls (put first in TEXINPUTS)
    std::chrono::milliseconds timeout{60000};
    std::optional<std::string> keep_dir;           ///< copy the build files here afterwards
    std::optional<std::string> source_date_epoch;  ///< for reproducible output
    int max_passes = 4;
    /// Compile through a cached precompiled format of the class preamble (pdflatex only); on
    /// a miss, compile without it and dump it in the background for the next build. The PDF
    /// is byte-identical either way.
    bool use_format = false;
    /// Where formats are kept between runs; empty: no format is used.
    std::string format_cache_dir;
};

/// How a run ended. `failed`: the engine crashed or was stopped from outside cvtex;
/// `cannot_write`: the build directory could not be made or written (TMPDIR missing,
/// read-only or full); `interrupted`: cvtex itself got a stopping signal.
enum class EngineStatus { ok, tex_error, not_found, timeout, failed, interrupted, cannot_write };

struct EngineResult {
    EngineStatus status = EngineStatus::failed;
    std::string pdf;                   ///< the PDF bytes when status is ok
    std::vector<TexMessage> messages;  ///< errors and warnings worth knowing
    int passes = 0;
    int pages = 0;       ///< of the PDF, from the log (log_page_count); 0 when unknown
    std::string detail;  ///< for not_found/failed/interrupted/cannot_write: what went wrong
    int signal = 0;      ///< for interrupted: the signal that stopped the build
    /// Where the log can be read afterwards: in keep_dir when given, else, after a failed
    /// run, in the build directory, which is then left in place for that purpose.
    std::string log_path;
    bool used_format = false;  ///< the run loaded a cached class format
    bool prestarted = false;   ///< its first pass ran on a pre-started engine
    bool keep_failed = false;  ///< --keep-build could not copy; log_path names the private copy
};

class Engine {
  public:
    virtual ~Engine() = default;
    virtual EngineResult run(const EngineJob& job) = 0;
    /// A job like `job` is coming (a packet announces its next documents): an engine that
    /// can get ready for it beforehand (start TeX and load the format) does so now. Does
    /// nothing by default.
    virtual void expect(const EngineJob& job) { (void)job; }
};

class Interruption;

/// What the process engine gets from whoever creates it.
struct ProcessEngineSetup {
    /// Watched while TeX runs: a signal it sees stops the build (EngineStatus::interrupted).
    /// Null: signals are left alone.
    const Interruption* interruption = nullptr;
    /// An executable that dumps a format when run as `HELPER internal-dump-format ...` (the
    /// CLI passes /proc/self/exe). Empty: no format is dumped, and a build that finds the
    /// cache cold compiles without one.
    std::string dump_helper;
    /// Pre-started engines (pdflatex with a cached format): expect() starts an engine for the
    /// job it announces, which loads the format and waits for the document; run() hands the
    /// document to a waiting engine when there is one.
    bool prestart = false;
    /// And after each run through a format, one engine for it is kept waiting (watch mode),
    /// started again when taken, when the minute changes (TeX reads the clock when it starts)
    /// and until no build has taken one for an hour.
    bool keep_ready = false;
};

/// The real engine: runs the TeX binary in a private temporary directory, with shell escape
/// off, paranoid file access, closed standard input and a timeout that kills the process group.
std::unique_ptr<Engine> make_process_engine(ProcessEngineSetup setup = {});

/// The pids of the pre-started engines that a process engine holds (for tests); empty for
/// any other engine.
std::vector<int> prestarted_engines(const Engine& engine);

/// The file that marks a directory as made by --keep-build, so a later build may reuse it.
inline constexpr const char* keep_marker = ".cvtex-keep-build";

/// Why `dir` may not receive --keep-build files, or empty when it may: it must not exist yet,
/// or be a directory of this user (not a symlink to one) that is empty or was made by an
/// earlier --keep-build. This protects the user's own files (a cv.tex beside the TOML, say)
/// from being overwritten, and everyone's from a directory another user prepared. The files
/// are then written through the open directory, never through a symlink planted in it.
std::string check_keep_dir(const std::string& dir);

/// Searches PATH for an executable; empty when not found.
std::string find_in_path(const std::string& program);

/// The Debian package that provides an engine, for the "not found" message.
std::string engine_package(const std::string& engine);

}  // namespace cvtex
