// Assertions (reference: runner.ml `run_assertion`). An assertion passes when the
// module or action fails in the expected way with a message that starts with the
// expected text; any other failure is reported in its own category, as the reference
// lets it escape.

extension ScriptRunner {
    func perform(_ assertion: Assertion, _ command: ScriptCommand) {
        let kind = ScriptRunner.kind(of: assertion)
        // A module written in an `assert_unlinkable` or `assert_trap` is defined first, as
        // a command of its own (the reference desugars it so), even when dry.
        var defined: DefinedModule? = nil
        switch assertion {
        case .unlinkable(.module(let m), _), .uninstantiable(.module(let m), _):
            guard let d = define(m, command, named: false) else { return }
            defined = d
        default:
            break
        }
        if options.dry { return }
        do {
            try check(assertion, command, defined)
            record(kind, command.location, .passed)
        } catch {
            fail(kind, command, error)
        }
    }

    /// What the reference's trace calls an assertion's phase.
    static func phase(of assertion: Assertion) -> String {
        switch assertion {
        case .malformed: "Asserting malformed..."
        case .malformedCustom: "Asserting malformed custom..."
        case .invalid: "Asserting invalid..."
        case .invalidCustom: "Asserting invalid custom..."
        case .unlinkable: "Asserting unlinkable..."
        // The reference names assert_trap of a module so too.
        case .uninstantiable, .trap: "Asserting trap..."
        case .returns: "Asserting return..."
        case .exhaustion: "Asserting exhaustion..."
        case .exception: "Asserting exception..."
        }
    }

    static func kind(of assertion: Assertion) -> CommandKind {
        switch assertion {
        case .malformed: .assertMalformed
        case .malformedCustom: .assertMalformedCustom
        case .invalid: .assertInvalid
        case .invalidCustom: .assertInvalidCustom
        case .unlinkable: .assertUnlinkable
        case .uninstantiable: .assertUninstantiable
        case .returns: .assertReturn
        case .trap: .assertTrap
        case .exhaustion: .assertExhaustion
        case .exception: .assertException
        }
    }

    private func check(_ assertion: Assertion, _ command: ScriptCommand, _ defined: DefinedModule?) throws(Failure) {
        trace(ScriptRunner.phase(of: assertion))
        switch assertion {
        case .malformed(let m, let expected):
            switch load(m) {
            case .success:
                throw Failure.assertion("expected decoding/parsing error")
            case .failure(let f) where f.category == "decoding error":
                try expect(f.message, expected, "decoding")
            case .failure(let f) where f.category == "syntax error":
                try expect(f.message, expected, "parsing")
            case .failure(let f):
                throw f
            }
        case .malformedCustom(let m, let expected):
            switch load(m) {
            case .success:
                throw Failure.assertion("expected custom decoding/parsing error")
            case .failure(let f) where f.category == "custom annotation syntax error":
                try expect(f.message, expected, "annotation parsing")
            case .failure(let f):
                throw f
            }
        case .invalid(let m, let expected):
            let (module, _) = try load(m).get()
            do {
                _ = try module.validate()
            } catch {
                try expect(error.message, expected, "validation")
                return
            }
            throw Failure.assertion("expected validation error")
        case .invalidCustom(let m, let expected):
            let (module, customs) = try load(m).get()
            // The reference's own runner lets a custom handler's validation error escape
            // here (it only catches the core validator's); the assertion is meant to
            // catch it, so it does.
            do {
                _ = try module.validate()
                try module.checkCustom(customs, config: options.customs)
            } catch let error as ValidationError {
                try expect(error.message, expected, "custom validation")
                return
            } catch let error as CustomError {
                guard error.kind == .invalid else { throw Failure(error.category, error.message, at: region(error, m)) }
                try expect(error.message, expected, "custom validation")
                return
            } catch {
                throw Failure("validation error", "\(error)")
            }
            throw Failure.assertion("expected custom validation error")
        case .unlinkable(let source, let expected):
            let d = try module(source, defined)
            do {
                _ = try instantiate(d, as: nil)
            } catch {
                guard case .link(let message) = error else { throw Failure(error) }
                try expect(message, expected, "linking")
                return
            }
            throw Failure.assertion("expected linking error")
        case .uninstantiable(let source, let expected):
            let d = try module(source, defined)
            do {
                _ = try instantiate(d, as: nil)
            } catch {
                switch error {
                case .trap(let message), .exception(let message):
                    try expect(message, expected, "instantiation")
                    return
                default:
                    throw Failure(error)
                }
            }
            throw Failure.assertion("expected instantiation error")
        case .returns(let action, let patterns):
            let values = try perform(action, command)
            if values.count != patterns.count || !zip(values, patterns).allSatisfy(ResultMatching.matches) {
                throw Failure.assertion(
                    "wrong return values",
                    printed: "Result: " + ReferenceFormat.printed(values) + "Expect: " + ReferenceFormat.printed(patterns))
            }
        case .trap(let action, let expected):
            try expectError(action, command, expected, "runtime", "expected runtime error") {
                if case .trap(let m) = $0 { return m }
                return nil
            }
        case .exhaustion(let action, let expected):
            try expectError(action, command, expected, "exhaustion", "expected exhaustion error") {
                if case .exhaustion(let m) = $0 { return m }
                return nil
            }
        case .exception(let action):
            try expectError(action, command, nil, "", "expected exception") {
                if case .exception(let m) = $0 { return m }
                return nil
            }
        }
    }

    /// The module an `assert_unlinkable` or `assert_trap` instantiates.
    private func module(_ source: InstanceSource, _ defined: DefinedModule?) throws(Failure) -> DefinedModule {
        if let defined { return defined }
        guard case .instance(_, let module) = source else { throw Failure("i/o error", "no module defined") }
        guard let d = modules[Name(module)] else {
            throw Failure("i/o error", module.map { "unknown module \($0)" } ?? "no module defined")
        }
        return d
    }

    /// Runs an action that must fail with the error `extract` recognises.
    private func expectError(
        _ action: Action, _ command: ScriptCommand, _ expected: String?, _ what: String, _ otherwise: String,
        _ extract: (WasmError) -> String?
    ) throws(Failure) {
        do {
            _ = try perform(action, command)
        } catch {
            guard let cause = error.cause, let message = extract(cause) else { throw error }
            if let expected { try expect(message, expected, what) }
            return
        }
        throw Failure.assertion(otherwise)
    }

    /// A message must start with the expected text (`assert_message`).
    private func expect(_ actual: String, _ expected: String, _ what: String) throws(Failure) {
        if !actual.hasPrefix(expected) {
            throw Failure.assertion(
                "wrong \(what) error", printed: "Result: \"\(actual)\"\nExpect: \"\(expected)\"\n")
        }
    }
}
