// Unit tests for atomic output.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cvtex/output.hpp"
#include "cvtex/source.hpp"

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

}  // namespace
}  // namespace cvtex
