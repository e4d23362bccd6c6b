// Random valid function bodies for differential testing, built to stress the compiler in
// Sources/WasmSpec/Execution: deferred `local.get`s still on the stack when the local is
// written, results redirected into locals, comparisons fused into branches, constants in
// frame slots, branches carrying values out of nested blocks, multi-value blocks with
// parameters, calls of every kind, exceptions, memory and table accesses at the edges.
//
// The generator is type-directed: `gen(t)` emits code that pushes one value of type `t`,
// `statement()` emits code that leaves the stack as it was, and structured instructions
// take their parameters from the stack and leave their results there. Everything it emits
// validates by construction; the harness counts any module either interpreter rejects.

import WasmBinary

/// A label in scope: the types a branch to it carries.
struct GenLabel {
    var types: [GenType]
    var isLoop: Bool
}

final class CodeGenerator {
    unowned let program: ProgramGenerator
    let function: Int
    let type: GenFuncType
    /// Parameters, then declared locals.
    var locals: [GenType] = []
    var labels: [GenLabel] = []
    var lines: [String] = []
    var indent = 2
    var budget = 0
    var depth = 0
    /// Loop counters, which other code leaves alone.
    var reserved: Set<Int> = []

    init(program: ProgramGenerator, function: Int) {
        self.program = program
        self.function = function
        self.type = program.funcTypes[program.funcs[function]]
    }

    // MARK: Randomness (the program's one stream)

    func below(_ n: Int) -> Int { program.rng.below(n) }
    func chance(_ p: Int) -> Bool { program.rng.chance(p) }
    func range(_ r: ClosedRange<Int>) -> Int { program.rng.range(r) }
    func pick<T>(_ xs: [T]) -> T { program.rng.pick(xs) }

    /// Runs one of the alternatives whose weight is positive.
    func choose(_ alternatives: [(Int, () -> Void)]) {
        let i = program.rng.weighted(alternatives.map(\.0))
        alternatives[i].1()
    }

    var features: GenFeatures { program.features }

    // MARK: Emitting

    func emit(_ s: String) {
        lines.append(String(repeating: " ", count: indent * 2) + s)
    }

    func open(_ s: String, _ label: GenLabel) {
        emit(s)
        labels.append(label)
        indent += 1
    }

    func close() {
        labels.removeLast()
        indent -= 1
        emit("end")
    }

    // MARK: The function

    func generateFunction() -> String {
        locals = type.params
        for _ in 0..<(program.manyLocals ? range(40...300) : range(0...5)) { locals.append(program.randomType()) }
        labels = [GenLabel(types: type.results, isLoop: false)]
        budget = range(8...program.bodyBudget)
        // Every call costs one unit of the invocation's call allowance.
        emit("global.get $calls")
        emit("i32.eqz")
        emit("if")
        emit("  unreachable")
        emit("end")
        emit("global.get $calls")
        emit("i32.const 1")
        emit("i32.sub")
        emit("global.set $calls")
        statements(range(0...3))
        genSeq(type.results)
        if chance(30) { statements(range(1...2)) }
        let declared = locals[type.params.count...]
        let header = declared.isEmpty ? "" : "    (local \(declared.map(\.text).joined(separator: " ")))\n"
        return header + lines.joined(separator: "\n")
    }

    // MARK: Locals

    /// A local of type `t`, preferring a few so that reads and writes of the same local
    /// meet; sometimes a new one.
    func local(_ t: GenType, fresh: Bool = false) -> Int {
        let candidates = locals.indices.filter { locals[$0] == t && !reserved.contains($0) }
        if candidates.isEmpty || fresh || chance(5) {
            locals.append(t)
            return locals.count - 1
        }
        return candidates[min(below(candidates.count), below(candidates.count))]
    }

    // MARK: Values

    var exhausted: Bool { budget <= 0 || depth > program.maxDepth }

    /// Pushes values of the given types, in order.
    func genSeq(_ ts: [GenType]) {
        var i = 0
        while i < ts.count {
            // Sometimes several values at once from a multi-value block or call.
            let rest = ts.count - i
            if rest >= 2 && !exhausted && chance(15) {
                let n = range(2...min(rest, 3))
                genMulti(Array(ts[i..<(i + n)]))
                i += n
            } else {
                gen(ts[i])
                i += 1
            }
        }
    }

    /// Pushes several values with one structured instruction or call.
    func genMulti(_ ts: [GenType]) {
        let calls = program.funcs.indices.filter { program.funcTypes[program.funcs[$0]].results == ts }
        choose([
            (3, { self.structured(params: self.randomParams(), results: ts) }),
            (calls.isEmpty ? 0 : 2, { self.call(self.pick(calls)) }),
            (1, { for t in ts { self.gen(t) } }),
        ])
    }

    func randomParams() -> [GenType] {
        chance(60) ? [] : (0..<range(1...2)).map { _ in program.randomType() }
    }

    /// Pushes one value of type `t`.
    func gen(_ t: GenType) {
        budget -= 1
        depth += 1
        defer { depth -= 1 }
        if exhausted {
            leaf(t)
            return
        }
        let labelTargets = labels.indices.filter { labels[$0].types.last == t }
        let returnCalls = tailCallTargets()
        choose([
            (30, { self.leaf(t) }),
            (22, { self.operation(t) }),
            (6, { self.tee(t) }),
            (4, { self.select(t) }),
            (5, { self.structured(params: self.randomParams(), results: [t]) }),
            (3, { self.callReturning(t) }),
            (5, {
                self.statement()
                self.gen(t)
            }),
            (6, {
                // The value stays on the stack, possibly a deferred local read, while the
                // statement writes locals.
                self.gen(t)
                self.statement()
            }),
            (labelTargets.isEmpty ? 0 : 3, { self.branchIf(to: self.pick(labelTargets), producing: t) }),
            (features.references ? 1 : 0, {
                // The value leaves the block when a reference is null.
                self.open("block (result \(t.text))", GenLabel(types: [t], isLoop: false))
                self.gen(t)
                self.gen(self.pick([GenType.funcref, .externref]))
                self.emit("br_on_null 0")
                self.emit("drop")
                self.close()
            }),
            (1, {
                // Mostly elsewhere: code after it is dead (see `body` for branches at
                // the end of blocks).
                if self.chance(30) { self.polymorphic(returnCalls) } else { self.leaf(t) }
            }),
            (1, { self.brTable(producing: t) }),
        ])
    }

