// The commands of the cvtex CLI on top of the library: where outputs go, writing them, and
// exit statuses. main.cpp parses the command line and prints; these do the rest.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cvtex/base/diagnostics.hpp"
#include "cvtex/base/source.hpp"
#include "cvtex/cli/depfile.hpp"
#include "cvtex/driver/compile.hpp"
#include "cvtex/engine/engine.hpp"
#include "cvtex/packet/packet.hpp"

namespace cvtex {

/// Process exit statuses, documented in the README.
enum class ExitCode : int {
    ok = 0,
    invalid_input = 1,   ///< the CV has errors (or warnings, with --warnings-as-errors)
    usage = 2,           ///< bad command line
    tex_failed = 3,      ///< the TeX engine reported an error
    engine_missing = 4,  ///< the TeX engine is not installed
    timeout = 5,         ///< the TeX engine ran past --timeout and was stopped
    output_failed = 6,   ///< the output (or the build directory) could not be written
    engine_failed = 7,   ///< the TeX engine crashed, or was stopped from outside cvtex
};

/// What `cvtex build` and `cvtex check` were asked to do: a compile, and where its outputs go.
struct BuildOptions : CompileOptions {
    std::optional<std::string> pdf_path;  ///< default: the input with .pdf
    std::optional<std::string> tex_path;  ///< write the LaTeX here
    /// Where each of CompileOptions::formats goes, in the same order.
    std::vector<std::string> format_paths;
    bool write_pdf = true;   ///< write the PDF (false: only its PNG previews are wanted)
    bool png = false;        ///< write a PNG of each page beside the PDF (cv-1.png, ...)
    int png_dpi = 150;       ///< their resolution
    DepfileOptions depfile;  ///< -M, --depfile, -MT, -MP
    /// Compile even when the stamp says that nothing that goes into the outputs changed.
    bool force = false;
    /// Where stamps are kept (default_stamp_dir()); empty: always compile.
    std::string stamp_dir;
    /// What identifies this cvtex in stamps (its version and binary), so that another cvtex
    /// never trusts them.
    std::string tool_id;
};

/// What a build did, for the CLI to report.
struct BuildReport {
    std::vector<std::string> outputs;  ///< the build's outputs, PDF first, written or not
    std::vector<std::string> written;  ///< the outputs written
    std::string depfile;               ///< the depfile, when one was asked for and is current
    bool up_to_date = false;           ///< nothing was compiled: the stamp said so
    int pages = 0;                     ///< of the PDF, from TeX's log or the stamp; 0: unknown
    /// Every file the outputs depend on (read, or looked for), from the build or the stamp:
    /// what the depfile lists and watch mode follows.
    std::vector<std::string> inputs;
};

/// The exit status for a compile's status.
ExitCode exit_code(CompileStatus status);

/// `cvtex check`: validation only.
ExitCode run_check(const BuildOptions& options, Sources& sources, DiagnosticSink& sink);

/// `cvtex build`: unless `force`, first checks the stamp of the first output and compiles
/// nothing when it still holds; else compiles, writes the outputs atomically (never over an
/// input), then the stamp (only after a build without any diagnostic: warnings are shown
/// again next time) and the depfile. `report` says what was done. With `keep`, the compile's
/// result (the document and its parse tree) is moved there instead of being freed.
ExitCode run_build(const BuildOptions& options, Engine& engine, Sources& sources,
                   DiagnosticSink& sink, BuildReport& report,
                   std::optional<CompileResult>* keep = nullptr);

/// The digest of everything besides the input files that decides the outputs of a build:
/// cvtex itself, the input and class paths, the writer, the engine, the outputs,
/// SOURCE_DATE_EPOCH, kpathsea's environment, the day, and what is selected and set
/// (--variant, --tags, --exclude-tags, --set, --var, --allow-overflow). An option that changes the
/// output must be added here.
std::string stamp_key(const BuildOptions& options, const std::vector<std::string>& outputs);

struct NewOptions {
    std::string name;         ///< the person's full name
    std::string output;       ///< where to write the main file; empty: its usual name ("cv.toml")
    bool force = false;       ///< replace existing files
    std::string schema_ref;   ///< what the `#:schema` line names
    std::string kind = "cv";  ///< a document kind: cv, letter, statement or packet
    /// The JSON Schema, written beside the main file as `schema_ref` (a path relative to it)
    /// when no file is there, so that the `#:schema` line works wherever the folder is checked
    /// out; empty: none is written.
    std::string schema_text = {};
};

/// `cvtex new`: writes the starter_files() of `options.kind`, each atomically: the main one
/// to `options.output`, the others (a packet's CV and statement) beside it, under their usual
/// names, then the schema beside them (see schema_text), and lists in `written` the paths
/// written. If any of them exists, nothing is written
/// and it is an error (ExitCode::usage) unless `force`; an empty or non-UTF-8 name is a usage
/// error too.
ExitCode run_new(const NewOptions& options, DiagnosticSink& sink,
                 std::vector<std::string>* written = nullptr);

/// What `cvtex import` is asked: another tool's CV to turn into a cvtex TOML.
struct ImportOptions {
    std::string input;   ///< resume.json (JSON Resume) or cv.yaml (RenderCV)
    std::string output;  ///< where the TOML goes; empty: the input with .toml; "-": stdout
    std::string from;    ///< "json-resume" or "rendercv"; empty: by the input's extension
    bool force = false;  ///< replace an existing output file
};

/// `cvtex import`: reads `options.input` (import_cv()) and writes the TOML atomically, never
/// over the input nor, unless `force`, over an existing file (both usage errors); with output
/// "-" the TOML goes to `stdout_text` instead. `written` is the path written, if any. What did
/// not map is in `sink` as warnings; an input that cannot be read is ExitCode::invalid_input.
ExitCode run_import(const ImportOptions& options, Sources& sources, DiagnosticSink& sink,
                    std::string& stdout_text, std::string* written = nullptr);

/// What `cvtex theme` is asked: list the bundled themes, or copy one to start a theme.
struct ThemeOptions {
    std::string action;     ///< "list" or "copy"
    std::string name;       ///< the bundled theme to copy
    std::string output;     ///< where to write the copy
    bool force = false;     ///< replace an existing file
    std::string class_dir;  ///< where the bundled themes are
};

/// `cvtex theme list` prints the bundled themes, one a line; `cvtex theme copy NAME FILE`
/// writes cvtex-theme-NAME.sty to FILE, atomically, never over an existing file unless
/// `force` (a usage error otherwise, as an unknown theme is).
ExitCode run_theme(const ThemeOptions& options, DiagnosticSink& sink, std::string& out);

/// What `cvtex packet` is asked: the packet build, and what make and the cache need.
struct PacketCommandOptions {
    PacketOptions packet;
    DepfileOptions depfile;  ///< default path: the packet file with ".d" for ".toml"
    /// Where engine runs are cached (default_run_cache_dir()); empty: every document is
    /// typeset. A document whose LaTeX, class and TeX installation did not change since a
    /// clean run is taken from there.
    std::string run_cache_dir;
    bool force = false;   ///< typeset everything, whatever the cache holds (and store it)
    std::string tool_id;  ///< as BuildOptions::tool_id: part of every cached run's key
};

/// What a packet build did, for the CLI to report.
struct PacketReport {
    std::vector<std::string> outputs;  ///< every PDF of the packet, written or not
    std::vector<std::string> written;  ///< those whose bytes changed
    std::vector<std::string> inputs;   ///< every file read: the depfile's and watch's list
    std::string depfile;               ///< when one was asked for and is current
    std::size_t runs = 0, cached = 0;  ///< TeX runs made, and taken from the cache
};

/// `cvtex packet`: builds every application (or those of `options.only`) through the run
/// cache, writes their folders of PDFs atomically (never over an input; a PDF whose bytes
/// did not change is left alone, same inode and time), then the depfile, and fills `result`
/// (for the summary).
ExitCode run_packet(const PacketCommandOptions& options, Engine& engine, Sources& sources,
                    DiagnosticSink& sink, PacketReport& report,
                    std::optional<PacketResult>& result);

/// The range of --timeout, in seconds.
inline constexpr double min_timeout_s = 0.001;
inline constexpr double max_timeout_s = 86400;

/// Why `text` is not a --timeout, or empty when it is: a number of seconds from
/// min_timeout_s to max_timeout_s. NaN, infinities and numbers out of range are refused.
std::string check_timeout(const std::string& text);

/// Why `value` is not a SOURCE_DATE_EPOCH cvtex can use, or empty when it is: a number of
/// seconds since 1970 up to the end of the year 9999 (PDF dates have four-digit years, and
/// pdfTeX crashes on larger times).
std::string check_source_date_epoch(std::string_view value);

/// Whether the command line asks for JSON diagnostics (--diagnostics-format json), so that a
/// usage error found while it is parsed is printed as JSON too.
bool wants_json_diagnostics(const std::vector<std::string>& args);

/// A usage error as the JSON diagnostics document, its one diagnostic with the code "usage".
std::string usage_error_json(std::string_view message);

/// The default depfile of a packet: its file with ".d" for ".toml" (packet.toml: packet.d).
std::string default_packet_depfile(const std::string& input);

/// The default PDF path for an input: same directory and stem, ".pdf".
std::string default_pdf_path(const std::string& input);

/// Where cvtex's data directory `name` ("cls", "schema") is: PREFIX/share/cvtex/NAME next to
/// an installed binary at PREFIX/bin/cvtex, else the source tree this binary was built from.
std::string find_data_dir(const std::string& executable_path, const std::string& name);

}  // namespace cvtex
