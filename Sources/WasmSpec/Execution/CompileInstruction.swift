// Compiling one instruction: its ops and its effect on the virtual operand stack.

extension BodyCompiler {
    mutating func compile(_ instr: Instruction) {
        if controls[controls.count - 1].unreachable {
            // Dead code: skip to the `else` or `end` of the current block.
            switch instr {
            case .block, .loop, .if, .tryTable:
                skipDepth += 1
            case .else where skipDepth == 0:
                compileElse()
            case .end where skipDepth == 0:
                compileEnd()
            case .end:
                skipDepth -= 1
            default:
                break
            }
            return
        }
        switch instr {
        case .unreachable:
            emit(.unreachable)
            setUnreachable()
        case .nop:
            break
        case .block(let bt):
            enter(.block, bt)
        case .loop(let bt):
            enter(.loop, bt)
        case .if(let bt):
            compileIf(bt)
        case .else:
            compileElse()
        case .end:
            compileEnd()
        case .tryTable(let bt, let catches):
            compileTryTable(bt, catches)
        case .br(let l):
            materializeAll()
            emitBranch(l)
            setUnreachable()
        case .brIf(let l):
            let cond = popCondition()
            materializeAll()
            emitBranch(l, if: cond, top: nextHome)
        case .brTable(let labels, let defaultLabel):
            let index = pop()
            materializeAll()
            let first = branchTargets.count
            for l in labels + [defaultLabel] {
                let t = branchTarget(l, top: nextHome)
                branchTargets.append(t)
                addFixup(l, .branchTarget(branchTargets.count - 1))
            }
            emit(.brTable, UInt32(first), index.reg, UInt32(labels.count + 1))
            setUnreachable()
        case .brOnNull(let l):
            materializeAll()
            let ref = stack[stack.count - 1]
            // Taken, the reference is dropped: the label's values end below it.
            emitBranch(l, if: Condition(code: .jumpIfNull, b: ref.home), top: ref.home)
        case .brOnNonNull(let l):
            materializeAll()
            let ref = stack[stack.count - 1]
            emitBranch(l, if: Condition(code: .jumpIfNonNull, b: ref.home), top: nextHome)
            pop()
        case .brOnCast(let l, _, let rt):
            materializeAll()
            let ref = stack[stack.count - 1]
            casts.append(CastEntry(type: compiler.close(rt), written: rt))
            emitBranch(l, if: Condition(code: .jumpIfCast, b: ref.home, c: UInt32(casts.count - 1)), top: nextHome)
        case .brOnCastFail(let l, _, let rt):
            materializeAll()
            let ref = stack[stack.count - 1]
            casts.append(CastEntry(type: compiler.close(rt), written: rt))
            emitBranch(l, if: Condition(code: .jumpIfNotCast, b: ref.home, c: UInt32(casts.count - 1)), top: nextHome)
        case .return:
            emitReturn()
            setUnreachable()
        case .call(let f):
            compileCall(.call, compiler.funcType(ofFunction: f), f, callee: nil)
        case .callRef(let x):
            let ref = pop()
            compileCall(.callRef, compiler.funcType(x), 0, callee: ref.reg)
        case .callIndirect(let table, let x):
            let index = pop()
            indirect.append(IndirectEntry(table: table, type: x, expected: compiler.defType(x).map { .passUnretained($0) }))
            compileCall(.callIndirect, compiler.funcType(x), UInt32(indirect.count - 1), callee: index.reg)
        case .returnCall(let f):
            compileCall(.returnCall, compiler.funcType(ofFunction: f), f, callee: nil)
            setUnreachable()
        case .returnCallRef(let x):
            let ref = pop()
            compileCall(.returnCallRef, compiler.funcType(x), 0, callee: ref.reg)
            setUnreachable()
        case .returnCallIndirect(let table, let x):
            let index = pop()
            indirect.append(IndirectEntry(table: table, type: x, expected: compiler.defType(x).map { .passUnretained($0) }))
            compileCall(.returnCallIndirect, compiler.funcType(x), UInt32(indirect.count - 1), callee: index.reg)
            setUnreachable()
        case .throw(let tag):
            materializeAll()
            let n = compiler.tagParams(tag).reduce(0) { $0 + $1.slotCount }
            emit(.throw, tag, nextHome &- UInt32(n))
            setUnreachable()
        case .throwRef:
            let ref = pop()
            emit(.throwRef, ref.reg)
            setUnreachable()

        case .drop:
            pop()
        case .select:
            let cond = pop()
            let second = pop()
            let first = pop()
            if first.kind != .temp { emit(first.width == 2 ? .move2 : .move, first.home, first.reg) }
            emit(first.width == 2 ? .select2 : .select, first.home, second.reg, cond.reg)
            // Not `pushResult`: select only overwrites its destination sometimes, so it
            // must not be redirected to write a local.
            push(.temp, 0, width: Int(first.width))

        case .localGet(let x):
            let (slot, w) = locals.slot(of: x)
            push(.local, UInt32(truncatingIfNeeded: slot), width: w)
        case .localSet(let x):
            let (slot, w) = locals.slot(of: x)
            let reg = UInt32(truncatingIfNeeded: slot)
            let value = pop()
            storeLocal(reg, w, value)
        case .localTee(let x):
            let (slot, w) = locals.slot(of: x)
            let reg = UInt32(truncatingIfNeeded: slot)
            let value = pop()
            if storeLocal(reg, w, value) {
                // The value now lives only in the local.
                push(.local, reg, width: w)
            } else {
                stack.append(value)
                height += Int(value.width)
                if value.kind != .temp && firstDeferred > stack.count - 1 { firstDeferred = stack.count - 1 }
            }
        case .globalGet(let x):
            let w = compiler.globalWidth(x)
            emit(w == 2 ? .globalGet2 : .globalGet, nextHome, x)
            pushResult(width: w)
        case .globalSet(let x):
            let value = pop()
            emit(value.width == 2 ? .globalSet2 : .globalSet, x, value.reg)

        case .i32Const(let v), .f32Const(let v):
            push(.constant, constantSlot(UInt64(v)), width: 1)
        case .i64Const(let v), .f64Const(let v):
            push(.constant, constantSlot(v), width: 1)
        case .v128Const(let v):
            push(.constant, constantSlot(v.lo, v.hi, wide: true), width: 2)
        case .numeric(let op):
            let sig = op.signature
            if sig.params.count == 2 {
                let rhs = pop()
                let lhs = pop()
                emit(OpCode(op), lhs.home, lhs.reg, rhs.reg)
            } else {
                let x = pop()
                emit(OpCode(op), x.home, x.reg)
            }
            pushResult(width: 1)

        case .load(let op, let m):
            compileLoad(op, m)
        case .store(let op, let m):
            compileStore(op, m)
        case .laneMemory(let op, let m, let lane):
            memoryAccesses.append(MemoryAccess(op: op.rawValue, lane: lane, memory: m.memory, offset: m.offset))
            stackOp(.laneMemory, operands: 2, results: op.isStore ? [] : [.v128], UInt32(memoryAccesses.count - 1))

        case .memorySize(let x): stackOp(.memorySize, operands: 0, results: [.i32], x)
        case .memoryGrow(let x): stackOp(.memoryGrow, operands: 1, results: [.i32], x)
        case .memoryFill(let x): stackOp(.memoryFill, operands: 3, results: [], x)
        case .memoryCopy(let d, let s): stackOp(.memoryCopy, operands: 3, results: [], d, s)
        case .memoryInit(let x, let d): stackOp(.memoryInit, operands: 3, results: [], x, d)
        case .dataDrop(let d): stackOp(.dataDrop, operands: 0, results: [], d)
        case .tableGet(let x): stackOp(.tableGet, operands: 1, results: [.i32], x)
        case .tableSet(let x): stackOp(.tableSet, operands: 2, results: [], x)
        case .tableSize(let x): stackOp(.tableSize, operands: 0, results: [.i32], x)
        case .tableGrow(let x): stackOp(.tableGrow, operands: 2, results: [.i32], x)
        case .tableFill(let x): stackOp(.tableFill, operands: 3, results: [], x)
        case .tableCopy(let d, let s): stackOp(.tableCopy, operands: 3, results: [], d, s)
        case .tableInit(let x, let e): stackOp(.tableInit, operands: 3, results: [], x, e)
        case .elemDrop(let e): stackOp(.elemDrop, operands: 0, results: [], e)
        case .refNull: stackOp(.refNull, operands: 0, results: [.i32])
        case .refFunc(let f): stackOp(.refFunc, operands: 0, results: [.i32], f)
        case .refIsNull: stackOp(.refIsNull, operands: 1, results: [.i32])
        case .refAsNonNull: stackOp(.refAsNonNull, operands: 1, results: [.i32])
        case .refEq: stackOp(.refEq, operands: 2, results: [.i32])
        case .refTest(let rt):
            casts.append(CastEntry(type: compiler.close(rt), written: rt))
            stackOp(.refTest, operands: 1, results: [.i32], UInt32(casts.count - 1))
        case .refCast(let rt):
            casts.append(CastEntry(type: compiler.close(rt), written: rt))
            stackOp(.refCast, operands: 1, results: [.i32], UInt32(casts.count - 1))
        case .refI31: stackOp(.refI31, operands: 1, results: [.i32])
        case .i31Get(let sx): stackOp(sx == .s ? .i31GetS : .i31GetU, operands: 1, results: [.i32])
        case .anyConvertExtern: stackOp(.anyConvertExtern, operands: 1, results: [.i32])
        case .externConvertAny: stackOp(.externConvertAny, operands: 1, results: [.i32])

        case .structNew, .structNewDefault, .structGet, .structSet, .arrayNew, .arrayNewDefault,
            .arrayNewFixed, .arrayNewData, .arrayNewElem, .arrayGet, .arraySet, .arrayLen,
            .arrayFill, .arrayCopy, .arrayInitData, .arrayInitElem:
            compileAggregate(instr)

        case .vector(let op):
            let sig = op.signature
            stackOp(.vector, operands: sig.params.count, results: sig.result.map { [$0] } ?? [], UInt32(op.rawValue))
        case .i8x16Shuffle(let lanes):
            v128Constants.append(lanes)
            stackOp(.shuffle, operands: 2, results: [.v128], UInt32(v128Constants.count - 1))
        case .lane(let op, let lane):
            let sig = op.signature
            stackOp(.lane, operands: sig.params.count, results: sig.result.map { [$0] } ?? [], UInt32(op.rawValue), UInt32(lane))
        }
    }

