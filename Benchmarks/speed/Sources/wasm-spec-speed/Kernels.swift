// The kernels: real programs in C (Benchmarks/kernels), each `run(n)` timed in-process
// (instantiate and call, best of N) on every engine, and as a whole process on the
// command-line tools.
import Foundation
import WasmSpec

/// One kernel: its file, export and argument.
struct Kernel {
    var name: String
    var function: String
    var argument: UInt32
    var what: String
}

/// The kernels with arguments that take WasmKit 0.4.2 a few tenths of a second here.
let kernels: [Kernel] = [
    Kernel(name: "fib", function: "fib", argument: 30, what: "recursive calls"),
    Kernel(name: "loop", function: "loop", argument: 30_000_000, what: "i64 multiply, shift, xor"),
    Kernel(name: "sieve", function: "sieve", argument: 8, what: "byte loads and stores"),
    Kernel(name: "matmul", function: "matmul", argument: 160, what: "f64 multiply-add"),
    Kernel(name: "sort", function: "sort", argument: 2, what: "quicksort via call_indirect"),
    Kernel(name: "sha256", function: "sha256", argument: 20, what: "hashing, i32 rotates"),
    Kernel(name: "crc32", function: "crc32", argument: 8, what: "table-driven CRC"),
    Kernel(name: "i64div", function: "i64div", argument: 100_000, what: "i64 div, rem, mul"),
    Kernel(name: "nbody", function: "nbody", argument: 200_000, what: "f64 numerics, sqrt"),
    Kernel(name: "lz", function: "lz", argument: 8, what: "LZ77 compression round trip"),
    Kernel(name: "vm", function: "vm", argument: 30_000, what: "bytecode interpreter loop"),
]

/// What one kernel measured: seconds per engine (in-process) and per tool (process).
struct KernelResult: Codable {
    var kernel: String
    var call: String
    var seconds: [String: Double]
    var answers: [String: String]
}

/// The in-process engines and the whole-process tools, by column name.
struct KernelSetup {
    var runners: [(String, Runner)]
    var tools: [(String, (Kernel, String) -> [String])]
    var runs: Int
    var referenceRuns: Int
    var kernelDirectory: String
    var scale: Double
}

func runKernels(_ setup: KernelSetup, only: Set<String>) -> [KernelResult] {
    var results: [KernelResult] = []
    for var k in kernels where only.isEmpty || only.contains(k.name) {
        k.argument = max(1, UInt32(Double(k.argument) * setup.scale))
        let path = "\(setup.kernelDirectory)/\(k.name).wasm"
        guard let data = FileManager.default.contents(atPath: path) else {
            print("  missing \(path)")
            continue
        }
        let bytes = [UInt8](data)
        var r = KernelResult(kernel: k.name, call: "\(k.function)(\(k.argument))", seconds: [:], answers: [:])
        for (name, runner) in setup.runners {
            var answer = ""
            let runs = name.contains("reference") ? setup.referenceRuns : setup.runs
            if let t = best(runs, { answer = try runner.run(bytes, k.function, k.argument) }) {
                r.seconds[name] = t
                r.answers[name] = answer
            }
        }
        for (name, argv) in setup.tools {
            if let t = bestProcess(setup.runs, argv(k, path)) { r.seconds[name] = t }
        }
        let cells = r.seconds.sorted { $0.key < $1.key }.map { "\($0.key) \(String(format: "%.3f", $0.value))" }
        print("  \(k.name): " + cells.joined(separator: ", "))
        if Set(r.answers.values).count > 1 { print("  ! engines disagree on \(k.name): \(r.answers)") }
        results.append(r)
    }
    return results
}
