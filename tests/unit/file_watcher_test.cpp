// FileWatcher: which changes it reports. inotify queues an event within the system call that
// caused it, so each check reads what is pending right after the change, without waiting.
#include <gtest/gtest.h>

#include <filesystem>

#include "../support/run.hpp"
#include "cvtex/cli/watch.hpp"

namespace cvtex {
namespace {

namespace fs = std::filesystem;

struct Watched {
    test::TempDir dir;
    FileWatcher watcher;
    Watched() {
        test::write(dir / "cv.toml", "a");
        fs::create_directories(dir.path() / "bib");
        test::write(dir / "bib/refs.bib", "a");
        EXPECT_TRUE(watcher.watch({dir / "cv.toml", dir / "bib/refs.bib"}));
        EXPECT_FALSE(watcher.changed());
    }
};

TEST(FileWatcher, SeesAWriteInPlace) {
    Watched w;
    test::write(w.dir / "bib/refs.bib", "b");
    EXPECT_TRUE(w.watcher.changed());
    EXPECT_FALSE(w.watcher.changed()) << "the events were read";
}

TEST(FileWatcher, SeesAFileReplacedByARename) {
    Watched w;
    test::write(w.dir / ".cv.toml.swp", "b");
    EXPECT_FALSE(w.watcher.changed()) << "another file of the directory";
    fs::rename(w.dir / ".cv.toml.swp", w.dir / "cv.toml");
    EXPECT_TRUE(w.watcher.changed());
    // Still followed after the rename (an inotify watch on the file itself would be gone).
    test::write(w.dir / "cv.toml", "c");
    EXPECT_TRUE(w.watcher.changed());
}

// Watch mode builds 2 ms after a settled change and 100 ms after any other.
TEST(FileWatcher, ASaveOrARenameIntoPlaceIsSettledADeleteOrAMoveAwayIsNot) {
    Watched w;
    test::write(w.dir / "cv.toml", "b");  // written and closed
    ASSERT_TRUE(w.watcher.changed());
    EXPECT_TRUE(w.watcher.settled());
    fs::rename(w.dir / "cv.toml", w.dir / "cv.toml~");  // vim's backup: the file is gone
    ASSERT_TRUE(w.watcher.changed());
    EXPECT_FALSE(w.watcher.settled());
    test::write(w.dir / ".new", "c");
    fs::rename(w.dir / ".new", w.dir / "cv.toml");  // renamed into place
    ASSERT_TRUE(w.watcher.changed());
    EXPECT_TRUE(w.watcher.settled());
    fs::remove(w.dir / "cv.toml");
    ASSERT_TRUE(w.watcher.changed());
    EXPECT_FALSE(w.watcher.settled());
}

TEST(FileWatcher, SeesADeleteAndTheFileComingBack) {
    Watched w;
    fs::remove(w.dir / "cv.toml");
    EXPECT_TRUE(w.watcher.changed());
    test::write(w.dir / "cv.toml", "d");
    EXPECT_TRUE(w.watcher.changed());
}

TEST(FileWatcher, IgnoresOtherFilesAndFilesNoLongerFollowed) {
    Watched w;
    test::write(w.dir / "cv.pdf", "%PDF");
    EXPECT_FALSE(w.watcher.changed());
    ASSERT_TRUE(w.watcher.watch({w.dir / "cv.toml"}));  // the .bib is no longer read
    EXPECT_FALSE(w.watcher.changed()) << "dropping a directory is no change";
    test::write(w.dir / "bib/refs.bib", "b");
    EXPECT_FALSE(w.watcher.changed());
    test::write(w.dir / "cv.toml", "b");
    EXPECT_TRUE(w.watcher.changed());
}

TEST(FileWatcher, ARelativePathIsInTheCurrentDirectory) {
    test::TempDir dir;
    const fs::path previous = fs::current_path();
    fs::current_path(dir.path());
    test::write("cv.toml", "a");
    FileWatcher watcher;
    EXPECT_TRUE(watcher.watch({"cv.toml"}));
    test::write("cv.toml", "b");
    EXPECT_TRUE(watcher.changed());
    fs::current_path(previous);
}

}  // namespace
}  // namespace cvtex
