#!/usr/bin/env bash
# Times the kernels in Benchmarks/kernels side by side: wasm-spec-run (release build)
# against the wasmkit that ships with the Swift toolchain, on the same .wasm files, and
# prints a Markdown table with the ratio per kernel and the geometric mean.
#
#   bash Benchmarks/compare.sh            # build release, 3 runs each, best time
#   RUNS=5 bash Benchmarks/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
wasmkit=${WASMKIT:-/opt/swift/usr/bin/wasmkit}
swift build -c release --product wasm-spec-run >/dev/null
ours=.build/release/wasm-spec-run

# kernel  function  argument
kernels=(
  "fib fib i32:32"
  "loop loop i32:100000000"
  "sieve sieve i32:20"
  "matmul matmul i32:256"
  "sort sort i32:5"
)

best() { # best wall time in seconds of "$@" over $runs runs
  local best=""
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
    t1=$(date +%s.%N)
    best=$(python3 -c "t=$t1-$t0; b='$best'; print(min(t, float(b)) if b else t)")
  done
  echo "$best"
}

echo "| kernel | call | WasmSpec (s) | WasmKit (s) | ratio |"
echo "| --- | --- | ---: | ---: | ---: |"
ratios=()
for k in "${kernels[@]}"; do
  set -- $k
  file=Benchmarks/kernels/$1.wasm
  a=$(best "$ours" "$file" --invoke "$2" "$3")
  b=$(best "$wasmkit" run "$file" "$2" "$3")
  r=$(python3 -c "print(f'{$a/$b:.2f}')")
  ratios+=("$r")
  printf '| %s | `%s %s` | %.3f | %.3f | %s |\n' "$1" "$2" "$3" "$a" "$b" "$r"
done
python3 - "${ratios[@]}" <<'PY'
import math, sys
rs = [float(x) for x in sys.argv[1:]]
g = math.exp(sum(math.log(r) for r in rs) / len(rs))
print(f"\ngeometric mean ratio: {g:.2f}, worst: {max(rs):.2f}")
PY