    /// A value without nested code: a constant, a local or a global.
    func leaf(_ t: GenType) {
        let globals = program.globals.indices.filter { program.globals[$0].type == t }
        choose([
            (t.isRef ? 3 : 10, { self.constant(t) }),
            (10, { self.emit("local.get \(self.local(t))") }),
            (globals.isEmpty ? 0 : 2, { self.emit("global.get $g\(self.pick(globals))") }),
        ])
    }

    func constant(_ t: GenType) {
        switch t {
        case .i32, .i64, .f32, .f64, .v128: emit(GenConstants.constant(t, &program.rng))
        case .funcref:
            if chance(50) { emit("ref.null func") } else { emit("ref.func \(pick(program.funcNames))") }
        case .externref: emit("ref.null extern")
        case .exnref: emit("ref.null exn")
        case .anyref, .eqref, .i31ref:
            if chance(30) {
                emit("ref.null \(t == .anyref ? "any" : t == .eqref ? "eq" : "i31")")
            } else {
                emit(GenConstants.constant(.i32, &program.rng))
                emit("ref.i31")
            }
        case .structRef(let s):
            if chance(30) { emit("ref.null $s\(s)") } else { emit("struct.new_default $s\(s)") }
        case .funcRef(let k):
            let fs = program.funcs.indices.filter { program.funcs[$0] == k }
            if fs.isEmpty || chance(25) { emit("ref.null $t\(k)") } else { emit("ref.func \(program.funcNames[pick(fs)])") }
        case .arrayRef(let a):
            if chance(30) {
                emit("ref.null $a\(a)")
            } else {
                emit("i32.const \(below(5))")
                emit("array.new_default $a\(a)")
            }
        }
    }

    func tee(_ t: GenType) {
        gen(t)
        let x = local(t)
        emit("local.tee \(x)")
        if chance(20) {
            // Tee, then write the same local again while the tee's value is on the stack.
            gen(t)
            emit("local.set \(x)")
        }
    }

    func select(_ t: GenType) {
        gen(t)
        gen(t)
        condition()
        if t.isRef || t == .v128 && chance(50) || chance(30) {
            emit("select (result \(t.text))")
        } else {
            emit("select")
        }
    }

    /// An i32 condition, often a comparison that the compiler fuses into a branch.
    func condition() {
        choose([
            (4, { self.gen(.i32) }),
            (3, {
                let t: GenType = self.chance(70) ? .i32 : .i64
                self.gen(t)
                self.gen(t)
                let ops = ["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"]
                self.emit("\(t.text).\(self.pick(ops))")
            }),
            (2, {
                // Both operands read locals directly: the fused branch reads them late.
                let t: GenType = self.chance(70) ? .i32 : .i64
                self.emit("local.get \(self.local(t))")
                if self.chance(50) { self.emit("local.get \(self.local(t))") } else { self.constant(t) }
                let ops = ["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"]
                self.emit("\(t.text).\(self.pick(ops))")
            }),
            (1, {
                let t: GenType = self.chance(60) ? .i32 : .i64
                self.gen(t)
                self.emit("\(t.text).eqz")
            }),
            (1, {
                let t: GenType = self.chance(50) ? .f32 : .f64
                self.gen(t)
                self.gen(t)
                self.emit("\(t.text).\(self.pick(["eq", "ne", "lt", "gt", "le", "ge"]))")
            }),
        ])
    }

    // MARK: Operators

    static let numericByResult: [GenType: [NumericOp]] = {
        var table: [GenType: [NumericOp]] = [:]
        for op in NumericOp.allCases {
            guard let r = op.signature.result, let t = GenType.from(r) else { continue }
            table[t, default: []].append(op)
        }
        return table
    }()

    static let vectorByResult: [GenType: [VectorOp]] = {
        var table: [GenType: [VectorOp]] = [:]
        for op in VectorOp.allCases {
            guard let r = op.signature.result, let t = GenType.from(r) else { continue }
            table[t, default: []].append(op)
        }
        return table
    }()

    /// An operator whose result has type `t`, on generated operands.
    func operation(_ t: GenType) {
        switch t {
        case .i32, .i64, .f32, .f64:
            choose([
                (10, { self.numeric(t) }),
                (3, { self.load(t) }),
                (t == .i32 ? 2 : 0, { self.memorySizeOrGrow() }),
                (features.simd ? 2 : 0, { self.fromVector(t) }),
                (t == .i32 && features.references ? 2 : 0, { self.referenceTest() }),
                (features.gc ? 2 : 0, { self.aggregateRead(t) }),
            ])
        case .v128:
            choose([
                (8, { self.vector() }),
                (features.gc ? 1 : 0, { self.aggregateRead(t) }),
                (2, { self.load(.v128) }),
                (2, { self.laneLoad() }),
                (2, { self.replaceLane() }),
                (1, { self.shuffle() }),
            ])
        case .funcref:
            choose([
                (2, { self.constant(t) }),
                (2, { self.tableGet() }),
                (features.gc ? 1 : 0, { self.aggregateRead(t) }),
            ])
        case .externref:
            choose([
                (2, { self.leaf(t) }),
                (features.gc ? 2 : 0, {
                    self.gen(.anyref)
                    self.emit("extern.convert_any")
                }),
            ])
        case .exnref:
            leaf(t)
        case .funcRef(let k):
            choose([
                (2, { self.constant(t) }),
                (2, {
                    self.gen(t)
                    self.emit("ref.as_non_null")
                }),
                (features.gc ? 2 : 0, {
                    self.tableGet()
                    self.emit("ref.cast (ref\(self.chance(50) ? " null" : "") $t\(k))")
                }),
                (features.gc ? 1 : 0, {
                    self.gen(.funcref)
                    self.emit("ref.test (ref $t\(k))")
                    self.emit("drop")
                    self.constant(t)
                }),
            ])
        case .anyref, .eqref:
            choose([
                (3, { self.constant(t) }),
                (3, {
                    // A subtype, used as its supertype.
                    var subs: [GenType] = [.i31ref, .eqref]
                    subs += self.program.structTypes.indices.map { .structRef($0) }
                    subs += self.program.arrayTypes.indices.map { .arrayRef($0) }
                    self.gen(self.pick(subs.filter { $0 != t }))
                }),
                (t == .anyref ? 1 : 0, {
                    self.gen(.externref)
                    self.emit("any.convert_extern")
                }),
                (1, { self.cast(to: t) }),
            ])
        case .i31ref:
            choose([
                (3, {
                    self.gen(.i32)
                    self.emit("ref.i31")
                }),
                (1, { self.cast(to: t) }),
            ])
        case .structRef(let s):
            choose([
                (3, {
                    for f in self.program.structTypes[s].fields { self.gen(f.type) }
                    self.emit("struct.new $s\(s)")
                }),
                (1, { self.emit("struct.new_default $s\(s)") }),
                (2, { self.cast(to: t) }),
                (2, { self.branchOnCast(to: t) }),
                (1, {
                    let subs = self.program.structTypes.indices.filter { self.program.isSubStruct($0, of: s) && $0 != s }
                    if let sub = subs.first { self.gen(.structRef(sub)) } else { self.constant(t) }
                }),
            ])
        case .arrayRef(let a):
            let elem = program.arrayTypes[a].type
            choose([
                (2, {
                    self.gen(elem)
                    self.arrayLength()
                    self.emit("array.new $a\(a)")
                }),
                (1, {
                    self.arrayLength()
                    self.emit("array.new_default $a\(a)")
                }),
                (2, {
                    let n = self.range(0...4)
                    for _ in 0..<n { self.gen(elem) }
                    self.emit("array.new_fixed $a\(a) \(n)")
                }),
                (self.dataArray(a) && !self.program.passiveData.isEmpty ? 2 : 0, {
                    self.emit("i32.const \(self.below(12))")
                    self.arrayLength()
                    self.emit("array.new_data $a\(a) $d\(self.below(self.program.passiveData.count))")
                }),
                (elem == .funcref ? 2 : 0, {
                    self.emit("i32.const \(self.below(self.program.passiveElem.count + 2))")
                    self.arrayLength()
                    self.emit("array.new_elem $a\(a) $e0")
                }),
                (1, { self.cast(to: t) }),
            ])
        }
    }

