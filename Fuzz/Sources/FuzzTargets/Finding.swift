// What the fuzz targets share: how a finding that is not a crash of its own ends the
// process, and the tally of outcomes printed when a fuzzer exits.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A finding that is not a crash of its own (engines disagreeing, a round trip that
/// changes the module, a generated module that does not validate): printed, then the
/// process aborts so that libFuzzer keeps the input.
package func finding(_ what: String) -> Never {
    printError("FINDING: \(what)\n")
    abort()
}

/// How often each outcome happened in this process: a report of what the inputs
/// reached (decoded, validated, ran), for the campaign's notes. Behind a lock: a
/// fuzzer calls the targets from one thread, but `swift test` replays the kept corpora
/// of several targets at once.
package enum Outcomes {
    private static let counts = Mutex<[String: Int]>([:])

    /// Counts one `outcome`.
    package static func count(_ outcome: String) {
        counts.withLock { $0[outcome, default: 0] += 1 }
    }

    /// Prints the tally to standard error when the process exits.
    package static func reportAtExit() {
        atexit { Outcomes.report() }
    }

    static func report() {
        let tally = counts.withLock { $0 }
        guard !tally.isEmpty else { return }
        var lines = "outcomes:\n"
        for (outcome, n) in tally.sorted(by: { $0.key < $1.key }) { lines += "  \(outcome): \(n)\n" }
        printError(lines)
    }
}

/// Writes `s` to standard error.
func printError(_ s: String) {
    let bytes = Array(s.utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}
