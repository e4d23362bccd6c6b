// Constants for differential testing: values near the edges of every operator (zero,
// signs, overflow boundaries, shift widths, NaNs with payloads, subnormals, the limits of
// float-to-integer truncation), written in text that denotes exactly one bit pattern.

import WasmBinary

enum GenConstants {
    static let i32s: [UInt32] = [
        0, 1, 2, 3, 7, 8, 15, 16, 31, 32, 33, 63, 64, 100, 255, 256, 0x7FFF, 0x8000, 0xFFFF, 0x10000,
        65535 - 3, 65532, 65528, 65536 - 16, 0x7FFF_FFFF, 0x8000_0000, 0x8000_0001, 0xFFFF_FFFF,
        0xFFFF_FFFE, 0xFFFF_FFF0, 0xFFFF_0000, 0xDEAD_BEEF,
    ]
    static let i64s: [UInt64] = [
        0, 1, 2, 7, 31, 32, 63, 64, 65, 127, 255, 0xFFFF, 65528, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF,
        0x1_0000_0000, 0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, 0x8000_0000_0000_0001,
        0xFFFF_FFFF_FFFF_FFFF, 0xFFFF_FFFF_FFFF_FFF0, 0xFFFF_FFFF_8000_0000, 0x0123_4567_89AB_CDEF,
    ]
    static let f32s: [UInt32] = [
        0x0000_0000, 0x8000_0000, 0x3F80_0000, 0xBF80_0000, 0x3F00_0000, 0x3FC0_0000, 0xBFC0_0000,
        0x4020_0000, 0xC020_0000, 0x7F80_0000, 0xFF80_0000, 0x7FC0_0000, 0xFFC0_0000, 0x7F80_0001,
        0x7FA0_0000, 0xFFFF_FFFF, 0x7FC0_1234, 0x0000_0001, 0x8000_0001, 0x007F_FFFF, 0x0080_0000,
        0x7F7F_FFFF, 0xFF7F_FFFF, 0x4F00_0000, 0xCF00_0000, 0x4EFF_FFFF, 0xCF00_0001, 0x4F80_0000,
        0x4F7F_FFFF, 0x5F00_0000, 0xDF00_0000, 0x5EFF_FFFF, 0x5F80_0000, 0x3EFF_FFFF, 0x3F00_0001,
        0x4B00_0000, 0x4B00_0001, 0xBF00_0000, 0xBF7F_FFFF,
    ]
    static let f64s: [UInt64] = [
        0, 0x8000_0000_0000_0000, 0x3FF0_0000_0000_0000, 0xBFF0_0000_0000_0000, 0x3FE0_0000_0000_0000,
        0x3FF8_0000_0000_0000, 0xC004_0000_0000_0000, 0x7FF0_0000_0000_0000, 0xFFF0_0000_0000_0000,
        0x7FF8_0000_0000_0000, 0xFFF8_0000_0000_0000, 0x7FF0_0000_0000_0001, 0x7FF4_0000_0000_0000,
        0x7FF8_0000_0012_3456, 0xFFFF_FFFF_FFFF_FFFF, 1, 0x8000_0000_0000_0001, 0x000F_FFFF_FFFF_FFFF,
        0x0010_0000_0000_0000, 0x7FEF_FFFF_FFFF_FFFF, 0xFFEF_FFFF_FFFF_FFFF, 0x41E0_0000_0000_0000,
        0xC1E0_0000_0000_0000, 0x41DF_FFFF_FFC0_0000, 0x41DF_FFFF_FFFF_FFFF, 0xC1E0_0000_0020_0000,
        0xC1E0_0000_0000_0001, 0x41F0_0000_0000_0000, 0x41EF_FFFF_FFFF_FFFF, 0x43E0_0000_0000_0000,
        0xC3E0_0000_0000_0000, 0x43DF_FFFF_FFFF_FFFF, 0x43F0_0000_0000_0000, 0x3FDF_FFFF_FFFF_FFFF,
        0x4330_0000_0000_0000, 0x4330_0000_0000_0001, 0x36A0_0000_0000_0000, 0x47EF_FFFF_E000_0000,
        0x47EF_FFFF_F000_0000, 0x3810_0000_0000_0000, 0x380F_FFFF_FFFF_FFFF,
    ]

    static func i32(_ rng: inout SplitMix) -> UInt32 {
        switch rng.below(10) {
        case 0..<5: return rng.pick(i32s)
        case 5..<7: return UInt32(rng.below(300))
        case 7: return UInt32(truncatingIfNeeded: -rng.range(1...300))
        default: return UInt32(truncatingIfNeeded: rng.next())
        }
    }

