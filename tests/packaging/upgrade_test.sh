#!/usr/bin/env bash
# Upgrade (run as root by package_test.sh, before its own install): the packages of an older
# version are installed; their programs make a teacher's database (pupitrectl), an account
# (the server's admin command) and the account's synchronised data (the old daemon and
# server); school IT edits server.conf. Then the current packages are installed over them with
# apt, as an unattended upgrade would: the edited server.conf is kept, the teacher's database
# is migrated to the current schema and still holds its data, the server still has the
# account, and the upgraded daemon, still signed in from before, synchronises with the
# upgraded server. Everything is purged at the end (the server's data folder too).
#
# The older packages, version 0.0.1:
#  - by default, this build tree's programs labelled 0.0.1 (cpack -R): the same code and
#    schema, so the upgrade path of the packages (maintainer scripts, conffiles) is tested
#    at no build cost;
#  - PUPITRE_UPGRADE_FROM=COMMIT (e.g. 479d197, the first commit with packages, whose
#    teacher database has schema 3 instead of 4): built from that commit's sources (git
#    archive, without the desktop app, about 5 minutes on 2 cores) and kept in
#    ${PUPITRE_CACHE_DIR:-~/.cache/pupitre}/packages-COMMIT, so a later run reuses them.
# Usage: upgrade_test.sh BUILD_DIR VERSION PACKAGE_DIR (the current packages)
set -euo pipefail
build=$(cd "$1" && pwd)
version=$2
new=$(cd "$3" && pwd)
root=$(cd "$(dirname "$0")/../.." && pwd)
old_version=0.0.1
work=$(mktemp -d /tmp/pupitre-upgrade.XXXXXX)
export DEBIAN_FRONTEND=noninteractive
# An unattended upgrade keeps the administrator's edited configuration files.
apt_install=(apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-confdef
  -o Dpkg::Options::=--force-confold)
pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pids=()
}
cleanup() {
  stop_all
  apt-get purge -y -q pupitre pupitre-server >>"$work/apt.log" 2>&1 || true
  rm -rf /var/lib/pupitre-server "$work"
}
trap cleanup EXIT
fail() {
  echo "FAILED (upgrade): $*" >&2
  exit 1
}
expect_in() { # expect_in TEXT PATTERN WHAT
  grep -qE -- "$2" <<<"$1" || fail "$3: '$2' not found in:"$'\n'"$1"
}
installed_version() { dpkg-query -W -f '${Version}' "$1" 2>/dev/null || true; }

# The older packages.
if [ -n "${PUPITRE_UPGRADE_FROM:-}" ]; then
  commit=$(git -C "$root" rev-parse --verify "${PUPITRE_UPGRADE_FROM}^{commit}")
  cache=${PUPITRE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pupitre}
  old=$cache/packages-$commit
  if ! ls "$old"/pupitre_"$old_version"-1_*.deb >/dev/null 2>&1; then
    echo "upgrade: building the packages of ${commit:0:12} as $old_version (cached in $old)"
    started=$(date +%s)
    src=$cache/src-$commit # kept until the packages are made: an interrupted build resumes
    rm -rf "$old"
    if [ ! -d "$src" ]; then
      rm -rf "$src.part" && mkdir -p "$src.part"
      git -C "$root" archive "$commit" | tar -x -C "$src.part"
      sed -i "s/^project(Pupitre VERSION [0-9.]*/project(Pupitre VERSION $old_version/" \
        "$src.part/CMakeLists.txt"
      mv "$src.part" "$src"
    fi
    cmake -S "$src" -B "$src/build" -G Ninja -DCMAKE_INSTALL_PREFIX=/usr \
      -DPUPITRE_BUILD_TESTS=OFF -DPUPITRE_BUILD_BENCH=OFF -DPUPITRE_BUILD_APP=OFF \
      >"$work/old-build.log" 2>&1 &&
      cmake --build "$src/build" --parallel "$(nproc)" --target pupitred pupitrectl \
        pupitre-server pupitre_package_docs >>"$work/old-build.log" 2>&1 &&
      (cd "$src/build" && cpack -G DEB -B "$old" >>"$work/old-build.log" 2>&1) ||
      { tail -40 "$work/old-build.log"; fail "building the packages of $commit"; }
    rm -rf "$old/_CPack_Packages" "$src"
    echo "upgrade: the older packages took $(($(date +%s) - started)) s to build"
  fi
else
  old=$work/old
  PUPITRE_PACKAGE_FROM=$build PUPITRE_PACKAGE_DIR=$old PUPITRE_PACKAGE_VERSION=$old_version \
    PUPITRE_PACKAGE_CHECK=0 "$root/scripts/package.sh" >"$work/old-package.log" 2>&1 ||
    { cat "$work/old-package.log"; fail "the packages labelled $old_version"; }
fi

