// PDFs after TeX: counting pages and combining documents into one PDF, through libqpdf
// (Debian's libqpdf-dev; docs/architecture.md says why it and not one TeX run).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cvtex::pdf {

/// The number of pages of the PDF `bytes`, or nullopt when it cannot be read.
std::optional<int> count_pages(std::string_view bytes);

/// One document of a combined PDF.
struct Part {
    std::string title;  ///< its bookmark, e.g. "Research Statement"
    std::string bytes;  ///< the PDF
};

struct CombineOptions {
    std::string title;   ///< the combined PDF's /Title
    std::string author;  ///< its /Author
    /// Page labels that restart with every part and name it ("CV 1", "CV 2"), for documents
    /// numbered on their own; without, the viewer numbers pages 1 to N.
    bool labels_per_part = true;
};

/// The parts one after the other, as one PDF: a top-level bookmark per part (opening its first
/// page), under which the part's own bookmarks are kept; page labels as `options` say; the
/// same bytes for the same parts (a deterministic /ID, no dates). Empty, with `error` set,
/// when a part cannot be read.
std::string combine(const std::vector<Part>& parts, const CombineOptions& options,
                    std::string& error);

}  // namespace cvtex::pdf
