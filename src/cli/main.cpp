// The cvtex command line: argument parsing and printing, on top of the library.
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <string_view>
#include <thread>

#include "cvtex/base/diagnostic_printer.hpp"
#include "cvtex/check/schema.hpp"
#include "cvtex/check/schema_export.hpp"
#include "cvtex/cli/commands.hpp"
#include "cvtex/cli/depfile.hpp"
#include "cvtex/cli/progress.hpp"
#include "cvtex/cli/stamp.hpp"
#include "cvtex/cli/watch.hpp"
#include "cvtex/engine/format_cache.hpp"
#include "cvtex/engine/format_dump.hpp"
#include "cvtex/engine/interruption.hpp"
#include "cvtex/engine/run_cache.hpp"
#include "cvtex/version.hpp"
#include "cvtex/write/writers.hpp"

namespace {

using cvtex::ExitCode;

struct GlobalOptions {
    std::string color = "auto";
    std::string format = "text";
    bool warnings_as_errors = false;
    bool quiet = false;
    bool verbose = false;
    cvtex::Verbosity verbosity() const {
        return quiet     ? cvtex::Verbosity::quiet
               : verbose ? cvtex::Verbosity::verbose
                         : cvtex::Verbosity::normal;
    }
};

// Everything the command line can say, filled in by CLI11.
struct Command {
    GlobalOptions global;
    cvtex::BuildOptions build;
    std::string variant;
    std::vector<std::string> tags, exclude_tags, variables;
    std::string emit = "pdf";
    int png_dpi = 150;
    double timeout_s = 60;
    bool no_format_cache = false;
    std::string schema_format = "json";
    cvtex::NewOptions new_cv;
    cvtex::ImportOptions import;
    cvtex::FormatDumpRequest dump_request;
    bool watch_flag = false;
    CLI::App* watch = nullptr;
    CLI::App* check = nullptr;
    CLI::App* dump = nullptr;
    CLI::App* schema = nullptr;
    CLI::App* new_command = nullptr;
    CLI::App* import_command = nullptr;
    CLI::App* packet = nullptr;
    CLI::App* theme = nullptr;
    cvtex::ThemeOptions theme_options;
    std::vector<std::string> only;
    int jobs = 0;  // 0: as many as there are cores
};

bool use_color(const std::string& mode) {
    if (mode == "always") return true;
    if (mode == "never") return false;
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color && *no_color) return false;
    return isatty(fileno(stderr)) != 0;
}

cvtex::Date today_utc(const std::optional<std::string>& epoch) {
    std::time_t now = std::time(nullptr);
    if (epoch) now = static_cast<std::time_t>(std::strtoll(epoch->c_str(), nullptr, 10));
    std::tm tm{};
    gmtime_r(&now, &tm);
    return cvtex::Date{.year = tm.tm_year + 1900, .month = tm.tm_mon + 1, .day = tm.tm_mday};
}

std::string executable_path() {
    std::error_code ec;
    return std::filesystem::read_symlink("/proc/self/exe", ec).string();
}

int report(const GlobalOptions& g, cvtex::DiagnosticSink& sink, const cvtex::Sources& sources,
           ExitCode code) {
    sink.sort_and_dedupe();
    if (g.format == "json") {
        std::fputs(cvtex::format_json(sink.all()).c_str(), stdout);
    } else if (!(g.quiet && code == ExitCode::ok)) {  // -q: nothing at all on success
        const bool color = use_color(g.color);
        auto lines = [&](const std::string& f, std::uint32_t l) { return sources.line(f, l); };
        std::string out = cvtex::format_text(sink.all(), lines, color);
        if (const auto summary = cvtex::summary_line(sink.all()); !summary.empty())
            out += fmt::format("cvtex: {}\n", summary);
        std::fputs(out.c_str(), stderr);
    }
    return static_cast<int>(code);
}

