// Calls, control and statements for the random function bodies of DifferentialCode.swift.

import WasmBinary

extension CodeGenerator {
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
