// The build's own lines: which files were written, how long it took, how many pages.
#include "cvtex/cli/progress.hpp"

#include <fmt/format.h>

#include <vector>

namespace cvtex {

namespace {

// " (2 pages, 0.84 s)": the pages for the PDF (the first output when TeX ran), as TeX's log
// said, or the stamp of the build that made it.
std::string details(const BuildReport& report, const std::string& path,
                    std::optional<double> seconds) {
    std::vector<std::string> parts;
    if (report.pages > 0 && !report.outputs.empty() && path == report.outputs[0] &&
        path.ends_with(".pdf"))
        parts.push_back(fmt::format("{} page{}", report.pages, report.pages == 1 ? "" : "s"));
    if (seconds) parts.push_back(fmt::format("{:.2f} s", *seconds));
    return parts.empty() ? std::string() : fmt::format(" ({})", fmt::join(parts, ", "));
}

}  // namespace

std::string progress_lines(const BuildReport& report, Verbosity verbosity,
                           std::chrono::duration<double> elapsed) {
    if (verbosity == Verbosity::quiet) return {};
    const bool verbose = verbosity == Verbosity::verbose;
    std::string out;
    if (report.up_to_date) {
        for (const auto& o : report.outputs)
            out += fmt::format("cvtex: {} is up to date{}\n", o,
                               verbose ? details(report, o, elapsed.count()) : "");
    }
    for (const auto& w : report.written)
        out += fmt::format("cvtex: wrote {}{}\n", w,
                           verbose ? details(report, w, elapsed.count()) : "");
    if (verbose && !report.depfile.empty())
        out += fmt::format("cvtex: depfile {}\n", report.depfile);
    return out;
}

std::string watch_line(const BuildReport& report, ExitCode code, Verbosity verbosity,
                       std::chrono::duration<double> elapsed, std::time_t now) {
    if (verbosity == Verbosity::quiet && code == ExitCode::ok) return {};
    std::tm tm{};
    localtime_r(&now, &tm);
    const std::string head =
        fmt::format("cvtex: {:02}:{:02}:{:02} ", tm.tm_hour, tm.tm_min, tm.tm_sec);
    if (code != ExitCode::ok)
        return head +
               fmt::format("build failed ({:.2f} s); watching for changes\n", elapsed.count());
    const auto& paths = report.up_to_date ? report.outputs : report.written;
    std::vector<std::string> parts;
    parts.reserve(paths.size());
    for (const auto& p : paths)
        parts.push_back(p + (verbosity == Verbosity::verbose ? details(report, p, {}) : ""));
    return head + fmt::format("{} {} ({:.2f} s)\n", report.up_to_date ? "up to date:" : "wrote",
                              fmt::join(parts, ", "), elapsed.count());
}

}  // namespace cvtex
