// Reference mode: the arguments run in order in one state, as the reference's `wasm`
// runs them (each file as `(input "file")`, each -e string as given), then, when asked
// or when nothing was given, an interactive prompt on standard input (reference:
// main/main.ml, script/run.ml `run_stdin`).

import WasmSpec

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the queued scripts, then the prompt; returns the exit status.
func runReference(_ options: Options) -> Int32 {
    var runnerOptions = options.runner
    runnerOptions.output = standardStreams
    runnerOptions.exit = { code in exit(code) }
    let runner = ScriptRunner(options: runnerOptions)
    var ok = true
    for script in options.scripts {
        // After a failure the state is not what the reference would have written from,
        // and it would have stopped: nothing is written.
        if !ok && script.hasPrefix("(output ") { continue }
        if !runner.run(text: Array(script.utf8), name: "string") { ok = false }
    }
    if !ok { return 1 }
    if options.scripts.isEmpty || options.interactive {
        runner.printSignatures = true
        writeOut(banner + "\n")
        var prompt = Interactive(runner: runner, customs: options.runner.customs)
        prompt.run()
    }
    return 0
}

/// The prompt: commands read from standard input as they are typed (or piped), each run
/// as soon as it is complete, with the reference's prompts: `> ` for a new command, two
/// spaces for a continuation line.
///
/// As the reference reads them: each command is parsed from lines read afresh, counted
/// from line 1, and whatever follows a complete command on its last line is dropped
/// (the reference parses each command from a copy of its lexer buffer and keeps none of
/// what that copy read).
struct Interactive {
    let runner: ScriptRunner
    let customs: CustomConfig

    /// The lines read for the command being parsed.
    private var pending: [UInt8] = []
    /// Whether the next prompt continues a command.
    private var continuing = false

    init(runner: ScriptRunner, customs: CustomConfig) {
        self.runner = runner
        self.customs = customs
    }

    /// Reads and runs commands until the end of input.
    mutating func run() {
        while true {
            writeOut(continuing ? "  " : "> ")
            continuing = true
            guard let chunk = Interactive.readChunk() else {
                writeOut("\n")
                runner.trace("Bye.")
                return
            }
            if chunk.count == 1 { continuing = false } else { runner.trace("Parsing...") }
            pending += chunk
            step()
        }
    }

    /// Runs the command the pending lines hold, if they hold a complete one.
    private mutating func step() {
        let atLineEnd = pending.last == 0x0A
        let parsed: FirstCommand
        do {
            parsed = try parseFirstCommand(pending, file: "stdin", customs: customs)
        } catch {
            // Input that stops in the middle of a line may stop in the middle of a token.
            if !atLineEnd { return }
            runner.report(error, name: "stdin")
            pending = []
            continuing = false
            return
        }
        switch parsed {
        case .incomplete, .empty:
            return
        case .command(let c, _):
            pending = []
            continuing = false
            runner.trace("Running...")
            _ = runner.run(command: c, name: "stdin")
        }
    }

    /// The next piece of input: up to and including a line break, at most 512 bytes (the
    /// reference reads through a lexer buffer of that size), or nil at the end of input
    /// (a last line without a line break is not read, as in the reference).
    static func readChunk() -> [UInt8]? {
        var out: [UInt8] = []
        var byte: UInt8 = 0
        while out.count < 512 {
            let n = read(0, &byte, 1)
            if n <= 0 { return nil }
            out.append(byte)
            if byte == 0x0A { break }
        }
        return out
    }
}
