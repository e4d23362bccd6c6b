// Unit tests of the numeric operators at their corners, with the exact bits the
// reference interpreter produces (the suite's NaN patterns are looser than that).

import Testing
@testable import WasmSpec

@Suite struct NumericsIntegerTests {
    @Test func trapMessages() {
        #expect(NumericTrap.integerDivideByZero.message == "integer divide by zero")
        #expect(NumericTrap.integerOverflow.message == "integer overflow")
        #expect(NumericTrap.invalidConversionToInteger.message == "invalid conversion to integer")
    }

    @Test func divisionAndRemainder() throws {
        let minI32: UInt32 = 0x8000_0000
        #expect(throws: NumericTrap.integerOverflow) { try I32Ops.divS(minI32, 0xFFFF_FFFF) }
        #expect(try I32Ops.remS(minI32, 0xFFFF_FFFF) == 0)
        #expect(throws: NumericTrap.integerOverflow) { try I64Ops.divS(1 << 63, ~0) }
        #expect(try I64Ops.remS(1 << 63, ~0) == 0)
        for op in [NumericOp.i32DivS, .i32DivU, .i32RemS, .i32RemU, .i64DivS, .i64DivU, .i64RemS, .i64RemU] {
            #expect(throws: NumericTrap.integerDivideByZero) { try Numerics.apply(op, 1, 0) }
            #expect(throws: NumericTrap.integerDivideByZero) { try Numerics.apply(op, 0, 0) }
        }
        // Division by zero is checked before overflow.
        #expect(throws: NumericTrap.integerDivideByZero) { try I64Ops.divS(1 << 63, 0) }
        #expect(try I32Ops.divS(UInt32(bitPattern: -7), 2) == UInt32(bitPattern: -3))
        #expect(try I32Ops.remS(UInt32(bitPattern: -7), 2) == UInt32(bitPattern: -1))
        #expect(try I32Ops.remS(7, UInt32(bitPattern: -2)) == 1)
        #expect(try I32Ops.divU(0xFFFF_FFFF, 2) == 0x7FFF_FFFF)
        #expect(try I64Ops.remU(~0, 10) == 5)
    }

    @Test func shiftsAndRotationsTakeTheCountModuloTheWidth() {
        #expect(I32Ops.shl(1, 32) == 1)
        #expect(I32Ops.shl(1, 33) == 2)
        #expect(I32Ops.shl(1, 0xFFFF_FFFF) == 0x8000_0000)
        #expect(I32Ops.shrS(0x8000_0000, 63) == 0xFFFF_FFFF)
        #expect(I32Ops.shrU(0x8000_0000, 0xFFFF_FFFF) == 1)
        #expect(I64Ops.shl(1, 64) == 1)
        #expect(I64Ops.shrS(1 << 63, 65) == 0xC000_0000_0000_0000)
        #expect(I64Ops.shrU(1 << 63, 65) == 1 << 62)
        #expect(I32Ops.rotl(0x8000_0001, 1) == 3)
        #expect(I32Ops.rotl(0x1234_5678, 0) == 0x1234_5678)
        #expect(I32Ops.rotl(0x1234_5678, 32) == 0x1234_5678)
        #expect(I32Ops.rotr(1, 1) == 0x8000_0000)
        #expect(I32Ops.rotr(0x1234_5678, 33) == I32Ops.rotr(0x1234_5678, 1))
        #expect(I64Ops.rotl(1, 65) == 2)
        #expect(I64Ops.rotr(1, 64) == 1)
        #expect(I64Ops.rotr(1, 0xFFFF_FFFF_FFFF_FFFF) == 2)
    }