// The engine of a build: watching `interruption`, and dumping formats through this same
// binary's hidden subcommand (/proc/self/exe still names it if the file is replaced).
// `prestart`: a packet starts the engines of its next documents while it typesets the
// current ones; `keep_ready`: watch mode keeps one engine per format waiting for the next save.
// CVTEX_NO_PRESTART=1 turns both off (for comparisons, or to save the waiting engine's memory).
cvtex::ProcessEngineSetup engine_setup(const cvtex::Interruption& interruption,
                                       bool prestart = false, bool keep_ready = false) {
    const char* off = std::getenv("CVTEX_NO_PRESTART");
    if (off && *off && std::string_view(off) != "0") prestart = keep_ready = false;
    return {&interruption, "/proc/self/exe", prestart, keep_ready};
}

// After the engine stopped and removed its files: dies of a signal that came during the
// build, with its default action, as if it had never been blocked.
void die_if_interrupted(const cvtex::Interruption& interruption) {
    const int sig = interruption.pending();
    if (sig == 0) return;
    std::fflush(nullptr);
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, nullptr);
    raise(sig);
    std::_Exit(128 + sig);
}

// `cvtex internal-dump-format ...`, hidden from --help: the background format dump that a
// build starts (cvtex::dump_format_in_background), with the lock on cvtex::dump_lock_fd.
CLI::App* add_dump_helper(CLI::App& app, cvtex::FormatDumpRequest& r) {
    auto* dump = app.add_subcommand(cvtex::dump_helper_command, "")->group("");
    dump->add_option("--engine-binary", r.engine_binary)->required();
    dump->add_option("--class-dir", r.class_dir)->required();
    dump->add_option("--cache-dir", r.cache_dir)->required();
    dump->add_option("--key", r.key)->required();
    dump->add_option("--documentclass", r.documentclass_line)->required();
    dump->add_option_function<long long>(
            "--timeout-ms",
            [&r](const long long& ms) { r.timeout = std::chrono::milliseconds(ms); })
        ->required();
    dump->add_option("--source-date-epoch", r.source_date_epoch);
    dump->add_option("--theme", r.theme);
    return dump;
}

// The build that started this process waits for it, so it forks once more and returns: the
// child, adopted by init, dumps at low priority. A fresh single-threaded process may fork.
int run_dump_helper(const cvtex::FormatDumpRequest& request) {
    if (const pid_t child = fork(); child != 0) return child > 0 ? 0 : 1;
    setpriority(PRIO_PROCESS, 0, 10);
    const cvtex::Interruption interruption;
    cvtex::run_format_dump(request, &interruption);
    return 0;
}

