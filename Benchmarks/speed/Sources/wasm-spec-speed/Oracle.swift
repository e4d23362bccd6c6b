// The oracle path: many small generated modules, each decoded, validated, instantiated
// and every export called, as a differential fuzzer uses a reference interpreter.
import Foundation
import WasmSpec

/// Modules per second over `modules` with `threads` threads (each thread takes every
/// `threads`-th module), best of `runs`.
func modulesPerSecond(_ runner: Runner, _ modules: [[UInt8]], threads: Int, runs: Int) -> Double {
    var bestTime = Double.infinity
    for _ in 0..<max(runs, 1) {
        let t0 = now()
        if threads == 1 {
            for m in modules { try? runner.oracle(m) }
        } else {
            DispatchQueue.concurrentPerform(iterations: threads) { t in
                var i = t
                while i < modules.count {
                    try? runner.oracle(modules[i])
                    i += threads
                }
            }
        }
        bestTime = min(bestTime, now() - t0)
    }
    return Double(modules.count) / bestTime
}

/// The names of the `.wasm` files of a directory, sorted.
func oracleModuleNames(_ directory: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".wasm") }.sorted()
}

/// Runs this program again with `arguments` and returns what it printed.
func runChild(_ arguments: [String]) -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    p.arguments = arguments
    let pipe = Pipe()
    p.standardOutput = pipe
    do { try p.run() } catch { return "" }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

/// The child's side: with `--oracle-only FILE`, times `engine` over the modules FILE
/// names and prints `RESULT threads modules/s` per thread count; without, prints
/// `ACCEPT name` for each module that exports a function and that `engine` runs.
func oracleChild(_ engine: String, _ options: [String: String], runs: Int) {
    let runner: Runner =
        switch engine {
        case "compiled": WasmSpecRunner(engine: .compiled)
        case "reference": WasmSpecRunner(engine: .reference)
        default: WasmKitRunner()
        }
    if engine == "WasmKit 0.4.2" {
        // WasmKit 0.4.2 now and then grows without bound on this set (see main.swift):
        // 8 GiB of address space ends such a pass instead of the machine's memory.
        #if os(Linux)
        var limit = rlimit(rlim_cur: 8 << 30, rlim_max: 8 << 30)
        setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit)
        #endif
    }
    let directory = options["--oracle-dir"] ?? "Benchmarks/speed/.oracle-modules"
    guard let list = options["--oracle-only"] else {
        for name in oracleModuleNames(directory) {
            guard let data = FileManager.default.contents(atPath: "\(directory)/\(name)") else { continue }
            let bytes = [UInt8](data)
            guard (try? WasmSpec.Module(binary: bytes))?.exports.contains(where: { $0.kind == .func }) == true,
                (try? runner.oracle(bytes)) != nil
            else { continue }
            print("ACCEPT \(name)")
        }
        return
    }
    let names = ((try? String(contentsOfFile: list, encoding: .utf8)) ?? "").split(separator: "\n")
    let modules = names.compactMap { FileManager.default.contents(atPath: "\(directory)/\($0)").map { [UInt8]($0) } }
    for t in (options["--threads"] ?? "1").split(separator: ",").compactMap({ Int($0) }) {
        print("RESULT \(t) \(modulesPerSecond(runner, modules, threads: t, runs: runs))")
    }
}

struct OracleResult: Codable {
    var modules: Int
    var rejected: Int
    var averageBytes: Int
    /// Modules per second, by engine and thread count ("compiled/1", "WasmKit 0.4.2/2").
    var modulesPerSecond: [String: Double]
}
