// Custom sections as the reference interpreter's handlers understand them
// (interpreter/custom/*.ml): a handler is registered by name (`wasm -c NAME`, `-ca`),
// and a custom section or `@name`-style annotation of that name is decoded, parsed,
// encoded, printed and checked by it. Three handlers exist: `custom` (any section,
// kept as bytes; the `@custom` annotation), `name` (the name section; `@name`) and
// `metadata.code.branch_hint` (`@metadata.code.branch_hint`). Sections no registered
// handler takes are dropped, or rejected under `-cr`.

/// A position in a source text or binary, as the reference records it
/// (interpreter/util/source.ml).
public struct SourcePosition: Hashable, Sendable, Comparable {
    /// The 1-based line, or -1 for a byte offset into a binary.
    public var line: Int
    /// The 0-based column (bytes from the start of the line), or the byte offset.
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// A byte offset into a binary.
    public static func offset(_ n: Int) -> SourcePosition { SourcePosition(line: -1, column: n) }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    /// `line.column` (column counted from 1), or `0x...` for a byte offset.
    public var description: String {
        line == -1 ? "0x" + String(column, radix: 16) : "\(line).\(column + 1)"
    }
}

/// A stretch of a source text or binary, with the name of the file or module it is in.
public struct SourceRegion: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var left: SourcePosition
    public var right: SourcePosition

    public init(file: String, left: SourcePosition, right: SourcePosition) {
        self.file = file
        self.left = left
        self.right = right
    }

    /// A region of no extent at a byte offset of a binary.
    public static func offset(_ file: String, _ n: Int) -> SourceRegion {
        SourceRegion(file: file, left: .offset(n), right: .offset(n))
    }

    /// The reference's `string_of_region`: `file:8.6-8.9`, `file:0x9`.
    public var description: String {
        file + ":" + left.description + (right == left ? "" : "-" + right.description)
    }

    /// Whether this region lies within `other` (the handlers' `is_contained`).
    public func isContained(in other: SourceRegion) -> Bool {
        left >= other.left && right <= other.right
    }

    /// Whether this region ends before `other` starts (the handlers' `is_left`).
    public func isLeft(of other: SourceRegion) -> Bool {
        right <= other.left
    }
}

/// The known custom-section handlers, by the name they are registered under.
public enum CustomHandler: String, CaseIterable, Hashable, Sendable {
    case custom
    case name
    case branchHint = "metadata.code.branch_hint"
}

/// Which handlers are registered, and whether sections and annotations that none of
/// them takes are rejected (`wasm -cr`).
public struct CustomConfig: Hashable, Sendable {
    public var handlers: Set<CustomHandler>
    public var rejectUnknown: Bool

    public init(handlers: Set<CustomHandler> = [], rejectUnknown: Bool = false) {
        self.handlers = handlers
        self.rejectUnknown = rejectUnknown
    }

    /// All handlers, as `wasm -ca` registers them.
    public static let all = CustomConfig(handlers: Set(CustomHandler.allCases))

    /// The handler registered for sections and annotations named `name`.
    public func handler(for name: String) -> CustomHandler? {
        guard let h = CustomHandler(rawValue: name), handlers.contains(h) else { return nil }
        return h
    }

    /// Whether custom sections and annotations matter at all.
    public var isActive: Bool { !handlers.isEmpty || rejectUnknown }
}

/// A custom section in the form its handler keeps it.
public enum CustomFormat: Hashable, Sendable {
    /// Kept as bytes by the `custom` handler, with where it came from.
    case raw(CustomSection, SourceRegion)
    case names(NameSection)
    case branchHints(BranchHintSection)

    /// Where the section goes among the others when encoded.
    public var place: CustomSection.Place {
        switch self {
        case .raw(let c, _): c.place
        case .names: .after(.data)
        case .branchHints: .before(.code)
        }
    }

    public var region: SourceRegion {
        switch self {
        case .raw(_, let r): r
        case .names(let n): n.region
        case .branchHints(let h): h.region
        }
    }
}

