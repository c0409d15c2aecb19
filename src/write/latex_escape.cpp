// Escaping of text and URLs for LaTeX. The rules are documented in docs/escaping.md.
#include "cvtex/write/latex_escape.hpp"

#include <fmt/format.h>

#include <array>

#include "cvtex/base/utf8.hpp"

namespace cvtex::latex {

namespace {

// ASCII characters that need more than themselves in running text. Quotes, dashes and the
// T1 ligature characters are written as commands so "--", "''", ",," and "<<" print as typed
// (LuaTeX needs a kern besides, see escape_text_char).
std::string_view ascii_text_replacement(char c) {
    switch (c) {
        case '\\':
            return "\\textbackslash{}";
        case '{':
            return "\\{";
        case '}':
            return "\\}";
        case '#':
            return "\\#";
        case '$':
            return "\\$";
        case '%':
            return "\\%";
        case '&':
            return "\\&";
        case '_':
            return "\\_";
        case '~':
            return "\\textasciitilde{}";
        case '^':
            return "\\textasciicircum{}";
        case '<':
            return "\\textless{}";
        case '>':
            return "\\textgreater{}";
        case '|':
            return "\\textbar{}";
        case '"':
            return "\\textquotedbl{}";
        case '\'':
            return "\\textquotesingle{}";
        case '`':
            return "\\textasciigrave{}";
        // Brackets are braced so they are never read as an optional argument.
        case '[':
            return "{[}";
        case ']':
            return "{]}";
        default:
            return {};
    }
}

void escape_text_char(std::string& out, char32_t cp, char32_t next, EngineFamily engine,
                      std::vector<char32_t>* lost) {
    if (cp < 0x80) {
        const char c = static_cast<char>(cp);
        if (cp < 0x20 || cp == 0x7F) {
            out += ' ';  // control characters are white space in a CV
        } else if (auto r = ascii_text_replacement(c); !r.empty()) {
            out += r;
            // "<<" and ">>" are ligatures for guillemets in LuaTeX's TeX ligatures, also
            // across \textless{}: a zero kern stops them, as for "--" below.
            if ((c == '<' || c == '>') && next == cp) out += "\\kern0pt ";
        } else if ((c == '-' && next == cp) || (c == ',' && (next == cp || next == 0))) {
            // Break the -- / --- / ,, ligatures, also with a comma that the writer may put
            // after the text ("a," + ", " would print as "a„ ").
            // "{}" is enough for pdfTeX and XeTeX, but LuaTeX forms ligatures across an
            // empty group; a zero kern stops them on all three engines. Between hyphens the
            // class's \cvnodash is that kern, and in PDF strings (title, bookmarks) it keeps
            // hyperref from turning -- into an en dash there.
            out += c;
            out += c == '-' ? "\\cvnodash " : "\\kern0pt ";
        } else {
            out += c;
        }
        return;
    }
    if (cp == 0xA0) {
        out += '~';
        return;
    }
    // A bidirectional control would reorder the text around it in the PDF (under xelatex)
    // and read differently from what is printed; it is left out (the writer warns).
    if (utf8::is_bidi_control(cp)) return;
    if (engine == EngineFamily::unicode) {
        utf8::append(out, cp);
        return;
    }
    if (pdflatex_can_print(cp)) {
        utf8::append(out, cp);
        return;
    }
    if (lost) lost->push_back(cp);
    out += '?';
}

// ASCII that escape_text_char would copy unchanged whatever follows: not a control
// character, not one with a replacement, and not '-' or ',' (which depend on the next one).
bool prints_as_itself(char c) {
    static const auto table = [] {
        std::array<bool, 128> t{};
        for (int i = 0x20; i < 0x7F; ++i) {
            const char ch = static_cast<char>(i);
            t[static_cast<std::size_t>(i)] =
                ascii_text_replacement(ch).empty() && ch != '-' && ch != ',';
        }
        return t;
    }();
    const auto u = static_cast<unsigned char>(c);
    return u < 128 && table[u];
}

bool printable_follower(char32_t cp) {
    return cp > 0x20 && cp != 0x7F && cp != 0xA0 && (cp < 0x80 || pdflatex_can_print(cp));
}

// Wraps a run of characters that pdflatex builds from pieces in \cvactualtext, so that the
// text layer holds the real characters. The run takes the next printable character along:
// pdftotext measures the run up to its last glyph, which for a comma accent (U+0122) lies
// left of the letter's end, and would otherwise see a space after it. Returns the index of
// the last code point used.
std::size_t escape_actual_text(std::string& out, const std::vector<char32_t>& cps, std::size_t i,
                               std::vector<char32_t>* lost) {
    std::size_t end = i;
    while (end < cps.size() && pdflatex_can_print(cps[end]) && pdflatex_needs_actual_text(cps[end]))
        ++end;
    if (end < cps.size() && printable_follower(cps[end])) ++end;
    std::string hex;
    for (std::size_t k = i; k < end; ++k) {
        const char32_t cp = cps[k];
        if (cp < 0x10000) {
            hex += fmt::format("{:04X}", static_cast<std::uint32_t>(cp));
        } else {
            const char32_t v = cp - 0x10000;
            hex += fmt::format("{:04X}{:04X}", static_cast<std::uint32_t>(0xD800 + (v >> 10)),
                               static_cast<std::uint32_t>(0xDC00 + (v & 0x3FF)));
        }
    }
    out += "\\cvactualtext{" + hex + "}{";
    for (std::size_t k = i; k < end; ++k)
        escape_text_char(out, cps[k], k + 1 < cps.size() ? cps[k + 1] : 0, EngineFamily::pdftex,
                         lost);
    out += '}';
    return end - 1;
}

// What belongs to the character before it, so it stays in that character's script run:
// combining marks, variation selectors (a Japanese name's ideographic variant is the
// ideograph followed by U+E0100..U+E01EF), and the zero-width (non-)joiners that Arabic and
// the Indic scripts use inside words.
bool combining_mark(char32_t cp) {
    return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
           (cp >= 0xE0100 && cp <= 0xE01EF) || cp == 0x200C || cp == 0x200D;
}

// Escapes a run of one script, with the combining marks inside it, as \cvscript{name}{...}.
// A right-to-left run also takes the spaces between its words, so that the class sets the
// words right to left as one run. Returns the index of the last code point used.
std::size_t escape_script_run(std::string& out, const std::vector<char32_t>& cps, std::size_t i,
                              std::string_view script) {
    const bool rtl = right_to_left(script);
    std::size_t end = i + 1;
    for (;;) {
        if (end < cps.size() && (script_of(cps[end]) == script || combining_mark(cps[end]))) {
            ++end;
            continue;
        }
        std::size_t next = end;
        while (rtl && next < cps.size() && cps[next] == ' ') ++next;
        if (next == end || next == cps.size() || script_of(cps[next]) != script) break;
        end = next;
    }
    out += "\\cvscript{";
    out += script;
    out += "}{";
    for (std::size_t k = i; k < end; ++k) utf8::append(out, cps[k]);
    out += '}';
    return end - 1;
}

bool is_greek(char32_t cp) {
    return cp >= 0x370 && cp <= 0x3FF;
}

// Blocks of mathematical symbols (letterlike symbols, arrows, operators, technical, more
// operators), which text fonts such as Latin Modern mostly lack.
bool math_block(char32_t cp) {
    return (cp >= 0x2100 && cp <= 0x23FF) || (cp >= 0x27C0 && cp <= 0x27FF) ||
           (cp >= 0x2900 && cp <= 0x2AFF);
}

// A symbol typed in text that is printed in math: ≥, ℓ, → on every engine (text fonts lack
// them); under pdflatex also what it has no glyph for otherwise, such as a Greek letter used
// as a symbol (μm, α-helix; not a Greek word, whose letters have Greek neighbours).
const math::Symbol* as_math(const std::vector<char32_t>& cps, std::size_t i, EngineFamily engine) {
    const char32_t cp = cps[i];
    const math::Symbol* s = math::symbol_for(cp);
    if (!s) return nullptr;
    if (engine == EngineFamily::unicode) return !is_greek(cp) && math_block(cp) ? s : nullptr;
    if (pdflatex_can_print(cp)) return nullptr;
    if (!is_greek(cp)) return s;
    const bool greek_before = i > 0 && is_greek(cps[i - 1]);
    const bool greek_after = i + 1 < cps.size() && is_greek(cps[i + 1]);
    return greek_before || greek_after ? nullptr : s;
}

// A Unicode subscript or superscript digit or sign (TiO₂, 10⁻³, m²): what it stands for, with
// `sub` set for a subscript; 0 for anything else. (The T1 fonts have ¹, ² and ³, but taken
// with the others they make one superscript: 10⁻³ in one size.)
char script_digit(char32_t cp, bool& sub) {
    sub = cp >= 0x2080;
    if (cp == 0x00B9) return '1';
    if (cp == 0x00B2) return '2';
    if (cp == 0x00B3) return '3';
    if (cp == 0x2070) return '0';
    if (cp >= 0x2074 && cp <= 0x2079) return static_cast<char>('4' + (cp - 0x2074));
    if (cp >= 0x2080 && cp <= 0x2089) return static_cast<char>('0' + (cp - 0x2080));
    if (cp == 0x207A || cp == 0x208A) return '+';
    if (cp == 0x207B || cp == 0x208B) return '-';
    if (cp == 0x207C || cp == 0x208C) return '=';
    if (cp == 0x207D || cp == 0x208D) return '(';
    if (cp == 0x207E || cp == 0x208E) return ')';
    return 0;
}

// A run of subscript (or superscript) characters, which no text font cvtex uses has: the class's
// \cvsub (or \cvsup) sets the digits small and low (or high), and gives PDF strings the
// characters themselves; \cvactualtext gives them to the text layer. As in
// escape_actual_text(), an ASCII character after the run goes into it, or pdftotext would see
// a space before it ("TiO₂ ,"). Returns the index of the last code point used.
std::size_t escape_script_digits(std::string& out, const std::vector<char32_t>& cps, std::size_t i,
                                 EngineFamily engine, std::vector<char32_t>* lost) {
    bool sub = false;
    script_digit(cps[i], sub);
    std::string hex, digits, chars;
    std::size_t end = i;
    for (bool s = false; end < cps.size() && script_digit(cps[end], s) && s == sub; ++end) {
        hex += fmt::format("{:04X}", static_cast<std::uint32_t>(cps[end]));
        const char c = script_digit(cps[end], s);
        digits += c == '-' ? "\\textminus{}" : std::string(1, c);
        utf8::append(chars, cps[end]);
    }
    out += "\\cvactualtext{" + hex;
    const bool follower =
        engine == EngineFamily::pdftex && end < cps.size() && cps[end] > 0x20 && cps[end] < 0x7F;
    if (follower) out += fmt::format("{:04X}", static_cast<std::uint32_t>(cps[end]));
    out += std::string("}{\\cvsu") + (sub ? "b" : "p") + "{" + digits + "}{" + chars + "}";
    if (follower) {
        escape_text_char(out, cps[end], end + 1 < cps.size() ? cps[end + 1] : 0, engine, lost);
        ++end;
    }
    out += '}';
    return end - 1;
}

// Text in a PDF string only (never typeset): ASCII as in running text, the rest as it is.
std::string escape_pdf_text(std::string_view s) {
    std::string out;
    const std::string normalized = utf8::nfc(s);
    for (std::size_t pos = 0; pos < normalized.size();) {
        const std::size_t start = pos;
        const char32_t cp = utf8::decode(normalized, pos);
        const char32_t next =
            pos < normalized.size() ? static_cast<unsigned char>(normalized[pos]) : 0;
        if (cp < 0x80 || cp == 0xA0)
            escape_text_char(out, cp, next, EngineFamily::unicode, nullptr);
        else if (!utf8::is_bidi_control(cp))
            out += normalized.substr(start, pos - start);
    }
    return out;
}

bool url_safe(unsigned char c) {
    if (c >= 'a' && c <= 'z') return true;
    if (c >= 'A' && c <= 'Z') return true;
    if (c >= '0' && c <= '9') return true;
    switch (c) {
        case '-':
        case '.':
        case '/':
        case ':':
        case '?':
        case '=':
        case '+':
        case ',':
        case ';':
        case '@':
        case '!':
        case '*':
        case '(':
        case ')':
        case '$':
            return true;
        default:
            return false;
    }
}

// hyperref's \href re-reads \%, \#, \&, \_ and \~ as the plain characters (see
// \hyper@normalise in hyperref.sty); everything else unsafe is percent-encoded.
std::string escape_url(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (ch) {
            case '%':
                out += "\\%";
                continue;
            case '#':
                out += "\\#";
                continue;
            case '&':
                out += "\\&";
                continue;
            case '_':
                out += "\\_";
                continue;
            case '~':
                out += "\\~";
                continue;
            default:
                break;
        }
        if (url_safe(c))
            out += ch;
        else
            out += fmt::format("\\%{:02X}", c);
    }
    return out;
}

}  // namespace

