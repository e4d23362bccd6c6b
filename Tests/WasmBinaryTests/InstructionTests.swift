// Instructions (§5.4): every operator of the tables, every instruction with immediates,
// the flat form of structured control, and the byte layout of immediates.

import Testing
import WasmBinary

/// The body of the only function of a decoded module.
private func decodeBody(_ code: [UInt8], locals: [UInt8] = [0x00]) throws -> Expr {
    try #require(try Module(binary: B.function(code, locals: locals)).funcs.first?.body)
}

/// The encoding of a single instruction.
private func encode(_ i: Instruction) -> [UInt8] {
    var m = Module()
    m.funcs = [Func(type: 0, body: [i])]
    let bytes = m.encode()
    // Find the code section; skip its size, count, the body's size and the locals.
    var at = 8
    while at < bytes.count && bytes[at] != 10 {
        var next = at + 1
        let size = (try? LEB128.readUnsigned(bytes, at: &next, bits: 32)) ?? 0
        at = next + Int(size)
    }
    return Array(bytes[(at + 1 + 5 + 1 + 5 + 1)..<(bytes.count - 1)])
}

/// Round trip of a function body through the encoder and decoder.
private func roundTrip(_ body: Expr) throws -> Expr {
    var m = Module()
    m.types = [RecType([SubType(.func(FuncType()))])]
    m.funcs = [Func(type: 0, body: body)]
    m.datas = [DataSegment(bytes: [], mode: .passive)]
    return try #require(try Module(binary: m.encode()).funcs.first?.body)
}

/// Every instruction form, with assorted immediates.
let everyInstruction: [Instruction] = {
    var all: [Instruction] = []
    all += NumericOp.allCases.map { .numeric($0) }
    all += VectorOp.allCases.map { .vector($0) }
    let memargs = [
        MemArg(align: 0), MemArg(memory: 0, align: 3, offset: 16), MemArg(memory: 1, align: 2, offset: 0),
        MemArg(memory: 200, align: 63, offset: .max),
    ]
    for m in memargs {
        all += LoadOp.allCases.map { .load($0, m) }
        all += StoreOp.allCases.map { .store($0, m) }
        all += LaneMemoryOp.allCases.map { .laneMemory($0, m, 1) }
    }
    all += LaneOp.allCases.flatMap { op in [Instruction.lane(op, 0), .lane(op, 255)] }
    var shuffle = V128.zero
    for k in 0..<16 { shuffle[byte: k] = UInt8(k * 17) }
    let heapTypes: [HeapType] = [
        .any, .none, .eq, .i31, .struct, .array, .func, .nofunc, .exn, .noexn, .extern, .noextern, .index(0), .index(1 << 20),
    ]
    let bts: [BlockType] = [.empty, .value(.i32), .value(.ref(RefType(nullable: false, .index(3)))), .type(0), .type(100_000)]
    all += [
        .unreachable, .nop, .br(0), .brIf(1), .brTable([], 0), .brTable([1, 2, 3], 4), .brOnNull(2), .brOnNonNull(3),
        .return, .call(5), .callRef(6), .callIndirect(table: 7, type: 8), .returnCall(9), .returnCallRef(10),
        .returnCallIndirect(table: 0, type: 1), .throw(11), .throwRef, .drop, .select(nil), .select([]),
        .select([.i32]), .select([.v128, .ref(.funcref)]), .localGet(0), .localSet(1), .localTee(2),
        .globalGet(3), .globalSet(4), .tableGet(5), .tableSet(6), .tableSize(7), .tableGrow(8), .tableFill(9),
        .tableCopy(10, 11), .tableInit(12, 13), .elemDrop(14), .memorySize(0), .memoryGrow(1), .memoryFill(2),
        .memoryCopy(3, 4), .memoryInit(5, 6), .dataDrop(7), .refFunc(8), .refIsNull, .refAsNonNull, .refEq,
        .refI31, .i31Get(.s), .i31Get(.u), .structNew(1), .structNewDefault(2), .structGet(3, 4, nil),
        .structGet(3, 4, .s), .structGet(3, 4, .u), .structSet(5, 6), .arrayNew(7), .arrayNewDefault(8),
        .arrayNewFixed(9, 10_000), .arrayNewData(11, 12), .arrayNewElem(13, 14), .arrayGet(15, nil),
        .arrayGet(16, .s), .arrayGet(17, .u), .arraySet(18), .arrayLen, .arrayFill(19), .arrayCopy(20, 21),
        .arrayInitData(22, 23), .arrayInitElem(24, 25), .anyConvertExtern, .externConvertAny,
        .i32Const(0), .i32Const(0x8000_0000), .i32Const(0xFFFF_FFFF), .i64Const(0), .i64Const(1 << 63),
        .i64Const(.max), .f32Const(0x7FA0_0001), .f64Const(0xFFF0_0000_0000_0001), .v128Const(V128(lo: .max, hi: 7)),
        .i8x16Shuffle(shuffle),
    ]
    for ht in heapTypes {
        all.append(.refNull(ht))
        for nullable in [false, true] {
            all.append(.refTest(RefType(nullable: nullable, ht)))
            all.append(.refCast(RefType(nullable: nullable, ht)))
            all.append(.brOnCast(1, RefType(nullable: nullable, ht), RefType(nullable: !nullable, .none)))
            all.append(.brOnCastFail(2, RefType(nullable: true, .any), RefType(nullable: nullable, ht)))
        }
    }
    for bt in bts {
        all += [.block(bt), .end, .loop(bt), .end, .if(bt), .else, .end, .if(bt), .end]
        all += [.tryTable(bt, []), .end]
        all += [.tryTable(bt, [.catch(tag: 1, label: 2), .catchRef(tag: 3, label: 4), .catchAll(label: 5), .catchAllRef(label: 6)]), .end]
    }
    return all
}()

