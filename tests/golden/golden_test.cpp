// Golden tests: each tests/golden/<case>/input.toml must emit exactly <case>/expected.tex, and
// in the other formats expected.md, expected.txt, expected.html and (for a CV) expected.json.
// Update after an intended change with: scripts/update-golden (sets CVTEX_UPDATE_GOLDEN=1).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "cvtex/base/output.hpp"
#include "cvtex/driver/compile.hpp"

namespace cvtex {
namespace {

namespace fs = std::filesystem;

// The golden tests stop before TeX.
class NoEngine final : public Engine {
  public:
    EngineResult run(const EngineJob&) override {
        ADD_FAILURE() << "a golden test ran the engine";
        return {};
    }
};

std::vector<std::string> cases() {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(CVTEX_GOLDEN_DIR))
        if (fs::exists(e.path() / "input.toml")) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

// A case's files, read from its directory: input.toml and the .bib files it names.
class CaseFiles : public Files {
  public:
    explicit CaseFiles(fs::path dir) : dir_(std::move(dir)) {}
    FileRead read(const std::string& path) override { return disk_.read((dir_ / path).string()); }

  private:
    fs::path dir_;
    DiskFiles disk_;
};

class Golden : public ::testing::TestWithParam<std::string> {};

// The real pipeline, up to the LaTeX: compile() without the engine.
TEST_P(Golden, EmitsExpectedTex) {
    const fs::path dir = fs::path(CVTEX_GOLDEN_DIR) / GetParam();
    CaseFiles files(dir);
    Sources sources(files);
    DiagnosticSink sink;
    CompileOptions options;
    options.input = "input.toml";
    options.run_engine = false;
    options.today = Date{2026, 1, 1};
    NoEngine engine;
    const CompileResult result = compile(options, sources, engine, sink);
    ASSERT_FALSE(sink.has_errors()) << "the input of a golden case must be valid";
    ASSERT_NE(result.output("latex"), nullptr);
    const std::string& tex = result.output("latex")->bytes;
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

// The other writers, from the same pipeline.
TEST_P(Golden, EmitsExpectedFormats) {
    const fs::path dir = fs::path(CVTEX_GOLDEN_DIR) / GetParam();
    const std::vector<std::pair<std::string, std::string>> formats{
        {"markdown", "expected.md"},
        {"text", "expected.txt"},
        {"html", "expected.html"},
        {"json-resume", "expected.json"}};
    const char* update = std::getenv("CVTEX_UPDATE_GOLDEN");
    for (const auto& [writer, file] : formats) {
        CaseFiles files(dir);
        Sources sources(files);
        DiagnosticSink sink;
        CompileOptions options;
        options.input = "input.toml";
        options.run_engine = false;
        options.latex = false;
        options.formats = {writer};
        options.today = Date{2026, 1, 1};
        NoEngine engine;
        const CompileResult result = compile(options, sources, engine, sink);
        // JSON Resume holds only CVs.
        if (writer == "json-resume" && result.document && !result.document->cv()) continue;
        ASSERT_FALSE(sink.has_errors()) << writer;
        ASSERT_NE(result.output(writer), nullptr);
        const std::string& text = result.output(writer)->bytes;
        const fs::path expected_path = dir / file;
        if (update && std::string(update) == "1") {
            ASSERT_EQ(write_file_atomic(expected_path.string(), text), "");
            continue;
        }
        const auto expected = read_file(expected_path.string());
        ASSERT_TRUE(expected) << "missing " << expected_path
                              << "; create it with scripts/update-golden";
        EXPECT_EQ(text, *expected) << writer << " output differs from " << expected_path
                                   << "\nIf the change is intended, run: scripts/update-golden";
    }
}

INSTANTIATE_TEST_SUITE_P(Cases, Golden, ::testing::ValuesIn(cases()), [](const auto& test_info) {
    std::string name = test_info.param;
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    return name;
});

}  // namespace
}  // namespace cvtex
