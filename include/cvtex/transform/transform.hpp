// Stage 4, the transform: everything decided once between reading and writing, so that every
// writer shows the same content: publication lists (BibTeX import, order, numbers, bylines)
// and the format-neutral decisions of presentation (contact items and their links,
// paragraphs, the links after a publication, "(ed.)" and "(eds.)", legends).
#pragma once

#include "cvtex/base/diagnostics.hpp"
#include "cvtex/base/source.hpp"
#include "cvtex/model/model.hpp"
#include "cvtex/transform/selection.hpp"

namespace cvtex {

/// What the transform needs beside the document.
struct TransformOptions {
    Selection selection;  ///< what to show of a CV
    Date today;           ///< a letter's date when it has none
    Variables variables;  ///< what `{{name}}` stands for in letters and statements
};

/// Prepares `doc` for the writers: what the selection keeps of a CV (see select()), the
/// variables of letters and statements, publication lists and citations, and presentation.
/// Files (.bib, images) are read through `sources`; problems go to `sink`. Writers expect a
/// transformed document.
void transform(Document& doc, const TransformOptions& options, Sources& sources,
               DiagnosticSink& sink);

/// The presentation part of transform() alone, for a document whose publication lists are
/// already prepared (prepare_publications()).
void decide_presentation(Document& doc);

/// The contact line of `person`, in the order its keys were written.
std::vector<ContactItem> contact_items(const Person& person,
                                       const Locale& locale = english_locale());

/// The paragraphs of a text: blank lines separate them, each is trimmed, empty ones dropped.
std::vector<Text> split_paragraphs(const Text& text);

}  // namespace cvtex
