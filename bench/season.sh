#!/bin/sh
# A job season: 30 applications of 4 documents each (bench/gen_season.py), built by
# `cvtex packet` with -j1 and -j2 against the same 120 documents built one `cvtex build` at a
# time (bench/run_lines.py) with 1 and 2 at once, in one run. Every build passes --force, so
# each typesets what it must (the packet's run cache and the builds' stamps are bypassed); the
# class format is cached for all. hyperfine runs all of one command before the next, so the
# runs are split into rounds that alternate the commands. Then, with the run cache: the
# packet rebuilt with nothing changed, and with one letter edited.
# Usage: bench/season.sh CVTEX [ROUNDS]   (default 2 rounds; each takes a few minutes)
set -eu
[ $# -ge 1 ] || { echo "usage: $0 CVTEX [ROUNDS]" >&2; exit 2; }
cvtex=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
rounds=${2:-2}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/cvtex-season-XXXXXX")
trap 'rm -rf "$work"' EXIT
command -v hyperfine >/dev/null || { echo "bench: hyperfine is missing (apt-get install hyperfine)" >&2; exit 1; }
python3 "$here/gen_season.py" "$here/../examples/packet" "$work" 30
export XDG_CACHE_HOME="$work/cache"
cd "$work"
"$cvtex" -q packet packet.toml --force  # warms the format cache (and checks the season)
for round in $(seq 1 "$rounds"); do
  hyperfine -N -r 1 --export-json "$work/r$round.json" \
    -n "packet -j1" "$cvtex -q packet packet.toml -j 1 --force" \
    -n "packet -j2" "$cvtex -q packet packet.toml -j 2 --force" \
    -n "packet -j2, no pre-started engines" "env CVTEX_NO_PRESTART=1 $cvtex -q packet packet.toml -j 2 --force" \
    -n "120 builds, 1 at a time" "python3 $here/run_lines.py $cvtex single/commands.txt 1" \
    -n "120 builds, 2 at a time" "python3 $here/run_lines.py $cvtex single/commands.txt 2" \
    >/dev/null
done
sync; sleep 3  # the rounds wrote 600 PDFs: let the disk settle before a read-mostly command
hyperfine -N -w 1 -r 5 --export-json "$work/cached.json" \
  -n "packet, nothing changed" "$cvtex -q packet packet.toml -j 2" \
  -n "packet, one letter edited" \
  --prepare "sh -c 'date +%s%N >> letters/u07.md'" "$cvtex -q packet packet.toml -j 2" >/dev/null
"$cvtex" -v packet packet.toml --force -j 2 2>&1 >/dev/null | tail -1
python3 - "$work" "$rounds" <<'PY'
import json, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
times = {}
for r in range(1, rounds + 1):
    for res in json.load(open(f"{work}/r{r}.json"))["results"]:
        times.setdefault(res["command"], []).extend(res["times"])
med = {k: statistics.median(v) for k, v in times.items()}
single = "120 builds, 1 at a time"
print(f"| season of 30 applications (120 documents) | median | runs | ratio to the same -j | ratio to {single} |")
print("|:---|---:|---:|---:|---:|")
for k, base in (("packet -j1", single), ("packet -j2", "120 builds, 2 at a time"),
                ("packet -j2, no pre-started engines", "120 builds, 2 at a time")):
    for name in (k, base):
        print(f"| {name} | {med[name]:.2f} s | {len(times[name])} | "
              f"{med[name] / med[base]:.3f} | {med[name] / med[single]:.3f} |")
for res in json.load(open(f"{work}/cached.json"))["results"]:
    print(f"| {res['command']} | {statistics.median(res['times']):.3f} s | {len(res['times'])} | | |")
PY
