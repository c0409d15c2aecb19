// Unit tests for loading: TOML -> model, with schema diagnostics.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "cvtex/base/utf8.hpp"
#include "cvtex/check/schema.hpp"
#include "cvtex/read/loader.hpp"

namespace cvtex {
namespace {

struct Loaded {
    Document doc;
    DiagnosticSink sink;
};

Loaded load(std::string text) {
    Loaded l;
    l.doc = load_document(SourceFile("cv.toml", std::move(text)), l.sink);
    l.sink.sort_and_dedupe();
    return l;
}

const Diagnostic& only(const Loaded& l) {
    EXPECT_EQ(l.sink.all().size(), 1u);
    return l.sink.all().at(0);
}

TEST(Loader, ReadsSectionsInFileOrder) {
    auto l = load(R"(
[person]
name = "Ada"
email = "ada@example.com"
github = "ada"

[[section]]
title = "Zeta"
kind = "text"
text = "Hello"

[[section]]
title = "Alpha"
kind = "experience"
[[section.entry]]
organization = "Org"
start = "2019-05"
end = "present"
highlights = ["one", "two"]
)");
    EXPECT_TRUE(l.sink.all().empty());
    ASSERT_EQ(std::get<Cv>(l.doc.content).sections.size(), 2u);
    EXPECT_EQ(std::get<Cv>(l.doc.content).sections[0].title.value, "Zeta");
    EXPECT_EQ(std::get<Cv>(l.doc.content).sections[1].title.value, "Alpha");
    const auto& exp =
        std::get<std::vector<ExperienceEntry>>(std::get<Cv>(l.doc.content).sections[1].body);
    ASSERT_EQ(exp.size(), 1u);
    EXPECT_TRUE(exp[0].when.end->present);
    EXPECT_EQ(exp[0].highlights.size(), 2u);
    EXPECT_EQ(exp[0].span.line, 15u);
    // The contact line keeps the order the keys were written in.
    EXPECT_EQ(l.doc.person.contact_order, (std::vector<std::string>{"email", "github"}));
}

TEST(Loader, UnknownKeyWithSuggestionAndPosition) {
    auto l = load(
        "[person]\nname = \"A\"\n[[section]]\ntitle = \"E\"\nkind = \"education\"\n"
        "[[section.entry]]\ninstituton = \"U\"\n");
    // One typo, one error: the missing 'institution' is what the suggestion already names.
    ASSERT_EQ(l.sink.all().size(), 1u);
    const auto& u = l.sink.all()[0];
    EXPECT_EQ(u.code, "unknown-key");
    EXPECT_EQ(u.message, "unknown key 'instituton' in education entry");
    EXPECT_EQ(u.span.line, 7u);
    EXPECT_EQ(u.span.column, 1u);
    EXPECT_EQ(u.span.end_column, 11u);
    ASSERT_FALSE(u.hints.empty());
    EXPECT_EQ(u.hints[0], "did you mean 'institution'?");
}

TEST(Loader, WrongTypeUnderlinesTheValue) {
    auto l = load("[person]\nname = 42\n");
    const auto& d = only(l);
    EXPECT_EQ(d.code, "wrong-type");
    EXPECT_EQ(d.message, "'name' must be a string, not an integer");
    EXPECT_EQ(d.span.column, 8u);
    EXPECT_EQ(d.span.end_column, 10u);
}

TEST(Loader, MissingPersonAndName) {
    auto l = load("[person]\nheadline = \"x\"\n");
    const auto& d = only(l);
    EXPECT_EQ(d.code, "missing-key");
    EXPECT_EQ(d.message, "[person] is missing the required key 'name'");
    auto top = load("[settings]\npaper = \"a4\"\n");
    EXPECT_EQ(only(top).message, "the top level is missing the required key 'person'");
}

TEST(Loader, DatesInEveryForm) {
    auto l = load(R"([person]
name = "A"
[[section]]
title = "T"
kind = "dated"
[[section.entry]]
title = "a"
date = 2020
[[section.entry]]
title = "b"
date = 2020-08-03
[[section.entry]]
title = "c"
date = "2020-08"
[[section.entry]]
title = "d"
date = "2020-13"
)");
    const auto& d = only(l);
    EXPECT_EQ(d.code, "bad-date");
    EXPECT_EQ(d.span.line, 17u);
    const auto& e =
        std::get<std::vector<DatedEntry>>(std::get<Cv>(l.doc.content).sections.at(0).body);
    ASSERT_EQ(e.size(), 4u);
    EXPECT_EQ(e[0].when.date->year, 2020);
    EXPECT_EQ(e[1].when.date->day, 3);
    EXPECT_EQ(e[2].when.date->month, 8);
}

TEST(Loader, BadChoiceSuggests) {
    auto l = load("[settings]\npaper = \"letterr\"\n[person]\nname = \"A\"\n");
    const auto& d = only(l);
    EXPECT_EQ(d.code, "bad-choice");
    ASSERT_GE(d.hints.size(), 1u);
    EXPECT_EQ(d.hints[0], "did you mean 'letter'?");
}

TEST(Loader, KeyOfAnotherSectionKindGetsAHint) {
    auto l = load(
        "[person]\nname = \"A\"\n[[section]]\ntitle = \"E\"\nkind = \"education\"\n"
        "[[section.entry]]\ninstitution = \"U\"\nposition = \"x\"\n");
    const auto& d = only(l);
    EXPECT_EQ(d.code, "unknown-key");
    ASSERT_FALSE(d.hints.empty());
    EXPECT_EQ(d.hints[0], "'position' belongs to entries of kind \"experience\"");
}

TEST(Loader, ReadsPublicationListOptions) {
    auto l = load(R"([settings]
highlight = "underline"
author_names = "initials"
[person]
name = "A"
[[section]]
title = "P"
kind = "publications"
bib = ["a.bib", "b.bib"]
keys = ["k1"]
types = ["article"]
from = 2018
to = 2023
keyword = "selected"
field = "selected=true"
limit = 5
sort = "oldest"
group = "type"
group_titles = { preprint = "Under **Review**" }
numbering = "descending"
number_scope = "group"
max_authors = 3
author_order = "last-first"
[[section.entry]]
title = "T"
authors = ["A"]
type = "talk"
)");
    EXPECT_TRUE(l.sink.all().empty()) << l.sink.all().at(0).message;
    EXPECT_EQ(l.doc.settings.highlight, OwnerStyle::underline);
    EXPECT_EQ(l.doc.settings.author_style.form, NameForm::initials);
    EXPECT_FALSE(l.doc.settings.author_style.order);
    const PublicationOptions& o = std::get<Cv>(l.doc.content).sections.at(0).publications;
    ASSERT_EQ(o.bib.size(), 2u);
    EXPECT_EQ(o.bib[1].value, "b.bib");
    EXPECT_EQ(o.bib[1].span.line, 9u);
    EXPECT_EQ(o.keys.at(0).value, "k1");
    EXPECT_EQ(o.types.at(0).value, "article");
    EXPECT_EQ(o.from->value, 2018);
    EXPECT_EQ(o.to->span.line, 13u);
    EXPECT_EQ(o.keyword->value, "selected");
    EXPECT_EQ(o.field->value, "selected=true");
    EXPECT_EQ(o.limit->value, 5);
    EXPECT_EQ(o.sort, PublicationSort::oldest);
    EXPECT_TRUE(o.group_by_type);
    ASSERT_EQ(o.group_titles.size(), 1u);
    EXPECT_EQ(o.group_titles[0].first, "preprint");
    EXPECT_EQ(o.group_titles[0].second.value, "Under **Review**");
    EXPECT_EQ(o.numbering, Numbering::descending);
    EXPECT_TRUE(o.number_per_group);
    EXPECT_EQ(o.max_authors->value, 3);
    EXPECT_EQ(o.author_style.order, NameOrder::last_first);
    const auto& pubs =
        std::get<std::vector<Publication>>(std::get<Cv>(l.doc.content).sections.at(0).body);
    EXPECT_EQ(pubs.at(0).type->value, "talk");
}

TEST(Loader, PublicationOptionsAreCheckedByTheSchema) {
    auto l = load(
        "[person]\nname = \"A\"\n[[section]]\ntitle = \"P\"\nkind = \"publications\"\n"
        "numbering = \"reversed\"\nfrom = \"2018\"\ngroup_titles = { journal = \"J\" }\n");
    ASSERT_EQ(l.sink.all().size(), 3u);
    EXPECT_EQ(l.sink.all()[0].code, "bad-choice");
    EXPECT_EQ(l.sink.all()[1].code, "wrong-type");
    EXPECT_EQ(l.sink.all()[2].code, "unknown-key");
    EXPECT_EQ(l.sink.all()[2].message, "unknown key 'journal' in group_titles");
    // A publication key in another kind of section points to the right kind.
    auto m = load(
        "[person]\nname = \"A\"\n[[section]]\ntitle = \"E\"\nkind = \"dated\"\n"
        "bib = [\"a.bib\"]\n");
    const auto& d = only(m);
    EXPECT_EQ(d.code, "unknown-key");
    ASSERT_FALSE(d.hints.empty());
    EXPECT_EQ(d.hints[0], "'bib' belongs to sections of kind \"publications\"");
}

TEST(Loader, SyntaxErrorIsOneDiagnostic) {
    auto l = load("[person]\nname = \"A\n");
    const auto& d = only(l);
    EXPECT_EQ(d.code, "toml-syntax");
    EXPECT_EQ(d.span.line, 2u);
}

TEST(Loader, CrlfAndBomKeepPositions) {
    auto l = load("\xEF\xBB\xBF[person]\r\nname = \"A\"\r\nnmae = \"B\"\r\n");
    const auto& d = only(l);
    EXPECT_EQ(d.span.line, 3u);
    EXPECT_EQ(d.span.column, 1u);
}

TEST(Loader, ColumnsCountCodePoints) {
    auto l = load("[person]\nname = \"Zoë\"\naliases = [\"Zoë\", 3]\n");
    const auto& d = only(l);
    EXPECT_EQ(d.code, "wrong-type");
    EXPECT_EQ(d.span.line, 3u);
    EXPECT_EQ(d.span.column, 19u);
}

TEST(Loader, RawLatexSectionKeepsItsTextAndFirstLine) {
    auto l = load(
        "[person]\nname = \"A\"\n[[section]]\nkind = \"raw-latex\"\n"
        "raw_latex = '''\n\\foo{1}\n\\bar'''\n");
    EXPECT_TRUE(l.sink.all().empty());
    ASSERT_EQ(std::get<Cv>(l.doc.content).sections.size(), 1u);
    const auto& s = std::get<Cv>(l.doc.content).sections[0];
    EXPECT_TRUE(s.title.empty());
    const auto* raw = std::get_if<RawLatexBody>(&s.body);
    ASSERT_NE(raw, nullptr);
    EXPECT_EQ(raw->latex.value, "\\foo{1}\n\\bar");
    EXPECT_EQ(raw->first_line, 6u);  // the newline after ''' is not part of the string
}

TEST(Loader, RawLatexOnOneLineStartsOnItsOwnLine) {
    auto l = load(
        "[person]\nname = \"A\"\n[[section]]\ntitle = \"T\"\nkind = \"raw-latex\"\n"
        "raw_latex = '\\vspace{1em}'\n");
    ASSERT_EQ(std::get<Cv>(l.doc.content).sections.size(), 1u);
    EXPECT_EQ(std::get<Cv>(l.doc.content).sections[0].title.value, "T");
    EXPECT_EQ(std::get<RawLatexBody>(std::get<Cv>(l.doc.content).sections[0].body).first_line, 6u);
}

TEST(Loader, RawLatexIsOnlyAcceptedInARawLatexSection) {
    auto l = load(
        "[person]\nname = \"A\"\n[[section]]\ntitle = \"T\"\nkind = \"text\"\n"
        "text = \"x\"\nraw_latex = '\\foo'\n");
    const auto& d = only(l);
    EXPECT_EQ(d.code, "unknown-key");
    ASSERT_FALSE(d.hints.empty());
    EXPECT_EQ(d.hints[0], "'raw_latex' belongs to sections of kind \"raw-latex\"");
}

// Spans of many values on one line: each is measured from where the last one was found, so
// this takes milliseconds (minutes, past the ctest timeout, when every value rescanned the
// line).
TEST(Loader, ManyValuesOnOneLineKeepTheirSpans) {
    const std::size_t n = 100000;
    std::string authors;
    for (std::size_t i = 0; i < n; ++i)
        authors += (i ? ", \"" : "\"") + std::string(i % 3 == 0 ? "Zoë " : "Ann ") +
                   std::to_string(i) + "\"";
    auto l = load(
        "[person]\nname = \"Zoë 0\"\n[[section]]\ntitle = \"P\"\nkind = \"publications\"\n"
        "[[section.entry]]\ntitle = \"T\"\nauthors = [" +
        authors + "]\n");
    EXPECT_TRUE(l.sink.all().empty());
    const auto& p =
        std::get<std::vector<Publication>>(std::get<Cv>(l.doc.content).sections.at(0).body).at(0);
    ASSERT_EQ(p.authors.size(), n);
    std::uint32_t column = 12;
    for (std::size_t i = 0; i < n; ++i) {
        const auto& a = p.authors[i];
        const auto length = static_cast<std::uint32_t>(utf8::length(a.value)) + 2;  // the quotes
        ASSERT_EQ(a.span.column, column) << i;
        ASSERT_EQ(a.span.end_column, column + length) << i << " " << a.value;
        column += length + 2;
    }
}

// A string's span ends at its closing quote: a backslash escapes the next character in a
// basic string (\" and \\), but not in a literal one. On a line with non-ASCII text
// the columns count code points.
TEST(Loader, StringSpansEndAtTheClosingQuote) {
    for (const std::string_view letter : {"e", "\u00e9"}) {
        const std::vector<std::string> tokens{R"("a \"b\"")", R"('c\')", R"("d\\")",
                                              "\"" + std::string(letter) + " \\\"\\\\\"",
                                              "\"\\\\\\\"\""};
        std::string line;
        for (const auto& t : tokens) line += (line.empty() ? "" : ", ") + t;
        auto l = load(
            "[person]\nname = \"A\"\n[[section]]\ntitle = \"P\"\n"
            "kind = \"publications\"\n[[section.entry]]\ntitle = \"T\"\nauthors = [" +
            line + "]\n");
        ASSERT_TRUE(l.sink.all().empty()) << line;
        const auto& p =
            std::get<std::vector<Publication>>(std::get<Cv>(l.doc.content).sections.at(0).body)
                .at(0);
        ASSERT_EQ(p.authors.size(), tokens.size()) << line;
        std::uint32_t column = 12;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            const auto length = static_cast<std::uint32_t>(utf8::length(tokens[i]));
            EXPECT_EQ(p.authors[i].span.column, column) << line << " " << i;
            EXPECT_EQ(p.authors[i].span.end_column, column + length) << line << " " << i;
            column += length + 2;
        }
    }
}

// toml++ tables iterate in key order, so positions on a line can also come backwards.
TEST(Loader, ValuesOnOneLineInAnyOrderKeepTheirSpans) {
    auto l = load("person = { website = 3, name = \"Zoë\", orcid = [\"ëë\", 1] }\n");
    l.sink.sort_and_dedupe();
    ASSERT_EQ(l.sink.all().size(), 2u);
    const auto& website = l.sink.all()[0];
    EXPECT_EQ(website.span.column, 22u);
    EXPECT_EQ(website.span.end_column, 23u);
    const auto& orcid = l.sink.all()[1];
    EXPECT_EQ(orcid.span.column, 47u);
    EXPECT_EQ(orcid.span.end_column, 56u);
}

// A kind the schema declares must have a body of its own in the loader, never a fallback.
TEST(Loader, ReadsEverySectionKindTheSchemaDeclares) {
    for (const auto& kind : section_kinds()) {
        const std::string body = kind.kind == "text"        ? "text = \"x\"\n"
                                 : kind.kind == "raw-latex" ? "raw_latex = \"x\"\n"
                                                            : "";
        DiagnosticSink sink;
        const Document doc = load_document(
            SourceFile("cv.toml", fmt::format("[person]\nname = \"A\"\n[[section]]\ntitle = "
                                              "\"T\"\nkind = \"{}\"\n{}",
                                              kind.kind, body)),
            sink);
        EXPECT_FALSE(sink.has_errors()) << kind.kind << ": " << sink.all()[0].message;
        ASSERT_NE(doc.cv(), nullptr);
        EXPECT_EQ(doc.cv()->sections.size(), 1u) << kind.kind;
    }
}

TEST(Loader, ContactKeysTakeOneValueOrAList) {
    auto l = load(R"([person]
name = "Ada"
email = ["a@example.org", "b@example.org"]
phone = "+1 555 0100"
website = ["https://a.example.org"]
)");
    EXPECT_TRUE(l.sink.all().empty());
    ASSERT_EQ(l.doc.person.emails.size(), 2u);
    EXPECT_EQ(l.doc.person.emails[1].value, "b@example.org");
    EXPECT_EQ(l.doc.person.emails[1].span.column, 27u);
    ASSERT_EQ(l.doc.person.phones.size(), 1u);
    ASSERT_EQ(l.doc.person.websites.size(), 1u);
    EXPECT_EQ(l.doc.person.contact_order, (std::vector<std::string>{"email", "phone", "website"}));
    const auto bad = load("[person]\nname = \"Ada\"\nemail = [\"a@example.org\", 3]\n");
    EXPECT_EQ(only(bad).code, "wrong-type");
    EXPECT_EQ(only(bad).span.column, 27u);
}

TEST(Loader, ProfilesKeepTheirOrderAndPlaceInTheContactLine) {
    auto l = load(R"([person]
name = "Ada"
github = "ada"
profiles = [{ network = "mastodon", username = "@ada@example.social" },
            { network = "other", username = "Wiki", url = "https://w.example.org" }]
email = "a@example.org"
photo = "me.png"
)");
    EXPECT_TRUE(l.sink.all().empty());
    ASSERT_EQ(l.doc.person.profiles.size(), 2u);
    EXPECT_EQ(l.doc.person.profiles[0].network.value, "mastodon");
    EXPECT_EQ(l.doc.person.profiles[1].url->value, "https://w.example.org");
    EXPECT_EQ(l.doc.person.photo->value, "me.png");
    EXPECT_EQ(l.doc.person.contact_order,
              (std::vector<std::string>{"github", "profiles", "email"}));
}

TEST(Loader, HighlightsNestOneLevel) {
    auto l = load(R"([person]
name = "Ada"
[[section]]
title = "W"
kind = "experience"
[[section.entry]]
organization = "O"
highlights = ["a", ["a1", "a2"], "b", ["b1"], ["b2"]]
)");
    EXPECT_TRUE(l.sink.all().empty());
    const auto& h =
        std::get<std::vector<ExperienceEntry>>(std::get<Cv>(l.doc.content).sections.at(0).body)
            .at(0)
            .highlights;
    ASSERT_EQ(h.size(), 2u);
    EXPECT_EQ(h[0].text.value, "a");
    ASSERT_EQ(h[0].children.size(), 2u);
    EXPECT_EQ(h[0].children[1].value, "a2");
    // Two lists after an item both hold its bullet points.
    ASSERT_EQ(h[1].children.size(), 2u);
    EXPECT_EQ(h[1].children[1].value, "b2");
    // A list deeper than one level is a wrong type.
    const auto deep = load(
        "[person]\nname = \"A\"\n[[section]]\ntitle = \"W\"\nkind = "
        "\"experience\"\n[[section.entry]]\norganization = \"O\"\n"
        "highlights = [\"a\", [[\"too deep\"]]]\n");
    EXPECT_EQ(only(deep).code, "wrong-type");
}

TEST(Loader, SectionLabelsAndColumns) {
    auto l = load(R"([person]
name = "Ada"
[[section]]
title = "E"
kind = "education"
labels = { gpa = "Note", advisor = "Betreuer" }
[[section.entry]]
institution = "U"
[[section]]
title = "R"
kind = "referees"
columns = 2
[[section.entry]]
name = "R"
)");
    EXPECT_TRUE(l.sink.all().empty());
    const auto& e = std::get<Cv>(l.doc.content).sections.at(0);
    ASSERT_EQ(e.labels.size(), 2u);
    EXPECT_EQ(label_text(e, "education", "gpa", english_locale()).value, "Note");
    EXPECT_EQ(label_text(e, "education", "thesis", english_locale()).value, "Thesis");
    ASSERT_TRUE(std::get<Cv>(l.doc.content).sections.at(1).columns);
    EXPECT_EQ(std::get<Cv>(l.doc.content).sections.at(1).columns->value, 2);
}

// --set: each override is a one-line TOML "file" applied before the CV is read.
struct Overridden {
    Document doc;
    DiagnosticSink sink;
};

Overridden with_overrides(const std::string& toml, const std::vector<std::string>& sets) {
    Overridden o;
    std::vector<SourceFile> files;
    for (const auto& s : sets)
        if (auto f = override_source(s, o.sink)) files.push_back(std::move(*f));
    o.doc = load_document(SourceFile("cv.toml", toml), o.sink, files);
    return o;
}

const char* const two_sections = R"([person]
name = "A"
[[section]]
title = "One"
kind = "oneline"
[[section.entry]]
label = "L"
details = "D"
[[section]]
title = "Two"
kind = "text"
text = "x"
)";

