// Floating-point operations (§4.3.3), written once over `WasmFloat` and
// instantiated for f32 and f64. Operands and results are bit patterns.
//
// NaN results follow the reference interpreter exactly, not just the spec's
// set of permitted results (§4.3.3, "NaN propagation"):
// - a binary operator whose result is NaN returns its first NaN operand, else its
//   second, else the positive canonical NaN, in each case with the quiet bit
//   forced (`x | canonical`); the sign of the chosen operand survives;
// - a unary operator returns its operand with the quiet bit forced, or the positive
//   canonical NaN when the operand was not NaN (e.g. `sqrt(-1)`);
// - `abs`, `neg` and `copysign` only touch the sign bit, NaN or not.
// For f32, computing +, -, *, / and sqrt natively gives the same results as the
// reference's computation in double precision followed by rounding to single
// precision: double rounding is innocuous for these when the wide format has at
// least 2p + 2 bits of precision (53 >= 2 * 24 + 2).

/// The floating-point operators of WebAssembly on the bit patterns of `F`.
/// `F32Ops` and `F64Ops` serve the scalar instructions and the vector lanes.
public enum FloatOps<F: WasmFloat> {
    /// The bit pattern of an `F`.
    public typealias Bits = F.Bits

    // MARK: Bit-level constants

    /// The sign bit.
    @inlinable public static var signMask: Bits { 1 &<< (Bits.bitWidth - 1) }
    /// All exponent bits.
    @inlinable public static var exponentMask: Bits {
        ((1 &<< Bits(truncatingIfNeeded: F.exponentBitCount)) &- 1)
            &<< Bits(truncatingIfNeeded: F.significandBitCount)
    }
    /// The most significant significand bit, set in quiet NaNs.
    @inlinable public static var quietBit: Bits {
        1 &<< Bits(truncatingIfNeeded: F.significandBitCount - 1)
    }
    /// The positive canonical NaN (§4.3.3): exponent all ones, only the quiet bit set.
    @inlinable public static var canonicalNaN: Bits { exponentMask | quietBit }
    /// The significand bits, where a NaN carries its payload.
    @inlinable public static var payloadMask: Bits { ~(signMask | exponentMask) }

    /// Whether the bits encode a NaN.
    @inlinable public static func isNaN(_ x: Bits) -> Bool { x & ~signMask > exponentMask }

    /// 2^k as a float; k must be within the exponent range.
    @inlinable static func powerOfTwo(_ k: Int) -> F {
        F(bitPattern: Bits(truncatingIfNeeded: (1 << (F.exponentBitCount - 1)) - 1 + k)
            &<< Bits(truncatingIfNeeded: F.significandBitCount))
    }

    // MARK: NaN determination (reference interpreter)

    /// The NaN a binary operator returns: the first NaN operand, else the second,
    /// else the positive canonical NaN, with the quiet bit forced.
    @inlinable public static func binaryNaN(_ x: Bits, _ y: Bits) -> Bits {
        (isNaN(x) ? x : (isNaN(y) ? y : canonicalNaN)) | canonicalNaN
    }

    /// The NaN a unary operator returns: the operand if NaN, else the positive
    /// canonical NaN, with the quiet bit forced.
    @inlinable public static func unaryNaN(_ x: Bits) -> Bits {
        (isNaN(x) ? x : canonicalNaN) | canonicalNaN
    }

    @inlinable static func result(_ r: F, _ x: Bits, _ y: Bits) -> Bits {
        r.isNaN ? binaryNaN(x, y) : r.bitPattern
    }

    @inlinable static func result(_ r: F, _ x: Bits) -> Bits {
        r.isNaN ? unaryNaN(x) : r.bitPattern
    }

    // MARK: Arithmetic

    /// `fadd_N`.
    @inlinable public static func add(_ x: Bits, _ y: Bits) -> Bits {
        result(F(bitPattern: x) + F(bitPattern: y), x, y)
    }

    /// `fsub_N`.
    @inlinable public static func sub(_ x: Bits, _ y: Bits) -> Bits {
        result(F(bitPattern: x) - F(bitPattern: y), x, y)
    }

    /// `fmul_N`.
    @inlinable public static func mul(_ x: Bits, _ y: Bits) -> Bits {
        result(F(bitPattern: x) * F(bitPattern: y), x, y)
    }

