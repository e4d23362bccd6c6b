// wasm-spec-speed: WasmSpec's engines side by side with WasmKit 0.4.2 (in-process) and
// with the command-line tools (whole processes), on the kernels and on the oracle path.
// Prints Markdown tables of times and ratios and writes the numbers as JSON.
//
//   wasm-spec-speed [--runs N] [--reference-runs N] [--scale X] [--kernels a,b]
//                   [--no-kernels] [--no-oracle] [--oracle-dir DIR] [--threads 1,2]
//                   [--json FILE]
//                   [--wasm-spec-run PATH] [--wasmkit PATH] [--wasmkit-cli PATH]
//
// Paths are relative to the repository's root, where `run.sh` starts it.
import Foundation
import WasmSpec

var options: [String: String] = [:]
var flags: Set<String> = []
do {
    var args = CommandLine.arguments.dropFirst()
    while let a = args.popFirst() {
        if a.hasPrefix("--no-") { flags.insert(a) } else { options[a] = args.popFirst() ?? "" }
    }
}
let runs = Int(options["--runs"] ?? "") ?? 3
let referenceRuns = Int(options["--reference-runs"] ?? "") ?? 1
let scale = Double(options["--scale"] ?? "") ?? 1
let only = Set((options["--kernels"] ?? "").split(separator: ",").map(String.init))
if let engine = options["--oracle-child"] {
    oracleChild(engine, options, runs: runs)
    exit(0)
}
let machine = machineDescription()
print("machine: \(machine)")

let compiled = WasmSpecRunner(engine: .compiled)
let reference = WasmSpecRunner(engine: .reference)
let wasmKit = WasmKitRunner()

struct Report: Codable {
    var machine: String
    var date: String
    var kernels: [KernelResult]
    var oracle: OracleResult?
}
var report = Report(machine: machine, date: ISO8601DateFormatter().string(from: Date()), kernels: [], oracle: nil)

func cell(_ x: Double?, _ digits: Int = 3) -> String { x.map { String(format: "%.\(digits)f", $0) } ?? "–" }
func ratio(_ a: Double?, _ b: Double?) -> Double? {
    guard let a, let b, b > 0 else { return nil }
    return a / b
}

// MARK: Kernels

if !flags.contains("--no-kernels") {
    var tools: [(String, (Kernel, String) -> [String])] = []
    let ours = options["--wasm-spec-run"] ?? ".build/release/wasm-spec-run"
    if FileManager.default.isExecutableFile(atPath: ours) {
        tools.append(("process: wasm-spec-run", { k, path in
            [ours, path, "--engine", "compiled", "--invoke", k.function, "i32:\(k.argument)"]
        }))
    }
    if let cli = options["--wasmkit-cli"], FileManager.default.isExecutableFile(atPath: cli) {
        tools.append(("process: wasmkit-cli 0.4.2", { k, path in [cli, "run", "--invoke", k.function, path, "\(k.argument)"] }))
    }
    let old = options["--wasmkit"] ?? "/opt/swift/usr/bin/wasmkit"
    if FileManager.default.isExecutableFile(atPath: old) {
        tools.append(("process: wasmkit 0.1.6", { k, path in [old, "run", path, k.function, "i32:\(k.argument)"] }))
    }
    var runners: [(String, Runner)] = [("WasmKit 0.4.2", wasmKit), ("compiled", compiled)]
    if !flags.contains("--no-reference") { runners.append(("reference", reference)) }
    print("kernels (best of \(runs); reference engine best of \(referenceRuns)):")
    report.kernels = runKernels(
        KernelSetup(
            runners: runners, tools: tools, runs: runs, referenceRuns: referenceRuns,
            kernelDirectory: options["--kernel-dir"] ?? "Benchmarks/kernels", scale: scale),
        only: only)

    let procOurs = "process: wasm-spec-run"
    let procNew = "process: wasmkit-cli 0.4.2"
    let procOld = "process: wasmkit 0.1.6"
    print("""

        In-process: instantiate and call, seconds, best of \(runs). Ratios are WasmSpec's time over WasmKit 0.4.2's.
        Whole process: `wasm-spec-run --engine compiled` against the wasmkit CLIs.

        | kernel | call | WasmKit 0.4.2 | compiled | × | reference | × | process: wasm-spec-run | wasmkit-cli 0.4.2 | wasmkit 0.1.6 | × 0.4.2 | × 0.1.6 |
        | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
        """)
    var columns: [[Double]] = Array(repeating: [], count: 4)
    for r in report.kernels {
        let s = r.seconds
        let rs = [
            ratio(s["compiled"], s["WasmKit 0.4.2"]), ratio(s["reference"], s["WasmKit 0.4.2"]),
            ratio(s[procOurs], s[procNew]), ratio(s[procOurs], s[procOld]),
        ]
        for (i, x) in rs.enumerated() { if let x { columns[i].append(x) } }
        print("| \(r.kernel) | `\(r.call)` | \(cell(s["WasmKit 0.4.2"])) | \(cell(s["compiled"])) | \(cell(rs[0], 2)) "
            + "| \(cell(s["reference"])) | \(cell(rs[1], 2)) | \(cell(s[procOurs])) | \(cell(s[procNew])) "
            + "| \(cell(s[procOld])) | \(cell(rs[2], 2)) | \(cell(rs[3], 2)) |")
    }
    let g = columns.map(geomean)
    let w = columns.map { $0.max() }
    print("| **geomean** | | | | **\(cell(g[0], 2))** | | **\(cell(g[1], 2))** | | | | **\(cell(g[2], 2))** | **\(cell(g[3], 2))** |")
    print("| worst | | | | \(cell(w[0], 2)) | | \(cell(w[1], 2)) | | | | \(cell(w[2], 2)) | \(cell(w[3], 2)) |")
}