    func numeric(_ t: GenType) {
        guard let ops = Self.numericByResult[t] else { return leaf(t) }
        let op = pick(ops)
        for p in op.signature.params { gen(GenType.from(p) ?? .i32) }
        emit(op.name)
    }

    func vector() {
        guard let ops = Self.vectorByResult[.v128] else { return leaf(.v128) }
        let op = pick(ops)
        for p in op.signature.params { gen(GenType.from(p) ?? .i32) }
        emit(op.name)
    }

    /// A scalar from a vector: a lane, or a test.
    func fromVector(_ t: GenType) {
        let lanes = LaneOp.allCases.filter { !$0.isReplace && $0.signature.result.flatMap(GenType.from) == t }
        let tests = Self.vectorByResult[t] ?? []
        if !tests.isEmpty && chance(40) {
            let op = pick(tests)
            for p in op.signature.params { gen(GenType.from(p) ?? .i32) }
            emit(op.name)
        } else if let op = lanes.isEmpty ? nil : pick(lanes) {
            gen(.v128)
            emit("\(op.name) \(below(Int(op.info.lanes)))")
        } else {
            numeric(t)
        }
    }

    func replaceLane() {
        let op = pick(LaneOp.allCases.filter(\.isReplace))
        gen(.v128)
        gen(GenType.from(op.signature.params[1]) ?? .i32)
        emit("\(op.name) \(below(Int(op.info.lanes)))")
    }

    func shuffle() {
        gen(.v128)
        gen(.v128)
        emit("i8x16.shuffle " + (0..<16).map { _ in String(below(32)) }.joined(separator: " "))
    }

    // MARK: Memory

    /// Which memory an access uses, as text before the memarg, and its address type.
    func memory() -> (name: String, address: GenType) {
        if features.secondMemory && chance(25) { return ("$m1 ", .i32) }
        return (chance(30) ? "$m0 " : "", program.addressType)
    }

    /// An address: mostly in bounds, sometimes at the very end or beyond.
    func address(_ a: GenType) {
        choose([
            (4, { self.emit("\(a.text).const \(self.below(260))") }),
            (2, {
                self.emit("\(a.text).const \(65536 - self.range(1...24))")
            }),
            (1, { self.emit(a == .i32 ? "i32.const -1" : "i64.const \(self.pick(["-1", "0x100000000", "65536", "131072"]))") }),
            (3, {
                self.gen(a)
                self.emit("\(a.text).const 0xff")
                self.emit("\(a.text).and")
            }),
            (1, { self.gen(a) }),
            (1, { self.emit("local.get \(self.local(a))") }),
            (3, {
                // Stays in bounds (the 16 bytes from 0xffe0 still are) when the value
                // is small; the local is often a counter or a stored address.
                self.emit("local.get \(self.local(a))")
                self.emit("\(a.text).const 0xffe0")
                self.emit("\(a.text).and")
            }),
        ])
    }

    func memarg(_ naturalAlignment: UInt32, _ a: GenType) -> String {
        var s = ""
        switch below(10) {
        case 0..<6: break
        case 6..<9: s += " offset=\(below(64))"
        default:
            var offsets: [UInt64] = [65535, 65536, 65528, 0x7FFF_FFFF, 0xFFFF_FFFF]
            if a == .i64 { offsets += [0x1_0000_0000, 0x8000_0000_0000_0000, 0xFFFF_FFFF_FFFF_FFF0] }
            s += " offset=\(pick(offsets))"
        }
        if chance(30) { s += " align=\(1 << below(Int(naturalAlignment) + 1))" }
        return s
    }

    func load(_ t: GenType) {
        let ops = LoadOp.allCases.filter { GenType.from($0.signature.result ?? .i32) == t }
        guard !ops.isEmpty else { return leaf(t) }
        let op = pick(ops)
        let (m, a) = memory()
        address(a)
        emit("\(op.name) \(m)\(memarg(op.info.alignment, a))".trimmingTrailingSpace)
    }

    func laneLoad() {
        let op = pick(LaneMemoryOp.allCases.filter { !$0.isStore })
        let (m, a) = memory()
        address(a)
        gen(.v128)
        emit("\(op.name) \(m)\(memarg(op.info.alignment, a)) \(below(Int(op.info.lanes)))")
    }

