// The commands of a script other than assertions (reference: runner.ml `run_command`
// and `run_action`): modules, instances, registrations, actions.

extension ScriptRunner {
    /// Runs commands in order in the current script.
    func runScript(_ script: Script) {
        for command in script { perform(command) }
    }

    /// Runs commands as a script of their own (`run_quote_script`): afterwards the
    /// commands performed are the script named "" (for `output`), and they count as
    /// performed in the enclosing script too.
    func runQuoted(_ script: Script) {
        let saved = quote
        quote = []
        runScript(script)
        scripts[Name(nil)] = quote
        quote = saved + quote
    }

    func perform(_ command: ScriptCommand) {
        switch command.command {
        case .module(let m):
            quote.append(QuotedCommand(command: command, file: file))
            guard let defined = define(m, command) else { return }
            if !m.isDefinition { instance(defined, as: m.id, command, idSpan: m.idSpan) }
        case .instance(let instance, let module):
            quote.append(QuotedCommand(command: command, file: file))
            guard let defined = modules[Name(module)] else {
                fail(.instance, command, Failure("i/o error", module.map { "unknown module \($0)" } ?? "no module defined"))
                return
            }
            self.instance(defined, as: instance, command, idSpan: command.idSpan)
        case .register(let name, let instance):
            quote.append(QuotedCommand(command: command, file: file))
            if options.dry { return }
            do {
                try register(name, instance)
                record(.register, command.location, .passed)
            } catch {
                fail(.register, command, error)
            }
        case .action(let action):
            quote.append(QuotedCommand(command: command, file: file))
            if options.dry { return }
            let kind: CommandKind = if case .invoke = action { .invoke } else { .get }
            do {
                let values = try perform(action, command)
                if !values.isEmpty { print(ReferenceFormat.printed(values)) }
                record(kind, command.location, .passed)
            } catch {
                fail(kind, command, error)
            }
        case .assertion(let assertion):
            quote.append(QuotedCommand(command: command, file: file))
            perform(assertion, command)
        case .script(let id, let commands):
            // A nested script runs in place, sharing this runner's state.
            runQuoted(commands)
            if let id { scripts[Name(id)] = scripts[Name(nil)] }
        case .input(let id, let file):
            input(file, as: id, command)
        case .output(let id, let file):
            output(id, to: file, command)
        }
    }

    /// Instantiates a module for a `module` or `module instance` command.
    private func instance(
        _ defined: DefinedModule, as id: String?, _ command: ScriptCommand,
        idSpan: (start: SourceLocation, end: SourceLocation)?
    ) {
        if options.dry { return }
        trace("Initializing...")
        do {
            let inst = try instantiate(defined, as: nil)
            do {
                try bind(&instances, "instance", id, inst)
            } catch {
                var failure = error
                if let idSpan { failure.region = ScriptRegion(file, idSpan.start, idSpan.end) }
                fail(.instance, command, failure)
                return
            }
            record(.instance, command.location, .passed)
        } catch {
            var failure = Failure(error)
            failure.region = defined.region(of: error)
            fail(.instance, command, failure)
        }
    }

    // MARK: Defining modules

    /// Decodes or parses, then validates and binds a module; records the `module`
    /// command. Returns nil when it failed.
    func define(_ m: ScriptModule, _ command: ScriptCommand, named: Bool = true) -> DefinedModule? {
        let loaded: (Module, [CustomFormat])
        switch load(m) {
        case .failure(let failure):
            fail(.module, command, failure)
            return nil
        case .success(let l):
            loaded = l
        }
        let (module, customs) = loaded
        var validated: ValidatedModule? = nil
        if options.validate {
            trace("Checking...")
            do {
                validated = try module.validate()
                try module.checkCustom(customs, config: options.customs)
            } catch let error as ValidationError {
                let at = region(of: error, in: m, module) ?? region(m)
                fail(.module, command, Failure("validation error", error.message, at: at))
                return nil
            } catch let error as CustomError {
                fail(.module, command, Failure(error.category, error.message, at: region(error, m)))
                return nil
            } catch {
                fail(.module, command, Failure("validation error", "\(error)", at: region(m)))
                return nil
            }
            if printSignatures, let validated {
                trace("Signature:")
                print(ReferenceFormat.signature(named ? m.id : nil, validated))
            }
        } else if options.limits.engine == .reference {
            // Unchecked (`-u`): the reference engine runs the module as it is.
            validated = module.prepareUnchecked()
        }
        let defined = DefinedModule(
            module: module, validated: validated, customs: customs, importSpans: m.importSpans, file: file)
        do {
            try bind(&modules, "module", named ? m.id : nil, defined)
            let q = QuotedCommand(command: command, file: file)
            if named, let id = m.id { scripts[Name(id)] = [q] }
            scripts[Name(nil)] = [q]
        } catch {
            var failure = error
            if let span = m.idSpan { failure.region = ScriptRegion(file, span.start, span.end) }
            fail(.module, command, failure)
            return nil
        }
        record(.module, command.location, .passed)
        return defined
    }

    /// A module's region in the script.
    func region(_ m: ScriptModule) -> ScriptRegion {
        ScriptRegion(file, m.location, m.end)
    }