void add_global_options(CLI::App& app, GlobalOptions& g) {
    app.add_option("--color", g.color, "Colour diagnostics: auto, always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    app.add_option("--diagnostics-format", g.format, "Diagnostics as text or json")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    app.add_flag("--warnings-as-errors,-W", g.warnings_as_errors, "Treat warnings as errors");
    auto* quiet = app.add_flag("-q,--quiet", g.quiet, "Print nothing when the command succeeds");
    app.add_flag("-v,--verbose", g.verbose, "Print each output with its pages and time")
        ->excludes(quiet);
}

// What to show of a CV and what to change in it, for build and check alike.
void add_selection_options(CLI::App& command, Command& c) {
    command.add_option("--variant", c.variant, "Build the CV's [[variant]] of this name");
    command.add_option("--tags", c.tags, "Show what has one of these tags (and what has none)")
        ->delimiter(',');
    command.add_option("--exclude-tags", c.exclude_tags, "Leave out what has one of these tags")
        ->delimiter(',');
    command.add_option("--var", c.variables,
                       "A value for {{NAME}} in a letter or statement: NAME=VALUE (repeatable)");
    command.add_option("--set", c.build.overrides,
                       "Set one value before the file is read: PATH=VALUE, e.g. "
                       "person.headline=Postdoc or section.2.title=Talks (repeatable)");
}

// -M, --depfile, -MT, -MP (gcc's spellings translated by expand_depfile_flags) and --force,
// for every command that builds.
void add_make_options(CLI::App& cmd, cvtex::DepfileOptions& d, bool& force) {
    cmd.add_flag("-M", d.enabled, "Write a depfile for make and ninja next to the output (OUT.d)");
    cmd.add_option("--depfile", d.path, "Write the depfile here (implies -M; also -MF FILE)");
    cmd.add_option("--depfile-target", d.targets,
                   "The depfile's target, default the output (repeatable; also -MT TARGET)");
    cmd.add_flag("--phony-targets", d.phony,
                 "Add a phony target per prerequisite, as gcc -MP does (also -MP)");
    cmd.add_flag("--force", force, "Rebuild even when nothing that goes into the output changed");
}

// How documents are typeset, for build, watch and packet alike.
void add_engine_options(CLI::App& command, Command& c) {
    cvtex::BuildOptions& o = c.build;
    command
        .add_option("--engine", o.engine,
                    "TeX engine: pdflatex, xelatex or lualatex (default: the file's "
                    "[settings] engine, else pdflatex)")
        ->check(CLI::IsMember({"pdflatex", "xelatex", "lualatex"}));
    command.add_option("--timeout", c.timeout_s, "Seconds before the TeX run is stopped")
        ->check(CLI::Validator([](std::string& s) { return cvtex::check_timeout(s); }, "SECONDS"))
        ->capture_default_str();
    command.add_flag("--no-format-cache", c.no_format_cache,
                     "Compile without a precompiled class format (slower; for debugging)");
    command.add_flag("--allow-overflow", o.allow_overflow,
                     "More pages than max_pages is a warning, and the PDF is written");
}

// The formats --emit names: "pdf" and the `emit` name of every writer.
std::vector<std::string> emit_names() {
    std::vector<std::string> names{"pdf"};
    for (const auto& w : cvtex::writers()) names.emplace_back(w.emit);
    names.emplace_back("png");
    return names;
}

std::vector<std::string> split_emit(const std::string& value) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (true) {
        const auto comma = value.find(',', pos);
        out.push_back(value.substr(pos, comma - pos));
        if (comma == std::string::npos) return out;
        pos = comma + 1;
    }
}

// The value of --emit: known names, each once. An error message, or empty.
std::string check_emit(const std::string& value) {
    const auto names = emit_names();
    std::vector<std::string> seen;
    for (const auto& name : split_emit(value)) {
        if (std::find(names.begin(), names.end(), name) == names.end())
            return fmt::format("unknown format '{}'; --emit takes a comma list of: {}", name,
                               fmt::join(names, ", "));
        if (std::find(seen.begin(), seen.end(), name) != seen.end())
            return fmt::format("--emit names '{}' twice", name);
        seen.push_back(name);
    }
    return {};
}

// The options of `build`, which `watch` shares.
void add_build_options(CLI::App* build, Command& c) {
    cvtex::BuildOptions& o = c.build;
    build->add_option("file", o.input, "The CV, a .toml file")->required();
    build->add_option("-o,--output", o.pdf_path, "Where to write the PDF (default: next to FILE)");
    build->add_option("--tex", o.tex_path, "Also write the generated LaTeX here");
    build
        ->add_option("--emit", c.emit,
                     "What to produce, a comma list of: pdf, tex, md, txt, html, json-resume, png "
                     "(without pdf or png, no TeX run); beside the PDF unless -o/--tex say")
        ->check(CLI::Validator(check_emit, "FORMAT[,FORMAT...]"))
        ->capture_default_str();
    build
        ->add_option("--png-dpi", c.png_dpi,
                     "Resolution of the PNG previews of --emit png, in dots per inch")
        ->check(CLI::Range(10, 1200))
        ->capture_default_str();
    add_engine_options(*build, c);
    build->add_option("--keep-build", o.keep_build,
                      "Keep the TeX build files (log, aux, tex) in this directory");
    add_make_options(*build, o.depfile, o.force);
    add_selection_options(*build, c);
}

// Whether the options of command `name` are to be declared: only those of the command the
// arguments name (see chosen_command), or all when they name none.
using Wants = std::function<bool(std::string_view name)>;