    /// Writes an operand to a local. Returns whether the op that computed the operand
    /// was redirected to write the local itself, instead of a copy being emitted.
    @discardableResult
    mutating func storeLocal(_ reg: UInt32, _ width: Int, _ value: Operand) -> Bool {
        protectLocal(reg, width: width)
        if value.kind == .temp, let i = lastResult, i == ops.count - 1, ops[i].a == value.home {
            ops[i].a = reg
            lastResult = nil
            return true
        }
        if value.reg != reg { emit(width == 2 ? .move2 : .move, reg, value.reg) }
        return false
    }

    /// An instruction in the stack convention: its operands are moved to their homes, the
    /// op gets the slot of the first of them (the executor addresses operands and results
    /// upward from there), and its results take their place.
    mutating func stackOp(_ code: OpCode, operands: Int, results: [ValType], _ b: UInt32 = 0, _ c: UInt32 = 0) {
        materializeTop(operands)
        pop(operands)
        emit(code, nextHome, b, c)
        for t in results { pushTemp(t) }
    }

    /// Calls: the arguments are moved to their homes, which become the callee's first
    /// slots; the results come back there.
    mutating func compileCall(_ code: OpCode, _ ft: FuncType, _ immediate: UInt32, callee: UInt32?) {
        materializeAll()
        pop(ft.params.count)
        let args = nextHome
        switch code {
        case .call:
            // Each call site numbers its entry in the callee cache (CompiledFunction.callees).
            emit(code, immediate, args, callSites)
            callSites += 1
        case .returnCall: emit(code, immediate, args)
        case .callIndirect, .returnCallIndirect: emit(code, args, callee ?? 0, immediate)
        default: emit(code, args, callee ?? 0)
        }
        for t in ft.results { pushTemp(t) }
    }

