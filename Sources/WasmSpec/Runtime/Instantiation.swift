// Instantiation (§4.5.4): allocate the module's definitions with its imports, in the
// reference interpreter's order, then run the active segments and the start function.

extension Store {
    /// The external type an external value has now (§4.5.2 "External typing"); tables
    /// and memories report their current size as their minimum.
    func externType(of value: ExternValue) -> ExternType {
        switch value {
        case .function(let f): .func(.def(f.type))
        case .table(let t): .table(t.type)
        case .memory(let m): .memory(m.type)
        case .global(let g): .global(g.type)
        case .tag(let t): .tag(TagType(.def(t.type)))
        }
    }

    /// Definitions: $instantiate, $evalexprs, $evalglobals, $runelem_, $rundata_
    /// Instantiates a module with its imports resolved, in order. Call with the lock
    /// held.
    ///
    /// A module that was not validated (``Module/prepareUnchecked()``) is instantiated
    /// only by the reference engine, and may name anything: every index it uses here is
    /// checked, and one that names nothing ends in the reference interpreter's crash
    /// (`undefined table 2`); its constant expressions are checked by the engine.
    func instantiate(_ module: ValidatedModule, imports: [ExternValue], names: [(String, String)])
        throws(WasmError) -> ModuleInstance
    {
        guard module.isValidated || limits.engine == .reference else {
            throw .usage("only the reference engine runs a module that was not validated")
        }
        let m = module.module
        guard imports.count == m.imports.count else {
            throw .link("wrong number of imports provided for initialisation")
        }
        let inst = ModuleInstance(store: self, module: module)
        instances.append(inst)

        // Imports, checked against their declared types (§4.5.4 step 3 and §4.5.2).
        for (i, value) in imports.enumerated() {
            let expected = module.imports[i]
            let actual = externType(of: value)
            guard module.subtyping.matches(actual, expected) else {
                let (mod, name) = i < names.count ? names[i] : ("", "")
                throw .link("incompatible import type for \"\(mod)\" \"\(name)\"")
            }
            switch value {
            case .function(let f): inst.add(f)
            case .table(let t): inst.add(t)
            case .memory(let mem): inst.add(mem)
            case .global(let g): inst.add(g)
            case .tag(let t): inst.tags.append(t)
            }
        }

        // Tags and functions, whose types must be function types.
        let importedTags = inst.tags.count
        for (i, tag) in m.tags.enumerated() {
            let (dt, ft) = try Store.functionType(module.tags[importedTags + i], tag.typeUse)
            inst.tags.append(TagInstance(dt, params: ft.params))
        }
        let importedFuncs = inst.funcs.count
        for (i, f) in m.funcs.enumerated() {
            let (dt, ft) = try Store.functionType(module.funcs[importedFuncs + i], .index(f.type))
            inst.add(FunctionInstance(type: dt, funcType: ft, instance: inst, index: i))
        }

        let engine = try takeEngine()
        func evaluate(_ expr: Expr, _ type: ValType) throws(WasmError) -> [UInt64] {
            do {
                return try engine.evaluate(expr, type: type, in: inst)
            } catch {
                throw error.wasmError
            }
        }

        // Globals, each initialiser seeing the globals before it.
        for g in m.globals {
            let v = try evaluate(g.initializer, g.type.valType)
            inst.add(GlobalInstance(
                Store.close(g.type, module), low: v.first ?? 0, high: v.count > 1 ? v[1] : 0))
        }
        // Tables and memories.
        for t in m.tables {
            let v = try evaluate(t.initializer, .ref(t.type.elemType))
            guard let table = TableInstance(Store.close(t.type, module), initial: v.first ?? 0, budget: budget) else {
                throw .trap("out of memory")
            }
            inst.add(table)
        }
        for mt in m.memories {
            guard let memory = MemoryInstance(mt, budget: budget) else { throw .trap("out of memory") }
            inst.add(memory)
        }
        // Segments.
        for d in m.datas { inst.datas.append(d.bytes) }
        for e in m.elems {
            // Each reference goes into the instance's segment as soon as it is made, so
            // that a collection during the next item's evaluation sees it.
            let k = inst.elems.count
            inst.elems.append([])
            inst.elems[k].reserveCapacity(e.inits.count)
            for item in e.inits {
                let slot = try evaluate(item, .ref(e.type)).first ?? 0
                inst.elems[k].append(slot)
            }
        }
        // Exports.
        for e in m.exports {
            let value: ExternValue
            switch e.kind {
            case .func: value = .function(try lookup(inst.funcs, e.index, "function"))
            case .table: value = .table(try lookup(inst.tables, e.index, "table"))
            case .memory: value = .memory(try lookup(inst.memories, e.index, "memory"))
            case .global: value = .global(try lookup(inst.globals, e.index, "global"))
            case .tag: value = .tag(try lookup(inst.tags, e.index, "tag"))
            }
            inst.exports.append((e.name, value))
        }

        // Active and declarative element segments, then active data segments, then the
        // start function (§4.5.4 steps 14-16).
        for (i, e) in m.elems.enumerated() {
            switch e.mode {
            case .passive:
                break
            case .declarative:
                inst.elems[i] = []
            case .active(let table, let offset):
                let t = try lookup(inst.tables, table, "table")
                let d = try evaluate(offset, t.type.addrType.valType).first ?? 0
                let n = UInt64(inst.elems[i].count)
                guard MemoryInstance.inRange(d, n, t.size) else { throw .trap("out of bounds table access") }
                if n > 0 { t.elements.replaceSubrange(Int(d)..<Int(d + n), with: inst.elems[i]) }
                inst.elems[i] = []
            }
        }
        for (i, data) in m.datas.enumerated() {
            guard case .active(let memory, let offset) = data.mode else { continue }
            let mem = try lookup(inst.memories, memory, "memory")
            let d = try evaluate(offset, mem.type.addrType.valType).first ?? 0
            let n = UInt64(data.bytes.count)
            guard MemoryInstance.inRange(d, n, mem.byteCount) else { throw .trap("out of bounds memory access") }
            mem.write(d, data.bytes)
            inst.datas[i] = []
        }
        if let start = m.start {
            let f = try lookup(inst.funcs, start, "function")
            do {
                _ = try engine.invoke(f, [])
            } catch {
                throw error.wasmError
            }
        }
        return inst
    }

