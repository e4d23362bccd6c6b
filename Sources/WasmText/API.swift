// The public entry points of the text format: scripts and modules.

@_exported import WasmBinary

/// Parses a `.wast` script (the reference grammar's `script`): a sequence of commands,
/// or the fields of a single module.
///
/// Text modules (`(module ...)`) are parsed and desugared into ``Module`` values here,
/// as the reference does; `(module binary ...)` and `(module quote ...)` keep their
/// bytes. Identifiers of modules, instances and scripts are kept without their `$`
/// (`$M` and `$"M"` are both `"M"`), as the reference's runner names them.
public func parseScript(_ source: [UInt8]) throws(TextError) -> Script {
    try parseScript(source, file: "", customs: CustomConfig())
}

/// Parses a script whose text modules' annotations are read by the custom-section
/// handlers `customs` registers (errors of those handlers are positioned in `file`).
public func parseScript(_ source: [UInt8], file: String, customs: CustomConfig) throws(TextError) -> Script {
    var p = try Parser(source)
    p.fileName = file
    p.customConfig = customs
    let s = try p.script()
    try p.checkAnnotations()
    return s
}

/// The first command of text typed so far at an interactive prompt.
public enum FirstCommand: Sendable {
    /// A command, and the byte offset just after it.
    case command(ScriptCommand, end: Int)
    /// The text ends inside a command: more input is needed.
    case incomplete
    /// Nothing but white space and comments.
    case empty
}

/// Parses one command from the start of `source` (the reference's `script1`), without
/// looking at what follows it; see ``FirstCommand``. `source` starts at `line` and
/// `column` of the whole input, for the positions in commands and errors.
public func parseFirstCommand(
    _ source: [UInt8], line: Int = 1, column: Int = 1, file: String, customs: CustomConfig
) throws(TextError) -> FirstCommand {
    var p: Parser
    do {
        p = try Parser(source, line: line, column: column)
    } catch {
        if error.message.hasPrefix("unclosed comment") || error.message.hasPrefix("unclosed annotation") {
            return .incomplete
        }
        throw error
    }
    p.fileName = file
    p.customConfig = customs
    p.deferLexErrors = true
    if p.tok.kind == .eof {
        if let e = p.deferredLexError { throw e }
        try p.checkAnnotations()
        return .empty
    }
    let end = p.lexer.src.count
    do {
        let c = try p.command()
        try p.checkAnnotations()
        return .command(c, end: p.lastEnd)
    } catch {
        if let e = p.deferredLexError {
            if e.message.hasPrefix("unclosed comment") || e.message.hasPrefix("unclosed annotation") {
                return .incomplete
            }
            throw e
        }
        if error.message == "unexpected token" && p.tok.kind == .eof && p.tok.start >= end { return .incomplete }
        throw error
    }
}

extension Module {
    /// Parses a text module: `(module $id? field*)` or just the fields, like the
    /// reference's `module1` (used for `.wat` files and for `(module quote ...)`).
    public init(text source: [UInt8]) throws(TextError) {
        self = try Module.parse(text: source, file: "", customs: CustomConfig()).module
    }

    /// Parses a text module as ``init(text:)`` does, with the custom sections its
    /// annotations define for the handlers `customs` registers, and its name if it has
    /// one (`(module $id ...)`).
    public static func parse(
        text source: [UInt8], file: String, customs: CustomConfig
    ) throws(TextError) -> (module: Module, customs: [CustomFormat], id: String?) {
        var p = try Parser(source)
        p.fileName = file
        p.customConfig = customs
        let m: Module
        let sections: [CustomFormat]
        var id: String? = nil
        if p.tok.kind == .lpar, try p.peek().isFixed(.module) {
            let start = p.tok.start
            let loc = p.tok.location
            try p.advance()
            try p.advance()
            id = try p.optBindName()?.text
            let raw = try p.moduleFields()
            guard p.tok.kind == .rpar else { throw p.unexpected() }
            let end = p.tok.end
            try p.advance()
            let endLocation = p.lastEndLocation
            var r = Resolver(arena: raw.arena)
            m = try r.resolve(raw)
            guard p.tok.kind == .eof else { throw p.unexpected() }
            let claimed = p.claimAnnotations(from: start, to: end)
            sections = try p.customSections(m, raw: raw, resolver: r, claimed: claimed, start: loc, end: endLocation)
        } else {
            let raw = try p.moduleFields()
            guard p.tok.kind == .eof else { throw p.unexpected() }
            var r = Resolver(arena: raw.arena)
            m = try r.resolve(raw)
            let claimed = p.claimAnnotations(from: 0, to: p.source.count)
            sections = try p.customSections(
                m, raw: raw, resolver: r, claimed: claimed, start: SourceLocation(line: 0, column: 1),
                end: SourceLocation(line: Int.max, column: Int.max))
        }
        try p.checkAnnotations()
        return (m, sections, id)
    }
}
