// Instructions (§6.5): plain and folded forms, parsed with an explicit stack of open
// constructs so that nesting depth never reaches the native stack.
//
// Two orders are built at once:
// - the output order (the flat sequence of Instruction.swift: operands before their
//   operator, `block`/`if`/... then their bodies then `end`);
// - the order in which the reference resolves identifiers and adds implicit function
//   types, which follows OCaml's evaluation of the parser's semantic actions: a
//   sequence is resolved from its last instruction to its first, a folded instruction
//   before its operands (themselves last to first), a structured instruction's body
//   before its block type, the conditions of a folded `if` first to last, then its
//   `else` branch, then its `then` branch. These are linked lists of steps, joined in
//   constant time.

import WasmBinary

/// How an instruction sequence is delimited.
enum InstrListMode {
    /// `instr*` (the reference's `instr_list`).
    case list
    /// At least one instruction, the first not a plain `select` or `call_indirect`
    /// (`constexpr1`, table initialisers).
    case list1
    /// Exactly one folded instruction (the `expr` abbreviation of offsets and items).
    case single
}

private enum FrameKind {
    case root
    case plainBlock
    case plainIf
    case plainElse
    /// `(op operand*)`: the operator resolves before its operands.
    case foldedOp
    /// `(select ...)`, `(call_indirect ...)`: operands resolve first.
    case foldedPost
    case foldedBlock
    case foldedIfConds
    case foldedThen
    case foldedAfterThen
    case foldedElse
}

private struct Frame {
    var kind: FrameKind
    var raw: Int32 = -1
    var steps = StepList.empty
    var thenSteps = StepList.empty
    var condSteps = StepList.empty
    var elseAt = -1
}

/// What parsing the immediates of an instruction keyword produced.
private enum Parsed {
    case instr(Int32)
    case structured(Int32)
}

extension Parser {
    /// Whether keyword `k` starts an instruction.
    static func isInstrKeyword(_ k: Keyword) -> Bool {
        switch k {
        case .none: return false
        case .numeric, .vector, .load, .store, .lane, .laneMemory: return true
        case .fixed(let f):
            switch f {
            case .unreachable, .nop, .drop, .block, .loop, .if, .br, .brIf, .brTable, .brOnNull,
                .brOnNonNull, .brOnCast, .brOnCastFail, .return, .select, .call, .callRef, .callIndirect,
                .returnCall, .returnCallRef, .returnCallIndirect, .throw, .throwRef, .tryTable,
                .localGet, .localSet, .localTee, .globalGet, .globalSet, .tableGet, .tableSet,
                .tableSize, .tableGrow, .tableFill, .tableCopy, .tableInit, .elemDrop, .memorySize,
                .memoryGrow, .memoryFill, .memoryCopy, .memoryInit, .dataDrop, .refNull, .refFunc,
                .refIsNull, .refAsNonNull, .refTest, .refCast, .refEq, .refI31, .i31GetS, .i31GetU,
                .structNew, .structNewDefault, .structGet, .structGetS, .structGetU, .structSet,
                .arrayNew, .arrayNewDefault, .arrayNewFixed, .arrayNewElem, .arrayNewData, .arrayGet,
                .arrayGetS, .arrayGetU, .arraySet, .arrayLen, .arrayCopy, .arrayFill, .arrayInitData,
                .arrayInitElem, .anyConvertExtern, .externConvertAny, .i32Const, .i64Const,
                .f32Const, .f64Const, .v128Const, .i8x16Shuffle:
                return true
            default:
                return false
            }
        }
    }

