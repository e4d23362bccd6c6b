//! The C ABI of the Swift library (`Sources/CWasmSpec/include/wasm_spec.h`), declared
//! by hand: the crate has no dependencies, so no bindgen.

#![allow(non_camel_case_types, dead_code)]

use std::os::raw::{c_char, c_int, c_void};

#[repr(C)]
pub struct wasm_spec_store {
    _private: [u8; 0],
}
#[repr(C)]
pub struct wasm_spec_instance {
    _private: [u8; 0],
}
#[repr(C)]
pub struct wasm_spec_error {
    _private: [u8; 0],
}

pub const I32: u32 = 0;
pub const I64: u32 = 1;
pub const F32: u32 = 2;
pub const F64: u32 = 3;
pub const V128: u32 = 4;
pub const REF_NULL: u32 = 5;
pub const REF_EXTERN: u32 = 6;
pub const REF_HOST: u32 = 7;
pub const REF_I31: u32 = 8;
pub const REF_FUNC: u32 = 9;
pub const REF_STRUCT: u32 = 10;
pub const REF_ARRAY: u32 = 11;
pub const REF_EXN: u32 = 12;
pub const REF_EXTERN_OTHER: u32 = 13;

pub const EXTERN_FUNC: u32 = 0;
pub const EXTERN_TABLE: u32 = 1;
pub const EXTERN_MEMORY: u32 = 2;
pub const EXTERN_GLOBAL: u32 = 3;
pub const EXTERN_TAG: u32 = 4;

pub const ZERO_ARGS: usize = usize::MAX;
pub const NO_MAX: u64 = u64::MAX;

#[repr(C)]
#[derive(Clone, Copy)]
pub union wasm_spec_payload {
    pub i32: u32,
    pub i64: u64,
    pub f32: u32,
    pub f64: u64,
    pub v128: [u8; 16],
    pub r#ref: u32,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct wasm_spec_value {
    pub kind: u32,
    pub reserved: u32,
    pub of: wasm_spec_payload,
}

#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct wasm_spec_limits {
    pub engine: u32,
    pub budgets: u32,
    pub max_call_depth: u64,
    pub fuel: u64,
    pub stack_slots: u64,
    pub memory_bytes: u64,
    pub table_elements: u64,
    pub gc_heap_bytes: u64,
}

pub const WASM_SPEC_BUDGET_MEMORY_BYTES: u32 = 1 << 0;
pub const WASM_SPEC_BUDGET_TABLE_ELEMENTS: u32 = 1 << 1;
pub const WASM_SPEC_BUDGET_GC_HEAP_BYTES: u32 = 1 << 2;

pub type wasm_spec_host_func = unsafe extern "C" fn(
    env: *mut c_void,
    arguments: *const wasm_spec_value,
    argument_count: usize,
    results: *mut wasm_spec_value,
    result_count: usize,
) -> *mut wasm_spec_error;

