"""WasmSpec from Python: the WebAssembly reference interpreter's semantics and messages,
through the C ABI with ctypes (no compiled extension).

The four reference functions::

    inst = wasm_spec.instantiate(wasm_bytes)
    wasm_spec.interpret(inst, "add", [wasm_spec.i32(1), wasm_spec.i32(2)])  # [Value('i32', 3)]
    wasm_spec.export(inst, "mem")            # bytes for a memory, a Value for a global
    wasm_spec.interpret_legacy(wasm_bytes)   # the first export, parameters zero

and a `Store` in which modules are linked by name and host items defined. Errors are
`WasmError` subclasses (`TrapError`, `LinkError`...) carrying the reference's message.
The library releases the GIL while it runs, so threads run in parallel.
"""

import ctypes
from collections import namedtuple
from ctypes import POINTER, byref, c_size_t, c_uint8, c_uint32, c_void_p

from ._library import BUDGET_BITS, CLimits, CValue, FINALIZER, HOST_FUNC, lib

__all__ = [
    "Value", "Limits", "Instance", "Store", "instantiate", "interpret", "interpret_legacy", "export",
    "wat_to_wasm", "i32", "i64", "f32", "f64", "v128", "ref_null", "ref_extern", "ref_host",
    "WasmError", "MalformedError", "InvalidError", "LinkError", "TrapError", "ExhaustionError",
    "ExceptionError", "CrashError", "UsageError",
]

# ------------------------------------------------------------------ errors


class WasmError(Exception):
    """An error of WasmSpec: `kind` ("trap", "link"...) and the reference's `message`."""

    kind = "usage"

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def __str__(self):
        return f"{self.kind}: {self.message}"


class MalformedError(WasmError):
    kind = "malformed"


class InvalidError(WasmError):
    kind = "invalid"


class LinkError(WasmError):
    kind = "link"


class TrapError(WasmError):
    kind = "trap"


class ExhaustionError(WasmError):
    kind = "exhaustion"


class ExceptionError(WasmError):
    kind = "exception"


class CrashError(WasmError):
    kind = "crash"


class UsageError(WasmError):
    kind = "usage"


_ERRORS = {1: MalformedError, 2: InvalidError, 3: LinkError, 4: TrapError, 5: ExhaustionError,
           6: ExceptionError, 7: CrashError, 8: UsageError}
_CODES = {cls: code for code, cls in _ERRORS.items()}


def _check(err):
    if not err:
        return
    kind = lib.wasm_spec_error_kind(err)
    message = lib.wasm_spec_error_message(err).decode("utf-8", "replace")
    lib.wasm_spec_error_free(err)
    raise _ERRORS.get(kind, UsageError)(message)


# ------------------------------------------------------------------ values

Value = namedtuple("Value", "type bits")
Value.__doc__ = """A value: `type` is 'i32', 'i64', 'f32', 'f64' (bits are the IEEE
754 bit pattern), 'v128' (bits are 16 bytes, lane 0 first), or a reference kind:
'ref.null', 'ref.extern' and 'ref.host' (bits: the host number), 'ref.i31',
'ref.func', 'ref.struct', 'ref.array', 'ref.exn', 'ref.extern_other' (opaque, bits 0)."""

_KINDS = ["i32", "i64", "f32", "f64", "v128", "ref.null", "ref.extern", "ref.host", "ref.i31",
          "ref.func", "ref.struct", "ref.array", "ref.exn", "ref.extern_other"]
_KIND_CODES = {k: i for i, k in enumerate(_KINDS)}


def i32(x):
    """An i32 from an int (taken modulo 2^32)."""
    return Value("i32", x & 0xFFFF_FFFF)


def i64(x):
    """An i64 from an int (taken modulo 2^64)."""
    return Value("i64", x & 0xFFFF_FFFF_FFFF_FFFF)


def f32(bits):
    """An f32 from its bit pattern."""
    return Value("f32", bits & 0xFFFF_FFFF)


def f64(bits):
    """An f64 from its bit pattern."""
    return Value("f64", bits & 0xFFFF_FFFF_FFFF_FFFF)


def v128(data):
    """A v128 from 16 bytes, or from an int (little-endian)."""
    if isinstance(data, int):
        data = (data & ((1 << 128) - 1)).to_bytes(16, "little")
    return Value("v128", bytes(data))


def ref_null():
    return Value("ref.null", 0)


def ref_extern(n):
    """`ref.extern n`."""
    return Value("ref.extern", n)


