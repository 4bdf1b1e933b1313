#!/usr/bin/env bash
# The Windows app (pupitre.exe, wxMSW) under Wine + Xvfb opens the demo year (the school year
# scripts/demo-stack.sh shows, made by the Linux build's pupitre-school-year) and its window
# is saved as SHOTS/app.png, to be looked at. Fails when no Pupitre window appears.
# Usage: tests/windows/app_test.sh WINDOWS_BUILD_DIR SHOTS_DIR   (WINEPREFIX: a booted prefix;
# PUPITRE_BUILD_DIR: the Linux build, whose pupitre-school-year is built when missing)
set -euo pipefail
WIN_BUILD=$(cd "$1" && pwd)
mkdir -p "$2"
shots=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
linux=${PUPITRE_BUILD_DIR:-$root/build}
WORK=$(mktemp -d)
source "$here/lib.sh"
trap 'cleanup; rm -rf "$WORK"' EXIT

year=$linux/bench/pupitre-school-year
if [ ! -x "$year" ]; then
  cmake -S "$root" -B "$linux" -G Ninja -DPUPITRE_BUILD_BENCH=ON >/dev/null
  cmake --build "$linux" --target pupitre-school-year
fi
mkdir -p "$WORK/device"
chmod 700 "$WORK/device"
"$year" --db "$WORK/device/pupitre.db" --classes 5 --students 26 --assessments 24 \
  --days 60 >/dev/null

step "pupitre.exe under Wine + Xvfb on the demo year"
xvfb-run -a -s '-screen 0 1400x900x24' bash -c '
  wine "$1" --db "$2" --socket "$3" >"$4/app.log" 2>&1 & app=$!
  # The main window, named after the app, within 120 s (Wine starts slowly the first time).
  for i in $(seq 1 240); do
    xwininfo -root -tree 2>/dev/null | grep -q "\"Pupitre" && break
    kill -0 $app 2>/dev/null || break
    sleep 0.5
  done
  xwininfo -root -tree >"$4/windows.txt" 2>&1 || true
  sleep 5 # its first paint
  import -window root "$5/app.png"
  kill $app 2>/dev/null || true
  wineserver -k 2>/dev/null || true' _ "$WIN_BUILD/gui/pupitre.exe" \
  "$(winpath "$WORK/device/pupitre.db")" "$(winpath "$WORK/device/pupitred.endpoint")" \
  "$WORK" "$shots"
cp "$WORK/app.log" "$WORK/windows.txt" "$shots/" 2>/dev/null || true
grep -q '"Pupitre' "$WORK/windows.txt" || fail "no Pupitre window appeared (see $shots/app.log)"
echo "PASS: the app opened the demo year under Wine; screenshot: $shots/app.png"
