import Testing
import WasmSpec

@Suite struct ExpectedResultsTests {
    let before = SuiteReport(files: [
        FileReport(name: "core/a.wast", results: [
            CommandResult(kind: .module, line: 1, outcome: .passed),
            CommandResult(kind: .instance, line: 1, outcome: .skipped("x")),
            CommandResult(kind: .assertReturn, line: 2, outcome: .failed("no")),
            CommandResult(kind: .assertReturn, line: 3, outcome: .failed("no")),
            CommandResult(kind: .assertReturn, line: 4, outcome: .passed),
            CommandResult(kind: .assertReturn, line: 5, outcome: .skipped("x")),
        ])
    ])

    @Test func recordsRangesBrokenByPasses() throws {
        let expected = ExpectedResults(before)
        let text = expected.text(before)
        #expect(text.contains("core/a.wast passed=2/6 instance@1 assert_return@2-3 assert_return@5"))
        let reparsed = try #require(ExpectedResults(text: text))
        #expect(reparsed == expected)
    }

    @Test func findsRegressionsAndImprovements() {
        let expected = ExpectedResults(before)
        var after = before
        after.files[0].results[0].outcome = .failed("broke")      // module passed before
        after.files[0].results[2].outcome = .passed               // line 2 improved
        after.files[0].results[4].outcome = .skipped("x")         // line 4 passed before
        let regressions = expected.regressions(in: after)
        #expect(regressions.map(\.result.line) == [1, 4])
        #expect(expected.improvements(in: after) == 1)
        #expect(expected.regressions(in: before).isEmpty)
    }

    @Test func rejectsGarbage() {
        #expect(ExpectedResults(text: "core/a.wast nonsense@1") == nil)
        #expect(ExpectedResults(text: "core/a.wast module@5-2") == nil)
    }
}
