// Aggregate instructions (§4.6.9, the `struct.*` and `array.*` rules), through the
// runtime's aggregate operations (Runtime/AggregateAccess.swift), which the compiled
// engine shares.

extension Configuration {
    /// The fields of the struct type, or the element of the array type, at index `x`.
    private mutating func fieldTypes(_ x: UInt32) throws(ExecutionError) -> [FieldType] {
        let dt = try lookup(instance.types, x, "type")
        switch dt.expanded {
        case .struct(let fs): return fs
        case .array(let f): return [f]
        case .func: throw .crash("type \(x) is not an aggregate type")
        }
    }

    /// The kind of the values a field of the given type holds (packed ones are i32s).
    @inline(__always)
    private mutating func kind(_ f: FieldType) -> Val.Kind { Val.Kind(f.storage.unpacked) }

    /// The field `i` of struct type `x`, with its layout.
    private mutating func field(_ x: UInt32, _ i: UInt32) throws(ExecutionError)
        -> (type: FieldType, layout: AggregateLayout.Field)
    {
        let fs = try fieldTypes(x)
        let fields = instance.layout(x).fields
        guard fields.count == fs.count else { throw .crash("type \(x) is not a structure type") }
        guard Int(i) < fs.count else { throw .crash("undefined field \(i)") }
        return (fs[Int(i)], fields[Int(i)])
    }

    /// The structure a reference denotes, which must be of struct type `x` (or a
    /// subtype), so that its fields are laid out as `x`'s.
    private mutating func structObject(_ r: UInt64, _ x: UInt32) throws(ExecutionError) -> StructObject {
        guard r != RefSlot.null else { throw .trap("null structure reference") }
        guard !RefSlot.isI31(r), let s = RefSlot.object(r) as? StructObject else { throw .crash("type mismatch: not a structure") }
        guard instanceRef._withUnsafeGuaranteedRef({ $0.hasType(s.type, x) }) else { throw .crash("type mismatch: structure not of type \(x)") }
        return s
    }

    /// The array a reference denotes, which must be of array type `x` (or a subtype)
    /// when one is named, so that its elements are of `x`'s element type.
    private mutating func arrayObject(_ r: UInt64, _ x: UInt32?) throws(ExecutionError) -> ArrayObject {
        guard r != RefSlot.null else { throw .trap("null array reference") }
        guard !RefSlot.isI31(r), let a = RefSlot.object(r) as? ArrayObject else { throw .crash("type mismatch: not an array") }
        if let x, !instanceRef._withUnsafeGuaranteedRef({ $0.hasType(a.type, x) }) { throw .crash("type mismatch: array not of type \(x)") }
        return a
    }

    /// Rules: Step/struct.new, Step_read/struct.new_default
    /// `struct.new x` takes a value for each field and pushes a new structure holding
    /// them; `struct.new_default x` one holding the fields' default values.
    mutating func structNew(_ x: UInt32, defaults: Bool) throws(ExecutionError) {
        let fs = try fieldTypes(x)
        let layout = instance.layout(x)
        guard layout.fields.count == fs.count else { throw .crash("type \(x) is not a structure type") }
        try heapRoom(layout.structBytes)
        let s = try instance.newStruct(x)
        if !defaults {
            let start = try take(fs.count)
            for (k, f) in fs.enumerated() {
                let v = values[start + k]
                guard v.kind == kind(f) else { throw .crash("type mismatch packing value") }
                s.set(layout.fields[k], v.v128)
            }
            sp = start
        }
        try push(.ref(store.allocate(s)))
    }

    /// Rules: Step_read/struct.get-null, Step_read/struct.get-struct
    /// `struct.get_sx x i` pushes field `i` of a structure; a null traps.
    mutating func structGet(_ x: UInt32, _ i: UInt32, _ sx: Signedness?) throws(ExecutionError) {
        let (f, layout) = try field(x, i)
        let s = try structObject(try popRef(), x)
        try push(value(s.get(layout, signed: sx == .s), kind(f)))
    }

