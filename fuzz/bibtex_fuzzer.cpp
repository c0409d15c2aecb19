// libFuzzer target: a .bib file through the BibTeX reader, crossrefs, LaTeX to text for every
// field in every mode, and (imported by a CV) the publication transform and the LaTeX writer.
#include "cvtex/read/bibtex.hpp"
#include "cvtex/read/latex_text.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(cvtex::fuzz::bytes(data, size));
    {
        cvtex::DiagnosticSink sink;
        const cvtex::SourceFile source("refs.bib", text, 1);
        cvtex::bibtex::Database db = cvtex::bibtex::parse(source, sink);
        cvtex::bibtex::resolve_crossrefs(db, "refs.bib", sink);
        for (const auto& entry : db.entries)
            for (const auto& field : entry.fields) {
                (void)cvtex::latex_to_unicode(field.value, cvtex::LatexMode::text);
                (void)cvtex::latex_to_unicode(field.value, cvtex::LatexMode::name);
                (void)cvtex::latex_to_unicode(field.value, cvtex::LatexMode::verbatim);
                (void)cvtex::latex_to_markup(field.value);
                cvtex::NameMarks marks;
                (void)cvtex::take_name_marks(field.value, marks);
            }
    }
    cvtex::MemoryFiles files;
    files.add("cv.toml",
              "[person]\nname = \"Ada Lovelace\"\n[[section]]\ntitle = \"Publications\"\n"
              "kind = \"publications\"\nbib = [\"refs.bib\"]\ngroup = \"type\"\n");
    files.add("refs.bib", text);
    cvtex::fuzz::front_end(files);
    return 0;
}
