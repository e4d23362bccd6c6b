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
        case .value, .v128: value
        }
    }

    /// A packed field read as an i32, sign-extended when `signed` (§4.5 `unpack`).
    @inline(__always)
    func extend(_ value: UInt64, signed: Bool) -> UInt64 {
        guard signed else { return value }
        switch self {
        case .i8: return UInt64(UInt32(bitPattern: Int32(Int8(truncatingIfNeeded: value))))
        case .i16: return UInt64(UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: value))))
        case .value, .v128: return value
        }
    }
}

extension StructObject {
    /// `struct.get`: field `i`'s value, extended as asked for a packed field.
    func get(_ field: (storage: FieldStorage, slot: Int), signed: Bool) -> V128 {
        let lo = field.storage.extend(fields[field.slot], signed: signed)
        return V128(lo: lo, hi: field.storage == .v128 ? fields[field.slot + 1] : 0)
    }

    /// `struct.set` and `struct.new`: field `i` set to a value, packed as its storage.
    func set(_ field: (storage: FieldStorage, slot: Int), _ v: V128) {
        fields[field.slot] = field.storage.wrap(v.lo)
        if field.storage == .v128 { fields[field.slot + 1] = v.hi }
    }
}

extension ModuleInstance {
    /// A new array of type index `x` and `length` default elements (all bits zero), or
    /// the trap an allocation the host cannot serve becomes. (The reference interpreter
    /// dies of OCaml's `Out_of_memory` here; its memories and tables report the same
    /// condition as "out of memory".) Beyond `maxLength` it traps without asking.
    func newArray(_ x: UInt32, length: UInt64) throws(ExecutionError) -> ArrayObject {
        guard length <= ArrayObject.maxLength,
            let a = ArrayObject(type: types[Int(x)], length: UInt32(length), storage: layout(x).element)
        else { throw .trap("out of memory") }
        return a
    }

    /// A new structure of type index `x` with every field zero, or the out-of-memory
    /// trap.
    func newStruct(_ x: UInt32) throws(ExecutionError) -> StructObject {
        guard let s = StructObject(type: types[Int(x)], slots: layout(x).structSlots) else {
            throw .trap("out of memory")
        }
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

    /// `array.get`: element `i`, extended as asked for a packed element.
    func get(_ i: UInt64, signed: Bool) throws(ExecutionError) -> V128 {
        guard i < UInt64(length) else { throw ArrayObject.bounds }
        let w = storage.slots
        let lo = storage.extend(elements[Int(i) * w], signed: signed)
        return V128(lo: lo, hi: w == 2 ? elements[Int(i) * 2 + 1] : 0)
    }

    /// `array.set`: element `i` set to a value, packed as the array's storage.
    func set(_ i: UInt64, _ v: V128) throws(ExecutionError) {
        guard i < UInt64(length) else { throw ArrayObject.bounds }
        store(Int(i), v)
    }

    /// Stores element `i`, inside the array.
    @inline(__always)
    private func store(_ i: Int, _ v: V128) {
        let w = storage.slots
        elements[i * w] = storage.wrap(v.lo)
        if w == 2 { elements[i * w + 1] = v.hi }
    }

    /// `array.fill` and `array.new`: `n` elements from `d` set to a value.
    func fill(_ d: UInt64, _ v: V128, _ n: UInt64) throws(ExecutionError) {
        guard contains(d, n) else { throw ArrayObject.bounds }
        for i in Int(d)..<Int(d + n) { store(i, v) }
    }

    /// `array.copy`: `n` elements from `s` in `source` to `d` here, as if through a
    /// buffer when they overlap.
    func copy(_ d: UInt64, from source: ArrayObject, _ s: UInt64, _ n: UInt64) throws(ExecutionError) {
        guard source.contains(s, n), contains(d, n) else { throw ArrayObject.bounds }
        let w = storage.slots
        if n > 0 {
            (elements + Int(d) * w).update(from: source.elements + Int(s) * w, count: Int(n) * w)
        }
    }

    /// `array.init_data` and `array.new_data`: `n` elements from `d` read from a data
    /// segment at byte `s`, `elementSize` bytes each, little-endian.
    func initialize(_ d: UInt64, fromData data: [UInt8], _ s: UInt64, _ n: UInt64, elementSize: Int)
        throws(ExecutionError)
    {
        guard contains(d, n) else { throw ArrayObject.bounds }
        let (bytes, overflow) = n.multipliedReportingOverflow(by: UInt64(elementSize))
        guard !overflow, MemoryInstance.inRange(s, bytes, UInt64(data.count)) else {
            throw .trap("out of bounds memory access")
        }
        for i in 0..<Int(n) {
            let start = Int(s) + i * elementSize
            var v = V128.zero
            for k in 0..<elementSize { v[byte: k] = data[start + k] }
            store(Int(d) + i, v)
        }
    }

    /// `array.init_elem` and `array.new_elem`: `n` elements from `d` taken from an
    /// element segment at `s`.
    func initialize(_ d: UInt64, fromElem elem: [UInt64], _ s: UInt64, _ n: UInt64) throws(ExecutionError) {
        guard contains(d, n) else { throw ArrayObject.bounds }
        guard MemoryInstance.inRange(s, n, UInt64(elem.count)) else { throw .trap("out of bounds table access") }
        for i in 0..<Int(n) { elements[Int(d) + i] = elem[Int(s) + i] }
    }
}
