#!/usr/bin/env bash
# The benchmark command: install deps, configure a Release build in build-bench, build the
# benchmarks, run the full pass and write the summary tables to build-bench/bench-summary.md.
#
#   scripts/bench.sh [--quick] [--reps=N] [Google Benchmark flags, e.g. --benchmark_filter=findAll]
#
# Environment:
#   QUARRY_BENCH_BUILD_DIR   build directory (default: build-bench)
#   QUARRY_JOBS              parallel build jobs (default: nproc)
#   QUARRY_BENCH_PG          1 = also PostgreSQL: starts a throwaway server with
#                            scripts/test-servers.sh (stopped again on exit); 0 = SQLite only.
#                            Default: 1 when QUARRY_TEST_PG_URL is not set, else the given URL is used.
#   QUARRY_BENCH_DIALECTS    e.g. sqlite-memory,sqlite-file,postgres (the default)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

BUILD_DIR=${QUARRY_BENCH_BUILD_DIR:-build-bench}
JOBS=${QUARRY_JOBS:-$(nproc)}

bash scripts/install-deps.sh
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DQUARRY_BUILD_BENCH=ON
# Only the library and the benchmarks are built here.
cmake --build "$BUILD_DIR" -j "$JOBS" --target quarry_bench

if [ -z "${QUARRY_TEST_PG_URL:-}" ] && [ "${QUARRY_BENCH_PG:-1}" = "1" ]; then
  # Starts PostgreSQL only, exports QUARRY_TEST_PG_URL and stops it again on exit.
  export QUARRY_TEST_DIALECTS=postgres
  # shellcheck source=scripts/test-servers.sh
  source scripts/test-servers.sh || { echo "bench.sh: PostgreSQL did not start; SQLite only" >&2; unset QUARRY_TEST_PG_URL; }
elif [ "${QUARRY_BENCH_PG:-1}" = "0" ]; then
  unset QUARRY_TEST_PG_URL
fi

echo "================================================================"
echo "bench.sh: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "bench.sh: PostgreSQL: ${QUARRY_TEST_PG_URL:-not used}"
echo "================================================================"

rc=0
"$BUILD_DIR/bench/quarry_bench" --summary="$BUILD_DIR/bench-summary.md" "$@" || rc=$?
echo "bench.sh: summary tables in $BUILD_DIR/bench-summary.md (exit status $rc)"
exit "$rc"
