// Every diagnostic code the source reports is documented in docs/diagnostics.md, and every
// documented code is still reported somewhere: codes are an interface (JSON output).
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>

#include "../support/run.hpp"

namespace cvtex {
namespace {

namespace fs = std::filesystem;

std::set<std::string> matches(const std::string& text, const std::regex& re) {
    std::set<std::string> out;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator();
         ++it)
        out.insert((*it)[1].str());
    return out;
}

TEST(DiagnosticCodes, AreExactlyTheDocumentedOnes) {
    const std::string root = CVTEX_SOURCE_DIR;
    // Diagnostics are made by sink.error/warning(...), a stage's error/warn(...) helper or
    // check_utf8(...), with the code as the first argument.
    const std::regex in_code(R"re((?:error|warning|warn|check_utf8)\(\s*"([a-z0-9-]+)")re");
    std::set<std::string> used;
    for (const auto& e : fs::recursive_directory_iterator(root + "/src"))
        if (e.path().extension() == ".cpp") used.merge(matches(test::slurp(e.path()), in_code));
    const std::regex in_docs(R"re(\| `([a-z0-9-]+)` \| (?:error|warning) \|)re");
    const std::set<std::string> documented =
        matches(test::slurp(root + "/docs/diagnostics.md"), in_docs);
    EXPECT_GT(used.size(), 30u);
    for (const auto& code : used)
        EXPECT_TRUE(documented.count(code)) << code << " is not documented in docs/diagnostics.md";
    for (const auto& code : documented)
        EXPECT_TRUE(used.count(code)) << code << " is documented but no longer reported";
}

}  // namespace
}  // namespace cvtex
