// `cvtex import`: a reader of another tool's format, then the TOML writer.
#include "cvtex/driver/import.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "cvtex/check/schema.hpp"
#include "cvtex/read/import_support.hpp"
#include "cvtex/read/json_resume.hpp"
#include "cvtex/read/rendercv.hpp"
#include "cvtex/write/toml_writer.hpp"

namespace cvtex {

namespace {

// A file name for a comment line: a control character would end the comment.
std::string printable(std::string name) {
    for (auto& c : name)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
    return name;
}

}  // namespace

std::optional<ImportFormat> import_format_named(std::string_view name) {
    if (name == "json-resume") return ImportFormat::json_resume;
    if (name == "rendercv") return ImportFormat::rendercv;
    return std::nullopt;
}

std::optional<ImportFormat> import_format_of(std::string_view path) {
    std::string ext = std::filesystem::path(path).extension().string();
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (ext == ".json") return ImportFormat::json_resume;
    if (ext == ".yaml" || ext == ".yml") return ImportFormat::rendercv;
    return std::nullopt;
}

std::optional<std::string> import_cv(const std::string& path, ImportFormat format, Sources& sources,
                                     DiagnosticSink& sink) {
    const SourceFile* file = read_source(path, sources, sink);
    if (!file) return std::nullopt;
    if (file->text().size() > import_max_bytes) {
        sink.error("import-too-large", path, {},
                   fmt::format("the file has {} bytes; cvtex imports at most {} MiB",
                               file->text().size(), import_max_bytes / (std::size_t{1024} * 1024)));
        return std::nullopt;
    }
    const bool json = format == ImportFormat::json_resume;
    const nlohmann::json doc = json ? read_json_resume(*file, sink) : read_rendercv(*file, sink);
    if (doc.is_null()) return std::nullopt;
    const std::string preamble = fmt::format(
        "# A cvtex CV, imported from {} ({}) by cvtex import.\n"
        "# Build it with: cvtex build FILE.toml; the keys are described in cvtex's "
        "docs/schema.md.\n",
        printable(std::filesystem::path(path).filename().string()),
        json ? "JSON Resume" : "RenderCV");
    return write_toml(doc, root_schema(), preamble);
}

}  // namespace cvtex