void add_build_command(CLI::App& app, Command& c, const Wants& wants) {
    auto* build = app.add_subcommand("build", "Build the PDF (and optionally the LaTeX) of a CV");
    if (wants("build")) {
        add_build_options(build, c);
        build->add_flag("--watch", c.watch_flag,
                        "Rebuild whenever an input changes (as cvtex watch)");
    }
    c.watch = app.add_subcommand("watch", "Build, then rebuild whenever a file it read changes");
    if (wants("watch")) add_build_options(c.watch, c);
}

void add_packet_command(CLI::App& app, Command& c, const Wants& wants) {
    c.packet = app.add_subcommand(
        "packet", "Build every application of a packet: a folder of PDFs and a combined PDF each");
    if (!wants("packet")) return;
    c.packet->add_option("file", c.build.input, "The packet, a .toml file")->required();
    c.packet->add_option("--only", c.only, "Build only this application (repeatable)");
    c.packet->add_option("-j,--jobs", c.jobs, "TeX runs at once (default: the number of cores)")
        ->check(CLI::PositiveNumber);
    add_engine_options(*c.packet, c);
    add_make_options(*c.packet, c.build.depfile, c.build.force);
    c.packet->add_flag("--watch", c.watch_flag,
                       "Rebuild whenever an input changes, as cvtex watch does for a CV");
}

// `cvtex new NAME [--kind KIND]`: the kinds are the schema's document kinds.
void add_new_command(CLI::App& app, Command& c, const Wants& wants) {
    c.new_command = app.add_subcommand(
        "new",
        "Write a starter file: a CV with every section kind, a letter, a statement, or a "
        "packet (with its CV and a statement)");
    if (!wants("new")) return;
    c.new_command->add_option("name", c.new_cv.name, "Your full name")->required();
    std::vector<std::string> kinds;
    for (const auto& k : cvtex::document_kinds()) kinds.emplace_back(k.name);
    c.new_command
        ->add_option("--kind", c.new_cv.kind,
                     "What to start; a packet comes with its CV and a statement")
        ->check(CLI::IsMember(kinds))
        ->capture_default_str();
    c.new_command->add_option("-o,--output", c.new_cv.output,
                              "Where to write it (default: cv.toml, letter.toml, statement.toml "
                              "or packet.toml; a packet's other files go beside it)");
    c.new_command->add_flag("--force", c.new_cv.force, "Replace the files if they exist");
}

// `cvtex import FILE [-o OUT] [--from FORMAT] [--force]`.
void add_import_command(CLI::App& app, Command& c, const Wants& wants) {
    c.import_command = app.add_subcommand(
        "import", "Write a cvtex TOML from a JSON Resume (.json) or a RenderCV (.yaml) file");
    if (!wants("import")) return;
    cvtex::ImportOptions& o = c.import;
    c.import_command->add_option("file", o.input, "The CV to import: resume.json or cv.yaml")
        ->required();
    c.import_command->add_option("-o,--output", o.output,
                                 "Where to write the TOML (default: FILE with .toml; - for "
                                 "standard output)");
    c.import_command
        ->add_option("--from", o.from,
                     "The input's format: json-resume or rendercv (default: by its extension)")
        ->check(CLI::IsMember({"json-resume", "rendercv"}));
    c.import_command->add_flag("--force", o.force, "Replace the output file if it exists");
}

// The command the arguments name: the first word that is neither an option nor the value of
// a global option; empty when there is none. Declaring the options of that command alone
// saves a build a tenth of its front end (CLI11 builds every option it is given).
std::string chosen_command(const std::vector<std::string>& args) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--color" || a == "--diagnostics-format") {
            ++i;
            continue;
        }
        if (a == "--") return {};
        if (!a.starts_with("-")) return a;
    }
    return {};
}

