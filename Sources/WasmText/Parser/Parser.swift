// The parser's token handling and the grammar of types (§6.4). The grammar is the
// reference's (parser.mly), parsed by recursive descent for the shallow parts and with
// an explicit stack for instructions (InstrParser.swift).

import WasmBinary

struct Parser {
    var lexer: Lexer
    /// The current token.
    var tok: Token
    private var lookahead: Token?
    /// The instructions of the module being parsed.
    var arena = InstrArena()
    /// How deeply `script` commands and `either` results nest, bounded to keep the
    /// recursive descent off the native stack's limits.
    var depth = 0
    static let maxDepth = 200
    /// Where the token before the current one ended, for the ends of regions.
    var lastEndLocation = SourceLocation(line: 1, column: 1)
    /// The byte offset where the token before the current one ended.
    var lastEnd = 0
    /// When set, a lexical error in a token read ahead is kept here and the token taken
    /// as the end of input, so that a command followed by text that does not lex yet
    /// (interactive input arriving line by line) still parses.
    var deferLexErrors = false
    var deferredLexError: TextError?
    /// Whether instructions' extents are recorded (see `InstrArena.recordsSpans`).
    var recordSpans = false
    /// Where the last action parsed is.
    var actionSpan: (start: SourceLocation, end: SourceLocation)? = nil
    /// Where the identifier of the last `(module instance $id ...)` parsed is.
    var instanceIdSpan: (start: SourceLocation, end: SourceLocation)? = nil
    /// Which custom-section handlers read the annotations of text modules.
    var customConfig = CustomConfig()
    /// The name of the source, for the regions of custom-section errors.
    var fileName = ""

    init(_ source: [UInt8]) throws(TextError) {
        lexer = Lexer(source)
        tok = try lexer.next()
    }

    /// A parser of text that starts at `line` and `column` of a longer text.
    init(_ source: [UInt8], line: Int, column: Int) throws(TextError) {
        lexer = Lexer(source, line: line, column: column)
        tok = try lexer.next()
    }

    var source: [UInt8] { lexer.src }

    mutating func advance() throws(TextError) {
        lastEndLocation = SourceLocation(line: tok.location.line, column: tok.location.column + (tok.end - tok.start))
        lastEnd = tok.end
        if let t = lookahead {
            tok = t
            lookahead = nil
        } else {
            tok = try nextToken()
        }
    }

    /// The token after the current one.
    mutating func peek() throws(TextError) -> Token {
        if let t = lookahead { return t }
        let t = try nextToken()
        lookahead = t
        return t
    }

    private mutating func nextToken() throws(TextError) -> Token {
        do {
            return try lexer.next()
        } catch {
            guard deferLexErrors else { throw error }
            deferredLexError = deferredLexError ?? error
            let n = lexer.src.count
            return Token(kind: .eof, start: n, end: n, location: error.location)
        }
    }

    func unexpected() -> TextError {
        unexpected(tok)
    }

    /// "unexpected token", over the token's extent as the reference reports it.
    func unexpected(_ t: Token) -> TextError {
        TextError("unexpected token", at: t.location,
                  end: SourceLocation(line: t.location.line, column: t.location.column + (t.end - t.start)))
    }

    func isKeyword(_ k: FixedKeyword) -> Bool {
        tok.isFixed(k)
    }

    /// Whether the current token is `(` followed by keyword `k`.
    mutating func isLpar(_ k: FixedKeyword) throws(TextError) -> Bool {
        guard tok.kind == .lpar else { return false }
        return try peek().isFixed(k)
    }

    /// The keyword after a current `(`, if any.
    mutating func lparKeyword() throws(TextError) -> Keyword? {
        guard tok.kind == .lpar else { return nil }
        let t = try peek()
        return t.kind == .keyword ? t.keyword : nil
    }

    mutating func expect(_ kind: TokenKind) throws(TextError) {
        guard tok.kind == kind else { throw unexpected() }
        try advance()
    }

    mutating func expectKeyword(_ k: FixedKeyword) throws(TextError) {
        guard tok.isFixed(k) else { throw unexpected() }
        try advance()
    }

    /// Consumes `(` and keyword `k`.
    mutating func expectLpar(_ k: FixedKeyword) throws(TextError) {
        try expect(.lpar)
        try expectKeyword(k)
    }

    // MARK: Literals

    func text(_ t: Token) -> ArraySlice<UInt8> {
        source[t.start..<t.end]
    }

    /// A `nat` converted at parse time, as the reference's `nat32`/`nat64` rules do.
    mutating func nat(width: Int) throws(TextError) -> UInt64 {
        guard tok.kind == .nat else { throw unexpected() }
        guard let v = IntLiteral.parseUnsigned(text(tok), width: width) else {
            throw TextError("i\(width) constant out of range", at: tok.location)
        }
        try advance()
        return v
    }

