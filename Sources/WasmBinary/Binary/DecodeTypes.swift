// Decoding of types (§5.3).
//
// Type constructors are encoded as negative single-byte LEB128 numbers, and several
// grammars overlap (a heap type is a type index or an abstract type code; a block type
// is a type index, 0x40 or a value type). The reference tries the alternatives in
// order and reports the last one's error; these functions reproduce that choice, so
// a malformed byte gets the same message here as there.

extension BinaryReader {
    /// The abstract heap type with the given one-byte code (§5.3.4).
    @inline(__always)
    static func abstractHeapType(_ code: UInt8) -> HeapType? {
        switch code {
        case 0x74: HeapType.noexn
        case 0x73: HeapType.nofunc
        case 0x72: HeapType.noextern
        case 0x71: HeapType.none
        case 0x70: HeapType.func
        case 0x6F: HeapType.extern
        case 0x6E: HeapType.any
        case 0x6D: HeapType.eq
        case 0x6C: HeapType.i31
        case 0x6B: HeapType.struct
        case 0x6A: HeapType.array
        case 0x69: HeapType.exn
        default: nil
        }
    }

    /// A type index written as a signed 33-bit integer (heap and block types), if the
    /// bytes at the current position are one; otherwise the position is left alone.
    /// As in the reference, the value is wrapped to 32 bits and must then be
    /// non-negative.
    @inline(__always)
    mutating func s33TypeIndex() -> UInt32? {
        let start = pos
        if pos < end {
            // Fast path: one byte, non-negative.
            let b = base[pos]
            if b < 0x40 {
                pos &+= 1
                return UInt32(b)
            }
            if b & 0x80 == 0 { return nil }  // one byte, negative: a type code
        }
        do {
            let v = Int32(truncatingIfNeeded: try s33())
            if v >= 0 { return UInt32(v) }
        } catch {}
        pos = start
        return nil
    }

    /// A type index that must fit in a non-negative 32-bit signed integer, as the
    /// reference represents indices (supertypes, function imports, tags).
    mutating func typeIndex() throws(DecodeError) -> UInt32 {
        let start = pos
        let x = try u32()
        guard Int32(bitPattern: x) >= 0 else { throw error("malformed type index", at: start) }
        return x
    }

    /// A single-byte type code that has no continuation bit. A continuation is
    /// "integer representation too long" (a 7-bit signed integer allows one byte).
    @inline(__always)
    mutating func typeCode() throws(DecodeError) -> UInt8 {
        let b = try byte()
        if b & 0x80 != 0 { throw error("integer representation too long", at: pos) }
        return b
    }

    /// Heap types (§5.3.4).
    mutating func heapType() throws(DecodeError) -> HeapType {
        if let x = s33TypeIndex() { return .index(x) }
        let start = pos
        let b = try typeCode()
        guard let ht = Self.abstractHeapType(b) else {
            throw error("malformed heap type", at: start)
        }
        return ht
    }

    /// Reference types (§5.3.5).
    mutating func refType() throws(DecodeError) -> RefType {
        let start = pos
        let b = try typeCode()
        if let ht = Self.abstractHeapType(b) { return RefType(nullable: true, ht) }
        switch b {
        case 0x64: return RefType(nullable: false, try heapType())
        case 0x63: return RefType(nullable: true, try heapType())
        default: throw error("malformed reference type", at: start)
        }
    }

    /// Value types (§5.3.6). An unknown code is reported as a malformed reference
    /// type, the last alternative.
    mutating func valType() throws(DecodeError) -> ValType {
        if pos < end {
            switch base[pos] {
            case 0x7F: pos &+= 1; return .i32
            case 0x7E: pos &+= 1; return .i64
            case 0x7D: pos &+= 1; return .f32
            case 0x7C: pos &+= 1; return .f64
            case 0x7B: pos &+= 1; return .v128
            default: break
            }
        }
        return .ref(try refType())
    }

    /// Result types (§5.3.7).
    mutating func resultType() throws(DecodeError) -> [ValType] {
        try vec { r throws(DecodeError) in try r.valType() }
    }

