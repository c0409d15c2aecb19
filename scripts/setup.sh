#!/bin/sh
# Quick start, step 1: install what is missing, build cvtex, and typeset the reference CV to
# examples/cheng-li.pdf.
set -eu
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default
./build/src/cvtex build examples/cheng-li.toml
