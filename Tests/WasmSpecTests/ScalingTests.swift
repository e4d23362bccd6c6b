import Testing
import WasmBinary
import WasmSpec

/// Inputs that once took super-linear time: doubling them at most about doubles the time.
@Suite struct ScalingTests {
    /// The best of three timings of `run` on the input of size `n`, in seconds.
    static func seconds(_ run: () throws -> Void) rethrows -> Double {
        var best = Double.infinity
        for _ in 0..<3 {
            let start = ContinuousClock.now
            try run()
            let d = ContinuousClock.now - start
            best = min(best, Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
        }
        return best
    }

    /// How much longer `work(2n)` takes than `work(n)`, each prepared by `make` outside the
    /// timing.
    static func growth<Input>(_ n: Int, make: (Int) throws -> Input, _ work: (Input) throws -> Void) rethrows -> Double {
        let small = try make(n)
        let large = try make(2 * n)
        let t1 = try seconds { try work(small) }
        let t2 = try seconds { try work(large) }
        // Below a millisecond, timer noise dominates: treat as linear.
        return t2 < 0.001 ? 1 : t2 / max(t1, 0.0005)
    }

    /// Records an issue unless one of up to three measurements of a time ratio is below
    /// `bound`: a burst of load on the machine (another test running beside this one)
    /// spoils a measurement now and then, never three in a row.
    static func expectRatio(
        below bound: Double, _ what: String, sourceLocation: Testing.SourceLocation,
        _ measure: () throws -> Double
    ) rethrows {
        var ratios: [Double] = []
        for _ in 0 ..< 3 {
            ratios.append(try measure())
            if ratios.last ?? 0 < bound { return }
        }
        Issue.record("\(what): time ratios \(ratios), not below \(bound)", sourceLocation: sourceLocation)
    }

    /// `try_table` nested n deep, compiled on first call and thrown through: compiling once
    /// cost the count times the enclosing depth.
    @Test func nestedTryTableCompilesInLinearTime() throws {
        try HostileInputScalingTests.expectLinear(4_000, "nested try_table", make: { n in
            let body = String(repeating: "(try_table (catch_all 0) ", count: n) + "(throw $e)"
                + String(repeating: ")", count: n)
            return try Module(text: Array("(module (tag $e) (func (export \"f\") \(body)))".utf8))
        }) { module in
            let instance = try instantiate(module: module)
            #expect(try interpret(instance, "f") == [])
        }
    }
}
