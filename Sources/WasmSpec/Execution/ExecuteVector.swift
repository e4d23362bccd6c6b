// Vector instructions (§4.4.2), through the numerics library's entries.

extension Executor {
    func vectorInstruction(_ op: Op, _ fn: CompiledFunction, _ spIn: UnsafeMutablePointer<UInt64>)
        throws(ExecutionError) -> UnsafeMutablePointer<UInt64>
    {
        var sp = spIn
        switch op.code {
        case .shuffle:
            sp -= 4
            let a = V128(lo: sp[0], hi: sp[1])
            let b = V128(lo: sp[2], hi: sp[3])
            let r = Numerics.shuffle(fn.v128Constants[Int(op.a)], a, b) ?? .zero
            sp[0] = r.lo
            sp[1] = r.hi
            return sp + 2
        case .lane:
            guard let laneOp = LaneOp(rawValue: UInt16(truncatingIfNeeded: op.a)) else { return sp }
            let lane = UInt8(truncatingIfNeeded: op.b)
            if laneOp.isReplace {
                let x = sp[-1]
                sp -= 3
                let r = Numerics.replaceLane(laneOp, lane, V128(lo: sp[0], hi: sp[1]), x) ?? .zero
                sp[0] = r.lo
                sp[1] = r.hi
                return sp + 2
            }
            sp -= 2
            sp[0] = Numerics.extractLane(laneOp, lane, V128(lo: sp[0], hi: sp[1])) ?? 0
            return sp + 1
        default:
            break
        }
        guard let vop = VectorOp(rawValue: UInt16(truncatingIfNeeded: op.a)) else { return sp }
        let sig = vop.signature
        // Operands from the top of the stack: vectors take two slots, scalars one.
        var args: [V128] = []
        var scalar: UInt64 = 0
        for t in sig.params.reversed() {
            if t == .v128 {
                sp -= 2
                args.append(V128(lo: sp[0], hi: sp[1]))
            } else {
                sp -= 1
                scalar = sp[0]
            }
        }
        args.reverse()
        if sig.params.count == 1 && sig.params[0] != .v128 {
            // splat
            let r = Numerics.splat(vop, scalar) ?? .zero
            sp[0] = r.lo
            sp[1] = r.hi
            return sp + 2
        }
        if sig.result == .i32 {
            sp[0] = UInt64(Numerics.test(vop, args[0]) ?? 0)
            return sp + 1
        }
        let r: V128
        if sig.params.count == 2 && sig.params[1] == .i32 {
            r = Numerics.shift(vop, args[0], UInt32(truncatingIfNeeded: scalar)) ?? .zero
        } else {
            switch args.count {
            case 1: r = Numerics.apply(vop, args[0]) ?? .zero
            case 2: r = Numerics.apply(vop, args[0], args[1]) ?? .zero
            default: r = Numerics.apply(vop, args[0], args[1], args[2]) ?? .zero
            }
        }
        sp[0] = r.lo
        sp[1] = r.hi
        return sp + 2
    }
}
