// Random valid modules for differential testing against the reference interpreter: the
// module level (types, functions, globals, memories, tables, tags, exports). The code of
// each function comes from `DifferentialCode.swift`.
//
// Every run must end the same way in both interpreters, so a generated program never
// depends on the call depth at which an interpreter gives up: a global counter allows a
// bounded number of calls per invocation and another a bounded number of loop iterations,
// and running out of either traps ("unreachable executed") at the same point in both.
// The exported `reset` refills them; the harness calls it before every invocation.

import WasmBinary

/// The value types the generator uses.
enum GenType: Hashable {
    case i32, i64, f32, f64, v128
    case funcref, externref, exnref
    // GC (only in programs generated with `gc`).
    case anyref, eqref, i31ref
    /// `(ref null $sN)` / `(ref null $aN)`: a struct or array type of the program.
    case structRef(Int), arrayRef(Int)
    /// `(ref null $tN)`: a typed function reference (function type N of the program).
    case funcRef(Int)

    var text: String {
        switch self {
        case .i32: "i32"
        case .i64: "i64"
        case .f32: "f32"
        case .f64: "f64"
        case .v128: "v128"
        case .funcref: "funcref"
        case .externref: "externref"
        case .exnref: "exnref"
        case .anyref: "anyref"
        case .eqref: "eqref"
        case .i31ref: "i31ref"
        case .structRef(let i): "(ref null $s\(i))"
        case .funcRef(let i): "(ref null $t\(i))"
        case .arrayRef(let i): "(ref null $a\(i))"
        }
    }

    var isNumeric: Bool { [.i32, .i64, .f32, .f64].contains(self) }
    var isRef: Bool { !isNumeric && self != .v128 }

    /// The operator tables' type, for numeric and vector types.
    var valType: ValType? {
        switch self {
        case .i32: .i32
        case .i64: .i64
        case .f32: .f32
        case .f64: .f64
        case .v128: .v128
        default: nil
        }
    }

    static func from(_ t: ValType) -> GenType? {
        switch t {
        case .i32: .i32
        case .i64: .i64
        case .f32: .f32
        case .f64: .f64
        case .v128: .v128
        default: nil
        }
    }

    /// Whether a value of this type can be written as an `invoke` argument.
    var isArgument: Bool {
        switch self {
        case .i32, .i64, .f32, .f64, .v128, .funcref, .externref, .exnref, .anyref, .eqref, .i31ref: true
        case .structRef, .arrayRef, .funcRef: true
        }
    }
}

/// A function type of the program.
struct GenFuncType: Hashable {
    var params: [GenType]
    var results: [GenType]
}

/// A struct type: fields with their storage (`i8`/`i16` packed or a value type) and
/// mutability; `parent` is the type it subtypes, if any.
struct GenStructType {
    var fields: [(storage: String, type: GenType, mutable: Bool)]
    var parent: Int?
}

/// An array type: its element storage and type.
struct GenArrayType {
    var storage: String
    var type: GenType
    var mutable: Bool
}

/// What the generator may use; each program draws its own.
struct GenFeatures {
    var simd = true
    var exceptions = true
    var gc = false
    var memory64 = false
    var secondMemory = false
    var tailCalls = true
    var references = true
    var imports = false
    var table64 = false
    var typedFunctionReferences = true

    /// A mix drawn from the seed: most programs use the common features, some the rarer.
    static func random(seed: UInt64) -> GenFeatures {
        var rng = SplitMix(seed: seed ^ 0xFEA7)
        return random(&rng)
    }

    /// A mix drawn from `rng`.
    static func random(_ rng: inout SplitMix) -> GenFeatures {
        var f = GenFeatures()
        f.simd = rng.chance(80)
        f.exceptions = rng.chance(70)
        f.gc = rng.chance(30)
        f.memory64 = rng.chance(20)
        f.secondMemory = rng.chance(20)
        f.imports = rng.chance(40)
        f.table64 = rng.chance(15)
        return f
    }
}

/// A generated program: the module's text and what the harness may call.
struct GeneratedProgram {
    var seed: UInt64
    var text: String
    /// Exported functions and their parameter types.
    var exports: [(name: String, params: [GenType])]
    /// Exported mutable globals, compared after the calls.
    var globals: [(name: String, type: GenType)]
}

