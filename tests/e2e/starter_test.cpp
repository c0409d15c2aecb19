// End-to-end: the starter file of `cvtex new` builds as it is, with no warning.
#include <gtest/gtest.h>

#include "../support/run.hpp"

namespace cvtex {
namespace {

TEST(Starter, BuildsWithTheRealEngineWithoutWarnings) {
    test::TempDir tmp;
    const std::string cv = tmp / "cv.toml";
    auto made = test::run({CVTEX_BINARY, "new", "Ada Lovelace", "-o", cv});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    auto built = test::run({CVTEX_BINARY, "--warnings-as-errors", "build", cv}, {"NO_COLOR=1"});
    EXPECT_EQ(built.exit_code, 0) << built.err;
    EXPECT_EQ(built.err, "cvtex: wrote " + tmp / "cv.pdf" + "\n");
    auto text = test::run({"pdftotext", "-enc", "UTF-8", tmp / "cv.pdf", "-"});
    const std::string squeezed = test::squeeze(text.out);
    for (const char* expected : {"Ada Lovelace", "Background", "Education", "Work Experience",
                                 "Selected Publications", "Skills", "Personal", "Awards"})
        EXPECT_NE(squeezed.find(expected), std::string::npos) << expected << "\nin:\n" << squeezed;
}

}  // namespace
}  // namespace cvtex
