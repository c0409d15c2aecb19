// Property test: random strings in every text field come out of pdflatex as the same text.
//
// A fixed seed generates more than 2,000 strings from ASCII punctuation and control
// characters, TeX-looking sequences (\input, \write18, \def, \catcode, ^^5c), formulas ($...$,
// mostly from the allow-list of math commands, some with commands that are not on it),
// combining marks, Latin-1 and Latin Extended letters, and now and then a CJK character. They fill
// every kind of text field of a few large CVs, so only a handful of pdflatex runs are needed. Each
// PDF is read back with pdftotext, and every string must be found in it, compared without white
// space and after NFC. The expected text is what cvtex promises: markup removed in markup
// fields, and '?' for a character pdflatex cannot print, which must come with a warning at the
// field's line that suggests --engine xelatex. A formula in a markup field must come out as its
// glyphs (math mode), or, when it is not a formula cvtex prints, exactly as typed.
//
// Characters that pdflatex builds from pieces (constructed accents such as U+0122, ligatures)
// are not left out: cvtex wraps them in \cvactualtext, so the text layer holds the real
// character, and the comparison is exact for them too.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <unordered_map>

#include "../support/hostile_strings.hpp"
#include "../support/run.hpp"
#include "cvtex/base/utf8.hpp"
#include "cvtex/read/markup.hpp"
#include "cvtex/write/latex_escape.hpp"

namespace cvtex {
namespace {

// splitmix64: the same sequence on every platform, unlike the <random> distributions.
class Rng {
  public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
    template <class T>
    const T& pick(const std::vector<T>& v) {
        return v[below(v.size())];
    }

