#!/usr/bin/env bash
# The Windows stage, from this Debian machine: installs the tools (mingw-w64, Wine, wixl, NSIS),
# cross-builds the dependencies from Debian's source packages into a cache outside the repo
# (scripts/windows/deps.sh; skipped once built), builds Pupitre's programs and test suites for
# Windows in ${PUPITRE_WINDOWS_BUILD_DIR:-<repo>/build-windows}, then runs the tests under Wine
# (scripts/windows/wine-tests.sh): the Boost.Test suites through ctest, the smoke run of the
# real programs, the Windows/Linux interoperation, the app under Xvfb with a screenshot.
# Usage: scripts/windows.sh [all|deps|build|test]   (default all)
# Environment: PUPITRE_WINDOWS_CACHE (dependency cache, default ~/.cache/pupitre-windows),
#   PUPITRE_BUILD_DIR (the Linux build the interoperation test uses, default <repo>/build),
#   PUPITRE_WINDOWS_READY_FILE (written with PREFIX=/TOOLCHAIN= once the dependencies are built).
set -euo pipefail
main() {
  local root step build toolchain prefix started app=OFF
  root=$(cd "$(dirname "$0")/.." && pwd)
  step=${1:-all}
  build=${PUPITRE_WINDOWS_BUILD_DIR:-$root/build-windows}
  toolchain=$root/cmake/toolchains/mingw-w64-x86_64.cmake
  case $step in all | deps | build | test) ;; *)
    echo "usage: scripts/windows.sh [all|deps|build|test]" >&2
    exit 2
    ;;
  esac

  if [ "$step" = all ] || [ "$step" = deps ]; then
    "$root/scripts/install-deps.sh" windows
    started=$(date +%s)
    prefix=$("$root/scripts/windows/deps.sh" | tail -n 1)
    echo "Windows dependencies: $prefix ($(($(date +%s) - started)) s)."
  else
    prefix=$("$root/scripts/windows/deps.sh" --prefix-only | tail -n 1)
  fi
  [ "$step" = deps ] && return 0

  if [ "$step" = all ] || [ "$step" = build ]; then
    started=$(date +%s)
    [ -f "$prefix/stamps/wxwidgets3.2" ] && app=ON
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
      -DPUPITRE_WINDOWS_PREFIX="$prefix" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DPUPITRE_WERROR=ON -DPUPITRE_BUILD_TESTS=ON -DPUPITRE_BUILD_BENCH=OFF \
      -DPUPITRE_BUILD_APP=$app >/dev/null
    nice -n 10 cmake --build "$build" --parallel "$(nproc)"
    echo "Windows build: $(($(date +%s) - started)) s."
    # The MSI and the NSIS installer around the programs (installer/windows); they need the
    # app, so not without wxWidgets.
    if [ -x "$root/installer/windows/build-installers.sh" ] && [ -f "$build/gui/pupitre.exe" ]; then
      PUPITRE_WINDOWS_PREFIX=$prefix "$root/installer/windows/build-installers.sh" "$build" \
        "$build/installers"
    fi
  fi
  [ "$step" = build ] && return 0

  started=$(date +%s)
  PUPITRE_WINDOWS_BUILD_DIR=$build "$root/scripts/windows/wine-tests.sh"
  echo "Windows tests under Wine: $(($(date +%s) - started)) s."
}
main "$@"; exit # (one line: an edit of this file during a run is never read)
