// The pipeline driver: wires the stages together; writes nothing and prints nothing.
#include "cvtex/driver/compile.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "cvtex/check/validate.hpp"
#include "cvtex/driver/tex_messages.hpp"
#include "cvtex/pdf/pdf.hpp"
#include "cvtex/read/loader.hpp"
#include "cvtex/transform/transform.hpp"
#include "cvtex/write/writers.hpp"

namespace cvtex {

namespace {

namespace fs = std::filesystem;

// With warnings_as_errors, the first warning stops the build like an error.
bool checks_pass(const CompileOptions& options, DiagnosticSink& sink) {
    if (options.warnings_as_errors) sink.promote_warnings();
    return !sink.has_errors();
}

}  // namespace

EngineJob engine_job(const CompileOptions& options, const Document& doc, std::string tex) {
    EngineJob job;
    job.tex = std::move(tex);
    job.files = doc.attachments;
    job.engine = options.engine;
    job.class_dir = options.class_dir;
    job.timeout = options.timeout;
    job.keep_dir = options.keep_build;
    job.source_date_epoch = options.source_date_epoch;
    job.use_format = options.use_format;
    job.format_cache_dir = options.format_cache_dir;
    return job;
}

namespace {

void report_timeout(const CompileOptions& options, const Document& doc, const EngineResult& result,
                    DiagnosticSink& sink) {
    auto& d =
        sink.error("engine-timeout", options.input, {},
                   fmt::format("{} did not finish within {} s and was stopped", options.engine,
                               static_cast<double>(options.timeout.count()) / 1000.0));
    std::vector<std::string> raw;
    if (const Cv* cv = doc.cv())
        for (const auto& s : cv->sections)
            if (const auto* r = std::get_if<RawLatexBody>(&s.body))
                raw.push_back(fmt::format("{}", r->first_line));
    d.hints.push_back(raw.empty() ? std::string("--timeout sets the limit")
                                  : fmt::format("raw LaTeX that loops forever is the usual cause: "
                                                "check the raw_latex at line {}",
                                                fmt::join(raw, ", ")));
    d.hints.push_back(fmt::format("full log: {}", result.log_path));
}

// The hint that names the log a failed run left, when it left one.
Diagnostic& with_log(Diagnostic& d, const EngineResult& result) {
    if (!result.log_path.empty()) d.hints.push_back(fmt::format("full log: {}", result.log_path));
    return d;
}

// The engine's status as the compile's, with the diagnostics that explain a failure.
CompileStatus engine_status(const CompileOptions& options, const Document& doc,
                            const EngineResult& result, DiagnosticSink& sink) {
    switch (result.status) {
        case EngineStatus::ok:
            return CompileStatus::ok;
        case EngineStatus::not_found:
            sink.error("engine-not-found", "", {},
                       fmt::format("{} is not installed (or not on PATH)", result.detail))
                .hints.push_back(fmt::format("install it with: apt-get install {}",
                                             engine_package(options.engine)));
            return CompileStatus::engine_missing;
        case EngineStatus::timeout:
            report_timeout(options, doc, result, sink);
            return CompileStatus::timeout;
        case EngineStatus::tex_error:
            if (!sink.has_errors())
                with_log(sink.error("latex-error", options.input, {},
                                    result.detail.empty() ? "LaTeX failed" : result.detail),
                         result);
            return CompileStatus::tex_failed;
        case EngineStatus::cannot_write:
            with_log(sink.error("build-files-failed", options.input, {}, result.detail), result)
                .hints.push_back("set TMPDIR to a directory with room, e.g. TMPDIR=$HOME/tmp");
            return CompileStatus::output_failed;
        case EngineStatus::interrupted:  // result.detail names the signal
        case EngineStatus::failed:
            with_log(sink.error("engine-failed", options.input, {}, result.detail), result);
            return CompileStatus::engine_failed;
    }
    return CompileStatus::engine_failed;
}

// What the document is, for messages: "the CV", "variant 'short' of the CV", "the letter".
std::string describe(const CompileOptions& options, const Document& doc) {
    if (options.selection.variant && doc.cv())
        return fmt::format("variant '{}' of the CV", options.selection.variant->value);
    return doc.describe();
}

// More pages than the document may have is an error, or with allow_overflow a warning.
void check_page_limit(const CompileOptions& options, const Document& doc, int pages,
                      DiagnosticSink& sink) {
    if (!doc.page_limit || pages <= doc.page_limit->value) return;
    const IntValue& limit = *doc.page_limit;
    const std::string file = !doc.page_limit_file.empty() ? doc.page_limit_file
                             : limit.span.valid()         ? doc.path_of(limit.span)
                                                          : options.input;
    const std::string message = fmt::format("{} has {} pages, more than its limit of {}",
                                            describe(options, doc), pages, limit.value);
    auto& d = options.allow_overflow ? sink.warning("page-limit", file, limit.span, message)
                                     : sink.error("page-limit", file, limit.span, message);
    d.hints.push_back(options.allow_overflow
                          ? "the PDF was written anyway (--allow-overflow)"
                          : "shorten it, or build with --allow-overflow to write it anyway");
}

// Typesets `tex`; the PDF joins `result.outputs` when everything went well.
void typeset(const CompileOptions& options, const Document& doc, const std::string& tex,
             Sources& sources, Engine& engine, CompileResult& result, DiagnosticSink& sink) {
    note_class_inputs(options, sources, doc.settings);
    const EngineResult& ran = result.engine.emplace(engine.run(engine_job(options, doc, tex)));
    result.status = judge_engine_run(options, doc, tex, ran, result.pages, sink);
    if (result.status == CompileStatus::ok) result.outputs.push_back({"pdf", ran.pdf});
}

}  // namespace

CompileOptions with_engine(const CompileOptions& options, const Document& doc) {
    CompileOptions out = options;
    if (out.engine.empty()) out.engine = doc.settings.engine;
    if (out.engine.empty()) out.engine = "pdflatex";
    return out;
}

void note_class_inputs(const CompileOptions& options, Sources& sources, const Settings& settings) {
    // TeX reads the class (and, under LuaTeX, its Lua code): the PDF depends on them too.
    sources.depend((fs::path(options.class_dir) / "cvtex.cls").string());
    if (options.engine == "lualatex")
        sources.depend((fs::path(options.class_dir) / "cvtex.lua").string());
    if (!settings.theme.value.empty() && !settings.custom_theme())
        sources.depend(
            (fs::path(options.class_dir) / ("cvtex-theme-" + settings.theme.value + ".sty"))
                .string());
}

bool check_engine_settings(const CompileOptions& options, const Document& doc,
                           DiagnosticSink& sink) {
    const Settings& s = doc.settings;
    const WriterSpec* writer = find_writer(options.writer);
    if (options.engine != "pdflatex" && options.fonts && writer && writer->needs_tex)
        report_script_fonts(doc, *options.fonts, sink);
    if (!s.locale.rtl.empty() && options.engine != "lualatex" && writer && writer->needs_tex)
        sink.warning("rtl-needs-lualatex", doc.path_of(s.language_span), s.language_span,
                     fmt::format("{} lays the document out left to right; the right-to-left "
                                 "layout of language '{}' needs lualatex",
                                 options.engine, s.locale.code))
            .hints.push_back("build with --engine lualatex");
    if (s.bundled_font()) return true;
    const std::string file = doc.path_of(s.font_span);
    if (options.engine == "pdflatex") {
        auto& d = sink.error("font-needs-engine", file, s.font_span,
                             fmt::format("pdflatex cannot use the font '{}'", s.font));
        d.hints.push_back(
            "build with --engine xelatex or --engine lualatex, which use "
            "installed fonts by name");
        d.hints.push_back(fmt::format("or one of: {}", fmt::join(bundled_fonts(), ", ")));
        return false;
    }
    if (!options.fonts || options.fonts->has(s.font)) return true;
    auto& d = sink.error("unknown-font", file, s.font_span,
                         fmt::format("no installed font is called '{}'", s.font));
    std::vector<std::string> families = options.fonts->families();
    for (int i = 0; i < 3 && !families.empty(); ++i) {
        const std::string guess = closest_match(s.font, families);
        if (guess.empty()) break;
        d.hints.push_back(fmt::format("did you mean '{}'?", guess));
        families.erase(std::find(families.begin(), families.end(), guess));
    }
    d.hints.push_back("fc-list : family lists the installed fonts");
    return false;
}

CompileStatus judge_engine_run(const CompileOptions& options, const Document& doc,
                               const std::string& tex, const EngineResult& ran,
                               std::optional<int>& pages, DiagnosticSink& sink) {
    report_tex_messages(ran, tex, options.input, options.engine, sink, &doc);
    if (ran.keep_failed)
        sink.warning("keep-build-failed", *options.keep_build, {},
                     "could not copy the build files here")
            .hints.push_back(
                fmt::format("they are kept in {}", fs::path(ran.log_path).parent_path().string()));
    CompileStatus status = engine_status(options, doc, ran, sink);
    if (status == CompileStatus::ok) {
        // TeX says in its log how many pages it wrote ("Output written on cv.pdf (3 pages").
        if (ran.pages > 0) pages = ran.pages;
        if (pages) check_page_limit(options, doc, *pages, sink);
        if (sink.has_errors()) status = CompileStatus::invalid_input;
    }
    // With warnings_as_errors a warning from TeX fails the build before the PDF is returned.
    if (status == CompileStatus::ok && !checks_pass(options, sink))
        status = CompileStatus::invalid_input;
    return status;
}

std::optional<std::string> write_document(const CompileOptions& options, const Document& doc,
                                          DiagnosticSink& sink, int first_page) {
    const WriterSpec* writer = find_writer(options.writer);
    if (!writer) {
        sink.error("unknown-writer", "", {}, fmt::format("no writer called '{}'", options.writer));
        return std::nullopt;
    }
    // The markers keep the default name (cv.toml) whatever the file is called: the .tex, and
    // the PDF's /ID made from it, depend on the content only, not on the file's name.
    WriteOptions write_options;
    write_options.engine = options.engine;
    write_options.first_page = first_page;
    std::string text = writer->write(doc, write_options, sink);
    if (!checks_pass(options, sink)) return std::nullopt;
    return text;
}

const CompileOutput* CompileResult::output(std::string_view writer) const {
    for (const auto& o : outputs)
        if (o.writer == writer) return &o;
    return nullptr;
}

std::optional<Document> load_and_check(const CompileOptions& options, Sources& sources,
                                       DiagnosticSink& sink) {
    const SourceFile* file = read_source(options.input, sources, sink);
    if (!file) return std::nullopt;
    std::vector<SourceFile> set;
    for (const auto& o : options.overrides)
        if (auto f = override_source(o, sink)) {
            sources.keep(*f);  // so that diagnostics can quote it
            set.push_back(std::move(*f));
        }
    Document doc = load_document(*file, sink, set, &sources);
    // Validation runs on whatever could be loaded, so warnings come out with the errors.
    validate(doc, options.today, sink);
    if (!sink.has_errors())
        transform(doc, {options.selection, options.today, options.variables}, sources, sink);
    return doc;
}

CompileResult compile(const CompileOptions& given, Sources& sources, Engine& engine,
                      DiagnosticSink& sink) {
    CompileResult result;
    auto& doc = result.document = load_and_check(given, sources, sink);
    // Warnings fail a strict build only after the writer's own warnings joined them.
    if (!doc || sink.has_errors()) {
        checks_pass(given, sink);
        return result;
    }
    // The engine is known once the document is read, and the writer needs it (escaping
    // depends on the engine's family): the command line's, else the file's, else pdflatex.
    const CompileOptions options = with_engine(given, *doc);
    result.tex_engine = options.engine;
    if (!check_engine_settings(options, *doc, sink)) {
        checks_pass(given, sink);
        return result;
    }
    // The other formats first: they need no TeX, and their warnings fail a strict build before
    // TeX runs, as the LaTeX writer's do.
    for (const auto& name : options.formats) {
        CompileOptions format = options;
        format.writer = name;
        auto text = write_document(format, *doc, sink);
        if (!text) return result;
        result.outputs.push_back({name, std::move(*text)});
    }
    if (!options.latex && !options.run_engine) {
        result.status = CompileStatus::ok;
        return result;
    }
    auto text = write_document(options, *doc, sink);
    if (!text) return result;
    result.outputs.push_back({options.writer, *text});
    result.status = CompileStatus::ok;
    const WriterSpec* writer = find_writer(options.writer);
    if (writer->needs_tex && options.run_engine)
        typeset(options, *doc, *text, sources, engine, result, sink);
    return result;
}

}  // namespace cvtex
