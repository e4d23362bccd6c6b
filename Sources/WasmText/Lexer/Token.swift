// Tokens of the text format (§6.2 of the specification), as the reference lexer
// classifies them.

import WasmBinary

/// Kinds of tokens.
enum TokenKind: UInt8, Sendable {
    case lpar, rpar
    /// Unsigned integer literal (`nat`).
    case nat
    /// Signed integer literal (`int`).
    case int
    /// Floating-point literal, including `inf`, `nan` and `nan:0x...`.
    case float
    /// String literal; `Token.bytes` holds its decoded bytes.
    case string
    /// Identifier `$x` or `$"..."`; `Token.bytes` holds the name without `$`.
    case id
    case keyword
    /// `offset=n`; the number starts at `Token.numberStart`.
    case offsetEq
    /// `align=n`; the number starts at `Token.numberStart`.
    case alignEq
    case eof
}

/// A token: its kind, where it is in the source, and what it carries.
struct Token: Sendable {
    var kind: TokenKind
    var keyword: Keyword = .none
    /// Byte offsets of the token in the source.
    var start: Int
    var end: Int
    var location: SourceLocation
    /// Decoded bytes of strings and identifiers.
    var bytes: [UInt8] = []
    /// For `offset=` and `align=`: where the number begins.
    var numberStart: Int = 0

    var fixed: FixedKeyword? {
        if case .fixed(let k) = keyword { return k }
        return nil
    }

    func isFixed(_ k: FixedKeyword) -> Bool {
        kind == .keyword && fixed == k
    }
}

/// An annotation `(@id ...)` the lexer skipped, with its extent, so that modules can
/// claim the ones inside them (the reference reports the others as misplaced).
struct Annotation: Sendable {
    var name: [UInt8]
    var start: Int
    var end: Int
    var location: SourceLocation
}
