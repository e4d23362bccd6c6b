// Type definitions and casts at two sizes each, to show that the time grows linearly
// with the number of types (repeated, or as identical recursion groups) and only
// logarithmically with the depth of a subtype chain that casts climb.
import WasmSpec

/// A module of `n` types `(type (func))`, encoded.
private func repeatedTypes(_ n: Int) -> [UInt8] {
    Module(types: Array(repeating: RecType([SubType(.func(FuncType()))]), count: n)).encode()
}

/// A module of `n` identical groups of 100 struct types, each referring to the next
/// member of its group, encoded.
private func identicalGroups(_ n: Int) -> [UInt8] {
    let types = (0 ..< n).map { g in
        RecType((0 ..< 100).map { i in
            let next = HeapType.index(UInt32(g * 100 + (i + 1) % 100))
            return SubType(.struct([FieldType(mutable: false, .val(.ref(RefType(nullable: true, next))))]))
        })
    }
    return Module(types: types).encode()
}

/// A module with a chain of `depth + 1` struct types and `run(n)`, which tests an
/// object of the deepest type against the top of the chain `n` times.
private func chainModule(depth: Int) -> String {
    var text = "(module (type $t0 (sub (struct)))\n"
    for i in 1 ... depth {
        text += "(type $t\(i) (sub $t\(i - 1) (struct (field i32))))\n"
    }
    text += """
        (func (export "run") (param $n i32) (result i32)
          (local $o (ref null struct)) (local $acc i32)
          (local.set $o (struct.new $t\(depth) (i32.const 1)))
          (loop $l
            (local.set $acc (i32.add (local.get $acc) (ref.test (ref $t0) (local.get $o))))
            (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
          (local.get $acc)))
        """
    return text
}

/// The best of `runs` timings of `body`, in seconds; nan if it throws.
private func best(runs: Int, _ body: () throws -> Void) -> Double {
    var t = Double.infinity
    for _ in 0 ..< runs {
        let start = now()
        do {
            try body()
        } catch {
            print("unexpected: \(error)")
            return .nan
        }
        t = min(t, now() - start)
    }
    return t
}

/// Microseconds, rounded.
private func us(_ t: Double) -> Int { t.isFinite ? Int((t * 1e6).rounded()) : -1 }

func runTypesBenchmark() {
    for (what, sizes, make) in [
        ("repeated types", [10_000, 40_000], repeatedTypes),
        ("identical groups of 100", [250, 1_000], identicalGroups),
    ] {
        let modules = sizes.map(make)
        let times = modules.map { bytes in best(runs: 5) { _ = try instantiate(bytes) } }
        print("types: \(what): \(sizes[0]) in \(us(times[0])) us, \(sizes[1]) in \(us(times[1])) us")
    }
    let calls = 1_000_000
    for depth in [1_000, 4_000] {
        do {
            let instance = try instantiate(text: chainModule(depth: depth))
            let t = best(runs: 3) { _ = try interpret(instance, "run", [.i32(UInt32(calls))]) }
            print("types: ref.test at depth \(depth): \(us(t) * 1_000 / calls) ns a test")
        } catch {
            print("unexpected: \(error)")
        }
    }
}
