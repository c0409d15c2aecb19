// End-to-end tests of the format cache: the real pdflatex, a private cache directory.
#include <gtest/gtest.h>

#include <filesystem>

#include "../support/run.hpp"

namespace cvtex {
namespace {

namespace fs = std::filesystem;

class FormatCacheE2E : public ::testing::Test {
protected:
    test::TempDir tmp_;
    std::string cache_home_ = tmp_ / "cache";
    std::string formats_ = tmp_ / "cache/cvtex/formats";

    test::Result build(const std::string& pdf, std::vector<std::string> extra = {}) {
        std::vector<std::string> args{CVTEX_BINARY, "build",
                                      std::string(CVTEX_EXAMPLES_DIR) + "/cheng-li.toml", "-o", pdf};
        args.insert(args.end(), extra.begin(), extra.end());
        return test::run(args, {"XDG_CACHE_HOME=" + cache_home_, "SOURCE_DATE_EPOCH=1767225600"});
    }
    std::vector<fs::path> files(const std::string& ext) const {
        std::vector<fs::path> out;
        if (!fs::exists(formats_)) return out;
        for (const auto& e : fs::directory_iterator(formats_))
            if (e.path().extension() == ext) out.push_back(e.path());
        return out;
    }
};

TEST_F(FormatCacheE2E, FirstBuildFillsTheCacheAndLaterBuildsReuseIt) {
    auto first = build(tmp_ / "a.pdf");
    ASSERT_EQ(first.exit_code, 0) << first.err;
    const auto fmts = files(".fmt");
    ASSERT_EQ(fmts.size(), 1u);
    ASSERT_EQ(files(".deps").size(), 1u);
    const auto stamp = fs::last_write_time(fmts[0]);
    auto second = build(tmp_ / "b.pdf");
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_EQ(fs::last_write_time(fmts[0]), stamp) << "the cached format was rebuilt";
    EXPECT_EQ(test::slurp(tmp_ / "a.pdf"), test::slurp(tmp_ / "b.pdf"));
}

TEST_F(FormatCacheE2E, OutputDoesNotDependOnTheCacheState) {
    // Cold (dumped now), warm (from the cache) and cache-less (dumped in the build directory)
    // builds give the same bytes.
    ASSERT_EQ(build(tmp_ / "cold.pdf").exit_code, 0);
    ASSERT_EQ(build(tmp_ / "warm.pdf").exit_code, 0);
    auto none = test::run({CVTEX_BINARY, "build", std::string(CVTEX_EXAMPLES_DIR) + "/cheng-li.toml",
                           "-o", tmp_ / "none.pdf"},
                          {"XDG_CACHE_HOME=", "HOME=", "SOURCE_DATE_EPOCH=1767225600"});
    ASSERT_EQ(none.exit_code, 0) << none.err;
    EXPECT_EQ(test::slurp(tmp_ / "cold.pdf"), test::slurp(tmp_ / "warm.pdf"));
    EXPECT_EQ(test::slurp(tmp_ / "cold.pdf"), test::slurp(tmp_ / "none.pdf"));
}

TEST_F(FormatCacheE2E, AStaleManifestRebuildsTheFormat) {
    ASSERT_EQ(build(tmp_ / "a.pdf").exit_code, 0);
    const auto deps = files(".deps").at(0);
    // Pretend a package file changed since the format was dumped.
    const std::string manifest = test::slurp(deps.string());
    test::write(deps.string(), "1 1.000000000\t" + std::string(CVTEX_EXAMPLES_DIR) +
                                   "/cheng-li.toml\n" + manifest);
    ASSERT_EQ(build(tmp_ / "b.pdf").exit_code, 0);
    EXPECT_EQ(test::slurp(deps.string()), manifest) << "the manifest was not rewritten";
    EXPECT_EQ(test::slurp(tmp_ / "a.pdf"), test::slurp(tmp_ / "b.pdf"));
}

TEST_F(FormatCacheE2E, ADamagedFormatIsReplacedAndTheBuildSucceeds) {
    ASSERT_EQ(build(tmp_ / "a.pdf").exit_code, 0);
    const auto fmt = files(".fmt").at(0);
    test::write(fmt.string(), test::slurp(fmt.string()).substr(0, 1000));
    auto r = build(tmp_ / "b.pdf");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_GT(fs::file_size(fmt), 1000u);
    EXPECT_EQ(test::slurp(tmp_ / "a.pdf"), test::slurp(tmp_ / "b.pdf"));
}

TEST_F(FormatCacheE2E, NoFormatCacheLeavesTheCacheAlone) {
    auto r = build(tmp_ / "a.pdf", {"--no-format-cache"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(files(".fmt").empty());
}

}  // namespace
}  // namespace cvtex
