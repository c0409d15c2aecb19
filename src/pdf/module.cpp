// pdf::combine() in cvtex itself: loads the PDF module (cvtex-pdf.so, which links libqpdf)
// the first time it is needed, and calls it.
#include <dlfcn.h>

#include <fmt/format.h>

#include <filesystem>
#include <mutex>

#include "cvtex/pdf/pdf.hpp"
#include "cvtex/version.hpp"

#ifndef CVTEX_PDF_MODULE_PATH
#define CVTEX_PDF_MODULE_PATH ""
#endif

namespace cvtex::pdf {

namespace {

namespace fs = std::filesystem;

constexpr const char* module_name = "cvtex-pdf.so";

struct Module {
    CombineFunction combine = nullptr;
    std::string error;
};

Module load() {
    Module m;
    std::error_code ec;
    const std::string exe = fs::read_symlink("/proc/self/exe", ec).string();
    std::vector<std::string> tried;
    for (const auto& path : module_candidates(exe)) {
        if (!fs::is_regular_file(path, ec)) continue;
        // The handle is kept: the function stays valid until the process ends.
        void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            tried.push_back(dlerror());
            continue;
        }
        using Entry = CombineFunction (*)(const char*);
        auto* entry = reinterpret_cast<Entry>(dlsym(handle, "cvtex_pdf_module_v1"));
        m.combine = entry ? entry(pdf_module_build) : nullptr;
        if (m.combine) return m;
        tried.push_back(fmt::format(
            "{} is not the PDF module of this cvtex (built from another version or source: {})",
            path, pdf_module_build));
        dlclose(handle);
    }
    m.error = tried.empty() ? fmt::format(
                                  "cvtex's PDF module ({}) is not installed beside it; "
                                  "looked in {}",
                                  module_name, fmt::join(module_candidates(exe), ", "))
                            : fmt::format("cvtex's PDF module could not be loaded: {}",
                                          fmt::join(tried, "; "));
    return m;
}

}  // namespace

std::vector<std::string> module_candidates(const std::string& executable) {
    std::vector<std::string> out;
    if (!executable.empty()) {
        const fs::path dir = fs::path(executable).parent_path();
        out.push_back((dir / module_name).string());
        out.push_back((dir.parent_path() / "lib" / "cvtex" / module_name).string());
    }
    if (*CVTEX_PDF_MODULE_PATH) out.emplace_back(CVTEX_PDF_MODULE_PATH);
    return out;
}

std::string combine(const std::vector<Part>& parts, const CombineOptions& options,
                    std::string& error) {
    static std::once_flag once;
    static Module module;
    std::call_once(once, [] { module = load(); });
    if (!module.combine) {
        error = module.error;
        return {};
    }
    return module.combine(parts, options, error);
}

}  // namespace cvtex::pdf
