// Reading and writing memory instances (§4.6.8 "Memory Instructions"): what a load, a
// store, a lane access and the bulk instructions do to the bytes, with the bounds checks
// that make them trap. Both engines call these; the compiled engine inlines only its
// fast path for memory 0.

extension MemoryInstance {
    /// The effective address of an access of `size` bytes at `i` plus `offset`, or the
    /// out-of-bounds trap: the sum must not overflow and the whole access must lie
    /// inside the memory's `memSize` bytes (§4.6.8 `load-num-oob`).
    @inline(__always)
    static func effectiveAddress(_ i: UInt64, _ offset: UInt64, _ size: UInt64, _ memSize: UInt64)
        throws(ExecutionError) -> Int
    {
        let (ea, overflow) = i.addingReportingOverflow(offset)
        guard !overflow, ea <= memSize, size <= memSize - ea else {
            throw .trap("out of bounds memory access")
        }
        return Int(ea)
    }

    /// Whether `count` elements from `start` lie inside `size` (the bounds check of the
    /// bulk memory, table, segment and array operations), without overflowing.
    @inline(__always)
    static func inRange(_ start: UInt64, _ count: UInt64, _ size: UInt64) -> Bool {
        start <= size && count <= size - start
    }

    /// Bytes each load reads, from the operator table's natural alignments (an access
    /// of 2^a bytes has natural alignment a, §3.4.7).
    static let loadSizes: [UInt8] = LoadOp.allCases.map { 1 << UInt8($0.info.alignment) }
    static let storeSizes: [UInt8] = StoreOp.allCases.map { 1 << UInt8($0.info.alignment) }
    /// The type each load pushes, and each store takes, from the operator table's
    /// signatures.
    static let loadTypes: [ValType] = LoadOp.allCases.map { $0.signature.result ?? .i32 }
    static let storeTypes: [ValType] = StoreOp.allCases.map { $0.signature.params.first ?? .i32 }

    /// Reads `size` (1, 2, 4, 8 or 16) bytes little-endian; the caller has checked bounds.
    @inline(__always)
    private func read(_ a: Int, _ size: UInt8) -> V128 {
        let base = self.base.unsafelyUnwrapped
        switch size {
        case 1: return V128(lo: UInt64(base.load(fromByteOffset: a, as: UInt8.self)), hi: 0)
        case 2: return V128(lo: UInt64(base.loadUnaligned(fromByteOffset: a, as: UInt16.self)), hi: 0)
        case 4: return V128(lo: UInt64(base.loadUnaligned(fromByteOffset: a, as: UInt32.self)), hi: 0)
        case 8: return V128(lo: base.loadUnaligned(fromByteOffset: a, as: UInt64.self), hi: 0)
        default:
            return V128(
                lo: base.loadUnaligned(fromByteOffset: a, as: UInt64.self),
                hi: base.loadUnaligned(fromByteOffset: a + 8, as: UInt64.self))
        }
    }

    /// Writes the low `size` bytes of `v` little-endian; the caller has checked bounds.
    @inline(__always)
    private func write(_ a: Int, _ size: UInt8, _ v: V128) {
        let base = self.base.unsafelyUnwrapped
        switch size {
        case 1: base.storeBytes(of: UInt8(truncatingIfNeeded: v.lo), toByteOffset: a, as: UInt8.self)
        case 2: base.storeBytes(of: UInt16(truncatingIfNeeded: v.lo), toByteOffset: a, as: UInt16.self)
        case 4: base.storeBytes(of: UInt32(truncatingIfNeeded: v.lo), toByteOffset: a, as: UInt32.self)
        case 8: base.storeBytes(of: v.lo, toByteOffset: a, as: UInt64.self)
        default:
            base.storeBytes(of: v.lo, toByteOffset: a, as: UInt64.self)
            base.storeBytes(of: v.hi, toByteOffset: a + 8, as: UInt64.self)
        }
    }

