// Unit tests for the publications transform: .bib import, filters, order, groups, numbers.
#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <map>

#include "cvtex/check/validate.hpp"
#include "cvtex/read/loader.hpp"
#include "cvtex/read/markup.hpp"
#include "cvtex/transform/publications.hpp"
#include "cvtex/transform/transform.hpp"

namespace cvtex {
namespace {

// .bib files from memory; counts reads so tests can check each file is read once. `sources`
// is what the transform reads through.
class MemoryFiles : public Files {
  public:
    std::map<std::string, std::string> files;
    std::map<std::string, int> reads;
    Sources sources{*this};

    FileRead read(const std::string& path) override {
        ++reads[path];
        const auto it = files.find(path);
        if (it == files.end()) return {FileRead::Status::not_found, {}};
        return {FileRead::Status::ok, it->second};
    }
};

struct Prepared {
    Document doc;
    DiagnosticSink sink;

    const std::vector<Publication>& list(std::size_t section = 0) const {
        return std::get<std::vector<Publication>>(
            std::get<Cv>(doc.content).sections.at(section).body);
    }
    std::string titles(std::size_t section = 0) const {
        std::string out;
        for (const auto& p : list(section)) out += (out.empty() ? "" : "|") + p.title.value;
        return out;
    }
    // In the order the CLI prints them: by file and position.
    std::string codes() {
        sink.sort_and_dedupe();
        std::string out;
        for (const auto& d : sink.all())
            out += d.code + "@" + d.file + ":" + std::to_string(d.span.line) + " ";
        return out;
    }
};

Prepared prepare(const std::string& toml, MemoryFiles& files,
                 const std::string& path = "cv/cv.toml") {
    Prepared p;
    p.doc = load_document(SourceFile(path, toml), p.sink);
    validate(p.doc, Date{2026, 1, 1}, p.sink);
    EXPECT_FALSE(p.sink.has_errors()) << p.codes();
    prepare_publications(p.doc, files.sources, p.sink);
    return p;
}

// A .bib of the corpus (tests/bibtex/), written for this project.
std::string corpus(const std::string& name) {
    const auto text = read_file(std::string(CVTEX_BIBTEX_CORPUS_DIR) + "/" + name);
    EXPECT_TRUE(text) << name;
    return text.value_or("");
}

std::size_t section_count(const Prepared& p) {
    return std::get<Cv>(p.doc.content).sections.size();
}

const std::string person = "[person]\nname = \"Cheng Li\"\naliases = [\"C. Li\"]\n";

// A CV of `owner` with one publications section importing refs.bib, and `keys` in it.
std::string bib_section(const std::string& owner, const std::string& keys) {
    return "[person]\nname = \"" + owner +
           "\"\n[[section]]\ntitle = \"P\"\nkind = \"publications\"\nbib = [\"refs.bib\"]\n" + keys;
}

std::string section(const std::string& keys) {
    return person + "[[section]]\ntitle = \"Publications\"\nkind = \"publications\"\n" + keys;
}

const std::string refs = R"(@string{ipdps = "IPDPS"}
@inproceedings{xsp,
  title = {{XSP}: Across-Stack Profiling},
  author = {Li, Cheng and Dakkak, Abdul and Hwu, Wen-Mei},
  equal = {C. Li and Dakkak, A.},
  corresponding = {Wen-Mei Hwu},
  booktitle = ipdps, year = 2020, month = may,
  award = {Best Paper},
  doi = {https://doi.org/10.1109/IPDPS47924.2020.00070},
  eprint = {1908.06869}, archiveprefix = {arXiv},
  url = {https://example.org/x\_sp}, code = {https://github.com/c3sr/xsp},
  note = {Invited \& extended},
  keywords = {profiling, selected},
}
@article{journal1,
  title = {A Journal Paper about Caf{\'e}s},
  author = {M{\"u}ller, J{\"o}rg and Li, C.},
  journal = {Journal of Things}, year = 2018, selected = {true},
}
@misc{preprint1,
  title = {A Preprint},
  author = {Cheng Li and others},
  howpublished = {arXiv}, year = 2023,
}
@phdthesis{thesis,
  title = {Performance Analysis of Deep Learning Inference},
  author = {Li, Cheng}, school = {University of Illinois}, year = 2020, month = aug,
  selected = {no},
}
@misc{talk1, title = {Undated Talk}, author = {Li, Cheng}}
)";

TEST(Publications, ImportsEveryFieldFromABibNextToTheToml) {
    MemoryFiles files;
    files.files["cv/refs.bib"] = refs;
    auto p = prepare(section("bib = [\"refs.bib\"]\nkeys = [\"xsp\"]\n"), files);
    EXPECT_EQ(p.codes(), "");
    ASSERT_EQ(p.list().size(), 1u);
    const Publication& x = p.list()[0];
    EXPECT_TRUE(x.imported);
    EXPECT_EQ(p.doc.path_of(x.span), "cv/refs.bib");
    EXPECT_EQ(x.key, "xsp");
    EXPECT_EQ(x.span.line, 2u);
    EXPECT_EQ(x.title.value, "XSP: Across-Stack Profiling");
    EXPECT_EQ(x.title.span.line, 3u);
    ASSERT_EQ(x.byline.size(), 3u);
    EXPECT_EQ(x.byline[0].name, "Cheng Li");
    EXPECT_TRUE(x.byline[0].owner && x.byline[0].equal && !x.byline[0].corresponding);
    EXPECT_TRUE(!x.byline[1].owner && x.byline[1].equal);
    EXPECT_TRUE(x.byline[2].corresponding);
    EXPECT_EQ(x.venue->value, "IPDPS");
    EXPECT_EQ(x.when.date->year, 2020);
    EXPECT_EQ(x.when.date->month, 5);
    EXPECT_EQ(x.award->value, "Best Paper");
    EXPECT_EQ(x.doi->value, "10.1109/IPDPS47924.2020.00070");
    EXPECT_EQ(x.arxiv->value, "1908.06869");
    EXPECT_EQ(x.url->value, "https://example.org/x_sp");
    EXPECT_EQ(x.code->value, "https://github.com/c3sr/xsp");
    EXPECT_EQ(x.note->value, "Invited & extended");
    EXPECT_EQ(x.group, "conference");
}

TEST(Publications, OwnerIsFoundInEveryNameForm) {
    MemoryFiles files;
    files.files["cv/refs.bib"] = R"(@misc{a, title = {A}, author = {Li, Cheng and Li, Conglong}}
@misc{b, title = {B}, author = {X. Y and C. Li}}
@misc{c, title = {C}, author = {Li, C.}}
@misc{d, title = {D}, author = {{L}i, Ch{\'e}ng}}
)";
    auto p = prepare(section("bib = [\"refs.bib\"]\nsort = \"none\"\n"), files);
    EXPECT_EQ(p.codes(), "");
    ASSERT_EQ(p.list().size(), 4u);
    EXPECT_TRUE(p.list()[0].byline[0].owner);
    EXPECT_FALSE(p.list()[0].byline[1].owner);
    EXPECT_TRUE(p.list()[1].byline[1].owner);
    EXPECT_TRUE(p.list()[2].byline[0].owner);
    EXPECT_TRUE(p.list()[3].byline[0].owner);
    EXPECT_EQ(p.list()[3].byline[0].name, "Chéng Li");
}

TEST(Publications, ProblemsPointIntoTheBib) {
    MemoryFiles files;
    files.files["cv/refs.bib"] = R"(@misc{a, title = {A}, author = {Li, Cheng}, equal = {Nobody}}
@misc{b, author = {Li, Cheng}}
@misc{c, title = {C \foo{x}}, author = {Someone Else}, year = {20x0}}
@misc{broken, title = {x} year = 1}
)";
    auto p = prepare(section("bib = [\"refs.bib\"]\nsort = \"none\"\n"), files);
    EXPECT_EQ(p.codes(),
              "mark-not-an-author@cv/refs.bib:1 bib-missing-title@cv/refs.bib:2 "
              "owner-not-an-author@cv/refs.bib:3 bib-unknown-command@cv/refs.bib:3 "
              "bib-bad-date@cv/refs.bib:3 bib-syntax@cv/refs.bib:4 ");
    EXPECT_EQ(p.titles(), "A|C x");
    ASSERT_EQ(files.sources.inputs().size(), 1u);
    EXPECT_EQ(files.sources.inputs()[0], "cv/refs.bib");
}

TEST(Publications, CrossrefGivesThePaperItsVenueAndTheVolumeIsNotListed) {
    MemoryFiles files;
    files.files["cv/refs.bib"] = R"(@inproceedings{paper, title = {Paper},
  author = {Li, Cheng}, crossref = {conf}}
@proceedings{conf, title = {Proc. of Conf}, editor = {Someone Else}, year = 2020}
@proceedings{edited, title = {Volume I Edited}, editor = {Li, Cheng}, year = 2021}
@inproceedings{other, title = {Other}, author = {Li, Cheng}, crossref = {edited}}
)";
    auto p = prepare(section("bib = [\"refs.bib\"]\nsort = \"none\"\n"), files);
    EXPECT_EQ(p.codes(), "");  // no "owner-not-an-author" for the conference volume
    EXPECT_EQ(p.titles(), "Paper|Volume I Edited|Other");
    ASSERT_TRUE(p.list().at(0).venue);
    EXPECT_EQ(p.list()[0].venue->value, "Proc. of Conf");
    ASSERT_TRUE(p.list()[0].when.last());
    EXPECT_EQ(p.list()[0].when.last()->year, 2020);
    EXPECT_FALSE(p.list()[0].editors);
    EXPECT_TRUE(p.list()[1].editors);  // the volume Cheng Li edited
    // Named in `keys`, a volume is listed like any entry.
    auto chosen = prepare(section("bib = [\"refs.bib\"]\nkeys = [\"conf\"]\n"), files);
    EXPECT_EQ(chosen.titles(), "Proc. of Conf");
}

TEST(Publications, APapersOwnYearWinsOverItsVolumesDateInFiltersAndPrint) {
    MemoryFiles files;
    files.files["cv/refs.bib"] = R"(@inproceedings{p1, author = {Li, Cheng}, title = {Own},
  year = 2021, crossref = {c1}}
@proceedings{c1, title = {Conf One}, date = {2019-06}}
@misc{both, author = {Li, Cheng}, title = {Both}, year = 2018, date = {2022-01}}
)";
    auto p = prepare(section("bib = [\"refs.bib\"]\nsort = \"none\"\nfrom = 2021\n"), files);
    EXPECT_EQ(p.codes(), "");
    // An entry with both fields is dated (and filtered) by `date`, as BibLaTeX does.
    EXPECT_EQ(p.titles(), "Own|Both");
    ASSERT_TRUE(p.list().at(0).when.last());
    EXPECT_EQ(p.list()[0].when.last()->year, 2021);
    EXPECT_EQ(p.list()[0].when.last()->month, 0);
}

TEST(Publications, MissingAndNonUtf8FilesAreErrorsAtTheTomlValue) {
    MemoryFiles files;
    files.files["cv/latin1.bib"] = "@misc{a, title = {Caf\xE9}}";
    auto p = prepare(section("bib = [\"nope.bib\", \"latin1.bib\"]\nkeys = [\"a\"]\n"), files);
    EXPECT_EQ(p.codes(), "bib-file-not-found@cv/cv.toml:7 bib-not-utf8@cv/latin1.bib:1 ");
    EXPECT_NE(p.sink.all()[0].hints.at(0).find("cv/nope.bib"), std::string::npos);
}

TEST(Publications, FiltersByKeysTypesYearsKeywordFieldAndLimit) {
    auto titles = [](const std::string& keys) {
        MemoryFiles files;
        files.files["cv/refs.bib"] = refs;
        return prepare(section("bib = [\"refs.bib\"]\nsort = \"none\"\n" + keys), files).titles();
    };
    EXPECT_EQ(titles("keys = [\"thesis\", \"xsp\"]"),
              "Performance Analysis of Deep Learning Inference|XSP: Across-Stack Profiling");
    EXPECT_EQ(titles("types = [\"article\", \"phdthesis\"]"),
              "A Journal Paper about Cafés|Performance Analysis of Deep Learning Inference");
    EXPECT_EQ(titles("types = [\"preprint\", \"conference\"]"),
              "XSP: Across-Stack Profiling|A Preprint");
    EXPECT_EQ(titles("from = 2019\nto = 2020"),
              "XSP: Across-Stack Profiling|Performance Analysis of Deep Learning Inference");
    EXPECT_EQ(titles("keyword = \"Selected\""), "XSP: Across-Stack Profiling");
    EXPECT_EQ(titles("field = \"selected\""), "A Journal Paper about Cafés");
    EXPECT_EQ(titles("field = \"selected=no\""), "Performance Analysis of Deep Learning Inference");
    EXPECT_EQ(titles("limit = 2"), "XSP: Across-Stack Profiling|A Journal Paper about Cafés");
}

// The TOML's own entries pass the same filters (not `keys` and `field`, which name what only
// a .bib entry has); the limit counts the merged list in its order.
TEST(Publications, FiltersApplyToTheTomlsOwnEntriesToo) {
    const std::string inline_entries = R"(
[[section.entry]]
title = "Inline 2022 selected"
authors = ["Cheng Li"]
date = 2022
type = "article"
keywords = ["Selected", "x"]

[[section.entry]]
title = "Inline 2017 selected"
authors = ["Cheng Li"]
date = 2017
type = "conference"
keywords = ["selected"]

[[section.entry]]
title = "Inline undated"
authors = ["Cheng Li"]
keywords = ["selected"]
)";
    auto titles = [&](const std::string& keys) {
        MemoryFiles files;
        files.files["cv/refs.bib"] = refs;
        return prepare(section("bib = [\"refs.bib\"]\nsort = \"newest\"\n" + keys + inline_entries),
                       files)
            .titles();
    };
    EXPECT_EQ(titles("keyword = \"selected\""),
              "Inline 2022 selected|XSP: Across-Stack Profiling|Inline 2017 selected|"
              "Inline undated");
    EXPECT_EQ(titles("from = 2019\nto = 2022"),
              "Inline 2022 selected|Performance Analysis of Deep Learning Inference|XSP: "
              "Across-Stack Profiling");
    // A BibTeX type names its group; an entry of the TOML is of its `type`'s group.
    EXPECT_EQ(titles("types = [\"inproceedings\"]"),
              "XSP: Across-Stack Profiling|Inline 2017 selected");
    EXPECT_EQ(titles("limit = 2"), "A Preprint|Inline 2022 selected");
    EXPECT_EQ(titles("keys = [\"xsp\"]"),
              "Inline 2022 selected|XSP: Across-Stack Profiling|Inline 2017 selected|"
              "Inline undated");
}

// Without a .bib, the filters that leave none of the TOML's entries leave the section out.
TEST(Publications, FiltersThatLeaveNoTomlEntryLeaveTheSectionOut) {
    MemoryFiles files;
    auto p = prepare(section("from = 2030\n[[section.entry]]\ntitle = \"T\"\nauthors = "
                             "[\"Cheng Li\"]\ndate = 2020\n"),
                     files);
    EXPECT_EQ(section_count(p), 0u);
    EXPECT_EQ(p.codes(), "no-publications@cv/cv.toml:4 ");
    EXPECT_EQ(p.sink.all()[0].message,
              "no entries pass the filters of 'Publications'; the section is left out");
}

// Where in its venue a paper is: volume, issue and pages after the venue, in a form without
// words (the shapes of real exports: article numbers as pages, APS's `issue`, pages alone);
// a thesis's page count is not a place in a venue.
TEST(Publications, VolumeIssueAndPagesFollowTheVenue) {
    MemoryFiles files;
    files.files["cv/refs.bib"] = R"(
@article{full, title = {A}, author = {Li, Cheng}, journal = {J. Sys.}, volume = {12},
  number = {3}, pages = {101--120}, year = 2021}
@article{artno, title = {B}, author = {Li, Cheng}, journal = {Comput. Methods}, volume = {452},
  pages = {118735}, year = 2026}
@article{aps, title = {C}, author = {Li, Cheng}, journal = {Phys. Rev. E}, volume = {109},
  issue = {6}, pages = {065309}, year = 2024}
@article{pagesonly, title = {D}, author = {Li, Cheng}, journal = {Biomech.}, pages = {1--20},
  year = 2023}
@article{noissuevolume, title = {E}, author = {Li, Cheng}, journal = {Eng.}, number = {8},
  year = 2023}
@inproceedings{conf, title = {F}, author = {Li, Cheng}, booktitle = {Proc. X}, pages = {5--9},
  year = 2022}
@phdthesis{thesis, title = {G}, author = {Li, Cheng}, school = {UIUC}, pages = {250}, year = 2020}
)";
    auto p = prepare(section("bib = [\"refs.bib\"]\nsort = \"none\"\n"), files);
    EXPECT_EQ(p.codes(), "");
    std::map<std::string, std::string> venue;
    for (const Publication& x : p.list()) venue[x.key] = x.venue ? x.venue->value : "-";
    EXPECT_EQ(venue["full"], "J. Sys. 12(3):101\u2013120");
    EXPECT_EQ(venue["artno"], "Comput. Methods 452:118735");
    EXPECT_EQ(venue["aps"], "Phys. Rev. E 109(6):065309");
    EXPECT_EQ(venue["pagesonly"], "Biomech., 1\u201320");
    EXPECT_EQ(venue["noissuevolume"], "Eng.");
    EXPECT_EQ(venue["conf"], "Proc. X, 5\u20139");
    EXPECT_EQ(venue["thesis"], "UIUC");
}

TEST(Publications, UnknownKeyIsAWarningWithASuggestion) {
    MemoryFiles files;
    files.files["cv/refs.bib"] = refs;
    auto p = prepare(section("bib = [\"refs.bib\"]\nkeys = [\"xps\"]\n"), files);
    EXPECT_EQ(p.codes(), "no-publications@cv/cv.toml:4 bib-key-not-found@cv/cv.toml:8 ");
    EXPECT_EQ(p.sink.all()[1].hints.at(0), "did you mean 'xsp'?");
}

TEST(Publications, SortsNewestOldestOrAsWritten) {
    const std::string inline_entry =
        "[[section.entry]]\ntitle = \"Inline 2019\"\nauthors = [\"Cheng Li\"]\ndate = 2019\n";
    auto titles = [&](const std::string& sort) {
        MemoryFiles files;
        files.files["cv/refs.bib"] = refs;
        return prepare(section("bib = [\"refs.bib\"]\ntypes = [\"misc\", \"phdthesis\"]\n" + sort +
                               inline_entry),
                       files)
            .titles();
    };
    EXPECT_EQ(
        titles(""),
        "A Preprint|Performance Analysis of Deep Learning Inference|Inline 2019|Undated Talk");
    EXPECT_EQ(
        titles("sort = \"oldest\"\n"),
        "Inline 2019|Performance Analysis of Deep Learning Inference|A Preprint|Undated Talk");
    EXPECT_EQ(
        titles("sort = \"none\"\n"),
        "Inline 2019|A Preprint|Performance Analysis of Deep Learning Inference|Undated Talk");
}

// Entries of the same date, and undated ones, keep the order they were written in, also
// within the groups of a grouped list.
// A text date sorts by the year (and month name) in it; one without a year is undated.
TEST(Publications, TextDatesSortByTheirYear) {
    const std::string entries = R"(
[[section.entry]]
title = "Forthcoming"
authors = ["Cheng Li"]
date = "forthcoming"

[[section.entry]]
title = "Spring 2021"
authors = ["Cheng Li"]
date = "Spring 2021"

[[section.entry]]
title = "June 2021"
authors = ["Cheng Li"]
date = "mid-June 2021"

[[section.entry]]
title = "2019"
authors = ["Cheng Li"]
date = 2019
)";
    MemoryFiles files;
    EXPECT_EQ(prepare(section("sort = \"newest\"\n" + entries), files).titles(),
              "June 2021|Spring 2021|2019|Forthcoming");
    EXPECT_EQ(prepare(section("sort = \"oldest\"\n" + entries), files).titles(),
              "2019|Spring 2021|June 2021|Forthcoming");
}

TEST(Publications, TiesKeepTheirOrderWhenSortedAndGrouped) {
    std::string entries;
    const char* rows[][3] = {{"A", "2020", "talk"},    {"B", "2019", "article"},
                             {"C", "2020", "article"}, {"D", "2019", "talk"},
                             {"E", "", "article"},     {"F", "2020", "talk"},
                             {"G", "", "talk"},        {"H", "2019", "article"}};
    for (const auto& [title, year, type] : rows)
        entries += std::string("[[section.entry]]\ntitle = \"") + title +
                   "\"\nauthors = [\"Cheng Li\"]\ntype = \"" + type + "\"\n" +
                   (*year ? std::string("date = ") + year + "\n" : "");
    auto titles = [&](const std::string& keys) {
        MemoryFiles files;
        return prepare(section(keys + entries), files).titles();
    };
    EXPECT_EQ(titles(""), "A|C|F|B|D|H|E|G");
    EXPECT_EQ(titles("sort = \"oldest\"\n"), "B|D|H|A|C|F|E|G");
    EXPECT_EQ(titles("sort = \"none\"\n"), "A|B|C|D|E|F|G|H");
    EXPECT_EQ(titles("group = \"type\"\n"), "C|B|H|E|A|F|D|G");
}

TEST(Publications, GroupsByTypeWithRenamedTitles) {
    MemoryFiles files;
    files.files["cv/refs.bib"] = refs;
    auto p = prepare(section("bib = [\"refs.bib\"]\ngroup = \"type\"\n"
                             "group_titles = { thesis = \"Dissertation\" }\n"
                             "[[section.entry]]\ntitle = \"Inline Talk\"\nauthors = [\"C. Li\"]\n"
                             "date = 2021\ntype = \"talk\"\n"),
                     files);
    std::string shape;
    for (const auto& x : p.list())
        shape += x.group_title.value + ":" + x.title.value.substr(0, 6) + "|";
    EXPECT_EQ(shape,
              "Journal Articles:A Jour|Conference Papers:XSP: A|Preprints:A Prep|"
              "Dissertation:Perfor|Talks:Inline|Other:Undate|");
}

TEST(Publications, NumbersCountUpOrDownPerSectionOrGroup) {
    auto numbers = [](const std::string& keys) {
        MemoryFiles files;
        files.files["cv/refs.bib"] = refs;
        auto p = prepare(section("bib = [\"refs.bib\"]\ngroup = \"type\"\n" + keys), files);
        std::string out;
        for (const auto& x : p.list()) out += x.number + " ";
        return out;
    };
    EXPECT_EQ(numbers(""), "     ");
    EXPECT_EQ(numbers("numbering = \"ascending\""), "1 2 3 4 5 ");
    EXPECT_EQ(numbers("numbering = \"descending\""), "5 4 3 2 1 ");
    EXPECT_EQ(numbers("numbering = \"descending\"\nnumber_scope = \"group\""), "1 1 1 1 1 ");
}

TEST(Publications, EtAlAfterMaxAuthorsButNeverBeforeTheOwner) {
    MemoryFiles files;
    files.files["cv/refs.bib"] =
        R"(@misc{a, title = {A}, author = {A One and B Two and C Three and Cheng Li}}
@misc{b, title = {B}, author = {Cheng Li and B Two and C Three and D Four}}
@misc{c, title = {C}, author = {Cheng Li and B Two}}
)";
    auto p = prepare(section("bib = [\"refs.bib\"]\nsort = \"none\"\nmax_authors = 2\n"), files);
    ASSERT_EQ(p.list().size(), 3u);
    EXPECT_EQ(p.list()[0].byline.size(), 4u);
    EXPECT_FALSE(p.list()[0].et_al);
    EXPECT_EQ(p.list()[1].byline.size(), 2u);
    EXPECT_TRUE(p.list()[1].et_al);
    EXPECT_EQ(p.list()[2].byline.size(), 2u);
    EXPECT_FALSE(p.list()[2].et_al);
}

