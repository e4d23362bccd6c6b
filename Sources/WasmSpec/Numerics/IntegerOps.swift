// Integer operations (§4.3.2), written once over the bit-pattern type and
// instantiated per width. Every operator works modulo 2^N; the signed ones go
// through the two's complement view `signed_N`.

/// The integer operators of WebAssembly on N-bit integers held as their unsigned bit
/// pattern `T`. `I32Ops` and `I64Ops` serve the scalar instructions; the 8- and 16-bit
/// instantiations serve vector lanes.
public enum IntegerOps<T: WasmInteger> {
    /// The bit pattern of the most negative signed value, `-2^(N-1)`.
    @inlinable static var signBit: T { 1 &<< (T.bitWidth - 1) }

    // MARK: Arithmetic

    /// `iadd_N`: addition modulo 2^N.
    @inlinable public static func add(_ a: T, _ b: T) -> T { a &+ b }

    /// `isub_N`: subtraction modulo 2^N.
    @inlinable public static func sub(_ a: T, _ b: T) -> T { a &- b }

    /// `imul_N`: multiplication modulo 2^N.
    @inlinable public static func mul(_ a: T, _ b: T) -> T { a &* b }

    /// `idiv_u_N`: unsigned division, truncating.
    @inlinable public static func divU(_ a: T, _ b: T) throws(NumericTrap) -> T {
        guard b != 0 else { throw .integerDivideByZero }
        return a / b
    }

    /// `idiv_s_N`: signed division, truncating toward zero; `-2^(N-1) / -1` overflows.
    @inlinable public static func divS(_ a: T, _ b: T) throws(NumericTrap) -> T {
        guard b != 0 else { throw .integerDivideByZero }
        guard !(a == signBit && b == T.max) else { throw .integerOverflow }
        return T(bitPattern: a.signed / b.signed)
    }

    /// `irem_u_N`: unsigned remainder.
    @inlinable public static func remU(_ a: T, _ b: T) throws(NumericTrap) -> T {
        guard b != 0 else { throw .integerDivideByZero }
        return a % b
    }

    /// `irem_s_N`: signed remainder with the sign of the dividend. Unlike division, the
    /// remainder of `-2^(N-1)` by -1 exists: it is 0.
    @inlinable public static func remS(_ a: T, _ b: T) throws(NumericTrap) -> T {
        guard b != 0 else { throw .integerDivideByZero }
        guard b != T.max else { return 0 }  // x rem -1 = 0, and Swift would trap on min % -1
        return T(bitPattern: a.signed % b.signed)
    }

    // MARK: Bitwise

    /// `iand_N`.
    @inlinable public static func and(_ a: T, _ b: T) -> T { a & b }
    /// `ior_N`.
    @inlinable public static func or(_ a: T, _ b: T) -> T { a | b }
    /// `ixor_N`.
    @inlinable public static func xor(_ a: T, _ b: T) -> T { a ^ b }
    /// `inot_N`.
    @inlinable public static func not(_ a: T) -> T { ~a }
    /// `iandnot_N`: `a & ~b`.
    @inlinable public static func andnot(_ a: T, _ b: T) -> T { a & ~b }

    /// `ishl_N`: the count is taken modulo N.
    @inlinable public static func shl(_ a: T, _ b: T) -> T { a &<< b }

    /// `ishr_u_N`: logical shift right, count modulo N.
    @inlinable public static func shrU(_ a: T, _ b: T) -> T { a &>> b }

    /// `ishr_s_N`: arithmetic shift right, count modulo N.
    @inlinable public static func shrS(_ a: T, _ b: T) -> T {
        T(bitPattern: a.signed &>> T.Signed(truncatingIfNeeded: b))
    }

    /// `irotl_N`: rotation left by the count modulo N.
    @inlinable public static func rotl(_ a: T, _ b: T) -> T {
        let k = b & T(truncatingIfNeeded: T.bitWidth - 1)
        // For k = 0 the right shift by N masks to a shift by 0, and a | a = a.
        return (a &<< k) | (a &>> (T(truncatingIfNeeded: T.bitWidth) &- k))
    }

    /// `irotr_N`: rotation right by the count modulo N.
    @inlinable public static func rotr(_ a: T, _ b: T) -> T {
        let k = b & T(truncatingIfNeeded: T.bitWidth - 1)
        return (a &>> k) | (a &<< (T(truncatingIfNeeded: T.bitWidth) &- k))
    }

    /// `iclz_N`: leading zero bits, N for 0.
    @inlinable public static func clz(_ a: T) -> T { T(truncatingIfNeeded: a.leadingZeroBitCount) }

    /// `ictz_N`: trailing zero bits, N for 0.
    @inlinable public static func ctz(_ a: T) -> T { T(truncatingIfNeeded: a.trailingZeroBitCount) }

    /// `ipopcnt_N`: the number of one bits.
    @inlinable public static func popcnt(_ a: T) -> T { T(truncatingIfNeeded: a.nonzeroBitCount) }

    /// `iextend_N(M)_s`: sign-extends the low `bits` bits.
    @inlinable public static func extendS(_ a: T, fromBits bits: Int) -> T {
        let k = T(truncatingIfNeeded: T.bitWidth - bits)
        return T(bitPattern: (a &<< k).signed &>> T.Signed(truncatingIfNeeded: k))
    }

