/// A 128-bit vector value as two little-endian halves: byte `i` of the vector is byte
/// `i % 8` of `lo` (for `i < 8`) or of `hi`.
public struct V128: Hashable, Sendable, CustomStringConvertible {
    public var lo: UInt64
    public var hi: UInt64

    public init(lo: UInt64, hi: UInt64) {
        self.lo = lo
        self.hi = hi
    }

    public static let zero = V128(lo: 0, hi: 0)

    /// From exactly 16 bytes in memory order; missing bytes read as zero.
    public init<C: Collection>(bytes: C) where C.Element == UInt8 {
        var lo: UInt64 = 0
        var hi: UInt64 = 0
        for (i, b) in bytes.prefix(16).enumerated() {
            if i < 8 {
                lo |= UInt64(b) << (8 * UInt64(i))
            } else {
                hi |= UInt64(b) << (8 * UInt64(i - 8))
            }
        }
        self.lo = lo
        self.hi = hi
    }

    /// The 16 bytes in memory order.
    public var bytes: [UInt8] {
        (0..<16).map { self[byte: $0] }
    }

    /// Byte `i` in memory order, `0 ..< 16`.
    public subscript(byte i: Int) -> UInt8 {
        get {
            let word = i < 8 ? lo : hi
            return UInt8(truncatingIfNeeded: word >> (8 * UInt64(i & 7)))
        }
        set {
            let shift = 8 * UInt64(i & 7)
            let mask = ~(UInt64(0xFF) << shift)
            let bits = UInt64(newValue) << shift
            if i < 8 { lo = (lo & mask) | bits } else { hi = (hi & mask) | bits }
        }
    }

    public var description: String {
        bytes.map { b in
            let s = String(b, radix: 16)
            return s.count < 2 ? "0" + s : s
        }.joined(separator: " ")
    }
}
