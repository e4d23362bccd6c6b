;; Allocates an i8 array of 64 elements n times, fills one element, keeps the latest:
;; the sum of what it read proves every array held what was written.
(module
  (type $bytes (array (mut i8)))
  (func (export "run") (param $n i64) (result i64) (local $k i64) (local $a (ref null $bytes)) (local $sum i64)
    (loop $l
      (local.set $a (array.new_default $bytes (i32.const 64)))
      (array.set $bytes (local.get $a) (i32.and (i32.wrap_i64 (local.get $k)) (i32.const 63)) (i32.wrap_i64 (local.get $k)))
      (local.set $sum (i64.add (local.get $sum)
        (i64.extend_i32_u (array.get_u $bytes (local.get $a) (i32.and (i32.wrap_i64 (local.get $k)) (i32.const 63))))))
      (local.set $k (i64.add (local.get $k) (i64.const 1)))
      (br_if $l (i64.lt_u (local.get $k) (local.get $n))))
    (local.get $sum)))
