// The few functions of the model structs.
#include "cvtex/model/model.hpp"

#include <algorithm>

namespace cvtex {

FileId Document::add_file(const std::string& path) {
    if (files.empty()) files.push_back(source_path);
    const auto it = std::find(files.begin(), files.end(), path);
    if (it != files.end()) return static_cast<FileId>(it - files.begin());
    files.push_back(path);
    return static_cast<FileId>(files.size() - 1);
}

const std::string& Document::path_of(Span span) const {
    return span.file < files.size() ? files[span.file] : source_path;
}

}  // namespace cvtex
