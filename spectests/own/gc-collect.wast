;; The collector frees garbage and keeps every object still reachable: lists of 500
;; nodes held in a global, a local, a table, an array, an exception and the frames of a
;; recursion survive the collections that 100 garbage structures between each two
;; nodes cause (about 50,000 allocations a list, 4 MB and more between collections).

(module
  (type $node (struct (field $v i32) (field $next (ref null $node))))
  (type $nodes (array (mut (ref null $node))))
  (global $list (mut (ref null $node)) (ref.null $node))
  (table $t 1 (ref null $node))
  (tag $e (param (ref null $node)))

  (func $garbage (local $k i32)
    (loop $l
      (drop (struct.new $node (local.get $k) (ref.null $node)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $k) (i32.const 100)))))

  (func $sum (param $n (ref null $node)) (result i32) (local $s i32)
    (block $done
      (loop $l
        (br_if $done (ref.is_null (local.get $n)))
        (local.set $s (i32.add (local.get $s) (struct.get $node $v (local.get $n))))
        (local.set $n (struct.get $node $next (local.get $n)))
        (br $l)))
    (local.get $s))

  (func (export "global") (result i32) (local $k i32)
    (global.set $list (ref.null $node))
    (loop $l
      (global.set $list (struct.new $node (local.get $k) (global.get $list)))
      (call $garbage)
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $k) (i32.const 500))))
    (call $sum (global.get $list)))

  (func (export "local") (result i32) (local $k i32) (local $list (ref null $node))
    (loop $l
      (local.set $list (struct.new $node (local.get $k) (local.get $list)))
      (call $garbage)
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $k) (i32.const 500))))
    (call $sum (local.get $list)))

  (func (export "table") (result i32) (local $k i32)
    (table.set $t (i32.const 0) (ref.null $node))
    (loop $l
      (table.set $t (i32.const 0) (struct.new $node (local.get $k) (table.get $t (i32.const 0))))
      (call $garbage)
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $k) (i32.const 500))))
    (call $sum (table.get $t (i32.const 0))))

  (func (export "array") (result i32) (local $k i32) (local $a (ref $nodes)) (local $s i32)
    (local.set $a (array.new_default $nodes (i32.const 500)))
    (loop $l
      (array.set $nodes (local.get $a) (local.get $k) (struct.new $node (local.get $k) (ref.null $node)))
      (call $garbage)
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $k) (i32.const 500))))
    (local.set $k (i32.const 0))
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (struct.get $node $v (array.get $nodes (local.get $a) (local.get $k)))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $k) (i32.const 500))))
    (local.get $s))

  ;; The list travels in an exception: caught by reference, kept as an exnref across
  ;; garbage, thrown again and caught with its payload.
  (func (export "exception") (result i32) (local $k i32) (local $list (ref null $node)) (local $x exnref)
    (loop $l
      (local.set $list (struct.new $node (local.get $k) (local.get $list)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $k) (i32.const 500))))
    (local.set $x
      (block $caught (result exnref)
        (try_table (catch_all_ref $caught) (throw $e (local.get $list)))
        (unreachable)))
    (local.set $list (ref.null $node))
    (local.set $k (i32.const 0))
    (loop $l
      (call $garbage)
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $k) (i32.const 500))))
    (call $sum
      (block $payload (result (ref null $node))
        (try_table (catch $e $payload) (throw_ref (local.get $x)))
        (unreachable))))

  ;; Each frame of a recursion 500 deep holds one node in a parameter.
  (func $deep (param $k i32) (param $n (ref null $node)) (result i32)
    (call $garbage)
    (if (result i32) (i32.eqz (local.get $k))
      (then (call $sum (local.get $n)))
      (else
        (i32.add
          (call $deep (i32.sub (local.get $k) (i32.const 1))
            (struct.new $node (local.get $k) (ref.null $node)))
          (struct.get $node $v (local.get $n))))))
  (func (export "frames") (result i32)
    (call $deep (i32.const 499) (struct.new $node (i32.const 0) (ref.null $node))))
)
(assert_return (invoke "global") (i32.const 124750))
(assert_return (invoke "local") (i32.const 124750))
(assert_return (invoke "table") (i32.const 124750))
(assert_return (invoke "array") (i32.const 124750))
(assert_return (invoke "exception") (i32.const 124750))
(assert_return (invoke "frames") (i32.const 124750))
