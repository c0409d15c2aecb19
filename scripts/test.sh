#!/bin/sh
# Quick start, step 2: the whole test suite (unit, golden, CLI, diagnostics corpus and
# end-to-end through the real pdflatex). Installs and builds what is missing first.
# Exits non-zero when any test fails.
set -eu
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default
ctest --preset default -j "$(nproc)" "$@"
