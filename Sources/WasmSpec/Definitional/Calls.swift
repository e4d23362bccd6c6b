// Function calls (§4.6.5): invoking a function instance, tail calls, host functions.

extension Configuration {
    /// Rule: Step_read/call
    /// `call x` invokes the function at index `x` of the module instance.
    mutating func call(_ x: UInt32) throws(ExecutionError) {
        try invoke(try function(x))
    }

    /// Rules: Step_read/call_ref-null, Step_read/call_ref-func
    /// `call_ref` takes a function reference and invokes it; a null one traps.
    mutating func callRef() throws(ExecutionError) {
        try invoke(.passUnretained(try functionReference(try popRef())))
    }

    /// Rule: Step_pure/call_indirect
    /// `call_indirect x y` takes an index into table `x` and invokes the function there,
    /// after checking that its type matches type `y` (the specification's
    /// `table.get x; ref.cast (ref null y); call_ref y`, with the reference
    /// interpreter's messages).
    mutating func callIndirect(_ x: UInt32, _ y: UInt32) throws(ExecutionError) {
        try invoke(.passUnretained(try indirectCallee(x, y)))
    }

    /// Rules: Step_read/return_call, Step_read/return_call_ref-frame-addr,
    /// Step_read/return_call_ref-label, Step_read/return_call_ref-handler
    /// `return_call x`: the current frame is left, keeping only the callee's arguments,
    /// and the caller invokes the function in its place.
    mutating func returnCall(_ x: UInt32) throws(ExecutionError) {
        try returnInvoke(try function(x))
    }

    /// Rules: Step_read/return_call_ref-frame-null, Step_read/return_call_ref-frame-addr
    /// `return_call_ref`: as `return_call`, with the function from a reference.
    mutating func returnCallRef() throws(ExecutionError) {
        try returnInvoke(.passUnretained(try functionReference(try popRef())))
    }

    /// Rule: Step_pure/return_call_indirect
    /// `return_call_indirect x y`: as `return_call`, with the function from a table.
    mutating func returnCallIndirect(_ x: UInt32, _ y: UInt32) throws(ExecutionError) {
        try returnInvoke(.passUnretained(try indirectCallee(x, y)))
    }

    /// Rule: Step_read/call_ref-func
    /// Invoking a function instance: its arguments become the first locals of a new
    /// frame, the declared locals take their default values, and the body runs inside
    /// a label of the result arity. A host function runs at once.
    ///
    /// NOTE: Function, instance and code are handled unmanaged: the store keeps every
    /// function and instance alive, and an instance the code made for its functions.
    mutating func invoke(_ fRef: Unmanaged<FunctionInstance>) throws(ExecutionError) {
        // The budget bounds the frames; a host function takes none but, as in the
        // reference interpreter, needs the budget to be called.
        guard depth < maxDepth else { throw .exhaustion("call stack exhausted") }
        guard let instRef = fRef._withUnsafeGuaranteedRef({ $0.instanceRef }) else {
            return try callHost(fRef.takeUnretainedValue())
        }
        let fcRef = fRef._withUnsafeGuaranteedRef { f in
            f.code(in: instRef, as: FunctionCode.self) { FunctionCode(definedFunction: $1, of: $0) }
        }
        let (params, results, end) = fcRef._withUnsafeGuaranteedRef { ($0.paramCount, $0.resultCount, $0.count) }
        let base = try take(params)
        let top = try defaultLocals(fcRef)
        try roomForControls()
        controls[cp] = Control(
            kind: .frame, arity: results, height: top, continuation: pc,
            code: fcRef, instance: instRef, locals: base, outer: frame)
        cp += 1
        depth += 1
        resume(frame: cp - 1)
        floor = top
        pc = 0
        try pushLabel(arity: results, params: 0, continuation: end + 1)
    }

    /// Pushes the default values of a function's declared locals and returns the
    /// height above them.
    private mutating func defaultLocals(_ fcRef: Unmanaged<FunctionCode>) throws(ExecutionError) -> Int {
        let (runs, count) = fcRef._withUnsafeGuaranteedRef { ($0.localRuns.baseAddress.unsafelyUnwrapped, $0.localRunCount) }
        for k in 0..<count {
            let run = runs[k]
            try roomForValues(run.count)
            (values + sp).initialize(repeating: run.value, count: run.count)
            sp += run.count
        }
        return sp
    }

    /// Leaves the current frame keeping the top `f`'s parameter count of values, then
    /// invokes `f` from the caller's frame.
    private mutating func returnInvoke(_ f: Unmanaged<FunctionInstance>) throws(ExecutionError) {
        guard frame >= 0 else { throw .crash("undefined frame") }
        let entry = controls[frame]
        let n = f._withUnsafeGuaranteedRef { $0.paramCount }
        _ = try take(n)
        keep(n, at: entry.locals)
        cp = frame
        floor = cp > 0 ? controls[cp - 1].height : 0
        depth -= 1
        pc = entry.continuation
        resume(frame: entry.outer)
        try invoke(f)
    }

    /// The function a reference denotes; null traps.
    mutating func functionReference(_ r: UInt64) throws(ExecutionError) -> FunctionInstance {
        guard r != RefSlot.null else { throw .trap("null function reference") }
        guard !RefSlot.isI31(r), let f = RefSlot.object(r) as? FunctionInstance else {
            throw .crash("type mismatch: not a function reference")
        }
        return f
    }

    /// The function at the index on top of the stack in table `x`, checked against
    /// type `y`.
    private mutating func indirectCallee(_ x: UInt32, _ y: UInt32) throws(ExecutionError) -> FunctionInstance {
        let table = try lookup(instance.tables, x, "table")
        let i = try popAddress(table.type.addrType)
        let expected = try lookup(instance.types, y, "type")
        return try store.indirectCallee(table, i, expected)
    }

    /// Rule: Step_read/call_ref-func (host functions, §4.6.5 "Host Functions")
    /// Calls a host function with the arguments from the stack and pushes its results.
    mutating func callHost(_ f: FunctionInstance) throws(ExecutionError) {
        let params = f.funcType.params
        let base = try take(params.count)
        var arguments: [Value] = []
        arguments.reserveCapacity(params.count)
        for (k, t) in params.enumerated() {
            let v = values[base + k]
            guard v.kind == Val.Kind(t) else { throw .crash("type mismatch in host call argument") }
            arguments.append(store.value(of: v, type: t))
        }
        sp = base
        let results: [Value]
        do {
            let host = f.host ?? { _ in [] }
            results = try engine.whileCalling(self) { () throws(WasmError) in try host(arguments) }
            reload()
        } catch {
            reload()
            if case .exhaustion(let m) = error { throw .exhaustion(m) }
            throw .trap(error.message)
        }
        let types = f.funcType.results
        guard results.count == types.count else { throw .trap("host function returned the wrong number of results") }
        for (r, t) in zip(results, types) {
            guard Store.fits(r, t) else { throw .trap("host function returned a result of the wrong type") }
            try push(store.val(of: r))
        }
    }
}

extension FunctionCode {
    /// The code of the `index`-th function `instance`'s module defines.
    convenience init(definedFunction index: Int, of instance: ModuleInstance) {
        let module = instance.module
        let f = module.module.funcs[index]
        let importCount = module.funcs.count - module.module.funcs.count
        let type = Store.funcType(module.funcs[importCount + index])
        self.init(body: f.body, params: type.params, results: type.results, locals: f.locals, types: module.types)
    }
}
