;; Grows memory 16 MiB at a time and writes into every new page until memory.grow
;; returns -1; returns the number of pages it reached. Under --max-memory the loop stops
;; at the budget, and every page it reached is resident.
(module
  (memory 0)
  (func (export "run") (result i32) (local $old i32) (local $p i32)
    (block $done
      (loop $l
        (local.set $old (memory.grow (i32.const 256)))
        (br_if $done (i32.eq (local.get $old) (i32.const -1)))
        (local.set $p (local.get $old))
        (loop $touch
          (i32.store8 (i32.shl (local.get $p) (i32.const 16)) (i32.const 1))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br_if $touch (i32.lt_u (local.get $p) (i32.add (local.get $old) (i32.const 256)))))
        (br $l)))
    (memory.size)))
