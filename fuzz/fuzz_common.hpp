// What the fuzz targets share: the front end of a build (load, validate, transform, write the
// LaTeX; no TeX) on files held in memory, and the printers of its diagnostics.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "cvtex/base/diagnostic_printer.hpp"
#include "cvtex/base/files.hpp"
#include "cvtex/base/source.hpp"
#include "cvtex/driver/compile.hpp"

namespace cvtex::fuzz {

// Never asked to run: the targets stop at the LaTeX.
class NoEngine final : public Engine {
  public:
    EngineResult run(const EngineJob&) override { return {}; }
};

inline std::string_view bytes(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// compile() without TeX on `files` (cv.toml and what it names), for both engine families, and
// the diagnostics printed both ways.
inline void front_end(MemoryFiles& files) {
    for (const char* engine : {"pdflatex", "xelatex"}) {
        Sources sources(files);
        DiagnosticSink sink;
        NoEngine none;
        CompileOptions options;
        options.input = "cv.toml";
        options.run_engine = false;
        options.engine = engine;
        options.today = Date{2026, 1, 1};
        const CompileResult result = compile(options, sources, none, sink);
        sink.sort_and_dedupe();
        auto lines = [&](const std::string& f, std::uint32_t l) { return sources.line(f, l); };
        (void)format_text(sink.all(), lines, false);
        (void)format_json(sink.all());
    }
}

}  // namespace cvtex::fuzz
