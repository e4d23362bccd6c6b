//! The public API has the shape of wasmtime's `wasm-spec-interpreter` crate, checked by
//! the compiler: each function as a function pointer of the old crate's signature, the
//! enums matched exhaustively with the old variants, and the instance usable from
//! another thread (wasmtime's differential engine keeps it in a boxed trait object).

use wasm_spec_interpreter::{SpecExport, SpecInstance, SpecValue};

#[test]
fn signatures_match_the_ocaml_backed_crate() {
    let _: fn(&[u8]) -> Result<SpecInstance, String> = wasm_spec_interpreter::instantiate;
    let _: fn(&SpecInstance, &str, Option<Vec<SpecValue>>) -> Result<Vec<SpecValue>, String> =
        wasm_spec_interpreter::interpret;
    let _: fn(&[u8], Option<Vec<SpecValue>>) -> Result<Vec<SpecValue>, String> = wasm_spec_interpreter::interpret_legacy;
    let _: fn(&SpecInstance, &str) -> Result<SpecExport, String> = wasm_spec_interpreter::export;
    let _: fn() -> bool = wasm_spec_interpreter::support_compiled_in;
    let _: fn() = wasm_spec_interpreter::setup_ocaml_runtime;
}

#[test]
fn enums_have_exactly_the_old_variants() {
    fn value_bits(v: SpecValue) -> Vec<u8> {
        match v {
            SpecValue::I32(n) => n.to_le_bytes().to_vec(),
            SpecValue::I64(n) => n.to_le_bytes().to_vec(),
            SpecValue::F32(n) => n.to_le_bytes().to_vec(),
            SpecValue::F64(n) => n.to_le_bytes().to_vec(),
            SpecValue::V128(b) => b,
        }
    }
    fn export_len(e: SpecExport) -> usize {
        match e {
            SpecExport::Global(v) => value_bits(v).len(),
            SpecExport::Memory(m) => m.len(),
        }
    }
    assert_eq!(value_bits(SpecValue::I32(-1)), vec![255; 4]);
    assert_eq!(export_len(SpecExport::Memory(vec![0; 3])), 3);
}

#[test]
fn instances_cross_threads() {
    fn send_sync<T: Send + Sync + 'static>() {}
    send_sync::<SpecInstance>();
    let boxed: Box<dyn std::any::Any + Send> = Box::new(
        wasm_spec_interpreter::instantiate(&wasm_spec_interpreter::typed::wat_to_wasm("(module)").unwrap()).unwrap(),
    );
    std::thread::spawn(move || drop(boxed)).join().unwrap();
}