void add_commands(CLI::App& app, Command& c, const std::string& chosen) {
    const std::vector<std::string_view> known{"build",  "watch", "check",
                                              "schema", "new",   "import",
                                              "packet", "theme", cvtex::dump_helper_command};
    const bool one = std::find(known.begin(), known.end(), chosen) != known.end();
    const Wants wants = [&](std::string_view name) { return !one || name == chosen; };
    add_global_options(app, c.global);
    add_build_command(app, c, wants);
    c.check = app.add_subcommand("check", "Check a CV for errors without building it");
    if (wants("check")) {
        c.check->add_option("file", c.build.input, "The CV, a .toml file")->required();
        add_selection_options(*c.check, c);
    }
    c.schema = app.add_subcommand(
        "schema", "Print the JSON Schema of cvtex files: CVs, letters, statements, packets");
    if (wants("schema"))
        c.schema
            ->add_option("--format", c.schema_format,
                         "json (the JSON Schema) or markdown (the docs)")
            ->check(CLI::IsMember({"json", "markdown"}))
            ->capture_default_str();
    add_new_command(app, c, wants);
    add_import_command(app, c, wants);
    add_packet_command(app, c, wants);
    c.theme = app.add_subcommand(
        "theme", "List the bundled themes, or copy one to start a theme of your own");
    if (wants("theme")) {
        cvtex::ThemeOptions& t = c.theme_options;
        c.theme->add_option("action", t.action, "list, or copy NAME FILE")
            ->required()
            ->check(CLI::IsMember({"list", "copy"}));
        c.theme->add_option("name", t.name, "The theme to copy (see cvtex theme list)");
        c.theme->add_option("file", t.output, "Where to write the copy, e.g. mytheme.sty");
        c.theme->add_flag("--force", t.force, "Replace the file if it exists");
    }
    c.dump = wants(cvtex::dump_helper_command)
                 ? add_dump_helper(app, c.dump_request)
                 : app.add_subcommand(cvtex::dump_helper_command, "")->group("");
}

// SOURCE_DATE_EPOCH, checked: pdfTeX stops with a fatal error on anything but a number of
// seconds, and crashes on one past the year 9999. False (after saying so) when it is set to
// something else.
bool read_source_date_epoch(std::optional<std::string>& out, const GlobalOptions& g) {
    const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
    if (!epoch || !*epoch) return true;
    if (const std::string why = cvtex::check_source_date_epoch(epoch); !why.empty()) {
        if (g.format == "json")
            std::fputs(cvtex::usage_error_json(why).c_str(), stdout);
        else
            std::fprintf(stderr, "cvtex: error: %s\n", why.c_str());
        return false;
    }
    out = epoch;
    return true;
}

// The build options that come from the environment and the installation, not the arguments.
void complete_build_options(Command& c) {
    cvtex::BuildOptions& o = c.build;
    o.today = today_utc(o.source_date_epoch);
    o.warnings_as_errors = c.global.warnings_as_errors;
    o.timeout = std::chrono::milliseconds(static_cast<long long>(c.timeout_s * 1000));
    o.class_dir = cvtex::find_data_dir(executable_path(), "cls");
    o.fonts = &cvtex::system_fonts();
    o.tool_id = cvtex::tool_identity(executable_path());
    o.stamp_dir = cvtex::default_stamp_dir();
    if (o.depfile.path) o.depfile.enabled = true;
    o.use_format = !c.no_format_cache;
    if (o.use_format) o.format_cache_dir = cvtex::default_format_cache_dir();
    if (!c.variant.empty()) o.selection.variant = cvtex::Given{c.variant, "--variant", {}};
    for (const auto& t : c.tags) o.selection.tags.push_back({t, "--tags", {}});
    for (const auto& t : c.exclude_tags)
        o.selection.exclude_tags.push_back({t, "--exclude-tags", {}});
    for (const auto& v : c.variables) {
        const auto eq = v.find('=');
        const std::string name = v.substr(0, eq);
        o.variables[name] = {eq == std::string::npos ? "" : v.substr(eq + 1), "--var " + name, {}};
    }
    const auto emit = split_emit(c.emit);
    auto wants = [&](std::string_view name) {
        return std::find(emit.begin(), emit.end(), name) != emit.end();
    };
    // PNG previews are made from the PDF, which is then written only when asked for.
    o.png = wants("png");
    o.write_pdf = wants("pdf");
    o.run_engine = o.write_pdf || o.png;
    // Without the PDF, the LaTeX goes beside the input, as it always did with --emit tex.
    if (wants("tex") && !o.tex_path)
        o.tex_path =
            std::filesystem::path(
                o.run_engine ? o.pdf_path.value_or(cvtex::default_pdf_path(o.input)) : o.input)
                .replace_extension(".tex")
                .string();
    o.latex = o.run_engine || o.tex_path;
    o.png_dpi = c.png_dpi;
    // The other formats go beside the PDF, or where it would be.
    const std::filesystem::path beside = o.pdf_path.value_or(cvtex::default_pdf_path(o.input));
    for (const auto& name : emit) {
        const cvtex::WriterSpec* w = cvtex::find_emitted(name);
        if (!w || w->needs_tex) continue;
        o.formats.emplace_back(w->name);
        o.format_paths.push_back(
            std::filesystem::path(beside).replace_extension(std::string(w->extension)).string());
    }
}

