;; The meta commands: `input` runs another script, or defines a module from a .wat or
;; .wasm file (without instantiating it, as the reference does), in this script's state;
;; `output` prints a module.

(input "include/counter.wast")
(assert_return (invoke $Counter "next") (i32.const 1))
(assert_return (invoke $Counter "next") (i32.const 2))

(input $Double "include/double.wat")
(module instance $D $Double)
(assert_return (invoke $D "double" (i32.const 21)) (i32.const 42))
(assert_return (invoke "double" (i32.const -4)) (i32.const -8))

(script $S
  (module $Inner (func (export "one") (result i32) (i32.const 1)))
)
(assert_return (invoke $Inner "one") (i32.const 1))

(module $Printed (func (export "f") (result i32) (i32.const 7)))
(output $Printed)
