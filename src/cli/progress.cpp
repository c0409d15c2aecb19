// The build's own lines: which files were written, how long it took, how many pages.
#include "cvtex/cli/progress.hpp"

#include <fmt/format.h>
#include <qpdf/QPDF.hh>

#include <exception>
#include <vector>

namespace cvtex {

std::optional<int> count_pdf_pages(const std::string& path) {
    try {
        QPDF pdf;
        pdf.setSuppressWarnings(true);
        pdf.processFile(path.c_str());
        return static_cast<int>(pdf.getAllPages().size());
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

namespace {

// " (2 pages, 0.84 s)", or without the pages for anything that is not a PDF.
std::string details(const std::string& path, std::optional<double> seconds) {
    std::vector<std::string> parts;
    if (path.ends_with(".pdf"))
        if (const auto pages = count_pdf_pages(path))
            parts.push_back(fmt::format("{} page{}", *pages, *pages == 1 ? "" : "s"));
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
                               verbose ? details(o, elapsed.count()) : "");
    }
    for (const auto& w : report.written)
        out += fmt::format("cvtex: wrote {}{}\n", w, verbose ? details(w, elapsed.count()) : "");
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
    for (const auto& p : paths) {
        const auto pages = verbosity == Verbosity::verbose && p.ends_with(".pdf")
                               ? count_pdf_pages(p)
                               : std::nullopt;
        parts.push_back(pages ? fmt::format("{} ({} page{})", p, *pages, *pages == 1 ? "" : "s")
                              : p);
    }
    return head + fmt::format("{} {} ({:.2f} s)\n", report.up_to_date ? "up to date:" : "wrote",
                              fmt::join(parts, ", "), elapsed.count());
}

}  // namespace cvtex
