// Diagnostic sink, ordering and the edit-distance suggestions.
#include "cvtex/base/diagnostics.hpp"

#include <algorithm>
#include <tuple>

namespace cvtex {

Diagnostic& DiagnosticSink::add(Diagnostic d) {
    if (d.severity == Severity::error) ++errors_;
    items_.push_back(std::move(d));
    return items_.back();
}

Diagnostic& DiagnosticSink::error(std::string code, std::string file, Span span,
                                  std::string message) {
    return add({Severity::error, std::move(code), std::move(message), std::move(file), span, {}});
}

Diagnostic& DiagnosticSink::warning(std::string code, std::string file, Span span,
                                    std::string message) {
    return add({Severity::warning, std::move(code), std::move(message), std::move(file), span, {}});
}

std::size_t DiagnosticSink::warning_count() const {
    return static_cast<std::size_t>(std::count_if(items_.begin(), items_.end(), [](const auto& d) {
        return d.severity == Severity::warning;
    }));
}

void DiagnosticSink::promote_warnings() {
    for (auto& d : items_) {
        if (d.severity == Severity::warning) {
            d.severity = Severity::error;
            ++errors_;
        }
    }
}

void DiagnosticSink::sort_and_dedupe() {
    auto key = [](const Diagnostic& d) {
        return std::tie(d.file, d.span.line, d.span.column, d.severity, d.code, d.message);
    };
    // Stable, so problems found at the same place keep the order the stages found them in.
    std::stable_sort(items_.begin(), items_.end(), [&](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.file, a.span.line, a.span.column) <
               std::tie(b.file, b.span.line, b.span.column);
    });
    auto last = std::unique(items_.begin(), items_.end(),
                            [&](const auto& a, const auto& b) { return key(a) == key(b); });
    items_.erase(last, items_.end());
    errors_ = static_cast<std::size_t>(std::count_if(
        items_.begin(), items_.end(), [](const auto& d) { return d.severity == Severity::error; }));
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
    for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);  // transposition
        }
    }
    return d[n][m];
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_distance = static_cast<std::size_t>(-1);
    for (const auto& c : candidates) {
        const std::size_t dist = edit_distance(word, c);
        if (dist < best_distance) {
            best_distance = dist;
            best = c;
        }
    }
    // A guess further away than a third of the word is noise, not help.
    const std::size_t limit = std::max<std::size_t>(2, (word.size() + 2) / 3);
    if (best_distance == 0 || best_distance > limit) return {};
    return best;
}

}  // namespace cvtex
