// The CLI's commands: output paths, atomic writes and exit statuses around compile().
#include "cvtex/cli/commands.hpp"

#include <sys/stat.h>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <utility>

#include "cvtex/base/diagnostic_printer.hpp"
#include "cvtex/base/digest.hpp"
#include "cvtex/base/output.hpp"
#include "cvtex/base/utf8.hpp"
#include "cvtex/check/schema_export.hpp"
#include "cvtex/cli/png.hpp"
#include "cvtex/cli/stamp.hpp"
#include "cvtex/driver/import.hpp"
#include "cvtex/engine/format_cache.hpp"
#include "cvtex/engine/run_cache.hpp"

#ifndef CVTEX_SOURCE_DIR
#define CVTEX_SOURCE_DIR ""
#endif

namespace cvtex {

namespace fs = std::filesystem;

namespace {

// Paths that name no file an output could be: empty (-o ''), or an existing directory. A
// usage error before anything is compiled, not a failure after it.
bool output_paths_usable(const BuildOptions& o, const std::string& pdf_path, DiagnosticSink& sink) {
    struct Given {
        const char* option;
        const std::optional<std::string>& path;
        const char* example;
    };
    const Given given[] = {{"-o", o.pdf_path, "cv.pdf"},
                           {"--tex", o.tex_path, "cv.tex"},
                           {"--keep-build", o.keep_build, "build-cv"},
                           {"--depfile", o.depfile.path, "cv.d"}};
    for (const auto& g : given) {
        if (g.path && g.path->empty()) {
            sink.error("bad-output-path", "", {}, fmt::format("{}: the path is empty", g.option))
                .hints.push_back(fmt::format("give a file name, e.g. {} {}", g.option, g.example));
            return false;
        }
    }
    std::error_code ec;
    std::vector<const std::string*> paths{o.tex_path ? &*o.tex_path : nullptr,
                                          o.run_engine ? &pdf_path : nullptr};
    for (const auto& path : o.format_paths) paths.push_back(&path);
    for (const auto* path : paths) {
        if (path && fs::is_directory(*path, ec)) {
            sink.error("bad-output-path", *path, {}, "is a directory, not a file to write")
                .hints.push_back(fmt::format(
                    "name a file in it, e.g. {}",
                    (fs::path(*path) / fs::path(o.input).filename().replace_extension(
                                           path == &pdf_path  ? ".pdf"
                                           : path == paths[0] ? ".tex"
                                                              : fs::path(*path).extension()))
                        .string()));
            return false;
        }
    }
    return true;
}

// Why the outputs may not be written where asked, before anything is compiled: an output
// over the input, or a --keep-build directory that holds the user's own files.
bool outputs_allowed(const BuildOptions& o, const std::string& pdf_path, DiagnosticSink& sink) {
    if (!output_paths_usable(o, pdf_path, sink)) return false;
    std::vector<const std::string*> paths{o.tex_path ? &*o.tex_path : nullptr,
                                          o.run_engine ? &pdf_path : nullptr};
    for (const auto& path : o.format_paths) paths.push_back(&path);
    for (std::size_t i = 0; i < paths.size(); ++i) {
        const std::string* path = paths[i];
        if (path && same_file(*path, o.input)) {
            sink.error("output-is-input", *path, {}, "refusing to overwrite the input");
            return false;
        }
        for (std::size_t j = 0; path && j < i; ++j) {
            if (!paths[j] ||
                fs::path(*paths[j]).lexically_normal() != fs::path(*path).lexically_normal())
                continue;
            sink.error("output-clash", *path, {}, "two outputs of this build would be this file")
                .hints.push_back("name them apart with -o and --tex");
            return false;
        }
    }
    if (o.keep_build && o.run_engine) {
        if (auto why = check_keep_dir(*o.keep_build); !why.empty()) {
            sink.error("keep-build-refused", *o.keep_build, {},
                       fmt::format("--keep-build: {}; refusing to write build files into it", why))
                .hints.push_back("name a new or empty directory, e.g. --keep-build build-cv");
            return false;
        }
    }
    return true;
}

// After the compile, when every file it read is known (.bib files, Markdown bodies, images,
// the class): no output may replace one of them.
bool outputs_spare_inputs(const std::vector<std::string>& outputs,
                          const std::vector<std::string>& inputs, DiagnosticSink& sink) {
    // same_file() for every pair, with each path stat()ed once: a season has 150 outputs and
    // 40 inputs, and pairwise that was 12,000 calls. Like std::filesystem::equivalent(),
    // files that are neither regular files nor directories are never the same.
    auto identity = [](const std::string& path) -> std::optional<std::pair<dev_t, ino_t>> {
        struct stat st {};
        if (stat(path.c_str(), &st) != 0 || !(S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)))
            return std::nullopt;
        return std::pair{st.st_dev, st.st_ino};
    };
    std::map<std::pair<dev_t, ino_t>, const std::string*> read;  // the first input of each file
    for (const auto& in : inputs)
        if (const auto id = identity(in)) read.emplace(*id, &in);
    for (const auto& out : outputs) {
        const auto id = identity(out);
        const auto it = id ? read.find(*id) : read.end();
        if (it == read.end()) continue;
        sink.error("output-is-input", out, {},
                   fmt::format("refusing to overwrite {}, which the build reads", *it->second));
        return false;
    }
    return true;
}

// Writes one output atomically; false (with a diagnostic) when it cannot be written.
bool write_output(const std::string& path, const std::string& bytes, DiagnosticSink& sink,
                  std::vector<std::string>& written) {
    if (auto err = write_file_atomic(path, bytes); !err.empty()) {
        sink.error("output-failed", path, {}, err);
        return false;
    }
    written.push_back(path);
    return true;
}

// The outputs a build makes, the PDF first: it names the stamp and the default depfile.
std::vector<std::string> output_paths(const BuildOptions& o, const std::string& pdf_path) {
    std::vector<std::string> out;
    if (o.run_engine && o.write_pdf) out.push_back(pdf_path);
    if (o.tex_path) out.push_back(*o.tex_path);
    out.insert(out.end(), o.format_paths.begin(), o.format_paths.end());
    return out;
}

// Whether a build records a stamp, and whether it may skip the compile because of one
// (--keep-build asks for TeX's files, which only a run of TeX makes).
// (A build with PNG previews learns its outputs, one a page, only from TeX: never a no-op.)
bool stamps_apply(const BuildOptions& o, const BuildReport& report) {
    return !o.stamp_dir.empty() && !report.outputs.empty() && !o.png;
}

// A PNG of each page of `pdf`, beside `pdf_path`; they join the outputs (for the depfile).
bool write_pngs(const BuildOptions& o, const std::string& pdf_path, const std::string& pdf,
                DiagnosticSink& sink, BuildReport& report) {
    std::string error;
    const auto pages = render_png(pdf, o.png_dpi, error, o.timeout);
    if (pages.empty()) {
        auto& d = sink.error("png-failed", png_path(pdf_path, 1), {}, error);
        if (error.starts_with("pdftoppm is not installed"))
            d.hints.push_back("install it with: apt-get install poppler-utils");
        return false;
    }
    for (std::size_t i = 0; i < pages.size(); ++i) {
        const std::string path = png_path(pdf_path, static_cast<int>(i) + 1);
        report.outputs.push_back(path);
        if (!write_output(path, pages[i], sink, report.written)) return false;
    }
    return true;
}
bool may_skip(const BuildOptions& o, const BuildReport& report) {
    return stamps_apply(o, report) && !o.force && !o.keep_build;
}

// The depfile, when asked for, with `outputs` as its targets and `inputs` as prerequisites;
// unchanged text leaves the file alone, so a no-op rebuild changes no modification time.
// Returns false (with a diagnostic) when it cannot be written; sets `written` to its path.
bool write_depfile(const DepfileOptions& options, const std::vector<std::string>& outputs,
                   const std::vector<std::string>& inputs, DiagnosticSink& sink,
                   std::string& written) {
    if (!options.enabled) return true;
    const DepfileRequest r = make_depfile(options, outputs, inputs);
    std::string err = r.depfile.error;
    if (err.empty() && r.path.empty()) err = "no output to name the depfile after";
    if (err.empty()) err = write_file_if_changed(r.path, r.depfile.text);
    if (!err.empty()) {
        sink.error("depfile-failed", r.path, {}, err);
        return false;
    }
    written = r.path;
    return true;
}

// After a successful build: a stamp when it was clean (a build with warnings shows them
// again next time, and -W cannot change a build that had none), else no stale one.
void update_stamp(const BuildOptions& o, const Sources& sources, const CompileResult& result,
                  const DiagnosticSink& sink, const BuildReport& report) {
    if (report.outputs.empty() || o.stamp_dir.empty()) return;
    const std::string path = stamp_path(o.stamp_dir, report.outputs[0]);
    if (!stamps_apply(o, report) || !sink.all().empty()) {
        std::error_code ec;
        std::filesystem::remove(path, ec);
        return;
    }
    Stamp stamp{stamp_key(o, report.outputs), {}, {}};
    for (const auto& input : sources.inputs())
        stamp.inputs.push_back({input, sources.digest(input)});
    if (result.engine)  // TeX ran: its installation went into the PDF too
        for (const auto& w : tex_witnesses(result.tex_engine))
            stamp.inputs.push_back(stat_entry(w));
    for (const auto& output : report.outputs) stamp.outputs.push_back(stat_entry(output));
    stamp.pages = report.pages;
    // A stamp that cannot be written only costs a rebuild next time.
    write_stamp(path, stamp);
}

}  // namespace

