// The step loop: one compiled instruction per iteration (§4.4, §4.5).
//
// NOTE: All of the machine's hot state lives in local variables of `run` (pc, frame
// pointer, the current code, the cached base and size of memory 0) so that it stays in
// registers; Wasm calls push a `Frame` and switch those locals instead of recursing, so
// neither deep Wasm recursion nor deep block nesting touches the native stack. Each
// iteration costs O(1): branches are pre-resolved jumps, operands are frame slots.
//
// Why every pointer access here stays in bounds:
// - `fp[i]`: every slot an op names is a parameter, a local, a constant or an operand's
//   home, all below the frame size the compiler computed from the same four parts
//   (CompiledFunction.frameSize), and `enter` reserved that whole size on the operand
//   stack (StackRegion.reserve) before the first op of the frame ran. Branch moves,
//   tail-call argument moves and caught exceptions' payloads go between such slots.
// - `code[pc]`: every jump target is the pc of an op of the same function or its end,
//   where the compiler always emits a `return` (compileEnd / emitReturn).
// - memory 0: the address is checked against the view's size by `Executor.address`
//   before every access.
// - `frames[depth]`: `pushFrame` checks the depth against the frame stack's capacity.
// The compiler's invariants hold only for validated code, so this engine never runs a
// module that was not validated.

import CWasmSpecThreaded

extension Executor {
    /// Evaluates a compiled constant expression (§3.3.10) in an instance under
    /// construction and returns its value's slots.
    func evaluate(_ fn: CompiledFunction, in instance: ModuleInstance) throws(ExecutionError) -> [UInt64] {
        let base = top
        let savedDepth = depth
        defer { depth = savedDepth }
        let sp = try run(instance, fn, sp: base)
        return Array(UnsafeBufferPointer(start: base, count: sp - base))
    }

    /// Runs compiled code with its arguments below `sp`; returns the stack pointer above
    /// its results, which replace the arguments.
    func run(_ instance: ModuleInstance, _ entry: CompiledFunction, sp spIn: UnsafeMutablePointer<UInt64>)
        throws(ExecutionError) -> UnsafeMutablePointer<UInt64>
    {
        // Two copies of the loop: without a step budget, no op counts its step.
        if store.limits.fuel == nil {
            return try run(instance, entry, sp: spIn, Unmetered.self)
        }
        return try run(instance, entry, sp: spIn, Metered.self)
    }

