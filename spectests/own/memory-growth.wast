;; memory.grow: one page at a time up to the maximum, the bytes staying where they were
;; written, then -1; an empty memory that never grew; a 64-bit memory.

(module
  (memory 0 100)
  ;; Grows one page at a time until refused, writing each new page's index at its
  ;; start and end; returns the number of grows that succeeded.
  (func (export "grow-all") (result i32)
    (local $n i32)
    (block $done
      (loop $again
        (br_if $done (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
        (i32.store (i32.mul (local.get $n) (i32.const 0x10000)) (local.get $n))
        (i32.store offset=0xfffc (i32.mul (local.get $n) (i32.const 0x10000)) (local.get $n))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $again)))
    (local.get $n))
  ;; The number of pages, from the first, whose two marks are intact.
  (func (export "marks") (result i32)
    (local $n i32)
    (block $done
      (loop $again
        (br_if $done (i32.ge_u (local.get $n) (memory.size)))
        (br_if $done (i32.ne (i32.load (i32.mul (local.get $n) (i32.const 0x10000))) (local.get $n)))
        (br_if $done
          (i32.ne (i32.load offset=0xfffc (i32.mul (local.get $n) (i32.const 0x10000))) (local.get $n)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $again)))
    (local.get $n))
  (func (export "size") (result i32) (memory.size))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
)
(assert_return (invoke "size") (i32.const 0))
(assert_trap (invoke "load" (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "grow-all") (i32.const 100))
(assert_return (invoke "size") (i32.const 100))
(assert_return (invoke "marks") (i32.const 100))
(assert_return (invoke "load" (i32.const 0x63fffc)) (i32.const 99))
(assert_trap (invoke "load" (i32.const 0x63fffd)) "out of bounds memory access")
(assert_trap (invoke "load" (i32.const 0x640000)) "out of bounds memory access")
(assert_return (invoke "grow" (i32.const 0)) (i32.const 100))
(assert_return (invoke "grow" (i32.const 1)) (i32.const -1))
(assert_return (invoke "size") (i32.const 100))

;; Without a maximum: a thousand one-page grows, every mark kept.
(module
  (memory 1)
  (func (export "grow-to") (param $pages i32) (result i32)
    (local $n i32)
    (local.set $n (memory.size))
    (block $done
      (loop $again
        (br_if $done (i32.ge_u (local.get $n) (local.get $pages)))
        (br_if $done (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
        (i32.store (i32.mul (local.get $n) (i32.const 0x10000)) (local.get $n))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $again)))
    (memory.size))
  (func (export "marks") (result i32)
    (local $n i32)
    (block $done
      (loop $again
        (br_if $done (i32.ge_u (local.get $n) (memory.size)))
        (br_if $done (i32.ne (i32.load (i32.mul (local.get $n) (i32.const 0x10000))) (local.get $n)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $again)))
    (local.get $n))
)
(assert_return (invoke "grow-to" (i32.const 1000)) (i32.const 1000))
(assert_return (invoke "marks") (i32.const 1000))

;; A memory that may not grow: no page, nothing to read, bulk operations of length 0.
(module
  (memory 0 0)
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "empty-bulk")
    (memory.fill (i32.const 0) (i32.const 0) (i32.const 0))
    (memory.copy (i32.const 0) (i32.const 0) (i32.const 0)))
  (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0)))
)
(assert_return (invoke "grow" (i32.const 0)) (i32.const 0))
(assert_return (invoke "grow" (i32.const 1)) (i32.const -1))
(assert_return (invoke "empty-bulk"))
(assert_trap (invoke "load" (i32.const 0)) "out of bounds memory access")

;; A 64-bit memory grows the same way.
(module
  (memory i64 0 10)
  (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))
  (func (export "store-load") (param i64 i64) (result i64)
    (i64.store (local.get 0) (local.get 1))
    (i64.load (local.get 0)))
)
(assert_return (invoke "grow" (i64.const 1)) (i64.const 0))
(assert_return (invoke "grow" (i64.const 1)) (i64.const 1))
(assert_return (invoke "store-load" (i64.const 0x1fff8) (i64.const 42)) (i64.const 42))
(assert_return (invoke "grow" (i64.const 8)) (i64.const 2))
(assert_return (invoke "store-load" (i64.const 0x1fff8) (i64.const 43)) (i64.const 43))
(assert_return (invoke "grow" (i64.const 1)) (i64.const -1))
(assert_trap (invoke "store-load" (i64.const 0xa0000) (i64.const 0)) "out of bounds memory access")