/// Generates one module from a seed.
final class ProgramGenerator {
    var rng: SplitMix
    let features: GenFeatures
    /// Function types by type index `$tN`.
    var funcTypes: [GenFuncType] = []
    var structTypes: [GenStructType] = []
    var arrayTypes: [GenArrayType] = []
    /// The type index of each function: imported from the exporting program first
    /// (`$aN`), then defined (`$fN`).
    var funcs: [Int] = []
    /// The name of each function of `funcs`.
    var funcNames: [String] = []
    /// How many of `funcs` are imported from `exporter`.
    var importedFuncCount = 0
    /// The program this one imports from (as module "A"): its functions, tags, memory,
    /// table and the call and loop allowances, so that calls, exceptions and memory
    /// accesses cross instances.
    let exporter: ProgramGenerator?
    var globals: [(type: GenType, mutable: Bool)] = []
    var tags: [[GenType]] = []
    /// The table `$tab`: its size and the function in each slot (nil: null), by name.
    var table: [String?] = []
    /// The passive element segment `$e0`, by function name.
    var passiveElem: [String?] = []
    /// Imported spectest functions: name and parameters (none has results).
    var hostFuncs: [(name: String, params: [GenType])] = []
    /// Imported spectest globals (immutable): name and type.
    var importedGlobals: [(name: String, type: GenType)] = []
    var importedMemory = false
    /// Whether `$t1`, spectest's table of 10 (at most 20) funcrefs, is imported.
    var importedTable = false
    /// Whether functions declare many locals (wide frames).
    var manyLocals = false
    /// How deeply generated code nests.
    var maxDepth = 7
    /// The address type of `$tab`.
    var tableAddressType: GenType { features.table64 ? .i64 : .i32 }
    /// Passive data segments `$dN`, for memory.init.
    var passiveData: [[UInt8]] = []
    /// Memory 0's address type: i64 with memory64.
    var addressType: GenType { features.memory64 ? .i64 : .i32 }
    /// Maximum instructions per function body, roughly.
    var bodyBudget = 100
    /// How many functions the program defines, drawn from this range.
    var functionCount = 2...7
    /// Whether code is indented by its nesting, for people reading it.
    var indented = true

    init(seed: UInt64, features: GenFeatures, exporter: ProgramGenerator? = nil) {
        rng = SplitMix(seed: seed)
        self.features = features
        self.exporter = exporter
    }

    /// The types a parameter, result or local may have.
    func valueTypes(forSignature: Bool) -> [(GenType, Int)] {
        var ts: [(GenType, Int)] = [(.i32, 30), (.i64, 18), (.f32, 10), (.f64, 10)]
        if features.simd { ts.append((.v128, 8)) }
        if features.references {
            ts.append((.funcref, 3))
            ts.append((.externref, 3))
            // Only types declared already: a type may refer to earlier ones only.
            if !funcTypes.isEmpty && features.typedFunctionReferences { ts.append((.funcRef(rng.below(funcTypes.count)), 3)) }
        }
        if features.exceptions { ts.append((.exnref, 1)) }
        if features.gc {
            ts.append((.anyref, 2))
            ts.append((.eqref, 2))
            ts.append((.i31ref, 2))
            if !structTypes.isEmpty { ts.append((.structRef(rng.below(structTypes.count)), 4)) }
            if !arrayTypes.isEmpty { ts.append((.arrayRef(rng.below(arrayTypes.count)), 4)) }
        }
        return ts
    }

    func randomType() -> GenType {
        let ts = valueTypes(forSignature: true)
        return ts[rng.weighted(ts.map(\.1))].0
    }

    func randomTypes(_ n: ClosedRange<Int>) -> [GenType] {
        (0..<rng.range(n)).map { _ in randomType() }
    }

    /// The index of a function type, added if new.
    func typeIndex(_ ft: GenFuncType) -> Int {
        if let i = funcTypes.firstIndex(of: ft) { return i }
        funcTypes.append(ft)
        return funcTypes.count - 1
    }

