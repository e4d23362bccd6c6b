// The wrapper modules of scripts converted to JavaScript (reference: script/js.ml
// "Wrappers"): a module that imports the function or global an action names, performs
// the action, and checks its results in WebAssembly, trapping when they do not match.
// The harness imports `spectest.hostref` and `spectest.eq_ref` into it as functions 1
// and 2; the subject is function or global 0. The bytes must be the reference's, so
// the module is built instruction for instruction as the reference builds it.

struct JSWrapper {
    /// What the action does.
    enum Subject {
        /// Calls a function of this type with these arguments.
        case invoke(DefType, [ScriptValue])
        /// Reads a global of this type.
        case get(GlobalType)
    }

    /// What the wrapper checks after the action.
    enum Check {
        case none
        case returns([ResultPattern])
    }

    /// The export the action names.
    let name: String
    let subject: Subject

    /// The wrapper's binary form, checking `check` against results of types `results`.
    func encode(_ check: Check, _ results: [ValType]) throws(Failure) -> [UInt8] {
        var statifier = Statifier()
        let dummy = JSWrapper.funcType([], [])
        let importType: ExternType
        var code: [Instruction]
        switch subject {
        case .invoke(let dt, let args):
            let i = statifier.defType(dt)
            importType = .func(.index(i))
            code = args.flatMap(JSWrapper.literal) + [.call(0)]
        case .get(let gt):
            importType = .global(gt)
            code = [.globalGet(0)]
        }
        var locals: [ValType] = []
        if case .returns(let patterns) = check {
            // Tests are made first to last (so that locals are numbered in that order),
            // then placed last to first: the last result is on top of the stack.
            var tests: [[Instruction]] = []
            for (p, t) in zip(patterns, results) { tests.append(test(p, t, &locals)) }
            code += tests.reversed().joined()
        }
        var m = Module()
        m.types = [dummy, JSWrapper.funcType([.i32], [.ref(.anyref)]), JSWrapper.funcType([.ref(.eqref), .ref(.eqref)], [.i32])]
            + statifier.defined
        m.imports = [
            Import(module: "module", name: name, type: importType),
            Import(module: "spectest", name: "hostref", type: .func(.index(1))),
            Import(module: "spectest", name: "eq_ref", type: .func(.index(2))),
        ]
        let item = UInt32(m.imports.filter { if case .func = $0.type { true } else { false } }.count)
        m.exports = [WasmBinary.Export(name: "run", kind: .func, index: item)]
        var runs: [Locals] = []
        for t in locals {
            if let last = runs.last, last.type == t {
                runs[runs.count - 1].count += 1
            } else {
                runs.append(Locals(1, t))
            }
        }
        m.funcs = [Func(type: 0, locals: runs, body: [.block(.empty)] + code + [.return, .end, .unreachable])]
        do {
            _ = try m.validate()
        } catch {
            throw Failure("validation error", error.message)
        }
        return m.encodePlain()
    }

    static func funcType(_ params: [ValType], _ results: [ValType]) -> RecType {
        RecType([SubType(.func(FuncType(params, results)))])
    }

    /// An argument pushed on the stack: host references come from `spectest.hostref`.
    static func literal(_ v: ScriptValue) -> [Instruction] {
        switch v {
        case .i32(let x): [.i32Const(x)]
        case .i64(let x): [.i64Const(x)]
        case .f32(let x): [.f32Const(x)]
        case .f64(let x): [.f64Const(x)]
        case .v128(let x): [.v128Const(x)]
        case .refHost(let n): [.i32Const(n), .call(1)]
        case .refExtern(let n): [.i32Const(n), .call(1), .externConvertAny]
        case .refNull(let ht): [.refNull(bottom(ht))]
        }
    }

    /// The bottom of a heap type's hierarchy (`bot_of_heaptype`).
    static func bottom(_ ht: HeapType) -> HeapType {
        switch ht {
        case .func, .nofunc: .nofunc
        case .extern, .noextern: .noextern
        case .exn, .noexn: .noexn
        default: .none
        }
    }

    // MARK: Checks

