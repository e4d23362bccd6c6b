// Scripts (the reference interpreter's `.wast` language, interpreter/README.md): the
// commands of parser.mly's `script`, with their values and result patterns.

import WasmBinary

extension Parser {
    /// `cmd* EOF`, or a bare module's fields.
    mutating func script() throws(TextError) -> Script {
        if tok.kind == .lpar, Parser.isFieldKeyword(try peek().fixed) {
            let loc = tok.location
            let raw = try moduleFields()
            var r = Resolver(arena: raw.arena)
            let m = try r.resolve(raw)
            guard tok.kind == .eof else { throw unexpected() }
            let end = lastEndLocation
            let claimed = claimAnnotations(from: 0, to: source.count)
            // A module written as bare fields is defined, not instantiated.
            var sm = ScriptModule(id: nil, isDefinition: true, source: .text(m), location: loc)
            sm.end = end
            sm.sourceRange = 0..<source.count
            sm.customs = try customSections(
                m, raw: raw, resolver: r, claimed: claimed, start: SourceLocation(line: 0, column: 1),
                end: SourceLocation(line: Int.max, column: Int.max))
            return [ScriptCommand(.module(sm), at: loc, end: end)]
        }
        var cmds: Script = []
        while tok.kind != .eof { cmds.append(try command()) }
        return cmds
    }

    /// Module fields resolved into a module.
    mutating func textModule(start: Int) throws(TextError) -> Module {
        let raw = try moduleFields()
        var r = Resolver(arena: raw.arena)
        return try r.resolve(raw)
    }

    /// Marks the annotations within `[start, end)` as belonging to a text module and
    /// returns them, in source order.
    @discardableResult
    mutating func claimAnnotations(from start: Int, to end: Int) -> [Annotation] {
        // Annotations are recorded in source order, so those of the module just parsed
        // are at the end, possibly followed by one the lookahead skipped.
        var k = lexer.annotations.count
        while k > 0 && lexer.annotations[k - 1].start >= start { k -= 1 }
        guard k < lexer.annotations.count else { return [] }
        let tail = lexer.annotations[k...].filter { $0.end > end }
        let claimed = lexer.annotations[k...].filter { $0.end <= end }
        lexer.annotations.removeSubrange(k...)
        lexer.annotations += tail
        return Array(claimed)
    }

    /// The custom sections of a text module just parsed and resolved, read from the
    /// annotations it claimed by the registered handlers; none when no handler is
    /// registered. `start` and `end` are the module's extent (the whole source for a
    /// module written without `(module ...)`).
    func customSections(
        _ m: Module, raw: RawModule, resolver: Resolver, claimed: [Annotation],
        start: SourceLocation, end: SourceLocation
    ) throws(TextError) -> [CustomFormat] {
        guard customConfig.isActive, !claimed.isEmpty else { return [] }
        let layout = TextModuleLayout(
            raw, implicitTypes: resolver.implicitTypeLocations,
            module: .init(left: start.position, right: end.position))
        let reader = CustomAnnotations(
            module: m, layout: layout, lines: LineIndex(source), file: fileName, config: customConfig)
        do {
            return try reader.parse(claimed.map { lexer.items(of: $0) })
        } catch {
            throw TextError(custom: error)
        }
    }

    /// Where each import of a module is written: its field, in field order (the order
    /// of the module's imports).
    static func importSpans(_ raw: RawModule) -> [(start: SourceLocation, end: SourceLocation)] {
        var spans: [(start: SourceLocation, end: SourceLocation)] = []
        for f in raw.fields {
            let isImport: Bool
            switch f.kind {
            case .import: isImport = true
            case .func(let x): isImport = x.import != nil
            case .table(let x): isImport = x.import != nil
            case .memory(let x): isImport = x.import != nil
            case .global(let x): isImport = x.import != nil
            case .tag(let x): isImport = x.import != nil
            default: isImport = false
            }
            if isImport { spans.append((f.location, f.end)) }
        }
        return spans
    }

