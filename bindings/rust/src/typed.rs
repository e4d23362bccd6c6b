//! What wasmtime's crate lacks, under names of its own: typed errors, limits (engine,
//! call depth, fuel, memory, table and GC heap budgets), reference values, and stores in
//! which modules are linked and host functions, globals, memories and tables are defined.

use crate::ffi;
use std::ffi::CStr;
use std::fmt;
use std::os::raw::{c_char, c_void};
use std::ptr;

/// The kinds of error, as the reference interpreter classifies them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The binary could not be decoded (or the text parsed).
    Malformed,
    /// The module is not valid.
    Invalid,
    /// An import could not be resolved or did not match.
    Link,
    /// Execution trapped.
    Trap,
    /// The call stack or the step budget (fuel) ran out.
    Exhaustion,
    /// A Wasm exception escaped to the host.
    Exception,
    /// A state only an invalid module reaches (the reference's `Crash`).
    Crash,
    /// A call that does not fit: an unknown export, arguments of the wrong type...
    Usage,
}

impl ErrorKind {
    fn from_code(code: u32) -> ErrorKind {
        match code {
            1 => ErrorKind::Malformed,
            2 => ErrorKind::Invalid,
            3 => ErrorKind::Link,
            4 => ErrorKind::Trap,
            5 => ErrorKind::Exhaustion,
            6 => ErrorKind::Exception,
            7 => ErrorKind::Crash,
            _ => ErrorKind::Usage,
        }
    }

    fn code(self) -> u32 {
        match self {
            ErrorKind::Malformed => 1,
            ErrorKind::Invalid => 2,
            ErrorKind::Link => 3,
            ErrorKind::Trap => 4,
            ErrorKind::Exhaustion => 5,
            ErrorKind::Exception => 6,
            ErrorKind::Crash => 7,
            ErrorKind::Usage => 8,
        }
    }

    fn label(self) -> &'static str {
        match self {
            ErrorKind::Malformed => "malformed",
            ErrorKind::Invalid => "invalid",
            ErrorKind::Link => "link failure",
            ErrorKind::Trap => "trap",
            ErrorKind::Exhaustion => "exhaustion",
            ErrorKind::Exception => "exception",
            ErrorKind::Crash => "runtime crash",
            ErrorKind::Usage => "usage",
        }
    }
}

/// An error: its kind and the reference interpreter's message
/// (e.g. `Trap`, "integer divide by zero").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
}

impl Error {
    /// An error of a kind with a message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error { kind, message: message.into() }
    }

    /// Takes over an error the C ABI returned; `Ok` for none.
    pub(crate) fn check(e: *mut ffi::wasm_spec_error) -> Result<(), Error> {
        if e.is_null() {
            return Ok(());
        }
        // SAFETY: a non-null error from the library, freed once here.
        unsafe {
            let kind = ErrorKind::from_code(ffi::wasm_spec_error_kind(e));
            let message = CStr::from_ptr(ffi::wasm_spec_error_message(e)).to_string_lossy().into_owned();
            ffi::wasm_spec_error_free(e);
            Err(Error { kind, message })
        }
    }
}

/// Shown as the reference interpreter's command line shows it: "trap: integer divide
/// by zero".
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.label(), self.message)
    }
}

impl std::error::Error for Error {}

/// The engine a store runs its code on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Engine {
    /// The definitional evaluator, one reduction rule per step.
    #[default]
    Reference,
    /// The compiled register machine: faster, the same results.
    Compiled,
}

/// Limits of execution in a store.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Limits {
    pub engine: Engine,
    /// How many frames calls may nest; `None`: 100,000.
    pub max_call_depth: Option<u64>,
    /// How many steps one invocation may take; `None`: no limit.
    pub fuel: Option<u64>,
    /// How many 64-bit slots the operand stack may use; `None`: 16M.
    pub stack_slots: Option<u64>,
    /// The most bytes of linear memory the store's memories may hold together;
    /// `None`: 2^48. A memory past it is not made ("out of memory"), a `memory.grow`
    /// past it returns -1.
    pub memory_bytes: Option<u64>,
    /// The most elements the store's tables may hold together; `None`: 2^32. Likewise
    /// for tables and `table.grow`.
    pub table_elements: Option<u64>,
    /// The most bytes the store's collected objects (structures, arrays...) may take at
    /// once; `None`: 2^40. An allocation that does not fit traps "out of memory".
    pub gc_heap_bytes: Option<u64>,
}

