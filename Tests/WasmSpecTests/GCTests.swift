import Dispatch
import Testing
import WasmBinary

@testable import WasmSpec

/// The store's collector: garbage is freed, everything reachable is kept, in both
/// engines, however often it runs.
@Suite struct GCTests {
    static let churn = """
        (module
          (type $s (struct (field i32) (field i64)))
          (type $node (struct (field $v i32) (field $next (ref null $node))))
          (global $keep (mut (ref null $node)) (ref.null $node))
          (func (export "churn") (param $n i32) (result i32) (local $k i32)
            (loop $l
              (drop (struct.new $s (local.get $k) (i64.const 7)))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (br_if $l (i32.lt_u (local.get $k) (local.get $n))))
            (local.get $k))
          (func (export "grow") (param $n i32) (local $k i32)
            (loop $l
              (global.set $keep (struct.new $node (local.get $k) (global.get $keep)))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (br_if $l (i32.lt_u (local.get $k) (local.get $n)))))
          (func (export "reset") (global.set $keep (ref.null $node)))
          (func (export "make") (param i32) (result (ref $node)) (struct.new $node (local.get 0) (ref.null $node)))
          (func (export "value") (param (ref $node)) (result i32) (struct.get $node $v (local.get 0))))
        """

    /// Our script of reachable lists (global, local, table, array, exception, frames)
    /// with a heap limit small enough that the collector runs at nearly every
    /// allocation.
    @Test(arguments: EngineKind.allCases)
    func collectionsKeepEverythingReachable(engine: EngineKind) throws {
        var options = RunnerOptions()
        options.limits = ExecutionLimits(engine: engine, gcHeapBytes: 128 << 10)
        let runner = ScriptRunner(options: options)
        let path = SpecSuiteTests.packageRoot + "/spectests/own/gc-collect.wast"
        let source = try #require(FileSystem.read(path))
        let results = runner.run(source: source, path: path)
        for r in results {
            if case .failed(let m) = r.outcome { Issue.record("line \(r.line): \(m)") }
        }
        #expect(results.count == 8)
        let collections = runner.store.locked { runner.store.heap.collections }
        #expect(collections > 100, "\(collections) collections")
    }

    /// A million allocations, of which none stays: the heap stays small.
    @Test(arguments: EngineKind.allCases)
    func garbageIsFreed(engine: EngineKind) throws {
        let instance = try instantiate(text: Self.churn, limits: ExecutionLimits(engine: engine))
        #expect(try interpret(instance, "churn", [.i32(1_000_000)]) == [.i32(1_000_000)])
        let (collections, objects) = instance.store.locked {
            (instance.store.heap.collections, instance.store.heap.objects.count)
        }
        #expect(collections > 5)
        // About 4 MB of allocation between collections, 80 bytes an object.
        #expect(objects < 100_000, "\(objects) objects left")
    }

    /// Exceptions caught with `catch_ref` become heap objects; a million of them,
    /// dropped, are freed like any other garbage, and a payload reference caught last
    /// stays intact.
    @Test(arguments: EngineKind.allCases)
    func caughtExceptionsAreFreed(engine: EngineKind) throws {
        let text = """
            (module
              (type $box (struct (field i32)))
              (tag $e (param i32 (ref null $box)))
              (func (export "run") (param $n i32) (result i32) (local $k i32) (local $x exnref)
                (loop $l
                  (block $h (result i32 (ref null $box) exnref)
                    (try_table (catch_ref $e $h)
                      (throw $e (local.get $k) (struct.new $box (local.get $k))))
                    (unreachable))
                  (local.set $x)
                  (drop) (drop)
                  (local.set $k (i32.add (local.get $k) (i32.const 1)))
                  (br_if $l (i32.lt_u (local.get $k) (local.get $n))))
                (block $h2 (result i32 (ref null $box))
                  (try_table (catch $e $h2) (throw_ref (local.get $x)))
                  (unreachable))
                (struct.get $box 0)
                (i32.add)))
            """
        let instance = try instantiate(text: text, limits: ExecutionLimits(engine: engine))
        // The last exception carries n - 1 twice.
        #expect(try interpret(instance, "run", [.i32(1_000_000)]) == [.i32(2 * 999_999)])
        let (collections, objects) = instance.store.locked {
            (instance.store.heap.collections, instance.store.heap.objects.count)
        }
        #expect(collections > 5)
        #expect(objects < 200_000, "\(objects) objects left")
    }

    /// Past the heap limit, an allocation traps "out of memory" instead of exhausting
    /// the host, and what was live stays usable.
    @Test(arguments: EngineKind.allCases)
    func heapLimitTraps(engine: EngineKind) throws {
        let instance = try instantiate(text: Self.churn, limits: ExecutionLimits(engine: engine, gcHeapBytes: 1 << 20))
        #expect(throws: WasmError.trap("out of memory")) { _ = try interpret(instance, "grow", [.i32(1_000_000)]) }
        // Once the list is dropped, it is garbage like the rest, and garbage alone never
        // reaches the limit.
        _ = try interpret(instance, "reset")
        #expect(try interpret(instance, "churn", [.i32(100_000)]) == [.i32(100_000)])
    }

    /// A reference the embedder holds is a root: its object survives collections that
    /// nothing in the store's programs would make it survive.
    @Test(arguments: EngineKind.allCases)
    func embedderReferencesAreRoots(engine: EngineKind) throws {
        let instance = try instantiate(text: Self.churn, limits: ExecutionLimits(engine: engine, gcHeapBytes: 64 << 10))
        let made = try interpret(instance, "make", [.i32(42)])
        _ = try interpret(instance, "churn", [.i32(100_000)])
        #expect(try interpret(instance, "value", made) == [.i32(42)])
    }

    /// Sixteen threads, each with its own store, allocate and collect at once.
    @Test func storesCollectInParallel() throws {
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 16) { i in
            do {
                let engine: EngineKind = i % 2 == 0 ? .reference : .compiled
                let instance = try instantiate(text: Self.churn, limits: ExecutionLimits(engine: engine, gcHeapBytes: 256 << 10))
                for _ in 0..<5 {
                    guard try interpret(instance, "churn", [.i32(20_000)]) == [.i32(20_000)] else {
                        failures.add("thread \(i): wrong result")
                        return
                    }
                }
            } catch {
                failures.add("thread \(i): \(error)")
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all)")
    }
}

/// Failures gathered from several threads.
private final class Failures: @unchecked Sendable {
    private let lock = DispatchQueue(label: "failures")
    private var list: [String] = []
    func add(_ s: String) { lock.sync { list.append(s) } }
    var all: [String] { lock.sync { list } }
}
