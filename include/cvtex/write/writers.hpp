// The writer table, in pandoc's shape: every output format is one entry that reads the
// transformed model. Each writer has its own escaping function in its own namespace.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cvtex/base/diagnostics.hpp"
#include "cvtex/model/model.hpp"

namespace cvtex {

/// What a writer may need to know beyond the document.
struct WriteOptions {
    std::string engine = "pdflatex";      ///< the TeX engine that will read LaTeX
    std::string marker_name = "cv.toml";  ///< the name LaTeX's `% NAME:LINE` markers use
    int first_page = 1;                   ///< the number of the first page
};

struct WriterSpec {
    std::string_view name;       ///< "latex"
    std::string_view emit;       ///< what `--emit` calls its output: "tex"
    std::string_view extension;  ///< of its output file: ".tex"
    bool needs_tex;              ///< its output is typeset by a TeX engine into the PDF
    std::string (*write)(const Document&, const WriteOptions&, DiagnosticSink&);
};

/// Every writer; LaTeX first.
const std::vector<WriterSpec>& writers();

/// The writer called `name`, or nullptr.
const WriterSpec* find_writer(std::string_view name);

/// The writer whose output `--emit` calls `emit` ("md"), or nullptr.
const WriterSpec* find_emitted(std::string_view emit);

}  // namespace cvtex