    /// Parses an instruction sequence into the arena.
    mutating func instrs(_ mode: InstrListMode) throws(TextError) -> RawBody {
        let emitStart = arena.emit.count
        let location = tok.location
        var frames: [Frame] = [Frame(kind: .root)]
        var count = 0

        func add(_ child: StepList, to frames: inout [Frame], arena: inout InstrArena) {
            let i = frames.count - 1
            if frames[i].kind == .foldedIfConds {
                frames[i].condSteps = arena.join(frames[i].condSteps, child)
            } else {
                frames[i].steps = arena.join(child, frames[i].steps)
            }
        }

        loop: while true {
            let top = frames.count - 1
            let kind = frames[top].kind
            switch kind {
            case .root, .plainBlock, .plainIf, .plainElse, .foldedBlock, .foldedThen, .foldedElse:
                if kind == .root && mode == .single {
                    if count == 1 { break loop }
                    guard tok.kind == .lpar else { throw unexpected() }
                    let t = try peek()
                    guard t.kind == .keyword, Parser.isInstrKeyword(t.keyword) else { throw unexpected(t) }
                    count += 1
                    try advance()
                    try openFolded(&frames)
                    continue
                }
                if tok.kind == .keyword {
                    let k = tok.keyword
                    if Parser.isInstrKeyword(k) {
                        if kind == .root && mode == .list1 && count == 0 {
                            if case .fixed(let f) = k, f == .select || f == .callIndirect || f == .returnCallIndirect {
                                throw unexpected()
                            }
                        }
                        if kind == .root { count += 1 }
                        let loc = tok.location
                        try advance()
                        switch try immediates(k, at: loc, folded: false) {
                        case .instr(let i):
                            arena.emit.append(i)
                            arena.setEnd(i, lastEndLocation)
                            add(arena.step(.instr, i), to: &frames, arena: &arena)
                        case .structured(let i):
                            arena.emit.append(i)
                            if case .block(let bk, _) = arena.raws[Int(i)], bk == .if {
                                frames.append(Frame(kind: .plainIf, raw: i))
                            } else {
                                frames.append(Frame(kind: .plainBlock, raw: i))
                            }
                        }
                        continue
                    }
                    if k == .fixed(.end), kind == .plainBlock || kind == .plainIf || kind == .plainElse {
                        try advance()
                        let f = frames.removeLast()
                        try endLabel(f.raw)
                        arena.setEnd(f.raw, lastEndLocation)
                        var steps: StepList
                        if f.kind == .plainBlock {
                            steps = arena.join(arena.step(.enter, f.raw), f.steps, arena.step(.pop), arena.step(.blockType, f.raw))
                        } else {
                            let thenSteps = f.kind == .plainIf ? f.steps : f.thenSteps
                            let elseSteps = f.kind == .plainIf ? StepList.empty : f.steps
                            steps = arena.join(
                                arena.step(.enter, f.raw), thenSteps, arena.step(.blockType, f.raw), elseSteps,
                                arena.step(.pop))
                            if f.elseAt >= 0 && f.elseAt == arena.emit.count - 1 { arena.emit.removeLast() }
                        }
                        arena.emit.append(InstrArena.endMark)
                        add(steps, to: &frames, arena: &arena)
                        continue
                    }
                    if k == .fixed(.else), kind == .plainIf {
                        try advance()
                        try endLabel(frames[top].raw)
                        frames[top].kind = .plainElse
                        frames[top].thenSteps = frames[top].steps
                        frames[top].steps = .empty
                        frames[top].elseAt = arena.emit.count
                        arena.emit.append(InstrArena.elseMark)
                        continue
                    }
                    if kind == .root { break loop }
                    throw unexpected()
                }
                if tok.kind == .lpar {
                    let t = try peek()
                    if t.kind == .keyword && Parser.isInstrKeyword(t.keyword) {
                        if kind == .root { count += 1 }
                        try advance()
                        try openFolded(&frames)
                        continue
                    }
                    throw unexpected(t)
                }
                if tok.kind == .rpar {
                    switch kind {
                    case .root:
                        break loop
                    case .foldedBlock:
                        try advance()
                        let f = frames.removeLast()
                        arena.setEnd(f.raw, lastEndLocation)
                        arena.emit.append(InstrArena.endMark)
                        add(
                            arena.join(arena.step(.enter, f.raw), f.steps, arena.step(.pop), arena.step(.blockType, f.raw)),
                            to: &frames, arena: &arena)
                    case .foldedThen:
                        try advance()
                        frames[top].thenSteps = frames[top].steps
                        frames[top].steps = .empty
                        frames[top].kind = .foldedAfterThen
                    case .foldedElse:
                        try advance()
                        if frames[top].elseAt == arena.emit.count - 1 { arena.emit.removeLast() }
                        guard tok.kind == .rpar else { throw unexpected() }
                        try advance()
                        closeFoldedIf(&frames, elseSteps: frames[top].steps)
                    default:
                        throw unexpected()
                    }
                    continue
                }
                if kind == .root { break loop }
                throw unexpected()

            case .foldedOp, .foldedPost, .foldedIfConds:
                if tok.kind == .lpar {
                    let t = try peek()
                    if kind == .foldedIfConds && t.isFixed(.then) {
                        try advance()
                        try advance()
                        arena.emit.append(frames[top].raw)
                        frames[top].kind = .foldedThen
                        continue
                    }
                    guard t.kind == .keyword, Parser.isInstrKeyword(t.keyword) else { throw unexpected(t) }
                    try advance()
                    try openFolded(&frames)
                    continue
                }
                guard tok.kind == .rpar, kind != .foldedIfConds else { throw unexpected() }
                try advance()
                let f = frames.removeLast()
                arena.setEnd(f.raw, lastEndLocation)
                arena.emit.append(f.raw)
                let steps =
                    kind == .foldedOp
                    ? arena.join(arena.step(.instr, f.raw), f.steps)
                    : arena.join(f.steps, arena.step(.instr, f.raw))
                add(steps, to: &frames, arena: &arena)

            case .foldedAfterThen:
                if tok.kind == .rpar {
                    try advance()
                    closeFoldedIf(&frames, elseSteps: .empty)
                    continue
                }
                guard tok.kind == .lpar else { throw unexpected() }
                let t = try peek()
                guard t.isFixed(.else) else { throw unexpected(t) }
                try advance()
                try advance()
                frames[top].kind = .foldedElse
                frames[top].elseAt = arena.emit.count
                arena.emit.append(InstrArena.elseMark)
            }
        }
        if mode == .list1 && count == 0 { throw unexpected() }
        let steps = frames[0].steps
        return RawBody(emitStart: emitStart, emitEnd: arena.emit.count, firstStep: steps.head, location: location)
    }

