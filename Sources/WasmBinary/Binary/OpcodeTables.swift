// Opcode dispatch tables (§5.4), derived once from the operator tables in
// `Syntax/Operators.swift` and its siblings, so that the decoder never lists the
// operators those tables already describe.

/// What a `0xFD`-prefixed opcode decodes to.
enum VectorOpcodeEntry: Sendable {
    case illegal
    case op(VectorOp)
    case load(LoadOp)
    case store(StoreOp)
    case lane(LaneOp)
    case laneMemory(LaneMemoryOp)
    case const
    case shuffle
}

/// Opcode lookups by byte (single-byte opcodes) or by sub-opcode (prefixed ones).
enum OpcodeTables {
    /// Numeric operators without a prefix, indexed by opcode byte.
    static let numeric: [NumericOp?] = {
        var table = [NumericOp?](repeating: nil, count: 256)
        for op in NumericOp.allCases where op.opcode.prefix == 0 { table[Int(op.opcode.code)] = op }
        return table
    }()

    /// Numeric operators behind the `0xFC` prefix (saturating truncation), by sub-opcode.
    static let numericFC: [NumericOp?] = {
        var table = [NumericOp?](repeating: nil, count: 32)
        for op in NumericOp.allCases where op.opcode.prefix == 0xFC {
            table[Int(op.opcode.code)] = op
        }
        return table
    }()

    /// Loads without a prefix, indexed by opcode byte.
    static let load: [LoadOp?] = {
        var table = [LoadOp?](repeating: nil, count: 256)
        for op in LoadOp.allCases where op.opcode.prefix == 0 { table[Int(op.opcode.code)] = op }
        return table
    }()

    /// Stores without a prefix, indexed by opcode byte.
    static let store: [StoreOp?] = {
        var table = [StoreOp?](repeating: nil, count: 256)
        for op in StoreOp.allCases where op.opcode.prefix == 0 { table[Int(op.opcode.code)] = op }
        return table
    }()

    /// The vector opcode space behind the `0xFD` prefix, by sub-opcode.
    static let vector: [VectorOpcodeEntry] = {
        var size = 0x0E
        for op in VectorOp.allCases { size = Swift.max(size, Int(op.opcode.code) + 1) }
        var table = [VectorOpcodeEntry](repeating: .illegal, count: size)
        for op in VectorOp.allCases { table[Int(op.opcode.code)] = .op(op) }
        for op in LoadOp.allCases where op.opcode.prefix == 0xFD {
            table[Int(op.opcode.code)] = .load(op)
        }
        for op in StoreOp.allCases where op.opcode.prefix == 0xFD {
            table[Int(op.opcode.code)] = .store(op)
        }
        for op in LaneOp.allCases { table[Int(op.opcode.code)] = .lane(op) }
        for op in LaneMemoryOp.allCases { table[Int(op.opcode.code)] = .laneMemory(op) }
        table[0x0C] = .const
        table[0x0D] = .shuffle
        return table
    }()
}

/// Opcodes by operator, for the encoder: plain values, so that looking one up does not
/// copy an ``OperatorInfo`` with its strings and arrays.
enum EncodingTables {
    static let numeric: [Opcode] = NumericOp.allCases.map(\.opcode)
    static let vector: [Opcode] = VectorOp.allCases.map(\.opcode)
    static let load: [Opcode] = LoadOp.allCases.map(\.opcode)
    static let store: [Opcode] = StoreOp.allCases.map(\.opcode)
    static let lane: [Opcode] = LaneOp.allCases.map(\.opcode)
    static let laneMemory: [Opcode] = LaneMemoryOp.allCases.map(\.opcode)
}

/// Two lowercase hexadecimal digits at least, as the reference prints opcodes.
func hexByte<T: BinaryInteger>(_ v: T) -> String {
    let s = String(v, radix: 16)
    return s.count < 2 ? "0" + s : s
}