    /// Rules: Step/struct.set-null, Step/struct.set-struct
    /// `struct.set x i` takes a structure and a value and sets field `i`.
    mutating func structSet(_ x: UInt32, _ i: UInt32) throws(ExecutionError) {
        let (f, layout) = try field(x, i)
        let v = try pop(kind(f))
        try structObject(try popRef(), x).set(layout, v.v128)
    }

    /// A field's or element's value as a stack value of the given kind.
    @inline(__always)
    private mutating func value(_ v: V128, _ kind: Val.Kind) -> Val {
        kind == .v128 ? .v128(v) : kind == .ref ? .ref(v.lo) : .number(kind, v.lo)
    }

    /// The element type of array type `x`.
    private mutating func element(_ x: UInt32) throws(ExecutionError) -> FieldType {
        let fs = try fieldTypes(x)
        guard case .array = try lookup(instance.types, x, "type").expanded, let f = fs.first else {
            throw .crash("type \(x) is not an array type")
        }
        return f
    }

    /// Rules: Step_pure/array.new, Step_read/array.new_default, Step/array.new_fixed
    /// `array.new x` takes a value and a length and pushes a new array of that many
    /// copies; `array.new_default x` of default values; `array.new_fixed x n` of the
    /// top `n` values.
    mutating func arrayNew(_ x: UInt32, fixed: UInt32? = nil, defaults: Bool = false) throws(ExecutionError) {
        let f = try element(x)
        let bytes = instance.layout(x).element.bytes
        if let n = fixed {
            let start = try take(Int(n))
            try heapRoom(Int(n) * bytes)
            let a = try instance.newArray(x, length: UInt64(n))
            for k in 0..<Int(n) {
                let v = values[start + k]
                guard v.kind == kind(f) else { throw .crash("type mismatch packing value") }
                try a.set(UInt64(k), v.v128)
            }
            sp = start
            return try push(.ref(store.allocate(a)))
        }
        let n = UInt32(truncatingIfNeeded: try peek(.i32).bits)
        try heapRoom(Int(n) * bytes)
        _ = try popI32()
        let a = try instance.newArray(x, length: UInt64(n))
        if !defaults { try a.fill(0, try pop(kind(f)).v128, UInt64(n)) }
        try push(.ref(store.allocate(a)))
    }

    /// Rules: Step_read/array.new_data-oob, Step_read/array.new_data-num
    /// `array.new_data x y` takes an offset and a length and pushes a new array whose
    /// elements are read from data segment `y`.
    mutating func arrayNewData(_ x: UInt32, _ y: UInt32) throws(ExecutionError) {
        guard kind(try element(x)) != .ref else { throw .crash("type mismatch packing value") }
        let data = try lookup(instance.datas, y, "data segment")
        let n = UInt64(try popI32())
        let s = UInt64(try popI32())
        let size = instance.layout(x).element.bytes
        guard MemoryInstance.inRange(s, n * UInt64(size), UInt64(data.count)) else {
            throw .trap("out of bounds memory access")
        }
        try heapRoom(Int(n) * size)
        let a = try instance.newArray(x, length: n)
        try a.initialize(0, fromData: data, s, n)
        try push(.ref(store.allocate(a)))
    }

    /// Rules: Step_read/array.new_elem-oob, Step_read/array.new_elem-alloc
    /// `array.new_elem x y` takes an offset and a length and pushes a new array of the
    /// references of element segment `y` there.
    mutating func arrayNewElem(_ x: UInt32, _ y: UInt32) throws(ExecutionError) {
        guard kind(try element(x)) == .ref else { throw .crash("type mismatch packing value") }
        let elem = try lookup(instance.elems, y, "element segment")
        let n = UInt64(try popI32())
        let s = UInt64(try popI32())
        guard MemoryInstance.inRange(s, n, UInt64(elem.count)) else { throw .trap("out of bounds table access") }
        try heapRoom(Int(n) * 8)
        let a = try instance.newArray(x, length: n)
        try a.initialize(0, fromElem: elem, s, n)
        try push(.ref(store.allocate(a)))
    }

