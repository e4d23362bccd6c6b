//! WasmSpec, a reimplementation of the WebAssembly reference interpreter in Swift, with
//! the API of wasmtime's `wasm-spec-interpreter` crate, so that wasmtime's differential
//! engine (`crates/fuzzing/src/oracles/diff_spec.rs`) can switch to it unchanged.
//!
//! ```
//! use wasm_spec_interpreter::{instantiate, interpret, SpecValue};
//! let module = wasm_spec_interpreter::typed::wat_to_wasm(
//!     r#"(module (func (export "add") (param i32 i32) (result i32)
//!          (i32.add (local.get 0) (local.get 1))))"#).unwrap();
//! let instance = instantiate(&module).unwrap();
//! let results = interpret(&instance, "add", Some(vec![SpecValue::I32(42), SpecValue::I32(1)])).unwrap();
//! assert_eq!(results, vec![SpecValue::I32(43)]);
//! ```
//!
//! Unlike the OCaml-backed crate it needs no OCaml toolchain (its build script runs
//! `swift build`), takes no global lock (calls into different instances run in
//! parallel), and allows many modules per store. What that crate lacks is in
//! [`typed`]: typed errors, limits (engine, call depth, fuel, memory, table and GC heap
//! budgets), reference values, and stores with linking and host functions.
//!
//! Errors of the functions below are strings: the error's kind and the reference
//! interpreter's message, e.g. `"trap: integer divide by zero"`.

mod ffi;
pub mod typed;

use typed::{Instance, Limits, Val};

/// The kinds of Wasm values these functions pass: numbers as their bits (floats too).
#[derive(Clone, Debug, PartialEq)]
pub enum SpecValue {
    I32(i32),
    I64(i64),
    F32(i32),
    F64(i64),
    V128(Vec<u8>),
}

/// An export as [`export`] reads it.
#[derive(Clone, Debug, PartialEq)]
pub enum SpecExport {
    /// A global's current value.
    Global(SpecValue),
    /// A copy of a memory's bytes.
    Memory(Vec<u8>),
}

/// An instantiated module, in a store of its own. It may be used from any thread.
#[derive(Debug)]
pub struct SpecInstance {
    instance: Instance,
}

impl SpecInstance {
    /// The instance with the [`typed`] API.
    pub fn typed(&self) -> &Instance {
        &self.instance
    }
}

impl SpecValue {
    fn to_val(&self) -> Result<Val, String> {
        Ok(match self {
            SpecValue::I32(n) => Val::I32(*n as u32),
            SpecValue::I64(n) => Val::I64(*n as u64),
            SpecValue::F32(n) => Val::F32(*n as u32),
            SpecValue::F64(n) => Val::F64(*n as u64),
            SpecValue::V128(bytes) => {
                let b: [u8; 16] = bytes.as_slice().try_into().map_err(|_| {
                    format!("usage: a v128 value has 16 bytes, not {}", bytes.len())
                })?;
                Val::V128(b)
            }
        })
    }

    fn from_val(v: Val) -> Result<SpecValue, String> {
        Ok(match v {
            Val::I32(n) => SpecValue::I32(n as i32),
            Val::I64(n) => SpecValue::I64(n as i64),
            Val::F32(n) => SpecValue::F32(n as i32),
            Val::F64(n) => SpecValue::F64(n as i64),
            Val::V128(b) => SpecValue::V128(b.to_vec()),
            Val::Ref(r) => {
                return Err(format!("usage: reference result {r:?} has no SpecValue; use the typed API"))
            }
        })
    }
}

fn to_vals(parameters: Option<Vec<SpecValue>>) -> Result<Option<Vec<Val>>, String> {
    parameters.map(|ps| ps.iter().map(SpecValue::to_val).collect()).transpose()
}

fn from_vals(vals: Vec<Val>) -> Result<Vec<SpecValue>, String> {
    vals.into_iter().map(SpecValue::from_val).collect()
}

/// Decodes, validates and instantiates a binary module in a new store, with the
/// default limits. Imports can only come from the `spectest` module.
pub fn instantiate(module: &[u8]) -> Result<SpecInstance, String> {
    Instance::new(module, &Limits::default()).map(|instance| SpecInstance { instance }).map_err(|e| e.to_string())
}

/// Calls the exported function `name` with `parameters`, or with each parameter's
/// zero for `None`.
pub fn interpret(instance: &SpecInstance, name: &str, parameters: Option<Vec<SpecValue>>) -> Result<Vec<SpecValue>, String> {
    let args = to_vals(parameters)?;
    from_vals(instance.instance.invoke(name, args.as_deref()).map_err(|e| e.to_string())?)
}

/// Instantiates a binary module and calls its first exported function with
/// `parameters`, or with zeroes for `None`.
pub fn interpret_legacy(module: &[u8], parameters: Option<Vec<SpecValue>>) -> Result<Vec<SpecValue>, String> {
    let args = to_vals(parameters)?;
    from_vals(typed::interpret_legacy_with(module, args.as_deref(), &Limits::default()).map_err(|e| e.to_string())?)
}

/// Reads the exported global or memory `name`.
pub fn export(instance: &SpecInstance, name: &str) -> Result<SpecExport, String> {
    let i = &instance.instance;
    match i.export_kind(name).map_err(|e| e.to_string())? {
        typed::ExternKind::Global => {
            Ok(SpecExport::Global(SpecValue::from_val(i.global(name).map_err(|e| e.to_string())?)?))
        }
        typed::ExternKind::Memory => Ok(SpecExport::Memory(i.memory(name).map_err(|e| e.to_string())?)),
        _ => Err(format!("usage: export \"{name}\" is neither a global nor a memory")),
    }
}

/// Whether the interpreter is there: always, since the build script builds it.
pub fn support_compiled_in() -> bool {
    true
}

/// Nothing to do: there is no OCaml runtime, and no signal handlers are installed.
/// Kept so that callers of the OCaml-backed crate build unchanged.
pub fn setup_ocaml_runtime() {}
