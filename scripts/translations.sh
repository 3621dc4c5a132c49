#!/usr/bin/env bash
# The browser's translations (translations/quarry_browser_*.ts), kept complete.
#   scripts/translations.sh           check: run lupdate on copies of the .ts files and fail
#                                     if any string is unfinished (new, changed or untranslated)
#   scripts/translations.sh --update  run lupdate on translations/ itself (then translate
#                                     what it reports as unfinished, e.g. with Qt Linguist)
# CTest runs the check (test "translations"), so an untranslated string turns CI red.
# LUPDATE may name the lupdate binary (CMake passes Qt6::lupdate).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

LUPDATE=${LUPDATE:-}
if [ -z "$LUPDATE" ]; then
  for c in /usr/lib/qt6/bin/lupdate "$(command -v lupdate6 || true)" "$(command -v lupdate || true)"; do
    if [ -n "$c" ] && [ -x "$c" ]; then LUPDATE=$c; break; fi
  done
fi
if [ -z "$LUPDATE" ]; then
  echo "translations.sh: lupdate not found (install qt6-l10n-tools, or set LUPDATE)" >&2
  exit 2
fi

# What the browser shows: every source under browser/src and the application's main.cpp.
SOURCES=(browser/src browser/main.cpp)
TS=(translations/quarry_browser_de.ts translations/quarry_browser_zh_CN.ts)

if [ "${1:-}" = "--update" ]; then
  "$LUPDATE" -locations none -no-obsolete "${SOURCES[@]}" -ts "${TS[@]}"
  exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
copies=()
for ts in "${TS[@]}"; do
  cp "$ts" "$tmp/"
  copies+=("$tmp/$(basename "$ts")")
done
"$LUPDATE" -silent -locations none -no-obsolete "${SOURCES[@]}" -ts "${copies[@]}"

status=0
for ts in "${copies[@]}"; do
  total=$(grep -c '<source>' "$ts" || true)
  unfinished=$(grep -c 'type="unfinished"' "$ts" || true)
  echo "$(basename "$ts"): $total strings, $unfinished unfinished"
  if [ "$unfinished" -ne 0 ]; then
    status=1
    # Show which: the source line before each unfinished translation.
    grep -B1 'type="unfinished"' "$ts" | grep '<source>' | sed 's/^ */    untranslated: /' | head -20
  fi
done
if [ "$status" -ne 0 ]; then
  echo "translations.sh: unfinished translations; run scripts/translations.sh --update and translate them" >&2
fi
exit "$status"
