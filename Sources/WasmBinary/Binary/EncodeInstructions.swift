// Encoding of instructions and expressions (§5.4). Operators that carry no
// immediates, loads, stores and lane operators take their opcodes from the operator
// tables.

extension BinaryWriter {
    /// An opcode: one byte, or a prefix byte and a LEB128 sub-opcode.
    @inline(__always)
    mutating func opcode(_ op: Opcode) {
        if op.prefix == 0 {
            byte(UInt8(truncatingIfNeeded: op.code))
        } else {
            byte(op.prefix)
            u32(op.code)
        }
    }

    /// A prefixed opcode with a sub-opcode below 0x80.
    @inline(__always)
    mutating func prefixed(_ prefix: UInt8, _ code: UInt8) {
        byte(prefix)
        byte(code)
    }

    /// A memory immediate: bit 6 of the flags announces a memory index other than 0.
    mutating func memArg(_ m: MemArg) {
        let hasIndex = m.memory != 0
        u32(m.align | (hasIndex ? 0x40 : 0))
        if hasIndex { idx(m.memory) }
        u64(m.offset)
    }

    mutating func catchClause(_ c: Catch) {
        switch c {
        case .catch(let x, let l): byte(0x00); idx(x); idx(l)
        case .catchRef(let x, let l): byte(0x01); idx(x); idx(l)
        case .catchAll(let l): byte(0x02); idx(l)
        case .catchAllRef(let l): byte(0x03); idx(l)
        }
    }

    /// An expression: its instructions, then the final `end`.
    mutating func expr(_ e: Expr) {
        for i in e { instruction(i) }
        byte(0x0B)
    }

