// The script runner: performs the commands of a `.wast` script (reference:
// interpreter/script/run.ml and runner.ml) and reports each one's outcome. It goes on
// after a failure, so one run shows every failing command.

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

    public init() {}
}

/// Runs the commands of one script in one store. Not shared between threads: each
/// script gets its own runner.
public final class ScriptRunner {
    public let options: RunnerOptions
    private var results: [CommandResult] = []
    let store: Store
    /// Modules defined so far by name; the most recent one under "".
    private var modules: [Name: DefinedModule] = [:]
    /// Instances by name; the most recent one under "". Those registered for import
    /// are in the store's registry.
    private var instances: [Name: ModuleInstance] = [:]

    typealias Name = ExactName

    struct DefinedModule {
        let module: Module
        /// The module validated, or prepared without validation for the reference
        /// engine; `nil` when validation is off and the compiled engine must validate it
        /// before instantiation.
        let validated: ValidatedModule?
    }

    public init(options: RunnerOptions = RunnerOptions()) {
        self.options = options
        self.store = Store(limits: options.limits, observer: options.observer)
    }

    /// Runs a parsed script and returns one result per command performed.
    public func run(_ script: Script) -> [CommandResult] {
        results = []
        for command in script { perform(command) }
        return results
    }

    /// The folder of the script being run, for `input` and `output` paths.
    private var folder: String? = nil

    /// Parses and runs a script's source text. A script that does not parse is one
    /// failed `script` command at the place of the syntax error. `path` is where the
    /// script was read from; `input` and `output` resolve relative file names against
    /// its folder.
    public func run(source: [UInt8], path: String? = nil) -> [CommandResult] {
        if let path, let slash = path.lastIndex(of: "/") {
            folder = String(path[..<slash])
        }
        do {
            return run(try parseScript(source))
        } catch {
            return [CommandResult(kind: .script, line: error.location.line, outcome: .failed(
                "script does not parse: \(error.location): \(error.message)"))]
        }
    }

    private func record(_ kind: CommandKind, _ location: SourceLocation, _ outcome: Outcome) {
        results.append(CommandResult(kind: kind, line: location.line, outcome: outcome))
    }

    // MARK: Commands

    private func perform(_ command: ScriptCommand) {
        let at = command.location
        switch command.command {
        case .module(let m):
            guard let defined = define(m, at: at) else { return }
            if !m.isDefinition {
                record(.instance, at, instantiateOutcome(defined, as: m.id))
            }
        case .instance(let instance, let module):
            guard let defined = modules[Name(module)] else {
                record(.instance, at, .failed(module.map { "unknown module \($0)" } ?? "no module defined"))
                return
            }
            record(.instance, at, instantiateOutcome(defined, as: instance))
        case .register(let name, let instance):
            if let inst = instances[Name(instance)] {
                store.register(inst, as: name)
                record(.register, at, .passed)
            } else {
                record(.register, at, .failed(instance.map { "unknown module instance \($0)" } ?? "no module instance"))
            }
        case .action(let action):
            let kind: CommandKind = if case .invoke = action { .invoke } else { .get }
            switch perform(action) {
            case .success: record(kind, at, .passed)
            case .failure(let e): record(kind, at, .failed("\(e)"))
            }
        case .assertion(let assertion):
            perform(assertion, at: at)
        case .script(_, let commands):
            // A nested script runs in place, sharing this runner's state, as in the
            // reference.
            for c in commands { perform(c) }
        case .input(let id, let file):
            input(file, as: id, at: at)
        case .output(let id, let file):
            record(.output, at, output(id, to: file))
        }
    }

    // MARK: Meta commands

    /// A file name of a meta command: relative ones are found beside the script.
    private func resolve(_ file: String) -> String {
        guard !file.hasPrefix("/"), let folder else { return file }
        let beside = folder + "/" + file
        return FileSystem.exists(beside) || !FileSystem.exists(file) ? beside : file
    }

    /// `(input $id? "file")`: runs a script, or defines and instantiates a module, from a
    /// file, in this runner's state (reference: run.ml `Input`).
    private func input(_ file: String, as id: String?, at: SourceLocation) {
        let path = resolve(file)
        guard let bytes = FileSystem.read(path) else {
            record(.input, at, .failed("cannot read \(path)"))
            return
        }
        let source: ModuleSource
        if file.hasSuffix(".wasm") {
            source = .binary(bytes)
        } else if file.hasSuffix(".wat") {
            source = .quote(bytes)
        } else {
            do {
                let script = try parseScript(bytes)
                record(.input, at, .passed)
                for c in script { perform(c) }
            } catch {
                record(.input, at, .failed("\(path): \(error.location): \(error.message)"))
            }
            return
        }
        record(.input, at, .passed)
        let m = ScriptModule(id: id, isDefinition: false, source: source, location: at)
        if let defined = define(m, at: at) {
            record(.instance, at, instantiateOutcome(defined, as: id))
        }
    }

