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
    var p = try Parser(source)
    let s = try p.script()
    try p.checkAnnotations()
    return s
}

extension Module {
    /// Parses a text module: `(module $id? field*)` or just the fields, like the
    /// reference's `module1` (used for `.wat` files and for `(module quote ...)`).
    public init(text source: [UInt8]) throws(TextError) {
        var p = try Parser(source)
        if p.tok.kind == .lpar, try p.peek().isFixed(.module) {
            let start = p.tok.start
            try p.advance()
            try p.advance()
            _ = try p.optBindName()
            let raw = try p.moduleFields()
            guard p.tok.kind == .rpar else { throw p.unexpected() }
            let end = p.tok.end
            try p.advance()
            var r = Resolver(arena: raw.arena)
            self = try r.resolve(raw)
            guard p.tok.kind == .eof else { throw p.unexpected() }
            p.claimAnnotations(from: start, to: end)
        } else {
            let raw = try p.moduleFields()
            guard p.tok.kind == .eof else { throw p.unexpected() }
            var r = Resolver(arena: raw.arena)
            self = try r.resolve(raw)
            p.claimAnnotations(from: 0, to: p.source.count)
        }
        try p.checkAnnotations()
    }
}
