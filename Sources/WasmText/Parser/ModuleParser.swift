// Module fields (§6.6) with all their abbreviations, as the reference's grammar
// admits them.

import WasmBinary

extension Parser {
    static func isFieldKeyword(_ k: FixedKeyword?) -> Bool {
        switch k {
        case .type?, .rec?, .func?, .table?, .memory?, .global?, .tag?, .import?, .export?, .start?,
            .elem?, .data?:
            true
        default: false
        }
    }

    /// `field*`, up to a token that cannot start a field.
    mutating func moduleFields() throws(TextError) -> RawModule {
        arena = InstrArena()
        arena.recordsSpans = recordSpans
        var m = RawModule()
        while tok.kind == .lpar {
            let t = try peek()
            guard Parser.isFieldKeyword(t.fixed) else { throw unexpected(t) }
            m.fields.append(try field())
        }
        m.arena = arena
        arena = InstrArena()
        return m
    }

    private mutating func field() throws(TextError) -> RawModuleField {
        let loc = tok.location
        try advance()
        guard let k = tok.fixed else { throw unexpected() }
        try advance()
        let kind: RawFieldKind
        switch k {
        case .type:
            kind = .types([try typeDefBody(at: loc)], isRec: false)
        case .rec:
            var defs: [RawTypeDef] = []
            while try isLpar(.type) {
                let l = tok.location
                try advance()
                try advance()
                defs.append(try typeDefBody(at: l))
                try expect(.rpar)
            }
            kind = .types(defs, isRec: true)
        case .func: kind = .func(try funcField())
        case .table: kind = .table(try tableField())
        case .memory: kind = .memory(try memoryField())
        case .global: kind = .global(try globalField())
        case .tag: kind = .tag(try tagField())
        case .import: kind = .import(try importField())
        case .export:
            let n = try name()
            guard tok.kind == .lpar else { throw unexpected() }
            let t = try peek()
            let ek: ExternKind
            switch t.fixed {
            case .func?: ek = .func
            case .table?: ek = .table
            case .memory?: ek = .memory
            case .global?: ek = .global
            case .tag?: ek = .tag
            default: throw unexpected(t)
            }
            try advance()
            try advance()
            let x = try idx()
            try expect(.rpar)
            kind = .export(RawExportField(name: n, kind: ek, index: x))
        case .start:
            kind = .start(try idx())
        case .elem: kind = .elem(try elemField())
        case .data: kind = .data(try dataField())
        default:
            throw unexpected()
        }
        try expect(.rpar)
        return RawModuleField(kind: kind, location: loc, end: lastEndLocation)
    }

    /// After `(type`: `$id? subtype` (the closing parenthesis is left).
    private mutating func typeDefBody(at loc: SourceLocation) throws(TextError) -> RawTypeDef {
        let n = try optBindName()
        return RawTypeDef(name: n, sub: try subType(), location: loc)
    }

    private mutating func inlineExports() throws(TextError) -> [RawExportName] {
        var es: [RawExportName] = []
        while try isLpar(.export) {
            let loc = tok.location
            try advance()
            try advance()
            es.append(RawExportName(name: try name(), location: loc))
            try expect(.rpar)
        }
        return es
    }

    private mutating func inlineImport() throws(TextError) -> RawImportName? {
        guard try isLpar(.import) else { return nil }
        try advance()
        try advance()
        let m = try name()
        let n = try name()
        try expect(.rpar)
        return RawImportName(module: m, name: n)
    }

    private mutating func funcField() throws(TextError) -> RawFunc {
        let n = try optBindName()
        let exports = try inlineExports()
        if let imp = try inlineImport() {
            let tu = try typeUse(namedParams: true)
            return RawFunc(name: n, exports: exports, import: imp, type: tu, locals: [], body: nil)
        }
        let tu = try typeUse(namedParams: true)
        var locals: [RawLocalGroup] = []
        while try isLpar(.local) {
            let loc = tok.location
            try advance()
            try advance()
            if tok.kind == .id {
                let ln = try bindName()
                locals.append(RawLocalGroup(name: ln, types: [try valType()], location: loc))
            } else {
                locals.append(RawLocalGroup(name: nil, types: try valTypes(), location: loc))
            }
            try expect(.rpar)
        }
        let body = try instrs(.list)
        return RawFunc(name: n, exports: exports, import: nil, type: tu, locals: locals, body: body)
    }

    private mutating func tableField() throws(TextError) -> RawTableField {
        let n = try optBindName()
        let exports = try inlineExports()
        var f = RawTableField(
            name: n, exports: exports, import: nil, addrType: .i32, limits: Limits(min: 0),
            elemType: RawRefType(nullable: true, heap: .abstract(.func)))
        if let imp = try inlineImport() {
            f.import = imp
            f.addrType = try addrType()
            f.limits = try limits()
            f.elemType = try refType()
            return f
        }
        f.addrType = try addrType()
        if tok.kind == .nat {
            f.limits = try limits()
            f.elemType = try refType()
            if tok.kind != .rpar { f.initializer = try instrs(.list1) }
            return f
        }
        f.elemType = try refType()
        try expectLpar(.elem)
        if tok.kind == .lpar {
            var items = [try elemExpr()]
            while tok.kind != .rpar { items.append(try elemExpr()) }
            f.inlineElems = .exprs(items)
        } else {
            var xs: [RawIdx] = []
            while atIdx { xs.append(try idx()) }
            f.inlineElems = .funcs(xs)
        }
        try expect(.rpar)
        return f
    }

