#!/usr/bin/env bash
# Builds the DEB and RPM packages of Pupitre into build/packages/ (or ${PUPITRE_PACKAGE_DIR}):
# pupitre (the app, pupitred, pupitrectl) and pupitre-server, then checks them
# (scripts/check-packages.sh: lintian, file lists, dependencies, desktop entry, AppStream).
#
# Usage: scripts/package.sh [extra cmake options]
#   By default it configures and builds a Release tree in build-release/ (or
#   ${PUPITRE_PACKAGE_BUILD_DIR}) with Debian's build flags (dpkg-buildflags: -O2, hardening).
#   PUPITRE_PACKAGE_FROM=DIR packages an existing, configured build tree instead (the
#   `packaging` test does that with the test build: no second full build); it builds only
#   what is out of date in it.
#   PUPITRE_PACKAGE_VERSION=X.Y.Z labels the packages with another version (the upgrade
#   test's "older" packages; the programs inside print the tree's own version).
#   PUPITRE_PACKAGE_CHECK=0 leaves out the checks.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${PUPITRE_PACKAGE_DIR:-$root/build/packages}

if [ -n "${PUPITRE_PACKAGE_FROM:-}" ]; then
  build=$(cd "$PUPITRE_PACKAGE_FROM" && pwd)
else
  build=${PUPITRE_PACKAGE_BUILD_DIR:-$root/build-release}
  "$root/scripts/install-deps.sh" package
  # Debian's flags for packages, without -g (the packages' programs are stripped). GCC 12 at
  # -O3 (CMake's Release default) warns falsely about std::string copies (-Wrestrict, GCC bug
  # 105329), which -Werror would make fatal: -O2, as Debian builds.
  cxxflags="$(dpkg-buildflags --get CPPFLAGS) $(dpkg-buildflags --get CXXFLAGS | sed 's/-g //')"
  ldflags=$(dpkg-buildflags --get LDFLAGS)
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
    -DCMAKE_CXX_FLAGS="$cxxflags" -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
    -DCMAKE_EXE_LINKER_FLAGS="$ldflags" -DPUPITRE_WERROR=ON -DPUPITRE_BUILD_TESTS=OFF \
    -DPUPITRE_BUILD_BENCH=OFF "$@" >/dev/null
fi
# What the packages hold: the programs and the installed files (man pages, changelogs).
targets=(pupitred pupitrectl pupitre-server pupitre_package_docs)
grep -q '^PUPITRE_BUILD_APP:BOOL=ON' "$build/CMakeCache.txt" && targets+=(pupitre)
cmake --build "$build" --parallel "$(nproc)" --target "${targets[@]}"

version_args=()
[ -z "${PUPITRE_PACKAGE_VERSION:-}" ] || version_args=(-R "$PUPITRE_PACKAGE_VERSION")
mkdir -p "$out"
(cd "$build" && cpack -B "$out" "${version_args[@]}" >"$out/cpack.log" 2>&1) ||
  { cat "$out/cpack.log" >&2; echo "FAILED: cpack (log above)" >&2; exit 1; }
rm -rf "$out/_CPack_Packages" "$out/cpack.log"
version=${PUPITRE_PACKAGE_VERSION:-$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")}
ls -1 "$out"/*"$version"*.deb "$out"/*"$version"*.rpm
if [ "${PUPITRE_PACKAGE_CHECK:-1}" != 0 ]; then
  "$root/scripts/check-packages.sh" "$out" "$version"
fi
