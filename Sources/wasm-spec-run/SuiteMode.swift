// Suite mode: folders walked for `.wast` files, each run in its own state, in
// parallel; one line per file, the failures, a summary; the JSON report and the
// expected-results ratchet.

import WasmSpec

func describe(_ tally: Tally) -> String {
    "\(tally.passed) passed, \(tally.failed) failed, \(tally.skipped) skipped"
}

/// Runs the paths as a suite; returns the exit status.
func runSuite(_ options: Options) -> Int32 {
    let files: [ScriptFile]
    switch SuiteRunner.scriptFiles(options.paths) {
    case .success(let found): files = found
    case .failure(let error): fail("cannot read \(error.path)")
    }

    let report = SuiteRunner.run(files, options: options.runner)

    for file in report.files {
        writeOut("\(file.name): \(describe(file.tally))\n")
        if options.quiet { continue }
        for r in file.results {
            if case .failed(let message) = r.outcome {
                writeOut("  \(file.name):\(r.line): \(r.kind.rawValue): \(message)\n")
            }
        }
    }
    writeOut(report.summaryLine + "\n")

    if let path = options.jsonPath, !FileSystem.write(path, report.json()) {
        fail("cannot write \(path)")
    }
    if let path = options.writeExpectedPath {
        let expected = ExpectedResults(report)
        if !FileSystem.write(path, expected.text(report)) { fail("cannot write \(path)") }
    }

    var status: Int32 = report.tally.failed > 0 ? 1 : 0
    if let path = options.expectedPath {
        guard let bytes = FileSystem.read(path),
            let expected = ExpectedResults(text: String(decoding: bytes, as: UTF8.self))
        else { fail("cannot read expected results \(path)") }
        let regressions = expected.regressions(in: report)
        for r in regressions { writeOut("REGRESSION \(r)\n") }
        let improved = expected.improvements(in: report)
        if improved > 0 {
            writeOut("\(improved) commands pass that \(path) lets fail; record them with --write-expected\n")
        }
        writeOut("expected results: \(regressions.count) regressions\n")
        status = regressions.isEmpty ? 0 : 1
    }
    return status
}
