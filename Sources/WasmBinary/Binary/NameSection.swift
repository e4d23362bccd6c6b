// The name section (custom section `name`; reference: custom/handler_name.ml): names of
// the module, functions, locals, types, fields and tags, decoded, encoded and checked
// against the module as the reference's handler does.

/// The contents of a name section.
public struct NameSection: Hashable, Sendable {
    /// A name with where it was written.
    public struct Name: Hashable, Sendable {
        public var text: String
        public var region: SourceRegion

        public init(_ text: String, _ region: SourceRegion) {
            self.text = text
            self.region = region
        }
    }

    /// Names of the items of one function or type, with where the map was written.
    public struct Indirect: Hashable, Sendable {
        public var names: [UInt32: Name]
        public var region: SourceRegion

        public init(_ names: [UInt32: Name], _ region: SourceRegion) {
            self.names = names
            self.region = region
        }
    }

    public var module: Name?
    public var funcs: [UInt32: Name] = [:]
    public var locals: [UInt32: Indirect] = [:]
    public var types: [UInt32: Name] = [:]
    public var fields: [UInt32: Indirect] = [:]
    public var tags: [UInt32: Name] = [:]
    public var region: SourceRegion

    public init(region: SourceRegion) {
        self.region = region
    }

    // MARK: Decoding

    /// Decodes the section's content (`decode`); errors are positioned in the content,
    /// in a file named "@name section".
    public static func decode(_ content: [UInt8], region: SourceRegion) throws(CustomError) -> NameSection {
        var r = CustomReader(content, file: "@name section")
        var s = NameSection(region: region)
        if try r.subsection(0) {
            let start = r.pos
            let text = try r.name()
            s.module = Name(text, r.region(from: start))
            try r.endSubsection()
        }
        if try r.subsection(1) {
            s.funcs = try r.nameMap()
            try r.endSubsection()
        }
        if try r.subsection(2) {
            s.locals = try r.indirectNameMap()
            try r.endSubsection()
        }
        if try r.subsection(4) {
            s.types = try r.nameMap()
            try r.endSubsection()
        }
        if try r.subsection(10) {
            s.fields = try r.indirectNameMap()
            try r.endSubsection()
        }
        if try r.subsection(11) {
            s.tags = try r.nameMap()
            try r.endSubsection()
        }
        if !r.atEnd { throw r.error(r.pos, "invalid name subsection id") }
        return s
    }

    // MARK: Encoding

    /// The section's content (`encode`): each non-empty subsection in id order, maps in
    /// index order.
    public func encode() -> [UInt8] {
        var out: [UInt8] = []
        func subsection(_ id: UInt8, _ body: (inout [UInt8]) -> Void) {
            var content: [UInt8] = []
            body(&content)
            out.append(id)
            appendCustomU32(UInt32(truncatingIfNeeded: content.count), to: &out)
            out += content
        }
        func name(_ s: String, _ out: inout [UInt8]) {
            let bytes = Array(s.utf8)
            appendCustomU32(UInt32(truncatingIfNeeded: bytes.count), to: &out)
            out += bytes
        }
        func map(_ m: [UInt32: Name], _ out: inout [UInt8]) {
            appendCustomU32(UInt32(truncatingIfNeeded: m.count), to: &out)
            for x in m.keys.sorted(by: signedOrder) {
                appendCustomU32(x, to: &out)
                name(m[x]?.text ?? "", &out)
            }
        }
        func indirect(_ m: [UInt32: Indirect], _ out: inout [UInt8]) {
            appendCustomU32(UInt32(truncatingIfNeeded: m.count), to: &out)
            for x in m.keys.sorted(by: signedOrder) {
                appendCustomU32(x, to: &out)
                map(m[x]?.names ?? [:], &out)
            }
        }
        if let m = module { subsection(0) { name(m.text, &$0) } }
        if !funcs.isEmpty { subsection(1) { map(funcs, &$0) } }
        if !locals.isEmpty { subsection(2) { indirect(locals, &$0) } }
        if !types.isEmpty { subsection(4) { map(types, &$0) } }
        if !fields.isEmpty { subsection(10) { indirect(fields, &$0) } }
        if !tags.isEmpty { subsection(11) { map(tags, &$0) } }
        return out
    }

    /// The section as the `custom` handler would keep it.
    public func customSection() -> CustomSection {
        CustomSection(name: "name", content: encode(), place: .after(.data))
    }

    // MARK: Merging (parsing several annotations)