    func store() {
        let (m, a) = memory()
        if features.simd && chance(15) {
            let op = pick(LaneMemoryOp.allCases.filter(\.isStore))
            address(a)
            gen(.v128)
            emit("\(op.name) \(m)\(memarg(op.info.alignment, a)) \(below(Int(op.info.lanes)))")
            return
        }
        let ops = StoreOp.allCases.filter { features.simd || $0 != .v128Store }
        let op = pick(ops)
        address(a)
        gen(GenType.from(op.signature.params[0]) ?? .i32)
        emit("\(op.name) \(m)\(memarg(op.info.alignment, a))".trimmingTrailingSpace)
    }

    func memorySizeOrGrow() {
        // Only memory 0 may grow (to its maximum, two pages); memory 1 has one page.
        if features.memory64 {
            if chance(50) {
                emit("memory.size")
            } else {
                gen(.i64)
                emit("i64.const 3")
                emit("i64.and")
                emit("memory.grow")
            }
            emit("i32.wrap_i64")
            return
        }
        if chance(50) {
            emit(features.secondMemory && chance(30) ? "memory.size $m1" : "memory.size")
        } else {
            gen(.i32)
            emit("i32.const 3")
            emit("i32.and")
            emit(features.secondMemory && chance(30) ? "memory.grow $m1" : "memory.grow")
        }
    }

    func bulkMemory() {
        let a = program.addressType
        choose([
            (3, {
                self.address(a)
                self.gen(.i32)
                self.emit("\(a.text).const \(self.below(40))")
                self.emit("memory.fill")
            }),
            (3, {
                self.address(a)
                self.address(a)
                self.emit("\(a.text).const \(self.below(40))")
                self.emit("memory.copy")
            }),
            (self.features.secondMemory ? 2 : 0, {
                // Between memories of different address types, the length is an i32.
                self.address(a)
                self.address(.i32)
                self.emit("i32.const \(self.below(40))")
                self.emit("memory.copy $m0 $m1")
            }),
            (self.program.passiveData.isEmpty ? 0 : 2, {
                let d = self.below(self.program.passiveData.count)
                self.address(a)
                self.emit("i32.const \(self.below(8))")
                self.emit("i32.const \(self.below(20))")
                self.emit("memory.init $d\(d)")
            }),
            (self.program.passiveData.isEmpty ? 0 : 1, {
                self.emit("data.drop $d\(self.below(self.program.passiveData.count))")
            }),
        ])
    }

    // MARK: Tables and references

    /// An index into `$tab` (of its address type), mostly in bounds.
    func tableIndex() {
        let a = program.tableAddressType
        choose([
            (8, { self.emit("\(a.text).const \(self.below(self.program.table.count + 1))") }),
            (2, {
                self.gen(a)
                self.emit("\(a.text).const 7")
                self.emit("\(a.text).and")
            }),
            (1, { self.gen(a) }),
        ])
    }

    /// The imported table `$t1` (10 slots, i32 indices), when there is one.
    func importedTableIndex() {
        if chance(85) { emit("i32.const \(below(11))") } else { gen(.i32) }
    }

    func tableGet() {
        if program.importedTable && chance(30) {
            importedTableIndex()
            emit("table.get $t1")
        } else {
            tableIndex()
            emit("table.get $tab")
        }
    }

    func tableStatement() {
        choose([
            (3, {
                self.tableIndex()
                self.gen(.funcref)
                self.emit("table.set $tab")
            }),
            (1, {
                self.tableIndex()
                self.gen(.funcref)
                self.emit("\(self.program.tableAddressType.text).const \(self.below(4))")
                self.emit("table.fill $tab")
            }),
            (1, {
                self.tableIndex()
                self.tableIndex()
                self.emit("\(self.program.tableAddressType.text).const \(self.below(4))")
                self.emit("table.copy $tab $tab")
            }),
            (1, {
                self.tableIndex()
                self.emit("i32.const \(self.below(self.program.passiveElem.count + 2))")
                self.emit("i32.const \(self.below(3))")
                self.emit("table.init $tab $e0")
            }),
            (1, { self.emit("elem.drop $e0") }),
            (1, {
                self.gen(.funcref)
                self.emit("\(self.program.tableAddressType.text).const \(self.below(3))")
                self.emit("table.grow $tab")
                self.emit("drop")
            }),
            (program.importedTable ? 2 : 0, {
                self.importedTableIndex()
                self.gen(.funcref)
                self.emit("table.set $t1")
            }),
            (program.importedTable && !program.features.table64 ? 1 : 0, {
                // Between the two tables, both ways.
                let (d, s) = self.chance(50) ? ("$t1", "$tab") : ("$tab", "$t1")
                self.importedTableIndex()
                self.importedTableIndex()
                self.emit("i32.const \(self.below(4))")
                self.emit("table.copy \(d) \(s)")
            }),
            (program.importedTable ? 1 : 0, {
                self.gen(.funcref)
                self.emit("i32.const \(self.below(4))")
                self.emit("table.grow $t1")
                self.emit("drop")
            }),
        ])
    }

    /// An i32 from a reference: null test, equality, type test, table size.
    func referenceTest() {
        var refTypes: [GenType] = [.funcref, .externref]
        if features.exceptions { refTypes.append(.exnref) }
        if features.gc { refTypes += [.anyref, .eqref, .i31ref] }
        choose([
            (3, {
                self.gen(self.pick(refTypes))
                self.emit("ref.is_null")
            }),
            (1, {
                self.emit("table.size $tab")
                if self.features.table64 { self.emit("i32.wrap_i64") }
            }),
            (features.gc ? 2 : 0, {
                self.gen(.eqref)
                self.gen(.eqref)
                self.emit("ref.eq")
            }),
            (features.gc ? 2 : 0, {
                self.gen(.anyref)
                self.emit("ref.test \(self.castTarget(nullable: self.chance(40)))")
            }),
            (features.gc ? 2 : 0, {
                self.gen(.i31ref)
                self.emit(self.chance(50) ? "i31.get_s" : "i31.get_u")
            }),
            (features.gc ? 2 : 0, {
                let a = self.below(self.program.arrayTypes.count)
                self.gen(.arrayRef(a))
                self.emit("array.len")
            }),
        ])
    }

