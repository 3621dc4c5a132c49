#!/usr/bin/env bash
# Installs a built Quarry into a temp prefix, then configures, builds and runs the consumer
# project against it: proves that find_package(Quarry) with Quarry::Orm and
# Quarry::BrowserWidgets work outside the tree.
#
#   check-install.sh <quarry-source-dir> <quarry-build-dir>
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 <quarry-source-dir> <quarry-build-dir>" >&2
  exit 2
fi
src=$(cd "$1" && pwd)
build=$(cd "$2" && pwd)
consumer_src="$src/tests/consumer"

tmp=$(mktemp -d /tmp/quarry-consumer.XXXXXX)
trap 'rm -rf -- "$tmp"' EXIT
prefix="$tmp/prefix"

echo "== install $build -> $prefix"
cmake --install "$build" --prefix "$prefix"

# Same generator and compiler as the main build, so the check doesn't depend on defaults.
gen_args=()
if command -v ninja >/dev/null 2>&1; then gen_args=(-G Ninja); fi
cxx=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
[ -z "$cxx" ] || gen_args+=("-DCMAKE_CXX_COMPILER=$cxx")

# The widget library is installed when Quarry was built with its browser (the default).
browser=$(sed -n 's/^QUARRY_BUILD_BROWSER:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
browser=${browser:-ON}

echo "== configure consumer (browser widgets: $browser)"
cmake -S "$consumer_src" -B "$tmp/build" "${gen_args[@]}" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_PREFIX_PATH="$prefix" -DQUARRY_CONSUMER_BROWSER="$browser"
echo "== build consumer"
cmake --build "$tmp/build"

# The installed library may lack an RPATH; cover the usual library dirs of a prefix.
echo "== run consumer"
export LD_LIBRARY_PATH="$prefix/lib:$prefix/lib/x86_64-linux-gnu:$prefix/lib64${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
QT_QPA_PLATFORM=offscreen "$tmp/build/consumer"
echo "== consumer ran OK"
if [ "$browser" = ON ]; then
  echo "== run consumer_browser (the installed widget library over the application's models)"
  (cd "$tmp" && QT_QPA_PLATFORM=offscreen "$tmp/build/consumer_browser")
  test -s "$tmp/browser.png"
  echo "== consumer_browser ran OK"
fi
