// Real compiler output for the differential harness: random C programs, free of
// undefined behaviour, compiled by clang to WebAssembly at several optimisation levels
// and feature sets. Optimised clang output has shapes the hand-written generator does
// not: values kept on the operand stack across stores to other locals, long `local.tee`
// chains, `br_table` switches, loops rotated around `br_if`, vectorised loops, tail
// calls, the stack pointer in a global.
//
// Undefined behaviour would let the compiler produce anything, so the programs use
// unsigned arithmetic, guard division and shifts, mask every array index, convert floats
// to integers only in range, and call only functions defined earlier (no recursion).
// `run(seed)` sets the globals from its argument, calls the last function and returns
// a digest of everything.

import Foundation
import WasmSpec
@testable import WasmGenerator

/// A C type the generator uses.
enum CType: String, CaseIterable {
    case u8 = "uint8_t", u16 = "uint16_t", u32 = "uint32_t", u64 = "uint64_t"
    case f32 = "float", f64 = "double"

    var isFloat: Bool { self == .f32 || self == .f64 }
    var bits: Int {
        switch self {
        case .u8: 8
        case .u16: 16
        case .u32, .f32: 32
        case .u64, .f64: 64
        }
    }
}

final class CProgramGenerator {
    var rng: SplitMix
    var globals: [(name: String, type: CType)] = []
    var arrays: [(name: String, type: CType, size: Int)] = []
    var funcs: [(name: String, params: [CType], result: CType)] = []
    /// Variables in scope in the function being generated, and which may be written.
    var scope: [(name: String, type: CType, writable: Bool)] = []
    var lines: [String] = []
    var indent = 1
    var budget = 0
    var depth = 0
    var loopDepth = 0
    var counter = 0
    var current = 0
    /// Functions `0 ..< pointerFuncs` are in the table `fptab`.
    var pointerFuncs = 0

    init(seed: UInt64) { rng = SplitMix(seed: seed) }

    func emit(_ s: String) { lines.append(String(repeating: "    ", count: indent) + s) }

