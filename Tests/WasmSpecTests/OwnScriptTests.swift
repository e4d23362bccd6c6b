import Testing
import WasmSpec

/// Our own scripts (spectests/own): every command passes, through each engine.
@Suite struct OwnScriptTests {
    @Test(arguments: EngineKind.allCases)
    func ownScriptsPass(engine: EngineKind) throws {
        let files = try SuiteRunner.scriptFiles([SpecSuiteTests.packageRoot + "/spectests/own"]).get()
        var options = RunnerOptions()
        options.limits.engine = engine
        let report = SuiteRunner.run(files, options: options)
        for file in report.files {
            for r in file.results {
                if case .failed(let m) = r.outcome { Issue.record("\(engine): \(file.name):\(r.line): \(m)") }
                if case .skipped(let m) = r.outcome { Issue.record("\(engine): \(file.name):\(r.line): skipped: \(m)") }
            }
        }
        #expect(report.tally.passed >= 60)
    }
}
