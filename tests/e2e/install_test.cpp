// The installation: `cmake --install` into a prefix that is then moved, a build from another
// directory with the moved copy, the man page through man(1), and the completion scripts,
// loaded in bash and checked against every command's --help so that neither drifts.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>

#include "../support/run.hpp"
#include "cvtex/engine/engine.hpp"

namespace cvtex {
namespace {

namespace fs = std::filesystem;

// One installation for the whole suite: installed to PREFIX/a, then moved to PREFIX/b.
class Installed : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new test::TempDir;
        const auto r = test::run({"cmake", "--install", CVTEX_BUILD_DIR, "--prefix", *dir_ / "a"});
        installed_ = r.exit_code == 0;
        if (!installed_) std::fprintf(stderr, "%s%s", r.out.c_str(), r.err.c_str());
        fs::rename(*dir_ / "a", *dir_ / "b");
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }
    void SetUp() override { ASSERT_TRUE(installed_) << "cmake --install failed"; }
    static std::string prefix() { return *dir_ / "b"; }
    static std::string bin() { return prefix() + "/bin/cvtex"; }

    static test::TempDir* dir_;
    static bool installed_;
};
test::TempDir* Installed::dir_ = nullptr;
bool Installed::installed_ = false;

TEST_F(Installed, TheMovedPrefixBuildsTheExampleFromAnotherDirectory) {
    test::TempDir work;
    fs::copy_file(std::string(CVTEX_EXAMPLES_DIR) + "/cheng-li-bib.toml", work / "cv.toml");
    fs::copy_file(std::string(CVTEX_EXAMPLES_DIR) + "/cheng-li.bib", work / "cheng-li.bib");
    const auto r = test::run({bin(), "build", "cv.toml", "-M"},
                             {"XDG_CACHE_HOME=" + (work / "cache")}, work.path().string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(test::slurp(work / "cv.pdf").starts_with("%PDF"));
    // The class came from the moved prefix, not from the source tree.
    EXPECT_NE(test::slurp(work / "cv.pdf.d").find(prefix() + "/share/cvtex/cls/cvtex.cls"),
              std::string::npos)
        << test::slurp(work / "cv.pdf.d");
    // `cvtex new` names the schema by a path relative to the CV, and writes it there: an
    // absolute path into the prefix would break in a checkout on another machine.
    ASSERT_EQ(test::run({bin(), "new", "Ada Lovelace", "-o", work / "new.toml"}).exit_code, 0);
    EXPECT_TRUE(test::slurp(work / "new.toml").starts_with("#:schema cvtex.schema.json\n"));
    EXPECT_EQ(test::slurp(work / "cvtex.schema.json"), test::run({bin(), "schema"}).out);
    EXPECT_TRUE(fs::exists(prefix() + "/share/cvtex/schema/cvtex.schema.json"));
}

// A packet combines its PDFs through the PDF module, which the moved binary finds in its own
// prefix (glibc's LD_DEBUG names every library it loads); cvtex itself does not need libqpdf.
TEST_F(Installed, TheMovedPrefixCombinesAPacketWithItsOwnPdfModule) {
    const std::string module = prefix() + "/lib/cvtex/cvtex-pdf.so";
    ASSERT_TRUE(fs::exists(module));
    const auto needed = test::run({"readelf", "-d", bin()});
    ASSERT_EQ(needed.exit_code, 0) << needed.err;
    EXPECT_NE(needed.out.find("(NEEDED)"), std::string::npos);
    EXPECT_EQ(needed.out.find("qpdf"), std::string::npos) << needed.out;

    test::TempDir work;
    fs::copy(fs::path(CVTEX_EXAMPLES_DIR) / "packet", work.path() / "packet",
             fs::copy_options::recursive);
    fs::remove_all(work.path() / "packet/applications");
    fs::copy_file(fs::path(CVTEX_EXAMPLES_DIR) / "cheng-li.bib", work / "cheng-li.bib");
    const auto r =
        test::run({bin(), "packet", "packet/packet.toml", "--only", "mit"},
                  {"XDG_CACHE_HOME=" + (work / "cache"), "LD_DEBUG=files"}, work.path().string());
    ASSERT_EQ(r.exit_code, 0) << r.err.substr(r.err.size() > 3000 ? r.err.size() - 3000 : 0);
    EXPECT_TRUE(test::slurp(work / "packet/applications/mit/mit.pdf").starts_with("%PDF"));
    EXPECT_NE(r.err.find("file=" + module), std::string::npos) << "the module was not loaded";
}

// A PDF module of the same version from another build (here: one that accepts any cvtex of
// its version, and aborts if called) is passed over, not called: cvtex and its module check
// the version and a digest of their interface. The binary copied beside it falls back to the
// module its build made.
TEST_F(Installed, APdfModuleOfAnotherBuildIsPassedOver) {
    test::TempDir work;
    fs::create_directories(work / "p/bin");
    fs::copy_file(bin(), work / "p/bin/cvtex");
    fs::copy(prefix() + "/share", work / "p/share", fs::copy_options::recursive);
    fs::copy_file(CVTEX_OLD_PDF_MODULE, work / "p/bin/cvtex-pdf.so");
    fs::copy(fs::path(CVTEX_EXAMPLES_DIR) / "packet", work.path() / "packet",
             fs::copy_options::recursive);
    fs::remove_all(work.path() / "packet/applications");
    fs::copy_file(fs::path(CVTEX_EXAMPLES_DIR) / "cheng-li.bib", work / "cheng-li.bib");
    const auto r =
        test::run({work / "p/bin/cvtex", "packet", "packet/packet.toml", "--only", "mit"},
                  {"XDG_CACHE_HOME=" + (work / "cache"), "LD_DEBUG=files"}, work.path().string());
    ASSERT_EQ(r.exit_code, 0) << r.err.substr(r.err.size() > 3000 ? r.err.size() - 3000 : 0);
    EXPECT_TRUE(test::slurp(work / "packet/applications/mit/mit.pdf").starts_with("%PDF"));
    EXPECT_NE(r.err.find("file=" + (work / "p/bin/cvtex-pdf.so")), std::string::npos)
        << "the other build's module was not tried";
}

TEST_F(Installed, ManRendersThePage) {
    if (find_in_path("man").empty())
        GTEST_SKIP() << "man is not installed (apt-get install man-db)";
    const auto r = test::run({"man", "--warnings", "-l", prefix() + "/share/man/man1/cvtex.1.gz"},
                             {"MANWIDTH=80", "MANPAGER=cat", "PAGER=cat"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "") << "groff warnings";
    EXPECT_NE(r.out.find("cvtex - typeset a CV written in TOML, through LaTeX, to PDF"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("EXIT STATUS"), std::string::npos);
}

// `cvtex SUB --help` for every command, and the options each names.
std::set<std::string> help_options(const std::string& cvtex) {
    std::set<std::string> out;
    const std::regex option(R"((^|[ ,])(--?[A-Za-z][A-Za-z-]*))");
    for (const std::string sub :
         {"", "build", "watch", "check", "new", "import", "schema", "packet", "theme"}) {
        std::vector<std::string> args{cvtex};
        if (!sub.empty()) args.push_back(sub);
        args.push_back("--help");
        const auto r = test::run(args);
        std::istringstream lines(r.out);
        for (std::string line; std::getline(lines, line);) {
            if (!line.starts_with("  -")) continue;  // an option's line, not its description
            const std::string names = line.substr(0, line.find_first_of(" ", 2));
            for (std::sregex_iterator it(names.begin(), names.end(), option), end; it != end; ++it)
                out.insert((*it)[2]);
        }
    }
    return out;
}

std::string unroff(std::string page) {
    for (std::size_t at; (at = page.find("\\-")) != std::string::npos;) page.replace(at, 2, "-");
    return page;
}

TEST_F(Installed, TheManPageAndTheCompletionsNameEveryOptionOfHelp) {
    const std::set<std::string> options = help_options(bin());
    ASSERT_GT(options.size(), 20u);
    ASSERT_TRUE(options.count("--depfile-target") && options.count("-M")) << "no build options?";
    const std::string man =
        unroff(test::run({"gzip", "-dc", prefix() + "/share/man/man1/cvtex.1.gz"}).out);
    ASSERT_NE(man.find(".TH CVTEX 1"), std::string::npos);
    const std::string bash = test::slurp(prefix() + "/share/bash-completion/completions/cvtex");
    const std::string zsh = test::slurp(prefix() + "/share/zsh/vendor-completions/_cvtex");
    const std::regex word(
        "(^|[^A-Za-z-])"
        "(--?[A-Za-z][A-Za-z-]*)");
    for (const auto& o : options) {
        const std::regex exact("(^|[^A-Za-z-])" + o + "([^A-Za-z-]|$)");
        EXPECT_TRUE(std::regex_search(man, exact)) << o << " is not in the man page";
        EXPECT_TRUE(std::regex_search(bash, exact)) << o << " is not in the bash completion";
        EXPECT_TRUE(std::regex_search(zsh, exact)) << o << " is not in the zsh completion";
    }
    // And the man page documents no option that cvtex does not have: every option it heads
    // an entry with (the line after .TP) is in --help, or is one of gcc's spellings of the
    // depfile options, which are translated before parsing.
    const std::set<std::string> gcc{"-MF", "-MT", "-MP"};
    std::istringstream lines(man);
    bool head = false;
    for (std::string line; std::getline(lines, line); head = line == ".TP") {
        if (!head || line.find(".SH EXIT") != std::string::npos) continue;
        for (std::sregex_iterator it(line.begin(), line.end(), word), end; it != end; ++it) {
            const std::string o = (*it)[2];
            EXPECT_TRUE(options.count(o) || gcc.count(o)) << o << " is in the man page only";
        }
    }
}

// Completes `words` (the last one being completed) with the installed bash completion.
std::string complete(const std::string& script, const std::vector<std::string>& words,
                     const std::string& cwd = "") {
    std::string array;
    for (const auto& w : words) array += " '" + w + "'";
    const std::string program = "source '" + script + "' && COMP_WORDS=(" + array +
                                ") && COMP_CWORD=" + std::to_string(words.size() - 1) +
                                " && _cvtex && printf '%s\\n' \"${COMPREPLY[@]}\"";
    return test::run({"bash", "--norc", "--noprofile", "-c", program}, {}, cwd).out;
}

TEST_F(Installed, BashLoadsTheCompletionAndCompletes) {
    if (find_in_path("bash").empty()) GTEST_SKIP() << "bash is not installed";
    const std::string script = prefix() + "/share/bash-completion/completions/cvtex";
    const auto loaded = test::run(
        {"bash", "--norc", "--noprofile", "-c", "source '" + script + "' && complete -p cvtex"});
    EXPECT_EQ(loaded.exit_code, 0) << loaded.err;
    EXPECT_EQ(loaded.out, "complete -o filenames -F _cvtex cvtex\n");
    EXPECT_EQ(complete(script, {"cvtex", "wa"}), "watch\n");
    EXPECT_EQ(complete(script, {"cvtex", "build", "cv.toml", "--engine", "lu"}), "lualatex\n");
    EXPECT_EQ(complete(script, {"cvtex", "-q", "build", "--depfile-"}), "--depfile-target\n");
    EXPECT_EQ(complete(script, {"cvtex", "build", "cheng-li."}, CVTEX_EXAMPLES_DIR),
              "cheng-li.toml\n");
}

TEST_F(Installed, ZshReadsTheCompletion) {
    if (find_in_path("zsh").empty()) GTEST_SKIP() << "zsh is not installed";
    const auto r = test::run({"zsh", "-n", prefix() + "/share/zsh/vendor-completions/_cvtex"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
}

}  // namespace
}  // namespace cvtex
