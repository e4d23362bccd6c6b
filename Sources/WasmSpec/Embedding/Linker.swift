// Linking in a store (§7.1.5 `module_instantiate`, reference: interpreter/script/
// import.ml and runner.ml `lookup_import`): modules registered under a name, items a
// host defines, and the host modules `spectest` and (for scripts) `env`, from which
// imports are resolved by name. The script runner links through it too.

/// A name as a dictionary key: its UTF-8 bytes, since Swift's `String` equality would
/// identify canonically equivalent names that Wasm keeps apart.
struct ExactName: Hashable {
    let bytes: [UInt8]
    init(_ s: String?) { bytes = Array((s ?? "").utf8) }
}

/// The names a store resolves imports from. Guarded by the store's lock.
struct ImportRegistry {
    /// What a module name denotes.
    enum Entry {
        /// A module instance registered under the name: its exports.
        case instance(ModuleInstance)
        /// Items the host defined under the name.
        case host([ExactName: ExternValue])
    }

    var modules: [ExactName: Entry] = [:]
    /// The store's `spectest` module, made at its first import: its memory and tables
    /// are shared by every module that imports them, as in the reference.
    var spectest: Spectest? = nil
    /// The `env` module's hooks, when the store offers `env` (the script runner's do).
    var env: EnvHooks? = nil

    /// The item `name` of module `module`, imported as `type`: a registered instance's
    /// export, a host item, or, when nothing is registered under the name, an item of
    /// the host module `spectest` (or `env`, when offered).
    mutating func lookup(_ module: String, _ name: String, _ type: ExternType) -> ExternValue? {
        switch modules[ExactName(module)] {
        case .instance(let inst): return inst.export(name)
        case .host(let items): return items[ExactName(name)]
        case nil:
            switch module {
            case "spectest":
                let host = spectest ?? Spectest()
                spectest = host
                return host.lookup(name)
            case "env":
                guard let env else { return nil }
                return Env.lookup(name, type, output: env.output, exit: env.exit)
            default:
                return nil
            }
        }
    }
}

/// What the `env` host module writes to and how it ends a run.
struct EnvHooks {
    let output: (@Sendable (String) -> Void)?
    let exit: (@Sendable (Int32) -> Void)?
}

extension Store {
    /// Decodes, validates and instantiates a binary module in this store; its imports
    /// are resolved by name (see `register(_:as:)` and `define`). See
    /// `instantiate(module:validate:)` for `validate`.
    public func instantiate(_ bytes: [UInt8], validate: Bool = true) throws(WasmError) -> Instance {
        let module: Module
        do { module = try Module(binary: bytes) } catch { throw .malformed(error.message) }
        return try instantiate(module: module, validate: validate)
    }

    /// Parses, validates and instantiates a text module in this store.
    public func instantiate(text: String, validate: Bool = true) throws(WasmError) -> Instance {
        let module: Module
        do { module = try Module(text: Array(text.utf8)) } catch { throw .malformed(error.message) }
        return try instantiate(module: module, validate: validate)
    }

    /// Validates and instantiates a module in this store. Each import is the export of
    /// that name of the instance registered under its module name, the item a host
    /// defined there, or a `spectest` item; otherwise instantiation fails with
    /// `unknown import`.
    ///
    /// With `validate` false and the reference engine, the module is not validated (the
    /// reference interpreter's unchecked mode): it runs as it is, and code that validation
    /// would reject ends in a runtime crash (`WasmError.crash`) when it is reached. The
    /// compiled engine relies on validation: with it the module is validated all the same.
    public func instantiate(module: Module, validate: Bool = true) throws(WasmError) -> Instance {
        let validated: ValidatedModule
        if !validate && limits.engine == .reference {
            validated = module.prepareUnchecked()
        } else {
            do { validated = try module.validate() } catch { throw .invalid(error.message) }
        }
        return Instance(store: self, instance: try instantiate(module, validated))
    }

    /// Instantiates a module that has been validated, resolving its imports by name.
    func instantiate(_ module: Module, _ validated: ValidatedModule) throws(WasmError) -> ModuleInstance {
        try locked { () throws(WasmError) -> ModuleInstance in
            var values: [ExternValue] = []
            values.reserveCapacity(module.imports.count)
            for (im, type) in zip(module.imports, validated.imports) {
                guard let value = registry.lookup(im.module, im.name, type) else {
                    throw .link("unknown import \"\(im.module)\".\"\(im.name)\"")
                }
                values.append(value)
            }
            return try instantiate(validated, imports: values, names: module.imports.map { ($0.module, $0.name) })
        }
    }

