// The definitional evaluator as a store's engine (§4.7 "Invocation", and the evaluation
// of constant expressions during instantiation, §4.6.12 "Expressions").

/// The engine that executes the module's own instructions by the reduction rules of the
/// specification, one rule per step, on an explicit configuration (Configuration.swift).
final class DefinitionalEngine: Engine {
    let configuration: Configuration

    /// The engine of `store`, or `nil` when the host cannot give it its stacks.
    init?(store: Store) {
        // A configuration always has a current frame to read; before the first call
        // that is an empty one.
        guard let empty = try? Module().validate() else { return nil }
        let placeholder = ModuleInstance(store: store, module: empty)
        let code = FunctionCode(body: [], params: [], results: [], locals: [])
        guard let c = Configuration(store: store, placeholder: code, instance: placeholder) else { return nil }
        configuration = c
        self.placeholder = (code, placeholder)
    }

    /// Keeps the placeholder frame's code and instance alive.
    private let placeholder: (FunctionCode, ModuleInstance)

    /// Rule: Step_read/call_ref-func (invocation from outside, §4.7 "Invocation")
    /// Definition: $invoke
    /// Pushes the arguments, invokes the function, and runs until its frame is left.
    func invoke(_ function: FunctionInstance, _ arguments: [UInt64]) throws(ExecutionError) -> [UInt64] {
        let c = configuration
        var args: [Val] = []
        var k = 0
        for t in function.funcType.params {
            guard k + t.slotCount <= arguments.count else { throw .crash("wrong number of arguments") }
            args.append(arguments.withUnsafeBufferPointer { Val(slots: $0.baseAddress.unsafelyUnwrapped + k, t) })
            k += t.slotCount
        }
        return try c.invocation { () throws(ExecutionError) in
            for a in args { try c.push(a) }
            try c.invoke(function)
        }
    }

    /// Rule: Eval_expr
    /// Evaluates a constant expression as the body of a function without parameters
    /// whose result is the expression's value (§4.6.12).
    func evaluate(_ expression: Expr, type: ValType, in instance: ModuleInstance) throws(ExecutionError) -> [UInt64] {
        let code = FunctionCode(body: expression, params: [], results: [type], locals: [])
        let c = configuration
        return try withExtendedLifetime(code) { () throws(ExecutionError) -> [UInt64] in
            try c.invocation { () throws(ExecutionError) in try c.enter(code, in: instance) }
        }
    }
}

extension Configuration {
    /// Rules: Step_pure/trap-instrs, Step_pure/trap-label, Step_pure/trap-handler,
    /// Step_pure/trap-frame (a trap leaves every label, handler and frame at once)
    /// Runs one invocation from outside: `start` pushes its frame (or runs a host
    /// function), and the steps go on until that frame is left. Returns the values it
    /// leaves as slots. Whatever happens, the stacks and the current frame are as they
    /// were before, so that a host function may invoke again while a call is running.
    func invocation(_ start: () throws(ExecutionError) -> Void) throws(ExecutionError) -> [UInt64] {
        let saved = (sp, cp, frame, pc, floor, depth, entryFrame, fuel, low)
        let savedCode = code
        let savedInstance = instance
        let savedLocals = (localsBase, localCount)
        defer {
            (sp, cp, frame, pc, floor, depth, entryFrame, fuel, low) = saved
            code = savedCode
            instance = savedInstance
            (localsBase, localCount) = savedLocals
        }
        // Values of the enclosing invocation stay below this one's.
        floor = sp
        low = sp
        let base = sp
        entryFrame = cp
        fuel = store.limits.fuel ?? Int.max
        try start()
        try run()
        var results: [UInt64] = []
        for i in base..<sp { values.base[i].append(to: &results) }
        return results
    }

    /// Enters a frame for code that belongs to no function instance (a constant
    /// expression), with `instance` as its module.
    func enter(_ fc: FunctionCode, in instance: ModuleInstance) throws(ExecutionError) {
        guard depth < maxDepth else { throw .exhaustion("call stack exhausted") }
        try controls.reserve(at: cp, 1)
        controls.base[cp] = Control(
            kind: .frame, arity: fc.results.count, height: sp, continuation: pc,
            code: .passUnretained(fc), instance: .passUnretained(instance), locals: sp, outer: frame)
        cp += 1
        depth += 1
        resume(frame: cp - 1)
        pc = 0
        try pushLabel(arity: fc.results.count, params: 0, continuation: fc.count + 1)
    }
}