    func generate(seed: UInt64) -> GeneratedProgram {
        if features.gc { makeAggregateTypes() }
        if features.imports {
            let hosts: [(String, [GenType])] = [
                ("print", []), ("print_i32", [.i32]), ("print_i64", [.i64]), ("print_f32", [.f32]),
                ("print_f64", [.f64]), ("print_i32_f32", [.i32, .f32]), ("print_f64_f64", [.f64, .f64]),
            ]
            hostFuncs = hosts.filter { _ in rng.chance(40) }
            for h in hostFuncs { _ = typeIndex(GenFuncType(params: h.1, results: [])) }
        }
        if let a = exporter {
            for j in a.importedFuncCount..<a.funcs.count {
                funcs.append(typeIndex(a.funcTypes[a.funcs[j]]))
                funcNames.append("$a\(j - a.importedFuncCount)")
            }
            importedFuncCount = funcs.count
            tags = a.tags
        }
        let nfuncs = rng.range(functionCount)
        for k in 0..<nfuncs {
            let ft = GenFuncType(params: randomTypes(0...5), results: randomTypes(0...3))
            funcs.append(typeIndex(ft))
            funcNames.append("$f\(k)")
        }
        // A few extra signatures for call_indirect to miss.
        for _ in 0..<rng.range(0...2) {
            _ = typeIndex(GenFuncType(params: randomTypes(0...3), results: randomTypes(0...2)))
        }
        if features.imports {
            importedGlobals = [("global_i32", .i32), ("global_i64", .i64), ("global_f32", .f32), ("global_f64", .f64)]
                .filter { _ in rng.chance(50) }
        }
        for _ in 0..<rng.range(1...6) {
            let t = randomType()
            globals.append((t, rng.chance(80)))
        }
        if features.exceptions && exporter == nil {
            for _ in 0..<rng.range(1...3) { tags.append(randomTypes(0...3)) }
        }
        let functionNames = funcNames + hostFuncs.map { "$" + $0.name }
        var ownElems: [(Int, String)] = []
        if let a = exporter {
            // The exporter's table, shared: its functions under their names here, and
            // some of this program's written into it.
            table = a.table.map { name in
                guard let name, name.hasPrefix("$f"), let k = Int(name.dropFirst(2)) else { return nil }
                return "$a\(k)"
            }
            for _ in 0..<rng.range(0...3) {
                let slot = rng.below(table.count)
                let f = funcNames[importedFuncCount + rng.below(nfuncs)]
                table[slot] = f
                ownElems.append((slot, f))
            }
        } else {
            let tableSize = rng.range(1...8)
            table = (0..<tableSize).map { _ in rng.chance(80) ? rng.pick(functionNames) : nil }
        }
        passiveData = (0..<rng.range(0...2)).map { _ in (0..<rng.range(0...24)).map { _ in UInt8(truncatingIfNeeded: rng.next()) } }
        passiveElem = (0..<rng.range(0...4)).map { _ in rng.chance(85) ? rng.pick(functionNames) : nil }
        importedMemory = exporter == nil && features.imports && !features.memory64 && rng.chance(50)
        importedTable = features.imports && rng.chance(50)
        maxDepth = rng.range(4...11)
        if rng.chance(15) { bodyBudget = 400 }
        manyLocals = rng.chance(10)

        // Bodies first: they may add function types (block types stay inline).
        var bodies: [String] = []
        for i in importedFuncCount..<funcs.count {
            let gen = CodeGenerator(program: self, function: i)
            bodies.append(gen.generateFunction())
        }

        var lines: [String] = ["(module"]
        for (i, st) in structTypes.enumerated() {
            let fields = st.fields.map { "(field \($0.mutable ? "(mut \($0.storage))" : $0.storage))" }.joined(separator: " ")
            let sub = st.parent.map { "(sub $s\($0) " } ?? "(sub "
            lines.append("  (type $s\(i) \(sub)(struct \(fields))))")
        }
        for (i, at) in arrayTypes.enumerated() {
            lines.append("  (type $a\(i) (array \(at.mutable ? "(mut \(at.storage))" : at.storage)))")
        }
        for (i, ft) in funcTypes.enumerated() {
            lines.append("  (type $t\(i) (func\(Self.params(ft.params))\(Self.results(ft.results))))")
        }
        let at = features.memory64 ? "i64 " : ""
        if let a = exporter {
            for i in 0..<importedFuncCount {
                lines.append("  (import \"A\" \"f\(i)\" (func \(funcNames[i]) (type $t\(funcs[i]))))")
                lines.append("  (export \"A.f\(i)\" (func \(funcNames[i])))")
            }
            for (i, ps) in tags.enumerated() {
                lines.append("  (import \"A\" \"tag\(i)\" (tag $tag\(i)\(Self.params(ps))))")
            }
            lines.append("  (import \"A\" \"mem\" (memory $m0 \(at)1 2))")
            lines.append("  (import \"A\" \"tab\" (table $tab \(features.table64 ? "i64 " : "")\(a.table.count) funcref))")
            lines.append("  (import \"A\" \"fuel\" (global $fuel (mut i32)))")
            lines.append("  (import \"A\" \"calls\" (global $calls (mut i32)))")
        }
        for h in hostFuncs {
            lines.append("  (import \"spectest\" \"\(h.name)\" (func $\(h.name)\(Self.params(h.params))))")
        }
        for (name, t) in importedGlobals {
            lines.append("  (import \"spectest\" \"\(name)\" (global $\(name) \(t.text)))")
        }
        if importedMemory { lines.append("  (import \"spectest\" \"memory\" (memory $m0 1 2))") }
        if importedTable { lines.append("  (import \"spectest\" \"table\" (table $t1 10 20 funcref))") }
        if exporter == nil {
            for (i, ps) in tags.enumerated() {
                lines.append("  (tag $tag\(i) (export \"tag\(i)\")\(Self.params(ps)))")
            }
        }
        if !importedMemory && exporter == nil { lines.append("  (memory $m0 \(at)1 2)") }
        lines.append("  (export \"mem\" (memory $m0))")
        if features.secondMemory { lines.append("  (memory $m1 1 1)") }
        lines.append("  (data (memory $m0) (\(addressType.text).const 0) \"\(Self.bytes(randomBytes(rng.range(16...200))))\")")
        lines.append("  (data (memory $m0) (\(addressType.text).const \(65536 - 64)) \"\(Self.bytes(randomBytes(64)))\")")
        if features.secondMemory {
            lines.append("  (data (memory $m1) (i32.const 0) \"\(Self.bytes(randomBytes(rng.range(16...64))))\")")
        }
        for (i, d) in passiveData.enumerated() { lines.append("  (data $d\(i) \"\(Self.bytes(d))\")") }
        let ta = tableAddressType.text
        if exporter == nil {
            lines.append("  (table $tab \(features.table64 ? "i64 " : "")\(table.count) funcref)")
            for (i, slot) in table.enumerated() {
                if let f = slot { lines.append("  (elem (table $tab) (\(ta).const \(i)) func \(f))") }
            }
        } else {
            for (i, f) in ownElems { lines.append("  (elem (table $tab) (\(ta).const \(i)) func \(f))") }
        }
        lines.append("  (export \"tab\" (table $tab))")
        if importedTable, let f = table.compactMap({ $0 }).first {
            lines.append("  (elem (table $t1) (i32.const \(rng.below(9))) funcref (ref.func \(f)) (ref.null func))")
        }
        // Declares every function for ref.func.
        lines.append("  (elem declare func \(functionNames.joined(separator: " ")))")
        let elems = passiveElem.map { $0.map { "(ref.func \($0))" } ?? "(ref.null func)" }
        lines.append("  (elem $e0 funcref \(elems.joined(separator: " ")))")
        if exporter == nil {
            lines.append("  (global $fuel (export \"fuel\") (mut i32) (i32.const 0))")
            lines.append("  (global $calls (export \"calls\") (mut i32) (i32.const 0))")
        }
        var exportedGlobals: [(String, GenType)] = []
        for (i, g) in globals.enumerated() {
            let type = g.mutable ? "(mut \(g.type.text))" : g.type.text
            let name = "g\(i)"
            lines.append("  (global $g\(i) (export \"\(name)\") \(type) \(constantExpression(g.type, before: i)))")
            if g.mutable { exportedGlobals.append((name, g.type)) }
        }
        lines.append("  (func (export \"reset\") (global.set $fuel (i32.const 300)) (global.set $calls (i32.const 60)))")
        var exports: [(String, [GenType])] = []
        for k in 0..<nfuncs {
            let i = importedFuncCount + k
            let ft = funcTypes[funcs[i]]
            lines.append("  (func \(funcNames[i]) (export \"f\(k)\") (type $t\(funcs[i]))")
            lines.append(bodies[k])
            lines.append("  )")
            if ft.params.allSatisfy(\.isArgument) { exports.append(("f\(k)", ft.params)) }
        }
        for i in 0..<importedFuncCount {
            let ft = funcTypes[funcs[i]]
            if ft.params.allSatisfy(\.isArgument) { exports.append(("A.f\(i)", ft.params)) }
        }
        lines.append(hashFunction())
        lines.append(")")
        return GeneratedProgram(seed: seed, text: lines.joined(separator: "\n"), exports: exports, globals: exportedGlobals)
    }

