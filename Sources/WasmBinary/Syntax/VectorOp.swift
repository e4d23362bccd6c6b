// The operator table: one line per instruction, the single source of truth for its
// text mnemonic, binary opcode and operand types. Decoder, encoder, text parser,
// printer and validator all read it; adding an operator touches this file only.

/// The vector instructions without immediates (§2.4.2), relaxed SIMD included. Loads,
/// stores, lane accesses, `v128.const` and `i8x16.shuffle` carry immediates and are
/// separate instruction cases.
public enum VectorOp: UInt16, CaseIterable, Hashable, Sendable {
    case i8x16Swizzle
    case i8x16Splat
    case i16x8Splat
    case i32x4Splat
    case i64x2Splat
    case f32x4Splat
    case f64x2Splat
    case i8x16Eq
    case i8x16Ne
    case i8x16LtS
    case i8x16LtU
    case i8x16GtS
    case i8x16GtU
    case i8x16LeS
    case i8x16LeU
    case i8x16GeS
    case i8x16GeU
    case i16x8Eq
    case i16x8Ne
    case i16x8LtS
    case i16x8LtU
    case i16x8GtS
    case i16x8GtU
    case i16x8LeS
    case i16x8LeU
    case i16x8GeS
    case i16x8GeU
    case i32x4Eq
    case i32x4Ne
    case i32x4LtS
    case i32x4LtU
    case i32x4GtS
    case i32x4GtU
    case i32x4LeS
    case i32x4LeU
    case i32x4GeS
    case i32x4GeU
    case f32x4Eq
    case f32x4Ne
    case f32x4Lt
    case f32x4Gt
    case f32x4Le
    case f32x4Ge
    case f64x2Eq
    case f64x2Ne
    case f64x2Lt
    case f64x2Gt
    case f64x2Le
    case f64x2Ge
    case v128Not
    case v128And
    case v128Andnot
    case v128Or
    case v128Xor
    case v128Bitselect
    case v128AnyTrue
    case f32x4DemoteF64x2Zero
    case f64x2PromoteLowF32x4
    case i8x16Abs
    case i8x16Neg
    case i8x16Popcnt
    case i8x16AllTrue
    case i8x16Bitmask
    case i8x16NarrowI16x8S
    case i8x16NarrowI16x8U
    case f32x4Ceil
    case f32x4Floor
    case f32x4Trunc
    case f32x4Nearest
    case i8x16Shl
    case i8x16ShrS
    case i8x16ShrU
    case i8x16Add
    case i8x16AddSatS
    case i8x16AddSatU
    case i8x16Sub
    case i8x16SubSatS
    case i8x16SubSatU
    case f64x2Ceil
    case f64x2Floor
    case i8x16MinS
    case i8x16MinU
    case i8x16MaxS
    case i8x16MaxU
    case f64x2Trunc
    case i8x16AvgrU
    case i16x8ExtaddPairwiseI8x16S
    case i16x8ExtaddPairwiseI8x16U
    case i32x4ExtaddPairwiseI16x8S
    case i32x4ExtaddPairwiseI16x8U
    case i16x8Abs
    case i16x8Neg
    case i16x8Q15mulrSatS
    case i16x8AllTrue
    case i16x8Bitmask
    case i16x8NarrowI32x4S
    case i16x8NarrowI32x4U
    case i16x8ExtendLowI8x16S
    case i16x8ExtendHighI8x16S
    case i16x8ExtendLowI8x16U
    case i16x8ExtendHighI8x16U
    case i16x8Shl
    case i16x8ShrS
    case i16x8ShrU
    case i16x8Add
    case i16x8AddSatS
    case i16x8AddSatU
    case i16x8Sub
    case i16x8SubSatS
    case i16x8SubSatU
    case f64x2Nearest
    case i16x8Mul
    case i16x8MinS
    case i16x8MinU
    case i16x8MaxS
    case i16x8MaxU
    case i16x8AvgrU
    case i16x8ExtmulLowI8x16S
    case i16x8ExtmulHighI8x16S
    case i16x8ExtmulLowI8x16U
    case i16x8ExtmulHighI8x16U
    case i32x4Abs
    case i32x4Neg
    case i32x4AllTrue
    case i32x4Bitmask
    case i32x4ExtendLowI16x8S
    case i32x4ExtendHighI16x8S
    case i32x4ExtendLowI16x8U
    case i32x4ExtendHighI16x8U
    case i32x4Shl
    case i32x4ShrS
    case i32x4ShrU
    case i32x4Add
    case i32x4Sub
    case i32x4Mul
    case i32x4MinS
    case i32x4MinU
    case i32x4MaxS
    case i32x4MaxU
    case i32x4DotI16x8S
    case i32x4ExtmulLowI16x8S
    case i32x4ExtmulHighI16x8S
    case i32x4ExtmulLowI16x8U
    case i32x4ExtmulHighI16x8U
    case i64x2Abs
    case i64x2Neg
    case i64x2AllTrue
    case i64x2Bitmask
    case i64x2ExtendLowI32x4S
    case i64x2ExtendHighI32x4S
    case i64x2ExtendLowI32x4U
    case i64x2ExtendHighI32x4U
    case i64x2Shl
    case i64x2ShrS
    case i64x2ShrU
    case i64x2Add
    case i64x2Sub
    case i64x2Mul
    case i64x2Eq
    case i64x2Ne
    case i64x2LtS
    case i64x2GtS
    case i64x2LeS
    case i64x2GeS
    case i64x2ExtmulLowI32x4S
    case i64x2ExtmulHighI32x4S
    case i64x2ExtmulLowI32x4U
    case i64x2ExtmulHighI32x4U
    case f32x4Abs
    case f32x4Neg
    case f32x4Sqrt
    case f32x4Add
    case f32x4Sub
    case f32x4Mul
    case f32x4Div
    case f32x4Min
    case f32x4Max
    case f32x4Pmin
    case f32x4Pmax
    case f64x2Abs
    case f64x2Neg
    case f64x2Sqrt
    case f64x2Add
    case f64x2Sub
    case f64x2Mul
    case f64x2Div
    case f64x2Min
    case f64x2Max
    case f64x2Pmin
    case f64x2Pmax
    case i32x4TruncSatF32x4S
    case i32x4TruncSatF32x4U
    case f32x4ConvertI32x4S
    case f32x4ConvertI32x4U
    case i32x4TruncSatF64x2SZero
    case i32x4TruncSatF64x2UZero
    case f64x2ConvertLowI32x4S
    case f64x2ConvertLowI32x4U
    case i8x16RelaxedSwizzle
    case i32x4RelaxedTruncF32x4S
    case i32x4RelaxedTruncF32x4U
    case i32x4RelaxedTruncF64x2SZero
    case i32x4RelaxedTruncF64x2UZero
    case f32x4RelaxedMadd
    case f32x4RelaxedNmadd
    case f64x2RelaxedMadd
    case f64x2RelaxedNmadd
    case i8x16RelaxedLaneselect
    case i16x8RelaxedLaneselect
    case i32x4RelaxedLaneselect
    case i64x2RelaxedLaneselect
    case f32x4RelaxedMin
    case f32x4RelaxedMax
    case f64x2RelaxedMin
    case f64x2RelaxedMax
    case i16x8RelaxedQ15mulrS
    case i16x8RelaxedDotI8x16I7x16S
    case i32x4RelaxedDotI8x16I7x16AddS
}

