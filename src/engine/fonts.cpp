// Font families from fc-list: one short run for the font asked about, and, for the hints of a
// missing one, one more for the list of every family.
#include "cvtex/engine/fonts.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <optional>
#include <set>
#include <sstream>

extern char** environ;

namespace cvtex {

namespace {

// The standard output of `args` (args[0] looked up on PATH), or nullopt when it could not
// be run or failed. No shell: a font name is one argument, whatever it holds.
std::optional<std::string> output_of(std::vector<std::string> args) {
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0) return std::nullopt;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipe_fds[1]);
    std::string out;
    if (rc == 0) {
        char buffer[4096];
        for (ssize_t n; (n = read(pipe_fds[0], buffer, sizeof buffer)) != 0;) {
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) break;
            out.append(buffer, static_cast<std::size_t>(n));
        }
    }
    close(pipe_fds[0]);
    if (rc != 0) return std::nullopt;
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
    return out;
}

// fc-list prints a font's names separated by commas ("DejaVu Sans,DejaVu Sans Condensed");
// a comma inside a name is escaped with a backslash.
std::vector<std::string> split_names(const std::string& text) {
    std::set<std::string> names;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        std::string name;
        for (std::size_t i = 0; i <= line.size(); ++i) {
            if (i < line.size() && line[i] == '\\' && i + 1 < line.size()) {
                name += line[++i];
            } else if (i == line.size() || line[i] == ',') {
                if (!name.empty()) names.insert(name);
                name.clear();
            } else {
                name += line[i];
            }
        }
    }
    return {names.begin(), names.end()};
}

class FcList final : public FontCatalog {
  public:
    bool has(const std::string& family) const override {
        // A pattern of only a family lists the fonts of that family, matched without regard
        // to case, as fontspec finds them; nothing when there is none.
        std::string pattern;  // '-', ':' and ',' have meanings in a pattern
        for (char c : family) {
            if (c == '\\' || c == '-' || c == ':' || c == ',') pattern += '\\';
            pattern += c;
        }
        const auto out = output_of({"fc-list", "--format=%{family}\n", pattern});
        if (!out) return true;
        const auto names = split_names(*out);
        return !names.empty();
    }
    std::vector<std::string> families() const override {
        return split_names(output_of({"fc-list", "--format=%{family}\n"}).value_or(""));
    }
};

}  // namespace

const FontCatalog& system_fonts() {
    static const FcList fonts;
    return fonts;
}

const std::vector<ScriptFonts>& script_fonts() {
    auto noto = [](std::string_view script, std::string_view name, std::string_view noto_name) {
        const std::string n(noto_name);
        return ScriptFonts{
            script, name, {"Noto Serif " + n, "Noto Sans " + n}, 2, "fonts-noto-core"};
    };
    static const std::vector<ScriptFonts> fonts{
        {"greek", "Greek", {"CMU Serif", "DejaVu Serif"}, 2, "fonts-cmu"},
        {"cyrillic", "Cyrillic", {"CMU Serif", "DejaVu Serif"}, 2, "fonts-cmu"},
        // Noto CJK has a bold face; WenQuanYi Micro Hei and Droid Sans Fallback have none.
        {"cjk",
         "Chinese, Japanese and Korean",
         {"Noto Serif CJK SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Droid Sans Fallback"},
         2,
         "fonts-noto-cjk"},
        {"arabic", "Arabic", {"Noto Naskh Arabic", "Noto Sans Arabic"}, 2, "fonts-noto-core"},
        noto("hebrew", "Hebrew", "Hebrew"),
        noto("devanagari", "Devanagari", "Devanagari"),
        noto("bengali", "Bengali", "Bengali"),
        noto("gurmukhi", "Gurmukhi", "Gurmukhi"),
        noto("gujarati", "Gujarati", "Gujarati"),
        {"oriya", "Oriya", {"Noto Sans Oriya"}, 1, "fonts-noto-core"},
        noto("tamil", "Tamil", "Tamil"),
        noto("telugu", "Telugu", "Telugu"),
        noto("kannada", "Kannada", "Kannada"),
        noto("malayalam", "Malayalam", "Malayalam"),
    };
    return fonts;
}

}  // namespace cvtex