    /// Struct and array types, some subtyping others, for casts.
    private func makeAggregateTypes() {
        var storages: [(String, GenType)] = [("i32", .i32), ("i64", .i64), ("f32", .f32), ("f64", .f64), ("i8", .i32), ("i16", .i32)]
        if features.simd { storages.append(("v128", .v128)) }
        storages += [("funcref", .funcref), ("i31ref", .i31ref)]
        for i in 0..<rng.range(1...3) {
            var fields: [(String, GenType, Bool)] = []
            var parent: Int? = nil
            if i > 0, rng.chance(60) {
                let p = rng.below(i)
                parent = p
                fields = structTypes[p].fields.map { ($0.storage, $0.type, $0.mutable) }
            }
            for _ in 0..<rng.range(0...3) {
                let s = rng.pick(storages)
                fields.append((s.0, s.1, rng.chance(80)))
            }
            structTypes.append(GenStructType(fields: fields.map { (storage: $0.0, type: $0.1, mutable: $0.2) }, parent: parent))
        }
        for _ in 0..<rng.range(1...2) {
            let s = rng.pick(storages)
            arrayTypes.append(GenArrayType(storage: s.0, type: s.1, mutable: rng.chance(85)))
        }
    }

    func randomBytes(_ n: Int) -> [UInt8] {
        (0..<n).map { _ in
            switch rng.below(4) {
            case 0: 0
            case 1: 0xFF
            default: UInt8(truncatingIfNeeded: rng.next())
            }
        }
    }

