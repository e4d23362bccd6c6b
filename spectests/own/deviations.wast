;; Where the reference interpreter (WebAssembly/spec, interpreter/, commit 285a903)
;; deviates from the specification, this implementation follows the specification.
;; Each case here passes in WasmSpec and fails in the reference; docs/deviations.md
;; lists them.

;; 1. A memory instruction's offset is checked against the address type of the memory
;;    it names (§3.4.7: an offset of a 32-bit memory must be below 2^32). The
;;    reference checks it against memory 0 (valid.ml, check_memop).

;; Memory 0 is 32-bit, memory 1 is 64-bit: an offset of 2^32 into memory 1 is valid
;; (the reference says "offset out of range"), and reading past its one page traps.
(module
  (memory $m0 1)
  (memory $m1 i64 1)
  (func (export "load64") (result i64) (i64.load $m1 offset=0x1_0000_0000 (i64.const 0)))
  (func (export "store64") (i64.store8 $m1 offset=0x1_0000_0000 (i64.const 0) (i64.const 1)))
  (func (export "near64") (result i32) (i32.load8_u $m1 offset=0xFFFF (i64.const 0)))
)
(assert_trap (invoke "load64") "out of bounds memory access")
(assert_trap (invoke "store64") "out of bounds memory access")
(assert_return (invoke "near64") (i32.const 0))

;; Memory 0 is 64-bit, memory 1 is 32-bit: an offset of 2^32 into memory 1 is invalid
;; (the reference accepts it).
(assert_invalid
  (module
    (memory $m0 i64 1)
    (memory $m1 1)
    (func (drop (i32.load $m1 offset=0x1_0000_0000 (i32.const 0)))))
  "offset out of range")
(assert_invalid
  (module
    (memory $m0 i64 1)
    (memory $m1 1)
    (func (v128.store $m1 offset=0x1_0000_0000 (i32.const 0) (v128.const i64x2 0 0))))
  "offset out of range")

;; 2. An exception reference has type (ref exn) (§4.5.2, the typing of values). The
;;    reference gives it its tag's function type, so that `ref.test (ref exn)` fails
;;    on it and a failed cast names the function type.
(module
  (tag $t (param i32))
  (func $caught (result exnref)
    (block $h (result exnref)
      (try_table (catch_all_ref $h) (throw $t (i32.const 1)))
      (unreachable)))
  (func (export "test-exn") (result i32) (ref.test (ref exn) (call $caught)))
  (func (export "test-noexn") (result i32) (ref.test (ref null noexn) (call $caught)))
  (func (export "cast-noexn") (drop (ref.cast (ref null noexn) (call $caught))))
)
(assert_return (invoke "test-exn") (i32.const 1))
(assert_return (invoke "test-noexn") (i32.const 0))
(assert_trap (invoke "cast-noexn") "cast failure, expected (ref null noexn) but got (ref exn)")

;; 3. Sizes the host is asked for are bounded here (docs/deviations.md): a table of
;;    more than 2^26 elements, and a 64-bit memory of more than 2^48 bytes, fail as
;;    the reference fails when the host has no memory for them.
(assert_trap (module (table 0x400_0001 funcref)) "out of memory")
(module
  (table $t 0 funcref)
  (memory $m i64 0)
  (func (export "grow-table") (result i32) (table.grow $t (ref.null func) (i32.const 0x400_0001)))
  (func (export "grow-memory") (result i64) (memory.grow $m (i64.const 0x1_0000_0001)))
)
(assert_return (invoke "grow-table") (i32.const -1))
(assert_return (invoke "grow-memory") (i64.const -1))
