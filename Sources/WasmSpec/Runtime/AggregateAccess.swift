// Reading and writing structures and arrays (§4.6.9 "Reference Instructions", the
// `struct.*` and `array.*` rules), with the bounds checks and messages of the reference
// interpreter. Both engines call these; a field's or element's value travels as a
// `V128`, a number in its low half.

extension FieldStorage {
    /// The bits a packed field keeps of a value (§4.5 `pack`).
    @inline(__always)
    func wrap(_ value: UInt64) -> UInt64 {
        switch self {
        case .i8: value & 0xFF
        case .i16: value & 0xFFFF
        case .b32: value & 0xFFFF_FFFF
        case .b64, .v128: value
        }
    }

    /// A packed field read as an i32, sign-extended when `signed` (§4.5 `unpack`).
    @inline(__always)
    func extend(_ value: UInt64, signed: Bool) -> UInt64 {
        guard signed else { return value }
        switch self {
        case .i8: return UInt64(UInt32(bitPattern: Int32(Int8(truncatingIfNeeded: value))))
        case .i16: return UInt64(UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: value))))
        case .b32, .b64, .v128: return value
        }
    }

    /// Reads a value of this storage at `p`, little-endian, unaligned.
    @inline(__always)
    func load(_ p: UnsafeRawPointer) -> V128 {
        switch self {
        case .i8: V128(lo: UInt64(p.load(as: UInt8.self)), hi: 0)
        case .i16: V128(lo: UInt64(p.loadUnaligned(as: UInt16.self)), hi: 0)
        case .b32: V128(lo: UInt64(p.loadUnaligned(as: UInt32.self)), hi: 0)
        case .b64: V128(lo: p.loadUnaligned(as: UInt64.self), hi: 0)
        case .v128: V128(lo: p.loadUnaligned(as: UInt64.self), hi: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        }
    }

    /// Writes a value's low bytes of this storage at `p`.
    @inline(__always)
    func store(_ v: V128, _ p: UnsafeMutableRawPointer) {
        switch self {
        case .i8: p.storeBytes(of: UInt8(truncatingIfNeeded: v.lo), as: UInt8.self)
        case .i16: p.storeBytes(of: UInt16(truncatingIfNeeded: v.lo), as: UInt16.self)
        case .b32: p.storeBytes(of: UInt32(truncatingIfNeeded: v.lo), as: UInt32.self)
        case .b64: p.storeBytes(of: v.lo, as: UInt64.self)
        case .v128:
            p.storeBytes(of: v.lo, as: UInt64.self)
            p.storeBytes(of: v.hi, toByteOffset: 8, as: UInt64.self)
        }
    }
}

extension StructObject {
    /// `struct.get`: a field's value, extended as asked for a packed field. In bounds:
    /// the layout places every field inside `structBytes`.
    func get(_ field: AggregateLayout.Field, signed: Bool) -> V128 {
        var v = field.storage.load(bytes + field.offset)
        v.lo = field.storage.extend(v.lo, signed: signed)
        return v
    }

    /// `struct.set` and `struct.new`: a field set to a value, packed as its storage.
    func set(_ field: AggregateLayout.Field, _ v: V128) {
        field.storage.store(v, bytes + field.offset)
    }
}

extension ModuleInstance {
    /// A new array of type index `x` and `length` default elements (all bits zero), or
    /// the trap an allocation the host cannot serve becomes. (The reference interpreter
    /// dies of OCaml's `Out_of_memory` here; its memories and tables report the same
    /// condition as "out of memory".) Beyond `maxLength` it traps without asking.
    func newArray(_ x: UInt32, length: UInt64) throws(ExecutionError) -> ArrayObject {
        guard length <= ArrayObject.maxLength,
            let a = ArrayObject(type: types[Int(x)], layout: layout(x), length: UInt32(length))
        else { throw .trap("out of memory") }
        return a
    }

