// The commands of the cvtex CLI on top of the library: where outputs go, writing them, and
// exit statuses. main.cpp parses the command line and prints; these do the rest.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "cvtex/base/diagnostics.hpp"
#include "cvtex/base/source.hpp"
#include "cvtex/cli/depfile.hpp"
#include "cvtex/driver/compile.hpp"
#include "cvtex/engine/engine.hpp"

namespace cvtex {

/// Process exit statuses, documented in the README.
enum class ExitCode : int {
    ok = 0,
    invalid_input = 1,   ///< the CV has errors (or warnings, with --warnings-as-errors)
    usage = 2,           ///< bad command line
    tex_failed = 3,      ///< the TeX engine reported an error
    engine_missing = 4,  ///< the TeX engine is not installed
    timeout = 5,         ///< the TeX engine ran past --timeout and was stopped
    output_failed = 6,   ///< the output could not be written
};

/// What `cvtex build` and `cvtex check` were asked to do: a compile, and where its outputs go.
struct BuildOptions : CompileOptions {
    std::optional<std::string> pdf_path;  ///< default: the input with .pdf
    std::optional<std::string> tex_path;  ///< write the LaTeX here
    DepfileOptions depfile;               ///< -M, --depfile, -MT, -MP
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
/// SOURCE_DATE_EPOCH and kpathsea's environment. An option that changes the output must be
/// added here.
std::string stamp_key(const BuildOptions& options, const std::vector<std::string>& outputs);

struct NewOptions {
    std::string name;                ///< the person's full name
    std::string output = "cv.toml";  ///< where to write the starter
    bool force = false;              ///< replace an existing file
    std::string schema_ref;          ///< what the `#:schema` line names
};

/// `cvtex new`: writes starter_toml() to `options.output`, atomically. An existing file is an
/// error (ExitCode::usage) unless `force`; an empty or non-UTF-8 name is a usage error too.
ExitCode run_new(const NewOptions& options, DiagnosticSink& sink);

/// The default PDF path for an input: same directory and stem, ".pdf".
std::string default_pdf_path(const std::string& input);

/// Where cvtex's data directory `name` ("cls", "schema") is: PREFIX/share/cvtex/NAME next to
/// an installed binary at PREFIX/bin/cvtex, else the source tree this binary was built from.
std::string find_data_dir(const std::string& executable_path, const std::string& name);

}  // namespace cvtex
