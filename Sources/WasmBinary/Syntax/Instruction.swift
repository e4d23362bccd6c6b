// Instructions (§2.4 of the specification).
//
// An instruction sequence is kept flat, as the binary format writes it: `block`,
// `loop`, `if` and `try_table` open a structured instruction, `else` separates the two
// arms of an `if`, and `end` closes the innermost open one. The `end` that terminates a
// function body or a constant expression is implicit and not stored. A flat sequence
// decodes, encodes and validates without recursion, so nesting depth never reaches the
// native stack, and it is what the evaluator compiles from.

/// Block types (§2.4.8): the type of a structured instruction.
public enum BlockType: Hashable, Sendable {
    /// `[] -> []`
    case empty
    /// `[] -> [t]`
    case value(ValType)
    /// The function type at the given type index.
    case type(UInt32)
}

/// Memory immediates (§2.4.7): the memory index, the alignment exponent and the offset.
public struct MemArg: Hashable, Sendable {
    public var memory: UInt32
    /// log2 of the alignment hint.
    public var align: UInt32
    public var offset: UInt64

    public init(memory: UInt32 = 0, align: UInt32, offset: UInt64 = 0) {
        self.memory = memory
        self.align = align
        self.offset = offset
    }
}

/// Handler clauses of `try_table` (§2.4.8).
public enum Catch: Hashable, Sendable {
    case `catch`(tag: UInt32, label: UInt32)
    case catchRef(tag: UInt32, label: UInt32)
    case catchAll(label: UInt32)
    case catchAllRef(label: UInt32)

    public var label: UInt32 {
        switch self {
        case .catch(_, let l), .catchRef(_, let l), .catchAll(let l), .catchAllRef(let l): l
        }
    }
}

/// A WebAssembly instruction (§2.4). Integer and float immediates are bit patterns.
public enum Instruction: Hashable, Sendable {
    // MARK: Control instructions (§2.4.8)
    case unreachable
    case nop
    case block(BlockType)
    case loop(BlockType)
    case `if`(BlockType)
    case `else`
    case end
    case tryTable(BlockType, [Catch])
    case br(UInt32)
    case brIf(UInt32)
    /// `br_table l* l_default`
    case brTable([UInt32], UInt32)
    case brOnNull(UInt32)
    case brOnNonNull(UInt32)
    /// `br_on_cast l rt1 rt2`
    case brOnCast(UInt32, RefType, RefType)
    /// `br_on_cast_fail l rt1 rt2`
    case brOnCastFail(UInt32, RefType, RefType)
    case `return`
    case call(UInt32)
    /// `call_ref x` with the function's type index.
    case callRef(UInt32)
    /// `call_indirect x y`: table index, then type index.
    case callIndirect(table: UInt32, type: UInt32)
    case returnCall(UInt32)
    case returnCallRef(UInt32)
    case returnCallIndirect(table: UInt32, type: UInt32)
    case `throw`(UInt32)
    case throwRef

    // MARK: Parametric instructions (§2.4.4)
    case drop
    /// `select` without types is `nil`; `select t*` lists them (validation wants one).
    case select([ValType]?)

    // MARK: Variable instructions (§2.4.5)
    case localGet(UInt32)
    case localSet(UInt32)
    case localTee(UInt32)
    case globalGet(UInt32)
    case globalSet(UInt32)

    // MARK: Table instructions (§2.4.6)
    case tableGet(UInt32)
    case tableSet(UInt32)
    case tableSize(UInt32)
    case tableGrow(UInt32)
    case tableFill(UInt32)
    /// `table.copy x y`: destination, then source.
    case tableCopy(UInt32, UInt32)
    /// `table.init x y`: table, then element segment.
    case tableInit(UInt32, UInt32)
    case elemDrop(UInt32)

    // MARK: Memory instructions (§2.4.7)
    case load(LoadOp, MemArg)
    case store(StoreOp, MemArg)
    /// `v128.loadN_lane` and `v128.storeN_lane` with their lane index.
    case laneMemory(LaneMemoryOp, MemArg, UInt8)
    case memorySize(UInt32)
    case memoryGrow(UInt32)
    case memoryFill(UInt32)
    /// `memory.copy x y`: destination, then source.
    case memoryCopy(UInt32, UInt32)
    /// `memory.init x y`: memory, then data segment.
    case memoryInit(UInt32, UInt32)
    case dataDrop(UInt32)

    // MARK: Reference instructions (§2.4.3)
    case refNull(HeapType)
    case refFunc(UInt32)
    case refIsNull
    case refAsNonNull
    case refEq
    case refTest(RefType)
    case refCast(RefType)

    // MARK: Aggregate instructions (§2.4.3)
    case refI31
    case i31Get(Signedness)
    case structNew(UInt32)
    case structNewDefault(UInt32)
    /// `struct.get`, `struct.get_s`, `struct.get_u`: type index, field index, extension.
    case structGet(UInt32, UInt32, Signedness?)
    case structSet(UInt32, UInt32)
    case arrayNew(UInt32)
    case arrayNewDefault(UInt32)
    /// `array.new_fixed x n`
    case arrayNewFixed(UInt32, UInt32)
    /// `array.new_data x y`: array type, data segment.
    case arrayNewData(UInt32, UInt32)
    /// `array.new_elem x y`: array type, element segment.
    case arrayNewElem(UInt32, UInt32)
    case arrayGet(UInt32, Signedness?)
    case arraySet(UInt32)
    case arrayLen
    case arrayFill(UInt32)
    /// `array.copy x y`: destination type, source type.
    case arrayCopy(UInt32, UInt32)
    case arrayInitData(UInt32, UInt32)
    case arrayInitElem(UInt32, UInt32)
    case anyConvertExtern
    case externConvertAny

    // MARK: Numeric instructions (§2.4.1)
    case i32Const(UInt32)
    case i64Const(UInt64)
    /// The IEEE 754 bit pattern, so NaN payloads survive.
    case f32Const(UInt32)
    case f64Const(UInt64)
    /// Every numeric operator without immediates.
    case numeric(NumericOp)

    // MARK: Vector instructions (§2.4.2)
    case v128Const(V128)
    /// Every vector operator without immediates.
    case vector(VectorOp)
    /// `i8x16.shuffle` with its 16 lane indices, one per byte.
    case i8x16Shuffle(V128)
    /// `extract_lane` and `replace_lane` with the lane index.
    case lane(LaneOp, UInt8)
}
