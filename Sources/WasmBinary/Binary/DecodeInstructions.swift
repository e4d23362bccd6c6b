// Decoding of instructions and expressions (§5.4).
//
// Instructions decode into the flat sequence of `Instruction.swift`: structured
// instructions push onto an explicit stack instead of recursing, so nesting depth is
// bounded by the input's length, not by the native stack. The checks follow the
// reference: the sequence inside a block stops at `else` (0x05), `end` (0x0B) or the end
// of input, and whatever then fails to be the expected `end` is "END opcode expected"
// (or "unexpected end of section or function" at the end of input).

/// What a pending `end` closes.
enum BlockKind: UInt8 {
    /// `block`, `loop` or `try_table`.
    case block
    /// `if` before its `else`: an `else` may follow.
    case ifThen
    /// `if` after its `else`.
    case ifElse
}

extension BinaryReader {
    /// Decodes an expression (§5.4.9): instructions up to and including the `end` that
    /// closes it, which is not stored.
    mutating func expr() throws(DecodeError) -> Expr {
        var out: Expr = []
        try instructions(into: &out)
        return out
    }

    /// Decodes instructions into `out` until the `end` that closes the sequence.
    mutating func instructions(into out: inout [Instruction]) throws(DecodeError) {
        blocks.removeAll(keepingCapacity: true)
        while true {
            guard pos < end else { throw endOfInput }
            let start = pos
            let b = base[pos]
            pos &+= 1
            instructionOffsets?.append(start)
            switch b {
            case 0x0B:
                if blocks.isEmpty {
                    instructionOffsets?.removeLast()
                    return
                }
                blocks.removeLast()
                out.append(.end)
            case 0x05:
                guard let top = blocks.last, top == .ifThen else {
                    // As `expect` reports it: the offset before the offending byte.
                    throw error("END opcode expected", at: start &- 1)
                }
                blocks[blocks.count &- 1] = .ifElse
                out.append(.else)
            case 0x02:
                out.append(.block(try blockType()))
                blocks.append(.block)
            case 0x03:
                out.append(.loop(try blockType()))
                blocks.append(.block)
            case 0x04:
                out.append(.if(try blockType()))
                blocks.append(.ifThen)
            case 0x1F:
                let bt = try blockType()
                let catches = try vec { r throws(DecodeError) in try r.catchClause() }
                out.append(.tryTable(bt, catches))
                blocks.append(.block)
            case 0x45...0xC4:
                // The numeric table covers this whole range.
                guard let op = OpcodeTables.numeric[Int(b)] else { throw illegal(b, at: start) }
                out.append(.numeric(op))
            case 0x20: out.append(.localGet(try idx()))
            case 0x21: out.append(.localSet(try idx()))
            case 0x22: out.append(.localTee(try idx()))
            case 0x28...0x35:
                guard let op = OpcodeTables.load[Int(b)] else { throw illegal(b, at: start) }
                out.append(.load(op, try memArg()))
            case 0x36...0x3E:
                guard let op = OpcodeTables.store[Int(b)] else { throw illegal(b, at: start) }
                out.append(.store(op, try memArg()))
            default:
                out.append(try instruction(b, at: start))
            }
        }
    }

    /// "illegal opcode XX" for an unknown single-byte opcode.
    func illegal(_ b: UInt8, at offset: Int) -> DecodeError {
        error("illegal opcode \(hexByte(b))", at: offset)
    }

    /// A memory immediate (§5.4.6): flags (alignment exponent in bits 0 to 5, bit 6 for an
    /// explicit memory index), the optional memory index, the offset.
    mutating func memArg() throws(DecodeError) -> MemArg {
        let start = pos
        let flags = try u32()
        if flags >= 0x80 { throw error("malformed memop flags", at: start) }
        let memory = flags & 0x40 != 0 ? try idx() : 0
        let offset = try u64()
        return MemArg(memory: memory, align: flags & 0x3F, offset: offset)
    }

