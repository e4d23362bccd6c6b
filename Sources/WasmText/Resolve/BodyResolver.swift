// Resolving instruction sequences (§6.5): the steps built by the parser are run in
// order, with the labels in scope kept on a stack, then the resolved instructions are
// laid out in output order.

import WasmBinary

/// Labels in scope (§6.6.1): the innermost last. Named labels may shadow others.
struct LabelStack {
    private var depth = 0
    private var names: [String?] = []
    private var positions: [String: [Int]] = [:]

    mutating func push(_ name: String?) {
        if let n = name { positions[n, default: []].append(depth) }
        names.append(name)
        depth += 1
    }

    mutating func pop() {
        guard depth > 0 else { return }
        depth -= 1
        if let n = names.removeLast() {
            positions[n]?.removeLast()
        }
    }

    func lookup(_ x: RawIdx) throws(TextError) -> UInt32 {
        switch x {
        case .num(let v, let loc):
            guard let v else { throw TextError("i32 constant out of range", at: loc) }
            return v
        case .name(let n):
            guard n.valid else { throw TextError("malformed UTF-8 encoding", at: n.location) }
            guard let p = positions[n.text]?.last else {
                // The reference's category is "label " with a space.
                throw TextError("unknown label  \(printName(n.text))", at: n.location)
            }
            return UInt32(truncatingIfNeeded: depth - 1 - p)
        }
    }
}

extension Resolver {
    /// Resolves a parsed body and lays it out.
    mutating func body(_ b: RawBody, locals: inout LocalSpace) throws(TextError) -> Expr {
        var labels = LabelStack()
        var s = b.firstStep
        while s >= 0 {
            let k = Int(s)
            let arg = arena.stepArgs[k]
            switch arena.stepKinds[k] {
            case .instr:
                resolved[Int(arg)] = try instr(arg, labels: labels, locals: locals)
            case .enter:
                try labelCheck(arg)
                labels.push(label(arg))
            case .labelCheck:
                try labelCheck(arg)
            case .push:
                labels.push(label(arg))
            case .pop:
                labels.pop()
            case .blockType:
                resolved[Int(arg)] = try structured(arg, labels: labels)
            }
            s = arena.stepNext[k]
        }
        var out: Expr = []
        out.reserveCapacity(b.emitEnd - b.emitStart)
        for e in arena.emit[b.emitStart..<b.emitEnd] {
            switch e {
            case InstrArena.elseMark: out.append(.else)
            case InstrArena.endMark: out.append(.end)
            default:
                guard let i = resolved[Int(e)] else {
                    throw TextError("internal error: unresolved instruction", at: arena.locations[Int(e)])
                }
                out.append(i)
            }
        }
        return out
    }

    private func sig(_ raw: Int32) -> RawBlockSig? {
        switch arena.raws[Int(raw)] {
        case .block(_, let s), .callIndirect(_, let s, _): arena.sigs[Int(s)]
        default: nil
        }
    }

    private func label(_ raw: Int32) -> String? {
        sig(raw)?.label?.text
    }

    /// End labels must repeat the block's label ("mismatching label").
    private func labelCheck(_ raw: Int32) throws(TextError) {
        guard let s = sig(raw) else { return }
        for e in s.endLabels where s.label?.text != e.text {
            throw TextError("mismatching label", at: e.location)
        }
    }

    /// The block type of a structured instruction or `call_indirect`.
    private mutating func blockType(_ s: RawBlockSig) throws(TextError) -> BlockType {
        let ft = try funcType(s.type)
        if let x = s.typeUse {
            let y = try types.lookup(x, category: "type")
            if !s.type.isEmpty, try funcTypeAt(y, x.location) != ft {
                throw TextError("inline function type does not match explicit type", at: x.location)
            }
            return .type(y)
        }
        if ft.params.isEmpty && ft.results.isEmpty { return .empty }
        if ft.params.isEmpty && ft.results.count == 1 { return .value(ft.results[0]) }
        return .type(try inlineFuncType(ft, at: s.location))
    }

