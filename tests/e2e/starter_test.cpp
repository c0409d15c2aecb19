// End-to-end: the starter files of `cvtex new` (a CV, a letter, a statement, a packet) build as
// they are, with the real engine and no warning, and say what they should.
#include <gtest/gtest.h>

#include <filesystem>

#include "../support/run.hpp"
#include "cvtex/check/schema.hpp"

namespace cvtex {
namespace {

namespace fs = std::filesystem;

std::string pdf_text(const std::string& pdf) {
    return test::squeeze(test::run({"pdftotext", "-enc", "UTF-8", pdf, "-"}).out);
}

int pdf_pages(const std::string& pdf) {
    const std::string info = test::run({"pdfinfo", pdf}).out;
    const auto at = info.find("Pages:");
    return at == std::string::npos ? -1 : std::atoi(info.c_str() + at + 6);
}

// `cvtex new --kind KIND` into `dir`, then `cvtex -W build` of what it wrote; the PDF's text.
std::string build_starter(const test::TempDir& tmp, const std::string& kind) {
    const std::string toml = tmp / (kind + ".toml");
    auto made = test::run({CVTEX_BINARY, "new", "Ada Lovelace", "--kind", kind, "-o", toml});
    EXPECT_EQ(made.exit_code, 0) << made.err;
    auto built = test::run({CVTEX_BINARY, "--warnings-as-errors", "build", toml}, {"NO_COLOR=1"});
    EXPECT_EQ(built.exit_code, 0) << built.err;
    EXPECT_EQ(built.err, "cvtex: wrote " + tmp / (kind + ".pdf") + "\n");
    return pdf_text(tmp / (kind + ".pdf"));
}

TEST(Starter, BuildsWithTheRealEngineWithoutWarnings) {
    test::TempDir tmp;
    const std::string cv = tmp / "cv.toml";
    auto made = test::run({CVTEX_BINARY, "new", "Ada Lovelace", "-o", cv});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    auto built = test::run({CVTEX_BINARY, "--warnings-as-errors", "build", cv}, {"NO_COLOR=1"});
    EXPECT_EQ(built.exit_code, 0) << built.err;
    EXPECT_EQ(built.err, "cvtex: wrote " + tmp / "cv.pdf" + "\n");
    auto text = test::run({"pdftotext", "-enc", "UTF-8", tmp / "cv.pdf", "-"});
    const std::string squeezed = test::squeeze(text.out);
    EXPECT_NE(squeezed.find("Ada Lovelace"), std::string::npos) << squeezed;
    // Every kind of section but raw LaTeX, under its example title.
    for (const auto& k : section_kinds()) {
        if (k.kind == "raw-latex") continue;
        EXPECT_NE(squeezed.find(k.example_title), std::string::npos) << k.example_title << "\nin:\n"
                                                                     << squeezed;
    }
    // Nothing of anyone else's is under the user's name.
    EXPECT_EQ(squeezed.find("example.com"), std::string::npos) << squeezed;
}

TEST(Starter, LetterBuildsWithoutWarnings) {
    test::TempDir tmp;
    const std::string text = build_starter(tmp, "letter");
    for (const char* expected :
         {"Ada Lovelace", "Faculty Search Committee", "Stanford, CA 94305",
          "Application for the position of Assistant Professor",
          "Dear Members of the Search Committee,", "replace its text with your own",
          "what I would teach, in another.", "Sincerely,"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\nin:\n" << text;
    EXPECT_EQ(text.find("**"), std::string::npos) << "Markdown printed as typed:\n" << text;
}

TEST(Starter, StatementBuildsWithoutWarnings) {
    test::TempDir tmp;
    const std::string text = build_starter(tmp, "statement");
    for (const char* expected : {"Ada Lovelace", "Research Statement", "Vision", "Past work",
                                 "a first result;", "Future directions"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\nin:\n" << text;
    EXPECT_EQ(text.find("# Vision"), std::string::npos) << "Markdown printed as typed:\n" << text;
}

// `cvtex new --kind packet` into a new folder (as the README says) then `cvtex packet`: a
// folder of PDFs per application, each letter naming its own institution and no other's, with
// no edit in between.
TEST(Starter, PacketBuildsEveryApplicationWithoutWarnings) {
    test::TempDir root;
    const fs::path tmp = root / "season";
    const std::string packet = tmp / "packet.toml";
    auto made = test::run({CVTEX_BINARY, "new", "Ada Lovelace", "--kind", "packet", "-o", packet});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    auto built =
        test::run({CVTEX_BINARY, "--warnings-as-errors", "packet", packet}, {"NO_COLOR=1"});
    ASSERT_EQ(built.exit_code, 0) << built.out << built.err;
    for (const char* line : {"stanford", "example-u"})
        EXPECT_NE(built.out.find(line), std::string::npos) << built.out;

    const std::string stanford = tmp / "applications/stanford";
    const std::string other = tmp / "applications/example-u";
    const std::string letter = pdf_text(stanford + "/letter.pdf");
    for (const char* expected :
         {"Ada Lovelace", "Application for the position of Assistant Professor of Computer Science",
          "Dear Members of the Faculty Search Committee,", "at Stanford University.",
          "belongs in Stanford AI Lab;", "353 Jane Stanford Way"})
        EXPECT_NE(letter.find(expected), std::string::npos) << expected << "\nin:\n" << letter;
    EXPECT_EQ(letter.find("Example University"), std::string::npos) << letter;
    const std::string other_letter = pdf_text(other + "/letter.pdf");
    for (const char* expected : {"at Example University.", "belongs in the Systems Group;",
                                 "Dear Members of the Search Committee,"})
        EXPECT_NE(other_letter.find(expected), std::string::npos) << expected << "\nin:\n"
                                                                  << other_letter;
    EXPECT_EQ(other_letter.find("Stanford"), std::string::npos) << other_letter;

    // Stanford's CV is the short variant: two sections of the whole CV's seven.
    const std::string short_cv = pdf_text(stanford + "/cv.pdf");
    const std::string whole_cv = pdf_text(other + "/cv.pdf");
    EXPECT_NE(short_cv.find("Selected Publications"), std::string::npos) << short_cv;
    EXPECT_EQ(short_cv.find("Skills"), std::string::npos) << short_cv;
    EXPECT_NE(whole_cv.find("Skills"), std::string::npos) << whole_cv;
    EXPECT_NE(pdf_text(stanford + "/research.pdf").find("Research Statement"), std::string::npos);

    // Each combined PDF is the letter, the CV and the statement.
    for (const auto& [folder, name] : {std::pair{stanford, "stanford"}, {other, "example-u"}}) {
        int pages = 0;
        for (const char* doc : {"letter", "cv", "research"}) {
            ASSERT_TRUE(fs::exists(folder + "/" + doc + ".pdf")) << folder << " " << doc;
            pages += pdf_pages(folder + "/" + doc + ".pdf");
        }
        EXPECT_EQ(pdf_pages(folder + "/" + name + ".pdf"), pages) << name;
    }
}

}  // namespace
}  // namespace cvtex
