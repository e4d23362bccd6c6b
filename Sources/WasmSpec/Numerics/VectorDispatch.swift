// A uniform entry to the vector instructions (§4.4.3) for constant folding, tests
// and simple evaluation. Scalars travel as `UInt64` bit patterns, `i32`/`f32` in the
// low 32 bits. Each entry returns `nil` for operators of another arity or an
// out-of-range lane index (validation rules both out).

extension Numerics {
    /// Executes a vector operator of type `[v128] -> [v128]`.
    public static func apply(_ op: VectorOp, _ a: V128) -> V128? {
        switch op {
        case .v128Not: return V128Ops.not(a)

        case .i8x16Abs: return I8x16Ops.abs(a)
        case .i8x16Neg: return I8x16Ops.neg(a)
        case .i8x16Popcnt: return I8x16Ops.popcnt(a)
        case .i16x8Abs: return I16x8Ops.abs(a)
        case .i16x8Neg: return I16x8Ops.neg(a)
        case .i32x4Abs: return I32x4Ops.abs(a)
        case .i32x4Neg: return I32x4Ops.neg(a)
        case .i64x2Abs: return I64x2Ops.abs(a)
        case .i64x2Neg: return I64x2Ops.neg(a)

        case .f32x4Abs: return F32x4Ops.abs(a)
        case .f32x4Neg: return F32x4Ops.neg(a)
        case .f32x4Sqrt: return F32x4Ops.sqrt(a)
        case .f32x4Ceil: return F32x4Ops.ceil(a)
        case .f32x4Floor: return F32x4Ops.floor(a)
        case .f32x4Trunc: return F32x4Ops.trunc(a)
        case .f32x4Nearest: return F32x4Ops.nearest(a)
        case .f64x2Abs: return F64x2Ops.abs(a)
        case .f64x2Neg: return F64x2Ops.neg(a)
        case .f64x2Sqrt: return F64x2Ops.sqrt(a)
        case .f64x2Ceil: return F64x2Ops.ceil(a)
        case .f64x2Floor: return F64x2Ops.floor(a)
        case .f64x2Trunc: return F64x2Ops.trunc(a)
        case .f64x2Nearest: return F64x2Ops.nearest(a)

        case .i16x8ExtaddPairwiseI8x16S: return V128Ops.extaddPairwise(a, signed: true, from: UInt8.self, to: UInt16.self)
        case .i16x8ExtaddPairwiseI8x16U: return V128Ops.extaddPairwise(a, signed: false, from: UInt8.self, to: UInt16.self)
        case .i32x4ExtaddPairwiseI16x8S: return V128Ops.extaddPairwise(a, signed: true, from: UInt16.self, to: UInt32.self)
        case .i32x4ExtaddPairwiseI16x8U: return V128Ops.extaddPairwise(a, signed: false, from: UInt16.self, to: UInt32.self)

        case .i16x8ExtendLowI8x16S: return V128Ops.extend(a, high: false, signed: true, from: UInt8.self, to: UInt16.self)
        case .i16x8ExtendHighI8x16S: return V128Ops.extend(a, high: true, signed: true, from: UInt8.self, to: UInt16.self)
        case .i16x8ExtendLowI8x16U: return V128Ops.extend(a, high: false, signed: false, from: UInt8.self, to: UInt16.self)
        case .i16x8ExtendHighI8x16U: return V128Ops.extend(a, high: true, signed: false, from: UInt8.self, to: UInt16.self)
        case .i32x4ExtendLowI16x8S: return V128Ops.extend(a, high: false, signed: true, from: UInt16.self, to: UInt32.self)
        case .i32x4ExtendHighI16x8S: return V128Ops.extend(a, high: true, signed: true, from: UInt16.self, to: UInt32.self)
        case .i32x4ExtendLowI16x8U: return V128Ops.extend(a, high: false, signed: false, from: UInt16.self, to: UInt32.self)
        case .i32x4ExtendHighI16x8U: return V128Ops.extend(a, high: true, signed: false, from: UInt16.self, to: UInt32.self)
        case .i64x2ExtendLowI32x4S: return V128Ops.extend(a, high: false, signed: true, from: UInt32.self, to: UInt64.self)
        case .i64x2ExtendHighI32x4S: return V128Ops.extend(a, high: true, signed: true, from: UInt32.self, to: UInt64.self)
        case .i64x2ExtendLowI32x4U: return V128Ops.extend(a, high: false, signed: false, from: UInt32.self, to: UInt64.self)
        case .i64x2ExtendHighI32x4U: return V128Ops.extend(a, high: true, signed: false, from: UInt32.self, to: UInt64.self)

        // The reference implements the relaxed truncations as the saturating ones.
        case .i32x4TruncSatF32x4S, .i32x4RelaxedTruncF32x4S: return V128Ops.truncSatF32x4(a, signed: true)
        case .i32x4TruncSatF32x4U, .i32x4RelaxedTruncF32x4U: return V128Ops.truncSatF32x4(a, signed: false)
        case .i32x4TruncSatF64x2SZero, .i32x4RelaxedTruncF64x2SZero: return V128Ops.truncSatF64x2Zero(a, signed: true)
        case .i32x4TruncSatF64x2UZero, .i32x4RelaxedTruncF64x2UZero: return V128Ops.truncSatF64x2Zero(a, signed: false)
        case .f32x4ConvertI32x4S: return V128Ops.convertI32x4ToF32x4(a, signed: true)
        case .f32x4ConvertI32x4U: return V128Ops.convertI32x4ToF32x4(a, signed: false)
        case .f64x2ConvertLowI32x4S: return V128Ops.convertLowI32x4ToF64x2(a, signed: true)
        case .f64x2ConvertLowI32x4U: return V128Ops.convertLowI32x4ToF64x2(a, signed: false)
        case .f32x4DemoteF64x2Zero: return V128Ops.demoteF64x2Zero(a)
        case .f64x2PromoteLowF32x4: return V128Ops.promoteLowF32x4(a)

        default: return nil
        }
    }

