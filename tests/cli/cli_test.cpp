// CLI tests. Each tests/cli/<name>.test states a command, its exit status and its output:
//
//   # what the case checks
//   args: check {cli}/files/unknown-key.toml
//   exit: 1
//   stderr:
//   <the exact expected standard error>
//
// Arguments are separated by spaces; '' is an empty argument. "env: K=V ..." sets
// environment variables; "stdout:" works like "stderr:"; "stderr contains:"
// checks for a substring. {cli}, {examples} and {tmp} (a fresh directory) are replaced in the
// arguments and in the expected text.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "../support/run.hpp"

namespace cvtex {
namespace {

namespace fs = std::filesystem;

struct Case {
    std::vector<std::string> args;
    std::vector<std::string> env;
    bool has_args = false;
    int exit = 0;
    std::vector<std::pair<std::string, std::string>> checks;  // (kind, text)
};

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t i = s.find(from); i != std::string::npos; i = s.find(from, i + to.size()))
        s.replace(i, from.size(), to);
    return s;
}

Case parse_case(const std::string& text, const std::string& tmp) {
    auto subst = [&](std::string s) {
        s = replace_all(s, "{cli}", CVTEX_CLI_DIR);
        s = replace_all(s, "{examples}", CVTEX_EXAMPLES_DIR);
        return replace_all(s, "{tmp}", tmp);
    };
    Case c;
    std::istringstream in(text);
    std::string line, *block = nullptr;
    while (std::getline(in, line)) {
        if (line.starts_with("args:")) {
            c.has_args = true;
            std::istringstream words(line.substr(5));
            for (std::string w; words >> w;) c.args.push_back(w == "''" ? "" : subst(w));
        } else if (line.starts_with("env:")) {
            std::istringstream words(line.substr(4));
            for (std::string w; words >> w;) c.env.push_back(subst(w));
        } else if (line.starts_with("exit:")) {
            c.exit = std::stoi(line.substr(5));
        } else if (line == "stdout:" || line == "stderr:" || line == "stdout contains:" ||
                   line == "stderr contains:") {
            c.checks.emplace_back(line, "");
            block = &c.checks.back().second;
        } else if (block) {
            *block += subst(line) + "\n";
        }
    }
    return c;
}

std::vector<std::string> cases() {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(CVTEX_CLI_DIR))
        if (e.path().extension() == ".test") out.push_back(e.path().stem().string());
    std::sort(out.begin(), out.end());
    return out;
}

class Cli : public ::testing::TestWithParam<std::string> {};

TEST_P(Cli, Behaves) {
    test::TempDir tmp;
    const std::string text = test::slurp(std::string(CVTEX_CLI_DIR) + "/" + GetParam() + ".test");
    Case c = parse_case(text, tmp.path().string());
    ASSERT_TRUE(c.has_args) << "no args: line";
    std::vector<std::string> argv{CVTEX_BINARY};
    argv.insert(argv.end(), c.args.begin(), c.args.end());
    std::vector<std::string> env{"NO_COLOR=", "SOURCE_DATE_EPOCH=1767225600"};
    // The case's own settings come first: getenv takes the first match.
    env.insert(env.begin(), c.env.begin(), c.env.end());
    const auto r = test::run(argv, env);
    EXPECT_EQ(r.exit_code, c.exit) << "stderr:\n" << r.err << "stdout:\n" << r.out;
    for (const auto& [kind, expected] : c.checks) {
        const std::string& actual = kind.starts_with("stdout") ? r.out : r.err;
        if (kind.ends_with("contains:")) {
            EXPECT_NE(actual.find(expected.substr(0, expected.size() - 1)), std::string::npos)
                << kind << "\n"
                << expected << "actual:\n"
                << actual;
        } else {
            EXPECT_EQ(actual, expected) << kind;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Cases, Cli, ::testing::ValuesIn(cases()), [](const auto& test_info) {
    std::string name = test_info.param;
    for (char& ch : name)
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
    return name;
});

}  // namespace
}  // namespace cvtex
