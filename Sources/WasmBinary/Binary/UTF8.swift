// UTF-8 validation of names (§5.2.4), exactly as strict as the reference interpreter:
// overlong forms, surrogates (U+D800 to U+DFFF), code points above U+10FFFF, stray
// continuation bytes, lead bytes 0xF8 and up, and truncated sequences are all rejected.

/// Decodes UTF-8 bytes into a string, or returns `nil` if they are not well-formed UTF-8
/// (§5.2.4). The reference interpreter reports such input as "malformed UTF-8 encoding".
public func decodeUTF8(_ bytes: [UInt8]) -> String? {
    bytes.withUnsafeBufferPointer { buffer in
        isWellFormedUTF8(buffer, from: 0, to: buffer.count)
            ? String(decoding: buffer, as: UTF8.self) : nil
    }
}

/// Whether the bytes are well-formed UTF-8 (§5.2.4).
public func isWellFormedUTF8(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer { isWellFormedUTF8($0, from: 0, to: $0.count) }
}

/// Whether `bytes[start ..< end]` is well-formed UTF-8. The caller guarantees the range
/// lies within the buffer.
func isWellFormedUTF8(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
    var i = start
    while i < end {
        let b1 = bytes[i]
        if b1 < 0x80 {
            i &+= 1
            continue
        }
        // A continuation byte contributes its low six bits.
        @inline(__always) func continuation(_ k: Int) -> UInt32? {
            let b = bytes[k]
            return b & 0xC0 == 0x80 ? UInt32(b & 0x3F) : nil
        }
        if b1 < 0xC0 {
            return false
        } else if b1 < 0xE0 {
            guard end &- i >= 2, let c2 = continuation(i &+ 1) else { return false }
            let cp = UInt32(b1 & 0x1F) << 6 | c2
            if cp < 0x80 { return false }
            i &+= 2
        } else if b1 < 0xF0 {
            guard end &- i >= 3, let c2 = continuation(i &+ 1), let c3 = continuation(i &+ 2)
            else { return false }
            let cp = UInt32(b1 & 0x0F) << 12 | c2 << 6 | c3
            if cp < 0x800 || (0xD800..<0xE000).contains(cp) { return false }
            i &+= 3
        } else if b1 < 0xF8 {
            guard end &- i >= 4, let c2 = continuation(i &+ 1), let c3 = continuation(i &+ 2),
                let c4 = continuation(i &+ 3)
            else { return false }
            let cp = UInt32(b1 & 0x07) << 18 | c2 << 12 | c3 << 6 | c4
            if cp < 0x10000 || cp >= 0x11_0000 { return false }
            i &+= 4
        } else {
            return false
        }
    }
    return true
}
