// Printing of values the way the reference interpreter prints results (e.g.
// `832_040 : [i32]`): integers as signed decimals, floats via C's `%.17g` of the
// value as a double, NaNs as `nan:0x<payload>`, and digits grouped with `_` for
// readability (groups of 3 decimal or 4 hex digits).

extension IntegerOps {
    /// The signed decimal, digits grouped by three: `832_040`, `-1`.
    public static func format(_ x: T) -> String {
        groupIntegerDigits(String(x.signed), by: 3)
    }

    /// The unsigned hexadecimal, digits grouped by four: `0xffff_ffff`.
    public static func formatHex(_ x: T) -> String {
        "0x" + groupIntegerDigits(String(x, radix: 16), by: 4)
    }
}

extension FloatOps {
    /// The reference's float text: a `-` for a set sign bit, then `nan:0x<payload>`,
    /// `inf`, or the `%.17g` digits of the value (as a double), grouped by three.
    public static func format(_ x: Bits) -> String {
        format(x, hex: false)
    }

    /// The reference's hexadecimal float text (`0x1.8p+1`), used for binary-mode
    /// printing; `inf` and NaNs print as in ``format(_:)``.
    public static func formatHex(_ x: Bits) -> String {
        format(x, hex: !isInfinite(x))
    }

    @usableFromInline static func isInfinite(_ x: Bits) -> Bool { x & ~signMask == exponentMask }

    static func format(_ x: Bits, hex: Bool) -> String {
        let sign = x & signMask != 0 ? "-" : ""
        if isNaN(x) {
            return sign + "nan:0x" + groupFloatDigits(String(x & payloadMask, radix: 16), hex: true)
        }
        let magnitude = F(bitPattern: x & ~signMask).doubleValue
        if hex {
            return sign + groupFloatDigits(formatHexFloat(magnitude), hex: true)
        }
        if magnitude.isInfinite { return sign + "inf" }
        return sign + groupFloatDigits(formatG(magnitude, precision: 17), hex: false)
    }
}

extension Numerics {
    /// A number as the reference prints it in results, given its type; `i32`/`f32` use
    /// the low 32 bits.
    public static func format(_ bits: UInt64, as type: NumType) -> String {
        switch type {
        case .i32: I32Ops.format(lo32(bits))
        case .i64: I64Ops.format(bits)
        case .f32: F32Ops.format(lo32(bits))
        case .f64: F64Ops.format(bits)
        }
    }

    /// A number in the reference's hexadecimal notation (binary-mode printing).
    public static func formatHex(_ bits: UInt64, as type: NumType) -> String {
        switch type {
        case .i32: I32Ops.formatHex(lo32(bits))
        case .i64: I64Ops.formatHex(bits)
        case .f32: F32Ops.formatHex(lo32(bits))
        case .f64: F64Ops.formatHex(bits)
        }
    }

    /// A vector as the reference prints it: its four `i32` lanes as signed decimals,
    /// separated by spaces (`1 -2 3 4`).
    public static func format(_ v: V128) -> String {
        (0..<4).map { I32Ops.format(v.lane($0, as: UInt32.self)) }.joined(separator: " ")
    }

    /// A vector in hexadecimal: its four `i32` lanes as `0x…` with grouped digits.
    public static func formatHex(_ v: V128) -> String {
        (0..<4).map { I32Ops.formatHex(v.lane($0, as: UInt32.self)) }.joined(separator: " ")
    }
}

/// Inserts `_` between groups of `n` digits counted from the right, after an
/// optional leading `-`.
func groupIntegerDigits(_ s: String, by n: Int) -> String {
    var chars = Array(s)
    var sign = ""
    if chars.first == "-" {
        sign = "-"
        chars.removeFirst()
    }
    var out = sign
    for (i, c) in chars.enumerated() {
        if i > 0 && (chars.count - i) % n == 0 { out.append("_") }
        out.append(c)
    }
    return out
}

/// Groups the digits of a float's text as the reference does: the integral digits
/// in groups of 3 (4 for hex) counted from the point, the fractional digits (and
/// anything after the first non-digit following them, such as an exponent's
/// digits) in groups counted from the left.
func groupFloatDigits(_ s: String, hex: Bool) -> String {
    let chars = Array(s)
    let n = hex ? 4 : 3
    func isDigit(_ c: Character) -> Bool {
        hex ? (c.isASCII && (c.isNumber || ("a"..."f").contains(c))) : (c.isASCII && c.isNumber)
    }
    func firstIndex(from start: Int, where p: (Character) -> Bool) -> Int {
        var i = start
        while i < chars.count && !p(chars[i]) { i += 1 }
        return i
    }
    let x = chars.firstIndex(of: "x") ?? 0
    let mantissa = firstIndex(from: x, where: isDigit)
    let point = firstIndex(from: mantissa) { !isDigit($0) }
    let fraction = firstIndex(from: point, where: isDigit)
    let exponent = firstIndex(from: fraction) { !isDigit($0) }

    var out = String(chars[0..<mantissa])
    for i in mantissa..<point {
        if i > mantissa && (point - i) % n == 0 { out.append("_") }
        out.append(chars[i])
    }
    out.append(contentsOf: chars[point..<fraction])
    for i in fraction..<exponent {
        if i > fraction && (i - fraction) % n == 0 { out.append("_") }
        out.append(chars[i])
    }
    out.append(contentsOf: chars[exponent...])
    return out
}
