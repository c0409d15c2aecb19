// Opt-in "free at exit" for large short-lived data, as compilers do (clang's -disable-free).
#pragma once

#include <memory>

namespace cvtex {

/// When on, `release_at_exit` keeps objects until the process ends instead of freeing them
/// now. The cvtex CLI turns it on and ends with std::_Exit, so it never walks a large parse
/// tree just to free it (a fifth of the front end's instructions on big CVs). Off by default:
/// a program that uses the library and runs for long frees as usual.
void set_release_at_exit(bool on);

/// Frees `object` now, or, with release-at-exit on, keeps it until the process ends.
void release_at_exit(std::shared_ptr<const void> object);

}  // namespace cvtex
