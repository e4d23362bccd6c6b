// S-expressions for other printers (scripts, in WasmSpec) to build and lay out the way
// this module lays out modules, with modules as nodes inside them.

/// An s-expression under construction, laid out as the reference interpreter lays out
/// its output (see ``Module/text(width:customSections:)``).
public struct SExpression: Sendable {
    private var tree: SExprTree

    /// An expression `(head ...)`; what is added next goes inside.
    public init(_ head: String) {
        tree = SExprTree(root: head)
    }

    /// Adds an atom to the innermost open node.
    public mutating func atom(_ text: String) {
        tree.atom(text)
    }

    /// Adds `(head)` without children.
    public mutating func leaf(_ head: String) {
        tree.leaf(head)
    }

    /// Opens `(head ...)` inside the innermost open node.
    public mutating func open(_ head: String) {
        tree.open(head)
    }

    /// Closes the innermost open node (never the outermost).
    public mutating func close() {
        tree.close()
    }

    /// A module as an expression `(head field* custom*)`, printed as
    /// ``Module/text(width:custom:head:asReference:)`` prints it.
    public init(module m: Module, custom formats: [CustomFormat], head: String, asReference: Bool = false) {
        tree = SExprTree(root: head)
        tree.referenceLanes = asReference
        PrintModule.withCustom(&tree, m, formats)
    }

    /// Adds another expression as the last child of the innermost open node.
    public mutating func child(_ other: SExpression) {
        tree.append(other.tree)
    }

    /// The text within `width` columns, ending with a newline.
    public func layout(width: Int) -> String {
        tree.layout(width: width)
    }

    /// A string literal as the reference's printer writes one (`Arrange.string`):
    /// printable ASCII as it is, `\t`, `\n`, `\r`, `\"`, `\\`, every other byte as
    /// `\hh`.
    public static func string(_ bytes: [UInt8]) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for b in bytes {
            switch b {
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x20..<0x7F: out.append(b)
            default: out += [0x5C, hex[Int(b >> 4)], hex[Int(b & 15)]]
            }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }

    /// A name as the reference's printer writes one (`Arrange.name`).
    public static func name(_ s: String) -> String {
        PrintModule.name(s)
    }

    /// Bytes as string literals of 16 bytes each, every byte escaped (`break_bytes`).
    public static func bytes(_ bs: [UInt8]) -> [String] {
        PrintModule.bytes(bs)
    }
}