extern "C" {
    pub fn wasm_spec_error_kind(error: *const wasm_spec_error) -> u32;
    pub fn wasm_spec_error_message(error: *const wasm_spec_error) -> *const c_char;
    pub fn wasm_spec_error_free(error: *mut wasm_spec_error);
    pub fn wasm_spec_error_new(kind: u32, message: *const c_char) -> *mut wasm_spec_error;
    pub fn wasm_spec_values_free(values: *mut wasm_spec_value);
    pub fn wasm_spec_bytes_free(bytes: *mut u8);

    pub fn wasm_spec_instantiate(
        bytes: *const u8,
        length: usize,
        limits: *const wasm_spec_limits,
        instance_out: *mut *mut wasm_spec_instance,
    ) -> *mut wasm_spec_error;
    pub fn wasm_spec_instance_free(instance: *mut wasm_spec_instance);
    pub fn wasm_spec_interpret(
        instance: *mut wasm_spec_instance,
        name: *const c_char,
        name_length: usize,
        arguments: *const wasm_spec_value,
        count: usize,
        results_out: *mut *mut wasm_spec_value,
        results_count_out: *mut usize,
    ) -> *mut wasm_spec_error;
    pub fn wasm_spec_interpret_legacy(
        bytes: *const u8,
        length: usize,
        limits: *const wasm_spec_limits,
        arguments: *const wasm_spec_value,
        count: usize,
        results_out: *mut *mut wasm_spec_value,
        results_count_out: *mut usize,
    ) -> *mut wasm_spec_error;
    pub fn wasm_spec_global_get(
        instance: *mut wasm_spec_instance,
        name: *const c_char,
        name_length: usize,
        value_out: *mut wasm_spec_value,
    ) -> *mut wasm_spec_error;
    pub fn wasm_spec_memory_copy(
        instance: *mut wasm_spec_instance,
        name: *const c_char,
        name_length: usize,
        bytes_out: *mut *mut u8,
        length_out: *mut usize,
    ) -> *mut wasm_spec_error;
    pub fn wasm_spec_export_kind(
        instance: *mut wasm_spec_instance,
        name: *const c_char,
        name_length: usize,
        kind_out: *mut u32,
    ) -> *mut wasm_spec_error;
    pub fn wasm_spec_export_count(instance: *mut wasm_spec_instance) -> usize;
    pub fn wasm_spec_export_at(
        instance: *mut wasm_spec_instance,
        index: usize,
        name_out: *mut *mut u8,
        name_length_out: *mut usize,
        kind_out: *mut u32,
    ) -> *mut wasm_spec_error;
    pub fn wasm_spec_wat_to_wasm(
        text: *const c_char,
        length: usize,
        bytes_out: *mut *mut u8,
        length_out: *mut usize,
    ) -> *mut wasm_spec_error;

    pub fn wasm_spec_store_new(
        limits: *const wasm_spec_limits,
        store_out: *mut *mut wasm_spec_store,
    ) -> *mut wasm_spec_error;
    pub fn wasm_spec_store_free(store: *mut wasm_spec_store);
    pub fn wasm_spec_store_instantiate(
        store: *mut wasm_spec_store,
        bytes: *const u8,
        length: usize,
        instance_out: *mut *mut wasm_spec_instance,
    ) -> *mut wasm_spec_error;
    pub fn wasm_spec_store_register(
        store: *mut wasm_spec_store,
        name: *const c_char,
        name_length: usize,
        instance: *mut wasm_spec_instance,
    ) -> *mut wasm_spec_error;
    pub fn wasm_spec_store_define_func(
        store: *mut wasm_spec_store,
        module: *const c_char,
        module_length: usize,
        name: *const c_char,
        name_length: usize,
        params: *const u32,
        param_count: usize,
        results: *const u32,
        result_count: usize,
        callback: Option<wasm_spec_host_func>,
        env: *mut c_void,
        finalizer: Option<unsafe extern "C" fn(*mut c_void)>,
    ) -> *mut wasm_spec_error;
    pub fn wasm_spec_store_define_global(
        store: *mut wasm_spec_store,
        module: *const c_char,
        module_length: usize,
        name: *const c_char,
        name_length: usize,
        valtype: u32,
        is_mutable: c_int,
        value: *const wasm_spec_value,
    ) -> *mut wasm_spec_error;
    pub fn wasm_spec_store_define_memory(
        store: *mut wasm_spec_store,
        module: *const c_char,
        module_length: usize,
        name: *const c_char,
        name_length: usize,
        min: u64,
        max: u64,
    ) -> *mut wasm_spec_error;
    pub fn wasm_spec_store_define_table(
        store: *mut wasm_spec_store,
        module: *const c_char,
        module_length: usize,
        name: *const c_char,
        name_length: usize,
        elem_valtype: u32,
        min: u64,
        max: u64,
        initial: *const wasm_spec_value,
    ) -> *mut wasm_spec_error;
}
