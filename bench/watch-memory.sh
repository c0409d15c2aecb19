#!/bin/sh
# Watch mode's memory over many rounds: `cvtex watch` on the reference CV, an edit per round,
# and its resident set size after round 20 and after the last. Each round compiles the
# document and frees it, so the two figures should be the same to within allocator noise.
# Usage: bench/watch-memory.sh CVTEX [ROUNDS] [pdf|tex]
set -eu
[ $# -ge 1 ] || { echo "usage: $0 CVTEX [ROUNDS] [pdf|tex]" >&2; exit 2; }
cvtex=$1 rounds=${2:-400} emit=${3:-tex}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/cvtex-watch-XXXXXX")
cp "$here/../examples/cheng-li.toml" "$work/cv.toml"
XDG_CACHE_HOME=$work/cache "$cvtex" watch "$work/cv.toml" --emit "$emit" 2>"$work/log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT
wait_rounds() {  # until the log shows $1 builds
  while [ "$(grep -c ' wrote ' "$work/log")" -lt "$1" ]; do sleep 0.02; done
}
rss() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
wait_rounds 1
i=1
while [ $i -lt "$rounds" ]; do
  printf '\n# edit %d\n' "$i" >> "$work/cv.toml"
  i=$((i + 1))
  wait_rounds $i
  [ $i -eq 20 ] && at20=$(rss)
done
last=$(rss)
echo "rounds: $rounds ($emit); VmRSS after round 20: ${at20} kB; after round $rounds: ${last} kB"
