// Custom sections written as annotations in a text module (reference: text/parser.mly
// `parse_annots` and the `parse` of each handler in custom/*.ml): `@custom`, `@name`
// and `@metadata.code.branch_hint`, read when their handler is registered.

/// Reads the annotations of one text module into custom sections.
struct CustomAnnotations {
    let module: Module
    let layout: TextModuleLayout
    let lines: LineIndex
    let file: String
    let config: CustomConfig

    func region(_ start: Int, _ end: Int) -> SourceRegion { lines.region(file, start, end) }
    func region(_ a: AnnotationSyntax) -> SourceRegion { region(a.start, a.end) }
    func region(_ i: AnnotItem) -> SourceRegion { region(i.start, i.end) }

    func syntax(_ r: SourceRegion, _ message: String) -> CustomError {
        CustomError(.syntax, r, message)
    }

    /// The sections of the module's annotations (given in source order), grouped by
    /// annotation name in name order, each group read by its handler, then sorted by
    /// place and position.
    func parse(_ annotations: [AnnotationSyntax]) throws(CustomError) -> [CustomFormat] {
        var groups: [[UInt8]: [AnnotationSyntax]] = [:]
        for a in annotations { groups[a.name, default: []].append(a) }
        var sections: [CustomFormat] = []
        for name in groups.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            // The reference keeps each group last-written first.
            let group = Array((groups[name] ?? []).reversed())
            let text = String(decoding: name, as: UTF8.self)
            switch config.handler(for: text) {
            case .custom?:
                var found: [CustomFormat] = []
                for a in group { found.append(try custom(a)) }
                sections = found + sections
            case .name?:
                if let n = try names(group) { sections = [.names(n)] + sections }
            case .branchHint?:
                if let h = try branchHints(Array(group.reversed())) { sections = [.branchHints(h)] + sections }
            case nil:
                if config.rejectUnknown, let first = group.first {
                    throw syntax(region(first), "unknown annotation @" + text)
                }
            }
        }
        return CustomAnnotations.sorted(sections)
    }

    /// Sorted by place, then by position (`compare_section`), stably.
    static func sorted(_ sections: [CustomFormat]) -> [CustomFormat] {
        func regionOrder(_ a: SourceRegion, _ b: SourceRegion) -> Int {
            if a.file != b.file { return a.file < b.file ? -1 : 1 }
            if a.left != b.left { return a.left < b.left ? -1 : 1 }
            if a.right != b.right { return a.right < b.right ? -1 : 1 }
            return 0
        }
        return sections.enumerated().sorted { x, y in
            var c = CustomSection.Place.compare(x.element.place, y.element.place)
            if c == 0 { c = regionOrder(x.element.region, y.element.region) }
            return c != 0 ? c < 0 : x.offset < y.offset
        }.map(\.element)
    }

    // MARK: @custom

    /// `(@custom "name" (before|after section)? "bytes"*)`.
    private func custom(_ a: AnnotationSyntax) throws(CustomError) -> CustomFormat {
        var items = a.items[...]
        guard let first = items.first, case .string(let bytes) = first.kind else {
            throw syntax(region(a), "@custom annotation: missing section name")
        }
        guard let name = decodeUTF8(bytes) else {
            throw syntax(region(first), "@custom annotation: malformed UTF-8 encoding")
        }
        items = items.dropFirst()
        var place = CustomSection.Place.after(.data)
        if let p = items.first, case .parens(let inner) = p.kind {
            place = try placement(inner, region(p))
            items = items.dropFirst()
        }
        var content: [UInt8] = []
        while let i = items.first, case .string(let b) = i.kind {
            content += b
            items = items.dropFirst()
        }
        if let extra = items.first { throw syntax(region(extra), "@custom annotation: unexpected token") }
        let at = region(a)
        for f in layout.fields where f.contains(at) {
            throw syntax(at, "misplaced @custom annotation")
        }
        let c = CustomSection(name: name, content: content, place: place)
        // As the handler does, the bytes must be what the handler of their name, if
        // registered, accepts.
        _ = try CustomFormat.decodeContent(c, region: at, module: module, config: config)
        return .raw(c, at)
    }

    private func placement(_ items: [AnnotItem], _ at: SourceRegion) throws(CustomError) -> CustomSection.Place {
        guard let d = items.first, case .atom(let word) = d.kind, word == "before" || word == "after" else {
            throw syntax(at, "@custom annotation: malformed placement")
        }
        guard items.count > 1, case .atom(let s) = items[1].kind, let kind = CustomAnnotations.section(s) else {
            throw syntax(at, "@custom annotation: malformed section kind")
        }
        if items.count > 2 { throw syntax(region(items[2]), "@custom annotation: unexpected token") }
        return word == "before" ? .before(kind) : .after(kind)
    }

    private static func section(_ s: String) -> SectionKind? {
        switch s {
        case "type", "first": .type
        case "import": .import
        case "func": .function
        case "table": .table
        case "memory": .memory
        case "tag": .tag
        case "global": .global
        case "export": .export
        case "start": .start
        case "elem": .elem
        case "code": .code
        case "data", "last": .data
        case "datacount": .dataCount
        default: nil
        }
    }

    // MARK: @name

    /// `(@name "text")` on the module, a function or a tag; several merge into one
    /// section (a name given twice is an error).
    private func names(_ group: [AnnotationSyntax]) throws(CustomError) -> NameSection? {
        var parsed: [NameSection] = []
        for a in group { parsed.append(try name(a)) }
        guard let first = parsed.first else { return nil }
        var merged = NameSection(region: first.region)
        for s in parsed { merged = try merged.merged(with: s) }
        return merged
    }

    private func name(_ a: AnnotationSyntax) throws(CustomError) -> NameSection {
        let at = region(a)
        guard let first = a.items.first, case .string(let bytes) = first.kind else {
            throw syntax(at, "@name annotation: string expected")
        }
        guard let text = decodeUTF8(bytes) else { throw syntax(region(first), "malformed UTF-8 encoding") }
        if a.items.count > 1 { throw syntax(region(a.items[1]), "@name annotation: unexpected token") }
        let name = NameSection.Name(text, region(first))
        var s = NameSection(region: at)
        guard layout.module.contains(at) else { throw syntax(at, "misplaced @name annotation") }
        let firstField = layout.fields.map(\.left).min()
        if firstField == nil || at.right <= firstField! {
            s.module = name
            return s
        }
        if layout.types.contains(where: { $0.contains(at) }) {
            throw syntax(at, "@name annotation: type and field names not yet supported")
        }
        if let x = layout.tags.firstIndex(where: { $0.contains(at) }) {
            // Anywhere inside a tag names the tag.
            s.tags[UInt32(x)] = name
            return s
        }
        if let x = layout.funcs.firstIndex(where: { $0.extent.contains(at) }) {
            let f = layout.funcs[x]
            if at.right <= f.typeUse {
                s.funcs[UInt32(x)] = name
                return s
            }
            let firstInstr = f.body.compactMap { $0 }.first
            if firstInstr == nil || at.right <= firstInstr! {
                throw syntax(at, "@name annotation: local names not yet supported")
            }
            throw syntax(at, "@name annotation: misplaced annotation")
        }
        throw syntax(at, "misplaced @name annotation")
    }

    // MARK: @metadata.code.branch_hint

    /// `(@metadata.code.branch_hint "\00" | "\01")` before an instruction, in source
    /// order; hints of one function must come in instruction order.
    private func branchHints(_ group: [AnnotationSyntax]) throws(CustomError) -> BranchHintSection? {
        var merged: BranchHintSection? = nil
        for a in group {
            let (fidx, hint) = try branchHint(a)
            var s = merged ?? BranchHintSection(region: hint.region)
            if let last = s.functions[fidx]?.last, last.instruction >= hint.instruction {
                throw syntax(hint.region, "@metadata.code.branch_hint annotation: duplicate annotation")
            }
            s.functions[fidx, default: []].append(hint)
            s.region = SourceRegion(file: s.region.file, left: s.region.left, right: hint.region.right)
            merged = s
        }
        return merged
    }

    private func branchHint(_ a: AnnotationSyntax) throws(CustomError) -> (UInt32, BranchHintSection.Hint) {
        let at = region(a)
        var payload: [UInt8] = []
        for i in a.items {
            guard case .string(let b) = i.kind else {
                throw syntax(region(i), "@metadata.code.branch_hint annotation: unexpected token")
            }
            payload += b
        }
        guard let last = a.items.last else {
            throw syntax(at, "@metadata.code.branch_hint annotation: invalid hint value")
        }
        guard let k = layout.funcs.firstIndex(where: { $0.extent.contains(at) }) else {
            throw syntax(at, "@metadata.code.branch_hint annotation: not in a function")
        }
        // Numbered counting every import, as the reference does.
        let fidx = UInt32(truncatingIfNeeded: k + module.imports.count)
        let kind: BranchHintSection.Kind
        switch payload {
        case [0]: kind = .unlikely
        case [1]: kind = .likely
        default: throw syntax(at, "@metadata.code.branch_hint annotation: invalid hint value")
        }
        let hintRegion = SourceRegion(file: file, left: at.left, right: region(last).right)
        guard let target = layout.instructionStarts(k).first(where: { hintRegion.right <= $0.start }) else {
            throw syntax(at, "@metadata.code.branch_hint annotation: invalid placement")
        }
        return (fidx, BranchHintSection.Hint(kind, instruction: target.index, region: hintRegion))
    }
}
