// Rendering diagnostics for people (text with source line and caret) and for tools (JSON).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "cvtex/base/diagnostics.hpp"

namespace cvtex {

/// Gives line `line` of file `file`, or nullopt-like empty view when unknown.
using SourceLines = std::function<std::string_view(const std::string& file, std::uint32_t line)>;

/// The human format:
///   cv.toml:12:1: error: unknown key 'instituton' in education entry
///      12 | instituton = "University of Michigan"
///         | ^~~~~~~~~~
///   hint: did you mean 'institution'?
std::string format_text(const std::vector<Diagnostic>& diagnostics, const SourceLines& lines,
                        bool color);

/// One JSON document; the format is documented in docs/diagnostics.md.
std::string format_json(const std::vector<Diagnostic>& diagnostics);

/// "2 errors, 1 warning" (empty when there is nothing to report).
std::string summary_line(const std::vector<Diagnostic>& diagnostics);

}  // namespace cvtex
