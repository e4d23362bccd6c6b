// Types (§2.3 of the specification, "Types").
//
// One set of type definitions serves both the syntax and the semantics, as in the
// reference interpreter: a parsed or decoded module refers to defined types by
// `.index(x)`; validation substitutes those indices by `.def(DefType)`, the closed,
// iso-recursive form in which types of different modules can be compared (§2.3.11,
// "Recursive types", and §3.1.3, "Rolling and unrolling").

/// Number types (§2.3.1).
public enum NumType: UInt8, Hashable, Sendable {
    case i32, i64, f32, f64

    public var valType: ValType {
        switch self {
        case .i32: .i32
        case .i64: .i64
        case .f32: .f32
        case .f64: .f64
        }
    }

    /// Width in bytes.
    public var size: Int {
        switch self {
        case .i32, .f32: 4
        case .i64, .f64: 8
        }
    }
}

/// Address types of memories and tables (§2.3.12): 32-bit, or 64-bit with memory64.
public enum AddrType: UInt8, Hashable, Sendable {
    case i32, i64

    public var valType: ValType { self == .i32 ? .i32 : .i64 }
    public var numType: NumType { self == .i32 ? .i32 : .i64 }
}

/// A reference to a defined type: by index in the module (syntax), by position in the
/// enclosing recursion group (rolled form), or as a closed defined type (semantics).
public enum TypeUse: Hashable, Sendable {
    case index(UInt32)
    case rec(UInt32)
    case def(DefType)
}

/// Heap types (§2.3.4): the abstract ones, a defined type, and `bot`, which only
/// arises during validation of unreachable code.
public enum HeapType: Hashable, Sendable {
    case any, none, eq, i31, `struct`, array
    case `func`, nofunc
    case exn, noexn
    case extern, noextern
    case index(UInt32)
    case rec(UInt32)
    case def(DefType)
    case bot

    public init(_ use: TypeUse) {
        switch use {
        case .index(let x): self = .index(x)
        case .rec(let x): self = .rec(x)
        case .def(let dt): self = .def(dt)
        }
    }

    /// The type use of a concrete heap type, `nil` for abstract ones.
    public var typeUse: TypeUse? {
        switch self {
        case .index(let x): .index(x)
        case .rec(let x): .rec(x)
        case .def(let dt): .def(dt)
        default: nil
        }
    }

    public var isAbstract: Bool { typeUse == nil && self != .bot }
}

/// Reference types (§2.3.5).
public struct RefType: Hashable, Sendable {
    public var nullable: Bool
    public var heapType: HeapType

    public init(nullable: Bool, _ heapType: HeapType) {
        self.nullable = nullable
        self.heapType = heapType
    }

    public static let funcref = RefType(nullable: true, .func)
    public static let externref = RefType(nullable: true, .extern)
    public static let anyref = RefType(nullable: true, .any)
    public static let eqref = RefType(nullable: true, .eq)
    public static let i31ref = RefType(nullable: true, .i31)
    public static let structref = RefType(nullable: true, .struct)
    public static let arrayref = RefType(nullable: true, .array)
    public static let exnref = RefType(nullable: true, .exn)
    public static let nullref = RefType(nullable: true, .none)
    public static let nullfuncref = RefType(nullable: true, .nofunc)
    public static let nullexternref = RefType(nullable: true, .noextern)
    public static let nullexnref = RefType(nullable: true, .noexn)
}

/// Value types (§2.3.6). `bot` is the bottom type of validation, never written.
public enum ValType: Hashable, Sendable {
    case i32, i64, f32, f64
    case v128
    case ref(RefType)
    case bot

    public static let funcref = ValType.ref(.funcref)
    public static let externref = ValType.ref(.externref)

    public var isNum: Bool {
        switch self {
        case .i32, .i64, .f32, .f64, .bot: true
        default: false
        }
    }

    public var isVec: Bool { self == .v128 || self == .bot }

    public var isRef: Bool {
        switch self {
        case .ref, .bot: true
        default: false
        }
    }

