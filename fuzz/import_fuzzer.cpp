// libFuzzer target: `cvtex import` on JSON Resume and RenderCV YAML. The same bytes go through
// both readers and the TOML writer; whatever TOML comes out is compiled as a CV (no TeX), so
// that an import that writes TOML cvtex cannot read is found too.
#include "cvtex/driver/import.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    for (const auto format : {cvtex::ImportFormat::json_resume, cvtex::ImportFormat::rendercv}) {
        cvtex::MemoryFiles files;
        files.add("cv.in", std::string(cvtex::fuzz::bytes(data, size)));
        cvtex::Sources sources(files);
        cvtex::DiagnosticSink sink;
        const auto toml = cvtex::import_cv("cv.in", format, sources, sink);
        (void)cvtex::format_json(sink.all());
        if (!toml) continue;
        cvtex::MemoryFiles out;
        out.add("cv.toml", *toml);
        cvtex::fuzz::front_end(out);
    }
    return 0;
}
