// The test-only evaluator and assertion checker for numeric `.wast` files; see
// NumericsWastReader.swift.

import Foundation
@testable import WasmSpec

/// An exported function of a test module: its parameter names and its body.
struct TestFunc: Sendable {
    var paramNames: [String: Int] = [:]
    var paramCount = 0
    var body: [SExpr] = []
    var unsupported: String?
}

/// Runs the `assert_return`/`assert_trap` assertions of a `.wast` file that invoke
/// straight-line numeric functions, and tallies the outcome.
struct WastNumericsRunner: Sendable {
    var checked = 0
    var skipped = 0
    var failures: [String] = []
    var skipReasons: [String: Int] = [:]

    private var current: [String: TestFunc] = [:]
    private var named: [String: [String: TestFunc]] = [:]

    mutating func run(_ text: String) {
        for form in SExpr.parseAll(text) {
            guard let items = form.list, let head = form.head else { continue }
            switch head {
            case "module": loadModule(items)
            case "assert_return": check(items, trap: false)
            case "assert_trap": check(items, trap: true)
            default: break
            }
        }
    }

    private mutating func skip(_ reason: String) {
        skipped += 1
        skipReasons[reason, default: 0] += 1
    }

    // MARK: Modules

    private mutating func loadModule(_ items: [SExpr]) {
        var fields = items.dropFirst()
        var moduleName: String?
        if let a = fields.first?.atom, a.hasPrefix("$") {
            moduleName = a
            fields = fields.dropFirst()
        }
        var exports: [String: TestFunc] = [:]
        var funcsByName: [String: TestFunc] = [:]
        var funcsByIndex: [TestFunc] = []
        if let a = fields.first?.atom, a == "binary" || a == "quote" || a == "definition" {
            current = [:]
            return
        }
        var moduleExports: [(String, String)] = []
        for field in fields {
            guard let f = field.list, let h = field.head else { continue }
            if h == "export", f.count == 3, case .string(let name) = f[1], let desc = f[2].list,
                desc.first?.atom == "func", let target = desc.dropFirst().first?.atom
            {
                moduleExports.append((name, target))
                continue
            }
            guard h == "func" else { continue }
            var fn = TestFunc()
            var names: [String] = []
            var body = f.dropFirst()
            var funcName: String?
            if let a = body.first?.atom, a.hasPrefix("$") {
                funcName = a
                body = body.dropFirst()
            }
            while let item = body.first, let l = item.list, let h = item.head,
                ["export", "param", "result", "local", "type", "import"].contains(h)
            {
                switch h {
                case "export":
                    if l.count == 2, case .string(let n) = l[1] { names.append(n) }
                case "param":
                    let rest = l.dropFirst()
                    if let id = rest.first?.atom, id.hasPrefix("$") {
                        fn.paramNames[id] = fn.paramCount
                        fn.paramCount += 1
                    } else {
                        fn.paramCount += rest.count
                    }
                case "local": fn.unsupported = "locals"
                case "import": fn.unsupported = "import"
                default: break
                }
                body = body.dropFirst()
            }
            fn.body = Array(body)
            for n in names { exports[n] = fn }
            if let funcName { funcsByName[funcName] = fn }
            funcsByIndex.append(fn)
        }
        for (name, target) in moduleExports {
            if let fn = funcsByName[target] {
                exports[name] = fn
            } else if let i = Int(target), i < funcsByIndex.count {
                exports[name] = funcsByIndex[i]
            }
        }
        current = exports
        if let moduleName { named[moduleName] = exports }
    }

    // MARK: Assertions

    private mutating func check(_ items: [SExpr], trap: Bool) {
        guard items.count >= 2, let action = items[1].list, items[1].head == "invoke" else {
            return  // module-level traps and `get` actions are not numeric
        }
        var rest = action.dropFirst()
        var exports = current
        if let a = rest.first?.atom, a.hasPrefix("$") {
            exports = named[a] ?? [:]
            rest = rest.dropFirst()
        }
        guard case .string(let name)? = rest.first else { return skip("malformed invoke") }
        guard let fn = exports[name] else { return skip("unknown export") }
        if let why = fn.unsupported { return skip(why) }
        var args: [TestValue] = []
        for arg in rest.dropFirst() {
            guard let l = arg.list, let v = try? Self.constant(l) else { return skip("argument") }
            args.append(v)
        }
        let description = items.map(\.description).joined(separator: " ")
        do {
            let results = try Self.evaluate(fn, args)
            if trap {
                checked += 1
                failures.append("expected trap, got \(results): \(description.prefix(300))")
                return
            }
            var patterns: [ResultPattern] = []
            for e in items.dropFirst(2) {
                guard let l = e.list, let p = try? Self.pattern(l) else { return skip("result pattern") }
                patterns.append(p)
            }
            checked += 1
            if results.count != patterns.count || !zip(results, patterns).allSatisfy(Self.matches) {
                failures.append("got \(results.map(Self.show)): \(description.prefix(400))")
            }
        } catch let t as NumericTrap {
            checked += 1
            guard trap, items.count >= 3, case .string(let expected) = items[2] else {
                failures.append("unexpected trap \(t.message): \(description.prefix(300))")
                return
            }
            if !t.message.hasPrefix(expected) {
                failures.append("trap \(t.message), expected \(expected): \(description.prefix(300))")
            }
        } catch let u as Unsupported {
            skip(u.reason)
        } catch {
            skip("other error")
        }
    }