    @Test func bitCountsAndExtension() {
        #expect(I32Ops.clz(0) == 32)
        #expect(I32Ops.ctz(0) == 32)
        #expect(I64Ops.clz(0) == 64)
        #expect(I64Ops.ctz(1 << 63) == 63)
        #expect(I32Ops.popcnt(0xFFFF_FFFF) == 32)
        #expect(I32Ops.extendS(0x80, fromBits: 8) == 0xFFFF_FF80)
        #expect(I32Ops.extendS(0x1234_567F, fromBits: 8) == 0x7F)
        #expect(I32Ops.extendS(0x8000, fromBits: 16) == 0xFFFF_8000)
        #expect(I64Ops.extendS(0x8000_0000, fromBits: 32) == 0xFFFF_FFFF_8000_0000)
    }

    @Test func laneArithmetic() {
        typealias I8 = IntegerOps<UInt8>
        typealias I16 = IntegerOps<UInt16>
        #expect(I8.addSatS(0x7F, 1) == 0x7F)
        #expect(I8.addSatS(0x80, 0xFF) == 0x80)
        #expect(I8.subSatS(0x80, 1) == 0x80)
        #expect(I8.subSatS(0x7F, 0xFF) == 0x7F)
        #expect(I8.addSatU(0xFF, 1) == 0xFF)
        #expect(I8.subSatU(0, 1) == 0)
        #expect(I8.avgrU(0xFF, 0xFF) == 0xFF)
        #expect(I8.avgrU(0, 1) == 1)
        #expect(I8.abs(0x80) == 0x80)
        #expect(I16.q15mulrSatS(0x8000, 0x8000) == 0x7FFF)
        #expect(I16.q15mulrSatS(0x4000, 0x4000) == 0x2000)
        #expect(I16.saturateU(-5) == 0 && I16.saturateU(70000) == 0xFFFF)
    }
}

@Suite struct NumericsFloatTests {
    static let one32: UInt32 = 0x3F80_0000
    static let inf32: UInt32 = 0x7F80_0000

    @Test func binaryNaNPropagation() {
        // The first NaN operand wins, quieted, sign kept; otherwise the positive canonical NaN.
        #expect(F32Ops.add(0x7FA0_0000, Self.one32) == 0x7FE0_0000)
        #expect(F32Ops.add(Self.one32, 0xFFA0_0000) == 0xFFE0_0000)
        #expect(F32Ops.mul(0xFF80_0001, 0x7FC0_0001) == 0xFFC0_0001)
        #expect(F32Ops.sub(Self.inf32, Self.inf32) == 0x7FC0_0000)
        #expect(F32Ops.sub(0xFF80_0000, 0xFF80_0000) == 0x7FC0_0000)
        #expect(F32Ops.mul(0, Self.inf32) == 0x7FC0_0000)
        #expect(F32Ops.div(0x8000_0000, 0) == 0x7FC0_0000)
        #expect(F64Ops.add(0xFFF0_0000_0000_0001, 0x7FF8_0000_0000_0002) == 0xFFF8_0000_0000_0001)
        #expect(F64Ops.div(0, 0) == 0x7FF8_0000_0000_0000)
    }

    @Test func unaryNaNAndRounding() {
        #expect(F32Ops.sqrt(0xBF80_0000) == 0x7FC0_0000)  // sqrt(-1)
        #expect(F32Ops.sqrt(0xFF80_0001) == 0xFFC0_0001)
        #expect(F32Ops.sqrt(0x8000_0000) == 0x8000_0000)  // sqrt(-0) = -0
        for op in [F32Ops.ceil, F32Ops.floor, F32Ops.trunc, F32Ops.nearest] {
            #expect(op(0x7F80_0001) == 0x7FC0_0001)
            #expect(op(0xFFA0_0000) == 0xFFE0_0000)
            #expect(op(0x8000_0000) == 0x8000_0000)
            #expect(op(Self.inf32) == Self.inf32)
        }
        func f(_ x: Float) -> UInt32 { x.bitPattern }
        #expect(F32Ops.ceil(f(-0.5)) == f(-0.0))
        #expect(F32Ops.trunc(f(-0.7)) == f(-0.0))
        #expect(F32Ops.floor(f(0.7)) == f(0.0))
        #expect(F32Ops.floor(f(-0.7)) == f(-1))
    }

