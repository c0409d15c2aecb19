// End-to-end: every complete document in docs/class.md (a CV, a letter, a statement, written
// by hand with the class's macros) builds with the real pdflatex, with a clean log, so the
// page that tells people how to use the class by hand cannot drift from the class.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "../support/run.hpp"

namespace cvtex {
namespace {

namespace fs = std::filesystem;

const std::string source_dir = fs::path(CVTEX_EXAMPLES_DIR).parent_path().string();

// The ```latex blocks of docs/class.md that are whole documents.
std::vector<std::string> documents_in_class_md() {
    const std::string page = test::slurp(source_dir + "/docs/class.md");
    const std::regex block("```latex\n([^`]*)```");
    std::vector<std::string> out;
    for (std::sregex_iterator it(page.begin(), page.end(), block), end; it != end; ++it)
        if (const std::string text = (*it)[1]; text.starts_with("\\documentclass") &&
                                               text.find("\\end{document}") != std::string::npos)
            out.push_back(text);
    return out;
}

TEST(ClassDocs, EveryCompleteExampleBuildsWithACleanLog) {
    const auto documents = documents_in_class_md();
    ASSERT_GE(documents.size(), 3u) << "the CV, the letter and the statement";
    test::TempDir tmp;
    for (std::size_t i = 0; i < documents.size(); ++i) {
        const std::string name = "doc" + std::to_string(i);
        test::write(tmp / (name + ".tex"), documents[i]);
        const auto r = test::run({"pdflatex", "-interaction=nonstopmode", "-halt-on-error",
                                  "-no-shell-escape", name + ".tex"},
                                 {"TEXINPUTS=" + source_dir + "/cls//:"}, tmp.path().string());
        EXPECT_EQ(r.exit_code, 0) << documents[i] << "\n" << r.out;
        const std::string log = test::slurp(tmp / (name + ".log"));
        for (const char* bad : {"Overfull", "Underfull", "Warning", "Rerun to"})
            EXPECT_EQ(log.find(bad), std::string::npos) << bad << " in the log of\n"
                                                        << documents[i];
        EXPECT_TRUE(fs::exists(tmp / (name + ".pdf")));
    }
}

}  // namespace
}  // namespace cvtex
