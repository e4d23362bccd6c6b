// Table instructions (§3.4.6) and memory instructions (§3.4.7). Operands that are
// addresses or sizes have the address type of the table or memory (memory64, table64);
// copies between two of them take the smaller one for the length.

extension CodeValidator {
    /// `check_memop`: the alignment must not exceed the natural one, and an offset of an
    /// access must fit in 32 bits when memory 0 (as the reference checks) is 32-bit.
    func checkMemArg(_ m: MemArg, alignment: UInt32) throws(ValidationError) {
        guard m.align <= alignment else { throw error("alignment must not be larger than natural") }
        let mt = try memory(0)
        if mt.addrType == .i32 && m.offset >= 0x1_0000_0000 {
            throw error("offset out of range")
        }
    }

    /// The smaller of two address types.
    private static func min(_ a: AddrType, _ b: AddrType) -> ValType {
        a == .i32 || b == .i32 ? .i32 : .i64
    }

    mutating func tableInstruction(_ instr: Instruction) throws(ValidationError) {
        switch instr {
        case .tableGet(let x):
            let tt = try table(x)
            try pop(tt.addrType.valType)
            stack.append(.ref(tt.elemType))
        case .tableSet(let x):
            let tt = try table(x)
            try pop(tt.addrType.valType, .ref(tt.elemType))
        case .tableSize(let x):
            stack.append(try table(x).addrType.valType)
        case .tableGrow(let x):
            let tt = try table(x)
            try pop(.ref(tt.elemType), tt.addrType.valType)
            stack.append(tt.addrType.valType)
        case .tableFill(let x):
            let tt = try table(x)
            let at = tt.addrType.valType
            try pop(at, .ref(tt.elemType), at)
        case .tableCopy(let x, let y):
            let t1 = try table(x)
            let t2 = try table(y)
            guard c.sub.isSubtype(t2.elemType, t1.elemType) else {
                // The reference names the two the other way round; kept as it is.
                throw error(
                    "type mismatch: source element type " + Describe.refType(t1.elemType)
                        + " does not match destination element type " + Describe.refType(t2.elemType))
            }
            try pop(t1.addrType.valType, t2.addrType.valType, CodeValidator.min(t1.addrType, t2.addrType))
        case .tableInit(let x, let y):
            let tt = try table(x)
            let rt = try elem(y)
            guard c.sub.isSubtype(rt, tt.elemType) else {
                throw error(
                    "type mismatch: element segment's type " + Describe.refType(tt.elemType)
                        + " does not match table's element type " + Describe.refType(rt))
            }
            try pop(tt.addrType.valType, .i32, .i32)
        case .elemDrop(let x):
            _ = try elem(x)
        default:
            break
        }
    }

    mutating func memoryInstruction(_ instr: Instruction) throws(ValidationError) {
        switch instr {
        case .laneMemory(let op, let m, let lane):
            let at = try memory(m.memory).addrType.valType
            let info = op.info
            try checkMemArg(m, alignment: info.alignment)
            guard lane < info.lanes else { throw error("invalid lane index") }
            try pop(at, .v128)
            if !op.isStore { stack.append(.v128) }
        case .memorySize(let x):
            stack.append(try memory(x).addrType.valType)
        case .memoryGrow(let x):
            let at = try memory(x).addrType.valType
            try pop(at)
            stack.append(at)
        case .memoryFill(let x):
            let at = try memory(x).addrType.valType
            try pop(at, .i32, at)
        case .memoryCopy(let x, let y):
            let m1 = try memory(x).addrType
            let m2 = try memory(y).addrType
            try pop(m1.valType, m2.valType, CodeValidator.min(m1, m2))
        case .memoryInit(let x, let y):
            let at = try memory(x).addrType.valType
            try data(y)
            try pop(at, .i32, .i32)
        case .dataDrop(let x):
            try data(x)
        default:
            break
        }
    }
}