@Suite struct InstructionTests {
    @Test func everyInstructionRoundTrips() throws {
        #expect(try roundTrip(everyInstruction) == everyInstruction)
    }

    /// Each operator table entry encodes to its opcode and decodes back.
    @Test func operatorTablesDriveTheOpcodes() throws {
        func opcodeBytes(_ op: Opcode) -> [UInt8] {
            op.prefix == 0 ? [UInt8(op.code)] : [op.prefix] + B.u(UInt64(op.code))
        }
        for op in NumericOp.allCases {
            #expect(encode(.numeric(op)) == opcodeBytes(op.opcode), "\(op.name)")
        }
        for op in VectorOp.allCases {
            #expect(encode(.vector(op)) == opcodeBytes(op.opcode), "\(op.name)")
        }
        for op in LoadOp.allCases {
            #expect(encode(.load(op, MemArg(align: 1))) == opcodeBytes(op.opcode) + [0x01, 0x00], "\(op.name)")
        }
        for op in StoreOp.allCases {
            #expect(encode(.store(op, MemArg(align: 1))) == opcodeBytes(op.opcode) + [0x01, 0x00], "\(op.name)")
        }
        for op in LaneOp.allCases {
            #expect(encode(.lane(op, 3)) == opcodeBytes(op.opcode) + [0x03], "\(op.name)")
        }
        for op in LaneMemoryOp.allCases {
            #expect(encode(.laneMemory(op, MemArg(align: 0), 3)) == opcodeBytes(op.opcode) + [0x00, 0x00, 0x03], "\(op.name)")
        }
    }

    @Test func immediatesAreLaidOutAsInTheReference() {
        #expect(encode(.i32Const(0xFFFF_FFFF)) == [0x41, 0x7F])
        #expect(encode(.i64Const(1 << 63)) == [0x42] + [UInt8](repeating: 0x80, count: 9) + [0x7F])
        #expect(encode(.f32Const(0x3F80_0000)) == [0x43, 0x00, 0x00, 0x80, 0x3F])
        #expect(encode(.callIndirect(table: 1, type: 2)) == [0x11, 0x02, 0x01])
        #expect(encode(.returnCallIndirect(table: 1, type: 2)) == [0x13, 0x02, 0x01])
        #expect(encode(.memoryInit(1, 2)) == [0xFC, 0x08, 0x02, 0x01])
        #expect(encode(.tableInit(1, 2)) == [0xFC, 0x0C, 0x02, 0x01])
        #expect(encode(.tableCopy(1, 2)) == [0xFC, 0x0E, 0x01, 0x02])
        #expect(encode(.memoryCopy(1, 2)) == [0xFC, 0x0A, 0x01, 0x02])
        #expect(encode(.select([.i32])) == [0x1C, 0x01, 0x7F])
        #expect(encode(.load(.i32Load, MemArg(memory: 1, align: 2, offset: 3))) == [0x28, 0x42, 0x01, 0x03])
        #expect(encode(.load(.i32Load, MemArg(memory: 0, align: 2, offset: 3))) == [0x28, 0x02, 0x03])
        #expect(encode(.lane(.i8x16ExtractLaneS, 200)) == [0xFD, 0x15, 0xC8, 0x01])
        #expect(encode(.brOnCast(0, RefType(nullable: true, .any), RefType(nullable: false, .i31))) == [0xFB, 0x18, 0x01, 0x00, 0x6E, 0x6C])
        #expect(encode(.brOnCastFail(0, RefType(nullable: false, .any), RefType(nullable: true, .index(3)))) == [0xFB, 0x19, 0x02, 0x00, 0x6E, 0x03])
        #expect(encode(.refTest(RefType(nullable: true, .index(70)))) == [0xFB, 0x15, 0xC6, 0x00])
        #expect(encode(.block(.type(64))) == [0x02, 0xC0, 0x00])
        #expect(encode(.block(.empty)) == [0x02, 0x40])
        #expect(encode(.tryTable(.empty, [.catch(tag: 1, label: 2), .catchAllRef(label: 3)])) == [0x1F, 0x40, 0x02, 0x00, 0x01, 0x02, 0x03, 0x03])
        #expect(encode(.vector(.i32x4RelaxedDotI8x16I7x16AddS)) == [0xFD, 0x93, 0x02])
        #expect(encode(.numeric(.i64TruncSatF64U)) == [0xFC, 0x07])
    }

