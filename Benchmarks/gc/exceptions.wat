;; Throws and catches an exception n times with catch_ref, dropping the exnref: each
;; throw allocates an exception object that nothing keeps.
(module
  (tag $e (param i64))
  (func (export "run") (param $n i64) (result i64) (local $k i64)
    (loop $l
      (block $h (result i64 exnref)
        (try_table (catch_ref $e $h) (throw $e (local.get $k)))
        (unreachable))
      (drop) (drop)
      (local.set $k (i64.add (local.get $k) (i64.const 1)))
      (br_if $l (i64.lt_u (local.get $k) (local.get $n))))
    (local.get $k)))