    @Test func nearestRoundsTiesToEven() {
        let cases: [(Double, Double)] = [
            (0.5, 0), (1.5, 2), (2.5, 2), (3.5, 4), (-0.5, -0.0), (-1.5, -2), (-2.5, -2),
            (-0.3, -0.0), (0.49999999999999994, 0), (4503599627370495.5, 4503599627370496),
            (-4503599627370495.5, -4503599627370496), (4503599627370497, 4503599627370497),
        ]
        for (x, r) in cases {
            #expect(F64Ops.nearest(x.bitPattern) == r.bitPattern, "nearest(\(x))")
        }
        #expect(F32Ops.nearest(Float(4194303.5).bitPattern) == Float(4194304).bitPattern)
        #expect(F32Ops.nearest(Float(8388607.5).bitPattern) == Float(8388608).bitPattern)
        #expect(F32Ops.nearest(Float(-4194302.5).bitPattern) == Float(-4194302).bitPattern)
    }

    @Test func minMaxWithZerosAndNaNs() {
        let pz: UInt32 = 0
        let nz: UInt32 = 0x8000_0000
        #expect(F32Ops.min(pz, nz) == nz && F32Ops.min(nz, pz) == nz)
        #expect(F32Ops.max(pz, nz) == pz && F32Ops.max(nz, pz) == pz)
        #expect(F32Ops.min(0x7FA0_0000, Self.one32) == 0x7FE0_0000)
        #expect(F32Ops.max(Self.one32, 0xFFA0_0000) == 0xFFE0_0000)
        #expect(F32Ops.min(0xFF80_0000, Self.inf32) == 0xFF80_0000)
        #expect(F64Ops.max(0x7FF0_0000_0000_0001, 0xFFF0_0000_0000_0002) == 0x7FF8_0000_0000_0001)
        // pmin/pmax select without canonicalising: pmin(x, y) = y < x ? y : x.
        #expect(F32Ops.pmin(0x7FA0_0000, Self.one32) == 0x7FA0_0000)
        #expect(F32Ops.pmin(Self.one32, 0x7FA0_0000) == Self.one32)
        #expect(F32Ops.pmax(nz, pz) == nz && F32Ops.pmin(pz, nz) == pz)
    }

    @Test func signOperationsAreBitwise() {
        #expect(F32Ops.abs(0xFFA0_0000) == 0x7FA0_0000)
        #expect(F32Ops.neg(0x7FA0_0000) == 0xFFA0_0000)
        #expect(F32Ops.copysign(0x7FA0_0000, 0x8000_0000) == 0xFFA0_0000)
        #expect(F64Ops.copysign(0xFFF0_0000_0000_0001, 0) == 0x7FF0_0000_0000_0001)
        #expect(F64Ops.neg(0) == 0x8000_0000_0000_0000)
    }

    @Test func fusedMultiplyAddAsTheReference() {
        // A NaN addend alone does not propagate: the result is the canonical NaN.
        #expect(F32Ops.fma(Self.one32, Self.one32, 0x7FA0_0000) == 0x7FC0_0000)
        #expect(F32Ops.fma(0x7FA0_0000, Self.one32, Self.one32) == 0x7FE0_0000)
        #expect(F32Ops.fma(Self.one32, 0xFFA0_0000, 0x7FA0_0001) == 0xFFE0_0000)
        // f32 FMA is computed in double, then rounded to single: x * y + z is exactly
        // 1 + 2^-24 + 2^-60; double rounding lands on the tie and rounds to even (1),
        // where a single rounding would give the next float up.
        let x = Float(Double(1 + 0x1p-12) * 0x1p-24)
        let y = Float(1 - 0x1p-12 + 0x1p-24)
        #expect(Float(1).addingProduct(x, y).bitPattern == 0x3F80_0001)
        #expect(F32Ops.fma(x.bitPattern, y.bitPattern, Self.one32) == 0x3F80_0000)
    }
}

