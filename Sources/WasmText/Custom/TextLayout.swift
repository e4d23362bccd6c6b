// Where the parts of a parsed text module are: the regions the reference's syntax tree
// carries and its custom-section handlers compare annotations with (is an annotation
// inside a field? before a function's type use? before which instruction?).

/// Positions of a text module's fields, functions, tags, types and instructions.
struct TextModuleLayout: Sendable {
    /// From a field's opening parenthesis to just after its closing one.
    struct Extent: Sendable {
        var left: SourcePosition
        var right: SourcePosition

        func contains(_ r: SourceRegion) -> Bool { r.left >= left && r.right <= right }
    }

    /// A defined function: its field, where its type use is (the field's start when it
    /// has no `(type x)`, as the reference's implicit type use is), and where each
    /// instruction of its flat body starts (nil for `else` and `end`).
    struct Function: Sendable {
        var extent: Extent
        var typeUse: SourcePosition
        var body: [SourcePosition?]
    }

    var module: Extent
    var fields: [Extent] = []
    /// One per type group, explicit ones first; an implicit type takes the extent of
    /// the field it was added for.
    var types: [Extent] = []
    var funcs: [Function] = []
    var tags: [Extent] = []
}

extension SourceLocation {
    /// The reference's position: the same line, the column counted from 0.
    var position: SourcePosition { SourcePosition(line: line, column: column - 1) }
}

extension TextModuleLayout {
    /// The layout of a raw module after resolution, spanning `module`.
    init(_ raw: RawModule, implicitTypes: [SourceLocation], module: Extent) {
        self.module = module
        var fieldExtents: [Extent] = []
        for f in raw.fields {
            let e = Extent(left: f.location.position, right: f.end.position)
            fieldExtents.append(e)
            switch f.kind {
            case .types:
                types.append(e)
            case .func(let fn) where fn.import == nil:
                var body: [SourcePosition?] = []
                if let b = fn.body {
                    for k in raw.arena.emit[b.emitStart..<b.emitEnd] {
                        body.append(k >= 0 ? raw.arena.locations[Int(k)].position : nil)
                    }
                }
                let use = fn.type.typeUse?.location.position ?? e.left
                funcs.append(Function(extent: e, typeUse: use, body: body))
            case .tag(let t) where t.import == nil:
                tags.append(e)
            default:
                break
            }
        }
        fields = fieldExtents
        for loc in implicitTypes {
            let p = loc.position
            let owner = fieldExtents.first { $0.left <= p && p <= $0.right }
            types.append(owner ?? Extent(left: p, right: p))
        }
    }

    /// The instructions of function `k` in pre-order (`else` and `end` left out) with
    /// where they start, sorted by where they start (`flatten_instr_locs`): a folded
    /// instruction starts before its operands.
    func instructionStarts(_ k: Int) -> [(index: Int, start: SourcePosition)] {
        guard k < funcs.count else { return [] }
        var flat: [(index: Int, start: SourcePosition)] = []
        var i = 0
        for p in funcs[k].body {
            guard let p else { continue }
            flat.append((i, p))
            i += 1
        }
        // Stable, like the reference's merge sort on a comparator that never says equal.
        return flat.enumerated().sorted { a, b in
            a.element.start != b.element.start ? a.element.start < b.element.start : a.offset < b.offset
        }.map(\.element)
    }
}
