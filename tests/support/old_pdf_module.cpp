// A PDF module as cvtex built it before its interface digest: it accepts any cvtex of its
// version, and its combine() must never be called (it stands for a module whose Part
// differs, which crashed cvtex). install_test.cpp puts it where cvtex looks first.
#include <cstdlib>
#include <string_view>

#include "cvtex/pdf/pdf.hpp"
#include "cvtex/version.hpp"

namespace {

std::string combine(const std::vector<cvtex::pdf::Part>&, const cvtex::pdf::CombineOptions&,
                    std::string&) {
    std::abort();
}

}  // namespace

extern "C" __attribute__((visibility("default"))) cvtex::pdf::CombineFunction cvtex_pdf_module_v1(
    const char* version) {
    if (!version || std::string_view(version) != cvtex::version) return nullptr;
    return &combine;
}