/// An error of a custom-section handler, in the reference's three categories.
public struct CustomError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// Malformed section content (`Custom.Code`).
        case decoding
        /// A malformed or misplaced annotation (`Custom.Syntax`).
        case syntax
        /// A section that does not fit its module (`Custom.Invalid`).
        case invalid
    }

    public var kind: Kind
    public var region: SourceRegion
    public var message: String

    public init(_ kind: Kind, _ region: SourceRegion, _ message: String) {
        self.kind = kind
        self.region = region
        self.message = message
    }

    /// The category the reference's runner reports the error under.
    public var category: String {
        switch kind {
        case .decoding: "custom section decoding error"
        case .syntax: "custom annotation syntax error"
        case .invalid: "custom validation error"
        }
    }

    public var description: String { "\(region): \(category): \(message)" }
}

extension CustomSection.Place {
    /// The reference's `compare_place`: places in section order, `before` a section
    /// ahead of `after` it.
    public static func compare(_ a: CustomSection.Place, _ b: CustomSection.Place) -> Int {
        func cmp(_ x: SectionKind, _ y: SectionKind) -> Int { x == y ? 0 : (x < y ? -1 : 1) }
        switch (a, b) {
        case (.before(let x), .before(let y)), (.after(let x), .after(let y)): return cmp(x, y)
        case (.before(let x), .after(let y)): return x == y ? -1 : cmp(x, y)
        case (.after(let x), .before(let y)): return x == y ? 1 : cmp(x, y)
        }
    }
}

/// Keys of the handlers' index maps, ordered as the reference orders them: as signed
/// 32-bit integers (`Map.Make(Int32)`).
func signedOrder(_ a: UInt32, _ b: UInt32) -> Bool {
    Int32(bitPattern: a) < Int32(bitPattern: b)
}

/// A cursor over a custom section's content, failing as the handlers' own small
/// decoders fail (handler_name.ml, handler_branch_hint.ml): running out of bytes is
/// `Custom.Code` "unexpected end of name section" at the current position.
struct CustomReader {
    let bytes: [UInt8]
    let file: String
    var pos = 0
    /// Where the current name subsection must end.
    var subsectionEnd = 0

    init(_ bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    func error(_ at: Int, _ message: String) -> CustomError {
        CustomError(.decoding, .offset(file, at), message)
    }

    var endOfSection: CustomError { error(pos, "unexpected end of name section") }

    var atEnd: Bool { pos >= bytes.count }

    func peek() -> UInt8? { pos < bytes.count ? bytes[pos] : nil }

    mutating func byte() throws(CustomError) -> UInt8 {
        guard pos < bytes.count else { throw endOfSection }
        let b = bytes[pos]
        pos += 1
        return b
    }

    /// `decode_uN`: at most `n` bits, seven a byte.
    mutating func uN(_ n: Int) throws(CustomError) -> UInt32 {
        var result: UInt32 = 0
        var shift: UInt32 = 0
        var bits = n
        while true {
            if bits <= 0 { throw error(pos, "integer representation too long") }
            let b = try byte()
            if bits < 7 && Int(b & 0x7F) >= 1 << bits { throw error(pos - 1, "integer too large") }
            if shift < 32 { result |= UInt32(b & 0x7F) << shift }
            if b & 0x80 == 0 { return result }
            shift += 7
            bits -= 7
        }
    }

    mutating func u32() throws(CustomError) -> UInt32 { try uN(32) }

    /// A size, as the reference converts it: a signed 32-bit integer, so that sizes of
    /// 2^31 and more are negative and read as running out of bytes.
    mutating func size() throws(CustomError) -> Int { Int(Int32(bitPattern: try u32())) }

    mutating func bytes(_ n: Int) throws(CustomError) -> [UInt8] {
        guard n >= 0, n <= bytes.count - pos else { throw endOfSection }
        let out = Array(bytes[pos..<(pos + n)])
        pos += n
        return out
    }

    /// A name: its size, then UTF-8 that must be well formed.
    mutating func name() throws(CustomError) -> String {
        let n = try size()
        let start = pos
        let b = try bytes(n)
        guard let s = decodeUTF8(b) else { throw error(start, "malformed UTF-8 encoding") }
        return s
    }

    /// The region of the bytes read since `start`.
    func region(from start: Int) -> SourceRegion {
        SourceRegion(file: file, left: .offset(start), right: .offset(pos))
    }
}

/// LEB128 as the handlers' encoders write it (minimal, unsigned).
func appendCustomU32(_ v: UInt32, to out: inout [UInt8]) {
    var v = v
    while v >= 0x80 {
        out.append(UInt8(v & 0x7F) | 0x80)
        v >>= 7
    }
    out.append(UInt8(v))
}
