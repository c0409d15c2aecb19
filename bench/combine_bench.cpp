// The combine step of a packet, alone: the PDFs named on the command line combined into one
// with cvtex's PDF module (libqpdf, loaded on first use as in cvtex packet), written to the
// last argument. bench/combine.sh times it against combining the same PDFs in one TeX run.
// Usage: combine_bench PART.pdf... OUT.pdf
#include <cstdio>
#include <fstream>
#include <sstream>

#include "cvtex/pdf/pdf.hpp"

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: combine_bench PART.pdf... OUT.pdf\n");
        return 2;
    }
    std::vector<cvtex::pdf::Part> parts;
    for (int i = 1; i + 1 < argc; ++i) {
        std::ifstream in(argv[i], std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        parts.push_back({argv[i], bytes.str()});
    }
    std::string error;
    const std::string out = cvtex::pdf::combine(parts, {"Season", "cvtex", true}, error);
    if (out.empty()) {
        std::fprintf(stderr, "combine_bench: %s\n", error.c_str());
        return 1;
    }
    std::ofstream(argv[argc - 1], std::ios::binary) << out;
    return 0;
}
