#!/usr/bin/env bash
# Starts the whole product on one machine from a build folder: a local pupitre-server with a
# demo multi-device account, this device's pupitred signed in to it over a generated school
# year, then the desktop app. Everything lives in FOLDER, so a second run reuses it (the
# account, the data and the sign-in). Ctrl+C, or closing the app, stops what it started.
# Usage: scripts/demo-stack.sh BUILD_DIR FOLDER
set -euo pipefail
build=$(cd "$1" && pwd)
mkdir -p "$2"
folder=$(cd "$2" && pwd)

email=demo@pupitre.example
password=demo-password
server_bin=$build/server/pupitre-server
daemon_bin=$build/daemon/pupitred
ctl_bin=$build/daemon/pupitrectl
app_bin=$build/gui/pupitre
device=$folder/device
socket=$folder/pupitred.sock
mkdir -p "$folder/server" "$device"
# Private, as pupitred and pupitrectl require of the socket's folder (the demo's data too).
chmod 700 "$folder"

pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# Waits for FILE to contain a line starting with PREFIX; prints the rest of that line.
wait_for_line() {
  local file=$1 prefix=$2 pid=$3
  for _ in $(seq 1 200); do
    local line
    line=$(grep -m1 "^$prefix" "$file" 2>/dev/null || true)
    if [ -n "$line" ]; then
      echo "${line#"$prefix"}"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  echo "Could not start $(basename "$file" .log); see $file" >&2
  return 1
}

echo "Pupitre demo in $folder"

# 1. The server, on loopback: the port of the previous run (the daemon's sign-in names it),
# or a free one the first time.
port=$(cat "$folder/server.port" 2>/dev/null || echo 0)
"$server_bin" serve --data "$folder/server" --port "$port" >"$folder/server.log" 2>&1 &
pids+=($!)
if ! address=$(wait_for_line "$folder/server.log" "listening on " "${pids[-1]}"); then
  [ "$port" != 0 ] || exit 1
  echo "  (port $port is taken now; using a new one)"
  "$server_bin" serve --data "$folder/server" --port 0 >"$folder/server.log" 2>&1 &
  pids+=($!)
  address=$(wait_for_line "$folder/server.log" "listening on " "${pids[-1]}")
fi
echo "${address##*:}" >"$folder/server.port"
url="http://$address"
echo "  server    $url   (log: $folder/server.log)"

# 2. The demo account (kept from an earlier run).
if ! "$server_bin" --data "$folder/server" user devices "$email" >/dev/null 2>&1; then
  echo "$password" | "$server_bin" --data "$folder/server" user add "$email" \
    --licence multi --devices 3 >/dev/null
fi
echo "  account   $email / $password (multi-device licence, 3 devices)"
echo "  web       $url/   (the web version: open it in a browser, sign in with the account above)"

# 3. This device's data: a generated school year, written once.
if [ ! -f "$device/pupitre.db" ]; then
  "$build/bench/pupitre-school-year" --db "$device/pupitre.db" --classes 5 --students 26 \
    --assessments 24 --days 60 >/dev/null
fi
echo "  database  $device/pupitre.db"

# 4. The daemon, signed in and synchronised.
"$daemon_bin" --db "$device/pupitre.db" --socket "$socket" --token-dir "$device" --no-keyring \
  --log "$folder/pupitred.log" >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do [ -S "$socket" ] && break; sleep 0.05; done
ctl() { "$ctl_bin" --socket "$socket" "$@"; }
if ! ctl status --json | grep -q '"signed_in" *: *true'; then
  echo "$password" | ctl login "$url" "$email"
fi
# The previous run's port was taken: sign in again at this run's address, as the same device.
if ! ctl status --json | grep -q "\"server\" *: *\"$url\""; then
  old_device=$(ctl status --json | sed -n 's/.*"device_id" *: *"\([^"]*\)".*/\1/p')
  ctl logout >/dev/null || true
  [ -z "$old_device" ] || "$server_bin" --data "$folder/server" user unlink "$email" "$old_device" >/dev/null || true
  echo "$password" | ctl login "$url" "$email"
fi
ctl sync
ctl status

# 5. The app. Without a display it runs under Xvfb and leaves a screenshot.
if [ ! -x "$app_bin" ]; then
  echo "The desktop app is not built; the server and the daemon keep running (Ctrl+C stops)."
  echo "Try: $ctl_bin --socket $socket status"
  wait
  exit 0
fi
app=("$app_bin" --db "$device/pupitre.db" --socket "$socket")
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  "${app[@]}"
  exit 0
fi
echo "No display: the app runs under Xvfb; its window is saved as $folder/screenshot.png."
xvfb-run -a -s '-screen 0 1400x900x24' bash -c '
  "$@" & app=$!
  sleep 4
  import -window root "'"$folder"'/screenshot.png" || true
  wait $app' _ "${app[@]}" &
pids+=($!)
echo "The app, the server and the daemon keep running (Ctrl+C stops)."
wait
