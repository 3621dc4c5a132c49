#!/usr/bin/env bash
# The README main-job command: install deps, configure, build, then open the model browser
# (build/browser/quarry-browser) on the demo database, with all arguments passed through.
# Without a display ($DISPLAY and $WAYLAND_DISPLAY unset) it renders the window offscreen
# to a PNG (--screenshot) and prints its path.
#   scripts/run.sh --walkthrough [args]   runs the seed walkthrough example instead
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

BUILD_DIR=${QUARRY_BUILD_DIR:-build}
# Relative to the build dir; change here if the programs move.
MAIN_EXE_REL=browser/quarry-browser
WALKTHROUGH_EXE_REL=examples/seed-walkthrough
JOBS=${QUARRY_JOBS:-$(nproc)}

mode=browser
if [ "${1:-}" = "--walkthrough" ]; then
  mode=walkthrough
  shift
fi

bash scripts/install-deps.sh
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$BUILD_DIR" -j "$JOBS"

if [ "$mode" = walkthrough ]; then
  exe="$BUILD_DIR/$WALKTHROUGH_EXE_REL"
else
  exe="$BUILD_DIR/$MAIN_EXE_REL"
fi
if [ ! -x "$exe" ]; then
  echo "run.sh: $exe was not built (is the target defined in CMake? set the path in scripts/run.sh)" >&2
  exit 1
fi
if [ "$mode" = walkthrough ]; then
  exec "$exe" "$@"
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  shot=${QUARRY_SCREENSHOT:-$BUILD_DIR/quarry-browser.png}
  # quarry-browser prints the absolute path of the PNG it wrote.
  QT_QPA_PLATFORM=offscreen "$exe" "$@" --screenshot "$shot"
  exit 0
fi
exec "$exe" "$@"