    /// Executes a vector operator of type `[v128 v128] -> [v128]`.
    public static func apply(_ op: VectorOp, _ a: V128, _ b: V128) -> V128? {
        switch op {
        // The reference implements relaxed_swizzle as swizzle.
        case .i8x16Swizzle, .i8x16RelaxedSwizzle: return V128Ops.swizzle(a, b)

        case .i8x16Eq: return I8x16Ops.eq(a, b)
        case .i8x16Ne: return I8x16Ops.ne(a, b)
        case .i8x16LtS: return I8x16Ops.ltS(a, b)
        case .i8x16LtU: return I8x16Ops.ltU(a, b)
        case .i8x16GtS: return I8x16Ops.gtS(a, b)
        case .i8x16GtU: return I8x16Ops.gtU(a, b)
        case .i8x16LeS: return I8x16Ops.leS(a, b)
        case .i8x16LeU: return I8x16Ops.leU(a, b)
        case .i8x16GeS: return I8x16Ops.geS(a, b)
        case .i8x16GeU: return I8x16Ops.geU(a, b)
        case .i16x8Eq: return I16x8Ops.eq(a, b)
        case .i16x8Ne: return I16x8Ops.ne(a, b)
        case .i16x8LtS: return I16x8Ops.ltS(a, b)
        case .i16x8LtU: return I16x8Ops.ltU(a, b)
        case .i16x8GtS: return I16x8Ops.gtS(a, b)
        case .i16x8GtU: return I16x8Ops.gtU(a, b)
        case .i16x8LeS: return I16x8Ops.leS(a, b)
        case .i16x8LeU: return I16x8Ops.leU(a, b)
        case .i16x8GeS: return I16x8Ops.geS(a, b)
        case .i16x8GeU: return I16x8Ops.geU(a, b)
        case .i32x4Eq: return I32x4Ops.eq(a, b)
        case .i32x4Ne: return I32x4Ops.ne(a, b)
        case .i32x4LtS: return I32x4Ops.ltS(a, b)
        case .i32x4LtU: return I32x4Ops.ltU(a, b)
        case .i32x4GtS: return I32x4Ops.gtS(a, b)
        case .i32x4GtU: return I32x4Ops.gtU(a, b)
        case .i32x4LeS: return I32x4Ops.leS(a, b)
        case .i32x4LeU: return I32x4Ops.leU(a, b)
        case .i32x4GeS: return I32x4Ops.geS(a, b)
        case .i32x4GeU: return I32x4Ops.geU(a, b)
        case .i64x2Eq: return I64x2Ops.eq(a, b)
        case .i64x2Ne: return I64x2Ops.ne(a, b)
        case .i64x2LtS: return I64x2Ops.ltS(a, b)
        case .i64x2GtS: return I64x2Ops.gtS(a, b)
        case .i64x2LeS: return I64x2Ops.leS(a, b)
        case .i64x2GeS: return I64x2Ops.geS(a, b)
        case .f32x4Eq: return F32x4Ops.eq(a, b)
        case .f32x4Ne: return F32x4Ops.ne(a, b)
        case .f32x4Lt: return F32x4Ops.lt(a, b)
        case .f32x4Gt: return F32x4Ops.gt(a, b)
        case .f32x4Le: return F32x4Ops.le(a, b)
        case .f32x4Ge: return F32x4Ops.ge(a, b)
        case .f64x2Eq: return F64x2Ops.eq(a, b)
        case .f64x2Ne: return F64x2Ops.ne(a, b)
        case .f64x2Lt: return F64x2Ops.lt(a, b)
        case .f64x2Gt: return F64x2Ops.gt(a, b)
        case .f64x2Le: return F64x2Ops.le(a, b)
        case .f64x2Ge: return F64x2Ops.ge(a, b)

        case .v128And: return V128Ops.and(a, b)
        case .v128Andnot: return V128Ops.andnot(a, b)
        case .v128Or: return V128Ops.or(a, b)
        case .v128Xor: return V128Ops.xor(a, b)

        case .i8x16NarrowI16x8S: return V128Ops.narrowS(a, b, from: UInt16.self, to: UInt8.self)
        case .i8x16NarrowI16x8U: return V128Ops.narrowU(a, b, from: UInt16.self, to: UInt8.self)
        case .i16x8NarrowI32x4S: return V128Ops.narrowS(a, b, from: UInt32.self, to: UInt16.self)
        case .i16x8NarrowI32x4U: return V128Ops.narrowU(a, b, from: UInt32.self, to: UInt16.self)

        case .i8x16Add: return I8x16Ops.add(a, b)
        case .i8x16AddSatS: return I8x16Ops.addSatS(a, b)
        case .i8x16AddSatU: return I8x16Ops.addSatU(a, b)
        case .i8x16Sub: return I8x16Ops.sub(a, b)
        case .i8x16SubSatS: return I8x16Ops.subSatS(a, b)
        case .i8x16SubSatU: return I8x16Ops.subSatU(a, b)
        case .i8x16MinS: return I8x16Ops.minS(a, b)
        case .i8x16MinU: return I8x16Ops.minU(a, b)
        case .i8x16MaxS: return I8x16Ops.maxS(a, b)
        case .i8x16MaxU: return I8x16Ops.maxU(a, b)
        case .i8x16AvgrU: return I8x16Ops.avgrU(a, b)
        case .i16x8Add: return I16x8Ops.add(a, b)
        case .i16x8AddSatS: return I16x8Ops.addSatS(a, b)
        case .i16x8AddSatU: return I16x8Ops.addSatU(a, b)
        case .i16x8Sub: return I16x8Ops.sub(a, b)
        case .i16x8SubSatS: return I16x8Ops.subSatS(a, b)
        case .i16x8SubSatU: return I16x8Ops.subSatU(a, b)
        case .i16x8Mul: return I16x8Ops.mul(a, b)
        case .i16x8MinS: return I16x8Ops.minS(a, b)
        case .i16x8MinU: return I16x8Ops.minU(a, b)
        case .i16x8MaxS: return I16x8Ops.maxS(a, b)
        case .i16x8MaxU: return I16x8Ops.maxU(a, b)
        case .i16x8AvgrU: return I16x8Ops.avgrU(a, b)
        // The reference implements relaxed_q15mulr_s as the saturating q15mulr.
        case .i16x8Q15mulrSatS, .i16x8RelaxedQ15mulrS: return I16x8Ops.q15mulrSatS(a, b)
        case .i32x4Add: return I32x4Ops.add(a, b)
        case .i32x4Sub: return I32x4Ops.sub(a, b)
        case .i32x4Mul: return I32x4Ops.mul(a, b)
        case .i32x4MinS: return I32x4Ops.minS(a, b)
        case .i32x4MinU: return I32x4Ops.minU(a, b)
        case .i32x4MaxS: return I32x4Ops.maxS(a, b)
        case .i32x4MaxU: return I32x4Ops.maxU(a, b)
        case .i32x4DotI16x8S: return V128Ops.dotI16x8S(a, b)
        case .i64x2Add: return I64x2Ops.add(a, b)
        case .i64x2Sub: return I64x2Ops.sub(a, b)
        case .i64x2Mul: return I64x2Ops.mul(a, b)

        case .i16x8ExtmulLowI8x16S: return V128Ops.extmul(a, b, high: false, signed: true, from: UInt8.self, to: UInt16.self)
        case .i16x8ExtmulHighI8x16S: return V128Ops.extmul(a, b, high: true, signed: true, from: UInt8.self, to: UInt16.self)
        case .i16x8ExtmulLowI8x16U: return V128Ops.extmul(a, b, high: false, signed: false, from: UInt8.self, to: UInt16.self)
        case .i16x8ExtmulHighI8x16U: return V128Ops.extmul(a, b, high: true, signed: false, from: UInt8.self, to: UInt16.self)
        case .i32x4ExtmulLowI16x8S: return V128Ops.extmul(a, b, high: false, signed: true, from: UInt16.self, to: UInt32.self)
        case .i32x4ExtmulHighI16x8S: return V128Ops.extmul(a, b, high: true, signed: true, from: UInt16.self, to: UInt32.self)
        case .i32x4ExtmulLowI16x8U: return V128Ops.extmul(a, b, high: false, signed: false, from: UInt16.self, to: UInt32.self)
        case .i32x4ExtmulHighI16x8U: return V128Ops.extmul(a, b, high: true, signed: false, from: UInt16.self, to: UInt32.self)
        case .i64x2ExtmulLowI32x4S: return V128Ops.extmul(a, b, high: false, signed: true, from: UInt32.self, to: UInt64.self)
        case .i64x2ExtmulHighI32x4S: return V128Ops.extmul(a, b, high: true, signed: true, from: UInt32.self, to: UInt64.self)
        case .i64x2ExtmulLowI32x4U: return V128Ops.extmul(a, b, high: false, signed: false, from: UInt32.self, to: UInt64.self)
        case .i64x2ExtmulHighI32x4U: return V128Ops.extmul(a, b, high: true, signed: false, from: UInt32.self, to: UInt64.self)

        case .f32x4Add: return F32x4Ops.add(a, b)
        case .f32x4Sub: return F32x4Ops.sub(a, b)
        case .f32x4Mul: return F32x4Ops.mul(a, b)
        case .f32x4Div: return F32x4Ops.div(a, b)
        // The reference implements relaxed_min/relaxed_max as min/max.
        case .f32x4Min, .f32x4RelaxedMin: return F32x4Ops.min(a, b)
        case .f32x4Max, .f32x4RelaxedMax: return F32x4Ops.max(a, b)
        case .f32x4Pmin: return F32x4Ops.pmin(a, b)
        case .f32x4Pmax: return F32x4Ops.pmax(a, b)
        case .f64x2Add: return F64x2Ops.add(a, b)
        case .f64x2Sub: return F64x2Ops.sub(a, b)
        case .f64x2Mul: return F64x2Ops.mul(a, b)
        case .f64x2Div: return F64x2Ops.div(a, b)
        case .f64x2Min, .f64x2RelaxedMin: return F64x2Ops.min(a, b)
        case .f64x2Max, .f64x2RelaxedMax: return F64x2Ops.max(a, b)
        case .f64x2Pmin: return F64x2Ops.pmin(a, b)
        case .f64x2Pmax: return F64x2Ops.pmax(a, b)

        case .i16x8RelaxedDotI8x16I7x16S: return V128Ops.relaxedDotI8x16I7x16S(a, b)

        default: return nil
        }
    }