@Suite struct NumericsConversionTests {
    enum Expected: Equatable {
        case value(UInt64)
        case trap(NumericTrap)
    }

    static func run(_ op: NumericOp, _ x: UInt64) -> Expected {
        do {
            guard let r = try Numerics.apply(op, x) else { return .value(~0) }
            return .value(r)
        } catch {
            return .trap(error)
        }
    }

    static func f32(_ x: Float) -> UInt64 { UInt64(x.bitPattern) }
    static func f64(_ x: Double) -> UInt64 { x.bitPattern }

    /// The largest and smallest inputs that truncate, the nearest ones beyond that
    /// overflow, and NaN, for every integer/float width pair.
    @Test func truncationBoundaries() {
        let overflow = Expected.trap(.integerOverflow)
        let invalid = Expected.trap(.invalidConversionToInteger)
        let cases: [(NumericOp, UInt64, Expected)] = [
            (.i32TruncF32S, Self.f32(2147483520), .value(2_147_483_520)),
            (.i32TruncF32S, Self.f32(2147483648), overflow),
            (.i32TruncF32S, Self.f32(-2147483648), .value(0x8000_0000)),
            (.i32TruncF32S, Self.f32(-2147483904), overflow),
            (.i32TruncF32S, Self.f32(-0.0), .value(0)),
            (.i32TruncF32U, Self.f32(4294967040), .value(0xFFFF_FF00)),
            (.i32TruncF32U, Self.f32(4294967296), overflow),
            (.i32TruncF32U, Self.f32(-0.99999994), .value(0)),
            (.i32TruncF32U, Self.f32(-1), overflow),
            (.i32TruncF64S, Self.f64(2147483647.9), .value(0x7FFF_FFFF)),
            (.i32TruncF64S, Self.f64(2147483648), overflow),
            (.i32TruncF64S, Self.f64(-2147483648.9), .value(0x8000_0000)),
            (.i32TruncF64S, Self.f64(-2147483649), overflow),
            (.i32TruncF64U, Self.f64(4294967295.9), .value(0xFFFF_FFFF)),
            (.i32TruncF64U, Self.f64(4294967296), overflow),
            (.i32TruncF64U, Self.f64(-0.9), .value(0)),
            (.i32TruncF64U, Self.f64(-1), overflow),
            (.i64TruncF32S, Self.f32(9223371487098961920), .value(0x7FFF_FF80_0000_0000)),
            (.i64TruncF32S, Self.f32(9223372036854775808), overflow),
            (.i64TruncF32S, Self.f32(-9223372036854775808), .value(1 << 63)),
            (.i64TruncF32S, Self.f32(-9223373136366403584), overflow),
            (.i64TruncF32U, Self.f32(18446742974197923840), .value(0xFFFF_FF00_0000_0000)),
            (.i64TruncF32U, Self.f32(18446744073709551616), overflow),
            (.i64TruncF32U, Self.f32(-0.99999994), .value(0)),
            (.i64TruncF32U, Self.f32(-1), overflow),
            (.i64TruncF64S, Self.f64(9223372036854774784), .value(0x7FFF_FFFF_FFFF_FC00)),
            (.i64TruncF64S, Self.f64(9223372036854775808), overflow),
            (.i64TruncF64S, Self.f64(-9223372036854775808), .value(1 << 63)),
            (.i64TruncF64S, Self.f64(-9223372036854777856), overflow),
            (.i64TruncF64U, Self.f64(18446744073709549568), .value(0xFFFF_FFFF_FFFF_F800)),
            (.i64TruncF64U, Self.f64(18446744073709551616), overflow),
            (.i64TruncF64U, Self.f64(-0.9999999999999999), .value(0)),
            (.i64TruncF64U, Self.f64(-1), overflow),
        ]
        for (op, x, expected) in cases {
            #expect(Self.run(op, x) == expected, "\(op.name)")
        }
        for op in [NumericOp.i32TruncF32S, .i32TruncF32U, .i64TruncF32S, .i64TruncF32U] {
            #expect(Self.run(op, 0x7FC0_0000) == invalid)
            #expect(Self.run(op, 0xFF80_0001) == invalid)
            #expect(Self.run(op, 0x7F80_0000) == overflow)
            #expect(Self.run(op, 0xFF80_0000) == overflow)
        }
        for op in [NumericOp.i32TruncF64S, .i32TruncF64U, .i64TruncF64S, .i64TruncF64U] {
            #expect(Self.run(op, 0xFFF8_0000_0000_0000) == invalid)
            #expect(Self.run(op, 0x7FF0_0000_0000_0000) == overflow)
        }
    }

