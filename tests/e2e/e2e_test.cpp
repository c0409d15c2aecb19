// End-to-end tests: the real cvtex binary and the real pdflatex, read back with pdftotext.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "../support/run.hpp"
#include "cvtex/base/utf8.hpp"
#include "cvtex/engine/engine.hpp"

namespace cvtex {
namespace {

namespace fs = std::filesystem;

std::string pdftotext(const std::string& pdf) {
    auto r = test::run({"pdftotext", "-enc", "UTF-8", pdf, "-"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
}

int page_count(const std::string& pdf) {
    auto r = test::run({"pdfinfo", pdf});
    const auto at = r.out.find("Pages:");
    return at == std::string::npos ? -1 : std::stoi(r.out.substr(at + 6));
}

// A word broken at a line end ("Wen-\nMei", "Bench-\nmarking") comes back as "Wen- Mei";
// facts are looked for in the text both as it is and with such breaks joined.
std::string join_hyphenation(const std::string& squeezed) {
    std::string out;
    for (std::size_t i = 0; i < squeezed.size(); ++i) {
        if (squeezed[i] == '-' && i + 1 < squeezed.size() && squeezed[i + 1] == ' ' && i > 0 &&
            std::isalpha(static_cast<unsigned char>(squeezed[i - 1]))) {
            ++i;  // drop the space, keep the hyphen: real hyphens survive, soft ones show up
            out += '-';
            continue;
        }
        out += squeezed[i];
    }
    return out;
}

// `text` with the Latin ligature characters spelt out (ﬀ as ff, ...): under xelatex and
// lualatex the OpenType fonts' ligature glyphs come out of pdftotext as U+FB00..U+FB04, as a
// PDF viewer's search folds them; the letters are all there.
std::string unligature(std::string text) {
    const std::pair<const char*, const char*> ligatures[] = {
        {"\uFB00", "ff"}, {"\uFB01", "fi"}, {"\uFB02", "fl"}, {"\uFB03", "ffi"}, {"\uFB04", "ffl"}};
    for (const auto& [from, to] : ligatures)
        for (std::size_t at; (at = text.find(from)) != std::string::npos;)
            text.replace(at, std::string_view(from).size(), to);
    return text;
}

// Every fact of tests/e2e/<facts> (cheng-li.facts by default) is in `text` (pdftotext output,
// squeezed), and there are at least `at_least` of them.
void expect_every_fact(const std::string& raw, const std::string& facts = "cheng-li.facts",
                       int at_least = 200) {
    const std::string text = unligature(raw);
    std::ifstream in(std::string(CVTEX_E2E_DIR) + "/" + facts);
    EXPECT_TRUE(in.is_open()) << facts;
    const std::string joined = join_hyphenation(text);
    int count = 0;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        ++count;
        const std::string fact = test::squeeze(line);
        const bool found = text.find(fact) != std::string::npos ||
                           joined.find(fact) != std::string::npos ||
                           join_hyphenation(joined).find(fact) != std::string::npos;
        EXPECT_TRUE(found) << "missing from the PDF: " << fact;
    }
    EXPECT_GT(count, at_least);
}

class ReferenceCv : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        tmp_ = new test::TempDir();
        pdf_ = *tmp_ / "cheng-li.pdf";
        result_ =
            test::run({CVTEX_BINARY, "build", std::string(CVTEX_EXAMPLES_DIR) + "/cheng-li.toml",
                       "-o", pdf_, "--keep-build", *tmp_ / "build"},
                      {"NO_COLOR=1"});
        text_ = test::squeeze(pdftotext(pdf_));
    }
    static void TearDownTestSuite() { delete tmp_; }
    static inline test::TempDir* tmp_ = nullptr;
    static inline std::string pdf_;
    static inline test::Result result_;
    static inline std::string text_;
};

TEST_F(ReferenceCv, BuildsWithoutAnyDiagnostic) {
    EXPECT_EQ(result_.exit_code, 0) << result_.err;
    EXPECT_EQ(result_.err, "cvtex: wrote " + pdf_ + "\n");
}

TEST_F(ReferenceCv, ShowsEveryFact) {
    expect_every_fact(text_);
}

TEST_F(ReferenceCv, TypesetsCleanlyOnAtMostThreeLetterPages) {
    const std::string log = test::slurp(*tmp_ / "build/cv.log");
    ASSERT_FALSE(log.empty());
    EXPECT_EQ(log.find("Overfull"), std::string::npos);
    EXPECT_EQ(log.find("Warning"), std::string::npos);
    EXPECT_EQ(log.find("Rerun to get"), std::string::npos);
    EXPECT_LE(page_count(pdf_), 3);
    auto info = test::run({"pdfinfo", pdf_});
    EXPECT_NE(info.out.find("612 x 792 pts (letter)"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("Author:          Cheng Li"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("Title:           Cheng Li"), std::string::npos) << info.out;
}

// Every theme on every installed engine: the reference CV with every fact, no overfull box
// and no LaTeX warning. pdflatex builds go through the format cache (a cache of the test's
// own, warmed by the first build of each theme).
TEST(Themes, EveryThemeShowsEveryFactCleanlyOnEveryEngine) {
    test::TempDir tmp;
    const std::vector<std::string> env{"NO_COLOR=1", "XDG_CACHE_HOME=" + (tmp / "cache")};
    int built = 0;
    for (const std::string engine : {"pdflatex", "xelatex", "lualatex"}) {
        if (find_in_path(engine).empty()) continue;
        for (const std::string theme :
             {"classic", "moderncv", "engineering", "academic", "sidebar"}) {
            SCOPED_TRACE(theme + " on " + engine);
            const std::string pdf = tmp / (theme + "-" + engine + ".pdf");
            const std::string keep = tmp / (theme + "-" + engine);
            const auto r = test::run(
                {CVTEX_BINARY, "build", std::string(CVTEX_EXAMPLES_DIR) + "/cheng-li.toml", "-o",
                 pdf, "--engine", engine, "--set", "settings.theme=\"" + theme + "\"",
                 "--keep-build", keep},
                env);
            ASSERT_EQ(r.exit_code, 0) << r.err;
            EXPECT_EQ(r.err, "cvtex: wrote " + pdf + "\n");
            const std::string log = test::slurp(keep + "/cv.log");
            EXPECT_EQ(log.find("Overfull"), std::string::npos);
            EXPECT_EQ(log.find("Warning"), std::string::npos);
            if (theme != "classic") {
                EXPECT_NE(log.find("cvtex-theme-" + theme + ".sty"), std::string::npos);
            }
            expect_every_fact(test::squeeze(pdftotext(pdf)));
            ++built;
        }
    }
    if (built == 0) GTEST_SKIP() << "no TeX engine installed";
}

// A theme of the user's (examples/custom-theme): built through the format cache, cold and
// warm, with the same bytes; the theme file is an input of the build.
TEST(Themes, ACustomThemeIsUsedAndIsAnInput) {
    test::TempDir tmp;
    const std::string dir = std::string(CVTEX_EXAMPLES_DIR) + "/custom-theme";
    const std::vector<std::string> env{"NO_COLOR=1", "XDG_CACHE_HOME=" + (tmp / "cache"),
                                       "SOURCE_DATE_EPOCH=1700000000"};
    auto build = [&](const std::string& pdf) {
        return test::run({CVTEX_BINARY, "build", dir + "/cv.toml", "-o", pdf, "--tex",
                          tmp / "cv.tex", "--keep-build", tmp / "build", "--depfile", tmp / "cv.d"},
                         env);
    };
    const auto cold = build(tmp / "cold.pdf");
    ASSERT_EQ(cold.exit_code, 0) << cold.err;
    EXPECT_NE(test::slurp(tmp / "cv.tex").find(",theme=custom]{cvtex}"), std::string::npos);
    const std::string log = test::slurp(tmp / "build/cv.log");
    EXPECT_NE(log.find("File: mytheme.sty"), std::string::npos) << "the theme was not read";
    EXPECT_EQ(log.find("Warning"), std::string::npos);
    EXPECT_EQ(log.find("Overfull"), std::string::npos);
    EXPECT_NE(test::slurp(tmp / "cv.d").find(dir + "/mytheme.sty"), std::string::npos);
    const std::string text = test::squeeze(pdftotext(tmp / "cold.pdf"));
    for (const std::string fact :
         {"Ada Lovelace", "Analytical Engine Project", "Note G", "Bernoulli numbers", "1842"})
        EXPECT_NE(text.find(fact), std::string::npos) << fact;
    // The format holds the theme: dumped with it, and the warm build does not read it again.
    ASSERT_TRUE(test::wait_for_formats(tmp / "cache/cvtex/formats"));
    const auto warm = build(tmp / "warm.pdf");
    ASSERT_EQ(warm.exit_code, 0) << warm.err;
    EXPECT_EQ(test::slurp(tmp / "build/cv.log").find("File: mytheme.sty"), std::string::npos);
    EXPECT_EQ(test::slurp(tmp / "cold.pdf"), test::slurp(tmp / "warm.pdf"));
}

// The reference CV with its publications imported from examples/cheng-li.bib.
class ReferenceCvFromBib : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        tmp_ = new test::TempDir();
        pdf_ = *tmp_ / "cheng-li-bib.pdf";
        tex_ = *tmp_ / "cheng-li-bib.tex";
        const std::string examples = CVTEX_EXAMPLES_DIR;
        result_ = test::run({CVTEX_BINARY, "build", examples + "/cheng-li-bib.toml", "-o", pdf_,
                             "--tex", tex_, "--keep-build", *tmp_ / "build"},
                            {"NO_COLOR=1"});
        text_ = test::squeeze(pdftotext(pdf_));
        inline_tex_ = *tmp_ / "cheng-li.tex";
        test::run({CVTEX_BINARY, "build", examples + "/cheng-li.toml", "--emit", "tex", "--tex",
                   inline_tex_});
    }
    static void TearDownTestSuite() { delete tmp_; }

    // The \cvpublication lines of a .tex file, and the legend.
    static std::vector<std::string> publications(const std::string& tex_path) {
        std::vector<std::string> out;
        std::istringstream in(test::slurp(tex_path));
        for (std::string line; std::getline(in, line);)
            if (line.starts_with("\\cvpublication{") || line.starts_with("\\cvlegend{"))
                out.push_back(line);
        return out;
    }

    static inline test::TempDir* tmp_ = nullptr;
    static inline std::string pdf_, tex_, inline_tex_;
    static inline test::Result result_;
    static inline std::string text_;
};

TEST_F(ReferenceCvFromBib, BuildsWithoutAnyDiagnostic) {
    EXPECT_EQ(result_.exit_code, 0) << result_.err;
    EXPECT_EQ(result_.err, "cvtex: wrote " + tex_ + "\ncvtex: wrote " + pdf_ + "\n");
}

TEST_F(ReferenceCvFromBib, ShowsEveryFactOfTheInlineVersion) {
    expect_every_fact(text_);
}

TEST_F(ReferenceCvFromBib, EmitsTheSamePublicationsAsTheInlineVersion) {
    auto from_bib = publications(tex_);
    const auto from_toml = publications(inline_tex_);
    ASSERT_EQ(from_toml.size(), 17u);  // 16 publications and the legend
    // Only the number labels differ.
    for (auto& line : from_bib) {
        const std::string label_start = "\\cvpublication{\\cvpubnumber{";
        if (line.starts_with(label_start))
            line = "\\cvpublication{" + line.substr(line.find("}}", label_start.size()) + 1);
    }
    EXPECT_EQ(from_bib, from_toml);
}

TEST_F(ReferenceCvFromBib, HighlightsTheOwnerInEveryEntry) {
    int entries = 0;
    for (const auto& line : publications(tex_)) {
        if (!line.starts_with("\\cvpublication{")) continue;
        ++entries;
        EXPECT_NE(line.find("\\cvowner{Cheng Li}"), std::string::npos) << line;
    }
    EXPECT_EQ(entries, 16);
}

TEST_F(ReferenceCvFromBib, ShowsMarksLegendAndAwards) {
    for (const char* marked : {"Cheng Li* , Xiaoxia Wu*", "Cheng Li* , Abdul Dakkak*"})
        EXPECT_NE(text_.find(marked), std::string::npos) << marked;
    EXPECT_NE(text_.find("Equal contribution"), std::string::npos);
    std::size_t awards = 0;
    for (auto at = text_.find("Best Paper"); at != std::string::npos;
         at = text_.find("Best Paper", at + 1))
        ++awards;
    EXPECT_EQ(awards, 3u);
}

TEST_F(ReferenceCvFromBib, NumbersRunFrom16DownTo1) {
    std::size_t at = 0;
    for (int n = 16; n >= 1; --n) {
        const std::string label = "[" + std::to_string(n) + "] ";
        const auto found = text_.find(label, at);
        ASSERT_NE(found, std::string::npos) << label << " missing or out of order";
        at = found + label.size();
    }
    EXPECT_EQ(text_.find("[0]"), std::string::npos);
    EXPECT_EQ(text_.find("[17]"), std::string::npos);
}

TEST_F(ReferenceCvFromBib, TypesetsCleanlyOnAtMostThreeLetterPages) {
    const std::string log = test::slurp(*tmp_ / "build/cv.log");
    ASSERT_FALSE(log.empty());
    EXPECT_EQ(log.find("Overfull"), std::string::npos);
    EXPECT_EQ(log.find("Warning"), std::string::npos);
    EXPECT_LE(page_count(pdf_), 3);
}

// The two example CVs of issue 15, built as a user would with -W: a PhD student's academic CV
// and an industry engineer's one-page resume. Each shows every fact of its .facts file.
struct ExampleBuild {
    test::TempDir tmp;
    std::string pdf;
    test::Result result;
    std::string text;

