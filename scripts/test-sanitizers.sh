#!/bin/sh
# CI, after the test suite: the sanitizer build (the `sanitize` preset: clang-14 with ASan and
# UBSan at -O0, which compiles in half the time of -O1) runs the CLI tests and the bad-input
# corpus, and each libFuzzer target for FUZZ_SECONDS (default 10) on the tests' inputs
# (scripts/fuzz). SANITIZE_UNIT=1 runs the unit tests too (their build doubles the time);
# the end-to-end tests are left to the normal build. Prints where its time went.
# SANITIZE_BUDGET=SECONDS (what .ci/run has left of its 10 minutes) bounds the run: with less
# than the build and the tests need (about 80 s on 2 idle cores) it is skipped with a notice,
# and the fuzzing gets what remains after the tests, up to FUZZ_SECONDS per target.
# Usage: sh scripts/test-sanitizers.sh
set -eu
cd "$(dirname "$0")/.."
start=$(date +%s)
budget=${SANITIZE_BUDGET:-}
if [ -n "$budget" ] && [ "$budget" -lt 100 ]; then
  echo "test-sanitizers: skipped: $budget s left of the CI budget, less than the build needs" >&2
  exit 0
fi
targets="cvtex cli_tests invalid_tests toml_fuzzer bibtex_fuzzer markup_fuzzer import_fuzzer"
if [ "${SANITIZE_UNIT:-0}" = 1 ]; then targets="$targets unit_tests"; fi
cmake --preset sanitize >/dev/null
# shellcheck disable=SC2086
cmake --build --preset sanitize --target $targets
built=$(date +%s)
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export XDG_CACHE_HOME="$PWD/build-sanitize/test-cache"
if [ "${SANITIZE_UNIT:-0}" = 1 ]; then build-sanitize/tests/unit_tests --gtest_brief=1; fi
build-sanitize/tests/cli_tests --gtest_brief=1
build-sanitize/tests/invalid_tests --gtest_brief=1
tested=$(date +%s)
seconds=${FUZZ_SECONDS:-10}
if [ -n "$budget" ]; then
  # Each target also reads its seeds first, a few seconds at -O0: keep 10 s in hand.
  per=$(((budget - (tested - start) - 10) / 4))
  [ "$per" -lt "$seconds" ] && seconds=$per
fi
if [ "$seconds" -ge 1 ]; then
  FUZZ_PRESET=sanitize sh scripts/fuzz "$seconds"
else
  echo "test-sanitizers: no fuzzing: the CI budget is spent" >&2
fi
echo "test-sanitizers: build $((built - start)) s, tests $((tested - built)) s," \
  "fuzzing $(($(date +%s) - tested)) s"
