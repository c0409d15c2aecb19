// End-to-end tests of the engine driver: the real cvtex binary and the real TeX engines.
// Tests for xelatex and lualatex skip when the engine is not installed.
#include <gtest/gtest.h>

#include <filesystem>

#include "../support/run.hpp"
#include "cvtex/engine/engine.hpp"

namespace cvtex {
namespace {

namespace fs = std::filesystem;

const char* const minimal = "[person]\nname = \"Ada Lovelace\"\nheadline = \"Analyst\"\n";

std::string raw_section(const std::string& latex) {
    return std::string(minimal) + "\n[[section]]\ntitle = \"Raw\"\nkind = \"raw-latex\"\n" +
           "raw_latex = '''\n" + latex + "\n'''\n";
}

// Runs cvtex with TMPDIR inside `dir`, so that build directories kept after a failure go away
// with the test.
test::Result cvtex(const test::TempDir& dir, std::vector<std::string> args,
                   std::vector<std::string> env = {}) {
    fs::create_directories(dir / "tmp");
    args.insert(args.begin(), CVTEX_BINARY);
    env.push_back("TMPDIR=" + (dir / "tmp"));
    env.push_back("NO_COLOR=1");
    return test::run(args, env);
}

std::string pdftotext(const std::string& pdf) {
    return test::squeeze(test::run({"pdftotext", "-enc", "UTF-8", pdf, "-"}).out);
}

bool installed(const std::string& engine) {
    return !find_in_path(engine).empty();
}

TEST(Engine, AFailedBuildLeavesThePreviousPdfByteIdentical) {
    test::TempDir dir;
    test::write(dir / "cv.toml", minimal);
    ASSERT_EQ(cvtex(dir, {"build", dir / "cv.toml"}).exit_code, 0);
    const std::string before = test::slurp(dir / "cv.pdf");
    ASSERT_TRUE(before.starts_with("%PDF"));

    test::write(dir / "cv.toml", raw_section("Fine.\n\\foo{bar}"));
    const auto r = cvtex(dir, {"build", dir / "cv.toml"});
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_NE(r.err.find(dir / "cv.toml" +
                         ":10:1: error: LaTeX: undefined control sequence \\foo in the raw LaTeX "
                         "of this entry\n"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("hint: full log: " + (dir / "tmp/cvtex-")), std::string::npos) << r.err;
    EXPECT_EQ(test::slurp(dir / "cv.pdf"), before);
    // Nothing but the input and the PDF in the user's folder.
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir.path())) names.push_back(e.path().filename());
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{"cv.pdf", "cv.toml", "tmp"}));
}

