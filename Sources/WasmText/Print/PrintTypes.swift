// Types in the text format (§6.4), written as the reference interpreter's printer
// writes them. Two spellings of reference types coexist there, and both are kept:
// value types (params, results, locals, globals, fields) always use the long form
// `(ref null func)`, while the immediates of `ref.test`, `ref.cast`, `br_on_cast`, table
// types and element segments abbreviate the nullable abstract types that have a
// short name in the MVP or GC proposals (`funcref`, `anyref`, `eqref`, `i31ref`,
// `structref`, `arrayref`, `exnref`), but not `externref` or the bottom types.
//
// Semantic-only forms never occur in parsed or decoded modules; if they do, they are
// written as the reference writes them in its messages, which does not parse back:
// `HeapType.rec(i)` as `rec.i`, `HeapType.bot` as `something`, `ValType.bot` as `bot`,
// and `HeapType.def(dt)` as the defined type's structure in parentheses, e.g.
// `(func [i32] -> [])`, `((rec (struct) (array i8))).1`. Defined types nested inside
// that structure are written `(...)`, so the output stays proportional to one group.

enum PrintType {
    static func num(_ t: NumType) -> String {
        switch t {
        case .i32: "i32"
        case .i64: "i64"
        case .f32: "f32"
        case .f64: "f64"
        }
    }

    static func addr(_ t: AddrType) -> String { t == .i32 ? "i32" : "i64" }

    static func typeUse(_ u: TypeUse, nested: Bool = false) -> String {
        switch u {
        case .index(let x): PrintNumber.nat(x)
        case .rec(let x): "rec." + PrintNumber.nat(x)
        case .def(let dt): nested ? "(...)" : "(" + defType(dt) + ")"
        }
    }

    static func heap(_ t: HeapType, nested: Bool = false) -> String {
        switch t {
        case .any: "any"
        case .none: "none"
        case .eq: "eq"
        case .i31: "i31"
        case .struct: "struct"
        case .array: "array"
        case .func: "func"
        case .nofunc: "nofunc"
        case .exn: "exn"
        case .noexn: "noexn"
        case .extern: "extern"
        case .noextern: "noextern"
        case .index(let x): typeUse(.index(x), nested: nested)
        case .rec(let x): typeUse(.rec(x), nested: nested)
        case .def(let dt): typeUse(.def(dt), nested: nested)
        case .bot: "something"
        }
    }

    /// The long form of a reference type, as in value types: `(ref null func)`.
    static func ref(_ t: RefType, nested: Bool = false) -> String {
        "(ref " + (t.nullable ? "null " : "") + heap(t.heapType, nested: nested) + ")"
    }

    /// A reference type as an immediate or element type: the short name where the
    /// reference printer has one (see the file comment), else the long form.
    static func refAbbreviated(_ t: RefType) -> String {
        if t.nullable {
            switch t.heapType {
            case .any: return "anyref"
            case .eq: return "eqref"
            case .i31: return "i31ref"
            case .struct: return "structref"
            case .array: return "arrayref"
            case .func: return "funcref"
            case .exn: return "exnref"
            default: break
            }
        }
        return ref(t)
    }

    static func val(_ t: ValType, nested: Bool = false) -> String {
        switch t {
        case .i32: "i32"
        case .i64: "i64"
        case .f32: "f32"
        case .f64: "f64"
        case .v128: "v128"
        case .ref(let rt): ref(rt, nested: nested)
        case .bot: "bot"
        }
    }

    static func storage(_ t: StorageType, nested: Bool = false) -> String {
        switch t {
        case .val(let v): val(v, nested: nested)
        case .packed(.i8): "i8"
        case .packed(.i16): "i16"
        }
    }

    // MARK: The message form of defined types (semantic-only; see the file comment)

    private static func fieldString(_ ft: FieldType) -> String {
        let s = storage(ft.storage, nested: true)
        return ft.mutable ? "(mut " + s + ")" : s
    }