    /// Whether locals, fields and table slots of this type have a default value (§3.2.4).
    public var isDefaultable: Bool {
        switch self {
        case .ref(let rt): rt.nullable
        default: true
        }
    }

    public var numType: NumType? {
        switch self {
        case .i32: .i32
        case .i64: .i64
        case .f32: .f32
        case .f64: .f64
        default: nil
        }
    }
}

/// Result types (§2.3.7).
public typealias ResultType = [ValType]

/// Function types (§2.3.8).
public struct FuncType: Hashable, Sendable {
    public var params: [ValType]
    public var results: [ValType]

    public init(_ params: [ValType] = [], _ results: [ValType] = []) {
        self.params = params
        self.results = results
    }
}

/// Packed types of struct and array fields (§2.3.9).
public enum PackedType: UInt8, Hashable, Sendable {
    case i8, i16

    public var size: Int { self == .i8 ? 1 : 2 }
}

/// Storage types of fields (§2.3.9).
public enum StorageType: Hashable, Sendable {
    case val(ValType)
    case packed(PackedType)

    /// The type a field's value has on the operand stack.
    public var unpacked: ValType {
        switch self {
        case .val(let t): t
        case .packed: .i32
        }
    }

    public var isPacked: Bool {
        if case .packed = self { return true }
        return false
    }
}

/// Field types (§2.3.9).
public struct FieldType: Hashable, Sendable {
    public var mutable: Bool
    public var storage: StorageType

    public init(mutable: Bool, _ storage: StorageType) {
        self.mutable = mutable
        self.storage = storage
    }
}

/// Composite types (§2.3.10).
public enum CompType: Hashable, Sendable {
    case `struct`([FieldType])
    case array(FieldType)
    case `func`(FuncType)
}

/// Sub types (§2.3.11): a composite type with its declared supertypes; `final` types
/// cannot be extended. A type written without `sub` is final with no supertypes.
public struct SubType: Hashable, Sendable {
    public var isFinal: Bool
    public var supertypes: [TypeUse]
    public var compType: CompType

    public init(isFinal: Bool = true, supertypes: [TypeUse] = [], _ compType: CompType) {
        self.isFinal = isFinal
        self.supertypes = supertypes
        self.compType = compType
    }
}

/// Recursive types (§2.3.11): a group of mutually recursive sub types. A type
/// definition outside `rec` is a group of one.
public struct RecType: Hashable, Sendable {
    public var subTypes: [SubType]

    public init(_ subTypes: [SubType]) {
        self.subTypes = subTypes
    }
}

/// Defined types (§2.3.11): the `index`-th type of a closed, rolled recursion group.
///
/// Two defined types are equal when their groups are structurally equal and the
/// indices match; that is iso-recursive type equivalence (§3.1.3). Instances are
/// immutable; the hash is computed once, so they can be compared across modules and
/// threads cheaply, identity first.
///
/// A defined type refers to earlier ones, so types can form chains as long as a module
/// has types. Releasing the last reference to such a chain does not recurse: the last
/// member of a group to go releases the types its group refers to in a loop.
public final class DefType: Hashable, @unchecked Sendable, CustomStringConvertible {
    /// The group, shared by the members made together by ``group(_:)`` or ``member(_:)``.
    /// Only `deinit` changes it, when no other member is left (hence `@unchecked Sendable`).
    private(set) var storage: DefTypeGroup
    public let index: UInt32
    let hash: Int

    public var recType: RecType { storage.recType }

    /// The `index`-th member of a closed, rolled group, made on its own (see ``group(_:)``
    /// for all members, and ``member(_:)`` for another member of an existing type's group).
    public convenience init(_ recType: RecType, _ index: UInt32) {
        let storage = DefTypeGroup(recType)
        self.init(storage, index, hash: storage.hash(of: index))
    }

    init(_ storage: DefTypeGroup, _ index: UInt32, hash: Int) {
        self.storage = storage
        self.index = index
        self.hash = hash
    }