    /// Executes a vector operator of type `[v128 v128 v128] -> [v128]`.
    public static func apply(_ op: VectorOp, _ a: V128, _ b: V128, _ c: V128) -> V128? {
        switch op {
        // The reference implements every relaxed_laneselect as bitselect.
        case .v128Bitselect, .i8x16RelaxedLaneselect, .i16x8RelaxedLaneselect,
            .i32x4RelaxedLaneselect, .i64x2RelaxedLaneselect:
            return V128Ops.bitselect(a, b, c)
        case .f32x4RelaxedMadd: return F32x4Ops.relaxedMadd(a, b, c)
        case .f32x4RelaxedNmadd: return F32x4Ops.relaxedNmadd(a, b, c)
        case .f64x2RelaxedMadd: return F64x2Ops.relaxedMadd(a, b, c)
        case .f64x2RelaxedNmadd: return F64x2Ops.relaxedNmadd(a, b, c)
        case .i32x4RelaxedDotI8x16I7x16AddS: return V128Ops.relaxedDotI8x16I7x16AddS(a, b, c)
        default: return nil
        }
    }

    /// Executes a vector operator of type `[v128] -> [i32]`: `any_true`, `all_true`
    /// and `bitmask`.
    public static func test(_ op: VectorOp, _ a: V128) -> UInt32? {
        switch op {
        case .v128AnyTrue: return V128Ops.anyTrue(a) ? 1 : 0
        case .i8x16AllTrue: return I8x16Ops.allTrue(a) ? 1 : 0
        case .i16x8AllTrue: return I16x8Ops.allTrue(a) ? 1 : 0
        case .i32x4AllTrue: return I32x4Ops.allTrue(a) ? 1 : 0
        case .i64x2AllTrue: return I64x2Ops.allTrue(a) ? 1 : 0
        case .i8x16Bitmask: return I8x16Ops.bitmask(a)
        case .i16x8Bitmask: return I16x8Ops.bitmask(a)
        case .i32x4Bitmask: return I32x4Ops.bitmask(a)
        case .i64x2Bitmask: return I64x2Ops.bitmask(a)
        default: return nil
        }
    }

