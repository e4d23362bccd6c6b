#!/usr/bin/env bash
# Generates small modules with wasm-tools smith (MVP and 2.0 features, terminating),
# builds the benchmark in release and runs it on both engines.
#   Benchmarks/oracle-bench/run.sh [COUNT] [SECONDS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"
count="${1:-500}"
seconds="${2:-3}"
rounds="${3:-3}"
dir="${ORACLE_BENCH_MODULES:-.build/oracle-bench-modules}"
mkdir -p "$dir"
if [ "$(ls "$dir" | wc -l)" -lt "$count" ]; then
  python3 - "$dir" "$count" <<'PY'
import os, random, subprocess, sys
sys.path.insert(0, "bindings/python")
from differential import SMITH, smith_args
out, count = sys.argv[1], int(sys.argv[2])
for k in range(count):
    rng = random.Random(k)
    data = rng.randbytes(rng.choice([64, 256, 1024]))
    wasm = subprocess.run([SMITH, "smith", *smith_args("2.0" if k % 2 else "mvp")], input=data,
                          capture_output=True, check=True).stdout
    open(os.path.join(out, f"{k:05}.wasm"), "wb").write(wasm)
PY
fi
swift build -c release --product wasm-spec-oracle-bench
for engine in compiled reference; do
  .build/release/wasm-spec-oracle-bench --engine "$engine" --seconds "$seconds" --rounds "$rounds" "$dir"
done
