// Control instructions (§3.4.8), parametric instructions (§3.4.4) and calls.

extension CodeValidator {
    // MARK: Block types and labels

    /// `check_blocktype`: the parameter and result types of a structured instruction.
    func blockType(_ bt: BlockType) throws(ValidationError) -> (params: [TypeID], results: [TypeID]) {
        switch bt {
        case .empty:
            return ([], [])
        case .value(let t):
            try checkValType(t)
            return ([], c.single(c.id(t)))
        case .type(let x):
            let sig = try signature(x)
            return (sig.params, sig.results)
        }
    }

    /// The types of label `l` (C.labels[l]).
    @inline(__always)
    func label(_ l: UInt32) throws(ValidationError) -> [TypeID] {
        let count = frames.count - labelBase
        guard Int(l) < count else { throw error("unknown label \(Describe.index(l))") }
        return frames[frames.count - 1 - Int(l)].labelTypes
    }

    // MARK: Structured instructions

    /// Enters a block: the block starts with its parameters on a fresh stack. They are
    /// popped from the enclosing stack at the matching `end`, after the block's contents
    /// have been checked, as the reference does.
    mutating func open(_ kind: ControlFrame.Kind, _ bt: BlockType) throws(ValidationError) {
        let (params, results) = try blockType(bt)
        push(kind, params, results)
    }

    private mutating func push(_ kind: ControlFrame.Kind, _ params: [TypeID], _ results: [TypeID]) {
        frames[frames.count - 1].unreachable = unreachable
        frames.append(
            ControlFrame(
                kind: kind, params: params, results: results, height: stack.count,
                unreachable: false, logHeight: initLog.count, opener: pc))
        base = stack.count
        unreachable = false
        stack.append(contentsOf: params)
    }

    mutating func openTryTable(_ bt: BlockType, _ catches: [Catch]) throws(ValidationError) {
        let (params, results) = try blockType(bt)
        // Handlers branch to labels of the enclosing context.
        for handler in catches {
            try checkCatch(handler)
        }
        push(.tryTable, params, results)
    }

    /// `check_catch`: the values a handler passes must match its label's types.
    private func checkCatch(_ handler: Catch) throws(ValidationError) {
        let exnref = c.id(.ref(RefType(nullable: false, .exn)))
        let passed: [TypeID]
        let l: UInt32
        switch handler {
        case .catch(let x, let y):
            passed = try tag(x)
            l = y
        case .catchRef(let x, let y):
            passed = try tag(x) + [exnref]
            l = y
        case .catchAll(let y):
            passed = []
            l = y
        case .catchAllRef(let y):
            passed = [exnref]
            l = y
        }
        let target = try label(l)
        guard matches(passed, target) else {
            throw error(
                "type mismatch: catch handler requires " + describe(target) + " but label has "
                    + describe(passed))
        }
    }

    /// Whether result type `a` matches `b`.
    func matches(_ a: [TypeID], _ b: [TypeID]) -> Bool {
        guard a.count == b.count else { return false }
        for i in a.indices where !matches(a[i], b[i]) { return false }
        return true
    }

    mutating func elseArm() throws(ValidationError) {
        guard frames[frames.count - 1].kind == .if else {
            throw error("else without matching if")
        }
        let frame = frames[frames.count - 1]
        try checkBlockEnd(frame)
        stack.removeLast(depth)
        resetLocals(to: frame.logHeight)
        unreachable = false
        frames[frames.count - 1].kind = .else
        stack.append(contentsOf: frame.params)
    }

    mutating func end() throws(ValidationError) {
        guard frames.count > 1 else {
            throw error("end without matching block")
        }
        let frame = frames.removeLast()
        try checkBlockEnd(frame)
        if frame.kind == .if {
            // The missing else arm: its stack holds the parameters.
            try checkResults(frame.results, stack: frame.params[...], polymorphic: false)
        }
        stack.removeLast(depth)
        resetLocals(to: frame.logHeight)
        base = frames[frames.count - 1].height
        unreachable = frames[frames.count - 1].unreachable
        // Now the instruction itself, in the enclosing block: `ts1 -> ts2`.
        if frame.kind == .if || frame.kind == .else {
            if frame.params.isEmpty {
                if depth > 0 && stack[stack.count - 1] == TypeIDs.i32 {
                    stack.removeLast()
                } else {
                    try popOpener(CollectionOfOne(TypeIDs.i32), frame.opener)
                }
            } else {
                try popOpener(frame.params + [TypeIDs.i32], frame.opener)
            }
        } else if !frame.params.isEmpty {
            try popOpener(frame.params, frame.opener)
        }
        stack.append(contentsOf: frame.results)
    }

