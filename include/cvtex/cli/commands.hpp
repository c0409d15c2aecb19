// The commands of the cvtex CLI on top of the library: where outputs go, writing them, and
// exit statuses. main.cpp parses the command line and prints; these do the rest.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "cvtex/base/diagnostics.hpp"
#include "cvtex/base/source.hpp"
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
    output_failed = 6,   ///< the output could not be written
};

/// What `cvtex build` and `cvtex check` were asked to do: a compile, and where its outputs go.
struct BuildOptions : CompileOptions {
    std::optional<std::string> pdf_path;  ///< default: the input with .pdf
    std::optional<std::string> tex_path;  ///< write the LaTeX here
};

/// The exit status for a compile's status.
ExitCode exit_code(CompileStatus status);

/// `cvtex check`: validation only.
ExitCode run_check(const BuildOptions& options, Sources& sources, DiagnosticSink& sink);

/// `cvtex build`: compiles, then writes the outputs atomically (never over an input).
/// `written` receives the paths of the files written. With `keep`, the compile's result (the
/// document and its parse tree) is moved there instead of being freed.
ExitCode run_build(const BuildOptions& options, Engine& engine, Sources& sources,
                   DiagnosticSink& sink, std::vector<std::string>& written,
                   std::optional<CompileResult>* keep = nullptr);

struct NewOptions {
    std::string name;                ///< the person's full name
    std::string output = "cv.toml";  ///< where to write the starter
    bool force = false;              ///< replace an existing file
    std::string schema_ref;          ///< what the `#:schema` line names
};

/// `cvtex new`: writes starter_toml() to `options.output`, atomically. An existing file is an
/// error (ExitCode::usage) unless `force`; an empty or non-UTF-8 name is a usage error too.
ExitCode run_new(const NewOptions& options, DiagnosticSink& sink);

/// `cvtex packet`: builds every application (or those of `options.only`), writes their
/// folders of PDFs atomically (never over an input) and fills `result` (for the summary).
ExitCode run_packet(const PacketOptions& options, Engine& engine, Sources& sources,
                    DiagnosticSink& sink, std::vector<std::string>& written,
                    std::optional<PacketResult>& result);

/// The default PDF path for an input: same directory and stem, ".pdf".
std::string default_pdf_path(const std::string& input);

/// Where cvtex's data directory `name` ("cls", "schema") is: PREFIX/share/cvtex/NAME next to
/// an installed binary at PREFIX/bin/cvtex, else the source tree this binary was built from.
std::string find_data_dir(const std::string& executable_path, const std::string& name);

}  // namespace cvtex
