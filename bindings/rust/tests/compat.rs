//! The cases of wasmtime's `wasm-spec-interpreter` crate, through the same API: add,
//! repeated calls, the legacy first-export call, an out-of-bounds trap, SIMD values,
//! parameter order, and globals and memory read after calls.

use wasm_spec_interpreter::typed::wat_to_wasm;
use wasm_spec_interpreter::{export, instantiate, interpret, interpret_legacy, SpecExport, SpecValue};

const ADD: &str = r#"(module (func (export "add") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.add))"#;
const OOB: &str = r#"(module (memory 0 0) (func (export "oob") i32.const 42 f32.load align=1 drop))"#;
const SHR_S: &str = r#"(module (func (export "test") (param i32 i32) (result i32)
    local.get 0 local.get 1 i32.shr_s))"#;
const SIMD_NOT: &str = r#"(module (func (export "simd_not") (param v128) (result v128)
    local.get 0 v128.not))"#;
const MEMORY: &str = r#"(module (memory (export "mem") 1 1)
    (global (export "last") (mut i32) (i32.const -1))
    (func (export "load_i32") (param i32) (result i32) local.get 0 i32.load)
    (func (export "store_i32") (param i32 i32)
      local.get 0 local.get 1 i32.store
      local.get 1 global.set 0))"#;

fn wasm(text: &str) -> Vec<u8> {
    wat_to_wasm(text).unwrap()
}

#[test]
fn add() {
    let instance = instantiate(&wasm(ADD)).unwrap();
    let results = interpret(&instance, "add", Some(vec![SpecValue::I32(42), SpecValue::I32(1)])).unwrap();
    assert_eq!(results, vec![SpecValue::I32(43)]);
    let results = interpret(&instance, "add", Some(vec![SpecValue::I32(i32::MAX), SpecValue::I32(1)])).unwrap();
    assert_eq!(results, vec![SpecValue::I32(i32::MIN)]);
}

#[test]
fn invalid_function_name() {
    let instance = instantiate(&wasm(ADD)).unwrap();
    let results = interpret(&instance, "not-the-right-name", Some(vec![SpecValue::I32(0), SpecValue::I32(0)]));
    assert_eq!(results, Err("usage: undefined export \"not-the-right-name\"".to_string()));
}

#[test]
fn multiple_invocation() {
    let instance = instantiate(&wasm(ADD)).unwrap();
    let r1 = interpret(&instance, "add", Some(vec![SpecValue::I32(42), SpecValue::I32(1)])).unwrap();
    let r2 = interpret(&instance, "add", Some(vec![SpecValue::I32(1), SpecValue::I32(42)])).unwrap();
    let r3 = interpret(&instance, "add", Some(vec![SpecValue::I32(20), SpecValue::I32(23)])).unwrap();
    assert_eq!(r1, r2);
    assert_eq!(r2, r3);
}

#[test]
fn multiple_invocation_legacy() {
    let module = wasm(ADD);
    let r1 = interpret_legacy(&module, Some(vec![SpecValue::I32(42), SpecValue::I32(1)])).unwrap();
    let r2 = interpret_legacy(&module, Some(vec![SpecValue::I32(1), SpecValue::I32(42)])).unwrap();
    let r3 = interpret_legacy(&module, Some(vec![SpecValue::I32(20), SpecValue::I32(23)])).unwrap();
    assert_eq!(r1, vec![SpecValue::I32(43)]);
    assert_eq!(r1, r2);
    assert_eq!(r2, r3);
    // Without parameters, each is zero.
    assert_eq!(interpret_legacy(&module, None).unwrap(), vec![SpecValue::I32(0)]);
}

#[test]
fn oob() {
    let instance = instantiate(&wasm(OOB)).unwrap();
    assert_eq!(interpret(&instance, "oob", None), Err("trap: out of bounds memory access".to_string()));
}

