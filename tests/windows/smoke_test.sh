#!/usr/bin/env bash
# Smoke run of the real Windows programs under Wine: pupitre-server.exe, two pupitred.exe
# (one keeping its device token in the Windows Credential Manager, one in a private file) and
# pupitrectl.exe: versions, sign-in, the record commands, sync both ways, equal exports.
# Usage: tests/windows/smoke_test.sh WINDOWS_BUILD_DIR   (WINEPREFIX: a booted private prefix)
set -euo pipefail
WIN_BUILD=$(cd "$1" && pwd)
WORK=$(mktemp -d)
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
trap 'cleanup; rm -rf "$WORK"' EXIT

step "--version of the command-line programs"
for exe in daemon/pupitrectl daemon/pupitred server/pupitre-server; do
  wexe "$exe" --version | nocr | grep -E '^pupitre[a-z-]* [0-9]+\.[0-9]+\.[0-9]+' ||
    fail "$exe.exe --version"
done

step "server and two devices"
start_server win
start_device a win              # token in the Credential Manager
start_device b win --no-keyring # token in a private file
login a | grep -q "Signed in as $EMAIL" || fail "login on a"
login b | grep -q "Signed in as $EMAIL" || fail "login on b"
ctl a status | grep -qi "$EMAIL" || fail "status on a does not show the account"

step "records on a"
cls=$(ctl a --db class add "4B Mathematics" --year 2026-2027)
ana=$(ctl a --db student add "$cls" Ana García)
test1=$(ctl a --db assessment add "$cls" Fractions --date 2026-10-05 --weight 2)
ctl a --db mark set "$ana" "$test1" 8,5 --comment "Very good" >/dev/null
ctl a --db attendance set "$ana" 2026-10-05 late --note "Bus" >/dev/null
ctl a --db journal add "$cls" 2026-10-05 "Fractions: halves and quarters" >/dev/null
ctl a --db list marks --class "$cls" | grep -q '8.5' || fail "the mark is not listed on a"
[ "$(ctl a --db pending)" -gt 0 ] || fail "no pending changes on a"

step "sync a -> server -> b"
ctl a sync | grep -q '^Sent [1-9]' || fail "a sent nothing"
ctl b sync | grep -q 'received [1-9]' || fail "b received nothing"
[ "$(ctl a --db export)" = "$(ctl b --db export)" ] || fail "the exports of a and b differ"
ctl b --db averages "$cls" | grep -q 'Ana' || fail "no averages on b"

step "an edit on b goes back to a"
ctl b --db mark set "$ana" "$test1" 9 >/dev/null
ctl b sync >/dev/null
ctl a sync >/dev/null
ctl a --db list marks --class "$cls" | grep -qE '(^|\s)9(\s|$)' || fail "b's mark did not reach a"
[ "$(ctl a --db export)" = "$(ctl b --db export)" ] || fail "the exports differ after b's edit"
[ "$(ctl a devices | grep -c 'this device')" = 1 ] || fail "devices does not show this device once"
ctl a --db pending | grep -qx 0 || fail "a still has pending changes"

step "reports: XLSX and CSV written, PDF said to be missing from this build"
ctl a --db report gradebook "$cls" --format xlsx -o "$(winpath "$WORK/gradebook.xlsx")" >/dev/null ||
  fail "report gradebook --format xlsx"
[ "$(head -c 2 "$WORK/gradebook.xlsx")" = PK ] || fail "gradebook.xlsx is not a workbook (zip)"
ctl a --db report gradebook "$cls" --format csv -o "$(winpath "$WORK/gradebook.csv")" >/dev/null ||
  fail "report gradebook --format csv"
grep -q 'Ana' "$WORK/gradebook.csv" || fail "gradebook.csv does not list Ana"
ctl a --db report attendance "$cls" --format xlsx -o "$(winpath "$WORK/attendance.xlsx")" \
  >/dev/null || fail "report attendance --format xlsx"
if pdf=$(ctl a --db report gradebook "$cls" --format pdf -o "$(winpath "$WORK/g.pdf")" 2>&1); then
  fail "report gradebook --format pdf succeeded in a build without PDF reports"
fi
echo "$pdf" | grep -q 'PDF reports are not available in this build' ||
  fail "report --format pdf does not say why: $pdf"
[ ! -e "$WORK/g.pdf" ] || fail "report --format pdf left a file"

step "server: a PostgreSQL database is refused with the reason (SQLite only on Windows)"
if pg=$(wexe server/pupitre-server --data "$(winpath "$WORK/pg")" serve --port 0 \
  --database postgresql://pupitre:secret@127.0.0.1/pupitre 2>&1 | nocr); then
  fail "serve --database postgresql://... started in a build without PostgreSQL"
fi
echo "$pg" | grep -q 'has no PostgreSQL support' || fail "serve --database does not say why: $pg"
echo "$pg" | grep -q secret && fail "the refusal shows the database password: $pg"
echo "PASS: smoke test of the Windows programs under Wine"
