#!/bin/sh
# Benchmark (not a test): `cvtex check` printing the diagnostics of the reference CV with 20
# errors injected (bench/cheng-li-20-errors.toml), against two baselines measured in the same
# run: `true` (starting a process) and `cvtex check` on the clean reference CV. The target is
# under 50 ms; the figures and how to read them are in docs/performance.md.
# Needs hyperfine (apt-get install hyperfine) and a build (cmake --build --preset default).
set -eu
cd "$(dirname "$0")/.."
cvtex=${CVTEX:-build/src/cvtex}
export SOURCE_DATE_EPOCH=1767225600 NO_COLOR=1
summary=$("$cvtex" check bench/cheng-li-20-errors.toml 2>&1 | tail -n 1) || true
if [ "$summary" != "cvtex: 20 errors" ]; then
  echo "bench/cheng-li-20-errors.toml should give 20 errors, not: $summary" >&2
  exit 1
fi
# -N: no shell in between; -i: `cvtex check` exits 1 on errors, which is expected here.
# --output=pipe: the diagnostics are really formatted and written, to a pipe.
exec hyperfine -N -i --warmup 20 --runs "${RUNS:-300}" --output=pipe "$@" \
  -n true true \
  -n 'check clean' "$cvtex check examples/cheng-li.toml" \
  -n 'check 20 errors' "$cvtex check bench/cheng-li-20-errors.toml"
