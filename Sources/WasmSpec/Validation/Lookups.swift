// Lookups in the context (§3.1.1) with the reference interpreter's messages
// (`unknown <category> <index>`, `non-function type <index>`, ...), and the validity of
// types written in instructions (§3.2).

extension CodeValidator {
    @inline(__always)
    func type(_ x: UInt32) throws(ValidationError) -> DefType {
        guard let dt = c.type(x) else { throw error("unknown type \(Describe.index(x))") }
        return dt
    }

    func funcType(_ x: UInt32) throws(ValidationError) -> FuncType {
        _ = try type(x)
        guard case .func(let ft) = c.compType(x) else { throw error("non-function type \(Describe.index(x))") }
        return ft
    }

    func structType(_ x: UInt32) throws(ValidationError) -> [FieldType] {
        _ = try type(x)
        guard case .struct(let fts) = c.compType(x) else { throw error("non-structure type \(Describe.index(x))") }
        return fts
    }

    func arrayType(_ x: UInt32) throws(ValidationError) -> FieldType {
        _ = try type(x)
        guard case .array(let ft) = c.compType(x) else { throw error("non-array type \(Describe.index(x))") }
        return ft
    }

    /// The function type at type index `x`, interned.
    func signature(_ x: UInt32) throws(ValidationError) -> Signature {
        c.signature(ofType: x, try funcType(x))
    }

    /// The function type of function `x`, interned.
    @inline(__always)
    func function(_ x: UInt32) throws(ValidationError) -> Signature {
        guard Int(x) < c.funcSigs.count else { throw error("unknown function \(Describe.index(x))") }
        return c.funcSigs[Int(x)]
    }

    /// The parameter types of tag `x`, interned.
    func tag(_ x: UInt32) throws(ValidationError) -> [TypeID] {
        guard Int(x) < c.tagParams.count else { throw error("unknown tag \(Describe.index(x))") }
        return c.tagParams[Int(x)]
    }

    @inline(__always)
    func global(_ x: UInt32) throws(ValidationError) -> GlobalType {
        guard Int(x) < c.globals.count else { throw error("unknown global \(Describe.index(x))") }
        return c.globals[Int(x)]
    }

    @inline(__always)
    func memory(_ x: UInt32) throws(ValidationError) -> MemoryType {
        guard Int(x) < c.memories.count else { throw error("unknown memory \(Describe.index(x))") }
        return c.memories[Int(x)]
    }

    @inline(__always)
    func table(_ x: UInt32) throws(ValidationError) -> TableType {
        guard Int(x) < c.tables.count else { throw error("unknown table \(Describe.index(x))") }
        return c.tables[Int(x)]
    }

    func elem(_ x: UInt32) throws(ValidationError) -> RefType {
        guard Int(x) < c.elems.count else { throw error("unknown elem segment \(Describe.index(x))") }
        return c.elems[Int(x)]
    }

    func data(_ x: UInt32) throws(ValidationError) {
        guard Int(x) < c.datas else { throw error("unknown data segment \(Describe.index(x))") }
    }

    // MARK: Types written in instructions

    func checkHeapType(_ ht: HeapType) throws(ValidationError) {
        if case .index(let x) = ht { _ = try type(x) }
    }

    func checkRefType(_ rt: RefType) throws(ValidationError) {
        try checkHeapType(rt.heapType)
    }

    func checkValType(_ t: ValType) throws(ValidationError) {
        if case .ref(let rt) = t { try checkHeapType(rt.heapType) }
    }
}
