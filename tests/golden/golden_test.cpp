// Golden tests: each tests/golden/<case>/input.toml must emit exactly <case>/expected.tex.
// Update after an intended change with: scripts/update-golden (sets CVTEX_UPDATE_GOLDEN=1).
#include <gtest/gtest.h>

#include <cstdlib>
#include <deque>
#include <filesystem>

#include "cvtex/base/output.hpp"
#include "cvtex/check/validate.hpp"
#include "cvtex/read/loader.hpp"
#include "cvtex/transform/publications.hpp"
#include "cvtex/write/latex_writer.hpp"

namespace cvtex {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> cases() {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(CVTEX_GOLDEN_DIR))
        if (fs::exists(e.path() / "input.toml")) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

// A case's .bib files, read from its directory.
class CaseFiles : public InputFiles {
  public:
    explicit CaseFiles(fs::path dir) : dir_(std::move(dir)) {}
    std::optional<std::string> read(const std::string& path) override {
        return read_file((dir_ / path).string());
    }
    const SourceFile& keep(SourceFile file) override { return kept_.emplace_back(std::move(file)); }

  private:
    fs::path dir_;
    std::deque<SourceFile> kept_;
};

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, EmitsExpectedTex) {
    const fs::path dir = fs::path(CVTEX_GOLDEN_DIR) / GetParam();
    auto text = read_file((dir / "input.toml").string());
    ASSERT_TRUE(text);
    DiagnosticSink sink;
    Document doc = load_document(SourceFile("input.toml", *text), sink);
    validate(doc, Date{2026, 1, 1}, sink);
    CaseFiles files(dir);
    prepare_publications(doc, files, sink);
    ASSERT_FALSE(sink.has_errors()) << "the input of a golden case must be valid";
    LatexOptions options;
    options.marker_name = "input.toml";
    const std::string tex = write_latex(doc, options, sink);
    const fs::path expected_path = dir / "expected.tex";
    const char* update = std::getenv("CVTEX_UPDATE_GOLDEN");
    if (update && std::string(update) == "1") {
        ASSERT_EQ(write_file_atomic(expected_path.string(), tex), "");
        return;
    }
    const auto expected = read_file(expected_path.string());
    ASSERT_TRUE(expected) << "missing " << expected_path
                          << "; create it with scripts/update-golden";
    EXPECT_EQ(tex, *expected) << "emitted LaTeX differs from " << expected_path
                              << "\nIf the change is intended, run: scripts/update-golden";
}

INSTANTIATE_TEST_SUITE_P(Cases, Golden, ::testing::ValuesIn(cases()), [](const auto& test_info) {
    std::string name = test_info.param;
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    return name;
});

}  // namespace
}  // namespace cvtex
