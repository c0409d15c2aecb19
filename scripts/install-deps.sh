#!/bin/sh
# Installs, with apt-get, whatever cvtex needs to build and test that is not installed yet.
# Idempotent: on a machine that has everything it only checks. Needs root (or sudo) to install.
# texlive-xetex, texlive-luatex and the fonts are optional for cvtex itself (the tests for
# --engine xelatex/lualatex skip without them); they are installed so that the suite runs them.
# clang-14 and libclang-rt-14-dev (libFuzzer, ASan, UBSan) build the fuzzers and the sanitizer
# run (scripts/fuzz, scripts/test-sanitizers.sh); strace lets a test see that outputs are
# synced.
# texlive-lang-german and -french give the German and French examples babel's hyphenation (the
# tests accept their absence, with the warning that names them). fonts-noto-core (Arabic,
# Hebrew, Devanagari and other Indic scripts; 12 MB download) and fonts-noto-cjk (CJK with a
# real bold face; 57 MB download, 91 MB installed) are the fonts of the script tests
# (docs/locale.md), which skip without them; qpdf reads the fonts' ToUnicode maps there.
set -eu
packages="g++ cmake ninja-build pkg-config
  libtomlplusplus-dev libfmt-dev libcli11-dev nlohmann-json3-dev libutf8proc-dev libgtest-dev
  libqpdf-dev libmd4c-dev nettle-dev libyaml-cpp-dev make dpkg-dev file man-db groff-base
  texlive-latex-base texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended
  lmodern poppler-utils clang-format clang-14 libclang-rt-14-dev strace tidy
  texlive-xetex texlive-luatex fonts-cmu fonts-wqy-microhei fontconfig
  texlive-lang-german texlive-lang-french fonts-noto-core fonts-noto-cjk qpdf"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

# Taplo, the engine of the "Even Better TOML" editor extension, checks cvtex's JSON Schema in a
# test. It comes from npm, so it is installed only where npm is; without it that test skips.
if ! command -v taplo >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  echo "cvtex: installing @taplo/cli with npm"
  $sudo npm install -g --no-audit --no-fund @taplo/cli@0.7.0 >/dev/null 2>&1 ||
    echo "cvtex: could not install @taplo/cli; the Taplo test will be skipped" >&2
fi

missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing="$missing $p"
  fi
done
if [ -z "$missing" ]; then
  exit 0
fi
echo "cvtex: installing:$missing"
$sudo apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