TEST(Publications, NameStyleAppliesToImportedAndInlineNames) {
    const std::string entry =
        "[[section.entry]]\ntitle = \"T\"\nauthors = [\"Li, Cheng\", \"Abdul Dakkak\"]\n"
        "equal = [\"Li, Cheng\"]\n";
    MemoryFiles files;
    files.files["cv/refs.bib"] =
        "@misc{a, title = {A}, author = {Cheng Li and van Beethoven, Ludwig}}";
    auto as_typed = prepare(section(entry), files);
    EXPECT_EQ(as_typed.list()[0].byline[0].name, "Li, Cheng");
    EXPECT_TRUE(as_typed.list()[0].byline[0].owner && as_typed.list()[0].byline[0].equal);
    auto styled = prepare("[settings]\nauthor_names = \"initials\"\n" +
                              section("bib = [\"refs.bib\"]\nsort = \"none\"\n"
                                      "author_order = \"last-first\"\n" +
                                      entry),
                          files);
    ASSERT_EQ(styled.list().size(), 2u);
    EXPECT_EQ(styled.list()[0].byline[0].name, "Li, C.");
    EXPECT_EQ(styled.list()[0].byline[1].name, "Dakkak, A.");
    EXPECT_EQ(styled.list()[1].byline[1].name, "van Beethoven, L.");
}

