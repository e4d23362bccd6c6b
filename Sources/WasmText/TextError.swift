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
    /// Where the offending text ends, when known (the reference reports regions).
    public var end: SourceLocation?
    /// For an error of a custom-section handler: the error as that handler raised it,
    /// with its category and region.
    public var custom: CustomError?

    /// Creates an error with the given message and location.
    public init(_ message: String, at location: SourceLocation, isCustom: Bool = false, end: SourceLocation? = nil) {
        self.message = message
        self.location = location
        self.isCustom = isCustom
        self.end = end
    }

    /// An error of a custom-section handler, raised while parsing a text module.
    public init(custom error: CustomError) {
        let left = error.region.left
        self.message = error.message
        self.location = SourceLocation(line: left.line, column: left.column + 1)
        self.isCustom = true
        self.end = SourceLocation(line: error.region.right.line, column: error.region.right.column + 1)
        self.custom = error
    }

    /// `line.column: message`.
    public var description: String { "\(location): \(message)" }
}