    private static func compString(_ ct: CompType) -> String {
        switch ct {
        case .struct(let fts):
            fts.isEmpty ? "struct" : "struct " + fts.map { "(field " + fieldString($0) + ")" }.joined(separator: " ")
        case .array(let ft):
            "array " + fieldString(ft)
        case .func(let ft):
            "func [" + ft.params.map { val($0, nested: true) }.joined(separator: " ") + "] -> ["
                + ft.results.map { val($0, nested: true) }.joined(separator: " ") + "]"
        }
    }

    private static func subString(_ st: SubType) -> String {
        if st.isFinal && st.supertypes.isEmpty { return compString(st.compType) }
        let head = ["sub" + (st.isFinal ? " final" : "")] + st.supertypes.map { typeUse($0, nested: true) }
        return head.joined(separator: " ") + " (" + compString(st.compType) + ")"
    }

    private static func defType(_ dt: DefType) -> String {
        let sts = dt.recType.subTypes
        if sts.count == 1 && dt.index == 0 { return subString(sts[0]) }
        let rec =
            sts.count == 1
            ? subString(sts[0])
            : "rec " + sts.map { "(" + subString($0) + ")" }.joined(separator: " ")
        return "(" + rec + ")." + PrintNumber.nat(dt.index)
    }

    // MARK: Type definitions as s-expressions

    /// `(mut t)` or `t`, where `t` is a storage or value type.
    static func mutability(_ tree: inout SExprTree, _ mutable: Bool, _ t: String) {
        if mutable {
            tree.open("mut")
            tree.atom(t)
            tree.close()
        } else {
            tree.atom(t)
        }
    }

    /// `(kind t*)`, or nothing for no types (the reference's `decls`).
    static func decls(_ tree: inout SExprTree, _ kind: String, _ ts: [ValType]) {
        guard !ts.isEmpty else { return }
        tree.open(kind)
        for t in ts { tree.atom(val(t)) }
        tree.close()
    }

    static func comp(_ tree: inout SExprTree, _ ct: CompType) {
        switch ct {
        case .struct(let fts):
            tree.open("struct")
            for ft in fts {
                tree.open("field")
                mutability(&tree, ft.mutable, storage(ft.storage))
                tree.close()
            }
            tree.close()
        case .array(let ft):
            tree.open("array")
            mutability(&tree, ft.mutable, storage(ft.storage))
            tree.close()
        case .func(let ft):
            tree.open("func")
            decls(&tree, "param", ft.params)
            decls(&tree, "result", ft.results)
            tree.close()
        }
    }

    /// A sub type: its composite type alone when final without supertypes, else
    /// `(sub final? x* comptype)`.
    static func sub(_ tree: inout SExprTree, _ st: SubType) {
        if st.isFinal && st.supertypes.isEmpty {
            comp(&tree, st.compType)
            return
        }
        let head = ["sub" + (st.isFinal ? " final" : "")] + st.supertypes.map { typeUse($0) }
        tree.open(head.joined(separator: " "))
        comp(&tree, st.compType)
        tree.close()
    }

    /// Whether a sub type refers to the type index `x` (the reference's free type
    /// indices of a definition): then a group of one is still written as `rec`, since
    /// outside of `rec` a type cannot refer to itself.
    static func refers(_ st: SubType, to x: UInt32) -> Bool {
        func inVal(_ t: ValType) -> Bool {
            if case .ref(let rt) = t, case .index(let y) = rt.heapType { return y == x }
            return false
        }
        func inField(_ ft: FieldType) -> Bool {
            if case .val(let t) = ft.storage { return inVal(t) }
            return false
        }
        if st.supertypes.contains(.index(x)) { return true }
        switch st.compType {
        case .struct(let fts): return fts.contains(where: inField)
        case .array(let ft): return inField(ft)
        case .func(let ft): return ft.params.contains(where: inVal) || ft.results.contains(where: inVal)
        }
    }
}
