// Timing helpers: a monotonic clock, best-of-N, geometric means.
import Foundation

/// Seconds on a monotonic clock.
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// The best wall time of `runs` runs of `body`, in seconds; `nil` if any run failed.
func best(_ runs: Int, _ body: () throws -> Void) -> Double? {
    var result = Double.infinity
    for _ in 0..<max(runs, 1) {
        let t0 = now()
        do { try body() } catch {
            FileHandle.standardError.write(Data("  failed: \(error)\n".utf8))
            return nil
        }
        result = min(result, now() - t0)
    }
    return result
}

func geomean(_ xs: [Double]) -> Double? {
    let v = xs.filter { $0 > 0 && $0.isFinite }
    guard !v.isEmpty else { return nil }
    return exp(v.map(log).reduce(0, +) / Double(v.count))
}

/// Runs a command and returns its wall time, or `nil` if it failed.
func timeProcess(_ argv: [String]) -> Double? {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: argv[0])
    p.arguments = Array(argv.dropFirst())
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    let t0 = now()
    do { try p.run() } catch { return nil }
    p.waitUntilExit()
    let t = now() - t0
    return p.terminationStatus == 0 ? t : nil
}

/// The best of `runs` whole-process times.
func bestProcess(_ runs: Int, _ argv: [String]) -> Double? {
    var result: Double? = nil
    for _ in 0..<max(runs, 1) {
        guard let t = timeProcess(argv) else { return nil }
        result = min(result ?? t, t)
    }
    return result
}

/// A short description of the machine, for the report.
func machineDescription() -> String {
    var cpu = "unknown CPU"
    if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
        let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
        let colon = line.firstIndex(of: ":")
    {
        cpu = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    var u = utsname()
    uname(&u)
    let machine = withUnsafeBytes(of: &u.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    let system = withUnsafeBytes(of: &u.sysname) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    return "\(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(system) \(machine)"
}
