// Packets: every application of a season built from one CV, one letter and shared statements,
// each application into a folder of PDFs and one combined PDF. Like compile(), this writes
// nothing: the CLI writes the outputs it returns.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cvtex/base/diagnostics.hpp"
#include "cvtex/base/source.hpp"
#include "cvtex/driver/compile.hpp"
#include "cvtex/engine/engine.hpp"
#include "cvtex/model/model.hpp"
#include "cvtex/pdf/pdf.hpp"

namespace cvtex {

struct PacketOptions {
    std::string input;  ///< the packet file
    /// What every document is built with (engine, timeout, cache, class, today,
    /// warnings_as_errors, allow_overflow); input, selection and variables are the packet's.
    CompileOptions base;
    std::vector<std::string> only;  ///< build only these applications (by name)
    int jobs = 1;                   ///< engines running at once
    /// Called after each engine run with the runs done and to do in this round (from the
    /// engines' threads, one call at a time); may be empty.
    std::function<void(std::size_t done, std::size_t total)> progress;
    /// How an application's PDFs become one; empty: pdf::combine().
    std::function<std::string(const std::vector<pdf::Part>&, const pdf::CombineOptions&,
                              std::string&)>
        combine;
};

/// One document of an application, as built.
struct PacketDocumentResult {
    std::string name;   ///< "letter", "cv", "research"
    std::string title;  ///< its bookmark: "Cover Letter", "CV", "Research Statement"
    std::string path;   ///< where its PDF goes
    std::optional<int> pages;
    CompileStatus status = CompileStatus::invalid_input;
};

struct ApplicationResult {
    std::string name;
    std::optional<Date> deadline;
    std::vector<PacketDocumentResult> documents;
    std::string combined_path;  ///< empty when not combined
    CompileStatus status = CompileStatus::ok;
    std::size_t errors = 0;
    std::size_t warnings = 0;
};

struct PacketResult {
    std::vector<ApplicationResult> applications;
    /// The PDFs to write (each document's, and the combined one), by path.
    std::vector<std::pair<std::string, std::string>> outputs;
    /// ok when every application was built; else the first failure's status.
    CompileStatus status = CompileStatus::ok;
    /// The command line named an application the packet does not have (--only): a usage
    /// error, not the packet's.
    bool unknown_only = false;
    std::optional<Packet> packet;  ///< kept with its parse tree, as CompileResult's document
};

/// Builds the packet `options.input`. Reads through `sources`; runs up to `options.jobs`
/// engines at once (the same document is typeset once, whichever applications use it). One
/// application's failure does not stop the others; every problem goes to `sink`.
PacketResult build_packet(const PacketOptions& options, Sources& sources, Engine& engine,
                          DiagnosticSink& sink);

/// The summary table of a packet build, one line per application, for people.
std::string packet_summary(const PacketResult& result);

}  // namespace cvtex
