// LEB128 integers (§5.2.2), for other layers that read or write them directly.

/// Reading and writing LEB128 integers (§5.2.2) with the reference interpreter's rules
/// and messages: beyond `ceil(bits / 7)` bytes a representation is "integer
/// representation too long"; unused bits of the last byte that are not zero (unsigned)
/// or not copies of the sign bit (signed) make it "integer too large".
public enum LEB128 {
    /// Appends `value` as an unsigned LEB128 in the fewest bytes.
    public static func appendUnsigned(_ value: UInt64, to bytes: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// Appends `value` as a signed LEB128 in the fewest bytes.
    public static func appendSigned(_ value: Int64, to bytes: inout [UInt8]) {
        var v = value
        while v < -64 || v >= 64 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: v) & 0x7F)
    }

    /// Reads an unsigned LEB128 of at most `bits` bits (1 to 64) at `offset`, advancing it.
    public static func readUnsigned(_ bytes: [UInt8], at offset: inout Int, bits: Int)
        throws(DecodeError) -> UInt64
    {
        try read(bytes, at: &offset) { r throws(DecodeError) in
            try r.unsigned(bits: Swift.max(1, Swift.min(bits, 64)))
        }
    }

    /// Reads a signed LEB128 of at most `bits` bits (1 to 64) at `offset`, advancing it.
    public static func readSigned(_ bytes: [UInt8], at offset: inout Int, bits: Int)
        throws(DecodeError) -> Int64
    {
        try read(bytes, at: &offset) { r throws(DecodeError) in
            try r.signed(bits: Swift.max(1, Swift.min(bits, 64)))
        }
    }

    private static func read<T>(
        _ bytes: [UInt8], at offset: inout Int,
        _ body: (inout BinaryReader) throws(DecodeError) -> T
    ) throws(DecodeError) -> T {
        let start = Swift.max(0, Swift.min(offset, bytes.count))
        let result: Result<(T, Int), DecodeError> = bytes.withUnsafeBufferPointer { buffer in
            var reader = BinaryReader(buffer, at: start)
            do throws(DecodeError) {
                let v = try body(&reader)
                return .success((v, reader.pos))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let (v, end)):
            offset = end
            return v
        case .failure(let error):
            throw error
        }
    }
}