  private:
    std::uint64_t state_;
};

const std::string punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
const std::vector<std::string>& tex_like = test::hostile_strings;
const std::string base_letters = "aeiouncgzsAEIOUNCGZSy";
const std::vector<char32_t> combining = {0x300, 0x301, 0x302, 0x303, 0x304, 0x306, 0x307, 0x308,
                                         0x30A, 0x30B, 0x30C, 0x323, 0x326, 0x327, 0x328};

// A formula: mostly from the allow-list, now and then with a command that is not on it (then
// it must print as typed).
std::string random_formula(Rng& rng) {
    static const std::vector<std::string> atoms = {
        "x",     "n",          "2",     "10",        "\\alpha", "\\mu",    "\\pi", "\\Omega",
        "\\ell", "\\infty",    "\\leq", "\\geq",     "+",       "-",       "=",    "(",
        ")",     "\\{",        "\\}",   "\\log",     "\\min",   "\\times", "\\pm", ",",
        "^{2}",  "_{i}",       "^{-3}", "\\sqrt{s}", "<",       "|",       "\\,",  "'",
        "\\foo", "\\input{x}", "&",     "\\text{if}"};
    std::string f = "$";
    const std::size_t n = 1 + rng.below(5);
    for (std::size_t i = 0; i < n; ++i) {
        std::string a = rng.pick(atoms);
        if ((a[0] == '^' || a[0] == '_') && i == 0) a = "y" + a;  // a script needs a base here
        f += a;
        if (a.back() != '}' && a[0] == '\\' && i + 1 < n) f += ' ';
    }
    return f + "$";
}

std::string random_string(Rng& rng, bool& cjk) {
    std::string s;
    const std::size_t pieces = 3 + rng.below(10);
    for (std::size_t i = 0; i < pieces; ++i) {
        const std::size_t kind = rng.below(100);
        if (kind < 22) {
            s += punctuation[rng.below(punctuation.size())];
        } else if (kind < 27) {
            const char32_t c = rng.below(8) == 0 ? 0x7F : static_cast<char32_t>(1 + rng.below(31));
            utf8::append(s, c);
        } else if (kind < 33) {
            s += rng.pick(tex_like);
        } else if (kind < 35) {
            s += random_formula(rng);
        } else if (kind < 43) {
            s += base_letters[rng.below(base_letters.size())];
            utf8::append(s, rng.pick(combining));
        } else if (kind < 55) {
            utf8::append(s, static_cast<char32_t>(0xA1 + rng.below(0x100 - 0xA1)));
        } else if (kind < 67) {
            utf8::append(s, static_cast<char32_t>(0x100 + rng.below(0x180 - 0x100)));
        } else if (kind < 72) {
            utf8::append(s, static_cast<char32_t>(0x180 + rng.below(0x250 - 0x180)));
        } else if (kind < 73) {
            utf8::append(s, static_cast<char32_t>(0x4E00 + rng.below(0x5000)));
            cjk = true;
        } else if (kind < 85) {
            s += "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"[rng.below(62)];
        } else {
            s += ' ';
        }
    }
    return s;
}

std::string toml_string(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"')
            out += "\\\"";
        else if (c == '\\')
            out += "\\\\";
        else if (u < 0x20 || u == 0x7F)
            out += fmt::format("\\u{:04X}", u);
        else
            out += c;
    }
    return out + "\"";
}

bool invisible(char32_t cp) {
    return cp <= 0x20 || cp == 0x7F || cp == 0xA0 || cp == 0xAD || cp == 0xFEFF;
}

// What pdflatex shows of a piece of plain text: NFC, no white space, '?' for what it cannot
// print (and `lost` set).
void visible_text(std::string_view text, std::u32string& out, bool& lost) {
    const std::string n = utf8::nfc(text);
    for (std::size_t pos = 0; pos < n.size();) {
        const char32_t cp = utf8::decode(n, pos);
        if (invisible(cp)) continue;
        if (latex::pdflatex_can_print(cp)) {
            out += cp;
        } else {
            out += U'?';
            lost = true;
        }
    }
}

void append(std::u32string& out, std::string_view text) {
    for (std::size_t pos = 0; pos < text.size();) out += utf8::decode(text, pos);
}

// True when a formula has an atom with both a sub- and a superscript: they are stacked, and
// pdftotext may read them in either order.
bool stacked_scripts(const math::Row& row) {
    return std::any_of(row.begin(), row.end(), [](const math::Atom& a) {
        return (a.has_sub && a.has_sup) || stacked_scripts(a.sub) || stacked_scripts(a.sup) ||
               std::any_of(a.args.begin(), a.args.end(),
                           [](const math::Row& r) { return stacked_scripts(r); });
    });
}

bool stacked_scripts(const std::vector<markup::Inline>& nodes) {
    return std::any_of(nodes.begin(), nodes.end(), [](const markup::Inline& n) {
        return stacked_scripts(n.formula) || stacked_scripts(n.children);
    });
}

// What pdftotext reads of a formula: its glyphs in order (a superscript after its base, the
// radical before its radicand); math::Symbol::unicode is the glyph's character (− for '-',
// ∗ for '*', ′ for a prime).
void visible_math(const math::Row& row, std::u32string& out) {
    using K = math::Atom::Kind;
    for (const auto& a : row) {
        switch (a.kind) {
            case K::symbol:
            case K::sized:
                // glyphtounicode.tex reads the glyph "mu" as the micro sign.
                append(out, a.symbol->latex == "\\mu" ? "µ" : a.symbol->unicode);
                break;
            case K::function:
                append(out, a.name);
                break;
            case K::sqrt:
                out += U'√';
                visible_math(a.args[0], out);
                break;
            case K::fenced:
                if (a.symbol) append(out, a.symbol->unicode);
                visible_math(a.args[0], out);
                if (a.right) append(out, a.right->unicode);
                break;
            case K::text:
                for (std::size_t pos = 0; pos < a.name.size();) {
                    const char32_t cp = utf8::decode(a.name, pos);
                    if (!invisible(cp)) out += cp;
                }
                break;
            case K::space:
                break;
            default:  // groups, and what the generator does not make (fractions, accents)
                for (const auto& arg : a.args) visible_math(arg, out);
        }
        if (a.has_sub) visible_math(a.sub, out);
        if (a.has_sup) visible_math(a.sup, out);
    }
}

void visible_nodes(const std::vector<markup::Inline>& nodes, std::u32string& out, bool& lost) {
    for (const auto& n : nodes) {
        // A code span prints its text as typed, like plain text.
        if (n.kind == markup::Inline::Kind::text || n.kind == markup::Inline::Kind::code)
            visible_text(n.text, out, lost);
        else if (n.kind == markup::Inline::Kind::math)
            visible_math(n.formula, out);
        else
            visible_nodes(n.children, out, lost);
    }
}

struct Field {
    std::string value;
    bool markup = false;
    std::uint32_t line = 0;
    std::u32string expected;
    bool lost = false;
    bool cjk = false;
};

// Writes a CV whose every text field holds a fresh random string, and records the fields.
class CvWriter {
  public:
    CvWriter(Rng& rng, std::vector<Field>& fields) : rng_(rng), fields_(fields) {}

