// wasm-spec-run: runs `.wast` scripts (files, or folders walked recursively) and reports
// per file and in total.

import WasmSpec

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let usage = """
    usage: wasm-spec-run [options] PATH...
           wasm-spec-run MODULE.wasm|MODULE.wat [--invoke NAME [ARG...]]

    Runs .wast scripts; a folder is searched recursively for them. Given one .wasm or
    .wat module, instantiates it and calls the export NAME with the arguments (written
    i32:42, i64:-1, f32:1.5, f64:0x1p-3, v128:0x...), or without --invoke its first
    exported function with zeroed arguments, and prints the results as the reference
    interpreter does (`832_040 : [i32]`).

    options:
      --json FILE             write a JSON report (totals, per kind, per file, failures, skips)
      --expected FILE         check against an expected-results file: fail only if a
                              command it records as passing does not pass
      --write-expected FILE   write the expected-results file of this run
      --invoke NAME ARG...    (module mode) the export to call and its arguments
      --print                 (module mode) print the module in the text format; a
                              module declaring more than 2^24 locals is refused
      --fuel N                stop a run after N steps ("step budget exhausted")
      --max-depth N           the most frames (calls in progress) at once: one more
                              call is "call stack exhausted" (default 100000)
      --max-memory BYTES      the most bytes of linear memory a store's memories may
                              hold together: past it memory.grow gives -1 and a memory
                              cannot be made ("out of memory"); default 2^48
      --max-table N           the most elements a store's tables may hold together,
                              likewise; default 2^32
      --max-heap BYTES        the most bytes the structures, arrays and other objects a
                              store allocates may take at once: past it (after a
                              collection) an allocation traps "out of memory";
                              default 2^40
      --engine KIND           reference (the default): the definitional evaluator, one
                              reduction rule per step; compiled: the compiled engine,
                              about twice as fast on the suite
      -t, --trace             print every reduction step of the reference engine:
                              [frames:labels] instruction  taken ↪ left  rule
                              (scripts then run one at a time; the compiled engine
                              has no steps to show and prints none)
      --trace-limit N         trace the first N steps only
      -u, --unchecked         do not validate modules, as the reference interpreter's -u:
                              with --engine reference they run as they are, and a state
                              validation would rule out ends in a "runtime crash"; the
                              compiled engine relies on validation, so with it modules
                              are validated anyway (before instantiation)
      -q, --quiet             print only the per-file lines and the summary
      -h, --help              show this help

    exit status: 0 all passed (or nothing regressed with --expected), 1 something failed,
    2 a path could not be read or the options are wrong.
    """

struct Options {
    var paths: [String] = []
    var jsonPath: String?
    var expectedPath: String?
    var writeExpectedPath: String?
    var runner = RunnerOptions()
    var quiet = false
    var invoke: String?
    var print = false
    var arguments: [String] = []
    var trace = false
    var traceLimit: Int? = nil
}

func fail(_ message: String) -> Never {
    printError("wasm-spec-run: \(message)")
    exit(2)
}

func printError(_ message: String) {
    let bytes = Array((message + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

func parseOptions(_ arguments: [String]) -> Options {
    var options = Options()
    var i = 0
    func value(_ flag: String) -> String {
        i += 1
        guard i < arguments.count else { fail("\(flag) needs a value") }
        return arguments[i]
    }
    while i < arguments.count {
        let arg = arguments[i]
        switch arg {
        case "--json": options.jsonPath = value(arg)
        case "--expected": options.expectedPath = value(arg)
        case "--write-expected": options.writeExpectedPath = value(arg)
        case "-u", "--unchecked": options.runner.validate = false
        case "--fuel":
            guard let n = Int(value(arg)), n >= 0 else { fail("--fuel needs a count") }
            options.runner.limits.fuel = n
        case "--max-depth":
            guard let n = Int(value(arg)), n > 0 else { fail("--max-depth needs a count") }
            options.runner.limits.maxCallDepth = n
        case "--max-memory":
            guard let n = UInt64(value(arg)) else { fail("--max-memory needs a byte count") }
            options.runner.limits.memoryBytes = n
        case "--max-table":
            guard let n = UInt64(value(arg)) else { fail("--max-table needs an element count") }
            options.runner.limits.tableElements = n
        case "--max-heap":
            guard let n = Int(value(arg)), n >= 0 else { fail("--max-heap needs a byte count") }
            options.runner.limits.gcHeapBytes = n
        case "--engine":
            guard let kind = EngineKind(rawValue: value(arg)) else { fail("--engine is reference or compiled") }
            options.runner.limits.engine = kind
        case "--print": options.print = true
        case "-t", "--trace": options.trace = true
        case "--trace-limit":
            guard let n = Int(value(arg)), n >= 0 else { fail("--trace-limit needs a count") }
            options.trace = true
            options.traceLimit = n
        case "--invoke":
            options.invoke = value(arg)
            // Everything after the name is an argument of the call.
            options.arguments = Array(arguments[(i + 1)...])
            i = arguments.count
            continue
        case "-q", "--quiet": options.quiet = true
        case "-h", "--help":
            print(usage)
            exit(0)
        default:
            if arg.hasPrefix("-") && arg.count > 1 { fail("unknown option \(arg)\n\(usage)") }
            options.paths.append(arg)
        }
        i += 1
    }
    if options.paths.isEmpty { fail("no path given\n\(usage)") }
    if options.trace { options.runner.observer = TracePrinter(limit: options.traceLimit).observer }
    return options
}

func describe(_ tally: Tally) -> String {
    "\(tally.passed) passed, \(tally.failed) failed, \(tally.skipped) skipped"
}

let options = parseOptions(Array(CommandLine.arguments.dropFirst()))

if options.paths.count == 1, options.paths[0].hasSuffix(".wasm") || options.paths[0].hasSuffix(".wat") {
    exit(runModule(options))
}

let files: [ScriptFile]
switch SuiteRunner.scriptFiles(options.paths) {
case .success(let found): files = found
case .failure(let error): fail("cannot read \(error.path)")
}

let report = SuiteRunner.run(files, options: options.runner)

for file in report.files {
    print("\(file.name): \(describe(file.tally))")
    if options.quiet { continue }
    for r in file.results {
        if case .failed(let message) = r.outcome {
            print("  \(file.name):\(r.line): \(r.kind.rawValue): \(message)")
        }
    }
}
print(report.summaryLine)

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
    for r in regressions { print("REGRESSION \(r)") }
    let improved = expected.improvements(in: report)
    if improved > 0 {
        print("\(improved) commands pass that \(path) lets fail; record them with --write-expected")
    }
    print("expected results: \(regressions.count) regressions")
    status = regressions.isEmpty ? 0 : 1
}
exit(status)