    /// Structured instructions decode flat, with explicit `else` and `end`; the body's
    /// own `end` is not stored.
    @Test func structuredControlIsFlat() throws {
        let body = try decodeBody([
            0x02, 0x40,  // block
            0x03, 0x7F,  // loop (result i32)
            0x41, 0x01,
            0x04, 0x40, 0x01, 0x05, 0x00, 0x0B,  // if nop else unreachable end
            0x0B,  // end loop
            0x1A,
            0x04, 0x40, 0x0B,  // if without else
            0x0B,  // end block
            0x0B,
        ])
        #expect(body == [
            .block(.empty), .loop(.value(.i32)), .i32Const(1), .if(.empty), .nop, .else, .unreachable, .end, .end,
            .drop, .if(.empty), .end, .end,
        ])
        #expect(try decodeBody([0x04, 0x40, 0x05, 0x0B, 0x0B]) == [.if(.empty), .else, .end])
    }

    /// Heap and block types whose s33 index wraps to a valid 32-bit index are accepted,
    /// as the reference accepts them.
    @Test func typeIndexWrapsLikeTheReference() throws {
        let wrapped = B.s(-0x1_0000_0000 + 5)
        #expect(try decodeBody([0xD0] + wrapped + [0x1A, 0x0B]) == [.refNull(.index(5)), .drop])
        #expect(try decodeBody([0x02] + wrapped + [0x0B, 0x0B]) == [.block(.type(5)), .end])
        #expect(try decodeBody([0xD0, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x1A, 0x0B]) == [.refNull(.index(0x7FFF_FFFF)), .drop])
    }

    @Test func opcodesWithRedundantLEB128Bytes() throws {
        // Sub-opcodes are u32: a padded one is the same opcode.
        #expect(try decodeBody([0xFC, 0x80, 0x00, 0x1A, 0x0B]) == [.numeric(.i32TruncSatF32S), .drop])
        #expect(try decodeBody([0xFB, 0x9C, 0x80, 0x00, 0x0B]) == [.refI31])
        #expect(try decodeBody([0xFD, 0x8E, 0x81, 0x80, 0x00, 0x0B]) == [.vector(.i16x8Add)])
    }

    /// Deep nesting is bounded by the input, not the stack.
    @Test func deepNesting() throws {
        let depth = 200_000
        let code = [UInt8](repeating: 0x02, count: 0).reserved(depth * 3 + 1) { code in
            for _ in 0..<depth { code += [0x02, 0x40] }
            code += [UInt8](repeating: 0x0B, count: depth + 1)
        }
        let body = try decodeBody(code)
        #expect(body.count == 2 * depth)
        #expect(try roundTrip(body) == body)
        // Unclosed, it is simply an unexpected end.
        #expect(decodeError(B.function(Array(code.dropLast(2))))?.message == "unexpected end of section or function")
    }
}

extension Array {
    fileprivate func reserved(_ n: Int, _ fill: (inout [Element]) -> Void) -> [Element] {
        var a = self
        a.reserveCapacity(n)
        fill(&a)
        return a
    }
}
