// Reading the TeX log: errors and warnings as data, reruns, formats that failed to load.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cvtex {

/// One message from the TeX log.
struct TexMessage {
    enum class Kind { error, overfull, underfull, warning, missing_character };
    Kind kind = Kind::error;
    std::string text;        ///< short, one line, e.g. "Undefined control sequence \foo"
    std::string file;        ///< the file TeX was reading ("cv.tex", "cvtex.cls"), if known
    std::uint32_t line = 0;  ///< line in that file, 0 if unknown
    double overfull_pt = 0;  ///< for overfull boxes
    std::string character;   ///< for missing characters: the character (UTF-8), if named
};

/// Extracts errors and warnings from a TeX log written with -file-line-error and
/// max_print_line large enough that lines are not wrapped. Error texts are made short:
/// "undefined control sequence \foo", "package hyperref: ...", without the trailing period.
/// The "Emergency stop" and "Fatal error occurred" lines that follow an error are dropped.
std::vector<TexMessage> parse_tex_log(std::string_view log);

/// True when the engine's terminal output says the -fmt format could not be used: missing
/// (removed from the cache meanwhile), damaged, or written by another engine version. Only
/// the engine's own fatal messages count, never text that merely mentions formats.
bool format_failed_to_load(std::string_view engine_output);

/// True when the log asks for another pass (cross-references changed).
bool log_wants_rerun(std::string_view log);

/// The pages of the PDF, from the log's last "Output written on cv.pdf (N pages" line (all
/// three engines write it); 0 when there is none.
int log_page_count(std::string_view log);

}  // namespace cvtex
