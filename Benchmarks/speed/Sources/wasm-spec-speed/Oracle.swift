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

/// The `.wasm` files of a directory, sorted by name, that export a function and that
/// every runner accepts. A module with no function to call measures instantiation only;
/// and WasmKit 0.4.2, running the whole set, once grew to 24 GB on such a module (a
/// function-less `(memory 0 13)` with passive data) late in a run, which it never did
/// alone, so the set leaves them out.
func loadModules(_ directory: String, accepted by: [Runner]) -> (modules: [[UInt8]], rejected: Int) {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
        .filter { $0.hasSuffix(".wasm") }.sorted()
    var modules: [[UInt8]] = []
    var rejected = 0
    for name in names {
        guard let data = FileManager.default.contents(atPath: "\(directory)/\(name)") else { continue }
        let bytes = [UInt8](data)
        var ok = (try? WasmSpec.Module(binary: bytes))?.exports.contains { $0.kind == .func } ?? false
        for r in by where ok {
            do { try r.oracle(bytes) } catch { ok = false }
        }
        if ok { modules.append(bytes) } else { rejected += 1 }
    }
    return (modules, rejected)
}

struct OracleResult: Codable {
    var modules: Int
    var rejected: Int
    var averageBytes: Int
    /// Modules per second, by engine and thread count ("compiled/1", "WasmKit 0.4.2/2").
    var modulesPerSecond: [String: Double]
}