    /// Executes a vector shift of type `[v128 i32] -> [v128]`.
    public static func shift(_ op: VectorOp, _ a: V128, _ count: UInt32) -> V128? {
        switch op {
        case .i8x16Shl: return I8x16Ops.shl(a, count)
        case .i8x16ShrS: return I8x16Ops.shrS(a, count)
        case .i8x16ShrU: return I8x16Ops.shrU(a, count)
        case .i16x8Shl: return I16x8Ops.shl(a, count)
        case .i16x8ShrS: return I16x8Ops.shrS(a, count)
        case .i16x8ShrU: return I16x8Ops.shrU(a, count)
        case .i32x4Shl: return I32x4Ops.shl(a, count)
        case .i32x4ShrS: return I32x4Ops.shrS(a, count)
        case .i32x4ShrU: return I32x4Ops.shrU(a, count)
        case .i64x2Shl: return I64x2Ops.shl(a, count)
        case .i64x2ShrS: return I64x2Ops.shrS(a, count)
        case .i64x2ShrU: return I64x2Ops.shrU(a, count)
        default: return nil
        }
    }

    /// Executes a `splat` of type `[t] -> [v128]`; narrow integer lanes take the low
    /// bits of the `i32` operand.
    public static func splat(_ op: VectorOp, _ x: UInt64) -> V128? {
        switch op {
        case .i8x16Splat: return I8x16Ops.splat(UInt8(truncatingIfNeeded: x))
        case .i16x8Splat: return I16x8Ops.splat(UInt16(truncatingIfNeeded: x))
        case .i32x4Splat: return I32x4Ops.splat(UInt32(truncatingIfNeeded: x))
        case .i64x2Splat: return I64x2Ops.splat(x)
        case .f32x4Splat: return F32x4Ops.splat(UInt32(truncatingIfNeeded: x))
        case .f64x2Splat: return F64x2Ops.splat(x)
        default: return nil
        }
    }

