"""The Python module: the four reference functions, typed errors, limits, the Store
with linking and host items, and threads."""

import threading

import pytest

import wasm_spec as ws

ADD = ws.wat_to_wasm('(module (func (export "add") (param i32 i32) (result i32) '
                     '(i32.add (local.get 0) (local.get 1))))')
MEMORY = ws.wat_to_wasm('''(module (memory (export "mem") 1) (global (export "g") (mut i64) (i64.const -1))
  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1))
    (global.set 0 (i64.extend_i32_u (local.get 1))))
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func $f (export "deep") (call $f))
  (func (export "spin") (loop (br 0)))
  (func (export "v") (param v128) (result v128) (v128.not (local.get 0)))
  (func (export "floats") (param f32 f64) (result f64 f32) (local.get 1) (local.get 0)))''')


def test_add_and_legacy():
    inst = ws.instantiate(ADD)
    assert ws.interpret(inst, "add", [ws.i32(42), ws.i32(1)]) == [ws.i32(43)]
    assert ws.interpret(inst, "add", [ws.i32(-1), ws.i32(1)]) == [ws.i32(0)]
    assert ws.interpret(inst, "add") == [ws.i32(0)]
    assert ws.interpret_legacy(ADD, [ws.i32(20), ws.i32(23)]) == [ws.i32(43)]
    assert ws.interpret_legacy(ADD) == [ws.i32(0)]


def test_exports_after_calls():
    inst = ws.instantiate(MEMORY)
    assert ws.export(inst, "g") == ws.i64(-1)
    ws.interpret(inst, "store", [ws.i32(4), ws.i32(42)])
    mem = ws.export(inst, "mem")
    assert len(mem) == 65536 and mem[4] == 42 and mem[3] == 0 and mem[5] == 0
    assert ws.export(inst, "g") == ws.i64(42)
    assert [k for _, k in inst.exports()] == ["memory", "global", "func", "func", "func", "func", "func", "func"]
    with pytest.raises(ws.UsageError):
        ws.export(inst, "div")
    assert inst.memory_size("mem") == 65536
    assert inst.read_memory("mem", 2, 4) == bytes([0, 0, 42, 0])
    with pytest.raises(ws.UsageError, match="out of bounds memory read"):
        inst.read_memory("mem", 65535, 2)
    assert inst.func_type("v") == (["v128"], ["v128"])
    assert inst.func_type("floats") == (["f32", "f64"], ["f64", "f32"])
    refs = ws.instantiate(ws.wat_to_wasm('(module (type $s (struct)) (func (export "r") (param funcref externref '
                                         '(ref $s) i31ref exnref) (result (ref func))  unreachable))'))
    assert refs.func_type("r") == (["funcref", "externref", "anyref nonnull", "anyref", "exnref"], ["funcref nonnull"])


def test_values_cross_as_bits():
    inst = ws.instantiate(MEMORY)
    assert ws.interpret(inst, "v", [ws.v128(bytes(range(16)))]) == [ws.v128(bytes(255 - b for b in range(16)))]
    nan, neg_zero = 0x7FA0_0001, 1 << 63
    assert ws.interpret(inst, "floats", [ws.f32(nan), ws.f64(neg_zero)]) == [ws.f64(neg_zero), ws.f32(nan)]


def test_typed_errors():
    with pytest.raises(ws.MalformedError, match="magic header not detected"):
        ws.instantiate(b"\0asn")
    with pytest.raises(ws.InvalidError, match="type mismatch"):
        ws.instantiate(ws.wat_to_wasm("(module (func (result i32)))"))
    with pytest.raises(ws.LinkError, match='unknown import "env"."f"'):
        ws.instantiate(ws.wat_to_wasm('(module (import "env" "f" (func)))'))
    inst = ws.instantiate(MEMORY, ws.Limits(fuel=10_000, max_call_depth=300))
    with pytest.raises(ws.TrapError) as e:
        ws.interpret(inst, "div", [ws.i32(1), ws.i32(0)])
    assert e.value.message == "integer divide by zero" and str(e.value) == "trap: integer divide by zero"
    with pytest.raises(ws.TrapError, match="integer overflow"):
        ws.interpret(inst, "div", [ws.i32(-2**31), ws.i32(-1)])
    with pytest.raises(ws.ExhaustionError, match="call stack exhausted"):
        ws.interpret(inst, "deep")
    with pytest.raises(ws.ExhaustionError, match="step budget exhausted"):
        ws.interpret(inst, "spin")
    with pytest.raises(ws.UsageError, match="wrong number of arguments"):
        ws.interpret(inst, "div", [ws.i32(1)])
    with pytest.raises(ws.UsageError, match="undefined export"):
        ws.interpret(inst, "nope")
    with pytest.raises(ws.UsageError, match="16 bytes"):
        ws.interpret(inst, "v", [ws.Value("v128", b"123")])
    with pytest.raises(ws.UsageError):
        ws.Limits(engine="fast")


