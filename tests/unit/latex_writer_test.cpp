// Unit tests for the LaTeX writer (the golden tests cover whole documents).
#include <gtest/gtest.h>

#include <algorithm>
#include <deque>

#include "cvtex/engine/standby.hpp"
#include "cvtex/read/loader.hpp"
#include "cvtex/transform/link_target.hpp"
#include "cvtex/transform/transform.hpp"
#include "cvtex/write/latex_escape.hpp"
#include "cvtex/write/latex_writer.hpp"

namespace cvtex {
namespace {

// The model of `toml`, loaded and transformed as compile() does (it imports no .bib).
Document transformed(const std::string& toml, DiagnosticSink& sink) {
    Document doc = load_document(SourceFile("cv.toml", toml), sink);
    EXPECT_FALSE(sink.has_errors());
    MemoryFiles none;
    Sources sources(none);
    transform(doc, {}, sources, sink);
    return doc;
}

std::string emit(const std::string& toml, DiagnosticSink& sink) {
    return write_latex(transformed(toml, sink), {}, sink);
}

TEST(LatexWriter, MarkersPointAtTheToml) {
    DiagnosticSink sink;
    const std::string tex = emit(
        "[person]\nname = \"A\"\n\n[[section]]\ntitle = \"B\"\nkind = \"text\"\ntext = \"x\"\n",
        sink);
    EXPECT_NE(tex.find("% cv.toml:1\n\\cvname{A}"), std::string::npos) << tex;
    EXPECT_NE(tex.find("% cv.toml:4\n\\cvsection{B}"), std::string::npos) << tex;
}

// The preamble (what a pre-started engine runs before the rest arrives) holds settings only:
// two CVs that differ in their header and body have the same one; another design has another.
TEST(LatexWriter, ThePreambleHoldsTheSettingsAndNotTheHeader) {
    DiagnosticSink sink;
    const std::string a = emit(
        "[person]\nname = \"A\"\nheadline = \"H\"\nemail = \"a@example.org\"\n\n"
        "[[section]]\ntitle = \"B\"\nkind = \"text\"\ntext = \"x\"\n",
        sink);
    const std::string b = emit(
        "[person]\nname = \"Other\"\n\n[[section]]\ntitle = \"C\"\nkind = \"text\"\n"
        "text = \"y\"\n",
        sink);
    const std::string c = emit(
        "[settings]\naccent = \"aa0000\"\n\n[person]\nname = \"A\"\n\n[[section]]\n"
        "title = \"B\"\nkind = \"text\"\ntext = \"x\"\n",
        sink);
    const std::string_view pa = preamble_of(a);
    ASSERT_FALSE(pa.empty()) << a;
    EXPECT_TRUE(pa.ends_with("\n\\begin{document}\n")) << pa;
    for (const char* header : {"\\cvname", "\\cvheadline", "\\cvcontact", "cv.toml:"})
        EXPECT_EQ(pa.find(header), std::string_view::npos) << header << " in\n" << pa;
    EXPECT_EQ(pa, preamble_of(b));
    EXPECT_NE(pa, preamble_of(c));
    EXPECT_NE(a.find("\\begin{document}\n% cv.toml:1\n\\cvname{A}\n"), std::string::npos) << a;
    EXPECT_EQ(preamble_of("\\documentclass{cvtex}\n\\cvname{A}\n"), "");
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
)",
                                 sink);
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

// One .bib file from memory, whatever its name.
class OneBib : public Files {
  public:
    explicit OneBib(std::string text) : text_(std::move(text)) {}
    FileRead read(const std::string&) override { return {FileRead::Status::ok, text_}; }
    Sources sources{*this};