    /// A heap type to test or cast an anyref against, as a reference type.
    func castTarget(nullable: Bool) -> String {
        var heaps = ["any", "eq", "i31", "struct", "array", "none"]
        heaps += program.structTypes.indices.map { "$s\($0)" }
        heaps += program.arrayTypes.indices.map { "$a\($0)" }
        return "(ref \(nullable ? "null " : "")\(pick(heaps)))"
    }

    /// A cast from anyref to `t` (traps when it fails).
    func cast(to t: GenType) {
        gen(.anyref)
        switch t {
        case .structRef(let s): emit("ref.cast (ref\(chance(50) ? " null" : "") $s\(s))")
        case .arrayRef(let a): emit("ref.cast (ref\(chance(50) ? " null" : "") $a\(a))")
        case .i31ref: emit("ref.cast i31ref")
        case .eqref: emit("ref.cast eqref")
        default: emit("ref.cast anyref")
        }
    }

    /// `br_on_cast` / `br_on_cast_fail` producing a struct reference.
    func branchOnCast(to t: GenType) {
        guard case .structRef(let s) = t else { return constant(t) }
        let target = "(ref null $s\(s))"
        open("block (result \(target))", GenLabel(types: [t], isLoop: false))
        gen(.anyref)
        if chance(50) {
            emit("br_on_cast 0 anyref \(target)")
            emit("drop")
            gen(t)
        } else {
            // Fails to cast: the anyref goes on; a successful cast falls through.
            open("block (param anyref) (result anyref)", GenLabel(types: [.anyref], isLoop: false))
            emit("br_on_cast_fail 0 anyref \(target)")
            emit("br 1")
            close()
            emit("drop")
            gen(t)
        }
        close()
    }

    /// A scalar read from a struct or an array (traps on null or out of bounds).
    func aggregateRead(_ t: GenType) {
        let structFields = program.structTypes.indices.flatMap { s in
            program.structTypes[s].fields.indices.compactMap { f in program.structTypes[s].fields[f].type == t ? (s, f) : nil }
        }
        let arrays = program.arrayTypes.indices.filter { program.arrayTypes[$0].type == t }
        choose([
            (structFields.isEmpty ? 0 : 2, {
                let (s, f) = self.pick(structFields)
                self.gen(.structRef(s))
                let packed = self.program.structTypes[s].fields[f].storage.hasPrefix("i8") || self.program.structTypes[s].fields[f].storage.hasPrefix("i16")
                self.emit("struct.get\(packed ? self.pick(["_s", "_u"]) : "") $s\(s) \(f)")
            }),
            (arrays.isEmpty ? 0 : 2, {
                let a = self.pick(arrays)
                self.gen(.arrayRef(a))
                self.arrayIndex()
                let packed = self.program.arrayTypes[a].storage != t.text
                self.emit("array.get\(packed ? self.pick(["_s", "_u"]) : "") $a\(a)")
            }),
            (1, { self.numeric(t) }),
        ])
    }

    /// Whether array type `a` has numeric or vector elements (and so can be filled from a
    /// data segment).
    func dataArray(_ a: Int) -> Bool {
        let t = program.arrayTypes[a].type
        return t.isNumeric || t == .v128
    }

    func arrayIndex() {
        if chance(80) { emit("i32.const \(below(6))") } else { gen(.i32) }
    }

    func arrayLength() {
        if chance(85) {
            emit("i32.const \(below(6))")
        } else {
            gen(.i32)
            emit("i32.const 7")
            emit("i32.and")
        }
    }

    func aggregateWrite() {
        let mutableFields = program.structTypes.indices.flatMap { s in
            program.structTypes[s].fields.indices.compactMap { f in program.structTypes[s].fields[f].mutable ? (s, f) : nil }
        }
        let arrays = program.arrayTypes.indices.filter { program.arrayTypes[$0].mutable }
        choose([
            (mutableFields.isEmpty ? 0 : 3, {
                let (s, f) = self.pick(mutableFields)
                self.gen(.structRef(s))
                self.gen(self.program.structTypes[s].fields[f].type)
                self.emit("struct.set $s\(s) \(f)")
            }),
            (arrays.isEmpty ? 0 : 3, {
                let a = self.pick(arrays)
                self.gen(.arrayRef(a))
                self.arrayIndex()
                self.gen(self.program.arrayTypes[a].type)
                self.emit("array.set $a\(a)")
            }),
            (arrays.isEmpty ? 0 : 1, {
                let a = self.pick(arrays)
                self.gen(.arrayRef(a))
                self.arrayIndex()
                self.gen(self.program.arrayTypes[a].type)
                self.arrayIndex()
                self.emit("array.fill $a\(a)")
            }),
            (arrays.isEmpty ? 0 : 1, {
                let a = self.pick(arrays)
                self.gen(.arrayRef(a))
                self.arrayIndex()
                self.gen(.arrayRef(a))
                self.arrayIndex()
                self.arrayIndex()
                self.emit("array.copy $a\(a) $a\(a)")
            }),
            (arrays.contains(where: self.dataArray) && !self.program.passiveData.isEmpty ? 1 : 0, {
                let a = self.pick(arrays.filter(self.dataArray))
                self.gen(.arrayRef(a))
                self.arrayIndex()
                self.emit("i32.const \(self.below(12))")
                self.arrayIndex()
                self.emit("array.init_data $a\(a) $d\(self.below(self.program.passiveData.count))")
            }),
            (arrays.contains { self.program.arrayTypes[$0].type == .funcref } ? 1 : 0, {
                let a = self.pick(arrays.filter { self.program.arrayTypes[$0].type == .funcref })
                self.gen(.arrayRef(a))
                self.arrayIndex()
                self.emit("i32.const \(self.below(self.program.passiveElem.count + 1))")
                self.arrayIndex()
                self.emit("array.init_elem $a\(a) $e0")
            }),
            (1, { self.emit("nop") }),
        ])
    }

    // MARK: Calls

    func callArguments(_ params: [GenType]) { genSeq(params) }

    func call(_ f: Int) {
        let ft = program.funcTypes[program.funcs[f]]
        callArguments(ft.params)
        choose([
            (5, { self.emit("call \(self.program.funcNames[f])") }),
            (2, {
                self.emit("ref.func \(self.program.funcNames[f])")
                self.emit("call_ref $t\(self.program.funcs[f])")
            }),
            (2, {
                // Whatever a typed local holds: this function, another of its type, null.
                self.gen(.funcRef(self.program.funcs[f]))
                self.emit("call_ref $t\(self.program.funcs[f])")
            }),
            (2, {
                // Through the table: the slot may hold another function or none.
                let slots = self.program.table.indices.filter { self.program.table[$0] == self.program.funcNames[f] }
                if let slot = slots.first, self.chance(70) {
                    self.emit("\(self.program.tableAddressType.text).const \(slot)")
                } else {
                    self.tableIndex()
                }
                self.emit("call_indirect $tab (type $t\(self.program.funcs[f]))")
            }),
        ])
    }

