#!/usr/bin/env bash
# The Windows installers under Wine: installer/windows/build-installers.sh builds the MSI (twice:
# an older version 0.0.1 and this one) and the NSIS setup.exe from the Windows programs of
# BUILD_DIR, then, in a private Wine prefix:
#  MSI  - `msiexec /i Pupitre-0.0.1.msi /qn SERVERURL=… LOCKSERVERURL=1 SYNCEVERYMINUTES=30`:
#         the programs, DLLs, translation and web root in Program Files\Pupitre, the start
#         menu's shortcut, the policy values in HKLM\Software\Policies\Pupitre (the names
#         shared/pupitre/policy reads), the daemon and tray in HKLM's Run key, the uninstall
#         entry (name, publisher, version, icon); the installed pupitrectl.exe and
#         pupitre-server.exe --version run;
#       - the installed pupitred.exe, started as at login, reads them (`pupitrectl status
#         --json`: the policy's origin is that key, server_url is locked);
#       - the current MSI without properties upgrades it (one product left, the new version,
#         the school's values kept, a running pupitred.exe stopped); the older MSI over it is
#         refused;
#       - `msiexec /x … /qn` removes the programs, the values and the entry, and keeps the
#         teacher's data (%LOCALAPPDATA%\Pupitre) and a value Group Policy wrote;
#       - AUTOSTART=0 leaves the Run key alone, and a property not given writes no value.
#  NSIS - `setup.exe /S /SERVERURL=… /LOCKSERVERURL=1 /SYNCEVERYMINUTES=off`: a per-user install
#         in %LOCALAPPDATA%\Programs\Pupitre, the values in HKCU\Software\Pupitre\Policy, HKCU's
#         Run key, this user's uninstall entry, the shortcut; the --version of two programs;
#       - the installed daemon reads the values (the origin names HKCU\Software\Pupitre\Policy);
#       - setup.exe /S /AUTOSTART=0 over it: the running daemon is stopped, the Run entries go,
#         the values stay;
#       - uninstall.exe /S removes all that and keeps the teacher's data.
#
# Usage: tests/windows/installers_test.sh BUILD_DIR [OUT_DIR]
#   BUILD_DIR: the Windows build tree (or a folder holding the four .exe), as for
#   build-installers.sh. OUT_DIR (default: a temporary folder, removed) receives the
#   installers. Needs wine (64-bit), wixl/msibuild (msitools), makensis (nsis).
#   When BUILD_DIR has no pupitre.exe (a build without wxWidgets), the installers get a
#   stand-in app, saying so, and the other programs are tested as installed.
#   With stand-in programs (not printing "pupitrectl X (sync protocol …)"), the checks of the
#   daemon's policy are skipped, saying so.
#   Took 1 min 15 s to 2 min on this project's 2-core machine, 4 min 45 s while other builds
#   loaded it (it builds the installers twice and starts Wine in a new prefix).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
[ $# -ge 1 ] || { echo "usage: $0 WINDOWS_BUILD_DIR [OUT_DIR]" >&2; exit 2; }
build=$(cd "$1" && pwd)
version=$(sed -n 's/^project(Pupitre VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
old_version=0.0.1
[ "$version" != "$old_version" ] ||
  { echo "FAILED: the upgrade test needs a version above $old_version" >&2; exit 1; }
work=$(mktemp -d /tmp/pupitre-installers.XXXXXX)
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
cleanup() {
  wineserver -k 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
out=${2:-$work/installers}
standin_app=
# A build without the app (wxWidgets not built yet): the installers get a stand-in pupitre.exe
# that prints a version, so the other three programs are still tested as installed. Said at
# the start and the end.
if [ ! -f "$build/gui/pupitre.exe" ] && [ ! -f "$build/pupitre.exe" ]; then
  standin_app="(pupitre.exe was a stand-in: $build has no app)"
  echo "NOTE: $build has no pupitre.exe (the app is built once wxWidgets is in the dependency" \
    "prefix): the installers get a stand-in pupitre.exe, the other programs are the build's"
  mkdir -p "$work/programs"
  for name in pupitred pupitrectl pupitre-server; do
    for place in "$build/$name.exe" "$build/daemon/$name.exe" "$build/server/$name.exe"; do
      if [ -f "$place" ]; then cp "$place" "$work/programs/"; fi
    done
  done
  for place in "$build/server/web" "$build/web"; do
    if [ -d "$place" ] && [ ! -d "$work/programs/web" ]; then cp -r "$place" "$work/programs/"; fi
  done
  printf '#include <cstdio>\nint main() { std::puts("pupitre (a stand-in)"); }\n' >"$work/app.cpp"
  x86_64-w64-mingw32-g++-posix -static -o "$work/programs/pupitre.exe" "$work/app.cpp"
  # DLLs the programs import (none in a static build) are still found in the build's folders.
  dll_path="$build:$build/daemon:$build/server"
  export PUPITRE_WINDOWS_DLL_PATH="$dll_path${PUPITRE_WINDOWS_DLL_PATH:+:$PUPITRE_WINDOWS_DLL_PATH}"
  build=$work/programs
fi
failures=0
fail() { echo "FAILED: $*" >&2; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }
# check OK_TEXT FAIL_TEXT COMMAND...: ok or fail after COMMAND's status.
check() {
  local good=$1 bad=$2
  shift 2
  if "$@"; then ok "$good"; else fail "$bad"; fi
}

# -- The installers ---------------------------------------------------------------------------
PUPITRE_PACKAGE_VERSION=$old_version "$root/installer/windows/build-installers.sh" "$build" \
  "$out/old" >"$work/build-old.log" 2>&1 || { cat "$work/build-old.log" >&2; exit 1; }
"$root/installer/windows/build-installers.sh" "$build" "$out" >"$work/build.log" 2>&1 ||
  { cat "$work/build.log" >&2; exit 1; }
old_msi=$out/old/Pupitre-$old_version.msi
msi=$out/Pupitre-$version.msi
setup=$out/Pupitre-$version-setup.exe
for file in "$old_msi" "$msi" "$setup"; do
  [ -s "$file" ] || { echo "FAILED: build-installers.sh made no $file" >&2; exit 1; }
done
ok "built $(basename "$old_msi"), $(basename "$msi"), $(basename "$setup")"

# -- Wine ----------------------------------------------------------------------------------
wineboot -i >"$work/wineboot.log" 2>&1 || { cat "$work/wineboot.log" >&2; exit 1; }
wineserver -w
w() { wine "$@" 2>>"$work/wine.log" | tr -d '\r'; } # Windows programs' output, without CRs
# msiexec and the installers, their output (taskkill's messages) kept in a log.
msi() { w msiexec "$@" >>"$work/installers.log"; }
run_installer() { w "$@" >>"$work/installers.log"; }
win_path() { winepath -w "$1" 2>/dev/null | tr -d '\r'; }
unix_path() { winepath -u "$1" 2>/dev/null | tr -d '\r'; }
# reg_value KEY NAME: the value's data ("" and status 1 when the value is absent)
# (Wine's reg prints the value or "Unable to find…"; once, under a heavy load, a value that was
# there was reported missing: an answer with neither is asked again.)
reg_value() {
  local answer="" line
  for _ in 1 2 3; do
    answer=$(w reg query "$1" /v "$2" 2>/dev/null) || true
    [[ $answer == *[![:space:]]* ]] && break
    sleep 1
  done
  line=$(grep -E "^\s+$2\s+REG_" <<<"$answer") || return 1
  sed -E "s/^\s+$2\s+REG_[A-Z_]+\s*//" <<<"$line"
}
expect_value() { # KEY NAME DATA
  local data
  if ! data=$(reg_value "$1" "$2"); then
    fail "$1 has no value $2 (expected '$3')"
  elif [ "$data" != "$3" ]; then
    fail "$1\\$2 is '$data', expected '$3'"
  else
    ok "$1\\$2 = $3"
  fi
}
expect_no_value() { # KEY NAME
  if reg_value "$1" "$2" >/dev/null; then
    fail "$1\\$2 is still there: $(reg_value "$1" "$2")"
  else
    ok "no $1\\$2"
  fi
}
expect_files() { # FOLDER: the programs, their DLLs, the icon, the translation and the web root
  local name
  for name in pupitre.exe pupitred.exe pupitrectl.exe pupitre-server.exe \
    pupitre.ico locale/es/LC_MESSAGES/pupitre.mo web/index.html; do
    [ -f "$1/$name" ] || fail "$1/$name is missing"
  done
  for name in "$out"/stage/*.dll; do
    [ -e "$name" ] || continue
    [ -f "$1/$(basename "$name")" ] ||
      fail "$1/$(basename "$name") (a DLL the programs need) is missing"
  done
  local staged installed
  staged=$(cd "$out/stage" && find . -type f | wc -l)
  installed=$(cd "$1" && find . -type f ! -name uninstall.exe | wc -l)
  [ "$staged" = "$installed" ] || fail "$1 holds $installed files, not the $staged staged:" \
    "$(cd "$1" && find . -type f | LC_ALL=C sort | tr '\n' ' ')"
  ok "the programs, DLLs, translation and web root are in $1"
}
expect_version() { # FOLDER (Windows path): its pupitrectl.exe and pupitre-server.exe print
  local said program # this version (each finds its DLLs there)
  for program in pupitrectl pupitre-server; do
    said=$(w "$1\\$program.exe" --version) || true
    if [[ $said == "$program $version"* ]]; then
      ok "$1\\$program.exe --version: $said"
    else
      fail "$1\\$program.exe --version printed '$said', expected '$program $version …'" \
        "(wine.log: $(tail -3 "$work/wine.log"))"
    fi
  done
}
# The uninstall entries named Pupitre under KEY (one line each: the entry's key). Wine's reg
# has no /f: each entry's DisplayName is read.
arp_entries() {
  local key
  while read -r key; do
    [ "$(reg_value "$key" DisplayName)" = Pupitre ] && echo "$key"
  done < <(w reg query "$1" 2>/dev/null | grep -E '^HKEY_.*\\Uninstall\\.+')
  return 0
}

# start_daemon DIR: the installed pupitred.exe as the Run key starts it at login, in the
# background; daemon_ran says whether it was still running 3 s later (a real daemon is).
start_daemon() {
  wine "$1\\pupitred.exe" >"$work/pupitred.log" 2>&1 &
  daemon=$!
  sleep 3
  daemon_ran=
  if kill -0 "$daemon" 2>/dev/null; then daemon_ran=1; fi
}
# expect_daemon_policy DIR KEY: the running daemon read the values the installer wrote:
# `pupitrectl status --json` names KEY (as JSON writes it) in the policy's origin, and locks
# server_url.
expect_daemon_policy() {
  local status="" locked
  # Pupitre's own pupitrectl says "pupitrectl X.Y.Z (sync protocol N, IPC protocol N)"; a
  # stand-in program (to try the installers before the real build exists) does not.
  if [[ $(w "$1\\pupitrectl.exe" --version 2>/dev/null) != *"sync protocol"* ]]; then
    echo "skipped: the installed daemon's policy (not Pupitre's pupitrectl.exe)"
    return 0
  fi
  if [ -z "$daemon_ran" ]; then
    fail "the installed pupitred.exe exited at once: $(tail -3 "$work/pupitred.log" | tr '\n' ' ')"
    return 0
  fi
  for _ in $(seq 1 30); do
    status=$(w "$1\\pupitrectl.exe" status --json 2>/dev/null) || true
    [[ $status == \{* ]] && break
    sleep 1
  done
  if [[ $status != \{* ]]; then
    fail "pupitrectl status --json did not answer the installed daemon's status in 30 s:" \
      "${status:0:300} (pupitred: $(tail -3 "$work/pupitred.log" | tr '\n' ' '))"
    return 0
  fi
  # (pupitrectl prints the JSON over several lines)
  locked=$(tr -d '\n' <<<"$status" | grep -o '"locked" *: *\[[^]]*\]' || true)
  if ! grep -qF "$2" <<<"$status"; then
    fail "the installed daemon's policy does not come from $2: $status"
  elif [[ $locked != *'"server_url"'* ]]; then
    fail "the installed daemon does not lock server_url (locked: $locked)"
  else
    ok "the installed daemon reads its policy from $2 (locked: $locked)"
  fi
}
# expect_daemon_stopped WHAT: the running daemon was stopped (by an upgrade, an uninstall).
expect_daemon_stopped() {
  if [ -z "$daemon_ran" ]; then
    echo "skipped: the running daemon during $1 (pupitred.exe exited by itself)"
  elif kill -0 "$daemon" 2>/dev/null; then
    fail "the installed pupitred.exe still runs after $1"
    kill "$daemon" 2>/dev/null || true
  else
    ok "$1 stopped the running pupitred.exe"
  fi
  wait "$daemon" 2>/dev/null || true
}

local_appdata=$(w cmd /c echo %LOCALAPPDATA%)
appdata_unix=$(unix_path "$local_appdata")
data=$appdata_unix/Pupitre # what paths.cpp uses: the teacher's data, kept by every uninstall
mkdir -p "$data"
echo "a teacher's file" >"$data/kept.txt"
# The teacher's data are all there: kept.txt, and pupitre.db if the daemon made it.
expect_data_kept() {
  local db_before=$1
  if [ ! -f "$data/kept.txt" ]; then
    fail "the uninstall removed $data/kept.txt"
  elif [ -n "$db_before" ] && [ ! -f "$data/pupitre.db" ]; then
    fail "the uninstall removed the teacher's database $data/pupitre.db"
  else
    ok "the teacher's data are kept ($data: $(ls "$data" | tr '\n' ' '))"
  fi
}
db_if_any() { [ -f "$data/pupitre.db" ] && echo "$data/pupitre.db" || true; }
program_files=$(unix_path 'C:\Program Files')/Pupitre
policy='HKLM\Software\Policies\Pupitre'
run='HKLM\Software\Microsoft\Windows\CurrentVersion\Run'
uninstall='HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall'

# -- MSI: install the older version with the school's options ---------------------------------
echo "--- MSI"
msi /i "$(win_path "$old_msi")" /qn \
  SERVERURL=https://pupitre.school.example LOCKSERVERURL=1 SYNCEVERYMINUTES=30 ||
  fail "msiexec /i $(basename "$old_msi") failed"
expect_files "$program_files"
expect_value "$policy" server_url https://pupitre.school.example
expect_value "$policy" lock_server_url 1
expect_value "$policy" sync_every_minutes 30
expect_value "$run" "Pupitre sync" '"C:\Program Files\Pupitre\pupitred.exe"'
expect_value "$run" "Pupitre tray" '"C:\Program Files\Pupitre\pupitre.exe" --tray'
# Per-machine: Windows puts the shortcut in the common start menu; Wine in the user's.
shortcut=
for menu in 'C:\ProgramData\Microsoft\Windows\Start Menu\Programs' \
  "$(w cmd /c echo %APPDATA%)\\Microsoft\\Windows\\Start Menu\\Programs"; do
  if [ -f "$(unix_path "$menu")/Pupitre.lnk" ]; then shortcut=$(unix_path "$menu")/Pupitre.lnk; fi
done
check "start menu shortcut $shortcut" "no Pupitre.lnk in the start menu" [ -n "$shortcut" ]
entries=$(arp_entries "$uninstall")
[ "$(grep -c . <<<"$entries")" = 1 ] ||
  fail "expected one uninstall entry named Pupitre, found: $entries"
entry=$(head -1 <<<"$entries")
expect_value "$entry" DisplayName Pupitre
expect_value "$entry" Publisher Pupitre
expect_value "$entry" DisplayVersion "$old_version"
product_code=${entry##*\\}
icon=$(unix_path "C:\\windows\\Installer\\$product_code\\pupitre.ico")
check "the entry's icon (ARPPRODUCTICON) is $icon" "no icon for the entry ($icon)" [ -s "$icon" ]
expect_version 'C:\Program Files\Pupitre'
# A value Group Policy (not the MSI) writes in the same key: the MSI leaves it alone.
w reg add "$policy" /v sync_every_minutes_min /t REG_DWORD /d 15 /f >/dev/null ||
  fail "reg add $policy sync_every_minutes_min failed"
# The daemon as the Run key starts it at login: it reads the school's values, and holds its
# .exe, so the upgrade must stop it.
start_daemon 'C:\Program Files\Pupitre'
expect_daemon_policy 'C:\Program Files\Pupitre' 'HKLM\\Software\\Policies\\Pupitre'

# -- MSI: the current version over it, without properties ------------------------------------
msi /i "$(win_path "$msi")" /qn || fail "msiexec /i $(basename "$msi") (the upgrade) failed"
entries=$(arp_entries "$uninstall")
[ "$(grep -c . <<<"$entries")" = 1 ] ||
  fail "after the upgrade, expected one uninstall entry, found: $entries"
entry=$(head -1 <<<"$entries")
check "the older product $product_code is gone" \
  "the older product $product_code is still installed after the major upgrade" \
  [ "${entry##*\\}" != "$product_code" ]
expect_value "$entry" DisplayVersion "$version"
expect_files "$program_files"
expect_value "$policy" server_url https://pupitre.school.example
expect_value "$policy" lock_server_url 1
expect_value "$policy" sync_every_minutes 30
expect_value "$run" "Pupitre sync" '"C:\Program Files\Pupitre\pupitred.exe"'
expect_version 'C:\Program Files\Pupitre'
expect_daemon_stopped "the upgrade"
# The older MSI over the newer version is refused (its launch condition) and changes nothing.
if msi /i "$(win_path "$old_msi")" /qn; then
  fail "msiexec /i $(basename "$old_msi") over $version succeeded: a downgrade must be refused"
else
  ok "the older MSI over $version is refused"
fi
expect_value "$(head -1 <<<"$(arp_entries "$uninstall")")" DisplayVersion "$version"

# -- MSI: uninstall -------------------------------------------------------------------------
db_before=$(db_if_any)
msi /x "$(win_path "$msi")" /qn || fail "msiexec /x failed"
check "$program_files is gone" \
  "$program_files is still there: $(find "$program_files" 2>/dev/null | head -5 | tr '\n' ' ')" \
  [ ! -e "$program_files" ]
[ -z "$shortcut" ] || [ ! -e "$shortcut" ] || fail "the shortcut $shortcut is still there"
for name in server_url lock_server_url sync_every_minutes; do
  expect_no_value "$policy" "$name"
done
expect_no_value "$run" "Pupitre sync"
expect_no_value "$run" "Pupitre tray"
expect_value "$policy" sync_every_minutes_min 0xf
left=$(arp_entries "$uninstall")
check "no uninstall entry left" "an uninstall entry is left: $left" [ -z "$left" ]
expect_data_kept "$db_before"

# -- MSI: AUTOSTART=0, one property -------------------------------------------------------
msi /i "$(win_path "$msi")" /qn AUTOSTART=0 \
  SERVERURL=https://other.school.example || fail "msiexec /i AUTOSTART=0 failed"
expect_value "$policy" server_url https://other.school.example
expect_no_value "$policy" lock_server_url
expect_no_value "$policy" sync_every_minutes
expect_no_value "$run" "Pupitre sync"
expect_no_value "$run" "Pupitre tray"
msi /x "$(win_path "$msi")" /qn || fail "msiexec /x failed"
[ ! -e "$program_files" ] || fail "$program_files is still there after the second uninstall"

# -- NSIS: per-user --------------------------------------------------------------------------
echo "--- NSIS"
user_policy='HKCU\Software\Pupitre\Policy'
user_run='HKCU\Software\Microsoft\Windows\CurrentVersion\Run'
user_arp='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Pupitre'
install_dir="$local_appdata\\Programs\\Pupitre"
install_unix=$appdata_unix/Programs/Pupitre
run_installer "$setup" /S /SERVERURL=https://pupitre.school.example/ /LOCKSERVERURL=1 \
  /SYNCEVERYMINUTES=off ||
  fail "setup.exe /S failed"
expect_files "$install_unix"
[ -f "$install_unix/uninstall.exe" ] || fail "no uninstall.exe in $install_unix"
expect_value "$user_policy" server_url https://pupitre.school.example/
expect_value "$user_policy" lock_server_url 1
expect_value "$user_policy" sync_every_minutes off
expect_value "$user_run" "Pupitre sync" "\"$install_dir\\pupitred.exe\""
expect_value "$user_run" "Pupitre tray" "\"$install_dir\\pupitre.exe\" --tray"
expect_value "$user_arp" DisplayName Pupitre
expect_value "$user_arp" Publisher Pupitre
expect_value "$user_arp" DisplayVersion "$version"
expect_value "$user_arp" DisplayIcon "$install_dir\\pupitre.ico"
expect_value "$user_arp" QuietUninstallString "\"$install_dir\\uninstall.exe\" /S"
user_menu="$(w cmd /c echo %APPDATA%)\\Microsoft\\Windows\\Start Menu\\Programs"
user_shortcut=$(unix_path "$user_menu")/Pupitre.lnk
check "start menu shortcut $user_shortcut" "no $user_shortcut" [ -f "$user_shortcut" ]
for name in server_url lock_server_url sync_every_minutes; do
  expect_no_value "$policy" "$name"
done
expect_version "$install_dir"

start_daemon "$install_dir"
expect_daemon_policy "$install_dir" 'HKCU\\Software\\Pupitre\\Policy'

run_installer "$setup" /S /AUTOSTART=0 || fail "setup.exe /S /AUTOSTART=0 (over the install) failed"
expect_daemon_stopped "setup.exe over the install"
expect_no_value "$user_run" "Pupitre sync"
expect_no_value "$user_run" "Pupitre tray"
expect_value "$user_policy" server_url https://pupitre.school.example/
expect_value "$user_policy" sync_every_minutes off

db_before=$(db_if_any)
run_installer "$install_dir\\uninstall.exe" /S || fail "uninstall.exe /S failed"
# The uninstaller copies itself to a temporary folder and returns at once: wait for it.
for _ in $(seq 1 60); do
  [ -e "$install_unix" ] || break
  sleep 1
done
wineserver -w
check "$install_unix is gone" \
  "$install_unix is still there: $(find "$install_unix" 2>/dev/null | head -5 | tr '\n' ' ')" \
  [ ! -e "$install_unix" ]
[ ! -e "$user_shortcut" ] || fail "the shortcut $user_shortcut is still there"
for name in server_url lock_server_url sync_every_minutes; do
  expect_no_value "$user_policy" "$name"
done
expect_no_value "$user_arp" DisplayName
expect_data_kept "$db_before"

if [ "$failures" -gt 0 ]; then
  echo "FAILED: $failures check(s) of the Windows installers (above)" >&2
  exit 1
fi
wine_version=$(wine --version 2>/dev/null)
echo "PASSED: the MSI and the NSIS installer under Wine ($wine_version)${standin_app:+ $standin_app}"