  private:
    std::string text_;
};

// hyperref's PDF strings take time quadratic in their length: a 10,000-character name took
// 26 s of TeX (issue 14, item 5). A long name or section title gets a short form for them.
TEST(LatexWriter, LongTextGetsAShortFormForPdfStrings) {
    DiagnosticSink sink;
    std::string name = "Ada";
    for (int i = 0; i < 2000; ++i) name += " Augusta";
    const std::string title = std::string(300, 'T') + " *em* tail";
    const std::string tex = emit("[person]\nname = \"" + name + "\"\n[[section]]\ntitle = \"" +
                                     title + "\"\nkind = \"text\"\ntext = \"x\"\n",
                                 sink);
    // The name stays whole on the page, and the PDF title has its first 200 characters, cut
    // at a space.
    std::string shortened = "Ada";
    while (shortened.size() + 8 <= 200) shortened += " Augusta";
    const auto pdf = [](const std::string& s) {
        return latex::escape(s + "\u2026", latex::EscapeContext::text);
    };
    EXPECT_NE(tex.find("\\cvname[" + pdf(shortened) + "]{" + name + "}\n"), std::string::npos)
        << tex.substr(0, 400);
    EXPECT_NE(tex.find("\\cvsection[" + pdf(std::string(200, 'T')) + "]{" + std::string(300, 'T') +
                       " \\emph{em} tail}\n"),
              std::string::npos);
    // Short text has no short form.
    const std::string plain = emit("[person]\nname = \"" + std::string(200, 'x') + "\"\n", sink);
    EXPECT_NE(plain.find("\\cvname{" + std::string(200, 'x') + "}"), std::string::npos) << plain;
}

// A bidirectional control reorders the text around it: left out, with a warning at the field
// (issue 14, item 15).
TEST(LatexWriter, BidiControlsAreLeftOutWithAWarning) {
    DiagnosticSink sink;
    const std::string tex =
        emit("[person]\nname = \"Ada\"\nheadline = \"Paid \u202E0001$\u202C today\"\n", sink);
    EXPECT_NE(tex.find("\\cvheadline{Paid 0001\\$ today}"), std::string::npos) << tex;
    ASSERT_EQ(sink.all().size(), 1u);
    const Diagnostic& d = sink.all()[0];
    EXPECT_EQ(d.code, "bidi-control");
    EXPECT_EQ(d.severity, Severity::warning);
    EXPECT_EQ(d.span.line, 3u);
    EXPECT_EQ(d.message,
              "bidirectional control characters U+202E, U+202C left out: they would reorder the "
              "text around them");
}

TEST(LatexWriter, ImportedEntriesPointAtTheBibButMapTeXErrorsToTheSection) {
    DiagnosticSink sink;
    Document doc = load_document(
        SourceFile("cv.toml",
                   "[person]\nname = \"Cheng Li\"\n\n[[section]]\ntitle = \"P\"\n"
                   "kind = \"publications\"\nbib = [\"refs.bib\"]\nnumbering = \"ascending\"\n"),
        sink);
    OneBib files("\n\n@misc{k1, title = {Tit\\'{e}l \u4e2d}, author = {Li, Cheng}, year = 2020}\n");
    transform(doc, {}, files.sources, sink);
    ASSERT_TRUE(sink.all().empty());
    const std::string tex = write_latex(doc, {}, sink);
    const std::string entry =
        "% cv.toml:4\n%% refs.bib:3 k1\n\\cvpublication{\\cvpubnumber{1}}{Titél ?}";
    const auto at = tex.find(entry);
    ASSERT_NE(at, std::string::npos) << tex;
    EXPECT_NE(tex.find("\\begin{cvpublications}[\\cvpubnumber{1}]"), std::string::npos);
    // A TeX error on the \cvpublication line is reported at the section in the TOML.
    const auto tex_line =
        static_cast<std::uint32_t>(std::count(tex.begin(), tex.begin() + at, '\n') + 3);
    EXPECT_EQ(source_line_for(tex, tex_line), 4u);
    // The unprintable character is reported in the .bib, where it was written.
    ASSERT_EQ(sink.all().size(), 1u);
    EXPECT_EQ(sink.all()[0].code, "unprintable-character");
    EXPECT_EQ(sink.all()[0].file, "refs.bib");
    EXPECT_EQ(sink.all()[0].span.line, 3u);
}

TEST(LatexWriter, AnEditedVolumeSaysItsNamesAreEditors) {
    DiagnosticSink sink;
    Document doc = load_document(
        SourceFile("cv.toml",
                   "[person]\nname = \"Cheng Li\"\n\n[[section]]\ntitle = \"P\"\n"
                   "kind = \"publications\"\nbib = [\"refs.bib\"]\nsort = \"none\"\n"),
        sink);
    OneBib files(
        "@book{one, title = {One}, editor = {Li, Cheng}, year = 2020}\n"
        "@book{two, title = {Two}, editor = {Li, Cheng and Roe, Jane}, year = 2021}\n"
        "@book{own, title = {Own}, author = {Li, Cheng}, editor = {Roe, Jane}, year = 2022}\n");
    transform(doc, {}, files.sources, sink);
    ASSERT_TRUE(sink.all().empty());
    const std::string tex = write_latex(doc, {}, sink);
    EXPECT_NE(tex.find("{One}{\\cvowner{Cheng Li} (ed.)}"), std::string::npos) << tex;
    EXPECT_NE(tex.find("{Two}{\\cvowner{Cheng Li}, Jane Roe (eds.)}"), std::string::npos) << tex;
    EXPECT_NE(tex.find("{Own}{\\cvowner{Cheng Li}}"), std::string::npos) << tex;
}

TEST(LatexWriter, ParagraphsSplitOnBlankLines) {
    DiagnosticSink sink;
    const std::string tex = emit(
        "[person]\nname = \"A\"\n[[section]]\ntitle = \"B\"\nkind = \"text\"\n"
        "text = \"\"\"one\nstill one\n\ntwo\"\"\"\n",
        sink);
    EXPECT_NE(tex.find("\\cvparagraph{one still one\n\\par\ntwo}"), std::string::npos) << tex;
}

TEST(LatexWriter, RawLatexIsCopiedUnescapedBetweenMarkers) {
    DiagnosticSink sink;
    const std::string tex = emit(
        "[person]\nname = \"A\"\n[[section]]\nkind = \"raw-latex\"\n"
        "raw_latex = '''\n\\textbf{50%} & $x$\n'''\n",
        sink);
    EXPECT_TRUE(sink.all().empty());
    EXPECT_NE(tex.find("% cv.toml:3\n% cv.toml:6 raw LaTeX, 1 line\n\\textbf{50%} & $x$\n"
                       "% cv.toml:3\n"),
              std::string::npos)
        << tex;
    EXPECT_EQ(tex.find("\\cvsection"), std::string::npos) << "no title, no \\cvsection";
}

TEST(OriginOf, RawLinesMapToTheirOwnTomlLine) {
    const std::string tex =
        "\\documentclass{cvtex}\n"          // 1
        "% cv.toml:3\n"                     // 2
        "% cv.toml:6 raw LaTeX, 3 lines\n"  // 3
        "\\a\n"                             // 4 -> 6
        "% cv.toml:99\n"                    // 5 -> 7: the user's comment is not a marker
        "\\c\n"                             // 6 -> 8
        "% cv.toml:3\n"                     // 7
        "\\end{document}\n";                // 8
    EXPECT_EQ(origin_of(tex, 1).line, 0u);
    EXPECT_FALSE(origin_of(tex, 2).raw);
    EXPECT_EQ(origin_of(tex, 4).line, 6u);
    EXPECT_TRUE(origin_of(tex, 4).raw);
    EXPECT_EQ(origin_of(tex, 5).line, 7u);
    EXPECT_EQ(origin_of(tex, 6).line, 8u);
    EXPECT_TRUE(origin_of(tex, 6).raw);
    EXPECT_EQ(origin_of(tex, 8).line, 3u);
    EXPECT_FALSE(origin_of(tex, 8).raw);
}

TEST(OriginOf, CommentsThatAreNotMarkersAreIgnored) {
    const std::string tex = "% cv.toml:4\n% Generated: by hand\n% note: x\nbody\n";
    EXPECT_EQ(origin_of(tex, 4).line, 4u);
}

TEST(LatexWriter, MarkerNameCannotEndTheCommentLine) {
    DiagnosticSink sink;
    Document doc =
        load_document(SourceFile("cv.toml",
                                 "[person]\nname = \"A\"\n[[section]]\nkind = \"raw-latex\"\n"
                                 "raw_latex = '''\n\\relax\n'''\n"),
                      sink);
    ASSERT_FALSE(sink.has_errors());
    LatexOptions options;
    options.marker_name = "cv\n\\def\\x{1}\r\\input{/etc/passwd}\x7f\x1b\xc2\x85:x.toml";
    const std::string tex = write_latex(doc, options, sink);
    const std::string safe = "cv?\\def\\x{1}?\\input{/etc/passwd}????:x.toml";
    EXPECT_NE(tex.find("% " + safe + ":1\n\\cvname{A}"), std::string::npos) << tex;
    EXPECT_NE(tex.find("% " + safe + ":6 raw LaTeX, 1 line\n\\relax\n"), std::string::npos) << tex;
    // Every line that mentions the name is a comment.
    for (auto at = tex.find("\\def"); at != std::string::npos; at = tex.find("\\def", at + 1))
        EXPECT_EQ(tex.substr(tex.rfind('\n', at) + 1, 2), "% ") << tex;
    EXPECT_EQ(tex.find('\r'), std::string::npos);
    // The markers still map lines back, ':' in the name and all.
    const auto line_of = [&](std::string_view needle) {
        const auto at = static_cast<std::ptrdiff_t>(tex.find(needle));
        return static_cast<std::uint32_t>(std::count(tex.begin(), tex.begin() + at, '\n')) + 1;
    };
    EXPECT_EQ(source_line_for(tex, line_of("\\cvname{A}")), 1u);
    EXPECT_EQ(origin_of(tex, line_of("\\relax\n")).line, 6u);
    EXPECT_TRUE(origin_of(tex, line_of("\\relax\n")).raw);
}

TEST(OriginOf, ANameThatLooksLikeARawMarkerIsReadFromTheEnd) {
    const std::string tex =
        "% a raw LaTeX, 9 lines:3\n"                    // 1: an ordinary marker
        "\\a\n"                                         // 2 -> 3
        "% a raw LaTeX, 9 lines:6 raw LaTeX, 1 line\n"  // 3
        "\\b\n"                                         // 4 -> 6
        "% x:y:8\n"                                     // 5
        "\\c\n";                                        // 6 -> 8
    EXPECT_EQ(origin_of(tex, 2).line, 3u);
    EXPECT_FALSE(origin_of(tex, 2).raw);
    EXPECT_EQ(origin_of(tex, 4).line, 6u);
    EXPECT_TRUE(origin_of(tex, 4).raw);
    EXPECT_EQ(origin_of(tex, 6).line, 8u);
}

TEST(LatexWriter, OnlyAllowedSchemesAreLinked) {
    DiagnosticSink sink;
    const std::string tex = emit(R"toml([person]
name = "A"
website = "run:calc.exe"
email = "a@example.com"
[[section]]
title = "W"
kind = "dated"
[[section.entry]]
title = "[x](javascript:alert(1)) [y](HTTPS://e.org) [z](e.org/a_(b)) [w](file:///etc/passwd)"
url = "File:cv.pdf"
[[section.entry]]
title = "T"
url = "cv.pdf"
[[section]]
title = "P"
kind = "publications"
[[section.entry]]
title = "P1"
authors = ["A"]
url = "javascript:alert(1)"
code = "ftp://e.org/x"
)toml",
                                 sink);
    EXPECT_NE(tex.find("\\cvcontact{website}{}{run:calc.exe}"), std::string::npos) << tex;
    EXPECT_NE(tex.find("\\cvcontact{email}{mailto:a@example.com}"), std::string::npos) << tex;
    EXPECT_NE(
        tex.find("\\cvdated{x \\cvlink{HTTPS://e.org}{y} \\cvlink{https://e.org/a\\_(b)}{z} w}"),
        std::string::npos)
        << tex;
    EXPECT_NE(tex.find("\\cvdated{\\cvlink{https://cv.pdf}{T}}"), std::string::npos) << tex;
    EXPECT_NE(tex.find("javascript:alert(1), \\cvlink{ftp://e.org/x}{code}"), std::string::npos)
        << tex;
    for (const std::string_view bad : {"{javascript", "{run:", "{file:", "{File:", "{cv.pdf"})
        EXPECT_EQ(tex.find("\\cvlink" + std::string(bad)), std::string::npos) << bad << "\n" << tex;
}

