// The JSON Resume reader (jsonresume.org, schema 1.0): a resume.json as a cvtex document.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <string_view>

#include "cvtex/base/diagnostics.hpp"
#include "cvtex/base/source.hpp"

namespace cvtex {

/// Reads `file` (JSON Resume) into a cvtex CV as data for write_toml(): its basics, profiles
/// and every section. What cvtex has no place for is a warning (`import-unmapped`) at its key;
/// invalid JSON or a value of the wrong type is an error, and the result is then null.
nlohmann::json read_json_resume(const SourceFile& file, DiagnosticSink& sink);

/// Where every key and array element of `text` (valid JSON) is, by JSON pointer ("/work/0/name"):
/// the span of the key (with its quotes) or of the element's first character. nlohmann-json
/// keeps no positions, so warnings about a value find their line and column here.
std::map<std::string, Span> json_positions(std::string_view text);

}  // namespace cvtex