    /// Closes a folded `if` whose last frame is on top, with its `else` steps.
    private mutating func closeFoldedIf(_ frames: inout [Frame], elseSteps: StepList) {
        let f = frames.removeLast()
        arena.setEnd(f.raw, lastEndLocation)
        arena.emit.append(InstrArena.endMark)
        let steps = arena.join(
            arena.step(.labelCheck, f.raw), f.condSteps, arena.step(.push, f.raw), elseSteps, f.thenSteps,
            arena.step(.pop), arena.step(.blockType, f.raw))
        let i = frames.count - 1
        if frames[i].kind == .foldedIfConds {
            frames[i].condSteps = arena.join(frames[i].condSteps, steps)
        } else {
            frames[i].steps = arena.join(steps, frames[i].steps)
        }
    }

    /// After `(` of a folded instruction: parses the operator and pushes its frame.
    private mutating func openFolded(_ frames: inout [Frame]) throws(TextError) {
        let k = tok.keyword
        let loc = tok.location
        // A folded instruction starts at its parenthesis, which was just consumed.
        let paren = SourceLocation(line: lastEndLocation.line, column: lastEndLocation.column - 1)
        try advance()
        let parsed = try immediates(k, at: loc, folded: true)
        switch parsed {
        case .instr(let i), .structured(let i): arena.setStart(i, paren)
        }
        switch parsed {
        case .instr(let i):
            if case .fixed(let f) = k, f == .select || f == .callIndirect || f == .returnCallIndirect {
                frames.append(Frame(kind: .foldedPost, raw: i))
            } else {
                frames.append(Frame(kind: .foldedOp, raw: i))
            }
        case .structured(let i):
            guard case .block(let bk, _) = arena.raws[Int(i)] else { return }
            if bk == .if {
                frames.append(Frame(kind: .foldedIfConds, raw: i))
            } else {
                arena.emit.append(i)
                frames.append(Frame(kind: .foldedBlock, raw: i))
            }
        }
    }

