// Whole-vector operators (§4.4.3): bitwise operators on all 128 bits, byte
// permutations, and the operators that change the shape (narrowing, extension,
// extended multiplication and addition, dot products, float/int conversions).

/// The `v128` operators that do not work lane by lane in a single shape.
public enum V128Ops {
    // MARK: Bitwise (`v128.*`)

    /// `v128.not`.
    @inlinable public static func not(_ a: V128) -> V128 { V128(lo: ~a.lo, hi: ~a.hi) }
    /// `v128.and`.
    @inlinable public static func and(_ a: V128, _ b: V128) -> V128 { V128(lo: a.lo & b.lo, hi: a.hi & b.hi) }
    /// `v128.andnot`: `a & ~b`.
    @inlinable public static func andnot(_ a: V128, _ b: V128) -> V128 { V128(lo: a.lo & ~b.lo, hi: a.hi & ~b.hi) }
    /// `v128.or`.
    @inlinable public static func or(_ a: V128, _ b: V128) -> V128 { V128(lo: a.lo | b.lo, hi: a.hi | b.hi) }
    /// `v128.xor`.
    @inlinable public static func xor(_ a: V128, _ b: V128) -> V128 { V128(lo: a.lo ^ b.lo, hi: a.hi ^ b.hi) }

    /// `v128.bitselect`: bits of `a` where `mask` is 1, of `b` where it is 0. Also the
    /// reference's choice for every `relaxed_laneselect`.
    @inlinable public static func bitselect(_ a: V128, _ b: V128, _ mask: V128) -> V128 {
        V128(lo: (a.lo & mask.lo) | (b.lo & ~mask.lo), hi: (a.hi & mask.hi) | (b.hi & ~mask.hi))
    }

    /// `v128.any_true`.
    @inlinable public static func anyTrue(_ a: V128) -> Bool { (a.lo | a.hi) != 0 }

    // MARK: Byte permutations

    /// `i8x16.swizzle`: byte i is `a[s[i]]`, or 0 when `s[i] >= 16` (unsigned). Also
    /// the reference's choice for `relaxed_swizzle`.
    @inlinable public static func swizzle(_ a: V128, _ s: V128) -> V128 {
        V128.build(UInt8.self) { i in
            let j = Int(s.lane(i, as: UInt8.self))
            return j < 16 ? a.lane(j, as: UInt8.self) : 0
        }
    }

    /// `i8x16.shuffle`: byte i is byte `lanes[i]` of the 32 bytes of `a` then `b`.
    /// Indices must be below 32 (validation guarantees it); only their low 5 bits
    /// are used.
    @inlinable public static func shuffle(_ lanes: V128, _ a: V128, _ b: V128) -> V128 {
        V128.build(UInt8.self) { i in
            let j = Int(lanes.lane(i, as: UInt8.self) & 31)
            return j < 16 ? a.lane(j, as: UInt8.self) : b.lane(j - 16, as: UInt8.self)
        }
    }

    // MARK: Shape changes between integer shapes

    /// `narrow_s`: the lanes of `a` then `b`, saturated to the signed range of `To`.
    @inlinable public static func narrowS<From: WasmInteger, To: WasmInteger>(
        _ a: V128, _ b: V128, from _: From.Type, to _: To.Type
    ) -> V128 {
        let half = V128.laneCount(From.self)
        return V128.build(To.self) { i in
            let x = i < half ? a.lane(i, as: From.self) : b.lane(i - half, as: From.self)
            return IntegerOps<To>.saturateS(Int64(x.signed))
        }
    }

    /// `narrow_u`: the signed lanes of `a` then `b`, saturated to the unsigned range.
    @inlinable public static func narrowU<From: WasmInteger, To: WasmInteger>(
        _ a: V128, _ b: V128, from _: From.Type, to _: To.Type
    ) -> V128 {
        let half = V128.laneCount(From.self)
        return V128.build(To.self) { i in
            let x = i < half ? a.lane(i, as: From.self) : b.lane(i - half, as: From.self)
            return IntegerOps<To>.saturateU(Int64(x.signed))
        }
    }

    /// The lane extended to a wider lane type, by sign or by zero.
    @inlinable static func widen<From: WasmInteger, To: WasmInteger>(_ x: From, signed: Bool, to _: To.Type) -> To {
        signed ? To(truncatingIfNeeded: x.signed) : To(truncatingIfNeeded: x)
    }

    /// `extend_low`/`extend_high`: half the lanes (`high` picks the upper half),
    /// extended to twice the width.
    @inlinable public static func extend<From: WasmInteger, To: WasmInteger>(
        _ a: V128, high: Bool, signed: Bool, from _: From.Type, to _: To.Type
    ) -> V128 {
        let offset = high ? V128.laneCount(To.self) : 0
        return V128.build(To.self) { i in widen(a.lane(i + offset, as: From.self), signed: signed, to: To.self) }
    }

    /// `extmul_low`/`extmul_high`: the product of the extended halves, modulo the wide
    /// lane width.
    @inlinable public static func extmul<From: WasmInteger, To: WasmInteger>(
        _ a: V128, _ b: V128, high: Bool, signed: Bool, from _: From.Type, to _: To.Type
    ) -> V128 {
        let offset = high ? V128.laneCount(To.self) : 0
        return V128.build(To.self) { i in
            widen(a.lane(i + offset, as: From.self), signed: signed, to: To.self)
                &* widen(b.lane(i + offset, as: From.self), signed: signed, to: To.self)
        }
    }

