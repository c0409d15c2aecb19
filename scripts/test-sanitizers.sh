#!/bin/sh
# CI, after the test suite: the sanitizer build (the `fuzz` preset: clang-14 with ASan and
# UBSan) runs the unit tests, the CLI tests and the bad-input corpus, then each libFuzzer
# target for FUZZ_SECONDS (default 20) on the tests' inputs (scripts/fuzz). The end-to-end
# tests are left to the normal build: under ASan they would take longer than CI allows.
# Prints its own time. Usage: sh scripts/test-sanitizers.sh
set -eu
cd "$(dirname "$0")/.."
start=$(date +%s)
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target cvtex unit_tests cli_tests invalid_tests toml_fuzzer \
  bibtex_fuzzer markup_fuzzer
built=$(date +%s)
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export XDG_CACHE_HOME="$PWD/build-fuzz/test-cache"
build-fuzz/tests/unit_tests --gtest_brief=1
build-fuzz/tests/cli_tests --gtest_brief=1
build-fuzz/tests/invalid_tests --gtest_brief=1
tested=$(date +%s)
sh scripts/fuzz "${FUZZ_SECONDS:-20}"
echo "test-sanitizers: build $((built - start)) s, tests $((tested - built)) s," \
  "fuzzing $(($(date +%s) - tested)) s"