int run_new(Command& c, cvtex::DiagnosticSink& sink, const cvtex::Sources& sources) {
    // The schema goes beside the files, named by a relative path: an absolute one would break
    // in a checkout of the folder on another machine.
    c.new_cv.schema_ref = "cvtex.schema.json";
    c.new_cv.schema_text = cvtex::json_schema();
    std::vector<std::string> written;
    const ExitCode code = cvtex::run_new(c.new_cv, sink, &written);
    const int rc = report(c.global, sink, sources, code);
    if (code == ExitCode::ok && c.global.format == "text" && !c.global.quiet)
        for (const auto& path : written) fmt::print(stderr, "cvtex: wrote {}\n", path);
    return rc;
}

int run_import(Command& c, cvtex::DiagnosticSink& sink, cvtex::Sources& sources) {
    std::string toml, written;
    const ExitCode code = cvtex::run_import(c.import, sources, sink, toml, &written);
    std::fputs(toml.c_str(), stdout);
    // With the TOML on standard output, JSON diagnostics go to standard error, not into it.
    if (c.import.output == "-" && c.global.format == "json") {
        sink.sort_and_dedupe();
        std::fputs(cvtex::format_json(sink.all()).c_str(), stderr);
        return static_cast<int>(code);
    }
    const int rc = report(c.global, sink, sources, code);
    if (!written.empty() && c.global.format == "text" && !c.global.quiet)
        fmt::print(stderr, "cvtex: wrote {}\n", written);
    return rc;
}

// What main() never frees: it exits instead (see there).
struct Kept {
    std::optional<cvtex::CompileResult> result;
    std::optional<cvtex::PacketResult> packet;
    std::vector<std::unique_ptr<CLI::App>> app;
    std::vector<std::unique_ptr<Command>> command;
};

// Watch mode for a CV or a packet: each round's diagnostics, then `line` for it, until a
// signal; then dies of it.
int watch_with(Command& c, const cvtex::Interruption& interruption, const cvtex::WatchBuild& build,
               const std::function<std::string(const cvtex::WatchRound&)>& line) {
    auto print = [&](const cvtex::WatchRound& round) {
        report(c.global, round.sink, round.sources, round.code);
        if (c.global.format == "text") std::fputs(line(round).c_str(), stderr);
        std::fflush(nullptr);
    };
    const ExitCode code = cvtex::run_watch(c.build.input, build, interruption, print);
    die_if_interrupted(interruption);
    return static_cast<int>(code);
}

// What `cvtex packet` is asked, from the command line. On a terminal (and not with -q or
// JSON), the engines' progress is shown on one line of standard error, erased when done.
cvtex::PacketCommandOptions packet_options(const Command& c) {
    cvtex::PacketCommandOptions o;
    o.packet.input = c.build.input;
    o.packet.base = c.build;
    o.packet.only = c.only;
    const unsigned cores = std::thread::hardware_concurrency();
    o.packet.jobs = c.jobs > 0 ? c.jobs : static_cast<int>(cores ? cores : 1);
    o.depfile = c.build.depfile;
    o.force = c.build.force;
    o.tool_id = c.build.tool_id;
    o.run_cache_dir = cvtex::default_run_cache_dir();
    if (c.global.format == "text" && !c.global.quiet && isatty(fileno(stderr)))
        o.packet.progress = [](std::size_t done, std::size_t total) {
            std::fputs(cvtex::progress_bar(done, total).c_str(), stderr);
            std::fflush(stderr);
        };
    return o;
}