    explicit ExampleBuild(const std::string& name) {
        pdf = tmp / (name + ".pdf");
        result = test::run({CVTEX_BINARY, "--warnings-as-errors", "build",
                            std::string(CVTEX_EXAMPLES_DIR) + "/" + name + ".toml", "-o", pdf,
                            "--keep-build", tmp / "build"},
                           {"NO_COLOR=1"});
        text = test::squeeze(pdftotext(pdf));
    }
    std::string log() const { return test::slurp(tmp / "build/cv.log"); }
};

class ExampleCvs : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        phd_ = new ExampleBuild("phd-student");
        resume_ = new ExampleBuild("engineer-resume");
    }
    static void TearDownTestSuite() {
        delete phd_;
        delete resume_;
    }
    static inline ExampleBuild* phd_ = nullptr;
    static inline ExampleBuild* resume_ = nullptr;
};

TEST_F(ExampleCvs, BuildUnderWarningsAsErrorsWithoutAnyDiagnostic) {
    for (const ExampleBuild* b : {phd_, resume_}) {
        EXPECT_EQ(b->result.exit_code, 0) << b->result.err;
        EXPECT_EQ(b->result.err, "cvtex: wrote " + b->pdf + "\n");
        const std::string log = b->log();
        ASSERT_FALSE(log.empty());
        EXPECT_EQ(log.find("Overfull"), std::string::npos) << b->pdf;
        EXPECT_EQ(log.find("Warning"), std::string::npos) << b->pdf;
        EXPECT_EQ(log.find("Missing character"), std::string::npos) << b->pdf;
    }
}