    /// A handler clause of `try_table` (§5.4.1).
    mutating func catchClause() throws(DecodeError) -> Catch {
        switch try byte() {
        case 0x00:
            let x = try idx()
            return .catch(tag: x, label: try idx())
        case 0x01:
            let x = try idx()
            return .catchRef(tag: x, label: try idx())
        case 0x02:
            return .catchAll(label: try idx())
        case 0x03:
            return .catchAllRef(label: try idx())
        default:
            throw error("malformed catch clause", at: pos &- 1)
        }
    }

    /// Every instruction that is not structured control and not covered by the fast
    /// paths of `instructions(into:)`.
    mutating func instruction(_ b: UInt8, at start: Int) throws(DecodeError) -> Instruction {
        switch b {
        // Control instructions (§5.4.1)
        case 0x00: return .unreachable
        case 0x01: return .nop
        case 0x08: return .throw(try idx())
        case 0x0A: return .throwRef
        case 0x0C: return .br(try idx())
        case 0x0D: return .brIf(try idx())
        case 0x0E:
            let labels = try vec { r throws(DecodeError) in try r.idx() }
            return .brTable(labels, try idx())
        case 0x0F: return .return
        case 0x10: return .call(try idx())
        case 0x11:
            let y = try idx()
            return .callIndirect(table: try idx(), type: y)
        case 0x12: return .returnCall(try idx())
        case 0x13:
            let y = try idx()
            return .returnCallIndirect(table: try idx(), type: y)
        case 0x14: return .callRef(try idx())
        case 0x15: return .returnCallRef(try idx())

        // Parametric instructions (§5.4.3)
        case 0x1A: return .drop
        case 0x1B: return .select(nil)
        case 0x1C: return .select(try resultType())

        // Variable instructions (§5.4.4)
        case 0x23: return .globalGet(try idx())
        case 0x24: return .globalSet(try idx())

        // Table instructions (§5.4.5)
        case 0x25: return .tableGet(try idx())
        case 0x26: return .tableSet(try idx())

        // Memory instructions (§5.4.6)
        case 0x3F: return .memorySize(try idx())
        case 0x40: return .memoryGrow(try idx())

        // Numeric constants (§5.4.8)
        case 0x41: return .i32Const(try s32())
        case 0x42: return .i64Const(try s64())
        case 0x43: return .f32Const(try word32())
        case 0x44: return .f64Const(try word64())

        // Reference instructions (§5.4.2)
        case 0xD0: return .refNull(try heapType())
        case 0xD1: return .refIsNull
        case 0xD2: return .refFunc(try idx())
        case 0xD3: return .refEq
        case 0xD4: return .refAsNonNull
        case 0xD5: return .brOnNull(try idx())
        case 0xD6: return .brOnNonNull(try idx())

        case 0xFB: return try gcInstruction(at: start)
        case 0xFC: return try miscInstruction(at: start)
        case 0xFD: return try vectorInstruction(at: start)

        default: throw illegal(b, at: start)
        }
    }