    /// The reference's "misplaced annotation": an annotation outside every text module.
    func checkAnnotations() throws(TextError) {
        guard let first = lexer.annotations.min(by: { a, b in a.name.lexicographicallyPrecedes(b.name) }) else {
            return
        }
        let candidates = lexer.annotations.filter { $0.name == first.name }
        let chosen = candidates.last ?? first
        throw TextError("misplaced annotation", at: chosen.location, isCustom: true)
    }

    /// An identifier after `module`, `invoke`, ... (checked while parsing).
    private mutating func optVar() throws(TextError) -> String? {
        try optBindName()?.text
    }

    private mutating func nested<T>(_ body: (inout Parser) throws(TextError) -> T) throws(TextError) -> T {
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maxDepth { throw TextError("nesting too deep", at: tok.location) }
        return try body(&self)
    }

    /// After `(module`: a module definition, not an instance.
    private mutating func scriptModule(at loc: SourceLocation, start: Int) throws(TextError) -> ScriptModule {
        var isDefinition = false
        if isKeyword(.definition) {
            isDefinition = true
            try advance()
        }
        let idStart = tok.location
        let id = try optVar()
        let idSpan = id == nil ? nil : (start: idStart, end: lastEndLocation)
        let source: ModuleSource
        var customs: [CustomFormat] = []
        var spans: [(start: SourceLocation, end: SourceLocation)] = []
        var range: Range<Int>? = nil
        let bodyLocation = tok.location
        if isKeyword(.binary) || isKeyword(.quote) {
            let binary = isKeyword(.binary)
            try advance()
            var bytes: [UInt8] = []
            while tok.kind == .string { bytes += try string() }
            try expect(.rpar)
            source = binary ? .binary(bytes) : .quote(bytes)
        } else {
            let raw = try moduleFields()
            guard tok.kind == .rpar else { throw unexpected() }
            let end = tok.end
            try advance()
            var r = Resolver(arena: raw.arena)
            let m = try r.resolve(raw)
            let claimed = claimAnnotations(from: start, to: end)
            customs = try customSections(m, raw: raw, resolver: r, claimed: claimed, start: loc, end: lastEndLocation)
            spans = Parser.importSpans(raw)
            range = start..<end
            source = .text(m)
        }
        var sm = ScriptModule(id: id, isDefinition: isDefinition, source: source, location: loc)
        sm.importSpans = spans
        sm.end = lastEndLocation
        sm.bodyLocation = bodyLocation
        sm.customs = customs
        sm.idSpan = idSpan
        sm.sourceRange = range
        return sm
    }

    /// After `(module instance`.
    private mutating func instance() throws(TextError) -> (String?, String?) {
        let firstStart = tok.location
        let first = try optVar()
        if first != nil { instanceIdSpan = (firstStart, lastEndLocation) }
        let second = try optVar()
        try expect(.rpar)
        if let s = second { return (first, s) }
        return (nil, first)
    }

    /// `(module instance ...)` or a module (for `assert_unlinkable`, `assert_trap`).
    private mutating func scriptInstance() throws(TextError) -> InstanceSource {
        let loc = tok.location
        let start = tok.start
        try expectLpar(.module)
        if isKeyword(.instance) {
            try advance()
            let (i, m) = try instance()
            return .instance(instance: i, module: m)
        }
        let sm = try scriptModule(at: loc, start: start)
        if sm.isDefinition { throw TextError("misplaced module definition", at: loc) }
        return .module(sm)
    }

    private mutating func failure() throws(TextError) -> String {
        String(decoding: try string(), as: UTF8.self)
    }

    mutating func command() throws(TextError) -> ScriptCommand {
        instanceIdSpan = nil
        actionSpan = nil
        // A nested script is parsed apart from the other commands: it is the one that
        // recurses, and the frame of `commandBody`, large in a debug build, would
        // otherwise be on the stack once per level.
        let isScript = tok.kind == .lpar ? try peek().fixed == .script : false
        var c = isScript ? try scriptCommand() : try commandBody()
        c.end = lastEndLocation
        if case .instance = c.command { c.idSpan = instanceIdSpan }
        c.actionSpan = actionSpan
        return c
    }

