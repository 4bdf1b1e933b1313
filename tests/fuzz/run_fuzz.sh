#!/usr/bin/env bash
# Runs one libFuzzer target for PUPITRE_FUZZ_SECONDS (default 60) from its seeds and crash
# reproducers. New interesting inputs go to WORK/corpus/NAME (never into the repository);
# a crash is written to WORK/crashes/NAME/ and the test fails.
# Usage: run_fuzz.sh BINARY NAME FUZZ_SOURCE_DIR WORK
set -euo pipefail
binary=$1 name=$2 source=$3 work=$4
seconds=${PUPITRE_FUZZ_SECONDS:-60}
mkdir -p "$work/corpus/$name" "$work/crashes/$name"
# The input folders that exist (a new target has no crash reproducers yet; libFuzzer stops
# at a missing folder).
inputs=("$work/corpus/$name")
for folder in "$source/corpus/$name" "$source/regressions/$name"; do
  if [ -d "$folder" ]; then inputs+=("$folder"); fi
done
status=0
# -rss_limit_mb: the decoders' own limits (100 megapixels, 64 KiB bodies) keep far below it.
"$binary" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2560 -print_final_stats=1 \
  -artifact_prefix="$work/crashes/$name/" \
  "${inputs[@]}" || status=$?
if [ "$status" -ne 0 ] && [ -n "$(ls -A "$work/crashes/$name")" ]; then
  echo "fuzz_$name found a crash: the input is in $work/crashes/$name/." >&2
  echo "Fix the code, then copy the input to tests/fuzz/regressions/$name/ under a name that" >&2
  echo "says what it broke: fuzz_tests replays it in every build from then on." >&2
elif [ "$status" -ne 0 ]; then
  echo "fuzz_$name could not run (exit $status); see its output above." >&2
fi
exit "$status"