    /// The step loop, specialised for whether steps are counted.
    func run<Meter: FuelMeter>(
        _ instance: ModuleInstance, _ entry: CompiledFunction, sp spIn: UnsafeMutablePointer<UInt64>,
        _ meter: Meter.Type
    ) throws(ExecutionError) -> UnsafeMutablePointer<UInt64> {
        let entryDepth = depth
        // NOTE: unowned(unsafe): the store keeps instances and compiled code alive for the
        // whole run, and switching them on every call must not cost reference counting.
        unowned(unsafe) var inst = instance
        unowned(unsafe) var fn = entry
        var fp = spIn - fn.paramSlots
        try enter(fn, fp: fp)
        var code = fn.ops.baseAddress.unsafelyUnwrapped
        var pc = 0
        // Memory 0's view: read on every access rather than cached in two locals, which
        // measured faster (one live pointer instead of two values across the loop).
        var memView = inst.memory0.pointee
        var fuel = store.limits.fuel ?? Int.max

        while true {
            do throws(ExecutionError) {
                while true {
                    if !Meter.metered {
                        // The threaded core runs what it can and stops at the first op
                        // it leaves to this loop (ThreadedCode.swift); it may have called
                        // and returned within the instance on the way.
                        var state = wasmspec_state(
                            fp: fp, function: fn.threadedFunction,
                            memory: memView.pointee.base?.assumingMemoryBound(to: UInt8.self),
                            memory_size: memView.pointee.size,
                            globals: UnsafeRawPointer(inst.globalTable).assumingMemoryBound(
                                to: UnsafeMutablePointer<UInt64>.self),
                            table0: ThreadedCode.tables(inst.table0),
                            instance: Unmanaged.passUnretained(inst).toOpaque(), frames: frames, depth: depth,
                            min_depth: entryDepth, max_depth: maxDepth, stack_end: stack.end)
                        pc = wasmspec_run(pc, &state)
                        if state.function != UnsafePointer(fn.threadedFunction) {
                            fn = Unmanaged<CompiledFunction>.fromOpaque(state.function.pointee.function)
                                .takeUnretainedValue()
                            code = fn.ops.baseAddress.unsafelyUnwrapped
                        }
                        fp = state.fp
                        depth = state.depth
                    }
                    let op = code[pc]
                    pc &+= 1
                    if Meter.metered {
                        fuel &-= 1
                        if fuel < 0 { throw ExecutionError.exhaustion("step budget exhausted") }
                    }
                    switch op.code {
                    // MARK: Control
                    case .unreachable:
                        throw ExecutionError.trap("unreachable executed")
                    case .jump:
                        pc = Int(op.a)
                    case .jumpIf:
                        if UInt32(truncatingIfNeeded: fp[Int(op.b)]) != 0 { pc = Int(op.a) }
                    case .jumpIfNot:
                        if UInt32(truncatingIfNeeded: fp[Int(op.b)]) == 0 { pc = Int(op.a) }
                    case .jumpIfZero64:
                        if fp[Int(op.b)] == 0 { pc = Int(op.a) }
                    case .jumpIfNonZero64:
                        if fp[Int(op.b)] != 0 { pc = Int(op.a) }
                    case .jumpIfNull:
                        if fp[Int(op.b)] == RefSlot.null { pc = Int(op.a) }
                    case .jumpIfNonNull:
                        if fp[Int(op.b)] != RefSlot.null { pc = Int(op.a) }
                    case .jumpIfCast:
                        if store.matches(fp[Int(op.b)], fn.casts[Int(op.c)].type) { pc = Int(op.a) }
                    case .jumpIfNotCast:
                        if !store.matches(fp[Int(op.b)], fn.casts[Int(op.c)].type) { pc = Int(op.a) }
                    case .jumpIfI32Eq:
                        if UInt32(truncatingIfNeeded: fp[Int(op.b)]) == UInt32(truncatingIfNeeded: fp[Int(op.c)]) { pc = Int(op.a) }
                    case .jumpIfI32Ne:
                        if UInt32(truncatingIfNeeded: fp[Int(op.b)]) != UInt32(truncatingIfNeeded: fp[Int(op.c)]) { pc = Int(op.a) }
                    case .jumpIfI32LtS:
                        if Int32(truncatingIfNeeded: fp[Int(op.b)]) < Int32(truncatingIfNeeded: fp[Int(op.c)]) { pc = Int(op.a) }
                    case .jumpIfI32LtU:
                        if UInt32(truncatingIfNeeded: fp[Int(op.b)]) < UInt32(truncatingIfNeeded: fp[Int(op.c)]) { pc = Int(op.a) }
                    case .jumpIfI32GtS:
                        if Int32(truncatingIfNeeded: fp[Int(op.b)]) > Int32(truncatingIfNeeded: fp[Int(op.c)]) { pc = Int(op.a) }
                    case .jumpIfI32GtU:
                        if UInt32(truncatingIfNeeded: fp[Int(op.b)]) > UInt32(truncatingIfNeeded: fp[Int(op.c)]) { pc = Int(op.a) }
                    case .jumpIfI32LeS:
                        if Int32(truncatingIfNeeded: fp[Int(op.b)]) <= Int32(truncatingIfNeeded: fp[Int(op.c)]) { pc = Int(op.a) }
                    case .jumpIfI32LeU:
                        if UInt32(truncatingIfNeeded: fp[Int(op.b)]) <= UInt32(truncatingIfNeeded: fp[Int(op.c)]) { pc = Int(op.a) }
                    case .jumpIfI32GeS:
                        if Int32(truncatingIfNeeded: fp[Int(op.b)]) >= Int32(truncatingIfNeeded: fp[Int(op.c)]) { pc = Int(op.a) }
                    case .jumpIfI32GeU:
                        if UInt32(truncatingIfNeeded: fp[Int(op.b)]) >= UInt32(truncatingIfNeeded: fp[Int(op.c)]) { pc = Int(op.a) }
                    case .jumpIfI64Eq:
                        if fp[Int(op.b)] == fp[Int(op.c)] { pc = Int(op.a) }
                    case .jumpIfI64Ne:
                        if fp[Int(op.b)] != fp[Int(op.c)] { pc = Int(op.a) }
                    case .jumpIfI64LtS:
                        if Int64(bitPattern: fp[Int(op.b)]) < Int64(bitPattern: fp[Int(op.c)]) { pc = Int(op.a) }
                    case .jumpIfI64LtU:
                        if fp[Int(op.b)] < fp[Int(op.c)] { pc = Int(op.a) }
                    case .jumpIfI64GtS:
                        if Int64(bitPattern: fp[Int(op.b)]) > Int64(bitPattern: fp[Int(op.c)]) { pc = Int(op.a) }
                    case .jumpIfI64GtU:
                        if fp[Int(op.b)] > fp[Int(op.c)] { pc = Int(op.a) }
                    case .jumpIfI64LeS:
                        if Int64(bitPattern: fp[Int(op.b)]) <= Int64(bitPattern: fp[Int(op.c)]) { pc = Int(op.a) }
                    case .jumpIfI64LeU:
                        if fp[Int(op.b)] <= fp[Int(op.c)] { pc = Int(op.a) }
                    case .jumpIfI64GeS:
                        if Int64(bitPattern: fp[Int(op.b)]) >= Int64(bitPattern: fp[Int(op.c)]) { pc = Int(op.a) }
                    case .jumpIfI64GeU:
                        if fp[Int(op.b)] >= fp[Int(op.c)] { pc = Int(op.a) }
                    case .brTable:
                        let count = Int(op.c)
                        let i = Int(min(UInt64(UInt32(truncatingIfNeeded: fp[Int(op.b)])), UInt64(count - 1)))
                        let t = fn.branchTargets[Int(op.a) + i]
                        if t.target < 0 {
                            // A branch to the function's own label returns.
                            if depth == entryDepth {
                                return Executor.finish(fp + Int(t.from), fp, Int(t.count))
                            }
                            let frame = popFrame(fp, from: Int(t.from), count: Int(t.count))
                            (fp, pc, code) = (frame.fp, frame.pc, frame.code)
                            fn = frame.function.takeUnretainedValue()
                            inst = frame.instance.takeUnretainedValue()
                            memView = inst.memory0.pointee
                        } else {
                            if t.from != t.to {
                                for k in 0..<Int(t.count) { fp[Int(t.to) + k] = fp[Int(t.from) + k] }
                            }
                            pc = Int(t.target)
                        }
                    case .return:
                        if depth == entryDepth {
                            return Executor.finish(fp + Int(op.a), fp, Int(op.b))
                        }
                        let frame = popFrame(fp, from: Int(op.a), count: Int(op.b))
                        (fp, pc, code) = (frame.fp, frame.pc, frame.code)
                        fn = frame.function.takeUnretainedValue()
                        inst = frame.instance.takeUnretainedValue()
                        memView = inst.memory0.pointee
                    case .call, .callIndirect, .callRef:
                        let args: Int
                        unowned(unsafe) let callee: FunctionInstance
                        switch op.code {
                        case .call:
                            args = Int(op.b)
                            callee = inst.functionTable[Int(op.a)].takeUnretainedValue()
                        case .callRef:
                            args = Int(op.a)
                            callee = try Executor.functionReference(fp[Int(op.b)])
                        default:
                            args = Int(op.a)
                            callee = try indirectCallee(inst, fn.indirect[Int(op.c)], fp[Int(op.b)]).takeUnretainedValue()
                        }
                        if let calleeInstance = callee.instanceRef {
                            try pushFrame(code, pc, fp, fn, inst)
                            let caller = Unmanaged.passUnretained(fn)
                            let sameInstance = calleeInstance.toOpaque() == Unmanaged.passUnretained(inst).toOpaque()
                            inst = calleeInstance.takeUnretainedValue()
                            fn = callee.compiled(calleeInstance).takeUnretainedValue()
                            // From now on the threaded core makes this call itself.
                            if sameInstance { ThreadedCode.cache(op, caller, UnsafePointer(fn.threadedFunction), inst, fp) }
                            fp += args
                            try enter(fn, fp: fp)
                            code = fn.ops.baseAddress.unsafelyUnwrapped
                            pc = 0
                            memView = inst.memory0.pointee
                        } else {
                            // A host call needs budget as a Wasm call does (the reference
                            // checks it before telling them apart), but takes no frame.
                            guard depth + 1 < maxDepth else { throw ExecutionError.exhaustion("call stack exhausted") }
                            _ = try callHost(callee, callee.host ?? { _ in [] }, sp: fp + args + callee.paramSlots)
                            memView = inst.memory0.pointee
                        }
                    case .returnCall, .returnCallIndirect, .returnCallRef:
                        let args: Int
                        unowned(unsafe) let callee: FunctionInstance
                        switch op.code {
                        case .returnCall:
                            args = Int(op.b)
                            callee = inst.functionTable[Int(op.a)].takeUnretainedValue()
                        case .returnCallRef:
                            args = Int(op.a)
                            callee = try Executor.functionReference(fp[Int(op.b)])
                        default:
                            args = Int(op.a)
                            callee = try indirectCallee(inst, fn.indirect[Int(op.c)], fp[Int(op.b)]).takeUnretainedValue()
                        }
                        // §4.4.8.16: the arguments replace the caller's frame.
                        let n = callee.paramSlots
                        if args != 0 {
                            for k in 0..<n { fp[k] = fp[args + k] }
                        }
                        if let calleeInstance = callee.instanceRef {
                            inst = calleeInstance.takeUnretainedValue()
                            fn = callee.compiled(calleeInstance).takeUnretainedValue()
                            try enter(fn, fp: fp)
                            code = fn.ops.baseAddress.unsafelyUnwrapped
                            pc = 0
                            memView = inst.memory0.pointee
                        } else {
                            _ = try callHost(callee, callee.host ?? { _ in [] }, sp: fp + n)
                            if depth == entryDepth { return fp + callee.resultSlots }
                            let frame = popFrame(fp, from: 0, count: callee.resultSlots)
                            (fp, pc, code) = (frame.fp, frame.pc, frame.code)
                            fn = frame.function.takeUnretainedValue()
                            inst = frame.instance.takeUnretainedValue()
                            memView = inst.memory0.pointee
                        }
                    case .throw:
                        let tag = inst.tags[Int(op.a)]
                        let n = tag.params.reduce(0) { $0 + $1.slotCount }
                        // The exception may end up in the heap (catch_ref): a safe
                        // point, while the payload is still in the frame.
                        try heapRoom(n * 8, top: fp + fn.frameSize)
                        let payload = Array(UnsafeBufferPointer(start: fp + Int(op.b), count: n))
                        throw ExecutionError.exception(ExceptionObject(tag: tag, payload: payload))
                    case .throwRef:
                        let r = fp[Int(op.a)]
                        guard r != RefSlot.null, !RefSlot.isI31(r), let e = RefSlot.object(r) as? ExceptionObject else {
                            throw ExecutionError.trap("null exception reference")
                        }
                        throw ExecutionError.exception(e)

                    // MARK: Variables and parametric
                    case .move:
                        fp[Int(op.a)] = fp[Int(op.b)]
                    case .move2:
                        fp[Int(op.a)] = fp[Int(op.b)]
                        fp[Int(op.a) + 1] = fp[Int(op.b) + 1]
                    case .globalGet:
                        fp[Int(op.a)] = inst.globalTable[Int(op.b)][0]
                    case .globalGet2:
                        let g = inst.globalTable[Int(op.b)]
                        fp[Int(op.a)] = g[0]
                        fp[Int(op.a) + 1] = g[1]
                    case .globalSet:
                        inst.globalTable[Int(op.a)][0] = fp[Int(op.b)]
                    case .globalSet2:
                        let g = inst.globalTable[Int(op.a)]
                        g[0] = fp[Int(op.b)]
                        g[1] = fp[Int(op.b) + 1]
                    case .select:
                        if UInt32(truncatingIfNeeded: fp[Int(op.c)]) == 0 { fp[Int(op.a)] = fp[Int(op.b)] }
                    case .select2:
                        if UInt32(truncatingIfNeeded: fp[Int(op.c)]) == 0 {
                            fp[Int(op.a)] = fp[Int(op.b)]
                            fp[Int(op.a) + 1] = fp[Int(op.b) + 1]
                        }

                    // MARK: Memory 0
                    case .i32Load:
                        let a = try Executor.address(fp[Int(op.b)], UInt64(op.c), 4, memView.pointee.size)
                        let base = memView.pointee.base.unsafelyUnwrapped
                        fp[Int(op.a)] = UInt64(base.loadUnaligned(fromByteOffset: a, as: UInt32.self))
                    case .i64Load:
                        let a = try Executor.address(fp[Int(op.b)], UInt64(op.c), 8, memView.pointee.size)
                        let base = memView.pointee.base.unsafelyUnwrapped
                        fp[Int(op.a)] = base.loadUnaligned(fromByteOffset: a, as: UInt64.self)
                    case .i32Load8S:
                        let a = try Executor.address(fp[Int(op.b)], UInt64(op.c), 1, memView.pointee.size)
                        let base = memView.pointee.base.unsafelyUnwrapped
                        fp[Int(op.a)] = UInt64(UInt32(bitPattern: Int32(base.load(fromByteOffset: a, as: Int8.self))))
                    case .i32Load8U:
                        let a = try Executor.address(fp[Int(op.b)], UInt64(op.c), 1, memView.pointee.size)
                        let base = memView.pointee.base.unsafelyUnwrapped
                        fp[Int(op.a)] = UInt64(base.load(fromByteOffset: a, as: UInt8.self))
                    case .i32Load16S:
                        let a = try Executor.address(fp[Int(op.b)], UInt64(op.c), 2, memView.pointee.size)
                        let base = memView.pointee.base.unsafelyUnwrapped
                        fp[Int(op.a)] = UInt64(UInt32(bitPattern: Int32(base.loadUnaligned(fromByteOffset: a, as: Int16.self))))
                    case .i32Load16U:
                        let a = try Executor.address(fp[Int(op.b)], UInt64(op.c), 2, memView.pointee.size)
                        let base = memView.pointee.base.unsafelyUnwrapped
                        fp[Int(op.a)] = UInt64(base.loadUnaligned(fromByteOffset: a, as: UInt16.self))
                    case .i64Load8S:
                        let a = try Executor.address(fp[Int(op.b)], UInt64(op.c), 1, memView.pointee.size)
                        let base = memView.pointee.base.unsafelyUnwrapped
                        fp[Int(op.a)] = UInt64(bitPattern: Int64(base.load(fromByteOffset: a, as: Int8.self)))
                    case .i64Load8U:
                        let a = try Executor.address(fp[Int(op.b)], UInt64(op.c), 1, memView.pointee.size)
                        let base = memView.pointee.base.unsafelyUnwrapped
                        fp[Int(op.a)] = UInt64(base.load(fromByteOffset: a, as: UInt8.self))
                    case .i64Load16S:
                        let a = try Executor.address(fp[Int(op.b)], UInt64(op.c), 2, memView.pointee.size)
                        let base = memView.pointee.base.unsafelyUnwrapped
                        fp[Int(op.a)] = UInt64(bitPattern: Int64(base.loadUnaligned(fromByteOffset: a, as: Int16.self)))
                    case .i64Load16U:
                        let a = try Executor.address(fp[Int(op.b)], UInt64(op.c), 2, memView.pointee.size)
                        let base = memView.pointee.base.unsafelyUnwrapped
                        fp[Int(op.a)] = UInt64(base.loadUnaligned(fromByteOffset: a, as: UInt16.self))
                    case .i64Load32S:
                        let a = try Executor.address(fp[Int(op.b)], UInt64(op.c), 4, memView.pointee.size)
                        let base = memView.pointee.base.unsafelyUnwrapped
                        fp[Int(op.a)] = UInt64(bitPattern: Int64(base.loadUnaligned(fromByteOffset: a, as: Int32.self)))
                    case .i64Load32U:
                        let a = try Executor.address(fp[Int(op.b)], UInt64(op.c), 4, memView.pointee.size)
                        let base = memView.pointee.base.unsafelyUnwrapped
                        fp[Int(op.a)] = UInt64(base.loadUnaligned(fromByteOffset: a, as: UInt32.self))
                    case .i32Store:
                        let a = try Executor.address(fp[Int(op.b)], UInt64(op.c), 4, memView.pointee.size)
                        memView.pointee.base.unsafelyUnwrapped.storeBytes(of: UInt32(truncatingIfNeeded: fp[Int(op.a)]), toByteOffset: a, as: UInt32.self)
                    case .i64Store:
                        let a = try Executor.address(fp[Int(op.b)], UInt64(op.c), 8, memView.pointee.size)
                        memView.pointee.base.unsafelyUnwrapped.storeBytes(of: fp[Int(op.a)], toByteOffset: a, as: UInt64.self)
                    case .i32Store8, .i64Store8:
                        let a = try Executor.address(fp[Int(op.b)], UInt64(op.c), 1, memView.pointee.size)
                        memView.pointee.base.unsafelyUnwrapped.storeBytes(of: UInt8(truncatingIfNeeded: fp[Int(op.a)]), toByteOffset: a, as: UInt8.self)
                    case .i32Store16, .i64Store16:
                        let a = try Executor.address(fp[Int(op.b)], UInt64(op.c), 2, memView.pointee.size)
                        memView.pointee.base.unsafelyUnwrapped.storeBytes(of: UInt16(truncatingIfNeeded: fp[Int(op.a)]), toByteOffset: a, as: UInt16.self)
                    case .i64Store32:
                        let a = try Executor.address(fp[Int(op.b)], UInt64(op.c), 4, memView.pointee.size)
                        memView.pointee.base.unsafelyUnwrapped.storeBytes(of: UInt32(truncatingIfNeeded: fp[Int(op.a)]), toByteOffset: a, as: UInt32.self)
                    case .memoryGrow, .memoryFill, .memoryCopy, .memoryInit:
                        try memoryInstruction(op.immediates, inst, fp + Int(op.a))
                        memView = inst.memory0.pointee

                    // MARK: Numeric operators, inline
                    case .i32Eq:
                        fp[Int(op.a)] = UInt32(truncatingIfNeeded: fp[Int(op.b)]) == UInt32(truncatingIfNeeded: fp[Int(op.c)]) ? 1 : 0
                    case .i64Eq:
                        fp[Int(op.a)] = fp[Int(op.b)] == fp[Int(op.c)] ? 1 : 0
                    case .i32Ne:
                        fp[Int(op.a)] = UInt32(truncatingIfNeeded: fp[Int(op.b)]) != UInt32(truncatingIfNeeded: fp[Int(op.c)]) ? 1 : 0
                    case .i64Ne:
                        fp[Int(op.a)] = fp[Int(op.b)] != fp[Int(op.c)] ? 1 : 0
                    case .i32LtS:
                        fp[Int(op.a)] = Int32(truncatingIfNeeded: fp[Int(op.b)]) < Int32(truncatingIfNeeded: fp[Int(op.c)]) ? 1 : 0
                    case .i32LtU:
                        fp[Int(op.a)] = UInt32(truncatingIfNeeded: fp[Int(op.b)]) < UInt32(truncatingIfNeeded: fp[Int(op.c)]) ? 1 : 0
                    case .i64LtS:
                        fp[Int(op.a)] = Int64(bitPattern: fp[Int(op.b)]) < Int64(bitPattern: fp[Int(op.c)]) ? 1 : 0
                    case .i64LtU:
                        fp[Int(op.a)] = fp[Int(op.b)] < fp[Int(op.c)] ? 1 : 0
                    case .i32GtS:
                        fp[Int(op.a)] = Int32(truncatingIfNeeded: fp[Int(op.b)]) > Int32(truncatingIfNeeded: fp[Int(op.c)]) ? 1 : 0
                    case .i32GtU:
                        fp[Int(op.a)] = UInt32(truncatingIfNeeded: fp[Int(op.b)]) > UInt32(truncatingIfNeeded: fp[Int(op.c)]) ? 1 : 0
                    case .i64GtS:
                        fp[Int(op.a)] = Int64(bitPattern: fp[Int(op.b)]) > Int64(bitPattern: fp[Int(op.c)]) ? 1 : 0
                    case .i64GtU:
                        fp[Int(op.a)] = fp[Int(op.b)] > fp[Int(op.c)] ? 1 : 0
                    case .i32LeS:
                        fp[Int(op.a)] = Int32(truncatingIfNeeded: fp[Int(op.b)]) <= Int32(truncatingIfNeeded: fp[Int(op.c)]) ? 1 : 0
                    case .i32LeU:
                        fp[Int(op.a)] = UInt32(truncatingIfNeeded: fp[Int(op.b)]) <= UInt32(truncatingIfNeeded: fp[Int(op.c)]) ? 1 : 0
                    case .i64LeS:
                        fp[Int(op.a)] = Int64(bitPattern: fp[Int(op.b)]) <= Int64(bitPattern: fp[Int(op.c)]) ? 1 : 0
                    case .i64LeU:
                        fp[Int(op.a)] = fp[Int(op.b)] <= fp[Int(op.c)] ? 1 : 0
                    case .i32GeS:
                        fp[Int(op.a)] = Int32(truncatingIfNeeded: fp[Int(op.b)]) >= Int32(truncatingIfNeeded: fp[Int(op.c)]) ? 1 : 0
                    case .i32GeU:
                        fp[Int(op.a)] = UInt32(truncatingIfNeeded: fp[Int(op.b)]) >= UInt32(truncatingIfNeeded: fp[Int(op.c)]) ? 1 : 0
                    case .i64GeS:
                        fp[Int(op.a)] = Int64(bitPattern: fp[Int(op.b)]) >= Int64(bitPattern: fp[Int(op.c)]) ? 1 : 0
                    case .i64GeU:
                        fp[Int(op.a)] = fp[Int(op.b)] >= fp[Int(op.c)] ? 1 : 0
                    case .i32Eqz:
                        fp[Int(op.a)] = UInt32(truncatingIfNeeded: fp[Int(op.b)]) == 0 ? 1 : 0
                    case .i64Eqz:
                        fp[Int(op.a)] = fp[Int(op.b)] == 0 ? 1 : 0
                    case .i32Add:
                        fp[Int(op.a)] = UInt64(UInt32(truncatingIfNeeded: fp[Int(op.b)]) &+ UInt32(truncatingIfNeeded: fp[Int(op.c)]))
                    case .i64Add:
                        fp[Int(op.a)] = fp[Int(op.b)] &+ fp[Int(op.c)]
                    case .i32Sub:
                        fp[Int(op.a)] = UInt64(UInt32(truncatingIfNeeded: fp[Int(op.b)]) &- UInt32(truncatingIfNeeded: fp[Int(op.c)]))
                    case .i64Sub:
                        fp[Int(op.a)] = fp[Int(op.b)] &- fp[Int(op.c)]
                    case .i32Mul:
                        fp[Int(op.a)] = UInt64(UInt32(truncatingIfNeeded: fp[Int(op.b)]) &* UInt32(truncatingIfNeeded: fp[Int(op.c)]))
                    case .i64Mul:
                        fp[Int(op.a)] = fp[Int(op.b)] &* fp[Int(op.c)]
                    case .i32And:
                        fp[Int(op.a)] = fp[Int(op.b)] & fp[Int(op.c)]
                    case .i64And:
                        fp[Int(op.a)] = fp[Int(op.b)] & fp[Int(op.c)]
                    case .i32Or:
                        fp[Int(op.a)] = fp[Int(op.b)] | fp[Int(op.c)]
                    case .i64Or:
                        fp[Int(op.a)] = fp[Int(op.b)] | fp[Int(op.c)]
                    case .i32Xor:
                        fp[Int(op.a)] = fp[Int(op.b)] ^ fp[Int(op.c)]
                    case .i64Xor:
                        fp[Int(op.a)] = fp[Int(op.b)] ^ fp[Int(op.c)]
                    case .i32Shl:
                        fp[Int(op.a)] = UInt64(UInt32(truncatingIfNeeded: fp[Int(op.b)]) &<< UInt32(truncatingIfNeeded: fp[Int(op.c)]))
                    case .i32ShrU:
                        fp[Int(op.a)] = UInt64(UInt32(truncatingIfNeeded: fp[Int(op.b)]) &>> UInt32(truncatingIfNeeded: fp[Int(op.c)]))
                    case .i32ShrS:
                        fp[Int(op.a)] = UInt64(UInt32(bitPattern: Int32(truncatingIfNeeded: fp[Int(op.b)]) &>> Int32(truncatingIfNeeded: fp[Int(op.c)])))
                    case .i64Shl:
                        fp[Int(op.a)] = fp[Int(op.b)] &<< fp[Int(op.c)]
                    case .i64ShrU:
                        fp[Int(op.a)] = fp[Int(op.b)] &>> fp[Int(op.c)]
                    case .i64ShrS:
                        fp[Int(op.a)] = UInt64(bitPattern: Int64(bitPattern: fp[Int(op.b)]) &>> Int64(bitPattern: fp[Int(op.c)]))
                    case .i32WrapI64:
                        fp[Int(op.a)] = fp[Int(op.b)] & 0xFFFF_FFFF
                    case .i64ExtendI32S:
                        fp[Int(op.a)] = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: fp[Int(op.b)])))
                    case .i64ExtendI32U:
                        fp[Int(op.a)] = fp[Int(op.b)] & 0xFFFF_FFFF
                    case .f32Add:
                        fp[Int(op.a)] = UInt64(F32Ops.add(UInt32(truncatingIfNeeded: fp[Int(op.b)]), UInt32(truncatingIfNeeded: fp[Int(op.c)])))
                    case .f32Sub:
                        fp[Int(op.a)] = UInt64(F32Ops.sub(UInt32(truncatingIfNeeded: fp[Int(op.b)]), UInt32(truncatingIfNeeded: fp[Int(op.c)])))
                    case .f32Mul:
                        fp[Int(op.a)] = UInt64(F32Ops.mul(UInt32(truncatingIfNeeded: fp[Int(op.b)]), UInt32(truncatingIfNeeded: fp[Int(op.c)])))
                    case .f32Div:
                        fp[Int(op.a)] = UInt64(F32Ops.div(UInt32(truncatingIfNeeded: fp[Int(op.b)]), UInt32(truncatingIfNeeded: fp[Int(op.c)])))
                    case .f32Min:
                        fp[Int(op.a)] = UInt64(F32Ops.min(UInt32(truncatingIfNeeded: fp[Int(op.b)]), UInt32(truncatingIfNeeded: fp[Int(op.c)])))
                    case .f32Max:
                        fp[Int(op.a)] = UInt64(F32Ops.max(UInt32(truncatingIfNeeded: fp[Int(op.b)]), UInt32(truncatingIfNeeded: fp[Int(op.c)])))
                    case .f32Copysign:
                        fp[Int(op.a)] = UInt64(F32Ops.copysign(UInt32(truncatingIfNeeded: fp[Int(op.b)]), UInt32(truncatingIfNeeded: fp[Int(op.c)])))
                    case .f32Eq:
                        fp[Int(op.a)] = F32Ops.eq(UInt32(truncatingIfNeeded: fp[Int(op.b)]), UInt32(truncatingIfNeeded: fp[Int(op.c)])) ? 1 : 0
                    case .f32Ne:
                        fp[Int(op.a)] = F32Ops.ne(UInt32(truncatingIfNeeded: fp[Int(op.b)]), UInt32(truncatingIfNeeded: fp[Int(op.c)])) ? 1 : 0
                    case .f32Lt:
                        fp[Int(op.a)] = F32Ops.lt(UInt32(truncatingIfNeeded: fp[Int(op.b)]), UInt32(truncatingIfNeeded: fp[Int(op.c)])) ? 1 : 0
                    case .f32Gt:
                        fp[Int(op.a)] = F32Ops.gt(UInt32(truncatingIfNeeded: fp[Int(op.b)]), UInt32(truncatingIfNeeded: fp[Int(op.c)])) ? 1 : 0
                    case .f32Le:
                        fp[Int(op.a)] = F32Ops.le(UInt32(truncatingIfNeeded: fp[Int(op.b)]), UInt32(truncatingIfNeeded: fp[Int(op.c)])) ? 1 : 0
                    case .f32Ge:
                        fp[Int(op.a)] = F32Ops.ge(UInt32(truncatingIfNeeded: fp[Int(op.b)]), UInt32(truncatingIfNeeded: fp[Int(op.c)])) ? 1 : 0
                    case .f32Abs:
                        fp[Int(op.a)] = UInt64(F32Ops.abs(UInt32(truncatingIfNeeded: fp[Int(op.b)])))
                    case .f32Neg:
                        fp[Int(op.a)] = UInt64(F32Ops.neg(UInt32(truncatingIfNeeded: fp[Int(op.b)])))
                    case .f32Sqrt:
                        fp[Int(op.a)] = UInt64(F32Ops.sqrt(UInt32(truncatingIfNeeded: fp[Int(op.b)])))
                    case .f64Add:
                        fp[Int(op.a)] = F64Ops.add(fp[Int(op.b)], fp[Int(op.c)])
                    case .f64Sub:
                        fp[Int(op.a)] = F64Ops.sub(fp[Int(op.b)], fp[Int(op.c)])
                    case .f64Mul:
                        fp[Int(op.a)] = F64Ops.mul(fp[Int(op.b)], fp[Int(op.c)])
                    case .f64Div:
                        fp[Int(op.a)] = F64Ops.div(fp[Int(op.b)], fp[Int(op.c)])
                    case .f64Min:
                        fp[Int(op.a)] = F64Ops.min(fp[Int(op.b)], fp[Int(op.c)])
                    case .f64Max:
                        fp[Int(op.a)] = F64Ops.max(fp[Int(op.b)], fp[Int(op.c)])
                    case .f64Copysign:
                        fp[Int(op.a)] = F64Ops.copysign(fp[Int(op.b)], fp[Int(op.c)])
                    case .f64Eq:
                        fp[Int(op.a)] = F64Ops.eq(fp[Int(op.b)], fp[Int(op.c)]) ? 1 : 0
                    case .f64Ne:
                        fp[Int(op.a)] = F64Ops.ne(fp[Int(op.b)], fp[Int(op.c)]) ? 1 : 0
                    case .f64Lt:
                        fp[Int(op.a)] = F64Ops.lt(fp[Int(op.b)], fp[Int(op.c)]) ? 1 : 0
                    case .f64Gt:
                        fp[Int(op.a)] = F64Ops.gt(fp[Int(op.b)], fp[Int(op.c)]) ? 1 : 0
                    case .f64Le:
                        fp[Int(op.a)] = F64Ops.le(fp[Int(op.b)], fp[Int(op.c)]) ? 1 : 0
                    case .f64Ge:
                        fp[Int(op.a)] = F64Ops.ge(fp[Int(op.b)], fp[Int(op.c)]) ? 1 : 0
                    case .f64Abs:
                        fp[Int(op.a)] = F64Ops.abs(fp[Int(op.b)])
                    case .f64Neg:
                        fp[Int(op.a)] = F64Ops.neg(fp[Int(op.b)])
                    case .f64Sqrt:
                        fp[Int(op.a)] = F64Ops.sqrt(fp[Int(op.b)])
                    case .f64ConvertI32S:
                        fp[Int(op.a)] = F64Ops.convertS(UInt32(truncatingIfNeeded: fp[Int(op.b)]))
                    case .f64PromoteF32:
                        fp[Int(op.a)] = FloatConversions.promote(UInt32(truncatingIfNeeded: fp[Int(op.b)]))
                    case .f32DemoteF64:
                        fp[Int(op.a)] = UInt64(FloatConversions.demote(fp[Int(op.b)]))

                    case .i32DivS:
                        fp[Int(op.a)] = UInt64(try Executor.numeric { () throws(NumericTrap) in try I32Ops.divS(UInt32(truncatingIfNeeded: fp[Int(op.b)]), UInt32(truncatingIfNeeded: fp[Int(op.c)])) })
                    case .i32DivU:
                        fp[Int(op.a)] = UInt64(try Executor.numeric { () throws(NumericTrap) in try I32Ops.divU(UInt32(truncatingIfNeeded: fp[Int(op.b)]), UInt32(truncatingIfNeeded: fp[Int(op.c)])) })
                    case .i32RemS:
                        fp[Int(op.a)] = UInt64(try Executor.numeric { () throws(NumericTrap) in try I32Ops.remS(UInt32(truncatingIfNeeded: fp[Int(op.b)]), UInt32(truncatingIfNeeded: fp[Int(op.c)])) })
                    case .i32RemU:
                        fp[Int(op.a)] = UInt64(try Executor.numeric { () throws(NumericTrap) in try I32Ops.remU(UInt32(truncatingIfNeeded: fp[Int(op.b)]), UInt32(truncatingIfNeeded: fp[Int(op.c)])) })
                    case .i32Rotl:
                        fp[Int(op.a)] = UInt64(I32Ops.rotl(UInt32(truncatingIfNeeded: fp[Int(op.b)]), UInt32(truncatingIfNeeded: fp[Int(op.c)])))
                    case .i32Rotr:
                        fp[Int(op.a)] = UInt64(I32Ops.rotr(UInt32(truncatingIfNeeded: fp[Int(op.b)]), UInt32(truncatingIfNeeded: fp[Int(op.c)])))
                    case .i32Clz:
                        fp[Int(op.a)] = UInt64(I32Ops.clz(UInt32(truncatingIfNeeded: fp[Int(op.b)])))
                    case .i32Ctz:
                        fp[Int(op.a)] = UInt64(I32Ops.ctz(UInt32(truncatingIfNeeded: fp[Int(op.b)])))
                    case .i32Popcnt:
                        fp[Int(op.a)] = UInt64(I32Ops.popcnt(UInt32(truncatingIfNeeded: fp[Int(op.b)])))
                    case .i64DivS:
                        fp[Int(op.a)] = try Executor.numeric { () throws(NumericTrap) in try I64Ops.divS(fp[Int(op.b)], fp[Int(op.c)]) }
                    case .i64DivU:
                        fp[Int(op.a)] = try Executor.numeric { () throws(NumericTrap) in try I64Ops.divU(fp[Int(op.b)], fp[Int(op.c)]) }
                    case .i64RemS:
                        fp[Int(op.a)] = try Executor.numeric { () throws(NumericTrap) in try I64Ops.remS(fp[Int(op.b)], fp[Int(op.c)]) }
                    case .i64RemU:
                        fp[Int(op.a)] = try Executor.numeric { () throws(NumericTrap) in try I64Ops.remU(fp[Int(op.b)], fp[Int(op.c)]) }
                    case .i64Rotl:
                        fp[Int(op.a)] = I64Ops.rotl(fp[Int(op.b)], fp[Int(op.c)])
                    case .i64Rotr:
                        fp[Int(op.a)] = I64Ops.rotr(fp[Int(op.b)], fp[Int(op.c)])
                    case .i64Clz:
                        fp[Int(op.a)] = I64Ops.clz(fp[Int(op.b)])
                    case .i64Ctz:
                        fp[Int(op.a)] = I64Ops.ctz(fp[Int(op.b)])
                    case .i64Popcnt:
                        fp[Int(op.a)] = I64Ops.popcnt(fp[Int(op.b)])
                    case .i32Extend8S:
                        fp[Int(op.a)] = UInt64(I32Ops.extendS(UInt32(truncatingIfNeeded: fp[Int(op.b)]), fromBits: 8))
                    case .i32Extend16S:
                        fp[Int(op.a)] = UInt64(I32Ops.extendS(UInt32(truncatingIfNeeded: fp[Int(op.b)]), fromBits: 16))
                    case .i64Extend8S:
                        fp[Int(op.a)] = I64Ops.extendS(fp[Int(op.b)], fromBits: 8)
                    case .i64Extend16S:
                        fp[Int(op.a)] = I64Ops.extendS(fp[Int(op.b)], fromBits: 16)
                    case .i64Extend32S:
                        fp[Int(op.a)] = I64Ops.extendS(fp[Int(op.b)], fromBits: 32)
                    case .i32ReinterpretF32, .i64ReinterpretF64, .f32ReinterpretI32, .f64ReinterpretI64:
                        fp[Int(op.a)] = fp[Int(op.b)]
                    case .f32Ceil:
                        fp[Int(op.a)] = UInt64(F32Ops.ceil(UInt32(truncatingIfNeeded: fp[Int(op.b)])))
                    case .f32Floor:
                        fp[Int(op.a)] = UInt64(F32Ops.floor(UInt32(truncatingIfNeeded: fp[Int(op.b)])))
                    case .f32Trunc:
                        fp[Int(op.a)] = UInt64(F32Ops.trunc(UInt32(truncatingIfNeeded: fp[Int(op.b)])))
                    case .f32Nearest:
                        fp[Int(op.a)] = UInt64(F32Ops.nearest(UInt32(truncatingIfNeeded: fp[Int(op.b)])))
                    case .f32ConvertI32S:
                        fp[Int(op.a)] = UInt64(F32Ops.convertS(UInt32(truncatingIfNeeded: fp[Int(op.b)])))
                    case .f32ConvertI32U:
                        fp[Int(op.a)] = UInt64(F32Ops.convertU(UInt32(truncatingIfNeeded: fp[Int(op.b)])))
                    case .f32ConvertI64S:
                        fp[Int(op.a)] = UInt64(F32Ops.convertS(fp[Int(op.b)]))
                    case .f32ConvertI64U:
                        fp[Int(op.a)] = UInt64(F32Ops.convertU(fp[Int(op.b)]))
                    case .f64Ceil:
                        fp[Int(op.a)] = F64Ops.ceil(fp[Int(op.b)])
                    case .f64Floor:
                        fp[Int(op.a)] = F64Ops.floor(fp[Int(op.b)])
                    case .f64Trunc:
                        fp[Int(op.a)] = F64Ops.trunc(fp[Int(op.b)])
                    case .f64Nearest:
                        fp[Int(op.a)] = F64Ops.nearest(fp[Int(op.b)])
                    case .f64ConvertI32U:
                        fp[Int(op.a)] = F64Ops.convertU(UInt32(truncatingIfNeeded: fp[Int(op.b)]))
                    case .f64ConvertI64S:
                        fp[Int(op.a)] = F64Ops.convertS(fp[Int(op.b)])
                    case .f64ConvertI64U:
                        fp[Int(op.a)] = F64Ops.convertU(fp[Int(op.b)])

                    default:
                        if op.code.numericOp != nil {
                            try Executor.numericSlowPath(op, fp)
                        } else {
                            try slowPath(op, .passUnretained(fn), .passUnretained(inst), fp)
                        }
                    }
                }
            } catch .exception(let exception) {
                // §4.4.8.14: unwind to the innermost handler whose clauses match.
                let outcome = unwind(exception, Frame(
                    code: code, pc: pc, fp: fp, function: .passUnretained(fn), instance: .passUnretained(inst)),
                    entryDepth)
                switch outcome {
                case .uncaught:
                    depth = entryDepth
                    throw .exception(exception)
                case .returned(let sp):
                    return sp
                case .handled(let frame):
                    (fp, pc, code) = (frame.fp, frame.pc, frame.code)
                    fn = frame.function.takeUnretainedValue()
                    inst = frame.instance.takeUnretainedValue()
                    memView = inst.memory0.pointee
                }
            } catch {
                depth = entryDepth
                throw error
            }
        }
    }

    /// The function a `call_indirect` calls: the table's element at `index` when it is a
    /// function of exactly the expected type, found without reference counting; every
    /// other case (a subtype, a trap and its message) as the runtime decides it.
    @inline(__always)
    func indirectCallee(_ inst: ModuleInstance, _ entry: IndirectEntry, _ index: UInt64)
        throws(ExecutionError) -> Unmanaged<FunctionInstance>
    {
        unowned(unsafe) let table = inst.tableTable[Int(entry.table)].takeUnretainedValue()
        let elements = table.elements
        if index < UInt64(elements.count) {
            let slot = elements.slots[Int(index)]
            if slot != RefSlot.null, !RefSlot.isI31(slot) {
                unowned(unsafe) let object = RefSlot.object(slot)
                if object.kind == .function {
                    unowned(unsafe) let f = unsafeDowncast(object, to: FunctionInstance.self)
                    if let expected = entry.expected, f.type === expected.takeUnretainedValue() {
                        return .passUnretained(f)
                    }
                }
            }
        }
        return .passUnretained(try store.indirectCallee(table, index, inst.types[Int(entry.type)]))
    }

    /// Runs a numeric operator that may trap, with the trap as the engine's error.
    @inline(__always)
    static func numeric<T>(_ body: () throws(NumericTrap) -> T) throws(ExecutionError) -> T {
        do { return try body() } catch { throw error.executionError }
    }

    /// The function a `funcref` slot points to, or the trap for a null one.
    @inline(__always)
    static func functionReference(_ slot: UInt64) throws(ExecutionError) -> FunctionInstance {
        guard slot != RefSlot.null, !RefSlot.isI31(slot), let f = RefSlot.object(slot) as? FunctionInstance else {
            throw .trap("null function reference")
        }
        return f
    }
}

/// Whether the step loop counts steps against a budget (`ExecutionLimits.fuel`).
protocol FuelMeter {
    static var metered: Bool { get }
}

/// Steps are counted.
enum Metered: FuelMeter {
    static var metered: Bool { true }
}

/// No budget: the loop does not count.
enum Unmetered: FuelMeter {
    static var metered: Bool { false }
}
