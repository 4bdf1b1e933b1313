#!/bin/bash
# Run inside the fresh Debian 12 root by chroot_test.sh, once the packages are installed: only
# what the packages brought is there. The programs print their version; the installed server
# runs with the installed configuration (its port set to 0: a free one); the installed daemon
# signs in to it and synchronises a class the teacher made with pupitrectl.
# Usage: chroot_inside.sh VERSION
set -euo pipefail
version=$1
work=$(mktemp -d /tmp/inside.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
fail() {
  echo "FAILED (inside the root): $*" >&2
  exit 1
}
expect_in() { # expect_in TEXT PATTERN WHAT
  grep -qE -- "$2" <<<"$1" || fail "$3: '$2' not found in:"$'\n'"$1"
}

expect_in "$(pupitrectl --version)" "^pupitrectl $version " "pupitrectl --version"
expect_in "$(pupitred --version)" "^pupitred $version " "pupitred --version"
expect_in "$(pupitre-server --version)" "^pupitre-server $version " "pupitre-server --version"
expect_in "$(DISPLAY='' pupitre --version)" "^pupitre $version " "pupitre --version (no display)"
getent passwd pupitre >/dev/null || fail "the package did not make the system user pupitre"

# The server: the installed configuration and data folder, on a free port.
echo "a long password" | pupitre-server user add ana@school.example --licence multi >/dev/null
sed -e "s|^port = .*|port = 0|" /etc/pupitre-server/server.conf >"$work/server.conf"
pupitre-server --config "$work/server.conf" serve >"$work/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 200); do grep -q "listening on " "$work/server.log" && break; sleep 0.05; done
address=$(sed -n 's/.*listening on \([^ ]*\).*/\1/p' "$work/server.log" | head -1)
[ -n "$address" ] || { cat "$work/server.log"; fail "the installed server did not start"; }

# A teacher's device: the daemon signs in and synchronises.
device=$work/home/.local/share/pupitre
mkdir -p "$device" && chmod 700 "$work/home" "$device"
socket=$work/pupitred.sock
pupitred --db "$device/pupitre.db" --socket "$socket" --token-dir "$device" --no-keyring \
  --log "$work/pupitred.log" &
pids+=($!)
for _ in $(seq 1 200); do [ -S "$socket" ] && break; sleep 0.05; done
[ -S "$socket" ] || { cat "$work/pupitred.log"; fail "the installed daemon did not start"; }
pupitrectl --db "$device/pupitre.db" class add "4B" >/dev/null
echo "a long password" | pupitrectl --socket "$socket" login "http://${address#*//}" \
  ana@school.example >/dev/null || fail "the daemon's sign-in"
expect_in "$(pupitrectl --socket "$socket" sync 2>&1)" "Sent [1-9][0-9]* change" "the sync"
expect_in "$(pupitre-server user data ana@school.example)" "4B" "the server's copy"
echo "inside the root: version, server, sign-in and sync all work"