ExitCode exit_code(CompileStatus status) {
    switch (status) {
        case CompileStatus::ok:
            return ExitCode::ok;
        case CompileStatus::invalid_input:
            return ExitCode::invalid_input;
        case CompileStatus::tex_failed:
            return ExitCode::tex_failed;
        case CompileStatus::engine_missing:
            return ExitCode::engine_missing;
        case CompileStatus::timeout:
            return ExitCode::timeout;
        case CompileStatus::engine_failed:
            return ExitCode::engine_failed;
        case CompileStatus::output_failed:
            return ExitCode::output_failed;
    }
    return ExitCode::engine_failed;
}

ExitCode run_check(const BuildOptions& options, Sources& sources, DiagnosticSink& sink) {
    // The engine decides whether the font can be used, as in a build.
    if (const auto doc = load_and_check(options, sources, sink))
        check_engine_settings(with_engine(options, *doc), *doc, sink);
    if (options.warnings_as_errors) sink.promote_warnings();
    return sink.has_errors() ? ExitCode::invalid_input : ExitCode::ok;
}

std::string stamp_key(const BuildOptions& o, const std::vector<std::string>& outputs) {
    std::string key = fmt::format("cvtex-stamp-key 1\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}", o.tool_id,
                                  o.input, o.class_dir, o.writer, o.run_engine, o.engine,
                                  o.source_date_epoch.value_or("-"), kpathsea_environment());
    // What is shown and how: the selection, --set, --var, and the day (a letter's default
    // date, and what counts as "in the future").
    key +=
        fmt::format("\n{}-{}-{}\n{}\n", o.today.year, o.today.month, o.today.day, o.allow_overflow);
    const Selection& s = o.selection;
    key += "variant " + (s.variant ? s.variant->value : std::string("-")) + "\n";
    for (const auto& t : s.tags) key += "tag " + t.value + "\n";
    for (const auto& t : s.exclude_tags) key += "exclude " + t.value + "\n";
    if (s.max_pages) key += fmt::format("max_pages {}\n", *s.max_pages);
    for (const auto& set : o.overrides) key += "set " + set + "\n";
    for (const auto& [name, value] : o.variables) key += "var " + name + "=" + value.value + "\n";
    for (const auto& output : outputs) key += output + "\n";
    return sha256_hex(key);
}

