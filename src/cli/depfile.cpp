// Depfiles in make's syntax, checked to read back the same in ninja.
#include "cvtex/cli/depfile.hpp"

#include <fmt/format.h>

namespace cvtex {

std::vector<std::string> expand_depfile_flags(std::vector<std::string> args) {
    for (auto& a : args) {
        if (a == "--") break;
        if (a == "-MF")
            a = "--depfile";
        else if (a == "-MT")
            a = "--depfile-target";
        else if (a == "-MP")
            a = "--phony-targets";
    }
    return args;
}

std::optional<std::string> escape_make_path(std::string_view path) {
    if (path.empty()) return std::nullopt;
    std::string out;
    for (std::size_t i = 0; i < path.size(); ++i) {
        const char c = path[i];
        const char next = i + 1 < path.size() ? path[i + 1] : '\0';
        if (c == '\n' || c == '\r' || c == '\t') return std::nullopt;
        if (c == '\\' && (next == '\0' || next == ' ' || next == '#' || next == ':'))
            return std::nullopt;
        if (c == ' ' || c == '#' || c == ':')
            out += '\\';
        else if (c == '$')
            out += '$';
        out += c;
    }
    return out;
}

Depfile format_depfile(const std::vector<std::string>& targets,
                       const std::vector<std::string>& prerequisites, bool phony) {
    Depfile d;
    if (targets.empty()) {
        d.error = "a depfile needs a target";
        return d;
    }
    std::vector<std::string> escaped;
    for (const auto& list : {&targets, &prerequisites}) {
        for (const auto& path : *list) {
            auto e = escape_make_path(path);
            if (!e) {
                d.error = fmt::format(
                    "'{}' cannot be written in a depfile (make and ninja would "
                    "read it differently)",
                    path);
                return d;
            }
            escaped.push_back(std::move(*e));
        }
    }
    const auto first_prerequisite = escaped.begin() + static_cast<long>(targets.size());
    for (auto it = escaped.begin(); it != first_prerequisite; ++it)
        d.text += (it == escaped.begin() ? "" : " ") + *it;
    d.text += ":";
    for (auto it = first_prerequisite; it != escaped.end(); ++it) d.text += " \\\n  " + *it;
    d.text += "\n";
    if (phony && first_prerequisite != escaped.end())
        for (auto it = first_prerequisite + 1; it != escaped.end(); ++it)
            d.text += "\n" + *it + ":\n";
    return d;
}

DepfileRequest make_depfile(const DepfileOptions& options, const std::vector<std::string>& outputs,
                            const std::vector<std::string>& prerequisites) {
    DepfileRequest r;
    r.path = options.path ? *options.path : outputs.empty() ? std::string() : outputs[0] + ".d";
    const auto& targets = options.targets.empty() ? outputs : options.targets;
    r.depfile = format_depfile(targets, prerequisites, options.phony);
    return r;
}

}  // namespace cvtex
