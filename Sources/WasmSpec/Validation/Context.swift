// The validation context C (§3.1.1): the types of everything a module defines or
// imports, built up section by section in the reference interpreter's order.
//
// For speed, the operand stack of instruction validation holds small integers instead
// of `ValType`s: number and vector types and `bot` have fixed ids, and every reference
// type the module's code uses gets an id here the first time it is needed.

/// A value type interned in a ``ModuleContext``.
typealias TypeID = UInt32

enum TypeIDs {
    static let bot: TypeID = 0
    static let i32: TypeID = 1
    static let i64: TypeID = 2
    static let f32: TypeID = 3
    static let f64: TypeID = 4
    static let v128: TypeID = 5
    /// Ids from here on are reference types.
    static let firstRef: TypeID = 6
    /// No type (an operator without result).
    static let none: TypeID = .max

    @inline(__always)
    static func addr(_ at: AddrType) -> TypeID { at == .i32 ? i32 : i64 }
}

/// Parameter and result types, interned.
struct Signature {
    var params: [TypeID]
    var results: [TypeID]
}

/// The module-level part of the context, shared by the validation of every constant
/// expression and function body of one module. Instances live only during `validate()`.
final class ModuleContext {
    /// C.types, with the subtyping and expansion caches over them.
    var sub = Subtyping()
    /// C.funcs: the defined type of every function, its function type, interned.
    var funcs: [DefType] = []
    var funcTypes: [FuncType] = []
    var funcSigs: [Signature] = []
    /// C.tables, C.mems, C.globals as written (imported ones closed, as the reference).
    var tables: [TableType] = []
    var memories: [MemoryType] = []
    var globals: [GlobalType] = []
    /// C.tags, closed, with their parameter types interned.
    var tags: [DefType] = []
    var tagParams: [[TypeID]] = []
    /// C.elems: element types of the segments.
    var elems: [RefType] = []
    /// C.datas: the number of data segments.
    var datas = 0
    /// C.refs: functions that `ref.func` may name in function bodies (§3.4.10).
    var refs: Set<UInt32> = []

    /// Interned value types, by id, and ids by type.
    private(set) var valTypes: [ValType] = [.bot, .i32, .i64, .f32, .f64, .v128]
    private var ids: [ValType: TypeID] = [:]
    /// Results of subtyping checks between reference types, by pair of ids.
    private var matchCache: [UInt64: Bool] = [:]
    /// Interned function types by type index, and one-element result types.
    private var typeSigs: [UInt32: Signature] = [:]
    private var singles: [TypeID: [TypeID]] = [:]

    init() {}

    @inline(__always)
    func type(_ x: UInt32) -> DefType? { sub.type(x) }

    /// The unrolled composite type at a type index that exists.
    @inline(__always)
    func compType(_ x: UInt32) -> CompType { sub.unrolledType(x).compType }

    // MARK: Interning

    func id(_ t: ValType) -> TypeID {
        switch t {
        case .bot: return TypeIDs.bot
        case .i32: return TypeIDs.i32
        case .i64: return TypeIDs.i64
        case .f32: return TypeIDs.f32
        case .f64: return TypeIDs.f64
        case .v128: return TypeIDs.v128
        case .ref:
            if let x = ids[t] { return x }
            let x = TypeID(truncatingIfNeeded: valTypes.count)
            valTypes.append(t)
            ids[t] = x
            return x
        }
    }

    func ids(_ ts: [ValType]) -> [TypeID] { ts.map { id($0) } }

    @inline(__always)
    func valType(_ x: TypeID) -> ValType { valTypes[Int(x)] }

    func valTypes<C: Collection>(_ xs: C) -> [ValType] where C.Element == TypeID {
        xs.map { valTypes[Int($0)] }
    }

    /// `[t]`, shared.
    func single(_ x: TypeID) -> [TypeID] {
        if let s = singles[x] { return s }
        let s = [x]
        singles[x] = s
        return s
    }

    /// Whether reference type `a` matches reference type `b`, remembered.
    func refMatches(_ a: TypeID, _ b: TypeID) -> Bool {
        let key = UInt64(a) << 32 | UInt64(b)
        if let r = matchCache[key] { return r }
        let r = sub.isSubtype(valTypes[Int(a)], valTypes[Int(b)])
        matchCache[key] = r
        return r
    }

    /// The interned function type at type index `x`, which must be one.
    func signature(ofType x: UInt32, _ ft: FuncType) -> Signature {
        if let s = typeSigs[x] { return s }
        let s = Signature(params: ids(ft.params), results: ids(ft.results))
        typeSigs[x] = s
        return s
    }
}

extension Set where Element == UInt32 {
    /// Function indices that `ref.func`, `call` and `return_call` name in `expr`.
    mutating func insertFunctionReferences(of expr: Expr) {
        for instr in expr {
            switch instr {
            case .refFunc(let x), .call(let x), .returnCall(let x): insert(x)
            default: break
            }
        }
    }
}
