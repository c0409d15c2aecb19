// The RenderCV reader (rendercv.com, its YAML input, version 2): a CV as a cvtex document.
#pragma once

#include <nlohmann/json.hpp>

#include "cvtex/base/diagnostics.hpp"
#include "cvtex/base/source.hpp"

namespace cvtex {

/// Reads `file` (RenderCV's YAML, read with yaml-cpp) into a cvtex CV as data for
/// write_toml(): `cv` with its social networks and every section and entry type, `design`
/// where cvtex has an equivalent (theme, colours, page, margins, bullet). What cvtex has no
/// place for is a warning (`import-unmapped`) at its YAML line and column; invalid YAML or a
/// value of the wrong type is an error, and the result is then null.
nlohmann::json read_rendercv(const SourceFile& file, DiagnosticSink& sink);

}  // namespace cvtex
