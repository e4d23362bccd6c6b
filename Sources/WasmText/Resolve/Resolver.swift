// From parsed fields to a Module (§6.6): binding identifiers, desugaring
// abbreviations, adding implicit function types. Like the reference, in three phases:
//
// 1. bind the identifiers of all fields, in order (so that any field can refer to any
//    other);
// 2. define the explicit types, in order;
// 3. everything else, field by field; function types that a type use needs but the
//    module does not have are appended to the types as they are met, in the order the
//    reference meets them; `start` and `export` fields resolve, and the rule that
//    imports precede definitions is checked, on the way back from the last field to
//    the first, as the reference's continuations do.

import WasmBinary

struct Resolver {
    var arena: InstrArena
    var types = Space()
    var tags = Space()
    var globals = Space()
    var memories = Space()
    var tables = Space()
    var funcs = Space()
    var datas = Space()
    var elems = Space()
    /// Field names of each type index.
    var fieldSpaces: [Space] = []
    /// The module's types so far: explicit groups, then implicit ones.
    var typeList: [RecType] = []
    /// The sub type at each type index, for checks of type uses.
    var defs: [SubType] = []
    /// The first index of each function type that is a final group of one, for
    /// implicit type uses.
    var funcTypeIndex: [FuncType: UInt32] = [:]
    /// Where each implicit function type was added (for the regions custom-section
    /// handlers compare annotations with).
    var implicitTypeLocations: [SourceLocation] = []
    var resolved: [Instruction?]

    init(arena: InstrArena) {
        self.arena = arena
        self.resolved = [Instruction?](repeating: nil, count: arena.raws.count)
    }

    // MARK: Types

    func heapType(_ h: RawHeapType) throws(TextError) -> HeapType {
        switch h {
        case .abstract(let t): t
        case .idx(let x): .index(try types.lookup(x, category: "type"))
        }
    }

    func refType(_ r: RawRefType) throws(TextError) -> RefType {
        RefType(nullable: r.nullable, try heapType(r.heap))
    }

    func valType(_ v: RawValType) throws(TextError) -> ValType {
        switch v {
        case .plain(let t): t
        case .ref(let r): .ref(try refType(r))
        }
    }

    func valTypes(_ vs: [RawValType]) throws(TextError) -> [ValType] {
        var out: [ValType] = []
        out.reserveCapacity(vs.count)
        for v in vs { out.append(try valType(v)) }
        return out
    }

    /// An inline signature; the reference resolves results before parameters.
    func funcType(_ ft: RawFuncType) throws(TextError) -> FuncType {
        let results = try valTypes(ft.results)
        var params: [ValType] = []
        for g in ft.params { params += try valTypes(g.types) }
        return FuncType(params, results)
    }

    func storageType(_ s: RawStorageType) throws(TextError) -> StorageType {
        switch s {
        case .val(let v): .val(try valType(v))
        case .packed(let p): .packed(p)
        }
    }

    func fieldType(_ f: RawFieldType) throws(TextError) -> FieldType {
        FieldType(mutable: f.mutable, try storageType(f.storage))
    }

    /// The function type at index `x` (the reference's `func_type`).
    func funcTypeAt(_ x: UInt32, _ location: SourceLocation) throws(TextError) -> FuncType {
        guard Int(x) < defs.count else { throw TextError("unknown type \(x)", at: location) }
        guard case .func(let ft) = defs[Int(x)].compType else {
            throw TextError("non-function type \(x)", at: location)
        }
        return ft
    }

    /// An implicit type use: the first existing final function type of a group of one,
    /// or a new one appended to the module.
    mutating func inlineFuncType(_ ft: FuncType, at location: SourceLocation) throws(TextError) -> UInt32 {
        if let i = funcTypeIndex[ft] { return i }
        let i = try types.bindAnonymous(1, category: "type", at: location)
        implicitTypeLocations.append(location)
        fieldSpaces.append(Space())
        let st = SubType(.func(ft))
        typeList.append(RecType([st]))
        defs.append(st)
        funcTypeIndex[ft] = i
        return i
    }