TEST(Publications, OneBibFeedsTwoSectionsAndIsReadOnce) {
    MemoryFiles files;
    files.files["cv/refs.bib"] = refs;
    const std::string toml = section("bib = [\"refs.bib\"]\nkeyword = \"selected\"\n") +
                             "[[section]]\ntitle = \"All\"\nkind = \"publications\"\n"
                             "bib = [\"./refs.bib\"]\n";
    auto p = prepare(toml, files);
    EXPECT_EQ(p.list(0).size(), 1u);
    EXPECT_EQ(p.list(1).size(), 5u);
    EXPECT_EQ(files.reads["cv/refs.bib"], 1);
    EXPECT_EQ(files.sources.inputs().size(), 1u);
}

TEST(Publications, DuplicateKeysAcrossFilesKeepTheFirst) {
    MemoryFiles files;
    files.files["cv/a.bib"] = "@misc{k, title = {From A}, author = {Cheng Li}}";
    files.files["cv/b.bib"] = "\n@misc{k, title = {From B}, author = {Cheng Li}}";
    auto p = prepare(section("bib = [\"a.bib\", \"b.bib\"]\n"), files);
    EXPECT_EQ(p.codes(), "bib-duplicate-key@cv/b.bib:2 ");
    EXPECT_EQ(p.titles(), "From A");
}

