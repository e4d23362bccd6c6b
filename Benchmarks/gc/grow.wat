;; Grows memory 16 MiB at a time and fills what it added until memory.grow returns -1;
;; returns the number of pages it reached. Under --max-memory the loop stops at the
;; budget, with every byte it reached resident.
(module
  (memory 0)
  (func (export "run") (result i32) (local $old i32)
    (block $done
      (loop $l
        (local.set $old (memory.grow (i32.const 256)))
        (br_if $done (i32.eq (local.get $old) (i32.const -1)))
        (memory.fill (i32.shl (local.get $old) (i32.const 16)) (i32.const 1) (i32.const 0x100_0000))
        (br $l)))
    (memory.size)))
