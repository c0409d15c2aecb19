// Unit tests for the BibTeX reader (text in memory; the corpus in tests/bibtex/ has files).
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "cvtex/base/diagnostic_printer.hpp"
#include "cvtex/read/bibtex.hpp"

namespace cvtex {
namespace {

struct Parsed {
    bibtex::Database db;
    DiagnosticSink sink;
};

Parsed parse(const std::string& text) {
    Parsed p;
    p.db = bibtex::parse(SourceFile("t.bib", text), p.sink);
    return p;
}

std::string value(const bibtex::Database& db, std::size_t entry, std::string_view field) {
    if (entry >= db.entries.size()) return "<no entry>";
    const auto* f = db.entries[entry].field(field);
    return f ? f->value : "<no field>";
}

std::string diagnostics(const DiagnosticSink& sink) {
    std::string out;
    for (const auto& d : sink.all())
        out += fmt::format("{}:{}:{} {} {}\n", d.file, d.span.line, d.span.column,
                           d.severity == Severity::error ? "error" : "warning", d.code);
    return out;
}

TEST(Bibtex, ReadsEntriesFieldsAndDelimiters) {
    auto p = parse(R"(
@Article{li2020,
  Author = {Li, Cheng and Dakkak, Abdul},
  title  = "{XSP}: Across-Stack {P}rofiling",
  year   = 2020,
  pages  = {12--34},
}
@inproceedings(paren, title = {Parens} )
@misc{nofields}
)");
    EXPECT_EQ(diagnostics(p.sink), "");
    ASSERT_EQ(p.db.entries.size(), 3u);
    const auto& e = p.db.entries[0];
    EXPECT_EQ(e.type, "article");
    EXPECT_EQ(e.key, "li2020");
    EXPECT_EQ(value(p.db, 0, "author"), "Li, Cheng and Dakkak, Abdul");
    EXPECT_EQ(value(p.db, 0, "title"), "{XSP}: Across-Stack {P}rofiling");
    EXPECT_EQ(value(p.db, 0, "year"), "2020");
    EXPECT_EQ(value(p.db, 0, "pages"), "12--34");
    EXPECT_EQ(value(p.db, 1, "title"), "Parens");
    EXPECT_EQ(p.db.entries[2].key, "nofields");
    EXPECT_TRUE(p.db.entries[2].fields.empty());
}

TEST(Bibtex, PositionsAreLineAndCodePointColumn) {
    auto p = parse("% é\n  @misc{k,\n  tïtle = {A},\n  note = {multi\n line}}\n");
    ASSERT_EQ(p.db.entries.size(), 1u);
    const auto& e = p.db.entries[0];
    EXPECT_EQ(e.span.line, 2u);
    EXPECT_EQ(e.span.column, 3u);
    EXPECT_EQ(e.key_span.column, 9u);
    const auto& f = e.fields[0];
    EXPECT_EQ(f.name, "tïtle");
    EXPECT_EQ(f.name_span.line, 3u);
    EXPECT_EQ(f.name_span.end_column - f.name_span.column, 5u);
    EXPECT_EQ(f.value_span.column, 11u);
    EXPECT_EQ(e.fields[1].value, "multi line");  // white space collapsed
    EXPECT_EQ(e.fields[1].value_span.end_line, 5u);
}

TEST(Bibtex, StringsConcatenationAndMonths) {
    auto p = parse(R"(
@string{ieee = "IEEE"}
@STRING(conf = ieee # " IPDPS")
@misc{k, booktitle = conf # { 2020}, month = aug, publisher = IEEE # "~Press", n = 42 # "a"}
)");
    EXPECT_EQ(diagnostics(p.sink), "");
    EXPECT_EQ(value(p.db, 0, "booktitle"), "IEEE IPDPS 2020");
    EXPECT_EQ(value(p.db, 0, "month"), "August");
    EXPECT_EQ(value(p.db, 0, "publisher"), "IEEE~Press");
    EXPECT_EQ(value(p.db, 0, "n"), "42a");
}

// @string macros nested nine levels deep, each ten copies of the one before, from a few
// hundred bytes: expanded, 16 GB; the reader aborted with std::bad_alloc (issue 14, item 3).
// Now the value that grows past the limit is an error where it does, the macro is empty from
// there on (no cascade of undefined macros), and the rest of the file is read.
TEST(Bibtex, NestedStringMacrosStopAtTheValueLimit) {
    std::string text = "@string{a0 = \"xxxxxxxxxxxxxxxx\"}\n";
    for (int level = 1; level <= 9; ++level) {
        text += fmt::format("@string{{a{} = a{}", level, level - 1);
        for (int copy = 1; copy < 10; ++copy) text += fmt::format(" # a{}", level - 1);
        text += "}\n";
    }
    text += "@misc{k, title = a9, note = a4}\n@misc{after, title = {T}}\n";
    auto p = parse(text);
    EXPECT_EQ(diagnostics(p.sink), "t.bib:6:44 error bib-expansion-limit\n");
    ASSERT_EQ(p.sink.all().size(), 1u);
    EXPECT_EQ(p.sink.all()[0].message, "with @string 'a4' the value of 'a5' grows past 1 MiB");
    ASSERT_EQ(p.db.entries.size(), 2u);
    EXPECT_EQ(value(p.db, 0, "title"), "");
    EXPECT_EQ(value(p.db, 0, "note").size(), 160000u);
    EXPECT_EQ(value(p.db, 1, "title"), "T");
}

// Many values, each under the limit, that together would expand past the file's budget.
TEST(Bibtex, StringExpansionHasABudgetPerFile) {
    std::string text = "@string{k = \"" + std::string(1000, 'x') + "\"}\n";
    text += "@string{m = k # k # k # k # k # k # k # k # k # k}\n";  // 10 kB
    text += "@string{big = m";
    for (int i = 1; i < 100; ++i) text += " # m";  // 1 MB, just under the value limit
    text += "}\n";
    for (int i = 0; i < 80; ++i) text += fmt::format("@misc{{e{}, title = big}}\n", i);
    auto p = parse(text);
    ASSERT_EQ(p.sink.all().size(), 1u) << diagnostics(p.sink);
    EXPECT_EQ(p.sink.all()[0].code, "bib-expansion-limit");
    EXPECT_EQ(p.sink.all()[0].message,
              "@string macros expand to more than 64 MiB in this file; the rest of it is not read");
    EXPECT_LT(p.db.entries.size(), 80u);
    EXPECT_GT(p.db.entries.size(), 50u);
}

TEST(Bibtex, PreambleCommentsAndJunk) {
    auto p = parse(R"(This file was written by hand; mail me at someone@example.org.
@preamble{"\newcommand{\noopsort}[1]{}"}
@comment{ @misc{hidden, title = {not an entry}} }
% @misc{commented, title={a percent line is junk too, but the @ starts an entry}}
@misc{k,
  % a comment between fields
  title = {T},
}
)");
    EXPECT_EQ(diagnostics(p.sink), "");
    ASSERT_EQ(p.db.preambles.size(), 1u);
    EXPECT_EQ(p.db.preambles[0], "\\newcommand{\\noopsort}[1]{}");
    ASSERT_EQ(p.db.entries.size(), 2u);  // BibTeX reads the '@' after '%' as an entry too
    EXPECT_EQ(p.db.entries[0].key, "commented");
    EXPECT_EQ(value(p.db, 1, "title"), "T");
}

TEST(Bibtex, NestedBracesAndQuotesInsideBraces) {
    auto p = parse(R"(@misc{k, title = {A {B {C}} "D" \"{o}}, note = "x {"} y"})");
    EXPECT_EQ(diagnostics(p.sink), "");
    EXPECT_EQ(value(p.db, 0, "title"), "A {B {C}} \"D\" \\\"{o}");
    EXPECT_EQ(value(p.db, 0, "note"), "x {\"} y");
}

TEST(Bibtex, UnknownTypesAndFieldsAreKept) {
    auto p = parse("@talk{t, title = {A talk}, venue = {Somewhere}, selected = {true}}");
    ASSERT_EQ(p.db.entries.size(), 1u);
    EXPECT_EQ(p.db.entries[0].type, "talk");
    EXPECT_EQ(value(p.db, 0, "selected"), "true");
}

TEST(Bibtex, DuplicatesAreWarningsAndTheFirstWins) {
    auto p = parse("@misc{a, title = {One}, title = {Two}}\n@misc{a, title = {Again}}\n");
    EXPECT_EQ(diagnostics(p.sink),
              "t.bib:1:25 warning bib-duplicate-field\n"
              "t.bib:2:7 warning bib-duplicate-key\n");
    ASSERT_EQ(p.db.entries.size(), 1u);
    EXPECT_EQ(value(p.db, 0, "title"), "One");
    EXPECT_NE(p.sink.all()[1].message.find("line 1"), std::string::npos);
}

TEST(Bibtex, UndefinedStringIsAWarningAndEmpty) {
    auto p = parse("@misc{a, journal = jacm # { 2020}}");
    EXPECT_EQ(diagnostics(p.sink), "t.bib:1:20 warning bib-undefined-string\n");
    EXPECT_EQ(value(p.db, 0, "journal"), "2020");
}

TEST(Bibtex, MalformedEntriesAreSkippedAndReadingGoesOn) {
    auto p = parse(R"(@misc{before, title = {ok}}
@misc{nocomma title = {x}}
@misc{noequals, title {x}}
@misc{novalue, title = , year = 2}
@misc{missingcomma, title = {x} year = 2}
@misc{, title = {no key}}
@misc{after, title = {ok}}
)");
    EXPECT_EQ(diagnostics(p.sink),
              "t.bib:2:15 error bib-syntax\n"
              "t.bib:3:23 error bib-syntax\n"
              "t.bib:4:24 error bib-syntax\n"
              "t.bib:5:33 error bib-syntax\n"
              "t.bib:6:7 error bib-syntax\n");
    ASSERT_EQ(p.db.entries.size(), 2u);
    EXPECT_EQ(p.db.entries[0].key, "before");
    EXPECT_EQ(p.db.entries[1].key, "after");
}

TEST(Bibtex, UnclosedBraceDoesNotSwallowTheRestOfTheFile) {
    auto p = parse(R"(@article{bad,
  author = {Unclosed,
  title = "x"
}
@inproceedings{good,
  title = {After the bad one},
}
@misc{open, title = {T}
@misc{last, title = "unclosed
)");
    EXPECT_EQ(diagnostics(p.sink),
              "t.bib:1:10 error bib-unclosed\n"
              "t.bib:8:7 error bib-unclosed\n"
              "t.bib:9:21 error bib-unclosed\n");
    ASSERT_EQ(p.db.entries.size(), 1u);
    EXPECT_EQ(p.db.entries[0].key, "good");
    // The entry's own '}' closed the author value; the hints lead there.
    const auto& hints = p.sink.all()[0].hints;
    ASSERT_EQ(hints.size(), 2u);
    EXPECT_EQ(hints[0], "add '}' before the entry at line 5");
    EXPECT_EQ(hints[1], "or check the braces of 'author' (line 2): its value runs to line 4");
}

TEST(Bibtex, DiagnosticsPrintWithTheBibLineAndCaret) {
    const SourceFile file("refs.bib", "@misc{a,\n  title = {x} year = 2}\n");
    DiagnosticSink sink;
    bibtex::parse(file, sink);
    const std::string text = format_text(
        sink.all(), [&](const std::string&, std::uint32_t l) { return file.line(l); }, false);
    EXPECT_EQ(text,
              "refs.bib:2:15: error: expected ',' or '}' after the value of 'title'\n"
              " 2 |   title = {x} year = 2}\n"
              "   |               ^\n"
              "hint: is a ',' missing after the value of 'title'?\n");
}

Parsed parse_and_resolve(const std::string& text) {
    Parsed p = parse(text);
    bibtex::resolve_crossrefs(p.db, "t.bib", p.sink);
    return p;
}

TEST(BibtexCrossref, APaperInheritsWhatItLacksFromItsProceedings) {
    auto p = parse_and_resolve(R"(@inproceedings{paper, title = {Paper}, author = {A. B.},
  pages = {1--2}, year = 2019, crossref = {conf}}
@proceedings{conf, title = {Proceedings of Conf}, editor = {C. D.}, year = 2020,
  publisher = {Pub}, key = {K}, shorttitle = {Conf}})");
    EXPECT_EQ(diagnostics(p.sink), "");
    EXPECT_EQ(value(p.db, 0, "title"), "Paper");
    EXPECT_EQ(value(p.db, 0, "booktitle"), "Proceedings of Conf");  // from the volume's title
    EXPECT_EQ(value(p.db, 0, "year"), "2019");                      // its own wins
    EXPECT_EQ(value(p.db, 0, "publisher"), "Pub");
    EXPECT_EQ(value(p.db, 0, "editor"), "C. D.");
    EXPECT_EQ(value(p.db, 0, "key"), "<no field>");         // bookkeeping
    EXPECT_EQ(value(p.db, 0, "shorttitle"), "<no field>");  // the volume's title fields
    // An inherited field points at the volume's value, in the same file.
    EXPECT_EQ(p.db.entries[0].field("publisher")->value_span.line, 4u);
    EXPECT_FALSE(p.db.entries[0].container);
    EXPECT_TRUE(p.db.entries[1].container);
    EXPECT_EQ(value(p.db, 1, "booktitle"), "<no field>");  // the volume itself is unchanged
}

TEST(BibtexCrossref, AVolumesOwnBooktitleWinsAndOtherTypesInheritTitlesAsTheyAre) {
    auto p = parse_and_resolve(R"(@inproceedings{a, title = {A}, crossref = {Vol}}
@incollection{b, crossref = {misc}}
@proceedings{vol, title = {Long Title}, booktitle = {Book Title}}
@misc{misc, title = {Misc Title}, note = {N}})");
    EXPECT_EQ(diagnostics(p.sink), "");  // keys match ignoring case
    EXPECT_EQ(value(p.db, 0, "booktitle"), "Book Title");
    EXPECT_EQ(value(p.db, 1, "title"), "Misc Title");  // not a volume: plain inheritance
    EXPECT_EQ(value(p.db, 1, "note"), "N");
}

TEST(BibtexCrossref, OneLevelOnlyAndAMissingKeyIsAWarningWithASuggestion) {
    auto p = parse_and_resolve(R"(@inproceedings{a, title = {A}, crossref = {confx}}
@inproceedings{b, title = {B}, crossref = {b}}
@proceedings{conf, title = {Conf}, crossref = {series}}
@book{series, title = {Series}, publisher = {P}})");
    EXPECT_EQ(diagnostics(p.sink), "t.bib:1:43 warning bib-crossref-not-found\n");
    EXPECT_EQ(p.sink.all().at(0).hints.at(0), "did you mean 'conf'?");
    EXPECT_EQ(value(p.db, 0, "booktitle"), "<no field>");
    EXPECT_EQ(value(p.db, 1, "title"), "B");  // names itself: nothing happens
    EXPECT_EQ(value(p.db, 2, "publisher"), "P");
}

TEST(BibtexCrossref, TheDateIsInheritedWholeOrNotAtAll) {
    auto p = parse_and_resolve(R"(@inproceedings{own, title = {A}, year = 2021, crossref = {c}}
@inproceedings{none, title = {B}, crossref = {c}}
@proceedings{c, title = {C}, date = {2019-06}, month = jun}
@misc{paper, title = {D}, crossref = {m}}
@misc{m, title = {M}, author = {X Y}})");
    EXPECT_EQ(value(p.db, 0, "year"), "2021");
    EXPECT_EQ(value(p.db, 0, "date"), "<no field>");
    EXPECT_EQ(value(p.db, 0, "month"), "<no field>");
    EXPECT_EQ(value(p.db, 1, "date"), "2019-06");
    EXPECT_EQ(value(p.db, 1, "month"), "June");
    // Only volumes are containers; a misc named by crossref is still a publication.
    EXPECT_TRUE(p.db.entries[2].container);
    EXPECT_FALSE(p.db.entries[4].container);
}

TEST(BibtexCrossref, FieldsAVolumeInheritedAreNotPassedOn) {
    auto p = parse_and_resolve(R"(@inproceedings{a, title = {A}, crossref = {conf}}
@proceedings{conf, title = {Conf}, crossref = {series}}
@book{series, title = {Series}, publisher = {P}})");
    EXPECT_EQ(value(p.db, 0, "booktitle"), "Conf");
    EXPECT_EQ(value(p.db, 0, "publisher"), "<no field>");
    EXPECT_EQ(value(p.db, 1, "publisher"), "P");
}

}  // namespace
}  // namespace cvtex
