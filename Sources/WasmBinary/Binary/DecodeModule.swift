// Decoding of modules (§5.5).
//
// Sections come in a fixed order, each at most once; custom sections may appear
// anywhere and are kept with their place. A section that appears out of order is not
// recognised where it stands, so decoding ends there with "unexpected content after
// last section", as in the reference.

extension Module {
    /// Decodes a module from the binary format (§5.5).
    ///
    /// Throws a ``DecodeError`` whose message is the reference interpreter's for the same
    /// malformed input. Decoding does not validate (§3): indices, types and constant
    /// expressions are checked later.
    public init(binary bytes: [UInt8]) throws(DecodeError) {
        let result: Result<Module, DecodeError> = bytes.withUnsafeBufferPointer { buffer in
            var reader = BinaryReader(buffer)
            do throws(DecodeError) {
                return .success(try reader.module())
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let module): self = module
        case .failure(let error): throw error
        }
    }
}

/// The binary format's magic number, `\0asm` (§5.5.16).
let binaryMagic: UInt32 = 0x6D73_6100
/// The binary format's version (§5.5.16).
let binaryVersion: UInt32 = 1

extension SectionKind {
    /// The sections in the order they must appear (§5.5.2).
    static let binaryOrder: [SectionKind] = [
        .type, .import, .function, .table, .memory, .tag, .global, .export, .start, .elem,
        .dataCount, .code, .data,
    ]

    /// The section with the given id; `nil` for custom sections (id 0).
    static func with(id: UInt8) -> SectionKind? {
        switch id {
        case 1: .type
        case 2: .import
        case 3: .function
        case 4: .table
        case 5: .memory
        case 6: .global
        case 7: .export
        case 8: .start
        case 9: .elem
        case 10: .code
        case 11: .data
        case 12: .dataCount
        case 13: .tag
        default: nil
        }
    }
}

extension BinaryReader {
    /// The id of the next section, without consuming it; `nil` at the end of input.
    /// Ids above 13 are malformed wherever a section may start.
    mutating func peekSectionID() throws(DecodeError) -> UInt8? {
        guard let id = peek() else { return nil }
        if id > 13 { throw error("malformed section id", at: pos) }
        return id
    }

    /// A section's size, its content, then the check that the content used exactly
    /// that size (§5.5.2).
    mutating func sized<T>(_ content: (inout BinaryReader, Int) throws(DecodeError) -> T)
        throws(DecodeError) -> T
    {
        let size = try len32()
        let start = pos
        let x = try content(&self, size)
        if pos != start &+ size { throw error("section size mismatch", at: start) }
        return x
    }

    /// Custom sections (§5.5.3) at the current position, all given the same place.
    mutating func customSections(
        _ place: CustomSection.Place, into customs: inout [CustomSection]
    ) throws(DecodeError) {
        while try peekSectionID() == 0 {
            pos &+= 1
            let custom = try sized { r, size throws(DecodeError) in
                let start = r.pos
                let name = try r.name()
                let content = try r.bytes(size &- (r.pos &- start))
                r.customRanges?.append(start..<r.pos)
                return CustomSection(name: name, content: content, place: place)
            }
            customs.append(custom)
        }
    }

