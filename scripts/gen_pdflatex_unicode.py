#!/usr/bin/env python3
"""Generate src/write/pdflatex_unicode_table.inc: the code points pdflatex can print.

pdflatex reads UTF-8 through LaTeX's utf8.def, which only knows the code points some
loaded font encoding declares with \\DeclareUnicodeCharacter in its <enc>enc.dfu file.
Anything else stops the run with "Unicode character X not set up for use with LaTeX".
cvtex needs that list in C++ so it can warn and substitute instead.

What this script does (Python 3 standard library only):

1. Locates, with kpsewhich, the files that declare Unicode characters for the encodings
   cvtex's class has under pdflatex: T1 (fontenc), TS1 (textcomp, in the kernel), OT1, OMS
   and OML (kernel defaults; OML has no .dfu file), and utf8.def, whose own tail declares a
   few "encoding independent" defaults (U+00A9, U+2026, U+FEFF, ...).  The format loads
   exactly these (see "Now handling font encoding" in the pdflatex format log).
   utf8enc.dfu is deliberately NOT read: it is the union of every encoding's mappings
   (Cyrillic, LY1, ...) and is never loaded by default.
2. Parses every \\DeclareUnicodeCharacter{HEX}{...} in them; adds printable ASCII 0x20-0x7E.
3. Verifies empirically, in a temporary directory under /tmp:
   a. a probe document checks, with \\ifcsname u8:<bytes>, which code points in
      U+0080..U+2FFFF are really declared after
      \\documentclass{article}\\usepackage[T1]{fontenc}\\usepackage{lmodern}; it must agree
      with the parsed set (otherwise the script stops: our model of what loads is wrong);
   b. a discovery document prints every candidate as a raw UTF-8 character (printable ASCII
      through the same escapes src/escape.cpp uses, since e.g. a raw '%' or '\\' cannot be
      typed), one per paragraph, with \\tracinglostchars=2 and a log marker before each, and
      excludes every code point to which an error, a "Missing character" or a warning is
      attributed;
   c. a verification document prints the final table with -halt-on-error and
      \\tracinglostchars=3 (a missing glyph is then an error) and must compile cleanly with no
      "Missing character" line in the log;
   d. pdftotext of the verification PDF is compared with the input, code point by code
      point; those whose text layer is not exactly the same character are "text layer
      lossy" (constructed accents, characters that print as nothing, ...).
4. Writes the .inc: supported ranges (adjacent code points merged), the lossy code points,
   and, as comments, the excluded code points with the reason.

Exclusions.  With TeX Live 2022 (Debian 12) + lmodern every declared code point prints
(no error, no missing glyph, no TS1 fallback), so nothing is excluded; the exclusion step
stays so that another TeX Live cannot silently put a failing code point in the table.  The
generated file lists whatever was excluded, with the log line that caused it.  Reasons a
declared code point can fail, for reference:
  * its definition uses a command from a package the class does not load
    ("Undefined control sequence");
  * the font lacks the glyph ("Missing character: There is no ^^xx in font ...");
  * a TS1 symbol the font family does not provide ("Symbol \\x not provided by font family",
    an info message; it prints from a fallback family, so it is excluded because it silently
    changes the font).  lmodern (TS1 sub-encoding 1) has none of these for the declared
    code points; the PSNFSS fonts (Times, Palatino, Charter, Helvetica, ...) do.

The output depends only on the TeX Live and poppler installation, not on time or order.

Usage:  python3 scripts/gen_pdflatex_unicode.py [--output PATH] [--keep-tmp]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO / "src" / "write" / "pdflatex_unicode_table.inc"
SCRIPT_REL = "scripts/gen_pdflatex_unicode.py"

# Files that declare Unicode characters for what the class loads under pdflatex, in the
# order the format loads them. A missing file (omlenc.dfu does not exist) is recorded.
DECLARATION_FILES = [
    ("OML", "omlenc.dfu"),
    ("OMS", "omsenc.dfu"),
    ("OT1", "ot1enc.dfu"),
    ("T1", "t1enc.dfu"),
    ("TS1", "ts1enc.dfu"),
    ("utf8 defaults", "utf8.def"),
]

PREAMBLE = r"""\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
"""

ASCII_FIRST, ASCII_LAST = 0x20, 0x7E

# Mirror of ascii_text_replacement() in src/escape.cpp: how cvtex writes these ASCII
# characters, so the test prints them the way cvtex does.  Everything else in 0x20..0x7E is
# written as itself.
ASCII_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    '"': r"\textquotedbl{}",
    "'": r"\textquotesingle{}",
    "`": r"\textasciigrave{}",
    "[": "{[}",
    "]": "{]}",
}

# The probe (step 3a) looks for declared code points in this range.
PROBE_FIRST, PROBE_LAST = 0x80, 0x2FFFF

MARK = "CVTEX-CP:"
END_MARK = "CVTEX-END"
DEF_MARK = "CVTEX-DEF:"


def die(msg: str) -> None:
    print(f"gen_pdflatex_unicode: error: {msg}", file=sys.stderr)
    sys.exit(1)


def note(msg: str) -> None:
    print(f"gen_pdflatex_unicode: {msg}", file=sys.stderr)


def run(cmd: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["LC_ALL"] = "C.UTF-8"
    env["max_print_line"] = "10000"  # keep log lines unwrapped
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                          errors="replace")


def kpsewhich(name: str) -> Path | None:
    r = run(["kpsewhich", name])
    out = r.stdout.strip()
    return Path(out) if r.returncode == 0 and out else None


def first_line(cmd: list[str]) -> str:
    r = run(cmd)
    text = (r.stdout or r.stderr).strip()
    if not text:
        die(f"no output from {' '.join(cmd)}")
    return text.splitlines()[0].strip()


def strip_tex_comments(text: str) -> str:
    return "\n".join(re.sub(r"(?<!\\)%.*", "", line) for line in text.splitlines())


DECL_RE = re.compile(r"\\DeclareUnicodeCharacter\s*\{\s*([0-9A-Fa-f]+)\s*\}")
PROVIDES_RE = re.compile(r"\\ProvidesFile\{([^}]*)\}\s*\[([^\]]*)\]")


def parse_declarations(path: Path) -> tuple[set[int], str]:
    raw = path.read_text(encoding="latin-1")
    m = PROVIDES_RE.search(raw)
    version = m.group(2).strip() if m else "unknown version"
    cps = {int(h, 16) for h in DECL_RE.findall(strip_tex_comments(raw))}
    return cps, version


def tex_char(cp: int) -> str:
    """The character as cvtex writes it: raw UTF-8, or its escape for special ASCII."""
    ch = chr(cp)
    return ASCII_ESCAPES.get(ch, ch)


def compile_tex(workdir: Path, name: str, body: str, halt: bool) -> tuple[int, str]:
    (workdir / f"{name}.tex").write_text(body, encoding="utf-8")
    cmd = ["pdflatex", "-interaction=nonstopmode", "-no-shell-escape"]
    if halt:
        cmd.append("-halt-on-error")
    cmd.append(f"{name}.tex")
    r = run(cmd, cwd=workdir)
    log = (workdir / f"{name}.log").read_text(encoding="utf-8", errors="replace")
    return r.returncode, log


def probe_declared(workdir: Path) -> set[int]:
    """Code points for which utf8.def has a definition (u8:<bytes>) in the document."""
    lines = [PREAMBLE, "\\begin{document}\n"]
    for cp in range(PROBE_FIRST, PROBE_LAST + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        lines.append(f"\\ifcsname u8:\\detokenize{{{chr(cp)}}}\\endcsname"
                     f"\\wlog{{{DEF_MARK}{cp:04X}}}\\fi\n")
    lines.append("\\end{document}\n")
    rc, log = compile_tex(workdir, "probe", "".join(lines), halt=True)
    if rc != 0:
        die(f"probe document failed (see {workdir}/probe.log)")
    return {int(h, 16) for h in re.findall(re.escape(DEF_MARK) + r"([0-9A-F]+)", log)}


def test_document(cps: list[int], lostchars: int) -> str:
    out = [PREAMBLE,
           "\\pagestyle{empty}\n\\setlength\\parindent{0pt}\n",
           f"\\tracinglostchars={lostchars}\n\\begin{{document}}\n"]
    for cp in cps:
        # One page per code point, reading "HEX[c]": pdftotext may put an accent it did not
        # combine on a line of its own (above or below), so lines cannot be matched reliably;
        # pages can.
        out.append(f"\\wlog{{{MARK}{cp:04X}}}{cp:04X}{{[}}{tex_char(cp)}{{]}}\\newpage\n")
    out.append(f"\\wlog{{{END_MARK}}}\n\\end{{document}}\n")
    return "".join(out)


# Log lines that mean the preceding code point did not print as it should.  "not provided
# by" is the (info-level) start of "Symbol \x not provided by / font family y in TS1
# encoding. / Default family used instead" (\MessageBreak splits it over lines).
PROBLEM_RE = re.compile(
    r"^!|Missing character|not set up for use with LaTeX|Warning|Symbol .* not provided by")


def attribute_problems(log: str) -> tuple[dict[int, list[str]], list[str]]:
    """Problems per code point (by the last marker before them), and unattributed ones."""
    per_cp: dict[int, list[str]] = {}
    unattributed: list[str] = []
    current: int | None = None
    ended = False
    for line in log.splitlines():
        if line.startswith(MARK):
            current = int(line[len(MARK):].strip(), 16)
            continue
        if line.startswith(END_MARK):
            ended = True
            current = None
            continue
        if PROBLEM_RE.search(line):
            if current is not None:
                per_cp.setdefault(current, []).append(line.strip())
            elif ended and "Some font shapes were not available" not in line:
                unattributed.append(line.strip())
            elif not ended:
                unattributed.append(line.strip())
    return per_cp, unattributed


def text_layer(workdir: Path, name: str) -> dict[int, str]:
    """Text of each page of the test PDF, without its "HEX[" label and closing "]"."""
    r = run(["pdftotext", "-enc", "UTF-8", f"{name}.pdf", "-"], cwd=workdir)
    if r.returncode != 0:
        die(f"pdftotext failed: {r.stderr.strip()}")
    result: dict[int, str] = {}
    label_re = re.compile(r"^([0-9A-F]{4,6})\[", re.M)
    for page in r.stdout.split("\f"):
        page = page.strip("\n")
        m = label_re.search(page)
        if not m:
            continue
        rest = page[:m.start()] + page[m.end():]  # an accent line may precede the label
        close = rest.rfind("]")
        if close < 0:
            die(f"page for U+{m.group(1)} has no closing bracket: {page!r}")
        text = rest[:close] + rest[close + 1:]
        result[int(m.group(1), 16)] = text.strip("\n")
    return result


def ranges(cps: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for cp in sorted(cps):
        if out and cp == out[-1][1] + 1:
            out[-1] = (out[-1][0], cp)
        else:
            out.append((cp, cp))
    return out


def describe(cp: int) -> str:
    return f"U+{cp:04X} {unicodedata.name(chr(cp), '<unnamed>')}"


def describe_text(s: str) -> str:
    if s == "":
        return "nothing"
    return " ".join(f"U+{ord(c):04X}" for c in s)


def classify(cp: int, got: str) -> str:
    ch = chr(cp)
    if got.strip() == "":
        return "empty"
    if unicodedata.normalize("NFC", got) == ch:
        return "decomposed"
    if unicodedata.normalize("NFKC", got) == unicodedata.normalize("NFKC", ch):
        return "compat"
    return "other"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    ap.add_argument("--keep-tmp", action="store_true",
                    help="keep the temporary TeX directory for inspection")
    args = ap.parse_args()

    for tool in ("kpsewhich", "pdflatex", "pdftotext"):
        if shutil.which(tool) is None:
            die(f"{tool} not found")

    tex_version = first_line(["pdflatex", "--version"])
    m = re.search(r"\((TeX Live [^)]*)\)", tex_version)
    texlive = m.group(1) if m else "unknown TeX Live"
    poppler = first_line(["pdftotext", "-v"])

    # Step 1-2: parse the declaration files.
    sources: list[str] = []
    declared: set[int] = set()
    for enc, fname in DECLARATION_FILES:
        path = kpsewhich(fname)
        if path is None:
            sources.append(f"{enc}: {fname} not found (no declarations)")
            continue
        cps, version = parse_declarations(path)
        sources.append(f"{enc}: {fname} [{version}], {len(cps)} declarations")
        declared |= cps
    ascii_cps = set(range(ASCII_FIRST, ASCII_LAST + 1))
    if declared & ascii_cps or any(cp < 0x80 for cp in declared):
        die("a declaration file declares an ASCII code point; unexpected")
    candidates = sorted(declared | ascii_cps)

    tmp = Path(tempfile.mkdtemp(prefix="cvtex-pdflatex-unicode-", dir="/tmp"))
    try:
        # Step 3a: what is really declared in the document must match the parsed files.
        probed = probe_declared(tmp)
        if probed != declared:
            extra = sorted(probed - declared)
            missing = sorted(declared - probed)
            die("declared set in pdflatex differs from the parsed files: "
                f"only in pdflatex: {[f'U+{c:04X}' for c in extra]}; "
                f"only in files: {[f'U+{c:04X}' for c in missing]}")

        # Step 3b: discovery run, without -halt-on-error, attribute problems to code points.
        _, log = compile_tex(tmp, "discover", test_document(candidates, 2), halt=False)
        m = re.search(r"^LaTeX2e <[^>]*>.*$", log, re.M)
        latex_version = m.group(0).strip() if m else "LaTeX2e version unknown"
        problems, unattributed = attribute_problems(log)
        if unattributed:
            die("problems in the discovery run not attributable to a code point:\n  "
                + "\n  ".join(unattributed))
        excluded = {cp: lines[0] for cp, lines in sorted(problems.items())}
        supported = [cp for cp in candidates if cp not in excluded]

        # Step 3c: the final table must compile cleanly.
        rc, log = compile_tex(tmp, "verify", test_document(supported, 3), halt=True)
        if rc != 0 or "Missing character" in log or re.search(r"^!", log, re.M):
            die(f"verification run failed (rc={rc}); see {tmp}/verify.log")
        problems, unattributed = attribute_problems(log)
        if problems or unattributed:
            die(f"verification run has warnings; see {tmp}/verify.log")

        # Step 3d: text layer.
        extracted = text_layer(tmp, "verify")
    finally:
        if args.keep_tmp:
            note(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    lossy: dict[int, str] = {}
    for cp in supported:
        if cp not in extracted:
            die(f"U+{cp:04X} not found in the pdftotext output")
        if extracted[cp] != chr(cp):
            lossy[cp] = extracted[cp]

    rs = ranges(supported)
    out: list[str] = []
    out.append("// Generated file -- do not edit.")
    out.append(f"// Generated by {SCRIPT_REL}; rerun it after a TeX Live update.")
    out.append(f"// {texlive}: {tex_version}; {latex_version}")
    out.append(f"// Text layer checked with {poppler} (poppler).")
    out.append("//")
    out.append("// Code points pdflatex can print with the class's encodings (T1 text, TS1 symbols,")
    out.append("// kernel OT1/OMS/OML) and lmodern, from the \\DeclareUnicodeCharacter lines of:")
    for s in sources:
        out.append(f"//   {s}")
    out.append("// plus printable ASCII U+0020..U+007E (written through cvtex's escapes).")
    out.append("// Every code point was printed in a test document (\\usepackage[T1]{fontenc},")
    out.append("// \\usepackage{lmodern}, \\tracinglostchars=3, -halt-on-error) that compiled cleanly.")
    out.append("//")
    out.append("// Defines (include inside cvtex's namespace):")
    out.append("//   PdflatexRange pdflatex_supported_ranges[]  sorted, disjoint, inclusive ranges")
    out.append("//   char32_t pdflatex_text_layer_lossy[]       sorted; print, but pdftotext does not")
    out.append("//                                               give back the same character")
    out.append(f"// {len(supported)} code points in {len(rs)} ranges; "
               f"{len(lossy)} lossy; {len(excluded)} excluded.")
    out.append("//")
    if excluded:
        out.append("// Excluded (declared, but failed in the test document):")
        for cp, why in excluded.items():
            out.append(f"//   {describe(cp)}: {why}")
    else:
        out.append("// Excluded: none (every declared code point printed without error,")
        out.append("// missing glyph or warning).")
    out.append("")
    out.append("// clang-format off")
    out.append("struct PdflatexRange {")
    out.append("    char32_t first;")
    out.append("    char32_t last;")
    out.append("};")
    out.append("")
    out.append("inline constexpr PdflatexRange pdflatex_supported_ranges[] = {")
    for a, b in rs:
        out.append(f"    {{0x{a:04X}, 0x{b:04X}}},")
    out.append("};")
    out.append("")
    out.append("// Text layer differs: pdftotext gives the sequence in the comment instead of the")
    out.append("// character.  [empty]: prints no glyph or only white space; [decomposed]: a")
    out.append("// constructed accent, base + combining mark (equal after NFC); [compat]: equal")
    out.append("// after NFKC (ligatures, superscripts, ...); [other]: a different character, or a")
    out.append("// glyph name pdftotext cannot map (C1 control codes, U+0080..U+009F).")
    out.append("inline constexpr char32_t pdflatex_text_layer_lossy[] = {")
    for cp, got in lossy.items():
        out.append(f"    0x{cp:04X},  // {describe(cp)} -> {describe_text(got)}"
                   f" [{classify(cp, got)}]")
    out.append("};")
    out.append("// clang-format on")
    text = "\n".join(out) + "\n"

    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")

    kinds: dict[str, int] = {}
    for cp, got in lossy.items():
        k = classify(cp, got)
        kinds[k] = kinds.get(k, 0) + 1
    note(f"wrote {args.output}: {len(supported)} code points in {len(rs)} ranges, "
         f"{len(lossy)} lossy {dict(sorted(kinds.items()))}, {len(excluded)} excluded")


if __name__ == "__main__":
    main()
