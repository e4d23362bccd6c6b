// Reference instructions (§4.6.9): null, function references, tests and casts, i31,
// and the conversions between internal and external references.

extension Configuration {
    /// A reference type the instruction writes, closed over the current module's types
    /// (§4.4 `inst_reftype`).
    @inline(__always)
    mutating func closed(_ rt: RefType) -> RefType {
        Store.close(rt, instance.module)
    }

    /// Rule: Step_read/ref.null
    /// `ref.null ht` pushes the null reference (at run time nulls carry no type).
    mutating func refNull() throws(ExecutionError) {
        try push(.null)
    }

    /// Rule: Step_read/ref.func
    /// `ref.func x` pushes a reference to function `x` of the module instance.
    mutating func refFunc(_ x: UInt32) throws(ExecutionError) {
        try push(.ref(UInt64(UInt(bitPattern: try function(x).toOpaque()))))
    }

    /// Rules: Step_pure/ref.is_null-true, Step_pure/ref.is_null-false
    /// `ref.is_null` pushes 1 for a null reference and 0 for any other.
    mutating func refIsNull() throws(ExecutionError) {
        try push(.i32(try popRef() == RefSlot.null ? 1 : 0))
    }

    /// Rules: Step_pure/ref.as_non_null-null, Step_pure/ref.as_non_null-addr
    /// `ref.as_non_null` traps on a null reference and keeps any other.
    mutating func refAsNonNull() throws(ExecutionError) {
        let r = try pop(.ref)
        guard r.bits != RefSlot.null else { throw .trap("null reference") }
        try push(r)
    }

    /// Rules: Step_pure/ref.eq-null, Step_pure/ref.eq-true, Step_pure/ref.eq-false
    /// `ref.eq` pushes 1 when both references are null or denote the same object (or
    /// the same i31 value), 0 otherwise.
    mutating func refEq() throws(ExecutionError) {
        let r2 = try popRef()
        let r1 = try popRef()
        try push(.i32(r1 == r2 ? 1 : 0))
    }

    /// Rules: Step_read/ref.test-true, Step_read/ref.test-false
    /// `ref.test rt` pushes whether the reference's type matches `rt`.
    mutating func refTest(_ rt: RefType) throws(ExecutionError) {
        let r = try popRef()
        try push(.i32(store.matches(r, closed(rt)) ? 1 : 0))
    }

    /// Rules: Step_read/ref.cast-succeed, Step_read/ref.cast-fail
    /// `ref.cast rt` keeps a reference whose type matches `rt` and traps otherwise.
    mutating func refCast(_ rt: RefType) throws(ExecutionError) {
        let r = try pop(.ref)
        guard store.matches(r.bits, closed(rt)) else { throw .trap(store.castFailure(r.bits, expected: rt)) }
        try push(r)
    }

    /// Rules: Step_read/br_on_cast-succeed, Step_read/br_on_cast-fail
    /// `br_on_cast l rt1 rt2` branches with the reference when its type matches `rt2`,
    /// and otherwise keeps it and goes on.
    mutating func brOnCast(_ l: UInt32, _ rt: RefType) throws(ExecutionError) {
        let r = try pop(.ref)
        try push(r)
        if store.matches(r.bits, closed(rt)) { try br(l) }
    }

    /// Rules: Step_read/br_on_cast_fail-succeed, Step_read/br_on_cast_fail-fail
    /// `br_on_cast_fail l rt1 rt2` branches with the reference when its type does not
    /// match `rt2`, and otherwise keeps it and goes on.
    mutating func brOnCastFail(_ l: UInt32, _ rt: RefType) throws(ExecutionError) {
        let r = try pop(.ref)
        try push(r)
        if !store.matches(r.bits, closed(rt)) { try br(l) }
    }

    /// Rule: Step_pure/ref.i31
    /// `ref.i31` takes an i32 and pushes an i31 reference to its low 31 bits.
    mutating func refI31() throws(ExecutionError) {
        try push(.ref(RefSlot.i31(try popI32())))
    }

    /// Rules: Step_pure/i31.get-null, Step_pure/i31.get-num
    /// `i31.get_sx` pushes the 31-bit value of an i31 reference, extended to 32 bits as
    /// asked; a null traps.
    mutating func i31Get(_ sx: Signedness) throws(ExecutionError) {
        let r = try popRef()
        guard r != RefSlot.null else { throw .trap("null i31 reference") }
        guard RefSlot.isI31(r) else { throw .crash("type mismatch: not an i31 reference") }
        let v = RefSlot.i31Value(r)
        try push(.i32(sx == .u ? v : UInt32(bitPattern: Int32(bitPattern: v << 1) >> 1)))
    }

    /// Rules: Step_pure/extern.convert_any-null, Step_pure/extern.convert_any-addr
    /// `extern.convert_any` wraps an internal reference as an external one; null stays
    /// null.
    mutating func externConvertAny() throws(ExecutionError) {
        try heapRoom(0)
        let r = try popRef()
        // Only code that was not validated wraps an external reference again, and
        // unbounded nesting would exhaust the native stack of whoever unwraps it.
        guard RefSlot.kind(r) != .extern else { throw .crash("type mismatch: external reference converted again") }
        try push(.ref(r == RefSlot.null ? r : store.allocate(ExternObject(r))))
    }

    /// Rules: Step_pure/any.convert_extern-null, Step_pure/any.convert_extern-addr
    /// `any.convert_extern` unwraps an external reference made from an internal one;
    /// null stays null, and a host reference is internal already.
    mutating func anyConvertExtern() throws(ExecutionError) {
        let r = try popRef()
        if RefSlot.kind(r) == .extern, let e = RefSlot.object(r) as? ExternObject {
            try push(.ref(e.inner))
        } else {
            try push(.ref(r))
        }
    }
}
