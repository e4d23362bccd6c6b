import Foundation
import Testing
import WasmText

/// Modules the suite instantiates are valid, so every index they use is in range and
/// every structured instruction is closed: a check of identifier resolution and
/// desugaring over thousands of modules.
struct IndexChecker {
    let m: Module
    var problems: [String] = []

    var typeCount: Int { m.types.reduce(0) { $0 + $1.subTypes.count } }
    func count(_ k: ExternKind) -> Int {
        let imported = m.imports.filter { $0.type.kind == k }.count
        switch k {
        case .func: return imported + m.funcs.count
        case .table: return imported + m.tables.count
        case .memory: return imported + m.memories.count
        case .global: return imported + m.globals.count
        case .tag: return imported + m.tags.count
        }
    }

    func subType(_ x: UInt32) -> SubType? {
        var i = Int(x)
        for g in m.types {
            if i < g.subTypes.count { return g.subTypes[i] }
            i -= g.subTypes.count
        }
        return nil
    }

    mutating func check(_ ok: Bool, _ what: @autoclosure () -> String) {
        if !ok { problems.append(what()) }
    }

    mutating func expr(_ e: Expr, locals: Int, where place: String) {
        var depth = 1
        let types = typeCount
        for i in e {
            switch i {
            case .block(let bt), .loop(let bt), .if(let bt), .tryTable(let bt, _):
                if case .type(let x) = bt { check(Int(x) < types, "\(place): block type \(x)") }
                if case .tryTable(_, let cs) = i {
                    for c in cs { check(Int(c.label) < depth, "\(place): catch label \(c.label)") }
                }
                depth += 1
            case .end:
                depth -= 1
                check(depth >= 1, "\(place): unbalanced end")
            case .br(let l), .brIf(let l), .brOnNull(let l), .brOnNonNull(let l), .brOnCast(let l, _, _),
                .brOnCastFail(let l, _, _):
                check(Int(l) < depth, "\(place): label \(l) at depth \(depth)")
            case .brTable(let ls, let d):
                for l in ls + [d] { check(Int(l) < depth, "\(place): br_table label \(l)") }
            case .call(let x), .returnCall(let x), .refFunc(let x):
                check(Int(x) < count(.func), "\(place): function \(x)")
            case .callIndirect(let t, let y), .returnCallIndirect(let t, let y):
                check(Int(t) < count(.table), "\(place): table \(t)")
                check(Int(y) < types, "\(place): type \(y)")
            case .localGet(let x), .localSet(let x), .localTee(let x):
                check(Int(x) < locals, "\(place): local \(x) of \(locals)")
            case .globalGet(let x), .globalSet(let x):
                check(Int(x) < count(.global), "\(place): global \(x)")
            case .throw(let x):
                check(Int(x) < count(.tag), "\(place): tag \(x)")
            case .structGet(let x, let y, _), .structSet(let x, let y):
                if case .struct(let fs)? = subType(x)?.compType {
                    check(Int(y) < fs.count, "\(place): field \(y)")
                } else {
                    problems.append("\(place): struct type \(x)")
                }
            case .memoryInit(let x, let d), .arrayNewData(let x, let d), .arrayInitData(let x, let d):
                check(Int(d) < m.datas.count, "\(place): data \(d)")
                _ = x
            case .tableInit(let t, let e):
                check(Int(t) < count(.table), "\(place): table \(t)")
                check(Int(e) < m.elems.count, "\(place): elem \(e)")
            case .load(_, let a), .store(_, let a), .laneMemory(_, let a, _):
                check(Int(a.memory) < count(.memory), "\(place): memory \(a.memory)")
            default:
                break
            }
        }
        check(depth == 1, "\(place): \(depth - 1) blocks left open")
    }

    mutating func run() {
        let types = typeCount
        let importedFuncs = m.imports.filter { $0.type.kind == .func }.count
        for (k, f) in m.funcs.enumerated() {
            check(Int(f.type) < types, "func \(k): type \(f.type)")
            var params = 0
            if case .func(let ft)? = subType(f.type)?.compType { params = ft.params.count }
            let locals = params + f.locals.reduce(0) { $0 + Int($1.count) }
            expr(f.body, locals: locals, where: "func \(importedFuncs + k)")
        }
        for (k, g) in m.globals.enumerated() { expr(g.initializer, locals: 0, where: "global \(k)") }
        for (k, e) in m.elems.enumerated() {
            for i in e.inits { expr(i, locals: 0, where: "elem \(k)") }
            if case .active(let t, let o) = e.mode {
                check(Int(t) < count(.table), "elem \(k): table \(t)")
                expr(o, locals: 0, where: "elem \(k) offset")
            }
        }
        for (k, d) in m.datas.enumerated() {
            if case .active(let x, let o) = d.mode {
                check(Int(x) < count(.memory), "data \(k): memory \(x)")
                expr(o, locals: 0, where: "data \(k) offset")
            }
        }
        for e in m.exports { check(Int(e.index) < count(e.kind), "export \(e.name)") }
        if let s = m.start { check(Int(s) < count(.func), "start \(s)") }
    }
}

@Suite struct IndexSanityTests {
    @Test func instantiatedModulesUseIndicesInRange() throws {
        var modules = 0
        var problems: [String] = []
        func visit(_ cmds: [ScriptCommand], _ file: String) {
            for c in cmds {
                var sm: ScriptModule? = nil
                switch c.command {
                case .module(let m): sm = m
                case .script(_, let inner): visit(inner, file)
                case .assertion(.unlinkable(.module(let m), _)), .assertion(.uninstantiable(.module(let m), _)):
                    sm = m
                default: break
                }
                guard let sm else { continue }
                var module: Module
                switch sm.source {
                case .text(let m): module = m
                case .quote(let b):
                    guard let m = try? Module(text: b) else { continue }
                    module = m
                case .binary: continue
                }
                modules += 1
                var checker = IndexChecker(m: module)
                checker.run()
                problems += checker.problems.map { "\(file):\(c.location): \($0)" }
            }
        }
        for f in wastFiles() {
            let script = try parseScript([UInt8](Data(contentsOf: f)))
            visit(script, f.lastPathComponent)
        }
        print("index sanity: \(modules) modules checked, \(problems.count) problems")
        for p in problems.prefix(30) { print("  " + p) }
        #expect(problems.isEmpty)
        #expect(modules > 1000)
    }
}