    /// Pops the parameters of a structured instruction, reporting at its opening.
    private mutating func popOpener<C: RandomAccessCollection>(_ ins: C, _ opener: Int) throws(ValidationError)
    where C.Element == TypeID, C.Index == Int {
        let here = pc
        pc = opener
        try pop(ins)
        pc = here
    }

    /// `check_block`'s end: the block's stack must hold exactly its results.
    @inline(__always)
    func checkBlockEnd(_ frame: ControlFrame) throws(ValidationError) {
        let d = depth
        let ts = frame.results
        // The common case: exactly the results, of exactly the types.
        if d == ts.count {
            var same = true
            for k in 0 ..< d where stack[base + k] != ts[k] {
                same = false
                break
            }
            if same { return }
        }
        try checkResults(ts, stack: stack[base...], polymorphic: unreachable)
    }

    private func checkResults(
        _ ts: [TypeID], stack s: ArraySlice<TypeID>, polymorphic: Bool
    ) throws(ValidationError) {
        let n1 = ts.count
        let n2 = s.count
        let n = min(n1, n2)
        var ok = polymorphic || n2 >= n1
        if ok {
            let top = s.endIndex
            for k in 0 ..< n where !matches(s[top - n + k], ts[n1 - n + k]) {
                ok = false
                break
            }
        }
        guard ok else {
            let n3 = polymorphic ? n1 - n : 0
            throw error(
                "type mismatch: instruction requires " + describe(ts) + " but stack has "
                    + Describe.resultType(
                        repeatElement(ValType.bot, count: n3), c.valTypes(s.suffix(n))))
        }
        guard n2 == n else {
            throw error("type mismatch: block requires " + describe(ts) + " but stack has " + describe(s))
        }
    }

    // MARK: Branches

    mutating func brIf(_ l: UInt32) throws(ValidationError) {
        let ts = try label(l)
        if ts.isEmpty {
            try pop(TypeIDs.i32)
            return
        }
        try pop(ts + [TypeIDs.i32])
        stack.append(contentsOf: ts)
    }

    mutating func brTable(_ ls: [UInt32], _ l: UInt32) throws(ValidationError) {
        let ts0 = try label(l)
        let n = ts0.count
        // The operands below the index, as far as the stack has them.
        let ts: [TypeID] = n == 0 ? [] : (0 ..< n).map { peek(n - $0) }
        try matchLabel(ts, ts0)
        var checked = ts0
        for x in ls {
            let tsx = try label(x)
            if tsx == checked { continue }
            try matchLabel(ts, tsx)
            checked = tsx
        }
        if n == 0 {
            try pop(TypeIDs.i32)
        } else {
            try pop(ts + [TypeIDs.i32])
        }
        clear()
    }

    /// `match_stack`: the operands `ts` must match the label's types.
    private func matchLabel(_ ts: [TypeID], _ label: [TypeID]) throws(ValidationError) {
        guard matches(ts, label) else {
            throw error(
                "type mismatch: instruction requires " + describe(label) + " but stack has " + describe(ts))
        }
    }

    mutating func brOnNull(_ l: UInt32) throws(ValidationError) {
        let rt = try peekRef(0)
        let ts = try label(l)
        try pop(ts + [c.id(.ref(RefType(nullable: true, rt.heapType)))])
        stack.append(contentsOf: ts)
        push(c.id(.ref(RefType(nullable: false, rt.heapType))))
    }