ExitCode run_build(const BuildOptions& options, Engine& engine, Sources& sources,
                   DiagnosticSink& sink, BuildReport& report, std::optional<CompileResult>* keep) {
    const std::string pdf_path = options.pdf_path.value_or(default_pdf_path(options.input));
    if (!outputs_allowed(options, pdf_path, sink)) return ExitCode::usage;
    report.outputs = output_paths(options, pdf_path);
    if (stamps_apply(options, report)) sources.record_digests();
    if (may_skip(options, report)) {
        if (const auto stamp = current_stamp(stamp_path(options.stamp_dir, report.outputs[0]),
                                             stamp_key(options, report.outputs))) {
            report.up_to_date = true;
            report.pages = stamp->pages;
            for (const auto& e : stamp->inputs)
                if (!e.digest.starts_with("stat:")) report.inputs.push_back(e.path);
            return write_depfile(options.depfile, report.outputs, report.inputs, sink,
                                 report.depfile)
                       ? ExitCode::ok
                       : ExitCode::output_failed;
        }
    }
    std::optional<CompileResult> local;
    const CompileResult& result =
        (keep ? *keep : local).emplace(compile(options, sources, engine, sink));
    report.inputs = sources.inputs();
    std::vector<std::string> written = report.outputs;  // and the depfile, when asked for
    if (options.depfile.enabled)
        written.push_back(make_depfile(options.depfile, report.outputs, {}).path);
    if (!outputs_spare_inputs(written, report.inputs, sink)) return ExitCode::usage;
    if (result.engine) report.pages = result.engine->pages;
    // The LaTeX is written even when TeX fails afterwards: it is what one debugs.
    if (const auto* tex = result.output("latex"); tex && options.tex_path)
        if (!write_output(*options.tex_path, tex->bytes, sink, report.written))
            return ExitCode::output_failed;
    if (result.status != CompileStatus::ok) return exit_code(result.status);
    if (const auto* pdf = result.output("pdf"); pdf && options.write_pdf)
        if (!write_output(pdf_path, pdf->bytes, sink, report.written))
            return ExitCode::output_failed;
    if (const auto* pdf = result.output("pdf"); pdf && options.png)
        if (!write_pngs(options, pdf_path, pdf->bytes, sink, report))
            return ExitCode::output_failed;
    for (std::size_t i = 0; i < options.formats.size() && i < options.format_paths.size(); ++i)
        if (const auto* out = result.output(options.formats[i]))
            if (!write_output(options.format_paths[i], out->bytes, sink, report.written))
                return ExitCode::output_failed;
    update_stamp(options, sources, result, sink, report);
    return write_depfile(options.depfile, report.outputs, report.inputs, sink, report.depfile)
               ? ExitCode::ok
               : ExitCode::output_failed;
}