    std::string write(std::size_t strings) {
        line("[person]");
        field("name", false);
        for (const char* key : {"address", "location", "phone", "github", "linkedin", "orcid"})
            field(key, false);
        field("headline", true);
        while (count_ < strings) {
            section("text");
            field("text", true);
            section("education");
            for (int i = 0; i < 3; ++i) {
                entry();
                for (const char* key :
                     {"institution", "degree", "area", "location", "thesis", "advisor"})
                    field(key, true);
                field("gpa", false);
                list("highlights", true, 2);
            }
            section("experience");
            for (int i = 0; i < 3; ++i) {
                entry();
                for (const char* key : {"organization", "position", "location", "summary"})
                    field(key, true);
                list("highlights", true, 3);
            }
            section("publications");
            for (int i = 0; i < 3; ++i) {
                entry();
                field("title", true);
                list("authors", false, 3);
                for (const char* key : {"venue", "award", "note"}) field(key, true);
                field("doi", false);
                field("arxiv", false);
            }
            section("list");
            for (int i = 0; i < 3; ++i) {
                entry();
                field("label", true);
                list("items", false, 3);
            }
            section("oneline");
            for (int i = 0; i < 3; ++i) {
                entry();
                field("label", true);
                field("details", true);
            }
            section("dated");
            for (int i = 0; i < 3; ++i) {
                entry();
                for (const char* key : {"title", "location", "details"}) field(key, true);
            }
            section("talks");
            for (int i = 0; i < 2; ++i) {
                entry();
                for (const char* key : {"title", "event", "location"}) field(key, true);
            }
            section("grants");
            for (int i = 0; i < 2; ++i) {
                entry();
                for (const char* key : {"title", "agency", "role", "summary"}) field(key, true);
            }
            section("projects");
            for (int i = 0; i < 2; ++i) {
                entry();
                for (const char* key : {"name", "role", "summary"}) field(key, true);
                list("technologies", false, 2);
            }
            section("service");
            for (int i = 0; i < 2; ++i) {
                entry();
                for (const char* key : {"role", "organization", "details"}) field(key, true);
            }
        }
        return toml_;
    }

  private:
    void line(const std::string& s) {
        toml_ += s + "\n";
        ++line_;
    }
    Field next(bool markup) {
        Field f;
        f.markup = markup;
        do {
            f.cjk = false;
            f.value = random_string(rng_, f.cjk);
            f.expected.clear();
            f.lost = false;
            if (markup) {
                visible_nodes(markup::parse(f.value), f.expected, f.lost);
            } else {
                visible_text(f.value, f.expected, f.lost);
            }
            // An empty value is only a warning, and not a test; stacked scripts have no order.
        } while (f.expected.size() < 2 || (markup && stacked_scripts(markup::parse(f.value))));
        f.line = line_ + 1;
        ++count_;
        return f;
    }
    void field(const std::string& key, bool markup) {
        Field f = next(markup);
        line(key + " = " + toml_string(f.value));
        fields_.push_back(std::move(f));
    }
    void list(const std::string& key, bool markup, int n) {
        line(key + " = [");
        for (int i = 0; i < n; ++i) {
            Field f = next(markup);
            line("  " + toml_string(f.value) + ",");
            fields_.push_back(std::move(f));
        }
        line("]");
    }
    void section(const std::string& kind) {
        line("");
        line("[[section]]");
        field("title", true);
        line("kind = \"" + kind + "\"");
        field("note", true);
    }
    void entry() { line("[[section.entry]]"); }

    Rng& rng_;
    std::vector<Field>& fields_;
    std::string toml_;
    std::uint32_t line_ = 0;
    std::size_t count_ = 0;
};

// The PDF's text without white space. A '-' that stood before white space may be a hyphen
// TeX added at a line break, so the matcher may skip it.
class PdfText {
  public:
    explicit PdfText(const std::string& utf8_text) {
        const std::string n = utf8::nfc(utf8_text);
        bool space_after_last = false;
        for (std::size_t pos = 0; pos < n.size();) {
            const char32_t cp = utf8::decode(n, pos);
            if (invisible(cp)) {
                if (!text_.empty() && text_.back() == U'-' && !space_after_last)
                    soft_.back() = true;
                space_after_last = true;
                continue;
            }
            space_after_last = false;
            at_[cp].push_back(text_.size());
            text_ += cp;
            soft_.push_back(false);
        }
    }

    bool contains(const std::u32string& e) const {
        const auto it = at_.find(e[0]);
        if (it == at_.end()) return false;
        for (std::size_t start : it->second)
            if (match(start, e, 0)) return true;
        return false;
    }

