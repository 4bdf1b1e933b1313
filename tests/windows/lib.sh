# Helpers for the tests of the Windows programs under Wine (sourced by smoke_test.sh and
# interop_test.sh): a server and devices in one work folder, each device a Windows pupitred
# under Wine or a Linux pupitred, driven through its own pupitrectl.
# Needs: WIN_BUILD (the Windows build folder), WINEPREFIX (a booted private prefix), WORK (an
# empty folder); LINUX_BUILD for Linux devices or a Linux server.
set -euo pipefail
export WINEDEBUG=${WINEDEBUG:--all}
EMAIL=ana@school.es
PASSWORD='correct horse battery staple'
PIDS=()

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
step() { echo "--- $*"; }
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  # The Windows programs outlive their `wine` launcher: end every process of this test's
  # Wine prefix (the tests run one after another in it).
  wineserver -k 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

# A Linux path as the Windows programs see it (Wine's drive Z: is the Linux root).
winpath() { printf 'Z:%s' "${1//\//\\}"; }
# Windows programs end their lines with CR LF.
nocr() { tr -d '\r'; }

# Runs a Windows program of the build under Wine: wexe daemon/pupitrectl ARGS...
wexe() {
  local exe=$WIN_BUILD/$1.exe
  shift
  wine "$exe" "$@"
}

# Waits (bounded) for FILE to hold a line containing TEXT; fails with the file otherwise.
wait_for_text() {
  local file=$1 text=$2 pid=$3 i
  for i in $(seq 1 600); do
    grep -q -- "$text" "$file" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "--- $file:" >&2
  cat "$file" >&2 || true
  fail "'$text' did not appear in $file"
}

# Waits (bounded) for FILE to exist and not be empty; fails with LOG otherwise.
wait_for_file() {
  local file=$1 pid=$2 log=$3 i
  for i in $(seq 1 600); do
    [ -s "$file" ] && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "--- $log:" >&2
  cat "$log" >&2 || true
  fail "$file did not appear"
}

# start_server win|linux: a server with the account EMAIL (multi-device licence); sets URL.
start_server() {
  local kind=$1 data=$WORK/server log=$WORK/server.log
  mkdir -p "$data"
  if [ "$kind" = win ]; then
    wexe server/pupitre-server --data "$(winpath "$data")" serve --port 0 >"$log" 2>&1 &
  else
    "$LINUX_BUILD/server/pupitre-server" --data "$data" serve --port 0 >"$log" 2>&1 &
  fi
  PIDS+=($!)
  wait_for_text "$log" "listening on " $!
  local address
  address=$(grep -m1 'listening on ' "$log" | nocr | sed 's/.*listening on //')
  URL="http://127.0.0.1:${address##*:}"
  if [ "$kind" = win ]; then
    echo "$PASSWORD" | wexe server/pupitre-server --data "$(winpath "$data")" user add "$EMAIL" \
      --licence multi --devices 5 >/dev/null
  else
    echo "$PASSWORD" | "$LINUX_BUILD/server/pupitre-server" --data "$data" user add "$EMAIL" \
      --licence multi --devices 5 >/dev/null
  fi
  echo "server ($kind) at $URL"
}

# start_device NAME win|linux [pupitred options]: the device's daemon in WORK/NAME.
declare -A KIND
start_device() {
  local name=$1 kind=$2 dir=$WORK/$1
  shift 2
  mkdir -p "$dir"
  chmod 700 "$dir"
  KIND[$name]=$kind
  if [ "$kind" = win ]; then
    wexe daemon/pupitred --db "$(winpath "$dir/pupitre.db")" \
      --socket "$(winpath "$dir/pupitred.endpoint")" --token-dir "$(winpath "$dir")" \
      --log "$(winpath "$dir/pupitred.log")" "$@" >"$dir/out.log" 2>&1 &
  else
    "$LINUX_BUILD/daemon/pupitred" --db "$dir/pupitre.db" --socket "$dir/pupitred.sock" \
      --token-dir "$dir" --no-keyring --log "$dir/pupitred.log" "$@" >"$dir/out.log" 2>&1 &
  fi
  PIDS+=($!)
  if [ "$kind" = win ]; then
    # pupitred.exe is a window-subsystem program: its readiness is the endpoint file it writes
    # once it listens (its standard output may not reach us under Wine).
    wait_for_file "$dir/pupitred.endpoint" $! "$dir/pupitred.log"
  else
    wait_for_text "$dir/out.log" "listening on" $!
  fi
}

# ctl NAME ARGS...: the device's pupitrectl on its daemon (--socket) or, with --db as the
# first argument, on its database.
ctl() {
  local name=$1 dir=$WORK/$1
  shift
  if [ "${KIND[$name]}" = win ]; then
    if [ "${1:-}" = --db ]; then
      shift
      wexe daemon/pupitrectl --db "$(winpath "$dir/pupitre.db")" "$@" | nocr
    else
      wexe daemon/pupitrectl --socket "$(winpath "$dir/pupitred.endpoint")" "$@" | nocr
    fi
  else
    if [ "${1:-}" = --db ]; then
      shift
      "$LINUX_BUILD/daemon/pupitrectl" --db "$dir/pupitre.db" "$@"
    else
      "$LINUX_BUILD/daemon/pupitrectl" --socket "$dir/pupitred.sock" "$@"
    fi
  fi
}

login() { echo "$PASSWORD" | ctl "$1" login "$URL" "$EMAIL"; }
sync_device() { ctl "$1" sync; }

# The given name of a student in an export (JSON on standard input).
given_name_in_export() {
  python3 -c '
import json, sys
rows = json.load(sys.stdin)["students"]
print(next(r["given_name"] for r in rows if r["id"] == sys.argv[1]))' "$1"
}
