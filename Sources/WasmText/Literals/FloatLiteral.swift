// Floating-point literals (§6.3.2) as the reference converts them (`Fxx.of_string`),
// bit for bit:
//
// - `inf`, `nan`, `nan:0x...` with the payload checks (non-zero, within the
//   significand);
// - everything else is first read as a 64-bit float, decimal correctly rounded (as
//   `strtod` does), hexadecimal as OCaml's `float_of_string` does (60 significant bits
//   with a sticky bit, converted, then scaled with `ldexp`);
// - for `f32`, that double is then rounded to single precision, after the reference's
//   correction for double rounding: when the double lies exactly halfway between two
//   singles, the reference prints the double back with as many digits as the literal
//   had and compares the digits, and nudges the double by half a single ulp towards the
//   literal if they differ.

enum FloatLiteral {
    /// The bit pattern of the `f32` literal `s`, or nil if malformed or out of range.
    static func parse32(_ s: ArraySlice<UInt8>) -> UInt32? {
        guard let (negative, body) = splitSign(s) else { return nil }
        var bits: UInt32
        if body.elementsEqual("inf".utf8) {
            bits = 0x7F80_0000
        } else if body.elementsEqual("nan".utf8) {
            bits = 0x7FC0_0000
        } else if let payload = nanPayload(body, width: 32) {
            guard payload != 0, payload & 0x7F80_0000 == 0, payload & 0x8000_0000 == 0 else { return nil }
            bits = UInt32(payload) | 0x7F80_0000
        } else if isNanForm(body) {
            return nil
        } else {
            let text = body.filter { $0 != UInt8(ascii: "_") }
            guard let z = toDouble(text) else { return nil }
            let f = Float(preventDoubleRounding(text, z))
            guard f.isFinite else { return nil }
            bits = f.bitPattern
        }
        return negative ? bits ^ 0x8000_0000 : bits
    }

    /// The bit pattern of the `f64` literal `s`, or nil if malformed or out of range.
    static func parse64(_ s: ArraySlice<UInt8>) -> UInt64? {
        guard let (negative, body) = splitSign(s) else { return nil }
        var bits: UInt64
        if body.elementsEqual("inf".utf8) {
            bits = 0x7FF0_0000_0000_0000
        } else if body.elementsEqual("nan".utf8) {
            bits = 0x7FF8_0000_0000_0000
        } else if let payload = nanPayload(body, width: 64) {
            guard payload != 0, payload & 0x7FF0_0000_0000_0000 == 0, payload & (1 << 63) == 0 else {
                return nil
            }
            bits = payload | 0x7FF0_0000_0000_0000
        } else if isNanForm(body) {
            return nil
        } else {
            let text = body.filter { $0 != UInt8(ascii: "_") }
            guard let z = toDouble(text), z.isFinite else { return nil }
            bits = z.bitPattern
        }
        return negative ? bits ^ (1 << 63) : bits
    }

    private static func splitSign(_ s: ArraySlice<UInt8>) -> (Bool, ArraySlice<UInt8>)? {
        guard let f = s.first else { return nil }
        if f == UInt8(ascii: "+") { return (false, s.dropFirst()) }
        if f == UInt8(ascii: "-") { return (true, s.dropFirst()) }
        return (false, s)
    }

    private static func isNanForm(_ s: ArraySlice<UInt8>) -> Bool {
        s.count > 6 && s.prefix(6).elementsEqual("nan:0x".utf8)
    }

    /// The payload of `nan:0x...` as OCaml's `Int32.of_string`/`Int64.of_string` read
    /// it (hexadecimal up to the full unsigned width), or nil.
    private static func nanPayload(_ s: ArraySlice<UInt8>, width: Int) -> UInt64? {
        guard isNanForm(s) else { return nil }
        var n: UInt64 = 0
        let limit: UInt64 = width == 64 ? ~0 : 0xFFFF_FFFF
        var any = false
        for c in s.dropFirst(6) {
            if c == UInt8(ascii: "_") { continue }
            guard let d = NumberShape.hexValue(c), n <= limit >> 4 else { return nil }
            n = n << 4 | UInt64(d)
            any = true
        }
        return any ? n : nil
    }

