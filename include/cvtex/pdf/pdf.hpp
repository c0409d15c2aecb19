// PDFs after TeX: combining documents into one PDF, through libqpdf (Debian's libqpdf-dev;
// docs/architecture.md says why it and not one TeX run). libqpdf and the thirteen libraries
// it needs are not linked into cvtex: they would cost every build their loading time (more
// than the whole front end). They live in a module, cvtex-pdf.so, that combine() loads the
// first time a packet needs it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cvtex::pdf {

/// One document of a combined PDF.
struct Part {
    std::string title;  ///< its bookmark, e.g. "Research Statement"
    /// The PDF, not owned: it must outlive the combine() that reads it (a season's parts are
    /// the documents' own outputs, not 10 MB of copies).
    std::string_view bytes;
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
/// When the module cannot be loaded, `error` says so and where it was looked for.
std::string combine(const std::vector<Part>& parts, const CombineOptions& options,
                    std::string& error);

/// The module's combine(), as it hands it out.
using CombineFunction = std::string (*)(const std::vector<Part>&, const CombineOptions&,
                                        std::string&);

/// Where combine() looks for the module, in order: beside the executable (the build tree),
/// in PREFIX/lib/cvtex/ for an executable in PREFIX/bin/, then where this build made it.
std::vector<std::string> module_candidates(const std::string& executable);

}  // namespace cvtex::pdf

/// The module's one entry point: its combine() when `build` is its own cvtex::pdf_module_build
/// (the same version and the same interface: this header), else null. A module of another
/// version, or of the same version built from another commit, could disagree about Part.
extern "C" cvtex::pdf::CombineFunction cvtex_pdf_module_v1(const char* build);