// Three referees side by side, or five and more in rows of three; else rows of two; `columns`
// decides when given.
TEST(LatexWriter, RefereesInTwoOrThreeColumns) {
    auto columns = [](int n, const std::string& given) {
        std::string toml =
            "[person]\nname = \"A\"\n[[section]]\ntitle = \"R\"\nkind = \"referees\"\n" + given;
        for (int i = 0; i < n; ++i)
            toml += "[[section.entry]]\nname = \"R" + std::to_string(i) + "\"\n";
        DiagnosticSink sink;
        const std::string tex = emit(toml, sink);
        const auto at = tex.find("\\begin{cvreferees}{");
        return at == std::string::npos ? std::string() : tex.substr(at + 19, 1);
    };
    EXPECT_EQ(columns(1, ""), "2");
    EXPECT_EQ(columns(2, ""), "2");
    EXPECT_EQ(columns(3, ""), "3");
    EXPECT_EQ(columns(4, ""), "2");
    EXPECT_EQ(columns(5, ""), "3");
    EXPECT_EQ(columns(3, "columns = 2\n"), "2");
}

// A profile's address passes link_target() like any other: a javascript: URL is not linked.
TEST(LatexWriter, ProfilesLinkOnlyAllowedSchemes) {
    DiagnosticSink sink;
    const std::string tex = emit(R"toml([person]
name = "A"
profiles = [{ network = "other", username = "Click", url = "javascript:alert(1)" },
            { network = "gitlab", username = "a" }]
)toml",
                                 sink);
    EXPECT_NE(tex.find("\\cvcontact{other}{}{Click}"), std::string::npos) << tex;
    EXPECT_NE(tex.find("\\cvcontact{gitlab}{https://gitlab.com/a}{gitlab.com/a}"),
              std::string::npos)
        << tex;
}