    /// The whole module (§5.5.16).
    mutating func module() throws(DecodeError) -> Module {
        if try word32() != binaryMagic { throw error("magic header not detected", at: 0) }
        if try word32() != binaryVersion { throw error("unknown binary version", at: 4) }

        var m = Module()
        var funcTypes: [UInt32] = []
        var dataCount: UInt32?
        var bodiesUseData = false

        try customSections(.before(.type), into: &m.customs)
        for kind in SectionKind.binaryOrder {
            if let id = try peekSectionID(), id == kind.id {
                pos &+= 1
                switch kind {
                case .type:
                    m.types = try sized { r, _ throws(DecodeError) in
                        try r.vec { r throws(DecodeError) in try r.recType() }
                    }
                case .import:
                    m.imports = try sized { r, _ throws(DecodeError) in
                        try r.vec { r throws(DecodeError) in try r.importEntry() }
                    }
                case .function:
                    funcTypes = try sized { r, _ throws(DecodeError) in
                        try r.vec { r throws(DecodeError) in try r.idx() }
                    }
                case .table:
                    m.tables = try sized { r, _ throws(DecodeError) in
                        try r.vec { r throws(DecodeError) in try r.table() }
                    }
                case .memory:
                    m.memories = try sized { r, _ throws(DecodeError) in
                        try r.vec { r throws(DecodeError) in try r.memoryType() }
                    }
                case .tag:
                    m.tags = try sized { r, _ throws(DecodeError) in
                        try r.vec { r throws(DecodeError) in try r.tagType() }
                    }
                case .global:
                    m.globals = try sized { r, _ throws(DecodeError) in
                        try r.vec { r throws(DecodeError) in try r.global() }
                    }
                case .export:
                    m.exports = try sized { r, _ throws(DecodeError) in
                        try r.vec { r throws(DecodeError) in try r.exportEntry() }
                    }
                case .start:
                    m.start = try sized { r, _ throws(DecodeError) in try r.idx() }
                case .elem:
                    m.elems = try sized { r, _ throws(DecodeError) in
                        try r.vec { r throws(DecodeError) in try r.elemSegment() }
                    }
                case .dataCount:
                    dataCount = try sized { r, _ throws(DecodeError) in try r.u32() }
                case .code:
                    // Only function bodies must announce data segment uses (§5.5.13).
                    sawDataIndex = false
                    m.funcs = try sized { r, _ throws(DecodeError) in
                        try r.vec { r throws(DecodeError) in try r.code() }
                    }
                    bodiesUseData = sawDataIndex
                case .data:
                    m.datas = try sized { r, _ throws(DecodeError) in
                        try r.vec { r throws(DecodeError) in try r.dataSegment() }
                    }
                }
            }
            try customSections(.after(kind), into: &m.customs)
        }

        if pos != end { throw error("unexpected content after last section", at: end) }
        if funcTypes.count != m.funcs.count {
            throw error("function and code section have inconsistent lengths", at: end)
        }
        if let n = dataCount, Int(n) != m.datas.count {
            throw error("data count and data section have inconsistent lengths", at: end)
        }
        if dataCount == nil && bodiesUseData {
            throw error("data count section required", at: end)
        }
        for i in m.funcs.indices { m.funcs[i].type = funcTypes[i] }
        return m
    }

    /// Imports (§5.5.5).
    mutating func importEntry() throws(DecodeError) -> Import {
        let module = try name()
        let item = try name()
        return Import(module: module, name: item, type: try externType())
    }

    /// Tables (§5.5.7): a table type, or `0x40 0x00`, a table type and an initialiser.
    /// As in the reference, if the second form fails anywhere the first is tried from
    /// the start, so such errors surface as "malformed reference type".
    mutating func table() throws(DecodeError) -> Table {
        let start = pos
        if peek() == 0x40 {
            do throws(DecodeError) {
                pos &+= 1
                try zero()
                let tt = try tableType()
                return Table(type: tt, initializer: try expr())
            } catch {
                pos = start
            }
        }
        return Table(type: try tableType())
    }

    /// Globals (§5.5.9).
    mutating func global() throws(DecodeError) -> Global {
        let gt = try globalType()
        return Global(type: gt, initializer: try expr())
    }

    /// Exports (§5.5.10).
    mutating func exportEntry() throws(DecodeError) -> Export {
        let n = try name()
        let b = try byte()
        guard b <= 4, let kind = ExternKind(rawValue: b) else {
            throw error("malformed export kind", at: pos &- 1)
        }
        return Export(name: n, kind: kind, index: try idx())
    }

    /// The element kind of segments written with function indices: only `0x00`,
    /// meaning `(ref func)`.
    mutating func elemKind() throws(DecodeError) -> RefType {
        if try byte() != 0x00 { throw error("malformed element kind", at: pos &- 1) }
        return RefType(nullable: false, .func)
    }

