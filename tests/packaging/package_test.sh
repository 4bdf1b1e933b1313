#!/usr/bin/env bash
# The packages as school IT gets them (ctest test `packaging`): scripts/package.sh makes the DEB
# and RPM packages of this build tree (no second build) and checks them
# (scripts/check-packages.sh: lintian without errors, the files and dependencies the DEBs and
# RPMs list, desktop entry, AppStream). Then, as root on a machine with apt (skipped
# otherwise, exit 77): an upgrade from older packages keeps and migrates the data
# (upgrade_test.sh); with PUPITRE_CHROOT=1, the packages install and run in a fresh Debian 12
# root (chroot_test.sh); both DEBs are installed with apt; systemd-analyze accepts the units;
# the installed programs print the version; the installed server runs from the installed
# configuration; an installed daemon signs in to it and synchronises; removing the packages
# keeps a teacher's database and the server's data, and a reinstall finds them; purging the
# server's package removes its configuration and keeps its data.
# Usage: package_test.sh BUILD_DIR VERSION
set -euo pipefail
build=$(cd "$1" && pwd)
version=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
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

# 1.-4. The packages of this build tree, made and checked by scripts/package.sh (no second build:
# PUPITRE_PACKAGE_FROM): lintian, file lists and dependencies of the DEBs and RPMs, desktop
# entry, AppStream (scripts/check-packages.sh).
PUPITRE_PACKAGE_FROM=$build PUPITRE_PACKAGE_DIR=$work/packages "$root/scripts/package.sh" \
  >"$work/package.log" 2>&1 || { cat "$work/package.log"; fail "scripts/package.sh"; }
grep -E '^(W|E): |^packages checked' "$work/package.log" || true
deb_app=$(ls "$work"/packages/pupitre_"$version"-1_*.deb)
deb_server=$(ls "$work"/packages/pupitre-server_"$version"-1_*.deb)

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "Not root (or no apt): the install part is skipped."
  exit 77
fi

# One system-wide install at a time on this machine (another checkout's test waits here).
exec 9>/run/lock/pupitre-packaging.lock
flock 9

# Upgrade from an older version (upgrade_test.sh: installs, makes data, upgrades, purges).
"$root/tests/packaging/upgrade_test.sh" "$build" "$version" "$work/packages" ||
  fail "the upgrade from an older package"

# In a fresh Debian 12 root (PUPITRE_CHROOT=1, chroot_test.sh): the packages' dependency lists
# bring everything the programs need.
if [ "${PUPITRE_CHROOT:-0}" = 1 ]; then
  "$root/tests/packaging/chroot_test.sh" "$version" "$work/packages" ||
    fail "the install in a fresh Debian 12 root"
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
# Enabled by the packages (deb-systemd-helper): the server at boot, the daemon at every login.
[ -L /etc/systemd/system/multi-user.target.wants/pupitre-server.service ] ||
  fail "pupitre-server.service is not enabled"
[ -L /etc/systemd/user/default.target.wants/pupitred.service ] ||
  fail "pupitred.service is not enabled for the users"
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

# --- policy --- The school policy (docs/deploy.md, "School policy"): /etc/pupitre/policy.conf
# presets and locks the server's address for the installed daemon; a login elsewhere is
# refused, a login without an address goes to the school's server, a bad line is logged with
# file, line and key. The daemon runs in a mount namespace of its own where /etc/pupitre is
# the test's folder, so no other pupitred on this machine ever sees the test's policy.
check_school_policy() { # check_school_policy SERVER_URL
  local url=$1 home=$work/policy-home sock=$work/policy.sock log=$work/policy-pupitred.log
  local made_etc='' pid out
  [ -f /usr/share/doc/pupitre/examples/policy.conf ] || fail "the example policy is not installed"
  mkdir -p "$home" "$work/etc-pupitre" && chmod 700 "$home"
  printf 'server_url = %s\nlock_server_url = true\nsync_every_minutes = often\n' "$url" \
    >"$work/etc-pupitre/policy.conf"
  if [ ! -d /etc/pupitre ]; then mkdir /etc/pupitre && made_etc=1; fi
  env -u PUPITRE_POLICY_FILE unshare -m sh -c 'mount --bind "$1" /etc/pupitre &&
    exec /usr/bin/pupitred --db "$2/pupitre.db" --socket "$3" --token-dir "$2" --no-keyring \
      --log "$4"' sh "$work/etc-pupitre" "$home" "$sock" "$log" &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 1 200); do [ -S "$sock" ] && break; sleep 0.05; done
  [ -S "$sock" ] || { cat "$log"; fail "the installed daemon did not start with the policy"; }
  out=$(pupitrectl --socket "$sock" status --json)
  expect_in "$out" '"policy": "/etc/pupitre/policy.conf"' "status --json names the policy"
  expect_in "$(grep -A2 '"locked"' <<<"$out")" '"server_url"' "status --json lists server_url locked"
  expect_in "$(cat "$log")" "/etc/pupitre/policy.conf, line 3: sync_every_minutes" \
    "the bad line's warning"
  if out=$(echo "a long password" | pupitrectl --socket "$sock" login http://127.0.0.1:9 \
    ana@school.example 2>&1); then
    fail "a login to another server was accepted under lock_server_url"
  fi
  expect_in "$out" "allows signing in only to $url" "the refusal names the school's server"
  out=$(echo "a long password" | pupitrectl --socket "$sock" login ana@school.example)
  expect_in "$out" "Signed in as ana@school.example at $url" "login without an address"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ -n "$made_etc" ]; then rmdir /etc/pupitre; fi
  echo "packaging: the school policy presets and locks the server"
}
check_school_policy "http://${address#*//}"

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

# 10. The server's data through remove, reinstall and purge: the account made in step 6 is still
# served from /var/lib/pupitre-server after the reinstall; purging removes the configuration
# and keeps the data folder (docs/deploy.md: deleted only by hand).
pupitre-server user devices it@school.example >/dev/null || fail "the server's account after reinstall"
apt-get purge -y -q pupitre-server >>"$work/apt.log" 2>&1 || fail "apt-get purge pupitre-server"
[ ! -e /etc/pupitre-server/server.conf ] || fail "purging kept /etc/pupitre-server/server.conf"
[ -f /var/lib/pupitre-server/server.db ] || fail "purging the server package lost its data"
getent passwd pupitre >/dev/null || fail "purging removed the user pupitre that owns the data"
apt-get install -y -q --no-install-recommends "$deb_server" >>"$work/apt.log" 2>&1 ||
  fail "install after purge"
pupitre-server user devices it@school.example >/dev/null || fail "the server's account after a purge"
echo "packaging: all checks passed"