    /// Calls a function whose last result is `t`, keeping only that result.
    func callReturning(_ t: GenType) {
        let fs = program.funcs.indices.filter { program.funcTypes[program.funcs[$0]].results.last == t }
        guard let f = fs.isEmpty ? nil : pick(fs) else {
            if chance(30) {
                // Traps on the null reference.
                let ft = program.funcTypes[program.funcs[0]]
                callArguments(ft.params)
                emit("ref.null $t\(program.funcs[0])")
                emit("call_ref $t\(program.funcs[0])")
                for _ in ft.results { emit("drop") }
                leaf(t)
                return
            }
            return leaf(t)
        }
        call(f)
        keepLast(program.funcTypes[program.funcs[f]].results)
    }

    /// With `ts` on the stack, leaves only its last value.
    func keepLast(_ ts: [GenType]) {
        guard ts.count > 1, let t = ts.last else { return }
        let x = local(t)
        emit("local.set \(x)")
        for u in ts.dropLast().reversed() {
            if chance(70) { emit("drop") } else { emit("local.set \(local(u))") }
        }
        emit("local.get \(x)")
    }

    /// Functions a `return_call` may reach: their results are this function's.
    func tailCallTargets() -> [Int] {
        guard features.tailCalls else { return [] }
        return program.funcs.indices.filter { program.funcTypes[program.funcs[$0]].results == type.results }
    }

    // MARK: Control

    /// Code after which the stack is polymorphic: a branch, a return, a trap, a throw, a
    /// tail call.
    func polymorphic(_ returnCalls: [Int]) {
        choose([
            (3, {
                let l = self.below(self.labels.count)
                self.genSeq(self.labels[l].types)
                self.emit("br \(self.labels.count - 1 - l)")
            }),
            (2, {
                self.genSeq(self.type.results)
                self.emit("return")
            }),
            (1, { self.emit("unreachable") }),
            (self.program.tags.isEmpty ? 0 : 2, { self.throwException() }),
            (returnCalls.isEmpty ? 0 : 3, {
                let f = self.pick(returnCalls)
                let ft = self.program.funcTypes[self.program.funcs[f]]
                self.genSeq(ft.params)
                self.choose([
                    (3, { self.emit("return_call \(self.program.funcNames[f])") }),
                    (1, {
                        self.emit("ref.func \(self.program.funcNames[f])")
                        self.emit("return_call_ref $t\(self.program.funcs[f])")
                    }),
                    (1, {
                        self.tableIndex()
                        self.emit("return_call_indirect $tab (type $t\(self.program.funcs[f]))")
                    }),
                ])
            }),
            (self.type.results.isEmpty && !self.program.hostFuncs.isEmpty && self.features.tailCalls ? 2 : 0, {
                // A tail call of a host function.
                let h = self.pick(self.program.hostFuncs)
                self.genSeq(h.params)
                self.emit("return_call $\(h.name)")
            }),
        ])
    }

    func throwException() {
        let tag = below(program.tags.count)
        genSeq(program.tags[tag])
        emit("throw $tag\(tag)")
    }

    /// A conditional branch to label `l` that, not taken, leaves `t` on the stack.
    func branchIf(to l: Int, producing t: GenType) {
        let ts = labels[l].types
        genSeq(ts)
        condition()
        emit("br_if \(labels.count - 1 - l)")
        keepLast(ts)
    }

    func brTable(producing t: GenType) {
        // Pick a label, then the others with the same types.
        let l = below(labels.count)
        let ts = labels[l].types
        let same = labels.indices.filter { labels[$0].types == ts }
        genSeq(ts)
        if chance(70) {
            emit("i32.const \(below(same.count + 2))")
        } else {
            gen(.i32)
        }
        let targets = (0..<range(0...4)).map { _ in labels.count - 1 - pick(same) }
        let defaultTarget = labels.count - 1 - pick(same)
        emit("br_table \((targets + [defaultTarget]).map(String.init).joined(separator: " "))")
    }

    /// A block, loop, if or try_table with parameters `ps` (pushed here) and results `rs`.
    func structured(params ps: [GenType], results rs: [GenType]) {
        let bt = blockType(ps, rs)
        choose([
            (4, {
                self.genSeq(ps)
                self.open("block\(bt)", GenLabel(types: rs, isLoop: false))
                self.body(ps, rs)
                self.close()
            }),
            (2, {
                self.genSeq(ps)
                self.open("loop\(bt)", GenLabel(types: ps, isLoop: true))
                self.fuelCheck()
                self.body(ps, ps)
                if self.chance(50) {
                    self.condition()
                    self.emit("br_if 0")
                }
                self.transform(ps, rs)
                self.close()
            }),
            (4, {
                self.genSeq(ps)
                self.condition()
                self.open("if\(bt)", GenLabel(types: rs, isLoop: false))
                self.body(ps, rs)
                if ps != rs || self.chance(70) {
                    self.indent -= 1
                    self.emit("else")
                    self.indent += 1
                    self.body(ps, rs)
                }
                self.close()
            }),
            (features.exceptions ? 3 : 0, { self.tryTable(ps, rs) }),
        ])
    }

    /// A block type: inline, or by the index of a function type that has it.
    func blockType(_ ps: [GenType], _ rs: [GenType]) -> String {
        if chance(30), let k = program.funcTypes.firstIndex(of: GenFuncType(params: ps, results: rs)) {
            return " (type $t\(k))"
        }
        return ProgramGenerator.params(ps) + ProgramGenerator.results(rs)
    }

    /// Costs one unit of the invocation's loop allowance.
    func fuelCheck() {
        emit("global.get $fuel")
        emit("i32.eqz")
        emit("if")
        emit("  unreachable")
        emit("end")
        emit("global.get $fuel")
        emit("i32.const 1")
        emit("i32.sub")
        emit("global.set $fuel")
    }

