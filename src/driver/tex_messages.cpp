// TeX's messages mapped back to the TOML through the `% NAME:LINE` markers of the .tex.
#include "cvtex/driver/tex_messages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <tuple>

#include "cvtex/base/utf8.hpp"
#include "cvtex/write/latex_escape.hpp"
#include "cvtex/write/latex_writer.hpp"

namespace cvtex {

namespace {

namespace fs = std::filesystem;

// What every report needs: the .tex, the TOML it came from, the engine's name and, when the
// caller has it, the document the .tex was written from.
struct Context {
    const std::string& tex;
    const std::string& input;
    const std::string& engine;
    DiagnosticSink& sink;
    const Document* doc;
};

// "... on input line 57" names a line of the .tex; the user knows the TOML line. `named`
// receives the origin of the line named, if any.
std::string with_toml_lines(std::string text, const Context& c, TexOrigin* named = nullptr) {
    static const std::regex input_line(R"(on input line (\d+))");
    std::smatch m;
    if (!std::regex_search(text, m, input_line)) return text;
    const TexOrigin origin = origin_of(c.tex, static_cast<std::uint32_t>(std::stoul(m[1].str())));
    if (!origin.line) return text;
    if (named) *named = origin;
    return m.prefix().str() +
           fmt::format("on line {} of {}", origin.line, fs::path(c.input).filename().string()) +
           m.suffix().str();
}

void report_class_error(const TexMessage& m, const std::string& log_hint, const Context& c) {
    auto& d = c.sink.error(
        "latex-class-error", c.input, {},
        fmt::format("internal error in the cvtex class: {} (cvtex.cls, line {})", m.text, m.line));
    d.hints.push_back("this is a bug in cvtex, not in your CV; please report it with the log");
    d.hints.push_back(log_hint);
}

void report_error(const TexMessage& m, const std::string& log_hint, const Context& c) {
    if (m.file == "cvtex.cls") return report_class_error(m, log_hint, c);
    const bool in_document = m.file.empty() || m.file == "cv.tex";
    TexOrigin origin = in_document && m.line ? origin_of(c.tex, m.line) : TexOrigin{};
    // "\begin{itemize} on input line 7 ended by \end{document}": line 7 is the culprit.
    TexOrigin named;
    std::string text = with_toml_lines(m.text, c, &named);
    if (named.raw) origin = named;
    if (!in_document) text += fmt::format(" (in {}, line {})", m.file, m.line);
    if (origin.raw) text += " in the raw LaTeX of this entry";
    auto& d = c.sink.error("latex-error", c.input, origin.line ? Span::at(origin.line, 1) : Span{},
                           fmt::format("LaTeX: {}", text));
    if (origin.line && !origin.raw)
        d.hints.push_back(
            "cvtex escapes all text outside raw-latex sections, so this is probably a "
            "bug in cvtex; please report it with the log");
    d.hints.push_back(log_hint);
}

// Each line of the .tex that holds `glyph`, mapped to its TOML line.
std::vector<std::uint32_t> toml_lines_holding(std::string_view tex, std::string_view glyph) {
    std::vector<std::uint32_t> out;
    std::uint32_t tex_line = 1;
    std::size_t pos = 0;
    while (pos < tex.size()) {
        const std::size_t end = std::min(tex.find('\n', pos), tex.size());
        if (tex.substr(pos, end - pos).find(glyph) != std::string_view::npos) {
            const std::uint32_t line = origin_of(tex, tex_line).line;
            if (std::find(out.begin(), out.end(), line) == out.end()) out.push_back(line);
        }
        pos = end + 1;
        ++tex_line;
    }
    return out;
}

// Calls `f` with the texts `t` holds: itself, or each of them.
template <class F>
void each(F& f, const Text& t) {
    f(t);
}
template <class F>
void each(F& f, const std::optional<Text>& t) {
    if (t) f(*t);
}
template <class F>
void each(F& f, const std::vector<Text>& ts) {
    for (const auto& t : ts) f(t);
}
template <class F>
void each(F& f, const std::vector<Highlight>& hs) {
    for (const auto& h : hs) {
        f(h.text);
        each(f, h.children);
    }
}
template <class F>
void each(F& f, const std::vector<Detail>& ds) {
    for (const auto& d : ds) {
        f(d.label);
        f(d.value);
        each(f, d.items);
    }
}
template <class F, class... T>
void each(F& f, const T&... texts) requires(sizeof...(T) > 1) {
    (each(f, texts), ...);
}

// The texts of one entry that a writer prints.
template <class F>
void entry_texts(F& f, const EducationEntry& e) {
    each(f, e.institution, e.degree, e.area, e.location, e.summary, e.details, e.highlights);
}
template <class F>
void entry_texts(F& f, const ExperienceEntry& e) {
    each(f, e.organization, e.position, e.location, e.summary, e.highlights);
}
template <class F>
void entry_texts(F& f, const Publication& e) {
    each(f, e.title, e.group_title, e.venue, e.award, e.note);
    for (const auto& a : e.byline) f(Text{a.name, a.span});
    for (const auto& l : e.links) f(l.text);
}
template <class F>
void entry_texts(F& f, const ListEntry& e) {
    each(f, e.label, e.items);
}
template <class F>
void entry_texts(F& f, const OnelineEntry& e) {
    each(f, e.label, e.details);
}
template <class F>
void entry_texts(F& f, const DatedEntry& e) {
    each(f, e.title, e.location, e.details);
}
template <class F>
void entry_texts(F& f, const SkillEntry& e) {
    each(f, e.label, e.items, e.level);
}
template <class F>
void entry_texts(F& f, const ProjectEntry& e) {
    each(f, e.name, e.role, e.location, e.summary, e.details, e.highlights);
}
template <class F>
void entry_texts(F& f, const TalkEntry& e) {
    each(f, e.title, e.event, e.location, e.type_label);
}
template <class F>
void entry_texts(F& f, const GrantEntry& e) {
    each(f, e.title, e.agency, e.role, e.currency, e.summary, e.highlights);
}
template <class F>
void entry_texts(F& f, const PatentEntry& e) {
    each(f, e.title, e.number, e.status, e.inventors, e.summary);
}
template <class F>
void entry_texts(F& f, const ServiceEntry& e) {
    each(f, e.role, e.organization, e.details);
}
template <class F>
void entry_texts(F& f, const MembershipEntry& e) {
    each(f, e.organization, e.role, e.details);
}
template <class F>
void entry_texts(F& f, const CertificationEntry& e) {
    each(f, e.name, e.issuer, e.details);
}
template <class F>
void entry_texts(F& f, const StudentEntry& e) {
    each(f, e.name, e.degree, e.outcome, e.details);
}
template <class F>
void entry_texts(F& f, const RefereeEntry& e) {
    each(f, e.name, e.title, e.institution, e.address, e.email, e.phone, e.relationship);
}

// Calls `f` with every text of the document that a writer prints, with where it was written:
// the field (in the TOML or a .bib) that a character of the PDF came from.
template <class F>
void for_each_text(const Document& doc, F&& f) {
    const Person& p = doc.person;
    f(p.name);
    each(f, p.headline);
    for (const auto& c : p.contacts) f(c.text);
    const Cv* cv = doc.cv();
    if (!cv) return;
    for (const auto& s : cv->sections) {
        f(s.title);
        each(f, s.note);
        std::visit(
            [&](const auto& body) {
                using B = std::decay_t<decltype(body)>;
                if constexpr (std::is_same_v<B, TextBody>) {
                    each(f, body.paragraphs);
                } else if constexpr (!std::is_same_v<B, RawLatexBody>) {
                    for (const auto& e : body) entry_texts(f, e);
                }  // raw LaTeX: found through the .tex instead
            },
            s.body);
    }
}

// Where a missing glyph is reported: a file and a position in it.
struct Place {
    std::string file;
    Span span;
    bool operator<(const Place& o) const {
        return std::tie(file, span.line, span.column) <
               std::tie(o.file, o.span.line, o.span.column);
    }
};

// The fields that hold `glyph`; else the TOML lines of the .tex lines that hold it.
std::vector<Place> places_of(std::string_view glyph, const Context& c) {
    std::vector<Place> out;
    if (c.doc)
        for_each_text(*c.doc, [&](const Text& t) {
            if (!t.span.valid() || t.value.find(glyph) == std::string::npos) return;
            Place place{c.doc->path_of(t.span), t.span};
            if (std::none_of(out.begin(), out.end(), [&](const Place& p) {
                    return p.file == place.file && p.span.line == place.span.line &&
                           p.span.column == place.span.column;
                }))
                out.push_back(std::move(place));
        });
    if (!out.empty()) return out;
    for (std::uint32_t line : toml_lines_holding(c.tex, glyph))
        out.push_back({c.input, line ? Span::at(line, 1) : Span{}});
    return out;
}

// Missing glyphs are grouped by the field (or, failing that, the TOML line) that holds them,
// one warning per place.
void report_missing_characters(const std::vector<TexMessage>& messages, const Context& c) {
    std::map<Place, std::vector<std::string>> by_place;
    for (const auto& m : messages) {
        if (m.kind != TexMessage::Kind::missing_character) continue;
        if (m.character.empty()) {
            by_place[Place{c.input, {}}].push_back(m.text);
            continue;
        }
        std::size_t pos = 0;
        const char32_t cp = utf8::decode(m.character, pos);
        const std::string named =
            fmt::format("'{}' (U+{:04X})", m.character, static_cast<std::uint32_t>(cp));
        for (const Place& place : places_of(m.character, c)) {
            auto& list = by_place[place];
            if (std::find(list.begin(), list.end(), named) == list.end()) list.push_back(named);
        }
    }
    for (const auto& [place, chars] : by_place) {
        auto& d = c.sink.warning(
            "missing-character", place.file, place.span,
            fmt::format("the font has no glyph for {}; not printed", fmt::join(chars, ", ")));
        d.hints.push_back(c.engine == "pdflatex"
                              ? "build with --engine xelatex or --engine lualatex for full Unicode"
                              : "install a font that has it, e.g. fonts-cmu for Cyrillic and "
                                "Greek, fonts-noto-cjk for Chinese, fonts-noto-core for Arabic, "
                                "Hebrew and Indic scripts (see docs/engine.md)");
    }
}

void report_message(const TexMessage& m, const std::string& log_hint, const Context& c) {
    const std::uint32_t line =
        m.file.empty() || m.file == "cv.tex" ? origin_of(c.tex, m.line).line : 0;
    const Span span = line ? Span::at(line, 1) : Span{};
    switch (m.kind) {
        case TexMessage::Kind::error:
            report_error(m, log_hint, c);
            break;
        case TexMessage::Kind::overfull:
            if (m.overfull_pt > 1.0)
                c.sink
                    .warning(
                        "overfull-box", c.input, span,
                        fmt::format("text sticks out into the margin by {:.1f}pt", m.overfull_pt))
                    .hints.push_back("shorten the text, or allow a line break in it");
            break;
        case TexMessage::Kind::warning:
            // Font substitutions are the class's business; reruns are handled by passes.
            if (m.text.starts_with("Class cvtex Warning: Language")) {
                // \cvsetlanguage: the language's babel file is not installed.
                const Span at = c.doc ? c.doc->settings.language_span : Span{};
                c.sink
                    .warning("language-not-installed", c.doc ? c.doc->path_of(at) : c.input, at,
                             "l" + m.text.substr(std::string_view("Class cvtex Warning: L").size()))
                    .hints.push_back("the build goes on with English hyphenation");
            } else if (!m.text.starts_with("LaTeX Font Warning"))
                c.sink.warning("latex-warning", c.input, m.line ? span : Span{},
                               with_toml_lines(m.text, c));
            break;
        case TexMessage::Kind::missing_character:
        case TexMessage::Kind::underfull:
            break;
    }
}

}  // namespace

void report_script_fonts(const Document& doc, const FontCatalog& fonts, DiagnosticSink& sink) {
    // The first field of each script, in reading order.
    std::vector<std::pair<std::string_view, Span>> first;
    for_each_text(doc, [&](const Text& t) {
        if (utf8::is_ascii(t.value)) return;
        for (std::size_t pos = 0; pos < t.value.size();) {
            const auto script = latex::script_of(utf8::decode(t.value, pos));
            if (script.empty() || std::any_of(first.begin(), first.end(),
                                              [&](const auto& f) { return f.first == script; }))
                continue;
            first.emplace_back(script, t.span);
        }
    });
    for (const auto& [script, span] : first) {
        const auto& all = script_fonts();
        const std::string_view name = script;  // a structured binding is not captured (C++20)
        const auto it = std::find_if(all.begin(), all.end(),
                                     [&](const ScriptFonts& f) { return f.script == name; });
        if (it == all.end()) continue;
        std::size_t found = 0;
        while (found < it->families.size() && !fonts.has(it->families[found])) ++found;
        if (found == it->families.size()) {
            sink.warning("missing-script-font", doc.path_of(span), span,
                         fmt::format("no font for {} is installed; its characters are not printed",
                                     it->name))
                .hints.push_back(
                    fmt::format("install the Debian package {} (see docs/locale.md)", it->package));
        } else if (found >= it->with_bold) {
            sink.warning("fake-bold", doc.path_of(span), span,
                         fmt::format("the font for {} ({}) has no bold face; bold text in it is "
                                     "emboldened by the engine",
                                     it->name, it->families[found]))
                .hints.push_back(
                    fmt::format("install the Debian package {} for a real bold face", it->package));
        }
    }
}

void report_tex_messages(const EngineResult& result, const std::string& tex,
                         const std::string& input, const std::string& engine, DiagnosticSink& sink,
                         const Document* doc) {
    const Context c{tex, input, engine, sink, doc};
    const std::string log_hint =
        result.log_path.empty()
            ? std::string("run again with --keep-build DIR to keep the full TeX log")
            : fmt::format("full log: {}", result.log_path);
    for (const auto& m : result.messages) report_message(m, log_hint, c);
    report_missing_characters(result.messages, c);
}

}  // namespace cvtex