#[test]
fn oob_legacy() {
    assert_eq!(interpret_legacy(&wasm(OOB), None), Err("trap: out of bounds memory access".to_string()));
}

fn simd_case() -> (Option<Vec<SpecValue>>, Vec<SpecValue>) {
    let input = vec![0, 255, 0, 0, 255, 0, 0, 0, 0, 255, 0, 0, 0, 0, 0, 0];
    let expected = input.iter().map(|b| !b).collect();
    (Some(vec![SpecValue::V128(input)]), vec![SpecValue::V128(expected)])
}

#[test]
fn simd_not() {
    let instance = instantiate(&wasm(SIMD_NOT)).unwrap();
    let (parameters, expected) = simd_case();
    assert_eq!(interpret(&instance, "simd_not", parameters).unwrap(), expected);
}

#[test]
fn simd_not_legacy() {
    let (parameters, expected) = simd_case();
    assert_eq!(interpret_legacy(&wasm(SIMD_NOT), parameters).unwrap(), expected);
}

#[test]
fn simd_value_must_have_16_bytes() {
    let instance = instantiate(&wasm(SIMD_NOT)).unwrap();
    let r = interpret(&instance, "simd_not", Some(vec![SpecValue::V128(vec![1, 2, 3])]));
    assert_eq!(r, Err("usage: a v128 value has 16 bytes, not 3".to_string()));
}

#[test]
fn order_of_params() {
    let instance = instantiate(&wasm(SHR_S)).unwrap();
    let parameters = Some(vec![SpecValue::I32(1795123818), SpecValue::I32(-2147483648)]);
    assert_eq!(interpret(&instance, "test", parameters).unwrap(), vec![SpecValue::I32(1795123818)]);
}

#[test]
fn order_of_params_legacy() {
    let parameters = Some(vec![SpecValue::I32(1795123818), SpecValue::I32(-2147483648)]);
    assert_eq!(interpret_legacy(&wasm(SHR_S), parameters).unwrap(), vec![SpecValue::I32(1795123818)]);
}

#[test]
fn load_store_and_export() {
    let instance = instantiate(&wasm(MEMORY)).unwrap();
    assert_eq!(export(&instance, "last").unwrap(), SpecExport::Global(SpecValue::I32(-1)));
    interpret(&instance, "store_i32", Some(vec![SpecValue::I32(4), SpecValue::I32(42)])).unwrap();
    let loaded = interpret(&instance, "load_i32", Some(vec![SpecValue::I32(4)])).unwrap();
    assert_eq!(loaded, vec![SpecValue::I32(42)]);
    match export(&instance, "mem").unwrap() {
        SpecExport::Global(_) => panic!("incorrect export"),
        SpecExport::Memory(m) => {
            assert_eq!(m.len(), 65536);
            assert_eq!(&m[0..10], [0, 0, 0, 0, 42, 0, 0, 0, 0, 0]);
        }
    }
    assert_eq!(export(&instance, "last").unwrap(), SpecExport::Global(SpecValue::I32(42)));
    assert!(export(&instance, "load_i32").is_err());
}

#[test]
fn floats_cross_as_bits() {
    let module = wasm(r#"(module (func (export "id") (param f32 f64) (result f64 f32) local.get 1 local.get 0))"#);
    let instance = instantiate(&module).unwrap();
    // A signalling NaN's payload and a negative zero come back unchanged.
    let nan = 0x7FA0_0001u32 as i32;
    let neg_zero = i64::MIN;
    let r = interpret(&instance, "id", Some(vec![SpecValue::F32(nan), SpecValue::F64(neg_zero)])).unwrap();
    assert_eq!(r, vec![SpecValue::F64(neg_zero), SpecValue::F32(nan)]);
}

#[test]
fn support_and_setup() {
    assert!(wasm_spec_interpreter::support_compiled_in());
    wasm_spec_interpreter::setup_ocaml_runtime();
}
