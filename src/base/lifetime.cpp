// Deferred release of large objects for the CLI (see lifetime.hpp).
#include "cvtex/base/lifetime.hpp"

#include <vector>

namespace cvtex {

namespace {
bool release_later = false;
std::vector<std::shared_ptr<const void>>& kept() {
    static std::vector<std::shared_ptr<const void>> objects;
    return objects;
}
}  // namespace

void set_release_at_exit(bool on) {
    release_later = on;
}

void release_at_exit(std::shared_ptr<const void> object) {
    if (release_later) kept().push_back(std::move(object));
}

}  // namespace cvtex