    /// `(type x)? (param ...)* (result ...)*` where no locals are involved: the explicit
    /// type is checked against the inline signature when one is written, an implicit
    /// one is found or added otherwise.
    mutating func typeUse(_ tu: RawTypeUse) throws(TextError) -> UInt32 {
        let ft = try funcType(tu.type)
        if let x = tu.typeUse {
            let y = try types.lookup(x, category: "type")
            if !tu.type.isEmpty, try funcTypeAt(y, x.location) != ft {
                throw TextError("inline function type does not match explicit type", at: x.location)
            }
            return y
        }
        return try inlineFuncType(ft, at: tu.location)
    }

    // MARK: Phases

    mutating func resolve(_ raw: RawModule) throws(TextError) -> Module {
        // Phase 1: bind identifiers.
        var indices: [[UInt32]] = []
        indices.reserveCapacity(raw.fields.count)
        for f in raw.fields {
            let loc = f.location
            switch f.kind {
            case .types(let defs, _):
                var xs: [UInt32] = []
                for d in defs {
                    fieldSpaces.append(Space())
                    xs.append(try types.bind(d.name, category: "type", at: d.location))
                }
                indices.append(xs)
            case .func(let fn): indices.append([try funcs.bind(fn.name, category: "function", at: loc)])
            case .table(let t): indices.append([try tables.bind(t.name, category: "table", at: loc)])
            case .memory(let m): indices.append([try memories.bind(m.name, category: "memory", at: loc)])
            case .global(let g): indices.append([try globals.bind(g.name, category: "global", at: loc)])
            case .tag(let t): indices.append([try tags.bind(t.name, category: "tag", at: loc)])
            case .import(let im):
                switch im.desc {
                case .func(let n, _): indices.append([try funcs.bind(n, category: "function", at: loc)])
                case .tag(let n, _): indices.append([try tags.bind(n, category: "tag", at: loc)])
                case .global(let n, _, _): indices.append([try globals.bind(n, category: "global", at: loc)])
                case .memory(let n, _, _): indices.append([try memories.bind(n, category: "memory", at: loc)])
                case .table(let n, _, _, _): indices.append([try tables.bind(n, category: "table", at: loc)])
                }
            case .elem(let e): indices.append([try elems.bind(e.name, category: "elem segment", at: loc)])
            case .data(let d): indices.append([try datas.bind(d.name, category: "data segment", at: loc)])
            case .export, .start: indices.append([])
            }
        }

        // Phase 2: explicit types.
        for (k, f) in raw.fields.enumerated() {
            guard case .types(let defs, _) = f.kind else { continue }
            var subs: [SubType] = []
            for (j, d) in defs.enumerated() {
                subs.append(try subType(d.sub, index: indices[k][j]))
            }
            let group = RecType(subs)
            typeList.append(group)
            for st in subs {
                if subs.count == 1, st.isFinal, st.supertypes.isEmpty, case .func(let ft) = st.compType,
                    funcTypeIndex[ft] == nil
                {
                    funcTypeIndex[ft] = UInt32(self.defs.count)
                }
                self.defs.append(st)
            }
        }

        // Phase 3, forward.
        var m = Module()
        var exportSlots: [Export?] = []
        var startField: [Int] = []
        var importLocations: [SourceLocation?] = []
        var definitionKinds: [String?] = []
        for (k, f) in raw.fields.enumerated() {
            let loc = f.location
            var importHere: SourceLocation? = nil
            var defined: String? = nil
            switch f.kind {
            case .types, .start:
                break
            case .export:
                exportSlots.append(nil)
            case .func(let fn):
                let x = indices[k][0]
                if let imp = fn.import {
                    let y = try typeUse(fn.type)
                    m.imports.append(Import(module: imp.module, name: imp.name, type: .func(.index(y))))
                    importHere = loc
                } else {
                    m.funcs.append(try function(fn))
                    defined = "function"
                }
                for e in fn.exports { exportSlots.append(Export(name: e.name, kind: .func, index: x)) }
            case .table(let t):
                let x = indices[k][0]
                if let imp = t.import {
                    let tt = TableType(t.addrType, t.limits, try refType(t.elemType))
                    m.imports.append(Import(module: imp.module, name: imp.name, type: .table(tt)))
                    importHere = loc
                } else if let items = t.inlineElems {
                    let inits: [Expr]
                    let rt: RefType
                    switch items {
                    case .exprs(let bodies):
                        var es: [Expr] = []
                        for b in bodies.reversed() { es.append(try constExpr(b)) }
                        inits = es.reversed()
                        rt = try refType(t.elemType)
                    case .funcs(let xs):
                        rt = try refType(t.elemType)
                        inits = try funcRefs(xs)
                    }
                    let size = UInt64(inits.count)
                    m.tables.append(Table(type: TableType(t.addrType, Limits(min: size, max: size), rt)))
                    m.elems.append(
                        ElemSegment(type: rt, inits: inits, mode: .active(table: x, offset: [zero(t.addrType)])))
                    defined = "table"
                } else {
                    let initializer = try t.initializer.map { (b) throws(TextError) in try constExpr(b) }
                    let tt = TableType(t.addrType, t.limits, try refType(t.elemType))
                    m.tables.append(Table(type: tt, initializer: initializer))
                    defined = "table"
                }
                for e in t.exports { exportSlots.append(Export(name: e.name, kind: .table, index: x)) }
            case .memory(let mem):
                let x = indices[k][0]
                if let imp = mem.import {
                    m.imports.append(
                        Import(module: imp.module, name: imp.name, type: .memory(MemoryType(mem.addrType, mem.limits))))
                    importHere = loc
                } else if let bytes = mem.inlineData {
                    let size = (UInt64(bytes.count) + 65535) / 65536
                    m.memories.append(MemoryType(mem.addrType, Limits(min: size, max: size)))
                    m.datas.append(DataSegment(bytes: bytes, mode: .active(memory: x, offset: [zero(mem.addrType)])))
                    defined = "memory"
                } else {
                    m.memories.append(MemoryType(mem.addrType, mem.limits))
                    defined = "memory"
                }
                for e in mem.exports { exportSlots.append(Export(name: e.name, kind: .memory, index: x)) }
            case .global(let g):
                let x = indices[k][0]
                if let imp = g.import {
                    let gt = GlobalType(mutable: g.mutable, try valType(g.type))
                    m.imports.append(Import(module: imp.module, name: imp.name, type: .global(gt)))
                    importHere = loc
                } else {
                    let initializer = try g.initializer.map { (b) throws(TextError) in try constExpr(b) } ?? []
                    let gt = GlobalType(mutable: g.mutable, try valType(g.type))
                    m.globals.append(Global(type: gt, initializer: initializer))
                    defined = "global"
                }
                for e in g.exports { exportSlots.append(Export(name: e.name, kind: .global, index: x)) }
            case .tag(let t):
                let x = indices[k][0]
                let y = try typeUse(t.type)
                if let imp = t.import {
                    m.imports.append(Import(module: imp.module, name: imp.name, type: .tag(TagType(.index(y)))))
                    importHere = loc
                } else {
                    m.tags.append(TagType(.index(y)))
                    defined = "tag"
                }
                for e in t.exports { exportSlots.append(Export(name: e.name, kind: .tag, index: x)) }
            case .import(let im):
                let type: ExternType
                switch im.desc {
                case .func(_, let tu):
                    type = .func(.index(try importTypeUse(tu)))
                case .tag(_, let tu):
                    type = .tag(TagType(.index(try importTypeUse(tu))))
                case .global(_, let mutable, let vt):
                    type = .global(GlobalType(mutable: mutable, try valType(vt)))
                case .memory(_, let at, let lim):
                    type = .memory(MemoryType(at, lim))
                case .table(_, let at, let lim, let rt):
                    type = .table(TableType(at, lim, try refType(rt)))
                }
                m.imports.append(Import(module: im.module, name: im.name, type: type))
                importHere = loc
            case .elem(let e):
                m.elems.append(try elemSegment(e))
            case .data(let d):
                let mode: DataSegment.Mode
                switch d.mode {
                case .passive: mode = .passive
                case .active(let x, let off):
                    let offset = try constExpr(off)
                    let mi = try x.map { (x) throws(TextError) in try memories.lookup(x, category: "memory") } ?? 0
                    mode = .active(memory: mi, offset: offset)
                }
                m.datas.append(DataSegment(bytes: d.bytes, mode: mode))
            }
            importLocations.append(importHere)
            definitionKinds.append(defined)
            if case .start = f.kind { startField.append(k) }
        }

        // Phase 3, backward: exports, start, and the order of imports.
        var laterImport: SourceLocation? = nil
        var start: UInt32? = nil
        var slot = exportSlots.count
        for (k, f) in raw.fields.enumerated().reversed() {
            switch f.kind {
            case .export(let e):
                slot -= 1
                let category: String
                let space: Space
                switch e.kind {
                case .func: (category, space) = ("function", funcs)
                case .table: (category, space) = ("table", tables)
                case .memory: (category, space) = ("memory", memories)
                case .global: (category, space) = ("global", globals)
                case .tag: (category, space) = ("tag", tags)
                }
                exportSlots[slot] = Export(name: e.name, kind: e.kind, index: try space.lookup(e.index, category: category))
            case .start(let x):
                let i = try funcs.lookup(x, category: "function")
                if start != nil { throw TextError("multiple start sections", at: x.location) }
                start = i
            case .func(let fn):
                slot -= fn.exports.count
            case .table(let t):
                slot -= t.exports.count
            case .memory(let mem):
                slot -= mem.exports.count
            case .global(let g):
                slot -= g.exports.count
            case .tag(let t):
                slot -= t.exports.count
            default:
                break
            }
            if let kind = definitionKinds[k], let later = laterImport {
                throw TextError("import after \(kind) definition", at: later)
            }
            if let here = importLocations[k] { laterImport = here }
        }
        m.exports = exportSlots.compactMap { $0 }
        m.start = start
        m.types = typeList
        return m
    }