    /// The code that checks the value on top of the stack against a pattern, leaving the
    /// block (and so trapping) when it does not match.
    private func test(_ p: ResultPattern, _ t: ValType, _ locals: inout [ValType]) -> [Instruction] {
        let pt = ReferenceFormat.type(of: p)
        if !JSWrapper.matches(t, pt) && !JSWrapper.matches(pt, t) { return [.br(0)] }
        let fail: [Instruction] = [.numeric(.i32Eqz), .brIf(0)]
        switch p {
        case .num(let n):
            switch n {
            case .i32(let x): return [.nop, .i32Const(x), .nop, .numeric(.i32Eq)] + fail
            case .i64(let x): return [.nop, .i64Const(x), .nop, .numeric(.i64Eq)] + fail
            case .f32(let x):
                let r = Instruction.numeric(.i32ReinterpretF32)
                return [r, .f32Const(x), r, .numeric(.i32Eq)] + fail
            case .f64(let x):
                let r = Instruction.numeric(.i64ReinterpretF64)
                return [r, .f64Const(x), r, .numeric(.i64Eq)] + fail
            case .nan(.f32, let k):
                return [.numeric(.i32ReinterpretF32), .i32Const(k == .canonical ? 0x7FFF_FFFF : 0x7FC0_0000),
                        .numeric(.i32And), .i32Const(0x7FC0_0000), .numeric(.i32Eq)] + fail
            case .nan(_, let k):
                return [.numeric(.i64ReinterpretF64),
                        .i64Const(k == .canonical ? 0x7FFF_FFFF_FFFF_FFFF : 0x7FF8_0000_0000_0000),
                        .numeric(.i64And), .i64Const(0x7FF8_0000_0000_0000), .numeric(.i64Eq)] + fail
            }
        case .vec(let shape, let lanes):
            let (mask, expected) = JSWrapper.vectorMask(shape, lanes)
            return [.v128Const(mask), .vector(.v128And), .v128Const(expected), .vector(.i8x16Eq),
                    .vector(.i8x16AllTrue)] + fail
        case .ref(let r):
            switch r {
            case .anyNull, .null: return [.refIsNull] + fail
            case .host(let n): return [.i32Const(n), .call(1), .call(2)] + fail
            case .extern(let n): return [.i32Const(n), .call(1), .externConvertAny, .call(2)] + fail
            case .type(let ht) where ht == .exn || ht == .extern: return [.brOnNull(0)]
            case .type(let ht): return [.refTest(RefType(nullable: false, ht))] + fail
            }
        case .either(let ps):
            let idx = UInt32(locals.count)
            locals.append(t)
            var code: [Instruction] = [.localSet(idx), .block(.empty)]
            for q in ps {
                code += [.block(.empty), .localGet(idx)] + test(q, t, &locals) + [.br(1), .end]
            }
            return code + [.br(1), .end]
        }
    }

    /// The mask and the expected bits of a vector pattern, lane by lane: all bits of an
    /// exact lane count; of a NaN lane, those that decide the NaN pattern.
    static func vectorMask(_ shape: VecShape, _ lanes: [NumPattern]) -> (V128, V128) {
        var masks: [UInt64] = []
        var canons: [UInt64] = []
        for l in lanes {
            switch l {
            case .i32(let x): masks.append(0xFFFF_FFFF); canons.append(UInt64(x))
            case .i64(let x): masks.append(.max); canons.append(x)
            case .f32(let x): masks.append(0xFFFF_FFFF); canons.append(UInt64(x))
            case .f64(let x): masks.append(.max); canons.append(x)
            case .nan(.f32, let k): masks.append(k == .canonical ? 0x7FFF_FFFF : 0x7FC0_0000); canons.append(0x7FC0_0000)
            case .nan(_, let k):
                masks.append(k == .canonical ? 0x7FFF_FFFF_FFFF_FFFF : 0x7FF8_0000_0000_0000)
                canons.append(0x7FF8_0000_0000_0000)
            }
        }
        let ones = V128(lo: .max, hi: .max)
        switch shape {
        case .i8x16: return (ones, lanesOf(canons, width: 1))
        case .i16x8: return (ones, lanesOf(canons, width: 2))
        case .i32x4: return (ones, lanesOf(canons, width: 4))
        case .i64x2: return (ones, lanesOf(canons, width: 8))
        case .f32x4: return (lanesOf(masks, width: 4), lanesOf(canons, width: 4))
        case .f64x2: return (lanesOf(masks, width: 8), lanesOf(canons, width: 8))
        }
    }

    /// A vector of lanes `width` bytes wide, each truncated to its width.
    private static func lanesOf(_ values: [UInt64], width: Int) -> V128 {
        var lo: UInt64 = 0
        var hi: UInt64 = 0
        for (i, v) in values.enumerated() {
            let bits = width == 8 ? v : v & ((1 << UInt64(width * 8)) - 1)
            let at = i * width * 8
            if at < 64 { lo |= bits << UInt64(at) } else { hi |= bits << UInt64(at - 64) }
        }
        return V128(lo: lo, hi: hi)
    }