    @Test func saturatingTruncation() {
        let cases: [(NumericOp, UInt64, UInt64)] = [
            (.i32TruncSatF32S, Self.f32(2147483648), 0x7FFF_FFFF),
            (.i32TruncSatF32S, Self.f32(-2147483904), 0x8000_0000),
            (.i32TruncSatF32S, 0x7FC0_0000, 0),
            (.i32TruncSatF32U, Self.f32(-1), 0),
            (.i32TruncSatF32U, Self.f32(4294967296), 0xFFFF_FFFF),
            (.i32TruncSatF64S, Self.f64(-2147483648.9), 0x8000_0000),
            (.i32TruncSatF64U, Self.f64(-0.9), 0),
            (.i32TruncSatF64U, 0xFFF0_0000_0000_0000, 0),
            (.i64TruncSatF32S, 0x7F80_0000, 0x7FFF_FFFF_FFFF_FFFF),
            (.i64TruncSatF32U, 0x7F80_0000, ~0),
            (.i64TruncSatF64S, Self.f64(-9223372036854777856), 1 << 63),
            (.i64TruncSatF64U, Self.f64(18446744073709549568), 0xFFFF_FFFF_FFFF_F800),
            (.i64TruncSatF64U, 0xFFF8_0000_0000_0000, 0),
        ]
        for (op, x, expected) in cases {
            #expect(Self.run(op, x) == .value(expected), "\(op.name)")
        }
    }

    @Test func integerToFloatRoundsOnce() {
        let cases: [(NumericOp, UInt64, UInt64)] = [
            (.f32ConvertI32S, 0x7FFF_FFFF, 0x4F00_0000),
            (.f32ConvertI32S, 16_777_217, Self.f32(16777216)),  // tie to even
            (.f32ConvertI32S, 16_777_219, Self.f32(16777220)),
            (.f32ConvertI32U, 0xFFFF_FFFF, 0x4F80_0000),
            (.f32ConvertI32U, 0x8000_0081, 0x4F00_0001),
            // Through f64 these would round twice and land one ulp lower.
            (.f32ConvertI64S, 9_007_199_791_611_905, Self.f32(9007200328482816)),
            (.f32ConvertI64U, 0x8000_0080_0000_0001, 0x5F00_0001),
            (.f32ConvertI64U, ~0, 0x5F80_0000),
            (.f32ConvertI64S, 1 << 63, 0xDF00_0000),
            (.f64ConvertI64U, ~0, 0x43F0_0000_0000_0000),
            (.f64ConvertI64U, 0x8000_0000_0000_0401, 0x43E0_0000_0000_0001),
            (.f64ConvertI64S, 0x7FFF_FFFF_FFFF_FFFF, 0x43E0_0000_0000_0000),
            (.f64ConvertI32U, 0xFFFF_FFFF, Self.f64(4294967295)),
            (.f64ConvertI32S, 0x8000_0000, Self.f64(-2147483648)),
        ]
        for (op, x, expected) in cases {
            #expect(Self.run(op, x) == .value(expected), "\(op.name) \(x)")
        }
    }

