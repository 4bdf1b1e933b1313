#!/usr/bin/env bash
# The Windows build's tests under Wine, in a private Wine prefix made for this run (never
# ~/.wine): the Boost.Test suites through ctest (the toolchain's emulator is wine), the smoke
# run of the real programs, the Windows/Linux interoperation through one Linux server, and the
# app under Xvfb opening the demo year (screenshot: <build>/windows-screenshots/app.png).
# Usage: PUPITRE_WINDOWS_BUILD_DIR=DIR scripts/windows/wine-tests.sh
# PUPITRE_BUILD_DIR is the Linux build for the interoperation test (default <repo>/build;
# its pupitre-server, pupitred and pupitrectl are built when missing).
set -euo pipefail
main() {
  local root build linux failed=() prefix_dir
  root=$(cd "$(dirname "$0")/../.." && pwd)
  build=${PUPITRE_WINDOWS_BUILD_DIR:-$root/build-windows}
  linux=${PUPITRE_BUILD_DIR:-$root/build}
  prefix_dir=$(mktemp -d)
  export WINEPREFIX=$prefix_dir/wine WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
  # Wine's own processes (wineserver) end with the prefix.
  trap "wineserver -k 2>/dev/null || true; rm -rf '$prefix_dir'" EXIT # expanded now: main's locals are gone when it runs
  local started
  started=$(date +%s)
  wineboot -i >/dev/null 2>&1
  wineserver -w
  echo "Wine prefix ready in $(($(date +%s) - started)) s ($WINEPREFIX)."

  # 1. The Boost.Test suites. ctest runs each .exe under wine (CMAKE_CROSSCOMPILING_EMULATOR).
  local suites=${PUPITRE_WINDOWS_SUITES:-'^(shared|daemon|server|blobs|e2e)$'}
  if ! (cd "$build" && ctest --output-on-failure --timeout 1800 -R "$suites"); then
    failed+=("Boost.Test suites")
  fi

  # 2. The real programs under Wine.
  "$root/tests/windows/smoke_test.sh" "$build" || failed+=("smoke test")

  # 3. A Windows daemon and a Linux daemon through one Linux server.
  if [ ! -x "$linux/server/pupitre-server" ] || [ ! -x "$linux/daemon/pupitred" ] ||
    [ ! -x "$linux/daemon/pupitrectl" ]; then
    cmake -S "$root" -B "$linux" -G Ninja -DPUPITRE_BUILD_APP=OFF -DPUPITRE_BUILD_BENCH=OFF \
      >/dev/null
    cmake --build "$linux" --target pupitre-server pupitred pupitrectl
  fi
  "$root/tests/windows/interop_test.sh" "$build" "$linux" || failed+=("interoperation test")

  # 4. The app under Wine + Xvfb opening the demo year.
  if [ -f "$build/gui/pupitre.exe" ]; then
    "$root/tests/windows/app_test.sh" "$build" "$build/windows-screenshots" ||
      failed+=("app under Xvfb")
  else
    echo "SKIPPED: the app under Wine + Xvfb: pupitre.exe was not built (wxWidgets missing" \
      "from the dependency prefix)."
  fi

  # 5. The installers, installed and removed silently (their own Wine prefix).
  if [ -x "$root/tests/windows/installers_test.sh" ]; then
    local status=0
    "$root/tests/windows/installers_test.sh" "$build" || status=$?
    case $status in
      0) ;;
      77) echo "SKIPPED: the installers test (it says why above)." ;;
      *) failed+=("installers") ;;
    esac
  fi

  if [ ${#failed[@]} -gt 0 ]; then
    echo "Windows tests under Wine FAILED: ${failed[*]}" >&2
    return 1
  fi
  echo "Windows tests under Wine: all passed."
}
main "$@"; exit # (one line: an edit of this file during a run is never read)
