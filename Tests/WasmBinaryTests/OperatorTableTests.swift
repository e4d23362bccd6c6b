import Testing
import WasmBinary

/// The operator tables are the single source of truth for mnemonics and opcodes, so
/// each name and each opcode must occur exactly once across all of them.
@Suite struct OperatorTableTests {
    private var allInfos: [OperatorInfo] {
        NumericOp.infos + VectorOp.infos + LoadOp.infos + StoreOp.infos + LaneOp.infos
            + LaneMemoryOp.infos
    }

    @Test func namesAreUnique() {
        var seen: Set<String> = []
        for info in allInfos {
            #expect(seen.insert(info.name).inserted, "duplicate mnemonic \(info.name)")
        }
    }

    @Test func opcodesAreUnique() {
        var seen: Set<Opcode> = []
        for info in allInfos {
            #expect(seen.insert(info.opcode).inserted, "duplicate opcode \(info.opcode) (\(info.name))")
        }
    }

    @Test func lookupsRoundTrip() {
        for op in NumericOp.allCases {
            #expect(NumericOp.byName[op.name] == op)
            #expect(NumericOp.byOpcode[op.opcode] == op)
        }
        for op in VectorOp.allCases {
            #expect(VectorOp.byName[op.name] == op)
            #expect(VectorOp.byOpcode[op.opcode] == op)
        }
        #expect(NumericOp.byName["i32.add"] == .i32Add)
        #expect(NumericOp.i32Add.opcode == Opcode(0x6A))
        #expect(NumericOp.i64TruncSatF64U.opcode == Opcode(7, prefix: 0xFC))
        #expect(VectorOp.i32x4RelaxedDotI8x16I7x16AddS.opcode == Opcode(0x113, prefix: 0xFD))
        #expect(LaneMemoryOp.v128Store64Lane.name == "v128.store64_lane")
        #expect(LaneMemoryOp.v128Store64Lane.opcode == Opcode(0x5B, prefix: 0xFD))
        #expect(LaneMemoryOp.v128Load16Lane.info.lanes == 8)
    }

    @Test func tableSizes() {
        #expect(NumericOp.allCases.count == 136)
        #expect(VectorOp.allCases.count == 218)
    }
}
