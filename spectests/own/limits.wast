;; Where this implementation's limits show: deep recursion ends in exhaustion, not a
;; crash, and huge requests fail as the reference says instead of exhausting the host.

(module
  (func $down (export "down") (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.const 0))
      (else (i64.add (i64.const 1) (call $down (i64.sub (local.get 0) (i64.const 1)))))))
  (func $forever (export "forever") (call $forever))
  (func $tail (export "tail") (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.const 42))
      (else (return_call $tail (i64.sub (local.get 0) (i64.const 1))))))
)
(assert_return (invoke "down" (i64.const 50000)) (i64.const 50000))
(assert_exhaustion (invoke "down" (i64.const 1000000)) "call stack exhausted")
(assert_exhaustion (invoke "forever") "call stack exhausted")
;; Tail calls reuse the frame: any depth.
(assert_return (invoke "tail" (i64.const 10000000)) (i64.const 42))

(module
  (memory 1)
  (table 1 funcref)
  (func (export "grow-memory") (result i32) (memory.grow (i32.const 70000)))
  (func (export "grow-table") (result i32) (table.grow (ref.null func) (i32.const -1)))
)
(assert_return (invoke "grow-memory") (i32.const -1))
(assert_return (invoke "grow-table") (i32.const -1))

(module
  (memory i64 1)
  (func (export "grow64") (result i64) (memory.grow (i64.const 0x1_0000_0000_0000)))
)
(assert_return (invoke "grow64") (i64.const -1))

;; A memory whose minimum cannot be had fails to instantiate (the reference interpreter
;; dies of an uncaught exception here); it used to free its bookkeeping twice.
(assert_trap (module (memory i64 0x1_0000_0000_0000)) "out of memory")
(assert_trap (module (memory i64 0x8000_0000)) "out of memory")

;; A deeply nested body compiles and runs.
(module
  (func (export "nested") (result i32)
    (block (result i32) (block (result i32) (block (result i32) (block (result i32)
      (block (result i32) (block (result i32) (block (result i32) (block (result i32)
        (i32.const 9)))))))))))
(assert_return (invoke "nested") (i32.const 9))