    private mutating func commandBody() throws(TextError) -> ScriptCommand {
        let loc = tok.location
        let start = tok.start
        guard tok.kind == .lpar else { throw unexpected() }
        let t = try peek()
        guard let k = t.fixed else { throw unexpected(t) }
        switch k {
        case .module:
            try advance()
            try advance()
            if isKeyword(.instance) {
                try advance()
                let (i, m) = try instance()
                return ScriptCommand(.instance(instance: i, module: m), at: loc)
            }
            return ScriptCommand(.module(try scriptModule(at: loc, start: start)), at: loc)
        case .register:
            try advance()
            try advance()
            let n = try name()
            let i = try optVar()
            try expect(.rpar)
            return ScriptCommand(.register(name: n, instance: i), at: loc)
        case .invoke, .get:
            return ScriptCommand(.action(try action()), at: loc)
        case .assertMalformed, .assertInvalid, .assertMalformedCustom, .assertInvalidCustom:
            try advance()
            try advance()
            let mloc = tok.location
            let mstart = tok.start
            try expectLpar(.module)
            let sm = try scriptModule(at: mloc, start: mstart)
            let msg = try failure()
            try expect(.rpar)
            let a: Assertion
            switch k {
            case .assertMalformed: a = .malformed(sm, msg)
            case .assertInvalid: a = .invalid(sm, msg)
            case .assertMalformedCustom: a = .malformedCustom(sm, msg)
            default: a = .invalidCustom(sm, msg)
            }
            return ScriptCommand(.assertion(a), at: loc)
        case .assertUnlinkable:
            try advance()
            try advance()
            let inst = try scriptInstance()
            let msg = try failure()
            try expect(.rpar)
            return ScriptCommand(.assertion(.unlinkable(inst, msg)), at: loc)
        case .assertTrap:
            try advance()
            try advance()
            if try isLpar(.module) {
                let inst = try scriptInstance()
                let msg = try failure()
                try expect(.rpar)
                return ScriptCommand(.assertion(.uninstantiable(inst, msg)), at: loc)
            }
            let act = try action()
            let msg = try failure()
            try expect(.rpar)
            return ScriptCommand(.assertion(.trap(act, msg)), at: loc)
        case .assertExhaustion:
            try advance()
            try advance()
            let act = try action()
            let msg = try failure()
            try expect(.rpar)
            return ScriptCommand(.assertion(.exhaustion(act, msg)), at: loc)
        case .assertException:
            try advance()
            try advance()
            let act = try action()
            try expect(.rpar)
            return ScriptCommand(.assertion(.exception(act)), at: loc)
        case .assertReturn:
            try advance()
            try advance()
            let act = try action()
            var results: [ResultPattern] = []
            while tok.kind == .lpar { results.append(try result()) }
            try expect(.rpar)
            return ScriptCommand(.assertion(.returns(act, results)), at: loc)
        case .input:
            try advance()
            try advance()
            let id = try optVar()
            let file = try failure()
            try expect(.rpar)
            return ScriptCommand(.input(id: id, file: file), at: loc)
        case .output:
            try advance()
            try advance()
            let id = try optVar()
            var file: String? = nil
            if tok.kind == .string { file = try failure() }
            try expect(.rpar)
            return ScriptCommand(.output(id: id, file: file), at: loc)
        default:
            throw unexpected(t)
        }
    }

    /// `(script $id? command*)`.
    private mutating func scriptCommand() throws(TextError) -> ScriptCommand {
        let loc = tok.location
        try advance()
        try advance()
        let id = try optVar()
        let cmds = try nested { (p: inout Parser) throws(TextError) -> [ScriptCommand] in
            var cmds: [ScriptCommand] = []
            while p.tok.kind == .lpar { cmds.append(try p.command()) }
            return cmds
        }
        try expect(.rpar)
        return ScriptCommand(.script(id: id, cmds), at: loc)
    }

