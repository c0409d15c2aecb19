// Unit tests for the LaTeX writer (the golden tests cover whole documents).
#include <gtest/gtest.h>

#include "cvtex/latex_writer.hpp"
#include "cvtex/loader.hpp"

namespace cvtex {
namespace {

std::string emit(const std::string& toml, DiagnosticSink& sink) {
    Document doc = load_document(SourceFile("cv.toml", toml), sink);
    EXPECT_FALSE(sink.has_errors());
    return write_latex(doc, {}, sink);
}

TEST(LatexWriter, MarkersPointAtTheToml) {
    DiagnosticSink sink;
    const std::string tex = emit(
        "[person]\nname = \"A\"\n\n[[section]]\ntitle = \"B\"\nkind = \"text\"\ntext = \"x\"\n",
        sink);
    EXPECT_NE(tex.find("% cv.toml:1\n\\cvname{A}"), std::string::npos) << tex;
    EXPECT_NE(tex.find("% cv.toml:4\n\\cvsection{B}"), std::string::npos) << tex;
}

TEST(LatexWriter, OwnerIsHighlightedAndMarksAddALegend) {
    DiagnosticSink sink;
    const std::string tex = emit(R"([person]
name = "Cheng Li"
[[section]]
title = "P"
kind = "publications"
[[section.entry]]
title = "T"
authors = ["Cheng Li", "A. B"]
equal = ["Cheng Li", "A. B"]
)", sink);
    EXPECT_NE(tex.find("\\cvowner{Cheng Li}\\cvequalmark{}, A. B\\cvequalmark{}"),
              std::string::npos)
        << tex;
    EXPECT_NE(tex.find("\\cvlegend{\\cvequalmark{} Equal contribution}"), std::string::npos);
}

TEST(LatexWriter, UnprintableCharacterIsAWarningAtTheField) {
    DiagnosticSink sink;
    const std::string tex = emit("[person]\nname = \"李成\"\n", sink);
    ASSERT_EQ(sink.all().size(), 1u);
    EXPECT_EQ(sink.all()[0].code, "unprintable-character");
    EXPECT_EQ(sink.all()[0].span.line, 2u);
    EXPECT_NE(tex.find("\\cvname{??}"), std::string::npos);
}

TEST(LatexWriter, ParagraphsSplitOnBlankLines) {
    DiagnosticSink sink;
    const std::string tex = emit(
        "[person]\nname = \"A\"\n[[section]]\ntitle = \"B\"\nkind = \"text\"\n"
        "text = \"\"\"one\nstill one\n\ntwo\"\"\"\n",
        sink);
    EXPECT_NE(tex.find("\\cvparagraph{one still one\n\\par\ntwo}"), std::string::npos) << tex;
}

}  // namespace
}  // namespace cvtex