    /// The function type of a defined type that is one.
    static func funcType(_ dt: DefType) -> FuncType {
        if case .func(let ft) = expand(dt) { return ft }
        return FuncType()
    }

    /// The defined type of a function or tag the module defines, `dt`, written as
    /// `use`, with its function type; a crash when it is undefined or not a function
    /// type, which only a module that was not validated has (reference: eval.ml
    /// `init_func`, which looks the type up).
    static func functionType(_ dt: DefType, _ use: TypeUse) throws(WasmError) -> (DefType, FuncType) {
        let undefined = dt === ValidatedModule.undefinedType
        if !undefined, case .func(let ft) = expand(dt) { return (dt, ft) }
        var d = TypeDescription()
        d.typeUse(use)
        throw .crash(undefined ? "undefined type \(d.text)" : "type \(d.text) is not a function type")
    }

    /// Entry `x` of an index space of the instance under construction; an undefined one
    /// is the reference interpreter's crash (eval.ml `lookup`), which only a module that
    /// was not validated meets.
    private func lookup<T>(_ list: [T], _ x: UInt32, _ category: String) throws(WasmError) -> T {
        guard Int(x) < list.count else { throw .crash("undefined \(category) \(x)") }
        return list[Int(x)]
    }

    /// Closes the types a module writes by index over its defined types.
    static func close(_ t: ValType, _ module: ValidatedModule) -> ValType {
        guard case .ref(let rt) = t else { return t }
        return .ref(close(rt, module))
    }

    static func close(_ rt: RefType, _ module: ValidatedModule) -> RefType {
        if case .index(let x) = rt.heapType, Int(x) < module.types.count {
            return RefType(nullable: rt.nullable, .def(module.types[Int(x)]))
        }
        return rt
    }

    static func close(_ g: GlobalType, _ module: ValidatedModule) -> GlobalType {
        GlobalType(mutable: g.mutable, close(g.valType, module))
    }

    static func close(_ t: TableType, _ module: ValidatedModule) -> TableType {
        TableType(t.addrType, t.limits, close(t.elemType, module))
    }
}

extension ExecutionError {
    /// The embedding API's form of an execution error.
    var wasmError: WasmError {
        switch self {
        case .trap(let m): .trap(m)
        case .exhaustion(let m): .exhaustion(m)
        case .exception(let e): .exception(e.uncaughtMessage)
        case .crash(let m): .crash(m)
        }
    }
}
