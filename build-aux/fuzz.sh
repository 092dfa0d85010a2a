#!/usr/bin/env bash
# Fuzzes the loader, the writer and the validators with libFuzzer under
# AddressSanitizer and UndefinedBehaviorSanitizer, for a bounded time.
#
#   bash build-aux/fuzz.sh [SECONDS] [extra libFuzzer options…]
#
# SECONDS defaults to 120. The target (fuzz/fuzz-load.c) is built with clang
# straight from the model's sources into build-fuzz/ (or $MAILLAGE_FUZZ_DIR);
# the corpus grows in its corpus/ from the seeds in fuzz/corpus/ (the example
# and every file of tests/files/). A crash leaves its input there as crash-*
# and makes the script fail.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-120}"
shift || true
out="${MAILLAGE_FUZZ_DIR:-build-fuzz}"
mkdir -p "$out/corpus"

# config.h as meson.build writes it (keep the two in step).
cat > "$out/config.h" <<EOF
#pragma once
#define PACKAGE_VERSION "fuzz"
#define GETTEXT_PACKAGE "maillage"
#define LOCALEDIR "/usr/local/share/locale"
#define PKGDATADIR "/usr/local/share/maillage"
#define APPLICATION_ID "io.github.maillage.Maillage"
#define SOURCE_DATADIR "$PWD/data"
EOF

flags=(
  -g -O1 -fno-omit-frame-pointer
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
  -std=gnu11 -Wall -Wno-unused-parameter -Wno-missing-field-initializers
  -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74
  -DJSON_VERSION_MIN_REQUIRED=JSON_VERSION_1_6 -DJSON_VERSION_MAX_ALLOWED=JSON_VERSION_1_6
  -DG_LOG_USE_STRUCTURED
  -I"$out" -Isrc/model
)

# Rebuilt only when a source is newer than the target.
if [ ! -x "$out/fuzz-load" ] || [ -n "$(find src/model fuzz -newer "$out/fuzz-load" -name '*.[ch]' | head -1)" ]; then
  echo "Building $out/fuzz-load with clang…"
  # shellcheck disable=SC2046
  clang "${flags[@]}" fuzz/fuzz-load.c src/model/*.c -o "$out/fuzz-load" \
    $(pkg-config --cflags --libs gio-2.0 json-glib-1.0) -lm
fi

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:allocator_may_return_null=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LC_ALL=C.UTF-8

# Inputs up to 1 MiB; each run bounded to 20 s and 2 GiB.
echo "Fuzzing the loader for $seconds s…"
# The seeds: fuzz/corpus/, and whatever tests/files/ and the examples hold now.
"$out/fuzz-load" "$out/corpus" fuzz/corpus tests/files data/examples \
  -dict=fuzz/maillage.dict \
  -max_total_time="$seconds" -max_len=1048576 -timeout=20 -rss_limit_mb=2048 \
  -artifact_prefix="$out/" -print_final_stats=1 "$@"
