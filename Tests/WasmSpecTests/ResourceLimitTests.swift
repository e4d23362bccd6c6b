import Testing
import WasmBinary

@testable import WasmSpec

/// The store's budgets for linear memory and table elements (ExecutionLimits.memoryBytes
/// and .tableElements): growing past them fails with -1 and a module whose memories or
/// tables would pass them is not instantiated, in both engines.
@Suite struct ResourceLimitTests {
    static let growing = """
        (module
          (memory 0)
          (table 0 funcref)
          (func (export "grow") (param $pages i32) (result i32) (local $n i32)
            (block $done
              (loop $l
                (br_if $done (i32.eq (memory.grow (local.get $pages)) (i32.const -1)))
                (local.set $n (i32.add (local.get $n) (i32.const 1)))
                (br $l)))
            (local.get $n))
          (func (export "size") (result i32) (memory.size))
          (func (export "tgrow") (param i32) (result i32)
            (table.grow (ref.null func) (local.get 0))))
        """

    /// With 1 GiB for memories, growing 16 MiB at a time stops after 64 grows, at
    /// 16,384 pages, without touching the pages it reserved.
    @Test(arguments: EngineKind.allCases)
    func memoryGrowStopsAtTheBudget(engine: EngineKind) throws {
        let limits = ExecutionLimits(engine: engine, memoryBytes: 1 << 30)
        let instance = try instantiate(text: Self.growing, limits: limits)
        #expect(try interpret(instance, "grow", [.i32(256)]) == [.i32(64)])
        #expect(try interpret(instance, "size", []) == [.i32(16_384)])
        #expect(try interpret(instance, "grow", [.i32(1)]) == [.i32(0)])
    }

    /// The table budget counts elements; a grow past it fails and takes nothing.
    @Test(arguments: EngineKind.allCases)
    func tableGrowStopsAtTheBudget(engine: EngineKind) throws {
        let limits = ExecutionLimits(engine: engine, tableElements: 1000)
        let instance = try instantiate(text: Self.growing, limits: limits)
        #expect(try interpret(instance, "tgrow", [.i32(1001)]) == [.i32(0xFFFF_FFFF)])
        #expect(try interpret(instance, "tgrow", [.i32(600)]) == [.i32(0)])
        #expect(try interpret(instance, "tgrow", [.i32(400)]) == [.i32(600)])
        #expect(try interpret(instance, "tgrow", [.i32(1)]) == [.i32(0xFFFF_FFFF)])
    }

    /// The budget is the store's, shared by all its modules: a second memory that does
    /// not fit fails instantiation with "out of memory".
    @Test func theBudgetIsSharedByTheStoresModules() throws {
        let source = """
            (module (memory 2))
            (module (memory 1))
            (assert_trap (module (memory 1)) "out of memory")
            """
        func failures(_ limits: ExecutionLimits) -> [Int] {
            var options = RunnerOptions()
            options.limits = limits
            let results = ScriptRunner(options: options).run(source: Array(source.utf8), path: "budget.wast")
            return results.compactMap { r in
                if case .failed = r.outcome { return r.line }
                return nil
            }
        }
        #expect(failures(ExecutionLimits(memoryBytes: 3 << 16)) == [])
        // Without the budget the third memory is made and the assertion fails.
        #expect(failures(ExecutionLimits()) == [3])
    }

    /// A memory or table freed before its store gives its share of the budget back: one
    /// the host defines is freed when a definition under the same name takes its place
    /// (no module imported it), and what it took is free for the next definitions. (A
    /// module whose instantiation failed keeps what it allocated, as the
    /// specification's store does: its functions may be in another module's table.)
    @Test func freedMemoriesAndTablesGiveTheirShareBack() throws {
        let store = Store(limits: ExecutionLimits(memoryBytes: 2 << 16, tableElements: 1000))
        for round in 0 ..< 3 {
            try store.define("host", "m\(round)", memory: MemoryType(.i32, Limits(min: 2, max: nil)))
            try store.define("host", "t\(round)", table: TableType(.i32, Limits(min: 1000, max: nil), .funcref))
            // The whole budget is taken: nothing more fits.
            #expect(throws: WasmError.trap("out of memory")) {
                try store.define("host", "more", memory: MemoryType(.i32, Limits(min: 1, max: nil)))
            }
            #expect(throws: WasmError.trap("out of memory")) {
                try store.define("host", "more", table: TableType(.i32, Limits(min: 1, max: nil), .funcref))
            }
            // Empty ones in their place free them.
            try store.define("host", "m\(round)", memory: MemoryType(.i32, Limits(min: 0, max: nil)))
            try store.define("host", "t\(round)", table: TableType(.i32, Limits(min: 0, max: nil), .funcref))
        }
    }
}