    mutating func brOnNonNull(_ l: UInt32) throws(ValidationError) {
        let ts = try label(l)
        guard let t1 = ts.last else {
            throw error("type mismatch: instruction requires reference type but label has " + describe(ts))
        }
        guard case .ref(let rt) = c.valType(t1) else {
            throw error(
                "type mismatch: instruction requires reference type but label has "
                    + Describe.valType(c.valType(t1)))
        }
        let ts0 = ts.dropLast()
        try pop(ts0 + [c.id(.ref(RefType(nullable: true, rt.heapType)))])
        stack.append(contentsOf: ts0)
    }

    /// `br_on_cast` and `br_on_cast_fail` (§3.4.8): `rt2` must match `rt1`; the branch
    /// passes `rt2` (or what remains of `rt1` without it) to the label.
    mutating func brOnCast(_ l: UInt32, _ rt1: RefType, _ rt2: RefType, fail: Bool) throws(ValidationError) {
        try checkRefType(rt1)
        try checkRefType(rt2)
        // diff_reftype: a cast to a nullable type takes the nulls away.
        let diff = RefType(nullable: rt2.nullable ? false : rt1.nullable, rt1.heapType)
        guard c.sub.isSubtype(rt2, rt1) else {
            throw error(
                "type mismatch on cast: type " + Describe.refType(rt2) + " does not match "
                    + Describe.refType(rt1))
        }
        let branched = fail ? diff : rt2
        let ts = try label(l)
        guard let t1 = ts.last, matches(c.id(.ref(branched)), t1) else {
            throw error(
                "type mismatch: instruction requires type " + Describe.refType(branched)
                    + " but label has " + describe(ts))
        }
        let ts0 = ts.dropLast()
        try pop(ts0 + [c.id(.ref(rt1))])
        stack.append(contentsOf: ts0)
        push(c.id(.ref(fail ? rt2 : diff)))
    }

    // MARK: Calls

    /// Tail calls: the callee's results must match the caller's.
    func checkTailResults(_ ts: [TypeID]) throws(ValidationError) {
        guard matches(ts, results) else {
            throw error(
                "type mismatch: current function requires result type " + describe(results)
                    + " but callee returns " + describe(ts))
        }
    }

    mutating func callRef(_ x: UInt32, tail: Bool) throws(ValidationError) {
        let sig = try signature(x)
        if tail { try checkTailResults(sig.results) }
        try pop(sig.params + [c.id(.ref(RefType(nullable: true, .def(try type(x)))))])
        if tail {
            clear()
        } else {
            stack.append(contentsOf: sig.results)
        }
    }

    mutating func callIndirect(_ x: UInt32, _ y: UInt32, tail: Bool) throws(ValidationError) {
        let tt = try table(x)
        let sig = try signature(y)
        guard c.sub.isSubtype(tt.elemType, .funcref) else {
            throw error(
                "type mismatch: instruction requires table of function type but table has element type "
                    + Describe.refType(tt.elemType))
        }
        if tail { try checkTailResults(sig.results) }
        let at = TypeIDs.addr(tt.addrType)
        if sig.params.isEmpty {
            try pop(at)
        } else {
            try pop(sig.params + [at])
        }
        if tail {
            clear()
        } else {
            stack.append(contentsOf: sig.results)
        }
    }

    // MARK: Parametric instructions (§3.4.4)

    mutating func select(_ types: [ValType]?) throws(ValidationError) {
        guard let ts = types else {
            let t = peek(1)
            guard t < TypeIDs.firstRef else {
                throw error(
                    "type mismatch: instruction requires numeric or vector type but stack has "
                        + Describe.valType(c.valType(t)))
            }
            let n = stack.count
            if depth >= 3 && matchesPlain(stack[n - 1], TypeIDs.i32) && matchesPlain(stack[n - 3], t) {
                stack.removeLast(2)
                stack[n - 3] = t
                return
            }
            try pop([t, t, TypeIDs.i32])
            push(t)
            return
        }
        guard ts.count == 1 else {
            throw error("invalid result arity other than 1 is not (yet) allowed")
        }
        for t in ts { try checkValType(t) }
        let ids = c.ids(ts)
        try pop(ids + ids + [TypeIDs.i32])
        stack.append(contentsOf: ids)
    }
}
