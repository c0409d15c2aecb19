// Choosing what a CV shows: a named variant, tags to keep or leave out, and the page limit.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cvtex/base/diagnostics.hpp"
#include "cvtex/model/model.hpp"

namespace cvtex {

/// A value given to a build from outside the document: from the command line (no file) or
/// from a packet file (`file` and the span say where).
struct Given {
    std::string value;
    std::string file;
    Span span;
};

/// What `{{name}}` stands for in a letter or a statement, by name.
using Variables = std::map<std::string, Given, std::less<>>;

/// What to show of a CV. Empty: everything, with the CV's own page limit.
struct Selection {
    std::optional<Given> variant;     ///< a `[[variant]]` of the CV, by name
    std::vector<Given> tags;          ///< show what has one of these (or no tags)
    std::vector<Given> exclude_tags;  ///< leave out what has one of these
    std::optional<int> max_pages;     ///< overrides the variant's and the CV's
    Given max_pages_at;               ///< where that limit was written, if anywhere
    bool empty() const { return !variant && tags.empty() && exclude_tags.empty() && !max_pages; }
};

/// Applies `selection` to `doc` (a CV): drops the sections and entries it leaves out, puts the
/// variant's sections in its order, and sets `doc.page_limit`. An unknown variant, tag or
/// section name is an error with a did-you-mean hint, at the place it was written.
void select(Document& doc, const Selection& selection, DiagnosticSink& sink);

/// Every tag used in `cv`, once each, in the order first used.
std::vector<std::string> tags_used(const Cv& cv);

}  // namespace cvtex
