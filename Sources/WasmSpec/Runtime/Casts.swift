// Run-time type tests of references (§4.6.9 `ref.test`, `ref.cast`, `br_on_cast`) and
// the callee check of `call_indirect` (§4.6.5), with the reference interpreter's trap
// messages, which name the types involved. Both engines call these.

extension Store {
    /// Subtyping between closed types, as run-time checks need it.
    static let subtyping = Subtyping()

    /// Whether a reference matches a closed reference type at run time (§4.6.9
    /// `ref.test`): nulls match nullable types; otherwise the object's own type must be
    /// a subtype. An object of a defined type against a defined type goes straight to
    /// `Subtyping.isSubtype(_:_:)` on the two, which its supertype chain decides in
    /// O(log depth) steps.
    func matches(_ slot: UInt64, _ type: RefType) -> Bool {
        if slot == RefSlot.null { return type.nullable }
        let target = type.heapType
        let actual: DefType
        if RefSlot.isI31(slot) {
            return Store.subtyping.isSubtype(HeapType.i31, target)
        }
        let object = RefSlot.object(slot)
        switch object.kind {
        case .function: actual = (object as? FunctionInstance)?.type ?? DefType(RecType([]), 0)
        case .struct: actual = (object as? StructObject)?.type ?? DefType(RecType([]), 0)
        case .array: actual = (object as? ArrayObject)?.type ?? DefType(RecType([]), 0)
        case .exception: return Store.subtyping.isSubtype(HeapType.exn, target)
        case .host: return Store.subtyping.isSubtype(HeapType.any, target)
        case .extern: return Store.subtyping.isSubtype(HeapType.extern, target)
        }
        if case .def(let b) = target { return Store.subtyping.isSubtype(actual, b) }
        return Store.subtyping.isSubtype(.def(actual), target)
    }

    /// The function at `index` of `table` for `call_indirect`, checked against the
    /// expected type (§4.6.5; the reference interpreter's messages).
    func indirectCallee(_ table: TableInstance, _ index: UInt64, _ expected: DefType)
        throws(ExecutionError) -> FunctionInstance
    {
        // The reference writes the index as a signed 64-bit number (`Int64.to_string`):
        // a table64 index from 2^63 up comes out negative.
        guard index < table.size else { throw .trap("undefined element \(Int64(bitPattern: index))") }
        let slot = table.elements[Int(index)]
        guard slot != RefSlot.null else { throw .trap("uninitialized element \(Int64(bitPattern: index))") }
        guard !RefSlot.isI31(slot), let f = RefSlot.object(slot) as? FunctionInstance else {
            throw .trap("indirect call type mismatch")
        }
        guard f.type === expected || Store.subtyping.isSubtype(f.type, expected) else {
            throw .trap(Store.indirectCallMismatch(expected: expected, actual: f.type))
        }
        return f
    }
}

extension ModuleInstance {
    /// Whether an object of defined type `actual` has type index `x` of this module:
    /// that type or a subtype (§3.3.10), as the operand of a `struct.*` or `array.*`
    /// instruction must, so that its fields are laid out as `x`'s. Validation
    /// guarantees it; the reference engine checks it for code that was not validated.
    /// Identity decides the usual case at once, the supertype chain most others.
    @inline(__always)
    func hasType(_ actual: DefType, _ x: UInt32) -> Bool {
        module.types.withUnsafeBufferPointer { types in
            guard Int(x) < types.count else { return false }
            if actual === types[Int(x)] { return true }
            if let matches = actual.chainMatch(types[Int(x)]) { return matches }
            return Store.subtyping.isSubtype(actual, types[Int(x)])
        }
    }
}