    /// `fdiv_N`.
    @inlinable public static func div(_ x: Bits, _ y: Bits) -> Bits {
        result(F(bitPattern: x) / F(bitPattern: y), x, y)
    }

    /// `fma_N` as the reference computes it (see ``WasmFloat/referenceFMA(_:_:_:)``).
    /// A NaN result propagates a NaN of `x` or `y` only: a NaN addend alone yields the
    /// canonical NaN.
    @inlinable public static func fma(_ x: Bits, _ y: Bits, _ z: Bits) -> Bits {
        result(F.referenceFMA(F(bitPattern: x), F(bitPattern: y), F(bitPattern: z)), x, y)
    }

    /// `fmin_N`: NaN if either operand is; `-0` is smaller than `+0`.
    @inlinable public static func min(_ x: Bits, _ y: Bits) -> Bits {
        let a = F(bitPattern: x)
        let b = F(bitPattern: y)
        if a == b { return x | y }  // equal values differ at most in the sign of zero
        if a < b { return x }
        if a > b { return y }
        return binaryNaN(x, y)
    }

    /// `fmax_N`: NaN if either operand is; `+0` is larger than `-0`.
    @inlinable public static func max(_ x: Bits, _ y: Bits) -> Bits {
        let a = F(bitPattern: x)
        let b = F(bitPattern: y)
        if a == b { return x & y }
        if a > b { return x }
        if a < b { return y }
        return binaryNaN(x, y)
    }

    /// `fpmin_N`: `y < x ? y : x`, a plain selection that never makes a NaN.
    @inlinable public static func pmin(_ x: Bits, _ y: Bits) -> Bits {
        F(bitPattern: y) < F(bitPattern: x) ? y : x
    }

    /// `fpmax_N`: `x < y ? y : x`, a plain selection that never makes a NaN.
    @inlinable public static func pmax(_ x: Bits, _ y: Bits) -> Bits {
        F(bitPattern: x) < F(bitPattern: y) ? y : x
    }

    /// `fcopysign_N`: the magnitude of `x` with the sign of `y`.
    @inlinable public static func copysign(_ x: Bits, _ y: Bits) -> Bits {
        (x & ~signMask) | (y & signMask)
    }

    /// `fabs_N`: clears the sign bit.
    @inlinable public static func abs(_ x: Bits) -> Bits { x & ~signMask }

    /// `fneg_N`: flips the sign bit.
    @inlinable public static func neg(_ x: Bits) -> Bits { x ^ signMask }

    /// `fsqrt_N`.
    @inlinable public static func sqrt(_ x: Bits) -> Bits {
        result(F(bitPattern: x).squareRoot(), x)
    }

    /// `fceil_N`.
    @inlinable public static func ceil(_ x: Bits) -> Bits {
        result(F(bitPattern: x).rounded(.up), x)
    }

    /// `ffloor_N`.
    @inlinable public static func floor(_ x: Bits) -> Bits {
        result(F(bitPattern: x).rounded(.down), x)
    }

    /// `ftrunc_N`.
    @inlinable public static func trunc(_ x: Bits) -> Bits {
        result(F(bitPattern: x).rounded(.towardZero), x)
    }

    /// `fnearest_N`: round to the nearest integer, ties to even; zeros keep their sign.
    @inlinable public static func nearest(_ x: Bits) -> Bits {
        result(F(bitPattern: x).rounded(.toNearestOrEven), x)
    }

    // MARK: Comparisons

    /// `feq_N`.
    @inlinable public static func eq(_ x: Bits, _ y: Bits) -> Bool { F(bitPattern: x) == F(bitPattern: y) }
    /// `fne_N`: true when either operand is NaN.
    @inlinable public static func ne(_ x: Bits, _ y: Bits) -> Bool { F(bitPattern: x) != F(bitPattern: y) }
    /// `flt_N`.
    @inlinable public static func lt(_ x: Bits, _ y: Bits) -> Bool { F(bitPattern: x) < F(bitPattern: y) }
    /// `fgt_N`.
    @inlinable public static func gt(_ x: Bits, _ y: Bits) -> Bool { F(bitPattern: x) > F(bitPattern: y) }
    /// `fle_N`.
    @inlinable public static func le(_ x: Bits, _ y: Bits) -> Bool { F(bitPattern: x) <= F(bitPattern: y) }
    /// `fge_N`.
    @inlinable public static func ge(_ x: Bits, _ y: Bits) -> Bool { F(bitPattern: x) >= F(bitPattern: y) }

