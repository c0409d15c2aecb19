// Unit tests for atomic output.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "cvtex/base/output.hpp"
#include "cvtex/base/source.hpp"

namespace cvtex {
namespace {

namespace fs = std::filesystem;

class OutputTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("cvtex-output-test-" + std::to_string(::getpid()));
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    fs::path dir_;
};

TEST_F(OutputTest, WritesAndReplaces) {
    const std::string path = (dir_ / "out.pdf").string();
    EXPECT_EQ(write_file_atomic(path, "one"), "");
    EXPECT_EQ(read_file(path), "one");
    EXPECT_EQ(write_file_atomic(path, "two"), "");
    EXPECT_EQ(read_file(path), "two");
    // No temporary file is left behind.
    EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

TEST_F(OutputTest, RefusesToReplaceADirectory) {
    fs::create_directories(dir_ / "out.pdf");
    EXPECT_NE(write_file_atomic((dir_ / "out.pdf").string(), "x"), "");
    EXPECT_TRUE(fs::is_directory(dir_ / "out.pdf"));
}

TEST_F(OutputTest, FailsCleanlyInAMissingDirectory) {
    EXPECT_NE(write_file_atomic((dir_ / "no" / "out.pdf").string(), "x"), "");
}

TEST_F(OutputTest, ReplacingKeepsTheFileModeAndWritesThroughASymlink) {
    const std::string real = (dir_ / "real.pdf").string();
    ASSERT_EQ(write_file_atomic(real, "one"), "");
    fs::permissions(real, fs::perms::owner_read | fs::perms::owner_write);
    ASSERT_EQ(write_file_atomic(real, "two"), "");
    EXPECT_EQ(fs::status(real).permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write);
    const std::string link = (dir_ / "link.pdf").string();
    fs::create_symlink(real, link);
    ASSERT_EQ(write_file_atomic(link, "three"), "");
    EXPECT_TRUE(fs::is_symlink(link));
    EXPECT_EQ(read_file(real), "three");
}

TEST_F(OutputTest, ANewFileGetsTheModeTheUmaskAllows) {
    const mode_t old = umask(027);
    const std::string path = (dir_ / "new.pdf").string();
    const std::string error = write_file_atomic(path, "one");
    umask(old);
    ASSERT_EQ(error, "");
    EXPECT_EQ(fs::status(path).permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
}

}  // namespace
}  // namespace cvtex
