// Which URLs the writer may turn into links: only schemes that hyperref makes a plain URI.
#pragma once

#include <string>
#include <string_view>

#include "cvtex/base/diagnostics.hpp"
#include "cvtex/model/model.hpp"

namespace cvtex {

/// What link_target() made of a URL.
struct LinkTarget {
    enum class Kind {
        allowed,  ///< an allowed scheme: `url` is the input
        missing,  ///< no scheme: `url` is the input with `https://` in front
        refused,  ///< another scheme (or an empty URL): `url` is empty, the text is not linked
        words,    ///< white space inside ("to appear"): not a URL; `url` is empty
    };
    Kind kind = Kind::refused;
    std::string url;     ///< the target to link, empty when refused
    std::string scheme;  ///< the scheme as written, empty when there is none
};

/// The target a link to `url` may have. hyperref turns `run:` into a Launch action and
/// `file:` (or a scheme-less name ending in .pdf) into GoToR/Launch, so only http, https,
/// mailto, tel and ftp (any case) are linked; a URL without a scheme is linked as https://.
/// Text with white space in it ("to appear") is not a URL and is not linked.
/// Every link the writer emits goes through this function.
LinkTarget link_target(std::string_view url);

/// Warns beforehand what link_target() will do with `url` when that is not what was written:
/// `url-without-scheme` (linked as https://...), `url-scheme-not-allowed` or `url-with-spaces`
/// (not linked).
/// `file` is where `url` was written (the TOML or a .bib file).
void check_link(const Text& url, const std::string& file, DiagnosticSink& sink);

}  // namespace cvtex