// An empty list would be an empty list environment, which TeX refuses ("perhaps a missing
// \item"): the section is left out, and a warning at the section says why.
TEST(Publications, AnEmptyListIsLeftOutWithAWarning) {
    MemoryFiles files;
    files.files["cv/empty.bib"] = corpus("empty.bib");
    files.files["cv/refs.bib"] = refs;
    const std::string other =
        "[[section]]\ntitle = \"Skills\"\nkind = \"list\"\n"
        "[[section.entry]]\nitems = [\"C++\"]\n";
    auto empty_bib = prepare(section("bib = [\"empty.bib\"]\n") + other, files);
    EXPECT_EQ(empty_bib.codes(), "no-publications@cv/cv.toml:4 ");
    EXPECT_NE(empty_bib.sink.all()[0].message.find("empty.bib"), std::string::npos)
        << empty_bib.sink.all()[0].message;
    EXPECT_EQ(section_count(empty_bib), 1u);
    auto filtered = prepare(section("bib = [\"refs.bib\"]\nfrom = 2030\n") + other, files);
    EXPECT_EQ(filtered.codes(), "no-publications@cv/cv.toml:4 ");
    EXPECT_EQ(section_count(filtered), 1u);
    auto nothing = prepare(section("") + other, files);
    EXPECT_EQ(nothing.codes(), "empty-section@cv/cv.toml:4 ");
    EXPECT_EQ(section_count(nothing), 1u);
    // The section that is left is the other one.
    EXPECT_EQ(std::get<Cv>(nothing.doc.content).sections[0].title.value, "Skills");
}

