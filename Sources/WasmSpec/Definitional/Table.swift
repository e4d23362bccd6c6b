// Table instructions (§4.6.7), through the runtime's table operations
// (Runtime/TableAccess.swift), which the compiled engine shares.

extension Configuration {
    /// The table at index `x` of the current module.
    @inline(__always)
    private mutating func table(_ x: UInt32) throws(ExecutionError) -> TableInstance {
        try lookup(instance.tables, x, "table")
    }

    /// The kind of a table's addresses.
    @inline(__always)
    private mutating func addressKind(_ t: TableInstance) -> Val.Kind {
        t.type.addrType == .i64 ? .i64 : .i32
    }

    /// Rules: Step_read/table.get-oob, Step_read/table.get-val
    /// `table.get x` takes an index and pushes the reference there; out of range traps.
    mutating func tableGet(_ x: UInt32) throws(ExecutionError) {
        let t = try table(x)
        let i = try popAddress(t.type.addrType)
        try push(.ref(try t.get(i)))
    }

    /// Rules: Step/table.set-oob, Step/table.set-val
    /// `table.set x` takes an index and a reference and stores it there.
    mutating func tableSet(_ x: UInt32) throws(ExecutionError) {
        let t = try table(x)
        let r = try popRef()
        let i = try popAddress(t.type.addrType)
        try t.set(i, r)
    }

    /// Rule: Step_read/table.size
    /// `table.size x` pushes the table's size.
    mutating func tableSize(_ x: UInt32) throws(ExecutionError) {
        let t = try table(x)
        try push(.number(addressKind(t), t.size))
    }

    /// Rules: Step/table.grow-succeed, Step/table.grow-fail
    /// `table.grow x` takes a reference and a count, grows the table by that many
    /// copies of the reference and pushes the old size, or -1 when it cannot grow.
    mutating func tableGrow(_ x: UInt32) throws(ExecutionError) {
        let t = try table(x)
        let n = try popAddress(t.type.addrType)
        let r = try popRef()
        try push(.number(addressKind(t), t.growResult(by: n, initial: r)))
    }

    /// Rules: Step_read/table.fill-oob, Step_read/table.fill-zero,
    /// Step_read/table.fill-succ
    /// `table.fill x` takes an index, a reference and a count and sets that many
    /// elements. (The specification sets one per step; one step here does them all.)
    mutating func tableFill(_ x: UInt32) throws(ExecutionError) {
        let t = try table(x)
        let n = try popAddress(t.type.addrType)
        let r = try popRef()
        let i = try popAddress(t.type.addrType)
        try t.fill(i, r, n)
    }

    /// Rules: Step_read/table.copy-oob, Step_read/table.copy-zero,
    /// Step_read/table.copy-le, Step_read/table.copy-gt
    /// `table.copy x y` copies a count of elements from table `y` to table `x`.
    mutating func tableCopy(_ x: UInt32, _ y: UInt32) throws(ExecutionError) {
        let dst = try table(x)
        let src = try table(y)
        let countType: AddrType = dst.type.addrType == .i64 && src.type.addrType == .i64 ? .i64 : .i32
        let n = try popAddress(countType)
        let s = try popAddress(src.type.addrType)
        let d = try popAddress(dst.type.addrType)
        try dst.copy(d, from: src, s, n)
    }

    /// Rules: Step_read/table.init-oob, Step_read/table.init-zero,
    /// Step_read/table.init-succ
    /// `table.init x y` copies a count of references of element segment `y` into
    /// table `x`.
    mutating func tableInit(_ x: UInt32, _ y: UInt32) throws(ExecutionError) {
        let t = try table(x)
        let elem = try lookup(instance.elems, y, "element segment")
        let n = try popI32()
        let s = try popI32()
        let d = try popAddress(t.type.addrType)
        try t.initialize(d, from: elem, UInt64(s), UInt64(n))
    }

    /// Rule: Step/elem.drop
    /// `elem.drop y` empties element segment `y`.
    mutating func elemDrop(_ y: UInt32) throws(ExecutionError) {
        _ = try lookup(instance.elems, y, "element segment")
        instance.elems[Int(y)] = []
    }
}
