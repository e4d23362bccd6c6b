// The script runner: performs the commands of a `.wast` script (reference:
// interpreter/script/run.ml and runner.ml) and reports each one's outcome. It goes on
// after a failure, so one run shows every failing command; with an output (see
// ``ScriptOutput``) it also writes what the reference writes, one failure line per
// failing command.

/// Settings of a script run.
public struct RunnerOptions: Sendable {
    /// Validate every module before using it, as the reference interpreter does unless
    /// run with `-u`. Off, modules run unchecked on the reference engine, where code
    /// that validation would reject ends in a runtime crash; the compiled engine relies
    /// on validation, so with it modules are still validated, before instantiation.
    public var validate = true
    /// Limits of the store each script runs in.
    public var limits = ExecutionLimits()
    /// Receives every reduction step of the reference engine; scripts then run one at
    /// a time, so that the steps come in order.
    public var observer: StepObserver? = nil
    /// Define and validate modules but run nothing (`wasm -d`): instances, actions,
    /// registrations and assertions are skipped.
    public var dry = false
    /// Print each module's signature when it is defined (`wasm -s`).
    public var printSignatures = false
    /// The custom-section handlers registered (`wasm -c`, `-ca`, `-cr`).
    public var customs = CustomConfig()
    /// Write `-- Phase...` as each phase of a command begins (`wasm -t`).
    public var tracePhases = false
    /// The line width of printed modules and scripts (`wasm -w`).
    public var width = 80
    /// Whether scripts converted to JavaScript start with the harness (`wasm -j` clears it).
    public var harness = true
    /// Where to write what the reference writes; nil for a silent run.
    public var output: ScriptOutput? = nil
    /// Ends the run with a status when a module calls `env.exit` or `env.abort`; without
    /// it those calls trap.
    public var exit: (@Sendable (Int32) -> Void)? = nil

    public init() {}
}

/// Runs the commands of scripts in one store. Not shared between threads: each suite
/// script gets its own runner; the files named on a command line share one.
public final class ScriptRunner {
    public let options: RunnerOptions
    var results: [CommandResult] = []
    let store: Store
    /// Modules defined so far by name; the most recent one under "".
    var modules: [Name: DefinedModule] = [:]
    /// Instances by name; the most recent one under "". Those registered for import
    /// are in the store's registry, which resolves imports (see `Embedding/Linker.swift`).
    var instances: [Name: ModuleInstance] = [:]
    /// Scripts by name, for `output`: the commands each performed; the latest under "".
    var scripts: [Name: [QuotedCommand]] = [:]
    /// The commands performed so far in the script being run (the reference's `quote`).
    var quote: [QuotedCommand] = []
    /// The name of the source being run, for regions in messages.
    var file = "string"
    /// The folder of the script being run, for `input` and `output` paths.
    var folder: String? = nil
    /// The text of the script being run, for the positions of errors in its modules.
    var source: [UInt8] = []
    /// Whether any command has failed so far.
    public private(set) var hasFailed = false
    /// Print each module's signature when it is defined; from the options, and set for
    /// the interactive prompt, as the reference sets it.
    public var printSignatures: Bool

    typealias Name = ExactName

    /// A command performed, with the name of the source it came from.
    struct QuotedCommand {
        let command: ScriptCommand
        let file: String
    }

    struct DefinedModule {
        let module: Module
        /// The module validated, or prepared without validation for the reference
        /// engine; `nil` when validation is off and the compiled engine must validate it
        /// before instantiation.
        let validated: ValidatedModule?
        /// Its custom sections, as the registered handlers read them.
        var customs: [CustomFormat] = []
        /// Where its imports are written, for a text module, and in which source.
        var importSpans: [(start: SourceLocation, end: SourceLocation)] = []
        var file = ""

        /// Where the import a link failure names is written, when known.
        func region(of error: WasmError) -> ScriptRegion? {
            guard case .link(let message) = error else { return nil }
            for (i, im) in module.imports.enumerated() where i < importSpans.count {
                if message == "unknown import \"\(im.module)\".\"\(im.name)\""
                    || message.hasPrefix("incompatible import type for \"\(im.module)\" \"\(im.name)\"")
                {
                    return ScriptRegion(file, importSpans[i].start, importSpans[i].end)
                }
            }
            return nil
        }
    }

    public init(options: RunnerOptions = RunnerOptions()) {
        self.options = options
        self.store = Store(limits: options.limits, observer: options.observer)
        // One `spectest` for every module this runner instantiates, printing to the
        // runner's output, and `env`.
        store.offerScriptHosts(output: options.output?.out, exit: options.exit)
        self.printSignatures = options.printSignatures
    }

    /// Reports a syntax error in input named `name` as the reference reports it (for
    /// input parsed elsewhere, such as the interactive prompt's).
    public func report(_ error: TextError, name: String) {
        let f = ParseFailure(error: error, file: name)
        fail(.script, f.location, f.failure)
    }

    /// Runs a parsed script and returns one result per command performed.
    public func run(_ script: Script) -> [CommandResult] {
        results = []
        runQuoted(script)
        return results
    }

