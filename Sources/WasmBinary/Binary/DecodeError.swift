// Errors of the binary decoder (§5).

/// A binary module is malformed (§5): the reason, worded exactly as the reference
/// interpreter words it, and the byte offset in the input where it was detected.
public struct DecodeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The reference interpreter's message, e.g. `"unexpected end of section or function"`.
    public var message: String
    /// Byte offset in the decoded input where the error arose.
    public var offset: Int

    /// Creates an error with the given message at a byte offset.
    public init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }

    /// The offset in hexadecimal, as the reference prints binary positions, then the message.
    public var description: String {
        "0x\(String(offset, radix: 16)): \(message)"
    }
}
