#!/usr/bin/env bash
# Times the inputs that once took super-linear time, at size n and 2n, with the release
# build of wasm-spec-run, and prints a table with the ratio of the two times: a linear
# cost doubles (about 2), a quadratic one quadruples. The same inputs, smaller, are
# checked in `swift test` (ScalingTests, TypeScalingTests, MemoryScalingTests,
# PrintScalingTests).
#
#   bash Benchmarks/scaling.sh
#   ENGINE=compiled bash Benchmarks/scaling.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product wasm-spec-run >/dev/null
run=.build/release/wasm-spec-run
engine=${ENGINE:-reference}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import sys
w = sys.argv[1]
def write(name, text):
    open(f"{w}/{name}", "w").write(text)

for n in (20000, 40000):
    body = "(try_table (catch_all 0) " * n + "(throw $e)" + ")" * n
    write(f"try_table-{n}.wast", f'(module (tag $e) (func (export "f") {body}))\n(invoke "f")\n')
    body = "(block " * n + ")" * n
    write(f"blocks-{n}.wast", f'(module (func (export "f") {body}))\n(invoke "f")\n')
for n in (20000, 40000):
    write(f"types-{n}.wast", "(module " + "(type (func)) " * n + ")\n")
for n in (1000, 2000):
    group = "(rec " + " ".join(f"(type (struct (field i32) (field (ref null {i}))))" for i in range(100)) + ")"
    write(f"groups-{n}.wast", "(module " + (group + " ") * n + ")\n")
for d in (100000, 200000):
    types = "(type $t0 (sub (struct)))" + "".join(f"(type $t{i} (sub $t{i-1} (struct)))" for i in range(1, d))
    write(f"chain-{d}.wast", f"""(module {types}
  (func (export "f") (result i32) (local $r (ref null $t0)) (local $k i32) (local $c i32)
    (local.set $r (struct.new $t{d-1}))
    (loop $l
      (local.set $c (i32.add (local.get $c) (ref.test (ref $t1) (local.get $r))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $k) (i32.const 10000))))
    (local.get $c)))
(assert_return (invoke "f") (i32.const 10000))
""")
for n in (16000, 32000):
    write(f"memory.grow-{n}.wast", f"""(module (memory 0 65536)
  (func (export "f") (result i32) (local $k i32)
    (loop $l
      (drop (memory.grow (i32.const 1)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $k) (i32.const {n}))))
    (memory.size)))
(assert_return (invoke "f") (i32.const {n}))
""")
PY

best() { # best wall time of "$@" over 3 runs
  local best=""
  for _ in 1 2 3; do
    local t0 t1
    t0=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    t1=$(date +%s.%N)
    best=$(python3 -c "t=$t1-$t0; b='$best'; print(min(t, float(b)) if b else t)")
  done
  echo "$best"
}

echo "| input | n | time (s) | 2n | time (s) | ratio |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
row() { # name n 2n
  local a b
  a=$(best "$run" -q --engine "$engine" "$work/$1-$2.wast")
  b=$(best "$run" -q --engine "$engine" "$work/$1-$3.wast")
  printf '| %s | %s | %.3f | %s | %.3f | %.2f |\n' "$1" "$2" "$a" "$3" "$b" "$(python3 -c "print($b/max($a,1e-3))")"
}
row try_table 20000 40000
row blocks 20000 40000
row types 20000 40000
row groups 1000 2000
row chain 100000 200000
row memory.grow 16000 32000

# Printing a module that declares 2^32 - 1 locals: refused at once.
printf '\x00\x61\x73\x6d\x01\x00\x00\x00\x01\x04\x01\x60\x00\x00\x03\x02\x01\x00\x0a\x0a\x01\x08\x01\xff\xff\xff\xff\x0f\x7f\x0b' > "$work/locals.wasm"
t=$(best "$run" "$work/locals.wasm" --print)
printf '\n--print of a 30-byte module declaring 2^32 - 1 locals: %.3f s (refused: too large to print)\n' "$t"
