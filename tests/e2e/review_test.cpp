// End-to-end tests of the findings of the second adversarial review (issue 14): --keep-build
// and planted links, a full TMPDIR, long names in PDF strings, LuaTeX's guillemets,
// reproducibility across file names, bidirectional controls, and synced outputs. The process
// cases (signals, crashes, a killed cvtex) are in process_test.cpp.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <regex>

#include "../support/run.hpp"
#include "cvtex/engine/engine.hpp"

namespace cvtex {
namespace {

namespace fs = std::filesystem;

const char* const ada = "[person]\nname = \"Ada Lovelace\"\n";

test::Result build(const std::vector<std::string>& extra,
                   const std::vector<std::string>& env = {}) {
    std::vector<std::string> args{CVTEX_BINARY, "build"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.emplace_back("--no-format-cache");
    return test::run(args, env);
}

std::string pdftotext(const std::string& pdf) {
    return test::run({"pdftotext", "-enc", "UTF-8", pdf, "-"}).out;
}

// Item 1: a --keep-build directory that cvtex accepted held a link to another file; the log
// was written through it, replacing that file and giving it the log's mode.
TEST(Review, KeepBuildNeverWritesThroughAPlantedSymlink) {
    test::TempDir tmp;
    test::write(tmp / "cv.toml", ada);
    fs::create_directories(tmp.path() / "kept");
    test::write(tmp / "kept/.cvtex-keep-build", "Build files kept by cvtex --keep-build.\n");
    test::write(tmp / "secret", "secret\n");
    chmod((tmp / "secret").c_str(), 0600);
    fs::create_symlink(tmp / "secret", tmp / "kept/cv.log");
    const auto r = build({tmp / "cv.toml", "--keep-build", tmp / "kept"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(test::slurp(tmp / "secret"), "secret\n");
    EXPECT_EQ(fs::status(tmp / "secret").permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write);
    EXPECT_FALSE(fs::is_symlink(tmp / "kept/cv.log"));
    EXPECT_NE(test::slurp(tmp / "kept/cv.log").find("Output written on cv.pdf"), std::string::npos);
}

// Item 1: the marker that makes a directory reusable was accepted through a symlink, and
// written through it.
TEST(Review, KeepBuildRefusesAMarkerThatIsASymlink) {
    test::TempDir tmp;
    test::write(tmp / "cv.toml", ada);
    fs::create_directories(tmp.path() / "kept");
    test::write(tmp / "secret", "secret\n");
    fs::create_symlink(tmp / "secret", tmp / "kept/.cvtex-keep-build");
    const auto r = build({tmp / "cv.toml", "--keep-build", tmp / "kept"});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("--keep-build: is not empty"), std::string::npos) << r.err;
    EXPECT_EQ(test::slurp(tmp / "secret"), "secret\n");
}

// Item 1: a directory another user made (and may change at any time) is refused, marker or not.
TEST(Review, KeepBuildRefusesADirectoryOfAnotherUser) {
    if (geteuid() != 0) GTEST_SKIP() << "making a directory of another user needs root";
    test::TempDir tmp;
    test::write(tmp / "cv.toml", ada);
    fs::create_directories(tmp.path() / "kept");
    test::write(tmp / "kept/.cvtex-keep-build", "Build files kept by cvtex --keep-build.\n");
    ASSERT_EQ(chown((tmp / "kept").c_str(), 65534, 65534), 0);
    const auto r = build({tmp / "cv.toml", "--keep-build", tmp / "kept"});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("--keep-build: belongs to another user"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(tmp / "kept/cv.log"));
}

// Item 7: a full TMPDIR said "pdflatex exited with status 1" (exit 3), without the log. A
// small tmpfs in a user and mount namespace of its own stands for it.
TEST(Review, AFullTmpdirSaysSoWithExit6AndTheKeptLog) {
    if (test::run({"unshare", "-rm", "true"}).exit_code != 0)
        GTEST_SKIP() << "no user and mount namespaces here (unshare -rm)";
    test::TempDir tmp;
    test::write(tmp / "cv.toml", ada);
    fs::create_directories(tmp.path() / "full");
    const std::string script =
        "mount -t tmpfs -o size=40k tmpfs \"$1\" && TMPDIR=\"$1\" exec \"$2\" "
        "build \"$3\" -o \"$4\" --no-format-cache";
    const auto r = test::run({"unshare", "-rm", "sh", "-c", script, "sh", tmp / "full",
                              CVTEX_BINARY, tmp / "cv.toml", tmp / "cv.pdf"});
    EXPECT_EQ(r.exit_code, 6) << r.err;
    EXPECT_NE(r.err.find("error: pdflatex failed: no space left in " + (tmp / "full")),
              std::string::npos)
        << r.err;
    EXPECT_TRUE(std::regex_search(
        r.err, std::regex("hint: full log: " + (tmp / "full") + "/cvtex-[A-Za-z0-9]{6}/cv.log\n")))
        << r.err;
    EXPECT_FALSE(fs::exists(tmp / "cv.pdf"));
}

// Item 5: hyperref's PDF strings took time quadratic in their length: a 10,000-character name
// took 26 s, one of 16,000 ran past the timeout. Now the PDF title gets a shortened name.
TEST(Review, AVeryLongNameAndTitleBuildWellWithinTheTimeout) {
    test::TempDir tmp;
    std::string name = "Ada";
    while (name.size() < 16000) name += " Augusta";
    const std::string title = std::string(16000, 'T');
    test::write(tmp / "cv.toml", "[person]\nname = \"" + name + "\"\n[[section]]\ntitle = \"" +
                                     title + "\"\nkind = \"text\"\ntext = \"x\"\n");
    const auto r = build({tmp / "cv.toml", "--timeout", "40"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string info = test::run({"pdfinfo", tmp / "cv.pdf"}).out;
    const auto title_at = info.find("Title:");
    ASSERT_NE(title_at, std::string::npos) << info;
    const std::string pdf_title = info.substr(title_at, info.find('\n', title_at) - title_at);
    EXPECT_LT(pdf_title.size(), 260u) << pdf_title;
    EXPECT_NE(pdf_title.find("Ada Augusta Augusta"), std::string::npos) << pdf_title;
}

// Item 5 under every theme: each section style sets the bookmark of \cvsection's short form
// (a style that bookmarked the whole title ran past the timeout).
TEST(Review, EveryThemeBookmarksALongSectionTitleInItsShortForm) {
    const std::string title = std::string(16000, 'T');
    for (const char* theme : {"classic", "moderncv", "engineering", "academic", "sidebar"}) {
        test::TempDir tmp;
        test::write(tmp / "cv.toml",
                    std::string("[person]\nname = \"Ada\"\n[settings]\ntheme = \"") + theme +
                        "\"\n[[section]]\ntitle = \"" + title +
                        "\"\nkind = \"text\"\ntext = \"x\"\n");
        const auto r = build({tmp / "cv.toml", "--timeout", "20", "--no-format-cache"});
        EXPECT_EQ(r.exit_code, 0) << theme << ": " << r.err;
    }
}

// Item 6: LuaTeX's TeX ligatures printed A<<B>>C as "A«B»C"; the escaper breaks them as it
// breaks "--". In the PDF title too.
TEST(Review, LualatexPrintsDoubleAngleBracketsAsTyped) {
    if (find_in_path("lualatex").empty()) GTEST_SKIP() << "lualatex is not installed";
    test::TempDir tmp;
    test::write(tmp / "cv.toml",
                "[person]\nname = \"A<<B>>C\"\n[[section]]\ntitle = \"T\"\nkind = \"text\"\n"
                "text = \"x<<y>>z <<<w>>>\"\n");
    const auto r = build({tmp / "cv.toml", "--engine", "lualatex"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err.find("warning"), std::string::npos) << r.err;
    const std::string text = test::squeeze(pdftotext(tmp / "cv.pdf"));
    EXPECT_NE(text.find("A<<B>>C"), std::string::npos) << text;
    EXPECT_NE(text.find("x<<y>>z <<<w>>>"), std::string::npos) << text;
    EXPECT_EQ(text.find("\u00AB"), std::string::npos) << text;
    const std::string info = test::run({"pdfinfo", tmp / "cv.pdf"}).out;
    EXPECT_NE(info.find("Title:           A<<B>>C \u2013 CV\n"), std::string::npos) << info;
}

// Item 13: the file name was in the .tex (its markers), so the same CV saved under two names
// gave PDFs with different /IDs. The PDF depends on the content only.
TEST(Review, TheSameCvUnderTwoNamesGivesTheSamePdf) {
    test::TempDir tmp;
    const std::string cv =
        "[person]\nname = \"Ada Lovelace\"\n[[section]]\ntitle = \"About\"\n"
        "kind = \"text\"\ntext = \"Analyst.\"\n";
    test::write(tmp / "ada.toml", cv);
    test::write(tmp / "lovelace-cv.toml", cv);
    const std::vector<std::string> env{"SOURCE_DATE_EPOCH=1767225600"};
    ASSERT_EQ(build({tmp / "ada.toml"}, env).exit_code, 0);
    ASSERT_EQ(build({tmp / "lovelace-cv.toml"}, env).exit_code, 0);
    const std::string a = test::slurp(tmp / "ada.pdf");
    ASSERT_FALSE(a.empty());
    EXPECT_TRUE(a == test::slurp(tmp / "lovelace-cv.pdf")) << "the PDFs differ";
}

// Item 15: under xelatex a right-to-left override reordered the PDF's text while the warning
// said it was not printed. It is left out, and the warning says so.
TEST(Review, ABidiOverrideDoesNotReorderThePdf) {
    if (find_in_path("xelatex").empty()) GTEST_SKIP() << "xelatex is not installed";
    test::TempDir tmp;
    test::write(
        tmp / "cv.toml",
        "[person]\nname = \"Ada Lovelace\"\nheadline = \"Invoice \u202Efdp.exe\u202C ok\"\n");
    const auto r = build({tmp / "cv.toml", "--engine", "xelatex"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("cv.toml:3:12: warning: bidirectional control characters U+202E, "
                         "U+202C left out"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("\\u{202E}"), std::string::npos) << "shown escaped: " << r.err;
    EXPECT_EQ(r.err.find("\u202E"), std::string::npos) << "sent raw to the terminal";
    EXPECT_NE(test::squeeze(pdftotext(tmp / "cv.pdf")).find("Invoice fdp.exe ok"),
              std::string::npos);
}

// Item 16: the PDF was renamed into place without being synced, so a power cut could leave
// an empty file. strace shows the order: the data synced, then the rename, then the directory.
TEST(Review, OutputsAreSyncedBeforeTheRenameAndTheDirectoryAfter) {
    if (find_in_path("strace").empty()) GTEST_SKIP() << "strace is not installed";
    test::TempDir tmp;
    test::write(tmp / "cv.toml", ada);
    const auto r =
        test::run({"strace", "-f", "-e", "trace=openat,fsync,fdatasync,rename,renameat,renameat2",
                   "-o", tmp / "trace", CVTEX_BINARY, "build", tmp / "cv.toml", "--emit", "tex",
                   "--tex", tmp / "cv.tex"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string trace = test::slurp(tmp / "trace");
    // openat(..., ".cv.tex.XXXXXX", ...) = FD, then fsync(FD), then the rename, then fsync of
    // the directory opened before.
    std::smatch temp;
    ASSERT_TRUE(std::regex_search(
        trace, temp, std::regex(R"(openat\(\d+, "\.cv\.tex\.[A-Za-z0-9]{6}".*= (\d+))")))
        << trace;
    const std::string fd = temp[1].str();
    const auto synced = trace.find("fsync(" + fd + ")", temp.position(0));
    const auto renamed = trace.find("rename", temp.position(0));
    ASSERT_NE(synced, std::string::npos) << "the file is not synced:\n" << trace;
    ASSERT_NE(renamed, std::string::npos) << trace;
    EXPECT_LT(synced, renamed) << trace;
    EXPECT_NE(trace.find("fsync(", renamed), std::string::npos)
        << "the directory is not synced after the rename:\n"
        << trace;
    EXPECT_EQ(test::slurp(tmp / "cv.tex").substr(0, 22), "% Generated by cvtex. ");
}

}  // namespace
}  // namespace cvtex