    /// `(output $id? "file"?)`: writes a module as binary (`.wasm`) or prints it as text
    /// (reference: run.ml `Output`).
    private func output(_ id: String?, to file: String?) -> Outcome {
        guard let defined = modules[Name(id)] else {
            return .failed(id.map { "unknown module \($0)" } ?? "no module defined")
        }
        // A few bytes can declare billions of locals: past the printer's limit, the
        // command fails instead of writing gigabytes.
        let text: () throws(PrintError) -> String = { try defined.module.text(maxLocals: Module.maxPrintedLocals) }
        guard let file else {
            do { print(try text(), terminator: "") } catch { return .failed(error.message) }
            return .passed
        }
        let path = resolve(file)
        let written: Bool
        if file.hasSuffix(".wasm") {
            written = FileSystem.write(path, defined.module.encode())
        } else if file.hasSuffix(".wat") {
            do { written = FileSystem.write(path, try text()) } catch { return .failed(error.message) }
        } else {
            return .skipped(Skip.scriptOutput)
        }
        return written ? .passed : .failed("cannot write \(path)")
    }

    // MARK: Modules and instances

    /// Decodes or parses, then validates and binds a module; records the `module`
    /// command. Returns nil when it failed.
    private func define(_ m: ScriptModule, at: SourceLocation, named: Bool = true) -> DefinedModule? {
        let module: Module
        switch load(m) {
        case .failure(let error):
            record(.module, at, .failed("module does not load: \(error.message)"))
            return nil
        case .success(let loaded):
            module = loaded
        }
        var validated: ValidatedModule? = nil
        if options.validate {
            do {
                validated = try module.validate()
            } catch {
                record(.module, at, .failed("module is invalid: \(error.message)"))
                return nil
            }
        } else if options.limits.engine == .reference {
            validated = module.prepareUnchecked()
        }
        record(.module, at, .passed)
        let defined = DefinedModule(module: module, validated: validated)
        if named, let id = m.id { modules[Name(id)] = defined }
        modules[Name(nil)] = defined
        return defined
    }

