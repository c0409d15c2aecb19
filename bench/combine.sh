#!/bin/sh
# How a packet's combined PDF is made: libqpdf (cvtex's PDF module, as `cvtex packet` does it,
# process start and module loading included) against one pdflatex run that puts the same
# PDFs together with pdfpages (bookmarks by addtotoc), on the four PDFs of one application of
# the example packet. Rounds alternate the two; each is pinned to one core.
# Usage: bench/combine.sh CVTEX COMBINE_BENCH   (build the latter with
#        cmake --build --preset default --target combine_bench)
set -eu
[ $# -eq 2 ] || { echo "usage: $0 CVTEX COMBINE_BENCH" >&2; exit 2; }
cvtex=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
bench=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/cvtex-combine-XXXXXX")
trap 'rm -rf "$work"' EXIT
command -v hyperfine >/dev/null || { echo "bench: hyperfine is missing (apt-get install hyperfine)" >&2; exit 1; }
cp -r "$here/../examples/packet" "$work/packet"
rm -rf "$work/packet/applications"
cp "$here/../examples/cheng-li.bib" "$work/"
export XDG_CACHE_HOME="$work/cache"
"$cvtex" -q packet "$work/packet/packet.toml" --only mit
cd "$work/packet/applications/mit"
cat > tex.tex <<'TEX'
\documentclass{article}
\usepackage{pdfpages}
\usepackage[bookmarks=true]{hyperref}
\begin{document}
\includepdf[pages=-,addtotoc={1,section,1,Cover Letter,a}]{letter.pdf}
\includepdf[pages=-,addtotoc={1,section,1,CV,b}]{cv.pdf}
\includepdf[pages=-,addtotoc={1,section,1,Research Statement,c}]{research.pdf}
\includepdf[pages=-,addtotoc={1,section,1,Teaching Statement,d}]{teaching.pdf}
\end{document}
TEX
pdflatex -interaction=batchmode tex.tex >/dev/null  # the aux file, as a second run would have
pin=""
command -v taskset >/dev/null && pin="taskset -c 0"
for round in 1 2 3; do
  hyperfine -N -w 1 -r 5 --export-json "$work/$round.json" \
    -n "libqpdf" "$pin $bench letter.pdf cv.pdf research.pdf teaching.pdf q.pdf" \
    -n "pdflatex + pdfpages" "$pin pdflatex -interaction=batchmode tex.tex" >/dev/null
done
python3 - "$work" <<'PY'
import json, statistics, sys
times = {}
for r in (1, 2, 3):
    for res in json.load(open(f"{sys.argv[1]}/{r}.json"))["results"]:
        times.setdefault(res["command"], []).extend(res["times"])
med = {k: statistics.median(v) for k, v in times.items()}
base = med["libqpdf"]
print("| combine 4 PDFs (5 pages) | median | ratio to libqpdf |")
print("|:---|---:|---:|")
for k, v in med.items():
    print(f"| {k} | {v * 1000:.1f} ms | {v / base:.2f} |")
PY
ls -l q.pdf tex.pdf | awk '{print $5, $9}'
