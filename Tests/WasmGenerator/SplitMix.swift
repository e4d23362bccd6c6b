/// SplitMix64: a small, seeded generator with the same sequence on every platform, so
/// that every mutation and generated program can be reproduced from its seed.
///
/// A generator made from a tape of bytes (a fuzzer's input) takes its first draws from
/// the tape, a byte for a small choice, and only then continues with the sequence
/// (seeded by a hash of the tape): so that changing one byte of the input changes one
/// decision, not all that follow, and a coverage-guided fuzzer can steer the program.
package struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    private var tape: [UInt8] = []
    private var position = 0

    init(state: UInt64) { self.state = state }
    package init(seed: UInt64) { state = seed }

    init(tape: [UInt8]) {
        self.tape = tape
        // FNV-1a.
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in tape { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        state = h
    }

    /// Whether draws still come from the tape.
    var onTape: Bool { position < tape.count }

    /// The next `count` bytes of the tape, little-endian (fewer at its end).
    private mutating func fromTape(_ count: Int) -> UInt64 {
        var v: UInt64 = 0
        for k in 0 ..< count where position < tape.count {
            v |= UInt64(tape[position]) << (8 * k)
            position += 1
        }
        return v
    }

    package mutating func next() -> UInt64 {
        if onTape { return fromTape(8) }
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0 ..< n` (0, drawing nothing, when n is not positive).
    package mutating func below(_ n: Int) -> Int {
        guard n > 0 else { return 0 }
        if onTape && n <= 0x1_0000 { return Int(fromTape(n <= 0x100 ? 1 : 2) % UInt64(n)) }
        return Int(next() % UInt64(n))
    }

    mutating func range(_ r: ClosedRange<Int>) -> Int { r.lowerBound + below(r.count) }

    /// True with probability `percent`/100.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    package mutating func coin() -> Bool { next() & 1 == 0 }

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