extension VectorOp: OperatorTable {
    public static let infos: [OperatorInfo] = allCases.map(\.makeInfo)

    private var makeInfo: OperatorInfo {
        switch self {
        case .i8x16Swizzle: OperatorInfo("i8x16.swizzle", 0x0E, prefix: 0xFD, .binary(.v128))
        case .i8x16Splat: OperatorInfo("i8x16.splat", 0x0F, prefix: 0xFD, .convert(.i32, to: .v128))
        case .i16x8Splat: OperatorInfo("i16x8.splat", 0x10, prefix: 0xFD, .convert(.i32, to: .v128))
        case .i32x4Splat: OperatorInfo("i32x4.splat", 0x11, prefix: 0xFD, .convert(.i32, to: .v128))
        case .i64x2Splat: OperatorInfo("i64x2.splat", 0x12, prefix: 0xFD, .convert(.i64, to: .v128))
        case .f32x4Splat: OperatorInfo("f32x4.splat", 0x13, prefix: 0xFD, .convert(.f32, to: .v128))
        case .f64x2Splat: OperatorInfo("f64x2.splat", 0x14, prefix: 0xFD, .convert(.f64, to: .v128))
        case .i8x16Eq: OperatorInfo("i8x16.eq", 0x23, prefix: 0xFD, .binary(.v128))
        case .i8x16Ne: OperatorInfo("i8x16.ne", 0x24, prefix: 0xFD, .binary(.v128))
        case .i8x16LtS: OperatorInfo("i8x16.lt_s", 0x25, prefix: 0xFD, .binary(.v128))
        case .i8x16LtU: OperatorInfo("i8x16.lt_u", 0x26, prefix: 0xFD, .binary(.v128))
        case .i8x16GtS: OperatorInfo("i8x16.gt_s", 0x27, prefix: 0xFD, .binary(.v128))
        case .i8x16GtU: OperatorInfo("i8x16.gt_u", 0x28, prefix: 0xFD, .binary(.v128))
        case .i8x16LeS: OperatorInfo("i8x16.le_s", 0x29, prefix: 0xFD, .binary(.v128))
        case .i8x16LeU: OperatorInfo("i8x16.le_u", 0x2A, prefix: 0xFD, .binary(.v128))
        case .i8x16GeS: OperatorInfo("i8x16.ge_s", 0x2B, prefix: 0xFD, .binary(.v128))
        case .i8x16GeU: OperatorInfo("i8x16.ge_u", 0x2C, prefix: 0xFD, .binary(.v128))
        case .i16x8Eq: OperatorInfo("i16x8.eq", 0x2D, prefix: 0xFD, .binary(.v128))
        case .i16x8Ne: OperatorInfo("i16x8.ne", 0x2E, prefix: 0xFD, .binary(.v128))
        case .i16x8LtS: OperatorInfo("i16x8.lt_s", 0x2F, prefix: 0xFD, .binary(.v128))
        case .i16x8LtU: OperatorInfo("i16x8.lt_u", 0x30, prefix: 0xFD, .binary(.v128))
        case .i16x8GtS: OperatorInfo("i16x8.gt_s", 0x31, prefix: 0xFD, .binary(.v128))
        case .i16x8GtU: OperatorInfo("i16x8.gt_u", 0x32, prefix: 0xFD, .binary(.v128))
        case .i16x8LeS: OperatorInfo("i16x8.le_s", 0x33, prefix: 0xFD, .binary(.v128))
        case .i16x8LeU: OperatorInfo("i16x8.le_u", 0x34, prefix: 0xFD, .binary(.v128))
        case .i16x8GeS: OperatorInfo("i16x8.ge_s", 0x35, prefix: 0xFD, .binary(.v128))
        case .i16x8GeU: OperatorInfo("i16x8.ge_u", 0x36, prefix: 0xFD, .binary(.v128))
        case .i32x4Eq: OperatorInfo("i32x4.eq", 0x37, prefix: 0xFD, .binary(.v128))
        case .i32x4Ne: OperatorInfo("i32x4.ne", 0x38, prefix: 0xFD, .binary(.v128))
        case .i32x4LtS: OperatorInfo("i32x4.lt_s", 0x39, prefix: 0xFD, .binary(.v128))
        case .i32x4LtU: OperatorInfo("i32x4.lt_u", 0x3A, prefix: 0xFD, .binary(.v128))
        case .i32x4GtS: OperatorInfo("i32x4.gt_s", 0x3B, prefix: 0xFD, .binary(.v128))
        case .i32x4GtU: OperatorInfo("i32x4.gt_u", 0x3C, prefix: 0xFD, .binary(.v128))
        case .i32x4LeS: OperatorInfo("i32x4.le_s", 0x3D, prefix: 0xFD, .binary(.v128))
        case .i32x4LeU: OperatorInfo("i32x4.le_u", 0x3E, prefix: 0xFD, .binary(.v128))
        case .i32x4GeS: OperatorInfo("i32x4.ge_s", 0x3F, prefix: 0xFD, .binary(.v128))
        case .i32x4GeU: OperatorInfo("i32x4.ge_u", 0x40, prefix: 0xFD, .binary(.v128))
        case .f32x4Eq: OperatorInfo("f32x4.eq", 0x41, prefix: 0xFD, .binary(.v128))
        case .f32x4Ne: OperatorInfo("f32x4.ne", 0x42, prefix: 0xFD, .binary(.v128))
        case .f32x4Lt: OperatorInfo("f32x4.lt", 0x43, prefix: 0xFD, .binary(.v128))
        case .f32x4Gt: OperatorInfo("f32x4.gt", 0x44, prefix: 0xFD, .binary(.v128))
        case .f32x4Le: OperatorInfo("f32x4.le", 0x45, prefix: 0xFD, .binary(.v128))
        case .f32x4Ge: OperatorInfo("f32x4.ge", 0x46, prefix: 0xFD, .binary(.v128))
        case .f64x2Eq: OperatorInfo("f64x2.eq", 0x47, prefix: 0xFD, .binary(.v128))
        case .f64x2Ne: OperatorInfo("f64x2.ne", 0x48, prefix: 0xFD, .binary(.v128))
        case .f64x2Lt: OperatorInfo("f64x2.lt", 0x49, prefix: 0xFD, .binary(.v128))
        case .f64x2Gt: OperatorInfo("f64x2.gt", 0x4A, prefix: 0xFD, .binary(.v128))
        case .f64x2Le: OperatorInfo("f64x2.le", 0x4B, prefix: 0xFD, .binary(.v128))
        case .f64x2Ge: OperatorInfo("f64x2.ge", 0x4C, prefix: 0xFD, .binary(.v128))
        case .v128Not: OperatorInfo("v128.not", 0x4D, prefix: 0xFD, .unary(.v128))
        case .v128And: OperatorInfo("v128.and", 0x4E, prefix: 0xFD, .binary(.v128))
        case .v128Andnot: OperatorInfo("v128.andnot", 0x4F, prefix: 0xFD, .binary(.v128))
        case .v128Or: OperatorInfo("v128.or", 0x50, prefix: 0xFD, .binary(.v128))
        case .v128Xor: OperatorInfo("v128.xor", 0x51, prefix: 0xFD, .binary(.v128))
        case .v128Bitselect: OperatorInfo("v128.bitselect", 0x52, prefix: 0xFD, .ternary(.v128))
        case .v128AnyTrue: OperatorInfo("v128.any_true", 0x53, prefix: 0xFD, .test(.v128))
        case .f32x4DemoteF64x2Zero: OperatorInfo("f32x4.demote_f64x2_zero", 0x5E, prefix: 0xFD, .unary(.v128))
        case .f64x2PromoteLowF32x4: OperatorInfo("f64x2.promote_low_f32x4", 0x5F, prefix: 0xFD, .unary(.v128))
        case .i8x16Abs: OperatorInfo("i8x16.abs", 0x60, prefix: 0xFD, .unary(.v128))
        case .i8x16Neg: OperatorInfo("i8x16.neg", 0x61, prefix: 0xFD, .unary(.v128))
        case .i8x16Popcnt: OperatorInfo("i8x16.popcnt", 0x62, prefix: 0xFD, .unary(.v128))
        case .i8x16AllTrue: OperatorInfo("i8x16.all_true", 0x63, prefix: 0xFD, .test(.v128))
        case .i8x16Bitmask: OperatorInfo("i8x16.bitmask", 0x64, prefix: 0xFD, .test(.v128))
        case .i8x16NarrowI16x8S: OperatorInfo("i8x16.narrow_i16x8_s", 0x65, prefix: 0xFD, .binary(.v128))
        case .i8x16NarrowI16x8U: OperatorInfo("i8x16.narrow_i16x8_u", 0x66, prefix: 0xFD, .binary(.v128))
        case .f32x4Ceil: OperatorInfo("f32x4.ceil", 0x67, prefix: 0xFD, .unary(.v128))
        case .f32x4Floor: OperatorInfo("f32x4.floor", 0x68, prefix: 0xFD, .unary(.v128))
        case .f32x4Trunc: OperatorInfo("f32x4.trunc", 0x69, prefix: 0xFD, .unary(.v128))
        case .f32x4Nearest: OperatorInfo("f32x4.nearest", 0x6A, prefix: 0xFD, .unary(.v128))
        case .i8x16Shl: OperatorInfo("i8x16.shl", 0x6B, prefix: 0xFD, .shift)
        case .i8x16ShrS: OperatorInfo("i8x16.shr_s", 0x6C, prefix: 0xFD, .shift)
        case .i8x16ShrU: OperatorInfo("i8x16.shr_u", 0x6D, prefix: 0xFD, .shift)
        case .i8x16Add: OperatorInfo("i8x16.add", 0x6E, prefix: 0xFD, .binary(.v128))
        case .i8x16AddSatS: OperatorInfo("i8x16.add_sat_s", 0x6F, prefix: 0xFD, .binary(.v128))
        case .i8x16AddSatU: OperatorInfo("i8x16.add_sat_u", 0x70, prefix: 0xFD, .binary(.v128))
        case .i8x16Sub: OperatorInfo("i8x16.sub", 0x71, prefix: 0xFD, .binary(.v128))
        case .i8x16SubSatS: OperatorInfo("i8x16.sub_sat_s", 0x72, prefix: 0xFD, .binary(.v128))
        case .i8x16SubSatU: OperatorInfo("i8x16.sub_sat_u", 0x73, prefix: 0xFD, .binary(.v128))
        case .f64x2Ceil: OperatorInfo("f64x2.ceil", 0x74, prefix: 0xFD, .unary(.v128))
        case .f64x2Floor: OperatorInfo("f64x2.floor", 0x75, prefix: 0xFD, .unary(.v128))
        case .i8x16MinS: OperatorInfo("i8x16.min_s", 0x76, prefix: 0xFD, .binary(.v128))
        case .i8x16MinU: OperatorInfo("i8x16.min_u", 0x77, prefix: 0xFD, .binary(.v128))
        case .i8x16MaxS: OperatorInfo("i8x16.max_s", 0x78, prefix: 0xFD, .binary(.v128))
        case .i8x16MaxU: OperatorInfo("i8x16.max_u", 0x79, prefix: 0xFD, .binary(.v128))
        case .f64x2Trunc: OperatorInfo("f64x2.trunc", 0x7A, prefix: 0xFD, .unary(.v128))
        case .i8x16AvgrU: OperatorInfo("i8x16.avgr_u", 0x7B, prefix: 0xFD, .binary(.v128))
        case .i16x8ExtaddPairwiseI8x16S: OperatorInfo("i16x8.extadd_pairwise_i8x16_s", 0x7C, prefix: 0xFD, .unary(.v128))
        case .i16x8ExtaddPairwiseI8x16U: OperatorInfo("i16x8.extadd_pairwise_i8x16_u", 0x7D, prefix: 0xFD, .unary(.v128))
        case .i32x4ExtaddPairwiseI16x8S: OperatorInfo("i32x4.extadd_pairwise_i16x8_s", 0x7E, prefix: 0xFD, .unary(.v128))
        case .i32x4ExtaddPairwiseI16x8U: OperatorInfo("i32x4.extadd_pairwise_i16x8_u", 0x7F, prefix: 0xFD, .unary(.v128))
        case .i16x8Abs: OperatorInfo("i16x8.abs", 0x80, prefix: 0xFD, .unary(.v128))
        case .i16x8Neg: OperatorInfo("i16x8.neg", 0x81, prefix: 0xFD, .unary(.v128))
        case .i16x8Q15mulrSatS: OperatorInfo("i16x8.q15mulr_sat_s", 0x82, prefix: 0xFD, .binary(.v128))
        case .i16x8AllTrue: OperatorInfo("i16x8.all_true", 0x83, prefix: 0xFD, .test(.v128))
        case .i16x8Bitmask: OperatorInfo("i16x8.bitmask", 0x84, prefix: 0xFD, .test(.v128))
        case .i16x8NarrowI32x4S: OperatorInfo("i16x8.narrow_i32x4_s", 0x85, prefix: 0xFD, .binary(.v128))
        case .i16x8NarrowI32x4U: OperatorInfo("i16x8.narrow_i32x4_u", 0x86, prefix: 0xFD, .binary(.v128))
        case .i16x8ExtendLowI8x16S: OperatorInfo("i16x8.extend_low_i8x16_s", 0x87, prefix: 0xFD, .unary(.v128))
        case .i16x8ExtendHighI8x16S: OperatorInfo("i16x8.extend_high_i8x16_s", 0x88, prefix: 0xFD, .unary(.v128))
        case .i16x8ExtendLowI8x16U: OperatorInfo("i16x8.extend_low_i8x16_u", 0x89, prefix: 0xFD, .unary(.v128))
        case .i16x8ExtendHighI8x16U: OperatorInfo("i16x8.extend_high_i8x16_u", 0x8A, prefix: 0xFD, .unary(.v128))
        case .i16x8Shl: OperatorInfo("i16x8.shl", 0x8B, prefix: 0xFD, .shift)
        case .i16x8ShrS: OperatorInfo("i16x8.shr_s", 0x8C, prefix: 0xFD, .shift)
        case .i16x8ShrU: OperatorInfo("i16x8.shr_u", 0x8D, prefix: 0xFD, .shift)
        case .i16x8Add: OperatorInfo("i16x8.add", 0x8E, prefix: 0xFD, .binary(.v128))
        case .i16x8AddSatS: OperatorInfo("i16x8.add_sat_s", 0x8F, prefix: 0xFD, .binary(.v128))
        case .i16x8AddSatU: OperatorInfo("i16x8.add_sat_u", 0x90, prefix: 0xFD, .binary(.v128))
        case .i16x8Sub: OperatorInfo("i16x8.sub", 0x91, prefix: 0xFD, .binary(.v128))
        case .i16x8SubSatS: OperatorInfo("i16x8.sub_sat_s", 0x92, prefix: 0xFD, .binary(.v128))
        case .i16x8SubSatU: OperatorInfo("i16x8.sub_sat_u", 0x93, prefix: 0xFD, .binary(.v128))
        case .f64x2Nearest: OperatorInfo("f64x2.nearest", 0x94, prefix: 0xFD, .unary(.v128))
        case .i16x8Mul: OperatorInfo("i16x8.mul", 0x95, prefix: 0xFD, .binary(.v128))
        case .i16x8MinS: OperatorInfo("i16x8.min_s", 0x96, prefix: 0xFD, .binary(.v128))
        case .i16x8MinU: OperatorInfo("i16x8.min_u", 0x97, prefix: 0xFD, .binary(.v128))
        case .i16x8MaxS: OperatorInfo("i16x8.max_s", 0x98, prefix: 0xFD, .binary(.v128))
        case .i16x8MaxU: OperatorInfo("i16x8.max_u", 0x99, prefix: 0xFD, .binary(.v128))
        case .i16x8AvgrU: OperatorInfo("i16x8.avgr_u", 0x9B, prefix: 0xFD, .binary(.v128))
        case .i16x8ExtmulLowI8x16S: OperatorInfo("i16x8.extmul_low_i8x16_s", 0x9C, prefix: 0xFD, .binary(.v128))
        case .i16x8ExtmulHighI8x16S: OperatorInfo("i16x8.extmul_high_i8x16_s", 0x9D, prefix: 0xFD, .binary(.v128))
        case .i16x8ExtmulLowI8x16U: OperatorInfo("i16x8.extmul_low_i8x16_u", 0x9E, prefix: 0xFD, .binary(.v128))
        case .i16x8ExtmulHighI8x16U: OperatorInfo("i16x8.extmul_high_i8x16_u", 0x9F, prefix: 0xFD, .binary(.v128))
        case .i32x4Abs: OperatorInfo("i32x4.abs", 0xA0, prefix: 0xFD, .unary(.v128))
        case .i32x4Neg: OperatorInfo("i32x4.neg", 0xA1, prefix: 0xFD, .unary(.v128))
        case .i32x4AllTrue: OperatorInfo("i32x4.all_true", 0xA3, prefix: 0xFD, .test(.v128))
        case .i32x4Bitmask: OperatorInfo("i32x4.bitmask", 0xA4, prefix: 0xFD, .test(.v128))
        case .i32x4ExtendLowI16x8S: OperatorInfo("i32x4.extend_low_i16x8_s", 0xA7, prefix: 0xFD, .unary(.v128))
        case .i32x4ExtendHighI16x8S: OperatorInfo("i32x4.extend_high_i16x8_s", 0xA8, prefix: 0xFD, .unary(.v128))
        case .i32x4ExtendLowI16x8U: OperatorInfo("i32x4.extend_low_i16x8_u", 0xA9, prefix: 0xFD, .unary(.v128))
        case .i32x4ExtendHighI16x8U: OperatorInfo("i32x4.extend_high_i16x8_u", 0xAA, prefix: 0xFD, .unary(.v128))
        case .i32x4Shl: OperatorInfo("i32x4.shl", 0xAB, prefix: 0xFD, .shift)
        case .i32x4ShrS: OperatorInfo("i32x4.shr_s", 0xAC, prefix: 0xFD, .shift)
        case .i32x4ShrU: OperatorInfo("i32x4.shr_u", 0xAD, prefix: 0xFD, .shift)
        case .i32x4Add: OperatorInfo("i32x4.add", 0xAE, prefix: 0xFD, .binary(.v128))
        case .i32x4Sub: OperatorInfo("i32x4.sub", 0xB1, prefix: 0xFD, .binary(.v128))
        case .i32x4Mul: OperatorInfo("i32x4.mul", 0xB5, prefix: 0xFD, .binary(.v128))
        case .i32x4MinS: OperatorInfo("i32x4.min_s", 0xB6, prefix: 0xFD, .binary(.v128))
        case .i32x4MinU: OperatorInfo("i32x4.min_u", 0xB7, prefix: 0xFD, .binary(.v128))
        case .i32x4MaxS: OperatorInfo("i32x4.max_s", 0xB8, prefix: 0xFD, .binary(.v128))
        case .i32x4MaxU: OperatorInfo("i32x4.max_u", 0xB9, prefix: 0xFD, .binary(.v128))
        case .i32x4DotI16x8S: OperatorInfo("i32x4.dot_i16x8_s", 0xBA, prefix: 0xFD, .binary(.v128))
        case .i32x4ExtmulLowI16x8S: OperatorInfo("i32x4.extmul_low_i16x8_s", 0xBC, prefix: 0xFD, .binary(.v128))
        case .i32x4ExtmulHighI16x8S: OperatorInfo("i32x4.extmul_high_i16x8_s", 0xBD, prefix: 0xFD, .binary(.v128))
        case .i32x4ExtmulLowI16x8U: OperatorInfo("i32x4.extmul_low_i16x8_u", 0xBE, prefix: 0xFD, .binary(.v128))
        case .i32x4ExtmulHighI16x8U: OperatorInfo("i32x4.extmul_high_i16x8_u", 0xBF, prefix: 0xFD, .binary(.v128))
        case .i64x2Abs: OperatorInfo("i64x2.abs", 0xC0, prefix: 0xFD, .unary(.v128))
        case .i64x2Neg: OperatorInfo("i64x2.neg", 0xC1, prefix: 0xFD, .unary(.v128))
        case .i64x2AllTrue: OperatorInfo("i64x2.all_true", 0xC3, prefix: 0xFD, .test(.v128))
        case .i64x2Bitmask: OperatorInfo("i64x2.bitmask", 0xC4, prefix: 0xFD, .test(.v128))
        case .i64x2ExtendLowI32x4S: OperatorInfo("i64x2.extend_low_i32x4_s", 0xC7, prefix: 0xFD, .unary(.v128))
        case .i64x2ExtendHighI32x4S: OperatorInfo("i64x2.extend_high_i32x4_s", 0xC8, prefix: 0xFD, .unary(.v128))
        case .i64x2ExtendLowI32x4U: OperatorInfo("i64x2.extend_low_i32x4_u", 0xC9, prefix: 0xFD, .unary(.v128))
        case .i64x2ExtendHighI32x4U: OperatorInfo("i64x2.extend_high_i32x4_u", 0xCA, prefix: 0xFD, .unary(.v128))
        case .i64x2Shl: OperatorInfo("i64x2.shl", 0xCB, prefix: 0xFD, .shift)
        case .i64x2ShrS: OperatorInfo("i64x2.shr_s", 0xCC, prefix: 0xFD, .shift)
        case .i64x2ShrU: OperatorInfo("i64x2.shr_u", 0xCD, prefix: 0xFD, .shift)
        case .i64x2Add: OperatorInfo("i64x2.add", 0xCE, prefix: 0xFD, .binary(.v128))
        case .i64x2Sub: OperatorInfo("i64x2.sub", 0xD1, prefix: 0xFD, .binary(.v128))
        case .i64x2Mul: OperatorInfo("i64x2.mul", 0xD5, prefix: 0xFD, .binary(.v128))
        case .i64x2Eq: OperatorInfo("i64x2.eq", 0xD6, prefix: 0xFD, .binary(.v128))
        case .i64x2Ne: OperatorInfo("i64x2.ne", 0xD7, prefix: 0xFD, .binary(.v128))
        case .i64x2LtS: OperatorInfo("i64x2.lt_s", 0xD8, prefix: 0xFD, .binary(.v128))
        case .i64x2GtS: OperatorInfo("i64x2.gt_s", 0xD9, prefix: 0xFD, .binary(.v128))
        case .i64x2LeS: OperatorInfo("i64x2.le_s", 0xDA, prefix: 0xFD, .binary(.v128))
        case .i64x2GeS: OperatorInfo("i64x2.ge_s", 0xDB, prefix: 0xFD, .binary(.v128))
        case .i64x2ExtmulLowI32x4S: OperatorInfo("i64x2.extmul_low_i32x4_s", 0xDC, prefix: 0xFD, .binary(.v128))
        case .i64x2ExtmulHighI32x4S: OperatorInfo("i64x2.extmul_high_i32x4_s", 0xDD, prefix: 0xFD, .binary(.v128))
        case .i64x2ExtmulLowI32x4U: OperatorInfo("i64x2.extmul_low_i32x4_u", 0xDE, prefix: 0xFD, .binary(.v128))
        case .i64x2ExtmulHighI32x4U: OperatorInfo("i64x2.extmul_high_i32x4_u", 0xDF, prefix: 0xFD, .binary(.v128))
        case .f32x4Abs: OperatorInfo("f32x4.abs", 0xE0, prefix: 0xFD, .unary(.v128))
        case .f32x4Neg: OperatorInfo("f32x4.neg", 0xE1, prefix: 0xFD, .unary(.v128))
        case .f32x4Sqrt: OperatorInfo("f32x4.sqrt", 0xE3, prefix: 0xFD, .unary(.v128))
        case .f32x4Add: OperatorInfo("f32x4.add", 0xE4, prefix: 0xFD, .binary(.v128))
        case .f32x4Sub: OperatorInfo("f32x4.sub", 0xE5, prefix: 0xFD, .binary(.v128))
        case .f32x4Mul: OperatorInfo("f32x4.mul", 0xE6, prefix: 0xFD, .binary(.v128))
        case .f32x4Div: OperatorInfo("f32x4.div", 0xE7, prefix: 0xFD, .binary(.v128))
        case .f32x4Min: OperatorInfo("f32x4.min", 0xE8, prefix: 0xFD, .binary(.v128))
        case .f32x4Max: OperatorInfo("f32x4.max", 0xE9, prefix: 0xFD, .binary(.v128))
        case .f32x4Pmin: OperatorInfo("f32x4.pmin", 0xEA, prefix: 0xFD, .binary(.v128))
        case .f32x4Pmax: OperatorInfo("f32x4.pmax", 0xEB, prefix: 0xFD, .binary(.v128))
        case .f64x2Abs: OperatorInfo("f64x2.abs", 0xEC, prefix: 0xFD, .unary(.v128))
        case .f64x2Neg: OperatorInfo("f64x2.neg", 0xED, prefix: 0xFD, .unary(.v128))
        case .f64x2Sqrt: OperatorInfo("f64x2.sqrt", 0xEF, prefix: 0xFD, .unary(.v128))
        case .f64x2Add: OperatorInfo("f64x2.add", 0xF0, prefix: 0xFD, .binary(.v128))
        case .f64x2Sub: OperatorInfo("f64x2.sub", 0xF1, prefix: 0xFD, .binary(.v128))
        case .f64x2Mul: OperatorInfo("f64x2.mul", 0xF2, prefix: 0xFD, .binary(.v128))
        case .f64x2Div: OperatorInfo("f64x2.div", 0xF3, prefix: 0xFD, .binary(.v128))
        case .f64x2Min: OperatorInfo("f64x2.min", 0xF4, prefix: 0xFD, .binary(.v128))
        case .f64x2Max: OperatorInfo("f64x2.max", 0xF5, prefix: 0xFD, .binary(.v128))
        case .f64x2Pmin: OperatorInfo("f64x2.pmin", 0xF6, prefix: 0xFD, .binary(.v128))
        case .f64x2Pmax: OperatorInfo("f64x2.pmax", 0xF7, prefix: 0xFD, .binary(.v128))
        case .i32x4TruncSatF32x4S: OperatorInfo("i32x4.trunc_sat_f32x4_s", 0xF8, prefix: 0xFD, .unary(.v128))
        case .i32x4TruncSatF32x4U: OperatorInfo("i32x4.trunc_sat_f32x4_u", 0xF9, prefix: 0xFD, .unary(.v128))
        case .f32x4ConvertI32x4S: OperatorInfo("f32x4.convert_i32x4_s", 0xFA, prefix: 0xFD, .unary(.v128))
        case .f32x4ConvertI32x4U: OperatorInfo("f32x4.convert_i32x4_u", 0xFB, prefix: 0xFD, .unary(.v128))
        case .i32x4TruncSatF64x2SZero: OperatorInfo("i32x4.trunc_sat_f64x2_s_zero", 0xFC, prefix: 0xFD, .unary(.v128))
        case .i32x4TruncSatF64x2UZero: OperatorInfo("i32x4.trunc_sat_f64x2_u_zero", 0xFD, prefix: 0xFD, .unary(.v128))
        case .f64x2ConvertLowI32x4S: OperatorInfo("f64x2.convert_low_i32x4_s", 0xFE, prefix: 0xFD, .unary(.v128))
        case .f64x2ConvertLowI32x4U: OperatorInfo("f64x2.convert_low_i32x4_u", 0xFF, prefix: 0xFD, .unary(.v128))
        case .i8x16RelaxedSwizzle: OperatorInfo("i8x16.relaxed_swizzle", 0x100, prefix: 0xFD, .binary(.v128))
        case .i32x4RelaxedTruncF32x4S: OperatorInfo("i32x4.relaxed_trunc_f32x4_s", 0x101, prefix: 0xFD, .unary(.v128))
        case .i32x4RelaxedTruncF32x4U: OperatorInfo("i32x4.relaxed_trunc_f32x4_u", 0x102, prefix: 0xFD, .unary(.v128))
        case .i32x4RelaxedTruncF64x2SZero: OperatorInfo("i32x4.relaxed_trunc_f64x2_s_zero", 0x103, prefix: 0xFD, .unary(.v128))
        case .i32x4RelaxedTruncF64x2UZero: OperatorInfo("i32x4.relaxed_trunc_f64x2_u_zero", 0x104, prefix: 0xFD, .unary(.v128))
        case .f32x4RelaxedMadd: OperatorInfo("f32x4.relaxed_madd", 0x105, prefix: 0xFD, .ternary(.v128))
        case .f32x4RelaxedNmadd: OperatorInfo("f32x4.relaxed_nmadd", 0x106, prefix: 0xFD, .ternary(.v128))
        case .f64x2RelaxedMadd: OperatorInfo("f64x2.relaxed_madd", 0x107, prefix: 0xFD, .ternary(.v128))
        case .f64x2RelaxedNmadd: OperatorInfo("f64x2.relaxed_nmadd", 0x108, prefix: 0xFD, .ternary(.v128))
        case .i8x16RelaxedLaneselect: OperatorInfo("i8x16.relaxed_laneselect", 0x109, prefix: 0xFD, .ternary(.v128))
        case .i16x8RelaxedLaneselect: OperatorInfo("i16x8.relaxed_laneselect", 0x10A, prefix: 0xFD, .ternary(.v128))
        case .i32x4RelaxedLaneselect: OperatorInfo("i32x4.relaxed_laneselect", 0x10B, prefix: 0xFD, .ternary(.v128))
        case .i64x2RelaxedLaneselect: OperatorInfo("i64x2.relaxed_laneselect", 0x10C, prefix: 0xFD, .ternary(.v128))
        case .f32x4RelaxedMin: OperatorInfo("f32x4.relaxed_min", 0x10D, prefix: 0xFD, .binary(.v128))
        case .f32x4RelaxedMax: OperatorInfo("f32x4.relaxed_max", 0x10E, prefix: 0xFD, .binary(.v128))
        case .f64x2RelaxedMin: OperatorInfo("f64x2.relaxed_min", 0x10F, prefix: 0xFD, .binary(.v128))
        case .f64x2RelaxedMax: OperatorInfo("f64x2.relaxed_max", 0x110, prefix: 0xFD, .binary(.v128))
        case .i16x8RelaxedQ15mulrS: OperatorInfo("i16x8.relaxed_q15mulr_s", 0x111, prefix: 0xFD, .binary(.v128))
        case .i16x8RelaxedDotI8x16I7x16S: OperatorInfo("i16x8.relaxed_dot_i8x16_i7x16_s", 0x112, prefix: 0xFD, .binary(.v128))
        case .i32x4RelaxedDotI8x16I7x16AddS: OperatorInfo("i32x4.relaxed_dot_i8x16_i7x16_add_s", 0x113, prefix: 0xFD, .ternary(.v128))
        }
    }
}