    /// Subtyping as the check needs it: closed types against the abstract ones results
    /// patterns name.
    static func matches(_ a: ValType, _ b: ValType) -> Bool {
        guard case .ref(let r1) = a, case .ref(let r2) = b else { return AbstractTypes.matches(a, b) }
        if r1.nullable && !r2.nullable { return false }
        switch (r1.heapType, r2.heapType) {
        case (.def(let d1), .def(let d2)): return d1 == d2
        case (.def(let d), let h): return AbstractTypes.matches(.ref(RefType(nullable: false, kind(d))), .ref(RefType(nullable: false, h)))
        case (let h, .def(let d)): return h == .bot || h == bottom(kind(d))
        default: return AbstractTypes.matches(.ref(r1), .ref(r2))
        }
    }

    /// The abstract heap type a defined type falls under.
    private static func kind(_ d: DefType) -> HeapType {
        switch d.rolledSubType.compType {
        case .func: .func
        case .struct: .struct
        case .array: .array
        }
    }
}

/// Turns closed types back into type definitions of a module (`statify_deftype`): each
/// recursion group the subject's type reaches becomes a definition after the three the
/// wrapper declares itself, groups it refers to first; a group met again, or equal to one
/// of the wrapper's own (`(func)`), is not repeated.
struct Statifier {
    private var groups: [(original: RecType, start: UInt32)] = []
    private(set) var defined: [RecType] = []

    init() {
        let dummy = JSWrapper.funcType([], [])
        groups = [(dummy, 0), (dummy, 1), (dummy, 2)]
    }

    /// The index the defined type gets.
    mutating func defType(_ dt: DefType) -> UInt32 {
        if let g = groups.first(where: { $0.original == dt.recType }) { return g.start &+ dt.index }
        let subs = dt.recType.subTypes.map { subType($0) }
        // After the group recorded last, which may be one the subtypes just added.
        let last = groups[groups.count - 1]
        let start = last.start &+ UInt32(truncatingIfNeeded: last.original.subTypes.count)
        let rolled = RecType(subs.map { Statifier.substitute($0, start) })
        groups.append((dt.recType, start))
        defined.append(rolled)
        return start &+ dt.index
    }

    private mutating func use(_ u: TypeUse) -> TypeUse {
        if case .def(let dt) = u { return .index(defType(dt)) }
        return u
    }

    private mutating func heap(_ h: HeapType) -> HeapType {
        if case .def(let dt) = h { return .index(defType(dt)) }
        return h
    }

    private mutating func val(_ t: ValType) -> ValType {
        if case .ref(let r) = t { return .ref(RefType(nullable: r.nullable, heap(r.heapType))) }
        return t
    }

    private mutating func field(_ f: FieldType) -> FieldType {
        if case .val(let t) = f.storage { return FieldType(mutable: f.mutable, .val(val(t))) }
        return f
    }

    private mutating func subType(_ s: SubType) -> SubType {
        let supers = s.supertypes.map { use($0) }
        let comp: CompType
        switch s.compType {
        case .struct(let fs): comp = .struct(fs.map { field($0) })
        case .array(let f): comp = .array(field(f))
        case .func(let ft):
            let params = ft.params.map { val($0) }
            let results = ft.results.map { val($0) }
            comp = .func(FuncType(params, results))
        }
        return SubType(isFinal: s.isFinal, supertypes: supers, comp)
    }

    /// References within the group (`rec.j`) become indices from `start`.
    private static func substitute(_ s: SubType, _ start: UInt32) -> SubType {
        func use(_ u: TypeUse) -> TypeUse {
            if case .rec(let j) = u { return .index(start &+ j) }
            return u
        }
        func val(_ t: ValType) -> ValType {
            guard case .ref(let r) = t, case .rec(let j) = r.heapType else { return t }
            return .ref(RefType(nullable: r.nullable, .index(start &+ j)))
        }
        func field(_ f: FieldType) -> FieldType {
            if case .val(let t) = f.storage { return FieldType(mutable: f.mutable, .val(val(t))) }
            return f
        }
        let comp: CompType
        switch s.compType {
        case .struct(let fs): comp = .struct(fs.map(field))
        case .array(let f): comp = .array(field(f))
        case .func(let ft): comp = .func(FuncType(ft.params.map(val), ft.results.map(val)))
        }
        return SubType(isFinal: s.isFinal, supertypes: s.supertypes.map(use), comp)
    }
}
