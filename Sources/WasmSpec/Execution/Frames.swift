// Entering and leaving function frames, branching, and unwinding exceptions.

extension Executor {
    /// Checks that the callee's whole frame fits, zeroes its declared locals and fills
    /// its constant slots (§4.4.10 "Function calls"). Every write below lies inside
    /// `fp ..< fp + frameSize`, which `reserve` has just checked; the frame is laid out
    /// as `[parameters][locals][constants][operand stack]` and `CompiledFunction`
    /// computes `frameSize` from those four parts, so they cannot disagree.
    @inline(__always)
    func enter(_ fn: CompiledFunction, fp: UnsafeMutablePointer<UInt64>) throws(ExecutionError) {
        try stack.reserve(fp, fn.frameSize)
        let locals = fp + fn.paramSlots
        // Plain loops: most frames have a few locals and constants, too few for a call
        // to memset or memcpy to pay.
        var i = 0
        while i < fn.localSlots {
            locals[i] = 0
            i &+= 1
        }
        let constants = locals + fn.localSlots
        i = 0
        while i < fn.constantCount {
            constants[i] = fn.constants[i]
            i &+= 1
        }
    }

    @inline(__always)
    func pushFrame(
        _ code: UnsafeMutablePointer<Op>, _ pc: Int, _ fp: UnsafeMutablePointer<UInt64>,
        _ fn: CompiledFunction, _ inst: ModuleInstance
    ) throws(ExecutionError) {
        // The running function is not in `frames`: with this call there are
        // `depth + 2` frames, which the budget bounds (as the reference interpreter's
        // counts every frame). It is also the frame stack's capacity.
        guard depth + 1 < maxDepth else { throw .exhaustion("call stack exhausted") }
        frames[depth] = Frame(
            code: code, pc: pc, fp: fp, function: .passUnretained(fn), instance: .passUnretained(inst))
        depth += 1
    }

    /// Returns from the current frame: moves the `count` result slots at `from` to the
    /// frame's base (§4.4.10 "Returning from a function") and gives back the caller.
    @inline(__always)
    func popFrame(_ fp: UnsafeMutablePointer<UInt64>, from: Int, count: Int) -> Frame {
        _ = Executor.finish(fp + from, fp, count)
        depth -= 1
        return frames[depth]
    }

    /// Moves `count` slots from `from` down to `fp` and returns the pointer after them.
    @inline(__always)
    static func finish(_ from: UnsafeMutablePointer<UInt64>, _ fp: UnsafeMutablePointer<UInt64>, _ count: Int)
        -> UnsafeMutablePointer<UInt64>
    {
        if from != fp {
            for i in 0..<count { fp[i] = from[i] }
        }
        return fp + count
    }

    /// The base and size of the instance's memory 0, cached by the step loop.
    @inline(__always)
    static func memory0(_ inst: ModuleInstance) -> (UnsafeMutableRawPointer?, UInt64) {
        let view = inst.memory0.pointee.pointee
        return (view.base, view.size)
    }

    /// The effective address of an access of `size` bytes, or the out-of-bounds trap.
    @inline(__always)
    static func address(_ base: UInt64, _ offset: UInt64, _ size: UInt64, _ memSize: UInt64)
        throws(ExecutionError) -> Int
    {
        try MemoryInstance.effectiveAddress(base, offset, size, memSize)
    }

    /// Whether `count` elements from `start` lie inside `size`.
    @inline(__always)
    static func inRange(_ start: UInt64, _ count: UInt64, _ size: UInt64) -> Bool {
        MemoryInstance.inRange(start, count, size)
    }

    /// How unwinding an exception ended.
    enum Unwinding {
        /// A handler took it; the machine resumes in this frame.
        case handled(Frame)
        /// A handler branched to the entry function's own label, which returned.
        case returned(UnsafeMutablePointer<UInt64>)
        /// No handler in this run.
        case uncaught
    }

    /// Finds the handler for an exception thrown at `current.pc - 1`, walking out through
    /// the frames of this run (§4.4.8.14 `throw_ref`, handlers).
    func unwind(_ exception: ExceptionObject, _ current: Frame, _ entryDepth: Int) -> Unwinding {
        var frame = current
        while true {
            let fn = frame.function.takeUnretainedValue()
            let fp = frame.fp
            if let clause = matchingClause(exception, fn, frame.instance.takeUnretainedValue(), at: frame.pc - 1) {
                let b = clause.branch
                // The handler's label gets the payload, and the exception for `_ref`. In
                // bounds: validation made the label's slots those of the tag's payload
                // (and one more for `_ref`), and the clause matched this very tag; the
                // label's slots lie inside the frame.
                var p = fp + Int(b.to)
                if clause.kind == .catch || clause.kind == .catchRef {
                    for slot in exception.payload {
                        p[0] = slot
                        p += 1
                    }
                }
                if clause.kind == .catchRef || clause.kind == .catchAllRef {
                    p[0] = store.allocate(exception)
                }
                if b.target < 0 {
                    // The label is the function's own: return the values.
                    if depth == entryDepth {
                        return .returned(Executor.finish(fp + Int(b.to), fp, Int(b.count)))
                    }
                    return .handled(popFrame(fp, from: Int(b.to), count: Int(b.count)))
                }
                frame.pc = Int(b.target)
                return .handled(frame)
            }
            if depth == entryDepth { return .uncaught }
            depth -= 1
            frame = frames[depth]
        }
    }

    private func matchingClause(
        _ exception: ExceptionObject, _ fn: CompiledFunction, _ inst: ModuleInstance, at pc: Int
    ) -> HandlerEntry.Clause? {
        for handler in fn.handlers where handler.start <= pc && pc < handler.end {
            for clause in handler.clauses {
                switch clause.kind {
                case .catch, .catchRef:
                    if inst.tags[Int(clause.tag)] === exception.tag { return clause }
                case .catchAll, .catchAllRef:
                    return clause
                }
            }
        }
        return nil
    }
}