    // MARK: Conversions to and from integers (§4.3.4)

    /// `trunc_s_{M,N}`: the integral part as a signed `I`; traps on NaN ("invalid
    /// conversion to integer") and when the integral part is outside `I`'s signed
    /// range ("integer overflow").
    @inlinable public static func truncS<I: WasmInteger>(_ x: Bits, to: I.Type) throws(NumericTrap) -> I {
        guard !isNaN(x) else { throw .invalidConversionToInteger }
        let t = F(bitPattern: x).rounded(.towardZero)
        let bound = powerOfTwo(I.bitWidth - 1)
        guard t >= -bound && t < bound else { throw .integerOverflow }
        return I(truncatingIfNeeded: t.toInt64())
    }

    /// `trunc_u_{M,N}`: the integral part as an unsigned `I`; traps on NaN and when the
    /// integral part is outside `[0, 2^N)` (so `-0.9` truncates to 0).
    @inlinable public static func truncU<I: WasmInteger>(_ x: Bits, to: I.Type) throws(NumericTrap) -> I {
        guard !isNaN(x) else { throw .invalidConversionToInteger }
        let t = F(bitPattern: x).rounded(.towardZero)
        guard t >= 0 && t < powerOfTwo(I.bitWidth) else { throw .integerOverflow }
        return I(truncatingIfNeeded: t.toUInt64())
    }

    /// `trunc_sat_s_{M,N}`: like `truncS` but NaN gives 0 and out-of-range values
    /// saturate.
    @inlinable public static func truncSatS<I: WasmInteger>(_ x: Bits, to: I.Type) -> I {
        if isNaN(x) { return 0 }
        let t = F(bitPattern: x).rounded(.towardZero)
        let bound = powerOfTwo(I.bitWidth - 1)
        if t < -bound { return I(bitPattern: I.Signed.min) }
        if t >= bound { return I(bitPattern: I.Signed.max) }
        return I(truncatingIfNeeded: t.toInt64())
    }

    /// `trunc_sat_u_{M,N}`: like `truncU` but NaN and negative values give 0 and
    /// too-large values give `2^N - 1`.
    @inlinable public static func truncSatU<I: WasmInteger>(_ x: Bits, to: I.Type) -> I {
        if isNaN(x) { return 0 }
        let t = F(bitPattern: x).rounded(.towardZero)
        if t < 0 { return 0 }
        if t >= powerOfTwo(I.bitWidth) { return I.max }
        return I(truncatingIfNeeded: t.toUInt64())
    }

    /// `convert_s_{M,N}`: the signed integer, correctly rounded (ties to even).
    @inlinable public static func convertS<I: WasmInteger>(_ i: I) -> Bits {
        F.fromInt64(Int64(truncatingIfNeeded: i.signed)).bitPattern
    }

    /// `convert_u_{M,N}`: the unsigned integer, correctly rounded (ties to even).
    @inlinable public static func convertU<I: WasmInteger>(_ i: I) -> Bits {
        F.fromUInt64(UInt64(truncatingIfNeeded: i)).bitPattern
    }
}

/// The `f32` operators.
public typealias F32Ops = FloatOps<Float>
/// The `f64` operators.
public typealias F64Ops = FloatOps<Double>

/// Conversions between the two float widths (§4.3.4).
public enum FloatConversions {
    /// `demote_{64,32}`: rounds to nearest, ties to even. A NaN keeps its sign and the
    /// top 23 bits of its payload, and becomes quiet.
    @inlinable public static func demote(_ x: UInt64) -> UInt32 {
        guard F64Ops.isNaN(x) else { return Float(Double(bitPattern: x)).bitPattern }
        let sign = UInt32(truncatingIfNeeded: x >> 63) << 31
        let payload = UInt32(truncatingIfNeeded: (x & F64Ops.payloadMask) >> 29)
        return sign | payload | F32Ops.canonicalNaN
    }

    /// `promote_{32,64}`: exact. A NaN keeps its sign and payload (shifted to the top of
    /// the wider significand) and becomes quiet.
    @inlinable public static func promote(_ x: UInt32) -> UInt64 {
        guard F32Ops.isNaN(x) else { return Double(Float(bitPattern: x)).bitPattern }
        let sign = UInt64(x >> 31) << 63
        let payload = UInt64(x & F32Ops.payloadMask) << 29
        return sign | payload | F64Ops.canonicalNaN
    }
}
