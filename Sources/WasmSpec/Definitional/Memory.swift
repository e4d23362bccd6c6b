// Memory instructions (§4.6.8), through the runtime's memory operations
// (Runtime/MemoryAccess.swift), which the compiled engine shares.

extension Configuration {
    /// Rules: Step_read/load-num-oob, Step_read/load-num-val, Step_read/load-pack-oob,
    /// Step_read/load-pack-val, Step_read/vload-oob, Step_read/vload-val,
    /// Step_read/vload-pack-oob, Step_read/vload-pack-val, Step_read/vload-splat-oob,
    /// Step_read/vload-splat-val, Step_read/vload-zero-oob, Step_read/vload-zero-val
    /// A load takes an address, adds the offset, and pushes the value read there,
    /// extended or splatted as the operator says; outside the memory it traps.
    mutating func load(_ op: LoadOp, _ m: MemArg) throws(ExecutionError) {
        let mem = try memory(m.memory)
        let i = try popAddress(mem.type.addrType)
        let v = try mem.load(op, i, offset: m.offset)
        let t = MemoryInstance.loadTypes[Int(op.rawValue)]
        try push(t == .v128 ? .v128(v) : .number(Val.Kind(t), v.lo))
    }

    /// Rules: Step/store-num-oob, Step/store-num-val, Step/store-pack-oob,
    /// Step/store-pack-val, Step/vstore-oob, Step/vstore-val
    /// A store takes an address and a value and writes the value's bytes (its low ones
    /// for a packed store) at the address plus the offset; outside the memory it traps.
    mutating func store(_ op: StoreOp, _ m: MemArg) throws(ExecutionError) {
        let mem = try memory(m.memory)
        let v = try pop(Val.Kind(MemoryInstance.storeTypes[Int(op.rawValue)]))
        let i = try popAddress(mem.type.addrType)
        try mem.store(op, i, offset: m.offset, v.v128)
    }

    /// Rules: Step_read/vload_lane-oob, Step_read/vload_lane-val,
    /// Step/vstore_lane-oob, Step/vstore_lane-val
    /// `v128.loadN_lane` replaces one lane of a vector from memory;
    /// `v128.storeN_lane` writes one lane to memory.
    mutating func laneMemory(_ op: LaneMemoryOp, _ m: MemArg, _ lane: UInt8) throws(ExecutionError) {
        let mem = try memory(m.memory)
        let v = try pop(.v128)
        let i = try popAddress(mem.type.addrType)
        let r = try mem.laneAccess(op, i, offset: m.offset, lane: lane, v.v128)
        if !op.isStore { try push(.v128(r)) }
    }

    /// Rule: Step_read/memory.size
    /// `memory.size x` pushes the memory's size in pages.
    mutating func memorySize(_ x: UInt32) throws(ExecutionError) {
        let mem = try memory(x)
        try push(.number(Val.Kind(mem.type.addrType.valType), mem.pages))
    }

    /// Rules: Step/memory.grow-succeed, Step/memory.grow-fail
    /// `memory.grow x` takes a page count and grows the memory by it, pushing the old
    /// size, or -1 when it cannot grow.
    mutating func memoryGrow(_ x: UInt32) throws(ExecutionError) {
        let mem = try memory(x)
        let n = try popAddress(mem.type.addrType)
        try push(.number(Val.Kind(mem.type.addrType.valType), mem.growResult(by: n)))
    }

    /// Rules: Step_read/memory.fill-oob, Step_read/memory.fill-zero,
    /// Step_read/memory.fill-succ
    /// `memory.fill x` takes an address, a byte and a count, and sets that many bytes.
    /// (The specification stores one byte per step; one step here does them all.)
    mutating func memoryFill(_ x: UInt32) throws(ExecutionError) {
        let mem = try memory(x)
        let n = try popAddress(mem.type.addrType)
        let value = try popI32()
        let d = try popAddress(mem.type.addrType)
        try mem.fill(d, UInt8(truncatingIfNeeded: value), n)
    }

    /// Rules: Step_read/memory.copy-oob, Step_read/memory.copy-zero,
    /// Step_read/memory.copy-le, Step_read/memory.copy-gt
    /// `memory.copy x y` copies a count of bytes from memory `y` to memory `x`.
    mutating func memoryCopy(_ x: UInt32, _ y: UInt32) throws(ExecutionError) {
        let dst = try memory(x)
        let src = try memory(y)
        // The count's type is the smaller of the two address types (§3.4.7).
        let countType: AddrType = dst.type.addrType == .i64 && src.type.addrType == .i64 ? .i64 : .i32
        let n = try popAddress(countType)
        let s = try popAddress(src.type.addrType)
        let d = try popAddress(dst.type.addrType)
        try dst.copy(d, from: src, s, n)
    }

    /// Rules: Step_read/memory.init-oob, Step_read/memory.init-zero,
    /// Step_read/memory.init-succ
    /// `memory.init x y` copies a count of bytes of data segment `y` into memory `x`.
    mutating func memoryInit(_ x: UInt32, _ y: UInt32) throws(ExecutionError) {
        let mem = try memory(x)
        let data = try lookup(instance.datas, y, "data segment")
        let n = try popI32()
        let s = try popI32()
        let d = try popAddress(mem.type.addrType)
        try mem.initialize(d, from: data, UInt64(s), UInt64(n))
    }

    /// Rule: Step/data.drop
    /// `data.drop y` empties data segment `y`.
    mutating func dataDrop(_ y: UInt32) throws(ExecutionError) {
        _ = try lookup(instance.datas, y, "data segment")
        instance.datas[Int(y)] = []
    }
}
