import Testing
@testable import WasmText

private func i(_ s: String, _ width: Int) -> UInt64? { IntLiteral.parse(Array(s.utf8)[...], width: width) }
private func u(_ s: String, _ width: Int) -> UInt64? { IntLiteral.parseUnsigned(Array(s.utf8)[...], width: width) }
private func f32(_ s: String) -> UInt32? { FloatLiteral.parse32(Array(s.utf8)[...]) }
private func f64(_ s: String) -> UInt64? { FloatLiteral.parse64(Array(s.utf8)[...]) }

@Suite struct IntLiteralTests {
    @Test func ranges() {
        #expect(i("0", 32) == 0)
        #expect(i("4294967295", 32) == 0xFFFF_FFFF)
        #expect(i("4294967296", 32) == nil)
        #expect(i("-2147483648", 32) == 0x8000_0000)
        #expect(i("-2147483649", 32) == nil)
        #expect(i("+2147483647", 32) == 0x7FFF_FFFF)
        #expect(i("-0", 32) == 0)
        #expect(i("0xffff_ffff", 32) == 0xFFFF_FFFF)
        #expect(i("0x1_0000_0000", 32) == nil)
        #expect(i("0x00000000000000000000001", 32) == 1)
        #expect(i("-0x80000000", 32) == 0x8000_0000)
        #expect(i("-0x80000001", 32) == nil)
        #expect(i("18446744073709551615", 64) == UInt64.max)
        #expect(i("18446744073709551616", 64) == nil)
        #expect(i("-9223372036854775808", 64) == 1 << 63)
        #expect(i("-9223372036854775809", 64) == nil)
        #expect(i("1_000_000", 32) == 1_000_000)
        #expect(i("0X10", 32) == nil)
        #expect(i("1.5", 32) == nil)
    }

    @Test func smallWidths() {
        #expect(i("255", 8) == 0xFF)
        #expect(i("256", 8) == nil)
        #expect(i("-128", 8) == 0x80)
        #expect(i("-129", 8) == nil)
        #expect(i("-1", 8) == 0xFF)
        #expect(i("65535", 16) == 0xFFFF)
        #expect(i("-32768", 16) == 0x8000)
        #expect(i("-32769", 16) == nil)
        #expect(u("255", 8) == 255)
        #expect(u("+1", 8) == nil)
        #expect(u("-1", 8) == nil)
    }
}

@Suite struct FloatLiteralTests {
    @Test func specials() {
        #expect(f32("inf") == 0x7F80_0000)
        #expect(f32("-inf") == 0xFF80_0000)
        #expect(f32("nan") == 0x7FC0_0000)
        #expect(f32("-nan") == 0xFFC0_0000)
        #expect(f32("nan:0x1") == 0x7F80_0001)
        #expect(f32("nan:0x7f_ffff") == 0x7FFF_FFFF)
        #expect(f32("nan:0x80_0000") == nil)
        #expect(f32("nan:0x0") == nil)
        #expect(f32("-nan:0x200000") == 0xFFA0_0000)
        #expect(f64("nan:0xf_ffff_ffff_ffff") == 0x7FFF_FFFF_FFFF_FFFF)
        #expect(f64("nan:0x10_0000_0000_0000") == nil)
        #expect(f64("-nan") == 0xFFF8_0000_0000_0000)
        #expect(f32("-0") == 0x8000_0000)
        #expect(f64("+0.0") == 0)
    }

    @Test func rounding() {
        #expect(f32("1") == 0x3F80_0000)
        #expect(f32("0x1p127") == 0x7F00_0000)
        #expect(f32("0x1p128") == nil)
        #expect(f32("3.4028235e38") == 0x7F7F_FFFF)
        #expect(f32("3.40282356e38") == 0x7F7F_FFFF)
        #expect(f32("3.4028236e38") == nil)
        #expect(f32("3.40282357e38") == nil)
        #expect(f32("1e39") == nil)
        #expect(f64("1e308") == 1e308.bitPattern)
        #expect(f64("1e309") == nil)
        #expect(f64("0x1.fffffffffffff8p1023") == nil)
        #expect(f64("0x1.fffffffffffff7ffffp1023") == Double.greatestFiniteMagnitude.bitPattern)
        // Ties to even, in hex and decimal, beyond the double's precision.
        #expect(f32("0x1.00000100000000000p-50") == 0x2680_0000)
        #expect(f32("0x1.00000100000000001p-50") == 0x2680_0001)
        #expect(f32("+0x1.00000500000000000p-50") == 0x2680_0002)
        #expect(f32("16777217") == 0x4B80_0000)
        #expect(f32("16777219") == 0x4B80_0002)
        // A literal just above a tie that reading as a double rounds onto the tie:
        // the reference's correction rounds it up, as correct rounding does.
        #expect(f32("1.00000005960464477550") == 0x3F80_0001)
        #expect(f32("1.000000059604644775390625") == 0x3F80_0000)
        // Subnormals.
        #expect(f32("0x1p-149") == 1)
        #expect(f32("0x1p-150") == 0)
        #expect(f32("0x1.000001p-150") == 1)
        #expect(f64("0x1p-1074") == 1)
        #expect(f64("0x0.0000000000001p-1022") == 1)
        #expect(f64("4.9406564584124654e-324") == 1)
        #expect(f64("2.4703282292062328e-324") == 1)
        #expect(f64("2.4703282292062327e-324") == 0)
        #expect(f64("0x1.fffffffffffffp-1023") == 0x0010_0000_0000_0000)
        #expect(f64("1_000.000_1") == 1000.0001.bitPattern)
        #expect(f64("0x1.8p1") == 3.0.bitPattern)
        #expect(f64("0x10") == 16.0.bitPattern)
        #expect(f64("1.e1") == 10.0.bitPattern)
    }
}

@Suite struct NumberShapeTests {
    private func shape(_ s: String) -> TokenKind? {
        let b = Array(s.utf8)
        return NumberShape.classify(b, 0, b.count)
    }

    @Test func shapes() {
        #expect(shape("0") == .nat)
        #expect(shape("0x1F") == .nat)
        #expect(shape("+1") == .int)
        #expect(shape("-0x1") == .int)
        #expect(shape("1.") == .float)
        #expect(shape("1.5e-3") == .float)
        #expect(shape("0x1p3") == .float)
        #expect(shape("0x1.p3") == .float)
        #expect(shape("-inf") == .float)
        #expect(shape("nan:0x1") == .float)
        #expect(shape("1_000") == .nat)
        #expect(shape("1__000") == nil)
        #expect(shape("1_") == nil)
        #expect(shape("_1") == nil)
        #expect(shape("0x") == nil)
        #expect(shape("0X1") == nil)
        #expect(shape("1e") == nil)
        #expect(shape(".5") == nil)
        #expect(shape("nan:canonical") == nil)
        #expect(shape("0x1e3") == .nat)
    }
}