impl Limits {
    pub(crate) fn raw(&self) -> ffi::wasm_spec_limits {
        // A budget reaches the C ABI only with its bit set, so that `Some(0)` is a budget of 0.
        let mut budgets = 0;
        for (budget, bit) in [
            (self.memory_bytes, ffi::WASM_SPEC_BUDGET_MEMORY_BYTES),
            (self.table_elements, ffi::WASM_SPEC_BUDGET_TABLE_ELEMENTS),
            (self.gc_heap_bytes, ffi::WASM_SPEC_BUDGET_GC_HEAP_BYTES),
        ] {
            if budget.is_some() {
                budgets |= bit;
            }
        }
        ffi::wasm_spec_limits {
            engine: match self.engine {
                Engine::Reference => 0,
                Engine::Compiled => 1,
            },
            budgets,
            max_call_depth: self.max_call_depth.unwrap_or(0),
            // Zero steps would be no limit to the C ABI; one step is the least there is.
            fuel: self.fuel.map(|f| f.max(1)).unwrap_or(0),
            stack_slots: self.stack_slots.unwrap_or(0),
            memory_bytes: self.memory_bytes.unwrap_or(0),
            table_elements: self.table_elements.unwrap_or(0),
            gc_heap_bytes: self.gc_heap_bytes.unwrap_or(0),
        }
    }
}

/// A reference value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ref {
    Null,
    /// `ref.extern n`: an external reference made by the host.
    Extern(u32),
    /// `ref.host n`: a host reference (an `anyref`).
    Host(u32),
    /// An `i31ref`, its low 31 bits.
    I31(u32),
    /// Opaque references to objects of the store (results only).
    Func,
    Struct,
    Array,
    Exn,
    /// An external reference to an internal value (`extern.convert_any`; results only).
    ExternOther,
}

/// A WebAssembly value; numbers are bit patterns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Val {
    I32(u32),
    I64(u64),
    /// IEEE 754 single-precision bits.
    F32(u32),
    /// IEEE 754 double-precision bits.
    F64(u64),
    /// 16 bytes, lane 0 first.
    V128([u8; 16]),
    Ref(Ref),
}