    /// Instantiates a defined module and binds the instance.
    private func instantiate(_ defined: DefinedModule, as id: String?) throws(WasmError) -> ModuleInstance {
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

    private func instantiateOutcome(_ defined: DefinedModule, as id: String?) -> Outcome {
        do {
            _ = try instantiate(defined, as: id)
            return .passed
        } catch {
            return .failed("instantiation failed: \(error)")
        }
    }

    /// Decodes or parses a module as written.
    private func load(_ m: ScriptModule) -> Result<Module, LoadError> {
        switch m.source {
        case .text(let module):
            return .success(module)
        case .binary(let bytes):
            do { return .success(try Module(binary: bytes)) } catch {
                return .failure(LoadError(message: error.message))
            }
        case .quote(let text):
            do { return .success(try Module(text: text)) } catch {
                return .failure(LoadError(message: error.message))
            }
        }
    }

    // MARK: Actions

    /// Invokes an export or reads a global.
    private func perform(_ action: Action) -> Result<[Value], WasmError> {
        switch action {
        case .invoke(let instance, let name, let args):
            guard let inst = instances[Name(instance)] else {
                return .failure(.usage(instance.map { "unknown module instance \($0)" } ?? "no module instance"))
            }
            do {
                return .success(try store.invoke(inst, name, args.map(ScriptRunner.value)))
            } catch {
                return .failure(error)
            }
        case .get(let instance, let name):
            guard let inst = instances[Name(instance)] else {
                return .failure(.usage(instance.map { "unknown module instance \($0)" } ?? "no module instance"))
            }
            return store.locked { () -> Result<[Value], WasmError> in
                guard let export = inst.export(name) else { return .failure(.usage("undefined export \"\(name)\"")) }
                guard case .global(let g) = export else { return .failure(.usage("export \"\(name)\" is not a global")) }
                return .success([store.value(of: g.slots, type: g.type.valType)])
            }
        }
    }

    static func value(_ v: ScriptValue) -> Value {
        switch v {
        case .i32(let x): .i32(x)
        case .i64(let x): .i64(x)
        case .f32(let x): .f32(x)
        case .f64(let x): .f64(x)
        case .v128(let x): .v128(x)
        case .refNull: .ref(.null)
        case .refHost(let n): .ref(.host(n))
        case .refExtern(let n): .ref(.extern(.host(n)))
        }
    }

    // MARK: Assertions

    private func perform(_ assertion: Assertion, at: SourceLocation) {
        switch assertion {
        case .malformed(let m, let expected):
            record(.assertMalformed, at, expectMalformed(m, expected))
        case .malformedCustom:
            record(.assertMalformedCustom, at, .skipped(Skip.customSections))
        case .invalid(let m, let expected):
            record(.assertInvalid, at, expectInvalid(m, expected))
        case .invalidCustom:
            record(.assertInvalidCustom, at, .skipped(Skip.customSections))
        case .unlinkable(let source, let expected):
            record(.assertUnlinkable, at, expectInstantiationFailure(source, expected, at: at) {
                if case .link(let m) = $0 { return m }
                return nil
            })
        case .uninstantiable(let source, let expected):
            record(.assertUninstantiable, at, expectInstantiationFailure(source, expected, at: at) {
                switch $0 {
                case .trap(let m), .exception(let m): return m
                default: return nil
                }
            })
        case .returns(let action, let patterns):
            switch perform(action) {
            case .failure(let e): record(.assertReturn, at, .failed("\(e)"))
            case .success(let values): record(.assertReturn, at, ResultMatching.check(values, patterns))
            }
        case .trap(let action, let expected):
            record(.assertTrap, at, expectError(action, expected, "trap") {
                if case .trap(let m) = $0 { return m }
                return nil
            })
        case .exhaustion(let action, let expected):
            record(.assertExhaustion, at, expectError(action, expected, "exhaustion") {
                if case .exhaustion(let m) = $0 { return m }
                return nil
            })
        case .exception(let action):
            record(.assertException, at, expectError(action, "", "exception") {
                if case .exception(let m) = $0 { return m }
                return nil
            })
        }
    }

    private func expectError(
        _ action: Action, _ expected: String, _ what: String, _ extract: (WasmError) -> String?
    ) -> Outcome {
        switch perform(action) {
        case .success(let values):
            return .failed("expected \(what) \"\(expected)\", got result \(ResultMatching.describe(values))")
        case .failure(let error):
            guard let message = extract(error) else {
                return .failed("expected \(what) \"\(expected)\", got \(error)")
            }
            return matches(message, expected)
        }
    }

    /// `assert_unlinkable` and `assert_trap` on a module: a module written in place is
    /// defined first (a `module` command of its own, as the reference desugars it).
    private func expectInstantiationFailure(
        _ source: InstanceSource, _ expected: String, at: SourceLocation, _ extract: (WasmError) -> String?
    ) -> Outcome {
        let defined: DefinedModule
        let id: String?
        switch source {
        case .module(let m):
            // As the reference desugars it, the module is defined without its name.
            guard let d = define(m, at: at, named: false) else { return .failed("module did not load or validate") }
            defined = d
            id = nil
        case .instance(let instance, let module):
            guard let d = modules[Name(module)] else { return .failed("unknown module") }
            defined = d
            id = instance
        }
        do {
            _ = try instantiate(defined, as: id)
            return .failed("expected instantiation to fail with \"\(expected)\", but it succeeded")
        } catch {
            guard let message = extract(error) else {
                return .failed("expected \"\(expected)\", got \(error)")
            }
            return matches(message, expected)
        }
    }

    private func expectMalformed(_ m: ScriptModule, _ expected: String) -> Outcome {
        switch load(m) {
        case .failure(let error):
            return matches(error.message, expected)
        case .success:
            return .failed("expected malformed module (\"\(expected)\"), but it loaded")
        }
    }

    private func expectInvalid(_ m: ScriptModule, _ expected: String) -> Outcome {
        switch load(m) {
        case .failure(let error):
            return .failed("expected invalid module (\"\(expected)\"), but it is malformed: \(error.message)")
        case .success(let module):
            do {
                _ = try module.validate()
                return .failed("expected invalid module (\"\(expected)\"), but it validated")
            } catch {
                return matches(error.message, expected)
            }
        }
    }

    /// An error message matches when it starts with the expected text, as in the
    /// reference runner's `assert_message`.
    private func matches(_ actual: String, _ expected: String) -> Outcome {
        actual.hasPrefix(expected)
            ? .passed : .failed("expected error \"\(expected)\", got \"\(actual)\"")
    }
}

/// Why a module did not load: the decoder's or the parser's message.
struct LoadError: Error {
    let message: String
}

/// Reasons for skipping, shared so the report groups them.
enum Skip {
    static let customSections = "custom section handlers not implemented"
    static let scriptOutput = "output of scripts (.wast) not supported"
}
