// Deterministic mutations of valid modules, for testing validation beyond the suite's
// `assert_invalid` cases: instructions deleted, duplicated, swapped, inserted or given
// other immediates; types, imports, limits, segments, exports and the start function
// changed. Block structure is kept balanced, so every mutant still encodes and decodes.

import WasmBinary

package enum ValidationMutations {
    static func isStructural(_ i: Instruction) -> Bool {
        switch i {
        case .block, .loop, .if, .else, .end, .tryTable: true
        default: false
        }
    }

    static let limits: [UInt64] = [
        0, 1, 2, 65536, 65537, 1 << 48, (1 << 48) + 1, 0xFFFF_FFFF, 1 << 32, .max,
    ]

    static func randomLimits(_ r: inout SplitMix) -> Limits {
        Limits(min: r.pick(limits), max: r.coin() ? nil : r.pick(limits))
    }

    static func randomValType(_ r: inout SplitMix) -> ValType {
        let k = r.index()
        return r.pick([
            .i32, .i64, .v128, .funcref, .externref, .ref(RefType(nullable: false, .index(k))),
            .ref(RefType(nullable: true, .index(k))), .ref(RefType(nullable: false, .any)),
            .ref(.eqref), .ref(RefType(nullable: false, .struct)), .ref(.exnref),
        ])
    }

    /// The instruction with one of its immediates changed.
    static func tweak(_ i: Instruction, _ r: inout SplitMix) -> Instruction {
        let k = r.index()
        switch i {
        case .br: return .br(k)
        case .brIf: return .brIf(k)
        case .brTable(let ls, _): return .brTable(ls, k)
        case .brOnNull: return .brOnNull(k)
        case .brOnNonNull: return .brOnNonNull(k)
        case .brOnCast(_, let a, let b): return r.coin() ? .brOnCast(k, a, b) : .brOnCast(k, b, a)
        case .brOnCastFail(_, let a, let b): return r.coin() ? .brOnCastFail(k, a, b) : .brOnCastFail(k, b, a)
        case .call: return .call(k)
        case .callRef: return .callRef(k)
        case .returnCall: return .returnCall(k)
        case .returnCallRef: return .returnCallRef(k)
        case .callIndirect(_, let y): return r.coin() ? .callIndirect(table: k, type: y) : .callIndirect(table: 0, type: k)
        case .returnCallIndirect(_, let y): return .returnCallIndirect(table: 0, type: r.coin() ? y : k)
        case .throw: return .throw(k)
        case .localGet: return .localGet(k)
        case .localSet: return .localSet(k)
        case .localTee: return .localTee(k)
        case .globalGet: return .globalGet(k)
        case .globalSet: return .globalSet(k)
        case .tableGet: return .tableGet(k)
        case .tableSet: return .tableSet(k)
        case .tableSize: return .tableSize(k)
        case .tableGrow: return .tableGrow(k)
        case .tableFill: return .tableFill(k)
        case .tableCopy(let a, let b): return r.coin() ? .tableCopy(k, b) : .tableCopy(a, k)
        case .tableInit(let a, let b): return r.coin() ? .tableInit(k, b) : .tableInit(a, k)
        case .elemDrop: return .elemDrop(k)
        case .memorySize: return .memorySize(k)
        case .memoryGrow: return .memoryGrow(k)
        case .memoryCopy(let a, let b): return r.coin() ? .memoryCopy(k, b) : .memoryCopy(a, k)
        case .memoryInit(let a, let b): return r.coin() ? .memoryInit(k, b) : .memoryInit(a, k)
        case .dataDrop: return .dataDrop(k)
        case .load(let op, var m):
            m.align = UInt32(r.below(5))
            if r.below(4) == 0 { m.memory = k }
            return .load(op, m)
        case .store(let op, var m):
            m.align = UInt32(r.below(5))
            if r.below(4) == 0 { m.memory = k }
            return .store(op, m)
        case .laneMemory(let op, var m, let l):
            m.align = UInt32(r.below(5))
            return .laneMemory(op, m, r.coin() ? l : UInt8(r.below(18)))
        case .lane(let op, _): return .lane(op, UInt8(r.below(18)))
        case .refFunc: return .refFunc(k)
        case .refNull: return .refNull(r.pick([.func, .extern, .any, .none, .index(k), .exn]))
        case .structNew: return .structNew(k)
        case .structNewDefault: return .structNewDefault(k)
        case .structGet(let x, let f, let e):
            return r.coin() ? .structGet(k, f, e) : .structGet(x, UInt32(r.below(3)), r.below(3) == 0 ? nil : .s)
        case .structSet(let x, _): return r.coin() ? .structSet(k, 0) : .structSet(x, UInt32(r.below(3)))
        case .arrayNew: return .arrayNew(k)
        case .arrayNewDefault: return .arrayNewDefault(k)
        case .arrayNewFixed(_, let n): return .arrayNewFixed(k, n)
        case .arrayGet(_, let e): return r.coin() ? .arrayGet(k, e) : .arrayGet(k, e == nil ? .u : nil)
        case .arraySet: return .arraySet(k)
        case .arrayFill: return .arrayFill(k)
        case .arrayCopy(let a, let b): return r.coin() ? .arrayCopy(k, b) : .arrayCopy(a, k)
        case .arrayInitData(let a, let b): return r.coin() ? .arrayInitData(k, b) : .arrayInitData(a, k)
        case .arrayInitElem(let a, let b): return r.coin() ? .arrayInitElem(k, b) : .arrayInitElem(a, k)
        case .arrayNewData(let a, let b): return r.coin() ? .arrayNewData(k, b) : .arrayNewData(a, k)
        case .arrayNewElem(let a, let b): return r.coin() ? .arrayNewElem(k, b) : .arrayNewElem(a, k)
        case .refTest(let rt): return .refTest(RefType(nullable: !rt.nullable, rt.heapType))
        case .refCast(let rt): return .refCast(RefType(nullable: rt.nullable, r.pick([.any, .eq, .func, .index(k), .i31])))
        case .select(.some): return .select(nil)
        case .select(nil): return .select([r.pick([.i32, .i64, .funcref, .ref(.anyref)])])
        case .block: return .block(r.pick([.empty, .value(.i32), .type(k)]))
        case .loop: return .loop(r.pick([.empty, .value(.i64), .type(k)]))
        case .if: return .if(r.pick([.empty, .value(.i32), .type(k)]))
        case .tryTable(let bt, var cs):
            if !cs.isEmpty {
                cs[0] = r.pick([
                    .catchAll(label: k), .catchAllRef(label: 0), .catch(tag: k, label: 0),
                    .catchRef(tag: 0, label: k),
                ])
            }
            return .tryTable(bt, cs)
        default: return i
        }
    }

    static let extraInstructions: [Instruction] = [
        .drop, .unreachable, .i32Const(0), .i64Const(1), .refNull(.func), .nop, .return, .refIsNull,
        .refAsNonNull, .select(nil), .numeric(.i32Add), .numeric(.f32Neg), .refEq, .arrayLen,
        .throwRef, .anyConvertExtern, .externConvertAny, .refI31, .i31Get(.u),
    ]

    static func mutate(_ body: inout [Instruction], pool: [Instruction], _ r: inout SplitMix) {
        guard !body.isEmpty else {
            body.append(r.pick(pool))
            return
        }
        let i = r.below(body.count)
        switch r.below(5) {
        case 0:
            if !isStructural(body[i]) { body.remove(at: i) }
        case 1:
            if !isStructural(body[i]) { body.insert(body[i], at: i) }
        case 2:
            if i + 1 < body.count && !isStructural(body[i]) && !isStructural(body[i + 1]) {
                body.swapAt(i, i + 1)
            }
        case 3:
            body.insert(r.pick(pool), at: i)
        default:
            body[i] = tweak(body[i], &r)
        }
    }

    /// A mutant of a function body, a global's initialiser, a local or a function type.
    package static func mutateCode(_ m: Module, _ r: inout SplitMix) -> Module {
        var m = m
        var pool = extraInstructions
        for f in m.funcs { pool += f.body.filter { !isStructural($0) }.prefix(20) }
        switch r.below(10) {
        case 0 ..< 8 where !m.funcs.isEmpty:
            let f = r.below(m.funcs.count)
            mutate(&m.funcs[f].body, pool: pool, &r)
            if r.below(3) == 0 { mutate(&m.funcs[f].body, pool: pool, &r) }
        case 8 where !m.globals.isEmpty:
            let g = r.below(m.globals.count)
            if r.coin() { m.globals[g].type.mutable.toggle() } else { mutate(&m.globals[g].initializer, pool: pool, &r) }
        default:
            guard !m.funcs.isEmpty else { return m }
            let f = r.below(m.funcs.count)
            if r.coin() {
                m.funcs[f].type = r.index()
            } else {
                m.funcs[f].locals.append(Locals(1, randomValType(&r)))
            }
        }
        return m
    }

    /// A mutant in the module's other parts: types, imports, tables, memories, segments,
    /// exports, tags or the start function.
    package static func mutateModule(_ m: Module, _ r: inout SplitMix) -> Module {
        var m = m
        let k = r.index()
        switch r.below(10) {
        case 0, 1:
            guard !m.types.isEmpty else { return m }
            let g = r.below(m.types.count)
            guard !m.types[g].subTypes.isEmpty else { return m }
            let i = r.below(m.types[g].subTypes.count)
            var st = m.types[g].subTypes[i]
            switch r.below(6) {
            case 0: st.isFinal.toggle()
            case 1: st.supertypes = r.below(3) == 0 ? [] : [.index(k)]
            case 2:
                switch st.compType {
                case .struct(var fts):
                    let ft = FieldType(mutable: r.coin(), r.below(4) == 0 ? .packed(.i8) : .val(randomValType(&r)))
                    if fts.isEmpty || r.below(3) == 0 { fts.append(ft) } else { fts[r.below(fts.count)] = ft }
                    st.compType = .struct(fts)
                case .array(var ft):
                    if r.coin() { ft.mutable.toggle() } else { ft.storage = r.below(4) == 0 ? .packed(.i16) : .val(randomValType(&r)) }
                    st.compType = .array(ft)
                case .func(var ft):
                    if r.coin() { ft.params.append(randomValType(&r)) } else { ft.results = [randomValType(&r)] }
                    st.compType = .func(ft)
                }
            case 3: st.compType = r.pick([.struct([]), .func(FuncType()), .array(FieldType(mutable: true, .val(.i32)))])
            case 4: st.supertypes = [.index(k), .index(r.index())]
            default:
                m.types[g].subTypes.append(SubType(isFinal: false, supertypes: [.index(k)], .struct([])))
            }
            m.types[g].subTypes[i] = st
        case 2:
            guard !m.imports.isEmpty else { return m }
            let i = r.below(m.imports.count)
            switch m.imports[i].type {
            case .func: m.imports[i].type = .func(.index(k))
            case .global(var gt):
                if r.coin() { gt.mutable.toggle() } else { gt.valType = randomValType(&r) }
                m.imports[i].type = .global(gt)
            case .table(var tt):
                tt.limits = randomLimits(&r)
                if r.below(3) == 0 { tt.addrType = .i64 }
                m.imports[i].type = .table(tt)
            case .memory(var mt):
                mt.limits = randomLimits(&r)
                if r.below(3) == 0 { mt.addrType = .i64 }
                m.imports[i].type = .memory(mt)
            case .tag: m.imports[i].type = .tag(TagType(.index(k)))
            }
        case 3:
            if m.memories.isEmpty { m.memories.append(MemoryType(.i32, Limits(min: 0))) }
            let i = r.below(m.memories.count)
            m.memories[i].limits = randomLimits(&r)
            if r.below(3) == 0 { m.memories[i].addrType = m.memories[i].addrType == .i32 ? .i64 : .i32 }
        case 4:
            if m.tables.isEmpty { m.tables.append(Table(type: TableType(.i32, Limits(min: 0), .funcref))) }
            let i = r.below(m.tables.count)
            switch r.below(3) {
            case 0: m.tables[i].type.limits = randomLimits(&r)
            case 1: m.tables[i].type.elemType = RefType(nullable: r.coin(), r.pick([.func, .extern, .index(k), .any]))
            default:
                m.tables[i].initializer = r.pick([
                    [.refNull(.func)], [.refFunc(k)], [.globalGet(k)], [.i32Const(0)], [.refNull(.extern)],
                ])
            }
        case 5:
            guard !m.elems.isEmpty else {
                m.elems.append(ElemSegment(type: .funcref, inits: [[.refFunc(k)]], mode: .declarative))
                return m
            }
            let i = r.below(m.elems.count)
            switch r.below(4) {
            case 0: m.elems[i].type = RefType(nullable: r.coin(), r.pick([.func, .extern, .index(k), .any]))
            case 1:
                m.elems[i].mode = r.pick([
                    .passive, .declarative, .active(table: k, offset: [.i32Const(0)]),
                    .active(table: 0, offset: [.i64Const(0)]), .active(table: 0, offset: [.globalGet(k)]),
                ])
            case 2:
                m.elems[i].inits.append(
                    r.pick([[.refNull(.func)], [.refFunc(k)], [.globalGet(k)], [.refNull(.extern)], [.i32Const(0), .refI31]]))
            default:
                if !m.elems[i].inits.isEmpty { m.elems[i].inits[0] = [] }
            }
        case 6:
            guard !m.datas.isEmpty else { return m }
            m.datas[r.below(m.datas.count)].mode = r.pick([
                .passive, .active(memory: k, offset: [.i32Const(0)]), .active(memory: 0, offset: [.i64Const(0)]),
                .active(memory: 0, offset: [.globalGet(k)]),
                .active(memory: 0, offset: [.i32Const(1), .i32Const(2), .numeric(.i32Mul)]),
            ])
        case 7:
            if m.exports.isEmpty {
                m.exports.append(WasmBinary.Export(name: "x", kind: .func, index: k))
                return m
            }
            let i = r.below(m.exports.count)
            switch r.below(3) {
            case 0: m.exports[i].index = k
            case 1: m.exports[i].kind = r.pick([.func, .table, .memory, .global, .tag])
            default: m.exports.append(m.exports[i])
            }
        case 8:
            m.start = r.below(3) == 0 ? nil : k
        default:
            if m.tags.isEmpty { m.tags.append(TagType(.index(k))) } else { m.tags[0] = TagType(.index(k)) }
        }
        return m
    }
}
