#!/usr/bin/env bash
# The collector's and the budgets' figures (issue 12), with the release build of
# wasm-spec-run: peak resident size and time of allocation loops that keep almost
# nothing live (structs, i8 arrays, exceptions), at n = 1M, 10M and 100M, in both
# engines; and a memory that grows and writes every page under --max-memory 1 GiB.
#
#   bash Benchmarks/gc/run.sh            # n = 1M, 10M, 100M
#   SIZES="1000000" bash Benchmarks/gc/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product wasm-spec-run >/dev/null
run=.build/release/wasm-spec-run
sizes=${SIZES:-1000000 10000000 100000000}

# Prints "seconds peak-MB result" for one run of wasm-spec-run with the given arguments.
measure() {
  local out
  out=$( { /usr/bin/time -f "TIME %e %M" "$run" "$@" 2>&1; } 2>&1 )
  local t m r
  t=$(awk '/^TIME/ {print $2}' <<<"$out")
  m=$(awk '/^TIME/ {printf "%.1f", $3 / 1024}' <<<"$out")
  r=$(grep -v '^TIME' <<<"$out" | tr '\n' ' ')
  echo "$t s, $m MB peak, $r"
}

echo "| program | n | engine | time, peak RSS, result |"
echo "|---|---:|---|---|"
for prog in structs arrays exceptions; do
  for n in $sizes; do
    for engine in reference compiled; do
      echo "| $prog | $n | $engine | $(measure --engine "$engine" Benchmarks/gc/$prog.wat --invoke run "i64:$n") |"
    done
  done
done
for engine in reference compiled; do
  echo "| grow under --max-memory 1 GiB | - | $engine | $(measure --engine "$engine" --max-memory 1073741824 Benchmarks/gc/grow.wat --invoke run) |"
done
