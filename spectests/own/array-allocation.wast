;; Arrays too large for this implementation trap with "out of memory" before any
;; memory is asked for; arrays that fit are zeroed or filled, however many are made.

(module
  (type $bytes (array (mut i8)))
  (type $wide (array (mut v128)))
  (func (export "huge") (param i32)
    (drop (array.new_default $bytes (local.get 0))))
  (func (export "huge-loop")
    (loop (drop (array.new_default $bytes (i32.const 0x3fff_ffff))) (br 0)))
  (func (export "huge-wide")
    (drop (array.new $wide (v128.const i64x2 1 2) (i32.const 0x1000_0000))))
  ;; Makes `n` arrays of 4096 bytes filled with 7 and sums one byte of each.
  (func (export "many") (param $n i32) (result i32)
    (local $sum i32)
    (block $done
      (loop $again
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $sum
          (i32.add (local.get $sum)
            (array.get_u $bytes (array.new $bytes (i32.const 7) (i32.const 4096)) (i32.const 4095))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $again)))
    (local.get $sum))
  (func (export "zeroed") (result i32)
    (array.get_u $bytes (array.new_default $bytes (i32.const 100000)) (i32.const 99999)))
)
(assert_trap (invoke "huge" (i32.const -1)) "out of memory")
(assert_trap (invoke "huge" (i32.const 0x3fff_ffff)) "out of memory")
(assert_trap (invoke "huge-loop") "out of memory")
(assert_trap (invoke "huge-wide") "out of memory")
(assert_return (invoke "many" (i32.const 1000)) (i32.const 7000))
(assert_return (invoke "zeroed") (i32.const 0))
