#!/usr/bin/env bash
# Setup-and-test: installs what is missing, builds with warnings as errors, runs every test.
# Then the sanitizer and fuzz stage: a second build with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer (in ${PUPITRE_BUILD_DIR}-asan; the desktop app stays out of it)
# runs the core, daemon and server suites, the fuzz targets' replays, and each libFuzzer
# target for PUPITRE_FUZZ_SECONDS (default 60).
# PUPITRE_SIM_SEEDS / PUPITRE_PROPERTY_CASES raise the randomized test counts and
# PUPITRE_FUZZ_SECONDS the fuzzing time (soak runs); PUPITRE_SANITIZE_STAGE=0 skips the
# second stage (a quick local run). PUPITRE_WINDOWS=1 adds the Windows stage at the end
# (scripts/windows.sh: the cross-built programs, their tests under Wine; long the first time).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${PUPITRE_BUILD_DIR:-$root/build}
jobs=$(nproc)
windows_stage() {
  [ "${PUPITRE_WINDOWS:-0}" = 1 ] || return 0
  PUPITRE_BUILD_DIR=$build "$root/scripts/windows.sh"
}
"$root/scripts/install-deps.sh" test
PUPITRE_BUILD_DIR=$build "$root/scripts/build.sh" -DPUPITRE_WERROR=ON -DPUPITRE_BUILD_TESTS=ON
# The browser tests fail rather than skip when chromium or their npm packages are missing:
# install-deps.sh has just installed both.
(cd "$build" && PUPITRE_REQUIRE_WEB_TESTS=1 ctest --output-on-failure --parallel "$jobs" --timeout 600)

if [ "${PUPITRE_SANITIZE_STAGE:-1}" = 0 ]; then
  echo "PUPITRE_SANITIZE_STAGE=0: the sanitizer and fuzz stage was not run." >&2
  windows_stage
  exit 0
fi
started=$(date +%s)
asan=${build}-asan
CC=clang CXX=clang++ cmake -S "$root" -B "$asan" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DPUPITRE_WERROR=ON -DPUPITRE_SANITIZE=ON -DPUPITRE_BUILD_FUZZ=ON -DPUPITRE_BUILD_TESTS=ON \
  -DPUPITRE_BUILD_APP=OFF -DPUPITRE_BUILD_BENCH=OFF >/dev/null
cmake --build "$asan" --parallel "$jobs" --target shared_tests daemon_tests server_tests \
  fuzz_tests fuzz_targets
# Any report stops the program with a failure; the daemons and servers the suites start are
# built with the same sanitizers and report the same way.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:check_initialization_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
fuzz_seconds=${PUPITRE_FUZZ_SECONDS:-60}
cd "$asan"
# One suite at a time: sanitized processes are several times slower, and the concurrency
# tests need the writers they start to get the processor together.
ctest --output-on-failure --timeout 900 -R '^(shared|daemon|server|fuzz_replay)$'
PUPITRE_FUZZ_SECONDS=$fuzz_seconds ctest --output-on-failure --parallel "$jobs" \
  --timeout $((fuzz_seconds + 300)) -L fuzz
echo "Sanitizer and fuzz stage: $(($(date +%s) - started)) s."
cd "$root"
windows_stage
