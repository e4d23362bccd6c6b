// Vector instructions (§4.4.2), through the numerics library's entries.

extension Executor {
    /// `args` is the first operand's slot: a vector takes two slots, a scalar one, and
    /// the result is written from `args[0]`.
    func vectorInstruction(_ op: Op, _ fn: CompiledFunction, _ args: UnsafeMutablePointer<UInt64>)
        throws(ExecutionError)
    {
        switch op.code {
        case .shuffle:
            let a = V128(lo: args[0], hi: args[1])
            let b = V128(lo: args[2], hi: args[3])
            let r = Numerics.shuffle(fn.v128Constants[Int(op.a)], a, b) ?? .zero
            args[0] = r.lo
            args[1] = r.hi
            return
        case .lane:
            guard let laneOp = LaneOp(rawValue: UInt16(truncatingIfNeeded: op.a)) else { return }
            let lane = UInt8(truncatingIfNeeded: op.b)
            let v = V128(lo: args[0], hi: args[1])
            if laneOp.isReplace {
                let r = Numerics.replaceLane(laneOp, lane, v, args[2]) ?? .zero
                args[0] = r.lo
                args[1] = r.hi
            } else {
                args[0] = Numerics.extractLane(laneOp, lane, v) ?? 0
            }
            return
        default:
            break
        }
        guard let vop = VectorOp(rawValue: UInt16(truncatingIfNeeded: op.a)) else { return }
        let shape = VectorShape.table[Int(vop.rawValue)]
        // At most three vector operands, then at most one scalar, in order; no array,
        // so that executing a vector instruction allocates nothing.
        // Only slots the operator's operands or its result occupy are read.
        let vectors = (
            shape.vectors > 0 ? V128(lo: args[0], hi: args[1]) : .zero,
            shape.vectors > 1 ? V128(lo: args[2], hi: args[3]) : .zero,
            shape.vectors > 2 ? V128(lo: args[4], hi: args[5]) : .zero)
        let scalar = shape.scalar != nil ? args[2 * shape.vectors] : 0
        let r = Numerics.evaluate(vop, vectors, scalar: scalar)
        args[0] = r.lo
        if !shape.resultIsI32 { args[1] = r.hi }
    }
}
