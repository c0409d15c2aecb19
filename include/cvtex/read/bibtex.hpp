// Reading BibTeX (.bib) files: entries, @string macros and # concatenation, with positions.
// Our own reader rather than libbtparse; docs/architecture.md ("Decisions") says why.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cvtex/base/diagnostics.hpp"
#include "cvtex/base/source.hpp"

namespace cvtex::bibtex {

struct Field {
    std::string name;  ///< lower case
    /// LaTeX text: @string macros expanded, `#` pieces joined, the outer braces or quotes
    /// removed, white space collapsed. Inner braces are kept (they protect names and case).
    std::string value;
    Span name_span;
    Span value_span;  ///< from the first character of the value, on its first line
};

struct Entry {
    std::string type;  ///< lower case: "article", "inproceedings", or any unknown type
    std::string key;
    std::vector<Field> fields;  ///< in file order; unknown fields are kept
    Span span;                  ///< "@type"
    Span key_span;
    /// A whole volume (a proceedings, say) that other entries name in `crossref` (see
    /// resolve_crossrefs): a container rather than a publication of its own.
    bool container = false;

    /// The field called `name` (lower case), or nullptr.
    const Field* field(std::string_view name) const;
};

struct Database {
    std::vector<Entry> entries;  ///< in file order; of entries with the same key, the first
    std::vector<std::string> preambles;
};

/// The most that @string macros may add to one value (1 MiB) and to all values of one file
/// (64 MiB): beyond them macro expansion is an error ("bib-expansion-limit").
inline constexpr std::size_t max_value_bytes = std::size_t{1} << 20;
inline constexpr std::size_t max_expansion_bytes = std::size_t{64} << 20;

/// Reads a .bib file. Problems go to `sink` under `source.path()` with line:col spans:
/// - a malformed entry is an error where it goes wrong ("bib-syntax"), or at the brace or quote
///   that is never closed ("bib-unclosed"); the entry is skipped and reading goes on at the
///   next line that starts with '@';
/// - a repeated key ("bib-duplicate-key"), a repeated field ("bib-duplicate-field") and an
///   undefined @string ("bib-undefined-string", read as empty) are warnings;
/// - macro expansion past the limits above is an error ("bib-expansion-limit") at the macro
///   that crosses them; past the file's limit the rest of the file is not read.
/// @comment and text outside entries are ignored; @preamble text is kept. The month macros
/// jan ... dec are predefined.
Database parse(const SourceFile& source, DiagnosticSink& sink);

/// Resolves `crossref = {key}` as BibTeX and biblatex do, within one database (one file): the
/// entry gets every field it lacks from the entry it names (the fields keep their spans, in
/// the same file), except bookkeeping fields (`crossref`, `xref`, `ids`, `key`, `label`,
/// `sortkey`, ...). When the named entry is a whole volume (book, proceedings, collection,
/// reference, or their `mv` forms), its `booktitle` (or else its `title`) becomes the
/// entry's `booktitle`, its title fields are not inherited as titles, and it is marked a
/// `container`. The date is one group: an entry with its own `date` or `year` inherits none
/// of `date`, `year`, `month` and `day`. One level: fields the named entry itself inherited
/// are not passed on. Keys match exactly, else ignoring case; a key that is not in the file
/// is a warning ("bib-crossref-not-found") at the `crossref` value, reported under `path`.
void resolve_crossrefs(Database& db, const std::string& path, DiagnosticSink& sink);

}  // namespace cvtex::bibtex