    /// Executes an `extract_lane` (`[v128] -> [t]`); `_s`/`_u` sign- or zero-extend
    /// narrow lanes to `i32`. Returns `nil` for a replacement or a lane index out of
    /// range.
    public static func extractLane(_ op: LaneOp, _ lane: UInt8, _ v: V128) -> UInt64? {
        guard !op.isReplace, Int(lane) < Int(op.info.lanes) else { return nil }
        let i = Int(lane)
        switch op {
        case .i8x16ExtractLaneS: return UInt64(UInt32(bitPattern: Int32(v.lane(i, as: UInt8.self).signed)))
        case .i8x16ExtractLaneU: return UInt64(v.lane(i, as: UInt8.self))
        case .i16x8ExtractLaneS: return UInt64(UInt32(bitPattern: Int32(v.lane(i, as: UInt16.self).signed)))
        case .i16x8ExtractLaneU: return UInt64(v.lane(i, as: UInt16.self))
        case .i32x4ExtractLane, .f32x4ExtractLane: return UInt64(v.lane(i, as: UInt32.self))
        case .i64x2ExtractLane, .f64x2ExtractLane: return v.lane(i, as: UInt64.self)
        default: return nil
        }
    }

    /// Executes a `replace_lane` (`[v128 t] -> [v128]`); narrow integer lanes take the
    /// low bits of the `i32` operand. Returns `nil` for an extraction or a lane index
    /// out of range.
    public static func replaceLane(_ op: LaneOp, _ lane: UInt8, _ v: V128, _ x: UInt64) -> V128? {
        guard op.isReplace, Int(lane) < Int(op.info.lanes) else { return nil }
        let i = Int(lane)
        switch op {
        case .i8x16ReplaceLane: return v.replacing(lane: i, with: UInt8(truncatingIfNeeded: x))
        case .i16x8ReplaceLane: return v.replacing(lane: i, with: UInt16(truncatingIfNeeded: x))
        case .i32x4ReplaceLane, .f32x4ReplaceLane: return v.replacing(lane: i, with: UInt32(truncatingIfNeeded: x))
        case .i64x2ReplaceLane, .f64x2ReplaceLane: return v.replacing(lane: i, with: x)
        default: return nil
        }
    }

