// UTF-8 as the text format uses it (§6.3.3, §6.2.1): the source is read as UTF-8
// bytes, and names and identifiers must be well-formed UTF-8.

enum UTF8Check {
    /// The length of the well-formed, non-ASCII UTF-8 sequence starting at `i`
    /// (the reference lexer's `utf8enc`), or 0 if there is none.
    static func encodedLength(_ s: [UInt8], _ i: Int) -> Int {
        let n = s.count
        guard i < n else { return 0 }
        let b0 = s[i]
        func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
            i + k < n && s[i + k] >= lo && s[i + k] <= hi
        }
        switch b0 {
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1, 0xA0, 0xBF) && cont(2) ? 3 : 0
        case 0xED: return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xF0: return cont(1, 0x90, 0xBF) && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }

    /// Whether `bytes` is well-formed UTF-8: no overlong forms, no surrogates, nothing
    /// beyond U+10FFFF.
    static func isValid<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var it = bytes.makeIterator()
        while let b0 = it.next() {
            if b0 < 0x80 { continue }
            var need = 0
            var code: UInt32 = 0
            var min: UInt32 = 0
            switch b0 {
            case 0xC0...0xDF: need = 1; code = UInt32(b0 & 0x1F); min = 0x80
            case 0xE0...0xEF: need = 2; code = UInt32(b0 & 0x0F); min = 0x800
            case 0xF0...0xF7: need = 3; code = UInt32(b0 & 0x07); min = 0x10000
            default: return false
            }
            for _ in 0..<need {
                guard let b = it.next(), b & 0xC0 == 0x80 else { return false }
                code = code << 6 | UInt32(b & 0x3F)
            }
            if code < min || (0xD800..<0xE000).contains(code) || code >= 0x110000 { return false }
        }
        return true
    }

    /// Appends the UTF-8 encoding of `code` as the reference does (surrogates included),
    /// or returns false when it is beyond U+10FFFF.
    static func append(_ code: UInt64, to out: inout [UInt8]) -> Bool {
        switch code {
        case 0..<0x80:
            out.append(UInt8(code))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (code >> 6)))
            out.append(UInt8(0x80 | (code & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (code >> 12)))
            out.append(UInt8(0x80 | ((code >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (code & 0x3F)))
        case 0x10000..<0x110000:
            out.append(UInt8(0xF0 | (code >> 18)))
            out.append(UInt8(0x80 | ((code >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((code >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (code & 0x3F)))
        default:
            return false
        }
        return true
    }
}
