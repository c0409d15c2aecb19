// `cvtex new`: the starter file written safely.
#include "cvtex/check/new_cv.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "cvtex/base/output.hpp"
#include "cvtex/base/utf8.hpp"
#include "cvtex/check/schema_export.hpp"

#ifndef CVTEX_SOURCE_SCHEMA_FILE
#define CVTEX_SOURCE_SCHEMA_FILE ""
#endif

namespace cvtex {

namespace fs = std::filesystem;

ExitCode run_new(const NewOptions& options, DiagnosticSink& sink) {
    if (options.name.find_first_not_of(" \t\r\n") == std::string::npos ||
        utf8::find_invalid(options.name)) {
        sink.error("bad-name", "", {}, "the name must be non-empty UTF-8 text")
            .hints.push_back("for example: cvtex new \"Ada Lovelace\"");
        return ExitCode::usage;
    }
    std::error_code ec;
    if (!options.force && fs::exists(fs::symlink_status(options.output, ec))) {
        sink.error("file-exists", options.output, {},
                   "already exists; cvtex new never replaces a file")
            .hints.push_back("choose another file with -o FILE, or replace it with --force");
        return ExitCode::usage;
    }
    const std::string text = starter_toml(options.name, options.schema_ref);
    if (auto err = write_file_atomic(options.output, text, options.force); !err.empty()) {
        if (err.starts_with("exists")) {
            sink.error("file-exists", options.output, {},
                       "already exists; cvtex new never replaces a file")
                .hints.push_back("choose another file with -o FILE, or replace it with --force");
            return ExitCode::usage;
        }
        sink.error("output-failed", options.output, {}, err);
        return ExitCode::output_failed;
    }
    return ExitCode::ok;
}

std::string find_schema_file(const std::string& executable_path) {
    std::error_code ec;
    const fs::path installed = fs::path(executable_path).parent_path().parent_path() / "share" /
                               "cvtex" / "schema" / "cvtex.schema.json";
    if (!executable_path.empty() && fs::exists(installed, ec)) return installed.string();
    return CVTEX_SOURCE_SCHEMA_FILE;
}

}  // namespace cvtex
