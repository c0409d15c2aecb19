// Writing outputs safely: atomically, and never over the input.
#pragma once

#include <string>
#include <string_view>

namespace cvtex {

/// Writes `bytes` to `path` through a temporary file in the same directory and a rename, so a
/// reader (or a failed build) never sees a half-written file. Returns an error message, or an
/// empty string on success.
std::string write_file_atomic(const std::string& path, std::string_view bytes);

/// True when `a` and `b` name the same existing file.
bool same_file(const std::string& a, const std::string& b);

}  // namespace cvtex