    /// An optional label after `end` or `else`, recorded for the label check.
    private mutating func endLabel(_ raw: Int32) throws(TextError) {
        guard tok.kind == .id else { return }
        let n = try bindName()
        if case .block(_, let sig) = arena.raws[Int(raw)] {
            arena.sigs[Int(sig)].endLabels.append(n)
        }
    }

    // MARK: Immediates

    private mutating func fixed(_ i: Instruction, _ loc: SourceLocation) -> Parsed {
        .instr(arena.add(.fixed(i), at: loc))
    }

    private mutating func raw(_ r: RawInstr, _ loc: SourceLocation) -> Parsed {
        .instr(arena.add(r, at: loc))
    }

    /// A memory index, offset and alignment (§6.5.7).
    private mutating func memArg() throws(TextError) -> RawMemArg {
        let mem = try optIdx()
        var offset: UInt64 = 0
        var align: UInt32? = nil
        if tok.kind == .offsetEq { offset = try offsetValue() }
        if tok.kind == .alignEq { align = try alignValue() }
        return RawMemArg(memory: mem, offset: offset, align: align)
    }

    private mutating func offsetValue() throws(TextError) -> UInt64 {
        guard let v = IntLiteral.parseUnsigned(source[tok.numberStart..<tok.end], width: 64) else {
            throw TextError("i64 constant out of range", at: tok.location)
        }
        try advance()
        return v
    }

    private mutating func alignValue() throws(TextError) -> UInt32 {
        guard let v = IntLiteral.parseUnsigned(source[tok.numberStart..<tok.end], width: 64) else {
            throw TextError("i64 constant out of range", at: tok.location)
        }
        guard v != 0 && v & (v - 1) == 0 else {
            throw TextError("alignment must be a power of two", at: tok.location)
        }
        try advance()
        return UInt32(v.trailingZeroBitCount)
    }

    /// A lane index: a `nat` up to 255 (`nat8`), converted while parsing.
    private mutating func laneIndex() throws(TextError) -> UInt8 {
        UInt8(truncatingIfNeeded: try natWithMessage(width: 8))
    }

    private mutating func natWithMessage(width: Int) throws(TextError) -> UInt64 {
        guard tok.kind == .nat else { throw unexpected() }
        guard let v = IntLiteral.parseUnsigned(text(tok), width: width) else {
            throw TextError("i\(width) constant out of range", at: tok.location)
        }
        try advance()
        return v
    }

    /// The numeric tokens following `v128.const` or `i8x16.shuffle`.
    private mutating func numTokens() throws(TextError) -> [Token] {
        var ts: [Token] = []
        while tok.kind == .nat || tok.kind == .int || tok.kind == .float {
            ts.append(tok)
            try advance()
        }
        return ts
    }

    /// The structured-instruction header: label, block type, handlers.
    private mutating func blockSig(_ kind: BlockKind, at loc: SourceLocation) throws(TextError) -> Int32 {
        var sig = RawBlockSig(location: loc)
        sig.label = try optBindName()
        let tu = try typeUse(namedParams: false)
        sig.typeUse = tu.typeUse
        sig.type = tu.type
        if kind == .tryTable {
            while tok.kind == .lpar {
                let t = try peek()
                guard let f = t.fixed, f == .catch || f == .catchRef || f == .catchAll || f == .catchAllRef else {
                    break
                }
                let cl = tok.location
                try advance()
                try advance()
                switch f {
                case .catch, .catchRef:
                    let x = try idx()
                    let l = try idx()
                    sig.catches.append(f == .catch ? .catch(x, l, cl) : .catchRef(x, l, cl))
                default:
                    let l = try idx()
                    sig.catches.append(f == .catchAll ? .catchAll(l, cl) : .catchAllRef(l, cl))
                }
                try expect(.rpar)
            }
        }
        return arena.addSig(sig)
    }