    @Test func demoteAndPromote() {
        #expect(FloatConversions.demote(0x7FF4_0000_0000_0001) == 0x7FE0_0000)
        #expect(FloatConversions.demote(0xFFF0_0000_0000_0001) == 0xFFC0_0000)
        #expect(FloatConversions.demote(0x7FF8_0000_0000_0000) == 0x7FC0_0000)
        #expect(FloatConversions.demote(1e300.bitPattern) == 0x7F80_0000)
        #expect(FloatConversions.demote((1 + 0x1p-24).bitPattern) == 0x3F80_0000)
        #expect(FloatConversions.demote((1 + 0x1p-24 + 0x1p-50).bitPattern) == 0x3F80_0001)
        #expect(FloatConversions.demote(0x8000_0000_0000_0001) == 0x8000_0000)
        #expect(FloatConversions.promote(0x7FA0_0000) == 0x7FFC_0000_0000_0000)
        #expect(FloatConversions.promote(0xFF80_0001) == 0xFFF8_0000_2000_0000)
        #expect(FloatConversions.promote(0x0000_0001) == (0x1p-149 as Double).bitPattern)
        #expect(Self.run(.f32ReinterpretI32, 0xFFFF_FFFF_7FA0_0000) == .value(0x7FA0_0000))
        #expect(Self.run(.i64ReinterpretF64, 0xFFF0_0000_0000_0001) == .value(0xFFF0_0000_0000_0001))
        #expect(Self.run(.i64ExtendI32S, 0x8000_0000) == .value(0xFFFF_FFFF_8000_0000))
        #expect(Self.run(.i32WrapI64, 0x1_2345_6789) == .value(0x2345_6789))
    }

    @Test func dispatcherRejectsOtherArities() throws {
        #expect(try Numerics.apply(.i32Add, 1) == nil)
        #expect(try Numerics.apply(.i32Clz, 1, 2) == nil)
        #expect(try Numerics.apply(.i32Add, 0xFFFF_FFFF_0000_0001, 1) == 2)
    }

    /// Swift's `Float(String)`/`Double(String)` round correctly (once), which the test
    /// suite's literal parsing relies on.
    @Test func swiftFloatParsingRoundsCorrectly() {
        #expect(Float("0x1.00000100000000001p-50") == 0x1.000002p-50)
        #expect(Float("0x1.00000100000000000p-50") == 0x1p-50)
        #expect(Float("0x1.000001p0") == 1)
        #expect(Float("16777217") == 16_777_216)
        #expect(Float("16777219") == 16_777_220)
        // Just above the tie between 1 and 1 + 2^-23: through Double this would lose the
        // tail and round to even (1).
        #expect(Float("1.000000059604644775390625000001")?.bitPattern == 0x3F80_0001)
        #expect(Float(Double("1.000000059604644775390625000001")!).bitPattern == 0x3F80_0000)
        #expect(Double("0x1.00000000000008p0") == 1)
        #expect(Double("9007199254740993") == 9_007_199_254_740_992)
        #expect(Double("2.2250738585072011e-308")?.bitPattern == 0x000F_FFFF_FFFF_FFFF)
    }
}

@Suite struct NumericsVectorTests {
    static func v32(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32) -> V128 {
        V128(lo: UInt64(a) | UInt64(b) << 32, hi: UInt64(c) | UInt64(d) << 32)
    }

