#!/usr/bin/env bash
# Setup-and-run: installs what is missing, builds, and runs the main job.
# Until the desktop app and the daemon exist, this is a scripted tour of pupitrectl on a
# fresh database in a temporary folder (pass a folder to keep it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${PUPITRE_BUILD_DIR:-$root/build}
"$root/scripts/install-deps.sh" build
PUPITRE_BUILD_DIR=$build "$root/scripts/build.sh" -DPUPITRE_BUILD_TESTS=OFF
exec "$root/scripts/demo.sh" "$build" "$@"
