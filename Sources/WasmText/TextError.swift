// Errors of the text format (§6): the reference interpreter's syntax errors, with its
// messages, and where they arose.

import WasmBinary

/// An error found while lexing, parsing or desugaring text-format source.
///
/// `message` is the reference interpreter's message ("unexpected token",
/// "unknown operator i32.foo", "unknown type $t", ...). Assertions in `.wast` scripts
/// compare by prefix.
public struct TextError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The reference interpreter's message.
    public var message: String
    /// Where the error arose (1-based line and byte column).
    public var location: SourceLocation
    /// Whether the reference raises this error as a custom-annotation syntax error
    /// ("misplaced annotation"), which `assert_malformed_custom` expects and
    /// `assert_malformed` does not.
    public var isCustom: Bool

    /// Creates an error with the given message and location.
    public init(_ message: String, at location: SourceLocation, isCustom: Bool = false) {
        self.message = message
        self.location = location
        self.isCustom = isCustom
    }

    /// `line.column: message`.
    public var description: String { "\(location): \(message)" }
}
