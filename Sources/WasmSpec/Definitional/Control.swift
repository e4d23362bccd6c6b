// Control instructions and blocks (§4.6.2, §4.6.3): entering and leaving labels, and
// branches.
//
// NOTE: In the specification a branch travels outward one label per step
// (`br-label-succ`, `br-handler`) until the label it names takes its values
// (`br-label-zero`). Those rules only carry the branch past enclosing labels unchanged,
// so here one step does their composition: it cuts the control stack at the target,
// which costs O(1) however deep the nesting.

extension Configuration {
    /// The parameter and result counts of the block type of the structured
    /// instruction at `pc` (`$blocktype_`, §4.6.2), read from the code's side table.
    @inline(__always)
    mutating func blockType(at pc: Int) throws(ExecutionError) -> (params: Int, results: Int) {
        let info = blocks[pc]
        guard info.params >= 0 else { throw .crash("undefined block type") }
        return (Int(info.params), Int(info.results))
    }

    /// The function type at type index `x` of the current module.
    mutating func functionType(_ x: UInt32) throws(ExecutionError) -> FuncType {
        let dt = try lookup(instance.types, x, "type")
        guard case .func(let ft) = dt.expanded else { throw .crash("type \(x) is not a function type") }
        return ft
    }

    /// The pc of the `end` of the structured instruction at `pc`.
    @inline(__always)
    mutating func end(of pc: Int) throws(ExecutionError) -> Int {
        let e = Int(blocks[pc].end)
        guard e >= 0 else { throw .crash("unbalanced block structure") }
        return e
    }

    /// Rule: Step_read/block
    /// `block bt` enters a label of the block's result arity whose continuation is the
    /// end of the block; the block's parameters become the label's first values.
    mutating func block(_ bt: BlockType) throws(ExecutionError) {
        let at = pc - 1
        let (m, n) = try blockType(at: at)
        try pushLabel(arity: n, params: m, continuation: try end(of: at) + 1)
    }

    /// Rule: Step_read/loop
    /// `loop bt` enters a label of the loop's parameter arity whose continuation is the
    /// loop again: a branch to it starts the body anew with the label in place.
    mutating func loop(_ bt: BlockType) throws(ExecutionError) {
        let at = pc - 1
        let (m, _) = try blockType(at: at)
        _ = try end(of: at)
        try pushLabel(arity: m, params: m, continuation: pc, loop: true)
    }

    /// Rules: Step_pure/if-true, Step_pure/if-false
    /// `if bt` takes an i32 and enters the block of the first arm when it is not zero,
    /// of the second otherwise. An `if` without `else` has an empty second arm: its
    /// label is entered at its `end`, which leaves it at once.
    mutating func `if`(_ bt: BlockType) throws(ExecutionError) {
        let at = pc - 1
        let c = try popI32()
        let (m, n) = try blockType(at: at)
        let end = try end(of: at)
        try pushLabel(arity: n, params: m, continuation: end + 1)
        if c == 0 {
            let e = Int(blocks[at].else)
            pc = e < end ? e + 1 : end
        }
    }

    /// Rules: Step_pure/label-vals, Step_pure/handler-vals
    /// `end` of a block, loop, `if` arm or `try_table`: the label (and the handler
    /// around it) is left with the values inside it.
    mutating func end() throws(ExecutionError) {
        guard cp - 1 > frame, cp > 0 else { throw .crash("undefined label") }
        popControl()
    }

    /// Rule: Step_pure/label-vals
    /// `else` ends the first arm of an `if`: its label is left with its values and
    /// execution continues after the `if`'s `end`.
    mutating func `else`() throws(ExecutionError) {
        guard cp - 1 > frame, cp > 0 else { throw .crash("undefined label") }
        let continuation = controls[cp - 1].continuation
        popControl()
        pc = continuation
    }

    /// Rules: Step_pure/br-label-zero, Step_pure/br-label-succ, Step_pure/br-handler
    /// `br l`: the label `l` takes its arity of values from the top of the stack and
    /// continues; every label, handler and value inside it is discarded. A loop's label
    /// stays, since continuing at a loop enters it again.
    mutating func br(_ l: UInt32) throws(ExecutionError) {
        guard let target = label(l) else { throw .crash("undefined label") }
        let entry = controls[target]
        _ = try take(entry.arity)
        keep(entry.arity, at: entry.height)
        if entry.kind == .loop {
            cp = target + 1
            floor = entry.height
        } else {
            cp = target
            floor = target > 0 ? controls[target - 1].height : 0
        }
        pc = entry.continuation
    }

    /// Rules: Step_pure/br_if-true, Step_pure/br_if-false
    /// `br_if l` takes an i32 and branches to `l` when it is not zero.
    mutating func brIf(_ l: UInt32) throws(ExecutionError) {
        if try popI32() != 0 { try br(l) }
    }

    /// Rules: Step_pure/br_table-lt, Step_pure/br_table-ge
    /// `br_table l* l'` takes an i32 `i` and branches to `l*[i]`, or to `l'` when `i`
    /// is out of range.
    mutating func brTable(_ labels: [UInt32], _ otherwise: UInt32) throws(ExecutionError) {
        let i = try popI32()
        try br(Int(i) < labels.count ? labels[Int(i)] : otherwise)
    }

    /// Rules: Step_pure/br_on_null-null, Step_pure/br_on_null-addr
    /// `br_on_null l` branches when the reference on top is null (dropping it), and
    /// leaves a non-null one in place.
    mutating func brOnNull(_ l: UInt32) throws(ExecutionError) {
        let r = try pop(.ref)
        if r.bits == RefSlot.null { try br(l) } else { try push(r) }
    }

    /// Rules: Step_pure/br_on_non_null-null, Step_pure/br_on_non_null-addr
    /// `br_on_non_null l` branches with a non-null reference, and drops a null one.
    mutating func brOnNonNull(_ l: UInt32) throws(ExecutionError) {
        let r = try pop(.ref)
        if r.bits != RefSlot.null {
            try push(r)
            try br(l)
        }
    }

    /// Rules: Step_pure/return-frame, Step_pure/return-label, Step_pure/return-handler,
    /// Step_pure/frame-vals
    /// `return` (and leaving the frame after the body's last `end`): the frame takes its
    /// arity of values from the top and the caller continues with them; every label and
    /// value inside the frame is discarded.
    mutating func `return`() throws(ExecutionError) {
        guard frame >= 0 else { throw .crash("undefined frame") }
        let entry = controls[frame]
        _ = try take(entry.arity)
        keep(entry.arity, at: entry.locals)
        cp = frame
        floor = cp > 0 ? controls[cp - 1].height : 0
        depth -= 1
        pc = entry.continuation
        resume(frame: entry.outer)
    }
}
