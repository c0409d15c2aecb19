// Which code points pdflatex can print with the class's font encodings. The table is
// generated from TeX Live's .dfu files by scripts/gen_pdflatex_unicode.py.
#include <algorithm>

#include "cvtex/write/latex_escape.hpp"

namespace cvtex::latex {

namespace {
#include "pdflatex_unicode_table.inc"
}  // namespace

bool pdflatex_can_print(char32_t cp) {
    const auto* end = std::end(pdflatex_supported_ranges);
    const auto* it =
        std::upper_bound(std::begin(pdflatex_supported_ranges), end, cp,
                         [](char32_t v, const PdflatexRange& r) { return v < r.first; });
    return it != std::begin(pdflatex_supported_ranges) && cp <= std::prev(it)->last;
}

bool pdflatex_needs_actual_text(char32_t cp) {
    // Characters that print nothing visible copy as nothing anyway.
    if (cp == 0xA0 || cp == 0xAD || cp == 0xFEFF) return false;
    return std::binary_search(std::begin(pdflatex_text_layer_lossy),
                              std::end(pdflatex_text_layer_lossy), cp);
}

}  // namespace cvtex::latex
