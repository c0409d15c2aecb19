// Stamps for no-op rebuilds: written after the outputs, checked before anything is compiled.
#include "cvtex/cli/stamp.hpp"

#include <sys/stat.h>

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "cvtex/base/digest.hpp"
#include "cvtex/base/output.hpp"
#include "cvtex/base/source.hpp"
#include "cvtex/engine/format_cache.hpp"
#include "cvtex/version.hpp"

namespace cvtex {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view stamp_magic = "cvtex-stamp 1";

bool still_holds(const StampEntry& e) {
    if (e.digest.starts_with("stat:")) return e.digest == stat_entry(e.path).digest;
    FileRead r;
    if (auto bytes = read_file(e.path)) {
        r.status = FileRead::Status::ok;
        r.bytes = std::move(*bytes);
    }
    return digest_of(r) == e.digest;
}

}  // namespace

std::string tool_identity(const std::string& executable) {
    struct stat st {};
    if (stat(executable.c_str(), &st) != 0) return std::string(version);
    return fmt::format("{} {} {}.{:09}", version, st.st_size, st.st_mtim.tv_sec,
                       st.st_mtim.tv_nsec);
}

std::string default_stamp_dir() {
    return user_cache_dir("stamps");
}

std::string stamp_path(const std::string& dir, const std::string& output) {
    std::error_code ec;
    const std::string absolute = fs::absolute(output, ec).lexically_normal().string();
    return dir + "/" + sha256_hex(absolute).substr(0, 32);
}

StampEntry stat_entry(const std::string& path) {
    std::string stamp = file_stamp(path);
    std::replace(stamp.begin(), stamp.end(), ' ', ':');  // a digest is one word
    return {path, "stat:" + stamp};
}

std::string format_stamp(const Stamp& stamp) {
    for (const auto* list : {&stamp.inputs, &stamp.outputs})
        for (const auto& e : *list)
            if (e.path.find('\n') != std::string::npos) return {};
    std::string out = std::string(stamp_magic) + "\nkey " + stamp.key + "\n";
    if (stamp.pages > 0) out += "pages " + std::to_string(stamp.pages) + "\n";
    for (const auto& e : stamp.inputs) out += "in " + e.digest + " " + e.path + "\n";
    for (const auto& e : stamp.outputs) out += "out " + e.digest + " " + e.path + "\n";
    return out;
}

std::optional<Stamp> parse_stamp(const std::string& text) {
    std::istringstream in(text);
    std::string line;
    if (!std::getline(in, line) || line != stamp_magic) return std::nullopt;
    Stamp s;
    while (std::getline(in, line)) {
        const auto space = line.find(' ');
        const std::string kind = line.substr(0, space);
        if (space == std::string::npos) return std::nullopt;
        if (kind == "key") {
            s.key = line.substr(space + 1);
            continue;
        }
        if (kind == "pages") {
            s.pages = std::atoi(line.c_str() + space + 1);
            continue;
        }
        const auto second = line.find(' ', space + 1);
        if (second == std::string::npos || (kind != "in" && kind != "out")) return std::nullopt;
        StampEntry e{line.substr(second + 1), line.substr(space + 1, second - space - 1)};
        (kind == "in" ? s.inputs : s.outputs).push_back(std::move(e));
    }
    if (s.key.empty() || s.outputs.empty()) return std::nullopt;
    return s;
}

std::optional<Stamp> current_stamp(const std::string& path, const std::string& key) {
    // A stamp that someone else could have written would let them decide what is rebuilt.
    if (!own_private_dir(fs::path(path).parent_path().string())) return std::nullopt;
    const auto text = read_file(path);
    if (!text) return std::nullopt;
    auto stamp = parse_stamp(*text);
    if (!stamp || stamp->key != key) return std::nullopt;
    for (const auto* list : {&stamp->outputs, &stamp->inputs})
        for (const auto& e : *list)
            if (!still_holds(e)) return std::nullopt;
    return stamp;
}

std::string write_stamp(const std::string& path, const Stamp& stamp) {
    const std::string text = format_stamp(stamp);
    if (text.empty()) {
        std::error_code ec;
        fs::remove(path, ec);
        return {};
    }
    const std::string dir = fs::path(path).parent_path().string();
    if (!make_private_dir(dir)) return fmt::format("{} is not a private directory", dir);
    return write_file_atomic(path, text, true, false, false);
}

}  // namespace cvtex
