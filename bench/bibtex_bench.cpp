// Benchmark: importing a 2,000-entry .bib, timed against baselines measured in the same run.
//
//   cmake --build --preset default --target bibtex_bench
//   build/bench/bibtex_bench [--entries 2000] [--runs 21] [--write-bib F] [--write-toml F]
//
// The input is generated (deterministically) to look like a real publication list: @string
// venues, # concatenation, month macros, LaTeX accents in names, braces in titles, 2-12
// authors in both name orders, DOIs, URLs, keywords and abstracts. The same publications are
// also written as inline TOML entries, which is the main baseline. Results: docs/performance.md.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <deque>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "cvtex/read/bibtex.hpp"
#include "cvtex/read/loader.hpp"
#include "cvtex/transform/publications.hpp"

#ifdef CVTEX_BENCH_BTPARSE
#include <btparse.h>
#endif

namespace {

using namespace cvtex;

// A small deterministic generator (64-bit LCG), so every run measures the same input.
struct Random {
    std::uint64_t state = 0x9E3779B97F4A7C15ull;
    std::size_t next(std::size_t n) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return static_cast<std::size_t>((state >> 33) % n);
    }
};

struct Name {
    const char* first_tex;
    const char* first;
    const char* last_tex;
    const char* last;
};

// clang-format off
constexpr Name names[] = {
    {"Abdul", "Abdul", "Dakkak", "Dakkak"},       {"Jinjun", "Jinjun", "Xiong", "Xiong"},
    {"Wen-mei", "Wen-mei", "Hwu", "Hwu"},         {"J{\\\"o}rg", "Jörg", "M{\\\"u}ller", "Müller"},
    {"{\\'E}mile", "Émile", "Zola", "Zola"},      {"S{\\o}ren", "Søren", "Kierkegaard", "Kierkegaard"},
    {"Fran{\\c c}ois", "François", "Rabelais", "Rabelais"},
    {"Matteo", "Matteo", "{de Manincor}", "de Manincor"},
    {"Ludwig", "Ludwig", "van Beethoven", "van Beethoven"},
    {"Mar{\\'\\i}a", "María", "Garc{\\'\\i}a", "García"},
    {"Zhewei", "Zhewei", "Yao", "Yao"},           {"Yuxiong", "Yuxiong", "He", "He"},
    {"Samyam", "Samyam", "Rajbhandari", "Rajbhandari"},
    {"Minjia", "Minjia", "Zhang", "Zhang"},       {"Carl", "Carl", "Pearson", "Pearson"},
    {"Isaac", "Isaac", "Gelado", "Gelado"},       {"Sarah", "Sarah", "Hashash", "Hashash"},
    {"Conglong", "Conglong", "Li", "Li"},         {"Olatunji", "Olatunji", "Ruwase", "Ruwase"},
    {"Ammar Ahmad", "Ammar Ahmad", "Awan", "Awan"},
};
constexpr const char* words[] = {
    "Scalable", "Efficient", "Inference", "Training", "of", "Deep", "Learning", "Models", "on",
    "{GPUs}", "{CUDA}", "Kernels", "for", "Transformer", "Systems", "Benchmarking", "Profiling",
    "Analysis", "and", "Optimization", "Across", "the", "Stack", "Sparse", "Attention",
    "Quantization", "Distributed", "Memory", "Communication", "Heterogeneous", "Clusters",
    "\\&", "Compilers", "{DNN}", "Workloads", "Latency", "Throughput", "at", "Scale"};
constexpr const char* venues[] = {"ipdps", "sc", "isca", "micro", "asplos", "osdi", "ics", "ppopp",
                                  "hpdc", "cloud"};
constexpr const char* months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec"};
// clang-format on

struct Generated {
    std::string bib;
    std::string toml;
};

