// The embedding API, after the reference interpreter's bindings: instantiate a module,
// call its exports, read its exported globals and memories.
//
//     let instance = try instantiate(bytes)
//     let results = try interpret(instance, "add", [.i32(1), .i32(2)])   // [.i32(3)]

/// An instantiated module with the store it lives in. Instances are `Sendable`: calls
/// into one instance (or instances sharing a store) are serialized by the store's lock;
/// instances in different stores run in parallel.
public final class Instance: Sendable {
    let store: Store
    let instance: ModuleInstance

    init(store: Store, instance: ModuleInstance) {
        self.store = store
        self.instance = instance
    }

    /// The names of the instance's exports, in order.
    public var exportNames: [String] {
        store.locked { instance.exports.map(\.name) }
    }

    /// The names of the instance's exported functions, in order.
    public var exportedFunctionNames: [String] {
        store.locked {
            instance.exports.compactMap {
                if case .function = $0.value { return $0.name }
                return nil
            }
        }
    }
}

/// An exported item as `export(_:_:)` reports it.
public enum Export: Hashable, Sendable {
    /// A global's current value.
    case global(Value)
    /// A copy of a memory's bytes.
    case memory([UInt8])
    /// A function, as a reference to call through `interpret` by name.
    case function(ObjectRef)
    /// A table's current elements.
    case table([Ref])
    /// A tag (exception type).
    case tag
}

/// Decodes, validates and instantiates a binary module in a new store (§7.1.5
/// `module_instantiate`). Imports are resolved from the `spectest` host module. With the
/// reference engine, `observer` receives every reduction step of the store's code. See
/// `instantiate(module:limits:validate:observer:)` for `validate`.
public func instantiate(
    _ bytes: [UInt8], limits: ExecutionLimits = ExecutionLimits(), validate: Bool = true,
    observer: StepObserver? = nil
) throws(WasmError) -> Instance {
    let module: Module
    do { module = try Module(binary: bytes) } catch { throw .malformed(error.message) }
    return try instantiate(module: module, limits: limits, validate: validate, observer: observer)
}

/// Parses, validates and instantiates a text module in a new store.
public func instantiate(
    text: String, limits: ExecutionLimits = ExecutionLimits(), validate: Bool = true,
    observer: StepObserver? = nil
) throws(WasmError) -> Instance {
    let module: Module
    do { module = try Module(text: Array(text.utf8)) } catch { throw .malformed(error.message) }
    return try instantiate(module: module, limits: limits, validate: validate, observer: observer)
}

/// Validates and instantiates a module in a new store.
///
/// With `validate` false and the reference engine, the module is not validated (the
/// reference interpreter's unchecked mode): it runs as it is, and code that validation
/// would reject ends in a runtime crash (`WasmError.crash`) when it is reached. The
/// compiled engine relies on validation: with it the module is validated all the same.
public func instantiate(
    module: Module, limits: ExecutionLimits = ExecutionLimits(), validate: Bool = true,
    observer: StepObserver? = nil
) throws(WasmError) -> Instance {
    let validated: ValidatedModule
    if !validate && limits.engine == .reference {
        validated = module.prepareUnchecked()
    } else {
        do { validated = try module.validate() } catch { throw .invalid(error.message) }
    }
    let store = Store(limits: limits, observer: observer)
    let spectest = Spectest(store: store)
    return try store.locked { () throws(WasmError) -> Instance in
        var imports: [ExternValue] = []
        for im in module.imports {
            guard im.module == "spectest", let value = spectest.lookup(im.name) else {
                throw .link("unknown import \"\(im.module)\".\"\(im.name)\"")
            }
            imports.append(value)
        }
        let inst = try store.instantiate(
            validated, imports: imports, names: module.imports.map { ($0.module, $0.name) })
        return Instance(store: store, instance: inst)
    }
}

/// Calls the exported function `name` (§7.1.5 `func_invoke`). Without parameters, each
/// one is the zero value of its type.
public func interpret(_ instance: Instance, _ name: String, _ parameters: [Value]? = nil) throws(WasmError) -> [Value] {
    let store = instance.store
    return try store.locked { () throws(WasmError) -> [Value] in
        guard let value = instance.instance.export(name) else { throw .usage("undefined export \"\(name)\"") }
        guard case .function(let f) = value else { throw .usage("export \"\(name)\" is not a function") }
        return try store.call(f, parameters)
    }
}

/// Reads an exported global's value or an exported memory's bytes.
public func export(_ instance: Instance, _ name: String) throws(WasmError) -> Export {
    let store = instance.store
    return try store.locked { () throws(WasmError) -> Export in
        guard let value = instance.instance.export(name) else { throw .usage("undefined export \"\(name)\"") }
        switch value {
        case .global(let g): return .global(store.value(of: g.slots, type: g.type.valType))
        case .memory(let m): return .memory(m.contents)
        case .function(let f): return .function(ObjectRef(f, store: store))
        case .table(let t): return .table(t.elements.map { store.ref(of: $0) })
        case .tag: return .tag
        }
    }
}

/// The reference bindings' legacy entry: instantiates a binary module and calls its
/// first exported function with the given parameters, or zeroes.
public func interpretLegacy(_ bytes: [UInt8], _ parameters: [Value]? = nil) throws(WasmError) -> [Value] {
    try interpretFirstExport(try instantiate(bytes), parameters)
}

/// `interpretLegacy` for a text module.
public func interpretLegacy(text: String, _ parameters: [Value]? = nil) throws(WasmError) -> [Value] {
    try interpretFirstExport(try instantiate(text: text), parameters)
}

private func interpretFirstExport(_ instance: Instance, _ parameters: [Value]?) throws(WasmError) -> [Value] {
    guard let name = instance.exportedFunctionNames.first else { throw .usage("no exported function") }
    return try interpret(instance, name, parameters)
}

extension Store {
    /// Calls a function with API values, checking them against its type first. Call with
    /// the lock held.
    func call(_ f: FunctionInstance, _ parameters: [Value]?) throws(WasmError) -> [Value] {
        let params = f.funcType.params
        let args = parameters ?? params.map(Value.zero)
        guard args.count == params.count else { throw .usage("wrong number of arguments") }
        for (a, t) in zip(args, params) where !Store.fits(a, t) {
            throw .usage("wrong type of argument")
        }
        // An object belongs to the store that allocated it: running it under another
        // store's lock would race with that store's own calls.
        for case .ref(let r) in args where !owns(r) {
            throw .usage("reference from another store")
        }
        let engine = try takeEngine()
        let results: [UInt64]
        do {
            results = try engine.invoke(f, slots(args))
        } catch {
            throw error.wasmError
        }
        return values(results, types: f.funcType.results)
    }

    /// Whether every object a reference reaches belongs to this store.
    func owns(_ r: Ref) -> Bool {
        switch r {
        case .object(let o): o.store === self
        case .extern(let inner): owns(inner)
        case .null, .i31, .host: true
        }
    }

    /// Whether a value has the shape of a type; references are checked at run time by
    /// the instructions that use them.
    static func fits(_ v: Value, _ t: ValType) -> Bool {
        switch (v, t) {
        case (.i32, .i32), (.i64, .i64), (.f32, .f32), (.f64, .f64), (.v128, .v128): true
        case (.ref(let r), .ref(let rt)): r != .null || rt.nullable
        default: false
        }
    }
}