    /// `(invoke $i? "name" literal*)` or `(get $i? "name")`.
    private mutating func action() throws(TextError) -> Action {
        let start = tok.location
        let a = try actionBody()
        actionSpan = (start, lastEndLocation)
        return a
    }

    private mutating func actionBody() throws(TextError) -> Action {
        guard tok.kind == .lpar else { throw unexpected() }
        let t = try peek()
        if t.isFixed(.invoke) {
            try advance()
            try advance()
            let i = try optVar()
            let n = try name()
            var args: [ScriptValue] = []
            while tok.kind == .lpar { args.append(try literal()) }
            try expect(.rpar)
            return .invoke(instance: i, name: n, args: args)
        }
        if t.isFixed(.get) {
            try advance()
            try advance()
            let i = try optVar()
            let n = try name()
            try expect(.rpar)
            return .get(instance: i, name: n)
        }
        throw unexpected(t)
    }

    /// A heap type outside any module: indices must be numeric.
    private mutating func scriptHeapType() throws(TextError) -> HeapType {
        switch try heapType() {
        case .abstract(let h): return h
        case .idx(let x): return .index(try Space().lookup(x, category: "type"))
        }
    }

    /// A numeric token's text for `(t.const num)`.
    private mutating func numToken() throws(TextError) -> Token {
        guard tok.kind == .nat || tok.kind == .int || tok.kind == .float else { throw unexpected() }
        let t = tok
        try advance()
        return t
    }

    private func numValue(_ k: FixedKeyword, _ t: Token) throws(TextError) -> ScriptValue {
        guard let i = constInstr(k, text(t)) else { throw TextError("constant out of range", at: t.location) }
        switch i {
        case .i32Const(let v): return .i32(v)
        case .i64Const(let v): return .i64(v)
        case .f32Const(let v): return .f32(v)
        case .f64Const(let v): return .f64(v)
        default: throw TextError("constant out of range", at: t.location)
        }
    }

    private static func isConst(_ k: FixedKeyword?) -> Bool {
        k == .i32Const || k == .i64Const || k == .f32Const || k == .f64Const
    }

    private mutating func vecShapeToken() throws(TextError) -> VecShape {
        guard tok.kind == .keyword, let s = tok.fixed.flatMap(Parser.vecShape) else { throw unexpected() }
        try advance()
        return s
    }

    /// A value argument of `invoke`.
    private mutating func literal() throws(TextError) -> ScriptValue {
        let loc = tok.location
        try expect(.lpar)
        guard tok.kind == .keyword, let k = tok.fixed else { throw unexpected() }
        try advance()
        let v: ScriptValue
        if Parser.isConst(k) {
            v = try numValue(k, try numToken())
        } else if k == .v128Const {
            let shape = try vecShapeToken()
            var lanes: [Token] = []
            while tok.kind == .nat || tok.kind == .int || tok.kind == .float { lanes.append(try numToken()) }
            switch vecConst(shape, lanes) {
            case .success(let x): v = .v128(x)
            case .failure(let e): throw TextError(e.text, at: loc)
            }
        } else if k == .refHost || k == .refExtern {
            let n = UInt32(truncatingIfNeeded: try nat(width: 32))
            v = k == .refHost ? .refHost(n) : .refExtern(n)
        } else if k == .refNull {
            v = .refNull(try scriptHeapType())
        } else {
            throw unexpected()
        }
        try expect(.rpar)
        return v
    }