    private mutating func structured(_ raw: Int32, labels: LabelStack) throws(TextError) -> Instruction {
        guard case .block(let kind, let si) = arena.raws[Int(raw)] else {
            throw TextError("internal error: not a block", at: arena.locations[Int(raw)])
        }
        let s = arena.sigs[Int(si)]
        var catches: [Catch] = []
        if kind == .tryTable {
            for c in s.catches.reversed() {
                switch c {
                case .catch(let x, let l, _):
                    let li = try labels.lookup(l)
                    catches.append(.catch(tag: try tags.lookup(x, category: "tag"), label: li))
                case .catchRef(let x, let l, _):
                    let li = try labels.lookup(l)
                    catches.append(.catchRef(tag: try tags.lookup(x, category: "tag"), label: li))
                case .catchAll(let l, _):
                    catches.append(.catchAll(label: try labels.lookup(l)))
                case .catchAllRef(let l, _):
                    catches.append(.catchAllRef(label: try labels.lookup(l)))
                }
            }
            catches.reverse()
        }
        let bt = try blockType(s)
        switch kind {
        case .block: return .block(bt)
        case .loop: return .loop(bt)
        case .if: return .if(bt)
        case .tryTable: return .tryTable(bt, catches)
        }
    }

    private func idx(_ x: RawIdx?, _ space: Space, _ category: String) throws(TextError) -> UInt32 {
        guard let x else { return 0 }
        return try space.lookup(x, category: category)
    }

    private func memArg(_ m: RawMemArg, natural: UInt32) throws(TextError) -> MemArg {
        MemArg(memory: try idx(m.memory, memories, "memory"), align: m.align ?? natural, offset: m.offset)
    }

    /// The field index `y` of struct type `x`.
    private func field(_ x: UInt32, _ y: RawIdx) throws(TextError) -> UInt32 {
        if case .name(let n) = y, Int(x) >= fieldSpaces.count {
            throw TextError("unknown field  \(printName(n.text))", at: n.location)
        }
        let space = Int(x) < fieldSpaces.count ? fieldSpaces[Int(x)] : Space()
        return try space.lookup(y, category: "field ")
    }