def ref_host(n):
    """`ref.host n`."""
    return Value("ref.host", n)


def _to_c(v, out):
    if not isinstance(v, Value) or v.type not in _KIND_CODES:
        raise UsageError(f"not a value: {v!r}")
    out.kind = _KIND_CODES[v.type]
    if v.type == "v128":
        data = bytes(v.bits)
        if len(data) != 16:
            raise UsageError(f"a v128 value has 16 bytes, not {len(data)}")
        ctypes.memmove(out.of.v128, data, 16)
    elif v.type in ("i64", "f64"):
        out.of.i64 = v.bits
    elif v.type in ("i32", "f32"):
        out.of.i32 = v.bits
    else:
        out.of.ref = v.bits


def _from_c(c):
    kind = _KINDS[c.kind] if c.kind < len(_KINDS) else "ref.null"
    if kind == "v128":
        return Value(kind, bytes(c.of.v128))
    if kind in ("i64", "f64"):
        return Value(kind, c.of.i64)
    if kind in ("i32", "f32"):
        return Value(kind, c.of.i32)
    if kind in ("ref.extern", "ref.host", "ref.i31"):
        return Value(kind, c.of.ref)
    return Value(kind, 0)


def _args(values):
    """The C arguments: (array, count); count is SIZE_MAX (zeroes) for None."""
    if values is None:
        return None, ctypes.c_size_t(-1).value
    values = list(values)
    array = (CValue * max(len(values), 1))()
    for k, v in enumerate(values):
        _to_c(v, array[k])
    return array, len(values)


def _take_values(p, n):
    try:
        return [_from_c(p[k]) for k in range(n.value)]
    finally:
        lib.wasm_spec_values_free(p)


def _take_bytes(p, n):
    try:
        # Not ctypes.string_at: its length is a C int, so 4 GiB would read as 0 bytes.
        return bytes((ctypes.c_uint8 * n.value).from_address(ctypes.addressof(p.contents))) if n.value else b""
    finally:
        lib.wasm_spec_bytes_free(p)


def _name(s):
    data = s.encode("utf-8") if isinstance(s, str) else bytes(s)
    return data, len(data)


# ------------------------------------------------------------------ limits

class Limits:
    """Limits of a store: `engine` ('reference' or 'compiled'), `max_call_depth`
    (frames, default 100000), `fuel` (steps per invocation, default none),
    `stack_slots` (default 16M), and budgets the store's objects share (default none
    short of the machine's): `memory_bytes` of linear memory, `table_elements`, and
    `gc_heap_bytes` of structures, arrays and other collected objects. A memory or table
    past its budget is not made ("out of memory"); a grow past it returns -1; a
    collected object that does not fit traps "out of memory"."""

    def __init__(self, engine="reference", max_call_depth=None, fuel=None, stack_slots=None,
                 memory_bytes=None, table_elements=None, gc_heap_bytes=None):
        if engine not in ("reference", "compiled"):
            raise UsageError(f"unknown engine {engine}")
        self.engine, self.max_call_depth, self.fuel, self.stack_slots = engine, max_call_depth, fuel, stack_slots
        self.memory_bytes, self.table_elements, self.gc_heap_bytes = memory_bytes, table_elements, gc_heap_bytes

    def _c(self):
        c = CLimits(engine=0 if self.engine == "reference" else 1, max_call_depth=self.max_call_depth or 0,
                    fuel=max(self.fuel, 1) if self.fuel is not None else 0, stack_slots=self.stack_slots or 0)
        # A budget reaches the C ABI only with its bit set, so that 0 is a budget of 0.
        for field, bit in BUDGET_BITS.items():
            value = getattr(self, field)
            if value is not None:
                setattr(c, field, value)
                c.budgets |= bit
        return c


def _limits(limits):
    return byref(limits._c()) if limits is not None else None


# ------------------------------------------------------------------ instances

_EXTERN_KINDS = ["func", "table", "memory", "global", "tag"]


