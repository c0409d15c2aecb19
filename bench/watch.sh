#!/bin/sh
# Watch mode's latency (issue 19): from the moment the saved CV is closed to the new PDF
# renamed into place, against the floor (pdflatex on an empty article) and a whole
# `cvtex build --force`, in alternation in one run (bench/watch_latency.cpp), pinned to one
# core and then unpinned. SOURCE_DATE_EPOCH is set so that every build typesets the same
# bytes; the class format is cached first.
# Usage: bench/watch.sh CVTEX WATCH_LATENCY [ROUNDS]
#   (WATCH_LATENCY: cmake --build --preset default --target watch_latency)
set -eu
[ $# -ge 2 ] || { echo "usage: $0 CVTEX WATCH_LATENCY [ROUNDS]" >&2; exit 2; }
cvtex=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
bench=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
rounds=${3:-30}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/cvtex-watch-XXXXXX")
trap 'rm -rf "$work"' EXIT
cp "$here/../examples/cheng-li.toml" "$work/cv.toml"
mkdir "$work/floor"
printf '\\documentclass{article}\\begin{document}x\\end{document}\n' > "$work/floor/empty.tex"
export XDG_CACHE_HOME="$work/cache" SOURCE_DATE_EPOCH=1767225600
cd "$work"
"$cvtex" build cv.toml -q --force && sleep 2 && "$cvtex" build cv.toml -q --force  # the format
echo "$(pdflatex --version | head -1); $(nproc) cores; $(date -u +%Y-%m-%d)"
echo; echo "pinned (taskset -c 0):"
taskset -c 0 "$bench" "$cvtex" "$work" "$rounds"
echo; echo "unpinned:"
"$bench" "$cvtex" "$work" "$rounds"
