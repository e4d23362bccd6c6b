import Dispatch
import Testing
import WasmSpec

/// The embedding API, used as an engine's harness would use it.
@Suite struct EmbeddingTests {
    static let adder = """
        (module
          (memory (export "mem") 1)
          (global $count (export "count") (mut i32) (i32.const 0))
          (func (export "add") (param i32 i32) (result i32)
            (global.set $count (i32.add (global.get $count) (i32.const 1)))
            (i32.store8 (i32.const 3) (i32.const 0x2a))
            (i32.add (local.get 0) (local.get 1)))
          (func (export "load") (param i32) (result i32)
            (i32.load (local.get 0))))
        """

    @Test func addsTwoIntegers() throws {
        let instance = try instantiate(text: Self.adder)
        #expect(try interpret(instance, "add", [.i32(2), .i32(40)]) == [.i32(42)])
        #expect(try interpret(instance, "add", [.i32(0xFFFF_FFFF), .i32(1)]) == [.i32(0)])
    }

    @Test func readsExportedGlobalAndMemoryAfterACall() throws {
        let instance = try instantiate(text: Self.adder)
        #expect(try export(instance, "count") == .global(.i32(0)))
        _ = try interpret(instance, "add", [.i32(1), .i32(2)])
        _ = try interpret(instance, "add", [.i32(1), .i32(2)])
        #expect(try export(instance, "count") == .global(.i32(2)))
        guard case .memory(let bytes) = try export(instance, "mem") else {
            Issue.record("mem is not a memory")
            return
        }
        #expect(bytes.count == 65536)
        #expect(bytes[3] == 0x2a)
        #expect(bytes[0] == 0 && bytes[4] == 0)
    }

    @Test func outOfBoundsLoadTraps() throws {
        let instance = try instantiate(text: Self.adder)
        #expect(try interpret(instance, "load", [.i32(65532)]) == [.i32(0)])
        #expect(throws: WasmError.trap("out of bounds memory access")) {
            try interpret(instance, "load", [.i32(65533)])
        }
    }

    @Test func legacyModeZeroFillsParameters() throws {
        let module = """
            (module
              (func (export "first") (param i32 i64 f32 f64) (result i32 i64 f32 f64)
                (local.get 0) (local.get 1) (local.get 2) (local.get 3))
              (func (export "second") (result i32) (i32.const 7)))
            """
        #expect(try interpretLegacy(text: module) == [.i32(0), .i64(0), .f32(0), .f64(0)])
        #expect(try interpretLegacy(text: module, [.i32(1), .i64(2), .f32(0x3F80_0000), .f64(0)])
            == [.i32(1), .i64(2), .f32(0x3F80_0000), .f64(0)])
        // The binary form of the same entry.
        let bytes = try Module(text: Array(module.utf8)).encode()
        #expect(try interpretLegacy(bytes) == [.i32(0), .i64(0), .f32(0), .f64(0)])
    }

    @Test func errorsAreClassified() throws {
        #expect(throws: WasmError.malformed("magic header not detected")) { try instantiate([0, 1, 2, 3]) }
        #expect(throws: WasmError.self) { try instantiate(text: "(module (func (result i32)))") }
        do {
            _ = try instantiate(text: "(module (func (result i32)))")
        } catch {
            guard case .invalid(let m) = error else { throw error }
            #expect(m.hasPrefix("type mismatch"))
        }
        #expect(throws: WasmError.link("unknown import \"env\".\"f\"")) {
            try instantiate(text: "(module (import \"env\" \"f\" (func)))")
        }
        let trapping = try instantiate(text: "(module (func (export \"div\") (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0))))")
        #expect(throws: WasmError.trap("integer divide by zero")) { try interpret(trapping, "div", [.i32(0)]) }
        #expect(throws: WasmError.usage("wrong number of arguments")) { try interpret(trapping, "div", [.i32(0), .i32(1)]) }
    }

    @Test func deepRecursionExhaustsTheCallStack() throws {
        let instance = try instantiate(text: """
            (module (func $f (export "f") (param i32) (result i32)
              (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                (else (i32.add (i32.const 1) (call $f (i32.sub (local.get 0) (i32.const 1))))))))
            """)
        #expect(try interpret(instance, "f", [.i32(10_000)]) == [.i32(10_000)])
        #expect(throws: WasmError.exhaustion("call stack exhausted")) {
            try interpret(instance, "f", [.i32(1_000_000)])
        }
        // The store is still usable afterwards.
        #expect(try interpret(instance, "f", [.i32(3)]) == [.i32(3)])
    }

    @Test func fuelStopsAnInfiniteLoop() throws {
        let module = "(module (func (export \"spin\") (loop (br 0))))"
        let instance = try instantiate(text: module, limits: ExecutionLimits(fuel: 1_000_000))
        #expect(throws: WasmError.exhaustion("step budget exhausted")) { try interpret(instance, "spin") }
    }

    /// As in the reference, a store's `spectest` memory is one memory, shared by every
    /// module that imports it (the script runner's `spectest` too).
    @Test func modulesOfAStoreShareTheSpectestMemory() throws {
        let store = Store()
        let module = """
            (module (import "spectest" "memory" (memory 1))
              (func (export "store") (param i32) (i32.store8 (i32.const 7) (local.get 0)))
              (func (export "load") (result i32) (i32.load8_u (i32.const 7))))
            """
        let a = try store.instantiate(text: module)
        let b = try store.instantiate(text: module)
        _ = try interpret(a, "store", [.i32(42)])
        #expect(try interpret(b, "load") == [.i32(42)])
        // Another store has a spectest of its own.
        #expect(try interpret(Store().instantiate(text: module), "load") == [.i32(0)])
    }

    @Test func manyThreadsInstantiateAndCall() throws {
        let bytes = try Module(text: Array(Self.adder.utf8)).encode()
        let failures = Counter()
        DispatchQueue.concurrentPerform(iterations: 16) { t in
            for i in 0..<1_000 {
                do {
                    let instance = try instantiate(bytes)
                    let r = try interpret(instance, "add", [.i32(UInt32(t)), .i32(UInt32(i))])
                    if r != [.i32(UInt32(t + i))] { failures.increment() }
                } catch {
                    failures.increment()
                }
            }
        }
        #expect(failures.value == 0)
    }
}

/// A thread-safe counter for the concurrency test.
final class Counter: @unchecked Sendable {
    private let queue = DispatchQueue(label: "counter")
    private var count = 0

    func increment() { queue.sync { count += 1 } }
    var value: Int { queue.sync { count } }
}
