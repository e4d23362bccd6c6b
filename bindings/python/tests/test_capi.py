"""The C ABI itself, through ctypes: null and invalid arguments are usage errors,
never crashes; frees accept NULL."""

import ctypes
from ctypes import POINTER, byref, c_size_t, c_uint8, c_uint32, c_void_p

from wasm_spec._library import CLimits, CValue, lib
import wasm_spec as ws

ADD = ws.wat_to_wasm('(module (func (export "add") (param i32 i32) (result i32) '
                     '(i32.add (local.get 0) (local.get 1))))')


def error(err):
    """(kind, message) of an error handle, which is freed."""
    assert err, "expected an error"
    kind, message = lib.wasm_spec_error_kind(err), lib.wasm_spec_error_message(err).decode()
    lib.wasm_spec_error_free(err)
    return kind, message


USAGE = 8


def test_null_out_pointers_and_inputs():
    inst = c_void_p()
    assert error(lib.wasm_spec_instantiate(ADD, len(ADD), None, None)) == (USAGE, "null instance_out")
    assert error(lib.wasm_spec_instantiate(None, 8, None, byref(inst)))[0] == USAGE
    out, n = POINTER(CValue)(), c_size_t()
    assert error(lib.wasm_spec_interpret(None, b"add", 3, None, 0, byref(out), byref(n))) == (USAGE, "null instance")
    assert error(lib.wasm_spec_global_get(None, b"g", 1, None))[0] == USAGE
    assert error(lib.wasm_spec_memory_copy(None, b"m", 1, None, None))[0] == USAGE
    assert error(lib.wasm_spec_store_new(None, None)) == (USAGE, "null store_out")
    assert error(lib.wasm_spec_store_instantiate(None, ADD, len(ADD), byref(inst))) == (USAGE, "null store")
    assert error(lib.wasm_spec_wat_to_wasm(None, 5, None, None))[0] == USAGE
    assert lib.wasm_spec_export_count(None) == 0
    assert lib.wasm_spec_error_kind(None) == 0 and lib.wasm_spec_error_message(None) == b""
    for free in (lib.wasm_spec_error_free, lib.wasm_spec_instance_free, lib.wasm_spec_store_free,
                 lib.wasm_spec_values_free, lib.wasm_spec_bytes_free):
        free(None)


def test_invalid_handles_and_values():
    inst, store = c_void_p(), c_void_p()
    assert lib.wasm_spec_instantiate(ADD, len(ADD), None, byref(inst)) is None
    assert lib.wasm_spec_store_new(None, byref(store)) is None
    out, n = POINTER(CValue)(), c_size_t()
    # A store where an instance belongs, and a buffer that is no handle at all.
    assert error(lib.wasm_spec_interpret(store, b"add", 3, None, 0, byref(out), byref(n))) == \
        (USAGE, "not an instance handle")
    junk = ctypes.create_string_buffer(64)
    assert error(lib.wasm_spec_interpret(ctypes.addressof(junk), b"add", 3, None, 0, byref(out), byref(n))) == \
        (USAGE, "not an instance handle")
    lib.wasm_spec_instance_free(store)  # the wrong kind: ignored
    args = (CValue * 2)()
    args[0].kind, args[1].kind = 0, 99
    assert error(lib.wasm_spec_interpret(inst, b"add", 3, args, 2, byref(out), byref(n))) == \
        (USAGE, "unknown value kind 99")
    assert error(lib.wasm_spec_interpret(inst, b"\xff", 1, args, 2, byref(out), byref(n))) == \
        (USAGE, "name is not UTF-8")
    assert error(lib.wasm_spec_interpret(inst, None, 3, args, 2, byref(out), byref(n))) == (USAGE, "null name")
    limits = CLimits(engine=9)
    other = c_void_p(1234)
    assert error(lib.wasm_spec_instantiate(ADD, len(ADD), byref(limits), byref(other)))[1] == "unknown engine 9"
    assert other.value is None  # an out-pointer is cleared on failure
    limits = CLimits(budgets=1 << 5)
    assert error(lib.wasm_spec_instantiate(ADD, len(ADD), byref(limits), byref(other)))[1] == \
        "unknown budget bits 32"
    name, length, kind = POINTER(c_uint8)(), c_size_t(), c_uint32()
    assert error(lib.wasm_spec_export_at(inst, 1, byref(name), byref(length), byref(kind))) == \
        (USAGE, "export index 1 out of range")
    assert error(lib.wasm_spec_store_define_memory(store, b"m", 1, b"x", 1, 1 << 20, 1 << 21))[1] == \
        "size out of range"
    lib.wasm_spec_store_free(store)
    lib.wasm_spec_instance_free(inst)


def test_error_new():
    e = lib.wasm_spec_error_new(4, b"custom")
    assert error(e) == (4, "custom")
    e = lib.wasm_spec_error_new(77, None)
    assert error(e) == (USAGE, "")
