#!/bin/sh
# Each theme's warm build of the reference CV as a ratio to classic's, in one run. Warm: the
# class format of every theme is in the cache (pdflatex) and --force skips the no-op check,
# so each run is what a build after an edit costs. hyperfine runs all of one command before
# the next, so the runs are split into rounds that alternate the themes (a machine that gets
# busier affects all alike); each is pinned to one core with taskset. Medians of all rounds.
# Target (issue 16): no theme above 1.15x classic.
# Usage: bench/themes.sh CVTEX [ROUNDS]
set -eu
[ $# -ge 1 ] || { echo "usage: $0 CVTEX [ROUNDS]" >&2; exit 2; }
cvtex=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
rounds=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/cvtex-themes-XXXXXX")
trap 'rm -rf "$work"' EXIT
command -v hyperfine >/dev/null || { echo "bench: hyperfine is missing (apt-get install hyperfine)" >&2; exit 1; }
export XDG_CACHE_HOME="$work/cache"
pin=""
command -v taskset >/dev/null && pin="taskset -c 0"
themes=$("$cvtex" theme list)

# A copy of the reference CV per theme; the first build of each dumps its format.
for t in $themes; do
  sed "s/^\[settings\]/[settings]\ntheme = \"$t\"/" "$here/../examples/cheng-li.toml" > "$work/$t.toml"
  "$cvtex" build "$work/$t.toml" -o "$work/$t.pdf" -q --force
done
n=$(echo $themes | wc -w)
while [ "$(ls "$work/cache/cvtex/formats/"*.deps 2>/dev/null | wc -l)" -lt "$n" ] ||
      [ -n "$(ls "$work/cache/cvtex/formats/"*.lock 2>/dev/null)" ]; do sleep 0.1; done

for round in $(seq "$rounds"); do
  set --
  for t in $themes; do set -- "$@" -n "$t" "$pin $cvtex build $work/$t.toml -o $work/$t.pdf --force"; done
  hyperfine -N -w 1 -r 5 --export-json "$work/round.$round.json" "$@" >/dev/null 2>&1
done
python3 - "$work"/round.*.json <<'PY'
import json, statistics, sys
times = {}
order = []
for path in sys.argv[1:]:
    for x in json.load(open(path))["results"]:
        if x["command"] not in times: order.append(x["command"])
        times.setdefault(x["command"], []).extend(x["times"])
base = statistics.median(times["classic"])
print(f"{'theme':<12} {'median':>9} {'vs classic':>11}  (runs)")
for name in order:
    m = statistics.median(times[name])
    print(f"{name:<12} {m*1000:8.0f}ms {m/base:10.2f}x  ({len(times[name])})")
PY
