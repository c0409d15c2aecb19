// The bad-input corpus. Each case tests/invalid/<case>.toml (its first line says what it
// checks) has beside it <case>.expected: the exact standard error of `cvtex check <case>.toml`
// run in this directory. Inputs that cannot live in the repository as text (a BOM, CRLF line
// endings, bytes that are not UTF-8, UTF-16, 5 MB, a directory, a missing file) are made by
// generators below, deterministically, and only their .expected is committed.
// The exit status must be 1 when an error is reported and 0 otherwise.
// After an intended change: scripts/update-invalid (sets CVTEX_UPDATE_INVALID=1).
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>

#include "../support/run.hpp"

namespace cvtex {
namespace {

namespace fs = std::filesystem;

const std::string corpus_dir = CVTEX_INVALID_DIR;

// ---- Generated inputs --------------------------------------------------------------------

// Writes the input of a generated case at `path`.
using Generator = std::function<void(const std::string& path)>;

std::string five_megabytes() {
    std::string s =
        "# 5 MB of publications: the one misspelt key near the end is found and nothing else\n"
        "[person]\nname = \"Cheng Li\"\n\n[[section]]\ntitle = \"Publications\"\n"
        "kind = \"publications\"\n";
    for (int i = 0; s.size() < 5'000'000; ++i)
        s += fmt::format(
            "\n[[section.entry]]\ntitle = \"Paper number {} on systems for deep learning, "
            "with a long title\"\nauthors = [\"Cheng Li\", \"Abdul Dakkak\", \"Wen-Mei Hwu\"]\n"
            "venue = \"Venue {}\"\ndate = {}\n",
            i, i % 97, 1990 + i % 30);
    s += "\n[[section.entry]]\ntitle = \"The last one\"\nauthors = [\"Cheng Li\"]\nvenu = \"X\"\n";
    return s;
}

const std::map<std::string, Generator> generated{
    {"bom",
     [](const std::string& p) {
         test::write(p,
                     "\xEF\xBB\xBF# A byte-order mark is accepted; positions stay right\n"
                     "[person]\nname = \"Zoë\"\nemial = \"zoe@example.com\"\n");
     }},
    {"crlf",
     [](const std::string& p) {
         test::write(p,
                     "# CRLF line endings are accepted; lines and columns stay right\r\n"
                     "[person]\r\nname = \"Zoë Ångström\"\r\nwebsite = \"zoe.example.com\"\r\n"
                     "\r\n[[section]]\r\ntitle = \"Prizes\"\r\nkind = \"dated\"\r\n"
                     "[[section.entry]]\r\ntitle = \"Ünïcödé prize\"\r\ndat = \"2020-08\"\r\n");
     }},
    {"not-utf8",
     [](const std::string& p) {
         test::write(p, "# Latin-1 text is not UTF-8\n[person]\nname = \"Zo\xEB\"\n");
     }},
    {"utf16",
     [](const std::string& p) {
         std::string s = "\xFF\xFE";
         for (char c : std::string("[person]\nname = \"A\"\n")) s += std::string{c, '\0'};
         test::write(p, s);
     }},
    {"directory", [](const std::string& p) { fs::create_directory(p); }},
    {"missing-file", [](const std::string&) {}},
    {"five-megabytes", [](const std::string& p) { test::write(p, five_megabytes()); }},
};

// ---- Runner --------------------------------------------------------------------------------

std::vector<std::string> cases() {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(corpus_dir)) {
        const auto ext = e.path().extension();
        if (ext == ".expected" || ext == ".toml") out.push_back(e.path().stem().string());
    }
    for (const auto& [name, generator] : generated) out.push_back(name);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

class Invalid : public ::testing::TestWithParam<std::string> {};

TEST_P(Invalid, PrintsExactlyTheExpectedDiagnostics) {
    const std::string name = GetParam();
    const std::string input = name + ".toml";
    std::string dir = corpus_dir;
    test::TempDir tmp;
    if (const auto g = generated.find(name); g != generated.end()) {
        ASSERT_FALSE(fs::exists(corpus_dir + "/" + input)) << "generated cases have no .toml";
        g->second(tmp / input);
        dir = tmp.path().string();
    } else {
        ASSERT_TRUE(fs::exists(corpus_dir + "/" + input)) << "no input for " << name;
    }
    const auto r = test::run({CVTEX_BINARY, "check", input},
                             {"NO_COLOR=", "SOURCE_DATE_EPOCH=1767225600"}, dir);
    const std::string expected_path = corpus_dir + "/" + name + ".expected";
    const char* update = std::getenv("CVTEX_UPDATE_INVALID");
    if (update && std::string(update) == "1") {
        test::write(expected_path, r.err);
    } else {
        ASSERT_TRUE(fs::exists(expected_path))
            << "missing " << expected_path << "; create it with scripts/update-invalid";
        EXPECT_EQ(r.err, test::slurp(expected_path))
            << "diagnostics differ from " << expected_path
            << "\nIf the change is intended, run: scripts/update-invalid";
    }
    EXPECT_EQ(r.out, "");
    const bool has_error = r.err.find(": error: ") != std::string::npos;
    EXPECT_EQ(r.exit_code, has_error ? 1 : 0) << r.err;
    EXPECT_FALSE(r.err.empty()) << "a bad input must give at least one diagnostic";
}

INSTANTIATE_TEST_SUITE_P(Corpus, Invalid, ::testing::ValuesIn(cases()), [](const auto& test_info) {
    std::string name = test_info.param;
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    return name;
});

TEST(InvalidCorpus, HasAtLeastFortyCases) {
    EXPECT_GE(cases().size(), 40u);
}

}  // namespace
}  // namespace cvtex
