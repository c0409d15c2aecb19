// LaTeX in BibTeX field values turned into plain Unicode text.
#include "cvtex/read/latex_text.hpp"

#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "cvtex/base/utf8.hpp"
#include "cvtex/read/math.hpp"

namespace cvtex {

namespace {

bool is_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Accent commands and the combining mark each one puts on its letter.
char32_t accent_mark(std::string_view name) {
    // clang-format off
    static const std::unordered_map<std::string_view, char32_t> marks{
        {"'", 0x0301}, {"`", 0x0300}, {"^", 0x0302}, {"\"", 0x0308}, {"~", 0x0303},
        {"=", 0x0304}, {".", 0x0307}, {"u", 0x0306}, {"v", 0x030C}, {"H", 0x030B},
        {"c", 0x0327}, {"k", 0x0328}, {"r", 0x030A}, {"d", 0x0323}, {"b", 0x0331},
        {"t", 0x0361}, {"G", 0x030F},
    };
    // clang-format on
    const auto it = marks.find(name);
    return it == marks.end() ? 0 : it->second;
}

// Commands that stand for a letter or a symbol.
const std::unordered_map<std::string_view, std::string_view>& symbols() {
    // clang-format off
    static const std::unordered_map<std::string_view, std::string_view> map{
        {"ss", "ß"}, {"SS", "SS"}, {"o", "ø"}, {"O", "Ø"}, {"ae", "æ"}, {"AE", "Æ"},
        {"oe", "œ"}, {"OE", "Œ"}, {"aa", "å"}, {"AA", "Å"}, {"l", "ł"}, {"L", "Ł"},
        {"i", "ı"}, {"j", "ȷ"}, {"dh", "ð"}, {"DH", "Ð"}, {"th", "þ"}, {"TH", "Þ"},
        {"dj", "đ"}, {"DJ", "Đ"}, {"ng", "ŋ"}, {"NG", "Ŋ"},
        {"textendash", "–"}, {"textemdash", "—"}, {"ldots", "…"}, {"dots", "…"},
        {"textellipsis", "…"}, {"textquoteleft", "‘"}, {"textquoteright", "’"},
        {"textquotedblleft", "“"}, {"textquotedblright", "”"}, {"guillemotleft", "«"},
        {"guillemotright", "»"}, {"textregistered", "®"}, {"texttrademark", "™"},
        {"copyright", "©"}, {"textcopyright", "©"}, {"S", "§"}, {"P", "¶"},
        {"textsection", "§"}, {"textparagraph", "¶"}, {"textdagger", "†"}, {"dag", "†"},
        {"ddag", "‡"}, {"textbullet", "•"}, {"LaTeX", "LaTeX"}, {"TeX", "TeX"},
        {"BibTeX", "BibTeX"}, {"LaTeXe", "LaTeX2e"}, {"textasciitilde", "~"},
        {"textasciicircum", "^"}, {"textbackslash", "\\"}, {"textunderscore", "_"},
        {"textbar", "|"}, {"textless", "<"}, {"textgreater", ">"}, {"textbraceleft", "{"},
        {"textbraceright", "}"}, {"textdollar", "$"}, {"euro", "€"}, {"texteuro", "€"},
        {"pounds", "£"}, {"textsterling", "£"}, {"textdegree", "°"}, {"textmu", "µ"},
        {"textperthousand", "‰"}, {"slash", "/"},
        // math
        {"alpha", "α"}, {"beta", "β"}, {"gamma", "γ"}, {"delta", "δ"}, {"epsilon", "ϵ"},
        {"varepsilon", "ε"}, {"zeta", "ζ"}, {"eta", "η"}, {"theta", "θ"}, {"kappa", "κ"},
        {"lambda", "λ"}, {"mu", "μ"}, {"nu", "ν"}, {"xi", "ξ"}, {"pi", "π"}, {"rho", "ρ"},
        {"sigma", "σ"}, {"tau", "τ"}, {"phi", "ϕ"}, {"varphi", "φ"}, {"chi", "χ"},
        {"psi", "ψ"}, {"omega", "ω"}, {"Gamma", "Γ"}, {"Delta", "Δ"}, {"Theta", "Θ"},
        {"Lambda", "Λ"}, {"Pi", "Π"}, {"Sigma", "Σ"}, {"Phi", "Φ"}, {"Psi", "Ψ"},
        {"Omega", "Ω"}, {"times", "×"}, {"pm", "±"}, {"cdot", "·"}, {"leq", "≤"},
        {"le", "≤"}, {"geq", "≥"}, {"ge", "≥"}, {"neq", "≠"}, {"ne", "≠"}, {"approx", "≈"},
        {"infty", "∞"}, {"rightarrow", "→"}, {"to", "→"}, {"leftarrow", "←"}, {"sim", "∼"},
        {"ell", "ℓ"}, {"circ", "∘"}, {"prime", "′"}, {"sqrt", "√"},
    };
    // clang-format on
    return map;
}

// Commands that change only the look: dropped, the text of their argument kept.
bool is_formatting(std::string_view name) {
    // clang-format off
    static const std::unordered_set<std::string_view> names{
        "emph", "textbf", "textit", "textsc", "textrm", "textsf", "texttt", "textup",
        "textsl", "textmd", "textnormal", "mbox", "hbox", "text", "mathrm", "mathit",
        "mathbf", "mathsf", "mathtt", "mathcal", "mathbb", "url", "nolinkurl", "path",
        "textsuperscript", "textsubscript", "uppercase", "lowercase", "MakeUppercase",
        "MakeLowercase", "NoCaseChange", "ensuremath", "em", "it", "bf", "sc", "rm", "sf",
        "tt", "sl", "up", "bfseries", "itshape", "scshape", "mdseries", "upshape",
        "normalfont", "relax", "protect", "nobreak", "small", "footnotesize", "large",
        "Large", "normalsize", "noindent", "xspace", "boldmath", "unskip", "nocorr",
        "enquote", "hyphen", "underline", "uline", "ul"};
    // clang-format on
    return names.contains(name);
}

// Commands whose (first) argument is not text: dropped with it.
bool drops_argument(std::string_view name) {
    // clang-format off
    static const std::unordered_set<std::string_view> names{
        "noopsort", "hspace", "vspace", "label", "cite", "citep", "citet", "ref",
        "hyphenation", "index", "footnote", "SortNoop", "sortnoop", "thanks", "orcidlink"};
    // clang-format on
    return names.contains(name);
}

// The braced group starting at s[i] (without its braces); i moves past it. An unclosed group
// runs to the end.
std::string_view braced_group(std::string_view s, std::size_t& i) {
    const std::size_t open = i;
    int depth = 0;
    for (; i < s.size(); ++i) {
        if (s[i] == '{')
            ++depth;
        else if (s[i] == '}' && --depth == 0)
            return s.substr(open + 1, i++ - open - 1);
    }
    return s.substr(open + 1);
}

// What the converter writes when its output is inline markup rather than plain text.
struct MarkupOutput {
    bool markdown = false;  ///< `*`, `[` and `]` are markup as written
    std::vector<markup::MathProblem>* problems = nullptr;
};

// Accents on accented groups ({\"{\'{...}}}) are read by nested converters; past this depth the
// group is taken as written, so that no input can exhaust the stack (100,000 levels did).
constexpr int max_accent_depth = 32;

class Converter {
  public:
    Converter(std::string_view s, LatexMode mode, std::vector<std::string>& unknown,
              const MarkupOutput* markup = nullptr, int depth = 0)
        : s_(s), mode_(mode), unknown_(unknown), markup_(markup), depth_(depth) {}