    /// A string token's bytes.
    mutating func string() throws(TextError) -> [UInt8] {
        guard tok.kind == .string else { throw unexpected() }
        let b = tok.bytes
        try advance()
        return b
    }

    /// A name: a string that must be well-formed UTF-8 (§6.3.4).
    mutating func name() throws(TextError) -> String {
        guard tok.kind == .string else { throw unexpected() }
        let b = tok.bytes
        guard UTF8Check.isValid(b) else {
            throw TextError("malformed UTF-8 encoding", at: tok.location)
        }
        try advance()
        return String(decoding: b, as: UTF8.self)
    }

    /// The current identifier token as a name, not yet checked.
    func rawName(_ t: Token) -> RawName {
        RawName(text: String(decoding: t.bytes, as: UTF8.self), valid: UTF8Check.isValid(t.bytes), location: t.location)
    }

    /// An identifier that binds (`bindidx`): checked for UTF-8 while parsing.
    mutating func bindName() throws(TextError) -> RawName {
        guard tok.kind == .id else { throw unexpected() }
        let n = rawName(tok)
        guard n.valid else { throw TextError("malformed UTF-8 encoding", at: tok.location) }
        try advance()
        return n
    }

    /// An optional binding identifier.
    mutating func optBindName() throws(TextError) -> RawName? {
        tok.kind == .id ? try bindName() : nil
    }

    /// An index: a `nat` (converted when resolved) or an identifier.
    mutating func idx() throws(TextError) -> RawIdx {
        switch tok.kind {
        case .nat:
            let v = IntLiteral.parseUnsigned(text(tok), width: 32).map { UInt32(truncatingIfNeeded: $0) }
            let r = RawIdx.num(v, tok.location)
            try advance()
            return r
        case .id:
            let r = RawIdx.name(rawName(tok))
            try advance()
            return r
        default:
            throw unexpected()
        }
    }

    var atIdx: Bool { tok.kind == .nat || tok.kind == .id }

    mutating func optIdx() throws(TextError) -> RawIdx? {
        atIdx ? try idx() : nil
    }

    // MARK: Types (§6.4)

    static func abstractHeapType(_ k: FixedKeyword) -> HeapType? {
        switch k {
        case .any: .any
        case .none: HeapType.none
        case .eq: .eq
        case .i31: .i31
        case .struct: .struct
        case .array: .array
        case .func: .func
        case .nofunc: .nofunc
        case .exn: .exn
        case .noexn: .noexn
        case .extern: .extern
        case .noextern: .noextern
        default: nil
        }
    }

    static func refTypeAbbreviation(_ k: FixedKeyword) -> RefType? {
        switch k {
        case .anyref: .anyref
        case .nullref: .nullref
        case .eqref: .eqref
        case .i31ref: .i31ref
        case .structref: .structref
        case .arrayref: .arrayref
        case .funcref: .funcref
        case .nullfuncref: .nullfuncref
        case .exnref: .exnref
        case .nullexnref: .nullexnref
        case .externref: .externref
        case .nullexternref: .nullexternref
        default: nil
        }
    }

    static func numOrVecType(_ k: FixedKeyword) -> ValType? {
        switch k {
        case .i32: .i32
        case .i64: .i64
        case .f32: .f32
        case .f64: .f64
        case .v128: .v128
        default: nil
        }
    }

    mutating func heapType() throws(TextError) -> RawHeapType {
        if tok.kind == .keyword, let k = tok.fixed, let ht = Parser.abstractHeapType(k) {
            try advance()
            return .abstract(ht)
        }
        if atIdx { return .idx(try idx()) }
        throw unexpected()
    }

    /// Whether a reference type starts here.
    mutating func atRefType() throws(TextError) -> Bool {
        if tok.kind == .keyword, let k = tok.fixed, Parser.refTypeAbbreviation(k) != nil { return true }
        return try isLpar(.ref)
    }

    mutating func refType() throws(TextError) -> RawRefType {
        if tok.kind == .keyword, let k = tok.fixed, let rt = Parser.refTypeAbbreviation(k) {
            try advance()
            return RawRefType(nullable: rt.nullable, heap: .abstract(rt.heapType))
        }
        guard try isLpar(.ref) else { throw unexpected() }
        try advance()
        try advance()
        var nullable = false
        if isKeyword(.null) {
            nullable = true
            try advance()
        }
        let ht = try heapType()
        try expect(.rpar)
        return RawRefType(nullable: nullable, heap: ht)
    }

    mutating func atValType() throws(TextError) -> Bool {
        if tok.kind == .keyword, let k = tok.fixed, Parser.numOrVecType(k) != nil { return true }
        return try atRefType()
    }

