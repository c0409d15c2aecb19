// Inline math read into a tree from an allow-list of commands, and its Unicode plain-text form.
#include "cvtex/read/math.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <unordered_map>

#include "cvtex/base/utf8.hpp"

namespace cvtex::math {

namespace {

using C = SymbolClass;

// The commands that stand for one symbol. Where two spell the same symbol, the first is the
// one symbol_for() gives (and so what a Unicode character typed in text becomes).
// clang-format off
constexpr Symbol commands[] = {
    // Greek
    {"\\alpha", "α"}, {"\\beta", "β"}, {"\\gamma", "γ"}, {"\\delta", "δ"},
    {"\\varepsilon", "ε"}, {"\\epsilon", "ϵ"}, {"\\zeta", "ζ"}, {"\\eta", "η"},
    {"\\theta", "θ"}, {"\\vartheta", "ϑ"}, {"\\iota", "ι"}, {"\\kappa", "κ"},
    {"\\lambda", "λ"}, {"\\mu", "μ"}, {"\\nu", "ν"}, {"\\xi", "ξ"}, {"\\pi", "π"},
    {"\\varpi", "ϖ"}, {"\\rho", "ρ"}, {"\\varrho", "ϱ"}, {"\\sigma", "σ"},
    {"\\varsigma", "ς"}, {"\\tau", "τ"}, {"\\upsilon", "υ"}, {"\\varphi", "φ"},
    {"\\phi", "ϕ"}, {"\\chi", "χ"}, {"\\psi", "ψ"}, {"\\omega", "ω"},
    {"\\Gamma", "Γ"}, {"\\Delta", "Δ"}, {"\\Theta", "Θ"}, {"\\Lambda", "Λ"},
    {"\\Xi", "Ξ"}, {"\\Pi", "Π"}, {"\\Sigma", "Σ"}, {"\\Upsilon", "ϒ"},
    {"\\Phi", "Φ"}, {"\\Psi", "Ψ"}, {"\\Omega", "Ω"},
    // binary operators
    {"\\pm", "±", C::binary}, {"\\mp", "∓", C::binary}, {"\\times", "×", C::binary},
    {"\\div", "÷", C::binary}, {"\\cdot", "·", C::binary}, {"\\ast", "∗", C::binary},
    {"\\star", "⋆", C::binary}, {"\\circ", "∘", C::binary}, {"\\bullet", "∙", C::binary},
    {"\\oplus", "⊕", C::binary}, {"\\ominus", "⊖", C::binary},
    {"\\otimes", "⊗", C::binary}, {"\\odot", "⊙", C::binary}, {"\\cap", "∩", C::binary},
    {"\\cup", "∪", C::binary}, {"\\setminus", "∖", C::binary},
    {"\\wedge", "∧", C::binary}, {"\\land", "∧", C::binary}, {"\\vee", "∨", C::binary},
    {"\\lor", "∨", C::binary},
    // relations
    {"\\leq", "≤", C::relation}, {"\\le", "≤", C::relation}, {"\\geq", "≥", C::relation},
    {"\\ge", "≥", C::relation}, {"\\neq", "≠", C::relation}, {"\\ne", "≠", C::relation},
    {"\\approx", "≈", C::relation}, {"\\sim", "∼", C::relation},
    {"\\simeq", "≃", C::relation}, {"\\cong", "≅", C::relation},
    {"\\equiv", "≡", C::relation}, {"\\propto", "∝", C::relation},
    {"\\ll", "≪", C::relation}, {"\\gg", "≫", C::relation},
    {"\\leqslant", "⩽", C::relation}, {"\\geqslant", "⩾", C::relation},
    {"\\lesssim", "≲", C::relation}, {"\\gtrsim", "≳", C::relation},
    {"\\prec", "≺", C::relation}, {"\\succ", "≻", C::relation},
    {"\\preceq", "⪯", C::relation}, {"\\succeq", "⪰", C::relation},
    {"\\in", "∈", C::relation}, {"\\notin", "∉", C::relation}, {"\\ni", "∋", C::relation},
    {"\\subset", "⊂", C::relation}, {"\\subseteq", "⊆", C::relation},
    {"\\supset", "⊃", C::relation}, {"\\supseteq", "⊇", C::relation},
    {"\\rightarrow", "→", C::relation}, {"\\to", "→", C::relation},
    {"\\leftarrow", "←", C::relation}, {"\\gets", "←", C::relation},
    {"\\leftrightarrow", "↔", C::relation}, {"\\Rightarrow", "⇒", C::relation},
    {"\\Leftarrow", "⇐", C::relation}, {"\\Leftrightarrow", "⇔", C::relation},
    {"\\mapsto", "↦", C::relation}, {"\\longrightarrow", "⟶", C::relation},
    {"\\uparrow", "↑", C::relation}, {"\\downarrow", "↓", C::relation},
    {"\\mid", "∣", C::relation}, {"\\parallel", "∥", C::relation},
    {"\\perp", "⊥", C::relation}, {"\\models", "⊨", C::relation},
    {"\\vdash", "⊢", C::relation},
    // other symbols
    {"\\infty", "∞"}, {"\\ell", "ℓ"}, {"\\partial", "∂"}, {"\\nabla", "∇"},
    {"\\forall", "∀"}, {"\\exists", "∃"}, {"\\neg", "¬"}, {"\\emptyset", "∅"},
    {"\\varnothing", "∅"}, {"\\hbar", "ℏ"}, {"\\Re", "ℜ"}, {"\\Im", "ℑ"},
    {"\\aleph", "ℵ"}, {"\\prime", "′"}, {"\\ldots", "…"}, {"\\dots", "…"},
    {"\\cdots", "⋯"}, {"\\angle", "∠"}, {"\\triangle", "△"}, {"\\top", "⊤"},
    {"\\bot", "⊥"}, {"\\backslash", "\\"}, {"\\colon", ":", C::punct},
    {"\\vert", "|"}, {"\\Vert", "‖"},
    // delimiters
    {"\\langle", "⟨", C::open}, {"\\rangle", "⟩", C::close}, {"\\lfloor", "⌊", C::open},
    {"\\rfloor", "⌋", C::close}, {"\\lceil", "⌈", C::open}, {"\\rceil", "⌉", C::close},
    // large operators
    {"\\sum", "∑", C::large}, {"\\prod", "∏", C::large}, {"\\coprod", "∐", C::large},
    {"\\int", "∫", C::large}, {"\\oint", "∮", C::large}, {"\\bigcup", "⋃", C::large},
    {"\\bigcap", "⋂", C::large},
};

// Escaped characters: \{ \} \| \$ \% \& \# \_ .
constexpr Symbol escaped[] = {
    {"\\{", "{", C::open}, {"\\}", "}", C::close}, {"\\|", "‖"}, {"\\$", "$"},
    {"\\%", "%"}, {"\\&", "&"}, {"\\#", "#"}, {"\\_", "_"},
};

// ASCII characters that are math as they are.
constexpr Symbol characters[] = {
    {"+", "+", C::binary}, {"-", "−", C::binary}, {"*", "∗", C::binary},
    {"/", "/"}, {"=", "=", C::relation}, {"<", "<", C::relation}, {">", ">", C::relation},
    {":", ":", C::relation}, {"(", "(", C::open}, {")", ")", C::close}, {"[", "[", C::open},
    {"]", "]", C::close}, {"|", "|"}, {",", ",", C::punct}, {";", ";", C::punct},
    {".", "."}, {"!", "!", C::close}, {"?", "?", C::close},
};

// Operator names, printed upright: \log, \min, ... (argmin/argmax are not in the kernel; the
// writer spells them out).
constexpr std::string_view functions[] = {
    "log", "ln", "lg", "exp", "min", "max", "sup", "inf", "lim", "limsup", "liminf", "det",
    "dim", "ker", "deg", "gcd", "arg", "sin", "cos", "tan", "cot", "sec", "csc", "sinh",
    "cosh", "tanh", "arcsin", "arccos", "arctan", "Pr", "hom", "argmin", "argmax",
};

// Accents and the combining mark each puts on its letter in Unicode.
constexpr std::pair<std::string_view, char32_t> accents[] = {
    {"hat", 0x302}, {"widehat", 0x302}, {"tilde", 0x303}, {"widetilde", 0x303},
    {"bar", 0x304}, {"overline", 0x305}, {"vec", 0x20D7}, {"dot", 0x307}, {"ddot", 0x308},
    {"check", 0x30C}, {"breve", 0x306}, {"acute", 0x301}, {"grave", 0x300},
    {"underline", 0x332},
};

constexpr std::string_view fonts[] = {
    "mathcal", "mathbb", "mathbf", "mathrm", "mathit", "mathsf", "mathtt", "mathfrak",
};

constexpr std::string_view spaces[] = {",", ";", ":", "!", " ", "quad", "qquad"};

// \big( and friends: a delimiter in a fixed size.
constexpr std::string_view sizes[] = {
    "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl",
    "Biggr", "bigm", "Bigm",
};

// Commands that change nothing a reader sees in inline math: dropped.
constexpr std::string_view ignored[] = {"displaystyle", "textstyle", "limits", "nolimits"};
// clang-format on

constexpr std::string_view letters_and_digits =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

// Letters and digits as symbols, each viewing its own character of letters_and_digits.
const std::array<Symbol, 62>& letter_symbols() {
    static const std::array<Symbol, 62> table = [] {
        std::array<Symbol, 62> t{};
        for (std::size_t i = 0; i < t.size(); ++i) {
            const std::string_view c = letters_and_digits.substr(i, 1);
            t[i] = Symbol{c, c, C::ordinary};
        }
        return t;
    }();
    return table;
}

const Symbol* character_symbol(char c) {
    if (const auto i = letters_and_digits.find(c); i != std::string_view::npos)
        return &letter_symbols()[i];
    for (const auto& s : characters)
        if (s.latex.size() == 1 && s.latex[0] == c) return &s;
    return nullptr;
}

const Symbol* command_symbol(std::string_view latex) {
    static const std::unordered_map<std::string_view, const Symbol*> by_name = [] {
        std::unordered_map<std::string_view, const Symbol*> map;
        for (const auto& s : commands) map.emplace(s.latex, &s);
        for (const auto& s : escaped) map.emplace(s.latex, &s);
        return map;
    }();
    const auto it = by_name.find(latex);
    return it == by_name.end() ? nullptr : it->second;
}

Atom make(Atom::Kind kind, std::string name = {}, std::vector<Row> args = {},
          const Symbol* symbol = nullptr) {
    Atom a;
    a.kind = kind;
    a.name = std::move(name);
    a.args = std::move(args);
    a.symbol = symbol;
    return a;
}

template <class List>
bool listed(const List& list, std::string_view name) {
    for (const auto& x : list)
        if (x == name) return true;
    return false;
}

char32_t accent_mark(std::string_view name) {
    for (const auto& [n, mark] : accents)
        if (n == name) return mark;
    return 0;
}

bool is_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

constexpr int max_depth = 16;

class Parser {
  public:
    explicit Parser(std::string_view s) : s_(s) {}

