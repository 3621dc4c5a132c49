#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang in build-fuzz and runs each for a bounded
# time from its seed corpus (fuzz/corpus/<target>). Any finding (crash, sanitizer report,
# broken invariant, timeout, out-of-memory) fails the script; the reproducer is left in
# build-fuzz/findings/.
#
#   scripts/fuzz.sh [seconds per target, default 60]
#
# Environment: QUARRY_FUZZ_BUILD_DIR (default build-fuzz), QUARRY_JOBS (default nproc).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SECONDS_EACH=${1:-${QUARRY_FUZZ_SECONDS:-60}}
BUILD_DIR=${QUARRY_FUZZ_BUILD_DIR:-build-fuzz}
JOBS=${QUARRY_JOBS:-$(nproc)}
CXX_BIN=$(command -v clang++-14 || command -v clang++ || true)
[ -n "$CXX_BIN" ] || { echo "fuzz.sh: clang++ not found (scripts/install-deps.sh installs clang-14)" >&2; exit 1; }

cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$CXX_BIN" \
      -DQUARRY_BUILD_FUZZ=ON -DQUARRY_BUILD_TESTS=OFF -DQUARRY_BUILD_EXAMPLES=OFF \
      -DQUARRY_BUILD_BENCH=OFF -DQUARRY_BUILD_BROWSER=OFF
cmake --build "$BUILD_DIR" -j "$JOBS" --target fuzz_definition fuzz_where

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:halt_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
mkdir -p "$BUILD_DIR/findings"
rc=0
for target in definition where; do
  # New inputs go to a scratch corpus; the checked-in seeds stay as they are.
  work="$BUILD_DIR/corpus/$target"
  mkdir -p "$work"
  echo "fuzz.sh: fuzz_$target for ${SECONDS_EACH}s"
  if ! "$BUILD_DIR/fuzz/fuzz_$target" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
        -max_len=4096 -print_final_stats=1 -artifact_prefix="$BUILD_DIR/findings/${target}-" \
        "$work" "fuzz/corpus/$target"; then
    echo "fuzz.sh: fuzz_$target FOUND A PROBLEM (reproducer in $BUILD_DIR/findings/)" >&2
    rc=1
  fi
done
[ "$rc" -eq 0 ] && echo "fuzz.sh: no findings"
exit "$rc"