    /// The type of an imported function or tag: `(type x)` alone is only looked up.
    private mutating func importTypeUse(_ tu: RawTypeUse) throws(TextError) -> UInt32 {
        if let x = tu.typeUse { return try types.lookup(x, category: "type") }
        return try typeUse(tu)
    }

    private func zero(_ at: AddrType) -> Instruction {
        at == .i32 ? .i32Const(0) : .i64Const(0)
    }

    /// A sub type of phase 2, binding its field names.
    private mutating func subType(_ s: RawSubType, index: UInt32) throws(TextError) -> SubType {
        let ct: CompType
        switch s.comp {
        case .struct(let fields):
            var fts: [FieldType] = []
            for f in fields {
                if let n = f.name {
                    _ = try fieldSpaces[Int(index)].bind(n, category: "field")
                } else {
                    _ = try fieldSpaces[Int(index)].bindAnonymous(
                        UInt32(truncatingIfNeeded: f.types.count), category: "field", at: f.location)
                }
                for t in f.types { fts.append(try fieldType(t)) }
            }
            ct = .struct(fts)
        case .array(let f):
            ct = .array(try fieldType(f))
        case .func(let ft):
            ct = .func(try funcType(ft))
        }
        var supers: [TypeUse] = []
        for x in s.supertypes { supers.append(.index(try types.lookup(x, category: "type"))) }
        return SubType(isFinal: s.isFinal, supertypes: supers, ct)
    }

