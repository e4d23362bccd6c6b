// Validation of modules (§3.4.12, and the types of §3.2), in the order in which the
// reference interpreter checks a module's parts: types, imports, tags, functions,
// memories, tables, globals, data and element segments, function bodies, the start
// function, exports. The first error found is reported.

extension Module {
    /// Validates the module (§3): returns its types, closed, or throws the reference
    /// interpreter's error for the first problem found.
    public func validate() throws(ValidationError) -> ValidatedModule {
        var validator = ModuleValidator(self)
        return try validator.run()
    }
}

struct ModuleValidator {
    let m: Module
    let c = ModuleContext()
    var code: CodeValidator

    init(_ m: Module) {
        self.m = m
        self.code = CodeValidator(context: c)
    }

    mutating func run() throws(ValidationError) -> ValidatedModule {
        c.refs = declaredReferences()
        for rt in m.types { try checkRecType(rt) }
        for (i, im) in m.imports.enumerated() { try checkImport(im, at: .import(i)) }
        for tt in m.tags { try checkTag(tt) }
        for f in m.funcs { try checkFunc(f) }
        for mt in m.memories {
            try checkMemoryType(mt, at: .memory(UInt32(truncatingIfNeeded: c.memories.count)))
            c.memories.append(mt)
        }
        for t in m.tables { try checkTable(t) }
        for g in m.globals { try checkGlobal(g) }
        for (i, d) in m.datas.enumerated() { try checkData(d, at: .data(UInt32(truncatingIfNeeded: i))) }
        for (i, e) in m.elems.enumerated() { try checkElem(e, at: .elem(UInt32(truncatingIfNeeded: i))) }
        let importedFuncs = c.funcs.count - m.funcs.count
        for (i, f) in m.funcs.enumerated() {
            let x = importedFuncs + i
            try code.validate(function: f, index: UInt32(truncatingIfNeeded: x), signature: c.funcSigs[x])
        }
        if let x = m.start { try checkStart(x) }
        var exports: [ValidatedModule.ExportType] = []
        for (i, ex) in m.exports.enumerated() {
            exports.append(ValidatedModule.ExportType(name: ex.name, type: try checkExport(ex, at: .export(i))))
        }
        // Names are compared by code points: Swift's `String` equality would identify
        // canonically equivalent names, which are different names to WebAssembly.
        var names: Set<[UInt8]> = []
        for ex in exports where !names.insert(Array(ex.name.utf8)).inserted {
            throw ValidationError("duplicate export name \"\(Describe.name(ex.name))\"", at: .module)
        }
        let close = TypeSubstitution(types: c.sub.types)
        return ValidatedModule(
            module: m, types: c.sub.types, funcs: c.funcs, tables: c.tables.map(close.close),
            memories: c.memories, globals: c.globals.map(close.close), tags: c.tags,
            elems: c.elems.map(close.close), datas: c.datas,
            imports: m.imports.map { close.close($0.type) },
            exports: exports.map { ValidatedModule.ExportType(name: $0.name, type: close.close($0.type)) },
            refs: c.refs, subtyping: c.sub, isValidated: true)
    }

    /// C.refs (§3.4.12): functions referenced outside function bodies and the start
    /// function, which function bodies may then take references to.
    func declaredReferences() -> Set<UInt32> {
        var refs: Set<UInt32> = []
        for g in m.globals { refs.insertFunctionReferences(of: g.initializer) }
        for t in m.tables { refs.insertFunctionReferences(of: t.initializer) }
        for d in m.datas {
            if case .active(_, let offset) = d.mode { refs.insertFunctionReferences(of: offset) }
        }
        for e in m.elems {
            for expr in e.inits { refs.insertFunctionReferences(of: expr) }
            if case .active(_, let offset) = e.mode { refs.insertFunctionReferences(of: offset) }
        }
        for ex in m.exports where ex.kind == .func { refs.insert(ex.index) }
        return refs
    }

    // MARK: Types (§3.2)

