// Letters and statements between reading and writing.
#include "cvtex/transform/documents.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "cvtex/base/utf8.hpp"
#include "cvtex/transform/publications.hpp"

namespace cvtex {

namespace {

// `{{ name }}` in text: expanded from the variables, every unknown one reported.
class Expander {
  public:
    Expander(const Document& doc, const Variables& variables, DiagnosticSink& sink)
        : doc_(doc), variables_(variables), sink_(sink) {}

    void expand(std::string& text, Span span);
    void expand(Text& t) { expand(t.value, t.span); }
    void expand(std::optional<Text>& t) {
        if (t) expand(*t);
    }
    void expand(std::vector<Inline>& inlines) {
        for (auto& i : inlines) {
            if (i.kind == Inline::Kind::text) expand(i.text, i.span);
            expand(i.children);
        }
    }
    void expand(std::vector<Block>& blocks) {
        for (auto& b : blocks) {
            expand(b.inlines);
            expand(b.children);
            for (auto& item : b.items) expand(item);
        }
    }

  private:
    void unknown(std::string_view name, Span at);

    const Document& doc_;
    const Variables& variables_;
    DiagnosticSink& sink_;
};

void Expander::unknown(std::string_view name, Span at) {
    std::vector<std::string> known;
    for (const auto& [k, v] : variables_) known.push_back(k);
    auto& d = sink_.error("unknown-variable", doc_.path_of(at), at,
                          fmt::format("unknown variable '{}'", name));
    const std::string guess = closest_match(name, known);
    if (!guess.empty())
        d.hints.push_back(fmt::format("did you mean '{}'?", guess));
    else if (!known.empty())
        d.hints.push_back(fmt::format("the variables here are: {}", fmt::join(known, ", ")));
    else
        d.hints.push_back(
            "variables come from an application of a packet (cvtex packet), or from "
            "--var NAME=VALUE");
}

void Expander::expand(std::string& text, Span span) {
    if (text.find("{{") == std::string::npos) return;
    std::string out;
    std::size_t from = 0;
    for (std::size_t open = text.find("{{"); open != std::string::npos;
         open = text.find("{{", from)) {
        const std::size_t close = text.find("}}", open + 2);
        if (close == std::string::npos) break;
        std::string_view name = std::string_view(text).substr(open + 2, close - open - 2);
        while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
        while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
        out.append(text, from, open - from);
        from = close + 2;
        if (const auto it = variables_.find(name); it != variables_.end()) {
            out += it->second.value;
            continue;
        }
        Span at = span;
        at.column +=
            static_cast<std::uint32_t>(utf8::length(std::string_view(text).substr(0, open)));
        at.end_line = at.line;
        at.end_column = at.column + static_cast<std::uint32_t>(utf8::length(
                                        std::string_view(text).substr(open, close + 2 - open)));
        unknown(name, at);
        out.append(text, open, close + 2 - open);
    }
    out.append(text, from);
    text = std::move(out);
}

void expand_letter(Letter& l, Expander& e) {
    for (auto* t : {&l.subject, &l.salutation, &l.closing, &l.recipient.name, &l.recipient.title,
                    &l.recipient.institution})
        e.expand(*t);
    for (auto& line : l.recipient.address) e.expand(line);
    e.expand(l.body.blocks);
}

// The extension an image has in the build directory, by what its bytes are.
std::optional<std::string> image_extension(std::string_view bytes) {
    if (bytes.starts_with("\x89PNG\r\n\x1a\n")) return ".png";
    if (bytes.starts_with("\xFF\xD8\xFF")) return ".jpg";
    if (bytes.starts_with("%PDF-")) return ".pdf";
    return std::nullopt;
}

// An image the document shows (a signature, a photo), read through `sources` (so that depfiles,
// stamps and watch mode know it) and attached as `stem` and its type's extension: the engine
// gets it beside the .tex.
void attach_image(Document& doc, const Text& file, std::string_view stem, std::string_view what,
                  std::string_view save_as, Sources& sources, DiagnosticSink& sink) {
    namespace fs = std::filesystem;
    // Relative to the file that names it: a letter's letterhead may come from its CV.
    const std::string path =
        (fs::path(doc.path_of(file.span)).parent_path() / file.value).lexically_normal().string();
    FileRead read = sources.read(path);
    if (!read.ok()) {
        const std::string message = cannot_read(fmt::format("the {} '{}'", what, file.value), read);
        if (read.status == FileRead::Status::too_large) {
            sink.error("file-too-large", doc.path_of(file.span), file.span, message);
            return;
        }
        auto& d = sink.error("file-not-found", doc.path_of(file.span), file.span, message);
        sources.hint_near_file(d, path, read);
        d.hints.push_back(fmt::format("looked for {}; paths are relative to this file", path));
        return;
    }
    const auto extension = image_extension(read.bytes);
    if (!extension) {
        sink.error("bad-image", doc.path_of(file.span), file.span,
                   fmt::format("'{}' is not a PNG, JPEG or PDF image", file.value))
            .hints.push_back(std::string(save_as));
        return;
    }
    doc.attachments.emplace_back(std::string(stem) + *extension, std::move(read.bytes));
}

// A theme file of the user's: read through `sources` (an input of the build, for depfiles,
// stamps and watch mode) and put beside the .tex, where the class finds it as the theme
// "custom". Its path is relative to the file that names it (a letter may take its settings
// from its CV).
void attach_theme(Document& doc, Sources& sources, DiagnosticSink& sink) {
    namespace fs = std::filesystem;
    const Text& theme = doc.settings.theme;
    const std::string path =
        (fs::path(doc.path_of(theme.span)).parent_path() / theme.value).lexically_normal().string();
    FileRead read = sources.read(path);
    if (!read.ok()) {
        auto& d = sink.error("file-not-found", doc.path_of(theme.span), theme.span,
                             fmt::format("cannot read the theme '{}'", theme.value));
        sources.hint_near_file(d, path, read);
        d.hints.push_back(fmt::format("looked for {}; paths are relative to this file", path));
        return;
    }
    if (read.bytes.find('\0') != std::string::npos || utf8::find_invalid(read.bytes)) {
        sink.error("bad-theme", doc.path_of(theme.span), theme.span,
                   fmt::format("'{}' is not a LaTeX file (it is not UTF-8 text)", theme.value))
            .hints.push_back(
                "a theme is a .sty file: start from `cvtex theme copy classic "
                "mytheme.sty`");
        return;
    }
    doc.attachments.emplace_back(custom_theme_file, std::move(read.bytes));
}

// Every citation of `inlines`, in order.
void citations(std::vector<Inline>& inlines, std::vector<Inline*>& out) {
    for (auto& i : inlines) {
        if (i.kind == Inline::Kind::citation) out.push_back(&i);
        citations(i.children, out);
    }
}

void citations(std::vector<Block>& blocks, std::vector<Inline*>& out) {
    for (auto& b : blocks) {
        citations(b.inlines, out);
        citations(b.children, out);
        for (auto& item : b.items) citations(item, out);
    }
}

// The references of a statement: a publications section of the keys it cites, in the order
// first cited, numbered; each citation learns its numbers.
void prepare_references(Document& doc, Statement& s, Sources& sources, DiagnosticSink& sink) {
    std::vector<Inline*> cited;
    citations(s.body.blocks, cited);
    if (cited.empty()) return;
    Section refs;
    refs.title = s.references_title.value_or(Text{doc.settings.locale.get("references"), s.span});
    refs.span = s.span;
    refs.body = std::vector<Publication>{};
    refs.publications.bib = s.bib;
    refs.publications.sort = PublicationSort::none;
    refs.publications.numbering = Numbering::ascending;
    refs.publications.keys_cited = true;
    for (const Inline* c : cited)
        for (const auto& key : c->keys)
            if (std::none_of(refs.publications.keys.begin(), refs.publications.keys.end(),
                             [&](const Text& k) { return k.value == key.value; }))
                refs.publications.keys.push_back(key);
    if (s.bib.empty()) {
        sink.error("no-bib-for-citations", doc.path_of(cited.front()->span), cited.front()->span,
                   "the statement cites works, but has no .bib files to find them in")
            .hints.push_back(
                "add bib = [\"publications.bib\"] to [statement], or cv = \"cv.toml\" "
                "with a publications section that has bib");
        return;
    }
    prepare_publication_list(doc, refs, sources, sink);
    const auto& list = std::get<std::vector<Publication>>(refs.body);
    for (Inline* c : cited)
        for (const auto& key : c->keys) {
            const auto it = std::find_if(list.begin(), list.end(),
                                         [&](const Publication& p) { return p.key == key.value; });
            c->numbers.push_back(it == list.end() ? "?" : it->number);
        }
    s.references = std::move(refs);
}

}  // namespace

void prepare_document(Document& doc, const TransformOptions& options, Sources& sources,
                      DiagnosticSink& sink) {
    if (doc.settings.custom_theme()) attach_theme(doc, sources, sink);
    if (doc.person.photo)
        attach_image(doc, *doc.person.photo, "photo", "photo", "save the photo as JPEG or PNG",
                     sources, sink);
    Expander expander(doc, options.variables, sink);
    if (auto* letter = std::get_if<Letter>(&doc.content)) {
        expand_letter(*letter, expander);
        if (!letter->date) letter->date = options.today;
        if (letter->signature)
            attach_image(doc, *letter->signature, "signature", "signature",
                         "save the signature as PNG (a transparent background prints best)",
                         sources, sink);
    } else if (auto* statement = std::get_if<Statement>(&doc.content)) {
        expander.expand(statement->title);
        expander.expand(statement->body.blocks);
        if (!sink.has_errors()) prepare_references(doc, *statement, sources, sink);
    }
}

}  // namespace cvtex