void end_progress(const cvtex::PacketCommandOptions& o) {
    if (o.packet.progress) std::fputs(cvtex::progress_done().c_str(), stderr);
}

int run_packet(Command& c, cvtex::DiagnosticSink& sink, cvtex::Sources& sources, Kept& kept) {
    const cvtex::Interruption interruption;  // before the engines' threads exist
    auto engine = cvtex::make_process_engine(engine_setup(interruption, true));
    const cvtex::PacketCommandOptions options = packet_options(c);
    const auto start = std::chrono::steady_clock::now();
    cvtex::PacketReport built;
    const ExitCode code = cvtex::run_packet(options, *engine, sources, sink, built, kept.packet);
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    end_progress(options);
    die_if_interrupted(interruption);
    const int rc = report(c.global, sink, sources, code);
    if (kept.packet && !kept.packet->applications.empty() && c.global.format == "text" &&
        !(c.global.quiet && code == ExitCode::ok))
        std::fputs(cvtex::packet_summary(*kept.packet).c_str(), stdout);
    if (code == ExitCode::ok && c.global.format == "text")
        std::fputs(cvtex::packet_lines(built, c.global.verbosity(), elapsed).c_str(), stderr);
    return rc;
}

// `cvtex packet --watch`: as run_watch() for a CV, a packet build per round.
int run_packet_watch(Command& c) {
    const cvtex::Interruption interruption;
    auto engine = cvtex::make_process_engine(engine_setup(interruption, true, true));
    const cvtex::PacketCommandOptions options = packet_options(c);
    cvtex::PacketReport last;
    auto build = [&](cvtex::Sources& sources, cvtex::DiagnosticSink& sink,
                     cvtex::BuildReport& built) {
        last = {};
        std::optional<cvtex::PacketResult> result;
        const ExitCode code = cvtex::run_packet(options, *engine, sources, sink, last, result);
        end_progress(options);
        built.inputs = last.inputs;
        built.outputs = last.outputs;
        built.written = last.written;
        return code;
    };
    return watch_with(c, interruption, build, [&](const cvtex::WatchRound& round) {
        return cvtex::packet_watch_line(last, round.code, c.global.verbosity(), round.elapsed,
                                        std::time(nullptr));
    });
}

int run_build(Command& c, cvtex::DiagnosticSink& sink, cvtex::Sources& sources, Kept& kept) {
    const cvtex::Interruption interruption;  // cvtex has no other thread
    auto engine = cvtex::make_process_engine(engine_setup(interruption));
    const auto start = std::chrono::steady_clock::now();
    cvtex::BuildReport built;
    const ExitCode code = cvtex::run_build(c.build, *engine, sources, sink, built, &kept.result);
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    die_if_interrupted(interruption);
    const int rc = report(c.global, sink, sources, code);
    if (code == ExitCode::ok && c.global.format == "text")
        std::fputs(cvtex::progress_lines(built, c.global.verbosity(), elapsed).c_str(), stderr);
    return rc;
}

// `cvtex watch`: a line per round, diagnostics before it, until a signal; then dies of it.
int run_watch(Command& c) {
    const cvtex::Interruption interruption;  // before any thread, as for a build
    auto engine = cvtex::make_process_engine(engine_setup(interruption, true, true));
    auto build = [&](cvtex::Sources& sources, cvtex::DiagnosticSink& sink,
                     cvtex::BuildReport& built) {
        return cvtex::run_build(c.build, *engine, sources, sink, built);
    };
    return watch_with(c, interruption, build, [&](const cvtex::WatchRound& round) {
        return cvtex::watch_line(round.report, round.code, c.global.verbosity(), round.elapsed,
                                 std::time(nullptr));
    });
}

