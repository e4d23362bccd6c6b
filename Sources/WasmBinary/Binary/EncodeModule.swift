// Encoding of modules (§5.5), making the reference encoder's choices: empty sections are
// left out, a table whose initialiser is the default `ref.null` takes the short form,
// element segments take the most compact of their eight forms, and a data count
// section is written when some instruction names a data segment.
//
// Custom sections go back to their recorded places. A place after a section that would
// be empty is honoured by writing that section empty, so that decoding the result
// gives every custom section the place it had: `Module(binary: m.encode()) == m` for
// every decoded module `m`.

extension CustomSection.Place {
    /// Places in file order: before a section, then after it, section by section.
    var order: Int {
        switch self {
        case .before(let kind): 2 * Int(kind.rawValue)
        case .after(let kind): 2 * Int(kind.rawValue) + 1
        }
    }
}

extension Module {
    /// Encodes the module in the binary format (§5.5). Deterministic and total.
    public func encode() -> [UInt8] {
        var w = BinaryWriter()
        w.encodeModule(self)
        return w.bytes
    }

    /// Whether some instruction anywhere in the module names a data segment.
    var usesDataIndices: Bool {
        func uses(_ e: Expr) -> Bool { e.contains { $0.usesDataIndex } }
        if funcs.contains(where: { uses($0.body) }) { return true }
        if globals.contains(where: { uses($0.initializer) }) { return true }
        if tables.contains(where: { uses($0.initializer) }) { return true }
        for seg in elems {
            if seg.inits.contains(where: uses) { return true }
            if case .active(_, let offset) = seg.mode, uses(offset) { return true }
        }
        for seg in datas {
            if case .active(_, let offset) = seg.mode, uses(offset) { return true }
        }
        return false
    }
}

extension BinaryWriter {
    /// Encodes `m`. With `inOrder`, the custom sections are those given, in the given
    /// order, placed as the reference's encoder places them (`encode_with_custom`):
    /// before each section, those at the front of the list whose place comes no later,
    /// and no empty section is written for a place; otherwise `m.customs`, sorted by
    /// place, with empty sections written where a place needs one.
    mutating func encodeModule(_ m: Module, inOrder: [CustomSection]? = nil) {
        word32(binaryMagic)
        word32(binaryVersion)

        // Custom sections in place order; equal places keep their relative order.
        let customs = inOrder ?? m.customs.enumerated()
            .sorted { a, b in
                (a.element.place.order, a.offset) < (b.element.place.order, b.offset)
            }
            .map(\.element)
        var nextCustom = 0
        func emitCustoms(upTo place: CustomSection.Place?, _ w: inout BinaryWriter) {
            while nextCustom < customs.count {
                let c = customs[nextCustom]
                if let place {
                    let due = inOrder == nil
                        ? c.place.order <= place.order : CustomSection.Place.compare(c.place, place) <= 0
                    if !due { break }
                }
                w.byte(0)
                w.sized { w in
                    w.name(c.name)
                    w.bytes.append(contentsOf: c.content)
                }
                nextCustom += 1
            }
        }
        var placedAfter = Set<SectionKind>()
        if inOrder == nil {
            for c in customs {
                if case .after(let kind) = c.place { placedAfter.insert(kind) }
            }
        }

        for kind in SectionKind.binaryOrder {
            emitCustoms(upTo: .before(kind), &self)
            let forced = placedAfter.contains(kind)
            switch kind {
            case .type:
                section(kind, !m.types.isEmpty || forced) { w in
                    w.vec(m.types) { w, t in w.recType(t) }
                }
            case .import:
                section(kind, !m.imports.isEmpty || forced) { w in
                    w.vec(m.imports) { w, im in
                        w.name(im.module)
                        w.name(im.name)
                        w.externType(im.type)
                    }
                }
            case .function:
                section(kind, !m.funcs.isEmpty || forced) { w in
                    w.vec(m.funcs) { w, f in w.idx(f.type) }
                }
            case .table:
                section(kind, !m.tables.isEmpty || forced) { w in
                    w.vec(m.tables) { w, t in w.table(t) }
                }
            case .memory:
                section(kind, !m.memories.isEmpty || forced) { w in
                    w.vec(m.memories) { w, mt in w.memoryType(mt) }
                }
            case .tag:
                section(kind, !m.tags.isEmpty || forced) { w in
                    w.vec(m.tags) { w, tt in w.tagType(tt) }
                }
            case .global:
                section(kind, !m.globals.isEmpty || forced) { w in
                    w.vec(m.globals) { w, g in
                        w.globalType(g.type)
                        w.expr(g.initializer)
                    }
                }
            case .export:
                section(kind, !m.exports.isEmpty || forced) { w in
                    w.vec(m.exports) { w, ex in
                        w.name(ex.name)
                        w.byte(ex.kind.rawValue)
                        w.idx(ex.index)
                    }
                }
            case .start:
                if let x = m.start {
                    section(kind, true) { w in w.idx(x) }
                }
            case .elem:
                section(kind, !m.elems.isEmpty || forced) { w in
                    w.vec(m.elems) { w, seg in w.elemSegment(seg) }
                }
            case .dataCount:
                section(kind, forced || m.usesDataIndices) { w in w.len(m.datas.count) }
            case .code:
                section(kind, !m.funcs.isEmpty || forced) { w in
                    w.vec(m.funcs) { w, f in w.code(f) }
                }
            case .data:
                section(kind, !m.datas.isEmpty || forced) { w in
                    w.vec(m.datas) { w, seg in w.dataSegment(seg) }
                }
            }
        }
        emitCustoms(upTo: nil, &self)
    }