    @Test func lanesAndMasks() {
        let v = Self.v32(0x8000_0001, 2, 0xFFFF_FFFF, 0)
        #expect(Numerics.test(.i32x4Bitmask, v) == 0b0101)
        #expect(Numerics.test(.i8x16Bitmask, v) == 0b1111_0000_1000)
        #expect(Numerics.test(.i32x4AllTrue, v) == 0)
        #expect(Numerics.test(.v128AnyTrue, v) == 1)
        #expect(Numerics.extractLane(.i8x16ExtractLaneS, 3, v) == 0xFFFF_FF80)
        #expect(Numerics.extractLane(.i8x16ExtractLaneU, 3, v) == 0x80)
        #expect(Numerics.extractLane(.i16x8ExtractLaneS, 1, v) == 0xFFFF_8000)
        #expect(Numerics.extractLane(.i32x4ExtractLane, 4, v) == nil)
        #expect(Numerics.extractLane(.i32x4ReplaceLane, 0, v) == nil)
        #expect(Numerics.replaceLane(.i8x16ReplaceLane, 15, .zero, 0x1FF) == V128(lo: 0, hi: 0xFF << 56))
        #expect(Numerics.format(v) == "-2_147_483_647 2 -1 0")
    }

    @Test func shiftsTakeTheCountModuloTheLaneWidth() {
        let v = I8x16Ops.splat(0x81)
        #expect(Numerics.shift(.i8x16Shl, v, 9) == I8x16Ops.splat(0x02))
        #expect(Numerics.shift(.i8x16ShrS, v, 0xFFFF_FFFF) == I8x16Ops.splat(0xFF))
        #expect(Numerics.shift(.i64x2ShrU, I64x2Ops.splat(1 << 63), 127) == I64x2Ops.splat(1))
    }

