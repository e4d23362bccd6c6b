// The oracle path as fuzzers use it: instantiate small generated modules in-process and
// call every exported function (parameters zero), through the Swift API and through the
// C ABI, on 1 and 2 threads. Nothing is shared between threads: each module gets a store
// of its own, so 2 threads should come close to twice the modules per second.
//
//     Benchmarks/oracle-bench/run.sh            (generates modules with wasm-tools smith)
//     wasm-spec-oracle-bench [--engine reference|compiled] [--seconds S] [--rounds N] DIR
//
// Each API is measured in N rounds (3 by default), each a run on 1 thread and then one
// on 2, for S seconds each; every round is printed, then the medians. Alternating the
// two keeps a slow stretch of a shared machine from falling on one side only.
import CWasmSpec
import Dispatch
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

/// Every `.wasm` file in a folder, read whole.
func load(_ dir: String) -> [[UInt8]] {
    guard let d = opendir(dir) else { return [] }
    defer { closedir(d) }
    var names: [String] = []
    while let e = readdir(d) {
        let name = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        if name.hasSuffix(".wasm") { names.append(name) }
    }
    return names.sorted().compactMap { name -> [UInt8]? in
        guard let f = fopen(dir + "/" + name, "rb") else { return nil }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = fread(&chunk, 1, chunk.count, f)
            if n <= 0 { break }
            bytes += chunk[0..<n]
        }
        return bytes
    }
}

/// One module through the Swift API: instantiate, call each exported function.
func runSwift(_ bytes: [UInt8], _ limits: ExecutionLimits) -> Int {
    guard let instance = try? instantiate(bytes, limits: limits) else { return 0 }
    var calls = 0
    for name in instance.exportedFunctionNames {
        _ = try? interpret(instance, name)
        calls += 1
    }
    return calls
}

/// One module through the C ABI, as a C, Rust or Python caller makes the same calls.
func runC(_ bytes: [UInt8], _ limits: wasm_spec_limits) -> Int {
    var limits = limits
    var instance: OpaquePointer? = nil
    if let e = bytes.withUnsafeBufferPointer({ wasm_spec_instantiate($0.baseAddress, $0.count, &limits, &instance) }) {
        wasm_spec_error_free(e)
        return 0
    }
    defer { wasm_spec_instance_free(instance) }
    var calls = 0
    for i in 0..<wasm_spec_export_count(instance) {
        var name: UnsafeMutablePointer<UInt8>? = nil
        var length = 0
        var kind: UInt32 = 0
        if let e = wasm_spec_export_at(instance, i, &name, &length, &kind) {
            wasm_spec_error_free(e)
            continue
        }
        defer { wasm_spec_bytes_free(name) }
        guard kind == WASM_SPEC_EXTERN_FUNC.rawValue else { continue }
        var results: UnsafeMutablePointer<wasm_spec_value>? = nil
        var count = 0
        let e = UnsafeRawPointer(name).map {
            wasm_spec_interpret(instance, $0.assumingMemoryBound(to: CChar.self), length, nil, Int(bitPattern: UInt.max),
                &results, &count)
        } ?? wasm_spec_interpret(instance, nil, 0, nil, Int(bitPattern: UInt.max), &results, &count)
        wasm_spec_error_free(e)
        wasm_spec_values_free(results)
        calls += 1
    }
    return calls
}

/// Thread-safe totals.
final class Totals: @unchecked Sendable {
    private var lock = pthread_mutex_t()
    var modules = 0
    var calls = 0
    init() { pthread_mutex_init(&lock, nil) }
    func add(_ m: Int, _ c: Int) {
        pthread_mutex_lock(&lock)
        modules += m
        calls += c
        pthread_mutex_unlock(&lock)
    }
}

/// The CPU seconds (user and system) this process has used.
func cpuTime() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    return user + system
}

/// One measurement: modules per second of wall-clock time, and per second of CPU
/// time. On a machine that other work keeps busy, a second thread may get no second
/// core; modules per CPU-second still shows whether threads slow each other down
/// (it stays level when nothing is shared).
struct Rate {
    let wall: Double
    let cpu: Double
}