std::string check_timeout(const std::string& text) {
    const char* start = text.c_str();
    char* end = nullptr;
    errno = 0;
    const double seconds = std::strtod(start, &end);
    const bool number = !text.empty() && !std::isspace(static_cast<unsigned char>(text[0])) &&
                        end == start + text.size() && errno == 0;
    if (number && std::isfinite(seconds) && seconds >= min_timeout_s && seconds <= max_timeout_s)
        return {};
    return fmt::format("must be a number of seconds from {} to {} (a day), not '{}'", min_timeout_s,
                       max_timeout_s, text);
}

std::string check_source_date_epoch(std::string_view value) {
    constexpr std::string_view last = "253402300799";  // 9999-12-31T23:59:59Z
    const bool digits =
        !value.empty() && value.find_first_not_of("0123456789") == std::string_view::npos;
    std::string_view trimmed = value;
    while (trimmed.size() > 1 && trimmed.front() == '0') trimmed.remove_prefix(1);
    const bool in_range =
        trimmed.size() < last.size() || (trimmed.size() == last.size() && trimmed <= last);
    if (!digits)
        return fmt::format(
            "SOURCE_DATE_EPOCH must be a number of seconds since 1970-01-01, not '{}'", value);
    if (!in_range)
        return fmt::format(
            "SOURCE_DATE_EPOCH must be at most {} (the end of the year 9999), not '{}'", last,
            value);
    return {};
}

bool wants_json_diagnostics(const std::vector<std::string>& args) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--") break;
        if (args[i] == "--diagnostics-format=json") return true;
        if (args[i] == "--diagnostics-format" && i + 1 < args.size() && args[i + 1] == "json")
            return true;
    }
    return false;
}

std::string usage_error_json(std::string_view message) {
    DiagnosticSink sink;
    sink.error("usage", "", {}, std::string(message))
        .hints.push_back("cvtex --help lists the commands, cvtex COMMAND --help their options");
    return format_json(sink.all());
}

std::string default_packet_depfile(const std::string& input) {
    return fs::path(input).replace_extension(".d").string();
}

