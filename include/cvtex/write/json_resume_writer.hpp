// The JSON Resume 1.0 writer (jsonresume.org). Its escaping is nlohmann-json's.
#pragma once

#include <string>

#include "cvtex/write/writers.hpp"

namespace cvtex {

/// A transformed CV as JSON Resume 1.0; what JSON Resume has no place for is a warning
/// (`json-resume-unmapped`) at its TOML key. A letter or statement is an error
/// (`format-needs-cv`).
std::string write_json_resume(const Document& doc, const WriteOptions& options,
                              DiagnosticSink& sink);

}  // namespace cvtex
