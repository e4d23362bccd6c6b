import Testing
import WasmSpec

/// Our own scripts (spectests/own): every command passes.
@Suite struct OwnScriptTests {
    @Test func ownScriptsPass() throws {
        let files = try SuiteRunner.scriptFiles([SpecSuiteTests.packageRoot + "/spectests/own"]).get()
        let report = SuiteRunner.run(files)
        for file in report.files {
            for r in file.results {
                if case .failed(let m) = r.outcome { Issue.record("\(file.name):\(r.line): \(m)") }
                if case .skipped(let m) = r.outcome { Issue.record("\(file.name):\(r.line): skipped: \(m)") }
            }
        }
        #expect(report.tally.passed >= 60)
    }
}