TEST(Loader, OverridesSetAndAddValuesTheSchemaKnows) {
    auto o = with_overrides(two_sections,
                            {"person.headline=Postdoc at MIT", "section.2.title=Talks",
                             "section.1.entry.1.details=\"New\"", "settings.font_size=12"});
    ASSERT_TRUE(o.sink.all().empty()) << o.sink.all()[0].message;
    EXPECT_EQ(o.doc.person.headline->value, "Postdoc at MIT");
    const auto& sections = std::get<Cv>(o.doc.content).sections;
    EXPECT_EQ(sections[1].title.value, "Talks");
    EXPECT_EQ(std::get<std::vector<OnelineEntry>>(sections[0].body)[0].details.value, "New");
    EXPECT_EQ(o.doc.settings.font_size, 12);
    // The value's span points into the override, which is a file of its own.
    EXPECT_EQ(o.doc.path_of(sections[1].title.span), "--set section.2.title");
    EXPECT_EQ(sections[1].title.span.column, 19u);
}

TEST(Loader, AnOverrideThatNamesNothingSaysWhichPartIsWrong) {
    auto codes = [](const std::vector<std::string>& sets) {
        auto o = with_overrides(two_sections, sets);
        std::string out;
        for (const auto& d : o.sink.all()) {
            out += d.file + ":" + std::to_string(d.span.column) + ": " + d.message;
            for (const auto& h : d.hints) out += " [" + h + "]";
        }
        return out;
    };
    EXPECT_EQ(codes({"person.emial=x"}),
              "--set person.emial:8: [person] has no key 'emial' [did you mean 'email'?]");
    EXPECT_EQ(codes({"persn.email=x"}),
              "--set persn.email:1: the top level has no table 'persn' [did you mean 'person'?]");
    EXPECT_EQ(codes({"section.3.title=x"}),
              "--set section.3.title:9: 'section' is a list of 2 tables; name one by its number, "
              "1 to 2 [e.g. --set section.1.title=...]");
    EXPECT_EQ(codes({"section.title=x"}),
              "--set section.title:9: 'section' is a list of 2 tables; name one by its number, "
              "1 to 2 [e.g. --set section.1.title=...]");
    EXPECT_EQ(codes({"section.2.entry.1.label=x"}),
              "--set section.2.entry.1.label:11: section 2 has no table 'entry'");
    EXPECT_EQ(codes({"no equals sign"}),
              "--set:0: 'no equals sign' is not PATH=VALUE with a dotted path of keys "
              "[e.g. --set person.headline=\"Postdoc\" or --set section.2.title=Talks]");
}

TEST(Loader, AnOverriddenValueIsCheckedWhereItWasGiven) {
    auto o = with_overrides(two_sections, {"settings.paper=a5"});
    ASSERT_EQ(o.sink.all().size(), 1u);
    EXPECT_EQ(o.sink.all()[0].code, "bad-choice");
    EXPECT_EQ(o.sink.all()[0].file, "--set settings.paper");
    EXPECT_EQ(o.sink.all()[0].span.column, 18u);
}

}  // namespace
}  // namespace cvtex