    static func show(_ v: TestValue) -> String {
        switch v {
        case .num(let t, let bits): "\(t):\(Numerics.format(bits, as: t))"
        case .vec(let v): "v128:\(v)"
        }
    }

    // MARK: Values and patterns

    static func numType(_ prefix: Substring) -> NumType? {
        switch prefix {
        case "i32": .i32
        case "i64": .i64
        case "f32": .f32
        case "f64": .f64
        default: nil
        }
    }

    static func scalar(_ t: NumType, _ text: String) throws(Unsupported) -> UInt64 {
        let v: UInt64? =
            switch t {
            case .i32: Literal.int(text, bits: 32)
            case .i64: Literal.int(text, bits: 64)
            case .f32: Literal.float(text, as: Float.self).map(UInt64.init)
            case .f64: Literal.float(text, as: Double.self)
            }
        guard let v else { throw Unsupported(reason: "literal \(text)") }
        return v
    }

    static func shape(_ s: String) -> (bits: Int, isFloat: Bool)? {
        switch s {
        case "i8x16": (8, false)
        case "i16x8": (16, false)
        case "i32x4": (32, false)
        case "i64x2": (64, false)
        case "f32x4": (32, true)
        case "f64x2": (64, true)
        default: nil
        }
    }

    /// A `v128.const` from its shape and lane texts.
    static func vector(_ shapeName: String, _ lanes: [String]) throws(Unsupported) -> V128 {
        guard let (bits, isFloat) = shape(shapeName), lanes.count == 128 / bits else {
            throw Unsupported(reason: "v128 shape")
        }
        var values: [UInt64] = []
        for text in lanes {
            let t: NumType = isFloat ? (bits == 32 ? .f32 : .f64) : (bits == 64 ? .i64 : .i32)
            var v = try scalar(t, text)
            if !isFloat && bits < 32 {
                guard let narrow = Literal.int(text, bits: bits) else { throw Unsupported(reason: "lane") }
                v = narrow
            }
            values.append(v)
        }
        return lanesToV128(values, bits: bits)
    }

    static func lanesToV128(_ values: [UInt64], bits: Int) -> V128 {
        var v = V128.zero
        let perWord = 64 / bits
        let mask: UInt64 = bits == 64 ? ~0 : (1 << UInt64(bits)) - 1
        for (i, x) in values.enumerated() {
            let shifted = (x & mask) << UInt64((i % perWord) * bits)
            if i < perWord { v.lo |= shifted } else { v.hi |= shifted }
        }
        return v
    }

    static func constant(_ l: [SExpr]) throws(Unsupported) -> TestValue {
        guard let h = l.first?.atom else { throw Unsupported(reason: "constant") }
        if h == "v128.const" {
            let atoms = l.dropFirst().compactMap(\.atom)
            guard let s = atoms.first else { throw Unsupported(reason: "v128.const") }
            return .vec(try vector(s, Array(atoms.dropFirst())))
        }
        guard h.hasSuffix(".const"), let t = numType(h.prefix(3)), l.count == 2, let text = l[1].atom else {
            throw Unsupported(reason: "constant \(h)")
        }
        return .num(t, try scalar(t, text))
    }

    static func numPattern(_ t: NumType, _ text: String) throws(Unsupported) -> NumPattern {
        if text == "nan:canonical" { return .canonicalNaN }
        if text == "nan:arithmetic" { return .arithmeticNaN }
        return .bits(try scalar(t, text))
    }

