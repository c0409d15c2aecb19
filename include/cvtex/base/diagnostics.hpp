// Diagnostics as data: every stage reports problems here; only the printer renders them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cvtex {

/// Which input file a span points into: an index into the document's file list
/// (Document::files), where 0 is the document's own file.
using FileId = std::uint32_t;

/// A range in a source file. Lines and columns are 1-based; columns count code points.
/// A zero line means "no position" (for example, a problem with the file as a whole).
struct Span {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::uint32_t end_line = 0;
    std::uint32_t end_column = 0;  ///< exclusive
    FileId file = 0;

    bool valid() const { return line != 0; }
    static Span at(std::uint32_t line, std::uint32_t column, std::uint32_t length = 1,
                   FileId file = 0) {
        return {line, column, line, column + length, file};
    }
};

enum class Severity { note, warning, error };

/// One problem. `code` is stable across releases (documented in docs/diagnostics.md).
struct Diagnostic {
    Severity severity = Severity::error;
    std::string code;
    std::string message;
    std::string file;  ///< the path as the user gave it; empty when not about a file
    Span span;
    std::vector<std::string> hints;
};

/// Collects diagnostics from every stage. Stages never print and never exit.
class DiagnosticSink {
  public:
    Diagnostic& error(std::string code, std::string file, Span span, std::string message);
    Diagnostic& warning(std::string code, std::string file, Span span, std::string message);
    Diagnostic& add(Diagnostic d);

    bool has_errors() const { return errors_ > 0; }
    std::size_t error_count() const { return errors_; }
    std::size_t warning_count() const;
    const std::vector<Diagnostic>& all() const { return items_; }

    /// Turns every warning into an error (--warnings-as-errors).
    void promote_warnings();
    /// Sorts by file and position and removes exact repeats; call before printing.
    void sort_and_dedupe();

  private:
    std::vector<Diagnostic> items_;
    std::size_t errors_ = 0;
};

/// Edit distance (Damerau-Levenshtein, optimal string alignment) used for "did you mean".
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The closest candidate to `word`, or empty when none is close enough to be a useful guess.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace cvtex
