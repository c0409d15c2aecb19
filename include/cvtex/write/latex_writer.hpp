// Stage 5: the LaTeX writer. Turns the model into a .tex file that uses cls/cvtex.cls.
#pragma once

#include <string>

#include "cvtex/base/diagnostics.hpp"
#include "cvtex/model/model.hpp"
#include "cvtex/write/latex_escape.hpp"

namespace cvtex {

struct LatexOptions {
    latex::EngineFamily engine = latex::EngineFamily::pdftex;
    /// Name used in the `% NAME:LINE` markers; usually the input's file name.
    std::string marker_name = "cv.toml";
    /// The number of the first page (a packet numbers its documents' pages continuously).
    int first_page = 1;
};

/// Writes a transformed document (see transform()). The output is deterministic: no dates, versions
/// or absolute paths. Before each section and entry stands a `% NAME:LINE` comment, so a TeX error
/// can be traced back to the TOML. Characters the engine cannot print are reported to `sink` as
/// warnings.
std::string write_latex(const Document& doc, const LatexOptions& options, DiagnosticSink& sink);

/// Where a line of the emitted .tex came from.
struct TexOrigin {
    std::uint32_t line = 0;  ///< the TOML line, 0 if unknown
    bool raw = false;        ///< the line is part of the raw LaTeX of a raw-latex section
};

/// The origin of `tex_line` (1-based): the exact TOML line inside raw LaTeX (which is preceded
/// by a `% NAME:LINE raw LaTeX, N lines` marker), else the nearest `% NAME:LINE` marker at or
/// above it.
TexOrigin origin_of(std::string_view tex, std::uint32_t tex_line);

/// The TOML line of `tex_line`, as origin_of(), or 0.
std::uint32_t source_line_for(const std::string& tex, std::uint32_t tex_line);

}  // namespace cvtex
