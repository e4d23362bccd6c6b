// Parametric and variable instructions (§4.6.1, §4.6.6).

extension Configuration {
    /// Rule: Step_pure/drop
    /// `drop` removes the value on top.
    mutating func drop() throws(ExecutionError) {
        _ = try pop()
    }

    /// Rules: Step_pure/select-true, Step_pure/select-false
    /// `select` takes an i32 and two values, and keeps the first when the i32 is not
    /// zero, the second otherwise.
    mutating func select() throws(ExecutionError) {
        let c = try popI32()
        let v2 = try pop()
        let v1 = try pop()
        try push(c != 0 ? v1 : v2)
    }

    /// The index of local `x` in the operand stack's region.
    @inline(__always)
    private mutating func local(_ x: UInt32) throws(ExecutionError) -> Int {
        guard Int(x) < localCount else { throw .crash("undefined local \(x)") }
        return localsBase + Int(x)
    }

    /// Rule: Step_read/local.get
    /// `local.get x` pushes the value of local `x` of the current frame.
    mutating func localGet(_ x: UInt32) throws(ExecutionError) {
        let v = values[try local(x)]
        guard v.kind != .uninitialized else { throw .crash("read of uninitialized local") }
        try push(v)
    }

    /// Rule: Step/local.set
    /// `local.set x` takes a value and makes it local `x`'s.
    mutating func localSet(_ x: UInt32) throws(ExecutionError) {
        let i = try local(x)
        values[i] = try pop()
    }

    /// Rule: Step_pure/local.tee
    /// `local.tee x` sets local `x` and keeps the value (the specification's
    /// `val val local.set x`, in one step).
    mutating func localTee(_ x: UInt32) throws(ExecutionError) {
        let i = try local(x)
        let v = try pop()
        values[i] = v
        try push(v)
    }

    /// Rule: Step_read/global.get
    /// `global.get x` pushes the value of global `x`.
    mutating func globalGet(_ x: UInt32) throws(ExecutionError) {
        unowned(unsafe) let g = try global(x)
        let kind = Val.Kind(g.shape)
        try push(Val(kind: kind, bits: g.slots[0], high: kind == .v128 ? g.slots[1] : 0))
    }

    /// Rule: Step/global.set
    /// `global.set x` takes a value and makes it global `x`'s.
    mutating func globalSet(_ x: UInt32) throws(ExecutionError) {
        unowned(unsafe) let g = try global(x)
        let v = try pop()
        guard g.mutable else { throw .crash("write to immutable global") }
        guard v.kind == Val.Kind(g.shape) else { throw .crash("type mismatch at global write") }
        v.write(to: g.slots)
    }
}
