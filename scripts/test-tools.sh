#!/bin/sh
# What the tests need from Debian besides the npm packages, installed when
# missing (with sudo when not root; nothing to do when all are there). `npm
# test` runs this first, and so does `.ci/run`: no test ever skips for a
# missing tool.
#   chromium          prints the PDFs, runs the deck in the browser tests
#   poppler-utils     pdftoppm/pdftotext: pages to images and text; OCR input
#   tesseract-ocr     with English, Russian, German, French, Spanish, Italian,
#                     Ukrainian and Polish data: scanned PDF pages
#   libreoffice-impress + fonts-paratype: opens every PPTX the tests write,
#                     measuring with the PT fonts the deck uses
#   citation-style-language-styles/-locales: GOST, APA… and their terms
set -eu
need=""
[ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1 || need="$need chromium"
command -v pdftoppm >/dev/null 2>&1 || need="$need poppler-utils"
command -v tesseract >/dev/null 2>&1 || need="$need tesseract-ocr"
for data in eng rus deu fra spa ita ukr pol; do
  [ -n "$(ls /usr/share/tesseract-ocr/*/tessdata/$data.traineddata 2>/dev/null)" ] || need="$need tesseract-ocr-$data"
done
command -v soffice >/dev/null 2>&1 || need="$need libreoffice-impress"
[ -d /usr/share/fonts/truetype/paratype ] || need="$need fonts-paratype"
[ -d /usr/share/citation-style-language/styles ] || need="$need citation-style-language-styles"
[ -d /usr/share/citation-style-language/locales ] || need="$need citation-style-language-locales"
if [ -n "$need" ]; then
  echo "tests: installing$need from Debian…" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null
fi