// MARK: Oracle path

// Each engine runs the oracle path in a process of its own (this program again, with
// `--oracle-child`), so that no engine's state can slow or swell another's. WasmKit
// 0.4.2, sharing a process with the other runs, once grew to 24 GB on this set and was
// killed; alone, one pass on one thread, it stays at about 30 MB.
if !flags.contains("--no-oracle") {
    let directory = options["--oracle-dir"] ?? "Benchmarks/speed/.oracle-modules"
    var engines = ["WasmKit 0.4.2", "compiled"]
    if !flags.contains("--no-reference") { engines.append("reference") }
    let threadCounts = options["--threads"] ?? "1,2"
    // WasmKit 0.4.2 on two threads grew without bound even alone, so it runs on one.
    func threads(_ engine: String) -> String { engine == "WasmKit 0.4.2" ? "1" : threadCounts }
    let all = oracleModuleNames(directory)
    var accepted = Set(all)
    for e in engines {
        let out = runChild(["--oracle-child", e, "--oracle-dir", directory])
        accepted.formIntersection(out.split(separator: "\n").compactMap { $0.hasPrefix("ACCEPT ") ? String($0.dropFirst(7)) : nil })
    }
    let names = all.filter { accepted.contains($0) }
    if names.isEmpty {
        print("\noracle path: no modules in \(directory) (run Benchmarks/speed/generate-modules.py)")
    } else {
        let list = NSTemporaryDirectory() + "wasm-spec-speed-\(getpid()).txt"
        FileManager.default.createFile(atPath: list, contents: Data(names.joined(separator: "\n").utf8))
        defer { try? FileManager.default.removeItem(atPath: list) }
        let bytes = names.compactMap { FileManager.default.contents(atPath: "\(directory)/\($0)")?.count }
        let average = bytes.reduce(0, +) / max(bytes.count, 1)
        let rejected = all.count - names.count
        print("\noracle path: \(names.count) modules (\(rejected) without a function export or rejected by some engine), \(average) bytes on average; each engine in a process of its own")
        var perSecond: [String: Double] = [:]
        // Best of `runs` processes, each one pass over the set: WasmKit 0.4.2 grew
        // to gigabytes on a second pass in the same process (on one thread, alone).
        for e in engines {
            var failed = 0
            for _ in 0 ..< max(runs, 1) {
                let out = runChild([
                    "--oracle-child", e, "--oracle-dir", directory, "--oracle-only", list, "--threads", threads(e),
                    "--runs", "1",
                ])
                if !out.contains("RESULT ") { failed += 1 }
                for line in out.split(separator: "\n") where line.hasPrefix("RESULT ") {
                    let parts = line.split(separator: " ")
                    guard parts.count == 3, let t = Int(parts[1]), let mps = Double(parts[2]) else { continue }
                    perSecond["\(e)/\(t)"] = max(perSecond["\(e)/\(t)"] ?? 0, mps)
                }
            }
            for t in threads(e).split(separator: ",") {
                print("  \(e), \(t) thread(s): \(Int(perSecond["\(e)/\(t)"] ?? 0)) modules/s")
            }
            if failed > 0 { print("  \(e): \(failed) of \(max(runs, 1)) passes ended without a result") }
        }
        report.oracle = OracleResult(
            modules: names.count, rejected: rejected, averageBytes: average, modulesPerSecond: perSecond)
        print("""

            | engine | 1 thread (modules/s) | 2 threads (modules/s) | 2 threads / 1 | × WasmKit 0.4.2 (1 thread) |
            | --- | ---: | ---: | ---: | ---: |
            """)
        for e in engines {
            let one = perSecond["\(e)/1"], two = perSecond["\(e)/2"]
            print("| \(e) | \(cell(one, 0)) | \(cell(two, 0)) | \(cell(ratio(two, one), 2)) "
                + "| \(cell(ratio(one, perSecond["WasmKit 0.4.2/1"]), 2)) |")
        }
    }
}

if let path = options["--json"] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    if let data = try? encoder.encode(report) {
        FileManager.default.createFile(atPath: path, contents: data)
        print("\nwrote \(path)")
    }
}