    // MARK: To double

    /// An unsigned literal without underscores read as a double: decimal or hex.
    static func toDouble(_ s: [UInt8]) -> Double? {
        if s.count >= 2 && s[0] == UInt8(ascii: "0") && (s[1] == UInt8(ascii: "x") || s[1] == UInt8(ascii: "X")) {
            return hexToDouble(s[2...])
        }
        return Double(String(decoding: s, as: UTF8.self))
    }

    /// OCaml's `caml_float_of_hex`: up to 60 significant bits, the rest folded into a
    /// sticky bit, converted to double, then scaled by the exponent.
    private static func hexToDouble(_ s: ArraySlice<UInt8>) -> Double? {
        var m: UInt64 = 0
        var nBits = 0
        var mBits = 0
        var xBits = 0
        var decPoint = -1
        var exp = 0
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            i += 1
            if c == UInt8(ascii: ".") {
                if decPoint >= 0 { return nil }
                decPoint = nBits
            } else if c == UInt8(ascii: "p") || c == UInt8(ascii: "P") {
                // strtol, saturating at the bounds of a 64-bit long.
                var negative = false
                if i < s.endIndex && (s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-")) {
                    negative = s[i] == UInt8(ascii: "-")
                    i += 1
                }
                guard i < s.endIndex else { return nil }
                var e: Int64 = 0
                var saturated = false
                while i < s.endIndex {
                    let c = s[i]
                    guard c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") else { return nil }
                    let (a, o1) = e.multipliedReportingOverflow(by: 10)
                    let (b, o2) = a.addingReportingOverflow(Int64(c - UInt8(ascii: "0")))
                    if o1 || o2 { saturated = true } else { e = b }
                    i += 1
                }
                if saturated { e = Int64.max }
                if negative { e = saturated ? Int64.min : -e }
                if e <= Int64(Int32.min) { return 0 }
                if e >= Int64(Int32.max) { return m == 0 ? 0 : .infinity }
                exp = Int(e)
            } else {
                guard let d = NumberShape.hexValue(c) else { return nil }
                nBits += 4
                if d == 0 && m == 0 { continue }
                if mBits < 60 {
                    m = m << 4 + UInt64(d)
                    mBits += 4
                } else {
                    if d != 0 { m |= 1 }
                    xBits += 4
                }
            }
        }
        if nBits == 0 { return nil }
        let f = Double(Int64(bitPattern: m))
        var adj = xBits
        if decPoint >= 0 { adj += decPoint - nBits }
        let total = max(Int(Int32.min), min(Int(Int32.max), exp + adj))
        return total == 0 ? f : ldexp(f, total)
    }

    /// `f * 2^e` rounded once to nearest, ties to even, as C's `ldexp` does.
    static func ldexp(_ f: Double, _ e: Int) -> Double {
        if f == 0 || !f.isFinite { return f }
        // f = sig * 2^(e2), sig < 2^53.
        let sig = f.significandBitPattern | (f.isNormal ? 1 << 52 : 0)
        let e2 = (f.isNormal ? Int(f.exponentBitPattern) : 1) - 1075
        let total = e2 + e
        // Normal results have a biased exponent total + 1075 + (bit length - 53).
        let length = 64 - sig.leadingZeroBitCount
        let top = total + length - 1  // exponent of the leading bit
        if top > 1023 { return .infinity }
        if top >= -1022 {
            // Normal: the leading bit stays within 53 bits.
            let shift = length - 53
            var s = sig
            var t = total
            if shift < 0 {
                s <<= UInt64(-shift)
                t += shift
            }
            return Double(sign: .plus, exponentBitPattern: UInt(t + 52 + 1023), significandBitPattern: s & ((1 << 52) - 1))
        }
        // Subnormal: the unit is 2^-1074.
        let shift = -1074 - total
        if shift >= 64 { return 0 }
        var q = shift > 0 ? sig >> UInt64(shift) : sig << UInt64(-shift)
        if shift > 0 {
            let rem = sig & ((1 << UInt64(shift)) - 1)
            let half: UInt64 = 1 << UInt64(shift - 1)
            if rem > half || (rem == half && q & 1 == 1) { q += 1 }
        }
        return Double(bitPattern: q)
    }

    // MARK: Double rounding

    /// The reference's correction of a double `z` read from the literal `s` (unsigned,
    /// no underscores) before rounding it to single precision.
    static func preventDoubleRounding(_ s: [UInt8], _ z: Double) -> Double {
        if z.isInfinite { return z }
        let bits = z.bitPattern
        let lsb: UInt64 = 1 << 29
        let tie = lsb >> 1
        let mask = lsb - 1
        if bits & mask != tie { return z }
        let exp = Double(bitPattern: bits & 0xFFF0_0000_0000_0000)
        let eps = Double(bitPattern: tie | exp.bitPattern) - exp
        let hex = s.contains(UInt8(ascii: "x"))
        var printed: [UInt8]
        if !hex {
            printed = significantDigits(z, count: s.count)
        } else {
            let m = (bits & 0xF_FFFF_FFFF_FFFF) | 0x10_0000_0000_0000
            let upper = s.map(uppercase)
            let i = skipZeroes(upper, 0)
            if i == s.count {
                printed = significantDigits(z, count: s.count)
            } else {
                let sh: UInt64
                switch s[i] {
                case UInt8(ascii: "1"): sh = 0
                case UInt8(ascii: "2"), UInt8(ascii: "3"): sh = 1
                case UInt8(ascii: "4")...UInt8(ascii: "7"): sh = 2
                default: sh = 3
                }
                printed = Array(String(m << sh, radix: 16).utf8)
            }
        }
        switch compareMantissa(hex: hex, s, printed) {
        case -1: return z - eps
        case 1: return z + eps
        default: return z
        }
    }

    private static func uppercase(_ c: UInt8) -> UInt8 {
        c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z") ? c - 32 : c
    }

    private static func isHex(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "F"))
    }

    private static func atEnd(hex: Bool, _ s: [UInt8], _ i: Int) -> Bool {
        i == s.count || s[i] == (hex ? UInt8(ascii: "P") : UInt8(ascii: "E"))
    }

    private static func skipNonHex(_ s: [UInt8], _ i: Int) -> Int {
        var i = i
        while !(atEnd(hex: true, s, i) || isHex(s[i])) { i += 1 }
        return i
    }

    private static func skipZeroes(_ s: [UInt8], _ i: Int) -> Int {
        var i = i
        while true {
            let j = skipNonHex(s, i)
            if atEnd(hex: true, s, j) || s[j] != UInt8(ascii: "0") { return j }
            i = j + 1
        }
    }

    /// The reference's comparison of the digit sequences of two spellings of a number.
    private static func compareMantissa(hex: Bool, _ a: [UInt8], _ b: [UInt8]) -> Int {
        let s1 = a.map(uppercase)
        let s2 = b.map(uppercase)
        var i1 = skipZeroes(s1, 0)
        var i2 = skipZeroes(s2, 0)
        while true {
            i1 = skipNonHex(s1, i1)
            i2 = skipNonHex(s2, i2)
            switch (atEnd(hex: hex, s1, i1), atEnd(hex: hex, s2, i2)) {
            case (true, true): return 0
            case (true, false): return atEnd(hex: hex, s2, skipZeroes(s2, i2)) ? 0 : -1
            case (false, true): return atEnd(hex: hex, s1, skipZeroes(s1, i1)) ? 0 : 1
            case (false, false):
                if s1[i1] != s2[i2] { return s1[i1] < s2[i2] ? -1 : 1 }
                i1 += 1
                i2 += 1
            }
        }
    }

    /// The significant digits `printf("%.*g", count, z)` prints for a positive finite
    /// double: its exact decimal expansion rounded to `count` digits, ties to even, as
    /// ASCII digits (trailing zeros dropped: the comparison that uses them ignores them).
    static func significantDigits(_ z: Double, count: Int) -> [UInt8] {
        var d = ExactDecimal(z)
        d.round(toSignificantDigits: max(count, 1))
        return d.digits.map { $0 + UInt8(ascii: "0") }
    }
}