    /// A block's body: from its parameters on the stack to its results.
    func body(_ ps: [GenType], _ rs: [GenType]) {
        budget -= 1
        if chance(40) { statements(range(1...3)) }
        transform(ps, rs)
        if chance(20) { statements(1) }
        if chance(15) {
            // Leave by a branch instead of falling through: to this block's end, to an
            // enclosing block's, or out of the function. Not to a loop: unconditional,
            // that would loop until the allowance runs out.
            let blocks = labels.indices.filter { !labels[$0].isLoop }
            let l = !labels[labels.count - 1].isLoop && chance(40) ? labels.count - 1 : pick(blocks)
            let target = labels[l].types
            if target != rs { transform(rs, target) }
            if l == 0 && chance(50) { emit("return") } else { emit("br \(labels.count - 1 - l)") }
        }
    }

    /// Replaces `ps` on top of the stack with `rs`: keeps a common prefix, consumes the
    /// rest, generates the remainder.
    func transform(_ ps: [GenType], _ rs: [GenType]) {
        var common = 0
        while common < ps.count && common < rs.count && ps[common] == rs[common] { common += 1 }
        let keep = chance(70) ? common : below(common + 1)
        for t in ps[keep...].reversed() {
            consume(t)
            if chance(20) { statements(1) }
        }
        genSeq(Array(rs[keep...]))
    }

    /// Removes a value of type `t` from the top of the stack.
    func consume(_ t: GenType) {
        choose([
            (4, { self.emit("drop") }),
            (5, { self.emit("local.set \(self.local(t))") }),
            (2, {
                let x = self.local(t)
                self.emit("local.tee \(x)")
                self.emit("local.set \(self.local(t))")
            }),
            (t.isNumeric ? 2 : 0, {
                // Combine it with another value, then store or drop the result.
                self.gen(t)
                let ops = (Self.numericByResult[t] ?? []).filter { $0.signature.params == [t.valType ?? .i32, t.valType ?? .i32] }
                if let op = ops.isEmpty ? nil : self.pick(ops) { self.emit(op.name) } else { self.emit("drop") }
                self.emit("local.set \(self.local(t))")
            }),
            (t == .i32 ? 2 : 0, {
                self.open("if", GenLabel(types: [], isLoop: false))
                self.statements(self.range(1...2))
                self.close()
            }),
            (t == .i32 ? 1 : 0, {
                let empties = self.labels.indices.filter { self.labels[$0].types.isEmpty }
                if let l = empties.isEmpty ? nil : self.pick(empties) {
                    self.emit("br_if \(self.labels.count - 1 - l)")
                } else {
                    self.emit("drop")
                }
            }),
            (t == .exnref ? 1 : 0, { self.emit("throw_ref") }),
            (t == .exnref ? 2 : 0, {
                // Rethrow when not null.
                self.open("block (param exnref)", GenLabel(types: [], isLoop: false))
                self.emit("br_on_null 0")
                self.emit("throw_ref")
                self.close()
            }),
            (t.isRef ? 1 : 0, {
                // Goes on only when null; a label taking the reference gets it otherwise.
                let takers = self.labels.indices.filter { self.labels[$0].types == [t] }
                if let l = takers.isEmpty ? nil : self.pick(takers) {
                    self.emit("br_on_non_null \(self.labels.count - 1 - l)")
                } else {
                    self.emit("drop")
                }
            }),
        ])
    }

    /// A try_table that catches with one or two clauses, each going to a handler that
    /// turns the payload into the results, and sometimes a clause that goes straight to
    /// an enclosing label (the function's included) whose types fit.
    func tryTable(_ ps: [GenType], _ rs: [GenType]) {
        let bt = blockType(ps, rs)
        genSeq(ps)
        // Handlers, innermost first: (clause text, label types).
        var handlers: [(String, [GenType])] = []
        for _ in 0..<range(1...2) {
            let tag = below(max(program.tags.count, 1))
            switch below(4) {
            case 0 where !program.tags.isEmpty: handlers.append(("catch $tag\(tag)", program.tags[tag]))
            case 1 where !program.tags.isEmpty: handlers.append(("catch_ref $tag\(tag)", program.tags[tag] + [.exnref]))
            case 2: handlers.append(("catch_all_ref", [.exnref]))
            default: handlers.append(("catch_all", []))
            }
        }
        var outer: [(clause: String, label: Int)] = []
        for l in labels.indices {
            let ts = labels[l].types
            for (tag, payload) in program.tags.enumerated() {
                if ts == payload { outer.append(("catch $tag\(tag)", l)) }
                if ts == payload + [.exnref] { outer.append(("catch_ref $tag\(tag)", l)) }
            }
            if ts.isEmpty { outer.append(("catch_all", l)) }
            if ts == [.exnref] { outer.append(("catch_all_ref", l)) }
        }
        let direct = outer.isEmpty || !chance(35) ? nil : pick(outer)
        // block $done (ps -> rs)
        open("block\(bt)", GenLabel(types: rs, isLoop: false))
        for h in handlers.reversed() {
            open("block\(ProgramGenerator.params(ps))\(ProgramGenerator.results(h.1))", GenLabel(types: h.1, isLoop: false))
        }
        var clauses = handlers.enumerated().map { i, h in "(\(h.0) \(i))" }
        if let d = direct {
            let clause = "(\(d.clause) \(labels.count - 1 - d.label))"
            if chance(50) { clauses.insert(clause, at: 0) } else { clauses.append(clause) }
        }
        open("try_table\(bt) \(clauses.joined(separator: " "))", GenLabel(types: rs, isLoop: false))
        body(ps, rs)
        if chance(30) {
            // Throw from inside, sometimes.
            condition()
            open("if", GenLabel(types: [], isLoop: false))
            if program.tags.isEmpty { emit("unreachable") } else { throwException() }
            close()
        }
        close()
        // Normal completion leaves the handlers.
        emit("br \(handlers.count)")
        for (i, h) in handlers.enumerated() {
            close()
            transform(h.1, rs)
            if i < handlers.count - 1 { emit("br \(handlers.count - 1 - i)") }
        }
        close()
    }

    // MARK: Statements

    func statements(_ n: Int) {
        for _ in 0..<n { statement() }
    }

