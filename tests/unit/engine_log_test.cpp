// Unit tests for the TeX log parser (no TeX needed).
#include <gtest/gtest.h>

#include "cvtex/engine/engine.hpp"
#include "cvtex/write/latex_writer.hpp"

namespace cvtex {
namespace {

TEST(ParseTexLog, FileLineErrorWithUndefinedControlSequence) {
    const std::string log =
        "(./cv.tex\n"
        "./cv.tex:42: Undefined control sequence.\n"
        "l.42 \\cvparagraph{\\foo\n"
        "                       \n";
    auto m = parse_tex_log(log);
    ASSERT_EQ(m.size(), 1u);
    EXPECT_EQ(m[0].kind, TexMessage::Kind::error);
    EXPECT_EQ(m[0].file, "cv.tex");
    EXPECT_EQ(m[0].line, 42u);
    EXPECT_EQ(m[0].text, "undefined control sequence \\foo");
}

TEST(FormatFailedToLoad, TheEnginesOwnMessagesOnly) {
    // Messages as pdfTeX 1.40 prints them (texmfmp.c, tex.ch).
    EXPECT_TRUE(format_failed_to_load(
        "This is pdfTeX ...\nI can't find the format file `cvtex-0123456789abcdef.fmt'!\n"));
    EXPECT_TRUE(format_failed_to_load("pdflatex: fatal: Could not undump 1 4-byte item(s)"));
    EXPECT_TRUE(format_failed_to_load("(Fatal format file error; I'm stymied)"));
    EXPECT_TRUE(format_failed_to_load("---! cvtex-x.fmt was written by pdftex\n"));
    // A document error, even one that talks about formats, is not a format failure.
    EXPECT_FALSE(format_failed_to_load("./cv.tex:3: Undefined control sequence.\n"));
    EXPECT_FALSE(format_failed_to_load("I can't find the format file `pdflatex.fmt'!"));
    EXPECT_FALSE(format_failed_to_load("---! something else"));
}

TEST(ParseTexLog, ErrorInTheClass) {
    auto m = parse_tex_log("/usr/share/cvtex/cls/cvtex.cls:10: LaTeX Error: Something.\n");
    ASSERT_EQ(m.size(), 1u);
    EXPECT_EQ(m[0].file, "cvtex.cls");
    EXPECT_EQ(m[0].line, 10u);
    EXPECT_EQ(m[0].text, "something");
}

TEST(ParseTexLog, OverfullBoxesAndWarnings) {
    const std::string log =
        "Overfull \\hbox (12.5pt too wide) in paragraph at lines 30--31\n"
        "LaTeX Warning: Reference `x' on page 1 undefined on input line 7.\n"
        "Missing character: There is no 中 in font lmr10!\n";
    auto m = parse_tex_log(log);
    ASSERT_EQ(m.size(), 3u);
    EXPECT_EQ(m[0].kind, TexMessage::Kind::overfull);
    EXPECT_DOUBLE_EQ(m[0].overfull_pt, 12.5);
    EXPECT_EQ(m[0].line, 30u);
    EXPECT_EQ(m[1].kind, TexMessage::Kind::warning);
    EXPECT_EQ(m[1].line, 7u);
    EXPECT_EQ(m[2].kind, TexMessage::Kind::missing_character);
}

TEST(ParseTexLog, BangErrorTakesItsLineFromTheEmergencyStopThatFollows) {
    const std::string log =
        "! LaTeX Error: File `/etc/passwd.tex' not found.\n"
        "\n"
        "Enter file name: \n"
        "./cv.tex:10: Emergency stop.\n"
        "<read *> \n"
        "l.10 \\input{/etc/passwd}\n"
        "! ==> Fatal error occurred, no output PDF file produced!\n";
    auto m = parse_tex_log(log);
    ASSERT_EQ(m.size(), 1u);
    EXPECT_EQ(m[0].text, "file `/etc/passwd.tex' not found");
    EXPECT_EQ(m[0].file, "cv.tex");
    EXPECT_EQ(m[0].line, 10u);
}

TEST(ParseTexLog, ErrorTextsAreShort) {
    auto m = parse_tex_log(
        "./cv.tex:3: Package hyperref Error: Wrong DVI mode driver option.\n"
        "./cv.tex:4: Class cvtex Error: Unknown contact type `bogus'.\n"
        "./cv.tex:5: TeX capacity exceeded, sorry [main memory size=5000000].\n");
    ASSERT_EQ(m.size(), 3u);
    EXPECT_EQ(m[0].text, "package hyperref: wrong DVI mode driver option");
    EXPECT_EQ(m[1].text, "class cvtex: unknown contact type `bogus'");
    EXPECT_EQ(m[2].text, "TeX capacity exceeded, sorry [main memory size=5000000]");
}

TEST(ParseTexLog, MissingCharacterNamesTheGlyphUnderUnicodeEngines) {
    auto m = parse_tex_log(
        "Missing character: There is no Ж (U+0416) in font [lmroman10-regular]:+tlig;!\n"
        "Missing character: There is no ^^e4 in font lmr10!\n");
    ASSERT_EQ(m.size(), 2u);
    EXPECT_EQ(m[0].character, "Ж");
    EXPECT_EQ(m[1].character, "");
}

TEST(ParseTexLog, OverfullBoxDetectedAtALine) {
    auto m = parse_tex_log("Overfull \\hbox (3.0pt too wide) detected at line 17\n");
    ASSERT_EQ(m.size(), 1u);
    EXPECT_EQ(m[0].line, 17u);
}

TEST(ParseTexLog, RerunDetection) {
    EXPECT_TRUE(log_wants_rerun("LaTeX Warning: Label(s) may have changed. Rerun to get ..."));
    EXPECT_FALSE(log_wants_rerun("Output written on cv.pdf (1 page)."));
}

TEST(SourceLineFor, NearestMarkerAbove) {
    const std::string tex =
        "\\documentclass{cvtex}\n% cv.toml:3\n\\cvname{A}\n% cv.toml:10\nx\ny\n";
    EXPECT_EQ(source_line_for(tex, 1), 0u);
    EXPECT_EQ(source_line_for(tex, 3), 3u);
    EXPECT_EQ(source_line_for(tex, 6), 10u);
}

TEST(FindInPath, FindsShAndNotNonsense) {
    EXPECT_FALSE(find_in_path("sh").empty());
    EXPECT_TRUE(find_in_path("no-such-program-cvtex").empty());
}

TEST(ParseTexLog, UserTextInABoxDisplayIsNotAnError) {
    // An overfull line is shown with its text; text that looks like "file.tex:12: message"
    // must not be taken for a TeX error.
    const std::string log =
        "Overfull \\hbox (3.5pt too wide) in paragraph at lines 20--21\n"
        "[]\\T1/lmr/m/n/10.95 Word Averyverylongword.tex:12: oops and more\n"
        "[]\\T1/lmr/m/n/10.95 see.tex:3: x\n";
    auto m = parse_tex_log(log);
    ASSERT_EQ(m.size(), 1u);
    EXPECT_EQ(m[0].kind, TexMessage::Kind::overfull);
}

TEST(LogPageCount, ReadsTheLastOutputLineOfEveryEngine) {
    EXPECT_EQ(log_page_count("Output written on cv.pdf (3 pages, 171504 bytes).\n"), 3);  // pdfTeX
    EXPECT_EQ(log_page_count("Output written on cv.pdf (1 page).\n"), 1);                 // XeTeX
    EXPECT_EQ(log_page_count("Output written on cv.pdf (2 pages, 1 bytes).\n"
                             "Output written on cv.pdf (4 pages, 2 bytes).\n"),
              4);
    EXPECT_EQ(log_page_count("No pages of output.\n"), 0);
    EXPECT_EQ(log_page_count("Output written on cv.pdf\n (3 pages"), 0);
    EXPECT_EQ(log_page_count("Output written on cv.pdf (3"), 0);
}

}  // namespace
}  // namespace cvtex
