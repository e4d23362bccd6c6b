// Vector instructions (§4.6.11), through the numerics library (Numerics/), which the
// compiled engine shares.

extension Configuration {
    /// Rules: Step_pure/vvunop, Step_pure/vvbinop, Step_pure/vvternop,
    /// Step_pure/vvtestop, Step_pure/vunop-val, Step_pure/vunop-trap,
    /// Step_pure/vbinop-val, Step_pure/vbinop-trap, Step_pure/vternop-val,
    /// Step_pure/vternop-trap, Step_pure/vtestop, Step_pure/vrelop, Step_pure/vshiftop,
    /// Step_pure/vbitmask, Step_pure/vswizzlop, Step_pure/vsplat, Step_pure/vextunop,
    /// Step_pure/vextbinop, Step_pure/vextternop, Step_pure/vnarrow, Step_pure/vcvtop
    /// A vector operator takes its vector operands and its scalar one (a splat's
    /// value, a shift's count) and pushes its result.
    mutating func vector(_ op: VectorOp) throws(ExecutionError) {
        let shape = VectorShape.table[Int(op.rawValue)]
        let scalar = try shape.scalar.map { t throws(ExecutionError) in try pop(Val.Kind(t)).bits } ?? 0
        var vectors = (V128.zero, V128.zero, V128.zero)
        if shape.vectors > 2 { vectors.2 = try pop(.v128).v128 }
        if shape.vectors > 1 { vectors.1 = try pop(.v128).v128 }
        if shape.vectors > 0 { vectors.0 = try pop(.v128).v128 }
        let r = Numerics.evaluate(op, vectors, scalar: scalar)
        try push(shape.resultIsI32 ? .i32(UInt32(truncatingIfNeeded: r.lo)) : .v128(r))
    }

    /// Rule: Step_pure/vshuffle
    /// `i8x16.shuffle` picks each lane of its result from the 32 lanes of two vectors.
    mutating func shuffle(_ lanes: V128) throws(ExecutionError) {
        let b = try pop(.v128).v128
        let a = try pop(.v128).v128
        try push(.v128(Numerics.shuffle(lanes, a, b) ?? .zero))
    }

    /// Rules: Step_pure/vextract_lane-num, Step_pure/vextract_lane-pack,
    /// Step_pure/vreplace_lane
    /// `extract_lane` pushes one lane of a vector as a scalar (extended for packed
    /// lanes); `replace_lane` replaces one lane with a scalar.
    mutating func lane(_ op: LaneOp, _ lane: UInt8) throws(ExecutionError) {
        let shape = LaneShape.table[Int(op.rawValue)]
        if op.isReplace {
            let x = try pop(shape.scalar)
            let v = try pop(.v128).v128
            try push(.v128(Numerics.replaceLane(op, lane, v, x.bits) ?? .zero))
        } else {
            let v = try pop(.v128).v128
            let r = Numerics.extractLane(op, lane, v) ?? 0
            try push(.number(shape.scalar, r))
        }
    }
}

/// The scalar kind of a lane operator (what `extract_lane` pushes and `replace_lane`
/// takes), read once from the operator table's signatures.
struct LaneShape {
    var scalar: Val.Kind

    static let table: [LaneShape] = LaneOp.allCases.map { op in
        let sig = op.signature
        return LaneShape(scalar: Val.Kind(op.isReplace ? (sig.params.last ?? .i32) : (sig.result ?? .i32)))
    }
}
