// wasm-spec-run: the reference interpreter's `wasm` command (files and `-e` strings run
// in order in one state, conversions with `-d ... -o ...`, an interactive prompt), plus
// this project's suite runner (folders walked for `.wast` files, run in parallel and
// reported per file) and module mode (`--invoke`, `--print`).

import WasmSpec

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let usage = """
    usage: wasm-spec-run [option] [file ...]
           wasm-spec-run [options] FOLDER|FILE...   (suite mode)
           wasm-spec-run MODULE.wasm|MODULE.wat --invoke NAME [ARG...] | --print

    Without folders, as the reference interpreter's `wasm` command: each file (.wast,
    .bin.wast, .wat, .wasm), -e string, -i file and -o file runs in order in ONE shared
    state, so a later script can use what an earlier one registered; results of
    actions are printed (`42 : [i32]`), failures as `file:line.col-line.col: category:
    message` on standard error. Unlike the reference, a failure does not stop the run:
    every failing command is reported (then -o writes nothing), and the exit status
    is 1. With no file or -e, or with -, an interactive prompt reads commands from
    standard input (a terminal or a pipe).

    Suite mode (a folder among the paths, or -q, --json, --expected, --write-expected):
    the .wast files under each folder run in parallel, each in its own state; files
    named directly run in order in one shared state. Prints one line per file and a
    summary.

    The reference's options, with its meanings:
      -                       run interactively (the default when nothing else is given)
      -e STRING               evaluate a script string
      -i FILE                 read a script from a file
      -o FILE                 write the current module (.wasm, .wat) or script (.wast,
                              .bin.wast, .js) to a file, e.g. `-d in.wast -o out.js`
      -b N                    the call depth budget: at most N frames at once, one more
                              call is "call stack exhausted" (default 256; 100000 in
                              suite and module mode)
      -w N                    the output width of printed modules and scripts (default 80)
      -c NAME                 recognise custom section NAME (custom, name,
                              metadata.code.branch_hint)
      -ca                     recognise all known custom sections
      -cr                     reject unrecognised custom sections
      -s                      show module signatures
      -u                      unchecked: do not validate modules. With --engine
                              reference they run as they are, and a state validation
                              would rule out ends in a "runtime crash"; the compiled
                              engine relies on validation, so with it modules are
                              validated anyway (before instantiation)
      -j                      leave the harness out of a JavaScript conversion
      -d                      dry run: define and validate modules, run nothing
      -t                      trace execution: `-- Parsing...`, `-- Checking...`,
                              `-- Invoking function "f"...` as each phase begins,
                              and with the reference engine every reduction step
                              (as --trace prints them) on standard error
      -v                      show the version
      -help, --help, -h       show this help

    This project's options:
      --engine KIND           reference (the default): the definitional evaluator, one
                              reduction rule per step; compiled: the compiled engine,
                              about twice as fast on the suite
      --fuel N                stop a run after N steps ("step budget exhausted")
      --max-depth N           the same budget as -b
      --unchecked             the same as -u
      --max-memory BYTES      the most bytes of linear memory a store's memories may
                              hold together: past it memory.grow gives -1 and a memory
                              cannot be made ("out of memory"); default 2^48
      --max-table N           the most elements a store's tables may hold together,
                              likewise; default 2^32
      --max-heap BYTES        the most bytes the structures, arrays and other objects a
                              store allocates may take at once: past it (after a
                              collection) an allocation traps "out of memory";
                              default 2^40
      --trace                 print every reduction step of the reference engine on
                              standard output, without -t's phase lines:
                              [frames:labels] instruction  taken ↪ left  rule
                              (the compiled engine has no steps to show)
      --trace-limit N         as --trace, the first N steps only
      --json FILE             (suite) write a JSON report (totals, per kind, per file,
                              failures, skips)
      --expected FILE         (suite) check against an expected-results file: fail only
                              if a command it records as passing does not pass
      --write-expected FILE   (suite) write the expected-results file of this run
      -q, --quiet             (suite) print only the per-file lines and the summary
      --invoke NAME ARG...    (module mode) instantiate the module and call NAME with
                              the arguments (i32:42, i64:-1, f32:1.5, f64:0x1p-3,
                              v128:0x...); prints the results (`832_040 : [i32]`)
      --print                 (module mode) print the module in the text format; a
                              module declaring more than 2^24 locals is refused

    exit status: 0 all passed (or nothing regressed with --expected), 1 something failed
    (a file that cannot be read included), 2 the options are wrong or, in suite mode, a
    path cannot be read.
    """

/// What the command line asks for.
struct Options {
    /// Scripts to run in order, as the reference queues its arguments.
    var scripts: [String] = []
    /// Paths named (files and folders), for suite mode.
    var paths: [String] = []
    var interactive = false
    var jsonPath: String?
    var expectedPath: String?
    var writeExpectedPath: String?
    var runner = RunnerOptions()
    var quiet = false
    var invoke: String?
    var print = false
    var arguments: [String] = []
    /// Where the step trace goes (a file descriptor), if anywhere.
    var traceTo: Int32? = nil
    var traceLimit: Int? = nil
    var budget: Int? = nil