// `cvtex theme list|copy NAME FILE`.
int run_theme(Command& c, cvtex::DiagnosticSink& sink, cvtex::Sources& sources) {
    cvtex::ThemeOptions& t = c.theme_options;
    if (t.action == "copy" && (t.name.empty() || t.output.empty())) {
        std::fputs(
            "cvtex: error: theme copy needs a theme and a file: "
            "cvtex theme copy classic mytheme.sty\n",
            stderr);
        return static_cast<int>(ExitCode::usage);
    }
    t.class_dir = c.build.class_dir;
    std::string out;
    const ExitCode code = cvtex::run_theme(t, sink, out);
    std::fputs(out.c_str(), stdout);
    if (code == ExitCode::ok && t.action == "copy" && c.global.format == "text")
        std::fprintf(stderr, "cvtex: wrote %s\n", t.output.c_str());
    return report(c.global, sink, sources, code);
}

int run_cli(int argc, char** argv, Kept& kept) {
    // Kept, not destroyed: freeing every option is work that _Exit makes needless.
    CLI::App& app = *kept.app.emplace_back(std::make_unique<CLI::App>(
        "cvtex: typeset a CV written in TOML, through LaTeX, to PDF.", "cvtex"));
    app.set_version_flag("--version", std::string("cvtex ") + cvtex::version);
    app.require_subcommand(1);
    app.fallthrough();
    Command& c = *kept.command.emplace_back(std::make_unique<Command>());
    std::vector<std::string> args =
        cvtex::expand_depfile_flags(std::vector<std::string>(argv + 1, argv + argc));
    add_commands(app, c, chosen_command(args));
    try {
        // CLI11 takes them last first.
        std::vector<std::string> reversed(args.rbegin(), args.rend());
        app.parse(reversed);
    } catch (const CLI::ParseError& e) {
        // Usage errors are diagnostics too: JSON when JSON was asked for.
        if (e.get_exit_code() != 0 && cvtex::wants_json_diagnostics(args)) {
            std::fputs(cvtex::usage_error_json(e.what()).c_str(), stdout);
            return static_cast<int>(ExitCode::usage);
        }
        const int rc = app.exit(e);
        return rc == 0 ? 0 : static_cast<int>(ExitCode::usage);
    }
    if (*c.dump) return run_dump_helper(c.dump_request);
    if (!read_source_date_epoch(c.build.source_date_epoch, c.global))
        return static_cast<int>(ExitCode::usage);
    complete_build_options(c);

    cvtex::DiskFiles files;
    cvtex::Sources sources(files);
    cvtex::DiagnosticSink sink;
    if (*c.check) return report(c.global, sink, sources, cvtex::run_check(c.build, sources, sink));
    if (*c.schema) {
        const std::string text =
            c.schema_format == "json" ? cvtex::json_schema() : cvtex::schema_markdown();
        std::fputs(text.c_str(), stdout);
        return 0;
    }
    if (*c.new_command) return run_new(c, sink, sources);
    if (*c.import_command) return run_import(c, sink, sources);
    if (*c.theme) return run_theme(c, sink, sources);
    if (*c.packet) return c.watch_flag ? run_packet_watch(c) : run_packet(c, sink, sources, kept);
    if (*c.watch || c.watch_flag) return run_watch(c);
    return run_build(c, sink, sources, kept);
}

}  // namespace

// The process ends with std::_Exit after flushing: the parse tree and the model, kept in
// `kept`, are freed by the kernel, not object by object (walking a large parse tree only to
// free it was a fifth of the front end's instructions on big CVs; compilers do the same, e.g.
// clang's -disable-free). Nothing may escape as an exception: a bug is reported as one, never
// as an abort.
int main(int argc, char** argv) {
    Kept kept;  // never destroyed: _Exit does not return
    int rc = 0;
    try {
        rc = run_cli(argc, argv, kept);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "cvtex: internal error: %s\ncvtex: this is a bug; please report it\n",
                     e.what());
        rc = 70;  // EX_SOFTWARE
    } catch (...) {
        std::fprintf(stderr, "cvtex: internal error\ncvtex: this is a bug; please report it\n");
        rc = 70;
    }
    std::fflush(nullptr);
    std::_Exit(rc);
}
