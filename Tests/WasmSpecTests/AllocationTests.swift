import AllocationCounter
import Testing
import WasmSpec

/// The step loop allocates nothing per instruction: a call that runs a thousand times
/// more instructions makes the same number of heap allocations.
@Suite struct AllocationTests {
    static let available = allocation_counter_available() != 0

    /// Allocations made by one call of `name` with `argument`.
    func allocations(_ instance: Instance, _ name: String, _ argument: UInt32) throws -> Int {
        allocation_counter_reset()
        _ = try interpret(instance, name, [.i32(argument)])
        return allocation_counter_value()
    }

    @Test(.enabled(if: available, "allocation counting needs glibc"), arguments: EngineKind.allCases)
    func stepLoopAllocatesNothingPerInstruction(engine: EngineKind) throws {
        for (kernel, small, large): (String, UInt32, UInt32) in [
            ("loop", 1_000, 1_000_000), ("fib", 10, 25), ("sieve", 1, 3), ("matmul", 8, 64),
        ] {
            let path = SpecSuiteTests.packageRoot + "/Benchmarks/kernels/\(kernel).wasm"
            let bytes = try #require(FileSystem.read(path))
            let instance = try instantiate(bytes, limits: ExecutionLimits(engine: engine))
            _ = try allocations(instance, kernel, small)  // compiles the code
            let few = try allocations(instance, kernel, small)
            let many = try allocations(instance, kernel, large)
            // The call itself allocates (argument and result arrays), so the counter is live.
            #expect(few > 0)
            #expect(many == few, "\(engine) engine, \(kernel): \(few) allocations for \(small), \(many) for \(large)")
        }
    }
}