    /// Parses and runs a script's source text. A script that does not parse is one
    /// failed `script` command at the place of the syntax error. `path` is where the
    /// script was read from: it names the script in messages, and `input` and `output`
    /// resolve relative file names against its folder.
    public func run(source: [UInt8], path: String? = nil) -> [CommandResult] {
        results = []
        let saved = (file, folder, self.source)
        defer { (file, folder, self.source) = saved }
        file = path ?? "string"
        self.source = source
        if let path, let slash = path.lastIndex(of: "/") {
            folder = String(path[..<slash])
        }
        switch parse(source) {
        case .success(let script): runQuoted(script)
        case .failure(let failure): fail(.script, failure.location, failure.failure)
        }
        return results
    }

    /// Runs a script given as text (the reference's `run_string`, named `string` in
    /// messages, or `stdin` for interactive input); whether every command passed.
    public func run(text: [UInt8], name: String) -> Bool {
        let before = failures
        trace("Running (\"" + ScriptRunner.escaped(text) + "\")...")
        trace("Parsing...")
        _ = run(source: text, path: nil, named: name)
        return failures == before
    }

    /// Like ``run(source:path:)`` with the source named `name` in messages.
    func run(source: [UInt8], path: String?, named name: String) -> [CommandResult] {
        results = []
        let saved = (file, folder, self.source)
        defer { (file, folder, self.source) = saved }
        file = name
        self.source = source
        switch parse(source) {
        case .success(let script):
            trace("Running...")
            runScript(script)
        case .failure(let failure): fail(.script, failure.location, failure.failure)
        }
        return results
    }

    /// Runs one command already parsed (interactive input); whether it passed.
    public func run(command: ScriptCommand, name: String) -> Bool {
        let before = failures
        let saved = file
        defer { file = saved }
        file = name
        perform(command)
        return failures == before
    }

    /// How many commands have failed so far.
    private(set) var failures = 0

    private func parse(_ source: [UInt8]) -> Result<Script, ParseFailure> {
        do {
            return .success(try parseScript(source, file: file, customs: options.customs))
        } catch {
            return .failure(ParseFailure(error: error, file: file))
        }
    }

    // MARK: Recording

    /// Records a command's outcome.
    func record(_ kind: CommandKind, _ location: SourceLocation, _ outcome: Outcome) {
        results.append(CommandResult(kind: kind, line: location.line, outcome: outcome))
    }

    /// Records a failure and writes it as the reference does: what it prints first,
    /// then `region: category: message` on standard error.
    func fail(_ kind: CommandKind, _ command: ScriptCommand, _ failure: Failure) {
        let region = failure.region ?? ScriptRegion(file, command.location, command.end)
        report(failure, region)
        record(kind, command.location, .failed(failure.summary))
    }

    /// As ``fail(_:_:_:)`` for a failure with its own region, recorded at `location`.
    func fail(_ kind: CommandKind, _ location: SourceLocation, _ failure: Failure) {
        let region = failure.region ?? ScriptRegion(file, location, location)
        report(failure, region)
        record(kind, location, .failed(failure.summary))
    }

    private func report(_ failure: Failure, _ region: ScriptRegion) {
        hasFailed = true
        failures += 1
        guard let output = options.output else { return }
        if !failure.printed.isEmpty { output.out(failure.printed) }
        trace("Error: ")
        output.err("\(region): \(failure.category): \(failure.message)\n")
    }

    /// Writes to standard output when there is one.
    func print(_ text: String) {
        options.output?.out(text)
    }

    // MARK: Modules and instances

    /// Binds `value` under `id` (if any) and under "", refusing a name bound before as
    /// the reference does ("module M already defined").
    func bind<T>(_ map: inout [Name: T], _ category: String, _ id: String?, _ value: T) throws(Failure) {
        if let id {
            if map[Name(id)] != nil { throw Failure("i/o error", "\(category) \(id) already defined") }
            map[Name(id)] = value
        }
        map[Name(nil)] = value
    }

    /// Instantiates a defined module and binds the instance.
    func instantiate(_ defined: DefinedModule, as id: String?) throws(WasmError) -> ModuleInstance {
        let validated: ValidatedModule
        if let v = defined.validated {
            validated = v
        } else {
            // Unchecked mode with the compiled engine, which runs validated code only.
            do { validated = try defined.module.validate() } catch { throw .invalid(error.message) }
        }
        let inst = try store.instantiate(defined.module, validated)
        if let id { instances[Name(id)] = inst }
        instances[Name(nil)] = inst
        return inst
    }

    /// `(register "name" $instance?)`.
    func register(_ name: String, _ instance: String?) throws(Failure) {
        trace("Registering module \"\(name)\"...")
        guard let inst = instances[Name(instance)] else {
            throw Failure("i/o error", instance.map { "unknown module instance \($0)" } ?? "no module instance defined")
        }
        store.register(inst, as: name)
    }
}

/// A script that does not parse, as the reference reports it.
struct ParseFailure: Error {
    let location: SourceLocation
    let failure: Failure

    init(error: TextError, file: String) {
        location = error.location
        if let c = error.custom {
            failure = Failure(c.category, c.message, at: ScriptRegion(c.region.file.isEmpty ? SourceRegion(
                file: file, left: c.region.left, right: c.region.right) : c.region))
        } else {
            let region = ScriptRegion(file, error.location, error.end ?? error.location)
            failure = Failure(error.isCustom ? "custom annotation syntax error" : "syntax error", error.message, at: region)
        }
    }
}

/// Reasons for skipping, shared so the report groups them.
enum Skip {
    static let scriptOutput = "output of this file type not supported"
}
