// The validation context C (§3.1.1): the types of everything a module defines or
// imports, built up section by section in the reference interpreter's order.

/// The module-level part of the context, shared by the validation of every constant
/// expression and function body of one module. Instances live only during `validate()`.
final class ModuleContext {
    /// C.types, with the subtyping and expansion caches over them.
    var sub = Subtyping()
    /// C.funcs: the defined type of every function.
    var funcs: [DefType] = []
    /// The function type of every function, expanded once.
    var funcTypes: [FuncType] = []
    /// C.tables, C.mems, C.globals as written (imported ones closed, as the reference).
    var tables: [TableType] = []
    var memories: [MemoryType] = []
    var globals: [GlobalType] = []
    /// C.tags, closed.
    var tags: [DefType] = []
    /// The function type of every tag, expanded once.
    var tagTypes: [FuncType] = []
    /// C.elems: element types of the segments.
    var elems: [RefType] = []
    /// C.datas: the number of data segments.
    var datas = 0
    /// C.refs: functions that `ref.func` may name in function bodies (§3.4.10).
    var refs: Set<UInt32> = []

    init() {}

    // MARK: Lookups with the reference interpreter's messages

    @inline(__always)
    func type(_ x: UInt32) -> DefType? { sub.type(x) }

    /// The unrolled composite type at a type index that exists.
    @inline(__always)
    func compType(_ x: UInt32) -> CompType { sub.unrolledType(x).compType }

    /// The function type of a defined type.
    @inline(__always)
    func funcType(of dt: DefType) -> FuncType {
        if case .func(let ft) = sub.expand(dt) { return ft }
        return FuncType()
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