    /// Whether the paths run as a suite rather than in one state.
    var isSuite: Bool {
        quiet || jsonPath != nil || expectedPath != nil || writeExpectedPath != nil
            || paths.contains { FileSystem.isDirectory($0) }
    }
}

/// The reference's version banner.
let banner = "wasm 3.0.0 reference interpreter"

func fail(_ message: String) -> Never {
    printError("wasm-spec-run: \(message)")
    exit(2)
}

func parseOptions(_ arguments: [String]) -> Options {
    var options = Options()
    var i = 0
    func value(_ flag: String) -> String {
        i += 1
        guard i < arguments.count else { fail("option '\(flag)' needs an argument.\n\(usage)") }
        return arguments[i]
    }
    func count(_ flag: String, minimum: Int = 0) -> Int {
        let text = value(flag)
        guard let n = Int(text), n >= minimum else {
            fail("wrong argument '\(text)'; option '\(flag)' expects an integer.\n\(usage)")
        }
        return n
    }
    func amount(_ flag: String) -> UInt64 {
        let text = value(flag)
        guard let n = UInt64(text) else {
            fail("wrong argument '\(text)'; option '\(flag)' expects an integer.\n\(usage)")
        }
        return n
    }
    /// A script argument quoted as the reference quotes a file name.
    func quoted(_ file: String) -> String { SExpression.string(Array(file.utf8)) }
    while i < arguments.count {
        let arg = arguments[i]
        switch arg {
        case "-": options.interactive = true
        case "-e": options.scripts.append(value(arg))
        case "-i": options.scripts.append("(input \(quoted(value(arg))))")
        case "-o": options.scripts.append("(output \(quoted(value(arg))))")
        case "-b", "--max-depth": options.budget = count(arg, minimum: 1)
        case "-w": options.runner.width = count(arg)
        case "-c":
            let name = value(arg)
            guard let h = CustomHandler(rawValue: name) else {
                printError("option -c: unknown custom section \"\(name)\"")
                exit(1)
            }
            options.runner.customs.handlers.insert(h)
        case "-ca": options.runner.customs.handlers = Set(CustomHandler.allCases)
        case "-cr": options.runner.customs.rejectUnknown = true
        case "-s": options.runner.printSignatures = true
        case "-u", "--unchecked": options.runner.validate = false
        case "-j": options.runner.harness = false
        case "-d": options.runner.dry = true
        case "-t":
            // The reference's phase lines on standard output, exactly as it prints
            // them, and the steps, which it has no way to show, on standard error.
            options.runner.tracePhases = true
            options.traceTo = options.traceTo ?? 2
        case "--trace": options.traceTo = 1
        case "-v": writeOut(banner + "\n")
        case "-help", "--help", "-h":
            writeOut(usage + "\n")
            exit(0)
        case "--json": options.jsonPath = value(arg)
        case "--expected": options.expectedPath = value(arg)
        case "--write-expected": options.writeExpectedPath = value(arg)
        case "--fuel": options.runner.limits.fuel = count(arg)
        case "--max-memory": options.runner.limits.memoryBytes = amount(arg)
        case "--max-table": options.runner.limits.tableElements = amount(arg)
        case "--max-heap": options.runner.limits.gcHeapBytes = count(arg)
        case "--engine":
            guard let kind = EngineKind(rawValue: value(arg)) else { fail("--engine is reference or compiled") }
            options.runner.limits.engine = kind
        case "--print": options.print = true
        case "--trace-limit":
            options.traceTo = options.traceTo ?? 1
            options.traceLimit = count(arg)
        case "--invoke":
            options.invoke = value(arg)
            // Everything after the name is an argument of the call.
            options.arguments = Array(arguments[(i + 1)...])
            i = arguments.count
            continue
        case "-q", "--quiet": options.quiet = true
        default:
            if arg.hasPrefix("-") && arg.count > 1 { fail("unknown option '\(arg)'.\n\(usage)") }
            options.paths.append(arg)
            options.scripts.append("(input \(quoted(arg)))")
        }
        i += 1
    }
    if let fd = options.traceTo {
        options.runner.observer = TracePrinter(limit: options.traceLimit, to: fd).observer
    }
    return options
}

var options = parseOptions(Array(CommandLine.arguments.dropFirst()))

if options.invoke != nil || options.print {
    guard options.paths.count == 1, options.paths[0].hasSuffix(".wasm") || options.paths[0].hasSuffix(".wat") else {
        fail("--invoke and --print take one .wasm or .wat module\n\(usage)")
    }
    options.runner.limits.maxCallDepth = options.budget ?? options.runner.limits.maxCallDepth
    exit(runModule(options))
}

if options.isSuite {
    if options.interactive || options.scripts.count != options.paths.count {
        fail("-, -e, -i and -o do not combine with suite mode (folders, -q, --json, --expected, --write-expected)")
    }
    options.runner.limits.maxCallDepth = options.budget ?? options.runner.limits.maxCallDepth
    exit(runSuite(options))
}

options.runner.limits.maxCallDepth = options.budget ?? 256
exit(runReference(options))