    /// A load (`t.load`, `t.loadN_sx`, `v128.load*`): the value's bits, a number in `lo`
    /// (an i32 or f32 in its low half) or a vector.
    func load(_ op: LoadOp, _ i: UInt64, offset: UInt64) throws(ExecutionError) -> V128 {
        let size = MemoryInstance.loadSizes[Int(op.rawValue)]
        let a = try MemoryInstance.effectiveAddress(i, offset, UInt64(size), byteCount)
        let bits = read(a, size)
        switch op {
        case .i32Load8S: return V128(lo: UInt64(UInt32(bitPattern: Int32(Int8(truncatingIfNeeded: bits.lo)))), hi: 0)
        case .i32Load16S: return V128(lo: UInt64(UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: bits.lo)))), hi: 0)
        case .i64Load8S: return V128(lo: UInt64(bitPattern: Int64(Int8(truncatingIfNeeded: bits.lo))), hi: 0)
        case .i64Load16S: return V128(lo: UInt64(bitPattern: Int64(Int16(truncatingIfNeeded: bits.lo))), hi: 0)
        case .i64Load32S: return V128(lo: UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: bits.lo))), hi: 0)
        case .v128Load: return bits
        default: return Numerics.vectorLoad(op, bits.lo) ?? bits
        }
    }

    /// A store (`t.store`, `t.storeN`, `v128.store`) of the low bytes of `value`.
    func store(_ op: StoreOp, _ i: UInt64, offset: UInt64, _ value: V128) throws(ExecutionError) {
        let size = MemoryInstance.storeSizes[Int(op.rawValue)]
        let a = try MemoryInstance.effectiveAddress(i, offset, UInt64(size), byteCount)
        write(a, size, value)
    }

    /// `v128.loadN_lane`: the vector with lane `lane` replaced from memory; or
    /// `v128.storeN_lane`: the lane written to memory, and the vector unchanged.
    func laneAccess(_ op: LaneMemoryOp, _ i: UInt64, offset: UInt64, lane: UInt8, _ v: V128)
        throws(ExecutionError) -> V128
    {
        let size = op.packSize.bytes
        let a = try MemoryInstance.effectiveAddress(i, offset, UInt64(size), byteCount)
        let base = self.base.unsafelyUnwrapped
        let first = Int(lane) * size
        var v = v
        for k in 0..<size {
            if op.isStore {
                base.storeBytes(of: v[byte: first + k], toByteOffset: a + k, as: UInt8.self)
            } else {
                v[byte: first + k] = base.load(fromByteOffset: a + k, as: UInt8.self)
            }
        }
        return v
    }

    /// `memory.fill`: `n` bytes from `d` set to `value` (§4.6.8 `memory.fill-*`).
    func fill(_ d: UInt64, _ value: UInt8, _ n: UInt64) throws(ExecutionError) {
        guard MemoryInstance.inRange(d, n, byteCount) else { throw .trap("out of bounds memory access") }
        if n > 0 { (base.unsafelyUnwrapped + Int(d)).initializeMemory(as: UInt8.self, repeating: value, count: Int(n)) }
    }

    /// `memory.copy`: `n` bytes from `s` in `source` to `d` here, as if through a
    /// buffer when the ranges overlap (§4.6.8 `memory.copy-*`).
    func copy(_ d: UInt64, from source: MemoryInstance, _ s: UInt64, _ n: UInt64) throws(ExecutionError) {
        guard MemoryInstance.inRange(d, n, byteCount), MemoryInstance.inRange(s, n, source.byteCount) else {
            throw .trap("out of bounds memory access")
        }
        if n > 0 {
            (base.unsafelyUnwrapped + Int(d)).copyMemory(from: source.base.unsafelyUnwrapped + Int(s), byteCount: Int(n))
        }
    }

    /// `memory.init`: `n` bytes of a data segment from `s` to `d` (§4.6.8 `memory.init-*`).
    func initialize(_ d: UInt64, from data: [UInt8], _ s: UInt64, _ n: UInt64) throws(ExecutionError) {
        guard MemoryInstance.inRange(d, n, byteCount), MemoryInstance.inRange(s, n, UInt64(data.count)) else {
            throw .trap("out of bounds memory access")
        }
        if n > 0 {
            data.withUnsafeBytes { bytes in
                (base.unsafelyUnwrapped + Int(d)).copyMemory(
                    from: bytes.baseAddress.unsafelyUnwrapped + Int(s), byteCount: Int(n))
            }
        }
    }

    /// `memory.grow`'s result: the old size in pages, or -1 in the address type.
    func growResult(by delta: UInt64) -> UInt64 {
        grow(by: delta) ?? (type.addrType == .i32 ? 0xFFFF_FFFF : UInt64.max)
    }
}
