// PNG previews of a PDF's pages, through poppler's pdftoppm as a process (poppler-utils), so
// that the cvtex binary does not load poppler (docs/formats.md#png).
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace cvtex {

/// The pages of `pdf` as PNG images at `dpi` dots per inch, first page first; empty, with the
/// reason in `error`, when pdftoppm is missing, fails, or runs longer than `timeout` (the
/// build's --timeout; then its process group is killed).
std::vector<std::string> render_png(const std::string& pdf, int dpi, std::string& error,
                                    std::chrono::milliseconds timeout);

/// Where page `page` (from 1) of the PDF at `pdf_path` goes: cv.pdf -> cv-1.png.
std::string png_path(const std::string& pdf_path, int page);

}  // namespace cvtex