class Instance:
    """An instantiated module; it keeps its store alive."""

    def __init__(self, handle, store=None):
        self._handle = handle
        self._store = store  # keeps a Store's host callbacks alive

    def __del__(self):
        if getattr(self, "_handle", None):
            lib.wasm_spec_instance_free(self._handle)
            self._handle = None

    def invoke(self, name, args=None):
        """Calls the exported function `name`; `args=None` passes zeroes."""
        array, count = _args(args)
        out, n = POINTER(CValue)(), c_size_t()
        nm, ln = _name(name)
        _check(lib.wasm_spec_interpret(self._handle, nm, ln, array, count, byref(out), byref(n)))
        return _take_values(out, n)

    def global_value(self, name):
        """The current value of the exported global `name`."""
        v = CValue()
        nm, ln = _name(name)
        _check(lib.wasm_spec_global_get(self._handle, nm, ln, byref(v)))
        return _from_c(v)

    def memory(self, name):
        """A copy of the exported memory `name`, as bytes."""
        out, n = POINTER(c_uint8)(), c_size_t()
        nm, ln = _name(name)
        _check(lib.wasm_spec_memory_copy(self._handle, nm, ln, byref(out), byref(n)))
        return _take_bytes(out, n)

    def func_type(self, name):
        """(params, results) of the exported function `name`: 'i32', 'i64', 'f32',
        'f64', 'v128', or a reference type as its family 'funcref', 'externref',
        'anyref' or 'exnref', with ' nonnull' appended when it is not nullable."""
        p, pn, r, rn = POINTER(c_uint32)(), c_size_t(), POINTER(c_uint32)(), c_size_t()
        nm, ln = _name(name)
        _check(lib.wasm_spec_func_type(self._handle, nm, ln, byref(p), byref(pn), byref(r), byref(rn)))
        try:
            return [_type_name(p[k]) for k in range(pn.value)], [_type_name(r[k]) for k in range(rn.value)]
        finally:
            lib.wasm_spec_types_free(p)
            lib.wasm_spec_types_free(r)

    def memory_size(self, name):
        """The size in bytes of the exported memory `name`."""
        size = ctypes.c_uint64()
        nm, ln = _name(name)
        _check(lib.wasm_spec_memory_size(self._handle, nm, ln, byref(size)))
        return size.value

    def read_memory(self, name, offset, count, buffer=None):
        """`count` bytes of the exported memory `name` from `offset`, as bytes; or into
        `buffer` (a ctypes array of at least `count` bytes), which is returned."""
        out = buffer if buffer is not None else (c_uint8 * max(count, 1))()
        nm, ln = _name(name)
        _check(lib.wasm_spec_memory_read(self._handle, nm, ln, offset, out, count))
        return out if buffer is not None else bytes(out)[:count]

    def exports(self):
        """[(name, kind)] with kind 'func', 'table', 'memory', 'global' or 'tag'."""
        result = []
        for k in range(lib.wasm_spec_export_count(self._handle)):
            out, n, kind = POINTER(c_uint8)(), c_size_t(), c_uint32()
            _check(lib.wasm_spec_export_at(self._handle, k, byref(out), byref(n), byref(kind)))
            result.append((_take_bytes(out, n).decode("utf-8"), _EXTERN_KINDS[kind.value]))
        return result


def instantiate(module, limits=None):
    """Decodes, validates and instantiates a binary module in a new store."""
    data = bytes(module)
    handle = c_void_p()
    _check(lib.wasm_spec_instantiate(data, len(data), _limits(limits), byref(handle)))
    return Instance(handle)


def interpret(instance, name, args=None):
    """Calls the exported function `name` of `instance`; `args=None` passes zeroes."""
    return instance.invoke(name, args)


def interpret_legacy(module, args=None, limits=None):
    """Instantiates a binary module and calls its first exported function."""
    data = bytes(module)
    array, count = _args(args)
    out, n = POINTER(CValue)(), c_size_t()
    _check(lib.wasm_spec_interpret_legacy(data, len(data), _limits(limits), array, count, byref(out), byref(n)))
    return _take_values(out, n)


def export(instance, name):
    """An exported global's current `Value`, or an exported memory's bytes."""
    kind = c_uint32()
    nm, ln = _name(name)
    _check(lib.wasm_spec_export_kind(instance._handle, nm, ln, byref(kind)))
    if _EXTERN_KINDS[kind.value] == "global":
        return instance.global_value(name)
    if _EXTERN_KINDS[kind.value] == "memory":
        return instance.memory(name)
    raise UsageError(f'export "{name}" is neither a global nor a memory')


def wat_to_wasm(text):
    """A text module encoded in the binary format (not validated)."""
    data = text.encode("utf-8")
    out, n = POINTER(c_uint8)(), c_size_t()
    _check(lib.wasm_spec_wat_to_wasm(data, len(data), byref(out), byref(n)))
    return _take_bytes(out, n)


# ------------------------------------------------------------------ stores