    std::string run() {
        while (i_ < s_.size()) step();
        return std::move(out_);
    }

    /// True when a combining mark was written, so the text needs NFC composition.
    bool marked() const { return marked_; }
    /// Starts in math mode: the inside of a formula printed as text.
    void in_math() { math_ = true; }

  private:
    bool text_mode() const { return mode_ != LatexMode::verbatim; }

    // Text as it is printed: in markup, the characters that are markup are escaped.
    void emit(std::string_view text) {
        if (!markup_) {
            out_ += text;
            return;
        }
        for (char c : text) {
            if (c == '$' || (!markup_->markdown && (c == '*' || c == '[' || c == ']')))
                out_ += '\\';
            out_ += c;
        }
    }
    void emit(char c) { emit(std::string_view(&c, 1)); }

    // A formula, $...$, $$...$$ or \(...\) (i_ at the '$' or at the '(' of "\("): in markup,
    // $source$ when math::parse() takes it, else the text it stands for, as in plain text.
    void formula(bool paren) {
        const bool display = !paren && i_ + 1 < s_.size() && s_[i_ + 1] == '$';
        const std::string_view delim = paren ? "\\)" : display ? "$$" : "$";
        const std::size_t open = paren ? i_ - 1 : i_;
        const std::size_t start = i_ + (display ? 2 : 1);
        std::size_t end = start;
        while (end < s_.size() && !s_.substr(end).starts_with(delim))
            end += s_[end] == '\\' && !paren ? 2 : 1;
        if (end >= s_.size()) {  // never closed: read on as before
            if (paren)
                emit('(');
            else
                math_ = !math_;
            ++i_;
            return;
        }
        const std::string_view content = s_.substr(start, end - start);
        i_ = end + delim.size();
        const std::string source = utf8::collapse_blanks(content);
        const math::Parsed parsed = math::parse(source);
        // The markup reads it back as a formula only if no digit follows and no backslash
        // (which would escape the '$') comes before.
        const bool digit_after = i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9';
        const bool backslash_before = !out_.empty() && out_.back() == '\\';
        if (parsed.ok && !source.empty() && !digit_after && !backslash_before) {
            out_ += '$' + source + '$';
            return;
        }
        if (!parsed.ok && !source.empty() && markup_->problems)
            markup_->problems->push_back({std::string(s_.substr(open, i_ - open)), parsed.problem});
        if (parsed.ok) return emit(math::plain_text(parsed.row));
        // Printed as text: symbols as characters, what is not understood left out.
        std::vector<std::string> ignored;
        Converter inner(content, mode_, ignored);
        inner.in_math();
        emit(inner.run());
    }

