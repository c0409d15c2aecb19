// The TOML writer: a cvtex document, given as data (tables, arrays of tables, strings,
// integers and lists), as a readable TOML file in the schema's key order. `cvtex import` writes
// what its readers found with it; the starters of `cvtex new` quote their values with it.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "cvtex/check/schema.hpp"

namespace cvtex {

/// `value` as a TOML basic string, with quotes and escapes: the TOML writer's one escaping
/// function (every string it writes goes through it).
std::string toml_quote(std::string_view value);

/// A TOML value for `v`: a string (one with line breaks as a multi-line string, its breaks
/// kept), a number, a list or an inline table.
std::string toml_value(const nlohmann::json& v);

/// `document` (a JSON object shaped as the TOML file: `settings`, `person`, `section`, ...)
/// as TOML, the keys of every table in the order `root` declares them, each table after the
/// keys of the table that holds it; a section's keys in the order of its kind. Keys the schema
/// does not know come last in their table (the loader then reports them). `preamble` (comment
/// lines) goes first.
std::string write_toml(const nlohmann::json& document, const TableSpec& root,
                       std::string_view preamble);

}  // namespace cvtex
