#!/usr/bin/env bash
# The packages in a fresh Debian 12 root (PUPITRE_CHROOT=1; run as root by package_test.sh):
# a minimal bookworm made with debootstrap, where nothing of the build machine can leak in.
# `apt-get install ./pupitre_….deb ./pupitre-server_….deb` must bring every library the
# programs need from the Debian mirror; then, inside the root, the programs print their
# version, the server runs with the installed configuration on a free port, and the installed
# daemon signs in to it and synchronises (chroot_inside.sh).
#
# The base system is downloaded once and kept as a tarball in
# ${PUPITRE_CACHE_DIR:-~/.cache/pupitre}/debootstrap-bookworm-minbase.tgz; the mirror is
# ${PUPITRE_DEBIAN_MIRROR:-http://deb.debian.org/debian} (bookworm, bookworm-updates, and
# the security archive next to it).
# Usage: chroot_test.sh VERSION PACKAGE_DIR
set -euo pipefail
version=$1
packages=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
cache=${PUPITRE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pupitre}
mirror=${PUPITRE_DEBIAN_MIRROR:-http://deb.debian.org/debian}
tarball=$cache/debootstrap-bookworm-minbase.tgz
target=$(mktemp -d /var/tmp/pupitre-chroot.XXXXXX)
started=$(date +%s)
fail() {
  echo "FAILED (chroot): $*" >&2
  exit 1
}
mounts=()
cleanup() {
  # Processes started inside the root, then its mounts, innermost first; only then the files
  # (never across a mount that is still there: --one-file-system).
  local p
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" != "$target/root" ] || kill "${p#/proc/}" 2>/dev/null || true
  done
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount "${mounts[i]}" 2>/dev/null ||
    umount -l "${mounts[i]}" 2>/dev/null || true; done
  if ! grep -q " $target/" /proc/mounts; then
    rm -rf --one-file-system "$target"
  else
    echo "chroot: $target still has mounts; left in place" >&2
  fi
}
trap cleanup EXIT
command -v debootstrap >/dev/null || fail "debootstrap is missing (scripts/install-deps.sh test)"

# 1. The base system: minbase (essential packages and apt), from the cached tarball.
mkdir -p "$cache"
if [ ! -s "$tarball" ]; then
  echo "chroot: downloading Debian 12's base system into $tarball"
  debootstrap --variant=minbase --make-tarball="$tarball.part" bookworm "$target/make" "$mirror" \
    >"$target/debootstrap.log" 2>&1 || { tail -20 "$target/debootstrap.log"; fail "debootstrap"; }
  mv "$tarball.part" "$tarball"
  rm -rf "$target/make"
fi
debootstrap --variant=minbase --unpack-tarball="$tarball" bookworm "$target/root" "$mirror" \
  >"$target/debootstrap.log" 2>&1 || { tail -20 "$target/debootstrap.log"; fail "debootstrap"; }
root=$target/root
echo "chroot: base system ready after $(($(date +%s) - started)) s"

# 2. What a root needs to run programs: /proc, /dev, name resolution, the mirror's suites.
mount -t proc proc "$root/proc" && mounts+=("$root/proc")
mount --bind /dev "$root/dev" && mounts+=("$root/dev")
mount --bind /dev/pts "$root/dev/pts" && mounts+=("$root/dev/pts")
cp /etc/resolv.conf "$root/etc/resolv.conf"
security=${mirror%/debian}/debian-security
cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security bookworm-security main
EOF
# No service starts inside the root (there is no systemd in it either).
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d" && chmod 755 "$root/usr/sbin/policy-rc.d"

# 3. The packages, installed with apt from their files: their dependencies come from the mirror.
mkdir -p "$root/tmp/packages"
cp "$packages"/pupitre_"$version"-1_*.deb "$packages"/pupitre-server_"$version"-1_*.deb \
  "$root/tmp/packages/"
cp "$here/chroot_inside.sh" "$root/tmp/"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
  LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }
in_root apt-get update -q >"$target/apt.log" 2>&1 || { cat "$target/apt.log"; fail "apt-get update"; }
in_root sh -c 'apt-get install -y -q --no-install-recommends /tmp/packages/*.deb' \
  >>"$target/apt.log" 2>&1 || { tail -40 "$target/apt.log"; fail "apt-get install in the root"; }
echo "chroot: installed with $(grep -c '^Setting up ' "$target/apt.log") packages after" \
  "$(($(date +%s) - started)) s"

# 4. The installed programs, inside the root.
in_root /bin/bash /tmp/chroot_inside.sh "$version" || fail "the installed programs in the root"
echo "chroot: all checks passed in $(($(date +%s) - started)) s"