    /// A constant expression for the initial value of global `before`: sometimes an
    /// extended constant over an imported or earlier immutable global.
    func constantExpression(_ t: GenType, before: Int) -> String {
        let earlier = importedGlobals.filter { $0.type == t }.map { "$" + $0.name }
            + (0..<before).filter { globals[$0].type == t && !globals[$0].mutable }.map { "$g\($0)" }
        if (t == .i32 || t == .i64), !earlier.isEmpty, rng.chance(60) {
            return "(\(t.text).\(rng.pick(["add", "sub", "mul"])) (global.get \(rng.pick(earlier))) (\(GenConstants.constant(t, &rng))))"
        }
        if !earlier.isEmpty, rng.chance(30) { return "(global.get \(rng.pick(earlier)))" }
        switch t {
        case .i32, .i64, .f32, .f64, .v128: return "(\(GenConstants.constant(t, &rng)))"
        case .funcref: return rng.chance(50) ? "(ref.null func)" : "(ref.func \(rng.pick(funcNames)))"
        case .externref: return "(ref.null extern)"
        case .exnref: return "(ref.null exn)"
        case .anyref, .eqref, .i31ref:
            return rng.chance(50) ? "(ref.null none)" : "(ref.i31 (i32.const \(Int32(truncatingIfNeeded: rng.next()))))"
        case .structRef(let s): return rng.chance(40) ? "(ref.null $s\(s))" : "(struct.new_default $s\(s))"
        case .funcRef(let k):
            let fs = funcs.indices.filter { funcs[$0] == k }
            return fs.isEmpty || rng.chance(40) ? "(ref.null $t\(k))" : "(ref.func \(funcNames[rng.pick(fs)]))"
        case .arrayRef(let a): return rng.chance(40) ? "(ref.null $a\(a))" : "(array.new_default $a\(a) (i32.const \(rng.below(4))))"
        }
    }

    /// `hash`: a digest of memory 0 (and memory 1), to compare memories after the calls.
    private func hashFunction() -> String {
        let a = addressType.text
        var body = """
          (func (export "hash") (result i64) (local $i \(a)) (local $h i64)
            (local.set $h (i64.const 0x1234567))
            (block $done
              (loop $next
                (br_if $done (\(a).ge_u (local.get $i) (\(a).mul (memory.size $m0) (\(a).const 65536))))
                (local.set $h (i64.xor (i64.mul (local.get $h) (i64.const 0x100000001b3))
                  (i64.load $m0 (local.get $i))))
                (local.set $i (\(a).add (local.get $i) (\(a).const 8)))
                (br $next)))
        """
        if features.secondMemory {
            body += """

                (local.set $h (i64.add (local.get $h) (i64.load $m1 (i32.const 0))))
                (local.set $h (i64.add (local.get $h) (i64.load $m1 (i32.const 65528))))
            """
        }
        return body + "\n    (local.get $h))"
    }

    static func params(_ ts: [GenType]) -> String {
        ts.isEmpty ? "" : " (param \(ts.map(\.text).joined(separator: " ")))"
    }

    static func results(_ ts: [GenType]) -> String {
        ts.isEmpty ? "" : " (result \(ts.map(\.text).joined(separator: " ")))"
    }

    static func bytes(_ bs: [UInt8]) -> String {
        let hex = Array("0123456789abcdef")
        var s = ""
        for b in bs { s += "\\\(hex[Int(b >> 4)])\(hex[Int(b & 15)])" }
        return s
    }
}
