// What the importers (JSON Resume, RenderCV) share: the cvtex tables they fill, checked
// against the schema as they are filled, text as cvtex markup, dates, profiles' networks.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cvtex/base/diagnostics.hpp"
#include "cvtex/check/schema.hpp"

namespace cvtex {

/// The most bytes an imported file may have: a CV is a few kilobytes; a larger file is an
/// error (`import-too-large`), not minutes of parsing.
inline constexpr std::size_t import_max_bytes = std::size_t{4} * 1024 * 1024;

/// Plain text as cvtex inline markup that prints it as typed: `*`, `[`, `]`, `` ` `` and `$`
/// get a backslash.
std::string markup_literal(std::string_view plain);

/// How an importer turns a value of the other format into a cvtex value: `text` for keys of
/// markup text, `plain` for plain strings (author lists, items).
struct TextConversion {
    std::function<std::string(std::string_view)> text;
    std::function<std::string(std::string_view)> plain;
};

/// A table of the cvtex document being made (an entry, a section, the person), filled by key;
/// each value is converted as the schema's type of its key says.
class ImportTable {
  public:
    ImportTable(const TableSpec& spec, const TextConversion& convert)
        : spec_(&spec), convert_(&convert) {}
    /// Sets `key` (declared by the spec) to `value`; an empty value sets nothing.
    void set(std::string_view key, std::string_view value);
    /// Sets a list key; nested lists (highlights) stay nested. Empty lists set nothing.
    void set_list(std::string_view key, const nlohmann::json& strings);
    /// Sets `key` to a value already in cvtex's form (an integer, a table, an array of tables).
    void set_raw(std::string_view key, nlohmann::json value);
    bool has(std::string_view key) const { return value_.contains(key); }
    /// The required keys of the spec that are not set (and "a or b" when the spec needs one of
    /// several); empty when the table is complete.
    std::vector<std::string> missing() const;
    const TableSpec& spec() const { return *spec_; }
    const nlohmann::json& value() const { return value_; }

  private:
    const TableSpec* spec_;
    const TextConversion* convert_;
    nlohmann::json value_ = nlohmann::json::object();
};

/// The dates of an entry as the other format gives them (each empty when not given).
struct ImportedDates {
    std::string date, start, end;
};

/// Checks a date of the other format against what cvtex reads ("YYYY", "YYYY-MM",
/// "YYYY-MM-DD", "present" where allowed, text with a letter); the date as cvtex writes it, or
/// nullopt.
std::optional<std::string> import_date(std::string_view text, bool allow_present);

/// Puts `dates` into `entry` as its kind allows: a period as start and end (an open one ends
/// "present"), a single date as date; a kind with a single date only takes the end of a
/// period (else its start). Dates cvtex cannot read are reported through `bad` and left out.
void put_dates(ImportTable& entry, const ImportedDates& dates,
               const std::function<void(std::string_view which, std::string_view value)>& bad);

/// cvtex's network for a site's name as people write it ("GitHub", "Google Scholar",
/// "Twitter"), or "other".
std::string profile_network(std::string_view name);

/// The URL of a profile on a site that cvtex does not know (RenderCV's Instagram, Telegram,
/// ...), or empty.
std::string profile_url(std::string_view network, std::string_view username);

}  // namespace cvtex