TEST(LinkTarget, AllowsFiveSchemesAndAddsHttpsToNone) {
    using K = LinkTarget::Kind;
    for (const char* ok :
         {"http://a.org", "HTTPS://a.org", "mailto:a@b.org", "tel:+123", "Ftp://a.org/f"}) {
        EXPECT_EQ(link_target(ok).kind, K::allowed) << ok;
        EXPECT_EQ(link_target(ok).url, ok);
    }
    EXPECT_EQ(link_target("a.org/x:y").url, "https://a.org/x:y");
    EXPECT_EQ(link_target("a.org:8080/x").url, "https://a.org:8080/x");
    EXPECT_EQ(link_target("cv.pdf").url, "https://cv.pdf");
    EXPECT_EQ(link_target("cv.pdf").kind, K::missing);
    EXPECT_EQ(link_target("//a.org/x").url, "https://a.org/x");
    for (const char* bad : {"run:x", "file:///etc/passwd", "FILE:x.pdf", "javascript:alert(1)",
                            "JavaScript:x", "data:text/html,x", "launch:x", "gotor:x", ""}) {
        EXPECT_EQ(link_target(bad).kind, K::refused) << bad;
        EXPECT_TRUE(link_target(bad).url.empty()) << bad;
    }
    EXPECT_EQ(link_target("Run:x").scheme, "Run");
}

}  // namespace
}  // namespace cvtex
