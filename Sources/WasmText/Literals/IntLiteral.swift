// Integer literals (§6.3.1) as the reference converts them (`Ixx.of_string`):
// an optional sign, decimal or `0x` hexadecimal digits with `_` between them. A value
// of width N may be written unsigned up to 2^N-1 or negative down to -2^(N-1). The
// reference keeps 8- and 16-bit values in 63-bit integers, which only changes which
// out-of-range spellings are caught where; the accepted values are the same.

enum IntLiteral {
    /// The low `width` bits of the value `s` denotes, or nil if it is malformed or out
    /// of range. `width` is 8, 16, 32 or 64.
    static func parse(_ s: ArraySlice<UInt8>, width: Int) -> UInt64? {
        guard !s.isEmpty else { return nil }
        // The width of the reference's representation.
        let rep = width >= 32 ? width : 63
        let repMax: UInt64 = rep == 64 ? ~0 : (1 << UInt64(rep)) - 1
        var i = s.startIndex
        var negative = false
        if s[i] == UInt8(ascii: "+") {
            i += 1
        } else if s[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        guard i < s.endIndex else { return nil }
        var n: UInt64 = 0
        if s.endIndex - i >= 2 && s[i] == UInt8(ascii: "0") && s[i + 1] == UInt8(ascii: "x") {
            i += 2
            guard i < s.endIndex else { return nil }
            while i < s.endIndex {
                let c = s[i]
                i += 1
                if c == UInt8(ascii: "_") { continue }
                guard let d = NumberShape.hexValue(c), n <= repMax >> 4 else { return nil }
                n = n << 4 | UInt64(d)
            }
        } else {
            let maxUpper = repMax / 10
            let maxLower = repMax % 10
            while i < s.endIndex {
                let c = s[i]
                i += 1
                if c == UInt8(ascii: "_") { continue }
                guard c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") else { return nil }
                let d = UInt64(c - UInt8(ascii: "0"))
                guard n < maxUpper || (n == maxUpper && d <= maxLower) else { return nil }
                n = n * 10 + d
            }
        }
        // The value as a signed number of the representation's width, as bits of 64.
        let half: UInt64 = 1 << UInt64(rep - 1)
        var v: Int64
        if negative {
            guard n <= half else { return nil }
            v = n == half && rep == 64 ? Int64.min : -Int64(n)
        } else {
            v = n >= half ? Int64(bitPattern: n) &- (rep == 64 ? 0 : Int64(bitPattern: half << 1)) : Int64(n)
        }
        if width < rep {
            let low = -(Int64(1) << Int64(width - 1))
            let high = Int64(1) << Int64(width)
            guard v >= low && v < high else { return nil }
        }
        let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
        v = v & Int64(bitPattern: mask)
        return UInt64(bitPattern: v)
    }

    /// An unsigned literal (`of_string_u`): no sign allowed.
    static func parseUnsigned(_ s: ArraySlice<UInt8>, width: Int) -> UInt64? {
        guard let f = s.first, f != UInt8(ascii: "+"), f != UInt8(ascii: "-") else { return nil }
        return parse(s, width: width)
    }
}
