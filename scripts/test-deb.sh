#!/bin/sh
# CI, after the test suite: builds the .deb with CPack, installs it with dpkg -i, builds the
# reference CV and a packet with the installed /usr/bin/cvtex in another directory, checks that the class
# and the man page came from the package, and removes the package again (also on failure).
# Refuses to run where cvtex is already installed: that one is not ours to replace. Needs
# root (or sudo). Usage: sh scripts/test-deb.sh
set -eu
cd "$(dirname "$0")/.."
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
if dpkg-query -W -f='${Status}' cvtex 2>/dev/null | grep -q "ok installed" || [ -e /usr/bin/cvtex ]; then
  echo "test-deb: cvtex is already installed on this machine; not replacing it" >&2
  exit 1
fi
cmake --preset default >/dev/null
cmake --build --preset default --target cvtex
work=$(mktemp -d "${TMPDIR:-/tmp}/cvtex-deb-XXXXXX")
cleanup() {
  if dpkg-query -W -f='${Status}' cvtex 2>/dev/null | grep -q "ok installed"; then
    $sudo dpkg -r cvtex >/dev/null
  fi
  rm -rf "$work"
}
trap cleanup EXIT
cpack --config build/CPackConfig.cmake -B "$work/package" >/dev/null
deb=$(ls "$work"/package/cvtex_*.deb)
echo "test-deb: $(basename "$deb"): Depends: $(dpkg-deb --field "$deb" Depends)"
dpkg-deb --field "$deb" Depends | grep -q texlive-latex-base
# cvtex import reads RenderCV's YAML with yaml-cpp (its runtime, from dpkg-shlibdeps).
dpkg-deb --field "$deb" Depends | grep -q libyaml-cpp
$sudo dpkg -i "$deb" >/dev/null
cp examples/cheng-li-bib.toml examples/cheng-li.bib "$work/"
(cd "$work" && XDG_CACHE_HOME="$work/cache" /usr/bin/cvtex build cheng-li-bib.toml -M -v)
grep -q '/usr/share/cvtex/cls/cvtex.cls' "$work/cheng-li-bib.pdf.d"
[ "$(head -c 4 "$work/cheng-li-bib.pdf")" = "%PDF" ]
# A packet, whose combined PDFs need the PDF module (and so libqpdf, from dpkg-shlibdeps).
dpkg-deb --field "$deb" Depends | grep -q libqpdf
cp -r examples/packet "$work/packet"
rm -rf "$work/packet/applications"
cp examples/cheng-li.bib "$work/cheng-li.bib"
(cd "$work" && LD_DEBUG=files XDG_CACHE_HOME="$work/cache" /usr/bin/cvtex -q packet packet/packet.toml --only mit 2>"$work/ld.log")
grep -q 'file=/usr/lib/cvtex/cvtex-pdf.so' "$work/ld.log"
[ "$(head -c 4 "$work/packet/applications/mit/mit.pdf")" = "%PDF" ]
[ "$(man -w cvtex)" = /usr/share/man/man1/cvtex.1.gz ]
[ -f /usr/share/bash-completion/completions/cvtex ]
$sudo dpkg -r cvtex >/dev/null
[ ! -e /usr/bin/cvtex ]
echo "test-deb: installed, built the example, removed: ok"