    /// A custom handler's region, in the script when it was found in a text module.
    func region(_ error: CustomError, _ m: ScriptModule) -> ScriptRegion {
        error.region.file.isEmpty
            ? ScriptRegion(SourceRegion(file: file, left: error.region.left, right: error.region.right))
            : ScriptRegion(error.region)
    }

    /// Decodes or parses a module as written, with its custom sections
    /// (`run_definition`).
    func load(_ m: ScriptModule) -> Result<(Module, [CustomFormat]), Failure> {
        switch m.source {
        case .text(let module):
            return .success((module, m.customs))
        case .binary(let bytes):
            trace("Decoding...")
            let name = m.binaryName ?? "binary:\(m.location.line).\(m.location.column)"
            return decode(bytes, name: name)
        case .quote(let text):
            trace("Parsing quote...")
            do {
                let parsed = try Module.parse(text: text, file: file, customs: options.customs)
                return .success((parsed.module, parsed.customs))
            } catch {
                return .failure(quoteFailure(error, m))
            }
        }
    }

    /// Decodes a binary module named `name` in messages.
    func decode(_ bytes: [UInt8], name: String) -> Result<(Module, [CustomFormat]), Failure> {
        do {
            return .success(try Module.decodeWithCustom(bytes, name: name, config: options.customs))
        } catch {
            return .failure(Failure(error, name: name))
        }
    }

    /// A syntax error in a quoted module, positioned in the script the way the reference
    /// positions it: as if the quoted text started two columns after the `quote`
    /// keyword.
    func quoteFailure(_ error: TextError, _ m: ScriptModule) -> Failure {
        func shift(_ l: SourceLocation) -> SourceLocation {
            l.line <= 1
                ? SourceLocation(line: m.bodyLocation.line, column: l.column + m.bodyLocation.column + 1)
                : SourceLocation(line: m.bodyLocation.line + l.line - 1, column: l.column)
        }
        let start = shift(error.location)
        let end = shift(error.end ?? error.location)
        let category: String
        if let c = error.custom {
            category = c.category
        } else {
            category = error.isCustom ? "custom annotation syntax error" : "syntax error"
        }
        return Failure(category, error.message, at: ScriptRegion(file, start, end))
    }

    // MARK: Actions

    /// Invokes an export or reads a global (`run_action`); its failures are reported at
    /// the action, as the reference reports them.
    func perform(_ action: Action, _ command: ScriptCommand) throws(Failure) -> [Value] {
        do {
            return try performAction(action, command)
        } catch {
            var failure = error
            if failure.region == nil, let span = command.actionSpan {
                failure.region = ScriptRegion(file, span.start, span.end)
            }
            throw failure
        }
    }

    private func performAction(_ action: Action, _ command: ScriptCommand) throws(Failure) -> [Value] {
        switch action {
        case .invoke(let instance, let name, let args):
            trace("Invoking function \"\(name)\"...")
            guard let inst = instances[Name(instance)] else { throw unknownInstance(instance) }
            let export = store.locked { inst.export(name) }
            guard let export else { throw Failure.assertion("undefined export") }
            guard case .function(let f) = export else { throw Failure.assertion("export is not a function") }
            let params = f.funcType.params
            if args.count != params.count { throw Failure("script error", "wrong number of arguments") }
            for (a, t) in zip(args, params) where !ScriptRunner.matches(a, t) {
                throw Failure("script error", "wrong type of argument")
            }
            do {
                return try store.locked { () throws(WasmError) -> [Value] in
                    try store.call(f, args.map(ScriptRunner.value))
                }
            } catch {
                throw Failure(error)
            }
        case .get(let instance, let name):
            trace("Getting global \"\(name)\"...")
            guard let inst = instances[Name(instance)] else { throw unknownInstance(instance) }
            return try store.locked { () throws(Failure) -> [Value] in
                guard let export = inst.export(name) else { throw Failure.assertion("undefined export") }
                guard case .global(let g) = export else { throw Failure.assertion("export is not a global") }
                return [store.value(of: g.slots, type: g.type.valType)]
            }
        }
    }

    private func unknownInstance(_ id: String?) -> Failure {
        Failure("i/o error", id.map { "unknown module instance \($0)" } ?? "no module instance defined")
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

    /// Whether an argument's type matches a parameter's, as the reference checks
    /// (`match_valtype` of the literal's type): a null of heap type `ht` has type
    /// `(ref null ht)`, a host reference `(ref any)`, an external one `(ref extern)`.
    static func matches(_ v: ScriptValue, _ t: ValType) -> Bool {
        func ref(_ nullable: Bool, _ ht: HeapType) -> Bool {
            guard case .ref(let rt) = t else { return false }
            if nullable && !rt.nullable { return false }
            if case .def(let dt) = rt.heapType {
                // Only the bottom of a defined type's hierarchy is below it.
                switch dt.rolledSubType.compType {
                case .func: return ht == .nofunc || ht == .bot
                case .struct, .array: return ht == .none || ht == .bot
                }
            }
            return AbstractTypes.matches(.ref(RefType(nullable: nullable, ht)), .ref(rt))
        }
        switch v {
        case .i32: return t == .i32
        case .i64: return t == .i64
        case .f32: return t == .f32
        case .f64: return t == .f64
        case .v128: return t == .v128
        case .refNull(let ht): return ref(true, ht)
        case .refHost: return ref(false, .any)
        case .refExtern: return ref(false, .extern)
        }
    }
}
