// Markdown bodies of letters and statements, read with md4c (Debian's libmd4c-dev) into the
// model's blocks and inlines, with the position of every piece of text.
#pragma once

#include <string_view>

#include "cvtex/base/diagnostics.hpp"
#include "cvtex/base/source.hpp"
#include "cvtex/model/model.hpp"

namespace cvtex {

/// Where the text of a body starts: in which file, at which line and column (1-based, code
/// points). A body that is a whole file starts at 1:1; one written in a TOML string starts
/// after its opening quotes (escapes in the string may shift columns after them).
struct TextOrigin {
    std::string path;
    FileId file = 0;
    std::uint32_t line = 1;
    std::uint32_t column = 1;
};

/// Reads CommonMark (with autolinks): paragraphs, `#` headings, bullet and numbered lists,
/// quotes, code blocks, **bold**, *italic*, `code`, links, hard line breaks, and citations
/// `[@key]` or `[@a; @b]`. Raw HTML is text; images and tables are warnings (not shown).
/// Never fails: what is not Markdown is text.
Body read_markdown(std::string_view text, const TextOrigin& origin, DiagnosticSink& sink);

}  // namespace cvtex
