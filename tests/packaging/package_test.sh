#!/usr/bin/env bash
# The packages as school IT gets them (ctest test `packaging`): CPack builds the DEB and RPM of
# this build tree; lintian finds no error; the RPMs list the expected files and dependencies;
# the desktop entry, the AppStream metainfo and the systemd units validate. Then, as root on a
# machine with apt (skipped otherwise, exit 77): both DEBs are installed with apt; the
# installed programs print the version; the installed server runs from the installed
# configuration; an installed daemon signs in to it and synchronises; removing the packages
# keeps a teacher's database and the server's data, and a reinstall finds them.
# Usage: package_test.sh BUILD_DIR VERSION
set -euo pipefail
build=$(cd "$1" && pwd)
version=$2
work=$(mktemp -d /tmp/pupitre-packaging.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }
expect_in() { # expect_in TEXT PATTERN WHAT
  grep -qE -- "$2" <<<"$1" || fail "$3: '$2' not found in:"$'\n'"$1"
}

# 1. Build the packages from this tree (the same install rules as scripts/package.sh).
(cd "$build" && cpack -B "$work/packages" >"$work/cpack.log" 2>&1) ||
  { cat "$work/cpack.log"; fail "cpack"; }
deb_app=$(ls "$work"/packages/pupitre_"$version"-1_*.deb)
deb_server=$(ls "$work"/packages/pupitre-server_"$version"-1_*.deb)
rpm_app=$(ls "$work"/packages/pupitre-"$version"-*.rpm)
rpm_server=$(ls "$work"/packages/pupitre-server-"$version"-*.rpm)
echo "packages: $(cd "$work/packages" && ls ./*.deb ./*.rpm | tr '\n' ' ')"

# 2. lintian: no errors (warnings are printed for the record).
for deb in "$deb_app" "$deb_server"; do
  lintian --tag-display-limit 0 --fail-on error "$deb" || fail "lintian errors in $(basename "$deb")"
done

# 3. What the packages hold and need.
app_files=$(dpkg-deb -c "$deb_app")
for f in ./usr/bin/pupitre ./usr/bin/pupitred ./usr/bin/pupitrectl \
  ./usr/share/applications/org.pupitre.Pupitre.desktop \
  ./usr/share/metainfo/org.pupitre.Pupitre.metainfo.xml \
  ./usr/share/icons/hicolor/scalable/apps/org.pupitre.Pupitre.svg \
  ./usr/share/icons/hicolor/48x48/apps/org.pupitre.Pupitre.png \
  ./usr/share/locale/es/LC_MESSAGES/pupitre.mo ./etc/xdg/autostart/pupitre-tray.desktop \
  ./usr/lib/systemd/user/pupitred.service ./usr/lib/systemd/user-preset/80-pupitre.preset \
  ./usr/share/man/man1/pupitrectl.1.gz; do
  expect_in "$app_files" " ${f//./\\.}\$" "pupitre.deb"
done
server_files=$(dpkg-deb -c "$deb_server")
for f in ./usr/bin/pupitre-server ./usr/lib/systemd/system/pupitre-server.service \
  ./etc/pupitre-server/server.conf ./usr/share/man/man1/pupitre-server.1.gz \
  ./usr/share/pupitre-server/web/index.html; do
  expect_in "$server_files" " ${f//./\\.}\$" "pupitre-server.deb"
done
expect_in "$(dpkg-deb -f "$deb_app" Depends)" "libwxgtk3.2-1" "pupitre.deb Depends"
expect_in "$(dpkg-deb -f "$deb_app" Depends)" "libpoco" "pupitre.deb Depends"
expect_in "$(dpkg-deb -f "$deb_server" Depends)" "libsqlite3" "pupitre-server.deb Depends"
expect_in "$(rpm -qpl "$rpm_app" 2>/dev/null)" "^/usr/bin/pupitred$" "pupitre.rpm files"
expect_in "$(rpm -qpl "$rpm_server" 2>/dev/null)" "^/etc/pupitre-server/server.conf$" \
  "pupitre-server.rpm files"
expect_in "$(rpm -qpR "$rpm_app" 2>/dev/null)" "libPocoNet" "pupitre.rpm requires"
expect_in "$(rpm -qpc "$rpm_server" 2>/dev/null)" "server.conf" "pupitre-server.rpm config files"

