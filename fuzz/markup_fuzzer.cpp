// libFuzzer target: the small parsers and the escaper on one string: inline markup and its
// formulas, math, Markdown bodies, LaTeX escaping for both engine families, personal names.
#include "cvtex/model/names.hpp"
#include "cvtex/read/markdown.hpp"
#include "cvtex/read/markup.hpp"
#include "cvtex/read/math.hpp"
#include "cvtex/write/latex_escape.hpp"
#include "fuzz_common.hpp"

namespace {

void inlines(const std::vector<cvtex::markup::Inline>& nodes) {
    for (const auto& n : nodes) {
        if (n.kind == cvtex::markup::Inline::Kind::math)
            for (const auto engine :
                 {cvtex::latex::EngineFamily::pdftex, cvtex::latex::EngineFamily::unicode})
                (void)cvtex::latex::math(n.formula, engine);
        inlines(n.children);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = cvtex::fuzz::bytes(data, size);
    inlines(cvtex::markup::parse(text));
    (void)cvtex::markup::plain_text(text);
    if (const auto parsed = cvtex::math::parse(text); parsed.ok) {
        (void)cvtex::math::plain_text(parsed.row);
        (void)cvtex::latex::math(parsed.row);
    }
    for (const auto engine :
         {cvtex::latex::EngineFamily::pdftex, cvtex::latex::EngineFamily::unicode})
        for (const auto context :
             {cvtex::latex::EscapeContext::text, cvtex::latex::EscapeContext::url,
              cvtex::latex::EscapeContext::pdf_text})
            (void)cvtex::latex::escape(text, context, engine);
    cvtex::DiagnosticSink sink;
    (void)cvtex::read_markdown(text, {"body.md", 1, 1, 1}, sink);
    bool others = false;
    for (const auto& author : cvtex::split_author_list(text, &others)) {
        const cvtex::PersonName name = cvtex::split_name(author);
        (void)cvtex::format_name(name, cvtex::NameForm::full, cvtex::NameOrder::first_last);
        (void)cvtex::format_name(name, cvtex::NameForm::initials, cvtex::NameOrder::last_first);
    }
    return 0;
}
