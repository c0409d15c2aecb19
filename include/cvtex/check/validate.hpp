// Stage 3: checks that need the whole model (cross-field rules and "probably wrong" warnings).
#pragma once

#include "cvtex/base/diagnostics.hpp"
#include "cvtex/model/model.hpp"

namespace cvtex {

/// Checks `doc` beyond what the schema says. `today` comes from the caller (the clock is not
/// read here) so results are reproducible; it is used to flag finished items dated in the
/// future (an end that is not "present", or a single date, after `today`).
void validate(const Document& doc, const Date& today, DiagnosticSink& sink);

}  // namespace cvtex
