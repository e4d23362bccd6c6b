// The definitional evaluator's configuration (§4.2 "Stack", "Administrative
// Instructions", "Configurations"): the store, the current frame, and the instructions
// still to execute, kept as an operand stack of values and a control stack of the
// administrative instructions that wrap the code (labels, exception handlers, frames).
//
// NOTE: The specification nests the rest of the computation inside its labels and frames
// (`label_n{instr*} val* instr* end`). Here the nesting is flattened: the control stack
// holds one entry per label or frame, innermost last, with the height of the operand
// stack where its values begin, and the instructions still to execute inside it are the
// function's instructions from `pc` on. A handler (`handler_n{catch*}`) always wraps
// exactly the label of its `try_table`, so it is kept on that label's entry.
//
// The operand stack, the control stack and the frames' locals live in `StackRegion`s, so
// every push goes through one check of room; running out of room, like running out of
// call depth, is `call stack exhausted`.
//
// Why every index stays in bounds, whatever the module (this engine runs modules that
// were not validated): `sp` only grows through `roomForValues`, and only shrinks
// through `pop` and `take`, which stop at `floor` (never below 0); `cp` likewise grows
// through `roomForControls`, and an entry is read at `cp - 1` only when `cp` exceeds
// the current frame's index (`end`, `else`, `label`) or at a frame index that is not -1
// (`return`); a local is read at `localsBase + x` only for `x < localCount`, and the
// locals lie below the frame's height, below `sp`.

/// An entry of the control stack: a label, or a frame (§4.2 "Labels", "Call Frames").
struct Control {
    /// A label (a loop's is kept apart: a branch to it re-enters the loop, so the label
    /// stays), or a frame.
    enum Kind: UInt8 { case label, loop, frame }

    var kind: Kind
    /// `label_n`: the values a branch to the label carries; `frame_n`: the results.
    var arity: Int
    /// Where the values inside this label or frame begin on the operand stack: below
    /// them lie the values of the enclosing context. For a frame, above its locals.
    var height: Int
    /// A label's continuation: after the `end` of a block, the start of a loop's body.
    /// A frame's: the caller's pc.
    var continuation: Int
    /// For the label of a `try_table`, the pc of that instruction, whose catch clauses
    /// form the handler around the label (`handler_n{catch*}`); -1 for other labels.
    var handler: Int = -1

    // Frames only: the frame itself, `{locals, module}` (§4.2 "Call Frames").
    /// The function's code, whose instructions `pc` points into.
    var code: Unmanaged<FunctionCode>? = nil
    /// The module instance.
    var instance: Unmanaged<ModuleInstance>? = nil
    /// Where the frame's locals begin on the operand stack's region; `height` is where
    /// they end.
    var locals: Int = 0
    /// The enclosing frame's index in the control stack, or -1.
    var outer: Int = -1
}

/// The state of one thread of the definitional evaluator over a store.
///
/// NOTE: A value type, held in a local variable of the step loop while an invocation
/// runs, so that the rules (its mutating methods) update it without reference counting
/// or run-time exclusivity checks. The engine keeps the stacks themselves and the state
/// between invocations (DefinitionalEngine.swift).
struct Configuration {
    unowned(unsafe) let engine: DefinitionalEngine
    unowned(unsafe) let store: Store
    /// The operand stack, below which lie the frames' locals: the engine's region, by
    /// its base and capacity (every push checks room with `StackRegion.fits`, and
    /// grows the engine's stack when it is full, which moves it).
    var values: UnsafeMutablePointer<Val>
    var valueCapacity: Int
    var sp = 0
    /// The control stack: labels and frames, innermost last; likewise.
    var controls: UnsafeMutablePointer<Control>
    var controlCapacity: Int
    var cp = 0

    // The current frame, read from its control entry on every call and return.
    /// The index of the innermost frame's entry, or -1 outside any.
    var frame = -1
    /// The current function's code and module instance. Held unmanaged: the frame's
    /// control entry names them, and the store keeps both alive.
    var codeRef: Unmanaged<FunctionCode>
    var instanceRef: Unmanaged<ModuleInstance>
    /// The current code's instructions and side table.
    var instrs: UnsafeMutablePointer<Instruction>
    var blocks: UnsafeMutablePointer<BlockInfo>
    var localsBase = 0
    var localCount = 0
    /// The next instruction of `code`.
    var pc = 0
    /// Values below this height belong to an enclosing label or frame.
    var floor = 0
    /// The control index of the frame the current invocation from outside entered:
    /// nothing at or below it belongs to this invocation.
    var entryFrame = -1
    /// Frames in use; `maxDepth` is the budget.
    var depth = 0
    let maxDepth: Int
    /// Steps left in this invocation.
    var fuel = Int.max
    /// The lowest height the operand stack reached during the step (for traces).
    var low = 0
    /// Called after every step when set.
    var observer: StepObserver?
    /// `NumericShape.table`, kept here.
    let numericShapes = NumericShape.table

