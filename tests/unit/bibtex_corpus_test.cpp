// The BibTeX corpus: tricky .bib files written for this project (tests/bibtex/*.bib), each
// stating what must come out of it in comment lines at its top:
//
//   %% expect-keys: a b c                  the keys read, in order
//   %% expect-diagnostic: 12:3 error bib-syntax   (all of them, in any order)
//   %% expect-preambles: 1
//   %% expect KEY.FIELD = text             the field as Unicode text
//   %% expect KEY.FIELD raw = text         the field as read (LaTeX kept)
//   %% expect KEY.FIELD markup = text      the field as inline markup (formulas as $...$)
//   %% expect KEY.FIELD unknown = \cmd     commands the conversion did not know
//   %% expect KEY.FIELD names = A | B      names as "First von Last, Jr" ("et al." for others)
//   %% expect KEY.FIELD initials = A | B   names as "von Last, Jr, F."
//   %% expect KEY.FIELD marks = A* | B†    names with the marks written on them; marks that
//                                          mean nothing to cvtex in parentheses: "C (^)"
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "cvtex/read/bibtex.hpp"
#include "cvtex/read/latex_text.hpp"
#include "cvtex/transform/publications.hpp"

namespace cvtex {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> corpus() {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(CVTEX_BIBTEX_CORPUS_DIR))
        if (e.path().extension() == ".bib") out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

std::string names(const std::string& value, NameForm form, NameOrder order) {
    bool others = false;
    std::string out;
    for (const auto& n : bib_names(value, &others))
        out += (out.empty() ? "" : " | ") + format_name(n, form, order);
    if (others) out += " | et al.";
    return out;
}

std::string marks(const std::string& value) {
    std::string out;
    for (const auto& n : read_bib_names(value).names) {
        out +=
            (out.empty() ? "" : " | ") + format_name(n.name, NameForm::full, NameOrder::first_last);
        if (n.equal) out += "*";
        if (n.corresponding) out += "†";
        if (!n.unknown_marks.empty()) out += fmt::format(" ({})", fmt::join(n.unknown_marks, " "));
    }
    return out;
}

bool is_name_field(const std::string& field) {
    return field == "author" || field == "editor";
}

// What one "%% expect KEY.FIELD MODE = TEXT" line finds in the database.
std::string actual(const bibtex::Database& db, const std::string& what) {
    const auto dot = what.find('.');
    const auto space = what.find(' ', dot);
    const std::string key = what.substr(0, dot);
    const std::string field = what.substr(dot + 1, space - dot - 1);
    const std::string mode = space == std::string::npos ? "" : what.substr(space + 1);
    const auto e = std::find_if(db.entries.begin(), db.entries.end(),
                                [&](const auto& x) { return x.key == key; });
    if (e == db.entries.end()) return "<no entry " + key + ">";
    const auto* f = e->field(field);
    if (!f) return "<no field " + field + ">";
    if (mode == "raw") return f->value;
    if (mode == "names") return names(f->value, NameForm::full, NameOrder::first_last);
    if (mode == "initials") return names(f->value, NameForm::initials, NameOrder::last_first);
    if (mode == "marks") return marks(f->value);
    if (mode == "markup") return latex_to_markup(f->value).text;
    if (mode == "unknown" && is_name_field(field))
        return fmt::format("{}", fmt::join(read_bib_names(f->value).unknown, " "));
    const bool verbatim = field == "url" || field == "doi";
    const PlainText plain =
        latex_to_unicode(f->value, verbatim ? LatexMode::verbatim : LatexMode::text);
    if (mode == "unknown") return fmt::format("{}", fmt::join(plain.unknown, " "));
    return plain.text;
}

class Corpus : public ::testing::TestWithParam<std::string> {};

TEST_P(Corpus, GivesWhatItsCommentsExpect) {
    const auto text = read_file((fs::path(CVTEX_BIBTEX_CORPUS_DIR) / GetParam()).string());
    ASSERT_TRUE(text);
    const SourceFile file(GetParam(), *text);
    DiagnosticSink sink;
    const bibtex::Database db = bibtex::parse(file, sink);

    std::vector<std::string> want_diagnostics, got_diagnostics;
    for (const auto& d : sink.all())
        got_diagnostics.push_back(fmt::format("{}:{} {} {}", d.span.line, d.span.column,
                                              d.severity == Severity::error ? "error" : "warning",
                                              d.code));
    std::string got_keys;
    for (const auto& e : db.entries) got_keys += (got_keys.empty() ? "" : " ") + e.key;

    int expectations = 0;
    std::istringstream lines(file.text());
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.starts_with("%% expect")) continue;
        ++expectations;
        if (line.starts_with("%% expect-keys: ")) {
            EXPECT_EQ(got_keys, line.substr(16));
        } else if (line.starts_with("%% expect-diagnostic: ")) {
            want_diagnostics.push_back(line.substr(22));
        } else if (line.starts_with("%% expect-preambles: ")) {
            EXPECT_EQ(std::to_string(db.preambles.size()), line.substr(21));
        } else if (line.starts_with("%% expect ")) {
            const auto eq = line.find(" = ");
            ASSERT_NE(eq, std::string::npos) << line;
            EXPECT_EQ(actual(db, line.substr(10, eq - 10)), line.substr(eq + 3)) << line;
        } else {
            ADD_FAILURE() << "unknown expectation: " << line;
        }
    }
    EXPECT_GT(expectations, 0) << "a corpus file states what it expects";
    std::sort(want_diagnostics.begin(), want_diagnostics.end());
    std::sort(got_diagnostics.begin(), got_diagnostics.end());
    EXPECT_EQ(got_diagnostics, want_diagnostics);
}

// Truncated input is where hand-written parsers crash or loop: every prefix of every corpus
// file must parse, with every diagnostic inside the text, and convert to text.
TEST_P(Corpus, EveryPrefixParses) {
    const auto text = read_file((fs::path(CVTEX_BIBTEX_CORPUS_DIR) / GetParam()).string());
    ASSERT_TRUE(text);
    for (std::size_t n = 0; n <= text->size(); ++n) {
        const SourceFile file(GetParam(), text->substr(0, n));
        DiagnosticSink sink;
        bibtex::parse(file, sink);
        for (const auto& d : sink.all())
            ASSERT_LE(d.span.line, file.line_count()) << "prefix of " << n << " bytes";
    }
    // And every prefix of every value of the whole file: "{\\'", "\\c", "$\\mu" ...
    DiagnosticSink sink;
    const bibtex::Database db = bibtex::parse(SourceFile(GetParam(), *text), sink);
    for (const auto& e : db.entries)
        for (const auto& f : e.fields)
            for (std::size_t n = 0; n <= f.value.size(); ++n) {
                const std::string_view v = std::string_view(f.value).substr(0, n);
                latex_to_unicode(v);
                latex_to_unicode(v, LatexMode::verbatim);
                bib_names(v);
            }
}

INSTANTIATE_TEST_SUITE_P(Files, Corpus, ::testing::ValuesIn(corpus()), [](const auto& file) {
    std::string name = file.param;
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    return name;
});

}  // namespace
}  // namespace cvtex