    /// `ref.func x` for each index, looked up last to first as the reference does.
    private func funcRefs(_ xs: [RawIdx]) throws(TextError) -> [Expr] {
        var out: [Expr] = []
        out.reserveCapacity(xs.count)
        for x in xs.reversed() { out.append([.refFunc(try funcs.lookup(x, category: "function"))]) }
        return out.reversed()
    }

    private mutating func elemSegment(_ e: RawElemField) throws(TextError) -> ElemSegment {
        let inits: [Expr]
        let rt: RefType
        switch e.items {
        case .exprs(let bodies):
            var es: [Expr] = []
            for b in bodies.reversed() { es.append(try constExpr(b)) }
            inits = es.reversed()
        case .funcs(let xs):
            inits = try funcRefs(xs)
        }
        switch e.type {
        case .funcKind: rt = RefType(nullable: false, .func)
        case .ref(let r): rt = try refType(r)
        }
        let mode: ElemSegment.Mode
        switch e.mode {
        case .passive: mode = .passive
        case .declarative: mode = .declarative
        case .active(let x, let off):
            let offset = try constExpr(off)
            let ti = try x.map { (x) throws(TextError) in try tables.lookup(x, category: "table") } ?? 0
            mode = .active(table: ti, offset: offset)
        }
        return ElemSegment(type: rt, inits: inits, mode: mode)
    }

