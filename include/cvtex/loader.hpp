// Stage 1 and 2: parse the TOML (toml++) and build the model, checking it against the schema.
#pragma once

#include "cvtex/diagnostics.hpp"
#include "cvtex/model.hpp"
#include "cvtex/source.hpp"

namespace cvtex {

/// Parses `source` and builds the document. Every schema problem (syntax, unknown keys, wrong
/// types, missing fields, bad dates and choices) is reported to `sink`; the document returned
/// holds whatever could be read, so later checks can still run. toml++ stays inside this stage.
Document load_document(const SourceFile& source, DiagnosticSink& sink);

}  // namespace cvtex
