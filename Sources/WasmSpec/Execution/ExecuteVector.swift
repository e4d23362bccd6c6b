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
        let sig = vop.signature
        // At most three vector operands and one scalar, in order; no array, so that
        // executing a vector instruction allocates nothing.
        var vectors = (V128.zero, V128.zero, V128.zero)
        var count = 0
        var scalar: UInt64 = 0
        var k = 0
        for t in sig.params {
            if t == .v128 {
                let v = V128(lo: args[k], hi: args[k + 1])
                switch count {
                case 0: vectors.0 = v
                case 1: vectors.1 = v
                default: vectors.2 = v
                }
                count += 1
                k += 2
            } else {
                scalar = args[k]
                k += 1
            }
        }
        let r: V128
        if count == 0 {
            // splat
            r = Numerics.splat(vop, scalar) ?? .zero
        } else if sig.result == .i32 {
            args[0] = UInt64(Numerics.test(vop, vectors.0) ?? 0)
            return
        } else if sig.params.count == 2 && sig.params[1] == .i32 {
            r = Numerics.shift(vop, vectors.0, UInt32(truncatingIfNeeded: scalar)) ?? .zero
        } else {
            switch count {
            case 1: r = Numerics.apply(vop, vectors.0) ?? .zero
            case 2: r = Numerics.apply(vop, vectors.0, vectors.1) ?? .zero
            default: r = Numerics.apply(vop, vectors.0, vectors.1, vectors.2) ?? .zero
            }
        }
        args[0] = r.lo
        args[1] = r.hi
    }
}
