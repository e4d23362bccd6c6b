// Lane-wise vector operators (§4.4.3 via §4.3.5): each vector instruction of an
// `ixN`/`fxN` shape applies the scalar operator of §4.3.2–§4.3.3 to every lane.
// Comparisons produce lanes of all ones (true) or all zeros (false).

/// The operators of the integer shapes `i8x16`, `i16x8`, `i32x4` and `i64x2`, with lanes
/// held as their unsigned bit pattern `L`.
public enum IntLaneOps<L: WasmInteger> {
    /// The scalar operators applied to each lane.
    public typealias Ops = IntegerOps<L>

    /// The number of lanes.
    @inlinable public static var laneCount: Int { 128 / L.bitWidth }

    @inlinable static func mask(_ b: Bool) -> L { b ? L.max : 0 }

    /// `ishape.splat`.
    @inlinable public static func splat(_ x: L) -> V128 { V128.build(L.self) { _ in x } }

    /// `extract_lane` (the bits of the lane; extension to `i32` is the caller's).
    @inlinable public static func extractLane(_ v: V128, _ i: Int) -> L { v.lane(i) }

    /// `replace_lane`.
    @inlinable public static func replaceLane(_ v: V128, _ i: Int, _ x: L) -> V128 {
        v.replacing(lane: i, with: x)
    }

    // MARK: Comparisons

    /// `eq`: lanes of all ones where equal.
    @inlinable public static func eq(_ a: V128, _ b: V128) -> V128 { a.zip(b, L.self) { mask($0 == $1) } }
    /// `ne`: lanes of all ones where different.
    @inlinable public static func ne(_ a: V128, _ b: V128) -> V128 { a.zip(b, L.self) { mask($0 != $1) } }
    /// `lt_s`.
    @inlinable public static func ltS(_ a: V128, _ b: V128) -> V128 { a.zip(b, L.self) { mask(Ops.ltS($0, $1)) } }
    /// `lt_u`.
    @inlinable public static func ltU(_ a: V128, _ b: V128) -> V128 { a.zip(b, L.self) { mask($0 < $1) } }
    /// `gt_s`.
    @inlinable public static func gtS(_ a: V128, _ b: V128) -> V128 { a.zip(b, L.self) { mask(Ops.gtS($0, $1)) } }
    /// `gt_u`.
    @inlinable public static func gtU(_ a: V128, _ b: V128) -> V128 { a.zip(b, L.self) { mask($0 > $1) } }
    /// `le_s`.
    @inlinable public static func leS(_ a: V128, _ b: V128) -> V128 { a.zip(b, L.self) { mask(Ops.leS($0, $1)) } }
    /// `le_u`.
    @inlinable public static func leU(_ a: V128, _ b: V128) -> V128 { a.zip(b, L.self) { mask($0 <= $1) } }
    /// `ge_s`.
    @inlinable public static func geS(_ a: V128, _ b: V128) -> V128 { a.zip(b, L.self) { mask(Ops.geS($0, $1)) } }
    /// `ge_u`.
    @inlinable public static func geU(_ a: V128, _ b: V128) -> V128 { a.zip(b, L.self) { mask($0 >= $1) } }

    // MARK: Arithmetic