// The keys of the entries in which the owner `name` is found.
std::string owned(const std::string& bib, const std::string& name) {
    MemoryFiles files;
    files.files["cv/refs.bib"] = corpus(bib);
    auto p = prepare(bib_section(name, "sort = \"none\"\n"), files);
    std::string out;
    for (const auto& x : p.list())
        if (std::any_of(x.byline.begin(), x.byline.end(), [](const auto& a) { return a.owner; }))
            out += (out.empty() ? "" : " ") + x.key;
    return out;
}

// Apostrophes and hyphens are compared alike whatever their spelling: the .bib side turns
// ' into ’, the TOML side keeps it.
TEST(Publications, OwnerMatchesAcrossApostrophesAndHyphens) {
    EXPECT_EQ(owned("owner-names.bib", "Brendan O'Connor"), "apostrophe curly dashes");
    EXPECT_EQ(owned("owner-names.bib", "Brendan O’Connor"), "apostrophe curly dashes");
    EXPECT_EQ(owned("owner-names.bib", "Julie Faivre-d'Arcier"), "apostrophe");
}

TEST(Publications, OwnerWithAOneWordOrCjkNameMatches) {
    EXPECT_EQ(owned("owner-names.bib", "Sukarno"), "onename");
    EXPECT_EQ(owned("owner-names.bib", "王建国"), "cjk cjkspaced");
    EXPECT_EQ(owned("owner-names.bib", "王 建国"), "cjk cjkspaced");
    EXPECT_EQ(owned("owner-names.bib", "任一"), "cjk");
}

