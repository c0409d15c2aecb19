// Products generated from the one schema declaration (schema.hpp): the JSON Schema that
// editors use, the reference docs/schema.md, and the starter files of `cvtex new`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cvtex {

/// The JSON Schema (draft-07) of every kind of cvtex file, as `cvtex schema` prints it: every
/// key with its type, a description, its default and an example. A file's top-level keys
/// pick its kind (an `if`/`then` per kind), so a letter is not asked for a CV's keys; unknown
/// keys are rejected, per kind and per section kind.
std::string json_schema();

/// The user reference, docs/schema.md, in Markdown: a part per document kind, each table with
/// every key's type, default, description and example; ends with the starter files.
std::string schema_markdown();

/// A file that `cvtex new` writes.
struct StarterFile {
    std::string name;       ///< its usual name, e.g. "packet.toml"; the first is what -o names
    std::string_view kind;  ///< the document kind of the file ("cv", "letter", ...)
    std::string what;       ///< what it is, in a few words ("the CV, with a short variant")
    std::string text;
};

/// The files `cvtex new --kind KIND` writes for the person `name`, the main one first: a CV, a
/// letter or a statement is one file; a packet is a small season (the packet, the CV it names
/// and a statement). Each starts with a `#:schema schema_ref` line and shows the keys of its
/// kind with example values and descriptions; each builds as it is, without warnings. Empty
/// for an unknown kind.
std::vector<StarterFile> starter_files(std::string_view kind, std::string_view name,
                                       std::string_view schema_ref);

/// The starter CV: starter_files("cv", ...)'s only file.
std::string starter_toml(std::string_view name, std::string_view schema_ref);

}  // namespace cvtex