    /// `abs`, lane-wise.
    @inlinable public static func abs(_ a: V128) -> V128 { a.map(L.self, Ops.abs) }
    /// `neg`, lane-wise.
    @inlinable public static func neg(_ a: V128) -> V128 { a.map(L.self, Ops.neg) }
    /// `popcnt`, lane-wise.
    @inlinable public static func popcnt(_ a: V128) -> V128 { a.map(L.self, Ops.popcnt) }
    /// `add`, lane-wise.
    @inlinable public static func add(_ a: V128, _ b: V128) -> V128 { a.zip(b, L.self, Ops.add) }
    /// `sub`, lane-wise.
    @inlinable public static func sub(_ a: V128, _ b: V128) -> V128 { a.zip(b, L.self, Ops.sub) }
    /// `mul`, lane-wise.
    @inlinable public static func mul(_ a: V128, _ b: V128) -> V128 { a.zip(b, L.self, Ops.mul) }
    /// `min_s`.
    @inlinable public static func minS(_ a: V128, _ b: V128) -> V128 { a.zip(b, L.self, Ops.minS) }
    /// `min_u`.
    @inlinable public static func minU(_ a: V128, _ b: V128) -> V128 { a.zip(b, L.self, Ops.minU) }
    /// `max_s`.
    @inlinable public static func maxS(_ a: V128, _ b: V128) -> V128 { a.zip(b, L.self, Ops.maxS) }
    /// `max_u`.
    @inlinable public static func maxU(_ a: V128, _ b: V128) -> V128 { a.zip(b, L.self, Ops.maxU) }
    /// `avgr_u`.
    @inlinable public static func avgrU(_ a: V128, _ b: V128) -> V128 { a.zip(b, L.self, Ops.avgrU) }
    /// `add_sat_s`.
    @inlinable public static func addSatS(_ a: V128, _ b: V128) -> V128 { a.zip(b, L.self, Ops.addSatS) }
    /// `add_sat_u`.
    @inlinable public static func addSatU(_ a: V128, _ b: V128) -> V128 { a.zip(b, L.self, Ops.addSatU) }
    /// `sub_sat_s`.
    @inlinable public static func subSatS(_ a: V128, _ b: V128) -> V128 { a.zip(b, L.self, Ops.subSatS) }
    /// `sub_sat_u`.
    @inlinable public static func subSatU(_ a: V128, _ b: V128) -> V128 { a.zip(b, L.self, Ops.subSatU) }
    /// `q15mulr_sat_s`; also the reference's choice for `relaxed_q15mulr_s`.
    @inlinable public static func q15mulrSatS(_ a: V128, _ b: V128) -> V128 { a.zip(b, L.self, Ops.q15mulrSatS) }

    // MARK: Shifts (the count is taken modulo the lane width)

    /// `shl` by `count` modulo the lane width.
    @inlinable public static func shl(_ a: V128, _ count: UInt32) -> V128 {
        let k = L(truncatingIfNeeded: count)
        return a.map(L.self) { Ops.shl($0, k) }
    }

    /// `shr_s` by `count` modulo the lane width.
    @inlinable public static func shrS(_ a: V128, _ count: UInt32) -> V128 {
        let k = L(truncatingIfNeeded: count)
        return a.map(L.self) { Ops.shrS($0, k) }
    }

    /// `shr_u` by `count` modulo the lane width.
    @inlinable public static func shrU(_ a: V128, _ count: UInt32) -> V128 {
        let k = L(truncatingIfNeeded: count)
        return a.map(L.self) { Ops.shrU($0, k) }
    }

    // MARK: Reductions

    /// `all_true`: every lane is non-zero.
    @inlinable public static func allTrue(_ a: V128) -> Bool {
        for i in 0..<laneCount where a.lane(i, as: L.self) == 0 { return false }
        return true
    }

    /// `bitmask`: bit i of the result is the sign bit of lane i.
    @inlinable public static func bitmask(_ a: V128) -> UInt32 {
        var result: UInt32 = 0
        for i in 0..<laneCount where a.lane(i, as: L.self).signed < 0 {
            result |= 1 << UInt32(i)
        }
        return result
    }
}

/// The operators of the float shapes `f32x4` and `f64x2`.
public enum FloatLaneOps<F: WasmFloat> {
    /// The scalar operators applied to each lane.
    public typealias Ops = FloatOps<F>
    /// The bit pattern of a lane.
    public typealias Bits = F.Bits

    @inlinable static func mask(_ b: Bool) -> Bits { b ? Bits.max : 0 }

    /// `fshape.splat`.
    @inlinable public static func splat(_ x: Bits) -> V128 { V128.build(Bits.self) { _ in x } }
    /// `extract_lane`.
    @inlinable public static func extractLane(_ v: V128, _ i: Int) -> Bits { v.lane(i) }
    /// `replace_lane`.
    @inlinable public static func replaceLane(_ v: V128, _ i: Int, _ x: Bits) -> V128 {
        v.replacing(lane: i, with: x)
    }

    // MARK: Comparisons

