// End-to-end: the starter file of `cvtex new` builds as it is, with no warning.
#include <gtest/gtest.h>

#include "../support/run.hpp"
#include "cvtex/check/schema.hpp"

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
    EXPECT_NE(squeezed.find("Ada Lovelace"), std::string::npos) << squeezed;
    // Every kind of section but raw LaTeX, under its example title.
    for (const auto& k : section_kinds()) {
        if (k.kind == "raw-latex") continue;
        EXPECT_NE(squeezed.find(k.example_title), std::string::npos) << k.example_title << "\nin:\n"
                                                                     << squeezed;
    }
    // Nothing of anyone else's is under the user's name.
    EXPECT_EQ(squeezed.find("example.com"), std::string::npos) << squeezed;
}

}  // namespace
}  // namespace cvtex
