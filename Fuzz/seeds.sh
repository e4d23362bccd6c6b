#!/usr/bin/env bash
# Makes the seed corpora of the fuzz targets from the official suite and our own
# scripts (spectests/own), one folder per target, and the text targets' dictionary:
#
#     Fuzz/seeds.sh [OUT]        (default: .build-fuzz/seeds)
#
# The suite is found as .ci/run finds it: $WASM_SPECTESTS, spectests/suite,
# ../shared/spectests or /work/shared/spectests. Nothing here is committed: the seeds
# are the suite's modules.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-.build-fuzz/seeds}
suite=${WASM_SPECTESTS:-}
for candidate in spectests/suite ../shared/spectests /work/shared/spectests; do
  if [ -z "$suite" ] && [ -d "$candidate/core" ]; then suite=$candidate; fi
done
if [ -z "$suite" ]; then
  echo "seeds.sh: official suite not found (set WASM_SPECTESTS, or run spectests/fetch.sh)" >&2
  exit 1
fi

# A plain debug build: the tool only reads scripts and writes files.
WASMSPEC_FUZZ=1 swift build --scratch-path .build-fuzz-seeds --product FuzzTool >&2
rm -rf "$out"
mkdir -p "$out"
.build-fuzz-seeds/debug/FuzzTool seeds "$out" "$suite/core" spectests/own
