// End-to-end tests of languages: the reference CV in German and in French, read back with
// pdftotext: cvtex's own words are in the language, none of them in English.
#include <gtest/gtest.h>

#include <filesystem>

#include "../support/run.hpp"
#include "cvtex/engine/engine.hpp"

namespace cvtex {
namespace {

struct Language {
    std::string code, babel, package;
    std::vector<std::string> expected;  ///< in the PDF text, squeezed
    std::vector<std::string> absent;    ///< English of this language's words, besides these
};

// cvtex's English words that the reference CV would show, and the English months that no
// language here shares; none may appear. (The entries themselves stay English: none of
// these is in them.)
const std::vector<std::string> english_words{"Present",
                                             "GPA",
                                             "Thesis:",
                                             "Advisor",
                                             "Equal contribution",
                                             "Corresponding author",
                                             "et al.",
                                             "(eds.)",
                                             "January",
                                             "February",
                                             "March",
                                             "June",
                                             "July",
                                             "October",
                                             "December",
                                             "Aug 2020"};

bool installed(const std::string& tex_file) {
    return test::run({"kpsewhich", tex_file}).exit_code == 0;
}

void check_language(const Language& l, const std::string& engine) {
    SCOPED_TRACE(l.code + " on " + engine);
    test::TempDir tmp;
    const std::string pdf = tmp / "cv.pdf";
    const auto r = test::run(
        {CVTEX_BINARY, "build", std::string(CVTEX_EXAMPLES_DIR) + "/cheng-li-" + l.code + ".toml",
         "-o", pdf, "--engine", engine},
        {"NO_COLOR=1", "XDG_CACHE_HOME=" + (tmp / "cache")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    if (installed(l.babel + ".ldf")) {
        EXPECT_EQ(r.err, "cvtex: wrote " + pdf + "\n");
    } else {
        // One warning, naming the package, and the build goes on.
        EXPECT_NE(r.err.find("warning: language `" + l.babel + "' is not installed"),
                  std::string::npos)
            << r.err;
        EXPECT_NE(r.err.find(l.package), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("cvtex: 1 warning"), std::string::npos) << r.err;
    }
    std::string text = test::squeeze(test::run({"pdftotext", "-enc", "UTF-8", pdf, "-"}).out);
    // French typography (babel-french, when installed) puts a thin space before a colon, which
    // the Unicode engines' text layer shows as a space: "Moyenne : 3.95".
    for (std::size_t at; (at = text.find(" :")) != std::string::npos;) text.erase(at, 1);
    for (const auto& word : english_words)
        EXPECT_EQ(text.find(word), std::string::npos) << "English in the PDF: " << word;
    for (const auto& word : l.absent)
        EXPECT_EQ(text.find(word), std::string::npos) << "English in the PDF: " << word;
    for (const auto& expected : l.expected)
        EXPECT_NE(text.find(expected), std::string::npos) << "missing: " << expected;
}

const std::vector<Language> languages{
    {"de",
     "ngerman",
     "texlive-lang-german",
     {"August 2020 – heute", "Mai – August 2019", "August – Dezember 2016", "Juli 2018",
      "Ph.D. in Computer Science", "Note: 3.95/4.0", "Abschlussarbeit: Performance",
      "Gleicher Beitrag"},
     {"May 2019"}},
    {"fr",
     "french",
     "texlive-lang-french",
     {"août 2020 – présent", "mai – août 2019", "août – décembre 2016", "juillet 2018",
      "Ph.D. en Computer Science", "Moyenne: 3.95/4.0", "Mémoire: Performance",
      "Contribution égale"},
     {" in Computer Science", "May 2019"}},
};

TEST(Languages, TheReferenceCvInGermanAndFrenchHasNoEnglishWordOfCvtex) {
    if (find_in_path("pdflatex").empty()) GTEST_SKIP() << "pdflatex is not installed";
    for (const auto& l : languages) check_language(l, "pdflatex");
}

// The text formats speak the language too: the same words, none of them English, in the
// Markdown, the plain text and the HTML (whose <html> names the language).
TEST(Languages, TheTextFormatsOfTheGermanAndFrenchCvHaveNoEnglishWordOfCvtex) {
    for (const auto& l : languages) {
        SCOPED_TRACE(l.code);
        test::TempDir tmp;
        const auto r = test::run({CVTEX_BINARY, "build",
                                  std::string(CVTEX_EXAMPLES_DIR) + "/cheng-li-" + l.code + ".toml",
                                  "-o", tmp / "cv.pdf", "--emit", "md,txt,html"},
                                 {"NO_COLOR=1", "XDG_CACHE_HOME=" + (tmp / "cache")});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        for (const std::string ext : {"md", "txt", "html"}) {
            SCOPED_TRACE(ext);
            std::string text = test::slurp(tmp / ("cv." + ext));
            // Markdown's backslashes and HTML's tags are not words.
            std::string plain;
            bool in_tag = false;
            for (const char c : text) {
                if (ext == "html" && c == '<') in_tag = true;
                if (!in_tag && !(ext == "md" && c == '\\')) plain += c;
                if (ext == "html" && c == '>') in_tag = false;
            }
            plain = test::squeeze(plain);
            for (const auto& word : english_words)
                EXPECT_EQ(plain.find(word), std::string::npos) << "English: " << word;
            for (const auto& word : l.absent)
                EXPECT_EQ(plain.find(word), std::string::npos) << "English: " << word;
            for (const auto& expected : l.expected) {
                if (expected.find(':') != std::string::npos) continue;  // bold labels in md
                EXPECT_NE(plain.find(expected), std::string::npos) << "missing: " << expected;
            }
        }
        EXPECT_NE(test::slurp(tmp / "cv.html").find("<html lang=\"" + l.code + "\""),
                  std::string::npos);
    }
}

TEST(Languages, TheSameUnderXelatexAndLualatex) {
    int built = 0;
    for (const std::string engine : {"xelatex", "lualatex"}) {
        if (find_in_path(engine).empty()) continue;
        for (const auto& l : languages) check_language(l, engine);
        ++built;
    }
    if (built == 0) GTEST_SKIP() << "neither xelatex nor lualatex is installed";
}

}  // namespace
}  // namespace cvtex
