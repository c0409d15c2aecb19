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

/// What a packet build did, in one line: "N PDFs, W written; R typeset, C from the cache"
/// (and the depfile under -v), without "cvtex: " or a time.
std::string packet_counts(const PacketReport& report, Verbosity verbosity);

/// The line printed after a successful `cvtex packet` under -v ("cvtex: COUNTS (T s)\n");
/// nothing otherwise (the summary table says the rest).
std::string packet_lines(const PacketReport& report, Verbosity verbosity,
                         std::chrono::duration<double> elapsed);

/// `packet --watch`'s line per round, as watch_line() for a build.
std::string packet_watch_line(const PacketReport& report, ExitCode code, Verbosity verbosity,
                              std::chrono::duration<double> elapsed, std::time_t now);

/// The progress of a packet on a terminal: "\rcvtex: typesetting D/T" (erased by
/// progress_done()).
std::string progress_bar(std::size_t done, std::size_t total);
std::string progress_done();

}  // namespace cvtex
