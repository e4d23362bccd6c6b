// Lane access on `V128` (§4.3.5, `lanes_t`): lane i of an N-bit shape occupies
// bits [i*N, (i+1)*N) of the little-endian 128-bit value, so the low half holds
// the first 64/N lanes and the high half the rest.

extension V128 {
    /// The number of lanes of `L`-wide lanes.
    @inlinable static func laneCount<L: WasmInteger>(_: L.Type) -> Int { 128 / L.bitWidth }

    /// Lane `i` (`0 ..< 128 / L.bitWidth`) as the bit pattern `L`.
    @inlinable func lane<L: WasmInteger>(_ i: Int, as _: L.Type = L.self) -> L {
        let perWord = 64 / L.bitWidth
        let word = i < perWord ? lo : hi
        return L(truncatingIfNeeded: word &>> UInt64(truncatingIfNeeded: (i % perWord) * L.bitWidth))
    }

    /// The vector whose lane `i` is `f(i)`.
    @inlinable static func build<L: WasmInteger>(_: L.Type, _ f: (Int) -> L) -> V128 {
        let perWord = 64 / L.bitWidth
        var lo: UInt64 = 0
        var hi: UInt64 = 0
        for i in 0..<perWord {
            let shift = UInt64(truncatingIfNeeded: i * L.bitWidth)
            lo |= UInt64(truncatingIfNeeded: f(i)) &<< shift
            hi |= UInt64(truncatingIfNeeded: f(i + perWord)) &<< shift
        }
        return V128(lo: lo, hi: hi)
    }

    /// Lane-wise `f` over one vector.
    @inlinable func map<L: WasmInteger>(_: L.Type, _ f: (L) -> L) -> V128 {
        V128.build(L.self) { f(self.lane($0)) }
    }

    /// Lane-wise `f` over two vectors.
    @inlinable func zip<L: WasmInteger>(_ other: V128, _: L.Type, _ f: (L, L) -> L) -> V128 {
        V128.build(L.self) { f(self.lane($0), other.lane($0)) }
    }

    /// Lane-wise `f` over three vectors.
    @inlinable func zip<L: WasmInteger>(_ b: V128, _ c: V128, _: L.Type, _ f: (L, L, L) -> L) -> V128 {
        V128.build(L.self) { f(self.lane($0), b.lane($0), c.lane($0)) }
    }

    /// The vector with lane `i` replaced by `value`.
    @inlinable func replacing<L: WasmInteger>(lane i: Int, with value: L) -> V128 {
        let perWord = 64 / L.bitWidth
        let shift = UInt64(truncatingIfNeeded: (i % perWord) * L.bitWidth)
        let mask = ~(UInt64(truncatingIfNeeded: L.max) &<< shift)
        let bits = UInt64(truncatingIfNeeded: value) &<< shift
        var result = self
        if i < perWord {
            result.lo = (lo & mask) | bits
        } else {
            result.hi = (hi & mask) | bits
        }
        return result
    }
}