    private mutating func instr(_ raw: Int32, labels: LabelStack, locals: LocalSpace) throws(TextError) -> Instruction {
        let l = locals.space
        switch arena.raws[Int(raw)] {
        case .fixed(let i): return i
        case .failed(let e): throw e
        case .br(let x): return .br(try labels.lookup(x))
        case .brIf(let x): return .brIf(try labels.lookup(x))
        case .brTable(let xs):
            var ls: [UInt32] = []
            ls.reserveCapacity(xs.count)
            for x in xs.reversed() { ls.append(try labels.lookup(x)) }
            ls.reverse()
            let d = ls.removeLast()
            return .brTable(ls, d)
        case .brOnNull(let x, let nonNull):
            let li = try labels.lookup(x)
            return nonNull ? .brOnNonNull(li) : .brOnNull(li)
        case .brOnCast(let x, let r1, let r2, let fail):
            let t2 = try refType(r2)
            let t1 = try refType(r1)
            let li = try labels.lookup(x)
            return fail ? .brOnCastFail(li, t1, t2) : .brOnCast(li, t1, t2)
        case .call(let x): return .call(try funcs.lookup(x, category: "function"))
        case .callRef(let x): return .callRef(try types.lookup(x, category: "type"))
        case .returnCall(let x): return .returnCall(try funcs.lookup(x, category: "function"))
        case .returnCallRef(let x): return .returnCallRef(try types.lookup(x, category: "type"))
        case .callIndirect(let t, let si, let isReturn):
            let s = arena.sigs[Int(si)]
            let y: UInt32
            if let x = s.typeUse {
                let ft = try funcType(s.type)
                y = try types.lookup(x, category: "type")
                if !s.type.isEmpty, try funcTypeAt(y, x.location) != ft {
                    throw TextError("inline function type does not match explicit type", at: x.location)
                }
            } else {
                y = try inlineFuncType(try funcType(s.type), at: s.location)
            }
            let ti = try idx(t, tables, "table")
            return isReturn ? .returnCallIndirect(table: ti, type: y) : .callIndirect(table: ti, type: y)
        case .throw(let x): return .throw(try tags.lookup(x, category: "tag"))
        case .localGet(let x): return .localGet(try l.lookup(x, category: "local"))
        case .localSet(let x): return .localSet(try l.lookup(x, category: "local"))
        case .localTee(let x): return .localTee(try l.lookup(x, category: "local"))
        case .globalGet(let x): return .globalGet(try globals.lookup(x, category: "global"))
        case .globalSet(let x): return .globalSet(try globals.lookup(x, category: "global"))
        case .tableGet(let x): return .tableGet(try idx(x, tables, "table"))
        case .tableSet(let x): return .tableSet(try idx(x, tables, "table"))
        case .tableSize(let x): return .tableSize(try idx(x, tables, "table"))
        case .tableGrow(let x): return .tableGrow(try idx(x, tables, "table"))
        case .tableFill(let x): return .tableFill(try idx(x, tables, "table"))
        case .tableCopy(let x, let y):
            let b = try idx(y, tables, "table")
            return .tableCopy(try idx(x, tables, "table"), b)
        case .tableInit(let x, let y):
            let e = try elems.lookup(y, category: "elem segment")
            return .tableInit(try idx(x, tables, "table"), e)
        case .elemDrop(let x): return .elemDrop(try elems.lookup(x, category: "elem segment"))
        case .load(let op, let m): return .load(op, try memArg(m, natural: op.info.alignment))
        case .store(let op, let m): return .store(op, try memArg(m, natural: op.info.alignment))
        case .laneMemory(let op, let m, let lane):
            return .laneMemory(op, try memArg(m, natural: op.info.alignment), lane)
        case .memorySize(let x): return .memorySize(try idx(x, memories, "memory"))
        case .memoryGrow(let x): return .memoryGrow(try idx(x, memories, "memory"))
        case .memoryFill(let x): return .memoryFill(try idx(x, memories, "memory"))
        case .memoryCopy(let x, let y):
            let b = try idx(y, memories, "memory")
            return .memoryCopy(try idx(x, memories, "memory"), b)
        case .memoryInit(let x, let y):
            let d = try datas.lookup(y, category: "data segment")
            return .memoryInit(try idx(x, memories, "memory"), d)
        case .dataDrop(let x): return .dataDrop(try datas.lookup(x, category: "data segment"))
        case .refNull(let h): return .refNull(try heapType(h))
        case .refFunc(let x): return .refFunc(try funcs.lookup(x, category: "function"))
        case .refTest(let r): return .refTest(try refType(r))
        case .refCast(let r): return .refCast(try refType(r))
        case .structOp(let kind, let x, let y):
            let t = try types.lookup(x, category: "type")
            switch kind {
            case .new: return .structNew(t)
            case .newDefault: return .structNewDefault(t)
            case .get(let sx):
                guard let y else { return .structGet(t, 0, sx) }
                return .structGet(t, try field(t, y), sx)
            case .set:
                guard let y else { return .structSet(t, 0) }
                return .structSet(t, try field(t, y))
            }
        case .arrayOp(let kind, let x, let y):
            switch kind {
            case .new: return .arrayNew(try types.lookup(x, category: "type"))
            case .newDefault: return .arrayNewDefault(try types.lookup(x, category: "type"))
            case .newFixed(let n): return .arrayNewFixed(try types.lookup(x, category: "type"), n)
            case .get(let sx): return .arrayGet(try types.lookup(x, category: "type"), sx)
            case .set: return .arraySet(try types.lookup(x, category: "type"))
            case .fill: return .arrayFill(try types.lookup(x, category: "type"))
            case .newData, .newElem, .copy, .initData, .initElem:
                guard let y else { return .nop }
                switch kind {
                case .newData:
                    let d = try datas.lookup(y, category: "data segment")
                    return .arrayNewData(try types.lookup(x, category: "type"), d)
                case .newElem:
                    let e = try elems.lookup(y, category: "elem segment")
                    return .arrayNewElem(try types.lookup(x, category: "type"), e)
                case .copy:
                    let s = try types.lookup(y, category: "type")
                    return .arrayCopy(try types.lookup(x, category: "type"), s)
                case .initData:
                    let d = try datas.lookup(y, category: "data segment")
                    return .arrayInitData(try types.lookup(x, category: "type"), d)
                default:
                    let e = try elems.lookup(y, category: "elem segment")
                    return .arrayInitElem(try types.lookup(x, category: "type"), e)
                }
            }
        case .select(let ts):
            guard let ts else { return .select(nil) }
            return .select(try valTypes(ts))
        case .block:
            throw TextError("internal error: block as plain instruction", at: arena.locations[Int(raw)])
        }
    }
}
