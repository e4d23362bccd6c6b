// The evaluator's instruction set: what the compiler turns a function body into.
//
// NOTE: Compiled code is a register machine over the frame. A frame is
//     [parameters][declared locals][constants][operand stack]
// and, because the operand stack's height is static at every instruction of validated
// code, every operand has a fixed slot in it: its "home". Instructions name the slots
// they read and write, so `local.get a; local.get b; i32.add; local.set c` becomes one
// `i32Add c, a, b`, constants are slots filled on entry, and a compare feeding a branch
// becomes one fused branch. Each `Op` is 16 trivial bytes, `OpCode` a plain enum, so the
// step loop's `switch` is a jump table and reads code without reference counting.
//
// Rare instructions use the stack convention instead: their operands are in their home
// slots, `a` is the slot just above them (the stack pointer of a stack machine), and the
// result goes where the operands began.

/// One instruction of compiled code.
struct Op {
    var code: OpCode
    var a: UInt32
    var b: UInt32
    var c: UInt32

    init(_ code: OpCode, _ a: UInt32 = 0, _ b: UInt32 = 0, _ c: UInt32 = 0) {
        self.code = code
        self.a = a
        self.b = b
        self.c = c
    }

    /// A stack-convention op's immediates moved to `a` and `b`, the layout the helpers
    /// for rare instructions read.
    var immediates: Op { Op(code, b, c) }
}

/// Opcodes of compiled code. "r" names a slot, "t" a branch target (an op index), "sp"
/// the stack-convention slot.
enum OpCode: UInt16 {
    // MARK: Control
    case unreachable
    /// t: a
    case jump
    /// t: a, condition r: b (i32)
    case jumpIf, jumpIfNot
    /// t: a, r: b (i64)
    case jumpIfZero64, jumpIfNonZero64
    /// t: a, reference r: b
    case jumpIfNull, jumpIfNonNull
    /// t: a, reference r: b, cast table index: c
    case jumpIfCast, jumpIfNotCast
    /// Fused compare and branch: t: a, r: b, r: c; jumps when the comparison holds.
    case jumpIfI32Eq, jumpIfI32Ne, jumpIfI32LtS, jumpIfI32LtU, jumpIfI32GtS, jumpIfI32GtU
    case jumpIfI32LeS, jumpIfI32LeU, jumpIfI32GeS, jumpIfI32GeU
    case jumpIfI64Eq, jumpIfI64Ne, jumpIfI64LtS, jumpIfI64LtU, jumpIfI64GtS, jumpIfI64GtU
    case jumpIfI64LeS, jumpIfI64LeU, jumpIfI64GeS, jumpIfI64GeU
    /// first entry in the branch table: a, index r: b, entry count: c (the last is the default)
    case brTable
    /// first result r: a, result slots: b
    case `return`
    /// function: a, first argument r: b
    case call
    /// first argument r: a, element index r: b, call-indirect table entry: c
    case callIndirect
    /// first argument r: a, function reference r: b
    case callRef
    case returnCall
    case returnCallIndirect
    case returnCallRef
    /// tag: a, first payload r: b
    case `throw`
    /// exception reference r: a
    case throwRef

    // MARK: Variables and parametric
    /// dst r: a, src r: b (one slot, or two for the `2` forms)
    case move, move2
    /// dst r: a, global: b
    case globalGet, globalGet2
    /// global: a, src r: b
    case globalSet, globalSet2
    /// dst r (holding the first operand): a, second operand r: b, condition r: c;
    /// the second operand replaces the first when the condition is zero
    case select, select2

    // MARK: Memory 0 (dst or value r: a, address r: b, offset: c)
    case i32Load, i64Load
    case i32Load8S, i32Load8U, i32Load16S, i32Load16U
    case i64Load8S, i64Load8U, i64Load16S, i64Load16U, i64Load32S, i64Load32U
    case i32Store, i64Store, i32Store8, i32Store16, i64Store8, i64Store16, i64Store32

    // MARK: Stack convention (sp: a)
    /// memarg table index: b (any memory, vectors, 64-bit offsets)
    case load, store, laneMemory
    /// memory: b
    case memorySize, memoryGrow, memoryFill
    /// destination memory: b, source memory: c
    case memoryCopy
    /// memory: b, data: c
    case memoryInit
    /// data: b
    case dataDrop
    /// table: b
    case tableGet, tableSet, tableSize, tableGrow, tableFill
    /// destination table: b, source table: c
    case tableCopy
    /// table: b, element segment: c
    case tableInit
    /// element segment: b
    case elemDrop
    case refNull
    /// function: b
    case refFunc
    case refIsNull, refAsNonNull, refEq
    /// cast table index: b
    case refTest, refCast
    case refI31, i31GetS, i31GetU
    case anyConvertExtern, externConvertAny
    /// type: b (and for the instructions that take one: c = field, count, segment,
    /// source type, or extension 0 none / 1 signed / 2 unsigned; structGet packs the
    /// field in c's low 24 bits and the extension above)
    case structNew, structNewDefault, structGet, structSet
    case arrayNew, arrayNewDefault, arrayNewFixed, arrayNewData, arrayNewElem
    case arrayGet, arraySet, arrayLen, arrayFill, arrayCopy, arrayInitData, arrayInitElem
    /// VectorOp raw value: b
    case vector
    /// LaneOp raw value: b, lane: c
    case lane
    /// v128 constant index (the 16 lane selectors): b
    case shuffle

    // MARK: Numeric, in NumericOp order (see `init(_: NumericOp)`): dst r: a, operand r: b
    // (and r: c for binary operators)
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

extension OpCode {
    /// The opcode of a numeric operator; the two enumerations list them in the same order.
    init(_ op: NumericOp) {
        self = OpCode(rawValue: OpCode.i32Eqz.rawValue &+ op.rawValue) ?? .unreachable
    }

    /// The numeric operator of a numeric opcode.
    var numericOp: NumericOp? {
        rawValue >= OpCode.i32Eqz.rawValue ? NumericOp(rawValue: rawValue &- OpCode.i32Eqz.rawValue) : nil
    }
}
