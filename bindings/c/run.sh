#!/usr/bin/env bash
# Builds the C ABI (the CWasmSpec product) and runs its C tests against it.
#   bindings/c/run.sh          debug build
#   bindings/c/run.sh --tsan   library and test under the thread sanitizer
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"

scratch=.build
flags=()
cflags=(-O1 -g)
if [ "${1:-}" = "--tsan" ]; then
  scratch=.build-tsan
  flags=(--sanitize=thread)
  # The sanitizer's runtime intercepts libdispatch, which the Swift runtime brings.
  swiftlib="$(dirname "$(command -v swift)")/../lib/swift/linux"
  cflags+=(-fsanitize=thread -L "$swiftlib" -ldispatch -lBlocksRuntime -Wl,-rpath,"$swiftlib")
fi
swift build --product CWasmSpec --scratch-path "$scratch" "${flags[@]}"
lib="$(swift build --product CWasmSpec --scratch-path "$scratch" "${flags[@]}" --show-bin-path)"
out="$scratch/test_capi"
clang "${cflags[@]}" -I Sources/CWasmSpec/include bindings/c/test_capi.c -o "$out" \
  -L "$lib" -lCWasmSpec -Wl,-rpath,"$lib" -lpthread
# A data race makes the sanitizer report and fail the run.
TSAN_OPTIONS="halt_on_error=1 ${TSAN_OPTIONS:-}" "$out"
