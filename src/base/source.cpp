// Reading input files and indexing their lines.
#include "cvtex/base/source.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "cvtex/base/digest.hpp"
#include "cvtex/base/utf8.hpp"

namespace cvtex {

SourceFile::SourceFile(std::string path, std::string text, FileId id)
    : path_(std::move(path)), text_(std::move(text)), id_(id) {
    if (text_.starts_with("\xEF\xBB\xBF")) {
        text_.erase(0, 3);
        had_bom_ = true;
    }
    starts_.push_back(0);
    for (auto i = text_.find('\n'); i != std::string::npos; i = text_.find('\n', i + 1))
        starts_.push_back(i + 1);
}

std::string_view SourceFile::line(std::uint32_t n) const {
    if (n == 0 || n > starts_.size()) return {};
    const std::size_t begin = starts_[n - 1];
    std::size_t end = n < starts_.size() ? starts_[n] - 1 : text_.size();
    if (end > begin && text_[end - 1] == '\r') --end;
    return std::string_view(text_).substr(begin, end - begin);
}

std::optional<std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    // Straight into one string of the file's size: a stringstream would grow its buffer by
    // doubling and then copy it, touching three times the memory (page faults are expensive).
    // A byte more than the size sees the end at once; a file that grows meanwhile, or has no
    // size (a pipe), is read on in larger blocks.
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    std::string text(ec ? 65536 : size + 1, '\0');
    std::size_t have = 0;
    while (in.read(text.data() + have, static_cast<std::streamsize>(text.size() - have))) {
        have = text.size();
        text.resize(2 * text.size());
    }
    if (in.bad()) return std::nullopt;
    have += static_cast<std::size_t>(in.gcount());
    text.resize(have);
    return text;
}

FileRead Sources::read(const std::string& path) {
    if (std::find(inputs_.begin(), inputs_.end(), path) == inputs_.end()) inputs_.push_back(path);
    FileRead r = files_.read(path);
    if (record_digests_) digests_.try_emplace(path, digest_of(r));
    return r;
}

void Sources::hint_near_file(Diagnostic& d, const std::string& path, const FileRead& read) {
    if (read.status != FileRead::Status::not_found) return;
    if (const std::string near = near_file(files_, path); !near.empty())
        d.hints.push_back(fmt::format("did you mean '{}'?", near));
}

void Sources::depend(const std::string& path) {
    if (std::find(inputs_.begin(), inputs_.end(), path) != inputs_.end()) return;
    inputs_.push_back(path);
    if (record_digests_) digests_.emplace(path, digest_of(files_.read(path)));
}

std::string Sources::digest(const std::string& path) const {
    const auto it = digests_.find(path);
    return it == digests_.end() ? std::string() : it->second;
}

std::string digest_of(const FileRead& read) {
    return read.ok() ? sha256_hex(read.bytes) : std::string("missing");
}

const SourceFile& Sources::keep(SourceFile file) {
    const std::string key = file.path();
    return kept_.insert_or_assign(key, std::move(file)).first->second;
}

std::string_view Sources::line(const std::string& path, std::uint32_t line) const {
    const auto it = kept_.find(path);
    return it == kept_.end() ? std::string_view() : it->second.line(line);
}

bool check_utf8(std::string_view code, const SourceFile& source, std::string_view hint,
                DiagnosticSink& sink) {
    const auto bad = utf8::find_invalid(source.text());
    if (!bad) return true;
    // The line and column of the first bad byte; columns count code points.
    std::uint32_t line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < *bad; ++i)
        if (source.text()[i] == '\n') ++line, line_start = i + 1;
    const auto column = static_cast<std::uint32_t>(
        utf8::length(std::string_view(source.text()).substr(line_start, *bad - line_start)) + 1);
    sink.error(std::string(code), source.path(), Span::at(line, column, 1, source.id()),
               fmt::format("the file is not valid UTF-8 (byte 0x{:02X})",
                           static_cast<unsigned char>(source.text()[*bad])))
        .hints.emplace_back(hint);
    return false;
}

const SourceFile* read_source(const std::string& path, Sources& sources, DiagnosticSink& sink,
                              FileId id) {
    FileRead read = sources.read(path);
    switch (read.status) {
        case FileRead::Status::ok:
            break;
        case FileRead::Status::not_found:
            sink.error("file-not-found", path, {}, "no such file");
            return nullptr;
        case FileRead::Status::is_directory:
            sink.error("file-is-directory", path, {}, "is a directory, not a TOML file")
                .hints.push_back(fmt::format("give the CV file inside it, e.g. {}/cv.toml", path));
            return nullptr;
        case FileRead::Status::unreadable:
            sink.error("file-unreadable", path, {},
                       fmt::format("cannot be read: {}", describe_failure(read)));
            return nullptr;
        case FileRead::Status::too_large:
            sink.error("file-too-large", path, {}, describe_failure(read))
                .hints.push_back("give the CV's TOML file; cvtex reads nothing larger");
            return nullptr;
    }
    SourceFile source(path, std::move(read.bytes), id);
    if (source.text().find_first_not_of(" \t\r\n") == std::string::npos) {
        sink.error("file-empty", path, {}, "the file is empty")
            .hints.push_back("start from a template with: cvtex new \"Your Name\"");
        return nullptr;
    }
    if (source.text().starts_with("\xFF\xFE") || source.text().starts_with("\xFE\xFF")) {
        sink.error("not-utf8", path, {}, "the file is UTF-16; cvtex reads UTF-8")
            .hints.push_back(
                fmt::format("convert it, e.g. iconv -f utf-16 -t utf-8 {} > cv-utf8.toml", path));
        return nullptr;
    }
    if (!check_utf8("not-utf8", source, "save the file as UTF-8, e.g. iconv -f latin1 -t utf-8",
                    sink))
        return nullptr;
    return &sources.keep(std::move(source));
}

}  // namespace cvtex
