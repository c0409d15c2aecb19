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

namespace {

std::string watch_head(std::time_t now) {
    std::tm tm{};
    localtime_r(&now, &tm);
    return fmt::format("cvtex: {:02}:{:02}:{:02} ", tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::string failed_round(std::time_t now, std::chrono::duration<double> elapsed) {
    return watch_head(now) +
           fmt::format("build failed ({:.2f} s); watching for changes\n", elapsed.count());
}

}  // namespace

std::string watch_line(const BuildReport& report, ExitCode code, Verbosity verbosity,
                       std::chrono::duration<double> elapsed, std::time_t now) {
    if (verbosity == Verbosity::quiet && code == ExitCode::ok) return {};
    const std::string head = watch_head(now);
    if (code != ExitCode::ok) return failed_round(now, elapsed);
    const auto& paths = report.up_to_date ? report.outputs : report.written;
    std::vector<std::string> parts;
    parts.reserve(paths.size());
    for (const auto& p : paths)
        parts.push_back(p + (verbosity == Verbosity::verbose ? details(report, p, {}) : ""));
    return head + fmt::format("{} {} ({:.2f} s)\n", report.up_to_date ? "up to date:" : "wrote",
                              fmt::join(parts, ", "), elapsed.count());
}

std::string packet_counts(const PacketReport& report, Verbosity verbosity) {
    const std::size_t n = report.outputs.size();
    std::string out =
        fmt::format("{} PDF{}, {} written; {} typeset, {} from the cache", n, n == 1 ? "" : "s",
                    report.written.size(), report.runs, report.cached);
    if (verbosity == Verbosity::verbose && !report.depfile.empty())
        out += fmt::format("; depfile {}", report.depfile);
    return out;
}

std::string packet_lines(const PacketReport& report, Verbosity verbosity,
                         std::chrono::duration<double> elapsed) {
    if (verbosity != Verbosity::verbose) return {};
    return fmt::format("cvtex: {} ({:.2f} s)\n", packet_counts(report, verbosity), elapsed.count());
}

std::string packet_watch_line(const PacketReport& report, ExitCode code, Verbosity verbosity,
                              std::chrono::duration<double> elapsed, std::time_t now) {
    if (verbosity == Verbosity::quiet && code == ExitCode::ok) return {};
    if (code != ExitCode::ok) return failed_round(now, elapsed);
    return watch_head(now) +
           fmt::format("{} ({:.2f} s)\n", packet_counts(report, verbosity), elapsed.count());
}

std::string progress_bar(std::size_t done, std::size_t total) {
    return fmt::format("\rcvtex: typesetting {}/{}\x1b[K", done, total);
}

std::string progress_done() {
    return "\r\x1b[K";
}

}  // namespace cvtex