    static func pattern(_ l: [SExpr]) throws(Unsupported) -> ResultPattern {
        guard let h = l.first?.atom else { throw Unsupported(reason: "pattern") }
        if h == "either" {
            var alternatives: [ResultPattern] = []
            for e in l.dropFirst() {
                guard let el = e.list else { throw Unsupported(reason: "either") }
                alternatives.append(try pattern(el))
            }
            return .either(alternatives)
        }
        if h == "v128.const" {
            let atoms = l.dropFirst().compactMap(\.atom)
            guard let s = atoms.first, let (bits, isFloat) = shape(s), atoms.count - 1 == 128 / bits else {
                throw Unsupported(reason: "v128 pattern")
            }
            var lanes: [NumPattern] = []
            for text in atoms.dropFirst() {
                if isFloat {
                    lanes.append(try numPattern(bits == 32 ? .f32 : .f64, text))
                } else {
                    guard let v = Literal.int(text, bits: bits) else { throw Unsupported(reason: "lane") }
                    lanes.append(.bits(v))
                }
            }
            return .vec(laneBits: bits, isFloat: isFloat, lanes)
        }
        guard h.hasSuffix(".const"), let t = numType(h.prefix(3)), l.count == 2, let text = l[1].atom else {
            throw Unsupported(reason: "pattern \(h)")
        }
        return .num(t, try numPattern(t, text))
    }

    /// Whether a value matches a pattern as the reference's runner decides it: exact
    /// bits, or for NaN patterns, canonical = either canonical NaN, arithmetic = the
    /// quiet bit set.
    static func matches(_ v: TestValue, _ p: ResultPattern) -> Bool {
        switch (v, p) {
        case (_, .either(let alternatives)):
            return alternatives.contains { matches(v, $0) }
        case (.num(let t, let bits), .num(let pt, let np)):
            return t == pt && laneMatches(bits, np, bits: t.size * 8, isFloat: t == .f32 || t == .f64)
        case (.vec(let x), .vec(let laneBits, let isFloat, let lanes)):
            let perWord = 64 / laneBits
            let mask: UInt64 = laneBits == 64 ? ~0 : (1 << UInt64(laneBits)) - 1
            for (i, np) in lanes.enumerated() {
                let word = i < perWord ? x.lo : x.hi
                let lane = (word >> UInt64((i % perWord) * laneBits)) & mask
                if !laneMatches(lane, np, bits: laneBits, isFloat: isFloat) { return false }
            }
            return true
        default:
            return false
        }
    }

    static func laneMatches(_ x: UInt64, _ p: NumPattern, bits: Int, isFloat: Bool) -> Bool {
        let canonical: UInt64 = bits == 32 ? UInt64(F32Ops.canonicalNaN) : F64Ops.canonicalNaN
        let sign: UInt64 = bits == 32 ? UInt64(F32Ops.signMask) : F64Ops.signMask
        switch p {
        case .bits(let b): return x == b
        case .canonicalNaN: return isFloat && (x == canonical || x == canonical | sign)
        case .arithmeticNaN: return isFloat && x & canonical == canonical
        }
    }

    // MARK: Evaluation

    static func evaluate(_ fn: TestFunc, _ args: [TestValue]) throws -> [TestValue] {
        var stack: [TestValue] = []
        try execute(fn.body, fn, args, &stack)
        return stack
    }

    static func immediateCount(_ op: String, _ next: ArraySlice<SExpr>) -> Int {
        if op == "v128.const" {
            guard let s = next.first?.atom, let (bits, _) = shape(s) else { return 0 }
            return 1 + 128 / bits
        }
        if op == "i8x16.shuffle" { return 16 }
        if op == "local.get" || op.hasSuffix(".const") || LaneOp.byName[op] != nil { return 1 }
        return 0
    }

    static func execute(_ items: [SExpr], _ fn: TestFunc, _ args: [TestValue], _ stack: inout [TestValue]) throws {
        var i = 0
        while i < items.count {
            switch items[i] {
            case .list(let l):
                guard let op = l.first?.atom else { throw Unsupported(reason: "instruction") }
                let n = immediateCount(op, l.dropFirst())
                let immediates = l.dropFirst().prefix(n).compactMap(\.atom)
                guard immediates.count == n else { throw Unsupported(reason: "immediates of \(op)") }
                try execute(Array(l.dropFirst(1 + n)), fn, args, &stack)
                try apply(op, immediates, fn, args, &stack)
                i += 1
            case .atom(let op):
                let n = immediateCount(op, items[(i + 1)...])
                let immediates = items[(i + 1)...].prefix(n).compactMap(\.atom)
                guard immediates.count == n else { throw Unsupported(reason: "immediates of \(op)") }
                try apply(op, immediates, fn, args, &stack)
                i += 1 + n
            case .string:
                throw Unsupported(reason: "string in body")
            }
        }
    }

    static func popNum(_ stack: inout [TestValue]) throws -> UInt64 {
        guard case .num(_, let x)? = stack.popLast() else { throw Unsupported(reason: "stack") }
        return x
    }