    private mutating func compileTryTable(_ bt: BlockType, _ catches: [Catch]) {
        materializeAll()
        // Clause labels are resolved outside the try_table (§3.3.8.14).
        var clauses: [HandlerEntry.Clause] = []
        var fixups: [(label: UInt32, index: Int)] = []
        for c in catches {
            let kind: HandlerEntry.Kind
            let tag: UInt32
            switch c {
            case .catch(let t, _): kind = .catch; tag = t
            case .catchRef(let t, _): kind = .catchRef; tag = t
            case .catchAll: kind = .catchAll; tag = 0
            case .catchAllRef: kind = .catchAllRef; tag = 0
            }
            let target = branchTarget(c.label, top: nextHome)
            if let f = frame(ofLabel: c.label), controls[f].kind != .loop { fixups.append((c.label, clauses.count)) }
            clauses.append(HandlerEntry.Clause(kind: kind, tag: tag, branch: target))
        }
        // Resolve the frames before the try_table's own frame shifts the label depths.
        let frames = fixups.map { (frame(ofLabel: $0.label) ?? 0, $0.index) }
        enter(.tryTable, bt)
        // The handler gets its index now, so that clause fixups name it directly and
        // closing it touches nothing else: nesting costs O(1) per try_table.
        let h = handlers.count
        handlers.append(HandlerEntry(start: ops.count, end: ops.count, clauses: clauses))
        controls[controls.count - 1].handler = h
        for (f, index) in frames {
            controls[f].fixups.append(.clause(handler: h, index: index))
        }
    }