    /// Combines the names of two annotations; a name given twice is an error at the
    /// later one (`merge`).
    public func merged(with other: NameSection) throws(CustomError) -> NameSection {
        var s = self
        switch (module, other.module) {
        case (nil, let n), (let n, nil): s.module = n
        case (.some, .some(let n2)):
            throw CustomError(.syntax, n2.region, "@name annotation: multiple module names")
        }
        func union(_ a: [UInt32: Name], _ b: [UInt32: Name], _ message: String) throws(CustomError) -> [UInt32: Name] {
            var r = a
            for x in b.keys.sorted(by: signedOrder) {
                guard let n = b[x] else { continue }
                if r[x] != nil { throw CustomError(.syntax, n.region, message) }
                r[x] = n
            }
            return r
        }
        func unionIndirect(_ a: [UInt32: Indirect], _ b: [UInt32: Indirect]) throws(CustomError) -> [UInt32: Indirect] {
            var r = a
            for x in b.keys.sorted(by: signedOrder) {
                guard let m2 = b[x] else { continue }
                if let m1 = r[x] {
                    let names = try union(m1.names, m2.names, "@name annotation: multiple local names")
                    r[x] = Indirect(names, SourceRegion(file: m1.region.file, left: m1.region.left, right: m2.region.right))
                } else {
                    r[x] = m2
                }
            }
            return r
        }
        s.funcs = try union(funcs, other.funcs, "@name annotation: multiple function names")
        s.locals = try unionIndirect(locals, other.locals)
        s.types = try union(types, other.types, "@name annotation: multiple function names")
        s.fields = try unionIndirect(fields, other.fields)
        s.tags = try union(tags, other.tags, "@name annotation: multiple function names")
        s.region = SourceRegion(file: region.file, left: region.left, right: other.region.right)
        return s
    }

    // MARK: Checking

    /// Checks the indices against the module (`check`).
    public func check(_ m: Module) throws(CustomError) {
        let comps = m.types.flatMap { $0.subTypes.map(\.compType) }
        func invalid(_ r: SourceRegion, _ message: String) -> CustomError {
            CustomError(.invalid, r, "custom @name: " + message)
        }
        for x in funcs.keys.sorted(by: signedOrder) where Int(x) >= m.funcs.count {
            throw invalid(funcs[x]?.region ?? region, "invalid function index \(x)")
        }
        for x in locals.keys.sorted(by: signedOrder) {
            guard let map = locals[x] else { continue }
            guard Int(x) < m.funcs.count else { throw invalid(map.region, "invalid function index \(x)") }
            let f = m.funcs[Int(x)]
            guard Int(f.type) < comps.count else {
                throw invalid(map.region, "invalid type index \(f.type) for function \(x)")
            }
            guard case .func(let ft) = comps[Int(f.type)] else {
                throw invalid(map.region, "non-function type \(f.type) for function \(x)")
            }
            // Counted in 32 bits, wrapping, as the reference counts.
            var n = UInt32(truncatingIfNeeded: ft.params.count)
            for l in f.locals { n &+= l.count }
            for y in map.names.keys.sorted(by: signedOrder) where y >= n {
                throw invalid(map.names[y]?.region ?? map.region, "invalid local index \(y) for function \(x)")
            }
        }
        for x in types.keys.sorted(by: signedOrder) where Int(x) >= comps.count {
            throw invalid(types[x]?.region ?? region, "invalid type index \(x)")
        }
        for x in fields.keys.sorted(by: signedOrder) {
            guard let map = fields[x] else { continue }
            guard Int(x) < comps.count else { throw invalid(map.region, "invalid type index \(x)") }
            guard case .struct(let fts) = comps[Int(x)] else {
                throw invalid(map.region, "non-struct type \(x)")
            }
            for y in map.names.keys.sorted(by: signedOrder) where Int(y) >= fts.count {
                throw invalid(map.names[y]?.region ?? map.region, "invalid field index \(y) for type \(x)")
            }
        }
    }
}

extension CustomReader {
    /// `decode_subsec`: whether subsection `id` comes next; if so, reads its id and size
    /// and remembers where its content must end.
    mutating func subsection(_ id: UInt8) throws(CustomError) -> Bool {
        guard let b = peek(), b == id else { return false }
        _ = try byte()
        let n = try size()
        subsectionEnd = pos + n
        return true
    }

    /// The subsection's content must have been exactly its size.
    func endSubsection() throws(CustomError) {
        if pos != subsectionEnd { throw error(pos, "name subsection size mismatch") }
    }

    mutating func nameMap() throws(CustomError) -> [UInt32: NameSection.Name] {
        let n = try size()
        var m: [UInt32: NameSection.Name] = [:]
        var i = 0
        while i < n {
            let start = pos
            let x = try u32()
            let text = try name()
            if m[x] != nil { throw error(start, "custom @name: multiple function or local names") }
            m[x] = NameSection.Name(text, region(from: start))
            i += 1
        }
        return m
    }

    mutating func indirectNameMap() throws(CustomError) -> [UInt32: NameSection.Indirect] {
        let n = try size()
        var m: [UInt32: NameSection.Indirect] = [:]
        var i = 0
        while i < n {
            let start = pos
            let x = try u32()
            let innerStart = pos
            let inner = try nameMap()
            let innerRegion = region(from: innerStart)
            if m[x] != nil { throw error(start, "custom @name: multiple function names") }
            m[x] = NameSection.Indirect(inner, innerRegion)
            i += 1
        }
        return m
    }
}