/// Modules per second on `threads` threads for `seconds`: each thread takes the
/// modules in turn from its own offset, as long as time allows.
func measure(_ modules: [[UInt8]], threads: Int, seconds: Double, _ run: @escaping @Sendable ([UInt8]) -> Int) -> Rate {
    let totals = Totals()
    let cpuStart = cpuTime()
    let start = now()
    DispatchQueue.concurrentPerform(iterations: threads) { t in
        var k = t * modules.count / threads
        var (m, c) = (0, 0)
        while now() - start < seconds {
            for _ in 0..<16 {
                c += run(modules[k % modules.count])
                m += 1
                k += 1
            }
        }
        totals.add(m, c)
    }
    let elapsed = now() - start
    let cpu = cpuTime() - cpuStart
    return Rate(wall: Double(totals.modules) / elapsed, cpu: Double(totals.modules) / cpu)
}

/// The middle value (the mean of the two middle ones for an even count).
func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// A number with two decimals.
func fixed(_ x: Double) -> String {
    let hundredths = Int((x * 100).rounded())
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
}

var args = Array(CommandLine.arguments.dropFirst())
var engine = EngineKind.compiled
var seconds = 3.0
var rounds = 3
var dir: String? = nil
while let a = args.first {
    args.removeFirst()
    switch a {
    case "--engine": engine = args.first == "reference" ? .reference : .compiled; args = Array(args.dropFirst())
    case "--seconds": seconds = Double(args.first ?? "") ?? seconds; args = Array(args.dropFirst())
    case "--rounds": rounds = max(Int(args.first ?? "") ?? rounds, 1); args = Array(args.dropFirst())
    default: dir = a
    }
}
guard let dir else {
    print("usage: wasm-spec-oracle-bench [--engine reference|compiled] [--seconds S] [--rounds N] DIR")
    exit(2)
}
let modules = load(dir)
guard !modules.isEmpty else {
    print("no .wasm files in \(dir)")
    exit(2)
}
// A budget keeps a module that loops for long from dominating; generated modules with
// smith's --ensure-termination stop well before it.
let limits = ExecutionLimits(engine: engine, fuel: 1_000_000)
var cLimits = wasm_spec_limits()
cLimits.engine = engine == .compiled ? 1 : 0
cLimits.fuel = 1_000_000
let frozenC = cLimits
print("\(modules.count) modules (\(modules.reduce(0) { $0 + $1.count } / modules.count) bytes on average), \(engine) engine")
for (api, run) in [
    ("Swift API", { @Sendable (b: [UInt8]) in runSwift(b, limits) }),
    ("C ABI", { @Sendable (b: [UInt8]) in runC(b, frozenC) }),
] as [(String, @Sendable ([UInt8]) -> Int)] {
    var ones: [Rate] = []
    var twos: [Rate] = []
    for round in 1...rounds {
        let one = measure(modules, threads: 1, seconds: seconds, run)
        let two = measure(modules, threads: 2, seconds: seconds, run)
        ones.append(one)
        twos.append(two)
        print("  \(api), round \(round): 1 thread \(Int(one.wall)) modules/s, 2 threads \(Int(two.wall)) modules/s"
            + " (\(fixed(two.wall / one.wall))x); per CPU-second \(Int(one.cpu)) and \(Int(two.cpu))")
    }
    let ratios = zip(ones, twos).map { $1.wall / $0.wall }
    let cpuRatios = zip(ones, twos).map { 2 * $1.cpu / $0.cpu }
    print("\(api): 1 thread \(Int(median(ones.map(\.wall)))) modules/s, 2 threads \(Int(median(twos.map(\.wall)))) modules/s"
        + " (\(fixed(median(ratios)))x, the median of \(rounds) rounds);"
        + " per CPU-second \(Int(median(ones.map(\.cpu)))) and \(Int(median(twos.map(\.cpu))))"
        + " (2 threads on 2 free cores: \(fixed(median(cpuRatios)))x)")
}