    /// A new structure of type index `x` with every field zero, or the out-of-memory
    /// trap.
    func newStruct(_ x: UInt32) throws(ExecutionError) -> StructObject {
        guard let s = StructObject(type: types[Int(x)], layout: layout(x)) else { throw .trap("out of memory") }
        return s
    }
}

extension ArrayObject {
    static let bounds = ExecutionError.trap("out of bounds array access")

    /// Whether `n` elements from `i` are inside the array.
    @inline(__always)
    func contains(_ i: UInt64, _ n: UInt64) -> Bool {
        MemoryInstance.inRange(i, n, UInt64(length))
    }

    /// Element `i`'s bytes; the caller has checked that `i` is inside the array.
    @inline(__always)
    private func element(_ i: Int) -> UnsafeMutableRawPointer {
        elements + i * storage.bytes
    }

    /// `array.get`: element `i`, extended as asked for a packed element.
    func get(_ i: UInt64, signed: Bool) throws(ExecutionError) -> V128 {
        guard i < UInt64(length) else { throw ArrayObject.bounds }
        var v = storage.load(element(Int(i)))
        v.lo = storage.extend(v.lo, signed: signed)
        return v
    }

    /// `array.set`: element `i` set to a value, packed as the array's storage.
    func set(_ i: UInt64, _ v: V128) throws(ExecutionError) {
        guard i < UInt64(length) else { throw ArrayObject.bounds }
        storage.store(v, element(Int(i)))
    }

    /// `array.fill` and `array.new`: `n` elements from `d` set to a value.
    func fill(_ d: UInt64, _ v: V128, _ n: UInt64) throws(ExecutionError) {
        guard contains(d, n) else { throw ArrayObject.bounds }
        for i in Int(d)..<Int(d + n) { storage.store(v, element(i)) }
    }

    /// `array.copy`: `n` elements from `s` in `source` to `d` here, as if through a
    /// buffer when they overlap. The two arrays' element types match (validation), so
    /// their storage does.
    func copy(_ d: UInt64, from source: ArrayObject, _ s: UInt64, _ n: UInt64) throws(ExecutionError) {
        guard source.contains(s, n), contains(d, n) else { throw ArrayObject.bounds }
        guard n > 0 else { return }
        let size = min(storage.bytes, source.storage.bytes)
        element(Int(d)).copyMemory(from: source.elements + Int(s) * source.storage.bytes, byteCount: Int(n) * size)
    }

    /// `array.init_data` and `array.new_data`: `n` elements from `d` read from a data
    /// segment at byte `s`; the elements' bytes are the segment's, little-endian.
    func initialize(_ d: UInt64, fromData data: [UInt8], _ s: UInt64, _ n: UInt64) throws(ExecutionError) {
        guard contains(d, n) else { throw ArrayObject.bounds }
        let (bytes, overflow) = n.multipliedReportingOverflow(by: UInt64(storage.bytes))
        guard !overflow, MemoryInstance.inRange(s, bytes, UInt64(data.count)) else {
            throw .trap("out of bounds memory access")
        }
        guard bytes > 0 else { return }
        data.withUnsafeBytes { src in
            element(Int(d)).copyMemory(from: src.baseAddress.unsafelyUnwrapped + Int(s), byteCount: Int(bytes))
        }
    }

    /// `array.init_elem` and `array.new_elem`: `n` elements from `d` taken from an
    /// element segment at `s`.
    func initialize(_ d: UInt64, fromElem elem: [UInt64], _ s: UInt64, _ n: UInt64) throws(ExecutionError) {
        guard contains(d, n) else { throw ArrayObject.bounds }
        guard MemoryInstance.inRange(s, n, UInt64(elem.count)) else { throw .trap("out of bounds table access") }
        for i in 0..<Int(n) { storage.store(V128(lo: elem[Int(s) + i], hi: 0), element(Int(d) + i)) }
    }
}
