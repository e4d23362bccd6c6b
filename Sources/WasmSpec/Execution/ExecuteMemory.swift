// Memory instructions outside the step loop's fast path (§4.4.7): any memory, vector
// loads and stores, lane accesses, and the bulk operations.

extension Executor {
    private static let oob = ExecutionError.trap("out of bounds memory access")

    /// A load through the memarg table: any memory and any load, vectors included.
    func load(_ access: MemoryAccess, _ inst: ModuleInstance, _ sp: UnsafeMutablePointer<UInt64>)
        throws(ExecutionError) -> UnsafeMutablePointer<UInt64>
    {
        let m = inst.memories[Int(access.memory)]
        let op = LoadOp(rawValue: access.op) ?? .i32Load
        let size: UInt64
        switch op {
        case .i32Load, .f32Load, .i64Load32S, .i64Load32U, .v128Load32Splat, .v128Load32Zero: size = 4
        case .i64Load, .f64Load, .v128Load8x8S, .v128Load8x8U, .v128Load16x4S, .v128Load16x4U,
            .v128Load32x2S, .v128Load32x2U, .v128Load64Splat, .v128Load64Zero:
            size = 8
        case .i32Load8S, .i32Load8U, .i64Load8S, .i64Load8U, .v128Load8Splat: size = 1
        case .i32Load16S, .i32Load16U, .i64Load16S, .i64Load16U, .v128Load16Splat: size = 2
        case .v128Load: size = 16
        }
        let a = try Executor.address(sp[-1], access.offset, size, m.byteCount)
        let base = m.base.unsafelyUnwrapped
        var bits: UInt64 = 0
        switch size {
        case 1: bits = UInt64(base.load(fromByteOffset: a, as: UInt8.self))
        case 2: bits = UInt64(base.loadUnaligned(fromByteOffset: a, as: UInt16.self))
        case 4: bits = UInt64(base.loadUnaligned(fromByteOffset: a, as: UInt32.self))
        default: bits = base.loadUnaligned(fromByteOffset: a, as: UInt64.self)
        }
        switch op {
        case .v128Load:
            sp[-1] = bits
            sp[0] = base.loadUnaligned(fromByteOffset: a + 8, as: UInt64.self)
            return sp + 1
        case .i32Load8S: sp[-1] = UInt64(UInt32(bitPattern: Int32(Int8(truncatingIfNeeded: bits))))
        case .i32Load16S: sp[-1] = UInt64(UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: bits))))
        case .i64Load8S: sp[-1] = UInt64(bitPattern: Int64(Int8(truncatingIfNeeded: bits)))
        case .i64Load16S: sp[-1] = UInt64(bitPattern: Int64(Int16(truncatingIfNeeded: bits)))
        case .i64Load32S: sp[-1] = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: bits)))
        default:
            if let v = Numerics.vectorLoad(op, bits) {
                sp[-1] = v.lo
                sp[0] = v.hi
                return sp + 1
            }
            sp[-1] = bits
        }
        return sp
    }

    /// A store through the memarg table.
    func store(_ access: MemoryAccess, _ inst: ModuleInstance, _ spIn: UnsafeMutablePointer<UInt64>)
        throws(ExecutionError) -> UnsafeMutablePointer<UInt64>
    {
        let m = inst.memories[Int(access.memory)]
        let op = StoreOp(rawValue: access.op) ?? .i32Store
        if op == .v128Store {
            let sp = spIn - 3
            let a = try Executor.address(sp[0], access.offset, 16, m.byteCount)
            let base = m.base.unsafelyUnwrapped
            base.storeBytes(of: sp[1], toByteOffset: a, as: UInt64.self)
            base.storeBytes(of: sp[2], toByteOffset: a + 8, as: UInt64.self)
            return sp
        }
        let sp = spIn - 2
        let value = sp[1]
        let size: UInt64
        switch op {
        case .i32Store8, .i64Store8: size = 1
        case .i32Store16, .i64Store16: size = 2
        case .i32Store, .f32Store, .i64Store32: size = 4
        default: size = 8
        }
        let a = try Executor.address(sp[0], access.offset, size, m.byteCount)
        let base = m.base.unsafelyUnwrapped
        switch size {
        case 1: base.storeBytes(of: UInt8(truncatingIfNeeded: value), toByteOffset: a, as: UInt8.self)
        case 2: base.storeBytes(of: UInt16(truncatingIfNeeded: value), toByteOffset: a, as: UInt16.self)
        case 4: base.storeBytes(of: UInt32(truncatingIfNeeded: value), toByteOffset: a, as: UInt32.self)
        default: base.storeBytes(of: value, toByteOffset: a, as: UInt64.self)
        }
        return sp
    }

    /// `v128.loadN_lane` and `v128.storeN_lane`.
    func laneMemory(_ access: MemoryAccess, _ inst: ModuleInstance, _ spIn: UnsafeMutablePointer<UInt64>)
        throws(ExecutionError) -> UnsafeMutablePointer<UInt64>
    {
        let m = inst.memories[Int(access.memory)]
        let op = LaneMemoryOp(rawValue: access.op) ?? .v128Load8Lane
        let size = UInt64(op.packSize.bytes)
        let sp = spIn - 3
        var v = V128(lo: sp[1], hi: sp[2])
        let a = try Executor.address(sp[0], access.offset, size, m.byteCount)
        let base = m.base.unsafelyUnwrapped
        let byte = Int(access.lane) * Int(size)
        if op.isStore {
            for i in 0..<Int(size) {
                base.storeBytes(of: v[byte: byte + i], toByteOffset: a + i, as: UInt8.self)
            }
            return sp
        }
        for i in 0..<Int(size) {
            v[byte: byte + i] = base.load(fromByteOffset: a + i, as: UInt8.self)
        }
        sp[0] = v.lo
        sp[1] = v.hi
        return sp + 2
    }

    /// `memory.grow`, `memory.fill`, `memory.copy` and `memory.init` (§4.4.7).
    func memoryInstruction(_ op: Op, _ inst: ModuleInstance, _ spIn: UnsafeMutablePointer<UInt64>)
        throws(ExecutionError) -> UnsafeMutablePointer<UInt64>
    {
        var sp = spIn
        switch op.code {
        case .memoryGrow:
            let m = inst.memories[Int(op.a)]
            let delta = sp[-1]
            let minusOne: UInt64 = m.type.addrType == .i32 ? 0xFFFF_FFFF : UInt64.max
            sp[-1] = m.grow(by: delta) ?? minusOne
        case .memoryFill:
            sp -= 3
            let m = inst.memories[Int(op.a)]
            let (d, value, n) = (sp[0], UInt8(truncatingIfNeeded: sp[1]), sp[2])
            guard d <= m.byteCount, n <= m.byteCount - d else { throw Executor.oob }
            if n > 0 { (m.base.unsafelyUnwrapped + Int(d)).initializeMemory(as: UInt8.self, repeating: value, count: Int(n)) }
        case .memoryCopy:
            sp -= 3
            let dst = inst.memories[Int(op.a)]
            let src = inst.memories[Int(op.b)]
            let (d, s, n) = (sp[0], sp[1], sp[2])
            guard d <= dst.byteCount, n <= dst.byteCount - d, s <= src.byteCount, n <= src.byteCount - s
            else { throw Executor.oob }
            if n > 0 {
                (dst.base.unsafelyUnwrapped + Int(d)).copyMemory(from: src.base.unsafelyUnwrapped + Int(s), byteCount: Int(n))
            }
        case .memoryInit:
            sp -= 3
            let m = inst.memories[Int(op.a)]
            let data = inst.datas[Int(op.b)]
            let (d, s, n) = (sp[0], sp[1], sp[2])
            guard d <= m.byteCount, n <= m.byteCount - d, s <= UInt64(data.count), n <= UInt64(data.count) - s
            else { throw Executor.oob }
            if n > 0 {
                data.withUnsafeBytes { bytes in
                    (m.base.unsafelyUnwrapped + Int(d)).copyMemory(
                        from: bytes.baseAddress.unsafelyUnwrapped + Int(s), byteCount: Int(n))
                }
            }
        default:
            break
        }
        return sp
    }
}
