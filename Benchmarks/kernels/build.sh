#!/usr/bin/env bash
# Compiles the benchmark kernels (freestanding C) to .wasm with the Swift toolchain's
# clang. The .wasm files are committed too, so benchmarks run without rebuilding.
set -euo pipefail
cd "$(dirname "$0")"
clang=${CLANG:-/opt/swift/usr/bin/clang}
for c in *.c; do
    name=${c%.c}
    "$clang" --target=wasm32 -O2 -nostdlib -Wl,--no-entry -Wl,--export="$name" -o "$name.wasm" "$c"
    echo "$name.wasm: $(wc -c < "$name.wasm") bytes"
done
