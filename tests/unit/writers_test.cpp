// The writers besides LaTeX: Markdown, plain text, HTML and JSON Resume. Their escapers, the
// injection property test (every hostile string through every writer comes out as typed and
// creates no element, link or emphasis), and the reference CV's facts in each format.
#include <gtest/gtest.h>
#include <md4c.h>

#include <nlohmann/json.hpp>

#include <fstream>

#include "../support/hostile_strings.hpp"
#include "../support/run.hpp"
#include "cvtex/driver/compile.hpp"
#include "cvtex/write/html_writer.hpp"
#include "cvtex/write/markdown_writer.hpp"
#include "cvtex/write/text_writer.hpp"

namespace cvtex {
namespace {

class NoEngine final : public Engine {
  public:
    EngineResult run(const EngineJob&) override {
        ADD_FAILURE() << "a writer test ran the engine";
        return {};
    }
};

const std::vector<std::string> formats{"markdown", "text", "html", "json-resume"};

// Runs the pipeline on `toml` up to the writers of `formats`.
CompileResult build(Files& files, const std::string& input, DiagnosticSink& sink,
                    const std::vector<std::string>& writers = formats) {
    Sources sources(files);
    CompileOptions options;
    options.input = input;
    options.run_engine = false;
    options.latex = false;
    options.formats = writers;
    options.today = Date{2026, 1, 1};
    NoEngine engine;
    return compile(options, sources, engine, sink);
}

std::string squeeze(std::string_view s) {
    std::string out;
    for (const char c : s) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (space && (out.empty() || out.back() == ' ')) continue;
        out += space ? ' ' : c;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

// ---- reading the outputs back -----------------------------------------------------------

// What a Markdown text is made of, as md4c (GitHub's dialect) reads it: the kinds of blocks and
// spans and the targets of links, and the text.
struct MarkdownRead {
    std::vector<std::string> structure;
    std::string text;
};

MarkdownRead read_markdown(const std::string& md) {
    MarkdownRead r;
    MD_PARSER parser{};
    parser.flags = MD_DIALECT_GITHUB | MD_FLAG_LATEXMATHSPANS;
    parser.enter_block = [](MD_BLOCKTYPE type, void*, void* user) {
        static_cast<MarkdownRead*>(user)->structure.push_back("block " + std::to_string(type));
        static_cast<MarkdownRead*>(user)->text += ' ';
        return 0;
    };
    parser.leave_block = [](MD_BLOCKTYPE, void*, void* user) {
        static_cast<MarkdownRead*>(user)->text += ' ';
        return 0;
    };
    parser.enter_span = [](MD_SPANTYPE type, void* detail, void* user) {
        auto* read = static_cast<MarkdownRead*>(user);
        std::string s = "span " + std::to_string(type);
        if (type == MD_SPAN_A) {
            const auto* a = static_cast<MD_SPAN_A_DETAIL*>(detail);
            s += " " + std::string(a->href.text, a->href.size);
        }
        read->structure.push_back(s);
        return 0;
    };
    parser.leave_span = [](MD_SPANTYPE, void*, void*) { return 0; };
    parser.text = [](MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* user) {
        auto* read = static_cast<MarkdownRead*>(user);
        if (type != MD_TEXT_NORMAL && type != MD_TEXT_SOFTBR && type != MD_TEXT_BR &&
            type != MD_TEXT_CODE)
            read->structure.push_back("text " + std::to_string(type));
        read->text += type == MD_TEXT_SOFTBR || type == MD_TEXT_BR ? std::string(" ")
                                                                   : std::string(text, size);
        return 0;
    };
    EXPECT_EQ(md_parse(md.data(), static_cast<MD_SIZE>(md.size()), &parser, &r), 0);
    return r;
}

// An HTML page as a parser sees it: its tags with their attributes' names (and the targets of
// links), the text with character references decoded, and the JSON-LD data.
struct HtmlRead {
    std::vector<std::string> structure;
    std::string text;
    std::string json_ld;
    bool ok = true;
};

HtmlRead read_html(const std::string& page) {
    HtmlRead r;
    std::size_t i = 0;
    while (i < page.size()) {
        if (page[i] == '&') {
            const auto semi = page.find(';', i);
            const std::string ref = page.substr(i, semi - i + 1);
            static const std::vector<std::pair<std::string, std::string>> refs{
                {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
            bool known = false;
            for (const auto& [from, to] : refs)
                if (ref == from) r.text += to, known = true;
            if (!known) r.ok = false;
            i = semi + 1;
            continue;
        }
        if (page[i] != '<') {
            r.text += page[i++];
            continue;
        }
        const auto end = page.find('>', i);
        if (end == std::string::npos) return r.ok = false, r;
        const std::string tag = page.substr(i + 1, end - i - 1);
        i = end + 1;
        if (tag == "!DOCTYPE html") {
            r.structure.push_back(tag);
            continue;
        }
        // The tag's name, then name="value" pairs; anything else is not what the writer makes.
        std::size_t p = tag.find(' ');
        std::string s = tag.substr(0, p);
        while (p != std::string::npos && p < tag.size()) {
            ++p;
            const auto eq = tag.find("=\"", p);
            if (eq == std::string::npos) return r.ok = false, r;
            const auto close = tag.find('"', eq + 2);
            if (close == std::string::npos) return r.ok = false, r;
            const std::string name = tag.substr(p, eq - p),
                              value = tag.substr(eq + 2, close - eq - 2);
            if (name.find_first_of("<>\"' ") != std::string::npos) r.ok = false;
            s += " " + name;
            if (name == "href") s += "=" + value;
            p = close + 1;
            if (p < tag.size() && tag[p] != ' ') r.ok = false;
        }
        r.structure.push_back(s);
        if (s == "script type") {
            const auto close = page.find("</script>", i);
            r.json_ld = page.substr(i, close - i);
            i = close;
        }
        if (s == "style") i = page.find("</style>", i);
        r.text += ' ';
    }
    return r;
}

// Every string value of a JSON document, one a line.
void json_strings(const nlohmann::json& j, std::string& out) {
    if (j.is_string()) out += j.get<std::string>() + "\n";
    if (j.is_structured())
        for (const auto& v : j) json_strings(v, out);
}

// ---- escapers ---------------------------------------------------------------------------

TEST(MarkdownEscape, BackslashesEveryPunctuationCharacter) {
    EXPECT_EQ(markdown::escape("*a* [b](c) <d> # 1. e_f", markdown::EscapeContext::text),
              "\\*a\\* \\[b\\]\\(c\\) \\<d\\> \\# 1\\. e\\_f");
    EXPECT_EQ(markdown::escape("a\nb\x01", markdown::EscapeContext::text), "a b\uFFFD");
}

TEST(MarkdownEscape, PercentEncodesWhatEndsALinkDestination) {
    EXPECT_EQ(markdown::escape("https://x.org/a b(c)<d>", markdown::EscapeContext::url),
              "https://x.org/a%20b%28c%29%3Cd%3E");
}

TEST(MarkdownEscape, FencesCodeWithMoreBackticksThanItHolds) {
    EXPECT_EQ(markdown::escape("a``b", markdown::EscapeContext::code), "``` a``b ```");
}

TEST(HtmlEscape, EscapesTextAttributesAndScripts) {
    EXPECT_EQ(html::escape("<a href=\"x\">'&'</a>", html::EscapeContext::text),
              "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    EXPECT_EQ(html::escape("a\nb", html::EscapeContext::attribute), "a b");
    EXPECT_EQ(html::escape("\"</script>&\"", html::EscapeContext::script),
              "\"\\u003c/script\\u003e\\u0026\"");
}

TEST(TextEscape, KeepsEverythingButControlCharacters) {
    EXPECT_EQ(text::escape("<b>*x*</b>\n\x1b[31m"), "<b>*x*</b> \uFFFD[31m");
}

// ---- injection ----------------------------------------------------------------------------

// `s` as markup text that shows `s`: a backslash before every markup character.
std::string as_markup(const std::string& s) {
    std::string out;
    for (const char c : s) {
        if (c == '*' || c == '[' || c == ']' || c == '$' || c == '`') out += '\\';
        out += c;
    }
    return out;
}

std::string toml_string(const std::string& s) {
    return nlohmann::json(s).dump();
}

// A CV with `s` in plain fields and, as markup that shows it, in markup fields (unless it holds
// a bare URL, which markup links on purpose).
std::string hostile_cv(const std::string& s) {
    const std::string plain = toml_string(s);
    const std::string markup =
        toml_string(s.find("://") == std::string::npos ? as_markup(s) : "placeholder");
    return "[person]\nname = " + plain + "\nheadline = " + markup +
           "\nemail = \"a@example.org\"\n\n[[section]]\ntitle = " + markup +
           "\nkind = \"experience\"\n\n[[section.entry]]\norganization = " + markup +
           "\nposition = " + markup + "\nlocation = " + markup +
           "\nstart = \"2020-01\"\nend = \"present\"\nhighlights = [" + markup +
           "]\n\n[[section]]\ntitle = \"Skills\"\nkind = \"list\"\n\n[[section.entry]]\nlabel = " +
           markup + "\nitems = [" + plain + ", \"b\"]\n";
}

struct Outputs {
    std::string md, txt, html, json;
};

Outputs outputs_of(const std::string& toml) {
    MemoryFiles files;
    files.add("cv.toml", toml);
    DiagnosticSink sink;
    const CompileResult result = build(files, "cv.toml", sink);
    EXPECT_FALSE(sink.has_errors()) << toml;
    Outputs out;
    for (const auto& [name, into] :
         std::vector<std::pair<std::string, std::string*>>{{"markdown", &out.md},
                                                           {"text", &out.txt},
                                                           {"html", &out.html},
                                                           {"json-resume", &out.json}})
        if (const auto* o = result.output(name)) *into = o->bytes;
    return out;
}

// Found by the review of the writers: an entry's url reached the JSON Resume export with any
// scheme (themes render it as <a href>); it goes through link_target() as in every writer.
TEST(JsonResume, AnEntrysUrlWithARefusedSchemeIsLeftOut) {
    const Outputs out = outputs_of(
        "[person]\nname = \"A\"\n[[section]]\ntitle = \"Work\"\nkind = \"experience\"\n"
        "[[section.entry]]\norganization = \"Evil\"\nposition = \"P\"\ndate = \"2020\"\n"
        "url = \"javascript:alert(1)\"\n[[section.entry]]\norganization = \"Good\"\n"
        "position = \"P\"\ndate = \"2019\"\nurl = \"example.org\"\n");
    const auto json = nlohmann::json::parse(out.json);
    ASSERT_EQ(json["work"].size(), 2u) << out.json;
    EXPECT_FALSE(json["work"][0].contains("url")) << out.json;
    EXPECT_EQ(json["work"][1]["url"], "https://example.org") << out.json;
}

// An author list of digits only ("2019") followed by ". " started an ordered list inside the
// publication's item.
TEST(MarkdownWriter, AnAuthorOfDigitsDoesNotStartAList) {
    const Outputs out = outputs_of(
        "[person]\nname = \"A\"\n[[section]]\ntitle = \"Papers\"\nkind = \"publications\"\n"
        "[[section.entry]]\nauthors = [\"2019\"]\ntitle = \"T\"\ndate = \"2020\"\n");
    const MarkdownRead read = read_markdown(out.md);
    const std::string ol = "block " + std::to_string(MD_BLOCK_OL);
    EXPECT_EQ(std::count(read.structure.begin(), read.structure.end(), ol), 0) << out.md;
}

// Terminal controls written as Unicode (C1, U+0080 to U+009F: OSC 8 links, window titles) and
// bidirectional overrides reach neither the text nor the Markdown.
TEST(TextEscape, ReplacesC1ControlsAndDropsBidiOverrides) {
    EXPECT_EQ(text::escape("a\u009d8;;https://e.example\u009cb"),
              "a\uFFFD8;;https://e.example\uFFFDb");
    EXPECT_EQ(text::escape("ab\u202Edc\u2066x\u2069"), "abdcx");
    EXPECT_EQ(text::escape("\u00A0\u00e9\u2014\u2026"),
              "\u00A0\u00e9\u2014\u2026");  // neighbours kept
    EXPECT_EQ(markdown::escape("a\u009bb\u202E", markdown::EscapeContext::text), "a\uFFFDb");
}

TEST(Injection, HostileStringsComeOutOfEveryWriterAsTyped) {
    const Outputs base = outputs_of(hostile_cv("placeholder"));
    const MarkdownRead base_md = read_markdown(base.md);
    const HtmlRead base_html = read_html(base.html);
    ASSERT_TRUE(base_html.ok);
    std::vector<std::string> all = test::hostile_strings;
    all.insert(all.end(), test::web_hostile_strings.begin(), test::web_hostile_strings.end());
    int checked = 0;
    for (const auto& s : all) {
        SCOPED_TRACE(s);
        const std::string want = squeeze(s);
        const Outputs out = outputs_of(hostile_cv(s));
        // Markdown: the same blocks, spans and links as with a harmless string; the text as typed.
        const MarkdownRead md = read_markdown(out.md);
        EXPECT_EQ(md.structure, base_md.structure) << out.md;
        EXPECT_NE(squeeze(md.text).find(want), std::string::npos) << out.md;
        // HTML: no tag or attribute that the harmless string did not have; the text as typed.
        const HtmlRead html = read_html(out.html);
        EXPECT_TRUE(html.ok) << out.html;
        EXPECT_EQ(html.structure, base_html.structure) << out.html;
        EXPECT_NE(squeeze(html.text).find(want), std::string::npos) << out.html;
        const auto ld = nlohmann::json::parse(html.json_ld, nullptr, false);
        EXPECT_FALSE(ld.is_discarded()) << html.json_ld;
        EXPECT_EQ(ld.value("name", ""), s);
        // Plain text: as typed.
        EXPECT_NE(squeeze(out.txt).find(want), std::string::npos) << out.txt;
        // JSON Resume: valid JSON whose strings hold it.
        const auto json = nlohmann::json::parse(out.json, nullptr, false);
        ASSERT_FALSE(json.is_discarded()) << out.json;
        std::string strings;
        json_strings(json, strings);
        EXPECT_NE(strings.find(s), std::string::npos) << out.json;
        ++checked;
    }
    EXPECT_GT(checked, 60);
}

TEST(Injection, LinksKeepOnlyAllowedSchemes) {
    const Outputs out = outputs_of(
        "[person]\nname = \"A\"\n[[section]]\ntitle = \"T\"\nkind = \"text\"\n"
        "text = \"[x](javascript:alert(1)) [y](data:text/html,z) [ok](https://example.org)\"\n");
    for (const std::string* o : {&out.md, &out.html, &out.txt}) {
        EXPECT_EQ(o->find("javascript:alert"), std::string::npos) << *o;
        EXPECT_EQ(o->find("data:text"), std::string::npos) << *o;
        EXPECT_NE(o->find("https://example.org"), std::string::npos) << *o;
    }
}

// ---- facts -----------------------------------------------------------------------------

// Every fact of the reference CV (tests/e2e/cheng-li.facts, what the PDF must show) is in each
// format's text.
TEST(Facts, TheReferenceCvHoldsEveryFactInEveryFormat) {
    DiskFiles files;
    DiagnosticSink sink;
    const CompileResult result =
        build(files, std::string(CVTEX_SOURCE_DIR) + "/examples/cheng-li.toml", sink);
    ASSERT_FALSE(sink.has_errors());
    std::vector<std::pair<std::string, std::string>> texts;
    texts.emplace_back("text", squeeze(result.output("text")->bytes));
    texts.emplace_back("markdown", squeeze(read_markdown(result.output("markdown")->bytes).text));
    texts.emplace_back("html", squeeze(read_html(result.output("html")->bytes).text));
    std::ifstream in(std::string(CVTEX_SOURCE_DIR) + "/tests/e2e/cheng-li.facts");
    ASSERT_TRUE(in.is_open());
    int count = 0;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        ++count;
        for (const auto& [format, text] : texts)
            EXPECT_NE(text.find(squeeze(line)), std::string::npos)
                << "missing from the " << format << ": " << line;
    }
    EXPECT_GT(count, 200);
}

// The reference CV's page, a letter's and a statement's are HTML5 without an error or a
// warning of tidy (Debian's package `tidy`; skipped when it is not installed).
TEST(Html, PassesTidy) {
    if (test::run({"tidy", "-v"}).exit_code != 0) GTEST_SKIP() << "tidy is not installed";
    test::TempDir tmp;
    const std::string root = CVTEX_SOURCE_DIR;
    for (const std::string& input :
         {root + "/examples/cheng-li.toml", root + "/tests/golden/statement-citations/input.toml",
          root + "/tests/golden/letter/input.toml", root + "/examples/engineer-resume.toml",
          root + "/tests/golden/header-photo/input.toml"}) {
        SCOPED_TRACE(input);
        DiskFiles files;
        DiagnosticSink sink;
        const CompileResult result = build(files, input, sink, {"html"});
        ASSERT_NE(result.output("html"), nullptr);
        test::write(tmp / "page.html", result.output("html")->bytes);
        const auto r = test::run({"tidy", "-q", "-e", tmp / "page.html"});
        EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    }
}

// The photo and a letter's signature are <img>s holding their bytes (base64: the page stays
// one file); a PDF image is left out with a warning at the TOML line that names it.
TEST(Html, ThePhotoAndTheSignatureAreImagesInsideThePage) {
    MemoryFiles files;
    files.add("cv.toml", "[person]\nname = \"Ada <Lovelace>\"\nphoto = \"ada.png\"\n");
    files.add("ada.png", std::string("\x89PNG\r\n\x1a\nfo", 10));
    files.add("letter.toml",
              "cv = \"cv.toml\"\n[letter]\nsignature = \"sig.jpg\"\nbody = \"Hi.\"\n");
    files.add("sig.jpg", "\xFF\xD8\xFF\xE0xyzw");
    DiagnosticSink sink;
    const CompileResult cv = build(files, "cv.toml", sink, {"html"});
    ASSERT_NE(cv.output("html"), nullptr) << sink.all().size();
    EXPECT_NE(cv.output("html")->bytes.find(
                  "<img class=\"photo\" src=\"data:image/png;base64,iVBORw0KGgpmbw==\" "
                  "alt=\"Ada &lt;Lovelace&gt;\">\n<h1>"),
              std::string::npos)
        << cv.output("html")->bytes;
    const CompileResult letter = build(files, "letter.toml", sink, {"html"});
    ASSERT_NE(letter.output("html"), nullptr);
    EXPECT_NE(letter.output("html")->bytes.find(
                  "<p><img class=\"signature-image\" src=\"data:image/jpeg;base64,/9j/4Hh5enc=\" "
                  "alt=\"Ada &lt;Lovelace&gt;\"></p>"),
              std::string::npos)
        << letter.output("html")->bytes;
    EXPECT_TRUE(sink.all().empty());

    files.add("ada.png", "%PDF-1.5 a photo as a PDF");
    DiagnosticSink pdf_sink;
    const CompileResult pdf = build(files, "cv.toml", pdf_sink, {"html"});
    ASSERT_NE(pdf.output("html"), nullptr);
    EXPECT_EQ(pdf.output("html")->bytes.find("<img"), std::string::npos);
    ASSERT_EQ(pdf_sink.all().size(), 1u);
    EXPECT_EQ(pdf_sink.all()[0].code, "image-not-shown");
    EXPECT_EQ(pdf_sink.all()[0].span.line, 3u);
}

// A raw-LaTeX section cannot be shown outside the PDF: each text format says so at the section.
TEST(Writers, RawLatexIsAWarningInTheTextFormats) {
    MemoryFiles files;
    files.add(
        "cv.toml",
        "[person]\nname = \"A\"\n[[section]]\nkind = \"raw-latex\"\nraw_latex = \"\\\\relax\"\n");
    DiagnosticSink sink;
    build(files, "cv.toml", sink);
    int warnings = 0;
    for (const auto& d : sink.all())
        if (d.code == "raw-latex-not-shown") ++warnings;
    EXPECT_EQ(warnings, 3);
}

}  // namespace
}  // namespace cvtex
