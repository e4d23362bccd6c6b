// Struct and array instructions (§4.6.9), through the runtime's aggregate operations
// (Runtime/AggregateAccess.swift).

extension Executor {
    private static let nullStruct = ExecutionError.trap("null structure reference")
    private static let nullArray = ExecutionError.trap("null array reference")

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

    /// The value in the slots at `p`: one slot, or two for a v128 element.
    @inline(__always)
    private static func value(_ p: UnsafeMutablePointer<UInt64>, _ storage: FieldStorage) -> V128 {
        V128(lo: p[0], hi: storage == .v128 ? p[1] : 0)
    }

    /// Writes a value's slots at `p`.
    @inline(__always)
    private static func put(_ v: V128, _ p: UnsafeMutablePointer<UInt64>, _ storage: FieldStorage) {
        p[0] = v.lo
        if storage == .v128 { p[1] = v.hi }
    }

    /// An i32 operand as an array index or count.
    @inline(__always)
    private static func u32(_ slot: UInt64) -> UInt64 { UInt64(UInt32(truncatingIfNeeded: slot)) }

    /// The bytes of the new object an op allocates, for the collector, or nil for an op
    /// that allocates none; read from its operands before it takes them.
    private static func allocation(_ op: Op, _ inst: ModuleInstance, _ args: UnsafeMutablePointer<UInt64>) -> Int? {
        switch op.code {
        case .structNew, .structNewDefault: return inst.layout(op.a).structBytes
        case .arrayNew:
            let element = inst.layout(op.a).element
            return Int(u32(args[element.slots])) * element.bytes
        case .arrayNewDefault: return Int(u32(args[0])) * inst.layout(op.a).element.bytes
        case .arrayNewFixed: return Int(op.b) * inst.layout(op.a).element.bytes
        case .arrayNewData, .arrayNewElem: return Int(u32(args[1])) * inst.layout(op.a).element.bytes
        default: return nil
        }
    }

    /// `op` carries the instruction's immediates in `a` and `b` (see `Op.immediates`);
    /// `args` is the first operand's slot, and the results are written from there; `top`
    /// is the end of the running frame, for the collector.
    func aggregateInstruction(
        _ op: Op, _ inst: ModuleInstance, _ args: UnsafeMutablePointer<UInt64>, top: UnsafeMutablePointer<UInt64>
    ) throws(ExecutionError) {
        if let bytes = Executor.allocation(op, inst, args) { try heapRoom(bytes, top: top) }
        switch op.code {
        case .structNew, .structNewDefault:
            let layout = inst.layout(op.a)
            let s = try inst.newStruct(op.a)
            if op.code == .structNew {
                for field in layout.fields { s.set(field, Executor.value(args + field.slot, field.storage)) }
            }
            args[0] = store.allocate(s)
        case .structGet:
            let s = try structObject(args[0])
            let field = inst.layout(op.a).fields[Int(op.b & 0xFF_FFFF)]
            Executor.put(s.get(field, signed: op.b >> 24 == 1), args, field.storage)
        case .structSet:
            let field = inst.layout(op.a).fields[Int(op.b)]
            let s = try structObject(args[0])
            s.set(field, Executor.value(args + 1, field.storage))
        case .arrayNew:
            let storage = inst.layout(op.a).element
            let a = try inst.newArray(op.a, length: Executor.u32(args[storage.slots]))
            try a.fill(0, Executor.value(args, storage), UInt64(a.length))
            args[0] = store.allocate(a)
        case .arrayNewDefault:
            args[0] = store.allocate(try inst.newArray(op.a, length: Executor.u32(args[0])))
        case .arrayNewFixed:
            let a = try inst.newArray(op.a, length: UInt64(op.b))
            let w = a.storage.slots
            for i in 0..<Int(a.length) { try a.set(UInt64(i), Executor.value(args + i * w, a.storage)) }
            args[0] = store.allocate(a)
        case .arrayNewData:
            let (s, n) = (args[0], Executor.u32(args[1]))
            let size = inst.layout(op.a).element.bytes
            let data = inst.datas[Int(op.b)]
            guard MemoryInstance.inRange(s, n * UInt64(size), UInt64(data.count)) else {
                throw .trap("out of bounds memory access")
            }
            let a = try inst.newArray(op.a, length: n)
            try a.initialize(0, fromData: data, s, n)
            args[0] = store.allocate(a)
        case .arrayNewElem:
            let (s, n) = (args[0], Executor.u32(args[1]))
            let elem = inst.elems[Int(op.b)]
            guard MemoryInstance.inRange(s, n, UInt64(elem.count)) else { throw .trap("out of bounds table access") }
            let a = try inst.newArray(op.a, length: n)
            try a.initialize(0, fromElem: elem, s, n)
            args[0] = store.allocate(a)
        case .arrayGet:
            let a = try arrayObject(args[0])
            Executor.put(try a.get(Executor.u32(args[1]), signed: op.b == 1), args, a.storage)
        case .arraySet:
            let a = try arrayObject(args[0])
            try a.set(Executor.u32(args[1]), Executor.value(args + 2, a.storage))
        case .arrayLen:
            args[0] = UInt64(try arrayObject(args[0]).length)
        case .arrayFill:
            let w = inst.layout(op.a).element.slots
            let a = try arrayObject(args[0])
            try a.fill(Executor.u32(args[1]), Executor.value(args + 2, a.storage), Executor.u32(args[2 + w]))
        case .arrayCopy:
            let dst = try arrayObject(args[0])
            let src = try arrayObject(args[2])
            try dst.copy(Executor.u32(args[1]), from: src, Executor.u32(args[3]), Executor.u32(args[4]))
        case .arrayInitData:
            let a = try arrayObject(args[0])
            try a.initialize(
                Executor.u32(args[1]), fromData: inst.datas[Int(op.b)], Executor.u32(args[2]), Executor.u32(args[3]))
        case .arrayInitElem:
            let a = try arrayObject(args[0])
            try a.initialize(
                Executor.u32(args[1]), fromElem: inst.elems[Int(op.b)], Executor.u32(args[2]), Executor.u32(args[3]))
        default:
            break
        }
    }
}
