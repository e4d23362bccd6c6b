// Modules (§2.5 of the specification).

/// A constant expression or function body: a flat instruction sequence without its
/// final `end` (see ``Instruction``).
public typealias Expr = [Instruction]

/// Locals of a function, run-length encoded as the binary format writes them, so that a
/// declaration of billions of locals costs a few bytes, not gigabytes, until validation
/// has judged it.
public struct Locals: Hashable, Sendable {
    public var count: UInt32
    public var type: ValType

    public init(_ count: UInt32, _ type: ValType) {
        self.count = count
        self.type = type
    }
}

/// Functions (§2.5.3).
public struct Func: Hashable, Sendable {
    /// Index of the function's type.
    public var type: UInt32
    public var locals: [Locals]
    public var body: Expr

    public init(type: UInt32, locals: [Locals] = [], body: Expr) {
        self.type = type
        self.locals = locals
        self.body = body
    }
}

/// Tables (§2.5.4). The initialiser fills every slot; without one written, it is
/// `ref.null` of the table's heap type.
public struct Table: Hashable, Sendable {
    public var type: TableType
    public var initializer: Expr

    public init(type: TableType, initializer: Expr? = nil) {
        self.type = type
        self.initializer = initializer ?? [.refNull(type.elemType.heapType)]
    }

    /// Whether the initialiser is the implicit one, `ref.null` of the element type.
    public var hasDefaultInitializer: Bool {
        initializer == [.refNull(type.elemType.heapType)]
    }
}

/// Globals (§2.5.6).
public struct Global: Hashable, Sendable {
    public var type: GlobalType
    public var initializer: Expr

    public init(type: GlobalType, initializer: Expr) {
        self.type = type
        self.initializer = initializer
    }
}

/// Element segments (§2.5.7). Segments written as function indices are kept as
/// `ref.func` expressions, one per element, as the reference interpreter does.
public struct ElemSegment: Hashable, Sendable {
    public enum Mode: Hashable, Sendable {
        case passive
        case active(table: UInt32, offset: Expr)
        case declarative
    }

    public var type: RefType
    public var inits: [Expr]
    public var mode: Mode

    public init(type: RefType, inits: [Expr], mode: Mode) {
        self.type = type
        self.inits = inits
        self.mode = mode
    }
}

/// Data segments (§2.5.8).
public struct DataSegment: Hashable, Sendable {
    public enum Mode: Hashable, Sendable {
        case passive
        case active(memory: UInt32, offset: Expr)
    }

    public var bytes: [UInt8]
    public var mode: Mode

    public init(bytes: [UInt8], mode: Mode) {
        self.bytes = bytes
        self.mode = mode
    }
}

/// Exports (§2.5.10).
public struct Export: Hashable, Sendable {
    public var name: String
    public var kind: ExternKind
    public var index: UInt32

    public init(name: String, kind: ExternKind, index: UInt32) {
        self.name = name
        self.kind = kind
        self.index = index
    }
}

/// Imports (§2.5.11).
public struct Import: Hashable, Sendable {
    public var module: String
    public var name: String
    public var type: ExternType

    public init(module: String, name: String, type: ExternType) {
        self.module = module
        self.name = name
        self.type = type
    }
}

/// The sections of the binary format, in the order they must appear (§5.5.2); custom
/// sections are placed relative to them.
public enum SectionKind: UInt8, Hashable, Sendable, Comparable {
    case type, `import`, function, table, memory, tag, global, export, start, elem, dataCount,
        code, data

    public static func < (a: SectionKind, b: SectionKind) -> Bool { a.rawValue < b.rawValue }

    /// The section id in the binary format.
    public var id: UInt8 {
        switch self {
        case .type: 1
        case .import: 2
        case .function: 3
        case .table: 4
        case .memory: 5
        case .tag: 13
        case .global: 6
        case .export: 7
        case .start: 8
        case .elem: 9
        case .dataCount: 12
        case .code: 10
        case .data: 11
        }
    }
}

/// Custom sections (§5.5.3), kept with their place among the other sections so that
/// encoding puts them back where they were.
public struct CustomSection: Hashable, Sendable {
    public enum Place: Hashable, Sendable {
        case before(SectionKind)
        case after(SectionKind)
    }

    public var name: String
    public var content: [UInt8]
    public var place: Place

    public init(name: String, content: [UInt8], place: Place) {
        self.name = name
        self.content = content
        self.place = place
    }
}

/// A module (§2.5). Index spaces of functions, tables, memories, globals and tags start
/// with the imports of that kind, in import order, followed by the definitions here.
public struct Module: Hashable, Sendable {
    /// Type definitions, one recursion group each.
    public var types: [RecType]
    public var imports: [Import]
    public var funcs: [Func]
    public var tables: [Table]
    public var memories: [MemoryType]
    public var globals: [Global]
    public var tags: [TagType]
    public var exports: [Export]
    public var start: UInt32?
    public var elems: [ElemSegment]
    public var datas: [DataSegment]
    public var customs: [CustomSection]

    public init(
        types: [RecType] = [], imports: [Import] = [], funcs: [Func] = [],
        tables: [Table] = [], memories: [MemoryType] = [], globals: [Global] = [],
        tags: [TagType] = [], exports: [Export] = [], start: UInt32? = nil,
        elems: [ElemSegment] = [], datas: [DataSegment] = [], customs: [CustomSection] = []
    ) {
        self.types = types
        self.imports = imports
        self.funcs = funcs
        self.tables = tables
        self.memories = memories
        self.globals = globals
        self.tags = tags
        self.exports = exports
        self.start = start
        self.elems = elems
        self.datas = datas
        self.customs = customs
    }
}
