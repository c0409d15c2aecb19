// The pipeline from a document's path to its outputs, as one function that writes nothing:
// read (through a Files), check, transform, write, run the engine. The CLI writes what it
// returns; watch mode and packets call it in a loop or in parallel.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "cvtex/base/diagnostics.hpp"
#include "cvtex/base/source.hpp"
#include "cvtex/engine/engine.hpp"
#include "cvtex/engine/fonts.hpp"
#include "cvtex/model/model.hpp"
#include "cvtex/transform/selection.hpp"

namespace cvtex {

struct CompileOptions {
    std::string input;                   ///< the document (a .toml file)
    Selection selection;                 ///< what to show of a CV: variant, tags, page limit
    bool allow_overflow = false;         ///< more pages than the limit is a warning, not an error
    std::vector<std::string> overrides;  ///< `--set PATH=VALUE`, applied in order
    /// What `{{name}}` stands for in letters and statements (an application's, or --var).
    Variables variables;
    /// The writer to run (see writers()); "latex" is the only one so far.
    std::string writer = "latex";
    bool run_engine = true;  ///< typeset the LaTeX into a PDF
    bool latex = true;       ///< write the LaTeX (always when run_engine)
    /// Other writers to run on the same document ("markdown", "html", ...; see writers()):
    /// each output joins CompileResult::outputs under its writer's name.
    std::vector<std::string> formats;
    /// The TeX engine; empty: the document's `[settings] engine`, else pdflatex.
    std::string engine;
    std::chrono::milliseconds timeout{60000};
    std::optional<std::string> keep_build;  ///< keep the TeX build files in this directory
    std::optional<std::string> source_date_epoch;
    bool warnings_as_errors = false;  ///< stop before TeX when a warning is found
    Date today;                       ///< for the "date in the future" check
    std::string class_dir;            ///< where cvtex.cls lives
    bool use_format = true;           ///< compile through a precompiled class format
    std::string format_cache_dir;     ///< where formats are kept; empty: not kept
    /// Answers whether a font is installed (fontconfig); null: fonts are not checked.
    const FontCatalog* fonts = nullptr;
};

enum class CompileStatus {
    ok,
    invalid_input,   ///< the document has errors (or warnings, with warnings_as_errors)
    tex_failed,      ///< the engine reported an error in the document
    engine_missing,  ///< the engine is not installed
    timeout,         ///< the engine ran past the timeout and was stopped
    engine_failed,   ///< the engine crashed, or was stopped by a signal from outside
    output_failed,   ///< the build directory could not be made or written (TMPDIR)
};

/// One product of a compile, for the caller to write.
struct CompileOutput {
    std::string writer;  ///< "latex" for the .tex text, "pdf" for the typeset PDF
    std::string bytes;
};

struct CompileResult {
    CompileStatus status = CompileStatus::invalid_input;
    /// In the order they were made. The writer's text is here as soon as it is written, even
    /// when TeX fails later; the PDF only when everything succeeded.
    std::vector<CompileOutput> outputs;
    /// What the engine left: its log path, passes, and (with keep_build) the build files.
    std::optional<EngineResult> engine;
    /// The page count of the PDF, when there is one.
    std::optional<int> pages;
    /// The transformed document, when it could be read (with its parse tree: whoever holds
    /// the result decides when both are freed).
    std::optional<Document> document;
    /// The engine the LaTeX was written for and typeset with (see CompileOptions::engine);
    /// empty when the document could not be read.
    std::string tex_engine;

    const CompileOutput* output(std::string_view writer) const;
};

/// Loads, checks and transforms the document `options.input` (with its overrides, selection
/// and variables: BibTeX import, sorting, the format-neutral decisions of every writer);
/// nullopt when the file could not be read at all. Everything is read through `sources`.
std::optional<Document> load_and_check(const CompileOptions& options, Sources& sources,
                                       DiagnosticSink& sink);

/// The text of a transformed document in the options' writer's format (LaTeX), or nullopt
/// after an error (or a warning, with warnings_as_errors). `first_page` numbers its pages
/// from there (a packet's continuous numbering).
std::optional<std::string> write_document(const CompileOptions& options, const Document& doc,
                                          DiagnosticSink& sink, int first_page = 1);

/// `options` with its engine decided for `doc`: the one given (the command line's), else the
/// document's `[settings] engine`, else pdflatex.
CompileOptions with_engine(const CompileOptions& options, const Document& doc);

/// The engine's job for a document's LaTeX: the options' engine, timeout and cache, and the
/// document's attachments.
EngineJob engine_job(const CompileOptions& options, const Document& doc, std::string tex);

/// Records that the PDF depends on the class (its Lua code under LuaTeX, and the bundled
/// theme `settings` name).
void note_class_inputs(const CompileOptions& options, Sources& sources,
                       const Settings& settings = {});

/// Checks what only the engine decides about the settings: a font by name needs xelatex or
/// lualatex, and must be installed (asked of `fonts`, when there is one); under xelatex and
/// lualatex, warns about scripts of the text that no installed font prints. False after an
/// error.
bool check_engine_settings(const CompileOptions& options, const Document& doc,
                           DiagnosticSink& sink);

/// What an engine run of `tex` means: its messages as diagnostics at the TOML, its status,
/// the page count (into `pages`) checked against the document's limit.
CompileStatus judge_engine_run(const CompileOptions& options, const Document& doc,
                               const std::string& tex, const EngineResult& ran,
                               std::optional<int>& pages, DiagnosticSink& sink);

/// The whole pipeline. Reads only through `sources` (so `sources.inputs()` lists every file
/// the document depends on, the class file included), writes no file, and reports every
/// problem to `sink`.
CompileResult compile(const CompileOptions& options, Sources& sources, Engine& engine,
                      DiagnosticSink& sink);

}  // namespace cvtex