# 4. The files validate on their own.
mkdir -p "$work/root"
dpkg-deb -x "$deb_app" "$work/root"
dpkg-deb -x "$deb_server" "$work/root"
desktop-file-validate "$work/root/usr/share/applications/org.pupitre.Pupitre.desktop"
desktop-file-validate "$work/root/etc/xdg/autostart/pupitre-tray.desktop"
appstreamcli validate --no-net "$work/root/usr/share/metainfo/org.pupitre.Pupitre.metainfo.xml" \
  >/dev/null || fail "appstreamcli"

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "Not root (or no apt): the install part is skipped."
  exit 77
fi

# 5. Install both packages with apt, as IT would.
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q --no-install-recommends "$deb_app" "$deb_server" >"$work/apt.log" 2>&1 ||
  { cat "$work/apt.log"; fail "apt-get install"; }
uninstall() {
  apt-get purge -y -q pupitre pupitre-server >>"$work/apt.log" 2>&1 || true
  rm -rf /var/lib/pupitre-server # kept by design (docs/deploy.md); the test's own
}
trap 'uninstall; cleanup' EXIT
for unit in /usr/lib/systemd/system/pupitre-server.service /usr/lib/systemd/user/pupitred.service; do
  systemd-analyze verify "$unit" || fail "systemd-analyze verify $unit"
done
expect_in "$(/usr/bin/pupitrectl --version)" "^pupitrectl $version " "installed pupitrectl"
expect_in "$(/usr/bin/pupitre-server --version)" "^pupitre-server $version " "installed server"
expect_in "$(DISPLAY= /usr/bin/pupitre --version)" "^pupitre $version " "installed app"
expect_in "$(man -w pupitred)" "pupitred.1.gz" "man pupitred"

# 6. The service's user owns the data folder, and root's admin commands act as it: the account
# made here is in a database the service can open.
[ "$(stat -c %U /var/lib/pupitre-server)" = pupitre ] || fail "/var/lib/pupitre-server's owner"
echo "a long password" | pupitre-server user add it@school.example --licence single >/dev/null
[ "$(stat -c %U /var/lib/pupitre-server/server.db)" = pupitre ] ||
  fail "the admin command left server.db to root"

# 7. The installed server with the installed configuration (its data and port for the test;
# the admin command reads the same file: no --data).
sed -e "s|^data = .*|data = $work/server|" -e "s|^port = .*|port = 0|" \
  /etc/pupitre-server/server.conf >"$work/server.conf"
echo "a long password" | pupitre-server --config "$work/server.conf" user add ana@school.example \
  --licence multi --devices 3 >/dev/null
pupitre-server --config "$work/server.conf" serve >"$work/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 200); do grep -q "listening on " "$work/server.log" && break; sleep 0.05; done
address=$(sed -n 's/.*listening on \([^ ]*\).*/\1/p' "$work/server.log" | head -1)
[ -n "$address" ] || { cat "$work/server.log"; fail "the installed server did not start"; }

# 8. A teacher's device: the installed daemon signs in and synchronises.
device=$work/home/.local/share/pupitre
mkdir -p "$device" && chmod 700 "$work/home" "$device"
socket=$work/pupitred.sock
/usr/bin/pupitred --db "$device/pupitre.db" --socket "$socket" --token-dir "$device" \
  --no-keyring --log "$work/pupitred.log" &
pids+=($!)
for _ in $(seq 1 200); do [ -S "$socket" ] && break; sleep 0.05; done
class=$(pupitrectl --db "$device/pupitre.db" class add "4B")
echo "a long password" | pupitrectl --socket "$socket" login "http://${address#*//}" \
  ana@school.example >/dev/null
expect_in "$(pupitrectl --socket "$socket" sync 2>/dev/null)" "Sent [1-9][0-9]* change" \
  "the installed daemon's sync"
expect_in "$(pupitre-server --config "$work/server.conf" user data ana@school.example)" "4B" \
  "the server's copy"

# 9. Removing keeps the teacher's database; a reinstall finds it.
kill "${pids[@]}" 2>/dev/null || true
wait 2>/dev/null || true
pids=()
apt-get remove -y -q pupitre pupitre-server >>"$work/apt.log" 2>&1 || fail "apt-get remove"
[ ! -e /usr/bin/pupitred ] || fail "pupitred is still installed after removal"
[ -f "$device/pupitre.db" ] || fail "removing the package lost the teacher's database"
[ -f /etc/pupitre-server/server.conf ] || fail "removing (not purging) lost the server's settings"
apt-get install -y -q --no-install-recommends "$deb_app" "$deb_server" >>"$work/apt.log" 2>&1 ||
  fail "reinstall"
expect_in "$(pupitrectl --db "$device/pupitre.db" list classes)" "$class" "the data after reinstall"
echo "packaging: all checks passed"