    mutating func valType() throws(TextError) -> RawValType {
        if tok.kind == .keyword, let k = tok.fixed, let t = Parser.numOrVecType(k) {
            try advance()
            return .plain(t)
        }
        return .ref(try refType())
    }

    /// `valtype*` up to the closing parenthesis.
    mutating func valTypes() throws(TextError) -> [RawValType] {
        var ts: [RawValType] = []
        while tok.kind != .rpar { ts.append(try valType()) }
        return ts
    }

    /// `(param ...)* (result ...)*`. Named parameters `(param $x t)` are allowed where
    /// the reference allows them (functions, tags, imports, type definitions), not in
    /// block types and `call_indirect`.
    mutating func funcTypeClauses(namedParams: Bool) throws(TextError) -> RawFuncType {
        var ft = RawFuncType()
        while try isLpar(.param) {
            let loc = tok.location
            try advance()
            try advance()
            if namedParams && tok.kind == .id {
                let n = try bindName()
                let t = try valType()
                ft.params.append(RawLocalGroup(name: n, types: [t], location: loc))
            } else {
                ft.params.append(RawLocalGroup(name: nil, types: try valTypes(), location: loc))
            }
            try expect(.rpar)
        }
        while try isLpar(.result) {
            try advance()
            try advance()
            ft.results += try valTypes()
            try expect(.rpar)
        }
        return ft
    }

    /// `(type x)?` followed by the inline signature.
    mutating func typeUse(namedParams: Bool) throws(TextError) -> RawTypeUse {
        let loc = tok.location
        var x: RawIdx? = nil
        if try isLpar(.type) {
            try advance()
            try advance()
            x = try idx()
            try expect(.rpar)
        }
        return RawTypeUse(typeUse: x, type: try funcTypeClauses(namedParams: namedParams), location: loc)
    }

    mutating func storageType() throws(TextError) -> RawStorageType {
        if isKeyword(.i8) {
            try advance()
            return .packed(.i8)
        }
        if isKeyword(.i16) {
            try advance()
            return .packed(.i16)
        }
        return .val(try valType())
    }

    mutating func fieldType() throws(TextError) -> RawFieldType {
        if try isLpar(.mut) {
            try advance()
            try advance()
            let st = try storageType()
            try expect(.rpar)
            return RawFieldType(mutable: true, storage: st)
        }
        return RawFieldType(mutable: false, storage: try storageType())
    }

    /// `(struct ...)`, `(array ...)` or `(func ...)`.
    mutating func compType() throws(TextError) -> RawCompType {
        guard tok.kind == .lpar else { throw unexpected() }
        let t = try peek()
        switch t.fixed {
        case .struct?:
            try advance()
            try advance()
            var fields: [RawField] = []
            while try isLpar(.field) {
                let loc = tok.location
                try advance()
                try advance()
                if tok.kind == .id {
                    let n = try bindName()
                    fields.append(RawField(name: n, types: [try fieldType()], location: loc))
                } else {
                    var fts: [RawFieldType] = []
                    while tok.kind != .rpar { fts.append(try fieldType()) }
                    fields.append(RawField(name: nil, types: fts, location: loc))
                }
                try expect(.rpar)
            }
            try expect(.rpar)
            return .struct(fields)
        case .array?:
            try advance()
            try advance()
            let ft = try fieldType()
            try expect(.rpar)
            return .array(ft)
        case .func?:
            try advance()
            try advance()
            let ft = try funcTypeClauses(namedParams: true)
            try expect(.rpar)
            return .func(ft)
        default:
            throw unexpected(t)
        }
    }

    mutating func subType() throws(TextError) -> RawSubType {
        if try isLpar(.sub) {
            try advance()
            try advance()
            var isFinal = false
            if isKeyword(.final) {
                isFinal = true
                try advance()
            }
            var supers: [RawIdx] = []
            while atIdx { supers.append(try idx()) }
            let ct = try compType()
            try expect(.rpar)
            return RawSubType(isFinal: isFinal, supertypes: supers, comp: ct)
        }
        return RawSubType(isFinal: true, supertypes: [], comp: try compType())
    }

    /// An address type, `i32` when omitted; `f32`/`f64` are "malformed address type".
    mutating func addrType() throws(TextError) -> AddrType {
        guard tok.kind == .keyword, let k = tok.fixed else { return .i32 }
        switch k {
        case .i32:
            try advance()
            return .i32
        case .i64:
            try advance()
            return .i64
        case .f32, .f64:
            throw TextError("malformed address type", at: tok.location)
        default:
            return .i32
        }
    }

    mutating func limits() throws(TextError) -> Limits {
        let min = try nat(width: 64)
        var max: UInt64? = nil
        if tok.kind == .nat { max = try nat(width: 64) }
        return Limits(min: min, max: max)
    }
}
