// Stage 1 and 2: parse the TOML (toml++) and build the model, checking it against the schema.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cvtex/base/diagnostics.hpp"
#include "cvtex/base/source.hpp"
#include "cvtex/model/model.hpp"

namespace cvtex {

/// Parses `source` and builds the document. Every schema problem (syntax, unknown keys, wrong
/// types, missing fields, bad dates and choices) is reported to `sink`; the document returned
/// holds whatever could be read, so later checks can still run. toml++ stays inside this stage.
/// `overrides` (made by override_source()) are applied first, in order, so that their values
/// are checked like everything else and reported at their place in the override.
/// `sources`, when given, reads the files a document refers to: the CV (`cv`) of a letter or
/// statement, a Markdown `body_file`, a signature image.
Document load_document(const SourceFile& source, DiagnosticSink& sink,
                       const std::vector<SourceFile>& overrides = {}, Sources* sources = nullptr);

/// Reads a packet file (`cvtex packet`): its applications, with each one's letter (the
/// packet's letter with the application's keys), and the letterhead of the CV it names,
/// read through `sources`.
Packet load_packet(const SourceFile& source, DiagnosticSink& sink, Sources* sources);

/// `--set PATH=VALUE` as a one-line TOML "file" named "--set PATH" that says
/// `PATH = VALUE`, VALUE quoted unless it is a TOML value already; nullopt (with the error
/// `bad-override`) when it is not PATH=VALUE. Whether PATH names something is checked when
/// the override is applied.
std::optional<SourceFile> override_source(std::string_view argument, DiagnosticSink& sink);

/// Parses one TOML value, such as a schema example (`"2020-08"`, `["A", "B"]`, `11`), and
/// returns it as JSON text; nullopt when it is not a valid TOML value. TOML dates become
/// strings. It lives here so that toml++ stays inside the load stage.
std::optional<std::string> toml_value_to_json(std::string_view value);

}  // namespace cvtex