// A TOML basic string: quotes and backslashes escaped.
std::string quoted(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

// The plain-text title: the LaTeX of the generated words without braces and escapes.
std::string plain_word(std::string_view w) {
    std::string out;
    for (char c : w)
        if (c != '{' && c != '}' && c != '\\') out += c;
    return out;
}

// One generated publication, in LaTeX (for the .bib) and as plain text (for the TOML).
struct Pub {
    std::size_t index = 0;
    const char* type = "";
    int year = 0;
    std::size_t month = 0;  // 0-based
    std::string key, title_tex, title, authors_tex, venue_tex, venue;
    std::vector<std::string> authors;
};

Pub make_pub(Random& rng, std::size_t i) {
    Pub p;
    p.index = i;
    const std::size_t kind = i % 20;
    p.type = kind < 10   ? "inproceedings"
             : kind < 16 ? "article"
             : kind < 19 ? "misc"
                         : (i % 40 < 20 ? "phdthesis" : "techreport");
    p.year = 1995 + static_cast<int>(rng.next(30));
    p.month = rng.next(12);
    p.key = fmt::format("key{}x{}", p.year, i);
    const std::size_t n_words = 8 + rng.next(9);
    for (std::size_t w = 0; w < n_words; ++w) {
        const char* word = words[rng.next(std::size(words))];
        p.title_tex += (w ? " " : "") + std::string(word);
        p.title += (w ? " " : "") + plain_word(word);
    }
    const std::size_t n_authors = 2 + rng.next(11);
    const std::size_t owner_at = rng.next(10) < 6 ? rng.next(n_authors) : n_authors;
    for (std::size_t a = 0; a < n_authors; ++a) {
        const Name& n = names[rng.next(std::size(names))];
        const bool reversed = rng.next(2) != 0;
        std::string tex = reversed ? fmt::format("{}, {}", n.last_tex, n.first_tex)
                                   : fmt::format("{} {}", n.first_tex, n.last_tex);
        std::string text = fmt::format("{} {}", n.first, n.last);
        if (a == owner_at) tex = "Li, Cheng", text = "Cheng Li";
        p.authors_tex += (a ? " and " : "") + tex;
        p.authors.push_back(text);
    }
    const char* venue = venues[rng.next(std::size(venues))];
    if (kind < 10) {
        p.venue_tex = fmt::format("  booktitle = {} # \" {}\",\n", venue, p.year);
        p.venue = fmt::format("{} {}", venue, p.year);
    } else if (kind < 16) {
        p.venue_tex =
            "  journal = {Journal of Parallel and Distributed Computing},\n"
            "  volume = 12, number = 3, pages = {100--120},\n";
        p.venue = "Journal of Parallel and Distributed Computing";
    } else if (kind < 19) {
        p.venue_tex = fmt::format("  eprint = {{{}.{:05}}}, archiveprefix = {{arXiv}},\n",
                                  p.year % 100 * 100 + 1, i);
        p.venue = "arXiv";
    } else {
        p.venue_tex =
            "  school = {University of Illinois Urbana-Champaign},\n"
            "  institution = {University of Illinois Urbana-Champaign},\n";
        p.venue = "University of Illinois Urbana-Champaign";
    }
    return p;
}

void write_bib(const Pub& p, std::string& out) {
    out += fmt::format("@{}{{{},\n  title = {{{}}},\n  author = {{{}}},\n{}", p.type, p.key,
                       p.title_tex, p.authors_tex, p.venue_tex);
    out += fmt::format(
        "  year = {}, month = {},\n  doi = {{10.1109/BENCH.{}.{}}},\n"
        "  url = {{https://example.org/papers/{}.pdf}},\n  keywords = {{systems, gpu{}}},\n"
        "  abstract = {{We study {} on {{GPUs}} and show a 2--3{{$\\times$}} speedup over "
        "the state of the art across many workloads, including na{{\\\"\\i}}ve baselines, "
        "with an open-source implementation that is used in production.}},\n",
        p.year, months[p.month], p.year, p.index, p.key, p.index % 7 == 0 ? ", selected" : "",
        p.title_tex);
    if (p.index % 10 == 0)
        out += fmt::format("  equal = {{{}}},\n",
                           p.authors_tex.substr(0, p.authors_tex.find(" and ")));
    if (p.index % 33 == 0) out += "  award = {Best Paper},\n";
    out += "}\n\n";
}

void write_toml(const Pub& p, std::string& out) {
    out += fmt::format("[[section.entry]]\ntitle = {}\nauthors = [", quoted(p.title));
    for (std::size_t a = 0; a < p.authors.size(); ++a)
        out += (a ? ", " : "") + quoted(p.authors[a]);
    out += fmt::format(
        "]\nvenue = {}\ndate = \"{}-{:02}\"\ndoi = \"10.1109/BENCH.{}.{}\"\n"
        "url = \"https://example.org/papers/{}.pdf\"\n",
        quoted(p.venue), p.year, p.month + 1, p.year, p.index, p.key);
    if (p.index % 10 == 0) out += fmt::format("equal = [{}]\n", quoted(p.authors[0]));
    if (p.index % 33 == 0) out += "award = \"Best Paper\"\n";
    out += "\n";
}

Generated generate(std::size_t count) {
    Random rng;
    Generated g;
    g.toml =
        "[person]\nname = \"Cheng Li\"\n\n[[section]]\ntitle = \"Publications\"\n"
        "kind = \"publications\"\n\n";
    for (const char* v : venues) g.bib += fmt::format("@string{{{} = \"{}\"}}\n", v, v);
    g.bib += "@preamble{\"\\newcommand{\\noopsort}[1]{}\"}\n\n";
    for (std::size_t i = 0; i < count; ++i) {
        const Pub p = make_pub(rng, i);
        write_bib(p, g.bib);
        write_toml(p, g.toml);
    }
    return g;
}

class OneBib : public Files {
  public:
    explicit OneBib(const std::string& bib) : bib_(bib) {}
    FileRead read(const std::string&) override { return {FileRead::Status::ok, bib_}; }

  private:
    const std::string& bib_;
};

struct Timing {
    double median_ms = 0;
    double min_ms = 0;
};

Timing measure(int runs, const std::function<std::size_t()>& work, std::size_t expect) {
    std::vector<double> ms;
    for (int r = -2; r < runs; ++r) {  // two warm-up runs
        const auto start = std::chrono::steady_clock::now();
        const std::size_t n = work();
        const auto end = std::chrono::steady_clock::now();
        if (n != expect) {
            fmt::print(stderr, "bibtex_bench: got {} entries, expected {}\n", n, expect);
            std::exit(2);
        }
        if (r >= 0) ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms.front()};
}

std::size_t cvtex_parse(const std::string& bib) {
    DiagnosticSink sink;
    const auto db = bibtex::parse(SourceFile("bench.bib", bib), sink);
    if (!sink.all().empty()) std::exit(3);
    return db.entries.size();
}

std::size_t cvtex_import(const std::string& bib) {
    DiagnosticSink sink;
    Document doc =
        load_document(SourceFile("bench.toml",
                                 "[person]\nname = \"Cheng Li\"\n[[section]]\ntitle = \"P\"\n"
                                 "kind = \"publications\"\nbib = [\"bench.bib\"]\n"),
                      sink);
    OneBib files(bib);
    Sources sources(files);
    prepare_publications(doc, sources, sink);
    if (sink.has_errors()) std::exit(3);
    return std::get<std::vector<Publication>>(std::get<Cv>(doc.content).sections.at(0).body).size();
}

std::size_t toml_inline(const std::string& toml) {
    DiagnosticSink sink;
    Document doc = load_document(SourceFile("bench.toml", toml), sink);
    OneBib files("");
    Sources sources(files);
    prepare_publications(doc, sources, sink);
    if (sink.has_errors()) std::exit(3);
    return std::get<std::vector<Publication>>(std::get<Cv>(doc.content).sections.at(0).body).size();
}

#ifdef CVTEX_BENCH_BTPARSE
std::size_t btparse_parse(std::string bib) {
    bt_delete_all_macros();
    static const char* full[] = {"January",   "February", "March",    "April",
                                 "May",       "June",     "July",     "August",
                                 "September", "October",  "November", "December"};
    for (int m = 0; m < 12; ++m)
        bt_add_macro_text(const_cast<char*>(months[m]), const_cast<char*>(full[m]), nullptr, 0);
    FILE* in = fmemopen(bib.data(), bib.size(), "r");
    std::size_t n = 0;
    boolean ok = 0;
    char name[] = "bench.bib";
    while (AST* e = bt_parse_entry(in, name, 0, &ok)) {
        if (bt_entry_metatype(e) == BTE_REGULAR) ++n;
        bt_free_ast(e);
    }
    std::fclose(in);
    return n;
}
#endif

}  // namespace