    private mutating func memoryField() throws(TextError) -> RawMemoryField {
        let n = try optBindName()
        let exports = try inlineExports()
        var f = RawMemoryField(name: n, exports: exports, import: nil, addrType: .i32, limits: Limits(min: 0))
        if let imp = try inlineImport() {
            f.import = imp
            f.addrType = try addrType()
            f.limits = try limits()
            return f
        }
        f.addrType = try addrType()
        if tok.kind == .nat {
            f.limits = try limits()
            return f
        }
        try expectLpar(.data)
        var bytes: [UInt8] = []
        while tok.kind == .string { bytes += try string() }
        try expect(.rpar)
        f.inlineData = bytes
        return f
    }

    private mutating func globalType() throws(TextError) -> (Bool, RawValType) {
        if try isLpar(.mut) {
            try advance()
            try advance()
            let t = try valType()
            try expect(.rpar)
            return (true, t)
        }
        return (false, try valType())
    }

    private mutating func globalField() throws(TextError) -> RawGlobalField {
        let n = try optBindName()
        let exports = try inlineExports()
        let imp = try inlineImport()
        let (mutable, t) = try globalType()
        var f = RawGlobalField(name: n, exports: exports, import: imp, mutable: mutable, type: t)
        if imp == nil { f.initializer = try instrs(.list) }
        return f
    }

    private mutating func tagField() throws(TextError) -> RawTagField {
        let n = try optBindName()
        let exports = try inlineExports()
        let imp = try inlineImport()
        return RawTagField(name: n, exports: exports, import: imp, type: try typeUse(namedParams: true))
    }

    private mutating func importField() throws(TextError) -> RawImportField {
        let m = try name()
        let n = try name()
        guard tok.kind == .lpar else { throw unexpected() }
        let t = try peek()
        guard let k = t.fixed else { throw unexpected(t) }
        try advance()
        try advance()
        let desc: RawImportDesc
        switch k {
        case .func, .tag:
            let x = try optBindName()
            // Either `(type x)` alone or an inline signature, not both.
            let tu: RawTypeUse
            if try isLpar(.type) {
                let loc = tok.location
                try advance()
                try advance()
                let y = try idx()
                try expect(.rpar)
                tu = RawTypeUse(typeUse: y, type: RawFuncType(), location: loc)
            } else {
                tu = RawTypeUse(typeUse: nil, type: try funcTypeClauses(namedParams: true), location: tok.location)
            }
            desc = k == .func ? .func(x, tu) : .tag(x, tu)
        case .global:
            let x = try optBindName()
            let (mutable, vt) = try globalType()
            desc = .global(x, mutable: mutable, vt)
        case .memory:
            let x = try optBindName()
            let at = try addrType()
            desc = .memory(x, at, try limits())
        case .table:
            let x = try optBindName()
            let at = try addrType()
            let lim = try limits()
            desc = .table(x, at, lim, try refType())
        default:
            throw unexpected()
        }
        try expect(.rpar)
        return RawImportField(module: m, name: n, desc: desc)
    }

    /// `(offset instr*)` or a single folded instruction.
    private mutating func offsetExpr() throws(TextError) -> RawBody { try wrappedExpr(.offset) }

    /// `(item instr*)` or a single folded instruction.
    private mutating func elemExpr() throws(TextError) -> RawBody { try wrappedExpr(.item) }

    /// `(keyword instr*)`, or the abbreviation: a single folded instruction.
    private mutating func wrappedExpr(_ keyword: FixedKeyword) throws(TextError) -> RawBody {
        if try isLpar(keyword) {
            try advance()
            try advance()
            let b = try instrs(.list)
            try expect(.rpar)
            return b
        }
        return try instrs(.single)
    }

    /// `func x*` or `reftype elemexpr*`.
    private mutating func elemList() throws(TextError) -> (RawElemType, RawElemItems) {
        if isKeyword(.func) {
            try advance()
            var xs: [RawIdx] = []
            while atIdx { xs.append(try idx()) }
            return (.funcKind, .funcs(xs))
        }
        let rt = try refType()
        var items: [RawBody] = []
        while tok.kind != .rpar { items.append(try elemExpr()) }
        return (.ref(rt), .exprs(items))
    }

    private mutating func elemField() throws(TextError) -> RawElemField {
        let n = try optBindName()
        if isKeyword(.declare) {
            try advance()
            let (t, items) = try elemList()
            return RawElemField(name: n, mode: .declarative, type: t, items: items)
        }
        if try isLpar(.table) {
            try advance()
            try advance()
            let x = try idx()
            try expect(.rpar)
            let off = try offsetExpr()
            let (t, items) = try elemList()
            return RawElemField(name: n, mode: .active(table: x, offset: off), type: t, items: items)
        }
        if tok.kind == .lpar, try !atRefType() {
            let off = try offsetExpr()
            var listFollows = isKeyword(.func)
            if !listFollows { listFollows = try atRefType() }
            if listFollows {
                let (t, items) = try elemList()
                return RawElemField(name: n, mode: .active(table: nil, offset: off), type: t, items: items)
            }
            var xs: [RawIdx] = []
            while atIdx { xs.append(try idx()) }
            return RawElemField(name: n, mode: .active(table: nil, offset: off), type: .funcKind, items: .funcs(xs))
        }
        let (t, items) = try elemList()
        return RawElemField(name: n, mode: .passive, type: t, items: items)
    }

    private mutating func dataField() throws(TextError) -> RawDataField {
        let n = try optBindName()
        var mode = RawDataMode.passive
        if try isLpar(.memory) {
            try advance()
            try advance()
            let x = try idx()
            try expect(.rpar)
            mode = .active(memory: x, offset: try offsetExpr())
        } else if tok.kind == .lpar {
            mode = .active(memory: nil, offset: try offsetExpr())
        }
        var bytes: [UInt8] = []
        while tok.kind == .string { bytes += try string() }
        return RawDataField(name: n, mode: mode, bytes: bytes)
    }
}
