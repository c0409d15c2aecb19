// End-to-end tests of scripts under xelatex and lualatex: Arabic and Hebrew right to left
// inside English lines, Devanagari shaped (conjuncts), CJK in a real bold face. Read back with
// pdftotext and pdffonts, and the fonts' ToUnicode maps with qpdf.
#include <gtest/gtest.h>
#include <utf8proc.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "../support/run.hpp"
#include "cvtex/engine/engine.hpp"

namespace cvtex {
namespace {

bool font_installed(const std::string& family) {
    return !test::run({"fc-list", family}).out.empty();
}

// The engines to try; empty when neither is installed.
std::vector<std::string> unicode_engines() {
    std::vector<std::string> out;
    for (const std::string engine : {"xelatex", "lualatex"})
        if (!find_in_path(engine).empty()) out.push_back(engine);
    return out;
}

struct Built {
    std::string err, text, fonts, pdf;
};

Built build(const test::TempDir& tmp, const std::string& toml, const std::string& engine) {
    const std::string input = tmp / "cv.toml", pdf = tmp / (engine + ".pdf");
    test::write(input, toml);
    const auto r = test::run({CVTEX_BINARY, "build", input, "-o", pdf, "--engine", engine},
                             {"NO_COLOR=1", "XDG_CACHE_HOME=" + (tmp / "cache")});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return {r.err, test::run({"pdftotext", "-enc", "UTF-8", pdf, "-"}).out,
            test::run({"pdffonts", pdf}).out, pdf};
}

// pdftotext's text in logical order, as a reader compares it: presentation forms (the joined
// shapes of Arabic letters that xelatex's fonts map to) folded to the letters (NFKC), the
// embedding marks pdftotext puts around a right-to-left run (U+202A..U+202E) dropped, white
// space squeezed.
std::string logical(const std::string& text) {
    auto* folded = utf8proc_NFKC(reinterpret_cast<const utf8proc_uint8_t*>(text.c_str()));
    std::string s(reinterpret_cast<const char*>(folded));
    std::free(folded);
    for (const char* mark : {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E"})
        for (auto pos = s.find(mark); pos != std::string::npos; pos = s.find(mark))
            s.erase(pos, std::string_view(mark).size());
    return test::squeeze(s);
}

const std::string rtl_cv = R"toml([person]
name = "Layla Haddad (ليلى حداد)"
email = "layla@example.org"

[[section]]
title = "Experience"
kind = "experience"

[[section.entry]]
organization = "Noam Levi (נועם לוי) Lab"
position = "Researcher at جامعة القاهرة today"
start = "2020-08"
end = "present"
)toml";

TEST(Scripts, ArabicAndHebrewRunRightToLeftInsideEnglishLines) {
    const auto engines = unicode_engines();
    if (engines.empty()) GTEST_SKIP() << "neither xelatex nor lualatex is installed";
    if (!font_installed("Noto Naskh Arabic") || !font_installed("Noto Serif Hebrew"))
        GTEST_SKIP() << "fonts-noto-core is not installed";
    for (const auto& engine : engines) {
        SCOPED_TRACE(engine);
        test::TempDir tmp;
        const Built b = build(tmp, rtl_cv, engine);
        EXPECT_EQ(b.err, "cvtex: wrote " + b.pdf + "\n");
        // pdftotext (poppler 22) gives a right-to-left run in logical order: the words read
        // in the order they were typed. Set left to right, the words (xelatex) or the letters
        // (lualatex) come out reversed.
        const std::string text = logical(b.text);
        EXPECT_NE(text.find("Layla Haddad"), std::string::npos) << text;
        EXPECT_NE(text.find("ليلى حداد"), std::string::npos) << text;
        EXPECT_NE(text.find("נועם לוי"), std::string::npos) << text;
        EXPECT_NE(text.find("جامعة القاهرة"), std::string::npos) << text;
        EXPECT_NE(b.fonts.find("NotoNaskhArabic"), std::string::npos) << b.fonts;
        EXPECT_NE(b.fonts.find("NotoSerifHebrew"), std::string::npos) << b.fonts;
    }
}

// The ToUnicode maps of the PDF's fonts, uncompressed (qpdf --qdf), upper case.
std::string unicode_maps(const test::TempDir& tmp, const std::string& pdf) {
    const std::string qdf = tmp / "qdf.pdf";
    test::run({"qpdf", "--qdf", "--object-streams=disable", pdf, qdf});
    std::string s = test::run({"cat", qdf}).out;
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

TEST(Scripts, DevanagariIsShapedWithItsConjuncts) {
    const auto engines = unicode_engines();
    if (engines.empty()) GTEST_SKIP() << "neither xelatex nor lualatex is installed";
    if (!font_installed("Noto Serif Devanagari")) GTEST_SKIP() << "fonts-noto-core is missing";
    if (find_in_path("qpdf").empty()) GTEST_SKIP() << "qpdf is not installed";
    for (const auto& engine : engines) {
        SCOPED_TRACE(engine);
        test::TempDir tmp;
        const Built b = build(tmp, R"toml([person]
name = "Priya Sharma (प्रिया क्षत्रिय)"
)toml",
                              engine);
        EXPECT_EQ(b.err, "cvtex: wrote " + b.pdf + "\n");
        EXPECT_NE(b.fonts.find("NotoSerifDevanagari"), std::string::npos) << b.fonts;
        // Shaped, क्ष (ka, virama, ssa) is one glyph, whose ToUnicode entry is the three
        // characters; unshaped, each is a glyph of its own.
        const std::string maps = unicode_maps(tmp, b.pdf);
        EXPECT_NE(maps.find("<0915094D0937>"), std::string::npos) << "no conjunct glyph for क्ष";
        // lualatex's text layer is in logical order; xelatex's (xdvipdfmx) puts the vowel
        // sign i before its consonant, as it is drawn (see docs/locale.md).
        if (engine == "lualatex") {
            EXPECT_NE(logical(b.text).find("प्रिया क्षत्रिय"), std::string::npos) << b.text;
        }
    }
}

// True when a line of `text` holds both `a` and `b`.
bool has_line(const std::string& text, const std::string& a, const std::string& b) {
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (line.find(a) != std::string::npos && line.find(b) != std::string::npos) return true;
    return false;
}

TEST(Scripts, CjkInBoldUsesABoldFace) {
    const auto engines = unicode_engines();
    if (engines.empty()) GTEST_SKIP() << "neither xelatex nor lualatex is installed";
    if (!font_installed("Noto Serif CJK SC")) GTEST_SKIP() << "fonts-noto-cjk is not installed";
    for (const auto& engine : engines) {
        SCOPED_TRACE(engine);
        test::TempDir tmp;
        // The name is set in bold; the summary in the regular face.
        const Built b = build(tmp, R"toml([person]
name = "李诚"

[[section]]
title = "Summary"
kind = "text"
text = "研究 **粗体** 常规"
)toml",
                              engine);
        EXPECT_EQ(b.err, "cvtex: wrote " + b.pdf + "\n");
        EXPECT_NE(test::squeeze(b.text).find("李诚"), std::string::npos) << b.text;
        EXPECT_TRUE(has_line(b.fonts, "NotoSerifCJK", "-Bold")) << "no bold CJK face:\n" << b.fonts;
        EXPECT_TRUE(has_line(b.fonts, "NotoSerifCJK", "-Regular")) << b.fonts;
    }
}

// The left edge of the word `word` on the first page, from pdftotext -bbox; -1 if absent.
double left_of(const std::string& pdf, const std::string& word) {
    const std::string bbox = test::run({"pdftotext", "-bbox", "-enc", "UTF-8", pdf, "-"}).out;
    const auto at = bbox.find(">" + word + "</word>");
    if (at == std::string::npos) return -1;
    const auto line = bbox.rfind("<word", at);
    const auto x = bbox.find("xMin=\"", line);
    return std::stod(bbox.substr(x + 6));
}

// language = "ar" or "he" lays the whole CV out right to left under lualatex: the location,
// at the right edge of an entry's first line in English, is at the left edge, and still
// reads "Cairo". Under xelatex the layout stays left to right, with a warning.
TEST(Scripts, AnArabicOrHebrewCvIsLaidOutRightToLeftUnderLualatex) {
    if (find_in_path("lualatex").empty()) GTEST_SKIP() << "lualatex is not installed";
    if (!font_installed("Noto Naskh Arabic")) GTEST_SKIP() << "fonts-noto-core is not installed";
    const std::vector<std::pair<std::string, std::string>> cvs{{"ar", "ليلى حداد"},
                                                               {"he", "נועם לוי"}};
    for (const auto& [code, name] : cvs) {
        SCOPED_TRACE(code);
        const std::string toml =
            "[settings]\nlanguage = \"" + code + "\"\n\n[person]\nname = \"" + name + R"toml("

[[section]]
title = "Experience"
kind = "experience"

[[section.entry]]
organization = "University"
position = "Researcher"
location = "Cairo"
start = "2020-08"
end = "present"
)toml";
        test::TempDir tmp;
        const Built rtl = build(tmp, toml, "lualatex");
        EXPECT_EQ(rtl.err, "cvtex: wrote " + rtl.pdf + "\n");
        EXPECT_NE(logical(rtl.text).find(name), std::string::npos) << rtl.text;
        const double page_middle = 306;  // letter paper, 612pt wide
        const double x = left_of(rtl.pdf, "Cairo");
        EXPECT_GE(x, 0) << rtl.text;
        EXPECT_LT(x, page_middle) << "the location is not at the left";
        if (find_in_path("xelatex").empty()) continue;
        const Built ltr = build(tmp, toml, "xelatex");
        EXPECT_NE(ltr.err.find("warning: xelatex lays the document out left to right"),
                  std::string::npos)
            << ltr.err;
        EXPECT_GT(left_of(ltr.pdf, "Cairo"), page_middle);
    }
}

}  // namespace
}  // namespace cvtex