    void step() {
        const char c = s_[i_];
        // Braces group, and a sub- or superscript mark only places what follows.
        if (c == '{' || c == '}' || ((c == '^' || c == '_') && math_)) {
            ++i_;
        } else if (c == '\\') {
            ++i_;
            command();
        } else if (c == '$' && text_mode()) {
            if (markup_ && !math_) return formula(false);
            math_ = !math_;
            ++i_;
        } else if (c == '~' && text_mode()) {
            out_ += "\u00A0";
            ++i_;
        } else if (c == '-' && text_mode()) {
            std::size_t n = 0;
            while (i_ < s_.size() && s_[i_] == '-') ++n, ++i_;
            out_ += n == 2 ? "–" : n == 3 ? "—" : std::string(n, '-');
        } else if ((c == '`' || c == '\'') && text_mode()) {
            const bool twice = i_ + 1 < s_.size() && s_[i_ + 1] == c;
            out_ += c == '`' ? (twice ? "“" : "‘") : (twice ? "”" : "’");
            i_ += twice ? 2 : 1;
        } else if (utf8::is_blank(c)) {
            out_ += ' ';
            ++i_;
        } else {
            emit(c);
            ++i_;
        }
    }

    void skip_blanks() {
        while (i_ < s_.size() && utf8::is_blank(s_[i_])) ++i_;
    }

    std::string_view group() { return braced_group(s_, i_); }

