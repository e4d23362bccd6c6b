// Memory instructions outside the step loop's fast path (§4.4.7): any memory, vector
// loads and stores, lane accesses, and the bulk operations.

extension Executor {
    private static let oob = ExecutionError.trap("out of bounds memory access")

    /// A load through the memarg table: any memory and any load, vectors included.
    func load(_ access: MemoryAccess, _ inst: ModuleInstance, _ args: UnsafeMutablePointer<UInt64>)
        throws(ExecutionError)
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
        let a = try Executor.address(args[0], access.offset, size, m.byteCount)
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
            args[0] = bits
            args[1] = base.loadUnaligned(fromByteOffset: a + 8, as: UInt64.self)
        case .i32Load8S: args[0] = UInt64(UInt32(bitPattern: Int32(Int8(truncatingIfNeeded: bits))))
        case .i32Load16S: args[0] = UInt64(UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: bits))))
        case .i64Load8S: args[0] = UInt64(bitPattern: Int64(Int8(truncatingIfNeeded: bits)))
        case .i64Load16S: args[0] = UInt64(bitPattern: Int64(Int16(truncatingIfNeeded: bits)))
        case .i64Load32S: args[0] = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: bits)))
        default:
            if let v = Numerics.vectorLoad(op, bits) {
                args[0] = v.lo
                args[1] = v.hi
            } else {
                args[0] = bits
            }
        }
    }

    /// A store through the memarg table.
    func store(_ access: MemoryAccess, _ inst: ModuleInstance, _ args: UnsafeMutablePointer<UInt64>)
        throws(ExecutionError)
    {
        let m = inst.memories[Int(access.memory)]
        let op = StoreOp(rawValue: access.op) ?? .i32Store
        if op == .v128Store {
            let a = try Executor.address(args[0], access.offset, 16, m.byteCount)
            let base = m.base.unsafelyUnwrapped
            base.storeBytes(of: args[1], toByteOffset: a, as: UInt64.self)
            base.storeBytes(of: args[2], toByteOffset: a + 8, as: UInt64.self)
            return
        }
        let value = args[1]
        let size: UInt64
        switch op {
        case .i32Store8, .i64Store8: size = 1
        case .i32Store16, .i64Store16: size = 2
        case .i32Store, .f32Store, .i64Store32: size = 4
        default: size = 8
        }
        let a = try Executor.address(args[0], access.offset, size, m.byteCount)
        let base = m.base.unsafelyUnwrapped
        switch size {
        case 1: base.storeBytes(of: UInt8(truncatingIfNeeded: value), toByteOffset: a, as: UInt8.self)
        case 2: base.storeBytes(of: UInt16(truncatingIfNeeded: value), toByteOffset: a, as: UInt16.self)
        case 4: base.storeBytes(of: UInt32(truncatingIfNeeded: value), toByteOffset: a, as: UInt32.self)
        default: base.storeBytes(of: value, toByteOffset: a, as: UInt64.self)
        }
    }

    /// `v128.loadN_lane` and `v128.storeN_lane`.
    func laneMemory(_ access: MemoryAccess, _ inst: ModuleInstance, _ args: UnsafeMutablePointer<UInt64>)
        throws(ExecutionError)
    {
        let m = inst.memories[Int(access.memory)]
        let op = LaneMemoryOp(rawValue: access.op) ?? .v128Load8Lane
        let size = UInt64(op.packSize.bytes)
        var v = V128(lo: args[1], hi: args[2])
        let a = try Executor.address(args[0], access.offset, size, m.byteCount)
        let base = m.base.unsafelyUnwrapped
        let byte = Int(access.lane) * Int(size)
        if op.isStore {
            for i in 0..<Int(size) {
                base.storeBytes(of: v[byte: byte + i], toByteOffset: a + i, as: UInt8.self)
            }
            return
        }
        for i in 0..<Int(size) {
            v[byte: byte + i] = base.load(fromByteOffset: a + i, as: UInt8.self)
        }
        args[0] = v.lo
        args[1] = v.hi
    }

    /// `memory.grow`, `memory.fill`, `memory.copy` and `memory.init` (§4.4.7).
    func memoryInstruction(_ op: Op, _ inst: ModuleInstance, _ args: UnsafeMutablePointer<UInt64>)
        throws(ExecutionError)
    {
        switch op.code {
        case .memoryGrow:
            let m = inst.memories[Int(op.a)]
            let delta = args[0]
            let minusOne: UInt64 = m.type.addrType == .i32 ? 0xFFFF_FFFF : UInt64.max
            args[0] = m.grow(by: delta) ?? minusOne
        case .memoryFill:
            let m = inst.memories[Int(op.a)]
            let (d, value, n) = (args[0], UInt8(truncatingIfNeeded: args[1]), args[2])
            guard Executor.inRange(d, n, m.byteCount) else { throw Executor.oob }
            if n > 0 { (m.base.unsafelyUnwrapped + Int(d)).initializeMemory(as: UInt8.self, repeating: value, count: Int(n)) }
        case .memoryCopy:
            let dst = inst.memories[Int(op.a)]
            let src = inst.memories[Int(op.b)]
            let (d, s, n) = (args[0], args[1], args[2])
            guard Executor.inRange(d, n, dst.byteCount), Executor.inRange(s, n, src.byteCount)
            else { throw Executor.oob }
            if n > 0 {
                (dst.base.unsafelyUnwrapped + Int(d)).copyMemory(from: src.base.unsafelyUnwrapped + Int(s), byteCount: Int(n))
            }
        case .memoryInit:
            let m = inst.memories[Int(op.a)]
            let data = inst.datas[Int(op.b)]
            let (d, s, n) = (args[0], args[1], args[2])
            guard Executor.inRange(d, n, m.byteCount), Executor.inRange(s, n, UInt64(data.count))
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
    }
}
