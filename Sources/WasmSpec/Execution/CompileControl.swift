// Compiling control: blocks, branches, returns, and branch conditions fused with the
// comparison that computes them.

/// A branch condition as one op: jump when `code` holds for `b` (and `c`).
struct Condition {
    var code: OpCode
    var b: UInt32
    var c: UInt32 = 0

    /// The condition that holds exactly when this one does not.
    var negated: Condition {
        var n = self
        n.code = Condition.negation[code] ?? code
        return n
    }

    private static let negation: [OpCode: OpCode] = {
        let pairs: [(OpCode, OpCode)] = [
            (.jumpIf, .jumpIfNot), (.jumpIfZero64, .jumpIfNonZero64), (.jumpIfNull, .jumpIfNonNull),
            (.jumpIfCast, .jumpIfNotCast),
            (.jumpIfI32Eq, .jumpIfI32Ne), (.jumpIfI32LtS, .jumpIfI32GeS), (.jumpIfI32LtU, .jumpIfI32GeU),
            (.jumpIfI32GtS, .jumpIfI32LeS), (.jumpIfI32GtU, .jumpIfI32LeU),
            (.jumpIfI64Eq, .jumpIfI64Ne), (.jumpIfI64LtS, .jumpIfI64GeS), (.jumpIfI64LtU, .jumpIfI64GeU),
            (.jumpIfI64GtS, .jumpIfI64LeS), (.jumpIfI64GtU, .jumpIfI64LeU),
        ]
        var table: [OpCode: OpCode] = [:]
        for (x, y) in pairs {
            table[x] = y
            table[y] = x
        }
        return table
    }()

    /// The fused branch for a comparison opcode.
    static let fusable: [OpCode: OpCode] = [
        .i32Eq: .jumpIfI32Eq, .i32Ne: .jumpIfI32Ne, .i32LtS: .jumpIfI32LtS, .i32LtU: .jumpIfI32LtU,
        .i32GtS: .jumpIfI32GtS, .i32GtU: .jumpIfI32GtU, .i32LeS: .jumpIfI32LeS, .i32LeU: .jumpIfI32LeU,
        .i32GeS: .jumpIfI32GeS, .i32GeU: .jumpIfI32GeU,
        .i64Eq: .jumpIfI64Eq, .i64Ne: .jumpIfI64Ne, .i64LtS: .jumpIfI64LtS, .i64LtU: .jumpIfI64LtU,
        .i64GtS: .jumpIfI64GtS, .i64GtU: .jumpIfI64GtU, .i64LeS: .jumpIfI64LeS, .i64LeU: .jumpIfI64LeU,
        .i64GeS: .jumpIfI64GeS, .i64GeU: .jumpIfI64GeU,
        .i32Eqz: .jumpIfNot, .i64Eqz: .jumpIfZero64,
    ]
}

extension BodyCompiler {
    /// Pops an i32 condition; when the op that computed it was a comparison just
    /// emitted, that op is taken back and becomes the condition of a fused branch.
    mutating func popCondition() -> Condition {
        let cond = pop()
        if let i = lastResult, i == ops.count - 1, cond.kind == .temp, ops[i].a == cond.home,
            let fused = Condition.fusable[ops[i].code]
        {
            let op = ops.removeLast()
            lastResult = nil
            return Condition(code: fused, b: op.b, c: op.c)
        }
        return Condition(code: .jumpIf, b: cond.reg)
    }

    // MARK: Labels

    /// The control frame of label `l`, or nil for the function's own label.
    func frame(ofLabel l: UInt32) -> Int? {
        let i = controls.count - 1 - Int(l)
        return i > 0 ? i : nil
    }

    /// Where a branch to label `l` goes, carrying the operands just below `top`.
    func branchTarget(_ l: UInt32, top: UInt32) -> BranchTarget {
        guard let f = frame(ofLabel: l) else {
            return BranchTarget(target: -1, from: top &- UInt32(resultSlots), to: UInt32(stackBase), count: UInt32(resultSlots))
        }
        let c = controls[f]
        let count = UInt32(c.labelSlots)
        let target = c.kind == .loop ? Int32(c.loopStart) : -1
        return BranchTarget(target: target, from: top &- count, to: UInt32(stackBase + c.height), count: count)
    }

    mutating func addFixup(_ l: UInt32, _ fixup: Fixup) {
        if let f = frame(ofLabel: l), controls[f].kind != .loop { controls[f].fixups.append(fixup) }
    }

    /// Copies a branch's values to its label's slots.
    mutating func emitMoves(_ t: BranchTarget) {
        guard t.from != t.to else { return }
        for i in 0..<t.count { emit(.move, t.to + i, t.from + i) }
    }