    /// A recursion group (§3.2.9): roll and close it, then check each declared supertype.
    private mutating func checkRecType(_ rt: RecType) throws(ValidationError) {
        let count = c.sub.types.count
        guard UInt64(count) + UInt64(rt.subTypes.count) <= UInt64(UInt32.max) else {
            throw ValidationError("too many types", at: .type(UInt32.max))
        }
        let x = UInt32(count)
        switch closeRecType(rt, at: x, earlier: c.sub.types) {
        case .failure(let unknown):
            throw ValidationError("unknown type \(Describe.index(unknown.index))", at: .type(x))
        case .success(let closed):
            c.sub.append(group: DefType.group(closed))
        }
        for (i, st) in rt.subTypes.enumerated() {
            let xi = x + UInt32(i)
            for use in st.supertypes {
                guard case .index(let y) = use, let _ = c.type(y) else {
                    throw ValidationError("unknown type \(Self.describe(use))", at: .type(xi))
                }
                guard y < xi else {
                    throw ValidationError("forward use of type \(Describe.index(y)) in sub type definition", at: .type(xi))
                }
                let sup = c.sub.unrolledType(y)
                guard !sup.isFinal else {
                    throw ValidationError("sub type \(Describe.index(xi)) has final super type \(Describe.index(y))", at: .type(xi))
                }
                guard c.sub.isSubtype(st.compType, sup.compType) else {
                    throw ValidationError("sub type \(Describe.index(xi)) does not match super type \(Describe.index(y))", at: .type(xi))
                }
            }
        }
    }

    private static func describe(_ use: TypeUse) -> String {
        var d = TypeDescription()
        d.typeUse(use)
        return d.text
    }

    private func checkValType(_ t: ValType, at loc: ValidationLocation) throws(ValidationError) {
        if case .ref(let rt) = t { try checkRefType(rt, at: loc) }
    }

    private func checkRefType(_ rt: RefType, at loc: ValidationLocation) throws(ValidationError) {
        if case .index(let x) = rt.heapType, c.type(x) == nil {
            throw ValidationError("unknown type \(Describe.index(x))", at: loc)
        }
    }

    /// The defined type a function or tag type refers to, which must be a function type.
    private func funcType(_ use: TypeUse, at loc: ValidationLocation) throws(ValidationError)
        -> (DefType, FuncType)
    {
        switch use {
        case .index(let x):
            guard let dt = c.type(x) else { throw ValidationError("unknown type \(Describe.index(x))", at: loc) }
            guard case .func(let ft) = c.compType(x) else {
                throw ValidationError("non-function type \(Describe.index(x))", at: loc)
            }
            return (dt, ft)
        case .def(let dt):
            guard case .func(let ft) = c.sub.expand(dt) else {
                throw ValidationError("non-function type \(Self.describe(use))", at: loc)
            }
            return (dt, ft)
        case .rec:
            throw ValidationError("unknown type \(Self.describe(use))", at: loc)
        }
    }

    /// §3.2.10: limits within `range`, the minimum not above the maximum.
    private func checkLimits(_ lim: Limits, range: UInt64, _ message: String, at loc: ValidationLocation)
        throws(ValidationError)
    {
        guard lim.min <= range else { throw ValidationError(message, at: loc) }
        if let max = lim.max {
            guard max <= range else { throw ValidationError(message, at: loc) }
            guard lim.min <= max else {
                throw ValidationError("size minimum must not be greater than maximum", at: loc)
            }
        }
    }

    private func checkMemoryType(_ mt: MemoryType, at loc: ValidationLocation) throws(ValidationError) {
        switch mt.addrType {
        case .i32:
            try checkLimits(
                mt.limits, range: 0x1_0000, "memory size must be at most 2^16 pages (4 GiB) for i32", at: loc)
        case .i64:
            try checkLimits(
                mt.limits, range: 0x1_0000_0000_0000,
                "memory size must be at most 2^48 pages (256 TiB) for i64", at: loc)
        }
    }

    private func checkTableType(_ tt: TableType, at loc: ValidationLocation) throws(ValidationError) {
        try checkRefType(tt.elemType, at: loc)
        switch tt.addrType {
        case .i32:
            try checkLimits(tt.limits, range: 0xFFFF_FFFF, "table size must be at most 2^32-1 for i32", at: loc)
        case .i64:
            try checkLimits(tt.limits, range: UInt64.max, "table size must be at most 2^64-1 for i64", at: loc)
        }
    }

    /// §3.2.11: a tag's type is a function type without results.
    private func checkTagType(_ tt: TagType, at loc: ValidationLocation) throws(ValidationError)
        -> (DefType, FuncType)
    {
        let (dt, ft) = try funcType(tt.typeUse, at: loc)
        guard ft.results.isEmpty else { throw ValidationError("non-empty tag result type", at: loc) }
        return (dt, ft)
    }

    // MARK: Imports and definitions

    private mutating func checkImport(_ im: Import, at loc: ValidationLocation) throws(ValidationError) {
        let close = TypeSubstitution(types: c.sub.types)
        switch im.type {
        case .tag(let tt):
            let (dt, ft) = try checkTagType(tt, at: loc)
            c.tags.append(dt)
            c.tagParams.append(c.ids(ft.params))
        case .global(let gt):
            try checkValType(gt.valType, at: loc)
            c.globals.append(close.close(gt))
        case .memory(let mt):
            try checkMemoryType(mt, at: loc)
            c.memories.append(mt)
        case .table(let tt):
            try checkTableType(tt, at: loc)
            c.tables.append(close.close(tt))
        case .func(let use):
            let (dt, ft) = try funcType(use, at: loc)
            c.funcs.append(dt)
            c.funcTypes.append(ft)
            c.funcSigs.append(Signature(params: c.ids(ft.params), results: c.ids(ft.results)))
        }
    }

