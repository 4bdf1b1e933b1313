#!/usr/bin/env bash
# Setup-and-run: installs what is missing, builds, and runs the main job — a local
# pupitre-server with a demo multi-device account, this device's pupitred signed in to it
# over a demo school year, and the desktop app on that data (under Xvfb, with a screenshot,
# when there is no display). It prints the web version's address (the same server) and the
# demo account to sign in with there. Ctrl+C (or closing the app) stops everything.
# Usage: scripts/run.sh [FOLDER]   (FOLDER keeps the demo's data; default: BUILD_DIR/demo)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${PUPITRE_BUILD_DIR:-$root/build}
"$root/scripts/install-deps.sh" run
PUPITRE_BUILD_DIR=$build "$root/scripts/build.sh" -DPUPITRE_BUILD_TESTS=OFF

exec "$root/scripts/demo-stack.sh" "$build" "${1:-$build/demo}"
