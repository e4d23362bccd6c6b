"""Finding and loading the C ABI (libCWasmSpec.so) and declaring its functions.

The library is `$WASM_SPEC_LIB` when set; otherwise the newest of the Swift package's
builds (`.build/release`, `.build/debug`, `.build-rust/...`) above this folder; otherwise
it is built with `swift build --product CWasmSpec`.
"""

import ctypes
import os
import shutil
import subprocess
from ctypes import POINTER, c_char_p, c_int, c_size_t, c_uint8, c_uint32, c_uint64, c_void_p


class Payload(ctypes.Union):
    _fields_ = [("i32", c_uint32), ("i64", c_uint64), ("f32", c_uint32), ("f64", c_uint64),
                ("v128", c_uint8 * 16), ("ref", c_uint32)]


class CValue(ctypes.Structure):
    _fields_ = [("kind", c_uint32), ("reserved", c_uint32), ("of", Payload)]


class CLimits(ctypes.Structure):
    _fields_ = [("engine", c_uint32), ("budgets", c_uint32), ("max_call_depth", c_uint64),
                ("fuel", c_uint64), ("stack_slots", c_uint64), ("memory_bytes", c_uint64),
                ("table_elements", c_uint64), ("gc_heap_bytes", c_uint64)]


# The bits of CLimits.budgets (wasm_spec_budget): which budgets are set.
BUDGET_BITS = {"memory_bytes": 1 << 0, "table_elements": 1 << 1, "gc_heap_bytes": 1 << 2}


HOST_FUNC = ctypes.CFUNCTYPE(c_void_p, c_void_p, POINTER(CValue), c_size_t, POINTER(CValue), c_size_t)
FINALIZER = ctypes.CFUNCTYPE(None, c_void_p)


def _package_root():
    d = os.path.dirname(os.path.abspath(__file__))
    while d != os.path.dirname(d):
        if os.path.exists(os.path.join(d, "Package.swift")):
            return d
        d = os.path.dirname(d)
    return None


def _find():
    env = os.environ.get("WASM_SPEC_LIB")
    if env:
        return env
    root = _package_root()
    if root is None:
        raise OSError("libCWasmSpec.so not found: set WASM_SPEC_LIB")
    candidates = [os.path.join(root, b, c, "libCWasmSpec.so")
                  for b in (".build", ".build-rust") for c in ("release", "debug")]
    found = [c for c in candidates if os.path.exists(c)]
    if found:
        return max(found, key=os.path.getmtime)
    swift = shutil.which("swift") or "/opt/swift/usr/bin/swift"
    subprocess.run([swift, "build", "--product", "CWasmSpec"], cwd=root, check=True)
    return os.path.join(root, ".build", "debug", "libCWasmSpec.so")


def _declare(lib):
    err = c_void_p
    sig = {
        "wasm_spec_error_kind": (c_uint32, [c_void_p]),
        "wasm_spec_error_message": (c_char_p, [c_void_p]),
        "wasm_spec_error_free": (None, [c_void_p]),
        "wasm_spec_error_new": (err, [c_uint32, c_char_p]),
        "wasm_spec_values_free": (None, [c_void_p]),
        "wasm_spec_bytes_free": (None, [c_void_p]),
        "wasm_spec_instantiate": (err, [c_char_p, c_size_t, POINTER(CLimits), POINTER(c_void_p)]),
        "wasm_spec_instance_free": (None, [c_void_p]),
        "wasm_spec_interpret": (err, [c_void_p, c_char_p, c_size_t, POINTER(CValue), c_size_t,
                                      POINTER(POINTER(CValue)), POINTER(c_size_t)]),
        "wasm_spec_interpret_legacy": (err, [c_char_p, c_size_t, POINTER(CLimits), POINTER(CValue), c_size_t,
                                             POINTER(POINTER(CValue)), POINTER(c_size_t)]),
        "wasm_spec_global_get": (err, [c_void_p, c_char_p, c_size_t, POINTER(CValue)]),
        "wasm_spec_memory_copy": (err, [c_void_p, c_char_p, c_size_t, POINTER(POINTER(c_uint8)), POINTER(c_size_t)]),
        "wasm_spec_memory_size": (err, [c_void_p, c_char_p, c_size_t, POINTER(c_uint64)]),
        "wasm_spec_memory_read": (err, [c_void_p, c_char_p, c_size_t, c_uint64, c_void_p, c_size_t]),
        "wasm_spec_export_kind": (err, [c_void_p, c_char_p, c_size_t, POINTER(c_uint32)]),
        "wasm_spec_export_count": (c_size_t, [c_void_p]),
        "wasm_spec_export_at": (err, [c_void_p, c_size_t, POINTER(POINTER(c_uint8)), POINTER(c_size_t),
                                      POINTER(c_uint32)]),
        "wasm_spec_types_free": (None, [c_void_p]),
        "wasm_spec_func_type": (err, [c_void_p, c_char_p, c_size_t, POINTER(POINTER(c_uint32)), POINTER(c_size_t),
                                      POINTER(POINTER(c_uint32)), POINTER(c_size_t)]),
        "wasm_spec_wat_to_wasm": (err, [c_char_p, c_size_t, POINTER(POINTER(c_uint8)), POINTER(c_size_t)]),
        "wasm_spec_store_new": (err, [POINTER(CLimits), POINTER(c_void_p)]),
        "wasm_spec_store_free": (None, [c_void_p]),
        "wasm_spec_store_instantiate": (err, [c_void_p, c_char_p, c_size_t, POINTER(c_void_p)]),
        "wasm_spec_store_instantiate_text": (err, [c_void_p, c_char_p, c_size_t, POINTER(c_void_p)]),
        "wasm_spec_store_register": (err, [c_void_p, c_char_p, c_size_t, c_void_p]),
        "wasm_spec_store_define_func": (err, [c_void_p, c_char_p, c_size_t, c_char_p, c_size_t,
                                              POINTER(c_uint32), c_size_t, POINTER(c_uint32), c_size_t,
                                              HOST_FUNC, c_void_p, FINALIZER]),
        "wasm_spec_store_define_global": (err, [c_void_p, c_char_p, c_size_t, c_char_p, c_size_t,
                                                c_uint32, c_int, POINTER(CValue)]),
        "wasm_spec_store_define_memory": (err, [c_void_p, c_char_p, c_size_t, c_char_p, c_size_t,
                                                c_uint64, c_uint64]),
        "wasm_spec_store_define_table": (err, [c_void_p, c_char_p, c_size_t, c_char_p, c_size_t,
                                               c_uint32, c_uint64, c_uint64, POINTER(CValue)]),
    }
    for name, (restype, argtypes) in sig.items():
        f = getattr(lib, name)
        f.restype = restype
        f.argtypes = argtypes
    return lib


path = _find()
lib = _declare(ctypes.CDLL(path))