    private mutating func checkTag(_ tt: TagType) throws(ValidationError) {
        let (dt, ft) = try checkTagType(tt, at: .tag(UInt32(truncatingIfNeeded: c.tags.count)))
        c.tags.append(dt)
        c.tagParams.append(c.ids(ft.params))
    }

    private mutating func checkFunc(_ f: Func) throws(ValidationError) {
        let (dt, ft) = try funcType(.index(f.type), at: .functionType(UInt32(truncatingIfNeeded: c.funcs.count)))
        c.funcs.append(dt)
        c.funcTypes.append(ft)
        c.funcSigs.append(Signature(params: c.ids(ft.params), results: c.ids(ft.results)))
    }

    private mutating func checkTable(_ t: Table) throws(ValidationError) {
        let loc = ValidationLocation.table(UInt32(truncatingIfNeeded: c.tables.count))
        try checkTableType(t.type, at: loc)
        try code.validate(constant: t.initializer, type: .ref(t.type.elemType), at: loc)
        c.tables.append(t.type)
    }

    private mutating func checkGlobal(_ g: Global) throws(ValidationError) {
        let loc = ValidationLocation.global(UInt32(truncatingIfNeeded: c.globals.count))
        try checkValType(g.type.valType, at: loc)
        try code.validate(constant: g.initializer, type: g.type.valType, at: loc)
        c.globals.append(g.type)
    }

    private mutating func checkData(_ d: DataSegment, at loc: ValidationLocation) throws(ValidationError) {
        if case .active(let x, let offset) = d.mode {
            guard Int(x) < c.memories.count else { throw ValidationError("unknown memory \(Describe.index(x))", at: loc) }
            try code.validate(constant: offset, type: c.memories[Int(x)].addrType.valType, at: loc)
        }
        c.datas += 1
    }

    private mutating func checkElem(_ e: ElemSegment, at loc: ValidationLocation) throws(ValidationError) {
        try checkRefType(e.type, at: loc)
        let t = ValType.ref(e.type)
        for expr in e.inits {
            try code.validate(constant: expr, type: t, at: loc)
        }
        if case .active(let x, let offset) = e.mode {
            guard Int(x) < c.tables.count else { throw ValidationError("unknown table \(Describe.index(x))", at: loc) }
            let tt = c.tables[Int(x)]
            guard c.sub.isSubtype(e.type, tt.elemType) else {
                throw ValidationError(
                    "type mismatch: element segment's type " + Describe.refType(e.type)
                        + " does not match table's element type " + Describe.refType(tt.elemType), at: loc)
            }
            try code.validate(constant: offset, type: tt.addrType.valType, at: loc)
        }
        c.elems.append(e.type)
    }

    // MARK: Start and exports

    private func checkStart(_ x: UInt32) throws(ValidationError) {
        guard Int(x) < c.funcTypes.count else { throw ValidationError("unknown function \(Describe.index(x))", at: .start) }
        let ft = c.funcTypes[Int(x)]
        guard ft.params.isEmpty && ft.results.isEmpty else {
            throw ValidationError("start function must not have parameters or results", at: .start)
        }
    }

    private func checkExport(_ ex: WasmBinary.Export, at loc: ValidationLocation) throws(ValidationError) -> ExternType {
        let x = Int(ex.index)
        switch ex.kind {
        case .tag:
            guard x < c.tags.count else { throw ValidationError("unknown tag \(Describe.index(ex.index))", at: loc) }
            return .tag(TagType(.def(c.tags[x])))
        case .global:
            guard x < c.globals.count else { throw ValidationError("unknown global \(Describe.index(ex.index))", at: loc) }
            return .global(c.globals[x])
        case .memory:
            guard x < c.memories.count else { throw ValidationError("unknown memory \(Describe.index(ex.index))", at: loc) }
            return .memory(c.memories[x])
        case .table:
            guard x < c.tables.count else { throw ValidationError("unknown table \(Describe.index(ex.index))", at: loc) }
            return .table(c.tables[x])
        case .func:
            guard x < c.funcs.count else { throw ValidationError("unknown function \(Describe.index(ex.index))", at: loc) }
            return .func(.def(c.funcs[x]))
        }
    }
}