# 1. The older version, installed on a machine without Pupitre.
apt-get purge -y -q pupitre pupitre-server >"$work/apt.log" 2>&1 || true
rm -rf /var/lib/pupitre-server
"${apt_install[@]}" "$old"/pupitre_"$old_version"-1_*.deb \
  "$old"/pupitre-server_"$old_version"-1_*.deb >>"$work/apt.log" 2>&1 ||
  { cat "$work/apt.log"; fail "installing the $old_version packages"; }
[ "$(installed_version pupitre)" = "$old_version-1" ] || fail "pupitre $old_version not installed"

# 2. Its programs make data: the account with the admin command (the installed
# configuration's data folder), a class with pupitrectl, synchronised by the old daemon.
# (--config: the first packaged version did not read the installed file by default.)
echo "a long password" | pupitre-server --config /etc/pupitre-server/server.conf user add \
  upgrade@school.example --licence multi --devices 3 >/dev/null ||
  fail "the $old_version admin command"
serve() { # serve PORT LOG: the installed server on the installed data folder, on PORT
  sed -e "s|^port = .*|port = $1|" /etc/pupitre-server/server.conf >"$work/serve.conf"
  pupitre-server --config "$work/serve.conf" serve >"$2" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 200); do grep -q "listening on " "$2" && break; sleep 0.05; done
  address=$(sed -n 's/.*listening on \([^ ]*\).*/\1/p' "$2" | head -1)
  [ -n "$address" ] || { cat "$2"; fail "the installed server did not start"; }
}
device=$work/home/.local/share/pupitre
mkdir -p "$device" && chmod 700 "$work/home" "$device"
socket=$work/pupitred.sock
daemon() { # daemon LOG: the installed daemon on the teacher's database
  /usr/bin/pupitred --db "$device/pupitre.db" --socket "$socket" --token-dir "$device" \
    --no-keyring --log "$1" &
  pids+=($!)
  for _ in $(seq 1 200); do [ -S "$socket" ] && break; sleep 0.05; done
  [ -S "$socket" ] || { cat "$1"; fail "the installed daemon did not start"; }
}
serve 0 "$work/server-old.log"
port=${address##*:}
daemon "$work/pupitred-old.log"
old_class=$(pupitrectl --db "$device/pupitre.db" class add "Old 4B")
echo "a long password" | pupitrectl --socket "$socket" login "http://${address#*//}" \
  upgrade@school.example >/dev/null || fail "the $old_version daemon's sign-in"
expect_in "$(pupitrectl --socket "$socket" sync 2>&1)" "Sent [1-9][0-9]* change" \
  "the $old_version daemon's sync"
stop_all
rm -f "$socket"
old_schema=$(sqlite3 "$device/pupitre.db" "SELECT coalesce(max(version), 0) FROM schema_migration")
echo "# edited by the school's IT" >>/etc/pupitre-server/server.conf

# 3. The current packages over them, with apt.
"${apt_install[@]}" "$new"/pupitre_"$version"-1_*.deb \
  "$new"/pupitre-server_"$version"-1_*.deb >>"$work/apt.log" 2>&1 ||
  { cat "$work/apt.log"; fail "upgrading to $version"; }
[ "$(installed_version pupitre)" = "$version-1" ] || fail "pupitre was not upgraded"
[ "$(installed_version pupitre-server)" = "$version-1" ] || fail "pupitre-server was not upgraded"
expect_in "$(pupitrectl --version)" "^pupitrectl $version " "the upgraded pupitrectl"
expect_in "$(cat /etc/pupitre-server/server.conf)" "^# edited by the school's IT$" \
  "the administrator's server.conf after the upgrade"

# 4. The data: the teacher's database, migrated, has its class; the server has the account
# and its data; the upgraded daemon, signed in before, synchronises a new class.
expect_in "$(pupitrectl --db "$device/pupitre.db" list classes)" "$old_class" \
  "the teacher's classes after the upgrade"
new_schema=$(sqlite3 "$device/pupitre.db" "SELECT coalesce(max(version), 0) FROM schema_migration")
migrations=$(ls "$root"/shared/pupitre/store/migrations/*.sql | wc -l)
[ "$new_schema" = "$migrations" ] ||
  fail "the teacher's database has schema $new_schema after the upgrade, not $migrations"
[ "$(stat -c %U /var/lib/pupitre-server/server.db)" = pupitre ] ||
  fail "server.db's owner after the upgrade"
expect_in "$(pupitre-server user data upgrade@school.example)" "Old 4B" \
  "the server's copy of the account after the upgrade"
serve "$port" "$work/server-new.log"
daemon "$work/pupitred-new.log"
pupitrectl --db "$device/pupitre.db" class add "New 5A" >/dev/null
expect_in "$(pupitrectl --socket "$socket" sync 2>&1)" "Sent [1-9][0-9]* change" \
  "the upgraded daemon's sync with its sign-in from $old_version"
expect_in "$(pupitre-server user data upgrade@school.example)" "New 5A" \
  "the upgraded server's copy"
echo "upgrade: $old_version (teacher's schema $old_schema) to $version (schema $new_schema) kept and migrated the data"
