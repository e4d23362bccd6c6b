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
        lines.append(program.indented ? String(repeating: " ", count: indent * 2) + s : s)
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
