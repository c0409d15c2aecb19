// The fonts xelatex and lualatex find by name: asked of fontconfig before TeX runs, so a
// misspelt font is a located error with hints instead of a fontspec error in the log.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cvtex {

/// Installed font families, behind an interface so that tests need no fontconfig.
class FontCatalog {
  public:
    virtual ~FontCatalog() = default;
    /// True when a font family called `family` is installed.
    virtual bool has(const std::string& family) const = 0;
    /// Every installed family (each name of each), for hints.
    virtual std::vector<std::string> families() const = 0;
};

/// The system's fonts, through fc-list (fontconfig, which xelatex uses as well). Asked only
/// for a font that is not one of cvtex's own, so pdflatex builds never run it. When fc-list
/// cannot be run, every font counts as installed and TeX has the last word.
const FontCatalog& system_fonts();

/// The fonts the class (cls/cvtex.cls, \cvscript) prints a script in under xelatex and
/// lualatex, the first installed one winning; the class's lists are the same.
struct ScriptFonts {
    std::string_view script;  ///< as latex::script_of() names it: "arabic"
    std::string_view name;    ///< for messages: "Arabic"
    std::vector<std::string> families;
    std::size_t with_bold;     ///< how many of `families`, from the first, have a bold face
    std::string_view package;  ///< the Debian package with the first of them
};

/// Every script of latex::script_of().
const std::vector<ScriptFonts>& script_fonts();

}  // namespace cvtex
