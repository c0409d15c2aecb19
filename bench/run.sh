#!/bin/sh
# Runs the cvtex benchmarks and prints the figures as Markdown (for docs/performance.md).
# Builds pass --force: every run compiles (the no-op rebuild is bench/noop-rebuild.sh).
# Usage: bench/run.sh [BUILD_DIR]   (default: build). Needs hyperfine and GNU time
# (apt-get install hyperfine time). Every ratio compares commands timed in the same run.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=$(cd "${1:-$root/build}" && pwd)
cvtex="$build/src/cvtex"
work=$(mktemp -d "${TMPDIR:-/tmp}/cvtex-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT
for tool in hyperfine /usr/bin/time pdflatex; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 1; }
done

echo "## Machine"
echo
echo "- $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "- $(pdflatex --version | head -1)"
echo "- cvtex $("$cvtex" --version | cut -d' ' -f2), built in $build"
echo

sizes="100 1000 2500 5000 7500 10000"
for n in $sizes; do python3 "$here/gen_cv.py" "$n" > "$work/cv$n.toml"; done
cp "$root/examples/cheng-li.toml" "$work/ref.toml"
printf '\\documentclass{article}\n\\begin{document}\nx\n\\end{document}\n' > "$work/empty.tex"

echo "## 1. Front end (TOML to .tex, no engine), whole process"
echo
set -- -n "true (process floor)" "true" \
  -n "reference CV" "$cvtex build $work/ref.toml --emit tex --tex $work/ref.tex --force"
for n in $sizes; do
  set -- "$@" -n "$n entries" "$cvtex build $work/cv$n.toml --emit tex --tex $work/cv$n.tex --force"
done
hyperfine -N -w 3 -r 30 --export-markdown "$work/front.md" --export-json "$work/front.json" \
  "$@" >/dev/null
cat "$work/front.md"
echo
echo "The curve (mean time per entry should stay flat if the growth is linear):"
echo
python3 - "$work/front.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))["results"]
print("| entries | mean | min | per entry (mean) |")
print("|---:|---:|---:|---:|")
for r in rows:
    name = r["command"]
    if not name.endswith("entries"):
        continue
    n = int(name.split()[0])
    print(f"| {n:,} | {r['mean']*1e3:.1f} ms | {r['min']*1e3:.1f} ms | {r['mean']*1e6/n:.1f} µs |")
PY
echo

echo "## Peak memory of the front end"
echo
echo "| input | max RSS |"
echo "|:---|---:|"
for f in ref cv100 cv1000 cv10000; do
  kb=$(/usr/bin/time -f "%M" "$cvtex" build "$work/$f.toml" --emit tex --tex "$work/$f.tex" --force 2>&1 >/dev/null | tail -1)
  echo "| $f | $((kb / 1024)) MB ($kb KB) |"
done
echo

echo "## 2 and 3. End to end from clean, against the empty-article pdflatex floor"
echo
# "From clean": no previous PDF and no aux files (every build uses a fresh private build
# directory). A build that finds the format cache cold compiles without the format while a
# detached process dumps it; wait_dump waits for that process, so that it is never running
# during another measurement.
export XDG_CACHE_HOME="$work/cache"
cat > "$work/wait-dump.sh" <<'SH'
#!/bin/sh
# Waits (at most 60 s) until no format dump is running in $XDG_CACHE_HOME/cvtex/formats.
i=0
while ls "$XDG_CACHE_HOME"/cvtex/formats/*.lock >/dev/null 2>&1 && [ $i -lt 600 ]; do
  sleep 0.1; i=$((i + 1))
done
SH
printf 'sh %s\nrm -rf %s\n' "$work/wait-dump.sh" "$work/cache" > "$work/empty-cache.sh"
"$cvtex" build "$work/ref.toml" -o "$work/ref.pdf" 2>/dev/null
sh "$work/wait-dump.sh"
hyperfine -N -w 2 -r 15 --export-markdown "$work/e2e.md" \
  -n "floor: pdflatex empty article" \
     "pdflatex -interaction=batchmode -output-directory=$work $work/empty.tex" \
  -n "cvtex build (warm format cache)" "$cvtex build $work/ref.toml -o $work/ref.pdf --force" \
  -n "cvtex build --no-format-cache" "$cvtex build $work/ref.toml -o $work/ref.pdf --no-format-cache --force" \
  >/dev/null
cat "$work/e2e.md"
echo
hyperfine -N -w 1 -r 10 --export-markdown "$work/cold.md" \
  --prepare "sh $work/empty-cache.sh" \
  -n "floor: pdflatex empty article" \
     "pdflatex -interaction=batchmode -output-directory=$work $work/empty.tex" \
  -n "cvtex build (cold: cache emptied first)" "$cvtex build $work/ref.toml -o $work/ref.pdf --force" \
  >/dev/null
cat "$work/cold.md"
sh "$work/wait-dump.sh"
