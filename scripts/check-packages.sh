#!/usr/bin/env bash
# Checks the DEB and RPM packages scripts/package.sh wrote: lintian finds no error (warnings
# are printed for the record); the DEBs and RPMs hold the expected files; their dependencies
# are computed and name the libraries the programs link; the desktop entry, the autostart
# entry and the AppStream metainfo validate.
# Usage: scripts/check-packages.sh PACKAGE_DIR VERSION
set -euo pipefail
dir=$(cd "$1" && pwd)
version=$2
fail() { echo "FAILED: $*" >&2; exit 1; }
expect_in() { # expect_in TEXT PATTERN WHAT
  grep -qE -- "$2" <<<"$1" || fail "$3: '$2' not found in:"$'\n'"$1"
}
one() { # one GLOB: the single file it names
  local files=("$@")
  [ ${#files[@]} -eq 1 ] && [ -f "${files[0]}" ] || fail "expected one package, found: ${files[*]}"
  echo "${files[0]}"
}
deb_app=$(one "$dir"/pupitre_"$version"-1_*.deb)
deb_server=$(one "$dir"/pupitre-server_"$version"-1_*.deb)
rpm_app=$(one "$dir"/pupitre-"$version"-1.*.rpm)
rpm_server=$(one "$dir"/pupitre-server-"$version"-1.*.rpm)
work=$(mktemp -d /tmp/pupitre-check-packages.XXXXXX)
trap 'rm -rf "$work"' EXIT

# 1. lintian: no errors. initial-upload-closes-no-bugs is about uploads to Debian's archive
# (an ITP bug to close), which these packages are not.
for deb in "$deb_app" "$deb_server"; do
  lintian --tag-display-limit 0 --fail-on error --suppress-tags initial-upload-closes-no-bugs \
    "$deb" || fail "lintian errors in $(basename "$deb")"
done

# 2. What the packages hold, in both formats.
app_files=(/usr/bin/pupitre /usr/bin/pupitred /usr/bin/pupitrectl
  /usr/share/applications/org.pupitre.Pupitre.desktop
  /usr/share/metainfo/org.pupitre.Pupitre.metainfo.xml
  /usr/share/icons/hicolor/scalable/apps/org.pupitre.Pupitre.svg
  /usr/share/icons/hicolor/48x48/apps/org.pupitre.Pupitre.png
  /usr/share/locale/es/LC_MESSAGES/pupitre.mo /etc/xdg/autostart/pupitre-tray.desktop
  /usr/lib/systemd/user/pupitred.service /usr/lib/systemd/user-preset/80-pupitre.preset
  /usr/share/man/man1/pupitre.1.gz /usr/share/man/man1/pupitred.1.gz
  /usr/share/man/man1/pupitrectl.1.gz /usr/share/doc/pupitre/copyright)
server_files=(/usr/bin/pupitre-server /usr/lib/systemd/system/pupitre-server.service
  /etc/pupitre-server/server.conf /usr/share/man/man1/pupitre-server.1.gz
  /usr/share/doc/pupitre-server/copyright /usr/share/pupitre-server/web/index.html)
deb_list() { dpkg-deb -c "$1" | awk '{print $NF}' | sed 's|^\.||'; }
rpm_list() { rpm -qpl "$1" 2>/dev/null; }
for f in "${app_files[@]}"; do
  expect_in "$(deb_list "$deb_app")" "^${f//./\\.}\$" "$(basename "$deb_app")"
  expect_in "$(rpm_list "$rpm_app")" "^${f//./\\.}\$" "$(basename "$rpm_app") (rpm -qpl)"
done
for f in "${server_files[@]}"; do
  expect_in "$(deb_list "$deb_server")" "^${f//./\\.}\$" "$(basename "$deb_server")"
  expect_in "$(rpm_list "$rpm_server")" "^${f//./\\.}\$" "$(basename "$rpm_server") (rpm -qpl)"
done
# The server is not in the desktop package, nor the app in the server's.
! deb_list "$deb_app" | grep -q pupitre-server || fail "pupitre.deb holds server files"
! rpm_list "$rpm_server" | grep -qE '/pupitred$|/pupitre$' || fail "pupitre-server.rpm holds the app"
# Folders the system owns are not claimed by the RPMs.
for owned in /usr/share/locale/es /usr/share/icons/hicolor/48x48/apps /usr/lib/systemd/user; do
  ! rpm_list "$rpm_app" | grep -qx "$owned" || fail "pupitre.rpm claims the system's $owned"
done
expect_in "$(rpm -qpc "$rpm_server" 2>/dev/null)" "^/etc/pupitre-server/server.conf$" \
  "pupitre-server.rpm config files"
expect_in "$(dpkg-deb -I "$deb_server" conffiles)" "^/etc/pupitre-server/server.conf$" \
  "pupitre-server.deb conffiles"

# 3. Dependencies, computed from the programs (dpkg-shlibdeps, rpm's scan).
app_depends=$(dpkg-deb -f "$deb_app" Depends)
server_depends=$(dpkg-deb -f "$deb_server" Depends)
for lib in libwxgtk3.2-1 libpoconet80 libsqlite3-0 libsodium23 libsecret-1-0 \
  libayatana-appindicator3-1 libstdc\\+\\+6; do
  expect_in "$app_depends" "(^|, )$lib( |,|$)" "pupitre.deb Depends"
done
for lib in adduser libpoconet80 libpoconetssl80 libsqlite3-0 libssl3; do
  expect_in "$server_depends" "(^|, )$lib( |,|$)" "pupitre-server.deb Depends"
done
! grep -q libwx <<<"$server_depends" || fail "pupitre-server.deb needs wxWidgets: $server_depends"
app_requires=$(rpm -qpR "$rpm_app" 2>/dev/null)
server_requires=$(rpm -qpR "$rpm_server" 2>/dev/null)
for lib in 'libwx_gtk3u_core-3\.2\.so\.0\(\)' 'libPocoNet\.so\.[0-9]+\(\)' 'libsqlite3\.so\.0\(\)' \
  'libsodium\.so\.[0-9]+\(\)' 'libsecret-1\.so\.0\(\)'; do
  expect_in "$app_requires" "^$lib" "pupitre.rpm requires (rpm -qpR)"
done
for lib in 'libPocoNetSSL\.so\.[0-9]+\(\)' 'libsqlite3\.so\.0\(\)' 'libcrypto\.so\.3\(\)' \
  'shadow-utils$'; do
  expect_in "$server_requires" "^$lib" "pupitre-server.rpm requires (rpm -qpR)"
done
! grep -q libwx <<<"$server_requires" || fail "pupitre-server.rpm requires wxWidgets"

# 4. The files validate on their own.
mkdir -p "$work/root"
dpkg-deb -x "$deb_app" "$work/root"
dpkg-deb -x "$deb_server" "$work/root"
desktop-file-validate "$work/root/usr/share/applications/org.pupitre.Pupitre.desktop"
desktop-file-validate "$work/root/etc/xdg/autostart/pupitre-tray.desktop"
appstreamcli validate --no-net "$work/root/usr/share/metainfo/org.pupitre.Pupitre.metainfo.xml" \
  >/dev/null || fail "appstreamcli validate"
echo "packages checked: $(cd "$dir" && ls ./*"$version"*.deb ./*"$version"*.rpm | tr '\n' ' ')"
