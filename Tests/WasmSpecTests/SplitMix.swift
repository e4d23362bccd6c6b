/// SplitMix64: a small, seeded generator with the same sequence on every platform, so
/// that every mutation and generated program can be reproduced from its seed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    init(state: UInt64) { self.state = state }
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0 ..< n` (0, drawing nothing, when n is not positive).
    mutating func below(_ n: Int) -> Int {
        n <= 0 ? 0 : Int(next() % UInt64(n))
    }

    mutating func range(_ r: ClosedRange<Int>) -> Int { r.lowerBound + below(r.count) }

    /// True with probability `percent`/100.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    mutating func coin() -> Bool { next() & 1 == 0 }

    /// A small index, in and just out of range of the modules mutated.
    mutating func index() -> UInt32 { UInt32(next() % 6) }

    mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }

    /// An index chosen with the given weights.
    mutating func weighted(_ weights: [Int]) -> Int {
        let total = weights.reduce(0) { $0 + max($1, 0) }
        var r = below(total)
        for (i, w) in weights.enumerated() where w > 0 {
            if r < w { return i }
            r -= w
        }
        return 0
    }
}
