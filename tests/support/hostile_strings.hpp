// Strings that try to break out of a format: TeX commands and specials, markup, HTML and
// Markdown syntax. The LaTeX property test mixes them into random strings
// (tests/e2e/property_test.cpp); the other writers' injection test runs each through every
// writer (tests/unit/writers_test.cpp).
#pragma once

#include <string>
#include <vector>

namespace cvtex::test {

inline const std::vector<std::string> hostile_strings = {
    "\\input{/etc/passwd}",
    "\\write18{touch x}",
    "\\def\\x{\\x}",
    "\\catcode`\\@=11",
    "^^5c",
    "^^M",
    "\\end{document}",
    "\\\\",
    "#1",
    "$x^2$",
    "%",
    "\\csname relax\\endcsname",
    "}{",
    "\\par",
    "--",
    "---",
    "``",
    "''",
    ",,",
    "<<",
    ">>",
    "!`",
    "?`",
    "\\*",
    "\\[",
    "**",
    "[a](b)",
    "*x*",
    "\\immediate\\openout1=x",
    "\\begin{x}",
    "&",
    "\\string\\foo",
};

/// What breaks HTML and Markdown rather than TeX.
inline const std::vector<std::string> web_hostile_strings = {
    "<script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"><b>x</b>",
    "' onmouseover='alert(1)",
    "&lt;b&gt;",
    "&amp;",
    "&#x3C;",
    "<!-- x -->",
    "<![CDATA[x]]>",
    "# heading",
    "## heading",
    "- item",
    "+ item",
    "1. item",
    "> quote",
    "    indented code",
    "```",
    "~~~",
    "---",
    "===",
    "| a | b |",
    "_x_",
    "__x__",
    "~~x~~",
    "`code`",
    "![i](x.png)",
    "[x][y]",
    "[y]: http://evil.example",
    "<http://evil.example>",
    "<mailto:a@b.c>",
    "www.evil.example",
    "http://evil.example",
    "a@b.example",
    "javascript:alert(1)",
    "[x](javascript:alert(1))",
    "\\",
    "trailing \\",
    "x  ",
    "$x$",
    "$$x$$",
    "{{name}}",
    "\u2028",
    "[^1]",
    "* [ ] task",
};

}  // namespace cvtex::test
