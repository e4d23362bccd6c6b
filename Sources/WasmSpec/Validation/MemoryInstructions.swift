// Table instructions (§3.4.6) and memory instructions (§3.4.7). Operands that are
// addresses or sizes have the address type of the table or memory (memory64, table64);
// copies between two of them take the smaller one for the length.

extension CodeValidator {
    /// `check_memop` (§3.4.7, memarg): the alignment must not exceed the natural one, and
    /// the offset must fit in the address type of the memory accessed: in 32 bits for a
    /// 32-bit memory.
    ///
    /// NOTE: The reference checks the offset against memory 0 whichever memory the
    /// instruction names; this follows the specification (docs/deviations.md).
    func checkMemArg(_ m: MemArg, alignment: UInt32) throws(ValidationError) {
        guard m.align <= alignment else { throw error("alignment must not be larger than natural") }
        let mt = try memory(m.memory)
        if mt.addrType == .i32 && m.offset >= 0x1_0000_0000 {
            throw error("offset out of range")
        }
    }

    /// The smaller of two address types.
    private static func min(_ a: AddrType, _ b: AddrType) -> TypeID {
        a == .i32 || b == .i32 ? TypeIDs.i32 : TypeIDs.i64
    }

    mutating func tableInstruction(_ instr: Instruction) throws(ValidationError) {
        switch instr {
        case .tableGet(let x):
            let tt = try table(x)
            try pop(TypeIDs.addr(tt.addrType))
            push(c.id(.ref(tt.elemType)))
        case .tableSet(let x):
            let tt = try table(x)
            try pop(TypeIDs.addr(tt.addrType), c.id(.ref(tt.elemType)))
        case .tableSize(let x):
            push(TypeIDs.addr(try table(x).addrType))
        case .tableGrow(let x):
            let tt = try table(x)
            try pop(c.id(.ref(tt.elemType)), TypeIDs.addr(tt.addrType))
            push(TypeIDs.addr(tt.addrType))
        case .tableFill(let x):
            let tt = try table(x)
            let at = TypeIDs.addr(tt.addrType)
            try pop(at, c.id(.ref(tt.elemType)), at)
        case .tableCopy(let x, let y):
            let t1 = try table(x)
            let t2 = try table(y)
            guard c.sub.isSubtype(t2.elemType, t1.elemType) else {
                // The reference names the two the other way round; kept as it is.
                throw error(
                    "type mismatch: source element type " + Describe.refType(t1.elemType)
                        + " does not match destination element type " + Describe.refType(t2.elemType))
            }
            try pop(TypeIDs.addr(t1.addrType), TypeIDs.addr(t2.addrType), CodeValidator.min(t1.addrType, t2.addrType))
        case .tableInit(let x, let y):
            let tt = try table(x)
            let rt = try elem(y)
            guard c.sub.isSubtype(rt, tt.elemType) else {
                throw error(
                    "type mismatch: element segment's type " + Describe.refType(tt.elemType)
                        + " does not match table's element type " + Describe.refType(rt))
            }
            try pop(TypeIDs.addr(tt.addrType), TypeIDs.i32, TypeIDs.i32)
        case .elemDrop(let x):
            _ = try elem(x)
        default:
            break
        }
    }

    mutating func memoryInstruction(_ instr: Instruction) throws(ValidationError) {
        switch instr {
        case .laneMemory(let op, let m, let lane):
            let at = TypeIDs.addr(try memory(m.memory).addrType)
            try checkMemArg(m, alignment: ops.laneMemoryAlignment[Int(op.rawValue)])
            guard lane < ops.laneMemoryLanes[Int(op.rawValue)] else { throw error("invalid lane index") }
            try pop(at, TypeIDs.v128)
            if !op.isStore { push(TypeIDs.v128) }
        case .memorySize(let x):
            push(TypeIDs.addr(try memory(x).addrType))
        case .memoryGrow(let x):
            let at = TypeIDs.addr(try memory(x).addrType)
            try pop(at)
            push(at)
        case .memoryFill(let x):
            let at = TypeIDs.addr(try memory(x).addrType)
            try pop(at, TypeIDs.i32, at)
        case .memoryCopy(let x, let y):
            let m1 = try memory(x).addrType
            let m2 = try memory(y).addrType
            try pop(TypeIDs.addr(m1), TypeIDs.addr(m2), CodeValidator.min(m1, m2))
        case .memoryInit(let x, let y):
            let at = TypeIDs.addr(try memory(x).addrType)
            try data(y)
            try pop(at, TypeIDs.i32, TypeIDs.i32)
        case .dataDrop(let x):
            try data(x)
        default:
            break
        }
    }
}