impl Val {
    pub(crate) fn raw(&self) -> ffi::wasm_spec_value {
        let (kind, of) = match *self {
            Val::I32(x) => (ffi::I32, ffi::wasm_spec_payload { i32: x }),
            Val::I64(x) => (ffi::I64, ffi::wasm_spec_payload { i64: x }),
            Val::F32(x) => (ffi::F32, ffi::wasm_spec_payload { f32: x }),
            Val::F64(x) => (ffi::F64, ffi::wasm_spec_payload { f64: x }),
            Val::V128(b) => (ffi::V128, ffi::wasm_spec_payload { v128: b }),
            Val::Ref(r) => {
                let (kind, n) = match r {
                    Ref::Null => (ffi::REF_NULL, 0),
                    Ref::Extern(n) => (ffi::REF_EXTERN, n),
                    Ref::Host(n) => (ffi::REF_HOST, n),
                    Ref::I31(n) => (ffi::REF_I31, n),
                    Ref::Func => (ffi::REF_FUNC, 0),
                    Ref::Struct => (ffi::REF_STRUCT, 0),
                    Ref::Array => (ffi::REF_ARRAY, 0),
                    Ref::Exn => (ffi::REF_EXN, 0),
                    Ref::ExternOther => (ffi::REF_EXTERN_OTHER, 0),
                };
                (kind, ffi::wasm_spec_payload { r#ref: n })
            }
        };
        ffi::wasm_spec_value { kind, reserved: 0, of }
    }

    pub(crate) fn from_raw(v: &ffi::wasm_spec_value) -> Val {
        // SAFETY: the kind says which field of the union the library wrote.
        unsafe {
            match v.kind {
                ffi::I32 => Val::I32(v.of.i32),
                ffi::I64 => Val::I64(v.of.i64),
                ffi::F32 => Val::F32(v.of.f32),
                ffi::F64 => Val::F64(v.of.f64),
                ffi::V128 => Val::V128(v.of.v128),
                ffi::REF_EXTERN => Val::Ref(Ref::Extern(v.of.r#ref)),
                ffi::REF_HOST => Val::Ref(Ref::Host(v.of.r#ref)),
                ffi::REF_I31 => Val::Ref(Ref::I31(v.of.r#ref)),
                ffi::REF_FUNC => Val::Ref(Ref::Func),
                ffi::REF_STRUCT => Val::Ref(Ref::Struct),
                ffi::REF_ARRAY => Val::Ref(Ref::Array),
                ffi::REF_EXN => Val::Ref(Ref::Exn),
                ffi::REF_EXTERN_OTHER => Val::Ref(Ref::ExternOther),
                _ => Val::Ref(Ref::Null),
            }
        }
    }
}

/// Value types of host items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValType {
    I32,
    I64,
    F32,
    F64,
    V128,
    FuncRef,
    ExternRef,
    AnyRef,
}

impl ValType {
    fn code(self) -> u32 {
        self as u32
    }
}

/// An instantiated module; it keeps its store alive. It may be used from any thread:
/// calls into one store are serialized by that store's lock, and separate stores run
/// in parallel.
pub struct Instance {
    pub(crate) raw: *mut ffi::wasm_spec_instance,
}

// SAFETY: the C ABI is thread-safe; the handle is freed once, on drop.
unsafe impl Send for Instance {}
unsafe impl Sync for Instance {}

impl fmt::Debug for Instance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Instance").field("exports", &self.exports()).finish()
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        // SAFETY: the handle is ours and not used after this.
        unsafe { ffi::wasm_spec_instance_free(self.raw) }
    }
}

/// What an export is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExternKind {
    Func,
    Table,
    Memory,
    Global,
    Tag,
}

impl ExternKind {
    fn from_code(code: u32) -> ExternKind {
        match code {
            ffi::EXTERN_FUNC => ExternKind::Func,
            ffi::EXTERN_TABLE => ExternKind::Table,
            ffi::EXTERN_MEMORY => ExternKind::Memory,
            ffi::EXTERN_GLOBAL => ExternKind::Global,
            _ => ExternKind::Tag,
        }
    }
}

/// Results the library allocated, taken over as values.
fn take_values(p: *mut ffi::wasm_spec_value, n: usize) -> Vec<Val> {
    if p.is_null() {
        return Vec::new();
    }
    // SAFETY: the library returned `n` values at `p`, freed once here.
    unsafe {
        let vals = std::slice::from_raw_parts(p, n).iter().map(Val::from_raw).collect();
        ffi::wasm_spec_values_free(p);
        vals
    }
}

/// Bytes the library allocated, taken over.
fn take_bytes(p: *mut u8, n: usize) -> Vec<u8> {
    if p.is_null() {
        return Vec::new();
    }
    // SAFETY: the library returned `n` bytes at `p`, freed once here.
    unsafe {
        let bytes = std::slice::from_raw_parts(p, n).to_vec();
        ffi::wasm_spec_bytes_free(p);
        bytes
    }
}

fn raw_args(args: Option<&[Val]>) -> (Vec<ffi::wasm_spec_value>, usize) {
    match args {
        Some(a) => (a.iter().map(Val::raw).collect(), a.len()),
        None => (Vec::new(), ffi::ZERO_ARGS),
    }
}

impl Instance {
    /// Decodes, validates and instantiates a binary module in a new store.
    pub fn new(module: &[u8], limits: &Limits) -> Result<Instance, Error> {
        let raw_limits = limits.raw();
        let mut raw = ptr::null_mut();
        // SAFETY: valid pointers for the call's duration.
        Error::check(unsafe { ffi::wasm_spec_instantiate(module.as_ptr(), module.len(), &raw_limits, &mut raw) })?;
        Ok(Instance { raw })
    }

    /// Calls the exported function `name`; `None` passes each parameter's zero.
    pub fn invoke(&self, name: &str, args: Option<&[Val]>) -> Result<Vec<Val>, Error> {
        let (raw, count) = raw_args(args);
        let (mut out, mut n) = (ptr::null_mut(), 0usize);
        // SAFETY: valid pointers for the call's duration.
        Error::check(unsafe {
            ffi::wasm_spec_interpret(self.raw, name.as_ptr() as *const c_char, name.len(), raw.as_ptr(), count, &mut out, &mut n)
        })?;
        Ok(take_values(out, n))
    }

    /// The current value of the exported global `name`.
    pub fn global(&self, name: &str) -> Result<Val, Error> {
        let mut v = Val::I32(0).raw();
        // SAFETY: valid pointers for the call's duration.
        Error::check(unsafe { ffi::wasm_spec_global_get(self.raw, name.as_ptr() as *const c_char, name.len(), &mut v) })?;
        Ok(Val::from_raw(&v))
    }

    /// A copy of the exported memory `name`.
    pub fn memory(&self, name: &str) -> Result<Vec<u8>, Error> {
        let (mut out, mut n) = (ptr::null_mut(), 0usize);
        // SAFETY: valid pointers for the call's duration.
        Error::check(unsafe {
            ffi::wasm_spec_memory_copy(self.raw, name.as_ptr() as *const c_char, name.len(), &mut out, &mut n)
        })?;
        Ok(take_bytes(out, n))
    }

    /// What the export `name` is.
    pub fn export_kind(&self, name: &str) -> Result<ExternKind, Error> {
        let mut kind = 0u32;
        // SAFETY: valid pointers for the call's duration.
        Error::check(unsafe { ffi::wasm_spec_export_kind(self.raw, name.as_ptr() as *const c_char, name.len(), &mut kind) })?;
        Ok(ExternKind::from_code(kind))
    }

    /// The exports' names and kinds, in order.
    pub fn exports(&self) -> Vec<(String, ExternKind)> {
        // SAFETY: a valid handle.
        let count = unsafe { ffi::wasm_spec_export_count(self.raw) };
        let mut out = Vec::with_capacity(count);
        for i in 0..count {
            let (mut p, mut n, mut kind) = (ptr::null_mut(), 0usize, 0u32);
            // SAFETY: valid pointers for the call's duration.
            if unsafe { ffi::wasm_spec_export_at(self.raw, i, &mut p, &mut n, &mut kind) }.is_null() {
                let name = String::from_utf8_lossy(&take_bytes(p, n)).into_owned();
                out.push((name, ExternKind::from_code(kind)));
            }
        }
        out
    }
}

/// The legacy entry with limits: instantiates and calls the first exported function.
pub fn interpret_legacy_with(module: &[u8], args: Option<&[Val]>, limits: &Limits) -> Result<Vec<Val>, Error> {
    let raw_limits = limits.raw();
    let (raw, count) = raw_args(args);
    let (mut out, mut n) = (ptr::null_mut(), 0usize);
    // SAFETY: valid pointers for the call's duration.
    Error::check(unsafe {
        ffi::wasm_spec_interpret_legacy(module.as_ptr(), module.len(), &raw_limits, raw.as_ptr(), count, &mut out, &mut n)
    })?;
    Ok(take_values(out, n))
}

/// A module in the text format, encoded in the binary format (not validated).
pub fn wat_to_wasm(text: &str) -> Result<Vec<u8>, Error> {
    let (mut out, mut n) = (ptr::null_mut(), 0usize);
    // SAFETY: valid pointers for the call's duration.
    Error::check(unsafe { ffi::wasm_spec_wat_to_wasm(text.as_ptr() as *const c_char, text.len(), &mut out, &mut n) })?;
    Ok(take_bytes(out, n))
}

/// A store in which several modules are instantiated and linked by name.
pub struct Store {
    raw: *mut ffi::wasm_spec_store,
}

// SAFETY: the C ABI is thread-safe; the handle is freed once, on drop.
unsafe impl Send for Store {}
unsafe impl Sync for Store {}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Store")
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        // SAFETY: the handle is ours and not used after this.
        unsafe { ffi::wasm_spec_store_free(self.raw) }
    }
}

/// A host function as a store keeps it.
type HostFn = dyn Fn(&[Val], &mut [Val]) -> Result<(), Error> + Send + Sync;

unsafe extern "C" fn call_host(
    env: *mut c_void,
    args: *const ffi::wasm_spec_value,
    nargs: usize,
    results: *mut ffi::wasm_spec_value,
    nresults: usize,
) -> *mut ffi::wasm_spec_error {
    // SAFETY: `env` is the boxed closure `define_func` made; the arrays are the call's.
    let f = unsafe { &*(env as *const Box<HostFn>) };
    let args: Vec<Val> = if nargs == 0 {
        Vec::new()
    } else {
        unsafe { std::slice::from_raw_parts(args, nargs) }.iter().map(Val::from_raw).collect()
    };
    let out = if nresults == 0 { &mut [][..] } else { unsafe { std::slice::from_raw_parts_mut(results, nresults) } };
    let mut vals: Vec<Val> = out.iter().map(Val::from_raw).collect();
    // A panic must not unwind into the library: it becomes a trap.
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&args, &mut vals)));
    let error = match outcome {
        Ok(Ok(())) => {
            for (slot, v) in out.iter_mut().zip(&vals) {
                *slot = v.raw();
            }
            return ptr::null_mut();
        }
        Ok(Err(e)) => e,
        Err(_) => Error::new(ErrorKind::Trap, "host function panicked"),
    };
    let message = std::ffi::CString::new(error.message.replace('\0', " ")).unwrap_or_default();
    // SAFETY: the library copies the message.
    unsafe { ffi::wasm_spec_error_new(error.kind.code(), message.as_ptr()) }
}