    /// Parses what follows an instruction keyword (already consumed).
    private mutating func immediates(_ k: Keyword, at loc: SourceLocation, folded: Bool) throws(TextError) -> Parsed {
        switch k {
        case .numeric(let op): return fixed(.numeric(op), loc)
        case .vector(let op): return fixed(.vector(op), loc)
        case .load(let op): return raw(.load(op, try memArg()), loc)
        case .store(let op): return raw(.store(op, try memArg()), loc)
        case .lane(let op): return fixed(.lane(op, try laneIndex()), loc)
        case .laneMemory(let op):
            var m = RawMemArg(memory: nil, offset: 0, align: nil)
            if tok.kind == .nat {
                let t = try peek()
                if t.kind == .nat || t.kind == .offsetEq || t.kind == .alignEq { m.memory = try idx() }
            } else if tok.kind == .id {
                m.memory = try idx()
            }
            if tok.kind == .offsetEq { m.offset = try offsetValue() }
            if tok.kind == .alignEq { m.align = try alignValue() }
            return raw(.laneMemory(op, m, try laneIndex()), loc)
        case .none: throw unexpected()
        case .fixed(let f):
            switch f {
            case .unreachable: return fixed(.unreachable, loc)
            case .nop: return fixed(.nop, loc)
            case .drop: return fixed(.drop, loc)
            case .return: return fixed(.return, loc)
            case .throwRef: return fixed(.throwRef, loc)
            case .refIsNull: return fixed(.refIsNull, loc)
            case .refAsNonNull: return fixed(.refAsNonNull, loc)
            case .refEq: return fixed(.refEq, loc)
            case .refI31: return fixed(.refI31, loc)
            case .i31GetS: return fixed(.i31Get(.s), loc)
            case .i31GetU: return fixed(.i31Get(.u), loc)
            case .arrayLen: return fixed(.arrayLen, loc)
            case .anyConvertExtern: return fixed(.anyConvertExtern, loc)
            case .externConvertAny: return fixed(.externConvertAny, loc)
            case .br: return raw(.br(try idx()), loc)
            case .brIf: return raw(.brIf(try idx()), loc)
            case .brTable:
                var xs = [try idx()]
                while atIdx { xs.append(try idx()) }
                return raw(.brTable(xs), loc)
            case .brOnNull: return raw(.brOnNull(try idx(), nonNull: false), loc)
            case .brOnNonNull: return raw(.brOnNull(try idx(), nonNull: true), loc)
            case .brOnCast, .brOnCastFail:
                let l = try idx()
                let t1 = try refType()
                let t2 = try refType()
                return raw(.brOnCast(l, t1, t2, fail: f == .brOnCastFail), loc)
            case .call: return raw(.call(try idx()), loc)
            case .callRef: return raw(.callRef(try idx()), loc)
            case .returnCall: return raw(.returnCall(try idx()), loc)
            case .returnCallRef: return raw(.returnCallRef(try idx()), loc)
            case .throw: return raw(.throw(try idx()), loc)
            case .localGet: return raw(.localGet(try idx()), loc)
            case .localSet: return raw(.localSet(try idx()), loc)
            case .localTee: return raw(.localTee(try idx()), loc)
            case .globalGet: return raw(.globalGet(try idx()), loc)
            case .globalSet: return raw(.globalSet(try idx()), loc)
            case .tableGet: return raw(.tableGet(try optIdx()), loc)
            case .tableSet: return raw(.tableSet(try optIdx()), loc)
            case .tableSize: return raw(.tableSize(try optIdx()), loc)
            case .tableGrow: return raw(.tableGrow(try optIdx()), loc)
            case .tableFill: return raw(.tableFill(try optIdx()), loc)
            case .tableCopy:
                if atIdx {
                    let x = try idx()
                    return raw(.tableCopy(x, try idx()), loc)
                }
                return raw(.tableCopy(nil, nil), loc)
            case .tableInit:
                let x = try idx()
                if atIdx { return raw(.tableInit(x, try idx()), loc) }
                return raw(.tableInit(nil, x), loc)
            case .elemDrop: return raw(.elemDrop(try idx()), loc)
            case .memorySize: return raw(.memorySize(try optIdx()), loc)
            case .memoryGrow: return raw(.memoryGrow(try optIdx()), loc)
            case .memoryFill: return raw(.memoryFill(try optIdx()), loc)
            case .memoryCopy:
                if atIdx {
                    let x = try idx()
                    return raw(.memoryCopy(x, try idx()), loc)
                }
                return raw(.memoryCopy(nil, nil), loc)
            case .memoryInit:
                let x = try idx()
                if atIdx { return raw(.memoryInit(x, try idx()), loc) }
                return raw(.memoryInit(nil, x), loc)
            case .dataDrop: return raw(.dataDrop(try idx()), loc)
            case .refNull: return raw(.refNull(try heapType()), loc)
            case .refFunc: return raw(.refFunc(try idx()), loc)
            case .refTest: return raw(.refTest(try refType()), loc)
            case .refCast: return raw(.refCast(try refType()), loc)
            case .structNew: return raw(.structOp(.new, try idx(), nil), loc)
            case .structNewDefault: return raw(.structOp(.newDefault, try idx(), nil), loc)
            case .structGet, .structGetS, .structGetU, .structSet:
                let x = try idx()
                let y = try idx()
                let kind: StructOpKind =
                    switch f {
                    case .structGet: .get(nil)
                    case .structGetS: .get(.s)
                    case .structGetU: .get(.u)
                    default: .set
                    }
                return raw(.structOp(kind, x, y), loc)
            case .arrayNew: return raw(.arrayOp(.new, try idx(), nil), loc)
            case .arrayNewDefault: return raw(.arrayOp(.newDefault, try idx(), nil), loc)
            case .arrayNewFixed:
                let x = try idx()
                let n = UInt32(truncatingIfNeeded: try natWithMessage(width: 32))
                return raw(.arrayOp(.newFixed(n), x, nil), loc)
            case .arrayNewElem, .arrayNewData, .arrayCopy, .arrayInitData, .arrayInitElem:
                let x = try idx()
                let y = try idx()
                let kind: ArrayOpKind =
                    switch f {
                    case .arrayNewElem: .newElem
                    case .arrayNewData: .newData
                    case .arrayCopy: .copy
                    case .arrayInitData: .initData
                    default: .initElem
                    }
                return raw(.arrayOp(kind, x, y), loc)
            case .arrayGet: return raw(.arrayOp(.get(nil), try idx(), nil), loc)
            case .arrayGetS: return raw(.arrayOp(.get(.s), try idx(), nil), loc)
            case .arrayGetU: return raw(.arrayOp(.get(.u), try idx(), nil), loc)
            case .arraySet: return raw(.arrayOp(.set, try idx(), nil), loc)
            case .arrayFill: return raw(.arrayOp(.fill, try idx(), nil), loc)
            case .i32Const, .i64Const, .f32Const, .f64Const:
                guard tok.kind == .nat || tok.kind == .int || tok.kind == .float else { throw unexpected() }
                let t = tok
                try advance()
                if let i = constInstr(f, text(t)) { return fixed(i, loc) }
                return raw(.failed(TextError("constant out of range", at: t.location)), loc)
            case .v128Const:
                guard tok.kind == .keyword, let shape = tok.fixed.flatMap(Parser.vecShape) else { throw unexpected() }
                try advance()
                let lanes = try numTokens()
                switch vecConst(shape, lanes) {
                case .success(let v): return fixed(.v128Const(v), loc)
                case .failure(let message): return raw(.failed(TextError(message.text, at: loc)), loc)
                }
            case .i8x16Shuffle:
                let lanes = try numTokens()
                if lanes.count != 16 {
                    return raw(.failed(TextError("invalid lane length", at: loc)), loc)
                }
                var v = V128.zero
                for (i, t) in lanes.enumerated() {
                    guard t.kind == .nat, let b = IntLiteral.parseUnsigned(text(t), width: 8) else {
                        return raw(.failed(TextError("i8 constant out of range", at: loc)), loc)
                    }
                    v[byte: i] = UInt8(b)
                }
                return fixed(.i8x16Shuffle(v), loc)
            case .select:
                var types: [RawValType]? = nil
                while try isLpar(.result) {
                    try advance()
                    try advance()
                    types = (types ?? []) + (try valTypes())
                    try expect(.rpar)
                }
                return raw(.select(types), loc)
            case .callIndirect, .returnCallIndirect:
                let table = try optIdx()
                let tu = try typeUse(namedParams: false)
                var sig = RawBlockSig(location: tu.location)
                sig.typeUse = tu.typeUse
                sig.type = tu.type
                let s = arena.addSig(sig)
                return raw(.callIndirect(table: table, sig: s, isReturn: f == .returnCallIndirect), loc)
            case .block, .loop, .if, .tryTable:
                let bk: BlockKind = f == .block ? .block : f == .loop ? .loop : f == .if ? .if : .tryTable
                let s = try blockSig(bk, at: loc)
                return .structured(arena.add(.block(bk, sig: s), at: loc))
            default:
                throw unexpected()
            }
        }
    }