std::string_view script_of(char32_t cp) {
    if ((cp >= 0x370 && cp <= 0x3FF) || (cp >= 0x1F00 && cp <= 0x1FFF)) return "greek";
    if ((cp >= 0x400 && cp <= 0x52F) || (cp >= 0x1C80 && cp <= 0x1C8F) ||
        (cp >= 0x2DE0 && cp <= 0x2DFF) || (cp >= 0xA640 && cp <= 0xA69F))
        return "cyrillic";
    if ((cp >= 0x2E80 && cp <= 0x2FDF) || (cp >= 0x3000 && cp <= 0x9FFF) ||
        (cp >= 0xA960 && cp <= 0xA97F) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
        (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
        (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x3134F))
        return "cjk";
    if ((cp >= 0x590 && cp <= 0x5FF) || (cp >= 0xFB1D && cp <= 0xFB4F)) return "hebrew";
    if ((cp >= 0x600 && cp <= 0x6FF) || (cp >= 0x750 && cp <= 0x77F) ||
        (cp >= 0x8A0 && cp <= 0x8FF) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
        (cp >= 0xFE70 && cp <= 0xFEFF))
        return "arabic";
    if (cp >= 0x900 && cp <= 0xD7F) {
        // The Indic blocks of 128 code points each, Devanagari to Malayalam.
        static constexpr std::array<std::string_view, 8> indic{
            "devanagari", "bengali", "gurmukhi", "gujarati", "oriya", "tamil", "telugu", "kannada"};
        const auto block = (cp - 0x900) / 0x80;
        return block < indic.size() ? indic[block] : "malayalam";
    }
    if (cp >= 0xA8E0 && cp <= 0xA8FF) return "devanagari";
    return {};
}

bool right_to_left(std::string_view script) {
    return script == "arabic" || script == "hebrew";
}

std::string escape(std::string_view s, EscapeContext context, EngineFamily engine,
                   std::vector<char32_t>* lost) {
    if (context == EscapeContext::url) return escape_url(s);
    if (context == EscapeContext::pdf_text) return escape_pdf_text(s);
    std::string out;
    if (utf8::is_ascii(s)) {
        // Most CV text: no normalisation, no decoding, no Unicode tables, and runs of
        // characters that print as themselves are copied in one append.
        out.reserve(s.size() + s.size() / 4);
        std::size_t i = 0;
        while (i < s.size()) {
            std::size_t run = i;
            while (run < s.size() && prints_as_itself(s[run])) ++run;
            out.append(s, i, run - i);
            if (run == s.size()) break;
            escape_text_char(out, static_cast<unsigned char>(s[run]),
                             run + 1 < s.size() ? static_cast<unsigned char>(s[run + 1]) : 0,
                             engine, lost);
            i = run + 1;
        }
        return out;
    }
    const std::string normalized = utf8::nfc(s);
    std::vector<char32_t> cps;
    cps.reserve(normalized.size());
    for (std::size_t pos = 0; pos < normalized.size();)
        cps.push_back(utf8::decode(normalized, pos));
    out.reserve(normalized.size() + normalized.size() / 4);
    for (std::size_t i = 0; i < cps.size(); ++i) {
        if (cps[i] < 0x80) {
            escape_text_char(out, cps[i], i + 1 < cps.size() ? cps[i + 1] : 0, engine, lost);
            continue;
        }
        if (bool sub = false; script_digit(cps[i], sub)) {
            i = escape_script_digits(out, cps, i, engine, lost);
            continue;
        }
        if (const math::Symbol* symbol = as_math(cps, i, engine)) {
            out += math_symbol(*symbol);
            continue;
        }
        if (engine == EngineFamily::pdftex && pdflatex_can_print(cps[i]) &&
            pdflatex_needs_actual_text(cps[i])) {
            i = escape_actual_text(out, cps, i, lost);
            continue;
        }
        if (engine == EngineFamily::unicode) {
            if (const auto script = script_of(cps[i]); !script.empty()) {
                i = escape_script_run(out, cps, i, script);
                continue;
            }
        }
        escape_text_char(out, cps[i], i + 1 < cps.size() ? cps[i + 1] : 0, engine, lost);
    }
    return out;
}

}  // namespace cvtex::latex
