#!/bin/sh
# The no-op rebuild of the reference CV (nothing changed: the stamp holds and no TeX runs)
# against a real build of the same CV (--force, the class format cached) and the process
# floor (`true`), in one run. hyperfine runs all of one command before the next, so the runs
# are split into rounds that alternate the commands (a machine that gets busier affects all
# alike); each is pinned to one core with taskset. Medians and minimums of all rounds, and the
# ratios no-op/build. Target: the no-op under 20 ms.
# Usage: bench/noop-rebuild.sh CVTEX
set -eu
[ $# -eq 1 ] || { echo "usage: $0 CVTEX" >&2; exit 2; }
cvtex=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/cvtex-noop-XXXXXX")
trap 'rm -rf "$work"' EXIT
command -v hyperfine >/dev/null || { echo "bench: hyperfine is missing (apt-get install hyperfine)" >&2; exit 1; }
cp "$here/../examples/cheng-li.toml" "$work/ref.toml"
export XDG_CACHE_HOME="$work/cache"
pin=""
command -v taskset >/dev/null && pin="taskset -c 0"

# Prime: the first build dumps the class format in the background; wait for it, then build
# once more so the stamp of ref.pdf is there.
"$cvtex" build "$work/ref.toml" -o "$work/ref.pdf" -q --force
while [ -z "$(ls "$work/cache/cvtex/formats/"*.deps 2>/dev/null)" ] ||
      [ -n "$(ls "$work/cache/cvtex/formats/"*.lock 2>/dev/null)" ]; do sleep 0.1; done
"$cvtex" build "$work/ref.toml" -o "$work/ref.pdf" -q --force
"$cvtex" build "$work/ref.toml" -o "$work/ref.pdf" -v 2>&1 | grep -q "is up to date" ||
  { echo "bench: the second build was not a no-op" >&2; exit 1; }

for round in 1 2 3 4 5; do
  hyperfine -N -w 2 -r 10 --export-json "$work/round.$round.json" \
    -n floor "$pin true" \
    -n no-op "$pin $cvtex build $work/ref.toml -o $work/ref.pdf" \
    -n build "$pin $cvtex build $work/ref.toml -o $work/other.pdf --force" >/dev/null 2>&1
done
python3 - "$work"/round.*.json <<'PY'
import json, statistics, sys
times = {}
for path in sys.argv[1:]:
    for x in json.load(open(path))["results"]:
        times.setdefault(x["command"], []).extend(x["times"])
print("| command | median | min | max | median / build |")
print("|:---|---:|---:|---:|---:|")
build = statistics.median(times["build"])
for name in ("floor", "no-op", "build"):
    t = times[name]
    print(f"| {name} | {statistics.median(t)*1e3:.2f} ms | {min(t)*1e3:.2f} ms "
          f"| {max(t)*1e3:.2f} ms | {statistics.median(t)/build:.4f} |")
noop = statistics.median(times["no-op"])
print(f"\nno-op rebuild: {noop*1e3:.2f} ms median ({len(times['no-op'])} runs), "
      f"{build/noop:.0f}x faster than a build; target under 20 ms: "
      f"{'met' if noop < 0.020 else 'NOT met'}")
PY
