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
        let s = Array(formatG17(x).utf8)
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

    /// C's `printf("%.17g", x)` for a finite `x >= 0`: seventeen significant digits,
    /// correctly rounded (ties to even), in fixed notation when the decimal exponent is
    /// in `-4 ..< 17` and in scientific notation (`e+XX`) otherwise, without trailing
    /// zeros.
    static func formatG17(_ x: Double) -> String {
        let precision = 17
        if x == 0 { return "0" }
        var (digits, exponent) = exactDecimal(x)
        // `x == 0.d1 d2 ... dn * 10^(exponent + 1)`, with d1 != 0.
        if digits.count > precision {
            let first = digits[precision]
            var roundUp = first > 5
            if first == 5 {
                let rest = digits[(precision + 1)...].contains { $0 != 0 }
                roundUp = rest || digits[precision - 1] % 2 == 1
            }
            digits.removeSubrange(precision...)
            if roundUp {
                var j = precision - 1
                while j >= 0 {
                    if digits[j] == 9 {
                        digits[j] = 0
                        j -= 1
                    } else {
                        digits[j] += 1
                        break
                    }
                }
                if j < 0 {
                    digits.insert(1, at: 0)
                    digits.removeLast()
                    exponent += 1
                }
            }
        }
        while digits.count > 1 && digits.last == 0 { digits.removeLast() }
        func char(_ d: UInt8) -> UInt8 { 0x30 + d }
        var out: [UInt8] = []
        if exponent < -4 || exponent >= precision {
            out.append(char(digits[0]))
            if digits.count > 1 {
                out.append(UInt8(ascii: "."))
                for d in digits[1...] { out.append(char(d)) }
            }
            out.append(UInt8(ascii: "e"))
            out.append(UInt8(ascii: exponent < 0 ? "-" : "+"))
            let e = String(exponent.magnitude)
            if e.utf8.count < 2 { out.append(UInt8(ascii: "0")) }
            out.append(contentsOf: e.utf8)
        } else if exponent >= 0 {
            for k in 0...exponent { out.append(k < digits.count ? char(digits[k]) : 0x30) }
            if digits.count > exponent + 1 {
                out.append(UInt8(ascii: "."))
                for d in digits[(exponent + 1)...] { out.append(char(d)) }
            }
        } else {
            out.append(contentsOf: "0.".utf8)
            for _ in 0..<(-exponent - 1) { out.append(0x30) }
            for d in digits { out.append(char(d)) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// All decimal digits of a finite positive double, most significant first and the
    /// first nonzero, with the power of ten of the first: `x = d1.d2d3... * 10^exponent`.
    /// Exact: a double is `m * 2^e`, which is `m * 5^-e * 10^e` for negative `e`.
    private static func exactDecimal(_ x: Double) -> (digits: [UInt8], exponent: Int) {
        let bits = x.bitPattern
        let biased = Int((bits >> 52) & 0x7FF)
        let fraction = bits & 0x000F_FFFF_FFFF_FFFF
        let mantissa = biased == 0 ? fraction : fraction | (1 << 52)
        let exp2 = biased == 0 ? -1074 : biased - 1075
        var n = BigNat(mantissa)
        var exp10 = 0
        if exp2 >= 0 {
            n.shiftLeft(exp2)
        } else {
            var k = -exp2
            while k >= 13 {
                n.multiply(by: 1_220_703_125)  // 5^13
                k -= 13
            }
            var p: UInt32 = 1
            for _ in 0..<k { p *= 5 }
            n.multiply(by: p)
            exp10 = exp2
        }
        let digits = n.decimalDigits()
        return (digits, digits.count - 1 + exp10)
    }
}

/// A natural number of arbitrary size in base 2^32, least significant limb first: just
/// enough arithmetic for exact decimal expansions of doubles.
private struct BigNat {
    var limbs: [UInt32]

    init(_ n: UInt64) {
        limbs = [UInt32(truncatingIfNeeded: n), UInt32(truncatingIfNeeded: n >> 32)]
        trim()
    }

    mutating func trim() {
        while limbs.last == 0 { limbs.removeLast() }
    }

    mutating func multiply(by factor: UInt32) {
        var carry: UInt64 = 0
        for i in limbs.indices {
            let p = UInt64(limbs[i]) * UInt64(factor) + carry
            limbs[i] = UInt32(truncatingIfNeeded: p)
            carry = p >> 32
        }
        if carry != 0 { limbs.append(UInt32(carry)) }
    }

    mutating func shiftLeft(_ bits: Int) {
        let words = bits / 32
        let rest = UInt32(bits % 32)
        if rest != 0 {
            var carry: UInt32 = 0
            for i in limbs.indices {
                let v = limbs[i]
                limbs[i] = (v << rest) | carry
                carry = v >> (32 - rest)
            }
            if carry != 0 { limbs.append(carry) }
        }
        limbs.insert(contentsOf: repeatElement(0, count: words), at: 0)
    }

    /// The decimal digits, most significant first; `[0]` for zero.
    func decimalDigits() -> [UInt8] {
        var n = limbs
        var chunks: [UInt32] = []  // base 10^9, least significant first
        while !n.isEmpty {
            var remainder: UInt64 = 0
            var i = n.count - 1
            while i >= 0 {
                let cur = (remainder << 32) | UInt64(n[i])
                n[i] = UInt32(cur / 1_000_000_000)
                remainder = cur % 1_000_000_000
                i -= 1
            }
            chunks.append(UInt32(remainder))
            while n.last == 0 { n.removeLast() }
        }
        var digits: [UInt8] = []
        for (k, chunk) in chunks.reversed().enumerated() {
            var d = [UInt8](repeating: 0, count: 9)
            var c = chunk
            for j in stride(from: 8, through: 0, by: -1) {
                d[j] = UInt8(c % 10)
                c /= 10
            }
            if k == 0 {
                digits.append(contentsOf: d.drop { $0 == 0 })
            } else {
                digits.append(contentsOf: d)
            }
        }
        return digits.isEmpty ? [0] : digits
    }
}
