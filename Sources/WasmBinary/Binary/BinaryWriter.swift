// The encoding stream: the primitive values of §5.2 appended to a byte array, written
// the way the reference interpreter's encoder writes them (minimal LEB128, except the
// sizes of sections and function bodies, which take a fixed five bytes so they can be
// filled in after the content).

/// An append-only byte buffer with the binary format's primitive encodings.
struct BinaryWriter {
    var bytes: [UInt8] = []

    @inline(__always)
    mutating func byte(_ b: UInt8) {
        bytes.append(b)
    }

    @inline(__always)
    mutating func u32(_ v: UInt32) {
        if v < 0x80 {
            bytes.append(UInt8(v))
        } else {
            LEB128.appendUnsigned(UInt64(v), to: &bytes)
        }
    }

    mutating func u64(_ v: UInt64) {
        LEB128.appendUnsigned(v, to: &bytes)
    }

    mutating func s64(_ v: Int64) {
        LEB128.appendSigned(v, to: &bytes)
    }

    /// A 32-bit integer given as its bit pattern, written as a signed LEB128 (`i32.const`).
    mutating func s32(_ bits: UInt32) {
        s64(Int64(Int32(bitPattern: bits)))
    }

    /// A type index in a heap or block type: a signed 33-bit integer. Like the reference,
    /// the index is sign-extended from 32 bits (indices that large never decode).
    mutating func s33Index(_ x: UInt32) {
        s64(Int64(Int32(bitPattern: x)))
    }

    /// A lane index: an unsigned LEB128.
    mutating func u8(_ v: UInt8) {
        u64(UInt64(v))
    }

    mutating func idx(_ x: UInt32) {
        u32(x)
    }

    mutating func word32(_ v: UInt32) {
        for i in 0..<4 { byte(UInt8(truncatingIfNeeded: v >> (8 * UInt32(i)))) }
    }

    mutating func word64(_ v: UInt64) {
        for i in 0..<8 { byte(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) }
    }

    /// A vector length.
    mutating func len(_ n: Int) {
        u32(UInt32(truncatingIfNeeded: n))
    }

    /// A byte vector (§5.2.4).
    mutating func byteVec(_ bs: [UInt8]) {
        len(bs.count)
        bytes.append(contentsOf: bs)
    }

    /// A name (§5.2.4): its UTF-8 bytes as a byte vector.
    mutating func name(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            len(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    /// A vector (§5.1.3): the length, then each element.
    @inline(__always)
    mutating func vec<C: Collection>(_ xs: C, _ element: (inout BinaryWriter, C.Element) -> Void) {
        len(xs.count)
        for x in xs { element(&self, x) }
    }

    /// Reserves five bytes for a size that is only known after the content follows.
    mutating func gap32() -> Int {
        let at = bytes.count
        for _ in 0..<4 { bytes.append(0x80) }
        bytes.append(0x00)
        return at
    }

    /// Fills a gap left by `gap32()` with `n` as a five-byte, padded LEB128.
    mutating func patchGap32(_ at: Int, _ n: Int) {
        let v = UInt32(truncatingIfNeeded: n)
        bytes[at] = UInt8(truncatingIfNeeded: v) | 0x80
        bytes[at + 1] = UInt8(truncatingIfNeeded: v >> 7) | 0x80
        bytes[at + 2] = UInt8(truncatingIfNeeded: v >> 14) | 0x80
        bytes[at + 3] = UInt8(truncatingIfNeeded: v >> 21) | 0x80
        bytes[at + 4] = UInt8(truncatingIfNeeded: v >> 28)
    }

    /// Writes `content`, preceded by its size as a five-byte LEB128.
    @inline(__always)
    mutating func sized(_ content: (inout BinaryWriter) -> Void) {
        let gap = gap32()
        let start = bytes.count
        content(&self)
        patchGap32(gap, bytes.count - start)
    }
}