    func fresh(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)\(counter)"
    }

    func randomType() -> CType {
        CType.allCases[rng.weighted([2, 2, 8, 5, 2, 2])]
    }

    func generate() -> String {
        var out = [
            "#include <stdint.h>",
            "void *memset(void *d, int c, unsigned long n) { unsigned char *p = d; while (n--) *p++ = (unsigned char)c; return d; }",
            "void *memcpy(void *d, const void *s, unsigned long n) { unsigned char *p = d; const unsigned char *q = s; while (n--) *p++ = *q++; return d; }",
            "void *memmove(void *d, const void *s, unsigned long n) { unsigned char *p = d; const unsigned char *q = s; if (p < q) { while (n--) *p++ = *q++; } else { while (n--) p[n] = q[n]; } return d; }",
            "static uint32_t f2u(float x) { return x >= 0.0f && x < 4294967040.0f ? (uint32_t)x : 7u; }",
            "static uint32_t d2u(double x) { return x >= 0.0 && x < 4294967295.0 ? (uint32_t)x : 11u; }",
            "static uint64_t d2u64(double x) { return x >= 0.0 && x < 18446744073709549568.0 ? (uint64_t)x : 13u; }",
            "static uint32_t fbits(float x) { union { float f; uint32_t u; } v; v.f = x; return v.u; }",
            "static uint64_t dbits(double x) { union { double d; uint64_t u; } v; v.d = x; return v.u; }",
        ]
        for _ in 0..<rng.range(2...6) {
            let t = randomType()
            globals.append((fresh("g"), t))
        }
        for _ in 0..<rng.range(1...3) {
            arrays.append((fresh("a"), randomType(), 1 << rng.range(2...5)))
        }
        for g in globals { out.append("static \(g.type.rawValue) \(g.name);") }
        for a in arrays { out.append("static \(a.type.rawValue) \(a.name)[\(a.size)];") }
        // Functions called through a table of pointers (call_indirect) come first; the
        // others may call them, directly or not, and each other, but only backwards.
        pointerFuncs = rng.range(1...3)
        let nfuncs = pointerFuncs + rng.range(2...6)
        for i in 0..<nfuncs {
            let params = i < pointerFuncs ? [CType.u32] : (0..<rng.range(0...4)).map { _ in randomType() }
            funcs.append((fresh("f"), params, i < pointerFuncs ? .u32 : randomType()))
            current = i
            out.append(function(i))
            if i == pointerFuncs - 1 {
                let entries = (0..<4).map { _ in funcs[rng.below(pointerFuncs)].name }
                out.append("static uint32_t (*const fptab[4])(uint32_t) = {\(entries.joined(separator: ", "))};")
            }
        }
        out.append(runFunction())
        return out.joined(separator: "\n")
    }

    func function(_ i: Int) -> String {
        let f = funcs[i]
        lines = []
        indent = 1
        budget = rng.range(20...90)
        scope = []
        var params: [String] = []
        for t in f.params {
            let n = fresh("p")
            params.append("\(t.rawValue) \(n)")
            scope.append((n, t, true))
        }
        for _ in 0..<rng.range(1...5) {
            let t = randomType()
            let n = fresh("l")
            emit("\(t.rawValue) \(n) = \(expression(t));")
            scope.append((n, t, true))
        }
        statements(rng.range(2...6))
        emit("return \(expression(f.result));")
        let header = "\(rng.chance(30) ? "__attribute__((noinline)) " : "")static \(f.result.rawValue) \(f.name)(\(params.isEmpty ? "void" : params.joined(separator: ", "))) {"
        return ([header] + lines + ["}"]).joined(separator: "\n")
    }

    func runFunction() -> String {
        lines = []
        indent = 1
        scope = []
        emit("uint64_t h = 0x9e3779b97f4a7c15ull;")
        for g in globals { emit("\(g.name) = (\(g.type.rawValue))(seed * \(rng.range(1...1000))u + \(rng.range(0...99))u);") }
        for a in arrays {
            emit("for (uint32_t i = 0; i < \(a.size)u; i++) \(a.name)[i] = (\(a.type.rawValue))(seed ^ (i * \(rng.range(1...99))u));")
        }
        // Call each function (they call each other too) and mix in the results.
        for f in funcs {
            let args = f.params.map { "(\($0.rawValue))(seed + \(rng.range(0...50))u)" }.joined(separator: ", ")
            emit("h = h * 0x100000001b3ull + \(digest(f.result, "\(f.name)(\(args))"));")
        }
        for g in globals { emit("h = h * 31u + \(digest(g.type, g.name));") }
        for a in arrays {
            emit("for (uint32_t i = 0; i < \(a.size)u; i++) h = h * 31u + \(digest(a.type, "\(a.name)[i]"));")
        }
        emit("return h;")
        return (["uint64_t run(uint32_t seed) {"] + lines + ["}"]).joined(separator: "\n")
    }

    /// A value of type `t` as uint64 bits, for the digest.
    func digest(_ t: CType, _ e: String) -> String {
        switch t {
        case .f32: "(uint64_t)fbits(\(e))"
        case .f64: "dbits(\(e))"
        default: "(uint64_t)(\(e))"
        }
    }

    // MARK: Expressions

    func constant(_ t: CType) -> String {
        switch t {
        case .u8, .u16, .u32:
            let v = rng.chance(60) ? UInt32(rng.below(300)) : UInt32(truncatingIfNeeded: rng.next()) >> UInt32(32 - t.bits)
            return "(\(t.rawValue))\(v)u"
        case .u64:
            return rng.chance(60) ? "(uint64_t)\(rng.below(300))u" : "\(rng.next())ull"
        case .f32:
            return rng.pick(["0.0f", "-0.0f", "1.5f", "-2.25f", "1e30f", "3.0e-40f", "0.1f", "65536.0f", "(0.0f/0.0f)", "(1.0f/0.0f)"])
        case .f64:
            return rng.pick(["0.0", "-0.0", "1.5", "-2.25", "1e300", "5e-320", "0.1", "4294967296.0", "(0.0/0.0)", "(-1.0/0.0)"])
        }
    }

    func variable(_ t: CType, writable: Bool = false) -> String? {
        var candidates = scope.filter { $0.type == t && (!writable || $0.writable) }.map(\.name)
        candidates += globals.filter { $0.type == t }.map(\.name)
        return candidates.isEmpty ? nil : rng.pick(candidates)
    }

    func arrayElement(_ t: CType) -> String? {
        let candidates = arrays.filter { $0.type == t }
        guard !candidates.isEmpty else { return nil }
        let a = rng.pick(candidates)
        return "\(a.name)[(\(expression(.u32))) & \(a.size - 1)u]"
    }

    func expression(_ t: CType) -> String {
        budget -= 1
        depth += 1
        defer { depth -= 1 }
        if budget <= 0 || depth > 5 || rng.chance(25) {
            if rng.chance(60), let v = variable(t) { return v }
            if rng.chance(30), let a = arrayElement(t) { return a }
            return constant(t)
        }
        if t.isFloat {
            switch rng.below(6) {
            case 0: return "(\(expression(t)) \(rng.pick(["+", "-", "*", "/"])) \(expression(t)))"
            case 1: return "(\(t.rawValue))\(expression(rng.pick([CType.u32, .u64, .f32, .f64])))"
            case 2: return "(\(expression(.u32)) ? \(expression(t)) : \(expression(t)))"
            case 3: return call(t) ?? constant(t)
            case 4: return "(\(expression(t)) \(rng.pick(["<", ">", "=="])) \(expression(t)) ? \(expression(t)) : \(expression(t)))"
            default: return variable(t) ?? constant(t)
            }
        }
        let m = t.bits == 64 ? 63 : 31
        switch rng.below(14) {
        case 0, 1:
            // In uint32_t at least: uint8_t and uint16_t would be promoted to int, whose
            // overflow is undefined.
            let w = t == .u64 ? "uint64_t" : "uint32_t"
            return "(\(t.rawValue))((\(w))\(expression(t)) \(rng.pick(["+", "-", "*", "&", "|", "^"])) (\(w))\(expression(t)))"
        case 2: return "(\(t.rawValue))(\(guarded(t, "/")))"
        case 3: return "(\(t.rawValue))(\(guarded(t, "%")))"
        case 4:
            let w = t == .u64 ? "uint64_t" : "uint32_t"
            return "(\(t.rawValue))((\(w))\(expression(t)) \(rng.pick(["<<", ">>"])) (\(expression(.u32)) & \(m)u))"
        case 5:
            let u = rng.pick([CType.u32, .u64, .u8, .u16])
            return "(\(t.rawValue))(\(expression(u)) \(rng.pick(["<", ">", "<=", ">=", "==", "!="])) \(expression(u)))"
        case 6:
            // Signed comparison: conversion to a signed type is defined (two's complement).
            let s = rng.chance(50) ? "int32_t" : "int64_t"
            return "(\(t.rawValue))((\(s))\(expression(.u64)) \(rng.pick(["<", ">", "<=", ">="])) (\(s))\(expression(.u64)))"
        case 7: return "(\(expression(.u32)) ? \(expression(t)) : \(expression(t)))"
        case 8:
            let w = t == .u64 ? "uint64_t" : "uint32_t"
            return "(\(t.rawValue))(\(rng.pick(["!", "~", "-"]))(\(w))\(expression(t)))"
        case 9:
            let f = rng.pick([CType.f32, .f64])
            let conv = t == .u64 ? (f == .f32 ? "d2u64((double)" : "d2u64(") : (f == .f32 ? "f2u(" : "d2u(")
            return "(\(t.rawValue))\(conv)\(expression(f)))"
        case 10:
            if t == .u32 && current >= pointerFuncs && rng.chance(40) {
                return "fptab[(\(expression(.u32))) & 3u](\(expression(.u32)))"
            }
            return call(t) ?? constant(t)
        case 11: return "(\(t.rawValue))(\(expression(t)) \(rng.pick(["&&", "||"])) \(expression(t)))"
        case 12: return arrayElement(t) ?? "(\(t.rawValue))\(expression(rng.pick([CType.u8, .u16, .u32, .u64])))"
        default: return "(\(t.rawValue))\(expression(rng.pick([CType.u8, .u16, .u32, .u64])))"
        }
    }

    /// Division or remainder with a divisor that is never zero.
    func guarded(_ t: CType, _ op: String) -> String {
        let d = expression(t)
        return "(\(expression(t)) \(op) ((\(t.rawValue))(\(d)) ? (\(t.rawValue))(\(d)) : (\(t.rawValue))7u))"
    }

    /// A call of an earlier function, nil when there is none with this result.
    func call(_ t: CType) -> String? {
        let candidates = (0..<current).filter { funcs[$0].result == t }
        guard !candidates.isEmpty else { return nil }
        let f = funcs[rng.pick(candidates)]
        return "\(f.name)(\(f.params.map { expression($0) }.joined(separator: ", ")))"
    }

    // MARK: Statements

    func statements(_ n: Int) {
        for _ in 0..<n { statement() }
    }

    func statement() {
        budget -= 1
        if budget <= 0 || indent > 5 {
            assignment()
            return
        }
        switch rng.below(12) {
        case 0, 1, 2: assignment()
        case 3:
            if let a = arrayElement(arrays.isEmpty ? .u32 : rng.pick(arrays).type) {
                let t = arrays.first { a.hasPrefix($0.name + "[") }?.type ?? .u32
                emit("\(a) \(t.isFloat ? "=" : rng.pick(["=", "+=", "^=", "|="])) \(expression(t));")
            } else {
                assignment()
            }
        case 4:
            emit("if (\(expression(.u32))) {")
            indent += 1
            statements(rng.range(1...3))
            indent -= 1
            if rng.chance(50) {
                emit("} else {")
                indent += 1
                statements(rng.range(1...3))
                indent -= 1
            }
            emit("}")
        case 5:
            let i = fresh("i")
            emit("for (uint32_t \(i) = 0; \(i) < \(rng.range(1...9))u; \(i)++) {")
            scope.append((i, .u32, false))
            loopBody()
            scope.removeLast()
            emit("}")
        case 6:
            let c = fresh("c")
            emit("uint32_t \(c) = (\(expression(.u32))) & 7u;")
            emit("while (\(c)-- > 0u) {")
            scope.append((c, .u32, false))
            loopBody()
            scope.removeLast()
            emit("}")
        case 7:
            emit("switch ((\(expression(.u32))) & 7u) {")
            // Braces: a declaration may not follow a label directly.
            for k in 0..<rng.range(1...7) {
                emit("case \(k)u: {")
                indent += 1
                statements(rng.range(0...2))
                if rng.chance(75) { emit("break;") }
                indent -= 1
                emit("}")
            }
            emit("default: {")
            indent += 1
            statements(rng.range(0...2))
            emit("break;")
            indent -= 1
            emit("}")
            emit("}")
        case 8:
            if loopDepth > 0 {
                emit("if (\(expression(.u32))) \(rng.pick(["break", "continue"]));")
            } else {
                assignment()
            }
        case 9:
            if rng.chance(30) {
                emit("if (\(expression(.u32))) return \(expression(funcs[current].result));")
            } else {
                assignment()
            }
        case 10:
            let c = fresh("c")
            emit("uint32_t \(c) = (\(expression(.u32))) % 5u + 1u;")
            emit("do {")
            scope.append((c, .u32, false))
            loopBody()
            scope.removeLast()
            emit("} while (--\(c));")
        default:
            let t = randomType()
            if let call = call(t) {
                emit("\(variable(t, writable: true).map { "\($0) = " } ?? "")\(call);")
            } else {
                assignment()
            }
        }
    }

    func loopBody() {
        indent += 1
        loopDepth += 1
        statements(rng.range(1...3))
        loopDepth -= 1
        indent -= 1
    }

    func assignment() {
        let writable = scope.filter(\.writable).map(\.type) + globals.map(\.type)
        let t = writable.isEmpty || rng.chance(10) ? randomType() : rng.pick(writable)
        guard let v = variable(t, writable: true) else {
            emit("(void)(\(expression(t)));")
            return
        }
        let op = t.isFloat ? rng.pick(["=", "+=", "*="]) : rng.pick(["=", "=", "+=", "-=", "^=", "|=", "&=", "*="])
        emit("\(v) \(op) \(expression(t));")
    }
}

