// Unit tests for the format cache (no TeX needed: formats and recorder files are faked).
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "cvtex/format_cache.hpp"
#include "../support/run.hpp"

namespace cvtex {
namespace {

namespace fs = std::filesystem;

TEST(StableHash, KnownValues) {
    EXPECT_EQ(stable_hash(""), "cbf29ce484222325");
    EXPECT_EQ(stable_hash("a"), "af63dc4c8601ec8c");
}

TEST(FormatCacheKey, DependsOnEngineClassAndOptions) {
    const std::string bin = "/bin/sh";
    const auto k = FormatCache::key("pdflatex", bin, "class", "\\documentclass{cvtex}");
    EXPECT_EQ(k, FormatCache::key("pdflatex", bin, "class", "\\documentclass{cvtex}"));
    EXPECT_NE(k, FormatCache::key("xelatex", bin, "class", "\\documentclass{cvtex}"));
    EXPECT_NE(k, FormatCache::key("pdflatex", bin, "class2", "\\documentclass{cvtex}"));
    EXPECT_NE(k, FormatCache::key("pdflatex", bin, "class", "\\documentclass[paper=a4]{cvtex}"));
}

class FormatCacheTest : public ::testing::Test {
protected:
    test::TempDir tmp_;
    std::string dep_ = tmp_ / "dep.sty";
    std::string build_ = tmp_ / "build";
    FormatCache cache_{tmp_ / "cache"};

    void SetUp() override {
        fs::create_directories(build_);
        test::write(dep_, "one");
        test::write(build_ + "/cvtex.fmt", "FORMAT");
    }
    std::string fls() const {
        return "PWD " + build_ + "\nINPUT " + dep_ + "\nINPUT " + build_ + "/cv.tex\nOUTPUT x\n";
    }
};

TEST_F(FormatCacheTest, StoreThenLookup) {
    EXPECT_FALSE(cache_.lookup("k"));
    ASSERT_TRUE(cache_.store("k", build_ + "/cvtex.fmt", fls(), build_));
    auto found = cache_.lookup("k");
    ASSERT_TRUE(found);
    EXPECT_EQ(test::slurp(*found), "FORMAT");
    // Only files outside the build directory are in the manifest.
    const std::string manifest = test::slurp(cache_.dir() + "/cvtex-k.deps");
    EXPECT_NE(manifest.find(dep_), std::string::npos);
    EXPECT_EQ(manifest.find("cv.tex"), std::string::npos);
}

TEST_F(FormatCacheTest, ChangedInputInvalidatesAndRemoves) {
    ASSERT_TRUE(cache_.store("k", build_ + "/cvtex.fmt", fls(), build_));
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    test::write(dep_, "changed");
    EXPECT_FALSE(cache_.lookup("k"));
    EXPECT_FALSE(fs::exists(cache_.dir() + "/cvtex-k.fmt"));
}

TEST_F(FormatCacheTest, RefusesAnEmptyManifest) {
    EXPECT_FALSE(cache_.store("k", build_ + "/cvtex.fmt", "PWD /x\n", build_));
    EXPECT_FALSE(cache_.lookup("k"));
}

}  // namespace
}  // namespace cvtex