  private:
    bool match(std::size_t p, const std::u32string& e, std::size_t q) const {
        while (q < e.size()) {
            if (p >= text_.size()) return false;
            if (text_[p] == e[q]) {
                if (soft_[p] && match(p + 1, e, q)) return true;
                ++p;
                ++q;
            } else if (soft_[p]) {
                ++p;
            } else {
                return false;
            }
        }
        return true;
    }

    std::u32string text_;
    std::vector<bool> soft_;
    std::unordered_map<char32_t, std::vector<std::size_t>> at_;
};

std::string to_utf8(const std::u32string& s) {
    std::string out;
    for (char32_t cp : s) utf8::append(out, cp);
    return out;
}

TEST(Property, RandomStringsInEveryFieldComeOutOfPdflatexAsTyped) {
    constexpr int documents = 5;
    constexpr std::size_t strings_per_document = 440;
    // CVTEX_PROPERTY_SEED explores other strings; the suite always runs the fixed seed.
    const char* seed = std::getenv("CVTEX_PROPERTY_SEED");
    Rng rng(seed ? std::strtoull(seed, nullptr, 10) : 20250101);
    test::TempDir dir;
    std::size_t total = 0, with_lost = 0, with_cjk = 0;
    for (int d = 0; d < documents; ++d) {
        std::vector<Field> fields;
        const std::string toml = CvWriter(rng, fields).write(strings_per_document);
        const std::string name = fmt::format("cv{}", d);
        test::write(dir / (name + ".toml"), toml);
        // The JSON form lists every warning (the text form counts repeats after a few).
        const auto r = test::run({CVTEX_BINARY, "--diagnostics-format", "json", "build",
                                  dir / (name + ".toml"), "--keep-build", dir / (name + "-build")},
                                 {"NO_COLOR=1", "TMPDIR=" + dir.path().string()});
        const auto diagnostics = nlohmann::json::parse(r.out)["diagnostics"];
        if (r.exit_code != 0) {
            std::string errors;
            for (const auto& diagnostic : diagnostics)
                if (diagnostic["severity"] == "error") errors += diagnostic.dump(2) + "\n";
            test::write(std::filesystem::temp_directory_path() / "cvtex-property-failure.toml",
                        toml);
            FAIL() << "document " << name << " failed (its TOML is kept in "
                   << std::filesystem::temp_directory_path() / "cvtex-property-failure.toml"
                   << "):\n"
                   << errors.substr(0, 4000);
        }
        std::set<std::uint32_t> unprintable;  // lines with an unprintable-character warning
        bool hinted = false;
        for (const auto& diagnostic : diagnostics) {
            if (diagnostic["code"] != "unprintable-character") continue;
            unprintable.insert(diagnostic["start"]["line"].get<std::uint32_t>());
            for (const auto& h : diagnostic["hints"])
                hinted |= h == "build with --engine xelatex or --engine lualatex for full Unicode";
        }
        const auto text =
            test::run({"pdftotext", "-raw", "-enc", "UTF-8", dir / (name + ".pdf"), "-"});
        ASSERT_EQ(text.exit_code, 0);
        const PdfText pdf(text.out);
        int failures = 0;
        for (const auto& f : fields) {
            ++total;
            if (!pdf.contains(f.expected) && ++failures <= 20)
                ADD_FAILURE() << name << ".toml:" << f.line << ": " << toml_string(f.value)
                              << "\n  expected to find: " << to_utf8(f.expected);
            if (f.lost) {
                ++with_lost;
                with_cjk += f.cjk;
                EXPECT_TRUE(unprintable.contains(f.line))
                    << "no unprintable-character warning at " << name << ".toml:" << f.line
                    << " for " << toml_string(f.value);
            }
        }
        EXPECT_EQ(failures, 0) << failures << " strings missing from " << name << ".pdf";
        EXPECT_TRUE(hinted);
    }
    EXPECT_GE(total, 2000u);
    EXPECT_GT(with_cjk, 10u) << "the generator should produce CJK now and then";
    EXPECT_NE(with_lost, total);
    if (HasFailure()) {
        const auto kept = std::filesystem::temp_directory_path() / "cvtex-property-failure";
        std::filesystem::remove_all(kept);
        std::filesystem::copy(dir.path(), kept, std::filesystem::copy_options::recursive);
        ADD_FAILURE() << "the documents, PDFs and build files are kept in " << kept;
    }
}

}  // namespace
}  // namespace cvtex