ExitCode run_packet(const PacketCommandOptions& options, Engine& engine, Sources& sources,
                    DiagnosticSink& sink, PacketReport& report,
                    std::optional<PacketResult>& result) {
    CachedEngine cached(engine, options.run_cache_dir, options.tool_id, !options.force);
    PacketOptions packet = options.packet;
    packet.combine = [&cached](const auto& parts, const auto& combine, std::string& error) {
        return cached.combine(parts, combine, error);
    };
    const PacketResult& built = result.emplace(build_packet(packet, sources, cached, sink));
    if (built.unknown_only) return ExitCode::usage;
    report.runs = cached.misses();
    report.cached = cached.hits();
    report.inputs = sources.inputs();
    for (const auto& output : built.outputs) report.outputs.push_back(output.first);
    DepfileOptions depfile = options.depfile;
    if (!depfile.path) depfile.path = default_packet_depfile(options.packet.input);
    std::vector<std::string> written = report.outputs;  // and the depfile, when asked for
    if (depfile.enabled) written.push_back(*depfile.path);
    if (!outputs_spare_inputs(written, report.inputs, sink)) return ExitCode::usage;
    for (const auto& [path, bytes] : built.outputs) {
        std::error_code ec;
        fs::create_directories(fs::path(path).parent_path(), ec);
        bool wrote = false;
        if (auto err = write_file_if_changed(path, bytes, &wrote); !err.empty()) {
            sink.error("output-failed", path, {}, err);
            return ExitCode::output_failed;
        }
        if (wrote) report.written.push_back(path);
    }
    if (built.status != CompileStatus::ok) return exit_code(built.status);
    return write_depfile(depfile, report.outputs, report.inputs, sink, report.depfile)
               ? ExitCode::ok
               : ExitCode::output_failed;
}

ExitCode run_import(const ImportOptions& options, Sources& sources, DiagnosticSink& sink,
                    std::string& stdout_text, std::string* written) {
    const auto format =
        options.from.empty() ? import_format_of(options.input) : import_format_named(options.from);
    if (!format) {
        sink.error("import-unknown-format", options.input, {},
                   "cvtex import cannot tell the file's format from its name")
            .hints.push_back(
                "name it .json (JSON Resume) or .yaml (RenderCV), or say --from json-resume "
                "or --from rendercv");
        return ExitCode::usage;
    }
    const std::string output = options.output.empty()
                                   ? fs::path(options.input).replace_extension(".toml").string()
                                   : options.output;
    const bool to_stdout = output == "-";
    if (!to_stdout &&
        (same_file(output, options.input) ||
         fs::path(output).lexically_normal() == fs::path(options.input).lexically_normal())) {
        sink.error("output-is-input", output, {}, "refusing to overwrite the input")
            .hints.push_back("name the TOML with -o FILE.toml");
        return ExitCode::usage;
    }
    auto exists = [&] {
        sink.error("file-exists", output, {}, "already exists; cvtex import never replaces a file")
            .hints.push_back("choose another file with -o FILE, or replace it with --force");
        return ExitCode::usage;
    };
    std::error_code ec;
    if (!to_stdout && !options.force && fs::exists(fs::symlink_status(output, ec))) return exists();
    const auto toml = import_cv(options.input, *format, sources, sink);
    if (!toml) return ExitCode::invalid_input;
    if (to_stdout) {
        stdout_text = *toml;
        return ExitCode::ok;
    }
    if (auto err = write_file_atomic(output, *toml, options.force); !err.empty()) {
        if (err.starts_with("exists")) return exists();
        sink.error("output-failed", output, {}, err);
        return ExitCode::output_failed;
    }
    if (written) *written = output;
    return ExitCode::ok;
}

