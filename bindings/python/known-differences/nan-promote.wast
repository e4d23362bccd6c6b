;; f64x2.promote_low_f32x4 of a NaN that is not canonical: the specification allows any
;; arithmetic NaN (promote returns nans{z}). The reference interpreter converts with the
;; host's float conversion, which keeps the payload (0x7ff80000 -> 0x7fff000000000000);
;; WasmSpec does the same. wasmtime with Cranelift's NaN canonicalisation (as
;; differential.py configures it) returns the canonical NaN 0x7ff8000000000000, which
;; the specification allows as well. wasm-tools smith's --canonicalize-nans does not
;; canonicalise this instruction's result, so a module that feeds it to i8x16.popcnt
;; and a global (nan-promote-2.0-6013.wasm, found by the differential) shows the
;; difference. Neither side is wrong.
(module
  (func (export "p") (result v128)
    (f64x2.promote_low_f32x4 (v128.const i32x4 0x7ff80000 0 0 0))))
(assert_return (invoke "p") (v128.const f64x2 nan:arithmetic 0))
;; The reference's and WasmSpec's bits exactly:
(assert_return (invoke "p") (v128.const i64x2 0x7fff000000000000 0))