TEST_F(ExampleCvs, ThePhdStudentsCvShowsEveryFact) {
    expect_every_fact(phd_->text, "phd-student.facts", 100);
    EXPECT_LE(page_count(phd_->pdf), 3);
}

TEST_F(ExampleCvs, TheEngineersResumeShowsEveryFactOnOnePage) {
    expect_every_fact(resume_->text, "engineer-resume.facts", 50);
    EXPECT_EQ(page_count(resume_->pdf), 1);
}

TEST(SpecialCharacters, PrintLiterallyAndReadNothing) {
    test::TempDir tmp;
    const std::string toml = R"(
[person]
name = "Special # $ % & ~ _ ^ \\ { } Person"
headline = 'Tries \input{/etc/passwd} and \write18{touch /tmp/pwned} and ^^5c'

[[section]]
title = "Odd % Title & more"
kind = "oneline"
[[section.entry]]
label = "Label_{x}"
details = 'C:\path\to\file ~user 100% $5 #1 a--b "q" <x> |y|'
)";
    test::write(tmp / "cv.toml", toml);
    auto r = test::run({CVTEX_BINARY, "build", tmp / "cv.toml", "--keep-build", tmp / "build"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string text = test::squeeze(pdftotext(tmp / "cv.pdf"));
    for (const char* expected :
         {"Special # $ % & ~ _ ^ \\ { } Person", "Tries \\input{/etc/passwd} and",
          "\\write18{touch /tmp/pwned} and ^^5c", "Odd % Title & more", "Label_{x}",
          "C:\\path\\to\\file ~user 100% $5 #1 a--b \"q\" <x> |y|"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\nin:\n" << text;
    EXPECT_EQ(text.find("root:"), std::string::npos);
    const std::string log = test::slurp(tmp / "build/cv.log");
    EXPECT_EQ(log.find("/etc/passwd"), std::string::npos) << "TeX opened /etc/passwd";
    EXPECT_FALSE(fs::exists("/tmp/pwned"));
}

// Formulas in a .bib are emitted from cvtex's allow-list: TeX in them reads and writes nothing.
TEST(SpecialCharacters, FormulasInABibRunNoTex) {
    test::TempDir tmp;
    test::write(tmp / "refs.bib", R"(@misc{a, author = {Lovelace, Ada}, year = 2020,
  title = {A $\input{/etc/passwd}$ B \(\write18{touch /tmp/pwned}\) C $x^{\def\y{z}}$
    D $\text{\catcode`\@=11}$ E $\mathrm{\immediate\openout1=x}$ F}}
)");
    test::write(tmp / "cv.toml",
                "[person]\nname = \"Ada Lovelace\"\nheadline = '$\\input{/etc/passwd}$'\n"
                "[[section]]\ntitle = \"P\"\nkind = \"publications\"\nbib = [\"refs.bib\"]\n");
    auto r = test::run({CVTEX_BINARY, "build", tmp / "cv.toml", "--keep-build", tmp / "build"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("is printed as text"), std::string::npos) << r.err;
    const std::string log = test::slurp(tmp / "build/cv.log");
    EXPECT_EQ(log.find("/etc/passwd"), std::string::npos) << "TeX opened /etc/passwd";
    EXPECT_FALSE(fs::exists("/tmp/pwned"));
    EXPECT_FALSE(fs::exists(tmp / "build/x.tex"));
    const std::string text = test::squeeze(pdftotext(tmp / "cv.pdf"));
    EXPECT_NE(text.find("$\\input{/etc/passwd}$"), std::string::npos) << text;
}

TEST(SpecialCharacters, DoubleHyphensStayHyphensInThePdfTitleAndAuthor) {
    // hyperref turns -- and --- into dashes in PDF strings unless the writer stops it.
    int engines = 0;
    for (const std::string engine : {"pdflatex", "xelatex", "lualatex"}) {
        if (find_in_path(engine).empty()) continue;
        ++engines;
        test::TempDir tmp;
        test::write(tmp / "cv.toml", "[person]\nname = \"Jean--Luc Smith---Jones\"\n");
        auto r = test::run({CVTEX_BINARY, "build", tmp / "cv.toml", "--engine", engine});
        ASSERT_EQ(r.exit_code, 0) << engine << ": " << r.err;
        const std::string info = test::run({"pdfinfo", tmp / "cv.pdf"}).out;
        EXPECT_NE(info.find("Title:           Jean--Luc Smith---Jones \u2013 CV\n"),
                  std::string::npos)
            << engine << ":\n"
            << info;
        EXPECT_NE(info.find("Author:          Jean--Luc Smith---Jones\n"), std::string::npos)
            << engine << ":\n"
            << info;
        EXPECT_NE(pdftotext(tmp / "cv.pdf").find("Jean--Luc Smith---Jones"), std::string::npos)
            << engine;
    }
    if (engines == 0) GTEST_SKIP() << "no TeX engine installed";
}

// Math in .bib titles and TOML text (issue #13) comes out of the PDF as math on every engine:
// Greek, √, ≥, ℓ, operator names, a math minus in 10⁻³ (U+2212, not a hyphen), braces. (The
// radical sign stands higher than the line, so pdftotext reads it before the line.)
TEST(Math, FormulasArePrintedAsMathOnEveryEngine) {
    const std::string bib = R"(@misc{a, author = {Lovelace, Ada}, year = 2020,
  title = {Tuning $\alpha$ at $\sqrt{s}$, Degree $\geq 3$ and $\ell_1$}}
@misc{b, author = {Lovelace, Ada}, year = 2020,
  title = {{$O(n \log n)$} Below $10^{-3}$ with \(\min\{a,b\}\) and $\tilde{O}(n)$}}
)";
    const std::string toml = R"([person]
name = "Ada Lovelace"
headline = 'Water, H$_2$O, in $\mu$m; typed: x ≥ 1 and ℓ2'

[[section]]
title = "Publications"
kind = "publications"
bib = ["refs.bib"]
)";
    int engines = 0;
    for (const std::string engine : {"pdflatex", "xelatex", "lualatex"}) {
        if (find_in_path(engine).empty()) continue;
        ++engines;
        test::TempDir tmp;
        test::write(tmp / "cv.toml", toml);
        test::write(tmp / "refs.bib", bib);
        auto r = test::run({CVTEX_BINARY, "build", tmp / "cv.toml", "--engine", engine});
        ASSERT_EQ(r.exit_code, 0) << engine << ": " << r.err;
        EXPECT_EQ(r.err.find("warning"), std::string::npos) << engine << ": " << r.err;
        // Without white space, after NFC (Õ comes back as O and a combining tilde); the glyph
        // "mu" reads as the micro sign.
        std::string text;
        for (char c : utf8::nfc(pdftotext(tmp / "cv.pdf")))
            if (c != ' ' && c != '\n' && c != '\f') text += c;
        for (std::string::size_type at; (at = text.find("µ")) != std::string::npos;)
            text.replace(at, std::string("µ").size(), "μ");
        for (const char* expected :
             {"Tuningαats,Degree≥3andℓ1", "√", "O(nlogn)Below10−3withmin{a,b}andÕ(n)", "H2O",
              "inμm", "x≥1andℓ2"})
            EXPECT_NE(text.find(expected), std::string::npos)
                << engine << ": " << expected << "\nin:\n"
                << text;
    }
    if (engines == 0) GTEST_SKIP() << "no TeX engine installed";
}

// A glyph no font has is reported at the field that holds it, in the TOML or the .bib, not
// at the entry or section that the .tex line came from (issue #13).
TEST(MissingGlyphs, AreReportedAtTheFieldThatHoldsThem) {
    int engines = 0;
    for (const std::string engine : {"xelatex", "lualatex"}) {
        if (find_in_path(engine).empty()) continue;
        ++engines;
        test::TempDir tmp;
        test::write(tmp / "refs.bib",
                    "@misc{b, author = {Lovelace, Ada}, year = 2020,\n  title = {Snow ☃ man}}\n");
        test::write(tmp / "cv.toml",
                    "[person]\nname = \"Ada Lovelace\"\nheadline = \"Likes ☃\"\n\n[[section]]\n"
                    "title = \"P\"\nkind = \"publications\"\nbib = [\"refs.bib\"]\n");
        auto r =
            test::run({CVTEX_BINARY, "build", tmp / "cv.toml", "--engine", engine}, {"NO_COLOR=1"});
        ASSERT_EQ(r.exit_code, 0) << engine << ": " << r.err;
        EXPECT_NE(r.err.find("cv.toml:3:12: warning: the font has no glyph for '☃' (U+2603)"),
                  std::string::npos)
            << engine << ":\n"
            << r.err;
        EXPECT_NE(r.err.find("refs.bib:2:11: warning: the font has no glyph for '☃' (U+2603)"),
                  std::string::npos)
            << engine << ":\n"
            << r.err;
    }
    if (engines == 0) GTEST_SKIP() << "neither xelatex nor lualatex is installed";
}

// --emit png: a PNG per page of the PDF beside where it would be, at --png-dpi (the width and
// height in the PNG's header are the letter page's 8.5 x 11 inches at that resolution), and no
// PDF unless asked for.
std::pair<std::uint32_t, std::uint32_t> png_size(const std::string& png) {
    auto be32 = [&](std::size_t at) {
        std::uint32_t v = 0;
        for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(png[at + i]);
        return v;
    };
    if (png.size() < 24 || png.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) return {0, 0};
    return {be32(16), be32(20)};
}

TEST(Png, EachPageAtTheChosenResolution) {
    test::TempDir tmp;
    for (const int dpi : {72, 100}) {
        const auto r =
            test::run({CVTEX_BINARY, "build", std::string(CVTEX_EXAMPLES_DIR) + "/cheng-li.toml",
                       "--emit", "png", "--png-dpi", std::to_string(dpi), "-o", tmp / "cv.pdf"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_FALSE(fs::exists(tmp / "cv.pdf"));
        int pages = 0;
        for (int page = 1; fs::exists(tmp / ("cv-" + std::to_string(page) + ".png")); ++page) {
            const auto [w, h] =
                png_size(test::slurp(tmp / ("cv-" + std::to_string(page) + ".png")));
            EXPECT_EQ(w, static_cast<std::uint32_t>(8.5 * dpi)) << page;
            EXPECT_EQ(h, static_cast<std::uint32_t>(11 * dpi)) << page;
            ++pages;
        }
        EXPECT_EQ(pages, 3);
        EXPECT_NE(r.err.find("wrote " + tmp / "cv-3.png"), std::string::npos) << r.err;
    }
}

TEST(Png, APdftoppmThatHangsIsStoppedAtTheTimeout) {
    // A pdftoppm that never ends, and a child of its that would outlive it.
    test::TempDir tmp;
    fs::create_directories(tmp / "bin");
    test::write(tmp / "bin/pdftoppm", "#!/bin/sh\nsleep 300 &\nsleep 300\n");
    fs::permissions(tmp / "bin/pdftoppm", fs::perms::owner_all);
    const char* path = std::getenv("PATH");
    const auto start = std::chrono::steady_clock::now();
    const auto r =
        test::run({CVTEX_BINARY, "build", std::string(CVTEX_E2E_DIR) + "/../cli/files/minimal.toml",
                   "--emit", "png", "--timeout", "3", "-o", tmp / "cv.pdf"},
                  {"PATH=" + (tmp / "bin") + ":" + (path ? path : "/usr/bin:/bin")});
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(60));
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find("error: pdftoppm did not finish within 3 s"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(tmp / "cv-1.png"));
}

}  // namespace
}  // namespace cvtex
