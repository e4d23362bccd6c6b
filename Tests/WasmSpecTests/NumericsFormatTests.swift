// Printing of values as the reference interpreter prints them.

import Foundation
import Testing
@testable import WasmSpec

@Suite struct NumericsFormatTests {
    @Test func integers() {
        #expect(I32Ops.format(832_040) == "832_040")
        #expect(I32Ops.format(0) == "0")
        #expect(I32Ops.format(100) == "100")
        #expect(I32Ops.format(1000) == "1_000")
        #expect(I32Ops.format(0xFFFF_FFFF) == "-1")
        #expect(I32Ops.format(0x8000_0000) == "-2_147_483_648")
        #expect(I32Ops.format(UInt32(bitPattern: -100_000)) == "-100_000")
        #expect(I64Ops.format(0x7FFF_FFFF_FFFF_FFFF) == "9_223_372_036_854_775_807")
        #expect(I32Ops.formatHex(0xFFFF_FFFF) == "0xffff_ffff")
        #expect(I32Ops.formatHex(0x1_2345) == "0x1_2345")
        #expect(I64Ops.formatHex(0) == "0x0")
        #expect(Numerics.format(0xFFFF_FFFF_0000_002A, as: .i32) == "42")
    }

    @Test func floats() {
        #expect(F32Ops.format(Float(1).bitPattern) == "1")
        #expect(F32Ops.format(Float(0.1).bitPattern) == "0.100_000_001_490_116_12")
        #expect(F32Ops.format(Float(-0.0).bitPattern) == "-0")
        #expect(F32Ops.format(0x7F80_0000) == "inf")
        #expect(F32Ops.format(0xFF80_0000) == "-inf")
        #expect(F32Ops.format(0x7FC0_0000) == "nan:0x40_0000")
        #expect(F32Ops.format(0xFFA0_0000) == "-nan:0x20_0000")
        #expect(F32Ops.format(0x7F80_0001) == "nan:0x1")
        #expect(F32Ops.format(Float.greatestFiniteMagnitude.bitPattern) == "3.402_823_466_385_288_6e+38")
        #expect(F32Ops.format(1) == "1.401_298_464_324_817_1e-45")
        #expect(F64Ops.format((0.1).bitPattern) == "0.100_000_000_000_000_01")
        #expect(F64Ops.format((1e30).bitPattern) == "1e+30")
        #expect(F64Ops.format((1e-7).bitPattern) == "9.999_999_999_999_999_5e-08")
        #expect(F64Ops.format((123456.789).bitPattern) == "123_456.789")
        #expect(F64Ops.format((1e16).bitPattern) == "10_000_000_000_000_000")
        #expect(F64Ops.format((1e17).bitPattern) == "1e+17")
        #expect(F64Ops.format((0.0001).bitPattern) == "0.000_1")
        #expect(F64Ops.format((-2.5).bitPattern) == "-2.5")
        // An exact tie at the 17th digit rounds to even, as glibc's printf does.
        #expect(F64Ops.format((2251799813685247.75).bitPattern) == "2_251_799_813_685_247.8")
        #expect(F64Ops.format(0x7FF8_0000_0000_0000) == "nan:0x8_0000_0000_0000")
        #expect(Numerics.format(UInt64(Float(1.5).bitPattern), as: .f32) == "1.5")
    }

    @Test func hexFloats() {
        #expect(F64Ops.formatHex((1.5).bitPattern) == "0x1.8p+0")
        #expect(F64Ops.formatHex((0.1).bitPattern) == "0x1.9999_9999_9999_ap-4")
        #expect(F32Ops.formatHex(Float(0.1).bitPattern) == "0x1.9999_9ap-4")
        #expect(F64Ops.formatHex(0) == "0x0p+0")
        #expect(F64Ops.formatHex(0x8000_0000_0000_0000) == "-0x0p+0")
        #expect(F64Ops.formatHex(1) == "0x0.0000_0000_0000_1p-1022")
        #expect(F64Ops.formatHex((1024.0).bitPattern) == "0x1p+10")
        #expect(F32Ops.formatHex(0xFF80_0000) == "-inf")
        #expect(F32Ops.formatHex(0x7FC0_0000) == "nan:0x40_0000")
    }

    /// `%.17g` from the C library, the reference's formatter.
    static func cFormat(_ x: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        _ = withVaList([x]) { vsnprintf(&buffer, buffer.count, "%.17g", $0) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    @Test func decimalDigitsMatchTheCLibrary() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var samples: [Double] = [
            0x1p-1074, 2.2250738585072014e-308, 1.7976931348623157e308, 1, 0.5, 1e-5, 1e-4, 1e16, 1e17,
            123456789012345680, 2251799813685247.75, 0.3, 2.0 / 3.0, 9007199254740994,
        ]
        for _ in 0..<20_000 {
            let d = Double(bitPattern: next() & 0x7FFF_FFFF_FFFF_FFFF)
            if d.isFinite { samples.append(d) }
            samples.append(Double(Float(bitPattern: UInt32(truncatingIfNeeded: next()) & 0x7F7F_FFFF)))
            samples.append(Double(next() >> 11) / Double(1 << UInt64(next() % 60)))
        }
        var mismatches = 0
        for x in samples where formatG(x, precision: 17) != Self.cFormat(x) {
            mismatches += 1
            if mismatches <= 5 {
                Issue.record("\(x): \(formatG(x, precision: 17)) vs \(Self.cFormat(x))")
            }
        }
        #expect(mismatches == 0)
    }
}