    static func i64(_ rng: inout SplitMix) -> UInt64 {
        switch rng.below(10) {
        case 0..<5: return rng.pick(i64s)
        case 5..<7: return UInt64(rng.below(300))
        case 7: return UInt64(bitPattern: Int64(-rng.range(1...300)))
        case 8: return UInt64(UInt32(truncatingIfNeeded: rng.next()))
        default: return rng.next()
        }
    }

    static func f32(_ rng: inout SplitMix) -> UInt32 {
        switch rng.below(10) {
        case 0..<6: return rng.pick(f32s)
        case 6..<8: return Float(Int32(rng.range(-1000...1000)) ).bitPattern ^ (rng.chance(30) ? 0x0000_0001 : 0)
        default: return UInt32(truncatingIfNeeded: rng.next())
        }
    }

    static func f64(_ rng: inout SplitMix) -> UInt64 {
        switch rng.below(10) {
        case 0..<6: return rng.pick(f64s)
        case 6..<8: return Double(rng.range(-1000...1000)).bitPattern ^ (rng.chance(30) ? 1 : 0)
        default: return rng.next()
        }
    }

    static func v128(_ rng: inout SplitMix) -> V128 {
        switch rng.below(6) {
        case 0:
            let x = UInt64(i32(&rng))
            return V128(lo: x | x << 32, hi: x | x << 32)
        case 1:
            let x = UInt64(f32(&rng))
            return V128(lo: x | UInt64(f32(&rng)) << 32, hi: UInt64(f32(&rng)) | x << 32)
        case 2: return V128(lo: f64(&rng), hi: f64(&rng))
        case 3: return V128(lo: i64(&rng), hi: i64(&rng))
        default: return V128(lo: rng.next(), hi: rng.next())
        }
    }

    /// A constant instruction of a numeric or vector type, without parentheses.
    static func constant(_ t: GenType, _ rng: inout SplitMix) -> String {
        switch t {
        case .i32: "i32.const \(Int32(bitPattern: i32(&rng)))"
        case .i64: "i64.const \(Int64(bitPattern: i64(&rng)))"
        case .f32: "f32.const \(f32Text(f32(&rng)))"
        case .f64: "f64.const \(f64Text(f64(&rng)))"
        case .v128: "v128.const \(v128Text(v128(&rng)))"
        default: "nop"
        }
    }

    // MARK: Exact text

    static func hex(_ x: UInt64, digits: Int = 0) -> String {
        var s = String(x, radix: 16)
        while s.count < digits { s = "0" + s }
        return s
    }

    /// An f32 literal denoting exactly these bits (NaN payloads included).
    static func f32Text(_ bits: UInt32) -> String {
        let sign = bits >> 31 == 1 ? "-" : ""
        let exp = Int((bits >> 23) & 0xFF)
        let frac = UInt64(bits & 0x7F_FFFF)
        if exp == 0xFF { return sign + (frac == 0 ? "inf" : "nan:0x\(hex(frac))") }
        if exp == 0 { return sign + (frac == 0 ? "0x0p+0" : "0x0.\(hex(frac << 1, digits: 6))p-126") }
        let e = exp - 127
        return sign + "0x1.\(hex(frac << 1, digits: 6))p\(e >= 0 ? "+" : "")\(e)"
    }

    /// An f64 literal denoting exactly these bits.
    static func f64Text(_ bits: UInt64) -> String {
        let sign = bits >> 63 == 1 ? "-" : ""
        let exp = Int((bits >> 52) & 0x7FF)
        let frac = bits & 0xF_FFFF_FFFF_FFFF
        if exp == 0x7FF { return sign + (frac == 0 ? "inf" : "nan:0x\(hex(frac))") }
        if exp == 0 { return sign + (frac == 0 ? "0x0p+0" : "0x0.\(hex(frac, digits: 13))p-1022") }
        let e = exp - 1023
        return sign + "0x1.\(hex(frac, digits: 13))p\(e >= 0 ? "+" : "")\(e)"
    }

    /// `i32x4` lanes denoting exactly these bits.
    static func v128Text(_ v: V128) -> String {
        let lanes = [v.lo & 0xFFFF_FFFF, v.lo >> 32, v.hi & 0xFFFF_FFFF, v.hi >> 32]
        return "i32x4 " + lanes.map { "0x\(hex($0))" }.joined(separator: " ")
    }
}