    /// Function indices of an element segment, each kept as a `ref.func` expression.
    mutating func elemIndices() throws(DecodeError) -> [Expr] {
        try vec { r throws(DecodeError) in [.refFunc(try r.idx())] }
    }

    /// Element expressions of an element segment.
    mutating func elemExprs() throws(DecodeError) -> [Expr] {
        try vec { r throws(DecodeError) in try r.expr() }
    }

    /// Element segments (§5.5.12) in their eight forms. Bit 0 of the form marks a
    /// passive or declarative segment (bit 1 telling which), bit 1 of an active one an
    /// explicit table index, bit 2 expressions instead of function indices. Forms 0 to 3
    /// have element type `(ref func)`, form 4 `funcref`, as in the reference.
    mutating func elemSegment() throws(DecodeError) -> ElemSegment {
        let form = try u32()
        switch form {
        case 0:
            let offset = try expr()
            let inits = try elemIndices()
            return ElemSegment(
                type: RefType(nullable: false, .func), inits: inits,
                mode: .active(table: 0, offset: offset))
        case 1:
            let rt = try elemKind()
            return ElemSegment(type: rt, inits: try elemIndices(), mode: .passive)
        case 2:
            let x = try idx()
            let offset = try expr()
            let rt = try elemKind()
            return ElemSegment(
                type: rt, inits: try elemIndices(), mode: .active(table: x, offset: offset))
        case 3:
            let rt = try elemKind()
            return ElemSegment(type: rt, inits: try elemIndices(), mode: .declarative)
        case 4:
            let offset = try expr()
            let inits = try elemExprs()
            return ElemSegment(type: .funcref, inits: inits, mode: .active(table: 0, offset: offset))
        case 5:
            let rt = try refType()
            return ElemSegment(type: rt, inits: try elemExprs(), mode: .passive)
        case 6:
            let x = try idx()
            let offset = try expr()
            let rt = try refType()
            return ElemSegment(
                type: rt, inits: try elemExprs(), mode: .active(table: x, offset: offset))
        case 7:
            let rt = try refType()
            return ElemSegment(type: rt, inits: try elemExprs(), mode: .declarative)
        default:
            throw error("malformed elements segment kind", at: pos &- 1)
        }
    }

    /// Data segments (§5.5.14) in their three forms.
    mutating func dataSegment() throws(DecodeError) -> DataSegment {
        let form = try u32()
        switch form {
        case 0:
            let offset = try expr()
            return DataSegment(bytes: try byteVec(), mode: .active(memory: 0, offset: offset))
        case 1:
            return DataSegment(bytes: try byteVec(), mode: .passive)
        case 2:
            let x = try idx()
            let offset = try expr()
            return DataSegment(bytes: try byteVec(), mode: .active(memory: x, offset: offset))
        default:
            throw error("malformed data segment kind", at: pos &- 1)
        }
    }

    /// One entry of the code section (§5.5.13): its size, the run-length encoded locals
    /// and the body. The type index is filled in from the function section later.
    mutating func code() throws(DecodeError) -> Func {
        let entry = pos
        let recording = codeOffsets != nil
        if recording { instructionOffsets = [] }
        defer { instructionOffsets = nil }
        let f = try sized { r, size throws(DecodeError) in
            let localsStart = r.pos
            let locals = try r.vec { r throws(DecodeError) in
                let n = try r.u32()
                return Locals(n, try r.valType())
            }
            // The total may not reach 2^32; saturate the sum rather than overflow.
            var total: UInt64 = 0
            for l in locals where total < 1 << 32 { total &+= UInt64(l.count) }
            if total >= 1 << 32 { throw r.error("too many locals", at: localsStart) }
            var body: [Instruction] = []
            // Roughly one instruction per two to three bytes of code; bounded by the (checked) size.
            body.reserveCapacity(Swift.min(size, 1 << 20) / 3)
            try r.instructions(into: &body)
            return Func(type: 0, locals: locals, body: body)
        }
        if recording {
            codeOffsets?.append(CodeOffsets(entry: entry, instructions: instructionOffsets ?? [], end: pos))
        }
        return f
    }
}
