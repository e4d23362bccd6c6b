// The decoding stream (§5.1): a position in a byte buffer and the primitive values of
// §5.2 (bytes, LEB128 integers, floats, lengths, names), failing as the reference
// interpreter fails.
//
// The whole module is one stream, as in the reference: a section or function body is
// decoded against the end of the input, not against its declared size, and only
// afterwards is its size checked ("section size mismatch"). That keeps the messages
// for overrunning content identical to the reference's.

/// A cursor over the bytes of a binary module. All reads are bounds-checked against
/// `end`; running past it is "unexpected end of section or function".
struct BinaryReader {
    let base: UnsafeBufferPointer<UInt8>
    let end: Int
    var pos: Int

    /// Scratch stack of open structured instructions, reused across expressions (see
    /// `DecodeInstructions.swift`).
    var blocks: [BlockKind] = []
    /// Set when an instruction names a data segment, so that the module decoder can
    /// demand a data count section (§5.5.13) for function bodies that do.
    var sawDataIndex = false
    /// When set, the offset of every instruction of a function body decoded, `end` and
    /// `else` included (see ``CodeOffsets``); nil otherwise.
    var instructionOffsets: [Int]? = nil
    /// When set, where each code entry and its instructions start.
    var codeOffsets: [CodeOffsets]? = nil
    /// When set, where the content of each custom section starts and ends.
    var customRanges: [Range<Int>]? = nil

    init(_ base: UnsafeBufferPointer<UInt8>, at pos: Int = 0) {
        self.base = base
        self.end = base.count
        self.pos = pos
    }

    // MARK: Errors

    @inline(__always)
    func error(_ message: String, at offset: Int) -> DecodeError {
        DecodeError(message, at: offset)
    }

    /// Running out of input, reported at the end of the input as the reference does.
    var endOfInput: DecodeError {
        DecodeError("unexpected end of section or function", at: end)
    }

    // MARK: Bytes

    var atEnd: Bool { pos >= end }

    @inline(__always)
    func peek() -> UInt8? {
        pos < end ? base[pos] : nil
    }

    @inline(__always)
    mutating func byte() throws(DecodeError) -> UInt8 {
        guard pos < end else { throw endOfInput }
        let b = base[pos]
        pos &+= 1
        return b
    }

    /// Reads one byte that must be `expected`, else fails with `message`. The reference
    /// computes the error position before it reads (OCaml evaluates arguments right to
    /// left), so it reports the offset just before the offending byte; so do we.
    mutating func expect(_ expected: UInt8, _ message: String) throws(DecodeError) {
        let start = pos
        let b = try byte()
        if b != expected { throw error(message, at: start &- 1) }
    }

    /// `0x00`, where the format reserves a byte for future use.
    mutating func zero() throws(DecodeError) {
        try expect(0x00, "zero byte expected")
    }

    /// `n` raw bytes; a negative count also runs off the end, as in the reference.
    mutating func bytes(_ n: Int) throws(DecodeError) -> [UInt8] {
        guard n >= 0, n <= end &- pos else { throw endOfInput }
        let slice = UnsafeBufferPointer(rebasing: base[pos..<(pos &+ n)])
        pos &+= n
        return Array(slice)
    }

    /// Skips `n` bytes.
    mutating func skip(_ n: Int) throws(DecodeError) {
        guard n >= 0, n <= end &- pos else { throw endOfInput }
        pos &+= n
    }

    // MARK: Fixed-width little-endian words (§5.2.3)

