#!/bin/sh
# Quick start: on a fresh Debian machine with Node 20, install what Lectern
# needs (Chromium and the CSL styles from Debian, the npm packages) and build the example lecture
# into out/. Safe to run again: each step is skipped when already done.
set -eu
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ] && [ -z "${LECTERN_BROWSER:-}" ]; then
  echo "quickstart: installing Chromium from Debian (needed to print PDFs)…"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium
fi

# The example's citations are in GOST: CSL styles and locales from Debian.
csl=""
[ -d /usr/share/citation-style-language/styles ] || csl="$csl citation-style-language-styles"
[ -d /usr/share/citation-style-language/locales ] || csl="$csl citation-style-language-locales"
if [ -n "$csl" ] && [ -z "${LECTERN_CSL_DIR:-}" ]; then
  echo "quickstart: installing$csl from Debian (citation styles)…"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends $csl
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "quickstart: installing npm packages (npm ci)…"
  npm ci
fi
[ -f dist/bundle/main.js ] && [ -f dist/styles/warm-up.css ] || npm run build

node bin/lectern.js build outlines/ussr-japan-1925.yaml
echo "quickstart: done — open out/ussr-japan-1925.html, or print out/ussr-japan-1925.pdf"
