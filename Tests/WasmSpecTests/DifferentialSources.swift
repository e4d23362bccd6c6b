// Cases from existing modules for the differential harness: every module of the official
// suite that instantiates on its own (imports from `spectest` only), each exported
// function called with random arguments; and the benchmark kernels (clang output) with
// arguments small enough for the reference interpreter's speed.

import Foundation
import WasmBinary
import WasmSpec
import WasmText
@testable import WasmGenerator

enum DifferentialSources {
    /// The suite's `core` folder: where `SpecSuite.locate` finds the suite, or the shared
    /// copy on the build machine.
    static func suiteDirectory(packageRoot: String) -> String? {
        for root in [SpecSuite.locate(packageRoot: packageRoot), "/work/shared/spectests"].compactMap({ $0 })
        where FileManager.default.fileExists(atPath: root + "/core/i32.wast") {
            return root + "/core"
        }
        return nil
    }

    static func wastFiles(_ directory: String) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: directory) else { return [] }
        var files: [String] = []
        while let f = e.nextObject() as? String {
            if f.hasSuffix(".wast") { files.append(directory + "/" + f) }
        }
        return files.sorted()
    }

    /// The module's function types by function index (imports first).
    static func functionTypes(_ m: Module) -> [FuncType?] {
        var types: [SubType] = []
        for r in m.types { types += r.subTypes }
        func funcType(_ x: UInt32) -> FuncType? {
            guard Int(x) < types.count, case .func(let ft) = types[Int(x)].compType else { return nil }
            return ft
        }
        var result: [FuncType?] = []
        for im in m.imports {
            if case .func(let use) = im.type {
                if case .index(let x) = use { result.append(funcType(x)) } else { result.append(nil) }
            }
        }
        for f in m.funcs { result.append(funcType(f.type)) }
        return result
    }

    /// A random argument of a parameter type, or nil when none can be written (a
    /// non-nullable reference).
    static func argument(_ t: ValType, _ m: Module, _ rng: inout SplitMix) -> (Value, String)? {
        switch t {
        case .i32: return DiffText.randomArgument(.i32, &rng)
        case .i64: return DiffText.randomArgument(.i64, &rng)
        case .f32: return DiffText.randomArgument(.f32, &rng)
        case .f64: return DiffText.randomArgument(.f64, &rng)
        case .v128: return DiffText.randomArgument(.v128, &rng)
        case .bot: return nil
        case .ref(let rt):
            guard rt.nullable else { return nil }
            switch hierarchy(rt.heapType, m) {
            case .func: return (.ref(.null), "(ref.null nofunc)")
            case .exn: return (.ref(.null), "(ref.null noexn)")
            case .extern:
                if rng.chance(50) { return (.ref(.null), "(ref.null noextern)") }
                let n = UInt32(rng.below(4))
                return (.ref(.extern(.host(n))), "(ref.extern \(n))")
            default:
                if rt.heapType == .any && rng.chance(40) {
                    let n = UInt32(rng.below(4))
                    return (.ref(.host(n)), "(ref.host \(n))")
                }
                return (.ref(.null), "(ref.null none)")
            }
        }
    }

    /// The top of a heap type's hierarchy: any, func, exn or extern.
    static func hierarchy(_ ht: HeapType, _ m: Module) -> HeapType {
        switch ht {
        case .func, .nofunc: return .func
        case .exn, .noexn: return .exn
        case .extern, .noextern: return .extern
        case .index(let x):
            var types: [SubType] = []
            for r in m.types { types += r.subTypes }
            if Int(x) < types.count, case .func = types[Int(x)].compType { return .func }
            return .any
        default: return .any
        }
    }

    static func binaryCommand(_ bytes: [UInt8]) -> String {
        "(module binary \"\(ProgramGenerator.bytes(bytes))\")"
    }

    /// Every suite module that needs no import but spectest's, with `rounds` calls of each
    /// exported function whose parameters can be written, then its exported globals; and
    /// `mutants` valid mutants of each (instructions deleted, duplicated, swapped,
    /// inserted, given other immediates: ValidationMutations) called the same way.
    static func suiteCases(directory: String, seed: UInt64, rounds: Int = 2, maxSteps: Int = 80, mutants: Int = 0) -> [DiffCase] {
        var cases: [DiffCase] = []
        var rng = SplitMix(seed: seed)
        for file in wastFiles(directory) {
            guard let data = FileManager.default.contents(atPath: file),
                let script = try? parseScript([UInt8](data))
            else { continue }
            let name = (file as NSString).lastPathComponent
            var commands = script
            var i = 0
            while i < commands.count {
                let command = commands[i]
                i += 1
                if case .script(_, let inner) = command.command {
                    commands.insert(contentsOf: inner, at: i)
                    continue
                }
                guard case .module(let sm) = command.command, !sm.isDefinition else { continue }
                let module: Module
                switch sm.source {
                case .text(let m): module = m
                case .binary(let b):
                    guard let m = try? Module(binary: b) else { continue }
                    module = m
                case .quote: continue
                }
                guard module.imports.allSatisfy({ $0.module == "spectest" }) else { continue }
                appendModuleAndMutants(
                    module, "\(name):\(command.location.line)", seed: seed, rounds: rounds, maxSteps: maxSteps,
                    mutants: mutants, to: &cases, &rng)
            }
        }
        return cases
    }

    /// Appends the case of a module and of `mutants` valid mutants of its code
    /// (ValidationMutations.mutateCode), each called as `moduleCase` says.
    static func appendModuleAndMutants(
        _ module: Module, _ label: String, seed: UInt64, rounds: Int, maxSteps: Int, mutants: Int,
        to cases: inout [DiffCase], _ rng: inout SplitMix
    ) {
        if let c = moduleCase(module, label, rounds: rounds, maxSteps: maxSteps, &rng) { cases.append(c) }
        var attempts = 0
        var made = 0
        while made < mutants && attempts < mutants * 4 {
            attempts += 1
            var r = SplitMix(state: seed &+ UInt64(cases.count) &* 7919 &+ UInt64(attempts))
            let mutant = ValidationMutations.mutateCode(module, &r)
            guard (try? mutant.validate()) != nil else { continue }
            made += 1
            if let c = moduleCase(mutant, "\(label) mutant \(attempts)", rounds: rounds, maxSteps: maxSteps, &rng) {
                cases.append(c)
            }
        }
    }

    /// A module's exports called `rounds` times each with random arguments, then its
    /// globals read.
    static func moduleCase(_ module: Module, _ label: String, rounds: Int, maxSteps: Int, _ rng: inout SplitMix) -> DiffCase? {
        let types = functionTypes(module)
        // Whether a large grow succeeds depends on the host's memory: the reference
        // allocates tables and memories eagerly, WasmSpec maps memory lazily and caps
        // tables. Modules that grow get small integer arguments only.
        let grows = module.funcs.contains { f in
            f.body.contains {
                switch $0 {
                case .memoryGrow, .tableGrow: true
                default: false
                }
            }
        }
        var steps: [DiffStep] = []
        for _ in 0..<rounds {
            for e in module.exports where e.kind == .func {
                guard Int(e.index) < types.count, let ft = types[Int(e.index)] else { continue }
                var args: [(Value, String)] = []
                for p in ft.params {
                    if grows && (p == .i32 || p == .i64) {
                        let n = rng.below(40)
                        args.append(p == .i32 ? (.i32(UInt32(n)), "(i32.const \(n))") : (.i64(UInt64(n)), "(i64.const \(n))"))
                        continue
                    }
                    guard let a = argument(p, module, &rng) else { break }
                    args.append(a)
                }
                if args.count == ft.params.count && steps.count < maxSteps { steps.append(.invoke(e.name, args)) }
            }
        }
        for e in module.exports where e.kind == .global { steps.append(.get(e.name)) }
        guard !steps.isEmpty else { return nil }
        let bytes = module.encode()
        return DiffCase(
            label: label, module: binaryCommand(bytes), steps: steps,
            fuel: 2_000_000,
                load: { (limits: ExecutionLimits) throws(WasmError) -> Instance in try WasmSpec.instantiate(bytes, limits: limits) })
    }

    /// The benchmark kernels, with arguments the reference runs in seconds.
    static func kernelCases(packageRoot: String) -> [DiffCase] {
        let calls: [(String, [UInt32])] = [
            ("fib", [0, 1, 2, 7, 15, 20]), ("loop", [0, 1, 3, 500, 100_000]), ("sieve", [0, 1]),
            ("matmul", [0, 1, 2, 5, 20]), ("sort", [0]),
        ]
        var cases: [DiffCase] = []
        for (kernel, args) in calls {
            guard let data = FileManager.default.contents(atPath: packageRoot + "/Benchmarks/kernels/\(kernel).wasm") else { continue }
            let bytes = [UInt8](data)
            let steps = args.map { DiffStep.invoke(kernel, [(.i32($0), "(i32.const \($0))")]) }
            cases.append(DiffCase(
                label: "kernel \(kernel)", module: binaryCommand(bytes), steps: steps,
                fuel: 50_000_000,
                load: { (limits: ExecutionLimits) throws(WasmError) -> Instance in try WasmSpec.instantiate(bytes, limits: limits) }))
        }
        return cases
    }

    /// Every numeric and vector operator alone, each in an exported function of its
    /// operands, called `calls` times with operands drawn from the edge values: the
    /// results must agree bit for bit (NaN payloads included), as must the traps.
    static func operatorCases(seed: UInt64, calls: Int = 24) -> [DiffCase] {
        var rng = SplitMix(seed: seed)
        var functions: [(name: String, params: [GenType], text: String)] = []
        func add(_ name: String, _ params: [ValType], _ result: ValType?, _ body: String) {
            let ps = params.compactMap(GenType.from)
            let rs = result.flatMap(GenType.from).map { [$0] } ?? []
            let gets = ps.indices.map { "(local.get \($0))" }.joined(separator: " ")
            functions.append((name, ps, "(func (export \"\(name)\")\(ProgramGenerator.params(ps))\(ProgramGenerator.results(rs)) (\(body) \(gets)))"))
        }
        for op in NumericOp.allCases { add(op.name, op.signature.params, op.signature.result, op.name) }
        for op in VectorOp.allCases { add(op.name, op.signature.params, op.signature.result, op.name) }
        for op in LaneOp.allCases {
            for lane in 0..<Int(op.info.lanes) {
                add("\(op.name) \(lane)", op.signature.params, op.signature.result, "\(op.name) \(lane)")
            }
        }
        for k in 0..<8 {
            let lanes = (0..<16).map { _ in String(rng.below(32)) }.joined(separator: " ")
            add("i8x16.shuffle \(k)", [.v128, .v128], .v128, "i8x16.shuffle \(lanes)")
        }
        var cases: [DiffCase] = []
        var start = 0
        while start < functions.count {
            let group = Array(functions[start..<min(start + 40, functions.count)])
            start += 40
            let text = "(module\n" + group.map { "  " + $0.text }.joined(separator: "\n") + "\n)"
            var steps: [DiffStep] = []
            for f in group {
                for _ in 0..<calls {
                    steps.append(.invoke(f.name, f.params.map { DiffText.randomArgument($0, &rng) }))
                }
            }
            cases.append(DiffCase(
                label: "operators \(group[0].name) ...", module: text, steps: steps,
                fuel: 20_000_000,
                load: { (limits: ExecutionLimits) throws(WasmError) -> Instance in try WasmSpec.instantiate(text: text, limits: limits) }))
        }
        return cases
    }
}