/// Compiles C to WebAssembly with clang.
struct CCompiler {
    var path: String
    var directory: URL

    /// The clang that targets WebAssembly: `$CLANG`, or the Swift toolchain's.
    static func locate() -> String? {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["CLANG"] { candidates.append(env) }
        candidates.append("/opt/swift/usr/bin/clang")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The option sets each program is compiled with.
    static let configurations: [[String]] = [
        ["-O0"], ["-O1"], ["-O2"], ["-Os"], ["-O3", "-msimd128"], ["-O2", "-mcpu=bleeding-edge"],
        ["-Oz", "-mcpu=mvp"],
    ]

    func compile(_ source: String, _ options: [String], name: String) -> [UInt8]? {
        let c = directory.appendingPathComponent(name + ".c")
        let wasm = directory.appendingPathComponent(name + ".wasm")
        _ = FileManager.default.createFile(atPath: c.path, contents: Data(source.utf8))
        try? FileManager.default.removeItem(at: wasm)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = ["--target=wasm32"] + options + [
            "-nostdlib", "-Wl,--no-entry", "-Wl,--export=run", "-w", "-o", wasm.path, c.path,
        ]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return nil }
        p.waitUntilExit()
        guard p.terminationStatus == 0, let data = FileManager.default.contents(atPath: wasm.path) else { return nil }
        return [UInt8](data)
    }
}

extension DifferentialSources {
    /// Random C programs compiled with every configuration, `run` called with a few seeds.
    static func cCases(compiler: CCompiler, seeds: Range<UInt64>) -> (cases: [DiffCase], failedToCompile: [String]) {
        var cases: [DiffCase] = []
        var failed: [String] = []
        for seed in seeds {
            let source = CProgramGenerator(seed: seed).generate()
            for (k, options) in CCompiler.configurations.enumerated() {
                let label = "C seed \(seed) \(options.joined(separator: " "))"
                guard let bytes = compiler.compile(source, options, name: "c\(seed)-\(k)") else {
                    failed.append(label)
                    continue
                }
                var rng = SplitMix(seed: seed)
                let steps = (0..<3).map { _ -> DiffStep in
                    let v = GenConstants.i32(&rng)
                    return .invoke("run", [(.i32(v), "(i32.const \(Int32(bitPattern: v)))")])
                }
                cases.append(DiffCase(
                    label: label, module: binaryCommand(bytes), steps: steps,
                    fuel: 20_000_000,
                load: { (limits: ExecutionLimits) throws(WasmError) -> Instance in try WasmSpec.instantiate(bytes, limits: limits) }))
            }
        }
        return (cases, failed)
    }
}
