// Errors of validation (§3): the reference interpreter's message and where it arose.

/// Where in a module a validation error arose.
///
/// Indices of functions, tables, memories, globals and tags are in their index spaces,
/// imports first. `instruction` counts positions in the flat instruction sequence of a
/// function body (see ``Instruction``); the implicit final `end` is at `body.count`.
public enum ValidationLocation: Hashable, Sendable, CustomStringConvertible {
    /// The module as a whole (duplicate export names).
    case module
    /// A type definition, by type index.
    case type(UInt32)
    /// An import, by its position in the import section.
    case `import`(Int)
    /// The declaration of a function (its type), by function index.
    case functionType(UInt32)
    /// An instruction of a function body, or its local declarations (`instruction` -1).
    case function(index: UInt32, instruction: Int)
    /// A table definition or its initialiser, by table index.
    case table(UInt32)
    /// A memory definition, by memory index.
    case memory(UInt32)
    /// A global definition or its initialiser, by global index.
    case global(UInt32)
    /// A tag definition, by tag index.
    case tag(UInt32)
    /// An element segment, by segment index.
    case elem(UInt32)
    /// A data segment, by segment index.
    case data(UInt32)
    /// The start function.
    case start
    /// An export, by its position in the export section.
    case export(Int)

    /// The place in words, e.g. `function 3, instruction 17`.
    public var description: String {
        switch self {
        case .module: "module"
        case .type(let x): "type \(x)"
        case .import(let i): "import \(i)"
        case .functionType(let x): "function \(x)"
        case .function(let x, let i): "function \(x), instruction \(i)"
        case .table(let x): "table \(x)"
        case .memory(let x): "memory \(x)"
        case .global(let x): "global \(x)"
        case .tag(let x): "tag \(x)"
        case .elem(let x): "elem segment \(x)"
        case .data(let x): "data segment \(x)"
        case .start: "start function"
        case .export(let i): "export \(i)"
        }
    }
}

/// A module failed validation (§3). The message is the reference interpreter's, so that
/// `assert_invalid` expectations of the test suite compare by prefix.
public struct ValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The reference interpreter's message, e.g. `type mismatch: ...` or `unknown local 3`.
    public var message: String
    /// Where the error arose.
    public var location: ValidationLocation

    /// An error with the given message, arisen at `location`.
    public init(_ message: String, at location: ValidationLocation) {
        self.message = message
        self.location = location
    }

    /// The message first, so that prefix comparisons work on the description too.
    public var description: String { "\(message) (at \(location))" }
}