    /// Executes `i8x16.shuffle` with its 16 lane indices (one per byte of `lanes`).
    /// Returns `nil` if an index is 32 or more.
    public static func shuffle(_ lanes: V128, _ a: V128, _ b: V128) -> V128? {
        for i in 0..<16 where lanes.lane(i, as: UInt8.self) >= 32 { return nil }
        return V128Ops.shuffle(lanes, a, b)
    }

    /// The vector a vector load produces from the bytes it read (§4.4.7): `bits` holds
    /// them little-endian, as many as the access reads (8 for `v128.loadMxN_s/u`, the
    /// lane size for `_splat`, 4 or 8 for `_zero`; further high bits are ignored).
    /// Returns `nil` for `v128.load` and scalar loads.
    public static func vectorLoad(_ op: LoadOp, _ bits: UInt64) -> V128? {
        let v = V128(lo: bits, hi: 0)
        switch op {
        case .v128Load8x8S: return V128Ops.extend(v, high: false, signed: true, from: UInt8.self, to: UInt16.self)
        case .v128Load8x8U: return V128Ops.extend(v, high: false, signed: false, from: UInt8.self, to: UInt16.self)
        case .v128Load16x4S: return V128Ops.extend(v, high: false, signed: true, from: UInt16.self, to: UInt32.self)
        case .v128Load16x4U: return V128Ops.extend(v, high: false, signed: false, from: UInt16.self, to: UInt32.self)
        case .v128Load32x2S: return V128Ops.extend(v, high: false, signed: true, from: UInt32.self, to: UInt64.self)
        case .v128Load32x2U: return V128Ops.extend(v, high: false, signed: false, from: UInt32.self, to: UInt64.self)
        case .v128Load8Splat: return I8x16Ops.splat(UInt8(truncatingIfNeeded: bits))
        case .v128Load16Splat: return I16x8Ops.splat(UInt16(truncatingIfNeeded: bits))
        case .v128Load32Splat: return I32x4Ops.splat(UInt32(truncatingIfNeeded: bits))
        case .v128Load64Splat: return I64x2Ops.splat(bits)
        case .v128Load32Zero: return V128(lo: bits & 0xFFFF_FFFF, hi: 0)
        case .v128Load64Zero: return v
        default: return nil
        }
    }
}

