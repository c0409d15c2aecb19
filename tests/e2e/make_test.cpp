// Make and CI integration end to end, with the real engine: no-op rebuilds, -v, depfiles
// read by real make.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>

#include "../support/run.hpp"
#include "cvtex/engine/engine.hpp"

namespace cvtex {
namespace {

namespace fs = std::filesystem;

std::string examples(const std::string& name) {
    return std::string(CVTEX_EXAMPLES_DIR) + "/" + name;
}

struct Times {
    ino_t inode;
    std::int64_t mtime_ns;
};
Times times_of(const std::string& path) {
    struct stat st {};
    stat(path.c_str(), &st);
    return {st.st_ino, st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec};
}

TEST(NoOpRebuildE2E, ASecondBuildLeavesThePdfAloneAndVerboseCountsPages) {
    test::TempDir tmp;
    const std::vector<std::string> env{"XDG_CACHE_HOME=" + (tmp / "cache")};
    const std::string pdf = tmp / "cv.pdf";
    auto r = test::run({CVTEX_BINARY, "build", examples("cheng-li.toml"), "-o", pdf, "-v"}, env);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(r.err.starts_with("cvtex: wrote " + pdf + " (3 pages, ")) << r.err;
    const Times before = times_of(pdf);
    r = test::run({CVTEX_BINARY, "build", examples("cheng-li.toml"), "-o", pdf, "-v"}, env);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(r.err.starts_with("cvtex: " + pdf + " is up to date (3 pages, ")) << r.err;
    const Times after = times_of(pdf);
    EXPECT_EQ(after.inode, before.inode);
    EXPECT_EQ(after.mtime_ns, before.mtime_ns);
    r = test::run({CVTEX_BINARY, "build", examples("cheng-li.toml"), "-o", pdf, "--force"}, env);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "cvtex: wrote " + pdf + "\n");
    EXPECT_NE(times_of(pdf).inode, before.inode);
}

}  // namespace
}  // namespace cvtex