TEST(Publications, OwnerMatchesInitialsWrittenJPAndJDotDashP) {
    EXPECT_EQ(owned("owner-names.bib", "Jean-Pierre Dupont"), "jp jdotp hyphen dashes");
    EXPECT_EQ(owned("owner-names.bib", "J.-P. Dupont"), "jp jdotp hyphen dashes");
    EXPECT_EQ(owned("owner-names.bib", "JP Dupont"), "jp jdotp hyphen dashes");
    EXPECT_EQ(owned("owner-names.bib", "Jean-Paul Dupont"), "jp jdotp");
}

// An arXiv id in any of its spellings links to its abstract page, labelled by the id.
TEST(Publications, ArxivTakesAnIdAPrefixOrAUrl) {
    MemoryFiles files;
    files.files["cv/refs.bib"] = corpus("arxiv-links.bib");
    auto p = prepare(section("bib = [\"refs.bib\"]\nsort = \"none\"\n"), files);
    decide_presentation(p.doc);
    EXPECT_EQ(p.codes(), "");
    std::string links;
    for (const auto& x : p.list()) {
        links += x.key + ":";
        for (const auto& l : x.links)
            if (l.kind != PublicationLink::Kind::url)
                links += (l.kind == PublicationLink::Kind::arxiv ? " arxiv " : " other ") +
                         l.text.value + " -> " + l.target;
        links += "\n";
    }
    EXPECT_EQ(links,
              "id: arxiv 1810.12169 -> https://arxiv.org/abs/1810.12169\n"
              "prefix: arxiv 1810.12169v2 -> https://arxiv.org/abs/1810.12169v2\n"
              "url: arxiv 1810.12169 -> https://arxiv.org/abs/1810.12169\n"
              "pdf: arxiv 1703.06633v3 -> https://arxiv.org/abs/1703.06633v3\n"
              "old: arxiv math/0501001 -> https://arxiv.org/abs/math/0501001\n"
              "biorxiv: other https://www.biorxiv.org/content/early/2020/10/08/"
              "2020.10.07.329383 -> https://www.biorxiv.org/content/early/2020/10/08/"
              "2020.10.07.329383\n"
              "category: arxiv 2207.12545 -> https://arxiv.org/abs/2207.12545\n"
              "eprinturl: arxiv 2505.22703 -> https://arxiv.org/abs/2505.22703\n");
}