/// The operands and result of a vector operator, read once from the operator table's
/// signatures (VectorOp.swift), so that executing one reads a few bytes instead of
/// copying its signature.
public struct VectorShape: Sendable {
    /// How many v128 operands it takes, first.
    public let vectors: Int
    /// The type of its scalar operand after them (a splat's value, a shift's count), if
    /// it has one.
    public let scalar: ValType?
    /// Whether it pushes an i32 (the tests and `bitmask`) rather than a v128.
    public let resultIsI32: Bool

    /// Every operator's shape, by raw value.
    public static let table: [VectorShape] = VectorOp.allCases.map { op in
        let sig = op.signature
        return VectorShape(
            vectors: sig.params.filter { $0 == .v128 }.count, scalar: sig.params.first { $0 != .v128 },
            resultIsI32: sig.result == .i32)
    }
}

extension Numerics {
    /// Applies a vector operator to its operands in order: up to three vectors and at
    /// most one scalar (a splat's value or a shift's count), as its shape says. Returns
    /// the vector result, or for a test (`any_true`, `all_true`, `bitmask`) the i32 in
    /// the low half. Both engines call this.
    public static func evaluate(_ op: VectorOp, _ vectors: (V128, V128, V128), scalar: UInt64) -> V128 {
        let shape = VectorShape.table[Int(op.rawValue)]
        if shape.vectors == 0 { return splat(op, scalar) ?? .zero }
        if shape.resultIsI32 { return V128(lo: UInt64(test(op, vectors.0) ?? 0), hi: 0) }
        if shape.scalar != nil { return shift(op, vectors.0, UInt32(truncatingIfNeeded: scalar)) ?? .zero }
        switch shape.vectors {
        case 1: return apply(op, vectors.0) ?? .zero
        case 2: return apply(op, vectors.0, vectors.1) ?? .zero
        default: return apply(op, vectors.0, vectors.1, vectors.2) ?? .zero
        }
    }
}
