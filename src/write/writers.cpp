// The writer table.
#include "cvtex/write/writers.hpp"

#include "cvtex/write/html_writer.hpp"
#include "cvtex/write/json_resume_writer.hpp"
#include "cvtex/write/latex_writer.hpp"
#include "cvtex/write/markdown_writer.hpp"
#include "cvtex/write/text_writer.hpp"

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
        {"latex", "tex", ".tex", true, write_latex_entry},
        {"markdown", "md", ".md", false, write_markdown},
        {"text", "txt", ".txt", false, write_text},
        {"html", "html", ".html", false, write_html},
        {"json-resume", "json-resume", ".json", false, write_json_resume},
    };
    return table;
}

const WriterSpec* find_writer(std::string_view name) {
    for (const auto& w : writers())
        if (w.name == name) return &w;
    return nullptr;
}

const WriterSpec* find_emitted(std::string_view emit) {
    for (const auto& w : writers())
        if (w.emit == emit) return &w;
    return nullptr;
}

}  // namespace cvtex