    /// A result pattern of `assert_return`.
    private mutating func result() throws(TextError) -> ResultPattern {
        let loc = tok.location
        try expect(.lpar)
        guard tok.kind == .keyword, let k = tok.fixed else { throw unexpected() }
        try advance()
        let r: ResultPattern
        switch k {
        case .i32Const, .i64Const, .f32Const, .f64Const:
            if tok.isFixed(.nanCanonical) || tok.isFixed(.nanArithmetic) {
                let nan: NaNPattern = tok.isFixed(.nanCanonical) ? .canonical : .arithmetic
                let nloc = tok.location
                try advance()
                switch k {
                case .f32Const: r = .num(.nan(.f32, nan))
                case .f64Const: r = .num(.nan(.f64, nan))
                default: throw TextError("NaN pattern with non-float type", at: nloc)
                }
            } else {
                switch try numValue(k, try numToken()) {
                case .i32(let v): r = .num(.i32(v))
                case .i64(let v): r = .num(.i64(v))
                case .f32(let v): r = .num(.f32(v))
                case .f64(let v): r = .num(.f64(v))
                default: throw unexpected()
                }
            }
        case .v128Const:
            let shape = try vecShapeToken()
            var lanes: [Token] = []
            while tok.kind == .nat || tok.kind == .int || tok.kind == .float || tok.isFixed(.nanCanonical)
                || tok.isFixed(.nanArithmetic)
            {
                lanes.append(tok)
                try advance()
            }
            guard lanes.count == shape.lanes else { throw TextError("wrong number of lane literals", at: loc) }
            var pats: [NumPattern] = []
            for t in lanes {
                pats.append(try lanePattern(shape, t))
            }
            r = .vec(shape, pats)
        case .refNull:
            if tok.kind == .rpar {
                r = .ref(.anyNull)
            } else {
                r = .ref(.null(try scriptHeapType()))
            }
        case .refHost, .refExtern:
            if k == .refExtern && tok.kind == .rpar {
                r = .ref(.type(.extern))
            } else {
                let n = UInt32(truncatingIfNeeded: try nat(width: 32))
                r = .ref(k == .refHost ? .host(n) : .extern(n))
            }
        case .ref: r = .ref(.type(.any))
        case .refEq: r = .ref(.type(.eq))
        case .refI31: r = .ref(.type(.i31))
        case .refStruct: r = .ref(.type(.struct))
        case .refArray: r = .ref(.type(.array))
        case .refFunc: r = .ref(.type(.func))
        case .refExn: r = .ref(.type(.exn))
        case .either:
            var alts: [ResultPattern] = []
            try nested { (p: inout Parser) throws(TextError) in
                alts.append(try p.result())
                while p.tok.kind == .lpar { alts.append(try p.result()) }
            }
            r = .either(alts)
        default:
            throw unexpected()
        }
        try expect(.rpar)
        return r
    }

    /// One lane of a vector pattern. Integer lanes hold the lane's bits, zero-extended.
    private func lanePattern(_ shape: VecShape, _ t: Token) throws(TextError) -> NumPattern {
        if t.kind == .keyword {
            let nan: NaNPattern = t.isFixed(.nanCanonical) ? .canonical : .arithmetic
            switch shape {
            case .f32x4: return .nan(.f32, nan)
            case .f64x2: return .nan(.f64, nan)
            default: throw TextError("invalid vector constant", at: t.location)
            }
        }
        let s = text(t)
        let out = TextError("constant out of range", at: t.location)
        switch shape {
        case .i8x16:
            guard let v = IntLiteral.parse(s, width: 8) else { throw out }
            return .i32(UInt32(v))
        case .i16x8:
            guard let v = IntLiteral.parse(s, width: 16) else { throw out }
            return .i32(UInt32(v))
        case .i32x4:
            guard let v = IntLiteral.parse(s, width: 32) else { throw out }
            return .i32(UInt32(truncatingIfNeeded: v))
        case .i64x2:
            guard let v = IntLiteral.parse(s, width: 64) else { throw out }
            return .i64(v)
        case .f32x4:
            guard let v = FloatLiteral.parse32(s) else { throw out }
            return .f32(v)
        case .f64x2:
            guard let v = FloatLiteral.parse64(s) else { throw out }
            return .f64(v)
        }
    }
}
