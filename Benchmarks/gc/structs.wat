;; Allocates a two-field struct n times and drops each one: almost nothing stays live.
(module
  (type $pair (struct (field i32) (field i64)))
  (func (export "run") (param $n i64) (result i64) (local $k i64)
    (loop $l
      (drop (struct.new $pair (i32.wrap_i64 (local.get $k)) (local.get $k)))
      (local.set $k (i64.add (local.get $k) (i64.const 1)))
      (br_if $l (i64.lt_u (local.get $k) (local.get $n))))
    (local.get $k)))
