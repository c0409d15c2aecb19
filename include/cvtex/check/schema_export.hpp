// Products generated from the one schema declaration (schema.hpp): the JSON Schema that
// editors use, the reference docs/schema.md, and the starter file of `cvtex new`.
#pragma once

#include <string>
#include <string_view>

namespace cvtex {

/// The JSON Schema (draft-07) of a CV file, as `cvtex schema` prints it: every key with its
/// type, a description and an example; unknown keys are rejected, per section kind.
std::string json_schema();

/// The user reference, docs/schema.md, in Markdown; ends with a complete example (the
/// starter file).
std::string schema_markdown();

/// A starter CV for `name`: a `#:schema schema_ref` line, the settings, the person and one
/// section of every kind, each key with its example value and description. It builds as it is,
/// without warnings.
std::string starter_toml(std::string_view name, std::string_view schema_ref);

/// `value` as a TOML basic string, with quotes and escapes.
std::string toml_quote(std::string_view value);

}  // namespace cvtex