    void command() {
        if (i_ >= s_.size()) return;
        const char c = s_[i_];
        if (!is_letter(c)) {
            if (c == '(' && markup_ && !math_) return formula(true);
            ++i_;
            const std::string_view name(&s_[i_ - 1], 1);
            if (accent_mark(name) && text_mode()) return accent(accent_mark(name));
            // Spacing commands (\\ \  \, \; \:) are a space; \! \- \/ \@ print nothing;
            // the rest (\& \% \$ \# \_ \{ ...) print their character.
            if (c == '\\' || c == ' ' || c == ',' || c == ';' || c == ':') {
                out_ += ' ';
            } else if (c != '!' && c != '-' && c != '/' && c != '@') {
                emit(c);
            }
            return;
        }
        const std::size_t start = i_;
        while (i_ < s_.size() && is_letter(s_[i_])) ++i_;
        const std::string_view name = s_.substr(start, i_ - start);
        skip_blanks();  // TeX ignores spaces after a control word
        if (text_mode()) {
            if (const char32_t mark = accent_mark(name)) return accent(mark);
            if (const auto it = symbols().find(name); it != symbols().end()) {
                emit(it->second);
                return;
            }
        } else if (name == "textasciitilde" || name == "textunderscore") {
            out_ += name == "textasciitilde" ? '~' : '_';
            return;
        }
        if (name == "href") {
            // \href{url}{text}: the text in running text, the URL in a URL field.
            if (i_ < s_.size() && s_[i_] == '{') {
                const std::string_view url = group();
                if (!text_mode()) {
                    out_ += url;
                    skip_blanks();
                    if (i_ < s_.size() && s_[i_] == '{') group();
                }
            }
            return;
        }
        if (is_formatting(name)) return;
        if (drops_argument(name)) {
            if (i_ < s_.size() && s_[i_] == '{') group();
            return;
        }
        unknown_.push_back("\\" + std::string(name));
        // In a name, what an unknown command takes is no part of the name: Julien\foo{X}.
        if (mode_ == LatexMode::name && i_ < s_.size() && s_[i_] == '{') group();
    }

    // An accent on the next letter, a {group} or a \i: base letter plus combining mark. With
    // nothing to go on ({\"}, O{\'}Brien) it prints nothing, as \"{} does, and the brace
    // that closes its group stays a brace.
    void accent(char32_t mark) {
        skip_blanks();
        if (i_ >= s_.size() || s_[i_] == '}') return;
        std::string base;
        if (s_[i_] == '{' && depth_ >= max_accent_depth) {
            base = group();  // as written: accents on accents this deep are no name or word
        } else if (s_[i_] == '{') {
            Converter inner(group(), mode_, unknown_, nullptr, depth_ + 1);
            base = inner.run();
            marked_ |= inner.marked();
        } else if (s_[i_] == '\\') {
            const std::size_t start = ++i_;
            while (i_ < s_.size() && is_letter(s_[i_])) ++i_;
            const std::string_view name = s_.substr(start, i_ - start);
            const auto it = symbols().find(name);
            base = it != symbols().end() ? std::string(it->second) : std::string();
        } else {
            const std::size_t start = i_;
            utf8::decode(s_, i_);
            base = std::string(s_.substr(start, i_ - start));
        }
        if (base.empty()) return;
        marked_ = true;
        std::size_t pos = 0;
        char32_t first = utf8::decode(base, pos);
        if (first == U'ı') first = U'i';  // \'{\i} is í, not a dotless i with an accent
        if (first == U'ȷ') first = U'j';
        std::string accented;
        utf8::append(accented, first);
        utf8::append(accented, mark);
        accented += base.substr(pos);
        emit(accented);
    }

    std::string_view s_;
    LatexMode mode_;
    std::vector<std::string>& unknown_;
    const MarkupOutput* markup_;
    std::size_t i_ = 0;
    bool math_ = false;
    bool marked_ = false;
    int depth_ = 0;  // accents around this text
    std::string out_;
};

// Takes the marks off one name (see take_name_marks()).
class MarkTaker {
  public:
    MarkTaker(std::string_view s, NameMarks& marks) : s_(s), marks_(marks) {}

