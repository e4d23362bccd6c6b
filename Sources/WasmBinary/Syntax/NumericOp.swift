// The operator table: one line per instruction, the single source of truth for its
// text mnemonic, binary opcode and operand types. Decoder, encoder, text parser,
// printer and validator all read it; adding an operator touches this file only.

/// The numeric instructions without immediates (§2.4.1): tests, comparisons, unary and
/// binary operators and conversions over `i32`, `i64`, `f32` and `f64`, including sign
/// extension and saturating truncation.
public enum NumericOp: UInt16, CaseIterable, Hashable, Sendable {
    case i32Eqz
    case i32Eq
    case i32Ne
    case i32LtS
    case i32LtU
    case i32GtS
    case i32GtU
    case i32LeS
    case i32LeU
    case i32GeS
    case i32GeU
    case i64Eqz
    case i64Eq
    case i64Ne
    case i64LtS
    case i64LtU
    case i64GtS
    case i64GtU
    case i64LeS
    case i64LeU
    case i64GeS
    case i64GeU
    case f32Eq
    case f32Ne
    case f32Lt
    case f32Gt
    case f32Le
    case f32Ge
    case f64Eq
    case f64Ne
    case f64Lt
    case f64Gt
    case f64Le
    case f64Ge
    case i32Clz
    case i32Ctz
    case i32Popcnt
    case i32Add
    case i32Sub
    case i32Mul
    case i32DivS
    case i32DivU
    case i32RemS
    case i32RemU
    case i32And
    case i32Or
    case i32Xor
    case i32Shl
    case i32ShrS
    case i32ShrU
    case i32Rotl
    case i32Rotr
    case i64Clz
    case i64Ctz
    case i64Popcnt
    case i64Add
    case i64Sub
    case i64Mul
    case i64DivS
    case i64DivU
    case i64RemS
    case i64RemU
    case i64And
    case i64Or
    case i64Xor
    case i64Shl
    case i64ShrS
    case i64ShrU
    case i64Rotl
    case i64Rotr
    case f32Abs
    case f32Neg
    case f32Ceil
    case f32Floor
    case f32Trunc
    case f32Nearest
    case f32Sqrt
    case f32Add
    case f32Sub
    case f32Mul
    case f32Div
    case f32Min
    case f32Max
    case f32Copysign
    case f64Abs
    case f64Neg
    case f64Ceil
    case f64Floor
    case f64Trunc
    case f64Nearest
    case f64Sqrt
    case f64Add
    case f64Sub
    case f64Mul
    case f64Div
    case f64Min
    case f64Max
    case f64Copysign
    case i32WrapI64
    case i32TruncF32S
    case i32TruncF32U
    case i32TruncF64S
    case i32TruncF64U
    case i64ExtendI32S
    case i64ExtendI32U
    case i64TruncF32S
    case i64TruncF32U
    case i64TruncF64S
    case i64TruncF64U
    case f32ConvertI32S
    case f32ConvertI32U
    case f32ConvertI64S
    case f32ConvertI64U
    case f32DemoteF64
    case f64ConvertI32S
    case f64ConvertI32U
    case f64ConvertI64S
    case f64ConvertI64U
    case f64PromoteF32
    case i32ReinterpretF32
    case i64ReinterpretF64
    case f32ReinterpretI32
    case f64ReinterpretI64
    case i32Extend8S
    case i32Extend16S
    case i64Extend8S
    case i64Extend16S
    case i64Extend32S
    case i32TruncSatF32S
    case i32TruncSatF32U
    case i32TruncSatF64S
    case i32TruncSatF64U
    case i64TruncSatF32S
    case i64TruncSatF32U
    case i64TruncSatF64S
    case i64TruncSatF64U
}

extension NumericOp: OperatorTable {
    public static let infos: [OperatorInfo] = allCases.map(\.makeInfo)

