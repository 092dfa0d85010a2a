#!/usr/bin/env bash
# Benchmarks: generates the synthetic ecosystems (deterministic, seed 1) and
# measures load, save, search, PDF export and peak memory on each, beside
# json-glib's own figures measured in the same run.
#
#   bash build-aux/bench.sh              100, 1,000 and 10,000 structures
#   bash build-aux/bench.sh 50000        one size
#
# Nothing here passes or fails on a time: it prints figures and ratios.
set -euo pipefail
cd "$(dirname "$0")/.."

bash build-aux/install-deps.sh
[ -d build ] || meson setup build
meson compile -C build

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 10000)
mkdir -p build/bench-files
export LC_ALL=C.UTF-8

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
for n in "${sizes[@]}"; do
  file=build/bench-files/ecosystem-$n.maillage
  [ -f "$file" ] || build/bench/generate-ecosystem --structures "$n" --seed 1 "$file"
  echo
  echo "== $n structures =="
  build/bench/bench-model "$file"
  json=$(build/bench/bench-model --peak-json "$file")
  app=$(build/bench/bench-model --peak-app "$file")
  awk -v a="$app" -v j="$json" 'BEGIN { printf "%-44s %10.1f MiB  floor %10.1f MiB  ratio %5.2f  (target ≤ 1.5× json-glib peak)\n", "peak memory, file loaded", a, j, a / j }'
  if [ -x build/bench/bench-pdf ]; then build/bench/bench-pdf "$file"; fi
  if [ -x build/bench/bench-window ] && command -v xvfb-run >/dev/null; then
    xvfb-run -a -s '-screen 0 1920x1080x24' dbus-run-session -- build/bench/bench-window "$file"
  fi
done