    mutating func emitReturn() {
        materializeAll()
        emit(.return, nextHome &- UInt32(resultSlots), UInt32(resultSlots))
    }

    /// An unconditional branch to label `l`; the operands are in their homes.
    mutating func emitBranch(_ l: UInt32) {
        let t = branchTarget(l, top: nextHome)
        if t.target < 0 && frame(ofLabel: l) == nil {
            emit(.return, t.from, t.count)
            return
        }
        emitMoves(t)
        emit(.jump, UInt32(bitPattern: t.target))
        addFixup(l, .op(ops.count - 1))
    }

    /// A conditional branch to label `l` carrying the operands below `top`; the operands
    /// are in their homes.
    mutating func emitBranch(_ l: UInt32, if cond: Condition, top: UInt32) {
        let t = branchTarget(l, top: top)
        let isReturn = frame(ofLabel: l) == nil
        if !isReturn && t.from == t.to {
            emit(cond.code, UInt32(bitPattern: t.target), cond.b, cond.c)
            addFixup(l, .op(ops.count - 1))
            return
        }
        // Skip the moves and the jump when the condition does not hold.
        let n = cond.negated
        emit(n.code, 0, n.b, n.c)
        let skip = ops.count - 1
        if isReturn {
            emit(.return, t.from, t.count)
        } else {
            emitMoves(t)
            emit(.jump, UInt32(bitPattern: t.target))
            addFixup(l, .op(ops.count - 1))
        }
        ops[skip].a = UInt32(ops.count)
        label()
    }

    // MARK: Blocks

    mutating func enter(_ kind: OpenBlock.Kind, _ bt: BlockType) {
        materializeAll()
        let ft = compiler.blockType(bt)
        let params = ft.params.map { UInt8($0.slotCount) }
        let paramSlots = params.reduce(0) { $0 + Int($1) }
        var frame = OpenBlock(
            kind: kind, depth: stack.count - params.count, height: height - paramSlots,
            params: params, results: ft.results.map { UInt8($0.slotCount) })
        frame.loopStart = ops.count
        controls.append(frame)
        label()
    }

    mutating func compileIf(_ bt: BlockType) {
        let cond = popCondition()
        enter(.if, bt)
        let n = cond.negated
        emit(n.code, 0, n.b, n.c)
        controls[controls.count - 1].elseFixup = ops.count - 1
    }

    mutating func patch(_ fixup: Fixup, to pc: Int) {
        let target = Int32(pc)
        switch fixup {
        case .op(let i): ops[i].a = UInt32(bitPattern: target)
        case .branchTarget(let i): branchTargets[i].target = target
        case .clause(let h, let i): handlers[h].clauses[i].branch.target = target
        }
    }

    /// Resets the virtual stack to a block's entry with operands of the given widths on
    /// top, all in their homes.
    mutating func reset(to frame: OpenBlock, with top: [UInt8]) {
        while stack.count > frame.depth { pop() }
        for w in top { push(.temp, 0, width: Int(w)) }
        firstDeferred = stack.count
    }

    mutating func compileElse() {
        var frame = controls[controls.count - 1]
        if !frame.unreachable {
            materializeAll()
            emit(.jump)
            frame.fixups.append(.op(ops.count - 1))
        }
        if let e = frame.elseFixup {
            ops[e].a = UInt32(ops.count)
            frame.elseFixup = nil
        }
        frame.unreachable = false
        controls[controls.count - 1] = frame
        reset(to: frame, with: frame.params)
        label()
    }

    mutating func compileEnd() {
        guard let frame = controls.last else { return }
        if frame.kind == .function {
            if !frame.unreachable { emitReturn() }
            return
        }
        if !frame.unreachable { materializeAll() }
        controls.removeLast()
        let end = ops.count
        if let e = frame.elseFixup { ops[e].a = UInt32(end) }
        for fixup in frame.fixups { patch(fixup, to: end) }
        if let h = frame.handler {
            handlers[h].end = end
            closed.append(h)
        }
        reset(to: frame, with: frame.results)
        label()
    }

    mutating func finish() {
        // The body's final `end` is implicit.
        while controls.count > 1 { compileEnd() }
        compileEnd()
    }

    func build() -> CompiledFunction {
        CompiledFunction(
            ops: ops, paramSlots: locals.paramSlots,
            localSlots: Int(clamping: locals.totalSlots) - locals.paramSlots, constants: constants,
            operandSlots: maxHeight, resultSlots: resultSlots, branchTargets: branchTargets,
            v128Constants: v128Constants, memoryAccesses: memoryAccesses, casts: casts,
            indirect: indirect, handlers: closed.map { handlers[$0] }, callSites: Int(callSites))
    }
}
