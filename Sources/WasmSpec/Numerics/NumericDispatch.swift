// A uniform entry to the numeric instructions (§4.4.1) for constant folding,
// tests and simple evaluation: operands and results are `UInt64`s holding the bit
// pattern, `i32`/`f32` in the low 32 bits (the high bits of operands are ignored,
// those of results are zero). Boolean results are the `i32` values 0 and 1.

/// Uniform entries to the numeric and vector operators.
public enum Numerics {
    @inline(__always) static func lo32(_ x: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: x) }
    @inline(__always) static func bool(_ b: Bool) -> UInt64 { b ? 1 : 0 }

    /// Executes a numeric operator taking one operand: an `unop`, a `testop` or a
    /// `cvtop`. Returns `nil` when `op` takes two operands.
    public static func apply(_ op: NumericOp, _ x: UInt64) throws(NumericTrap) -> UInt64? {
        let x32 = lo32(x)
        switch op {
        case .i32Eqz: return bool(I32Ops.eqz(x32))
        case .i64Eqz: return bool(I64Ops.eqz(x))

        case .i32Clz: return UInt64(I32Ops.clz(x32))
        case .i32Ctz: return UInt64(I32Ops.ctz(x32))
        case .i32Popcnt: return UInt64(I32Ops.popcnt(x32))
        case .i64Clz: return I64Ops.clz(x)
        case .i64Ctz: return I64Ops.ctz(x)
        case .i64Popcnt: return I64Ops.popcnt(x)
        case .i32Extend8S: return UInt64(I32Ops.extendS(x32, fromBits: 8))
        case .i32Extend16S: return UInt64(I32Ops.extendS(x32, fromBits: 16))
        case .i64Extend8S: return I64Ops.extendS(x, fromBits: 8)
        case .i64Extend16S: return I64Ops.extendS(x, fromBits: 16)
        case .i64Extend32S: return I64Ops.extendS(x, fromBits: 32)

        case .f32Abs: return UInt64(F32Ops.abs(x32))
        case .f32Neg: return UInt64(F32Ops.neg(x32))
        case .f32Ceil: return UInt64(F32Ops.ceil(x32))
        case .f32Floor: return UInt64(F32Ops.floor(x32))
        case .f32Trunc: return UInt64(F32Ops.trunc(x32))
        case .f32Nearest: return UInt64(F32Ops.nearest(x32))
        case .f32Sqrt: return UInt64(F32Ops.sqrt(x32))
        case .f64Abs: return F64Ops.abs(x)
        case .f64Neg: return F64Ops.neg(x)
        case .f64Ceil: return F64Ops.ceil(x)
        case .f64Floor: return F64Ops.floor(x)
        case .f64Trunc: return F64Ops.trunc(x)
        case .f64Nearest: return F64Ops.nearest(x)
        case .f64Sqrt: return F64Ops.sqrt(x)

        case .i32WrapI64: return UInt64(x32)
        case .i64ExtendI32S: return UInt64(bitPattern: Int64(x32.signed))
        case .i64ExtendI32U: return UInt64(x32)
        case .i32TruncF32S: return UInt64(try F32Ops.truncS(x32, to: UInt32.self))
        case .i32TruncF32U: return UInt64(try F32Ops.truncU(x32, to: UInt32.self))
        case .i32TruncF64S: return UInt64(try F64Ops.truncS(x, to: UInt32.self))
        case .i32TruncF64U: return UInt64(try F64Ops.truncU(x, to: UInt32.self))
        case .i64TruncF32S: return try F32Ops.truncS(x32, to: UInt64.self)
        case .i64TruncF32U: return try F32Ops.truncU(x32, to: UInt64.self)
        case .i64TruncF64S: return try F64Ops.truncS(x, to: UInt64.self)
        case .i64TruncF64U: return try F64Ops.truncU(x, to: UInt64.self)
        case .i32TruncSatF32S: return UInt64(F32Ops.truncSatS(x32, to: UInt32.self))
        case .i32TruncSatF32U: return UInt64(F32Ops.truncSatU(x32, to: UInt32.self))
        case .i32TruncSatF64S: return UInt64(F64Ops.truncSatS(x, to: UInt32.self))
        case .i32TruncSatF64U: return UInt64(F64Ops.truncSatU(x, to: UInt32.self))
        case .i64TruncSatF32S: return F32Ops.truncSatS(x32, to: UInt64.self)
        case .i64TruncSatF32U: return F32Ops.truncSatU(x32, to: UInt64.self)
        case .i64TruncSatF64S: return F64Ops.truncSatS(x, to: UInt64.self)
        case .i64TruncSatF64U: return F64Ops.truncSatU(x, to: UInt64.self)
        case .f32ConvertI32S: return UInt64(F32Ops.convertS(x32))
        case .f32ConvertI32U: return UInt64(F32Ops.convertU(x32))
        case .f32ConvertI64S: return UInt64(F32Ops.convertS(x))
        case .f32ConvertI64U: return UInt64(F32Ops.convertU(x))
        case .f64ConvertI32S: return F64Ops.convertS(x32)
        case .f64ConvertI32U: return F64Ops.convertU(x32)
        case .f64ConvertI64S: return F64Ops.convertS(x)
        case .f64ConvertI64U: return F64Ops.convertU(x)
        case .f32DemoteF64: return UInt64(FloatConversions.demote(x))
        case .f64PromoteF32: return FloatConversions.promote(x32)
        // Reinterpretations keep the bits (§4.3.4); only the width matters here.
        case .i32ReinterpretF32, .f32ReinterpretI32: return UInt64(x32)
        case .i64ReinterpretF64, .f64ReinterpretI64: return x

        default: return nil
        }
    }

    /// Executes a numeric operator taking two operands: a `binop` or a `relop`.
    /// Returns `nil` when `op` takes one operand.
    public static func apply(_ op: NumericOp, _ x: UInt64, _ y: UInt64) throws(NumericTrap) -> UInt64? {
        let x32 = lo32(x)
        let y32 = lo32(y)
        switch op {
        case .i32Eq: return bool(I32Ops.eq(x32, y32))
        case .i32Ne: return bool(I32Ops.ne(x32, y32))
        case .i32LtS: return bool(I32Ops.ltS(x32, y32))
        case .i32LtU: return bool(I32Ops.ltU(x32, y32))
        case .i32GtS: return bool(I32Ops.gtS(x32, y32))
        case .i32GtU: return bool(I32Ops.gtU(x32, y32))
        case .i32LeS: return bool(I32Ops.leS(x32, y32))
        case .i32LeU: return bool(I32Ops.leU(x32, y32))
        case .i32GeS: return bool(I32Ops.geS(x32, y32))
        case .i32GeU: return bool(I32Ops.geU(x32, y32))
        case .i64Eq: return bool(I64Ops.eq(x, y))
        case .i64Ne: return bool(I64Ops.ne(x, y))
        case .i64LtS: return bool(I64Ops.ltS(x, y))
        case .i64LtU: return bool(I64Ops.ltU(x, y))
        case .i64GtS: return bool(I64Ops.gtS(x, y))
        case .i64GtU: return bool(I64Ops.gtU(x, y))
        case .i64LeS: return bool(I64Ops.leS(x, y))
        case .i64LeU: return bool(I64Ops.leU(x, y))
        case .i64GeS: return bool(I64Ops.geS(x, y))
        case .i64GeU: return bool(I64Ops.geU(x, y))
        case .f32Eq: return bool(F32Ops.eq(x32, y32))
        case .f32Ne: return bool(F32Ops.ne(x32, y32))
        case .f32Lt: return bool(F32Ops.lt(x32, y32))
        case .f32Gt: return bool(F32Ops.gt(x32, y32))
        case .f32Le: return bool(F32Ops.le(x32, y32))
        case .f32Ge: return bool(F32Ops.ge(x32, y32))
        case .f64Eq: return bool(F64Ops.eq(x, y))
        case .f64Ne: return bool(F64Ops.ne(x, y))
        case .f64Lt: return bool(F64Ops.lt(x, y))
        case .f64Gt: return bool(F64Ops.gt(x, y))
        case .f64Le: return bool(F64Ops.le(x, y))
        case .f64Ge: return bool(F64Ops.ge(x, y))

        case .i32Add: return UInt64(I32Ops.add(x32, y32))
        case .i32Sub: return UInt64(I32Ops.sub(x32, y32))
        case .i32Mul: return UInt64(I32Ops.mul(x32, y32))
        case .i32DivS: return UInt64(try I32Ops.divS(x32, y32))
        case .i32DivU: return UInt64(try I32Ops.divU(x32, y32))
        case .i32RemS: return UInt64(try I32Ops.remS(x32, y32))
        case .i32RemU: return UInt64(try I32Ops.remU(x32, y32))
        case .i32And: return UInt64(I32Ops.and(x32, y32))
        case .i32Or: return UInt64(I32Ops.or(x32, y32))
        case .i32Xor: return UInt64(I32Ops.xor(x32, y32))
        case .i32Shl: return UInt64(I32Ops.shl(x32, y32))
        case .i32ShrS: return UInt64(I32Ops.shrS(x32, y32))
        case .i32ShrU: return UInt64(I32Ops.shrU(x32, y32))
        case .i32Rotl: return UInt64(I32Ops.rotl(x32, y32))
        case .i32Rotr: return UInt64(I32Ops.rotr(x32, y32))
        case .i64Add: return I64Ops.add(x, y)
        case .i64Sub: return I64Ops.sub(x, y)
        case .i64Mul: return I64Ops.mul(x, y)
        case .i64DivS: return try I64Ops.divS(x, y)
        case .i64DivU: return try I64Ops.divU(x, y)
        case .i64RemS: return try I64Ops.remS(x, y)
        case .i64RemU: return try I64Ops.remU(x, y)
        case .i64And: return I64Ops.and(x, y)
        case .i64Or: return I64Ops.or(x, y)
        case .i64Xor: return I64Ops.xor(x, y)
        case .i64Shl: return I64Ops.shl(x, y)
        case .i64ShrS: return I64Ops.shrS(x, y)
        case .i64ShrU: return I64Ops.shrU(x, y)
        case .i64Rotl: return I64Ops.rotl(x, y)
        case .i64Rotr: return I64Ops.rotr(x, y)

        case .f32Add: return UInt64(F32Ops.add(x32, y32))
        case .f32Sub: return UInt64(F32Ops.sub(x32, y32))
        case .f32Mul: return UInt64(F32Ops.mul(x32, y32))
        case .f32Div: return UInt64(F32Ops.div(x32, y32))
        case .f32Min: return UInt64(F32Ops.min(x32, y32))
        case .f32Max: return UInt64(F32Ops.max(x32, y32))
        case .f32Copysign: return UInt64(F32Ops.copysign(x32, y32))
        case .f64Add: return F64Ops.add(x, y)
        case .f64Sub: return F64Ops.sub(x, y)
        case .f64Mul: return F64Ops.mul(x, y)
        case .f64Div: return F64Ops.div(x, y)
        case .f64Min: return F64Ops.min(x, y)
        case .f64Max: return F64Ops.max(x, y)
        case .f64Copysign: return F64Ops.copysign(x, y)

        default: return nil
        }
    }
}