unsafe extern "C" fn drop_host(env: *mut c_void) {
    // SAFETY: `env` is the box `define_func` leaked; the store calls this once.
    drop(unsafe { Box::from_raw(env as *mut Box<HostFn>) });
}

impl Store {
    /// An empty store; `spectest` is importable until something is registered under it.
    pub fn new(limits: &Limits) -> Result<Store, Error> {
        let raw_limits = limits.raw();
        let mut raw = ptr::null_mut();
        // SAFETY: valid pointers for the call's duration.
        Error::check(unsafe { ffi::wasm_spec_store_new(&raw_limits, &mut raw) })?;
        Ok(Store { raw })
    }

    /// Decodes, validates and instantiates a binary module in this store, resolving its
    /// imports by name.
    pub fn instantiate(&self, module: &[u8]) -> Result<Instance, Error> {
        let mut raw = ptr::null_mut();
        // SAFETY: valid pointers for the call's duration.
        Error::check(unsafe { ffi::wasm_spec_store_instantiate(self.raw, module.as_ptr(), module.len(), &mut raw) })?;
        Ok(Instance { raw })
    }

    /// Makes an instance's exports importable under `name`.
    pub fn register(&self, name: &str, instance: &Instance) -> Result<(), Error> {
        // SAFETY: valid pointers for the call's duration.
        Error::check(unsafe { ffi::wasm_spec_store_register(self.raw, name.as_ptr() as *const c_char, name.len(), instance.raw) })
    }

