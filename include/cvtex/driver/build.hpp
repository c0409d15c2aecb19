// The pipeline from a TOML path to a PDF: load, validate, emit, run the engine, write.
// The CLI is a thin layer over these functions; they print nothing themselves.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>

#include "cvtex/base/diagnostics.hpp"
#include "cvtex/base/source.hpp"
#include "cvtex/engine/engine.hpp"
#include "cvtex/model/model.hpp"

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

struct BuildOptions {
    std::string input;
    std::optional<std::string> pdf_path;  ///< default: the input with .pdf
    std::optional<std::string> tex_path;  ///< write the LaTeX here
    bool tex_only = false;                ///< --emit tex: stop after writing the LaTeX
    std::string engine = "pdflatex";
    std::chrono::milliseconds timeout{60000};
    std::optional<std::string> keep_build;
    std::optional<std::string> source_date_epoch;
    bool warnings_as_errors = false;
    Date today;                    ///< for the "date in the future" check
    std::string class_dir;         ///< where cvtex.cls lives
    bool use_format = true;        ///< compile through a precompiled class format
    std::string format_cache_dir;  ///< where formats are kept; empty: not kept
};

/// Holds the source files read during a run, so the printer can quote their lines.
class SourceSet {
  public:
    const SourceFile& add(SourceFile file);
    std::string_view line(const std::string& path, std::uint32_t line) const;

  private:
    std::map<std::string, SourceFile> files_;
};

/// Reads, loads and validates a CV, then prepares its publication lists (BibTeX import,
/// order, numbers). nullopt when the file could not be read at all.
std::optional<Document> load_and_check(const std::string& path, const Date& today,
                                       SourceSet& sources, DiagnosticSink& sink);

/// `cvtex check`: validation only.
ExitCode run_check(const BuildOptions& options, SourceSet& sources, DiagnosticSink& sink);

/// `cvtex build`: the whole pipeline. `written` receives the paths of the files written.
ExitCode run_build(const BuildOptions& options, Engine& engine, SourceSet& sources,
                   DiagnosticSink& sink, std::vector<std::string>& written);

/// The default PDF path for an input: same directory and stem, ".pdf".
std::string default_pdf_path(const std::string& input);

/// Where cvtex.cls is: next to an installed binary (PREFIX/share/cvtex/cls), else the source
/// tree this binary was built from.
std::string find_class_dir(const std::string& executable_path);

}  // namespace cvtex