    static func vecShape(_ k: FixedKeyword) -> VecShape? {
        switch k {
        case .i8x16: .i8x16
        case .i16x8: .i16x8
        case .i32x4: .i32x4
        case .i64x2: .i64x2
        case .f32x4: .f32x4
        case .f64x2: .f64x2
        default: nil
        }
    }

    /// `i32.const` ... `f64.const` with their literal, or nil if it does not convert.
    func constInstr(_ k: FixedKeyword, _ s: ArraySlice<UInt8>) -> Instruction? {
        switch k {
        case .i32Const: IntLiteral.parse(s, width: 32).map { .i32Const(UInt32(truncatingIfNeeded: $0)) }
        case .i64Const: IntLiteral.parse(s, width: 64).map { .i64Const($0) }
        case .f32Const: FloatLiteral.parse32(s).map { .f32Const($0) }
        default: FloatLiteral.parse64(s).map { .f64Const($0) }
        }
    }

    /// `v128.const shape lit*` (`V128.of_strings`): lane count first, then each lane.
    func vecConst(_ shape: VecShape, _ lanes: [Token]) -> Result<V128, MessageError> {
        guard lanes.count == shape.lanes else { return .failure(MessageError("wrong number of lane literals")) }
        var v = V128.zero
        for (i, t) in lanes.enumerated() {
            let s = text(t)
            let bits: UInt64?
            switch shape {
            case .i8x16: bits = IntLiteral.parse(s, width: 8)
            case .i16x8: bits = IntLiteral.parse(s, width: 16)
            case .i32x4: bits = IntLiteral.parse(s, width: 32)
            case .i64x2: bits = IntLiteral.parse(s, width: 64)
            case .f32x4: bits = FloatLiteral.parse32(s).map(UInt64.init)
            case .f64x2: bits = FloatLiteral.parse64(s)
            }
            guard let b = bits else { return .failure(MessageError("constant out of range")) }
            let size = 16 / shape.lanes
            for j in 0..<size {
                v[byte: i * size + j] = UInt8(truncatingIfNeeded: b >> UInt64(8 * j))
            }
        }
        return .success(v)
    }
}

/// A message without a location yet.
struct MessageError: Error {
    var text: String
    init(_ text: String) { self.text = text }
}
