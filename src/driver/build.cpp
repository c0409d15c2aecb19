// The pipeline driver: wires the stages together and turns engine results into diagnostics.
#include "cvtex/driver/build.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>

#include "cvtex/base/output.hpp"
#include "cvtex/base/utf8.hpp"
#include "cvtex/check/validate.hpp"
#include "cvtex/read/loader.hpp"
#include "cvtex/transform/publications.hpp"
#include "cvtex/write/latex_writer.hpp"

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
    // Validation runs on whatever could be loaded, so warnings come out with the errors.
    validate(doc, today, sink);
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

// "... on input line 57" names a line of the .tex; the user knows the TOML line. `named`
// receives the origin of the line named, if any.
std::string with_toml_lines(std::string text, std::string_view tex, const std::string& input,
                            TexOrigin* named = nullptr) {
    static const std::regex input_line(R"(on input line (\d+))");
    std::smatch m;
    if (!std::regex_search(text, m, input_line)) return text;
    const TexOrigin origin = origin_of(tex, static_cast<std::uint32_t>(std::stoul(m[1].str())));
    if (!origin.line) return text;
    if (named) *named = origin;
    return m.prefix().str() +
           fmt::format("on line {} of {}", origin.line, fs::path(input).filename().string()) +
           m.suffix().str();
}

void report_error(const TexMessage& m, const std::string& tex, const std::string& log_hint,
                  const BuildOptions& options, DiagnosticSink& sink) {
    if (m.file == "cvtex.cls") {
        auto& d =
            sink.error("latex-class-error", options.input, {},
                       fmt::format("internal error in the cvtex class: {} (cvtex.cls, line {})",
                                   m.text, m.line));
        d.hints.push_back("this is a bug in cvtex, not in your CV; please report it with the log");
        d.hints.push_back(log_hint);
        return;
    }
    const bool in_document = m.file.empty() || m.file == "cv.tex";
    TexOrigin origin = in_document && m.line ? origin_of(tex, m.line) : TexOrigin{};
    // "\begin{itemize} on input line 7 ended by \end{document}": line 7 is the culprit.
    TexOrigin named;
    std::string text = with_toml_lines(m.text, tex, options.input, &named);
    if (named.raw) origin = named;
    if (!in_document) text += fmt::format(" (in {}, line {})", m.file, m.line);
    if (origin.raw) text += " in the raw LaTeX of this entry";
    auto& d =
        sink.error("latex-error", options.input, origin.line ? Span::at(origin.line, 1) : Span{},
                   fmt::format("LaTeX: {}", text));
    if (origin.line && !origin.raw)
        d.hints.push_back(
            "cvtex escapes all text outside raw-latex sections, so this is probably a "
            "bug in cvtex; please report it with the log");
    d.hints.push_back(log_hint);
}

// Each line of the .tex that holds `glyph`, mapped to its TOML line.
std::vector<std::uint32_t> toml_lines_holding(std::string_view tex, std::string_view glyph) {
    std::vector<std::uint32_t> out;
    std::uint32_t tex_line = 1;
    std::size_t pos = 0;
    while (pos < tex.size()) {
        const std::size_t end = std::min(tex.find('\n', pos), tex.size());
        if (tex.substr(pos, end - pos).find(glyph) != std::string_view::npos) {
            const std::uint32_t line = origin_of(tex, tex_line).line;
            if (std::find(out.begin(), out.end(), line) == out.end()) out.push_back(line);
        }
        pos = end + 1;
        ++tex_line;
    }
    return out;
}

// Missing glyphs are grouped by the TOML line whose text holds them, one warning per line.
void report_missing_characters(const std::vector<TexMessage>& messages, const std::string& tex,
                               const BuildOptions& options, DiagnosticSink& sink) {
    std::map<std::uint32_t, std::vector<std::string>> by_line;
    for (const auto& m : messages) {
        if (m.kind != TexMessage::Kind::missing_character) continue;
        if (m.character.empty()) {
            by_line[0].push_back(m.text);
            continue;
        }
        std::size_t pos = 0;
        const char32_t cp = utf8::decode(m.character, pos);
        const std::string named =
            fmt::format("'{}' (U+{:04X})", m.character, static_cast<std::uint32_t>(cp));
        for (std::uint32_t line : toml_lines_holding(tex, m.character)) {
            auto& list = by_line[line];
            if (std::find(list.begin(), list.end(), named) == list.end()) list.push_back(named);
        }
    }
    for (const auto& [line, chars] : by_line) {
        auto& d = sink.warning(
            "missing-character", options.input, line ? Span::at(line, 1) : Span{},
            fmt::format("the font has no glyph for {}; not printed", fmt::join(chars, ", ")));
        d.hints.push_back(options.engine == "pdflatex"
                              ? "build with --engine xelatex or --engine lualatex for full Unicode"
                              : "install a font that has it, e.g. fonts-cmu for Cyrillic and "
                                "Greek or fonts-wqy-microhei for Chinese (see docs/engine.md)");
    }
}