    /// The defined types of all members of a group, in order: the same as
    /// `DefType(recType, i)` for each `i`, but hashing the group once, not once a member.
    public static func group(_ recType: RecType) -> [DefType] {
        let storage = DefTypeGroup(recType)
        return (0 ..< UInt32(truncatingIfNeeded: recType.subTypes.count)).map { i in
            DefType(storage, i, hash: storage.hash(of: i))
        }
    }

    /// The `i`-th member of this type's group (this type itself for its own index): equal
    /// to `DefType(recType, i)`, but sharing this type's group, so made in constant time.
    public func member(_ i: UInt32) -> DefType {
        i == index ? self : DefType(storage, i, hash: storage.hash(of: i))
    }

    deinit {
        guard isKnownUniquelyReferenced(&storage) else { return }
        var pending: [DefType] = []
        storage.takeNested(into: &pending)
        while var dt = pending.popLast() {
            // Empty the groups that would go with `dt`, so that its release is shallow.
            if isKnownUniquelyReferenced(&dt) && isKnownUniquelyReferenced(&dt.storage) {
                dt.storage.takeNested(into: &pending)
            }
        }
    }

    /// Iso-recursive equality: the same member of structurally equal groups. Compares
    /// with a work list, not recursively, so that long chains of types from different
    /// modules compare without exhausting the stack.
    public static func == (lhs: DefType, rhs: DefType) -> Bool {
        if lhs === rhs { return true }
        guard lhs.hash == rhs.hash, lhs.index == rhs.index else { return false }
        if lhs.storage === rhs.storage { return true }
        var comparison = DefTypeComparison()
        return comparison.equal(lhs, rhs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(hash)
    }

    /// The sub type this defined type stands for, still in rolled form (references
    /// within the group are `.rec(i)`).
    public var rolledSubType: SubType {
        recType.subTypes[Int(index)]
    }

    public var description: String { "def(\(index) of \(recType.subTypes.count))" }
}

/// Limits of memories and tables (§2.3.12), in pages or elements.
public struct Limits: Hashable, Sendable {
    public var min: UInt64
    public var max: UInt64?

    public init(min: UInt64, max: UInt64? = nil) {
        self.min = min
        self.max = max
    }
}

/// Memory types (§2.3.13).
public struct MemoryType: Hashable, Sendable {
    public var addrType: AddrType
    public var limits: Limits

    public init(_ addrType: AddrType = .i32, _ limits: Limits) {
        self.addrType = addrType
        self.limits = limits
    }
}

/// Table types (§2.3.14).
public struct TableType: Hashable, Sendable {
    public var addrType: AddrType
    public var limits: Limits
    public var elemType: RefType

    public init(_ addrType: AddrType = .i32, _ limits: Limits, _ elemType: RefType) {
        self.addrType = addrType
        self.limits = limits
        self.elemType = elemType
    }
}

/// Global types (§2.3.15).
public struct GlobalType: Hashable, Sendable {
    public var mutable: Bool
    public var valType: ValType

    public init(mutable: Bool, _ valType: ValType) {
        self.mutable = mutable
        self.valType = valType
    }
}

/// Tag types (§2.3.16): the function type of the exception's payload.
public struct TagType: Hashable, Sendable {
    public var typeUse: TypeUse

    public init(_ typeUse: TypeUse) {
        self.typeUse = typeUse
    }
}

/// External types (§2.3.17): the types of imports and exports.
public enum ExternType: Hashable, Sendable {
    case `func`(TypeUse)
    case table(TableType)
    case memory(MemoryType)
    case global(GlobalType)
    case tag(TagType)

    public var kind: ExternKind {
        switch self {
        case .func: .func
        case .table: .table
        case .memory: .memory
        case .global: .global
        case .tag: .tag
        }
    }
}

/// The kinds of external items, in their binary order.
public enum ExternKind: UInt8, Hashable, Sendable {
    case `func` = 0, table = 1, memory = 2, global = 3, tag = 4
}
