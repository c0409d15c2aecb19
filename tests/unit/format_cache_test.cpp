// Unit tests for the format cache (no TeX needed: formats and recorder files are faked).
#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <thread>

#include "../support/run.hpp"
#include "cvtex/engine/format_cache.hpp"

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
        fs::create_directories(cache_.dir());
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

TEST_F(FormatCacheTest, DoesNotRecreateADeletedCacheDirectory) {
    // A dump that finishes after the cache directory was deleted leaves nothing behind.
    fs::remove_all(cache_.dir());
    EXPECT_FALSE(cache_.store("k", build_ + "/cvtex.fmt", fls(), build_));
    EXPECT_FALSE(fs::exists(cache_.dir()));
}

TEST_F(FormatCacheTest, ReplacesLinksInTheCacheInsteadOfWritingThroughThem) {
    // Someone who could write to the cache directory planted links to a file of the user's.
    const std::string victim = tmp_ / "victim.txt";
    test::write(victim, "precious");
    fs::create_symlink(victim, cache_.dir() + "/cvtex-k.deps");
    fs::create_symlink(victim, cache_.dir() + "/cvtex-k.fmt");
    ASSERT_TRUE(cache_.store("k", build_ + "/cvtex.fmt", fls(), build_));
    EXPECT_EQ(test::slurp(victim), "precious");
    EXPECT_FALSE(fs::is_symlink(cache_.dir() + "/cvtex-k.fmt"));
    EXPECT_EQ(test::slurp(cache_.dir() + "/cvtex-k.fmt"), "FORMAT");
}

TEST_F(FormatCacheTest, RefusesInputsThatChangedDuringTheDump) {
    const std::time_t started = std::time(nullptr) - 60;
    EXPECT_FALSE(cache_.store("k", build_ + "/cvtex.fmt", fls(), build_, started));
    EXPECT_FALSE(cache_.lookup("k"));
    fs::last_write_time(dep_, fs::file_time_type::clock::now() - std::chrono::hours(2));
    EXPECT_TRUE(cache_.store("k", build_ + "/cvtex.fmt", fls(), build_, started));
}

TEST_F(FormatCacheTest, RefusesAnEmptyManifest) {
    EXPECT_FALSE(cache_.store("k", build_ + "/cvtex.fmt", "PWD /x\n", build_));
    EXPECT_FALSE(cache_.lookup("k"));
}

// Entries with manifests dated `age` hours ago, for the pruning tests.
class FormatCachePruneTest : public FormatCacheTest {
  protected:
    void add(const std::string& key, int hours_ago) {
        ASSERT_TRUE(cache_.store(key, build_ + "/cvtex.fmt", fls(), build_));
        set_age(cache_.dir() + "/cvtex-" + key + ".deps", hours_ago);
        set_age(cache_.dir() + "/cvtex-" + key + ".fmt", hours_ago);
    }
    static void set_age(const std::string& path, int hours_ago) {
        fs::last_write_time(path, fs::file_time_type::clock::now() - std::chrono::hours(hours_ago));
    }
    bool has(const std::string& key) const {
        return fs::exists(cache_.dir() + "/cvtex-" + key + ".fmt") &&
               fs::exists(cache_.dir() + "/cvtex-" + key + ".deps");
    }
    std::size_t count(const std::string& ext) const {
        std::size_t n = 0;
        for (const auto& e : fs::directory_iterator(cache_.dir())) n += e.path().extension() == ext;
        return n;
    }
};

TEST_F(FormatCachePruneTest, StoreKeepsAtMostMaxEntriesDroppingTheLeastRecentlyUsed) {
    // Stored oldest first: k0 was last used 20 hours ago, k9 one hour ago.
    for (int i = 0; i < 10; ++i) add("k" + std::to_string(i), 20 - 2 * i);
    EXPECT_EQ(count(".fmt"), FormatCache::max_entries);
    EXPECT_EQ(count(".deps"), FormatCache::max_entries);
    EXPECT_FALSE(has("k0"));
    EXPECT_FALSE(has("k1"));
    for (int i = 2; i < 10; ++i) EXPECT_TRUE(has("k" + std::to_string(i))) << i;
}

TEST_F(FormatCachePruneTest, ALookupCountsAsAUse) {
    add("old", 10);
    add("new", 5);
    ASSERT_TRUE(cache_.lookup("old"));
    EXPECT_EQ(cache_.prune(1, "other"), 1u);
    EXPECT_TRUE(has("old"));
    EXPECT_FALSE(has("new"));
}

TEST_F(FormatCachePruneTest, NeverRemovesTheCurrentEntry) {
    add("a", 30);
    add("b", 2);
    add("c", 1);
    EXPECT_EQ(cache_.prune(1, "a"), 2u);
    EXPECT_TRUE(has("a"));
    EXPECT_FALSE(has("b"));
    EXPECT_FALSE(has("c"));
}

TEST_F(FormatCachePruneTest, RemovesOnlyDayOldLeftoversAndNothingElse) {
    add("a", 1);
    const std::string dir = cache_.dir();
    test::write(dir + "/notes.txt", "mine");                // not cvtex's
    test::write(dir + "/cvtex-orphan.fmt", "F");            // a store still writing
    test::write(dir + "/cvtex-stale.fmt", "F");             // an interrupted store
    test::write(dir + "/.cvtex-x.fmt.Ab12Cd", "partial");   // a fresh temporary file
    test::write(dir + "/.cvtex-y.deps.Ef34Gh", "partial");  // an old temporary file
    test::write(dir + "/cvtex-z.lock", "");                 // a dump that was killed
    test::write(dir + "/cvtex-w.lock", "");                 // a dump running now
    test::write(dir + "/cvtex-v.failed", "");               // an old failed dump
    test::write(dir + "/cvtex-u.deps", "1 1\t/x\n");        // a manifest whose format is gone
    set_age(dir + "/notes.txt", 100);
    set_age(dir + "/cvtex-stale.fmt", 25);
    set_age(dir + "/.cvtex-y.deps.Ef34Gh", 25);
    set_age(dir + "/cvtex-z.lock", 25);
    set_age(dir + "/cvtex-v.failed", 25);
    EXPECT_EQ(cache_.prune(FormatCache::max_entries, "a"), 0u);
    EXPECT_TRUE(fs::exists(dir + "/notes.txt"));
    EXPECT_TRUE(fs::exists(dir + "/cvtex-orphan.fmt"));
    EXPECT_TRUE(fs::exists(dir + "/.cvtex-x.fmt.Ab12Cd"));
    EXPECT_FALSE(fs::exists(dir + "/cvtex-stale.fmt"));
    EXPECT_FALSE(fs::exists(dir + "/.cvtex-y.deps.Ef34Gh"));
    EXPECT_FALSE(fs::exists(dir + "/cvtex-z.lock"));
    EXPECT_TRUE(fs::exists(dir + "/cvtex-w.lock"));
    EXPECT_FALSE(fs::exists(dir + "/cvtex-v.failed"));
    EXPECT_FALSE(fs::exists(dir + "/cvtex-u.deps"));
    EXPECT_TRUE(has("a"));
}

}  // namespace
}  // namespace cvtex
