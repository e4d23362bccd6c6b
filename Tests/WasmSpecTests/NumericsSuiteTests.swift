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
        guard let core = NumericsSuiteFiles.coreDirectory else { return [] }
        var files: [String] = []
        for dir in ["simd", "relaxed-simd"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: core.appendingPathComponent(dir).path)) ?? []
            files += names.filter { $0.hasSuffix(".wast") }.sorted().map { "\(dir)/\($0)" }
        }
        return files
    }

    /// Every file's tally, computed once and shared by the tests below.
    static let results: [String: WastNumericsRunner] = {
        guard let core = NumericsSuiteFiles.coreDirectory else { return [:] }
        var results: [String: WastNumericsRunner] = [:]
        for file in scalarFiles + vectorFiles() {
            guard let text = try? String(contentsOf: core.appendingPathComponent(file), encoding: .utf8) else {
                continue
            }
            var runner = WastNumericsRunner()
            runner.run(text)
            results[file] = runner
        }
        return results
    }()

    /// Reports one file's tally; every evaluated assertion must pass.
    @discardableResult
    static func check(_ file: String) throws -> WastNumericsRunner {
        _ = try #require(NumericsSuiteFiles.coreDirectory, "spec suite not found (set WASM_SPECTESTS)")
        let runner = try #require(results[file], "\(file) could not be read")
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
        _ = try #require(NumericsSuiteFiles.coreDirectory, "spec suite not found (set WASM_SPECTESTS)")
        let checked = Self.results.values.reduce(0) { $0 + $1.checked }
        let skipped = Self.results.values.reduce(0) { $0 + $1.skipped }
        let failed = Self.results.values.reduce(0) { $0 + $1.failures.count }
        print("numerics total: \(checked - failed)/\(checked) assertions pass, \(skipped) skipped, in \(Self.results.count) files")
        #expect(failed == 0)
        #expect(checked > 30_000)
    }
}
