//! What wasmtime's crate lacks: typed errors, limits, reference values, stores with
//! linking and host functions, and 16 threads at once.

use std::sync::Arc;
use std::thread;
use wasm_spec_interpreter::typed::{
    interpret_legacy_with, wat_to_wasm, Engine, Error, ErrorKind, ExternKind, Instance, Limits, Ref, Store, Val, ValType,
};
use wasm_spec_interpreter::{instantiate, interpret, SpecValue};

fn wasm(text: &str) -> Vec<u8> {
    wat_to_wasm(text).unwrap()
}

fn kind(r: Result<impl std::fmt::Debug, Error>) -> (ErrorKind, String) {
    let e = r.unwrap_err();
    (e.kind, e.message)
}

#[test]
fn errors_are_typed() {
    let (k, m) = kind(Instance::new(&[0, 1, 2, 3], &Limits::default()));
    assert_eq!((k, m.as_str()), (ErrorKind::Malformed, "magic header not detected"));
    let (k, m) = kind(Instance::new(&wasm("(module (func (result i32)))"), &Limits::default()));
    assert_eq!(k, ErrorKind::Invalid);
    assert!(m.starts_with("type mismatch"), "{m}");
    let (k, m) = kind(Instance::new(&wasm(r#"(module (import "env" "f" (func)))"#), &Limits::default()));
    assert_eq!((k, m.as_str()), (ErrorKind::Link, "unknown import \"env\".\"f\""));
    let i = Instance::new(&wasm(r#"(module (func (export "d") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
        (tag $t) (func (export "throw") (throw $t)))"#), &Limits::default()).unwrap();
    let (k, m) = kind(i.invoke("d", Some(&[Val::I32(0)])));
    assert_eq!((k, m.as_str()), (ErrorKind::Trap, "integer divide by zero"));
    assert_eq!(kind(i.invoke("throw", None)).0, ErrorKind::Exception);
    let (k, m) = kind(i.invoke("d", Some(&[Val::I64(0)])));
    assert_eq!((k, m.as_str()), (ErrorKind::Usage, "wrong type of argument"));
    // The string form the compatible API returns.
    let si = instantiate(&wasm(r#"(module (func (export "u") unreachable))"#)).unwrap();
    assert_eq!(interpret(&si, "u", None), Err("trap: unreachable executed".to_string()));
}

#[test]
fn limits_bound_depth_and_steps() {
    let module = wasm(r#"(module (func $f (export "deep") (call $f)) (func (export "spin") (loop (br 0))))"#);
    for engine in [Engine::Reference, Engine::Compiled] {
        let limits = Limits { engine, max_call_depth: Some(300), fuel: Some(100_000), ..Limits::default() };
        let i = Instance::new(&module, &limits).unwrap();
        assert_eq!(kind(i.invoke("deep", None)), (ErrorKind::Exhaustion, "call stack exhausted".to_string()));
        assert_eq!(kind(i.invoke("spin", None)), (ErrorKind::Exhaustion, "step budget exhausted".to_string()));
        let (k, _) = kind(interpret_legacy_with(&module, None, &limits));
        assert_eq!(k, ErrorKind::Exhaustion);
    }
}

#[test]
fn budgets_bound_memory_tables_and_heap() {
    let module = wasm(r#"(module (memory 1) (table 1 funcref)
        (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
        (func (export "grow_table") (param i32) (result i32) (table.grow (ref.null func) (local.get 0))))"#);
    for engine in [Engine::Reference, Engine::Compiled] {
        let limits = Limits {
            engine,
            memory_bytes: Some(2 * 65536),
            table_elements: Some(3),
            gc_heap_bytes: Some(1 << 20),
            ..Limits::default()
        };
        let i = Instance::new(&module, &limits).unwrap();
        assert_eq!(i.invoke("grow", Some(&[Val::I32(1)])).unwrap(), vec![Val::I32(1)]);
        assert_eq!(i.invoke("grow", Some(&[Val::I32(1)])).unwrap(), vec![Val::I32(u32::MAX)]);
        assert_eq!(i.invoke("grow_table", Some(&[Val::I32(3)])).unwrap(), vec![Val::I32(u32::MAX)]);
        // A budget of 0 is one: the module's memory is not made.
        let none = Limits { engine, memory_bytes: Some(0), ..Limits::default() };
        assert_eq!(kind(Instance::new(&module, &none)), (ErrorKind::Trap, "out of memory".to_string()));
    }
}

#[test]
fn reference_values() {
    let i = Instance::new(&wasm(r#"(module
        (func (export "id") (param externref) (result externref) local.get 0)
        (func (export "null") (result funcref) ref.null func)
        (func $f (export "f") (result funcref) ref.func $f)
        (func (export "i31") (result i31ref) (ref.i31 (i32.const -1))))"#), &Limits::default()).unwrap();
    assert_eq!(i.invoke("id", Some(&[Val::Ref(Ref::Extern(7))])).unwrap(), vec![Val::Ref(Ref::Extern(7))]);
    assert_eq!(i.invoke("id", Some(&[Val::Ref(Ref::Null)])).unwrap(), vec![Val::Ref(Ref::Null)]);
    assert_eq!(i.invoke("null", None).unwrap(), vec![Val::Ref(Ref::Null)]);
    assert_eq!(i.invoke("f", None).unwrap(), vec![Val::Ref(Ref::Func)]);
    assert_eq!(i.invoke("i31", None).unwrap(), vec![Val::Ref(Ref::I31(0x7FFF_FFFF))]);
    assert_eq!(kind(i.invoke("id", Some(&[Val::Ref(Ref::Func)]))).0, ErrorKind::Usage);
    let names: Vec<_> = i.exports().into_iter().map(|(n, k)| (n, k == ExternKind::Func)).collect();
    assert_eq!(names.len(), 4);
    assert!(names.iter().all(|(_, f)| *f));
}

#[test]
fn store_links_modules_and_host_items() {
    let store = Store::new(&Limits::default()).unwrap();
    store
        .define_func("host", "mul", &[ValType::I32, ValType::I32], &[ValType::I32], |args, results| {
            match (args[0], args[1]) {
                (Val::I32(a), Val::I32(b)) if b != 0 => {
                    results[0] = Val::I32(a.wrapping_mul(b));
                    Ok(())
                }
                _ => Err(Error::new(ErrorKind::Trap, "multiplied by zero")),
            }
        })
        .unwrap();
    store.define_global("host", "base", ValType::I64, false, Val::I64(1000)).unwrap();
    store.define_memory("host", "mem", 1, Some(2)).unwrap();
    store.define_table("host", "tab", ValType::ExternRef, 3, None, Ref::Extern(5)).unwrap();
    let a = store.instantiate(&wasm(r#"(module (func (export "inc") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))"#)).unwrap();
    store.register("A", &a).unwrap();
    let b = store
        .instantiate(&wasm(r#"(module
            (import "host" "mul" (func $mul (param i32 i32) (result i32)))
            (import "A" "inc" (func $inc (param i32) (result i32)))
            (import "host" "base" (global $base i64))
            (import "host" "mem" (memory 1))
            (import "host" "tab" (table 3 externref))
            (func (export "f") (param i32 i32) (result i32) (call $inc (call $mul (local.get 0) (local.get 1))))
            (func (export "base") (result i64) (global.get $base))
            (func (export "poke") (i32.store8 (i32.const 9) (i32.const 99)))
            (func (export "tab") (result externref) (table.get 0 (i32.const 2))))"#))
        .unwrap();
    assert_eq!(b.invoke("f", Some(&[Val::I32(6), Val::I32(7)])).unwrap(), vec![Val::I32(43)]);
    assert_eq!(kind(b.invoke("f", Some(&[Val::I32(6), Val::I32(0)]))), (ErrorKind::Trap, "multiplied by zero".into()));
    assert_eq!(b.invoke("base", None).unwrap(), vec![Val::I64(1000)]);
    assert_eq!(b.invoke("tab", None).unwrap(), vec![Val::Ref(Ref::Extern(5))]);
    b.invoke("poke", None).unwrap();
    // A second importer sees the same host memory.
    let c = store
        .instantiate(&wasm(r#"(module (import "host" "mem" (memory 1)) (export "mem" (memory 0)))"#))
        .unwrap();
    assert_eq!(c.memory("mem").unwrap()[9], 99);
    assert_eq!(kind(store.instantiate(&wasm(r#"(module (import "B" "x" (func)))"#))).0, ErrorKind::Link);
    // An instance of another store cannot be registered here.
    let other = Instance::new(&wasm("(module)"), &Limits::default()).unwrap();
    assert_eq!(kind(store.register("O", &other)).0, ErrorKind::Usage);
}

#[test]
fn sixteen_threads_at_once() {
    let module = Arc::new(wasm(r#"(module (global (export "n") (mut i32) (i32.const 0))
        (func (export "add") (param i32 i32) (result i32)
          (global.set 0 (i32.add (global.get 0) (i32.const 1)))
          (i32.add (local.get 0) (local.get 1))))"#));
    let shared = Arc::new(instantiate(&module).unwrap());
    let threads: Vec<_> = (0..16)
        .map(|t| {
            let (module, shared) = (module.clone(), shared.clone());
            thread::spawn(move || {
                for i in 0..200 {
                    // An instance of its own, and one shared by all threads.
                    let own = instantiate(&module).unwrap();
                    let r = interpret(&own, "add", Some(vec![SpecValue::I32(t), SpecValue::I32(i)])).unwrap();
                    assert_eq!(r, vec![SpecValue::I32(t + i)]);
                    let r = interpret(&shared, "add", Some(vec![SpecValue::I32(i), SpecValue::I32(t)])).unwrap();
                    assert_eq!(r, vec![SpecValue::I32(t + i)]);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    // Every call on the shared instance counted once.
    assert_eq!(shared.typed().global("n").unwrap(), Val::I32(16 * 200));
}