    mutating func word32() throws(DecodeError) -> UInt32 {
        guard end &- pos >= 4 else {
            pos = end
            throw endOfInput
        }
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(base[pos &+ i]) << (8 * UInt32(i)) }
        pos &+= 4
        return v
    }

    mutating func word64() throws(DecodeError) -> UInt64 {
        guard end &- pos >= 8 else {
            pos = end
            throw endOfInput
        }
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(base[pos &+ i]) << (8 * UInt64(i)) }
        pos &+= 8
        return v
    }

    mutating func v128() throws(DecodeError) -> V128 {
        guard end &- pos >= 16 else { throw endOfInput }
        let lo = try word64()
        let hi = try word64()
        return V128(lo: lo, hi: hi)
    }

    // MARK: LEB128 integers (§5.2.2)

    /// An unsigned LEB128 integer of at most `bits` bits. Each byte carries seven bits;
    /// when fewer than seven remain, the unused high bits of the byte must be zero
    /// ("integer too large"), and a continuation beyond the last permitted byte is
    /// "integer representation too long".
    mutating func unsigned(bits: Int) throws(DecodeError) -> UInt64 {
        var remaining = bits
        var shift: UInt64 = 0
        var result: UInt64 = 0
        while true {
            if remaining <= 0 { throw error("integer representation too long", at: pos) }
            let b = try byte()
            if remaining < 7 && UInt64(b & 0x7F) >= (1 << UInt64(remaining)) {
                throw error("integer too large", at: pos &- 1)
            }
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift &+= 7
            remaining &-= 7
        }
    }

    /// A signed LEB128 integer of at most `bits` bits. In the last byte the unused high
    /// bits must all equal the sign bit ("integer too large").
    mutating func signed(bits: Int) throws(DecodeError) -> Int64 {
        var remaining = bits
        var shift: UInt64 = 0
        var result: UInt64 = 0
        while true {
            if remaining <= 0 { throw error("integer representation too long", at: pos) }
            let b = try byte()
            if remaining < 7 {
                let mask = UInt8(truncatingIfNeeded: 0xFF << (remaining &- 1)) & 0x7F
                let high = b & mask
                if high != 0 && high != mask { throw error("integer too large", at: pos &- 1) }
            }
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 {
                if b & 0x40 != 0 { result |= ~UInt64(0) << (shift &+ 7) }
                return Int64(bitPattern: result)
            }
            shift &+= 7
            remaining &-= 7
        }
    }

    @inline(__always)
    mutating func u32() throws(DecodeError) -> UInt32 {
        if pos < end {
            let b = base[pos]
            if b < 0x80 {
                pos &+= 1
                return UInt32(b)
            }
        }
        return UInt32(truncatingIfNeeded: try unsigned(bits: 32))
    }

    @inline(__always)
    mutating func u64() throws(DecodeError) -> UInt64 {
        if pos < end {
            let b = base[pos]
            if b < 0x80 {
                pos &+= 1
                return UInt64(b)
            }
        }
        return try unsigned(bits: 64)
    }

    /// A lane index: an unsigned LEB128 of at most 8 bits.
    mutating func u8() throws(DecodeError) -> UInt8 {
        UInt8(truncatingIfNeeded: try unsigned(bits: 8))
    }

    mutating func s32() throws(DecodeError) -> UInt32 {
        UInt32(truncatingIfNeeded: try signed(bits: 32))
    }

    mutating func s33() throws(DecodeError) -> Int64 {
        try signed(bits: 33)
    }

    mutating func s64() throws(DecodeError) -> UInt64 {
        UInt64(bitPattern: try signed(bits: 64))
    }

    /// An index (§5.5.1).
    @inline(__always)
    mutating func idx() throws(DecodeError) -> UInt32 {
        try u32()
    }

    // MARK: Vectors and names (§5.1.3, §5.2.4)

    /// A vector length. It may not exceed the bytes left in the input, counted from the
    /// start of the length itself, as the reference counts.
    mutating func len32() throws(DecodeError) -> Int {
        let start = pos
        let n = try u32()
        guard Int(n) <= end &- start else { throw error("length out of bounds", at: start) }
        return Int(n)
    }

    /// A vector of `element`s. The length is bounded by the input, but capacity is
    /// reserved only modestly so that a large count costs nothing before the elements
    /// are really there.
    @inline(__always)
    mutating func vec<T>(_ element: (inout BinaryReader) throws(DecodeError) -> T)
        throws(DecodeError) -> [T]
    {
        let n = try len32()
        var result: [T] = []
        result.reserveCapacity(Swift.min(n, 1024))
        for _ in 0..<n { result.append(try element(&self)) }
        return result
    }

    /// A byte vector (§5.2.4).
    mutating func byteVec() throws(DecodeError) -> [UInt8] {
        try bytes(try len32())
    }

    /// A name: a byte vector that must be well-formed UTF-8 (§5.2.4).
    mutating func name() throws(DecodeError) -> String {
        let start = pos
        let n = try len32()
        guard n <= end &- pos else { throw endOfInput }
        guard isWellFormedUTF8(base, from: pos, to: pos &+ n) else {
            throw error("malformed UTF-8 encoding", at: start)
        }
        let s = String(decoding: UnsafeBufferPointer(rebasing: base[pos..<(pos &+ n)]), as: UTF8.self)
        pos &+= n
        return s
    }
}
