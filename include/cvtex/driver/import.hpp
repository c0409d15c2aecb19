// `cvtex import`'s pipeline: another tool's CV (JSON Resume, RenderCV) read into a cvtex
// document and written as TOML.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cvtex/base/diagnostics.hpp"
#include "cvtex/base/source.hpp"

namespace cvtex {

enum class ImportFormat { json_resume, rendercv };

/// The format `--from` names ("json-resume", "rendercv"), or nullopt.
std::optional<ImportFormat> import_format_named(std::string_view name);
/// The format of a file by its extension (.json: JSON Resume; .yaml, .yml: RenderCV).
std::optional<ImportFormat> import_format_of(std::string_view path);

/// Reads `path` through `sources` as `format` and returns the cvtex TOML, or nullopt after an
/// error; what does not map is a warning in `sink`. Writes nothing.
std::optional<std::string> import_cv(const std::string& path, ImportFormat format, Sources& sources,
                                     DiagnosticSink& sink);

}  // namespace cvtex