    @Test func relaxedChoicesOfTheReference() {
        let indices = V128(lo: 0x10_0F_FF_80, hi: 0)  // bytes 0x80, 0xFF, 0x0F, 0x10, then 0s
        let bytes = V128(lo: 0x0706_0504_0302_0100, hi: 0x0F0E_0D0C_0B0A_0908)
        #expect(Numerics.apply(.i8x16RelaxedSwizzle, bytes, indices) == V128(lo: 0x0F_00_00, hi: 0))
        // Truncation saturates, NaN gives 0.
        let f = Self.v32(0x7FC0_0000, Float(-3e9).bitPattern, Float(3e9).bitPattern, Float(-1.5).bitPattern)
        #expect(Numerics.apply(.i32x4RelaxedTruncF32x4S, f) == Self.v32(0, 0x8000_0000, 0x7FFF_FFFF, 0xFFFF_FFFF))
        #expect(Numerics.apply(.i32x4RelaxedTruncF32x4U, f) == Self.v32(0, 0, 3_000_000_000, 0))
        // min/max as the deterministic ones: -0 < +0, NaNs propagate.
        let a = Self.v32(0, 0x8000_0000, 0x7FA0_0000, 0x3F80_0000)
        let b = Self.v32(0x8000_0000, 0, 0x3F80_0000, 0xFFA0_0000)
        #expect(Numerics.apply(.f32x4RelaxedMin, a, b) == Self.v32(0x8000_0000, 0x8000_0000, 0x7FE0_0000, 0xFFE0_0000))
        #expect(Numerics.apply(.f32x4RelaxedMax, a, b) == Self.v32(0, 0, 0x7FE0_0000, 0xFFE0_0000))
        // Laneselect is a bitwise select.
        let m = V128(lo: 0xFF00_FF00_FF00_FF00, hi: 0x0F0F_0F0F_0F0F_0F0F)
        let ones = V128(lo: ~0, hi: ~0)
        #expect(Numerics.apply(.i32x4RelaxedLaneselect, ones, .zero, m) == m)
        // q15mulr saturates.
        let minLanes = I16x8Ops.splat(0x8000)
        #expect(Numerics.apply(.i16x8RelaxedQ15mulrS, minLanes, minLanes) == I16x8Ops.splat(0x7FFF))
        // The dot products treat both operands as signed.
        let neg = I8x16Ops.splat(0x80)
        #expect(Numerics.apply(.i16x8RelaxedDotI8x16I7x16S, neg, neg) == I16x8Ops.splat(0x8000))
        #expect(
            Numerics.apply(.i32x4RelaxedDotI8x16I7x16AddS, neg, I8x16Ops.splat(0xFF), I32x4Ops.splat(1))
                == I32x4Ops.splat(513))
        // nmadd negates the first operand, NaN sign included.
        let nan = F32x4Ops.splat(0x7FA0_0000)
        let one = F32x4Ops.splat(0x3F80_0000)
        #expect(Numerics.apply(.f32x4RelaxedNmadd, nan, one, one) == F32x4Ops.splat(0xFFE0_0000))
        #expect(Numerics.apply(.f32x4RelaxedMadd, one, one, nan) == F32x4Ops.splat(0x7FC0_0000))
    }

    @Test func shuffleAndLoads() {
        let a = V128(lo: 0x0706_0504_0302_0100, hi: 0x0F0E_0D0C_0B0A_0908)
        let b = V128(lo: 0x1716_1514_1312_1110, hi: 0x1F1E_1D1C_1B1A_1918)
        let lanes = V128(lo: 0x0001_1F10_0F00_1E02, hi: 0)
        #expect(Numerics.shuffle(lanes, a, b) == V128(lo: 0x0001_1F10_0F00_1E02, hi: 0))
        #expect(Numerics.shuffle(V128(lo: 32, hi: 0), a, b) == nil)
        #expect(Numerics.vectorLoad(.v128Load8x8S, 0x80_7F) == V128(lo: 0xFF80_007F, hi: 0))
        #expect(Numerics.vectorLoad(.v128Load32x2U, 0x8000_0000_FFFF_FFFF) == V128(lo: 0xFFFF_FFFF, hi: 0x8000_0000))
        #expect(Numerics.vectorLoad(.v128Load32x2S, 0x8000_0000_0000_0001) == V128(lo: 1, hi: 0xFFFF_FFFF_8000_0000))
        #expect(Numerics.vectorLoad(.v128Load16Splat, 0xABCD) == I16x8Ops.splat(0xABCD))
        #expect(Numerics.vectorLoad(.v128Load32Zero, 0xFFFF_FFFF_1234_5678) == V128(lo: 0x1234_5678, hi: 0))
        #expect(Numerics.vectorLoad(.v128Load64Zero, ~0) == V128(lo: ~0, hi: 0))
        #expect(Numerics.vectorLoad(.v128Load, 0) == nil)
    }

    @Test func conversions() {
        let d = V128(lo: (1.5).bitPattern, hi: 0x7FF4_0000_0000_0000)
        #expect(Numerics.apply(.f32x4DemoteF64x2Zero, d) == Self.v32(Float(1.5).bitPattern, 0x7FE0_0000, 0, 0))
        let p = Self.v32(0xFFA0_0000, Float(-2).bitPattern, 7, 7)
        #expect(Numerics.apply(.f64x2PromoteLowF32x4, p) == V128(lo: 0xFFFC_0000_0000_0000, hi: (-2.0).bitPattern))
        #expect(
            Numerics.apply(.i32x4TruncSatF64x2UZero, V128(lo: (5e9).bitPattern, hi: (-1.0).bitPattern))
                == Self.v32(0xFFFF_FFFF, 0, 0, 0))
        #expect(
            Numerics.apply(.f64x2ConvertLowI32x4U, Self.v32(0xFFFF_FFFF, 1, 9, 9))
                == V128(lo: (4294967295.0).bitPattern, hi: (1.0).bitPattern))
        #expect(
            Numerics.apply(.i8x16NarrowI16x8U, I16x8Ops.splat(0xFFFF), I16x8Ops.splat(0x0100))
                == V128(lo: 0, hi: ~0))
        #expect(Numerics.apply(.i32x4DotI16x8S, I16x8Ops.splat(0x8000), I16x8Ops.splat(0x8000)) == I32x4Ops.splat(0x8000_0000))
    }
}
