// What the CLI says about a build besides diagnostics: the files written, or that they were
// up to date; nothing with -q, their time and pages with -v.
#pragma once

#include <chrono>
#include <ctime>
#include <optional>
#include <string>

#include "cvtex/cli/commands.hpp"

namespace cvtex {

enum class Verbosity { quiet, normal, verbose };

/// The lines printed after a successful build, each "cvtex: ...\n": "wrote cv.pdf" per
/// output written, or "cv.pdf is up to date"; with `verbose`, each with the PDF's pages (from
/// TeX's log, or the stamp of the build that made it) and the build's `elapsed` time, and
/// the depfile too; nothing when `quiet`.
std::string progress_lines(const BuildReport& report, Verbosity verbosity,
                           std::chrono::duration<double> elapsed);

/// Watch mode's one line per round, "cvtex: HH:MM:SS ...\n" with `now` as local time: the
/// outputs written (with pages under -v) or up to date, or that the build failed, each with
/// the round's time. Nothing for a successful round under -q.
std::string watch_line(const BuildReport& report, ExitCode code, Verbosity verbosity,
                       std::chrono::duration<double> elapsed, std::time_t now);

}  // namespace cvtex
