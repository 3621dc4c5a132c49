#!/usr/bin/env bash
# AddressSanitizer + UndefinedBehaviorSanitizer (+ LeakSanitizer) run of the whole test
# suite: builds everything with QUARRY_SANITIZE=ON in its own build directory and runs
# ctest with leak detection on. Any sanitizer report fails the test that triggered it.
#
#   scripts/sanitize.sh [extra ctest args, e.g. -R tst_crud]
#
# Servers: uses QUARRY_TEST_PG_URL / QUARRY_TEST_MYSQL_URL when they are already exported
# (scripts/test.sh shares its servers this way), otherwise starts its own throwaway ones.
# Environment:
#   QUARRY_ASAN_BUILD_DIR  build directory (default: build-asan)
#   QUARRY_JOBS            parallel build/test jobs (default: nproc)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

BUILD_DIR=${QUARRY_ASAN_BUILD_DIR:-build-asan}
JOBS=${QUARRY_JOBS:-$(nproc)}

# The benchmarks are not tests; everything else (library, tests, browser, examples) is built.
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DQUARRY_SANITIZE=ON -DQUARRY_BUILD_BENCH=OFF -DQUARRY_BUILD_FUZZ=OFF
cmake --build "$BUILD_DIR" -j "$JOBS"

need_servers=0
case ",${QUARRY_TEST_DIALECTS:-sqlite,postgres,mariadb}," in
  *,postgres,*|*,pg,*) [ -n "${QUARRY_TEST_PG_URL:-}" ] || need_servers=1 ;;
esac
case ",${QUARRY_TEST_DIALECTS:-sqlite,postgres,mariadb}," in
  *,mariadb,*|*,mysql,*) [ -n "${QUARRY_TEST_MYSQL_URL:-}" ] || need_servers=1 ;;
esac
if [ "$need_servers" -eq 1 ]; then
  # Starts the servers, exports QUARRY_TEST_* and stops them on exit.
  # shellcheck source=scripts/test-servers.sh
  source scripts/test-servers.sh
fi

SUPP="$PWD/tests/lsan.supp"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1:detect_stack_use_after_return=0:strict_string_checks=0:check_initialization_order=1"
export LSAN_OPTIONS="suppressions=$SUPP:print_suppressions=0:report_objects=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

echo "sanitize.sh: ctest in $BUILD_DIR (ASan+UBSan+LSan, suppressions: tests/lsan.supp)"
# consumer_find_package checks the installed CMake package from a plain (unsanitized)
# consumer project, which cannot link the sanitized library; it is covered by the normal run.
rc=0
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$JOBS" --timeout 1200 --no-tests=error \
      -E '^consumer_find_package$' "$@" || rc=$?
echo "sanitize.sh: ctest exit status $rc"
exit "$rc"