    private mutating func compileLoad(_ op: LoadOp, _ m: MemArg) {
        let fast: OpCode?
        switch op {
        case .i32Load, .f32Load: fast = .i32Load
        case .i64Load, .f64Load: fast = .i64Load
        case .i32Load8S: fast = .i32Load8S
        case .i32Load8U: fast = .i32Load8U
        case .i32Load16S: fast = .i32Load16S
        case .i32Load16U: fast = .i32Load16U
        case .i64Load8S: fast = .i64Load8S
        case .i64Load8U: fast = .i64Load8U
        case .i64Load16S: fast = .i64Load16S
        case .i64Load16U: fast = .i64Load16U
        case .i64Load32S: fast = .i64Load32S
        case .i64Load32U: fast = .i64Load32U
        default: fast = nil
        }
        if let fast, m.memory == 0, m.offset <= UInt64(UInt32.max) {
            let address = pop()
            emit(fast, address.home, address.reg, UInt32(m.offset))
            pushResult(width: 1)
        } else {
            memoryAccesses.append(MemoryAccess(op: op.rawValue, lane: 0, memory: m.memory, offset: m.offset))
            stackOp(.load, operands: 1, results: [op.signature.result ?? .i32], UInt32(memoryAccesses.count - 1))
        }
    }

    private mutating func compileStore(_ op: StoreOp, _ m: MemArg) {
        let fast: OpCode?
        switch op {
        case .i32Store, .f32Store: fast = .i32Store
        case .i64Store, .f64Store: fast = .i64Store
        case .i32Store8: fast = .i32Store8
        case .i32Store16: fast = .i32Store16
        case .i64Store8: fast = .i64Store8
        case .i64Store16: fast = .i64Store16
        case .i64Store32: fast = .i64Store32
        case .v128Store: fast = nil
        }
        if let fast, m.memory == 0, m.offset <= UInt64(UInt32.max) {
            let value = pop()
            let address = pop()
            emit(fast, value.reg, address.reg, UInt32(m.offset))
        } else {
            memoryAccesses.append(MemoryAccess(op: op.rawValue, lane: 0, memory: m.memory, offset: m.offset))
            stackOp(.store, operands: 2, results: [], UInt32(memoryAccesses.count - 1))
        }
    }
}
