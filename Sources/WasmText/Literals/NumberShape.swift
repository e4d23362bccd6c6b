// The shapes of numeric tokens (§6.3.1, §6.3.2): `nat`, `int` and `float` as the
// reference lexer's regular expressions define them, with `_` between digits.

enum NumberShape {
    @inline(__always) static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    @inline(__always) private static func isDigit(_ b: UInt8) -> Bool {
        b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
    }

    /// The end of `digit ('_'? digit)*` starting at `p`, or `p` if there is none.
    static func num(_ s: [UInt8], _ p: Int, _ end: Int) -> Int {
        digits(s, p, end, isDigit)
    }

    /// The end of `hexdigit ('_'? hexdigit)*` starting at `p`, or `p` if there is none.
    static func hexnum(_ s: [UInt8], _ p: Int, _ end: Int) -> Int {
        digits(s, p, end) { hexValue($0) != nil }
    }

    private static func digits(_ s: [UInt8], _ p: Int, _ end: Int, _ ok: (UInt8) -> Bool) -> Int {
        guard p < end, ok(s[p]) else { return p }
        var q = p + 1
        while q < end {
            if ok(s[q]) {
                q += 1
            } else if s[q] == UInt8(ascii: "_") && q + 1 < end && ok(s[q + 1]) {
                q += 2
            } else {
                break
            }
        }
        return q
    }

    /// Whether `s[p..<end]` spells `word` (ASCII, no allocation).
    @inline(__always) private static func matches(_ s: [UInt8], _ p: Int, _ end: Int, _ word: StaticString) -> Bool {
        guard end - p == word.utf8CodeUnitCount else { return false }
        return word.withUTF8Buffer { w in
            for k in 0..<w.count where s[p + k] != w[k] { return false }
            return true
        }
    }

    @inline(__always) private static func hasPrefix(_ s: [UInt8], _ p: Int, _ end: Int, _ word: StaticString) -> Bool {
        guard end - p >= word.utf8CodeUnitCount else { return false }
        return word.withUTF8Buffer { w in
            for k in 0..<w.count where s[p + k] != w[k] { return false }
            return true
        }
    }

    /// Whether `s[start..<end]` is exactly a `nat`, an `int` or a `float` token.
    static func classify(_ s: [UInt8], _ start: Int, _ end: Int) -> TokenKind? {
        var p = start
        guard p < end else { return nil }
        var signed = false
        if s[p] == UInt8(ascii: "+") || s[p] == UInt8(ascii: "-") {
            signed = true
            p += 1
        }
        guard p < end else { return nil }
        let c = s[p]
        if c == UInt8(ascii: "i") { return matches(s, p, end, "inf") ? .float : nil }
        if c == UInt8(ascii: "n") {
            if matches(s, p, end, "nan") { return .float }
            if end - p > 6 && hasPrefix(s, p, end, "nan:0x") {
                return hexnum(s, p + 6, end) == end ? .float : nil
            }
            return nil
        }
        guard isDigit(c) else { return nil }
        let hex = end - p >= 2 && s[p] == UInt8(ascii: "0") && s[p + 1] == UInt8(ascii: "x")
        let digitsEnd: (Int) -> Int = hex ? { hexnum(s, $0, end) } : { num(s, $0, end) }
        if hex { p += 2 }
        let q = digitsEnd(p)
        guard q > p else { return nil }
        p = q
        if p == end { return signed ? .int : .nat }
        var isFloat = false
        if s[p] == UInt8(ascii: ".") {
            isFloat = true
            p = digitsEnd(p + 1)
        }
        if p < end {
            let e = s[p]
            let isExp = hex ? (e == UInt8(ascii: "p") || e == UInt8(ascii: "P"))
                : (e == UInt8(ascii: "e") || e == UInt8(ascii: "E"))
            guard isExp else { return nil }
            p += 1
            if p < end && (s[p] == UInt8(ascii: "+") || s[p] == UInt8(ascii: "-")) { p += 1 }
            let r = num(s, p, end)
            guard r > p else { return nil }
            p = r
            isFloat = true
        }
        return isFloat && p == end ? .float : nil
    }
}
