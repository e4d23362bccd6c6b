// The evaluator's machine: an operand stack of 64-bit slots, a stack of call frames,
// and entry points that invoke a function instance (§4.5.5 "Invocation").

import CWasmSpecThreaded

/// A suspended caller: where to resume when the callee returns. The threaded core
/// pushes and pops them too, so the type is the core's (`wasmspec_frame`).
typealias Frame = wasmspec_frame

extension Frame {
    init(
        code: UnsafeMutablePointer<Op>, pc: Int, fp: UnsafeMutablePointer<UInt64>,
        function: Unmanaged<CompiledFunction>, instance: Unmanaged<ModuleInstance>
    ) {
        self.init(
            ops: UnsafeMutableRawPointer(code), pc: pc, fp: fp, fn: function.toOpaque(),
            inst: instance.toOpaque(), desc: function.takeUnretainedValue().threadedFunction)
    }

    /// The caller's ops, function and instance.
    var code: UnsafeMutablePointer<Op> { ops.assumingMemoryBound(to: Op.self) }
    var function: Unmanaged<CompiledFunction> { .fromOpaque(fn) }
    var instance: Unmanaged<ModuleInstance> { .fromOpaque(inst) }
}

/// The compiled engine's machine for one store. Used only with the store's lock held.
final class Executor: Engine {
    /// Unowned and unchecked: the store owns its engine, so it outlives it; a checked
    /// unowned reference would cost an atomic operation on every use.
    unowned(unsafe) let store: Store
    /// The operand stack (locals included): every frame reserves its whole size here
    /// before it is entered (`enter`).
    let stack: StackRegion<UInt64>
    /// Suspended callers, one per call in progress; `maxDepth` of them at most.
    let frameStack: StackRegion<Frame>
    let maxDepth: Int
    /// Frames in use by invocations in progress (host functions may re-enter).
    var depth = 0
    /// Where the next invocation's arguments go.
    var top: UnsafeMutablePointer<UInt64>

    var stackEnd: UnsafeMutablePointer<UInt64> { stack.end }
    var frames: UnsafeMutablePointer<Frame> { frameStack.base }

    /// Maps the stacks the store's limits ask for; `nil` when the host cannot.
    init?(store: Store) {
        self.store = store
        // At most 2^32 slots: compiled code names a frame's slots with 32-bit numbers,
        // and no frame larger than the stack is ever entered.
        let slots = min(max(store.limits.stackSlots, 1024), Int(UInt32.max))
        let depth = max(store.limits.maxCallDepth, 1)
        guard let stack = StackRegion<UInt64>(capacity: slots),
            let frameStack = StackRegion<Frame>(capacity: depth)
        else { return nil }
        maxDepth = depth
        self.stack = stack
        self.frameStack = frameStack
        top = stack.base
    }

    /// Invokes a function with its arguments as slots and returns its results as slots.
    func invoke(_ function: FunctionInstance, _ arguments: [UInt64]) throws(ExecutionError) -> [UInt64] {
        let base = top
        try stack.reserve(base, arguments.count)
        for (i, a) in arguments.enumerated() { base[i] = a }
        let savedTop = top
        let savedDepth = depth
        defer {
            top = savedTop
            depth = savedDepth
        }
        let sp = try call(function, sp: base + arguments.count)
        let results = Array(UnsafeBufferPointer(start: base, count: sp - base))
        return results
    }

    /// Makes room on the store's heap for `bytes` more: collects first when the store
    /// says a collection is due, and traps when the allocation would pass the heap
    /// limit. Every slot from the stack's base to `top` (the end of the running frame)
    /// is a root; the slots are untyped, so each one keeps the object whose address it
    /// holds, if any (conservative: it may keep garbage, never frees what is
    /// reachable). Called by the ops that allocate, before they read their operands.
    func heapRoom(_ bytes: Int, top: UnsafeMutablePointer<UInt64>) throws(ExecutionError) {
        if store.collectionDue(adding: bytes) {
            let base = stack.base
            store.collect { marker in
                var p = base
                while p < top {
                    marker.mark(maybe: p.pointee)
                    p += 1
                }
            }
        }
        guard store.heapFits(bytes) else { throw .trap("out of memory") }
    }

    /// Compiles a constant expression and runs it (§4.5.4).
    func evaluate(_ expression: Expr, type: ValType, in instance: ModuleInstance) throws(ExecutionError) -> [UInt64] {
        try evaluate(Compiler(module: instance.module).compile(expression: expression, result: type), in: instance)
    }

    /// Calls a function whose arguments are on the stack below `sp`; returns the stack
    /// pointer after its results, which replace the arguments.
    func call(_ function: FunctionInstance, sp: UnsafeMutablePointer<UInt64>) throws(ExecutionError)
        -> UnsafeMutablePointer<UInt64>
    {
        if let instance = function.instance {
            return try run(instance, function.compiled(in: instance), sp: sp)
        }
        return try callHost(function, function.host ?? { _ in [] }, sp: sp)
    }

    /// Calls a host function: its arguments become values, its results slots again.
    func callHost(_ function: FunctionInstance, _ host: HostFunction, sp: UnsafeMutablePointer<UInt64>)
        throws(ExecutionError) -> UnsafeMutablePointer<UInt64>
    {
        let params = function.funcType.params
        let base = sp - function.paramSlots
        var args: [Value] = []
        var p = base
        for t in params {
            args.append(store.value(of: p, type: t))
            p += t.slotCount
        }
        let results: [Value]
        let savedTop = top
        top = sp
        defer { top = savedTop }
        do {
            results = try host(args)
        } catch {
            switch error {
            case .exhaustion(let m): throw .exhaustion(m)
            default: throw .trap(error.message)
            }
        }
        var q = base
        let resultTypes = function.funcType.results
        guard results.count == resultTypes.count else {
            throw .trap("host function returned the wrong number of results")
        }
        // A result of another type would take another number of slots.
        for (r, t) in zip(results, resultTypes) where !Store.fits(r, t) {
            throw .trap("host function returned a result of the wrong type")
        }
        // The results replace the arguments; a callee with more results than parameters
        // needs the difference beyond `sp`.
        try stack.reserve(base, function.resultSlots)
        for r in results {
            q = store.store(r, at: q)
        }
        return q
    }
}

extension FunctionInstance {
    /// The compiled body of a Wasm function, compiled on first call. Call with the
    /// store's lock held.
    @inline(__always)
    func compiled(in instance: ModuleInstance) -> CompiledFunction {
        compiled(.passUnretained(instance)).takeUnretainedValue()
    }

    /// The same, without reference counting, for the step loop's calls.
    @inline(__always)
    func compiled(_ instance: Unmanaged<ModuleInstance>) -> Unmanaged<CompiledFunction> {
        code(in: instance, as: CompiledFunction.self) { instance, index in
            Compiler(module: instance.module).compile(definedFunction: index)
        }
    }
}
