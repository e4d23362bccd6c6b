// The two engines compared with each other, in process, on every source of programs the
// differential tests against the reference interpreter use (DifferentialTests.swift):
// generated programs, linked pairs of them, every numeric and vector operator on edge
// operands, the official suite's modules with random arguments and valid mutants of
// them, and random C programs compiled by clang. EngineComparison.swift says what must
// agree. Seeds are fixed, so every run makes the same calls; a disagreement names its
// case and writes a script that reproduces it to a temporary folder.
//
// The counts are sized for a debug build in about a minute. `WASM_ENGINE_DIFF_SCALE=n`
// multiplies them (the cases of a smaller scale are among those of a larger one), for a
// longer search; `WASM_ENGINE_DIFF_SUITE=1` adds the suite scripts' own calls
// (EngineSuiteScripts.swift).

import Foundation
import Testing
import WasmBinary
import WasmSpec
@testable import WasmGenerator

private let scale = max(Int(ProcessInfo.processInfo.environment["WASM_ENGINE_DIFF_SCALE"] ?? "") ?? 1, 1)

@Suite struct EngineDifferentialTests {
    /// Generated programs (8 random calls each, after a reset, then the globals), and
    /// linked pairs (10 calls each).
    static let programs = 250 * scale
    static let pairs = 80 * scale
    /// Suite modules: calls of each export with random arguments, per module; code
    /// mutants per module.
    static let suiteRounds = 1
    static let codeMutants = scale
    static let suiteFuel = 200_000
    /// Valid mutants of the suite's modules at the byte level and in their other parts
    /// (types, imports, segments ...), each attempt from a module of the suite in turn.
    static let moduleMutantAttempts = 6_000 * scale
    /// Random C programs, each compiled with every configuration of `CCompiler`.
    static let cPrograms = 4 * scale

    /// Where disagreements write their reproducers (made when the first is written, and
    /// kept after the run).
    static let reproducerDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("engine-diff-\(getpid())")

    /// Compares the cases and reports the source's tally and its disagreements.
    static func run(_ source: String, _ cases: [DiffCase], directory: URL) -> EngineTally {
        let start = Date()
        var tally = EngineTally()
        for c in cases { tally.add(EngineComparison.compare(c, directory: directory)) }
        let seconds = Date().timeIntervalSince(start)
        print("engines on \(source): \(tally.summary) [\(String(format: "%.1f", seconds)) s]")
        for stop in tally.stops { print("  not compared further: \(stop.prefix(300))") }
        for d in tally.disagreements.prefix(30) { Issue.record("engines disagree on \(source), \(d)") }
        return tally
    }

    @Test func enginesAgree() throws {
        let directory = Self.reproducerDirectory
        var sources: [(String, EngineTally)] = []
        sources.append(("generated programs", Self.run(
            "\(Self.programs) generated programs",
            (UInt64(1)...UInt64(Self.programs)).map { Self.withoutHash(DifferentialHarness.generatedCase(seed: $0)) },
            directory: directory)))
        sources.append(("linked pairs", Self.run(
            "\(Self.pairs) linked pairs",
            (UInt64(1)...UInt64(Self.pairs)).map { Self.withoutHash(DifferentialHarness.generatedPair(seed: $0)) },
            directory: directory)))
        sources.append(("operators", Self.run("operators", DifferentialSources.operatorCases(seed: 1), directory: directory)))
        if let suite = SuiteModules.shared {
            sources.append(("suite modules and code mutants", Self.run(
                "suite modules and code mutants", Self.suiteModuleCases(suite), directory: directory)))
            sources.append(("module mutants", Self.run("module mutants", Self.moduleMutantCases(suite), directory: directory)))
        } else {
            Issue.record("official suite not found: set WASM_SPECTESTS")
        }
        var total = EngineTally()
        for (_, t) in sources { total.add(t) }
        let breakdown = sources.map { "\($0.0) \($0.1.calls)" }.joined(separator: ", ")
        print("engines compared on \(total.calls) calls: \(breakdown); \(total.summary)")
        if !total.disagreements.isEmpty { print("engine reproducers in \(directory.path)") }
        #expect(total.disagreements.isEmpty, "\(total.disagreements.count) disagreements between the engines")
        #expect(total.calls >= 20_000, "calls compared: \(breakdown)")
    }

