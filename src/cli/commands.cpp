// The CLI's commands: output paths, atomic writes and exit statuses around compile().
#include "cvtex/cli/commands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "cvtex/base/output.hpp"
#include "cvtex/base/utf8.hpp"
#include "cvtex/check/schema_export.hpp"

#ifndef CVTEX_SOURCE_DIR
#define CVTEX_SOURCE_DIR ""
#endif

namespace cvtex {

namespace fs = std::filesystem;

namespace {

// Why the outputs may not be written where asked, before anything is compiled: an output
// over the input, or a --keep-build directory that holds the user's own files.
bool outputs_allowed(const BuildOptions& o, const std::string& pdf_path, DiagnosticSink& sink) {
    for (const auto* path :
         {o.tex_path ? &*o.tex_path : nullptr, o.run_engine ? &pdf_path : nullptr}) {
        if (path && same_file(*path, o.input)) {
            sink.error("output-is-input", *path, {}, "refusing to overwrite the input");
            return false;
        }
    }
    if (o.keep_build && o.run_engine) {
        if (auto why = check_keep_dir(*o.keep_build); !why.empty()) {
            sink.error("keep-build-refused", *o.keep_build, {},
                       fmt::format("--keep-build: {}; refusing to write build files into it", why))
                .hints.push_back("name a new or empty directory, e.g. --keep-build build-cv");
            return false;
        }
    }
    return true;
}

// Writes one output atomically; false (with a diagnostic) when it cannot be written.
bool write_output(const std::string& path, const std::string& bytes, DiagnosticSink& sink,
                  std::vector<std::string>& written) {
    if (auto err = write_file_atomic(path, bytes); !err.empty()) {
        sink.error("output-failed", path, {}, err);
        return false;
    }
    written.push_back(path);
    return true;
}

}  // namespace

ExitCode exit_code(CompileStatus status) {
    switch (status) {
        case CompileStatus::ok:
            return ExitCode::ok;
        case CompileStatus::invalid_input:
            return ExitCode::invalid_input;
        case CompileStatus::tex_failed:
            return ExitCode::tex_failed;
        case CompileStatus::engine_missing:
            return ExitCode::engine_missing;
        case CompileStatus::timeout:
            return ExitCode::timeout;
    }
    return ExitCode::tex_failed;
}

ExitCode run_check(const BuildOptions& options, Sources& sources, DiagnosticSink& sink) {
    load_and_check(options, sources, sink);
    if (options.warnings_as_errors) sink.promote_warnings();
    return sink.has_errors() ? ExitCode::invalid_input : ExitCode::ok;
}

ExitCode run_build(const BuildOptions& options, Engine& engine, Sources& sources,
                   DiagnosticSink& sink, std::vector<std::string>& written,
                   std::optional<CompileResult>* keep) {
    const std::string pdf_path = options.pdf_path.value_or(default_pdf_path(options.input));
    if (!outputs_allowed(options, pdf_path, sink)) return ExitCode::usage;
    std::optional<CompileResult> local;
    const CompileResult& result =
        (keep ? *keep : local).emplace(compile(options, sources, engine, sink));
    // The LaTeX is written even when TeX fails afterwards: it is what one debugs.
    if (const auto* tex = result.output("latex"); tex && options.tex_path)
        if (!write_output(*options.tex_path, tex->bytes, sink, written))
            return ExitCode::output_failed;
    if (result.status != CompileStatus::ok) return exit_code(result.status);
    if (const auto* pdf = result.output("pdf"))
        if (!write_output(pdf_path, pdf->bytes, sink, written)) return ExitCode::output_failed;
    return ExitCode::ok;
}

ExitCode run_packet(const PacketOptions& options, Engine& engine, Sources& sources,
                    DiagnosticSink& sink, std::vector<std::string>& written,
                    std::optional<PacketResult>& result) {
    const PacketResult& built = result.emplace(build_packet(options, sources, engine, sink));
    const auto& inputs = sources.inputs();
    for (const auto& [path, bytes] : built.outputs) {
        if (std::any_of(inputs.begin(), inputs.end(),
                        [&](const std::string& in) { return same_file(path, in); })) {
            sink.error("output-is-input", path, {}, "refusing to overwrite an input");
            return ExitCode::usage;
        }
        std::error_code ec;
        fs::create_directories(fs::path(path).parent_path(), ec);
        if (!write_output(path, bytes, sink, written)) return ExitCode::output_failed;
    }
    return exit_code(built.status);
}

ExitCode run_new(const NewOptions& options, DiagnosticSink& sink) {
    if (options.name.find_first_not_of(" \t\r\n") == std::string::npos ||
        utf8::find_invalid(options.name)) {
        sink.error("bad-name", "", {}, "the name must be non-empty UTF-8 text")
            .hints.push_back("for example: cvtex new \"Ada Lovelace\"");
        return ExitCode::usage;
    }
    auto exists = [&] {
        sink.error("file-exists", options.output, {},
                   "already exists; cvtex new never replaces a file")
            .hints.push_back("choose another file with -o FILE, or replace it with --force");
        return ExitCode::usage;
    };
    std::error_code ec;
    if (!options.force && fs::exists(fs::symlink_status(options.output, ec))) return exists();
    const std::string text = starter_toml(options.name, options.schema_ref);
    if (auto err = write_file_atomic(options.output, text, options.force); !err.empty()) {
        if (err.starts_with("exists")) return exists();
        sink.error("output-failed", options.output, {}, err);
        return ExitCode::output_failed;
    }
    return ExitCode::ok;
}

std::string default_pdf_path(const std::string& input) {
    return fs::path(input).replace_extension(".pdf").string();
}

std::string find_data_dir(const std::string& executable_path, const std::string& name) {
    std::error_code ec;
    const fs::path installed =
        fs::path(executable_path).parent_path().parent_path() / "share" / "cvtex" / name;
    if (!executable_path.empty() && fs::is_directory(installed, ec)) return installed.string();
    return (fs::path(CVTEX_SOURCE_DIR) / name).string();
}

}  // namespace cvtex
