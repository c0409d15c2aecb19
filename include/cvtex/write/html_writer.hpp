// The HTML writer (one self-contained page) and HTML's one escaping function.
#pragma once

#include <string>
#include <string_view>

#include "cvtex/write/writers.hpp"

namespace cvtex {

namespace html {

enum class EscapeContext {
    text,       ///< element content
    attribute,  ///< a double-quoted attribute value (URLs too: link_target() chose them)
    script,     ///< JSON inside <script type="application/ld+json">: no `<`, `>` or `&`
};

/// Escapes UTF-8 `s` for `context`: `&`, `<`, `>`, `"` and `'` as character references in
/// text and attributes; in a script, `<`, `>` and `&` as JSON's \u escapes (the text is JSON,
/// where they appear only inside strings). Control characters other than line breaks and
/// tabs become U+FFFD.
std::string escape(std::string_view s, EscapeContext context);

}  // namespace html

/// A transformed document as one HTML5 page: semantic markup, a print stylesheet, schema.org
/// Person data as JSON-LD.
std::string write_html(const Document& doc, const WriteOptions& options, DiagnosticSink& sink);

}  // namespace cvtex