    /// The configuration of a new thread of `engine`, outside any frame.
    init(
        engine: DefinitionalEngine, store: Store, values: GrowingStack<Val>, controls: GrowingStack<Control>,
        placeholder: FunctionCode, instance: ModuleInstance
    ) {
        self.engine = engine
        self.store = store
        self.values = values.base
        valueCapacity = values.capacity
        self.controls = controls.base
        controlCapacity = controls.capacity
        self.maxDepth = max(store.limits.maxCallDepth, 1)
        codeRef = .passUnretained(placeholder)
        instanceRef = .passUnretained(instance)
        instrs = placeholder.instrs.baseAddress.unsafelyUnwrapped
        blocks = placeholder.blocks.baseAddress.unsafelyUnwrapped
    }

    /// The current function's code.
    var code: FunctionCode { codeRef.takeUnretainedValue() }
    /// The current module instance.
    var instance: ModuleInstance { instanceRef.takeUnretainedValue() }

    // MARK: The operand stack

    /// Pushes a value (`val` in the rules).
    @inline(__always)
    mutating func push(_ v: Val) throws(ExecutionError) {
        try roomForValues(1)
        values[sp] = v
        sp &+= 1
    }

    /// Pops a value of the current label's or frame's (`val` on the left of a rule);
    /// with none there, the state is one only an invalid module reaches.
    @inline(__always)
    mutating func pop() throws(ExecutionError) -> Val {
        guard sp > floor else { throw missingOperand() }
        sp &-= 1
        if sp < low { low = sp }
        return values[sp]
    }

    /// Pops a value of the given kind.
    @inline(__always)
    mutating func pop(_ kind: Val.Kind) throws(ExecutionError) -> Val {
        let v = try pop()
        guard v.kind == kind else { throw illTyped(v, expected: kind) }
        return v
    }

    /// The value on top, of the given kind, left in place.
    @inline(__always)
    mutating func peek(_ kind: Val.Kind) throws(ExecutionError) -> Val {
        guard sp > floor else { throw missingOperand() }
        let v = values[sp - 1]
        guard v.kind == kind else { throw illTyped(v, expected: kind) }
        return v
    }

    /// Makes room on the store's heap for `bytes` more: collects first when the store
    /// says a collection is due (every reference on the operand stack, the locals
    /// included, is a root: the values carry their kind, so the marking is exact), and
    /// traps when the allocation would pass the heap limit. Called by the rules that
    /// allocate, before they take their operands, so that those are roots too.
    mutating func heapRoom(_ bytes: Int) throws(ExecutionError) {
        if store.collectionDue(adding: bytes) {
            let (values, sp) = (self.values, self.sp)
            store.collect { marker in
                for i in 0..<sp where values[i].kind == .ref { marker.mark(reference: values[i].bits) }
            }
        }
        guard store.heapFits(bytes) else { throw .trap("out of memory") }
    }

    /// Pops an `i32` (a condition, a count, an index into a 32-bit table or memory).
    @inline(__always)
    mutating func popI32() throws(ExecutionError) -> UInt32 {
        UInt32(truncatingIfNeeded: try pop(.i32).bits)
    }

    /// Pops an address of the given type: `i32` or `i64` (§4.6.7, §4.6.8).
    @inline(__always)
    mutating func popAddress(_ at: AddrType) throws(ExecutionError) -> UInt64 {
        try pop(at == .i64 ? .i64 : .i32).bits
    }

    /// Pops a reference's slot.
    @inline(__always)
    mutating func popRef() throws(ExecutionError) -> UInt64 {
        try pop(.ref).bits
    }

    /// Checks that `n` values are there to take and returns where they begin.
    @inline(__always)
    mutating func take(_ n: Int) throws(ExecutionError) -> Int {
        guard n >= 0, sp - floor >= n else { throw missingOperand() }
        let start = sp - n
        if start < low { low = start }
        return start
    }

    /// Moves the top `n` values down to `height` and makes them the top of the stack.
    @inline(__always)
    mutating func keep(_ n: Int, at height: Int) {
        let from = sp - n
        if height < low { low = height }
        if from != height {
            // Element by element: the values move down, and there are few of them.
            for k in 0..<n { values[height + k] = values[from + k] }
        }
        sp = height + n
    }

    /// Makes room for `count` values above `sp`, growing the engine's stack when it is
    /// full; past its limit, exhaustion.
    @inline(__always)
    mutating func roomForValues(_ count: Int) throws(ExecutionError) {
        if !StackRegion<Val>.fits(at: sp, count, capacity: valueCapacity) { try growValues(count) }
    }