// Marks homepages write into names are cvtex's marks: the owner is found, the byline marked.
TEST(Publications, MarksWrittenIntoNamesAreEqualAndCorrespondingMarks) {
    auto marked = [](const std::string& owner) {
        MemoryFiles files;
        files.files["cv/refs.bib"] = corpus("author-marks.bib");
        auto p = prepare(bib_section(owner, "sort = \"none\"\n"), files);
        decide_presentation(p.doc);
        std::string out;
        for (const auto& x : p.list()) {
            out += x.key + ":";
            for (const auto& a : x.byline)
                out += " " + a.name + (a.owner ? "!" : "") + (a.equal ? "*" : "") +
                       (a.corresponding ? "+" : "");
            out += "\n";
        }
        const Section& s = std::get<Cv>(p.doc.content).sections[0];
        return out + "legend:" + (s.legend.equal ? " equal" : "") +
               (s.legend.corresponding ? " corresponding" : "") + "\n" + p.codes();
    };
    EXPECT_EQ(marked("Zhewei Wei"),
              "trailing: Zhewei Wei!* Cheng Li Ji-Rong Wen+\n"
              "leading: Ce Pang* Sourabh Yadav* Chenxi Qiu\n"
              "math: J. Chiquet* M. Mariadassou* S. Robin+\n"
              "superscript: Julien Chiquet* Stéphane Robin+\n"
              "bold: Wanru Zhao* M. Yaghini* Nicolas Papernot\n"
              "combined: A. Einstein*+ J. Taylor*\n"
              "unknown: Yuzhang Shang Yong Jae Lee John Smith Ann Roe\n"
              "legend: equal corresponding\n"
              "owner-not-an-author@cv/refs.bib:15 owner-not-an-author@cv/refs.bib:16 "
              "owner-not-an-author@cv/refs.bib:18 "
              "owner-not-an-author@cv/refs.bib:20 owner-not-an-author@cv/refs.bib:22 "
              "owner-not-an-author@cv/refs.bib:23 bib-unknown-mark@cv/refs.bib:24 "
              "bib-unknown-mark@cv/refs.bib:24 bib-unknown-mark@cv/refs.bib:24 ");
    const std::string julien = marked("Julien Chiquet");
    EXPECT_NE(julien.find("math: J. Chiquet!*"), std::string::npos) << julien;
    EXPECT_NE(julien.find("superscript: Julien Chiquet!*"), std::string::npos) << julien;
    const std::string yaghini = marked("Mohammad Yaghini");
    EXPECT_NE(yaghini.find("bold: Wanru Zhao* M. Yaghini!*"), std::string::npos) << yaghini;
}

