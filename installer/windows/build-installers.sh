#!/usr/bin/env bash
# Builds Pupitre's two Windows installers from the Windows programs:
#   Pupitre-VERSION.msi        per-machine, for IT (wixl, Debian's msitools): pupitre.wxs
#   Pupitre-VERSION-setup.exe  per-user, no admin rights (makensis, Debian's nsis): pupitre.nsi
# docs/deploy.md ("Windows") describes what they install and their options.
#
# Usage: installer/windows/build-installers.sh FOLDER [OUT_DIR]
#   FOLDER is either a Windows build tree (build-windows: gui/pupitre.exe, daemon/pupitred.exe,
#   daemon/pupitrectl.exe, server/pupitre-server.exe, server/web/) or a folder that already
#   holds the four .exe (with their DLLs, locale/ and web/ if it has them).
#   OUT_DIR defaults to FOLDER/installers. The staged program folder (what both installers
#   put in the install folder) is OUT_DIR/stage.
#   PUPITRE_PACKAGE_VERSION=X.Y.Z labels the installers with another version (the upgrade
#   test's "older" MSI); by default the version of CMakeLists.txt's project().
#   DLLs the programs import are looked for in the build tree, PUPITRE_WINDOWS_PREFIX/bin (the
#   cross-built dependencies, if set), PUPITRE_WINDOWS_DLL_PATH (colon-separated folders) and
#   the mingw-w64 runtime's folders.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
[ $# -ge 1 ] || { echo "usage: $0 WINDOWS_BUILD_OR_PROGRAM_FOLDER [OUT_DIR]" >&2; exit 2; }
from=$(cd "$1" && pwd)
out=${2:-$from/installers}
mkdir -p "$out"
out=$(cd "$out" && pwd)
stage=$out/stage
programs=(pupitre pupitred pupitrectl pupitre-server)

for tool in wixl makensis msgfmt x86_64-w64-mingw32-objdump; do
  command -v "$tool" >/dev/null || {
    echo "FAILED: $tool is missing (scripts/install-deps.sh windows installs msitools, nsis," \
      "gettext and mingw-w64)" >&2
    exit 1
  }
done

version=${PUPITRE_PACKAGE_VERSION:-$(sed -n 's/^project(Pupitre VERSION \([0-9.]*\).*/\1/p' \
  "$root/CMakeLists.txt")}
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || {
  echo "FAILED: version '$version' is not X.Y.Z (an MSI needs three numbers)" >&2
  exit 1
}

# Where each program is: a staged folder has them at its top, a build tree in its folders.
find_program_exe() {
  local name=$1 place
  for place in "$from/$name.exe" "$from/gui/$name.exe" "$from/daemon/$name.exe" \
    "$from/server/$name.exe"; do
    [ -f "$place" ] && { echo "$place"; return 0; }
  done
  return 1
}

rm -rf "$stage"
mkdir -p "$stage"
for name in "${programs[@]}"; do
  exe=$(find_program_exe "$name") || {
    echo "FAILED: $name.exe is not in $from (nor in its gui/, daemon/, server/ folders):" \
      "build the Windows programs first (scripts/windows.sh)" >&2
    exit 1
  }
  cp "$exe" "$stage/"
done

# The DLLs the programs import that Windows does not have (a static build has none), and the
# DLLs those import in turn. A DLL Wine provides is one Windows provides.
wine_dlls=/usr/lib/x86_64-linux-gnu/wine/x86_64-windows
dll_path=("$from" "$from/gui" "$from/daemon" "$from/server")
[ -z "${PUPITRE_WINDOWS_PREFIX:-}" ] || dll_path+=("$PUPITRE_WINDOWS_PREFIX/bin")
IFS=: read -r -a extra <<<"${PUPITRE_WINDOWS_DLL_PATH:-}"
dll_path+=("${extra[@]}" /usr/lib/gcc/x86_64-w64-mingw32/*-posix /usr/x86_64-w64-mingw32/lib)
imports() { x86_64-w64-mingw32-objdump -p "$1" | sed -n 's/^\s*DLL Name: //p'; }
pending=("$stage"/*.exe)
while [ ${#pending[@]} -gt 0 ]; do
  file=${pending[0]}
  pending=("${pending[@]:1}")
  while read -r dll; do
    [ -n "$dll" ] || continue
    lower=${dll,,}
    [ -e "$stage/$lower" ] || [ -e "$stage/$dll" ] && continue
    [[ $lower == api-ms-win-* || $lower == ext-ms-win-* ]] && continue
    found=
    for dir in "${dll_path[@]}"; do
      [ -n "$dir" ] && [ -f "$dir/$dll" ] && { found=$dir/$dll; break; }
    done
    if [ -n "$found" ]; then
      cp "$found" "$stage/$dll"
      pending+=("$stage/$dll")
    elif [ ! -f "$wine_dlls/$lower" ]; then
      echo "FAILED: $(basename "$file") needs $dll, which is neither a Windows DLL nor in" \
        "${dll_path[*]} (set PUPITRE_WINDOWS_DLL_PATH to its folder)" >&2
      exit 1
    fi
  done < <(imports "$file")
done

# Translations as the Linux package installs them (locale/LANG/LC_MESSAGES/pupitre.mo, which
# the app finds next to pupitre.exe), and the web version's page next to pupitre-server.exe.
for po in "$root"/po/*.po; do
  lang=$(basename "$po" .po)
  mkdir -p "$stage/locale/$lang/LC_MESSAGES"
  msgfmt --check -o "$stage/locale/$lang/LC_MESSAGES/pupitre.mo" "$po"
done
if [ -d "$from/server/web" ]; then
  cp -r "$from/server/web" "$stage/web"
elif [ -d "$from/web" ]; then
  cp -r "$from/web" "$stage/web"
else
  cp -r "$root/web" "$stage/web"
fi

# The icon (Add/Remove Programs, shortcuts, setup.exe): an ICO of the PNG icons, installed
# beside the programs too.
"$here/make-ico.sh" "$out/pupitre.ico" "$root"/icons/png/pupitre-{16,24,32,48,64,256}.png
cp "$out/pupitre.ico" "$stage/pupitre.ico"

# The MSI: wixl needs every file named, so the web root's files are listed in a generated
# fragment (files.wxi, refs.wxi), one component each, their GUIDs derived from their paths.
"$here/list-files.sh" "$stage" files stage >"$out/files.wxi"
"$here/list-files.sh" "$stage" refs >"$out/refs.wxi"
msi=$out/Pupitre-$version.msi
# wixl finds files relative to the folder it runs in (it refuses absolute paths).
(cd "$out" && wixl -a x64 -I . -D Version="$version" -D IconFile=pupitre.ico -o "$msi" \
  "$here/pupitre.wxs")
# What wixl cannot say: the components' conditions (a policy value only when its property is
# given; the Run key's entries only with AUTOSTART=1), a custom action running a program, and
# the public properties an elevated install passes on (SecureCustomProperties; wixl writes
# only its upgrade properties there).
conditions=(
  "PolicyServerUrl|SERVERURL"
  "PolicyLockServerUrl|LOCKSERVERURL"
  "PolicySyncEveryMinutes|SYNCEVERYMINUTES"
  'AutostartDaemon|AUTOSTART = "1"'
  'AutostartTray|AUTOSTART = "1"'
)
for entry in "${conditions[@]}"; do
  msibuild "$msi" -q "UPDATE \`Component\` SET \`Condition\` = '${entry#*|}'
    WHERE \`Component\` = '${entry%%|*}'"
done
# StopPupitre (pupitre.wxs): the program in the property TASKKILL with these arguments (type
# 50), its exit status ignored (+64: none may be running).
msibuild "$msi" -q "INSERT INTO \`CustomAction\` (\`Action\`, \`Type\`, \`Source\`, \`Target\`)
  VALUES ('StopPupitre', 114, 'TASKKILL', '/F /IM pupitred.exe /IM pupitre.exe')"
msibuild "$msi" -q "UPDATE \`Property\` SET \`Value\` =
  'SERVERURL;LOCKSERVERURL;SYNCEVERYMINUTES;AUTOSTART;WIX_DOWNGRADE_DETECTED;WIX_UPGRADE_DETECTED'
  WHERE \`Property\` = 'SecureCustomProperties'"
# The actions that set the properties run before the components' conditions are evaluated
# (CostFinalize), StopPupitre before the files are touched.
sequence=$(msiinfo export "$msi" InstallExecuteSequence)
for entry in KeepServerUrl:1000 KeepLockServerUrl:1000 KeepSyncEveryMinutes:1000 \
  KeepAutostart:1000 DefaultAutostart:1000 SetTaskkill:1400 StopPupitre:1400; do
  number=$(awk -F'\t' -v action="${entry%%:*}" '$1 == action { print $3 + 0 }' <<<"$sequence")
  [ -n "$number" ] && [ "$number" -lt "${entry#*:}" ] || {
    echo "FAILED: $msi runs ${entry%%:*} at '${number}', not before ${entry#*:}" >&2
    exit 1
  }
done
components=$(msiinfo export "$msi" Component)
for entry in "${conditions[@]}"; do
  grep -q "^${entry%%|*}	.*	${entry#*|}	" <<<"$components" || {
    echo "FAILED: the condition of ${entry%%|*} is not in $msi's Component table" >&2
    exit 1
  }
done

# The NSIS installer: the whole staged folder, 64-bit (amd64-unicode stubs).
setup=$out/Pupitre-$version-setup.exe
makensis -V2 -DVERSION="$version" -DSTAGE_DIR="$stage" -DICON_FILE="$out/pupitre.ico" \
  -DOUT_FILE="$setup" "$here/pupitre.nsi"

echo "$msi"
echo "$setup"