int main(int argc, char** argv) {
    std::size_t entries = 2000;
    int runs = 21;
    std::string write_bib, write_toml;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string_view opt = argv[i];
        if (opt == "--entries")
            entries = std::stoul(argv[i + 1]);
        else if (opt == "--runs")
            runs = std::stoi(argv[i + 1]);
        else if (opt == "--write-bib")
            write_bib = argv[i + 1];
        else if (opt == "--write-toml")
            write_toml = argv[i + 1];
    }
    const Generated g = generate(entries);
    if (!write_bib.empty()) std::ofstream(write_bib, std::ios::binary) << g.bib;
    if (!write_toml.empty()) std::ofstream(write_toml, std::ios::binary) << g.toml;

    fmt::print(
        "bibtex_bench: {} entries; .bib {:.2f} MB, same list as TOML {:.2f} MB; "
        "median of {} runs\n\n",
        entries, static_cast<double>(g.bib.size()) / 1e6, static_cast<double>(g.toml.size()) / 1e6,
        runs);
    const Timing toml = measure(
        runs, [&] { return toml_inline(g.toml); }, entries);
    const Timing import = measure(
        runs, [&] { return cvtex_import(g.bib); }, entries);
    const Timing parse = measure(
        runs, [&] { return cvtex_parse(g.bib); }, entries);
    auto row = [](std::string_view what, const Timing& t, std::string ratio) {
        fmt::print("  {:<58} {:8.2f} ms {:8.2f} ms   {}\n", what, t.median_ms, t.min_ms, ratio);
    };
    fmt::print("  {:<58} {:>11} {:>11}   {}\n", "", "median", "min", "ratio");
    row("baseline A: same list inline in TOML (load + prepare)", toml, "1.00 (A)");
    row("cvtex: import the .bib (parse, convert, sort, bylines)", import,
        fmt::format("{:.2f} x A", import.median_ms / toml.median_ms));
#ifdef CVTEX_BENCH_BTPARSE
    bt_initialize();
    bt_set_stringopts(BTE_REGULAR, BTO_FULL);
    bt_set_stringopts(BTE_MACRODEF, BTO_MACRO);
    const Timing bt = measure(
        runs, [&] { return btparse_parse(g.bib); }, entries);
    bt_cleanup();
    row("baseline B: libbtparse 0.89, parse only (BTO_FULL)", bt, "1.00 (B)");
    row("cvtex: parse only (bibtex::parse)", parse,
        fmt::format("{:.2f} x B", parse.median_ms / bt.median_ms));
#else
    row("cvtex: parse only (bibtex::parse)", parse, "(libbtparse not installed: no B)");
#endif
    const bool ok = import.median_ms < 100.0;
    fmt::print("\nbudget: import of {} entries under 100 ms: {} ({:.1f} ms)\n", entries,
               ok ? "yes" : "NO", import.median_ms);
    return ok ? 0 : 1;
}
