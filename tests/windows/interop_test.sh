#!/usr/bin/env bash
# Windows and Linux together: a Windows pupitred under Wine and a Linux pupitred sync through
# one Linux pupitre-server and end with identical `pupitrectl export`s; a same-field conflict
# is resolved as on Linux (sync.md, rules 3 and 4): the later edit wins on both, whichever
# device syncs last, and both list the losing value in `conflicts`.
# Usage: tests/windows/interop_test.sh WINDOWS_BUILD_DIR LINUX_BUILD_DIR
set -euo pipefail
WIN_BUILD=$(cd "$1" && pwd)
LINUX_BUILD=$(cd "$2" && pwd)
WORK=$(mktemp -d)
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
trap 'cleanup; rm -rf "$WORK"' EXIT

start_server linux
start_device win win --no-keyring
start_device lin linux
login win >/dev/null
login lin >/dev/null

step "records made on Windows reach Linux"
cls=$(ctl win --db class add "4B Mathematics" --year 2026-2027)
ana=$(ctl win --db student add "$cls" Ana García)
test1=$(ctl win --db assessment add "$cls" Fractions --date 2026-10-05)
ctl win --db mark set "$ana" "$test1" 7,25 >/dev/null
ctl win sync >/dev/null
ctl lin sync >/dev/null
step "records made on Linux reach Windows"
ctl lin --db journal add "$cls" 2026-10-06 "Decimals" >/dev/null
ctl lin --db student add "$cls" Bruno Díaz >/dev/null
ctl lin sync >/dev/null
ctl win sync >/dev/null
[ "$(ctl win --db export)" = "$(ctl lin --db export)" ] || fail "the exports differ"

# conflict FIRST LATER: FIRST edits Ana's given name, then LATER does (later in time); LATER
# syncs first and FIRST last. The later edit must win on both.
conflict() {
  local first=$1 later=$2 expected="Ana ($2 after $1)" lost="Ana ($1 before $2)"
  step "same-field conflict: $first edits first, $later later and syncs first"
  ctl "$first" --db student update "$ana" --given "$lost" >/dev/null
  sleep 1 # a later wall-clock time for the second edit
  ctl "$later" --db student update "$ana" --given "$expected" >/dev/null
  ctl "$later" sync >/dev/null
  ctl "$first" sync 2>/dev/null | grep -q ', 1 conflicts\?$' || fail "$first did not report the conflict"
  ctl "$later" sync >/dev/null
  local d
  for d in win lin; do
    [ "$(ctl $d --db export | given_name_in_export "$ana")" = "$expected" ] ||
      fail "on $d the given name is not '$expected'"
    ctl $d --db conflicts | grep -qF "$lost" || fail "$d does not list the lost value"
  done
  [ "$(ctl win --db export)" = "$(ctl lin --db export)" ] || fail "the exports differ"
}
conflict win lin
conflict lin win
echo "PASS: a Windows device (Wine) and a Linux device interoperate through one server"