    @inline(never)
    mutating func growValues(_ count: Int) throws(ExecutionError) {
        guard engine.values.grow(used: sp, adding: count) else { throw .exhaustion("call stack exhausted") }
        reload()
    }

    /// Makes room for one more control entry, likewise.
    @inline(__always)
    mutating func roomForControls() throws(ExecutionError) {
        if !StackRegion<Control>.fits(at: cp, 1, capacity: controlCapacity) { try growControls() }
    }

    @inline(never)
    mutating func growControls() throws(ExecutionError) {
        guard engine.controls.grow(used: cp, adding: 1) else { throw .exhaustion("call stack exhausted") }
        reload()
    }

    /// Reads the stacks' bases and capacities again, after they grew (here, or in an
    /// invocation nested in a host call).
    mutating func reload() {
        values = engine.values.base
        valueCapacity = engine.values.capacity
        controls = engine.controls.base
        controlCapacity = engine.controls.capacity
    }

    mutating func missingOperand() -> ExecutionError {
        .crash("missing or ill-typed operand on stack")
    }

    mutating func illTyped(_ v: Val, expected: Val.Kind) -> ExecutionError {
        .crash("type error, expected \(expected.name), got \(v.kind.name)")
    }

    // MARK: The control stack

    /// Pushes a label (`label_n{instr*}`) whose values begin `params` below the top.
    @inline(__always)
    mutating func pushLabel(
        arity: Int, params: Int, continuation: Int, handler: Int = -1, loop: Bool = false
    ) throws(ExecutionError) {
        let height = try take(params)
        try roomForControls()
        controls[cp] = Control(
            kind: loop ? .loop : .label, arity: arity, height: height, continuation: continuation,
            handler: handler)
        cp &+= 1
        floor = height
    }

    /// Pops the innermost entry and restores the floor of the one around it.
    @inline(__always)
    mutating func popControl() {
        cp &-= 1
        floor = cp > 0 ? controls[cp - 1].height : 0
    }

    /// The index of the entry of label `l` of the current frame (0 is the innermost),
    /// or `nil` when the frame has no such label.
    @inline(__always)
    mutating func label(_ l: UInt32) -> Int? {
        let i = cp - 1 - Int(l)
        guard i > frame, i < cp else { return nil }
        return i
    }

    /// Makes the frame at control index `f` the current one.
    @inline(__always)
    mutating func resume(frame f: Int) {
        frame = f
        guard f >= 0 else { return }
        let entry = controls[f]
        codeRef = entry.code.unsafelyUnwrapped
        instanceRef = entry.instance.unsafelyUnwrapped
        (instrs, blocks) = codeRef._withUnsafeGuaranteedRef {
            ($0.instrs.baseAddress.unsafelyUnwrapped, $0.blocks.baseAddress.unsafelyUnwrapped)
        }
        localsBase = entry.locals
        localCount = entry.height - entry.locals
    }

    // MARK: Indices into the current module instance

    /// Function `x` of the current module instance.
    @inline(__always)
    mutating func function(_ x: UInt32) throws(ExecutionError) -> Unmanaged<FunctionInstance> {
        let f = instanceRef._withUnsafeGuaranteedRef { i in Int(x) < i.funcCount ? i.functionTable[Int(x)] : nil }
        guard let f else { throw .crash("undefined function \(x)") }
        return f
    }

    /// Global `x` of the current module instance.
    @inline(__always)
    mutating func global(_ x: UInt32) throws(ExecutionError) -> GlobalInstance {
        let g = instanceRef._withUnsafeGuaranteedRef { i in Int(x) < i.globalCount ? i.globalInstances[Int(x)] : nil }
        guard let g else { throw .crash("undefined global \(x)") }
        return g.takeUnretainedValue()
    }

    /// Memory `x` of the current module instance.
    @inline(__always)
    mutating func memory(_ x: UInt32) throws(ExecutionError) -> MemoryInstance {
        let m = instanceRef._withUnsafeGuaranteedRef { i in Int(x) < i.memoryCount ? i.memoryTable[Int(x)] : nil }
        guard let m else { throw .crash("undefined memory \(x)") }
        return m.takeUnretainedValue()
    }

    /// Looks up an index of the module instance; an undefined one is a crash, as in the
    /// reference interpreter (`undefined function 3`).
    @inline(__always)
    mutating func lookup<T>(_ list: [T], _ x: UInt32, _ category: String) throws(ExecutionError) -> T {
        guard Int(x) < list.count else { throw .crash("undefined \(category) \(x)") }
        return list[Int(x)]
    }
}
