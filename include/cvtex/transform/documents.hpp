// The transform of letters and statements: variables, a letter's date and signature, and a
// statement's citations turned into a numbered list of references.
#pragma once

#include "cvtex/base/diagnostics.hpp"
#include "cvtex/base/source.hpp"
#include "cvtex/model/model.hpp"
#include "cvtex/transform/transform.hpp"

namespace cvtex {

/// Replaces every `{{name}}` in the letter or statement of `doc` (its body and its text
/// fields) by the variable's value; an unknown name is the error `unknown-variable` at its
/// file, line and column, with a did-you-mean hint. Then gives a letter its date (`today`
/// when it has none) and its signature image (an attachment), and a statement its
/// references: the works it cites, from its .bib files, numbered in the order first cited.
void prepare_document(Document& doc, const TransformOptions& options, Sources& sources,
                      DiagnosticSink& sink);

}  // namespace cvtex
