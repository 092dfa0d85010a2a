#!/usr/bin/env bash
# First README command: install what is missing, build, and start Maillage
# on the bundled Domb'Innov example. Without a display, run the headless
# job instead: check the example, print its summary and export its
# directory (annuaire) as a PDF.
set -euo pipefail
cd "$(dirname "$0")/.."

bash build-aux/install-deps.sh

[ -d build ] || meson setup build
meson compile -C build

example=data/examples/dombinnov.maillage
# Run uninstalled: the build's translations (French on a French desktop).
export MAILLAGE_LOCALEDIR="$PWD/build/po"

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  echo "Starting Maillage on a copy of the Domb'Innov example…"
  # The schema is compiled into build/data; the first start opens a copy of
  # the example (Save then asks where to keep it).
  GSETTINGS_SCHEMA_DIR=build/data exec build/src/maillage
fi

echo "No display found (neither DISPLAY nor WAYLAND_DISPLAY is set): running the headless job instead."
echo
echo "\$ maillage --check $example"
status=0
build/src/maillage --check "$example" || status=$?
[ "$status" -le 1 ] || exit "$status"
echo
echo "\$ maillage --summary $example"
build/src/maillage --summary "$example" || [ $? -le 1 ]
echo
echo "\$ maillage --export-pdf build/annuaire-dombinnov.pdf $example"
build/src/maillage --export-pdf build/annuaire-dombinnov.pdf "$example"
echo "The directory of the example, as an A4 booklet: $(pwd)/build/annuaire-dombinnov.pdf"
