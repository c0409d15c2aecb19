// Stage 4 (transform) for publication lists: BibTeX import, filters, order, groups, numbers,
// and each author's printed name and marks. The writer only renders what this decides.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cvtex/base/diagnostics.hpp"
#include "cvtex/base/source.hpp"
#include "cvtex/model/model.hpp"

namespace cvtex {

/// Prepares every publications section of `doc`: imports the entries of its `bib` files that
/// pass its filters (paths relative to `doc.source_path`, read through `sources` and added to
/// `doc.files`), sorts, groups and numbers the list, and fills in each entry's byline (printed
/// names, owner, marks). Problems go to `sink`; those about a .bib point into it.
void prepare_publications(Document& doc, Sources& sources, DiagnosticSink& sink);

/// prepare_publications() for one publications section that is not among a CV's (the
/// references of a statement).
void prepare_publication_list(Document& doc, Section& section, Sources& sources,
                              DiagnosticSink& sink);

/// One name of a BibTeX name list, with the marks written on it.
struct BibName {
    PersonName name;
    bool equal = false;                      ///< marked * (Wei*, Wei$^*$, Wei\textsuperscript{*})
    bool corresponding = false;              ///< marked with a dagger (†, \dag, $^\dagger$)
    std::vector<std::string> unknown_marks;  ///< marks without a meaning here: "^", "‡", "1,2"
};

/// A BibTeX name field read in full.
struct BibNameList {
    std::vector<BibName> names;
    bool others = false;               ///< it ends with "and others"
    std::vector<std::string> unknown;  ///< LaTeX commands not understood ("\foo")
};

/// The names of a BibTeX name field (author, editor, equal, ...), split by the BibTeX rules
/// with the LaTeX in every token turned into Unicode. Marks that homepages write into names
/// are taken off first: *, ∗ and † (alone, in $^{...}$ or \textsuperscript{...}, before or
/// after the name) become `equal` and `corresponding`, other marks are kept in
/// `unknown_marks`; \textbf{...} and similar wrappers around a name are removed. The argument
/// of a command not understood is left out, so that it is never glued to the name.
BibNameList read_bib_names(std::string_view value);

/// The names of read_bib_names() alone. `others` reports a final "and others".
std::vector<PersonName> bib_names(std::string_view value, bool* others = nullptr);

/// The group of a BibTeX entry type: "article", "conference", "book", "report", "preprint",
/// "thesis", "talk" or "other". The venue (journal or howpublished) and an eprint tell an arXiv
/// preprint from an article or a @misc entry.
std::string group_of_type(std::string_view type, std::string_view venue, bool has_eprint);

}  // namespace cvtex
