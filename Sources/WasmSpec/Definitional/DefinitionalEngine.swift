// The definitional evaluator as a store's engine (§4.7 "Invocation", and the evaluation
// of constant expressions during instantiation, §4.6.12 "Expressions").

/// The engine that executes the module's own instructions by the reduction rules of the
/// specification, one rule per step, on an explicit configuration (Configuration.swift).
final class DefinitionalEngine: Engine {
    // Used only with the store's lock held.
    unowned let store: Store
    /// The operand stack (with the frames' locals) and the control stack. They start
    /// small and grow as deep computations need (the store's `stackSlots` values at
    /// most, and a quarter as many control entries).
    let values: GrowingStack<Val>
    let controls: GrowingStack<Control>
    /// The configuration between invocations, or, while a host function runs, that of
    /// the invocation that called it, so that a nested invocation goes on above it.
    private var state: Configuration?
    /// Receives every step when set.
    var observer: StepObserver?
    /// The current frame's code and instance before the first call: empty ones.
    private let placeholder: (FunctionCode, ModuleInstance)

    /// The engine of `store`, or `nil` when the host cannot give it its stacks.
    init?(store: Store) {
        let slots = max(store.limits.stackSlots, 1024)
        guard let empty = try? Module().validate(),
            let values = GrowingStack<Val>(initial: 1 << 16, limit: slots),
            let controls = GrowingStack<Control>(initial: 1 << 12, limit: max(slots / 4, 1024))
        else { return nil }
        self.store = store
        self.values = values
        self.controls = controls
        let instance = ModuleInstance(store: store, module: empty)
        placeholder = (FunctionCode(body: [], params: [], results: [], locals: [], types: []), instance)
        observer = store.observer
    }

    /// The configuration an invocation starts from.
    private func current() -> Configuration {
        if var state {
            // An invocation nested in the same host call may have grown the stacks.
            state.reload()
            return state
        }
        return Configuration(
            engine: self, store: store, values: values, controls: controls, placeholder: placeholder.0,
            instance: placeholder.1)
    }

    /// Rule: Step_read/call_ref-func (invocation from outside, §4.7 "Invocation")
    /// Definition: $invoke
    /// Pushes the arguments, invokes the function, and runs until its frame is left.
    func invoke(_ function: FunctionInstance, _ arguments: [UInt64]) throws(ExecutionError) -> [UInt64] {
        var args: [Val] = []
        var k = 0
        for t in function.funcType.params {
            guard k + t.slotCount <= arguments.count else { throw .crash("wrong number of arguments") }
            args.append(arguments.withUnsafeBufferPointer { Val(slots: $0.baseAddress.unsafelyUnwrapped + k, t) })
            k += t.slotCount
        }
        return try invocation(results: function.funcType.results) { (c: inout Configuration) throws(ExecutionError) in
            for a in args { try c.push(a) }
            try c.invoke(.passUnretained(function))
        }
    }

    /// Rule: Eval_expr
    /// Evaluates a constant expression as the body of a function without parameters
    /// whose result is the expression's value (§4.6.12).
    func evaluate(_ expression: Expr, type: ValType, in instance: ModuleInstance) throws(ExecutionError) -> [UInt64] {
        let code = FunctionCode(body: expression, params: [], results: [type], locals: [], types: instance.types)
        return try withExtendedLifetime(code) { () throws(ExecutionError) -> [UInt64] in
            try invocation(results: [type]) { (c: inout Configuration) throws(ExecutionError) in
                try c.enter(code, in: instance)
            }
        }
    }

    /// Rules: Step_pure/trap-instrs, Step_pure/trap-label, Step_pure/trap-handler,
    /// Step_pure/trap-frame (a trap leaves every label, handler and frame at once)
    /// Runs one invocation from outside: `start` pushes its frame (or runs a host
    /// function), and the steps go on until that frame is left. Returns the values it
    /// leaves, as slots. The engine's state is not changed: an invocation works on a
    /// copy of it.
    ///
    /// The values left must be of the kinds of `types`: code that was not validated may
    /// leave others, whose bits must not reach the caller as those types (a number
    /// taken for a reference), so that is a crash.
    private func invocation(
        results types: [ValType], _ start: (inout Configuration) throws(ExecutionError) -> Void
    ) throws(ExecutionError) -> [UInt64] {
        var c = current()
        // Values of an enclosing invocation stay below this one's.
        c.floor = c.sp
        c.low = c.sp
        let base = c.sp
        c.entryFrame = c.cp
        c.fuel = store.limits.fuel ?? Int.max
        c.observer = observer
        try start(&c)
        try c.run()
        guard c.sp - base == types.count else { throw .crash("wrong number of results on stack") }
        var results: [UInt64] = []
        for (k, t) in types.enumerated() {
            let v = values.base[base + k]
            guard v.kind == Val.Kind(t) else { throw c.illTyped(v, expected: Val.Kind(t)) }
            v.append(to: &results)
        }
        return results
    }

    /// Runs a host function with `c` as the state a nested invocation starts from.
    func whileCalling<R>(_ c: Configuration, _ body: () throws(WasmError) -> R) throws(WasmError) -> R {
        let saved = state
        state = c
        defer { state = saved }
        return try body()
    }
}

extension Configuration {
    /// Enters a frame for code that belongs to no function instance (a constant
    /// expression), with `instance` as its module.
    mutating func enter(_ fc: FunctionCode, in instance: ModuleInstance) throws(ExecutionError) {
        guard depth < maxDepth else { throw .exhaustion("call stack exhausted") }
        try roomForControls()
        controls[cp] = Control(
            kind: .frame, arity: fc.resultCount, height: sp, continuation: pc,
            code: .passUnretained(fc), instance: .passUnretained(instance), locals: sp, outer: frame)
        cp += 1
        depth += 1
        resume(frame: cp - 1)
        pc = 0
        try pushLabel(arity: fc.resultCount, params: 0, continuation: fc.count + 1)
    }
}