    /// Makes an instance's exports importable under a module name (the script
    /// command `register`). A later registration or definition under the same name
    /// replaces it, as in the reference.
    public func register(_ instance: Instance, as name: String) throws(WasmError) {
        guard instance.store === self else { throw .usage("instance from another store") }
        register(instance.instance, as: name)
    }

    func register(_ instance: ModuleInstance, as name: String) {
        locked { registry.modules[ExactName(name)] = .instance(instance) }
    }

    /// Offers the script runner's host modules: `spectest` printing to `output`, and
    /// `env`, whose `exit` and `abort` end the run through `exit` (reference:
    /// runner.ml `lookup_import`).
    func offerScriptHosts(output: (@Sendable (String) -> Void)?, exit: (@Sendable (Int32) -> Void)?) {
        locked {
            registry.spectest = Spectest(output: output)
            registry.env = EnvHooks(output: output, exit: exit)
        }
    }

    /// Defines a host function importable as `module`.`name`. It runs with the store's
    /// lock held, so it must not call into this store; an error it throws becomes a
    /// trap (or, for `.exhaustion`, an exhaustion) of the calling code.
    public func define(
        _ module: String, _ name: String, function type: FuncType, _ body: @escaping HostFunction
    ) throws(WasmError) {
        for t in type.params + type.results { try Store.checkHostType(t) }
        let defType = DefType(RecType([SubType(.func(type))]), 0)
        define(module, name, .function(FunctionInstance(type: defType, funcType: type, host: body)))
    }

    /// Defines a global importable as `module`.`name`, holding `value`.
    public func define(_ module: String, _ name: String, global type: GlobalType, _ value: Value) throws(WasmError) {
        try Store.checkHostType(type.valType)
        guard Store.fits(value, type.valType) else { throw .usage("wrong type of global value") }
        try locked { () throws(WasmError) in
            if case .ref(let r) = value, !owns(r) { throw .usage("reference from another store") }
            let global = GlobalInstance(type, low: 0)
            _ = store(value, at: global.slots)
            registry.define(module, name, .global(global))
        }
    }

    /// Defines a memory importable as `module`.`name`, of its type's minimum size.
    public func define(_ module: String, _ name: String, memory type: MemoryType) throws(WasmError) {
        try Store.checkLimits(type.limits, range: type.addrType == .i32 ? 1 << 16 : 1 << 48)
        try locked { () throws(WasmError) in
            // The budget is the store's, used under its lock.
            guard let memory = MemoryInstance(type, budget: budget) else { throw .trap("out of memory") }
            registry.define(module, name, .memory(memory))
        }
    }

    /// Defines a table importable as `module`.`name`, of its type's minimum size, each
    /// element `initial`.
    public func define(
        _ module: String, _ name: String, table type: TableType, _ initial: Ref = .null
    ) throws(WasmError) {
        try Store.checkHostType(.ref(type.elemType))
        try Store.checkLimits(type.limits, range: type.addrType == .i32 ? (1 << 32) - 1 : UInt64.max)
        guard Store.fits(.ref(initial), .ref(type.elemType)) else { throw .usage("wrong type of table element") }
        try locked { () throws(WasmError) in
            guard owns(initial) else { throw .usage("reference from another store") }
            guard let table = TableInstance(type, initial: slot(of: initial), budget: budget) else { throw .trap("out of memory") }
            registry.define(module, name, .table(table))
        }
    }

    private func define(_ module: String, _ name: String, _ value: ExternValue) {
        locked { registry.define(module, name, value) }
    }

    /// Host items have closed types: a type index would mean nothing outside a module.
    private static func checkHostType(_ t: ValType) throws(WasmError) {
        switch t {
        case .bot: throw .usage("bot is not a value type")
        case .ref(let rt):
            switch rt.heapType {
            case .index, .rec, .bot: throw .usage("a host type cannot refer to a type index")
            default: break
            }
        default: break
        }
    }

    /// The limits of a host memory or table, checked as validation checks a module's
    /// (§3.2.2 "Limits").
    private static func checkLimits(_ limits: Limits, range: UInt64) throws(WasmError) {
        if let max = limits.max, limits.min > max {
            throw .usage("size minimum must not be greater than maximum")
        }
        if limits.min > range || (limits.max ?? 0) > range { throw .usage("size out of range") }
    }
}

extension ImportRegistry {
    /// Adds a host item under `module`, which then names host items only.
    mutating func define(_ module: String, _ name: String, _ value: ExternValue) {
        var items: [ExactName: ExternValue] = [:]
        if case .host(let existing) = modules[ExactName(module)] { items = existing }
        items[ExactName(name)] = value
        modules[ExactName(module)] = .host(items)
    }
}
