;; A memarg's offset is checked against the address type of memory 0, not of the memory
;; the instruction accesses. Reference interpreter (pinned 285a903), valid/valid.ml
;; `check_memop`: `memory c (0l @@ at)`; the specification (wasm-3.0,
;; 2.3-validation.instructions.spectec, Instr_ok/load-val with Memarg_ok) uses
;; C.MEMS[x]. WasmSpec follows the reference; wasmtime follows the specification.

;; Valid by the specification (memory 1 is 64-bit); the reference and WasmSpec reject it.
(assert_invalid
  (module
    (memory 1)
    (memory i64 1)
    (func (export "f") (result i32) (i32.load 1 offset=0x1_0000_0000 (i64.const 0))))
  "offset out of range")

;; Invalid by the specification (memory 1 is 32-bit); the reference and WasmSpec accept
;; it, and the access traps at run time.
(module
  (memory i64 1)
  (memory 1)
  (func (export "g") (result i32) (i32.load 1 offset=0x1_0000_0000 (i32.const 0))))
(assert_trap (invoke "g") "out of bounds memory access")
