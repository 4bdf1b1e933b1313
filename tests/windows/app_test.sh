#!/usr/bin/env bash
# The Windows app (pupitre.exe, wxMSW) under Wine + Xvfb, linked to a real pupitred.exe signed
# in to a real pupitre-server.exe, on the demo year (the school year scripts/demo-stack.sh
# shows, made by the Linux build's pupitre-school-year):
#  1. a Wine program started without a display before the app (Wine then has no driver for
#     the session's windows): the app says it cannot open its window and exits; it used to
#     crash on a wxGrid that was never created (a write at address 0x8);
#  2. the app opens the year linked to the daemon (its output says "Linked to pupitred"),
#     synchronises through the server ("Sync finished": its Synchronise dialog driven with
#     xdotool, or, without xdotool, a sync pupitrectl.exe runs) and is still running;
#     screenshots SHOTS/app.png (English), SHOTS/app-synced.png, SHOTS/app-es.png (Spanish:
#     LANG=es_ES.UTF-8, catalog from locale\es beside the build) and, with xdotool,
#     SHOTS/tray-es.png (the tray icon's menu), to be looked at.
# Usage: tests/windows/app_test.sh WINDOWS_BUILD_DIR SHOTS_DIR   (WINEPREFIX: a booted prefix;
# PUPITRE_BUILD_DIR: the Linux build, whose pupitre-school-year is built when missing)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${PUPITRE_APP_TEST_XVFB:-}" ]; then
  # Every Wine program of the test runs on this display, except the one of case 1.
  exec env PUPITRE_APP_TEST_XVFB=1 xvfb-run -a -s '-screen 0 1400x900x24' "$here/app_test.sh" "$@"
fi
WIN_BUILD=$(cd "$1" && pwd)
mkdir -p "$2"
shots=$(cd "$2" && pwd)
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
cp "$WORK/device/pupitre.db" "$WORK/year.db"

# Starts the app on the device's year and endpoint (extra arguments after LOG); sets APP.
start_app() {
  local log=$1
  shift
  # wine itself, not a subshell: APP is the process that a kill ends.
  wine "$WIN_BUILD/gui/pupitre.exe" --db "$(winpath "$WORK/device/pupitre.db")" \
    --socket "$(winpath "$WORK/device/pupitred.endpoint")" "$@" >"$log" 2>&1 &
  APP=$!
  PIDS+=($APP)
}
# Waits (bounded: Wine starts slowly the first time) for the window named after the app.
wait_for_window() {
  local log=$1 i
  for i in $(seq 1 240); do
    xwininfo -root -tree 2>/dev/null | grep -q '"Pupitre' && return 0
    grep -q 'page fault' "$log" && break
    kill -0 "$APP" 2>/dev/null || break
    sleep 0.5
  done
  cat "$log" >&2
  fail "no Pupitre window appeared"
}
# The app is still running and did not crash.
alive() {
  ! grep -q 'page fault' "$1" || fail "the app crashed: $(grep -m1 'page fault' "$1")"
  kill -0 "$APP" 2>/dev/null || fail "the app stopped (see $1)"
}
# Ends the app (and the session's Wine programs) for the next case.
stop_wine() {
  wineserver -k 2>/dev/null || true
  wineserver -w 2>/dev/null || true
  wait 2>/dev/null || true
  PIDS=()
}

step "1. a Wine program without a display started first: the app says it has no window"
stop_wine # the session's desktop (and its display driver) comes with its first program
(
  unset DISPLAY
  # A program that opens a window makes the session's desktop now, without a driver (it
  # cannot open its window and ends); the daemon would too, but not always before the app.
  wine notepad.exe >"$WORK/nodisplay-notepad.log" 2>&1 || true
  wexe daemon/pupitred --db "$(winpath "$WORK/device/pupitre.db")" \
    --socket "$(winpath "$WORK/device/pupitred.endpoint")" --token-dir "$(winpath "$WORK/device")" \
    --log "$(winpath "$WORK/device/pupitred.log")" >"$WORK/nodisplay-daemon.log" 2>&1 &
  wait_for_file "$WORK/device/pupitred.endpoint" $! "$WORK/device/pupitred.log"
)
start_app "$WORK/nodisplay.log"
for i in $(seq 1 240); do
  grep -q 'page fault' "$WORK/nodisplay.log" && break
  kill -0 "$APP" 2>/dev/null || break
  sleep 0.5
