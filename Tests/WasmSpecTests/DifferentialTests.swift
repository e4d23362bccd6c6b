// Execution compared with the reference interpreter, opt-in: with
// `WASM_REFERENCE_INTERPRETER` naming the reference `wasm` executable, WasmSpec and the
// reference run the same calls on
//   - random valid programs built to stress the compiler (DifferentialCode.swift), and
//     pairs of them linked together (DifferentialLinking.swift),
//   - every numeric and vector operator on edge-case operands,
//   - every suite module that instantiates alone, and valid mutants of it, its exports
//     called with random arguments,
//   - the benchmark kernels, and random C programs, compiled by clang (`$CLANG` or the
//     Swift toolchain's) at several optimisation levels,
// and must agree on every result bit for bit, every trap message and every uncaught
// exception (DifferentialHarness.swift says how). `WASM_DIFF_PROGRAMS` sets the number
// of random programs (500) and of linked pairs (a third of it), `WASM_DIFF_C_PROGRAMS` of C programs (30, each compiled 7
// ways), `WASM_DIFF_MUTANTS` of mutants per suite module (1), `WASM_DIFF_SEED` the first
// seed (1).
//
// Without the reference these tests are skipped, and say why; only the generator's own
// check below runs: its programs must be valid and run in WasmSpec.

import Foundation
import Testing
import WasmSpec

private let referenceInterpreter = ProcessInfo.processInfo.environment["WASM_REFERENCE_INTERPRETER"]
private let programCount = Int(ProcessInfo.processInfo.environment["WASM_DIFF_PROGRAMS"] ?? "") ?? 500
private let firstSeed = UInt64(ProcessInfo.processInfo.environment["WASM_DIFF_SEED"] ?? "") ?? 1
private let cProgramCount = Int(ProcessInfo.processInfo.environment["WASM_DIFF_C_PROGRAMS"] ?? "") ?? 30
private let mutantsPerModule = Int(ProcessInfo.processInfo.environment["WASM_DIFF_MUTANTS"] ?? "") ?? 1
private let needsReference = Testing.ConditionTrait.enabled(
    if: referenceInterpreter != nil, "set WASM_REFERENCE_INTERPRETER to the reference interpreter's wasm executable")

@Suite(.serialized) struct DifferentialTests {
    static func compare(_ cases: [DiffCase], _ what: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wasm-diff-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var harness = DifferentialHarness(reference: ReferenceInterpreter(path: referenceInterpreter ?? "", directory: dir))
        let tally = harness.compare(cases)
        print("\(what) against the reference: \(tally.summary)")
        for r in tally.referenceFailures.prefix(20) { print("  the reference could not run \(r.prefix(160))") }
        for m in tally.mismatches.prefix(20) {
            Issue.record("\(m)\n\(m.module.count < 4000 ? m.module : String(m.module.prefix(4000)) + "...")")
        }
        #expect(tally.mismatches.isEmpty, "\(tally.mismatches.count) differences from the reference")
        #expect(tally.steps > 0)
    }

    @Test(needsReference) func generatedPrograms() throws {
        let cases = (firstSeed..<firstSeed + UInt64(programCount)).map { DifferentialHarness.generatedCase(seed: $0) }
        try Self.compare(cases, "\(programCount) generated programs")
    }

    @Test(needsReference) func linkedPrograms() throws {
        let n = max(programCount / 3, 1)
        let cases = (firstSeed..<firstSeed + UInt64(n)).map { DifferentialHarness.generatedPair(seed: $0) }
        try Self.compare(cases, "\(n) linked pairs of generated programs")
    }

    @Test(needsReference) func operators() throws {
        try Self.compare(DifferentialSources.operatorCases(seed: firstSeed), "operators")
    }

    @Test(needsReference) func suiteModulesWithRandomArguments() throws {
        let dir = try #require(
            DifferentialSources.suiteDirectory(packageRoot: SpecSuiteTests.packageRoot),
            "official suite not found: set WASM_SPECTESTS")
        try Self.compare(
            DifferentialSources.suiteCases(directory: dir, seed: firstSeed, mutants: mutantsPerModule),
            "suite modules and \(mutantsPerModule) mutants of each")
    }

    @Test(needsReference, .enabled(if: CCompiler.locate() != nil, "no clang: set CLANG"))
    func cPrograms() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wasm-diff-c-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let compiler = CCompiler(path: CCompiler.locate() ?? "", directory: dir)
        let (cases, failed) = DifferentialSources.cCases(compiler: compiler, seeds: firstSeed..<firstSeed + UInt64(cProgramCount))
        #expect(failed.isEmpty, "clang did not compile: \(failed.prefix(5))")
        try Self.compare(cases, "\(cProgramCount) C programs")
    }

    @Test(needsReference) func kernels() throws {
        try Self.compare(DifferentialSources.kernelCases(packageRoot: SpecSuiteTests.packageRoot), "kernels")
    }

    /// The generator's programs are valid, and WasmSpec runs every call to an outcome.
    @Test func generatedProgramsAreValidAndRun() throws {
        var calls = 0
        for seed in UInt64(1)...60 {
            let c = seed % 4 == 0 ? DifferentialHarness.generatedPair(seed: seed) : DifferentialHarness.generatedCase(seed: seed)
            switch DifferentialHarness.ours(c) {
            case .success(let outcomes):
                calls += outcomes.count
                #expect(!outcomes.contains { if case .unknown = $0 { true } else { false } }, "seed \(seed)")
            case .failure(let error):
                Issue.record("seed \(seed): \(error)\n\(c.module)")
            }
        }
        #expect(calls > 0)
    }
}
