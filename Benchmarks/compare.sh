#!/usr/bin/env bash
# Times the kernels in Benchmarks/kernels side by side: wasm-spec-run (release build)
# with each of its engines against the wasmkit that ships with the Swift toolchain, on
# the same .wasm files, and prints a Markdown table with each engine's ratio to WasmKit
# per kernel and the geometric means.
#
#   bash Benchmarks/compare.sh            # build release, 3 runs each, best time
#   RUNS=5 bash Benchmarks/compare.sh
#   SCALE=small bash Benchmarks/compare.sh   # smaller arguments, for a quick look
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
wasmkit=${WASMKIT:-/opt/swift/usr/bin/wasmkit}
swift build -c release --product wasm-spec-run >/dev/null
ours=.build/release/wasm-spec-run

# kernel  function  argument  (the reference engine takes about ten times as long as
# the compiled one, so its arguments are the same: the ratio is what is compared)
if [ "${SCALE:-}" = small ]; then
  kernels=("fib fib i32:27" "loop loop i32:10000000" "sieve sieve i32:17" "matmul matmul i32:128" "sort sort i32:2")
else
  kernels=("fib fib i32:32" "loop loop i32:100000000" "sieve sieve i32:20" "matmul matmul i32:256" "sort sort i32:5")
fi

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

echo "| kernel | call | WasmKit (s) | compiled (s) | ratio | reference (s) | ratio |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
compiled=()
reference=()
for k in "${kernels[@]}"; do
  set -- $k
  file=Benchmarks/kernels/$1.wasm
  w=$(best "$wasmkit" run "$file" "$2" "$3")
  c=$(best "$ours" "$file" --engine compiled --invoke "$2" "$3")
  r=$(best "$ours" "$file" --engine reference --invoke "$2" "$3")
  rc=$(python3 -c "print(f'{$c/$w:.2f}')")
  rr=$(python3 -c "print(f'{$r/$w:.2f}')")
  compiled+=("$rc")
  reference+=("$rr")
  printf '| %s | `%s %s` | %.3f | %.3f | %s | %.3f | %s |\n' "$1" "$2" "$3" "$w" "$c" "$rc" "$r" "$rr"
done
python3 - "${compiled[*]}" "${reference[*]}" <<'PY'
import math, sys
for name, arg in (("compiled", sys.argv[1]), ("reference", sys.argv[2])):
    rs = [float(x) for x in arg.split()]
    g = math.exp(sum(math.log(r) for r in rs) / len(rs))
    print(f"\n{name} engine: geometric mean {g:.2f} times WasmKit's time, worst {max(rs):.2f}")
PY