    /// The compiled engine runs its threaded core only without a step budget, so the
    /// test above, which counts steps in both engines, never reaches it. Generated
    /// programs, linked pairs and operators always end (generated code runs on
    /// allowances of calls and loop iterations that `reset` refills), so here the
    /// compiled engine runs them with no budget: its threaded core, its calls within
    /// the core and its returns to the step loop against the reference engine.
    @Test func enginesAgreeWithoutAStepBudget() throws {
        let directory = Self.reproducerDirectory
        func unmetered(_ c: DiffCase) -> DiffCase {
            var c = Self.withoutHash(c)
            c.meterCompiled = false
            c.label += " (no step budget)"
            return c
        }
        var total = EngineTally()
        total.add(Self.run(
            "\(Self.programs) generated programs, no step budget",
            (UInt64(1)...UInt64(Self.programs)).map { unmetered(DifferentialHarness.generatedCase(seed: $0)) },
            directory: directory))
        total.add(Self.run(
            "\(Self.pairs) linked pairs, no step budget",
            (UInt64(1)...UInt64(Self.pairs)).map { unmetered(DifferentialHarness.generatedPair(seed: $0)) },
            directory: directory))
        total.add(Self.run(
            "operators, no step budget", DifferentialSources.operatorCases(seed: 1).map(unmetered), directory: directory))
        #expect(total.disagreements.isEmpty, "\(total.disagreements.count) disagreements between the engines")
        #expect(total.calls >= 10_000, "calls compared: \(total.calls)")
    }

    /// A generated case without its calls of `hash`: the memory it digests is exported and
    /// compared byte for byte after every call, and the digest's loop over every byte
    /// takes the reference engine a quarter of a million steps, most of a case's time.
    static func withoutHash(_ c: DiffCase) -> DiffCase {
        var c = c
        c.steps.removeAll { $0.kind == .invoke && $0.name == "hash" }
        return c
    }

    /// Every valid suite module that needs no import but spectest's, and valid mutants of
    /// its code (DifferentialSources.appendModuleAndMutants), with a smaller step budget
    /// than the reference comparison's: random arguments make some calls run long, and
    /// a debug build of the reference engine takes a second per million steps.
    static func suiteModuleCases(_ suite: SuiteModules) -> [DiffCase] {
        var rng = SplitMix(seed: 1)
        var cases: [DiffCase] = []
        let modules = suite.text + suite.binary.compactMap { try? Module(binary: $0) }
        for (k, module) in modules.enumerated()
        where module.imports.allSatisfy({ $0.module == "spectest" }) && (try? module.validate()) != nil {
            let exports = module.exports.prefix(3).map(\.name).joined(separator: " ")
            DifferentialSources.appendModuleAndMutants(
                module, "suite module \(k) (exports \(exports) ...)", seed: 1, rounds: suiteRounds, maxSteps: 80,
                mutants: codeMutants, to: &cases, &rng)
        }
        return cases.map { c in
            var c = c
            c.fuel = suiteFuel
            return c
        }
    }

    /// Valid mutants of the suite's modules: bytes flipped, replaced, cut or inserted
    /// (MutationTests.swift), or a part other than code changed (ValidationMutations), and
    /// their exports called with random arguments. Their sizes, segments and imports are
    /// whatever the mutation made, so instantiation fails in many ways, which must agree.
    static func moduleMutantCases(_ suite: SuiteModules) -> [DiffCase] {
        var corpus = suite.binary
        corpus += suite.text.lazy.map { $0.encode() }.filter { $0.count <= 4096 }
        var rng = SplitMix(state: 0xE6_0001)
        var cases: [DiffCase] = []
        for i in 0..<moduleMutantAttempts {
            let original = corpus[i % corpus.count]
            let module: Module
            if rng.coin() {
                guard let m = try? Module(binary: mutate(original, &rng)) else { continue }
                module = m
            } else {
                guard let m = try? Module(binary: original) else { continue }
                module = ValidationMutations.mutateModule(m, &rng)
            }
            guard (try? module.validate()) != nil,
                var c = DifferentialSources.moduleCase(module, "module mutant \(i)", rounds: 1, maxSteps: 40, &rng)
            else { continue }
            c.fuel = suiteFuel
            cases.append(c)
        }
        return cases
    }

    /// A start function 201 frames deep.
    static let recursiveStart = """
        (func (export "f")) (start 1) (func (call 2 (i32.const 199)))
        (func (param i32) (if (local.get 0) (then (call 2 (i32.sub (local.get 0) (i32.const 1))))))
        """