    /// Storage types (§5.3.9): a value type, else a packed type.
    mutating func storageType() throws(DecodeError) -> StorageType {
        let start = pos
        do {
            return .val(try valType())
        } catch {
            pos = start
        }
        let b = try typeCode()
        switch b {
        case 0x78: return .packed(.i8)
        case 0x77: return .packed(.i16)
        default: throw error("malformed storage type", at: start)
        }
    }

    /// Mutability (§5.3.9, §5.3.15).
    mutating func mutability() throws(DecodeError) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw error("malformed mutability", at: pos &- 1)
        }
    }

    /// Field types (§5.3.9).
    mutating func fieldType() throws(DecodeError) -> FieldType {
        let storage = try storageType()
        let mutable = try mutability()
        return FieldType(mutable: mutable, storage)
    }

    /// Composite types (§5.3.10).
    mutating func compType() throws(DecodeError) -> CompType {
        switch try typeCode() {
        case 0x60:
            let params = try resultType()
            let results = try resultType()
            return .func(FuncType(params, results))
        case 0x5F:
            return .struct(try vec { r throws(DecodeError) in try r.fieldType() })
        case 0x5E:
            return .array(try fieldType())
        default:
            throw error("malformed definition type", at: pos &- 1)
        }
    }

    /// Sub types (§5.3.11): `sub` (0x50), `sub final` (0x4F), or a bare composite type.
    mutating func subType() throws(DecodeError) -> SubType {
        switch peek() {
        case 0x50, 0x4F:
            let isFinal = base[pos] == 0x4F
            pos &+= 1
            let supers = try vec { r throws(DecodeError) in TypeUse.index(try r.typeIndex()) }
            return SubType(isFinal: isFinal, supertypes: supers, try compType())
        default:
            return SubType(try compType())
        }
    }

    /// Recursive types (§5.3.11): `rec` (0x4E) with a vector, or a single sub type.
    mutating func recType() throws(DecodeError) -> RecType {
        if peek() == 0x4E {
            pos &+= 1
            return RecType(try vec { r throws(DecodeError) in try r.subType() })
        }
        return RecType([try subType()])
    }

    /// Limits (§5.3.12) with their flags byte: bit 0, a maximum is present; bit 2, the
    /// address type is `i64`. Other bits are malformed.
    mutating func limits() throws(DecodeError) -> (AddrType, Limits) {
        let flags = try byte()
        if flags & 0xFA != 0 { throw error("malformed limits flags", at: pos &- 1) }
        let addrType: AddrType = flags & 4 != 0 ? .i64 : .i32
        let min = try u64()
        let max = flags & 1 != 0 ? try u64() : nil
        return (addrType, Limits(min: min, max: max))
    }

    /// Memory types (§5.3.13).
    mutating func memoryType() throws(DecodeError) -> MemoryType {
        let (at, lim) = try limits()
        return MemoryType(at, lim)
    }

    /// Table types (§5.3.14).
    mutating func tableType() throws(DecodeError) -> TableType {
        let et = try refType()
        let (at, lim) = try limits()
        return TableType(at, lim, et)
    }

    /// Global types (§5.3.15).
    mutating func globalType() throws(DecodeError) -> GlobalType {
        let t = try valType()
        let mutable = try mutability()
        return GlobalType(mutable: mutable, t)
    }

    /// Tag types (§5.3.16): a reserved zero byte, then the type index.
    mutating func tagType() throws(DecodeError) -> TagType {
        try zero()
        return TagType(.index(try typeIndex()))
    }

    /// External types (§5.3.17), as written in imports.
    mutating func externType() throws(DecodeError) -> ExternType {
        switch try byte() {
        case 0x00: return .func(.index(try typeIndex()))
        case 0x01: return .table(try tableType())
        case 0x02: return .memory(try memoryType())
        case 0x03: return .global(try globalType())
        case 0x04: return .tag(try tagType())
        default: throw error("malformed import kind", at: pos &- 1)
        }
    }

    /// Block types (§5.4.1): a type index, `0x40` for none, or a value type.
    mutating func blockType() throws(DecodeError) -> BlockType {
        if let x = s33TypeIndex() { return .type(x) }
        if peek() == 0x40 {
            pos &+= 1
            return .empty
        }
        return .value(try valType())
    }
}
