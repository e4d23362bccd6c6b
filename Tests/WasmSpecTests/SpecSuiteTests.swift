import Testing
import WasmSpec

/// The ratchet over the official suite: every command that
/// spectests/expected-results.txt does not list as allowed to fail must pass, through
/// each engine.
@Suite struct SpecSuiteTests {
    /// The package root, found from this file's place in Tests/WasmSpecTests/.
    static let packageRoot: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    @Test(arguments: EngineKind.allCases)
    func suiteHoldsTheRatchet(engine: EngineKind) throws {
        let suite = try #require(
            SpecSuite.locate(packageRoot: Self.packageRoot),
            "official suite not found: set WASM_SPECTESTS or run spectests/fetch.sh")
        let files = try SuiteRunner.scriptFiles([suite + "/core"]).get()
        #expect(files.count == 258)
        var options = RunnerOptions()
        options.limits.engine = engine
        let report = SuiteRunner.run(files, options: options)

        let expectedPath = Self.packageRoot + "/spectests/expected-results.txt"
        let bytes = try #require(FileSystem.read(expectedPath), "cannot read \(expectedPath)")
        let expected = try #require(ExpectedResults(text: String(decoding: bytes, as: UTF8.self)))

        #expect(expected.missingFiles(in: report).isEmpty)
        let regressions = expected.regressions(in: report)
        for r in regressions.prefix(50) {
            Issue.record("\(r)")
        }
        #expect(regressions.isEmpty, "\(regressions.count) commands that passed before do not pass")
        print("spec suite, \(engine) engine: \(report.summaryLine)")
    }
}