    /// A section with its id and size, if it is to be written at all.
    @inline(__always)
    mutating func section(_ kind: SectionKind, _ needed: Bool, _ content: (inout BinaryWriter) -> Void) {
        guard needed else { return }
        byte(kind.id)
        sized(content)
    }

    /// Tables (§5.5.7): the short form when the initialiser is the default one.
    mutating func table(_ t: Table) {
        if t.hasDefaultInitializer {
            tableType(t.type)
        } else {
            byte(0x40)
            byte(0x00)
            tableType(t.type)
            expr(t.initializer)
        }
    }

    /// Code section entries (§5.5.13): size, locals as given (run-length encoded), body.
    mutating func code(_ f: Func) {
        sized { w in
            w.vec(f.locals) { w, l in
                w.u32(l.count)
                w.valType(l.type)
            }
            w.expr(f.body)
        }
    }

    /// Element segments (§5.5.12). Segments of type `(ref func)` whose elements are all
    /// single `ref.func` instructions are written with function indices (forms 0 to 3);
    /// others with expressions (forms 4 to 7), form 4 only for `funcref` in table 0.
    mutating func elemSegment(_ seg: ElemSegment) {
        let isFuncKind = seg.type == RefType(nullable: false, .func)
        var indices: [UInt32] = []
        if isFuncKind {
            for e in seg.inits {
                guard e.count == 1, case .refFunc(let x) = e[0] else { break }
                indices.append(x)
            }
        }
        if isFuncKind && indices.count == seg.inits.count {
            switch seg.mode {
            case .passive:
                u32(1); byte(0x00)
            case .active(0, let offset):
                u32(0); expr(offset)
            case .active(let x, let offset):
                u32(2); idx(x); expr(offset); byte(0x00)
            case .declarative:
                u32(3); byte(0x00)
            }
            vec(indices) { w, x in w.idx(x) }
        } else {
            switch seg.mode {
            case .passive:
                u32(5); refType(seg.type)
            case .active(0, let offset) where seg.type == .funcref:
                u32(4); expr(offset)
            case .active(let x, let offset):
                u32(6); idx(x); expr(offset); refType(seg.type)
            case .declarative:
                u32(7); refType(seg.type)
            }
            vec(seg.inits) { w, e in w.expr(e) }
        }
    }

    /// Data segments (§5.5.14).
    mutating func dataSegment(_ seg: DataSegment) {
        switch seg.mode {
        case .passive:
            u32(1)
        case .active(0, let offset):
            u32(0); expr(offset)
        case .active(let x, let offset):
            u32(2); idx(x); expr(offset)
        }
        byteVec(seg.bytes)
    }
}
