// Benchmarks of WasmSpec's layers. Each benchmark lives in its own file and registers
// itself in `benchmarks`; run them all, or name some: `wasm-spec-bench validate decode`.
import WasmSpec

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Seconds on a monotonic clock.
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// A named benchmark that prints its own results.
struct Benchmark {
    let name: String
    let run: () -> Void
}

let benchmarks: [Benchmark] = allBenchmarks()

let selected = CommandLine.arguments.dropFirst()
for benchmark in benchmarks where selected.isEmpty || selected.contains(benchmark.name) {
    print("== \(benchmark.name)")
    benchmark.run()
}