// Turns what TeX said into diagnostics that point at the TOML entry that caused them.
void report_tex_messages(const EngineResult& result, const std::string& tex,
                         const BuildOptions& options, DiagnosticSink& sink) {
    const std::string log_hint =
        result.log_path.empty()
            ? std::string("run again with --keep-build DIR to keep the full TeX log")
            : fmt::format("full log: {}", result.log_path);
    for (const auto& m : result.messages) {
        const std::uint32_t line =
            m.file.empty() || m.file == "cv.tex" ? origin_of(tex, m.line).line : 0;
        const Span span = line ? Span::at(line, 1) : Span{};
        switch (m.kind) {
            case TexMessage::Kind::error:
                report_error(m, tex, log_hint, options, sink);
                break;
            case TexMessage::Kind::overfull:
                if (m.overfull_pt > 1.0)
                    sink.warning("overfull-box", options.input, span,
                                 fmt::format("text sticks out into the margin by {:.1f}pt",
                                             m.overfull_pt))
                        .hints.push_back("shorten the text, or allow a line break in it");
                break;
            case TexMessage::Kind::warning:
                // Font substitutions are the class's business; reruns are handled by passes.
                if (!m.text.starts_with("LaTeX Font Warning"))
                    sink.warning("latex-warning", options.input, m.line ? span : Span{},
                                 with_toml_lines(m.text, tex, options.input));
                break;
            case TexMessage::Kind::missing_character:
            case TexMessage::Kind::underfull:
                break;
        }
    }
    report_missing_characters(result.messages, tex, options, sink);
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
    if (options.keep_build) {
        if (auto why = check_keep_dir(*options.keep_build); !why.empty()) {
            sink.error("keep-build-refused", *options.keep_build, {},
                       fmt::format("--keep-build: {}; refusing to write build files into it", why))
                .hints.push_back("name a new or empty directory, e.g. --keep-build build-cv");
            return ExitCode::usage;
        }
    }
    EngineJob job;
    job.tex = tex;
    job.engine = options.engine;
    job.class_dir = options.class_dir;
    job.timeout = options.timeout;
    job.keep_dir = options.keep_build;
    job.source_date_epoch = options.source_date_epoch;
    job.use_format = options.use_format;
    job.format_cache_dir = options.format_cache_dir;
    const EngineResult result = engine.run(job);
    report_tex_messages(result, tex, options, sink);
    if (result.keep_failed)
        sink.warning("keep-build-failed", *options.keep_build, {},
                     "could not copy the build files here")
            .hints.push_back(fmt::format("they are kept in {}",
                                         fs::path(result.log_path).parent_path().string()));
    switch (result.status) {
        case EngineStatus::ok:
            break;
        case EngineStatus::not_found:
            sink.error("engine-not-found", "", {},
                       fmt::format("{} is not installed (or not on PATH)", result.detail))
                .hints.push_back(fmt::format("install it with: apt-get install {}",
                                             engine_package(options.engine)));
            return ExitCode::engine_missing;
        case EngineStatus::timeout: {
            auto& d = sink.error(
                "engine-timeout", options.input, {},
                fmt::format("{} did not finish within {} s and was stopped", options.engine,
                            static_cast<double>(options.timeout.count()) / 1000.0));
            std::vector<std::string> raw;
            for (const auto& s : doc->sections)
                if (const auto* r = std::get_if<RawLatexBody>(&s.body))
                    raw.push_back(fmt::format("{}", r->first_line));
            d.hints.push_back(raw.empty()
                                  ? std::string("--timeout sets the limit")
                                  : fmt::format("raw LaTeX that loops forever is the usual cause: "
                                                "check the raw_latex at line {}",
                                                fmt::join(raw, ", ")));
            d.hints.push_back(fmt::format("full log: {}", result.log_path));
            return ExitCode::timeout;
        }
        case EngineStatus::tex_error:
            if (!sink.has_errors())
                sink.error("latex-error", options.input, {},
                           result.detail.empty() ? "LaTeX failed" : result.detail);
            return ExitCode::tex_failed;
        case EngineStatus::interrupted:  // result.detail names the signal
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