    /// A constant expression: resolved in the module's context, without locals.
    mutating func constExpr(_ b: RawBody) throws(TextError) -> Expr {
        var locals = LocalSpace()
        return try body(b, locals: &locals)
    }

    /// A function definition.
    private mutating func function(_ fn: RawFunc) throws(TextError) -> Func {
        var locals = LocalSpace()
        let ft = try funcType(fn.type.type)
        let y: UInt32
        if let x = fn.type.typeUse {
            y = try types.lookup(x, category: "type")
            if fn.type.type.isEmpty {
                locals.deferred.append(.typeParams(y, x.location))
            } else if try funcTypeAt(y, x.location) != ft {
                throw TextError("inline function type does not match explicit type", at: x.location)
            }
        } else {
            y = try inlineFuncType(ft, at: fn.type.location)
        }
        for g in fn.type.type.params {
            if let n = g.name {
                try bindLocal(&locals, n)
            } else {
                locals.deferred.append(.count(UInt32(truncatingIfNeeded: g.types.count), g.location))
            }
        }
        for g in fn.locals {
            if let n = g.name {
                try bindLocal(&locals, n)
            } else {
                locals.deferred.append(.count(UInt32(truncatingIfNeeded: g.types.count), g.location))
            }
        }
        let code = try fn.body.map { (b) throws(TextError) in try body(b, locals: &locals) } ?? []
        var groups: [[ValType]] = []
        for g in fn.locals.reversed() { groups.append(try valTypes(g.types)) }
        var runs: [Locals] = []
        for t in groups.reversed().joined() {
            if let last = runs.last, last.type == t, last.count < UInt32.max {
                runs[runs.count - 1].count += 1
            } else {
                runs.append(Locals(1, t))
            }
        }
        return Func(type: y, locals: runs, body: code)
    }

    /// Binds a named local after the pending anonymous ones (`bind_local`).
    private func bindLocal(_ locals: inout LocalSpace, _ n: RawName) throws(TextError) {
        try forceLocals(&locals)
        _ = try locals.space.bind(n, category: "local")
    }

    /// Takes the indices of pending anonymous locals, in order (`force_locals`).
    private func forceLocals(_ locals: inout LocalSpace) throws(TextError) {
        for d in locals.deferred {
            switch d {
            case .count(let n, let loc):
                _ = try locals.space.bindAnonymous(n, category: "local", at: loc)
            case .typeParams(let y, let loc):
                let ft = try funcTypeAt(y, loc)
                _ = try locals.space.bindAnonymous(UInt32(truncatingIfNeeded: ft.params.count), category: "local", at: loc)
            }
        }
        locals.deferred = []
    }
}

/// The locals of a function being resolved: bound names, and anonymous ones whose
/// indices are taken only when a later name needs them (the reference's deferral).
struct LocalSpace {
    enum Deferred {
        case count(UInt32, SourceLocation)
        case typeParams(UInt32, SourceLocation)
    }

    var space = Space()
    var deferred: [Deferred] = []
}