    Parsed run() {
        Parsed out;
        out.row = row(0, Stop::end);
        if (!problem_.empty()) {
            out.problem = problem_;
            out.row.clear();
            return out;
        }
        out.ok = true;
        return out;
    }

  private:
    enum class Stop { end, brace, bracket, right };

    bool failed() const { return !problem_.empty(); }
    void fail(std::string problem) {
        if (problem_.empty()) problem_ = std::move(problem);
    }
    bool at_end() const { return i_ >= s_.size(); }
    char peek() const { return at_end() ? '\0' : s_[i_]; }
    void skip_spaces() {
        while (!at_end() && utf8::is_blank(s_[i_])) ++i_;
    }
    bool at_right() const { return s_.substr(i_, 6) == "\\right" && !is_letter_at(i_ + 6); }
    bool is_letter_at(std::size_t k) const { return k < s_.size() && is_letter(s_[k]); }

    Row row(int depth, Stop stop);
    Atom atom(int depth);
    Row argument(int depth);
    Atom command(int depth);
    void scripts(Row& out, int depth);
    void prime(Row& out);
    const Symbol* delimiter(bool& null);
    std::string text_argument();

    std::string_view s_;
    std::size_t i_ = 0;
    std::string problem_;
};

Row Parser::row(int depth, Stop stop) {
    Row out;
    if (depth > max_depth) {
        fail("it is nested too deeply");
        return out;
    }
    while (!failed()) {
        skip_spaces();
        if (at_end()) {
            if (stop == Stop::brace) fail("a '{' is never closed");
            if (stop == Stop::bracket) fail("a '[' of \\sqrt is never closed");
            if (stop == Stop::right) fail("a \\left has no \\right");
            return out;
        }
        const char c = peek();
        if (c == '}') {
            if (stop != Stop::brace) fail("a '}' has no '{'");
            ++i_;
            return out;
        }
        if (c == ']' && stop == Stop::bracket) {
            ++i_;
            return out;
        }
        if (stop == Stop::right && at_right()) return out;
        if (c == '^' || c == '_') {
            scripts(out, depth);
            continue;
        }
        if (c == '\'') {
            prime(out);
            continue;
        }
        Atom a = atom(depth);
        if (!failed()) out.push_back(std::move(a));
    }
    return out;
}

// True when a superscript is only primes (f'), which a ^ after it continues (f'^2).
bool only_primes(const Row& sup) {
    return std::all_of(sup.begin(), sup.end(), [](const Atom& a) {
        return a.kind == Atom::Kind::symbol && a.symbol->latex == "\\prime";
    });
}

// A script on the last atom (on an empty group at the start: $_2$).
void Parser::scripts(Row& out, int depth) {
    const bool sup = s_[i_++] == '^';
    if (out.empty()) out.push_back(make(Atom::Kind::group, {}, {Row{}}));
    Atom& base = out.back();
    const bool after_primes = sup && base.has_sup && only_primes(base.sup);
    if ((sup ? base.has_sup : base.has_sub) && !after_primes) {
        fail(sup ? "a double superscript" : "a double subscript");
        return;
    }
    Row arg = argument(depth + 1);
    if (failed()) return;
    Row& script = sup ? base.sup : base.sub;
    for (auto& a : arg) script.push_back(std::move(a));
    (sup ? base.has_sup : base.has_sub) = true;
}

// A prime is a superscript \prime, as in TeX: f' is f^{\prime}, f'' two of them. After another
// superscript (x^2') it goes on an empty group, where TeX would stop with an error.
void Parser::prime(Row& out) {
    ++i_;
    const Atom prime_atom = make(Atom::Kind::symbol, {}, {}, command_symbol("\\prime"));
    if (out.empty() || (out.back().has_sup && !only_primes(out.back().sup)))
        out.push_back(make(Atom::Kind::group, {}, {Row{}}));
    Atom& base = out.back();
    base.sup.push_back(prime_atom);
    base.has_sup = true;
}

// The argument of a command or script: {...}, or one token. After a failure nothing more is
// read: \frac's second argument, read after its first failed, would go on down the input one
// level deeper each time, past max_depth (a stack overflow on \frac{\frac{... nested 10,000
// deep; issue 14).
Row Parser::argument(int depth) {
    if (failed()) return {};
    if (depth > max_depth) {
        fail("it is nested too deeply");
        return {};
    }
    skip_spaces();
    if (at_end() || peek() == '}' || peek() == '^' || peek() == '_') {
        fail("a command or script has no argument");
        return {};
    }
    if (peek() == '{') {
        ++i_;
        return row(depth, Stop::brace);
    }
    Row out;
    Atom a = atom(depth);
    if (!failed()) out.push_back(std::move(a));
    return out;
}

Atom Parser::atom(int depth) {
    const char c = peek();
    if (c == '{') {
        ++i_;
        return make(Atom::Kind::group, {}, {row(depth + 1, Stop::brace)});
    }
    if (c == '\\') return command(depth);
    if (c == '~') {
        ++i_;
        return make(Atom::Kind::space, "~");
    }
    if (static_cast<unsigned char>(c) < 0x80) {
        if (const Symbol* s = character_symbol(c)) {
            ++i_;
            return make(Atom::Kind::symbol, {}, {}, s);
        }
        fail(fmt::format("'{}' has no meaning in a formula", c));
        return {};
    }
    // A Unicode symbol typed into the formula: α, ≤.
    const std::size_t start = i_;
    const char32_t cp = utf8::decode(s_, i_);
    if (const Symbol* s = symbol_for(cp)) return make(Atom::Kind::symbol, {}, {}, s);
    fail(fmt::format("'{}' cannot be printed in a formula", s_.substr(start, i_ - start)));
    return {};
}

// A delimiter after \left, \right or \big: ( ) [ ] | / . or a delimiter command.
const Symbol* Parser::delimiter(bool& null) {
    null = false;
    skip_spaces();
    const char c = peek();
    if (c == '.') {
        ++i_;
        null = true;
        return nullptr;
    }
    if (c == '(' || c == ')' || c == '[' || c == ']' || c == '|' || c == '/') {
        ++i_;
        return character_symbol(c);
    }
    if (c == '\\') {
        const std::size_t start = i_++;
        if (!at_end() && !is_letter(peek())) {
            ++i_;
        } else {
            while (!at_end() && is_letter(peek())) ++i_;
        }
        const std::string_view name = s_.substr(start, i_ - start);
        const Symbol* s = command_symbol(name);
        if (s && (s->cls == C::open || s->cls == C::close || name == "\\|" || name == "\\vert" ||
                  name == "\\Vert" || name == "\\backslash"))
            return s;
        fail(fmt::format("'{}' is not a delimiter", name));
        return nullptr;
    }
    fail("\\left, \\right and \\big need a delimiter after them");
    return nullptr;
}

// The braced text of \text{...}: plain characters, no commands.
std::string Parser::text_argument() {
    skip_spaces();
    if (peek() != '{') {
        fail("\\text needs its text in braces");
        return {};
    }
    const std::size_t start = ++i_;
    while (!at_end() && peek() != '}') {
        if (peek() == '{' || peek() == '\\' || peek() == '$') {
            fail("\\text{...} may only hold plain text");
            return {};
        }
        ++i_;
    }
    if (at_end()) {
        fail("a '{' is never closed");
        return {};
    }
    return std::string(s_.substr(start, i_++ - start));
}

Atom Parser::command(int depth) {
    const std::size_t start = i_++;
    if (at_end()) {
        fail("a formula ends with '\\'");
        return {};
    }
    if (!is_letter(peek())) {
        const std::string_view name = s_.substr(start, 2);
        ++i_;
        if (const Symbol* s = command_symbol(name)) return make(Atom::Kind::symbol, {}, {}, s);
        if (listed(spaces, name.substr(1))) return make(Atom::Kind::space, std::string(name));
        fail(fmt::format("'{}' is not a math command cvtex knows", name));
        return {};
    }
    while (!at_end() && is_letter(peek())) ++i_;
    const std::string_view latex = s_.substr(start, i_ - start);
    const std::string_view name = latex.substr(1);
    using K = Atom::Kind;
    if (const Symbol* s = command_symbol(latex)) return make(K::symbol, {}, {}, s);
    if (listed(functions, name)) return make(K::function, std::string(name));
    if (name == "operatorname") {
        const std::string op = text_argument();
        for (char c : op)
            if (!is_letter(c)) fail("\\operatorname{...} may only hold letters");
        if (op.empty()) fail("\\operatorname{} is empty");
        return make(K::function, op);
    }
    if (name == "frac" || name == "dfrac" || name == "tfrac") {
        Row num = argument(depth + 1);
        Row den = argument(depth + 1);
        return make(K::frac, {}, {std::move(num), std::move(den)});
    }
    if (name == "sqrt") {
        skip_spaces();
        Row index;
        const bool has_index = peek() == '[';
        if (has_index) {
            ++i_;
            index = row(depth + 1, Stop::bracket);
        }
        Atom a = make(K::sqrt, {}, {argument(depth + 1)});
        if (has_index) a.args.push_back(std::move(index));
        return a;
    }
    if (accent_mark(name)) return make(K::accent, std::string(name), {argument(depth + 1)});
    if (listed(fonts, name)) return make(K::font, std::string(name), {argument(depth + 1)});
    if (name == "text" || name == "textrm" || name == "mbox" || name == "textnormal")
        return make(K::text, text_argument());
    if (listed(spaces, name)) return make(K::space, std::string(latex));
    if (listed(sizes, name)) {
        bool null = false;
        const Symbol* d = delimiter(null);
        if (null) fail("\\big and the like need a delimiter, not '.'");
        return make(K::sized, std::string(name), {}, d);
    }
    if (name == "left") {
        bool null_left = false, null_right = false;
        const Symbol* left = delimiter(null_left);
        Row inside = row(depth + 1, Stop::right);
        if (failed()) return {};
        i_ += 6;  // \right
        const Symbol* right = delimiter(null_right);
        Atom a = make(K::fenced, {}, {std::move(inside)}, left);
        a.right = right;
        return a;
    }
    if (listed(ignored, name)) return make(K::group, {}, {Row{}});
    if (name == "right") {
        fail("a \\right has no \\left");
        return {};
    }
    fail(fmt::format("'{}' is not a math command cvtex knows", latex));
    return {};
}

// ---------------------------------------------------------------- plain text

// Unicode super- and subscript forms, where they exist.
char32_t superscript_of(char32_t c) {
    // clang-format off
    static const std::unordered_map<char32_t, char32_t> map{
        {U'0', U'⁰'}, {U'1', U'¹'}, {U'2', U'²'}, {U'3', U'³'}, {U'4', U'⁴'}, {U'5', U'⁵'},
        {U'6', U'⁶'}, {U'7', U'⁷'}, {U'8', U'⁸'}, {U'9', U'⁹'}, {U'+', U'⁺'}, {U'−', U'⁻'},
        {U'=', U'⁼'}, {U'(', U'⁽'}, {U')', U'⁾'}, {U'a', U'ᵃ'}, {U'b', U'ᵇ'}, {U'c', U'ᶜ'},
        {U'd', U'ᵈ'}, {U'e', U'ᵉ'}, {U'f', U'ᶠ'}, {U'g', U'ᵍ'}, {U'h', U'ʰ'}, {U'i', U'ⁱ'},
        {U'j', U'ʲ'}, {U'k', U'ᵏ'}, {U'l', U'ˡ'}, {U'm', U'ᵐ'}, {U'n', U'ⁿ'}, {U'o', U'ᵒ'},
        {U'p', U'ᵖ'}, {U'r', U'ʳ'}, {U's', U'ˢ'}, {U't', U'ᵗ'}, {U'u', U'ᵘ'}, {U'v', U'ᵛ'},
        {U'w', U'ʷ'}, {U'x', U'ˣ'}, {U'y', U'ʸ'}, {U'z', U'ᶻ'}, {U'T', U'ᵀ'}, {U'∗', U'*'},
        {U'′', U'′'},
    };
    // clang-format on
    const auto it = map.find(c);
    return it == map.end() ? 0 : it->second;
}

char32_t subscript_of(char32_t c) {
    // clang-format off
    static const std::unordered_map<char32_t, char32_t> map{
        {U'0', U'₀'}, {U'1', U'₁'}, {U'2', U'₂'}, {U'3', U'₃'}, {U'4', U'₄'}, {U'5', U'₅'},
        {U'6', U'₆'}, {U'7', U'₇'}, {U'8', U'₈'}, {U'9', U'₉'}, {U'+', U'₊'}, {U'−', U'₋'},
        {U'=', U'₌'}, {U'(', U'₍'}, {U')', U'₎'}, {U'a', U'ₐ'}, {U'e', U'ₑ'}, {U'h', U'ₕ'},
        {U'i', U'ᵢ'}, {U'j', U'ⱼ'}, {U'k', U'ₖ'}, {U'l', U'ₗ'}, {U'm', U'ₘ'}, {U'n', U'ₙ'},
        {U'o', U'ₒ'}, {U'p', U'ₚ'}, {U'r', U'ᵣ'}, {U's', U'ₛ'}, {U't', U'ₜ'}, {U'u', U'ᵤ'},
        {U'v', U'ᵥ'}, {U'x', U'ₓ'},
    };
    // clang-format on
    const auto it = map.find(c);
    return it == map.end() ? 0 : it->second;
}

// x², x₁, or x^(...) when some character has no script form.
std::string script(const std::string& text, bool sup) {
    std::string mapped;
    std::size_t count = 0;
    bool all = true;
    for (std::size_t pos = 0; pos < text.size();) {
        const char32_t c = utf8::decode(text, pos);
        ++count;
        if (c == U' ') continue;
        const char32_t m = sup ? superscript_of(c) : subscript_of(c);
        if (!m) all = false;
        utf8::append(mapped, m ? m : c);
    }
    if (all && count > 0) return mapped;
    const std::string mark = sup ? "^" : "_";
    return count == 1 ? mark + text : mark + "(" + text + ")";
}

// A letter in a math alphabet (\mathbb, \mathcal, \mathfrak, \mathbf); others are unchanged.
char32_t styled(std::string_view font, char32_t c) {
    const bool upper = c >= U'A' && c <= U'Z';
    const bool lower = c >= U'a' && c <= U'z';
    if (font == "mathbb") {
        // clang-format off
        static const std::unordered_map<char32_t, char32_t> holes{
            {U'C', U'ℂ'}, {U'H', U'ℍ'}, {U'N', U'ℕ'}, {U'P', U'ℙ'}, {U'Q', U'ℚ'}, {U'R', U'ℝ'},
            {U'Z', U'ℤ'}};
        // clang-format on
        if (const auto it = holes.find(c); it != holes.end()) return it->second;
        if (upper) return 0x1D538 + (c - U'A');
        if (lower) return 0x1D552 + (c - U'a');
        if (c >= U'0' && c <= U'9') return 0x1D7D8 + (c - U'0');
    } else if (font == "mathcal") {
        // clang-format off
        static const std::unordered_map<char32_t, char32_t> holes{
            {U'B', U'ℬ'}, {U'E', U'ℰ'}, {U'F', U'ℱ'}, {U'H', U'ℋ'}, {U'I', U'ℐ'}, {U'L', U'ℒ'},
            {U'M', U'ℳ'}, {U'R', U'ℛ'}};
        // clang-format on
        if (const auto it = holes.find(c); it != holes.end()) return it->second;
        if (upper) return 0x1D49C + (c - U'A');
    } else if (font == "mathfrak") {
        // clang-format off
        static const std::unordered_map<char32_t, char32_t> holes{
            {U'C', U'ℭ'}, {U'H', U'ℌ'}, {U'I', U'ℑ'}, {U'R', U'ℜ'}, {U'Z', U'ℨ'}};
        // clang-format on
        if (const auto it = holes.find(c); it != holes.end()) return it->second;
        if (upper) return 0x1D504 + (c - U'A');
        if (lower) return 0x1D51E + (c - U'a');
    } else if (font == "mathbf") {
        if (upper) return 0x1D400 + (c - U'A');
        if (lower) return 0x1D41A + (c - U'a');
    }
    return c;
}

std::string styled(std::string_view font, const std::string& text) {
    std::string out;
    for (std::size_t pos = 0; pos < text.size();)
        utf8::append(out, styled(font, utf8::decode(text, pos)));
    return out;
}

// The mark after every character: x̂, A̅B̅.
std::string accented(const std::string& text, char32_t mark) {
    std::string out;
    for (std::size_t pos = 0; pos < text.size();) {
        const char32_t c = utf8::decode(text, pos);
        utf8::append(out, c);
        if (c != U' ') utf8::append(out, mark);
    }
    return utf8::nfc(out);
}

std::string plain(const Row& row);

// One code point, or a bracketed text: √x but √(x+1), a/b but (a+b)/c.
std::string operand(const Row& row) {
    const std::string text = plain(row);
    return utf8::length(text) <= 1 ? text : "(" + text + ")";
}

std::string nucleus(const Atom& a) {
    using K = Atom::Kind;
    switch (a.kind) {
        case K::symbol:
            return std::string(a.symbol->unicode);
        case K::function:
            return a.name == "argmin" ? "arg min" : a.name == "argmax" ? "arg max" : a.name;
        case K::group:
            return plain(a.args[0]);
        case K::frac:
            return operand(a.args[0]) + "/" + operand(a.args[1]);
        case K::sqrt: {
            const std::string index = a.args.size() > 1 ? script(plain(a.args[1]), true) : "";
            return index + "√" + operand(a.args[0]);
        }
        case K::accent:
            return accented(plain(a.args[0]), accent_mark(a.name));
        case K::font:
            return styled(a.name, plain(a.args[0]));
        case K::fenced:
            return std::string(a.symbol ? a.symbol->unicode : "") + plain(a.args[0]) +
                   std::string(a.right ? a.right->unicode : "");
        case K::sized:
            return std::string(a.symbol->unicode);
        case K::text:
            return a.name;
        case K::space:
            return a.name == "\\!" ? "" : " ";
    }
    return {};
}

SymbolClass class_of(const Atom& a) {
    if (a.kind == Atom::Kind::symbol || a.kind == Atom::Kind::sized) return a.symbol->cls;
    return C::ordinary;
}

std::string plain(const Row& row) {
    std::string out;
    // What came last, for spacing: nothing, an operand, or an operator/opening.
    bool operand_before = false;
    for (std::size_t i = 0; i < row.size(); ++i) {
        const Atom& a = row[i];
        std::string text = nucleus(a);
        if (a.has_sub) text += script(plain(a.sub), false);
        if (a.has_sup) text += script(plain(a.sup), true);
        const SymbolClass cls = class_of(a);
        const bool next_operand =
            i + 1 < row.size() &&
            (class_of(row[i + 1]) == C::ordinary || class_of(row[i + 1]) == C::large) &&
            row[i + 1].kind != Atom::Kind::space;
        if (cls == C::relation || (cls == C::binary && operand_before)) {
            if (!out.empty() && out.back() != ' ') out += ' ';
            out += text;
            out += ' ';
            operand_before = false;
            continue;
        }
        if (a.kind == Atom::Kind::function) {
            if (operand_before && !out.empty() && out.back() != ' ') out += ' ';
            out += text;
            if (next_operand) out += ' ';
            operand_before = true;
            continue;
        }
        out += text;
        if (cls == C::punct && i + 1 < row.size()) out += ' ';
        operand_before = cls == C::ordinary || cls == C::close || cls == C::large;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

}  // namespace

Parsed parse(std::string_view source) {
    return Parser(source).run();
}

std::string plain_text(const Row& row) {
    return plain(row);
}

const Symbol* symbol_for(char32_t cp) {
    static const std::unordered_map<char32_t, const Symbol*> by_char = [] {
        std::unordered_map<char32_t, const Symbol*> map;
        // A minus typed in text is the math minus.
        map.emplace(U'−', character_symbol('-'));
        for (const auto& s : commands) {  // the first spelling of a symbol wins
            std::size_t pos = 0;
            const char32_t c = utf8::decode(s.unicode, pos);
            if (c >= 0x80 && pos == s.unicode.size()) map.emplace(c, &s);
        }
        return map;
    }();
    const auto it = by_char.find(cp);
    return it == by_char.end() ? nullptr : it->second;
}

bool dollar_may_open(char next) {
    return next != 0 && !utf8::is_blank(next);
}

bool dollar_may_close(char before, char after) {
    return !utf8::is_blank(before) && !(after >= '0' && after <= '9');
}

}  // namespace cvtex::math