    std::string run() {
        while (i_ < s_.size()) step();
        return std::move(out_);
    }

  private:
    std::string_view group() { return braced_group(s_, i_); }

    bool at(char c) const { return i_ < s_.size() && s_[i_] == c; }

    // A mark character outside braces; returns its length, or 0.
    std::size_t mark_char() {
        static constexpr std::string_view equal[] = {"*", "∗"};
        static constexpr std::string_view unknown[] = {"‡", "#", "§", "¶"};
        static constexpr std::string_view dagger = "†";
        const std::string_view rest = s_.substr(i_);
        for (auto m : equal) {
            if (!rest.starts_with(m)) continue;
            marks_.equal = true;
            return m.size();
        }
        if (rest.starts_with(dagger)) {
            marks_.corresponding = true;
            return dagger.size();
        }
        for (auto m : unknown) {
            if (!rest.starts_with(m)) continue;
            marks_.unknown.emplace_back(m);
            return m.size();
        }
        return 0;
    }

    // The inside of a superscript: known marks set their flag, the rest is one unknown mark.
    void superscript(std::string_view content) {
        NameMarks inner;
        std::string rest = MarkTaker(content, inner).marks_only();
        marks_.equal |= inner.equal;
        marks_.corresponding |= inner.corresponding;
        for (auto& u : inner.unknown) rest += (rest.empty() ? "" : ",") + u;
        const auto b = rest.find_first_not_of(" ,");
        if (b != std::string::npos)
            marks_.unknown.push_back(rest.substr(b, rest.find_last_not_of(" ,") - b + 1));
    }

    // Reads a superscript's content: marks set the flags, anything else is returned.
    std::string marks_only() {
        std::string rest;
        while (i_ < s_.size()) {
            if (const std::size_t n = mark_char(); n) {
                i_ += n;
                continue;
            }
            if (at('\\')) {
                const std::size_t start = ++i_;
                while (i_ < s_.size() && is_letter(s_[i_])) ++i_;
                const std::string_view name = s_.substr(start, i_ - start);
                if (!dagger(name)) rest += "\\" + std::string(name);
                continue;
            }
            if (s_[i_] != '{' && s_[i_] != '}') rest += s_[i_];
            ++i_;
        }
        return rest;
    }

    // \dag and its spellings set the corresponding flag; \ast the equal one.
    bool dagger(std::string_view name) {
        if (name == "dag" || name == "dagger" || name == "textdagger")
            return marks_.corresponding = true;
        if (name == "ast") return marks_.equal = true;
        if (name == "ddag" || name == "ddagger" || name == "textdaggerdbl") {
            marks_.unknown.emplace_back("‡");
            return true;
        }
        return false;
    }

    // Commands that only change the look of a whole name: their braces are taken off.
    static bool wrapper(std::string_view name) {
        for (std::string_view w : {"textbf", "textit", "emph", "underline", "uline", "ul", "textsc",
                                   "textsl", "textup", "textmd", "textrm", "textsf", "textnormal"})
            if (name == w) return true;
        return false;
    }
    static bool switch_command(std::string_view name) {
        for (std::string_view w : {"bf", "em", "it", "sl", "sc", "bfseries", "itshape"})
            if (name == w) return true;
        return false;
    }

    void command() {
        const std::size_t start = ++i_;
        while (i_ < s_.size() && is_letter(s_[i_])) ++i_;
        const std::string_view name = s_.substr(start, i_ - start);
        if (name.empty()) {  // \' \" \& ...: copied with the character they take
            out_ += '\\';
            if (i_ < s_.size()) out_ += s_[i_++];
            return;
        }
        const std::size_t after_name = i_;
        while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t')) ++i_;
        if (wrapper(name) && at('{')) {
            out_ += MarkTaker(group(), marks_).run();
            return;
        }
        if (name == "textsuperscript" && at('{')) return superscript(group());
        if (dagger(name)) return;
        i_ = after_name;
        out_ += '\\';
        out_ += name;
    }

