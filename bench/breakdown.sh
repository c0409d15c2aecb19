#!/bin/sh
# Where a pdflatex run of the reference CV spends its time, from inside TeX: \pdfelapsedtime
# (time since the process started) written to the terminal at the end of the format load,
# at \begin{document}, after it, before \end{document} and after the last page; the whole
# process's wall time from outside. Three ways to start: the cached format as cvtex stores it
# (inflated), the same format gzip-compressed as pdfTeX writes it, and no format (the class
# and its packages loaded from latex.fmt, as on a cold cache). Medians of ROUNDS runs, in
# alternation with the floor (pdflatex on an empty article); last, what is left after
# \begin{document} (all a pre-started engine has to do once it has the rest) against it.
# Usage: bench/breakdown.sh CVTEX [ROUNDS]
set -eu
[ $# -ge 1 ] || { echo "usage: $0 CVTEX [ROUNDS]" >&2; exit 2; }
cvtex=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
rounds=${2:-15}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/cvtex-breakdown-XXXXXX")
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME="$work/cache" SOURCE_DATE_EPOCH=1767225600
cp "$here/../examples/cheng-li.toml" "$work/cv.toml"
cd "$work"
"$cvtex" build cv.toml -q --force && sleep 2
"$cvtex" build cv.toml -q --force --keep-build kept
fmt=$(ls cache/cvtex/formats/*.fmt | head -1)
name=$(basename "$fmt" .fmt)
for way in inflated compressed none; do
  mkdir "$way"
  python3 - kept/cv.tex "$way/cv.tex" <<'PY'
import sys
s = open(sys.argv[1]).read()
mark = lambda t: "\\immediate\\write16{T %s \\the\\numexpr\\pdfelapsedtime*1000/65536\\relax}" % t
s = s.replace("\\csname endofdump\\endcsname\n", "\\csname endofdump\\endcsname\n" + mark("loaded") + "\n", 1)
s = s.replace("\\begin{document}\n", mark("preamble") + "\\begin{document}" + mark("begun") + "\n", 1)
s = s.replace("\\end{document}", mark("body") + "\\AtEndDocument{" + mark("lastpage") + "}\\end{document}")
open(sys.argv[2], "w").write(s)
PY
done
cp "$fmt" "inflated/$name.fmt"
mkdir floor
printf '\\documentclass{article}\\begin{document}x\\end{document}\n' > floor/empty.tex
gzip -1 -c "$fmt" > "compressed/$name.fmt"
export TEXINPUTS="$here/../cls:" FORCE_SOURCE_DATE=1
python3 - "$rounds" "$name" <<'PY'
import statistics, subprocess, sys, time
rounds, name = int(sys.argv[1]), sys.argv[2]
ways = {"inflated": ["-fmt=" + name], "compressed": ["-fmt=" + name], "none": []}
stages = ["loaded", "preamble", "begun", "body", "lastpage"]
data = {w: {s: [] for s in stages + ["process"]} for w in ways}
floor, after = [], []
for _ in range(rounds):
    t0 = time.monotonic()
    subprocess.run(["pdflatex", "-interaction=batchmode", "empty.tex"], cwd="floor",
                   capture_output=True)
    floor.append((time.monotonic() - t0) * 1000)
    for way, fmt in ways.items():
        t0 = time.monotonic()
        out = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error"] + fmt + ["cv.tex"],
                             cwd=way, capture_output=True, text=True).stdout
        data[way]["process"].append((time.monotonic() - t0) * 1000)
        for line in out.splitlines():
            if line.startswith("T "):
                _, stage, ms = line.split()
                data[way][stage].append(int(ms))
        if way == "inflated" and data[way]["begun"]:
            after.append(data[way]["process"][-1] - data[way]["begun"][-1])
print("| ms since the process started (median of %d) | inflated format | compressed format | no format |" % rounds)
print("|:---|---:|---:|---:|")
labels = {"loaded": "format loaded, first line read (no format: the class loaded too)",
          "preamble": "the settings after the dump point",
          "begun": "\\begin{document} done",
          "body": "the body typeset (before \\end{document})",
          "lastpage": "last page shipped",
          "process": "process ended (fonts embedded, PDF written)"}
for s in stages + ["process"]:
    row = [statistics.median(data[w][s]) if data[w][s] else float("nan") for w in ways]
    print("| %s | %s |" % (labels[s], " | ".join("%.0f" % v for v in row)))
f = statistics.median(floor)
print()
print("floor (pdflatex, empty article): %.0f ms" % f)
print("after \\begin{document} to the end of the process (inflated format): %.0f ms, %.2fx the floor"
      % (statistics.median(after), statistics.median(after) / f))
PY
