// Exception handling (§4.6.4): `try_table` installs a handler around a label; `throw`
// and `throw_ref` carry an exception outward to the nearest handler whose clauses
// catch it.
//
// NOTE: The specification moves a thrown exception outward one label, handler or frame
// per step (`throw_ref-label`, `throw_ref-frame`, `throw_ref-handler-next`, ...). Those
// steps change nothing but the position of the exception, so here one step finds the
// handler that catches it and branches there; the search costs what the specification's
// steps would, one per entry crossed.

extension Configuration {
    /// Rule: Step_read/try_table
    /// `try_table bt catch*` enters a label like `block`, wrapped in a handler with the
    /// instruction's catch clauses.
    mutating func tryTable(_ bt: BlockType) throws(ExecutionError) {
        let at = pc - 1
        let (m, n) = try blockType(at: at)
        try pushLabel(arity: n, params: m, continuation: try end(of: at) + 1, handler: at)
    }

    /// Rule: Step/throw
    /// `throw x` makes an exception of tag `x` with the tag's parameters as its fields
    /// and throws it.
    mutating func `throw`(_ x: UInt32) throws(ExecutionError) {
        let tag = try lookup(instance.tags, x, "tag")
        // The exception may end up in the heap (catch_ref): a safe point, while the
        // payload is still on the stack.
        try heapRoom(tag.params.count * 16)
        let start = try take(tag.params.count)
        var payload: [UInt64] = []
        for (k, t) in tag.params.enumerated() {
            // The payload is kept as slots, read back by the tag's types.
            let v = values[start + k]
            guard v.kind == Val.Kind(t) else { throw illTyped(v, expected: Val.Kind(t)) }
            v.append(to: &payload)
        }
        sp = start
        try raise(ExceptionObject(tag: tag, payload: payload))
    }

    /// Rules: Step_read/throw_ref-null, Step_read/throw_ref-instrs,
    /// Step_read/throw_ref-label, Step_read/throw_ref-frame
    /// `throw_ref` throws the exception a reference denotes; a null one traps.
    mutating func throwRef() throws(ExecutionError) {
        let r = try popRef()
        guard r != RefSlot.null else { throw .trap("null exception reference") }
        guard !RefSlot.isI31(r), let e = RefSlot.object(r) as? ExceptionObject else {
            throw .crash("type mismatch: not an exception reference")
        }
        try raise(e)
    }

    /// Rules: Step_read/throw_ref-handler-empty, Step_read/throw_ref-handler-next,
    /// Step_read/throw_ref-handler-catch, Step_read/throw_ref-handler-catch_ref,
    /// Step_read/throw_ref-handler-catch_all, Step_read/throw_ref-handler-catch_all_ref
    /// Carries an exception out through labels and frames to the innermost handler
    /// with a clause that catches it; that clause branches with the exception's fields
    /// (and, for the `_ref` clauses, the exception). With no such handler inside this
    /// invocation, the exception leaves it.
    mutating func raise(_ exception: ExceptionObject) throws(ExecutionError) {
        var i = cp - 1
        var f = frame
        var d = depth
        while i > entryFrame {
            let entry = controls[i]
            if entry.kind == .frame {
                f = entry.outer
                d -= 1
            } else if entry.handler >= 0, let clause = try catching(exception, entry, frame: f) {
                // The handler and everything inside it go; the clause branches from
                // the handler's own context.
                cp = i
                floor = i > 0 ? controls[i - 1].height : 0
                sp = entry.height
                if sp < low { low = sp }
                depth = d
                resume(frame: f)
                try deliver(exception, clause)
                return
            }
            i -= 1
        }
        throw .exception(exception)
    }

    /// The first clause of the handler on `entry` that catches `exception`; the handler
    /// belongs to frame `f`.
    private mutating func catching(_ exception: ExceptionObject, _ entry: Control, frame f: Int)
        throws(ExecutionError) -> Catch?
    {
        let frameEntry = controls[f]
        let fc = frameEntry.code.unsafelyUnwrapped.takeUnretainedValue()
        guard case .tryTable(_, let clauses) = fc.instrs[entry.handler] else { return nil }
        let inst = frameEntry.instance.unsafelyUnwrapped.takeUnretainedValue()
        for clause in clauses {
            switch clause {
            case .catch(let x, _), .catchRef(let x, _):
                if try lookup(inst.tags, x, "tag") === exception.tag { return clause }
            case .catchAll, .catchAllRef:
                return clause
            }
        }
        return nil
    }

    /// Pushes what a clause hands its label and branches there.
    private mutating func deliver(_ exception: ExceptionObject, _ clause: Catch) throws(ExecutionError) {
        switch clause {
        case .catch, .catchRef:
            var k = 0
            for t in exception.tag.params {
                let v = exception.payload.withUnsafeBufferPointer { p in
                    k + t.slotCount <= p.count ? Val(slots: p.baseAddress.unsafelyUnwrapped + k, t) : Val.default(t)
                }
                try push(v)
                k += t.slotCount
            }
        case .catchAll, .catchAllRef:
            break
        }
        switch clause {
        case .catchRef, .catchAllRef: try push(.ref(store.allocate(exception)))
        case .catch, .catchAll: break
        }
        try br(clause.label)
    }
}
