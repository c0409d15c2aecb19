#!/bin/sh
# The front end (TOML to .tex, no engine) of two cvtex binaries, side by side in one run, as
# ratios NEW/OLD. hyperfine runs all of one command before the other, so the runs are split
# into rounds that alternate OLD and NEW (a machine that gets busier affects both alike);
# each command is pinned to one core with taskset. The medians and minimums of all rounds
# are compared. Also the instruction counts (callgrind), which do not depend on the load.
# Usage: bench/compare-front-end.sh OLD_CVTEX NEW_CVTEX
set -eu
[ $# -eq 2 ] || { echo "usage: $0 OLD_CVTEX NEW_CVTEX" >&2; exit 2; }
old=$1 new=$2
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
work=$(mktemp -d "${TMPDIR:-/tmp}/cvtex-compare-XXXXXX")
trap 'rm -rf "$work"' EXIT
# No cache directory: the front end alone, every run (a cvtex with no-op rebuilds would skip
# the second run, and an older one has no --force).
unset HOME XDG_CACHE_HOME
command -v hyperfine >/dev/null || { echo "bench: hyperfine is missing (apt-get install hyperfine)" >&2; exit 1; }
cp "$root/examples/cheng-li.toml" "$work/ref.toml"
python3 "$here/gen_cv.py" 10000 > "$work/cv10000.toml"
pin=""
command -v taskset >/dev/null && pin="taskset -c 0"

echo "| input | old (median) | new (median) | new/old (time) | new/old (instructions) |"
echo "|:---|---:|---:|---:|---:|"
for input in ref cv10000; do
  runs=12
  [ "$input" = cv10000 ] && runs=4
  for round in 1 2 3 4 5; do
    hyperfine -N -w 2 -r "$runs" --export-json "$work/$input.$round.json" \
      -n old "$pin $old build $work/$input.toml --emit tex --tex $work/old.tex" \
      -n new "$pin $new build $work/$input.toml --emit tex --tex $work/new.tex" >/dev/null 2>&1
  done
  cmp -s "$work/old.tex" "$work/new.tex" || echo "bench: the two .tex files differ for $input" >&2
  instr=""
  if command -v valgrind >/dev/null; then
    for b in old new; do
      bin=$old
      [ $b = new ] && bin=$new
      valgrind --tool=callgrind --callgrind-out-file="$work/cg.$b" "$bin" build \
        "$work/$input.toml" --emit tex --tex "$work/$b.tex" 2>"$work/cg.$b.err" >/dev/null
    done
    i_old=$(grep -o 'refs: *[0-9,]*' "$work/cg.old.err" | tr -dc 0-9)
    i_new=$(grep -o 'refs: *[0-9,]*' "$work/cg.new.err" | tr -dc 0-9)
    instr=$(python3 -c "print(f'{$i_new/$i_old:.3f} ({$i_new/1e6:.1f} M / {$i_old/1e6:.1f} M)')")
  fi
  python3 - "$input" "$instr" "$work/$input".*.json <<'PY'
import json, statistics, sys
times = {"old": [], "new": []}
for path in sys.argv[3:]:
    for x in json.load(open(path))["results"]:
        times[x["command"]] += x["times"]
o, n = times["old"], times["new"]
mo, mn = statistics.median(o), statistics.median(n)
print(f"| {sys.argv[1]} | {mo*1e3:.2f} ms (min {min(o)*1e3:.2f}) | {mn*1e3:.2f} ms (min {min(n)*1e3:.2f}) "
      f"| {mn/mo:.3f} (min {min(n)/min(o):.3f}) | {sys.argv[2]} |")
PY
done