TEST(Publications, UnknownCommandsInNamesAreWarnedAndLeftOut) {
    MemoryFiles files;
    files.files["cv/refs.bib"] = corpus("name-commands.bib");
    auto p = prepare(bib_section("Julien Chiquet", "sort = \"none\"\n"), files);
    EXPECT_EQ(p.codes(), "bib-unknown-command@cv/refs.bib:10 ");
    ASSERT_EQ(p.list().size(), 2u);
    EXPECT_EQ(p.list()[0].byline[0].name, "Julien Chiquet");
    EXPECT_TRUE(p.list()[0].byline[0].owner);
    EXPECT_EQ(p.list()[1].byline[0].name, "Julien Chiquet");
    EXPECT_EQ(p.list()[1].byline[1].name, "Mahendra Mariadassou");
}

TEST(Publications, ABadUtf8ByteIsNamedAtItsOwnColumn) {
    MemoryFiles files;
    files.files["cv/refs.bib"] = corpus("latin1.bib");
    auto p = prepare(section("bib = [\"refs.bib\"]\n"), files);
    EXPECT_EQ(p.codes(), "bib-not-utf8@cv/refs.bib:3 ");
    EXPECT_EQ(p.sink.all()[0].span.column, 25u);  // the ü of M\xfcller
}

// A url with spaces is a note, not an address: printed as text, never linked to https://to...
TEST(Publications, AUrlWithSpacesIsNotLinked) {
    MemoryFiles files;
    files.files["cv/refs.bib"] = corpus("al-folio-fields.bib");
    auto p = prepare(bib_section("Julien Chiquet", "keys = [\"appear\"]\n"), files);
    decide_presentation(p.doc);
    EXPECT_EQ(p.codes(), "url-with-spaces@cv/refs.bib:8 ");
    ASSERT_EQ(p.list().at(0).links.size(), 1u);
    EXPECT_EQ(p.list()[0].links[0].target, "");
    EXPECT_EQ(p.list()[0].links[0].text.value, "to appear");
}

// Titles keep their formulas as markup; one outside the allow-list is a warning at the field.
TEST(Publications, FormulasInTitlesAreMarkupAndUnknownOnesAreWarned) {
    MemoryFiles files;
    files.files["cv/refs.bib"] = corpus("math-titles.bib");
    auto p = prepare(bib_section("Nobody", "sort = \"none\"\n"), files);
    EXPECT_EQ(p.codes(), "math-unsupported@cv/refs.bib:26 ");
    EXPECT_NE(p.sink.all()[0].message.find("'$\\foo{x}$'"), std::string::npos)
        << p.sink.all()[0].message;
    ASSERT_EQ(p.list().size(), 12u);
    EXPECT_EQ(p.list()[3].title.value, "$O(n \\log n)$ Sorting");
    EXPECT_EQ(p.list()[9].title.value, "The x Problem");
}

// al-folio's award field holds Markdown: it is markup, not literal asterisks.
TEST(Publications, MarkdownInTheAwardIsMarkup) {
    MemoryFiles files;
    files.files["cv/refs.bib"] = corpus("al-folio-fields.bib");
    auto p = prepare(bib_section("Julien Chiquet", "keys = [\"award\"]\n"), files);
    EXPECT_EQ(p.codes(), "");
    ASSERT_TRUE(p.list().at(0).award);
    EXPECT_EQ(markup::plain_text(p.list()[0].award->value), "Nobel Prize in Physics");
    EXPECT_EQ(markup::links(p.list()[0].award->value),
              std::vector<std::string>{"https://www.nobelprize.org/"});
}

TEST(GroupOfType, ArxivEntriesArePreprints) {
    EXPECT_EQ(group_of_type("article", "Nature", false), "article");
    EXPECT_EQ(group_of_type("Article", "arXiv preprint arXiv:2301.12017", false), "preprint");
    EXPECT_EQ(group_of_type("article", "CoRR", false), "preprint");
    EXPECT_EQ(group_of_type("misc", "", true), "preprint");
    EXPECT_EQ(group_of_type("misc", "", false), "other");
    EXPECT_EQ(group_of_type("inproceedings", "", false), "conference");
    EXPECT_EQ(group_of_type("mastersthesis", "", false), "thesis");
    EXPECT_EQ(group_of_type("incollection", "", false), "book");
    EXPECT_EQ(group_of_type("techreport", "", false), "report");
    EXPECT_EQ(group_of_type("patent", "", false), "other");
}

TEST(BibNames, ConvertsLatexInEveryPart) {
    bool others = false;
    const auto names =
        bib_names("M{\\\"u}ller, J{\\\"o}rg and {\\'E}mile de la Z{\\'e}ro and others", &others);
    ASSERT_EQ(names.size(), 2u);
    EXPECT_TRUE(others);
    EXPECT_EQ(format_name(names[0], NameForm::full, NameOrder::first_last), "Jörg Müller");
    EXPECT_EQ(format_name(names[1], NameForm::initials, NameOrder::last_first), "de la Zéro, É.");
}

}  // namespace
}  // namespace cvtex
