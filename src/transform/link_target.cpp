// The allow list of link schemes, shared by the writer (which links) and the validator (which
// warns about what will not be linked).
#include "cvtex/transform/link_target.hpp"

#include <fmt/format.h>

#include <array>

#include "cvtex/base/utf8.hpp"

namespace cvtex {

namespace {

bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// The RFC 3986 scheme before the first ':', or empty. A '.' in it is taken as a host name
// with a port ("example.com:8080/x"), which a browser also reads as scheme-less.
std::string_view scheme_of(std::string_view url) {
    if (url.empty() || !is_alpha(url[0])) return {};
    std::size_t i = 1;
    bool dot = false;
    while (i < url.size() && (is_alpha(url[i]) || is_digit(url[i]) || url[i] == '+' ||
                              url[i] == '-' || url[i] == '.')) {
        dot |= url[i] == '.';
        ++i;
    }
    if (i == url.size() || url[i] != ':' || dot) return {};
    return url.substr(0, i);
}

}  // namespace

LinkTarget link_target(std::string_view url) {
    static constexpr std::array<std::string_view, 5> allowed = {"http", "https", "mailto", "tel",
                                                                "ftp"};
    LinkTarget t;
    if (url.empty()) return t;
    // "to appear", "see the paper": words, not an address (a URL holds no white space).
    if (url.find_first_of(" \t\n") != std::string_view::npos) {
        t.kind = LinkTarget::Kind::words;
        return t;
    }
    const std::string_view scheme = scheme_of(url);
    t.scheme = std::string(scheme);
    if (scheme.empty()) {
        t.kind = LinkTarget::Kind::missing;
        // "//host/path" already has the slashes.
        t.url = (url.starts_with("//") ? "https:" : "https://") + std::string(url);
        return t;
    }
    const std::string lower = utf8::ascii_lower(scheme);
    for (const auto a : allowed) {
        if (lower == a) {
            t.kind = LinkTarget::Kind::allowed;
            t.url = std::string(url);
            return t;
        }
    }
    return t;
}

void check_link(const Text& url, const std::string& file, DiagnosticSink& sink) {
    if (url.value.empty()) return;  // reported as empty-value
    const LinkTarget t = link_target(url.value);
    if (t.kind == LinkTarget::Kind::missing) {
        sink.warning("url-without-scheme", file, url.span,
                     fmt::format("URL '{}' has no scheme; it is linked as {}", url.value, t.url))
            .hints.push_back(fmt::format("write it as {}", t.url));
    } else if (t.kind == LinkTarget::Kind::words) {
        sink.warning("url-with-spaces", file, url.span,
                     fmt::format("'{}' has spaces, so it is not a URL; it is printed as text, "
                                 "not linked",
                                 url.value))
            .hints.push_back("write notes such as \"to appear\" in the note, not in the URL");
    } else if (t.kind == LinkTarget::Kind::refused) {
        sink.warning("url-scheme-not-allowed", file, url.span,
                     fmt::format("URL '{}' has the scheme '{}:', which is not linked; it is "
                                 "printed as plain text",
                                 url.value, t.scheme))
            .hints.push_back("links may use http, https, mailto, tel or ftp");
    }
}

}  // namespace cvtex