    /// The comparison itself: a case whose module differs with the engine it is loaded
    /// for must be reported, at the step and for the reason where it first differs; one
    /// that runs out of steps in one engine only must not.
    @Test(arguments: [
        // (what the reference engine's module does, what the compiled engine's does,
        //  where the difference must be reported; "" for none)
        ("(func (export \"f\") (result f32) (f32.const nan:0x200000))",
         "(func (export \"f\") (result f32) (f32.const nan:0x200001))", "(invoke \"f\")"),
        ("(func (export \"f\") (result i32) (i32.div_s (i32.const 1) (i32.const 0)))",
         "(func (export \"f\") (result i32) (i32.div_s (i32.const 0x80000000) (i32.const -1)))", "(invoke \"f\")"),
        ("(func (export \"f\") (result funcref) (ref.func 0))",
         "(func (export \"f\") (result funcref) (ref.null func))", "(invoke \"f\")"),
        ("(memory (export \"m\") 1) (func (export \"f\") (i32.store8 (i32.const 7) (i32.const 1)))",
         "(memory (export \"m\") 1) (func (export \"f\") (i32.store8 (i32.const 8) (i32.const 1)))",
         "(invoke \"f\"), then memory \"m\""),
        ("(global (export \"g\") (mut i64) (i64.const 0)) (func (export \"f\") (global.set 0 (i64.const 1)))",
         "(global (export \"g\") (mut i64) (i64.const 0)) (func (export \"f\") (global.set 0 (i64.const 2)))",
         "(invoke \"f\"), then global \"g\""),
        ("(func (export \"f\")) (start 1) (func unreachable)", "(func (export \"f\"))", "instantiation"),
        // A start function that recurses for ever exhausts the stack at any depth.
        ("(func (export \"f\")) (start 1) (func call 1)", "(func (export \"f\"))", "instantiation"),
        ("(func (export \"f\")) (start 1) (func loop br 0 end)", "(func (export \"f\"))", ""),
        // 201 frames deep: whether that exhausts depends on how an engine counts them.
        (Self.recursiveStart, Self.recursiveStart, ""),
        ("(func (export \"f\") (loop (br 0)))", "(func (export \"f\"))", ""),
        ("(func (export \"f\") (result funcref) (ref.func 0))",
         "(func (export \"f\") (result funcref) (ref.func 0))", ""),
    ])
    func comparisonSeesEveryKindOfDifference(_ reference: String, _ compiled: String, _ expected: String) {
        let modules = ["(module \(reference))", "(module \(compiled))"]
        let c = DiffCase(
            label: "self-check", module: modules[0], steps: [.invoke("f"), .invoke("f")], fuel: 1_000_000,
            load: { (limits: ExecutionLimits) throws(WasmError) -> Instance in
                try WasmSpec.instantiate(text: modules[limits.engine == .reference ? 0 : 1], limits: limits)
            })
        let tally = EngineComparison.compare(c)
        #expect(tally.disagreements.map(\.step) == (expected.isEmpty ? [] : [expected]), "\(tally.disagreements)")
        if expected.isEmpty { #expect(tally.calls + tally.stopped > 0) }
    }

    /// Exhaustion is compared only when it does not depend on the limits: a recursion
    /// that does not end exhausts both engines alike; one whose frames of 10,000 v128
    /// locals exhaust one engine's room for values at 75 calls deep and not the other's
    /// ends the comparison without a difference.
    @Test func exhaustionIsComparedWhenItDoesNotDependOnTheLimits() {
        let locals = String(repeating: " v128", count: 10_000)
        let text = """
            (module
              (func $loop (export "loop") (call $loop))
              (func $deep (export "deep") (param i32) (local\(locals))
                (if (local.get 0) (then (call $deep (i32.sub (local.get 0) (i32.const 1)))))))
            """
        let c = DiffCase(
            label: "exhaustion", module: text,
            steps: [.invoke("loop"), .invoke("deep", [(.i32(75), "(i32.const 75)")])], fuel: 10_000_000,
            load: { (limits: ExecutionLimits) throws(WasmError) -> Instance in try WasmSpec.instantiate(text: text, limits: limits) })
        let once = EngineComparison.compare(c)
        #expect(once.disagreements.isEmpty, "\(once.disagreements)")
        #expect(once.exhaustions == 1 && once.stopped == 0)
        var deep = c
        deep.steps.removeFirst()
        let tally = EngineComparison.compare(deep)
        #expect(tally.disagreements.isEmpty, "\(tally.disagreements)")
        #expect(tally.calls == 0 && tally.stopped == 1)
    }

    /// The suite scripts' own calls (EngineSuiteScripts.swift): about a minute more in a
    /// debug build, so opt-in.
    @Test(.enabled(
        if: ProcessInfo.processInfo.environment["WASM_ENGINE_DIFF_SUITE"] != nil,
        "set WASM_ENGINE_DIFF_SUITE=1 to compare the engines on the suite scripts' own calls"))
    func enginesAgreeOnSuiteScripts() throws {
        let dir = try #require(
            DifferentialSources.suiteDirectory(packageRoot: SpecSuiteTests.packageRoot), "official suite not found: set WASM_SPECTESTS")
        let tally = Self.run("the suite scripts' own calls", EngineSuiteScripts.cases(directory: dir), directory: Self.reproducerDirectory)
        #expect(tally.disagreements.isEmpty, "\(tally.disagreements.count) disagreements between the engines")
        #expect(tally.calls > 0)
    }

    @Test(.enabled(if: CCompiler.locate() != nil, "no clang targeting wasm32: set CLANG"))
    func enginesAgreeOnCPrograms() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("engine-diff-c-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let compiler = CCompiler(path: CCompiler.locate() ?? "", directory: dir)
        let (cases, failed) = DifferentialSources.cCases(compiler: compiler, seeds: 1..<1 + UInt64(Self.cPrograms))
        #expect(failed.isEmpty, "clang did not compile: \(failed.prefix(5))")
        let tally = Self.run("\(Self.cPrograms) C programs", cases, directory: Self.reproducerDirectory)
        #expect(tally.disagreements.isEmpty, "\(tally.disagreements.count) disagreements between the engines")
        #expect(tally.calls > 0)
    }
}
