// End-to-end: `cvtex import` of JSON Resume and RenderCV files, then `cvtex build` of the TOML
// with the real engine; JSON Resume's official sample comes from npm at test time.
#include <gtest/gtest.h>

#include <filesystem>

#include "../support/run.hpp"

namespace cvtex {
namespace {

namespace fs = std::filesystem;

const std::string import_dir = std::string(CVTEX_E2E_DIR) + "/../import";

std::string pdf_text(const std::string& pdf) {
    return test::squeeze(test::run({"pdftotext", "-enc", "UTF-8", pdf, "-"}).out);
}

// Imports `input` into `dir`/cv.toml and builds it; the PDF's text. The build has no error
// (its warnings, e.g. dates in the future, belong to the data).
std::string import_and_build(const test::TempDir& tmp, const std::string& input) {
    const std::string toml = tmp / "cv.toml";
    auto made = test::run({CVTEX_BINARY, "-q", "import", input, "-o", toml}, {"NO_COLOR=1"});
    EXPECT_EQ(made.exit_code, 0) << made.err;
    auto built = test::run({CVTEX_BINARY, "build", toml}, {"NO_COLOR=1"});
    EXPECT_EQ(built.exit_code, 0) << built.err;
    EXPECT_EQ(built.err.find("error"), std::string::npos) << built.err;
    return pdf_text(tmp / "cv.pdf");
}

TEST(Import, JsonResumeBuildsToPdf) {
    test::TempDir tmp;
    const std::string text = import_and_build(tmp, import_dir + "/every-section.resume.json");
    for (const char* fact :
         {"Mira Okafor", "Northwind Logistics", "Code Club Leeds", "University of York",
          "Data Team of the Year", "Certified Kubernetes Administrator", "Boring Pipelines",
          "Scala", "Conversational", "audax", "Mira is the engineer I call first.", "tidy-events",
          "cost $0 at rest", "Data Engineer *and* [occasional]"})
        EXPECT_NE(text.find(fact), std::string::npos) << fact << "\nin:\n" << text;
}

TEST(Import, RenderCvBuildsToPdf) {
    test::TempDir tmp;
    const std::string text = import_and_build(tmp, import_dir + "/every-entry-type.rendercv.yaml");
    for (const char* fact :
         {"Tomás Ferreira", "University of Porto", "Vinha Robotics", "grape-sense",
          "Soft Grippers for Delicate Fruit", "Best Demo, ROS World 2022", "Robots in the vineyard",
          "Gripper with adaptive fingers", "Budgets from $10k to $2M.", "Book a call"})
        EXPECT_NE(text.find(fact), std::string::npos) << fact << "\nin:\n" << text;
}

// JSON Resume's own sample, from the npm package of its schema: imported and built.
TEST(Import, TheOfficialJsonResumeSampleBuilds) {
    if (test::run({"sh", "-c", "command -v npm"}).exit_code != 0)
        GTEST_SKIP() << "npm is not installed: the JSON Resume sample comes from npm";
    test::TempDir tmp;
    auto packed =
        test::run({"sh", "-c",
                   "cd '" + tmp.path().string() +
                       "' && timeout 120 npm pack --silent @jsonresume/schema@1 && tar xzf "
                       "jsonresume-schema-*.tgz"});
    const std::string sample = tmp / "package/sample.resume.json";
    if (packed.exit_code != 0 || !fs::exists(sample))
        GTEST_SKIP() << "npm could not fetch @jsonresume/schema: " << packed.err;
    const std::string text = import_and_build(tmp, sample);
    EXPECT_NE(text.find("Richard Hendriks"), std::string::npos) << text;
    EXPECT_NE(text.find("Pied Piper"), std::string::npos) << text;
}

}  // namespace
}  // namespace cvtex