TEST(Engine, KeepBuildKeepsTheIntermediateFilesThere) {
    test::TempDir dir;
    test::write(dir / "cv.toml", minimal);
    // A cache of its own: a cold one starts a format dump, which also works in TMPDIR.
    const auto r = cvtex(dir, {"build", dir / "cv.toml", "--keep-build", dir / "build"},
                         {"XDG_CACHE_HOME=" + (dir / "cache")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const char* name : {"cv.tex", "cv.log", "cv.aux", "cv.pdf"})
        EXPECT_TRUE(fs::exists(dir.path() / "build" / name)) << name;
    ASSERT_TRUE(test::wait_for_formats(dir / "cache/cvtex/formats"));
    EXPECT_TRUE(fs::is_empty(dir / "tmp")) << "a private build directory was not removed";
}

TEST(Engine, ARunThatLoopsForeverIsStoppedAtTheTimeout) {
    test::TempDir dir;
    test::write(dir / "cv.toml", raw_section("\\def\\x{\\x}\\x"));
    const auto r = cvtex(dir, {"build", dir / "cv.toml", "--timeout", "1.5"});
    EXPECT_EQ(r.exit_code, 5) << r.err;
    EXPECT_NE(r.err.find(dir / "cv.toml" +
                         ": error: pdflatex did not finish within 1.5 s and was stopped\n"
                         "hint: raw LaTeX that loops forever is the usual cause: check the "
                         "raw_latex at line 9\n"),
              std::string::npos)
        << r.err;
    EXPECT_FALSE(fs::exists(dir / "cv.pdf"));
}

TEST(Engine, RawLatexStillCannotRunCommandsOrTouchFilesOutsideTheBuildDirectory) {
    test::TempDir dir;
    const std::pair<std::string, std::string> attempts[] = {
        {"\\immediate\\write18{touch " + (dir / "pwned") + "}", ""},
        {"\\immediate\\openout5=" + (dir / "written.txt") + " \\immediate\\write5{x}",
         "error: LaTeX: I can't write on file `" + (dir / "written.txt") + "' in the raw LaTeX"},
        {"\\input{/etc/passwd}", "error: LaTeX: file `/etc/passwd.tex' not found in the raw LaTeX"},
    };
    for (const auto& [latex, error] : attempts) {
        test::write(dir / "cv.toml", raw_section(latex));
        const auto r = cvtex(dir, {"build", dir / "cv.toml"});
        EXPECT_EQ(r.exit_code, error.empty() ? 0 : 3) << latex << "\n" << r.err;
        if (!error.empty()) {
            EXPECT_NE(r.err.find(error), std::string::npos) << r.err;
        }
    }
    EXPECT_FALSE(fs::exists(dir / "pwned"));
    EXPECT_FALSE(fs::exists(dir / "written.txt"));
}

TEST(Engine, AnotherPassOnlyWhenTheLogAsksForIt) {
    test::TempDir dir;
    test::write(dir / "cv.toml", raw_section("See page~\\pageref{there}.\\label{there}"));
    const auto r = cvtex(dir, {"build", dir / "cv.toml", "--keep-build", dir / "build"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(pdftotext(dir / "cv.pdf").find("See page 1."), std::string::npos);
}

class Reproducible : public ::testing::TestWithParam<std::string> {};

TEST_P(Reproducible, TwoBuildsWithSourceDateEpochAreByteIdentical) {
    if (!installed(GetParam())) GTEST_SKIP() << GetParam() << " is not installed";
    test::TempDir dir;
    test::write(dir / "cv.toml", minimal);
    const std::vector<std::string> env{"SOURCE_DATE_EPOCH=1700000000"};
    for (const char* out : {"a.pdf", "b.pdf"}) {
        const auto r =
            cvtex(dir, {"build", dir / "cv.toml", "--engine", GetParam(), "-o", dir / out}, env);
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    const std::string a = test::slurp(dir / "a.pdf");
    EXPECT_EQ(a, test::slurp(dir / "b.pdf"));
    EXPECT_EQ(a.find("cvtex-"), std::string::npos) << "the build directory's path leaked";
    EXPECT_EQ(a.find(dir.path().string()), std::string::npos) << "a path leaked";
    const auto info = test::run({"pdfinfo", "-isodates", dir / "a.pdf"});
    EXPECT_NE(info.out.find("2023-11-14T22:13:20"), std::string::npos) << info.out;
}

INSTANTIATE_TEST_SUITE_P(Engines, Reproducible,
                         ::testing::Values("pdflatex", "xelatex", "lualatex"));

bool font_installed(const std::string& pattern) {
    return !test::run({"fc-list", pattern, "family"}).out.empty();
}

class UnicodeEngine : public ::testing::TestWithParam<std::string> {};

TEST_P(UnicodeEngine, BuildsTheReferenceCv) {
    if (!installed(GetParam())) GTEST_SKIP() << GetParam() << " is not installed";
    test::TempDir dir;
    const auto r = cvtex(dir, {"build", std::string(CVTEX_EXAMPLES_DIR) + "/cheng-li.toml", "-o",
                               dir / "cv.pdf", "--engine", GetParam()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "cvtex: wrote " + (dir / "cv.pdf") + "\n");
    EXPECT_NE(pdftotext(dir / "cv.pdf").find("Cheng Li"), std::string::npos);
}

TEST_P(UnicodeEngine, PrintsCyrillicAndGreekNames) {
    if (!installed(GetParam())) GTEST_SKIP() << GetParam() << " is not installed";
    if (!font_installed("CMU Serif")) GTEST_SKIP() << "fonts-cmu is not installed";
    test::TempDir dir;
    test::write(dir / "cv.toml",
                "[person]\nname = \"Пётр Чайковский\"\nheadline = \"Ἀριστοτέλης, **Σωκράτης**\"\n");
    const auto r = cvtex(dir, {"build", dir / "cv.toml", "--engine", GetParam()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "cvtex: wrote " + (dir / "cv.pdf") + "\n");
    const std::string text = pdftotext(dir / "cv.pdf");
    EXPECT_NE(text.find("Пётр Чайковский"), std::string::npos) << text;
    EXPECT_NE(text.find("Ἀριστοτέλης, Σωκράτης"), std::string::npos) << text;
}

TEST_P(UnicodeEngine, PrintsCjkNamesWhenACjkFontIsInstalled) {
    if (!installed(GetParam())) GTEST_SKIP() << GetParam() << " is not installed";
    if (!font_installed(":lang=zh")) GTEST_SKIP() << "no CJK font (e.g. fonts-wqy-microhei)";
    test::TempDir dir;
    test::write(dir / "cv.toml", "[person]\nname = \"李成 (Cheng Li)\"\n");
    const auto r = cvtex(dir, {"build", dir / "cv.toml", "--engine", GetParam()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "cvtex: wrote " + (dir / "cv.pdf") + "\n");
    EXPECT_NE(pdftotext(dir / "cv.pdf").find("李成 (Cheng Li)"), std::string::npos);
}

TEST_P(UnicodeEngine, BreaksLongCjkTextBetweenCharactersButNotBeforeClosingPunctuation) {
    if (!installed(GetParam())) GTEST_SKIP() << GetParam() << " is not installed";
    if (!font_installed(":lang=zh")) GTEST_SKIP() << "no CJK font (e.g. fonts-wqy-microhei)";
    test::TempDir dir;
    // Five lines' worth of Chinese without a space: it must break between characters and
    // not stick out into the margin.
    std::string sentence =
        "我们研究大规模语言模型在推荐系统中的应用，提出了一种新的检索增强方法，"
        "并在多个公开数据集上取得了显著的效果提升。";
    std::string text;
    for (int i = 0; i < 5; ++i) text += sentence;
    test::write(dir / "cv.toml",
                "[person]\nname = \"Li\"\n[[section]]\ntitle = \"Summary\"\n"
                "kind = \"text\"\ntext = \"" +
                    text + "\"\n");
    const auto r = cvtex(dir, {"build", dir / "cv.toml", "--engine", GetParam()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "cvtex: wrote " + (dir / "cv.pdf") + "\n");
    const std::string layout = test::run({"pdftotext", "-enc", "UTF-8", dir / "cv.pdf", "-"}).out;
    std::vector<std::string> lines;
    std::string joined;
    for (std::size_t at = 0, nl; at < layout.size(); at = nl + 1) {
        nl = layout.find('\n', at);
        if (nl == std::string::npos) nl = layout.size();
        const std::string line = layout.substr(at, nl - at);
        if (line.starts_with("我") || (!lines.empty() && !line.empty() && (line[0] & 0x80))) {
            lines.push_back(line);
            joined += line;
        }
    }
    EXPECT_GE(lines.size(), 4u) << layout;
    EXPECT_EQ(joined, text) << "characters lost, or spaces added, by the line breaking";
    for (const auto& line : lines)
        for (const char* closing : {"，", "。"})
            EXPECT_FALSE(line.starts_with(closing)) << "a line starts with " << closing;
}

TEST_P(UnicodeEngine, HandWrittenCjkKeepsItsSpacesAndMacros) {
    if (!installed(GetParam())) GTEST_SKIP() << GetParam() << " is not installed";
    if (!font_installed(":lang=zh")) GTEST_SKIP() << "no CJK font (e.g. fonts-wqy-microhei)";
    test::TempDir dir;
    test::write(dir / "cv.toml", raw_section("\\cvparagraph{\\cvscript{cjk}{中文 日本 Hello World} "
                                             "and \\cvscript{cjk}{中\\textbf{文}字}}"));
    const auto r = cvtex(dir, {"build", dir / "cv.toml", "--engine", GetParam()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(pdftotext(dir / "cv.pdf").find("中文 日本 Hello World and 中文字"), std::string::npos)
        << pdftotext(dir / "cv.pdf");
}

TEST_P(UnicodeEngine, AGlyphNoFontHasIsAWarningAtItsField) {
    if (!installed(GetParam())) GTEST_SKIP() << GetParam() << " is not installed";
    test::TempDir dir;
    // Ethiopic: neither Latin Modern nor any fallback of the class has it. The warning
    // points at the field (the value of details, line 9) that holds the text.
    test::write(dir / "cv.toml",
                "[person]\nname = \"Ada\"\n\n[[section]]\ntitle = \"T\"\n"
                "kind = \"oneline\"\n[[section.entry]]\nlabel = \"L\"\n"
                "details = \"ሰላም\"\n");
    const auto r = cvtex(dir, {"build", dir / "cv.toml", "--engine", GetParam()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(
        r.err.find(dir / "cv.toml" + ":9:11: warning: the font has no glyph for 'ሰ' (U+1230), "
                                     "'ላ' (U+120B), 'ም' (U+121D); not printed\n"),
        std::string::npos)
        << r.err;
}

INSTANTIATE_TEST_SUITE_P(Engines, UnicodeEngine, ::testing::Values("xelatex", "lualatex"));

}  // namespace
}  // namespace cvtex