    // MARK: Tests and comparisons

    /// `ieqz_N`.
    @inlinable public static func eqz(_ a: T) -> Bool { a == 0 }
    /// `ieq_N`.
    @inlinable public static func eq(_ a: T, _ b: T) -> Bool { a == b }
    /// `ine_N`.
    @inlinable public static func ne(_ a: T, _ b: T) -> Bool { a != b }
    /// `ilt_u_N`.
    @inlinable public static func ltU(_ a: T, _ b: T) -> Bool { a < b }
    /// `ilt_s_N`.
    @inlinable public static func ltS(_ a: T, _ b: T) -> Bool { a.signed < b.signed }
    /// `igt_u_N`.
    @inlinable public static func gtU(_ a: T, _ b: T) -> Bool { a > b }
    /// `igt_s_N`.
    @inlinable public static func gtS(_ a: T, _ b: T) -> Bool { a.signed > b.signed }
    /// `ile_u_N`.
    @inlinable public static func leU(_ a: T, _ b: T) -> Bool { a <= b }
    /// `ile_s_N`.
    @inlinable public static func leS(_ a: T, _ b: T) -> Bool { a.signed <= b.signed }
    /// `ige_u_N`.
    @inlinable public static func geU(_ a: T, _ b: T) -> Bool { a >= b }
    /// `ige_s_N`.
    @inlinable public static func geS(_ a: T, _ b: T) -> Bool { a.signed >= b.signed }

    // MARK: Lane-wise operators of vector instructions (§4.3.2)

    /// `iabs_N`: the absolute value of the signed view; `-2^(N-1)` maps to itself.
    @inlinable public static func abs(_ a: T) -> T { a.signed < 0 ? 0 &- a : a }

    /// `ineg_N`: negation modulo 2^N.
    @inlinable public static func neg(_ a: T) -> T { 0 &- a }

    /// `imin_u_N`.
    @inlinable public static func minU(_ a: T, _ b: T) -> T { a <= b ? a : b }
    /// `imin_s_N`.
    @inlinable public static func minS(_ a: T, _ b: T) -> T { a.signed <= b.signed ? a : b }
    /// `imax_u_N`.
    @inlinable public static func maxU(_ a: T, _ b: T) -> T { a >= b ? a : b }
    /// `imax_s_N`.
    @inlinable public static func maxS(_ a: T, _ b: T) -> T { a.signed >= b.signed ? a : b }

    /// `iadd_sat_u_N`: addition clamped to `[0, 2^N-1]`.
    @inlinable public static func addSatU(_ a: T, _ b: T) -> T {
        let (r, overflow) = a.addingReportingOverflow(b)
        return overflow ? T.max : r
    }

    /// `iadd_sat_s_N`: signed addition clamped to the signed range.
    @inlinable public static func addSatS(_ a: T, _ b: T) -> T {
        let (r, overflow) = a.signed.addingReportingOverflow(b.signed)
        guard overflow else { return T(bitPattern: r) }
        // Overflow needs operands of equal sign; the result saturates toward it.
        return a.signed < 0 ? signBit : signBit &- 1
    }

    /// `isub_sat_u_N`: subtraction clamped at 0.
    @inlinable public static func subSatU(_ a: T, _ b: T) -> T {
        let (r, overflow) = a.subtractingReportingOverflow(b)
        return overflow ? 0 : r
    }

    /// `isub_sat_s_N`: signed subtraction clamped to the signed range.
    @inlinable public static func subSatS(_ a: T, _ b: T) -> T {
        let (r, overflow) = a.signed.subtractingReportingOverflow(b.signed)
        guard overflow else { return T(bitPattern: r) }
        // Overflow needs operands of opposite sign; the result takes the sign of `a`.
        return a.signed < 0 ? signBit : signBit &- 1
    }

    /// `iavgr_u_N`: `(a + b + 1) / 2` without intermediate overflow.
    @inlinable public static func avgrU(_ a: T, _ b: T) -> T {
        (a >> 1) &+ (b >> 1) &+ ((a | b) & 1)
    }

    /// `iq15mulr_sat_s_N`: `(a * b + 2^14) >> 15` on the signed views, saturated.
    /// Defined for N <= 32, where the product fits in 64 bits.
    @inlinable public static func q15mulrSatS(_ a: T, _ b: T) -> T {
        let p = Int64(a.signed) &* Int64(b.signed)
        return saturateS((p &+ 0x4000) &>> 15)
    }

    /// `sat_s_N`: clamps a signed value to the signed range of N bits.
    @inlinable public static func saturateS(_ x: Int64) -> T {
        let hi = Int64(T.Signed.max)
        let lo = Int64(T.Signed.min)
        return T(truncatingIfNeeded: x < lo ? lo : (x > hi ? hi : x))
    }

    /// `sat_u_N`: clamps a signed value to the unsigned range of N bits.
    @inlinable public static func saturateU(_ x: Int64) -> T {
        if x < 0 { return 0 }
        if T.bitWidth < 64 && x > Int64(truncatingIfNeeded: T.max) { return T.max }
        return T(truncatingIfNeeded: x)
    }
}

/// The `i32` operators.
public typealias I32Ops = IntegerOps<UInt32>
/// The `i64` operators.
public typealias I64Ops = IntegerOps<UInt64>