    /// Rules: Step_read/array.get-null, Step_read/array.get-oob, Step_read/array.get-array
    /// `array.get_sx x` takes an array and an index and pushes that element.
    mutating func arrayGet(_ x: UInt32, _ sx: Signedness?) throws(ExecutionError) {
        let f = try element(x)
        let i = UInt64(try popI32())
        let a = try arrayObject(try popRef(), x)
        try push(value(try a.get(i, signed: sx == .s), kind(f)))
    }

    /// Rules: Step/array.set-null, Step/array.set-oob, Step/array.set-array
    /// `array.set x` takes an array, an index and a value and sets that element.
    mutating func arraySet(_ x: UInt32) throws(ExecutionError) {
        let f = try element(x)
        let v = try pop(kind(f))
        let i = UInt64(try popI32())
        try arrayObject(try popRef(), x).set(i, v.v128)
    }

    /// Rules: Step_read/array.len-null, Step_read/array.len-array
    /// `array.len` pushes an array's length.
    mutating func arrayLen() throws(ExecutionError) {
        try push(.i32(try arrayObject(try popRef(), nil).length))
    }

    /// Rules: Step_read/array.fill-null, Step_read/array.fill-oob,
    /// Step_read/array.fill-zero, Step_read/array.fill-succ
    /// `array.fill x` takes an array, an index, a value and a count and sets that many
    /// elements. (One step here does what the specification does one element a step.)
    mutating func arrayFill(_ x: UInt32) throws(ExecutionError) {
        let f = try element(x)
        let n = UInt64(try popI32())
        let v = try pop(kind(f))
        let d = UInt64(try popI32())
        try arrayObject(try popRef(), x).fill(d, v.v128, n)
    }

    /// Rules: Step_read/array.copy-null1, Step_read/array.copy-null2,
    /// Step_read/array.copy-oob1, Step_read/array.copy-oob2, Step_read/array.copy-zero,
    /// Step_read/array.copy-le, Step_read/array.copy-gt
    /// `array.copy x y` copies a count of elements between two arrays.
    mutating func arrayCopy(_ x: UInt32, _ y: UInt32) throws(ExecutionError) {
        let fx = try element(x)
        let fy = try element(y)
        // Elements are copied slot by slot: both arrays must store them alike.
        guard kind(fx) == kind(fy), FieldStorage(fx.storage) == FieldStorage(fy.storage) else {
            throw .crash("type mismatch: array types \(x) and \(y) have different elements")
        }
        let n = UInt64(try popI32())
        let s = UInt64(try popI32())
        let src = try popRef()
        let d = UInt64(try popI32())
        let dst = try arrayObject(try popRef(), x)
        try dst.copy(d, from: try arrayObject(src, y), s, n)
    }

    /// Rules: Step_read/array.init_data-null, Step_read/array.init_data-oob1,
    /// Step_read/array.init_data-oob2, Step_read/array.init_data-zero,
    /// Step_read/array.init_data-num
    /// `array.init_data x y` reads a count of elements from data segment `y` into an
    /// array.
    mutating func arrayInitData(_ x: UInt32, _ y: UInt32) throws(ExecutionError) {
        guard kind(try element(x)) != .ref else { throw .crash("type mismatch packing value") }
        let data = try lookup(instance.datas, y, "data segment")
        let n = UInt64(try popI32())
        let s = UInt64(try popI32())
        let d = UInt64(try popI32())
        let a = try arrayObject(try popRef(), x)
        try a.initialize(d, fromData: data, s, n)
    }

    /// Rules: Step_read/array.init_elem-null, Step_read/array.init_elem-oob1,
    /// Step_read/array.init_elem-oob2, Step_read/array.init_elem-zero,
    /// Step_read/array.init_elem-succ
    /// `array.init_elem x y` copies a count of references of element segment `y` into
    /// an array.
    mutating func arrayInitElem(_ x: UInt32, _ y: UInt32) throws(ExecutionError) {
        guard kind(try element(x)) == .ref else { throw .crash("type mismatch packing value") }
        let elem = try lookup(instance.elems, y, "element segment")
        let n = UInt64(try popI32())
        let s = UInt64(try popI32())
        let d = UInt64(try popI32())
        let a = try arrayObject(try popRef(), x)
        try a.initialize(d, fromElem: elem, s, n)
    }
}