    /// Code that leaves the stack as it found it.
    func statement() {
        budget -= 1
        depth += 1
        defer { depth -= 1 }
        if exhausted {
            let t = program.randomType()
            leaf(t)
            emit("local.set \(local(t))")
            return
        }
        let mutableGlobals = program.globals.indices.filter { program.globals[$0].mutable }
        let emptyLabels = labels.indices.filter { labels[$0].types.isEmpty }
        choose([
            (14, {
                let t = self.program.randomType()
                let x = self.local(t)
                self.gen(t)
                self.emit("local.set \(x)")
            }),
            (4, {
                // Swap two locals through the stack: both reads are deferred.
                let t = self.program.randomType()
                let x = self.local(t)
                let y = self.local(t)
                self.emit("local.get \(x)")
                self.emit("local.get \(y)")
                self.emit("local.set \(x)")
                self.emit("local.set \(y)")
            }),
            (4, {
                // Read, overwrite, use the old value.
                let t: GenType = self.chance(70) ? .i32 : .i64
                let x = self.local(t)
                self.emit("local.get \(x)")
                self.gen(t)
                self.emit("local.set \(x)")
                self.emit("local.get \(x)")
                self.emit("\(t.text).\(self.pick(["add", "sub", "xor", "mul"]))")
                self.emit("local.set \(self.local(t))")
            }),
            (3, {
                let t = self.program.randomType()
                self.gen(t)
                self.emit("local.tee \(self.local(t))")
                self.emit("local.set \(self.local(t))")
            }),
            (mutableGlobals.isEmpty ? 0 : 4, {
                let g = self.pick(mutableGlobals)
                self.gen(self.program.globals[g].type)
                self.emit("global.set $g\(g)")
            }),
            (10, { self.store() }),
            (4, {
                let t = self.program.randomType()
                self.gen(t)
                self.emit("drop")
            }),
            (5, {
                self.condition()
                self.open("if", GenLabel(types: [], isLoop: false))
                self.statements(self.range(1...3))
                if self.chance(50) {
                    self.indent -= 1
                    self.emit("else")
                    self.indent += 1
                    self.statements(self.range(1...3))
                }
                self.close()
            }),
            (4, {
                self.open("block", GenLabel(types: [], isLoop: false))
                self.statements(self.range(1...2))
                self.condition()
                self.emit("br_if 0")
                self.statements(self.range(1...2))
                self.close()
            }),
            (3, { self.countedLoop() }),
            (3, { self.stackStorm() }),
            (4, {
                let f = self.below(self.program.funcs.count)
                self.call(f)
                for t in self.program.funcTypes[self.program.funcs[f]].results.reversed() {
                    if self.chance(60) { self.emit("drop") } else { self.emit("local.set \(self.local(t))") }
                }
            }),
            (emptyLabels.isEmpty ? 0 : 3, {
                self.condition()
                self.emit("br_if \(self.labels.count - 1 - self.pick(emptyLabels))")
            }),
            (2, { self.bulkMemory() }),
            (program.hostFuncs.isEmpty ? 0 : 3, {
                let h = self.pick(self.program.hostFuncs)
                self.genSeq(h.params)
                if self.chance(70) {
                    self.emit("call $\(h.name)")
                } else {
                    // Through the table, where the host function may or may not be.
                    let slots = self.program.table.indices.filter { self.program.table[$0] == "$" + h.name }
                    if let slot = slots.first, self.chance(70) {
                        self.emit("\(self.program.tableAddressType.text).const \(slot)")
                    } else {
                        self.tableIndex()
                    }
                    self.emit("call_indirect $tab (type $t\(self.program.typeIndex(GenFuncType(params: h.params, results: []))))")
                }
            }),
            (features.references ? 2 : 0, { self.tableStatement() }),
            (program.tags.isEmpty ? 0 : 2, {
                self.condition()
                self.open("if", GenLabel(types: [], isLoop: false))
                self.throwException()
                self.close()
            }),
            (features.gc ? 3 : 0, { self.aggregateWrite() }),
            (features.exceptions ? 2 : 0, { self.tryTable([], []) }),
            (1, { self.emit("nop") }),
        ])
    }

    /// Many values on the stack at once, mostly reads of a few locals (deferred by the
    /// compiler), while those same locals are written; then all of them consumed, some
    /// combined first. Stresses the bookkeeping of deferred reads and redirected writes.
    func stackStorm() {
        var stack: [GenType] = []
        let types: [GenType] = [.i32, .i32, .i64, program.randomType()]
        for _ in 0..<range(3...14) {
            let t = pick(types)
            choose([
                (6, { self.emit("local.get \(self.local(t))") }),
                (2, { self.constant(t) }),
                (2, { self.gen(t) }),
                (2, {
                    self.emit("local.get \(self.local(t))")
                    self.emit("local.tee \(self.local(t))")
                }),
            ])
            stack.append(t)
            if chance(40) {
                // Write a local that may be on the stack, unread yet.
                let u = pick(types)
                let x = local(u)
                if chance(50) { emit("local.get \(local(u))") } else { constant(u) }
                emit("local.set \(x)")
            }
            if chance(10) { statement() }
        }
        while let t = stack.popLast() {
            if let below = stack.last, below == t, t.isNumeric, chance(50) {
                let ops = (Self.numericByResult[t] ?? []).filter { $0.signature.params == [t.valType ?? .i32, t.valType ?? .i32] }
                emit(pick(ops).name)
                continue
            }
            if chance(30) {
                emit("local.tee \(local(t))")
                emit("local.set \(local(t))")
            } else if chance(60) {
                emit("local.set \(local(t))")
            } else {
                emit("drop")
            }
        }
    }

    /// A loop that runs a counter down from a small number.
    func countedLoop() {
        let counter = local(.i32, fresh: true)
        reserved.insert(counter)
        emit("i32.const \(range(1...4))")
        emit("local.set \(counter)")
        open("loop", GenLabel(types: [], isLoop: true))
        fuelCheck()
        statements(range(1...3))
        emit("local.get \(counter)")
        emit("i32.const 1")
        emit("i32.sub")
        emit("local.tee \(counter)")
        emit("br_if 0")
        close()
    }
}

extension ProgramGenerator {
    /// Whether struct type `a` is `b` or declared (transitively) as its subtype.
    func isSubStruct(_ a: Int, of b: Int) -> Bool {
        var x: Int? = a
        while let y = x {
            if y == b { return true }
            x = structTypes[y].parent
        }
        return false
    }
}

extension String {
    var trimmingTrailingSpace: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
