#!/usr/bin/env bash
# Setup-and-test: installs what is missing, builds with warnings as errors, runs every test.
# PUPITRE_SIM_SEEDS / PUPITRE_PROPERTY_CASES raise the randomized test counts (soak runs).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${PUPITRE_BUILD_DIR:-$root/build}
"$root/scripts/install-deps.sh" test
PUPITRE_BUILD_DIR=$build "$root/scripts/build.sh" -DPUPITRE_WERROR=ON -DPUPITRE_BUILD_TESTS=ON
cd "$build"
ctest --output-on-failure --parallel "$(nproc)" --timeout 600
