// End-to-end tests of packets (issue 11): the example packet built with the real pdflatex, its
// PDFs read back with pdftotext and libqpdf (bookmarks), and the failure paths.
#define POINTERHOLDER_TRANSITION 4  // qpdf 11: std::shared_ptr only
#include <gtest/gtest.h>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFOutlineDocumentHelper.hh>

#include <sys/stat.h>

#include <filesystem>
#include <map>

#include "../support/run.hpp"
#include "cvtex/engine/engine.hpp"

namespace cvtex {
namespace {

namespace fs = std::filesystem;

std::string pdftotext(const fs::path& pdf) {
    auto r = test::run({"pdftotext", "-enc", "UTF-8", pdf.string(), "-"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return test::squeeze(r.out);
}

// The top-level bookmarks of a PDF, and the page count.
struct Outline {
    std::vector<std::string> titles;
    std::vector<std::vector<std::string>> kids;  // each top-level bookmark's children
    std::size_t pages = 0;
};

Outline outline(const fs::path& pdf) {
    Outline o;
    QPDF q;
    q.setSuppressWarnings(true);
    q.processFile(pdf.string().c_str());
    o.pages = q.getAllPages().size();
    QPDFOutlineDocumentHelper helper(q);
    for (auto& top : helper.getTopLevelOutlines()) {
        o.titles.push_back(top.getTitle());
        auto& kids = o.kids.emplace_back();
        for (auto& kid : top.getKids()) kids.push_back(kid.getTitle());
    }
    return o;
}

// The example packet, copied into a temporary directory (with the .bib it cites), so that
// its applications/ folder is written there.
class Packet : public ::testing::Test {
  protected:
    void SetUp() override {
        fs::copy(fs::path(CVTEX_EXAMPLES_DIR) / "packet", dir_.path() / "packet",
                 fs::copy_options::recursive);
        fs::remove_all(dir_.path() / "packet" / "applications");
        fs::copy_file(fs::path(CVTEX_EXAMPLES_DIR) / "cheng-li.bib", dir_.path() / "cheng-li.bib");
    }
    test::Result packet(std::vector<std::string> extra = {}) {
        std::vector<std::string> args{CVTEX_BINARY, "packet",
                                      (dir_.path() / "packet/packet.toml").string()};
        args.insert(args.end(), extra.begin(), extra.end());
        return test::run(args, {"SOURCE_DATE_EPOCH=1700000000"});
    }
    fs::path app(const std::string& name) const {
        return dir_.path() / "packet/applications" / name;
    }
    void edit(const std::string& file, const std::string& from, const std::string& to) {
        const fs::path path = dir_.path() / "packet" / file;
        std::string text = test::slurp(path.string());
        const auto at = text.find(from);
        ASSERT_NE(at, std::string::npos) << from;
        text.replace(at, from.size(), to);
        test::write(path.string(), text);
    }

    test::TempDir dir_;
};

TEST_F(Packet, EachApplicationGetsItsFolderAndACombinedPdfWithBookmarks) {
    const auto r = packet({"-j", "2"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("stanford"), std::string::npos) << r.out;
    for (const std::string name : {"stanford", "mit"}) {
        for (const std::string doc : {"letter", "cv", "research", "teaching"})
            EXPECT_TRUE(fs::exists(app(name) / (doc + ".pdf"))) << name << "/" << doc;
        const Outline o = outline(app(name) / (name + ".pdf"));
        EXPECT_EQ(o.titles, (std::vector<std::string>{"Cover Letter", "CV", "Research Statement",
                                                      "Teaching Statement"}));
        std::size_t pages = 0;
        for (const std::string doc : {"letter", "cv", "research", "teaching"})
            pages += outline(app(name) / (doc + ".pdf")).pages;
        EXPECT_EQ(o.pages, pages) << name;
        // The CV's own section bookmarks are kept under its bookmark.
        ASSERT_EQ(o.kids.size(), 4u);
        EXPECT_NE(std::find(o.kids[1].begin(), o.kids[1].end(), "Education"), o.kids[1].end());
    }
}

TEST_F(Packet, EachInstitutionIsNamedInItsOwnLetterOnly) {
    ASSERT_EQ(packet().exit_code, 0);
    const std::string stanford = pdftotext(app("stanford") / "letter.pdf");
    const std::string mit = pdftotext(app("mit") / "letter.pdf");
    EXPECT_NE(stanford.find("Stanford University"), std::string::npos) << stanford;
    EXPECT_NE(stanford.find("Stanford Artificial Intelligence Laboratory"), std::string::npos);
    EXPECT_EQ(stanford.find("Massachusetts"), std::string::npos);
    EXPECT_NE(mit.find("Massachusetts Institute of Technology"), std::string::npos) << mit;
    EXPECT_NE(mit.find("CSAIL"), std::string::npos);
    EXPECT_EQ(mit.find("Stanford"), std::string::npos);
    // Nor in any other document of the other application.
    for (const std::string doc : {"cv", "research", "teaching"})
        EXPECT_EQ(pdftotext(app("stanford") / (doc + ".pdf")).find("Massachusetts"),
                  std::string::npos);
}

TEST_F(Packet, TheShortVariantLeavesOutWhatIsTaggedFull) {
    ASSERT_EQ(packet().exit_code, 0);
    const std::string full = pdftotext(app("stanford") / "cv.pdf");
    const std::string shorter = pdftotext(app("mit") / "cv.pdf");
    for (const std::string fact :
         {"University of Michigan", "Alibaba Group", "IBM Thomas J. Watson Research Center",
          "Outstanding Teaching Assistant"}) {
        EXPECT_NE(full.find(fact), std::string::npos) << fact;
        EXPECT_EQ(shorter.find(fact), std::string::npos) << fact;
    }
    for (const std::string fact : {"Microsoft", "Shanghai Jiao Tong University",
                                   "Best Paper Award, IPDPS", "Lead Teaching Assistant"})
        EXPECT_NE(shorter.find(fact), std::string::npos) << fact;
    // Its sections in the variant's order: teaching last.
    EXPECT_LT(shorter.find("Awards"), shorter.find("Teaching"));
    EXPECT_GT(full.find("Awards"), full.find("Teaching"));
}

TEST_F(Packet, AStatementsCitationsBecomeItsReferences) {
    ASSERT_EQ(packet().exit_code, 0);
    const std::string research = pdftotext(app("stanford") / "research.pdf");
    EXPECT_NE(research.find("XSP [1] correlates"), std::string::npos) << research;
    EXPECT_NE(research.find("Benanza [2]"), std::string::npos);
    const auto refs = research.find("References");
    ASSERT_NE(refs, std::string::npos);
    EXPECT_NE(research.find("[1] XSP: Across-Stack Profiling", refs), std::string::npos);
    EXPECT_NE(research.find("[5] DeepSpeed", refs), std::string::npos) << research.substr(refs);
    EXPECT_NE(research.find("Cheng Li", refs), std::string::npos);
    // The teaching statement numbers its own references from 1.
    EXPECT_NE(pdftotext(app("stanford") / "teaching.pdf").find("MLModelScope [1]"),
              std::string::npos);
}

TEST_F(Packet, APageLimitIsAnErrorUnlessOverflowIsAllowed) {
    edit("packet.toml", "max_pages = { cv = 2 }", "max_pages = { cv = 1 }");
    auto r = packet();
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("packet.toml:50:20: error"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("error: variant 'short' of the CV has 2 pages, more than its limit of 1"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.out.find("failed: 1 error"), std::string::npos) << r.out;
    // The other application is built all the same; the failing one writes nothing, not even
    // the documents that built.
    EXPECT_TRUE(fs::exists(app("stanford") / "stanford.pdf"));
    EXPECT_FALSE(fs::exists(app("mit") / "mit.pdf"));
    EXPECT_FALSE(fs::exists(app("mit") / "cv.pdf"));
    EXPECT_FALSE(fs::exists(app("mit") / "letter.pdf"));
    r = packet({"--allow-overflow"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("warning: variant 'short' of the CV has 2 pages"), std::string::npos);
    EXPECT_TRUE(fs::exists(app("mit") / "mit.pdf"));
}

// An application that fails after a good build keeps that build's folder, all of a piece: a
// new letter beside the old CV and the old combined PDF would be sent as one.
TEST_F(Packet, AFailedApplicationKeepsItsLastGoodFolderWhole) {
    ASSERT_EQ(packet().exit_code, 0);
    const std::string letter = test::slurp(app("mit") / "letter.pdf");
    const std::string combined = test::slurp(app("mit") / "mit.pdf");
    edit("letters/mit.md", "I enclose", "I attach");  // the letter changes and builds
    edit("packet.toml", "max_pages = { cv = 2 }", "max_pages = { cv = 1 }");  // the CV fails
    const auto r = packet();
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(test::slurp(app("mit") / "letter.pdf") == letter) << "the new letter was written";
    EXPECT_TRUE(test::slurp(app("mit") / "mit.pdf") == combined);
}

TEST_F(Packet, TwoJobsGiveTheSamePdfsAsOne) {
    ASSERT_EQ(packet({"-j", "1", "--force"}).exit_code, 0);
    std::map<std::string, std::string> one;
    for (const auto& e : fs::recursive_directory_iterator(dir_.path() / "packet/applications"))
        if (e.is_regular_file()) one[e.path().string()] = test::slurp(e.path().string());
    fs::remove_all(dir_.path() / "packet/applications");
    ASSERT_EQ(packet({"-j", "2", "--force"}).exit_code, 0);
    EXPECT_EQ(one.size(), 10u);
    for (const auto& [path, bytes] : one) EXPECT_EQ(test::slurp(path), bytes) << path;
}

// Every PDF of the packet with its inode and modification time.
std::map<std::string, std::pair<ino_t, std::int64_t>> pdf_ids(const fs::path& dir) {
    std::map<std::string, std::pair<ino_t, std::int64_t>> out;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        struct stat st {};
        if (e.path().extension() == ".pdf" && stat(e.path().c_str(), &st) == 0)
            out[fs::relative(e.path(), dir).string()] = {
                st.st_ino, st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec};
    }
    return out;
}

TEST_F(Packet, NothingChangedRunsNoTexAndTouchesNoPdf) {
    // --force: typeset everything (whatever an earlier test left in the shared cache).
    const auto first = packet({"--force", "-v"});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_NE(first.err.find("cvtex: 10 PDFs, 10 written; 7 typeset, 0 from the cache ("),
              std::string::npos)
        << first.err;
    const auto before = pdf_ids(dir_.path() / "packet/applications");
    ASSERT_EQ(before.size(), 10u);
    const auto again = packet({"-v"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.err.find("cvtex: 10 PDFs, 0 written; 0 typeset, 7 from the cache ("),
              std::string::npos)
        << again.err;
    EXPECT_EQ(pdf_ids(dir_.path() / "packet/applications"), before);
}

TEST_F(Packet, AnEditedLetterIsTheOnlyDocumentTypesetAgain) {
    ASSERT_EQ(packet({"--force"}).exit_code, 0);
    const auto before = pdf_ids(dir_.path() / "packet/applications");
    // Words no earlier run can have left in the shared cache: this run's directory name.
    const std::string words = "and its people " + dir_.path().filename().string();
    edit("letters/mit.md", "{{lab}}", "{{lab}} " + words);
    const auto r = packet({"-v"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("cvtex: 10 PDFs, 2 written; 1 typeset, 6 from the cache ("),
              std::string::npos)
        << r.err;
    const auto after = pdf_ids(dir_.path() / "packet/applications");
    for (const auto& [path, id] : before) {
        const bool rewritten = path == "mit/letter.pdf" || path == "mit/mit.pdf";
        EXPECT_EQ(after.at(path) != id, rewritten) << path;
    }
    EXPECT_NE(pdftotext(app("mit") / "letter.pdf").find(words), std::string::npos);
}

TEST_F(Packet, QuietPrintsNothing) {
    const auto r = packet({"-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "");
}

// On a terminal (script(1) gives it one), the engines' progress is one line, erased at the
// end; not on a terminal (every other test), none.
TEST_F(Packet, ATerminalSeesTheProgressOnOneLine) {
    if (find_in_path("script").empty()) GTEST_SKIP() << "script (util-linux) is not installed";
    const std::string command = std::string(CVTEX_BINARY) + " packet --force -j 1 " +
                                (dir_.path() / "packet/packet.toml").string() + " 2>&1";
    const auto r =
        test::run({"script", "-qec", command, "/dev/null"}, {"SOURCE_DATE_EPOCH=1700000000"});
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_NE(r.out.find("\rcvtex: typesetting 1/7\x1b[K"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\rcvtex: typesetting 7/7\x1b[K\r\x1b[K"), std::string::npos) << r.out;
    const auto plain = packet({"--force"});
    EXPECT_EQ(plain.err.find("typesetting"), std::string::npos) << plain.err;
}

TEST_F(Packet, TheDepfileNamesEveryOutputAndEveryFileRead) {
    const fs::path p = dir_.path() / "packet";
    const auto r = packet({"-M", "-MP"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string d = test::slurp((p / "packet.d").string());
    const std::string head = d.substr(0, d.find(": \\\n"));
    for (const std::string out : {"applications/mit/letter.pdf", "applications/mit/mit.pdf",
                                  "applications/stanford/teaching.pdf"})
        EXPECT_NE(head.find((p / out).string()), std::string::npos) << out << "\n" << d;
    for (const std::string in : {"packet.toml", "cv.toml", "letters/mit.md", "letters/stanford.md",
                                 "research.toml", "research.md", "teaching.md", "../cheng-li.bib"})
        EXPECT_NE(d.find("  " + (p / in).lexically_normal().string()), std::string::npos)
            << in << "\n"
            << d;
    EXPECT_NE(d.find("cvtex.cls"), std::string::npos);
    EXPECT_NE(d.find("\n" + (p / "letters/mit.md").string() + ":\n"), std::string::npos)
        << "-MP: a phony rule per prerequisite\n"
        << d;
    // -MT names the target instead, and --depfile puts the file elsewhere.
    const auto t = packet({"--depfile", (dir_.path() / "season.d").string(), "-MT", "season"});
    ASSERT_EQ(t.exit_code, 0) << t.err;
    EXPECT_TRUE(test::slurp(dir_ / "season.d").starts_with("season: \\\n"))
        << test::slurp(dir_ / "season.d");
}

// The depfile may not replace a file the season reads (a letter's body here): nothing is
// written, exit status 2, as for a single build.
TEST_F(Packet, TheDepfileMayNotReplaceAnInput) {
    const fs::path body = dir_.path() / "packet" / "letters" / "mit.md";
    const std::string before = test::slurp(body);
    const auto r = packet({"--depfile", body.string()});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("error: refusing to overwrite"), std::string::npos) << r.err;
    EXPECT_EQ(test::slurp(body), before);
    EXPECT_FALSE(fs::exists(dir_.path() / "packet" / "applications" / "mit" / "mit.pdf"));
}

TEST_F(Packet, OnlyBuildsTheApplicationsNamed) {
    const auto r = packet({"--only", "mit"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(fs::exists(app("mit") / "mit.pdf"));
    EXPECT_FALSE(fs::exists(app("stanford")));
    const auto bad = packet({"--only", "standford"});
    EXPECT_EQ(bad.exit_code, 2) << "a bad command line";
    EXPECT_EQ(bad.err,
              "--only: error: no application called 'standford'\nhint: did you mean 'stanford'?\n"
              "cvtex: 1 error\n");
}

TEST_F(Packet, UnknownVariablesVariantsAndDocumentsAreLocated) {
    edit("letters/mit.md", "{{lab}}", "{{labb}}");
    edit("packet.toml", "variant = \"short\"", "variant = \"shrot\"");
    edit("packet.toml", "order = [\"letter\", \"cv\", \"research\", \"teaching\"]",
         "order = [\"letter\", \"cv\", \"reserch\", \"teaching\"]");
    auto r = packet();
    EXPECT_EQ(r.exit_code, 1);
    const std::string p = (dir_.path() / "packet/packet.toml").string();
    EXPECT_NE(r.err.find(p + ":10:26: error: no document called 'reserch'"), std::string::npos)
        << r.err;
    edit("packet.toml", "\"reserch\"", "\"research\"");
    r = packet();
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find(p + ":47:11: error: " + (dir_.path() / "packet/cv.toml").string() +
                         " has no variant called 'shrot'\n"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("hint: did you mean 'short'?"), std::string::npos);
    const std::string md = (dir_.path() / "packet/letters/mit.md").string();
    EXPECT_NE(r.err.find(md + ":5:76: error: unknown variable 'labb'\n"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("hint: did you mean 'lab'?"), std::string::npos);
    // The stanford application has neither problem and is built.
    EXPECT_TRUE(fs::exists(app("stanford") / "stanford.pdf"));
}

}  // namespace
}  // namespace cvtex