done
cp "$WORK/nodisplay.log" "$shots/app-nodisplay.log"
! grep -q 'page fault' "$WORK/nodisplay.log" ||
  fail "the app crashed without a window: $(grep -m1 'page fault' "$WORK/nodisplay.log")"
if kill -0 "$APP" 2>/dev/null; then
  xwininfo -root -tree | grep -q '"Pupitre' ||
    fail "the app neither opened a window nor said why within 120 s"
  echo "NOTE: this Wine gave the app a window anyway"
else
  status=0
  wait "$APP" || status=$?
  grep -q 'could not open its window' "$WORK/nodisplay.log" ||
    fail "the app ended without saying it could not open its window (exit $status)"
  [ "$status" -ne 0 ] || fail "the app ended with success without a window"
fi
stop_wine
rm -f "$WORK/device/pupitred.endpoint" "$WORK/device/pupitred.log"
cp "$WORK/year.db" "$WORK/device/pupitre.db"
rm -f "$WORK/device/pupitre.db-wal" "$WORK/device/pupitre.db-shm"

step "2. the app linked to pupitred.exe, signed in to pupitre-server.exe"
start_server win
start_device device win --no-keyring
login device | grep -q "Signed in as $EMAIL" || fail "pupitrectl login"
start_app "$WORK/app.log"
wait_for_window "$WORK/app.log"
wait_for_text "$WORK/app.log" "Linked to pupitred" "$APP"
sleep 5 # its first paint, and the status bar after the daemon's status
import -window root "$shots/app.png"
alive "$WORK/app.log"

if command -v xdotool >/dev/null; then
  step "Synchronise in the app (Ctrl+Shift+S, Start) through the server"
  window=$(xdotool search --name '^Pupitre$' | head -n 1)
  xdotool windowfocus --sync "$window" 2>/dev/null || xdotool windowfocus "$window"
  xdotool key --window "$window" ctrl+shift+s
  sleep 3 # the Synchronise dialog, Start its default button
  xdotool key Return
  wait_for_text "$WORK/app.log" "Sync finished" "$APP"
  grep -q "Sync finished: [1-9]" "$WORK/app.log" || fail "the app's sync sent nothing"
  sleep 3
  import -window root "$shots/app-synced.png" # the dialog's summary over the window
else
  echo "NOTE: no xdotool: pupitrectl.exe runs the sync the app follows"
  step "a sync through the server while the app follows it"
  sync_device device | grep -q '^Sent [1-9]' || fail "the sync sent nothing"
  wait_for_text "$WORK/app.log" "Sync finished" "$APP"
  sleep 3
  import -window root "$shots/app-synced.png"
fi
alive "$WORK/app.log"
cp "$WORK/app.log" "$shots/app.log"
kill "$APP" 2>/dev/null || true
wait "$APP" 2>/dev/null || true # its single-instance lock goes with it

step "the app in Spanish, linked to the same daemon"
LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8 start_app "$WORK/app-es.log"
wait_for_window "$WORK/app-es.log"
wait_for_text "$WORK/app-es.log" "Linked to pupitred" "$APP"
sleep 5
import -window root "$shots/app-es.png"
alive "$WORK/app-es.log"
cp "$WORK/app-es.log" "$shots/app-es.log"
if command -v xdotool >/dev/null; then
  kill "$APP" 2>/dev/null || true
  wait "$APP" 2>/dev/null || true
  step "the tray icon's menu (Wine's system tray window), in Spanish"
  LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8 start_app "$WORK/tray.log" --tray
  wait_for_text "$WORK/tray.log" "Linked to pupitred" "$APP"
  sleep 4
  tray=$(xdotool search --name '^Wine System Tray$' | head -n 1)
  [ -n "$tray" ] || fail "no Wine System Tray window for the tray icon"
  xdotool mousemove --window "$tray" 10 10 click 3
  sleep 1
  xdotool mousemove --window "$tray" 60 120 # off the icon: no tooltip over the menu
  sleep 2
  import -window root "$shots/tray-es.png"
  alive "$WORK/tray.log"
fi
xwininfo -root -tree >"$shots/windows.txt" 2>&1 || true
echo "PASS: the app under Wine: no crash without a window; linked to pupitred.exe through" \
  "pupitre-server.exe, it synchronised; screenshots in $shots"