    /// Aggregate, cast and `i31` instructions behind the `0xFB` prefix (§5.4.2).
    mutating func gcInstruction(at start: Int) throws(DecodeError) -> Instruction {
        let n = try u32()
        switch n {
        case 0x00: return .structNew(try idx())
        case 0x01: return .structNewDefault(try idx())
        case 0x02, 0x03, 0x04:
            let x = try idx()
            let i = try idx()
            return .structGet(x, i, n == 0x02 ? nil : n == 0x03 ? .s : .u)
        case 0x05:
            let x = try idx()
            return .structSet(x, try idx())
        case 0x06: return .arrayNew(try idx())
        case 0x07: return .arrayNewDefault(try idx())
        case 0x08:
            let x = try idx()
            return .arrayNewFixed(x, try u32())
        case 0x09:
            sawDataIndex = true
            let x = try idx()
            return .arrayNewData(x, try idx())
        case 0x0A:
            let x = try idx()
            return .arrayNewElem(x, try idx())
        case 0x0B: return .arrayGet(try idx(), nil)
        case 0x0C: return .arrayGet(try idx(), .s)
        case 0x0D: return .arrayGet(try idx(), .u)
        case 0x0E: return .arraySet(try idx())
        case 0x0F: return .arrayLen
        case 0x10: return .arrayFill(try idx())
        case 0x11:
            let x = try idx()
            return .arrayCopy(x, try idx())
        case 0x12:
            sawDataIndex = true
            let x = try idx()
            return .arrayInitData(x, try idx())
        case 0x13:
            let x = try idx()
            return .arrayInitElem(x, try idx())
        case 0x14: return .refTest(RefType(nullable: false, try heapType()))
        case 0x15: return .refTest(RefType(nullable: true, try heapType()))
        case 0x16: return .refCast(RefType(nullable: false, try heapType()))
        case 0x17: return .refCast(RefType(nullable: true, try heapType()))
        case 0x18, 0x19:
            // Bit 0 makes the source type nullable, bit 1 the target type.
            let flags = try byte()
            if flags & 0xFC != 0 { throw error("malformed br_on_cast flags", at: start &+ 2) }
            let label = try idx()
            let rt1 = RefType(nullable: flags & 1 != 0, try heapType())
            let rt2 = RefType(nullable: flags & 2 != 0, try heapType())
            return n == 0x18 ? .brOnCast(label, rt1, rt2) : .brOnCastFail(label, rt1, rt2)
        case 0x1A: return .anyConvertExtern
        case 0x1B: return .externConvertAny
        case 0x1C: return .refI31
        case 0x1D: return .i31Get(.s)
        case 0x1E: return .i31Get(.u)
        default:
            throw error("illegal opcode fb \(hexByte(n))", at: start)
        }
    }

    /// Saturating truncation, bulk memory and table instructions behind the `0xFC`
    /// prefix (§5.4.5, §5.4.6, §5.4.8).
    mutating func miscInstruction(at start: Int) throws(DecodeError) -> Instruction {
        let n = try u32()
        if n < OpcodeTables.numericFC.count, let op = OpcodeTables.numericFC[Int(n)] {
            return .numeric(op)
        }
        switch n {
        case 0x08:
            sawDataIndex = true
            let y = try idx()
            return .memoryInit(try idx(), y)
        case 0x09:
            sawDataIndex = true
            return .dataDrop(try idx())
        case 0x0A:
            let x = try idx()
            return .memoryCopy(x, try idx())
        case 0x0B: return .memoryFill(try idx())
        case 0x0C:
            let y = try idx()
            return .tableInit(try idx(), y)
        case 0x0D: return .elemDrop(try idx())
        case 0x0E:
            let x = try idx()
            return .tableCopy(x, try idx())
        case 0x0F: return .tableGrow(try idx())
        case 0x10: return .tableSize(try idx())
        case 0x11: return .tableFill(try idx())
        default:
            throw error("illegal opcode fc \(hexByte(n))", at: start)
        }
    }

    /// Vector instructions behind the `0xFD` prefix (§5.4.7). The reference names an
    /// unknown one by its sub-opcode alone.
    mutating func vectorInstruction(at start: Int) throws(DecodeError) -> Instruction {
        let n = try u32()
        let entry = n < OpcodeTables.vector.count ? OpcodeTables.vector[Int(n)] : .illegal
        switch entry {
        case .op(let op): return .vector(op)
        case .load(let op): return .load(op, try memArg())
        case .store(let op): return .store(op, try memArg())
        case .laneMemory(let op):
            let m = try memArg()
            return .laneMemory(op, m, try u8())
        case .lane(let op): return .lane(op, try u8())
        case .const: return .v128Const(try v128())
        case .shuffle:
            var lanes = V128.zero
            for i in 0..<16 { lanes[byte: i] = try u8() }
            return .i8x16Shuffle(lanes)
        case .illegal:
            // The reference converts the sub-opcode to a native integer through a signed
            // 32-bit one, so from 2^31 on it prints the 63-bit two's complement of the
            // negative value: 0x7fffffff in front of the low 32 bits.
            let shown = n >= 0x8000_0000 ? UInt64(n) | 0x7FFF_FFFF_0000_0000 : UInt64(n)
            throw error("illegal opcode \(hexByte(shown))", at: start)
        }
    }
}
