// Struct and array instructions (§4.4.3 "Aggregate reference instructions").

extension Executor {
    private static let nullStruct = ExecutionError.trap("null structure reference")
    private static let nullArray = ExecutionError.trap("null array reference")
    private static let arrayBounds = ExecutionError.trap("out of bounds array access")

    private func structObject(_ slot: UInt64) throws(ExecutionError) -> StructObject {
        guard slot != RefSlot.null, !RefSlot.isI31(slot), let s = RefSlot.object(slot) as? StructObject else {
            throw Executor.nullStruct
        }
        return s
    }

    private func arrayObject(_ slot: UInt64) throws(ExecutionError) -> ArrayObject {
        guard slot != RefSlot.null, !RefSlot.isI31(slot), let a = RefSlot.object(slot) as? ArrayObject else {
            throw Executor.nullArray
        }
        return a
    }

    /// Keeps the low bits a packed field stores.
    @inline(__always)
    private static func wrap(_ value: UInt64, _ storage: FieldStorage) -> UInt64 {
        switch storage {
        case .i8: value & 0xFF
        case .i16: value & 0xFFFF
        case .value, .v128: value
        }
    }

    /// Reads a packed field as an i32, extending as asked (1: signed, 2: unsigned).
    @inline(__always)
    private static func extend(_ value: UInt64, _ storage: FieldStorage, _ ext: UInt64) -> UInt64 {
        guard ext == 1 else { return value }
        switch storage {
        case .i8: return UInt64(UInt32(bitPattern: Int32(Int8(truncatingIfNeeded: value))))
        case .i16: return UInt64(UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: value))))
        case .value, .v128: return value
        }
    }

    /// The trap of an allocation the host cannot serve. (The reference interpreter dies
    /// of OCaml's `Out_of_memory` here; its memories and tables report the same
    /// condition as "out of memory".)
    private static let outOfMemory = ExecutionError.trap("out of memory")

    private func newArray(_ inst: ModuleInstance, _ x: UInt32, _ length: UInt64) throws(ExecutionError) -> ArrayObject {
        // Beyond `maxLength` we trap before asking the host for the memory.
        guard length <= ArrayObject.maxLength,
            let a = ArrayObject(type: inst.types[Int(x)], length: UInt32(length), storage: inst.layout(x).element)
        else { throw Executor.outOfMemory }
        return a
    }

    /// `op` carries the instruction's immediates in `a` and `b` (see `Op.immediates`);
    /// `args` is the first operand's slot, and the results are written from there.
    func aggregateInstruction(_ op: Op, _ inst: ModuleInstance, _ args: UnsafeMutablePointer<UInt64>)
        throws(ExecutionError)
    {
        switch op.code {
        case .structNew, .structNewDefault:
            let layout = inst.layout(op.a)
            guard let s = StructObject(type: inst.types[Int(op.a)], slots: layout.structSlots) else {
                throw Executor.outOfMemory
            }
            if op.code == .structNew {
                for (storage, slot) in layout.fields {
                    s.fields[slot] = Executor.wrap(args[slot], storage)
                    if storage == .v128 { s.fields[slot + 1] = args[slot + 1] }
                }
            }
            args[0] = store.allocate(s)
        case .structGet:
            let s = try structObject(args[0])
            let layout = inst.layout(op.a)
            let (storage, slot) = layout.fields[Int(op.b & 0xFF_FFFF)]
            args[0] = Executor.extend(s.fields[slot], storage, UInt64(op.b >> 24))
            if storage == .v128 { args[1] = s.fields[slot + 1] }
        case .structSet:
            let layout = inst.layout(op.a)
            let (storage, slot) = layout.fields[Int(op.b)]
            let s = try structObject(args[0])
            s.fields[slot] = Executor.wrap(args[1], storage)
            if storage == .v128 { s.fields[slot + 1] = args[2] }
        case .arrayNew:
            let w = inst.layout(op.a).element.slots
            let a = try newArray(inst, op.a, UInt64(UInt32(truncatingIfNeeded: args[w])))
            let v0 = Executor.wrap(args[0], a.storage)
            let v1 = w == 2 ? args[1] : 0
            for i in 0..<Int(a.length) {
                a.elements[i * w] = v0
                if w == 2 { a.elements[i * w + 1] = v1 }
            }
            args[0] = store.allocate(a)
        case .arrayNewDefault:
            let a = try newArray(inst, op.a, UInt64(UInt32(truncatingIfNeeded: args[0])))
            args[0] = store.allocate(a)
        case .arrayNewFixed:
            let a = try newArray(inst, op.a, UInt64(op.b))
            let w = a.storage.slots
            for i in 0..<Int(a.length) * w {
                a.elements[i] = w == 2 ? args[i] : Executor.wrap(args[i], a.storage)
            }
            args[0] = store.allocate(a)
        case .arrayNewData:
            let (s, n) = (args[0], UInt64(UInt32(truncatingIfNeeded: args[1])))
            let layout = inst.layout(op.a)
            let data = inst.datas[Int(op.b)]
            let size = UInt64(layout.elementByteSize)
            guard Executor.inRange(s, n * size, UInt64(data.count)) else {
                throw .trap("out of bounds memory access")
            }
            let a = try newArray(inst, op.a, n)
            readData(data, from: Int(s), into: a, at: 0, count: Int(n), elementSize: Int(size))
            args[0] = store.allocate(a)
        case .arrayNewElem:
            let (s, n) = (args[0], UInt64(UInt32(truncatingIfNeeded: args[1])))
            let elem = inst.elems[Int(op.b)]
            guard Executor.inRange(s, n, UInt64(elem.count)) else {
                throw .trap("out of bounds table access")
            }
            let a = try newArray(inst, op.a, n)
            for i in 0..<Int(n) { a.elements[i] = elem[Int(s) + i] }
            args[0] = store.allocate(a)
        case .arrayGet:
            let a = try arrayObject(args[0])
            let i = UInt32(truncatingIfNeeded: args[1])
            guard i < a.length else { throw Executor.arrayBounds }
            let w = a.storage.slots
            args[0] = Executor.extend(a.elements[Int(i) * w], a.storage, UInt64(op.b))
            if w == 2 { args[1] = a.elements[Int(i) * 2 + 1] }
        case .arraySet:
            let a = try arrayObject(args[0])
            let i = UInt32(truncatingIfNeeded: args[1])
            guard i < a.length else { throw Executor.arrayBounds }
            let w = a.storage.slots
            a.elements[Int(i) * w] = Executor.wrap(args[2], a.storage)
            if w == 2 { a.elements[Int(i) * 2 + 1] = args[3] }
        case .arrayLen:
            let a = try arrayObject(args[0])
            args[0] = UInt64(a.length)
        case .arrayFill:
            let w = inst.layout(op.a).element.slots
            let a = try arrayObject(args[0])
            let d = UInt64(UInt32(truncatingIfNeeded: args[1]))
            let n = UInt64(UInt32(truncatingIfNeeded: args[2 + w]))
            guard d + n <= UInt64(a.length) else { throw Executor.arrayBounds }
            let v0 = Executor.wrap(args[2], a.storage)
            let v1 = w == 2 ? args[3] : 0
            for i in Int(d)..<Int(d + n) {
                a.elements[i * w] = v0
                if w == 2 { a.elements[i * w + 1] = v1 }
            }
        case .arrayCopy:
            let dst = try arrayObject(args[0])
            let src = try arrayObject(args[2])
            let d = UInt64(UInt32(truncatingIfNeeded: args[1]))
            let s = UInt64(UInt32(truncatingIfNeeded: args[3]))
            let n = UInt64(UInt32(truncatingIfNeeded: args[4]))
            guard s + n <= UInt64(src.length), d + n <= UInt64(dst.length) else { throw Executor.arrayBounds }
            let w = dst.storage.slots
            if n > 0 {
                (dst.elements + Int(d) * w).update(from: src.elements + Int(s) * w, count: Int(n) * w)
            }
        case .arrayInitData:
            let a = try arrayObject(args[0])
            let d = UInt64(UInt32(truncatingIfNeeded: args[1]))
            let s = args[2]
            let n = UInt64(UInt32(truncatingIfNeeded: args[3]))
            guard d + n <= UInt64(a.length) else { throw Executor.arrayBounds }
            let data = inst.datas[Int(op.b)]
            let size = UInt64(inst.layout(op.a).elementByteSize)
            guard Executor.inRange(s, n * size, UInt64(data.count)) else {
                throw .trap("out of bounds memory access")
            }
            readData(data, from: Int(s), into: a, at: Int(d), count: Int(n), elementSize: Int(size))
        case .arrayInitElem:
            let a = try arrayObject(args[0])
            let d = UInt64(UInt32(truncatingIfNeeded: args[1]))
            let s = args[2]
            let n = UInt64(UInt32(truncatingIfNeeded: args[3]))
            guard d + n <= UInt64(a.length) else { throw Executor.arrayBounds }
            let elem = inst.elems[Int(op.b)]
            guard Executor.inRange(s, n, UInt64(elem.count)) else {
                throw .trap("out of bounds table access")
            }
            for i in 0..<Int(n) { a.elements[Int(d) + i] = elem[Int(s) + i] }
        default:
            break
        }
    }

    /// Copies `count` little-endian elements of `elementSize` bytes from a data segment
    /// into array slots.
    private func readData(_ data: [UInt8], from s: Int, into a: ArrayObject, at d: Int, count: Int, elementSize: Int) {
        let w = a.storage.slots
        for i in 0..<count {
            let start = s + i * elementSize
            var lo: UInt64 = 0
            var hi: UInt64 = 0
            for k in 0..<elementSize {
                let byte = UInt64(data[start + k])
                if k < 8 { lo |= byte << (8 * UInt64(k)) } else { hi |= byte << (8 * UInt64(k - 8)) }
            }
            a.elements[(d + i) * w] = lo
            if w == 2 { a.elements[(d + i) * w + 1] = hi }
        }
    }
}
