// The pipeline driver: wires the stages together and turns engine results into diagnostics.
#include "cvtex/build.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "cvtex/latex_writer.hpp"
#include "cvtex/loader.hpp"
#include "cvtex/output.hpp"
#include "cvtex/publications.hpp"
#include "cvtex/validate.hpp"

#ifndef CVTEX_SOURCE_CLASS_DIR
#define CVTEX_SOURCE_CLASS_DIR ""
#endif

namespace cvtex {

namespace fs = std::filesystem;

const SourceFile& SourceSet::add(SourceFile file) {
    const std::string key = file.path();
    return files_.insert_or_assign(key, std::move(file)).first->second;
}

std::string_view SourceSet::line(const std::string& path, std::uint32_t line) const {
    const auto it = files_.find(path);
    return it == files_.end() ? std::string_view() : it->second.line(line);
}

std::string default_pdf_path(const std::string& input) {
    return fs::path(input).replace_extension(".pdf").string();
}

std::string find_class_dir(const std::string& executable_path) {
    std::error_code ec;
    const fs::path installed =
        fs::path(executable_path).parent_path().parent_path() / "share" / "cvtex" / "cls";
    if (!executable_path.empty() && fs::exists(installed / "cvtex.cls", ec))
        return installed.string();
    return CVTEX_SOURCE_CLASS_DIR;
}

namespace {

// The .bib files a CV imports, read from disk and kept so diagnostics can quote them.
class DiskFiles : public InputFiles {
public:
    explicit DiskFiles(SourceSet& sources) : sources_(sources) {}
    std::optional<std::string> read(const std::string& path) override {
        std::error_code ec;
        if (!fs::is_regular_file(path, ec)) return std::nullopt;
        return read_file(path);
    }
    const SourceFile& keep(SourceFile file) override { return sources_.add(std::move(file)); }

private:
    SourceSet& sources_;
};

}  // namespace

std::optional<Document> load_and_check(const std::string& path, const Date& today,
                                       SourceSet& sources, DiagnosticSink& sink) {
    auto source = read_source(path, sink);
    if (!source) return std::nullopt;
    const SourceFile& file = sources.add(std::move(*source));
    Document doc = load_document(file, sink);
    if (!sink.has_errors()) validate(doc, today, sink);
    if (!sink.has_errors()) {
        DiskFiles files(sources);
        prepare_publications(doc, files, sink);
    }
    return doc;
}

namespace {

ExitCode finish_checks(const BuildOptions& options, DiagnosticSink& sink) {
    if (options.warnings_as_errors) sink.promote_warnings();
    return sink.has_errors() ? ExitCode::invalid_input : ExitCode::ok;
}

// Turns what TeX said into diagnostics that point at the TOML entry that caused them.
void report_tex_messages(const EngineResult& result, const std::string& tex,
                         const BuildOptions& options, DiagnosticSink& sink) {
    const std::string log_hint =
        result.log_path.empty()
            ? std::string("run again with --keep-build DIR to keep the full TeX log")
            : fmt::format("full log: {}", result.log_path);
    for (const auto& m : result.messages) {
        const std::uint32_t line = m.file == "cv.tex" ? source_line_for(tex, m.line) : 0;
        const Span span = line ? Span::at(line, 1) : Span{};
        switch (m.kind) {
            case TexMessage::Kind::error: {
                std::string where = m.file.empty() || m.file == "cv.tex"
                                        ? std::string()
                                        : fmt::format(" (in {}, line {})", m.file, m.line);
                sink.error("latex-error", options.input, span,
                           fmt::format("LaTeX: {}{}", m.text, where))
                    .hints.push_back(log_hint);
                break;
            }
            case TexMessage::Kind::overfull:
                if (m.overfull_pt > 1.0)
                    sink.warning("overfull-box", options.input, span,
                                 fmt::format("text sticks out into the margin by {:.1f}pt",
                                             m.overfull_pt))
                        .hints.push_back("shorten the text, or allow a line break in it");
                break;
            case TexMessage::Kind::missing_character:
                sink.warning("missing-character", options.input, span,
                             fmt::format("{}: a character was not printed", m.text))
                    .hints.push_back(options.engine == "pdflatex"
                                         ? "build with --engine xelatex for full Unicode"
                                         : "choose a font that has this character");
                break;
            case TexMessage::Kind::warning:
                sink.warning("latex-warning", options.input, span, m.text);
                break;
            case TexMessage::Kind::underfull:
                break;
        }
    }
}

}  // namespace

ExitCode run_check(const BuildOptions& options, SourceSet& sources, DiagnosticSink& sink) {
    load_and_check(options.input, options.today, sources, sink);
    return finish_checks(options, sink);
}

ExitCode run_build(const BuildOptions& options, Engine& engine, SourceSet& sources,
                   DiagnosticSink& sink, std::vector<std::string>& written) {
    auto doc = load_and_check(options.input, options.today, sources, sink);
    if (!doc || sink.has_errors()) return finish_checks(options, sink);

    LatexOptions latex;
    latex.engine = options.engine == "pdflatex" ? EngineFamily::pdftex : EngineFamily::unicode;
    latex.marker_name = fs::path(options.input).filename().string();
    const std::string tex = write_latex(*doc, latex, sink);
    if (finish_checks(options, sink) != ExitCode::ok) return ExitCode::invalid_input;

    if (options.tex_path) {
        if (same_file(*options.tex_path, options.input)) {
            sink.error("output-is-input", *options.tex_path, {}, "refusing to overwrite the input");
            return ExitCode::usage;
        }
        if (auto err = write_file_atomic(*options.tex_path, tex); !err.empty()) {
            sink.error("output-failed", *options.tex_path, {}, err);
            return ExitCode::output_failed;
        }
        written.push_back(*options.tex_path);
    }
    if (options.tex_only) return ExitCode::ok;

    const std::string pdf_path = options.pdf_path.value_or(default_pdf_path(options.input));
    if (same_file(pdf_path, options.input)) {
        sink.error("output-is-input", pdf_path, {}, "refusing to overwrite the input");
        return ExitCode::usage;
    }
    EngineJob job;
    job.tex = tex;
    job.engine = options.engine;
    job.class_dir = options.class_dir;
    job.timeout = options.timeout;
    job.keep_dir = options.keep_build;
    job.source_date_epoch = options.source_date_epoch;
    const EngineResult result = engine.run(job);
    report_tex_messages(result, tex, options, sink);
    switch (result.status) {
        case EngineStatus::ok: break;
        case EngineStatus::not_found:
            sink.error("engine-not-found", "", {},
                       fmt::format("{} is not installed (or not on PATH)", result.detail))
                .hints.push_back(fmt::format("install it with: apt-get install {}",
                                             engine_package(options.engine)));
            return ExitCode::engine_missing;
        case EngineStatus::timeout:
            sink.error("engine-timeout", options.input, {},
                       fmt::format("{} did not finish within {} s and was stopped", options.engine,
                                   static_cast<double>(options.timeout.count()) / 1000.0))
                .hints.push_back("raw LaTeX that loops forever is the usual cause; --timeout "
                                 "sets the limit");
            return ExitCode::timeout;
        case EngineStatus::tex_error:
            if (!sink.has_errors())
                sink.error("latex-error", options.input, {},
                           result.detail.empty() ? "LaTeX failed" : result.detail);
            return ExitCode::tex_failed;
        case EngineStatus::failed:
            sink.error("engine-failed", options.input, {}, result.detail);
            return ExitCode::tex_failed;
    }
    // With --warnings-as-errors a warning from TeX fails the build before anything is written.
    if (finish_checks(options, sink) != ExitCode::ok) return ExitCode::invalid_input;
    if (auto err = write_file_atomic(pdf_path, result.pdf); !err.empty()) {
        sink.error("output-failed", pdf_path, {}, err);
        return ExitCode::output_failed;
    }
    written.push_back(pdf_path);
    return ExitCode::ok;
}

}  // namespace cvtex