    /// `extadd_pairwise`: the sum of each pair of adjacent extended lanes.
    @inlinable public static func extaddPairwise<From: WasmInteger, To: WasmInteger>(
        _ a: V128, signed: Bool, from _: From.Type, to _: To.Type
    ) -> V128 {
        V128.build(To.self) { i in
            widen(a.lane(2 * i, as: From.self), signed: signed, to: To.self)
                &+ widen(a.lane(2 * i + 1, as: From.self), signed: signed, to: To.self)
        }
    }

    /// `i32x4.dot_i16x8_s`: the sum of each pair of adjacent signed products, modulo
    /// 2^32 (only -2^15 * -2^15 * 2 wraps).
    @inlinable public static func dotI16x8S(_ a: V128, _ b: V128) -> V128 {
        V128.build(UInt32.self) { i in
            var sum: Int32 = 0
            for j in 2 * i..<2 * i + 2 {
                sum &+= Int32(a.lane(j, as: UInt16.self).signed) &* Int32(b.lane(j, as: UInt16.self).signed)
            }
            return UInt32(bitPattern: sum)
        }
    }

    /// `i16x8.relaxed_dot_i8x16_i7x16_s` as the reference computes it: both operands
    /// signed, pairs of products summed modulo 2^16.
    @inlinable public static func relaxedDotI8x16I7x16S(_ a: V128, _ b: V128) -> V128 {
        V128.build(UInt16.self) { i in
            var sum: Int16 = 0
            for j in 2 * i..<2 * i + 2 {
                sum &+= Int16(a.lane(j, as: UInt8.self).signed) &* Int16(b.lane(j, as: UInt8.self).signed)
            }
            return UInt16(bitPattern: sum)
        }
    }

    /// `i32x4.relaxed_dot_i8x16_i7x16_add_s` as the reference computes it: both operands
    /// signed, quadruples of products summed, plus the lane of `c`, modulo 2^32.
    @inlinable public static func relaxedDotI8x16I7x16AddS(_ a: V128, _ b: V128, _ c: V128) -> V128 {
        V128.build(UInt32.self) { i in
            var sum: Int32 = 0
            for j in 4 * i..<4 * i + 4 {
                sum &+= Int32(a.lane(j, as: UInt8.self).signed) &* Int32(b.lane(j, as: UInt8.self).signed)
            }
            return UInt32(bitPattern: sum) &+ c.lane(i, as: UInt32.self)
        }
    }

    // MARK: Conversions between float and integer shapes

    /// `i32x4.trunc_sat_f32x4_s`/`_u`; also the reference's choice for
    /// `relaxed_trunc_f32x4_s`/`_u`.
    @inlinable public static func truncSatF32x4(_ a: V128, signed: Bool) -> V128 {
        V128.build(UInt32.self) { i in
            let x = a.lane(i, as: UInt32.self)
            return signed ? F32Ops.truncSatS(x, to: UInt32.self) : F32Ops.truncSatU(x, to: UInt32.self)
        }
    }

    /// `i32x4.trunc_sat_f64x2_s_zero`/`_u_zero`: two lanes, then two zero lanes; also
    /// the reference's choice for `relaxed_trunc_f64x2_s_zero`/`_u_zero`.
    @inlinable public static func truncSatF64x2Zero(_ a: V128, signed: Bool) -> V128 {
        V128.build(UInt32.self) { i in
            guard i < 2 else { return 0 }
            let x = a.lane(i, as: UInt64.self)
            return signed ? F64Ops.truncSatS(x, to: UInt32.self) : F64Ops.truncSatU(x, to: UInt32.self)
        }
    }

    /// `f32x4.convert_i32x4_s`/`_u`.
    @inlinable public static func convertI32x4ToF32x4(_ a: V128, signed: Bool) -> V128 {
        V128.build(UInt32.self) { i in
            let x = a.lane(i, as: UInt32.self)
            return signed ? F32Ops.convertS(x) : F32Ops.convertU(x)
        }
    }

    /// `f64x2.convert_low_i32x4_s`/`_u`: the two low lanes.
    @inlinable public static func convertLowI32x4ToF64x2(_ a: V128, signed: Bool) -> V128 {
        V128.build(UInt64.self) { i in
            let x = a.lane(i, as: UInt32.self)
            return signed ? F64Ops.convertS(x) : F64Ops.convertU(x)
        }
    }

    /// `f32x4.demote_f64x2_zero`: two demoted lanes, then two `+0.0` lanes.
    @inlinable public static func demoteF64x2Zero(_ a: V128) -> V128 {
        V128.build(UInt32.self) { i in
            i < 2 ? FloatConversions.demote(a.lane(i, as: UInt64.self)) : 0
        }
    }

    /// `f64x2.promote_low_f32x4`: the two low lanes, promoted.
    @inlinable public static func promoteLowF32x4(_ a: V128) -> V128 {
        V128.build(UInt64.self) { i in FloatConversions.promote(a.lane(i, as: UInt32.self)) }
    }
}