@pytest.mark.parametrize("engine", ["reference", "compiled"])
def test_budgets(engine):
    grow = ws.wat_to_wasm('(module (memory 1) (func (export "grow") (param i32) (result i32)'
                          ' (memory.grow (local.get 0))))')
    limits = ws.Limits(engine=engine, memory_bytes=2 * 65536, table_elements=10, gc_heap_bytes=1 << 20)
    inst = ws.instantiate(grow, limits)
    assert ws.interpret(inst, "grow", [ws.i32(1)]) == [ws.i32(1)]
    assert ws.interpret(inst, "grow", [ws.i32(1)]) == [ws.i32(0xFFFF_FFFF)]
    with pytest.raises(ws.TrapError, match="out of memory"):
        ws.instantiate(grow, ws.Limits(engine=engine, memory_bytes=0))


@pytest.mark.parametrize("engine", ["reference", "compiled"])
def test_store_links_modules_and_host_items(engine):
    store = ws.Store(ws.Limits(engine=engine))
    calls = []

    def mul(a, b):
        calls.append((a, b))
        if b.bits == 0:
            raise ws.TrapError("multiplied by zero")
        return ws.i32(a.bits * b.bits)

    store.define_func("host", "mul", ["i32", "i32"], ["i32"], mul)
    store.define_global("host", "base", "i64", ws.i64(1000))
    store.define_memory("host", "mem", 1, 2)
    store.define_table("host", "tab", "externref", 3, initial=ws.ref_extern(5))
    a = store.instantiate('(module (func (export "inc") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))')
    with pytest.raises(ws.LinkError):
        store.instantiate('(module (import "A" "inc" (func (param i32) (result i32))))')
    store.register("A", a)
    b = store.instantiate('''(module
        (import "host" "mul" (func $mul (param i32 i32) (result i32)))
        (import "A" "inc" (func $inc (param i32) (result i32)))
        (import "host" "base" (global $base i64)) (import "host" "mem" (memory 1))
        (import "host" "tab" (table 3 externref)) (import "spectest" "print_i32" (func (param i32)))
        (func (export "f") (param i32 i32) (result i32) (call $inc (call $mul (local.get 0) (local.get 1))))
        (func (export "base") (result i64) (global.get $base))
        (func (export "tab") (result externref) (table.get 0 (i32.const 2))))''')
    assert b.invoke("f", [ws.i32(6), ws.i32(7)]) == [ws.i32(43)]
    with pytest.raises(ws.TrapError, match="multiplied by zero"):
        b.invoke("f", [ws.i32(6), ws.i32(0)])
    assert b.invoke("base") == [ws.i64(1000)]
    assert b.invoke("tab") == [ws.ref_extern(5)]
    assert len(calls) == 2
    with pytest.raises(ws.LinkError, match="incompatible import type"):
        store.instantiate('(module (import "host" "mul" (func (param i64))))')
    with pytest.raises(ws.UsageError, match="instance from another store"):
        store.register("X", ws.instantiate(ADD))


def test_host_function_failures_become_traps():
    store = ws.Store()
    store.define_func("h", "bad", [], ["i32"], lambda: [])
    store.define_func("h", "boom", [], [], lambda: 1 / 0)
    inst = store.instantiate('''(module (import "h" "bad" (func $bad (result i32))) (import "h" "boom" (func $boom))
        (func (export "bad") (result i32) (call $bad)) (func (export "boom") (call $boom)))''')
    with pytest.raises(ws.TrapError, match="wrong number of results"):
        inst.invoke("bad")
    with pytest.raises(ws.TrapError, match="host function failed"):
        inst.invoke("boom")


def test_sixteen_threads():
    shared = ws.instantiate(ADD)
    failures = []

    def work(t):
        for i in range(100):
            own = ws.instantiate(ADD)
            if ws.interpret(own, "add", [ws.i32(t), ws.i32(i)]) != [ws.i32(t + i)]:
                failures.append((t, i))
            if ws.interpret(shared, "add", [ws.i32(i), ws.i32(t)]) != [ws.i32(t + i)]:
                failures.append((t, i))

    threads = [threading.Thread(target=work, args=(t,)) for t in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


def test_a_memory_past_two_gibibytes_copies_whole():
    # ctypes.string_at takes a C int length: a 4 GiB memory once came back as no bytes.
    inst = ws.Store().instantiate('(module (memory (export "m") 1) '
                                  '(func (export "g") (result i32) (memory.grow (i32.const 32768))))')
    assert inst.invoke("g") == [ws.i32(1)]
    mem = inst.memory("m")
    assert len(mem) == (1 << 31) + (1 << 16) and mem[-1] == 0
