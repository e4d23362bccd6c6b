// Numbers as the reference interpreter writes them in the text format: integers in
// decimal with `_` between groups of three digits, floats as C's `%.17g` of the value
// (widened to a double for `f32`) with the digits grouped the same way, NaNs as
// `nan:0x` and the payload in hexadecimal grouped by four, and a `-` for every set
// sign bit (`-0`, `-inf`, `-nan:0x1`). Seventeen significant digits identify every
// double, so the text reads back to the same bits (§6.3.2).

enum PrintNumber {
    /// `1_000_000`: an unsigned decimal.
    static func nat(_ n: UInt64) -> String {
        group(String(n), by: 3)
    }

    static func nat(_ n: UInt32) -> String { nat(UInt64(n)) }

    static func nat(_ n: Int) -> String {
        n < 0 ? group(String(n), by: 3) : nat(UInt64(n))
    }

    /// The bits of an `i32` as a signed decimal: `-2_147_483_648`.
    static func i32(_ bits: UInt32) -> String {
        group(String(Int32(bitPattern: bits)), by: 3)
    }

    /// The bits of an `i64` as a signed decimal.
    static func i64(_ bits: UInt64) -> String {
        group(String(Int64(bitPattern: bits)), by: 3)
    }

    /// Inserts `_` between groups of `n` digits, counted from the right; a leading `-`
    /// stays in front.
    static func group(_ s: String, by n: Int) -> String {
        var digits = Array(s.utf8)
        var sign: [UInt8] = []
        if digits.first == UInt8(ascii: "-") {
            sign = [digits.removeFirst()]
        }
        var out = sign
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % n == 0 { out.append(UInt8(ascii: "_")) }
            out.append(d)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bits of an `f32`.
    static func f32(_ bits: UInt32) -> String {
        let sign = bits >> 31 != 0 ? "-" : ""
        let magnitude = bits & 0x7FFF_FFFF
        if magnitude > 0x7F80_0000 {
            return sign + "nan:0x" + group(String(magnitude & 0x007F_FFFF, radix: 16), by: 4)
        }
        return sign + finite(Double(Float(bitPattern: magnitude)))
    }

    /// The bits of an `f64`.
    static func f64(_ bits: UInt64) -> String {
        let sign = bits >> 63 != 0 ? "-" : ""
        let magnitude = bits & 0x7FFF_FFFF_FFFF_FFFF
        if magnitude > 0x7FF0_0000_0000_0000 {
            return sign + "nan:0x" + group(String(magnitude & 0x000F_FFFF_FFFF_FFFF, radix: 16), by: 4)
        }
        return sign + finite(Double(bitPattern: magnitude))
    }

    /// A non-negative double (or infinity) as `%.17g`, digits grouped: the integral
    /// digits by three from the point leftwards, the fractional ones by three from the
    /// point rightwards, the exponent as it is.
    private static func finite(_ x: Double) -> String {
        if x.isInfinite { return "inf" }
        let s = Array(formatG(x, precision: 17).utf8)
        var out: [UInt8] = []
        var i = 0
        let isDigit = { (c: UInt8) in c >= 0x30 && c <= 0x39 }
        var intEnd = i
        while intEnd < s.count && isDigit(s[intEnd]) { intEnd += 1 }
        let intDigits = s[i..<intEnd]
        for (k, d) in intDigits.enumerated() {
            if k > 0 && (intDigits.count - k) % 3 == 0 { out.append(UInt8(ascii: "_")) }
            out.append(d)
        }
        i = intEnd
        // The reference groups the next run of digits after the point (or, without a
        // point, after the exponent's sign) from the left; an exponent has at most three
        // digits, so grouping it changes nothing.
        while i < s.count && !isDigit(s[i]) {
            out.append(s[i])
            i += 1
        }
        var k = 0
        while i < s.count && isDigit(s[i]) {
            if k > 0 && k % 3 == 0 { out.append(UInt8(ascii: "_")) }
            out.append(s[i])
            i += 1
            k += 1
        }
        out.append(contentsOf: s[i...])
        if out.last == UInt8(ascii: ".") { out.append(UInt8(ascii: "0")) }
        return String(decoding: out, as: UTF8.self)
    }
}