ExitCode run_new(const NewOptions& options, DiagnosticSink& sink,
                 std::vector<std::string>* written) {
    if (options.name.find_first_not_of(" \t\r\n") == std::string::npos ||
        utf8::find_invalid(options.name)) {
        sink.error("bad-name", "", {}, "the name must be non-empty UTF-8 text")
            .hints.push_back("for example: cvtex new \"Ada Lovelace\"");
        return ExitCode::usage;
    }
    const auto files = starter_files(options.kind, options.name, options.schema_ref);
    if (files.empty()) {
        sink.error("bad-kind", "", {}, fmt::format("cvtex new cannot start a '{}'", options.kind));
        return ExitCode::usage;
    }
    // The main file where asked; the files it names beside it, under the names it uses.
    std::vector<std::string> paths{options.output.empty() ? files[0].name : options.output};
    for (std::size_t i = 1; i < files.size(); ++i)
        paths.push_back((fs::path(paths[0]).parent_path() / files[i].name).string());
    auto exists = [&](const std::string& path) {
        sink.error("file-exists", path, {}, "already exists; cvtex new never replaces a file")
            .hints.push_back(paths.size() == 1
                                 ? "choose another file with -o FILE, or replace it with --force"
                                 : "choose another folder with -o DIR/FILE, or replace the "
                                   "files with --force");
    };
    std::error_code ec;
    bool clash = false;
    for (std::size_t i = 0; i < paths.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (fs::path(paths[i]).lexically_normal() != fs::path(paths[j]).lexically_normal())
                continue;
            sink.error("new-file-clash", paths[0], {},
                       fmt::format("cvtex new --kind {} also writes {} here ({})", options.kind,
                                   files[i].name, files[i].what))
                .hints.push_back(fmt::format("give the {} another name, e.g. -o {}", options.kind,
                                             files[0].name));
            return ExitCode::usage;
        }
        if (!options.force && fs::exists(fs::symlink_status(paths[i], ec))) {
            exists(paths[i]);
            clash = true;
        }
    }
    if (clash) return ExitCode::usage;
    for (std::size_t i = 0; i < files.size(); ++i) {
        // A new folder is made (cvtex new -o season/packet.toml).
        if (const fs::path dir = fs::path(paths[i]).parent_path(); !dir.empty()) {
            fs::create_directories(dir, ec);
            if (ec) {
                sink.error(
                    "output-failed", paths[i], {},
                    fmt::format("cannot make the folder {}: {}", dir.string(), ec.message()));
                return ExitCode::output_failed;
            }
        }
        if (auto err = write_file_atomic(paths[i], files[i].text, options.force); !err.empty()) {
            if (err.starts_with("exists"))
                exists(paths[i]);
            else
                sink.error("output-failed", paths[i], {}, err);
            return err.starts_with("exists") ? ExitCode::usage : ExitCode::output_failed;
        }
        if (written) written->push_back(paths[i]);
    }
    // The JSON Schema beside the files, under the relative name their `#:schema` line gives,
    // unless a file is there (the user's own, or an older one: `cvtex schema` renews it).
    if (options.schema_text.empty()) return ExitCode::ok;
    const std::string schema =
        (fs::path(paths[0]).parent_path() / options.schema_ref).lexically_normal().string();
    if (fs::exists(fs::symlink_status(schema, ec))) return ExitCode::ok;
    if (auto err = write_file_atomic(schema, options.schema_text, false); !err.empty()) {
        if (err.starts_with("exists")) return ExitCode::ok;
        sink.error("output-failed", schema, {}, err);
        return ExitCode::output_failed;
    }
    if (written) written->push_back(schema);
    return ExitCode::ok;
}

ExitCode run_theme(const ThemeOptions& options, DiagnosticSink& sink, std::string& out) {
    const auto& themes = bundled_themes();
    if (options.action == "list") {
        for (const auto t : themes) (out += t) += '\n';
        return ExitCode::ok;
    }
    if (std::find(themes.begin(), themes.end(), options.name) == themes.end()) {
        std::vector<std::string> names(themes.begin(), themes.end());
        auto& d =
            sink.error("unknown-theme", "", {}, fmt::format("no theme called '{}'", options.name));
        if (auto guess = closest_match(options.name, names); !guess.empty())
            d.hints.push_back(fmt::format("did you mean '{}'?", guess));
        d.hints.push_back(fmt::format("themes: {}", fmt::join(names, ", ")));
        return ExitCode::usage;
    }
    const std::string from =
        (fs::path(options.class_dir) / ("cvtex-theme-" + options.name + ".sty")).string();
    const auto text = read_file(from);
    if (!text) {
        sink.error("file-not-found", from, {}, "cannot read the bundled theme")
            .hints.push_back("is cvtex installed completely?");
        return ExitCode::output_failed;
    }
    std::error_code ec;
    auto exists = [&] {
        sink.error("file-exists", options.output, {},
                   "already exists; cvtex theme copy never replaces a file")
            .hints.push_back("choose another file, or replace it with --force");
        return ExitCode::usage;
    };
    if (!options.force && fs::exists(fs::symlink_status(options.output, ec))) return exists();
    if (auto err = write_file_atomic(options.output, *text, options.force); !err.empty()) {
        if (err.starts_with("exists")) return exists();
        sink.error("output-failed", options.output, {}, err);
        return ExitCode::output_failed;
    }
    return ExitCode::ok;
}

std::string default_pdf_path(const std::string& input) {
    return fs::path(input).replace_extension(".pdf").string();
}

std::string find_data_dir(const std::string& executable_path, const std::string& name) {
    std::error_code ec;
    const fs::path installed =
        fs::path(executable_path).parent_path().parent_path() / "share" / "cvtex" / name;
    if (!executable_path.empty() && fs::is_directory(installed, ec)) return installed.string();
    return (fs::path(CVTEX_SOURCE_DIR) / name).string();
}

}  // namespace cvtex
