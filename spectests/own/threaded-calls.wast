;; Calls the compiled engine's threaded core makes itself once a call site has run
;; (call and call_indirect within an instance, and returns): each must still see what
;; changed since (a table element replaced, set to null, a different type), reach the
;; same exhaustion, and hand control back across instances.

(module $callee
  (func (export "seven") (result i32) (i32.const 7))
)
(register "callee" $callee)

(module
  (import "callee" "seven" (func $seven (result i32)))
  (type $ii (func (param i32) (result i32)))
  (type $v (func))
  (table $t 4 funcref)
  (elem (table $t) (i32.const 0) func $double $triple $nothing)
  (func $double (type $ii) (i32.mul (local.get 0) (i32.const 2)))
  (func $triple (type $ii) (i32.mul (local.get 0) (i32.const 3)))
  (func $nothing (type $v))

  ;; Calls element i with x, n times, summing the results.
  (func $sum (param $i i32) (param $x i32) (param $n i32) (result i32)
    (local $acc i32)
    (block $done
      (loop $again
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc)
          (call_indirect $t (type $ii) (local.get $x) (local.get $i))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $again)))
    (local.get $acc))
  (func (export "sum") (param i32 i32 i32) (result i32)
    (call $sum (local.get 0) (local.get 1) (local.get 2)))

  ;; The same site, with element 0 replaced between two runs of it.
  (func (export "switch") (result i32)
    (local $a i32)
    (local.set $a (call $sum (i32.const 0) (i32.const 5) (i32.const 3)))
    (table.set $t (i32.const 0) (ref.func $triple))
    (i32.add (local.get $a) (call $sum (i32.const 0) (i32.const 5) (i32.const 3))))
  (func (export "reset") (table.set $t (i32.const 0) (ref.func $double)))
  (func (export "null0") (table.set $t (i32.const 0) (ref.null func)))
  (func (export "wrong0") (table.set $t (i32.const 0) (ref.func $nothing)))
  (func (export "grow") (result i32) (table.grow $t (ref.func $triple) (i32.const 1000)))

  ;; Direct recursion, with an import called on the way down.
  (func $depth (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (call $seven))
      (else (i32.add (i32.const 1) (call $depth (i32.sub (local.get 0) (i32.const 1)))))))
  (func (export "depth") (param i32) (result i32) (call $depth (local.get 0)))
  (func $forever (param i32) (result i32) (call $forever (local.get 0)))
  (func (export "forever") (result i32) (call $forever (i32.const 0)))

  ;; Two results through a return the core makes.
  (func $pair (param i32) (result i32 i32) (local.get 0) (i32.add (local.get 0) (i32.const 1)))
  (func (export "pair") (param i32) (result i32 i32) (call $pair (local.get 0)))
)

(assert_return (invoke "sum" (i32.const 0) (i32.const 4) (i32.const 10)) (i32.const 80))
(assert_return (invoke "sum" (i32.const 1) (i32.const 4) (i32.const 10)) (i32.const 120))
(assert_return (invoke "switch") (i32.const 75))
(assert_return (invoke "sum" (i32.const 0) (i32.const 1) (i32.const 2)) (i32.const 6))
(invoke "reset")
(assert_return (invoke "sum" (i32.const 0) (i32.const 1) (i32.const 2)) (i32.const 4))
(invoke "null0")
(assert_trap (invoke "sum" (i32.const 0) (i32.const 1) (i32.const 2)) "uninitialized element")
(invoke "wrong0")
(assert_trap (invoke "sum" (i32.const 0) (i32.const 1) (i32.const 2)) "indirect call type mismatch")
(invoke "reset")
(assert_return (invoke "sum" (i32.const 0) (i32.const 2) (i32.const 3)) (i32.const 12))
(assert_trap (invoke "sum" (i32.const 4) (i32.const 1) (i32.const 1)) "undefined element")
(assert_return (invoke "grow") (i32.const 4))
(assert_return (invoke "sum" (i32.const 4) (i32.const 1) (i32.const 2)) (i32.const 6))
(assert_return (invoke "sum" (i32.const 0) (i32.const 2) (i32.const 3)) (i32.const 12))
(assert_return (invoke "depth" (i32.const 200)) (i32.const 207))
(assert_exhaustion (invoke "forever") "call stack exhausted")
(assert_return (invoke "depth" (i32.const 10)) (i32.const 17))
(assert_return (invoke "pair" (i32.const 41)) (i32.const 41) (i32.const 42))
