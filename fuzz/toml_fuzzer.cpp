// libFuzzer target: a CV's TOML through the loader, validation, the transform and the LaTeX
// writer (the front end of `cvtex build`, without TeX). A .bib and a Markdown body it may name
// are there, so that the seeds from the tests reach those paths too.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    cvtex::MemoryFiles files;
    files.add("cv.toml", std::string(cvtex::fuzz::bytes(data, size)));
    files.add("refs.bib",
              "@article{a, author = {Lovelace, Ada and Babbage, Charles},\n"
              "  title = {Notes on the {A}nalytical {E}ngine $x^2$}, year = 1843,\n"
              "  journal = {Taylor's Scientific Memoirs}}\n");
    files.add("body.md", "# Heading\n\nA *body* with a [link](https://example.org) [@a].\n");
    cvtex::fuzz::front_end(files);
    return 0;
}