    void brace_group() {
        const std::size_t start = i_;
        const std::string_view inside = group();
        // {\bf Name}: a switch that bolds the whole name.
        std::size_t k = 0;
        if (inside.starts_with('\\')) {
            k = 1;
            while (k < inside.size() && is_letter(inside[k])) ++k;
            if (switch_command(inside.substr(1, k - 1))) {
                while (k < inside.size() && utf8::is_blank(inside[k])) ++k;
                out_ += MarkTaker(inside.substr(k), marks_).run();
                return;
            }
        }
        out_ += s_.substr(start, i_ - start);  // protected: copied as written
    }

    // $^*$, $^{\dagger}$, \(^*\): a superscript in math; other math is copied.
    void math() {
        const bool paren = s_[i_] == '\\';
        const std::size_t start = i_;
        i_ += paren ? 2 : 1;
        const std::size_t end = s_.find(paren ? "\\)" : "$", i_);
        const std::size_t stop = end == std::string_view::npos ? s_.size() : end;
        std::string_view inside = s_.substr(i_, stop - i_);
        i_ = end == std::string_view::npos ? s_.size() : end + (paren ? 2 : 1);
        const auto b = inside.find_first_not_of(' ');
        if (b != std::string_view::npos && inside[b] == '^') {
            inside.remove_prefix(b + 1);
            while (inside.starts_with(' ')) inside.remove_prefix(1);
            if (inside.starts_with('{') && inside.ends_with('}'))
                inside = inside.substr(1, inside.size() - 2);
            return superscript(inside);
        }
        out_ += s_.substr(start, i_ - start);
    }

    void step() {
        const char c = s_[i_];
        if (c == '$' || (c == '\\' && i_ + 1 < s_.size() && s_[i_ + 1] == '(')) return math();
        if (c == '\\') return command();
        if (c == '{') return brace_group();
        if (c == '^') {
            ++i_;
            if (at('{')) return superscript(group());
            marks_.unknown.emplace_back("^");
            return;
        }
        if (const std::size_t n = mark_char(); n) {
            i_ += n;
            return;
        }
        out_ += c;
        ++i_;
    }

    std::string_view s_;
    NameMarks& marks_;
    std::size_t i_ = 0;
    std::string out_;
};

}  // namespace

MarkupText latex_to_markup(std::string_view value, bool markdown) {
    MarkupText out;
    const MarkupOutput markup{markdown, &out.math};
    Converter converter(value, LatexMode::text, out.unknown, &markup);
    out.text = utf8::collapse_blanks(converter.run());
    if (converter.marked()) out.text = utf8::nfc(out.text);
    return out;
}

std::string take_name_marks(std::string_view name, NameMarks& marks) {
    // Most names have nothing to take off.
    if (name.find_first_of("*#^${\\\xE2\xC2") == std::string_view::npos) return std::string(name);
    return MarkTaker(name, marks).run();
}

PlainText latex_to_unicode(std::string_view value, LatexMode mode) {
    PlainText out;
    // Most names and many titles hold nothing to convert.
    const bool plain = value.find_first_of("\\{}$~-`'\t\n\r") == std::string_view::npos &&
                       value.find("  ") == std::string_view::npos && !value.starts_with(' ') &&
                       !value.ends_with(' ');
    if (plain) {
        out.text = std::string(value);
        return out;
    }
    Converter converter(value, mode, out.unknown);
    out.text = utf8::collapse_blanks(converter.run());
    // Only accent commands add combining marks; other text is composed later by escape().
    if (converter.marked()) out.text = utf8::nfc(out.text);
    return out;
}

}  // namespace cvtex