    /// Defines a host function `module`.`name` of type [params] -> [results]. It gets
    /// the arguments and the results, each preset to its type's zero, to overwrite. It
    /// runs holding the store's lock, so it must not call into this store.
    pub fn define_func<F>(&self, module: &str, name: &str, params: &[ValType], results: &[ValType], f: F) -> Result<(), Error>
    where
        F: Fn(&[Val], &mut [Val]) -> Result<(), Error> + Send + Sync + 'static,
    {
        let boxed: Box<Box<HostFn>> = Box::new(Box::new(f));
        let env = Box::into_raw(boxed) as *mut c_void;
        let p: Vec<u32> = params.iter().map(|t| t.code()).collect();
        let r: Vec<u32> = results.iter().map(|t| t.code()).collect();
        // SAFETY: valid pointers; on success the store owns `env` and drops it with
        // `drop_host`.
        let e = unsafe {
            ffi::wasm_spec_store_define_func(
                self.raw,
                module.as_ptr() as *const c_char,
                module.len(),
                name.as_ptr() as *const c_char,
                name.len(),
                p.as_ptr(),
                p.len(),
                r.as_ptr(),
                r.len(),
                Some(call_host),
                env,
                Some(drop_host),
            )
        };
        if !e.is_null() {
            // The store did not take it.
            unsafe { drop_host(env) };
        }
        Error::check(e)
    }

    /// Defines a global `module`.`name` holding `value`.
    pub fn define_global(&self, module: &str, name: &str, ty: ValType, mutable: bool, value: Val) -> Result<(), Error> {
        let v = value.raw();
        // SAFETY: valid pointers for the call's duration.
        Error::check(unsafe {
            ffi::wasm_spec_store_define_global(
                self.raw,
                module.as_ptr() as *const c_char,
                module.len(),
                name.as_ptr() as *const c_char,
                name.len(),
                ty.code(),
                mutable as i32,
                &v,
            )
        })
    }

    /// Defines a memory `module`.`name` of `min` pages, at most `max`.
    pub fn define_memory(&self, module: &str, name: &str, min: u64, max: Option<u64>) -> Result<(), Error> {
        // SAFETY: valid pointers for the call's duration.
        Error::check(unsafe {
            ffi::wasm_spec_store_define_memory(
                self.raw,
                module.as_ptr() as *const c_char,
                module.len(),
                name.as_ptr() as *const c_char,
                name.len(),
                min,
                max.unwrap_or(ffi::NO_MAX),
            )
        })
    }

    /// Defines a table `module`.`name` of `min` elements (at most `max`), each `initial`.
    pub fn define_table(&self, module: &str, name: &str, elem: ValType, min: u64, max: Option<u64>, initial: Ref) -> Result<(), Error> {
        let v = Val::Ref(initial).raw();
        // SAFETY: valid pointers for the call's duration.
        Error::check(unsafe {
            ffi::wasm_spec_store_define_table(
                self.raw,
                module.as_ptr() as *const c_char,
                module.len(),
                name.as_ptr() as *const c_char,
                name.len(),
                elem.code(),
                min,
                max.unwrap_or(ffi::NO_MAX),
                &v,
            )
        })
    }
}