    static func popVec(_ stack: inout [TestValue]) throws -> V128 {
        guard case .vec(let v)? = stack.popLast() else { throw Unsupported(reason: "stack") }
        return v
    }

    static func apply(
        _ op: String, _ imms: [String], _ fn: TestFunc, _ args: [TestValue], _ stack: inout [TestValue]
    ) throws {
        if op == "local.get" {
            let index = fn.paramNames[imms[0]] ?? Int(imms[0])
            guard let index, index < args.count else { throw Unsupported(reason: "local.get") }
            stack.append(args[index])
            return
        }
        if op == "v128.const" {
            stack.append(.vec(try vector(imms[0], Array(imms.dropFirst()))))
            return
        }
        if op.hasSuffix(".const"), let t = numType(op.prefix(3)) {
            stack.append(.num(t, try scalar(t, imms[0])))
            return
        }
        if op == "i8x16.shuffle" {
            var lanes: [UInt64] = []
            for s in imms {
                guard let v = Literal.int(s, bits: 8) else { throw Unsupported(reason: "shuffle") }
                lanes.append(v)
            }
            let b = try popVec(&stack)
            let a = try popVec(&stack)
            guard let r = Numerics.shuffle(lanesToV128(lanes, bits: 8), a, b) else {
                throw Unsupported(reason: "shuffle index")
            }
            stack.append(.vec(r))
            return
        }
        if let nop = NumericOp.byName[op] {
            let sig = nop.signature
            guard let rt = sig.result?.numType else { throw Unsupported(reason: "numeric result") }
            let r: UInt64?
            if sig.params.count == 1 {
                r = try Numerics.apply(nop, try popNum(&stack))
            } else {
                let y = try popNum(&stack)
                let x = try popNum(&stack)
                r = try Numerics.apply(nop, x, y)
            }
            guard let r else { throw Unsupported(reason: "numeric arity") }
            stack.append(.num(rt, r))
            return
        }
        if let vop = VectorOp.byName[op] {
            let sig = vop.signature
            let r: TestValue?
            switch (sig.params, sig.result) {
            case ([.v128], .v128?):
                r = Numerics.apply(vop, try popVec(&stack)).map(TestValue.vec)
            case ([.v128], .i32?):
                r = Numerics.test(vop, try popVec(&stack)).map { .num(.i32, UInt64($0)) }
            case ([.v128, .v128], _):
                let b = try popVec(&stack)
                let a = try popVec(&stack)
                r = Numerics.apply(vop, a, b).map(TestValue.vec)
            case ([.v128, .v128, .v128], _):
                let c = try popVec(&stack)
                let b = try popVec(&stack)
                let a = try popVec(&stack)
                r = Numerics.apply(vop, a, b, c).map(TestValue.vec)
            case ([.v128, .i32], _):
                let n = try popNum(&stack)
                let a = try popVec(&stack)
                r = Numerics.shift(vop, a, UInt32(truncatingIfNeeded: n)).map(TestValue.vec)
            default:
                r = Numerics.splat(vop, try popNum(&stack)).map(TestValue.vec)
            }
            guard let r else { throw Unsupported(reason: "vector arity \(op)") }
            stack.append(r)
            return
        }
        if let lop = LaneOp.byName[op] {
            guard let lane = UInt8(imms[0]) else { throw Unsupported(reason: "lane index") }
            if lop.isReplace {
                let x = try popNum(&stack)
                let v = try popVec(&stack)
                guard let r = Numerics.replaceLane(lop, lane, v, x) else { throw Unsupported(reason: "lane") }
                stack.append(.vec(r))
            } else {
                let v = try popVec(&stack)
                guard let r = Numerics.extractLane(lop, lane, v), let t = lop.signature.result?.numType else {
                    throw Unsupported(reason: "lane")
                }
                stack.append(.num(t, r))
            }
            return
        }
        throw Unsupported(reason: "op \(op)")
    }
}

/// Locates the spec test suite's `core` directory.
enum NumericsSuiteFiles {
    static var coreDirectory: URL? {
        let fm = FileManager.default
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["WASM_SPECTESTS"] {
            candidates.append(URL(fileURLWithPath: env))
        }
        candidates.append(packageRoot.appendingPathComponent("spectests/suite"))
        candidates.append(packageRoot.appendingPathComponent("../shared/spectests"))
        candidates.append(URL(fileURLWithPath: "/work/shared/spectests"))
        for c in candidates {
            let core = c.appendingPathComponent("core")
            if fm.fileExists(atPath: core.appendingPathComponent("i32.wast").path) { return core }
            if fm.fileExists(atPath: c.appendingPathComponent("i32.wast").path) { return c }
        }
        return nil
    }
}
