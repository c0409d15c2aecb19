// The plain-text writer (for application portals and applicant-tracking systems) and its one
// escaping function.
#pragma once

#include <string>
#include <string_view>

#include "cvtex/write/writers.hpp"

namespace cvtex {

namespace text {

/// Makes UTF-8 `s` safe as one line of plain text: line breaks and tabs become spaces, other
/// control characters (ESC, which terminals obey) U+FFFD; everything else as typed.
std::string escape(std::string_view s);

}  // namespace text

/// A transformed document as plain text: one column, in reading order.
std::string write_text(const Document& doc, const WriteOptions& options, DiagnosticSink& sink);

}  // namespace cvtex
