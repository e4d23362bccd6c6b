// Memory instructions outside the step loop's fast path (§4.6.8): any memory, vector
// loads and stores, lane accesses, and the bulk operations, through the runtime's
// memory operations (Runtime/MemoryAccess.swift).

extension Executor {
    /// A load through the memarg table: any memory and any load, vectors included.
    func load(_ access: MemoryAccess, _ inst: ModuleInstance, _ args: UnsafeMutablePointer<UInt64>)
        throws(ExecutionError)
    {
        let op = LoadOp(rawValue: access.op) ?? .i32Load
        let v = try inst.memories[Int(access.memory)].load(op, args[0], offset: access.offset)
        args[0] = v.lo
        // Only a vector takes a second slot: a scalar's result slot may be the last.
        if MemoryInstance.loadTypes[Int(op.rawValue)] == .v128 { args[1] = v.hi }
    }

    /// A store through the memarg table.
    func store(_ access: MemoryAccess, _ inst: ModuleInstance, _ args: UnsafeMutablePointer<UInt64>)
        throws(ExecutionError)
    {
        let op = StoreOp(rawValue: access.op) ?? .i32Store
        let value = op == .v128Store ? V128(lo: args[1], hi: args[2]) : V128(lo: args[1], hi: 0)
        try inst.memories[Int(access.memory)].store(op, args[0], offset: access.offset, value)
    }

    /// `v128.loadN_lane` and `v128.storeN_lane`.
    func laneMemory(_ access: MemoryAccess, _ inst: ModuleInstance, _ args: UnsafeMutablePointer<UInt64>)
        throws(ExecutionError)
    {
        let op = LaneMemoryOp(rawValue: access.op) ?? .v128Load8Lane
        let v = try inst.memories[Int(access.memory)].laneAccess(
            op, args[0], offset: access.offset, lane: access.lane, V128(lo: args[1], hi: args[2]))
        if !op.isStore {
            args[0] = v.lo
            args[1] = v.hi
        }
    }

    /// `memory.grow`, `memory.fill`, `memory.copy` and `memory.init` (§4.6.8).
    func memoryInstruction(_ op: Op, _ inst: ModuleInstance, _ args: UnsafeMutablePointer<UInt64>)
        throws(ExecutionError)
    {
        switch op.code {
        case .memoryGrow:
            args[0] = inst.memories[Int(op.a)].growResult(by: args[0])
        case .memoryFill:
            try inst.memories[Int(op.a)].fill(args[0], UInt8(truncatingIfNeeded: args[1]), args[2])
        case .memoryCopy:
            try inst.memories[Int(op.a)].copy(args[0], from: inst.memories[Int(op.b)], args[1], args[2])
        case .memoryInit:
            try inst.memories[Int(op.a)].initialize(args[0], from: inst.datas[Int(op.b)], args[1], args[2])
        default:
            break
        }
    }
}
