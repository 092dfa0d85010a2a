#!/usr/bin/env bash
# Second README command (and CI): install what is missing, build, run the
# whole test suite under a virtual display, then again under
# AddressSanitizer and UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."

bash build-aux/install-deps.sh

xvfb_test() {
  xvfb-run -a -s '-screen 0 1920x1080x24' dbus-run-session -- \
    meson test --print-errorlogs --num-processes 2 "$@"
}

echo "== Test suite =="
[ -d build ] || meson setup build
meson compile -C build
xvfb_test -C build

echo "== Test suite under AddressSanitizer and UndefinedBehaviorSanitizer =="
[ -d build-sanitize ] || meson setup build-sanitize -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug
meson compile -C build-sanitize
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# The model and the command line: every leak is an error.
ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" xvfb_test -C build-sanitize --suite model
# The window: GTK, fontconfig and Mesa keep caches until exit on purpose,
# so leaks are not tracked there (the UI tests check the window is freed).
ASAN_OPTIONS="detect_leaks=0:abort_on_error=1" xvfb_test -C build-sanitize --no-suite model

echo "== Fuzzing the loader for 2 minutes (libFuzzer, AddressSanitizer, UndefinedBehaviorSanitizer) =="
bash build-aux/fuzz.sh 120

echo
echo "Screenshots of the window: build/screenshots/"
