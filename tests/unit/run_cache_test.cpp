// Tests of the cache of engine runs (packets): what is stored, what makes a key differ, and
// what is never trusted. A fake engine stands for TeX.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <functional>
#include <set>

#include "../support/fake_engine.hpp"
#include "../support/run.hpp"
#include "cvtex/engine/run_cache.hpp"

namespace cvtex {
namespace {

namespace fs = std::filesystem;
using test::FakeEngine;

struct Cache {
    test::TempDir dir;
    FakeEngine inner{[](const EngineJob& job) {
        EngineResult r;
        r.status = EngineStatus::ok;
        r.pdf = "%PDF-1 " + job.tex;
        r.pages = 3;
        return r;
    }};
    std::string cache_dir() const { return dir / "runs"; }
    EngineJob job() const {
        EngineJob j;
        j.tex = "\\documentclass{cvtex}\n";
        j.class_dir = dir / "cls";
        return j;
    }
    Cache() {
        fs::create_directories(dir.path() / "cls");
        test::write(dir / "cls/cvtex.cls", "% class\n");
    }
};

TEST(RunCache, TheSecondRunOfAJobRunsNoTex) {
    Cache c;
    CachedEngine engine(c.inner, c.cache_dir(), "cvtex test");
    const EngineResult first = engine.run(c.job());
    const EngineResult second = engine.run(c.job());
    EXPECT_EQ(c.inner.jobs.size(), 1u);
    EXPECT_EQ(second.status, EngineStatus::ok);
    EXPECT_EQ(second.pdf, first.pdf);
    EXPECT_EQ(second.pages, 3);
    EXPECT_EQ(engine.hits(), 1u);
    EXPECT_EQ(engine.misses(), 1u);
    struct stat st {};
    ASSERT_EQ(stat(c.cache_dir().c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0700u);
}

TEST(RunCache, EverythingThatGoesIntoThePdfChangesTheKey) {
    Cache c;
    CachedEngine engine(c.inner, c.cache_dir(), "cvtex test");
    std::set<std::string> keys{engine.key(c.job())};
    EXPECT_EQ(engine.key(c.job()), *keys.begin());
    const std::vector<std::function<void(EngineJob&)>> changes = {
        [](EngineJob& j) { j.tex += "x"; },
        [](EngineJob& j) { j.engine = "xelatex"; },
        [](EngineJob& j) { j.source_date_epoch = "1700000000"; },
        [](EngineJob& j) {
            j.files.push_back({"sig.png", "PNG"});
        },
        [](EngineJob& j) { j.max_passes = 2; },
    };
    for (std::size_t i = 0; i < changes.size(); ++i) {
        EngineJob j = c.job();
        changes[i](j);
        EXPECT_TRUE(keys.insert(engine.key(j)).second) << "change " << i;
    }
    test::write(c.dir / "cls/cvtex.lua", "-- lua\n");
    EXPECT_TRUE(keys.insert(engine.key(c.job())).second) << "the class's Lua code changed";
    test::write(c.dir / "cls/cvtex.cls", "% class, edited\n");
    EXPECT_TRUE(keys.insert(engine.key(c.job())).second) << "the class changed";
    CachedEngine other(c.inner, c.cache_dir(), "cvtex other");
    EXPECT_TRUE(keys.insert(other.key(c.job())).second) << "another cvtex";
}

TEST(RunCache, ARunWithWarningsOrAFailureIsNotStored) {
    Cache c;
    FakeEngine warns{[](const EngineJob&) {
        return FakeEngine::from_log(EngineStatus::ok,
                                    "Overfull \\hbox (12.0pt too wide) in paragraph at lines "
                                    "3--4\n");
    }};
    FakeEngine fails(EngineStatus::tex_error);
    for (FakeEngine* inner : {&warns, &fails}) {
        CachedEngine engine(*inner, c.cache_dir(), "cvtex test");
        engine.run(c.job());
        engine.run(c.job());
        EXPECT_EQ(inner->jobs.size(), 2u);
        EXPECT_EQ(engine.hits(), 0u);
    }
}

TEST(RunCache, KeepBuildAndAnEmptyDirectoryBypassIt) {
    Cache c;
    CachedEngine none(c.inner, "", "cvtex test");
    none.run(c.job());
    none.run(c.job());
    EXPECT_EQ(c.inner.jobs.size(), 2u);
    CachedEngine engine(c.inner, c.cache_dir(), "cvtex test");
    EngineJob keep = c.job();
    keep.keep_dir = c.dir / "kept";
    engine.run(keep);
    engine.run(keep);
    EXPECT_EQ(c.inner.jobs.size(), 4u);
}

TEST(RunCache, ForceRunsEveryJobAndStillStoresIt) {
    Cache c;
    CachedEngine force(c.inner, c.cache_dir(), "cvtex test", false);
    force.run(c.job());
    force.run(c.job());
    EXPECT_EQ(c.inner.jobs.size(), 2u);
    CachedEngine engine(c.inner, c.cache_dir(), "cvtex test");
    engine.run(c.job());
    EXPECT_EQ(c.inner.jobs.size(), 2u);
}

// The smallest PDF with one page; qpdf repairs its missing cross-reference table quietly.
const char* const one_page_pdf =
    "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj\n"
    "trailer << /Root 1 0 R >>\n%%EOF\n";

TEST(RunCache, ACombinedPdfIsTakenFromTheCacheWhenItsPartsAreTheSame) {
    Cache c;
    CachedEngine engine(c.inner, c.cache_dir(), "cvtex test");
    const std::vector<pdf::Part> parts{{"Letter", one_page_pdf}, {"CV", one_page_pdf}};
    std::string error;
    const std::string first = engine.combine(parts, {"T", "A", true}, error);
    ASSERT_TRUE(first.starts_with("%PDF-")) << error;
    // What the cache holds is what comes back: mark it, and combine again.
    std::size_t entries = 0;
    for (const auto& e : fs::directory_iterator(c.cache_dir())) {
        if (e.path().extension() != ".pdf") continue;
        test::write(e.path().string(), "%PDF-from the cache");
        ++entries;
    }
    ASSERT_EQ(entries, 1u);
    EXPECT_EQ(engine.combine(parts, {"T", "A", true}, error), "%PDF-from the cache");
    // Other parts, titles or options are other entries.
    EXPECT_NE(engine.combine(parts, {"T", "A", false}, error), "%PDF-from the cache");
    const std::vector<pdf::Part> renamed{{"Cover Letter", one_page_pdf}, {"CV", one_page_pdf}};
    EXPECT_NE(engine.combine(renamed, {"T", "A", true}, error), "%PDF-from the cache");
    CachedEngine force(c.inner, c.cache_dir(), "cvtex test", false);
    EXPECT_NE(force.combine(parts, {"T", "A", true}, error), "%PDF-from the cache");
}

// What a packet does: the parts of a combined PDF are runs the engine gave out (known by
// their cache files, not by their digests).
TEST(RunCache, TheNextBuildFindsTheCombinedPdfOfRunsUnlessARunsFileChanged) {
    Cache c;
    FakeEngine inner{[](const EngineJob&) {
        EngineResult r;
        r.status = EngineStatus::ok;
        r.pdf = one_page_pdf;
        r.pages = 1;
        return r;
    }};
    std::string error;
    auto build = [&] {
        CachedEngine engine(inner, c.cache_dir(), "cvtex test");
        const EngineResult run = engine.run(c.job());
        return engine.combine({{"Letter", run.pdf}, {"CV", run.pdf}}, {"T", "A", true}, error);
    };
    ASSERT_TRUE(build().starts_with("%PDF-")) << error;
    auto entries = [&](bool combined) {
        std::vector<std::string> out;
        for (const auto& e : fs::directory_iterator(c.cache_dir()))
            if (e.path().extension() == ".pdf" &&
                e.path().filename().string().starts_with("combined-") == combined)
                out.push_back(e.path().string());
        return out;
    };
    ASSERT_EQ(entries(true).size(), 1u);
    test::write(entries(true)[0], "%PDF-from the cache");
    EXPECT_EQ(build(), "%PDF-from the cache");
    EXPECT_EQ(inner.jobs.size(), 1u);
    // The run's PDF replaced (by another cvtex, say): the combined PDF is made again.
    ASSERT_EQ(entries(false).size(), 1u);
    std::string other = one_page_pdf;
    other.insert(other.find("trailer"), "% typeset again\n");
    test::write(entries(false)[0], other);
    const std::string again = build();
    EXPECT_TRUE(again.starts_with("%PDF-")) << error;
    EXPECT_NE(again, "%PDF-from the cache");
    EXPECT_EQ(inner.jobs.size(), 1u);
}

TEST(RunCache, ADirectoryOthersMayWriteIsNeverRead) {
    Cache c;
    CachedEngine engine(c.inner, c.cache_dir(), "cvtex test");
    engine.run(c.job());
    ASSERT_EQ(chmod(c.cache_dir().c_str(), 0777), 0);
    engine.run(c.job());
    EXPECT_EQ(c.inner.jobs.size(), 2u) << "a planted PDF could have been taken";
}

TEST(RunCache, TheLeastRecentlyUsedRunsArePruned) {
    Cache c;
    CachedEngine engine(c.inner, c.cache_dir(), "cvtex test", true, 3);
    for (int i = 0; i < 5; ++i) {
        EngineJob j = c.job();
        j.tex += std::to_string(i);
        engine.run(j);
    }
    std::size_t pdfs = 0;
    for (const auto& e : fs::directory_iterator(c.cache_dir()))
        pdfs += e.path().extension() == ".pdf";
    EXPECT_EQ(pdfs, 3u);
}

}  // namespace
}  // namespace cvtex
