#!/usr/bin/env bash
# Builds a Release tree and the DEB and RPM packages of Pupitre into build/packages/ (or
# ${PUPITRE_PACKAGE_DIR}): pupitre (the app, pupitred, pupitrectl) and pupitre-server.
# Usage: scripts/package.sh [extra cmake options, e.g. -DPUPITRE_VERSION_OVERRIDE=...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${PUPITRE_PACKAGE_BUILD_DIR:-$root/build-release}
out=${PUPITRE_PACKAGE_DIR:-$root/build/packages}
"$root/scripts/install-deps.sh" package
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
  -DPUPITRE_WERROR=ON -DPUPITRE_BUILD_TESTS=OFF -DPUPITRE_BUILD_BENCH=OFF "$@" >/dev/null
cmake --build "$build" --parallel "$(nproc)"
(cd "$build" && cpack -B "$out" >/dev/null)
rm -rf "$out/_CPack_Packages"
ls -1 "$out"/*.deb "$out"/*.rpm