    /// `eq`: lanes of all ones where equal.
    @inlinable public static func eq(_ a: V128, _ b: V128) -> V128 { a.zip(b, Bits.self) { mask(Ops.eq($0, $1)) } }
    /// `ne`: lanes of all ones where different.
    @inlinable public static func ne(_ a: V128, _ b: V128) -> V128 { a.zip(b, Bits.self) { mask(Ops.ne($0, $1)) } }
    /// `lt`: false where either lane is NaN.
    @inlinable public static func lt(_ a: V128, _ b: V128) -> V128 { a.zip(b, Bits.self) { mask(Ops.lt($0, $1)) } }
    /// `gt`.
    @inlinable public static func gt(_ a: V128, _ b: V128) -> V128 { a.zip(b, Bits.self) { mask(Ops.gt($0, $1)) } }
    /// `le`.
    @inlinable public static func le(_ a: V128, _ b: V128) -> V128 { a.zip(b, Bits.self) { mask(Ops.le($0, $1)) } }
    /// `ge`.
    @inlinable public static func ge(_ a: V128, _ b: V128) -> V128 { a.zip(b, Bits.self) { mask(Ops.ge($0, $1)) } }

    // MARK: Arithmetic

    /// `abs`, lane-wise.
    @inlinable public static func abs(_ a: V128) -> V128 { a.map(Bits.self, Ops.abs) }
    /// `neg`, lane-wise.
    @inlinable public static func neg(_ a: V128) -> V128 { a.map(Bits.self, Ops.neg) }
    /// `sqrt`, lane-wise.
    @inlinable public static func sqrt(_ a: V128) -> V128 { a.map(Bits.self, Ops.sqrt) }
    /// `ceil`, lane-wise.
    @inlinable public static func ceil(_ a: V128) -> V128 { a.map(Bits.self, Ops.ceil) }
    /// `floor`, lane-wise.
    @inlinable public static func floor(_ a: V128) -> V128 { a.map(Bits.self, Ops.floor) }
    /// `trunc`, lane-wise.
    @inlinable public static func trunc(_ a: V128) -> V128 { a.map(Bits.self, Ops.trunc) }
    /// `nearest`, lane-wise.
    @inlinable public static func nearest(_ a: V128) -> V128 { a.map(Bits.self, Ops.nearest) }
    /// `add`, lane-wise.
    @inlinable public static func add(_ a: V128, _ b: V128) -> V128 { a.zip(b, Bits.self, Ops.add) }
    /// `sub`, lane-wise.
    @inlinable public static func sub(_ a: V128, _ b: V128) -> V128 { a.zip(b, Bits.self, Ops.sub) }
    /// `mul`, lane-wise.
    @inlinable public static func mul(_ a: V128, _ b: V128) -> V128 { a.zip(b, Bits.self, Ops.mul) }
    /// `div`, lane-wise.
    @inlinable public static func div(_ a: V128, _ b: V128) -> V128 { a.zip(b, Bits.self, Ops.div) }
    /// `min`; also the reference's choice for `relaxed_min`.
    @inlinable public static func min(_ a: V128, _ b: V128) -> V128 { a.zip(b, Bits.self, Ops.min) }
    /// `max`; also the reference's choice for `relaxed_max`.
    @inlinable public static func max(_ a: V128, _ b: V128) -> V128 { a.zip(b, Bits.self, Ops.max) }
    /// `pmin`, lane-wise.
    @inlinable public static func pmin(_ a: V128, _ b: V128) -> V128 { a.zip(b, Bits.self, Ops.pmin) }
    /// `pmax`, lane-wise.
    @inlinable public static func pmax(_ a: V128, _ b: V128) -> V128 { a.zip(b, Bits.self, Ops.pmax) }

    /// `relaxed_madd`: the reference always fuses (`fma`, see ``FloatOps/fma(_:_:_:)``).
    @inlinable public static func relaxedMadd(_ a: V128, _ b: V128, _ c: V128) -> V128 {
        a.zip(b, c, Bits.self, Ops.fma)
    }

    /// `relaxed_nmadd`: `relaxed_madd(-a, b, c)`.
    @inlinable public static func relaxedNmadd(_ a: V128, _ b: V128, _ c: V128) -> V128 {
        a.zip(b, c, Bits.self) { Ops.fma(Ops.neg($0), $1, $2) }
    }
}

/// The `i8x16` operators.
public typealias I8x16Ops = IntLaneOps<UInt8>
/// The `i16x8` operators.
public typealias I16x8Ops = IntLaneOps<UInt16>
/// The `i32x4` operators.
public typealias I32x4Ops = IntLaneOps<UInt32>
/// The `i64x2` operators.
public typealias I64x2Ops = IntLaneOps<UInt64>
/// The `f32x4` operators.
public typealias F32x4Ops = FloatLaneOps<Float>
/// The `f64x2` operators.
public typealias F64x2Ops = FloatLaneOps<Double>
