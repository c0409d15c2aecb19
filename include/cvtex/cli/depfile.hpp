// Depfiles: the prerequisites of a build written as a make rule, which make (`-include`) and
// ninja (`depfile =`) both read, as gcc's -M, -MP and -MT write them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cvtex {

/// What the command line asked for: -M, --depfile FILE, -MT TARGET, -MP.
struct DepfileOptions {
    bool enabled = false;              ///< write a depfile (-M, or implied by --depfile)
    std::optional<std::string> path;   ///< where; default: the first output with ".d" added
    std::vector<std::string> targets;  ///< the rule's targets; default: the outputs
    bool phony = false;                ///< a phony rule per prerequisite but the first (-MP)
};

/// The command line with gcc's spellings, which CLI11 cannot declare (one dash, two letters),
/// replaced by their long names: -MF FILE by --depfile FILE, -MT TARGET by --depfile-target
/// TARGET, -MP by --phony-targets. Nothing after "--" changes.
std::vector<std::string> expand_depfile_flags(std::vector<std::string> args);

/// `path` as make reads a file name in a rule, and ninja's depfile parser reads it back the
/// same: a space as `\ `, `#` as `\#`, `$` as `$$`, `:` as `\:`. nullopt when no spelling
/// gives the same path to both: a line break or a tab, or a backslash before a space, a `#`,
/// a `:` or at the end (make halves such backslashes, ninja keeps them).
std::optional<std::string> escape_make_path(std::string_view path);

/// The text of a depfile, or why there is none.
struct Depfile {
    std::string text;
    std::string error;  ///< names the path that cannot be written in make's syntax
};

/// One rule, `targets: prerequisites`, a prerequisite per line; with `phony`, an empty rule
/// for every prerequisite but the first (the file named on the command line), so that make
/// does not stop when one of them is deleted.
Depfile format_depfile(const std::vector<std::string>& targets,
                       const std::vector<std::string>& prerequisites, bool phony);

/// The depfile `options` ask for, for a build that wrote `outputs` from `prerequisites`: its
/// path (options.path, else the first output + ".d") and its text. Packets pass every
/// output of every application.
struct DepfileRequest {
    std::string path;
    Depfile depfile;
};
DepfileRequest make_depfile(const DepfileOptions& options, const std::vector<std::string>& outputs,
                            const std::vector<std::string>& prerequisites);

}  // namespace cvtex
