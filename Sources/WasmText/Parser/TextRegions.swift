// Where the parts of a text module are written: the regions the reference's syntax tree
// carries, for positioning errors found after parsing (validation, linking) as the
// reference positions them. Found by parsing the module's text again, recording every
// instruction's extent, only when an error needs them.

/// The extents of a text module's fields and instructions, by index.
public struct TextRegions: Sendable {
    /// From where something starts to just after where it ends.
    public struct Span: Hashable, Sendable {
        public var start: SourceLocation
        public var end: SourceLocation
    }

    public var module: Span
    /// One per type index: the field that defines it (an implicit type, the field that
    /// needed it).
    public var types: [Span] = []
    public var imports: [Span] = []
    /// The defined functions' fields.
    public var funcs: [Span] = []
    /// For each defined function, each instruction of its flat body (`else` and `end`
    /// as the construct they belong to).
    public var bodies: [[Span]] = []
    public var tables: [Span] = []
    /// The defined tables' and globals' initialisers, when written.
    public var tableInits: [Span?] = []
    public var memories: [Span] = []
    public var globals: [Span] = []
    public var globalInits: [Span?] = []
    public var tags: [Span] = []
    public var exports: [Span] = []
    public var start: Span?
    public var elems: [Span] = []
    public var datas: [Span] = []

    /// The regions of the module written in `text` (`(module ...)` or bare fields), whose
    /// first byte is at `line` and `column` of its source; nil if it does not parse.
    public static func of(text: [UInt8], line: Int = 1, column: Int = 1) -> TextRegions? {
        guard var p = try? Parser(text, line: line, column: column) else { return nil }
        p.recordSpans = true
        let start = p.tok.location
        do {
            let wrapped = try p.tok.kind == .lpar && p.peek().isFixed(.module)
            if wrapped {
                try p.advance()
                try p.advance()
                _ = try p.optBindName()
            }
            let raw = try p.moduleFields()
            if wrapped { try p.expect(.rpar) }
            var r = Resolver(arena: raw.arena)
            _ = try r.resolve(raw)
            return TextRegions(raw, implicitTypes: r.implicitTypeLocations, module: Span(start: start, end: p.lastEndLocation))
        } catch {
            return nil
        }
    }

    init(_ raw: RawModule, implicitTypes: [SourceLocation], module: Span) {
        self.module = module
        let arena = raw.arena
        func expr(_ b: RawBody?) -> Span? {
            guard let b else { return nil }
            let raws = arena.emit[b.emitStart..<b.emitEnd].filter { $0 >= 0 }.map(Int.init)
            guard let first = raws.min(by: { arena.spanStarts[$0] < arena.spanStarts[$1] }),
                let last = raws.max(by: { arena.spanEnds[$0] < arena.spanEnds[$1] })
            else { return nil }
            return Span(start: arena.spanStarts[first], end: arena.spanEnds[last])
        }
        func body(_ b: RawBody?) -> [Span] {
            guard let b else { return [] }
            var out: [Span] = []
            var open: [Int] = []
            for e in arena.emit[b.emitStart..<b.emitEnd] {
                if e >= 0 {
                    let i = Int(e)
                    out.append(Span(start: arena.spanStarts[i], end: arena.spanEnds[i]))
                    if case .block = arena.raws[i] { open.append(i) }
                } else {
                    // `else` and `end` stand for their construct.
                    let i = open.last ?? 0
                    out.append(Span(start: arena.spanStarts[i], end: arena.spanEnds[i]))
                    if e == InstrArena.endMark { _ = open.popLast() }
                }
            }
            return out
        }
        var fields: [Span] = []
        for f in raw.fields {
            let span = Span(start: f.location, end: f.end)
            fields.append(span)
            switch f.kind {
            case .types(let defs, _):
                types += Array(repeating: span, count: defs.count)
            case .func(let x):
                if x.import != nil {
                    imports.append(span)
                } else {
                    funcs.append(span)
                    bodies.append(body(x.body))
                }
                exports += Array(repeating: span, count: x.exports.count)
            case .table(let x):
                if x.import != nil {
                    imports.append(span)
                } else {
                    tables.append(span)
                    tableInits.append(expr(x.initializer))
                    if x.inlineElems != nil { elems.append(span) }
                }
                exports += Array(repeating: span, count: x.exports.count)
            case .memory(let x):
                if x.import != nil {
                    imports.append(span)
                } else {
                    memories.append(span)
                    if x.inlineData != nil { datas.append(span) }
                }
                exports += Array(repeating: span, count: x.exports.count)
            case .global(let x):
                if x.import != nil {
                    imports.append(span)
                } else {
                    globals.append(span)
                    globalInits.append(expr(x.initializer))
                }
                exports += Array(repeating: span, count: x.exports.count)
            case .tag(let x):
                if x.import != nil { imports.append(span) } else { tags.append(span) }
                exports += Array(repeating: span, count: x.exports.count)
            case .import:
                imports.append(span)
            case .export:
                exports.append(span)
            case .start:
                start = span
            case .elem:
                elems.append(span)
            case .data:
                datas.append(span)
            }
        }
        for loc in implicitTypes {
            types.append(fields.first { $0.start <= loc && loc <= $0.end } ?? Span(start: loc, end: loc))
        }
    }
}
