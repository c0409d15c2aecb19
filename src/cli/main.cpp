// The cvtex command line: argument parsing and printing, on top of the library.
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "cvtex/base/diagnostic_printer.hpp"
#include "cvtex/base/lifetime.hpp"
#include "cvtex/check/new_cv.hpp"
#include "cvtex/check/schema_export.hpp"
#include "cvtex/driver/build.hpp"
#include "cvtex/engine/format_cache.hpp"
#include "cvtex/engine/format_dump.hpp"
#include "cvtex/engine/interruption.hpp"
#include "cvtex/version.hpp"

namespace {

using cvtex::ExitCode;

struct GlobalOptions {
    std::string color = "auto";
    std::string format = "text";
    bool warnings_as_errors = false;
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

int report(const GlobalOptions& g, cvtex::DiagnosticSink& sink, const cvtex::SourceSet& sources,
           ExitCode code) {
    sink.sort_and_dedupe();
    if (g.format == "json") {
        std::fputs(cvtex::format_json(sink.all()).c_str(), stdout);
    } else {
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
cvtex::ProcessEngineSetup engine_setup(const cvtex::Interruption& interruption) {
    return {&interruption, "/proc/self/exe"};
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

}  // namespace

static int run_cli(int argc, char** argv) {
    CLI::App app{"cvtex: typeset a CV written in TOML, through LaTeX, to PDF.", "cvtex"};
    app.set_version_flag("--version", std::string("cvtex ") + cvtex::version);
    app.require_subcommand(1);
    app.fallthrough();

    GlobalOptions g;
    app.add_option("--color", g.color, "Colour diagnostics: auto, always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    app.add_option("--diagnostics-format", g.format, "Diagnostics as text or json")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    app.add_flag("--warnings-as-errors,-W", g.warnings_as_errors, "Treat warnings as errors");

    cvtex::BuildOptions o;
    std::string emit = "pdf";
    double timeout_s = 60;
    auto* build = app.add_subcommand("build", "Build the PDF (and optionally the LaTeX) of a CV");
    build->add_option("file", o.input, "The CV, a .toml file")->required();
    build->add_option("-o,--output", o.pdf_path, "Where to write the PDF (default: next to FILE)");
    build->add_option("--tex", o.tex_path, "Also write the generated LaTeX here");
    build->add_option("--emit", emit, "What to produce: pdf, or tex (no TeX run)")
        ->check(CLI::IsMember({"pdf", "tex"}))
        ->capture_default_str();
    build->add_option("--engine", o.engine, "TeX engine: pdflatex, xelatex or lualatex")
        ->check(CLI::IsMember({"pdflatex", "xelatex", "lualatex"}))
        ->capture_default_str();
    build->add_option("--timeout", timeout_s, "Seconds before the TeX run is stopped")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    bool no_format_cache = false;
    build->add_flag("--no-format-cache", no_format_cache,
                    "Compile without a precompiled class format (slower; for debugging)");
    build->add_option("--keep-build", o.keep_build,
                      "Keep the TeX build files (log, aux, tex) in this directory");

    auto* check = app.add_subcommand("check", "Check a CV for errors without building it");
    check->add_option("file", o.input, "The CV, a .toml file")->required();

    std::string schema_format = "json";
    auto* schema = app.add_subcommand("schema", "Print the JSON Schema of CV files (for editors)");
    schema->add_option("--format", schema_format, "json (the JSON Schema) or markdown (the docs)")
        ->check(CLI::IsMember({"json", "markdown"}))
        ->capture_default_str();

    cvtex::NewOptions n;
    auto* new_cv = app.add_subcommand("new", "Write a starter CV with every section kind");
    new_cv->add_option("name", n.name, "Your full name")->required();
    new_cv->add_option("-o,--output", n.output, "Where to write it")->capture_default_str();
    new_cv->add_flag("--force", n.force, "Replace the file if it exists");

    cvtex::FormatDumpRequest dump_request;
    auto* dump = add_dump_helper(app, dump_request);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);
        return rc == 0 ? 0 : static_cast<int>(ExitCode::usage);
    }
    if (*dump) return run_dump_helper(dump_request);

    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
        // pdfTeX stops with a fatal error on anything but a number of seconds; say so first.
        const std::string_view e(epoch);
        if (e.size() > 18 || e.find_first_not_of("0123456789") != std::string_view::npos) {
            std::fprintf(stderr,
                         "cvtex: error: SOURCE_DATE_EPOCH must be a number of seconds since "
                         "1970-01-01, not '%s'\n",
                         epoch);
            return static_cast<int>(ExitCode::usage);
        }
        o.source_date_epoch = epoch;
    }
    o.today = today_utc(o.source_date_epoch);
    o.warnings_as_errors = g.warnings_as_errors;
    o.timeout = std::chrono::milliseconds(static_cast<long long>(timeout_s * 1000));
    o.class_dir = cvtex::find_class_dir(executable_path());
    o.use_format = !no_format_cache;
    if (o.use_format) o.format_cache_dir = cvtex::default_format_cache_dir();

    cvtex::DiagnosticSink sink;
    cvtex::SourceSet sources;
    if (*check) return report(g, sink, sources, cvtex::run_check(o, sources, sink));
    if (*schema) {
        const std::string text =
            schema_format == "json" ? cvtex::json_schema() : cvtex::schema_markdown();
        std::fputs(text.c_str(), stdout);
        return 0;
    }
    if (*new_cv) {
        n.schema_ref = cvtex::find_schema_file(executable_path());
        const ExitCode code = cvtex::run_new(n, sink);
        const int rc = report(g, sink, sources, code);
        if (code == ExitCode::ok && g.format == "text")
            fmt::print(stderr, "cvtex: wrote {}\n", n.output);
        return rc;
    }

    if (emit == "tex") {
        o.tex_only = true;
        if (!o.tex_path)
            o.tex_path = std::filesystem::path(o.input).replace_extension(".tex").string();
    }
    const cvtex::Interruption interruption;  // cvtex has no other thread
    auto engine = cvtex::make_process_engine(engine_setup(interruption));
    std::vector<std::string> written;
    const ExitCode code = cvtex::run_build(o, *engine, sources, sink, written);
    die_if_interrupted(interruption);
    const int rc = report(g, sink, sources, code);
    if (code == ExitCode::ok && g.format == "text")
        for (const auto& w : written) fmt::print(stderr, "cvtex: wrote {}\n", w);
    return rc;
}

// The process ends with std::_Exit after flushing: the parse tree and the model are freed by
// the kernel, not object by object (see cvtex/lifetime.hpp).
int main(int argc, char** argv) {
    cvtex::set_release_at_exit(true);
    const int rc = run_cli(argc, argv);
    std::fflush(nullptr);
    std::_Exit(rc);
}
