// The writer table.
#include "cvtex/write/writers.hpp"

#include "cvtex/write/latex_writer.hpp"

namespace cvtex {

namespace {

std::string write_latex_entry(const Document& doc, const WriteOptions& options,
                              DiagnosticSink& sink) {
    LatexOptions latex;
    latex.engine =
        options.engine == "pdflatex" ? latex::EngineFamily::pdftex : latex::EngineFamily::unicode;
    latex.marker_name = options.marker_name;
    latex.first_page = options.first_page;
    return write_latex(doc, latex, sink);
}

}  // namespace

const std::vector<WriterSpec>& writers() {
    static const std::vector<WriterSpec> table{
        {"latex", ".tex", true, write_latex_entry},
    };
    return table;
}

const WriterSpec* find_writer(std::string_view name) {
    for (const auto& w : writers())
        if (w.name == name) return &w;
    return nullptr;
}

}  // namespace cvtex
