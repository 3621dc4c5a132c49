#!/usr/bin/env bash
# The README test command: install deps, configure, build, start throwaway PostgreSQL and
# MariaDB servers, run every CTest test; then, on the same servers, the optional stages:
# the whole suite under ASan+UBSan+LSan (scripts/sanitize.sh) and the fuzz targets for a
# bounded time (scripts/fuzz.sh). Exit status: non-zero if any stage failed.
#
#   scripts/test.sh [extra ctest args, e.g. -R sqlite]
#
# Environment:
#   QUARRY_BUILD_DIR       build directory (default: build)
#   QUARRY_JOBS            parallel build/test jobs (default: nproc)
#   QUARRY_TEST_DIALECTS   e.g. "sqlite" for a local run without servers (ignored when CI is set)
#   QUARRY_SANITIZE        1: also run the sanitizer stage (default: 1 when CI is set, else 0)
#   QUARRY_ASAN_BUILD_DIR  its build directory (default: build-asan)
#   QUARRY_FUZZ_SECONDS    N > 0: also run each fuzz target for N seconds (default: 60 when CI
#                          is set, else 0 = off)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

BUILD_DIR=${QUARRY_BUILD_DIR:-build}
JOBS=${QUARRY_JOBS:-$(nproc)}

# CI must always cover all three dialects; a restriction there would hide failures.
IN_CI=1
case "${CI:-}" in
  ""|0|false|False|FALSE) IN_CI=0 ;;
  *)
    if [ -n "${QUARRY_TEST_DIALECTS:-}" ]; then
      echo "test.sh: CI is set, ignoring QUARRY_TEST_DIALECTS='$QUARRY_TEST_DIALECTS' (CI tests all dialects)" >&2
    fi
    unset QUARRY_TEST_DIALECTS
    ;;
esac

bash scripts/install-deps.sh
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$BUILD_DIR" -j "$JOBS"

# Starts the servers, exports QUARRY_TEST_* and stops them again on exit (EXIT trap).
# shellcheck source=scripts/test-servers.sh
source scripts/test-servers.sh

echo "================================================================"
echo "test.sh: dialects under test: ${QUARRY_TEST_DIALECTS//,/, }"
[ -z "${QUARRY_TEST_PG_URL:-}" ] || echo "test.sh:   postgres  $QUARRY_TEST_PG_URL"
[ -z "${QUARRY_TEST_MYSQL_URL:-}" ] || echo "test.sh:   mariadb   $QUARRY_TEST_MYSQL_URL"
echo "================================================================"

# --timeout: default per test (a test's own TIMEOUT property wins); --no-tests=error: an
# empty test list must not pass as green.
rc=0
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$JOBS" --timeout 600 --no-tests=error "$@" || rc=$?
echo "test.sh: ctest exit status $rc (dialects: $QUARRY_TEST_DIALECTS)"
failed_tests=""
if [ "$rc" -ne 0 ] && [ -s "$BUILD_DIR/Testing/Temporary/LastTestsFailed.log" ]; then
  failed_tests=$(cut -d: -f2- "$BUILD_DIR/Testing/Temporary/LastTestsFailed.log" | tr '\n' ' ')
fi

SANITIZE=${QUARRY_SANITIZE:-$IN_CI}
FUZZ_SECONDS=${QUARRY_FUZZ_SECONDS:-$([ "$IN_CI" -eq 1 ] && echo 60 || echo 0)}
summary="tests: $rc"
if [ "$SANITIZE" = 1 ]; then
  echo "================================================================"
  echo "test.sh: sanitizer stage (ASan + UBSan + LSan), same servers"
  echo "================================================================"
  src=0
  bash scripts/sanitize.sh "$@" || src=$?
  summary="$summary, sanitizers: $src"
  [ "$src" -eq 0 ] || rc=1
fi
if [ "$FUZZ_SECONDS" -gt 0 ] 2>/dev/null; then
  echo "================================================================"
  echo "test.sh: fuzz stage, ${FUZZ_SECONDS}s per target"
  echo "================================================================"
  frc=0
  bash scripts/fuzz.sh "$FUZZ_SECONDS" || frc=$?
  summary="$summary, fuzz: $frc"
  [ "$frc" -eq 0 ] || rc=1
fi
if [ -n "$failed_tests" ]; then
  # CI keeps only the end of the log, where the first stage's failures have long scrolled
  # away: run them once more, alone, so their output is the last thing printed. The stage
  # stays failed whatever this second run says (a pass here means the test is flaky).
  echo "================================================================"
  echo "test.sh: FAILED in the test stage: $failed_tests"
  echo "test.sh: running them again, one at a time, for their output"
  echo "================================================================"
  rerun_log="$BUILD_DIR/Testing/Temporary/rerun-failed.log"
  ctest --test-dir "$BUILD_DIR" --output-on-failure --timeout 600 --rerun-failed > "$rerun_log" 2>&1 || true
  # Only the lines that say what went wrong: the whole output may be longer than CI keeps.
  grep -E -A4 'FAIL!|QFATAL|XPASS|Totals:|ERROR|Exception|Timeout|SEGFAULT|Subprocess|tests? failed|Passed|\*\*\*' \
       "$rerun_log" | tail -120 || true
  echo "test.sh: FAILED in the test stage: $failed_tests(rerun log: $rerun_log)"
fi
asan_failed="${QUARRY_ASAN_BUILD_DIR:-build-asan}/Testing/Temporary/LastTestsFailed.log"
if [ "$SANITIZE" = 1 ] && [ "${src:-0}" -ne 0 ] && [ -s "$asan_failed" ]; then
  echo "test.sh: FAILED in the sanitizer stage: $(cut -d: -f2- "$asan_failed" | tr '\n' ' ')(output above, under sanitize.sh)"
fi
echo "test.sh: exit status $rc ($summary)"
exit "$rc"