    mutating func instruction(_ i: Instruction) {
        switch i {
        case .unreachable: byte(0x00)
        case .nop: byte(0x01)
        case .block(let bt): byte(0x02); blockType(bt)
        case .loop(let bt): byte(0x03); blockType(bt)
        case .if(let bt): byte(0x04); blockType(bt)
        case .else: byte(0x05)
        case .end: byte(0x0B)
        case .tryTable(let bt, let cs):
            byte(0x1F)
            blockType(bt)
            vec(cs) { w, c in w.catchClause(c) }
        case .br(let l): byte(0x0C); idx(l)
        case .brIf(let l): byte(0x0D); idx(l)
        case .brTable(let ls, let l):
            byte(0x0E)
            vec(ls) { w, l in w.idx(l) }
            idx(l)
        case .brOnNull(let l): byte(0xD5); idx(l)
        case .brOnNonNull(let l): byte(0xD6); idx(l)
        case .brOnCast(let l, let rt1, let rt2), .brOnCastFail(let l, let rt1, let rt2):
            if case .brOnCast = i { prefixed(0xFB, 0x18) } else { prefixed(0xFB, 0x19) }
            byte((rt1.nullable ? 1 : 0) | (rt2.nullable ? 2 : 0))
            idx(l)
            heapType(rt1.heapType)
            heapType(rt2.heapType)
        case .return: byte(0x0F)
        case .call(let x): byte(0x10); idx(x)
        case .callRef(let x): byte(0x14); idx(x)
        case .callIndirect(let x, let y): byte(0x11); idx(y); idx(x)
        case .returnCall(let x): byte(0x12); idx(x)
        case .returnCallRef(let x): byte(0x15); idx(x)
        case .returnCallIndirect(let x, let y): byte(0x13); idx(y); idx(x)
        case .throw(let x): byte(0x08); idx(x)
        case .throwRef: byte(0x0A)

        case .drop: byte(0x1A)
        case .select(nil): byte(0x1B)
        case .select(let ts?): byte(0x1C); resultType(ts)

        case .localGet(let x): byte(0x20); idx(x)
        case .localSet(let x): byte(0x21); idx(x)
        case .localTee(let x): byte(0x22); idx(x)
        case .globalGet(let x): byte(0x23); idx(x)
        case .globalSet(let x): byte(0x24); idx(x)

        case .tableGet(let x): byte(0x25); idx(x)
        case .tableSet(let x): byte(0x26); idx(x)
        case .tableSize(let x): prefixed(0xFC, 0x10); idx(x)
        case .tableGrow(let x): prefixed(0xFC, 0x0F); idx(x)
        case .tableFill(let x): prefixed(0xFC, 0x11); idx(x)
        case .tableCopy(let x, let y): prefixed(0xFC, 0x0E); idx(x); idx(y)
        case .tableInit(let x, let y): prefixed(0xFC, 0x0C); idx(y); idx(x)
        case .elemDrop(let x): prefixed(0xFC, 0x0D); idx(x)

        case .load(let op, let m): opcode(EncodingTables.load[Int(op.rawValue)]); memArg(m)
        case .store(let op, let m): opcode(EncodingTables.store[Int(op.rawValue)]); memArg(m)
        case .laneMemory(let op, let m, let lane):
            opcode(EncodingTables.laneMemory[Int(op.rawValue)])
            memArg(m)
            u8(lane)
        case .memorySize(let x): byte(0x3F); idx(x)
        case .memoryGrow(let x): byte(0x40); idx(x)
        case .memoryFill(let x): prefixed(0xFC, 0x0B); idx(x)
        case .memoryCopy(let x, let y): prefixed(0xFC, 0x0A); idx(x); idx(y)
        case .memoryInit(let x, let y): prefixed(0xFC, 0x08); idx(y); idx(x)
        case .dataDrop(let x): prefixed(0xFC, 0x09); idx(x)

        case .refNull(let ht): byte(0xD0); heapType(ht)
        case .refFunc(let x): byte(0xD2); idx(x)
        case .refIsNull: byte(0xD1)
        case .refAsNonNull: byte(0xD4)
        case .refEq: byte(0xD3)
        case .refTest(let rt): prefixed(0xFB, rt.nullable ? 0x15 : 0x14); heapType(rt.heapType)
        case .refCast(let rt): prefixed(0xFB, rt.nullable ? 0x17 : 0x16); heapType(rt.heapType)

        case .refI31: prefixed(0xFB, 0x1C)
        case .i31Get(let sx): prefixed(0xFB, sx == .s ? 0x1D : 0x1E)
        case .structNew(let x): prefixed(0xFB, 0x00); idx(x)
        case .structNewDefault(let x): prefixed(0xFB, 0x01); idx(x)
        case .structGet(let x, let f, let sx):
            prefixed(0xFB, sx == nil ? 0x02 : sx == .s ? 0x03 : 0x04)
            idx(x)
            u32(f)
        case .structSet(let x, let f): prefixed(0xFB, 0x05); idx(x); u32(f)
        case .arrayNew(let x): prefixed(0xFB, 0x06); idx(x)
        case .arrayNewDefault(let x): prefixed(0xFB, 0x07); idx(x)
        case .arrayNewFixed(let x, let n): prefixed(0xFB, 0x08); idx(x); u32(n)
        case .arrayNewData(let x, let y): prefixed(0xFB, 0x09); idx(x); idx(y)
        case .arrayNewElem(let x, let y): prefixed(0xFB, 0x0A); idx(x); idx(y)
        case .arrayGet(let x, let sx):
            prefixed(0xFB, sx == nil ? 0x0B : sx == .s ? 0x0C : 0x0D)
            idx(x)
        case .arraySet(let x): prefixed(0xFB, 0x0E); idx(x)
        case .arrayLen: prefixed(0xFB, 0x0F)
        case .arrayFill(let x): prefixed(0xFB, 0x10); idx(x)
        case .arrayCopy(let x, let y): prefixed(0xFB, 0x11); idx(x); idx(y)
        case .arrayInitData(let x, let y): prefixed(0xFB, 0x12); idx(x); idx(y)
        case .arrayInitElem(let x, let y): prefixed(0xFB, 0x13); idx(x); idx(y)
        case .anyConvertExtern: prefixed(0xFB, 0x1A)
        case .externConvertAny: prefixed(0xFB, 0x1B)

        case .i32Const(let c): byte(0x41); s32(c)
        case .i64Const(let c): byte(0x42); s64(Int64(bitPattern: c))
        case .f32Const(let c): byte(0x43); word32(c)
        case .f64Const(let c): byte(0x44); word64(c)
        case .numeric(let op): opcode(EncodingTables.numeric[Int(op.rawValue)])

        case .v128Const(let v): prefixed(0xFD, 0x0C); word64(v.lo); word64(v.hi)
        case .vector(let op): opcode(EncodingTables.vector[Int(op.rawValue)])
        case .i8x16Shuffle(let lanes):
            prefixed(0xFD, 0x0D)
            for k in 0..<16 { u8(lanes[byte: k]) }
        case .lane(let op, let lane): opcode(EncodingTables.lane[Int(op.rawValue)]); u8(lane)
        }
    }
}

extension Instruction {
    /// Whether the instruction names a data segment, which calls for a data count
    /// section (§5.5.13).
    var usesDataIndex: Bool {
        switch self {
        case .memoryInit, .dataDrop, .arrayNewData, .arrayInitData: true
        default: false
        }
    }
}
