// What TeX said, turned into diagnostics that point at the TOML line that caused them.
#pragma once

#include <string>

#include "cvtex/base/diagnostics.hpp"
#include "cvtex/engine/engine.hpp"
#include "cvtex/engine/fonts.hpp"
#include "cvtex/model/model.hpp"

namespace cvtex {

/// Reports the errors, overfull boxes, warnings and missing glyphs of an engine run to `sink`,
/// at the lines of `input` (the TOML) that the `% NAME:LINE` markers of `tex` name. `engine`
/// is the engine's name, for hints. With `doc`, the document `tex` was written from, a missing
/// glyph is reported at each field that holds it (in the TOML or a .bib).
void report_tex_messages(const EngineResult& result, const std::string& tex,
                         const std::string& input, const std::string& engine, DiagnosticSink& sink,
                         const Document* doc = nullptr);

/// Warns, before xelatex or lualatex runs, about the scripts of `doc`'s text that no installed
/// font prints (missing-script-font), and about Chinese, Japanese or Korean text whose only
/// font has no bold face (fake-bold), each once, at the first field that holds the script,
/// naming the Debian package to install.
void report_script_fonts(const Document& doc, const FontCatalog& fonts, DiagnosticSink& sink);

}  // namespace cvtex
