// The script runner: performs the commands of a `.wast` script (reference:
// interpreter/script/run.ml and runner.ml) and reports each one's outcome. It goes on
// after a failure, so one run shows every failing command.

/// Settings of a script run.
public struct RunnerOptions: Sendable {
    /// Validate every module before using it, as the reference interpreter does unless
    /// run with `-u`.
    public var validate = true

    public init() {}
}

/// Runs the commands of one script. Not shared between threads: each script gets its
/// own runner.
public final class ScriptRunner {
    public let options: RunnerOptions
    private var results: [CommandResult] = []
    /// Modules defined so far by name; the most recent one under "".
    private var modules: [String: Module] = [:]

    public init(options: RunnerOptions = RunnerOptions()) {
        self.options = options
    }

    /// Runs a parsed script and returns one result per command performed.
    public func run(_ script: Script) -> [CommandResult] {
        results = []
        for command in script { perform(command) }
        return results
    }

    /// Parses and runs a script's source text. A script that does not parse is one
    /// failed `script` command at the place of the syntax error.
    public func run(source: [UInt8]) -> [CommandResult] {
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
            defineModule(m, at: at)
        case .instance:
            record(.instance, at, .skipped(Skip.execution))
        case .register:
            record(.register, at, .skipped(Skip.execution))
        case .action(.invoke):
            record(.invoke, at, .skipped(Skip.execution))
        case .action(.get):
            record(.get, at, .skipped(Skip.execution))
        case .assertion(let assertion):
            perform(assertion, at: at)
        case .script(_, let commands):
            // A nested script runs in place, sharing this runner's modules, as in the
            // reference.
            for c in commands { perform(c) }
        case .input:
            record(.input, at, .skipped(Skip.meta))
        case .output:
            record(.output, at, .skipped(Skip.meta))
        }
    }

    private func defineModule(_ m: ScriptModule, at: SourceLocation) {
        switch load(m) {
        case .failure(let error):
            record(.module, at, .failed("module does not load: \(error.message)"))
        case .success(let module):
            switch check(module) {
            case .failed(let why):
                record(.module, at, .failed(why))
                return
            case let outcome:
                record(.module, at, outcome)
            }
            bind(m.id, module)
            if !m.isDefinition {
                record(.instance, at, .skipped(Skip.execution))
            }
        }
    }

    private func bind(_ id: String?, _ module: Module) {
        if let id { modules[id] = module }
        modules[""] = module
    }

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
        case .unlinkable(let source, _):
            defineInline(source, at: at)
            record(.assertUnlinkable, at, .skipped(Skip.execution))
        case .uninstantiable(let source, _):
            defineInline(source, at: at)
            record(.assertUninstantiable, at, .skipped(Skip.execution))
        case .returns:
            record(.assertReturn, at, .skipped(Skip.execution))
        case .trap:
            record(.assertTrap, at, .skipped(Skip.execution))
        case .exhaustion:
            record(.assertExhaustion, at, .skipped(Skip.execution))
        case .exception:
            record(.assertException, at, .skipped(Skip.execution))
        }
    }

    /// A module written inside `assert_unlinkable` or `assert_trap` is defined first, as
    /// the reference's parser desugars it; that definition is a `module` command of its own.
    private func defineInline(_ source: InstanceSource, at: SourceLocation) {
        guard case .module(let m) = source else { return }
        switch load(m) {
        case .failure(let error):
            record(.module, at, .failed("module does not load: \(error.message)"))
        case .success(let module):
            let outcome = check(module)
            record(.module, at, outcome)
            if case .failed = outcome { return }
            bind(m.id, module)
        }
    }

    // MARK: Modules

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

    /// Validates a defined module, when this build can.
    private func check(_ module: Module) -> Outcome {
        .passed
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
        case .success:
            return .skipped(Skip.validation)
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
    static let validation = "validation not implemented yet"
    static let execution = "execution not implemented yet"
    static let customSections = "custom section handlers not implemented"
    static let meta = "meta commands (input, output) not supported"
}
