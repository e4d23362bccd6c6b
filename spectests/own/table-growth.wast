;; table.grow: many small grows keep every element, up to the maximum, then -1.

(module
  (table $t 0 100000 funcref)
  (table $u 1 externref)
  (func $f (export "f"))
  (elem declare func $f)
  ;; Grows by one element at a time, every other one holding $f; returns the size.
  (func (export "grow-all") (result i32)
    (block $done
      (loop $again
        (br_if $done
          (i32.eq (table.grow $t (ref.null func) (i32.const 1)) (i32.const -1)))
        (br_if $done
          (i32.eq (table.grow $t (ref.func $f) (i32.const 1)) (i32.const -1)))
        (br $again)))
    (table.size $t))
  ;; The number of elements, from the first, that hold what grow-all put there.
  (func (export "check") (result i32)
    (local $i i32)
    (block $done
      (loop $again
        (br_if $done (i32.ge_u (local.get $i) (table.size $t)))
        (br_if $done
          (i32.ne
            (ref.is_null (table.get $t (local.get $i)))
            (i32.eqz (i32.and (local.get $i) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $again)))
    (local.get $i))
  (func (export "copy") (param i32 i32 i32) (table.copy $t $t (local.get 0) (local.get 1) (local.get 2)))
  (func (export "is-null") (param i32) (result i32) (ref.is_null (table.get $t (local.get 0))))
  (func (export "grow-u") (param externref i32) (result i32) (table.grow $u (local.get 0) (local.get 1)))
  (func (export "get-u") (param i32) (result externref) (table.get $u (local.get 0)))
)
(assert_return (invoke "grow-all") (i32.const 100000))
(assert_return (invoke "check") (i32.const 100000))
(assert_return (invoke "copy" (i32.const 0) (i32.const 1) (i32.const 99999)))
(assert_return (invoke "is-null" (i32.const 0)) (i32.const 0))
(assert_return (invoke "is-null" (i32.const 1)) (i32.const 1))
(assert_return (invoke "is-null" (i32.const 99999)) (i32.const 0))
(assert_return (invoke "grow-u" (ref.extern 7) (i32.const 3)) (i32.const 1))
(assert_return (invoke "get-u" (i32.const 0)) (ref.null extern))
(assert_return (invoke "get-u" (i32.const 3)) (ref.extern 7))
(assert_trap (invoke "get-u" (i32.const 4)) "out of bounds table access")
;; Past the most elements this implementation holds (2^26): -1 rather than the host's
;; memory exhausted.
(assert_return (invoke "grow-u" (ref.null extern) (i32.const 0x400_0000)) (i32.const -1))
