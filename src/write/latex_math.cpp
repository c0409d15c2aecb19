// Formulas rendered for LaTeX: only what the allow-list of read/math.cpp holds, never the
// source. Part of LaTeX's escaping (docs/escaping.md, "Math").
#include "cvtex/write/latex_escape.hpp"

#include "cvtex/base/utf8.hpp"

namespace cvtex::latex {

namespace {

using math::Atom;
using math::Row;

class MathWriter {
  public:
    MathWriter(EngineFamily engine, std::vector<char32_t>* lost) : engine_(engine), lost_(lost) {}

    void row(const Row& r, std::string& out) {
        for (const auto& a : r) atom(a, out);
    }

  private:
    // A control word ends at the next letter: "\alpha x", "\log n".
    static void word(std::string_view latex, std::string& out) {
        out += latex;
        const char last = latex.back();
        if (latex.size() > 1 && latex[0] == '\\' &&
            ((last >= 'a' && last <= 'z') || (last >= 'A' && last <= 'Z')))
            out += ' ';
    }

    void braced(const Row& r, std::string& out) {
        out += '{';
        row(r, out);
        out += '}';
    }

    static void delimiter(const math::Symbol* s, std::string& out) {
        if (s)
            word(s->latex, out);
        else
            out += '.';
    }

    // \operatorname{...} and argmin/argmax are not kernel commands: spelt out. The name holds
    // letters only (the parser checked), so it cannot end the \mathrm group.
    static void function(const std::string& name, std::string& out) {
        if (name == "argmin" || name == "argmax") {
            out += "\\mathop{\\mathrm{arg\\,";
            out += name.substr(3);
            out += "}}\\nolimits ";
        } else if (math_function(name)) {
            word("\\" + name, out);
        } else {
            out += "\\mathop{\\mathrm{" + name + "}}\\nolimits ";
        }
    }

    static bool math_function(std::string_view name) {
        for (std::string_view f :
             {"log",  "ln",     "lg",     "exp",    "min",    "max", "sup", "inf",
              "lim",  "limsup", "liminf", "det",    "dim",    "ker", "deg", "gcd",
              "arg",  "sin",    "cos",    "tan",    "cot",    "sec", "csc", "sinh",
              "cosh", "tanh",   "arcsin", "arccos", "arctan", "Pr",  "hom"})
            if (name == f) return true;
        return false;
    }

    void nucleus(const Atom& a, std::string& out) {
        using K = Atom::Kind;
        switch (a.kind) {
            case K::symbol:
                word(a.symbol->latex, out);
                return;
            case K::function:
                function(a.name, out);
                return;
            case K::group:
                braced(a.args[0], out);
                return;
            case K::frac:
                out += "\\frac";
                braced(a.args[0], out);
                braced(a.args[1], out);
                return;
            case K::sqrt:
                out += "\\sqrt";
                if (a.args.size() > 1) {
                    out += '[';
                    row(a.args[1], out);
                    out += ']';
                }
                braced(a.args[0], out);
                return;
            case K::accent:
            case K::font:
                out += '\\';
                out += a.name;  // from the allow-list
                braced(a.args[0], out);
                return;
            case K::fenced:
                out += "\\left";
                delimiter(a.symbol, out);
                row(a.args[0], out);
                out += "\\right";
                delimiter(a.right, out);
                return;
            case K::sized:
                out += '\\';
                out += a.name;  // from the allow-list
                delimiter(a.symbol, out);
                return;
            case K::text:
                out += "\\mbox{" + escape(a.name, EscapeContext::text, engine_, lost_) + "}";
                return;
            case K::space:
                word(a.name, out);  // \, \; \: \! \quad \qquad ~ from the allow-list
                return;
        }
    }

    void atom(const Atom& a, std::string& out) {
        nucleus(a, out);
        if (a.has_sub) {
            out += "_";
            braced(a.sub, out);
        }
        if (a.has_sup) {
            out += "^";
            braced(a.sup, out);
        }
    }

    EngineFamily engine_;
    std::vector<char32_t>* lost_;
};

}  // namespace

std::string math(const math::Row& row, EngineFamily engine, std::vector<char32_t>* lost) {
    std::string latex;
    MathWriter(engine, lost).row(row, latex);
    return "\\cvmath{" + latex + "}{" + escape(math::plain_text(row), EscapeContext::pdf_text) +
           "}";
}

std::string math_symbol(const math::Symbol& symbol) {
    std::string latex(symbol.latex);
    return "\\cvmath{" + latex + "}{" + escape(symbol.unicode, EscapeContext::pdf_text) + "}";
}

}  // namespace cvtex::latex
