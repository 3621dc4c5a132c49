#!/usr/bin/env bash
# The README main-job command: install deps, configure, build, then run the walkthrough
# example with all arguments passed through.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

BUILD_DIR=${QUARRY_BUILD_DIR:-build}
# Relative to the build dir; change here if the example moves.
MAIN_EXE_REL=examples/seed-walkthrough
JOBS=${QUARRY_JOBS:-$(nproc)}

bash scripts/install-deps.sh
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$BUILD_DIR" -j "$JOBS"

exe="$BUILD_DIR/$MAIN_EXE_REL"
if [ ! -x "$exe" ]; then
  echo "run.sh: $exe was not built (is the target defined in CMake? set MAIN_EXE_REL in scripts/run.sh)" >&2
  exit 1
fi
exec "$exe" "$@"
