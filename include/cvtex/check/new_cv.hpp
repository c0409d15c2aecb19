// `cvtex new`: writing a starter CV, never over an existing file unless asked to.
#pragma once

#include <string>

#include "cvtex/base/diagnostics.hpp"
#include "cvtex/driver/build.hpp"

namespace cvtex {

struct NewOptions {
    std::string name;                ///< the person's full name
    std::string output = "cv.toml";  ///< where to write the starter
    bool force = false;              ///< replace an existing file
    std::string schema_ref;          ///< what the `#:schema` line names
};

/// Writes starter_toml() to `options.output`, atomically. An existing file is an error
/// (ExitCode::usage) unless `force`; an empty or non-UTF-8 name is a usage error too.
ExitCode run_new(const NewOptions& options, DiagnosticSink& sink);

/// The JSON Schema file for `#:schema` lines: PREFIX/share/cvtex/schema/cvtex.schema.json next
/// to an installed binary, else the source tree's schema/cvtex.schema.json. An absolute path.
std::string find_schema_file(const std::string& executable_path);

}  // namespace cvtex