    private var makeInfo: OperatorInfo {
        switch self {
        case .i32Eqz: OperatorInfo("i32.eqz", 0x45, .test(.i32))
        case .i32Eq: OperatorInfo("i32.eq", 0x46, .compare(.i32))
        case .i32Ne: OperatorInfo("i32.ne", 0x47, .compare(.i32))
        case .i32LtS: OperatorInfo("i32.lt_s", 0x48, .compare(.i32))
        case .i32LtU: OperatorInfo("i32.lt_u", 0x49, .compare(.i32))
        case .i32GtS: OperatorInfo("i32.gt_s", 0x4A, .compare(.i32))
        case .i32GtU: OperatorInfo("i32.gt_u", 0x4B, .compare(.i32))
        case .i32LeS: OperatorInfo("i32.le_s", 0x4C, .compare(.i32))
        case .i32LeU: OperatorInfo("i32.le_u", 0x4D, .compare(.i32))
        case .i32GeS: OperatorInfo("i32.ge_s", 0x4E, .compare(.i32))
        case .i32GeU: OperatorInfo("i32.ge_u", 0x4F, .compare(.i32))
        case .i64Eqz: OperatorInfo("i64.eqz", 0x50, .test(.i64))
        case .i64Eq: OperatorInfo("i64.eq", 0x51, .compare(.i64))
        case .i64Ne: OperatorInfo("i64.ne", 0x52, .compare(.i64))
        case .i64LtS: OperatorInfo("i64.lt_s", 0x53, .compare(.i64))
        case .i64LtU: OperatorInfo("i64.lt_u", 0x54, .compare(.i64))
        case .i64GtS: OperatorInfo("i64.gt_s", 0x55, .compare(.i64))
        case .i64GtU: OperatorInfo("i64.gt_u", 0x56, .compare(.i64))
        case .i64LeS: OperatorInfo("i64.le_s", 0x57, .compare(.i64))
        case .i64LeU: OperatorInfo("i64.le_u", 0x58, .compare(.i64))
        case .i64GeS: OperatorInfo("i64.ge_s", 0x59, .compare(.i64))
        case .i64GeU: OperatorInfo("i64.ge_u", 0x5A, .compare(.i64))
        case .f32Eq: OperatorInfo("f32.eq", 0x5B, .compare(.f32))
        case .f32Ne: OperatorInfo("f32.ne", 0x5C, .compare(.f32))
        case .f32Lt: OperatorInfo("f32.lt", 0x5D, .compare(.f32))
        case .f32Gt: OperatorInfo("f32.gt", 0x5E, .compare(.f32))
        case .f32Le: OperatorInfo("f32.le", 0x5F, .compare(.f32))
        case .f32Ge: OperatorInfo("f32.ge", 0x60, .compare(.f32))
        case .f64Eq: OperatorInfo("f64.eq", 0x61, .compare(.f64))
        case .f64Ne: OperatorInfo("f64.ne", 0x62, .compare(.f64))
        case .f64Lt: OperatorInfo("f64.lt", 0x63, .compare(.f64))
        case .f64Gt: OperatorInfo("f64.gt", 0x64, .compare(.f64))
        case .f64Le: OperatorInfo("f64.le", 0x65, .compare(.f64))
        case .f64Ge: OperatorInfo("f64.ge", 0x66, .compare(.f64))
        case .i32Clz: OperatorInfo("i32.clz", 0x67, .unary(.i32))
        case .i32Ctz: OperatorInfo("i32.ctz", 0x68, .unary(.i32))
        case .i32Popcnt: OperatorInfo("i32.popcnt", 0x69, .unary(.i32))
        case .i32Add: OperatorInfo("i32.add", 0x6A, .binary(.i32))
        case .i32Sub: OperatorInfo("i32.sub", 0x6B, .binary(.i32))
        case .i32Mul: OperatorInfo("i32.mul", 0x6C, .binary(.i32))
        case .i32DivS: OperatorInfo("i32.div_s", 0x6D, .binary(.i32))
        case .i32DivU: OperatorInfo("i32.div_u", 0x6E, .binary(.i32))
        case .i32RemS: OperatorInfo("i32.rem_s", 0x6F, .binary(.i32))
        case .i32RemU: OperatorInfo("i32.rem_u", 0x70, .binary(.i32))
        case .i32And: OperatorInfo("i32.and", 0x71, .binary(.i32))
        case .i32Or: OperatorInfo("i32.or", 0x72, .binary(.i32))
        case .i32Xor: OperatorInfo("i32.xor", 0x73, .binary(.i32))
        case .i32Shl: OperatorInfo("i32.shl", 0x74, .binary(.i32))
        case .i32ShrS: OperatorInfo("i32.shr_s", 0x75, .binary(.i32))
        case .i32ShrU: OperatorInfo("i32.shr_u", 0x76, .binary(.i32))
        case .i32Rotl: OperatorInfo("i32.rotl", 0x77, .binary(.i32))
        case .i32Rotr: OperatorInfo("i32.rotr", 0x78, .binary(.i32))
        case .i64Clz: OperatorInfo("i64.clz", 0x79, .unary(.i64))
        case .i64Ctz: OperatorInfo("i64.ctz", 0x7A, .unary(.i64))
        case .i64Popcnt: OperatorInfo("i64.popcnt", 0x7B, .unary(.i64))
        case .i64Add: OperatorInfo("i64.add", 0x7C, .binary(.i64))
        case .i64Sub: OperatorInfo("i64.sub", 0x7D, .binary(.i64))
        case .i64Mul: OperatorInfo("i64.mul", 0x7E, .binary(.i64))
        case .i64DivS: OperatorInfo("i64.div_s", 0x7F, .binary(.i64))
        case .i64DivU: OperatorInfo("i64.div_u", 0x80, .binary(.i64))
        case .i64RemS: OperatorInfo("i64.rem_s", 0x81, .binary(.i64))
        case .i64RemU: OperatorInfo("i64.rem_u", 0x82, .binary(.i64))
        case .i64And: OperatorInfo("i64.and", 0x83, .binary(.i64))
        case .i64Or: OperatorInfo("i64.or", 0x84, .binary(.i64))
        case .i64Xor: OperatorInfo("i64.xor", 0x85, .binary(.i64))
        case .i64Shl: OperatorInfo("i64.shl", 0x86, .binary(.i64))
        case .i64ShrS: OperatorInfo("i64.shr_s", 0x87, .binary(.i64))
        case .i64ShrU: OperatorInfo("i64.shr_u", 0x88, .binary(.i64))
        case .i64Rotl: OperatorInfo("i64.rotl", 0x89, .binary(.i64))
        case .i64Rotr: OperatorInfo("i64.rotr", 0x8A, .binary(.i64))
        case .f32Abs: OperatorInfo("f32.abs", 0x8B, .unary(.f32))
        case .f32Neg: OperatorInfo("f32.neg", 0x8C, .unary(.f32))
        case .f32Ceil: OperatorInfo("f32.ceil", 0x8D, .unary(.f32))
        case .f32Floor: OperatorInfo("f32.floor", 0x8E, .unary(.f32))
        case .f32Trunc: OperatorInfo("f32.trunc", 0x8F, .unary(.f32))
        case .f32Nearest: OperatorInfo("f32.nearest", 0x90, .unary(.f32))
        case .f32Sqrt: OperatorInfo("f32.sqrt", 0x91, .unary(.f32))
        case .f32Add: OperatorInfo("f32.add", 0x92, .binary(.f32))
        case .f32Sub: OperatorInfo("f32.sub", 0x93, .binary(.f32))
        case .f32Mul: OperatorInfo("f32.mul", 0x94, .binary(.f32))
        case .f32Div: OperatorInfo("f32.div", 0x95, .binary(.f32))
        case .f32Min: OperatorInfo("f32.min", 0x96, .binary(.f32))
        case .f32Max: OperatorInfo("f32.max", 0x97, .binary(.f32))
        case .f32Copysign: OperatorInfo("f32.copysign", 0x98, .binary(.f32))
        case .f64Abs: OperatorInfo("f64.abs", 0x99, .unary(.f64))
        case .f64Neg: OperatorInfo("f64.neg", 0x9A, .unary(.f64))
        case .f64Ceil: OperatorInfo("f64.ceil", 0x9B, .unary(.f64))
        case .f64Floor: OperatorInfo("f64.floor", 0x9C, .unary(.f64))
        case .f64Trunc: OperatorInfo("f64.trunc", 0x9D, .unary(.f64))
        case .f64Nearest: OperatorInfo("f64.nearest", 0x9E, .unary(.f64))
        case .f64Sqrt: OperatorInfo("f64.sqrt", 0x9F, .unary(.f64))
        case .f64Add: OperatorInfo("f64.add", 0xA0, .binary(.f64))
        case .f64Sub: OperatorInfo("f64.sub", 0xA1, .binary(.f64))
        case .f64Mul: OperatorInfo("f64.mul", 0xA2, .binary(.f64))
        case .f64Div: OperatorInfo("f64.div", 0xA3, .binary(.f64))
        case .f64Min: OperatorInfo("f64.min", 0xA4, .binary(.f64))
        case .f64Max: OperatorInfo("f64.max", 0xA5, .binary(.f64))
        case .f64Copysign: OperatorInfo("f64.copysign", 0xA6, .binary(.f64))
        case .i32WrapI64: OperatorInfo("i32.wrap_i64", 0xA7, .convert(.i64, to: .i32))
        case .i32TruncF32S: OperatorInfo("i32.trunc_f32_s", 0xA8, .convert(.f32, to: .i32))
        case .i32TruncF32U: OperatorInfo("i32.trunc_f32_u", 0xA9, .convert(.f32, to: .i32))
        case .i32TruncF64S: OperatorInfo("i32.trunc_f64_s", 0xAA, .convert(.f64, to: .i32))
        case .i32TruncF64U: OperatorInfo("i32.trunc_f64_u", 0xAB, .convert(.f64, to: .i32))
        case .i64ExtendI32S: OperatorInfo("i64.extend_i32_s", 0xAC, .convert(.i32, to: .i64))
        case .i64ExtendI32U: OperatorInfo("i64.extend_i32_u", 0xAD, .convert(.i32, to: .i64))
        case .i64TruncF32S: OperatorInfo("i64.trunc_f32_s", 0xAE, .convert(.f32, to: .i64))
        case .i64TruncF32U: OperatorInfo("i64.trunc_f32_u", 0xAF, .convert(.f32, to: .i64))
        case .i64TruncF64S: OperatorInfo("i64.trunc_f64_s", 0xB0, .convert(.f64, to: .i64))
        case .i64TruncF64U: OperatorInfo("i64.trunc_f64_u", 0xB1, .convert(.f64, to: .i64))
        case .f32ConvertI32S: OperatorInfo("f32.convert_i32_s", 0xB2, .convert(.i32, to: .f32))
        case .f32ConvertI32U: OperatorInfo("f32.convert_i32_u", 0xB3, .convert(.i32, to: .f32))
        case .f32ConvertI64S: OperatorInfo("f32.convert_i64_s", 0xB4, .convert(.i64, to: .f32))
        case .f32ConvertI64U: OperatorInfo("f32.convert_i64_u", 0xB5, .convert(.i64, to: .f32))
        case .f32DemoteF64: OperatorInfo("f32.demote_f64", 0xB6, .convert(.f64, to: .f32))
        case .f64ConvertI32S: OperatorInfo("f64.convert_i32_s", 0xB7, .convert(.i32, to: .f64))
        case .f64ConvertI32U: OperatorInfo("f64.convert_i32_u", 0xB8, .convert(.i32, to: .f64))
        case .f64ConvertI64S: OperatorInfo("f64.convert_i64_s", 0xB9, .convert(.i64, to: .f64))
        case .f64ConvertI64U: OperatorInfo("f64.convert_i64_u", 0xBA, .convert(.i64, to: .f64))
        case .f64PromoteF32: OperatorInfo("f64.promote_f32", 0xBB, .convert(.f32, to: .f64))
        case .i32ReinterpretF32: OperatorInfo("i32.reinterpret_f32", 0xBC, .convert(.f32, to: .i32))
        case .i64ReinterpretF64: OperatorInfo("i64.reinterpret_f64", 0xBD, .convert(.f64, to: .i64))
        case .f32ReinterpretI32: OperatorInfo("f32.reinterpret_i32", 0xBE, .convert(.i32, to: .f32))
        case .f64ReinterpretI64: OperatorInfo("f64.reinterpret_i64", 0xBF, .convert(.i64, to: .f64))
        case .i32Extend8S: OperatorInfo("i32.extend8_s", 0xC0, .unary(.i32))
        case .i32Extend16S: OperatorInfo("i32.extend16_s", 0xC1, .unary(.i32))
        case .i64Extend8S: OperatorInfo("i64.extend8_s", 0xC2, .unary(.i64))
        case .i64Extend16S: OperatorInfo("i64.extend16_s", 0xC3, .unary(.i64))
        case .i64Extend32S: OperatorInfo("i64.extend32_s", 0xC4, .unary(.i64))
        case .i32TruncSatF32S: OperatorInfo("i32.trunc_sat_f32_s", 0x00, prefix: 0xFC, .convert(.f32, to: .i32))
        case .i32TruncSatF32U: OperatorInfo("i32.trunc_sat_f32_u", 0x01, prefix: 0xFC, .convert(.f32, to: .i32))
        case .i32TruncSatF64S: OperatorInfo("i32.trunc_sat_f64_s", 0x02, prefix: 0xFC, .convert(.f64, to: .i32))
        case .i32TruncSatF64U: OperatorInfo("i32.trunc_sat_f64_u", 0x03, prefix: 0xFC, .convert(.f64, to: .i32))
        case .i64TruncSatF32S: OperatorInfo("i64.trunc_sat_f32_s", 0x04, prefix: 0xFC, .convert(.f32, to: .i64))
        case .i64TruncSatF32U: OperatorInfo("i64.trunc_sat_f32_u", 0x05, prefix: 0xFC, .convert(.f32, to: .i64))
        case .i64TruncSatF64S: OperatorInfo("i64.trunc_sat_f64_s", 0x06, prefix: 0xFC, .convert(.f64, to: .i64))
        case .i64TruncSatF64U: OperatorInfo("i64.trunc_sat_f64_u", 0x07, prefix: 0xFC, .convert(.f64, to: .i64))
        }
    }
}