_VALTYPES = {"i32": 0, "i64": 1, "f32": 2, "f64": 3, "v128": 4, "funcref": 5, "externref": 6, "anyref": 7}
_NO_MAX = (1 << 64) - 1


def _type_name(code):
    names = ["i32", "i64", "f32", "f64", "v128", "funcref", "externref", "anyref", "exnref"]
    name = names[code & 0xFF] if (code & 0xFF) < len(names) else "anyref"
    return name + (" nonnull" if code & 0x100 else "")


def _valtype(t):
    if t not in _VALTYPES:
        raise UsageError(f"unknown value type {t}")
    return _VALTYPES[t]


class Store:
    """A store in which modules are instantiated and linked by name, and host
    functions, globals, memories and tables are defined. `spectest` is importable
    until something is registered under that name."""

    def __init__(self, limits=None):
        handle = c_void_p()
        _check(lib.wasm_spec_store_new(_limits(limits), byref(handle)))
        self._handle = handle
        self._callbacks = []  # ctypes callbacks must outlive every call

    def __del__(self):
        if getattr(self, "_handle", None):
            lib.wasm_spec_store_free(self._handle)
            self._handle = None

    def instantiate(self, module):
        """Instantiates a binary module (bytes) or a text module (str) here."""
        handle = c_void_p()
        if isinstance(module, str):
            data = module.encode("utf-8")
            _check(lib.wasm_spec_store_instantiate_text(self._handle, data, len(data), byref(handle)))
        else:
            data = bytes(module)
            _check(lib.wasm_spec_store_instantiate(self._handle, data, len(data), byref(handle)))
        return Instance(handle, self)

    def register(self, name, instance):
        """Makes `instance`'s exports importable under the module name `name`."""
        nm, ln = _name(name)
        _check(lib.wasm_spec_store_register(self._handle, nm, ln, instance._handle))

    def define_func(self, module, name, params, results, fn):
        """Defines a host function: `fn(*args)` gets `Value`s and returns a list of
        `Value`s (or one `Value`); raising a `WasmError` traps (an `ExhaustionError`
        exhausts). It must not call into this store."""
        result_types = list(results)

        def call(env, args, nargs, out, nout):
            try:
                values = fn(*[_from_c(args[k]) for k in range(nargs)])
                if isinstance(values, Value):
                    values = [values]
                values = list(values or [])
                if len(values) != nout:
                    raise TrapError("host function returned the wrong number of results")
                for k, v in enumerate(values):
                    _to_c(v, out[k])
                return None
            except WasmError as e:
                return lib.wasm_spec_error_new(_CODES.get(type(e), 4), e.message.encode("utf-8"))
            except Exception as e:  # any other failure of the host function is a trap
                return lib.wasm_spec_error_new(4, f"host function failed: {e}".encode("utf-8"))

        callback = HOST_FUNC(call)
        self._callbacks.append(callback)
        p = (c_uint32 * max(len(params), 1))(*[_valtype(t) for t in params])
        r = (c_uint32 * max(len(result_types), 1))(*[_valtype(t) for t in result_types])
        m, ml = _name(module)
        nm, nl = _name(name)
        _check(lib.wasm_spec_store_define_func(self._handle, m, ml, nm, nl, p, len(params), r, len(result_types),
                                               callback, None, FINALIZER()))

    def define_global(self, module, name, type, value, mutable=False):
        """Defines a global holding `value` (a `Value`)."""
        v = CValue()
        _to_c(value, v)
        m, ml = _name(module)
        nm, nl = _name(name)
        _check(lib.wasm_spec_store_define_global(self._handle, m, ml, nm, nl, _valtype(type), int(mutable), byref(v)))

    def define_memory(self, module, name, min, max=None):
        """Defines a memory of `min` pages (at most `max`)."""
        m, ml = _name(module)
        nm, nl = _name(name)
        _check(lib.wasm_spec_store_define_memory(self._handle, m, ml, nm, nl, min, _NO_MAX if max is None else max))

    def define_table(self, module, name, elem_type, min, max=None, initial=None):
        """Defines a table of `min` elements of a reference type, each `initial`."""
        v = CValue()
        _to_c(initial or ref_null(), v)
        m, ml = _name(module)
        nm, nl = _name(name)
        _check(lib.wasm_spec_store_define_table(self._handle, m, ml, nm, nl, _valtype(elem_type), min,
                                                _NO_MAX if max is None else max, byref(v)))
