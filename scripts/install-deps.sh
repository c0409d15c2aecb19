#!/bin/sh
# Installs, with apt-get, whatever cvtex needs to build and test that is not installed yet.
# Idempotent: on a machine that has everything it only checks. Needs root (or sudo) to install.
# texlive-xetex, texlive-luatex and the fonts are optional for cvtex itself (the tests for
# --engine xelatex/lualatex skip without them); they are installed so that the suite runs them.
set -eu
packages="g++ cmake ninja-build pkg-config
  libtomlplusplus-dev libfmt-dev libcli11-dev nlohmann-json3-dev libutf8proc-dev libgtest-dev
  libqpdf-dev libmd4c-dev nettle-dev make dpkg-dev file man-db groff-base
  texlive-latex-base texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended
  lmodern poppler-utils clang-format tidy
  texlive-xetex texlive-luatex fonts-cmu fonts-wqy-microhei fontconfig"
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
