// Encoding of types (§5.3).
//
// Semantic-only forms (`.rec`, `.def` and `bot`) never occur in a module as decoded or
// parsed. So that encoding stays total they are written as stand-ins: a recursive
// reference `.rec(i)` like the index `i`, a defined type as the abstract type of its
// kind, `bot` as `none` (heap type) or `i32` (value type).

extension BinaryWriter {
    /// The one-byte code of an abstract heap type (§5.3.4), `nil` for concrete ones.
    static func abstractCode(_ ht: HeapType) -> UInt8? {
        switch ht {
        case .noexn: 0x74
        case .nofunc: 0x73
        case .noextern: 0x72
        case .none, .bot: 0x71
        case .func: 0x70
        case .extern: 0x6F
        case .any: 0x6E
        case .eq: 0x6D
        case .i31: 0x6C
        case .struct: 0x6B
        case .array: 0x6A
        case .exn: 0x69
        case .def(let dt):
            switch dt.recType.subTypes.indices.contains(Int(dt.index)) ? dt.rolledSubType.compType : nil {
            case .func: 0x70
            case .struct: 0x6B
            case .array: 0x6A
            case nil: 0x6E
            }
        case .index, .rec: nil
        }
    }

    mutating func typeUse(_ use: TypeUse) {
        switch use {
        case .index(let x), .rec(let x): u32(x)
        case .def: u32(0)
        }
    }

    mutating func heapType(_ ht: HeapType) {
        if let code = Self.abstractCode(ht) {
            byte(code)
        } else if case .index(let x) = ht {
            s33Index(x)
        } else if case .rec(let x) = ht {
            s33Index(x)
        }
    }

    mutating func refType(_ rt: RefType) {
        if rt.nullable, let code = Self.abstractCode(rt.heapType) {
            byte(code)
        } else {
            byte(rt.nullable ? 0x63 : 0x64)
            heapType(rt.heapType)
        }
    }

    mutating func valType(_ t: ValType) {
        switch t {
        case .i32, .bot: byte(0x7F)
        case .i64: byte(0x7E)
        case .f32: byte(0x7D)
        case .f64: byte(0x7C)
        case .v128: byte(0x7B)
        case .ref(let rt): refType(rt)
        }
    }

    mutating func resultType(_ ts: [ValType]) {
        vec(ts) { w, t in w.valType(t) }
    }

    mutating func fieldType(_ ft: FieldType) {
        switch ft.storage {
        case .val(let t): valType(t)
        case .packed(.i8): byte(0x78)
        case .packed(.i16): byte(0x77)
        }
        byte(ft.mutable ? 1 : 0)
    }

    mutating func compType(_ ct: CompType) {
        switch ct {
        case .struct(let fields):
            byte(0x5F)
            vec(fields) { w, f in w.fieldType(f) }
        case .array(let field):
            byte(0x5E)
            fieldType(field)
        case .func(let ft):
            byte(0x60)
            resultType(ft.params)
            resultType(ft.results)
        }
    }

    /// A sub type: final ones without supertypes are written bare, as the reference does.
    mutating func subType(_ st: SubType) {
        if st.isFinal && st.supertypes.isEmpty {
            compType(st.compType)
            return
        }
        byte(st.isFinal ? 0x4F : 0x50)
        vec(st.supertypes) { w, u in w.typeUse(u) }
        compType(st.compType)
    }

    /// A recursion group: a group of one is written as its sub type alone.
    mutating func recType(_ rt: RecType) {
        if rt.subTypes.count == 1 {
            subType(rt.subTypes[0])
        } else {
            byte(0x4E)
            vec(rt.subTypes) { w, st in w.subType(st) }
        }
    }

    mutating func limits(_ at: AddrType, _ lim: Limits) {
        byte((lim.max != nil ? 1 : 0) | (at == .i64 ? 4 : 0))
        u64(lim.min)
        if let max = lim.max { u64(max) }
    }

    mutating func memoryType(_ mt: MemoryType) {
        limits(mt.addrType, mt.limits)
    }

    mutating func tableType(_ tt: TableType) {
        refType(tt.elemType)
        limits(tt.addrType, tt.limits)
    }

    mutating func globalType(_ gt: GlobalType) {
        valType(gt.valType)
        byte(gt.mutable ? 1 : 0)
    }

    mutating func tagType(_ tt: TagType) {
        byte(0x00)
        typeUse(tt.typeUse)
    }

    mutating func externType(_ xt: ExternType) {
        byte(xt.kind.rawValue)
        switch xt {
        case .func(let use): typeUse(use)
        case .table(let tt): tableType(tt)
        case .memory(let mt): memoryType(mt)
        case .global(let gt): globalType(gt)
        case .tag(let tt): tagType(tt)
        }
    }

    mutating func blockType(_ bt: BlockType) {
        switch bt {
        case .empty: byte(0x40)
        case .value(let t): valType(t)
        case .type(let x): s33Index(x)
        }
    }
}
