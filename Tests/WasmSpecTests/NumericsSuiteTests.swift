// Checks the Numerics API against the spec suite's numeric assertions: every
// `assert_return`/`assert_trap` that invokes a straight-line numeric function.

import Foundation
import Testing
@testable import WasmSpec

@Suite struct NumericsSuiteTests {
    static let scalarFiles = [
        "i32.wast", "i64.wast", "f32.wast", "f64.wast", "f32_bitwise.wast", "f64_bitwise.wast",
        "f32_cmp.wast", "f64_cmp.wast", "conversions.wast", "float_misc.wast",
        "const.wast", "float_literals.wast", "int_literals.wast", "float_exprs.wast", "int_exprs.wast",
    ]

    static func vectorFiles() -> [String] {
        guard let core = SpecSuite.coreDirectory else { return [] }
        var files: [String] = []
        for dir in ["simd", "relaxed-simd"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: core.appendingPathComponent(dir).path)) ?? []
            files += names.filter { $0.hasSuffix(".wast") }.sorted().map { "\(dir)/\($0)" }
        }
        return files
    }

    /// Runs one file and reports its tally; every evaluated assertion must pass.
    @discardableResult
    static func check(_ file: String) throws -> WastNumericsRunner {
        let core = try #require(SpecSuite.coreDirectory, "spec suite not found (set WASM_SPECTESTS)")
        let text = try String(contentsOf: core.appendingPathComponent(file), encoding: .utf8)
        var runner = WastNumericsRunner()
        runner.run(text)
        let reasons = runner.skipReasons.sorted { $0.value > $1.value }.prefix(4)
            .map { "\($0.key)×\($0.value)" }.joined(separator: ", ")
        print("numerics \(file): \(runner.checked - runner.failures.count)/\(runner.checked) pass, \(runner.skipped) skipped \(reasons)")
        for failure in runner.failures.prefix(10) {
            Issue.record("\(file): \(failure)")
        }
        #expect(runner.failures.isEmpty, "\(file): \(runner.failures.count) failures")
        return runner
    }

    @Test(arguments: scalarFiles)
    func scalarFile(_ file: String) throws {
        let runner = try Self.check(file)
        #expect(runner.checked > 0)
    }

    @Test(arguments: vectorFiles())
    func vectorFile(_ file: String) throws {
        try Self.check(file)
    }

    /// The whole tally, for the record.
    @Test func totals() throws {
        var checked = 0
        var skipped = 0
        var failed = 0
        for file in Self.scalarFiles + Self.vectorFiles() {
            let core = try #require(SpecSuite.coreDirectory)
            let text = try String(contentsOf: core.appendingPathComponent(file), encoding: .utf8)
            var runner = WastNumericsRunner()
            runner.run(text)
            checked += runner.checked
            skipped += runner.skipped
            failed += runner.failures.count
        }
        print("numerics total: \(checked - failed)/\(checked) assertions pass, \(skipped) skipped")
        #expect(failed == 0)
        #expect(checked > 20_000)
    }
}
