// Unit tests for reading input files from the disk: limits and the reasons a read fails.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "../support/run.hpp"
#include "cvtex/base/files.hpp"
#include "cvtex/base/source.hpp"

namespace cvtex {
namespace {

namespace fs = std::filesystem;

// `cvtex check /dev/zero` read until memory ran out (issue 14, item 3).
TEST(DiskFiles, AnEndlessFileStopsAtTheLimit) {
    DiskFiles files;
    const FileRead r = files.read("/dev/zero");
    EXPECT_EQ(r.status, FileRead::Status::too_large);
    EXPECT_TRUE(r.bytes.empty());
    EXPECT_EQ(describe_failure(r), "is larger than 64 MiB, the limit for an input file");
}

TEST(DiskFiles, AFileOverTheLimitIsNotReadAndOneAtItIs) {
    test::TempDir tmp;
    const std::string big = tmp / "big.toml";
    test::write(big, "");
    fs::resize_file(big, max_input_bytes + 1);  // sparse: no disk space, no time
    DiskFiles files;
    EXPECT_EQ(files.read(big).status, FileRead::Status::too_large);
    fs::resize_file(big, max_input_bytes);
    const FileRead r = files.read(big);
    EXPECT_EQ(r.status, FileRead::Status::ok);
    EXPECT_EQ(r.bytes.size(), max_input_bytes);
}

// A symlink loop said "no such file" (issue 14, item 11).
TEST(DiskFiles, ASymlinkLoopIsUnreadableWithItsReason) {
    test::TempDir tmp;
    fs::create_symlink(tmp / "b.toml", tmp / "a.toml");
    fs::create_symlink(tmp / "a.toml", tmp / "b.toml");
    DiskFiles files;
    const FileRead r = files.read(tmp / "a.toml");
    EXPECT_EQ(r.status, FileRead::Status::unreadable);
    EXPECT_EQ(describe_failure(r), "too many levels of symbolic links");
    Sources sources(files);
    DiagnosticSink sink;
    EXPECT_EQ(read_source(tmp / "a.toml", sources, sink), nullptr);
    ASSERT_EQ(sink.all().size(), 1u);
    EXPECT_EQ(sink.all()[0].code, "file-unreadable");
    EXPECT_EQ(sink.all()[0].message, "cannot be read: too many levels of symbolic links");
}

// A file in a directory one may not search said "no such file" (issue 14, item 11).
TEST(DiskFiles, AFileInADirectoryWithoutPermissionIsUnreadable) {
    if (geteuid() == 0) GTEST_SKIP() << "root may read any directory";
    test::TempDir tmp;
    fs::create_directories(tmp.path() / "private");
    test::write(tmp / "private/cv.toml", "[person]\n");
    chmod((tmp / "private").c_str(), 0);
    DiskFiles files;
    const FileRead r = files.read(tmp / "private/cv.toml");
    chmod((tmp / "private").c_str(), 0700);
    EXPECT_EQ(r.status, FileRead::Status::unreadable);
    EXPECT_EQ(describe_failure(r), "permission denied");
}

TEST(DiskFiles, MissingFilesAndDirectoriesKeepTheirStatus) {
    test::TempDir tmp;
    DiskFiles files;
    EXPECT_EQ(files.read(tmp / "none.toml").status, FileRead::Status::not_found);
    EXPECT_EQ(files.read(tmp / "none/cv.toml").status, FileRead::Status::not_found);
    EXPECT_EQ(files.read(tmp.path().string()).status, FileRead::Status::is_directory);
    EXPECT_EQ(cannot_read("'x.bib'", files.read(tmp / "none.bib")),
              "cannot read 'x.bib': there is no such file");
    EXPECT_EQ(cannot_read("'x.bib'", files.read("/dev/zero")),
              "cannot read 'x.bib': is larger than 64 MiB, the limit for an input file");
}

}  // namespace
}  // namespace cvtex
