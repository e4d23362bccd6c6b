import Testing

@testable import WasmSpec

/// Instruction validation (§3.4); the expected messages are the reference interpreter's
/// on the equivalent text modules.
@Suite struct ValidationInstructionTests {
    @Test func operandStack() {
        expectValid(funcModule([], [.i32], [.i32Const(1), .i32Const(2), .numeric(.i32Add)]))
        expectInvalid(funcModule([], [], [.drop]), "type mismatch: instruction requires [bot] but stack has []")
        expectInvalid(
            funcModule([], [.i32], [.i64Const(0), .i32Const(1), .numeric(.i32Add)]),
            "type mismatch: instruction requires [i32 i32] but stack has [i64 i32]")
        expectInvalid(
            funcModule([], [.i32], [.unreachable, .i64Const(1), .numeric(.i32Add)]),
            "type mismatch: instruction requires [i32 i32] but stack has [bot i64]")
        expectValid(funcModule([], [.i32], [.unreachable, .numeric(.i32Add)]))
        expectValid(funcModule([], [.f64], [.unreachable, .drop, .drop, .select(nil)]))
        expectInvalid(
            funcModule([], [], [.block(.value(.i32)), .end]),
            "type mismatch: instruction requires [i32] but stack has []")
        expectInvalid(
            funcModule([], [], [.block(.empty), .i32Const(1), .end]),
            "type mismatch: block requires [] but stack has [i32]")
        expectInvalid(
            funcModule([], [.i32], [.unreachable, .i32Const(1), .i32Const(2)]),
            "type mismatch: block requires [i32] but stack has [i32 i32]")
        expectInvalid(
            funcModule([.i32], [], [.localGet(0)]),
            "type mismatch: block requires [] but stack has [i32]")
    }

    @Test func blocksWithParameters() {
        let m = { (body: [Instruction]) in
            funcModule([], [.i32], body) {
                $0.types.append(typeDef(.func(FuncType([.i32, .i64], [.i32]))))
            }
        }
        expectValid(m([.i32Const(1), .i64Const(2), .block(.type(1)), .drop, .end]))
        expectValid(m([.i32Const(1), .i64Const(2), .loop(.type(1)), .drop, .end]))
        expectValid(
            m([.i32Const(1), .i64Const(2), .i32Const(0), .if(.type(1)), .drop, .else, .drop, .end]))
        // The contents are checked before the block's own parameters.
        expectInvalid(
            m([.i32Const(1), .block(.type(1)), .localGet(7), .end]), "unknown local 7")
        expectInvalid(
            m([.i32Const(1), .block(.type(1)), .drop, .end]),
            "type mismatch: instruction requires [i32 i64] but stack has [i32]")
        // An `if` without `else` must pass its parameters through.
        expectInvalid(
            m([.i32Const(1), .i64Const(2), .i32Const(0), .if(.type(1)), .drop, .end]),
            "type mismatch: instruction requires [i32] but stack has [i64]")
        expectInvalid(
            funcModule([], [], [.i32Const(0), .if(.value(.i32)), .i32Const(1), .end, .drop]),
            "type mismatch: instruction requires [i32] but stack has []")
        expectInvalid(
            funcModule([], [], [.i64Const(0), .if(.empty), .end]),
            "type mismatch: instruction requires [i32] but stack has [i64]")
        expectInvalid(funcModule([], [], [.block(.type(5)), .end]), "unknown type 5")
        expectInvalid(
            funcModule([], [], [.block(.type(1)), .end]) {
                $0.types.append(typeDef(.struct([])))
            }, "non-function type 1")
    }

    @Test func structure() {
        expectInvalid(funcModule([], [], [.end]), "end without matching block")
        expectInvalid(funcModule([], [], [.else]), "else without matching if")
        expectInvalid(funcModule([], [], [.block(.empty), .else, .end]), "else without matching if")
        expectInvalid(funcModule([], [], [.block(.empty)]), "unclosed block: missing end")
    }

    @Test func deepNesting() {
        let depth = 100_000
        let body =
            Array(repeating: Instruction.block(.value(.i32)), count: depth) + [.i32Const(7)]
            + Array(repeating: Instruction.end, count: depth)
        expectValid(funcModule([], [.i32], body))
        let bad =
            Array(repeating: Instruction.block(.value(.i32)), count: depth) + [.i64Const(7)]
            + Array(repeating: Instruction.end, count: depth)
        let e = invalid(funcModule([], [.i32], bad))
        #expect(e?.message == "type mismatch: instruction requires [i32] but stack has [i64]")
        #expect(e?.location == .function(index: 0, instruction: depth + 1))
    }

    @Test func branches() {
        expectValid(funcModule([], [.i32], [.block(.value(.i32)), .i32Const(1), .br(0), .end]))
        expectValid(funcModule([], [.i32], [.loop(.empty), .br(0), .end, .i32Const(0)]))
        expectInvalid(funcModule([], [], [.br(1)]), "unknown label 1")
        // Large indices are written with grouped digits, as the reference writes them.
        expectInvalid(funcModule([], [], [.br(268_435_457)]), "unknown label 268_435_457")
        expectInvalid(funcModule([], [], [.call(1000)]), "unknown function 1_000")
        expectInvalid(funcModule([], [], [.call(999)]), "unknown function 999")
        expectInvalid(funcModule([], [], [.localGet(UInt32.max)]), "unknown local 4_294_967_295")
        expectInvalid(
            funcModule([], [.i32], [.block(.value(.i32)), .i64Const(1), .br(0), .end]),
            "type mismatch: instruction requires [i32] but stack has [i64]")
        expectValid(
            funcModule([], [.i32], [.block(.value(.i32)), .i32Const(1), .i32Const(0), .brIf(0), .end]))
        expectInvalid(
            funcModule([], [], [.block(.value(.i32)), .i32Const(0), .i64Const(1), .brTable([0, 1], 0), .end, .drop]),
            "type mismatch: instruction requires [] but stack has [i32]")
        expectValid(
            funcModule([], [.i32], [.block(.value(.i32)), .i32Const(0), .i32Const(1), .brTable([0, 0, 1], 1), .end]))
        expectValid(funcModule([], [], [.unreachable, .brTable([0], 0)]))
        expectInvalid(
            funcModule([], [], [.i64Const(0), .brTable([], 0)]),
            "type mismatch: instruction requires [i32] but stack has [i64]")
        expectValid(funcModule([], [.i32], [.i32Const(1), .return]))
        expectInvalid(
            funcModule([], [.i32], [.return]), "type mismatch: instruction requires [i32] but stack has []")
    }

    @Test func select() {
        expectValid(funcModule([], [.i32], [.i32Const(1), .i32Const(2), .i32Const(0), .select(nil)]))
        expectValid(funcModule([], [.v128], [.unreachable, .v128Const(.zero), .i32Const(0), .select(nil)]))
        expectInvalid(
            funcModule([], [], [.refNull(.func), .refNull(.func), .i32Const(0), .select(nil), .drop]),
            "type mismatch: instruction requires numeric or vector type but stack has (ref null func)")
        expectValid(
            funcModule([], [], [.refNull(.func), .refNull(.func), .i32Const(0), .select([.funcref]), .drop]))
        expectInvalid(
            funcModule([], [], [.i32Const(0), .i32Const(0), .i32Const(0), .select([.i32, .i32]), .drop]),
            "invalid result arity other than 1 is not (yet) allowed")
        expectInvalid(
            funcModule([], [], [.i32Const(1), .i64Const(2), .i32Const(0), .select(nil), .drop]),
            "type mismatch: instruction requires [i64 i64 i32] but stack has [i32 i64 i32]")
    }

    @Test func localsAndGlobals() {
        expectInvalid(funcModule([], [], [.localGet(0), .drop]), "unknown local 0")
        expectValid(funcModule([.i64], [.i64], locals: [Locals(3, .f32)], [.localGet(3), .drop, .localGet(0)]))
        expectInvalid(
            funcModule([], [], locals: [Locals(1, ref(.func))], [.localGet(0), .drop]), "uninitialized local")
        // Initialisation inside a block does not outlive it.
        expectInvalid(
            funcModule([], [], locals: [Locals(1, ref(.func))],
                [.block(.empty), .refFunc(0), .localSet(0), .end, .localGet(0), .drop]) {
                $0.elems = [ElemSegment(type: .funcref, inits: [[.refFunc(0)]], mode: .declarative)]
            }, "uninitialized local")
        expectValid(
            funcModule([], [], locals: [Locals(1, ref(.func))],
                [.refFunc(0), .localSet(0), .block(.empty), .localGet(0), .drop, .end, .localGet(0), .drop]) {
                $0.elems = [ElemSegment(type: .funcref, inits: [[.refFunc(0)]], mode: .declarative)]
            })
        expectInvalid(
            funcModule([], [], locals: [Locals(1, ref(.func))],
                [.i32Const(0), .if(.empty), .refFunc(0), .localSet(0), .else, .localGet(0), .drop, .end]) {
                $0.exports = [WasmBinary.Export(name: "f", kind: .func, index: 0)]
            }, "uninitialized local")
        // Parameters are always initialised.
        expectValid(funcModule([ref(.func)], [], [.localGet(0), .drop]))
        let g = { (mutable: Bool, body: [Instruction]) in
            funcModule([], [], body) {
                $0.globals = [Global(type: GlobalType(mutable: mutable, .i32), initializer: [.i32Const(0)])]
            }
        }
        expectValid(g(true, [.i32Const(1), .globalSet(0)]))
        expectInvalid(g(false, [.i32Const(1), .globalSet(0)]), "immutable global")
        expectInvalid(g(false, [.globalGet(1), .drop]), "unknown global 1")
    }

    @Test func runLengthLocals() {
        let huge = Locals(UInt32.max, .i64)
        expectValid(funcModule([.i32], [.i64], locals: [huge], [.localGet(UInt32.max)]))
        expectValid(funcModule([], [.i64], locals: [Locals(5, .f32), huge], [.localGet(UInt32.max - 1)]))
        expectInvalid(funcModule([.i32], [.i64], locals: [huge], [.localGet(0)]),
            "type mismatch: instruction requires [i64] but stack has [i32]")
        expectInvalid(
            funcModule([], [], locals: [Locals(UInt32.max - 1, .i64)], [.localGet(UInt32.max)]),
            "unknown local 4_294_967_295")
        expectValid(funcModule([], [.i64], locals: [Locals(UInt32.max - 1, .i64)], [.localGet(UInt32.max - 2)]))
        let nonNull = Locals(UInt32.max - 3, ref(.extern))
        expectInvalid(
            funcModule([.externref], [], locals: [Locals(2, .i32), nonNull], [.localGet(1_000_000_000), .drop]),
            "uninitialized local")
        expectValid(
            funcModule([ref(.extern)], [], locals: [Locals(2, .i32), nonNull],
                [.localGet(0), .localSet(1_000_000_000), .localGet(1_000_000_000), .drop, .localGet(2), .drop]))
        expectInvalid(
            funcModule([], [], locals: [Locals(1, ref(.index(9)))], []), "unknown type 9")
    }

    @Test func calls() {
        let m = { (body: [Instruction]) in
            funcModule([.i32], [.i64], body) {
                $0.tables = [Table(type: TableType(.i32, Limits(min: 1), .funcref))]
                $0.types.append(typeDef(.func(FuncType([], [.i32]))))
                $0.funcs.append(Func(type: 1, body: [.i32Const(0)]))
            }
        }
        expectValid(m([.localGet(0), .call(0)]))
        expectInvalid(m([.call(2)]), "unknown function 2")
        expectInvalid(m([.call(0)]), "type mismatch: instruction requires [i32] but stack has []")
        expectValid(m([.i32Const(0), .i32Const(0), .callIndirect(table: 0, type: 0)]))
        expectInvalid(m([.i32Const(0), .callIndirect(table: 1, type: 0)]), "unknown table 1")
        expectValid(m([.localGet(0), .returnCall(0)]))
        expectInvalid(
            m([.returnCall(1)]),
            "type mismatch: current function requires result type [i64] but callee returns [i32]")
        expectInvalid(
            m([.i32Const(0), .returnCallIndirect(table: 0, type: 1)]),
            "type mismatch: current function requires result type [i64] but callee returns [i32]")
        expectValid(m([.localGet(0), .refFunc(0), .callRef(0)]) .with { $0.exports = [WasmBinary.Export(name: "f", kind: .func, index: 0)] })
        expectValid(m([.localGet(0), .refNull(.index(0)), .returnCallRef(0)]))
        expectInvalid(
            m([.localGet(0), .refNull(.index(1)), .callRef(0)]),
            "type mismatch: instruction requires [i32 (ref null (func [i32] -> [i64]))] but stack has [i32 (ref null 1)]")
        let ext = funcModule([], [], [.i32Const(0), .callIndirect(table: 0, type: 0)]) {
            $0.tables = [Table(type: TableType(.i32, Limits(min: 1), .externref))]
        }
        expectInvalid(
            ext,
            "type mismatch: instruction requires table of function type but table has element type (ref null extern)")
        let t64 = funcModule([], [], [.i64Const(0), .callIndirect(table: 0, type: 0)]) {
            $0.tables = [Table(type: TableType(.i64, Limits(min: 1), .funcref))]
        }
        expectValid(t64)
    }

    @Test func memory() {
        let m = { (body: [Instruction]) in
            funcModule([], [], body) { $0.memories = [MemoryType(.i32, Limits(min: 1))] }
        }
        expectValid(m([.i32Const(0), .load(.i32Load, MemArg(align: 2)), .drop]))
        expectInvalid(
            m([.i32Const(0), .load(.i32Load, MemArg(align: 3)), .drop]), "alignment must not be larger than natural")
        expectInvalid(
            m([.i32Const(0), .load(.i32Load, MemArg(align: 0, offset: 1 << 32)), .drop]), "offset out of range")
        expectInvalid(
            m([.i32Const(0), .load(.i32Load, MemArg(memory: 1, align: 0)), .drop]), "unknown memory 1")
        expectInvalid(funcModule([], [], [.memorySize(0), .drop]), "unknown memory 0")
        expectValid(m([.i32Const(0), .i64Const(0), .store(.i64Store32, MemArg(align: 2))]))
        expectInvalid(
            m([.i32Const(0), .i64Const(0), .store(.i64Store32, MemArg(align: 3))]),
            "alignment must not be larger than natural")
        expectValid(m([.i32Const(0), .v128Const(.zero), .laneMemory(.v128Load16Lane, MemArg(align: 1), 7), .drop]))
        expectInvalid(
            m([.i32Const(0), .v128Const(.zero), .laneMemory(.v128Load16Lane, MemArg(align: 1), 8), .drop]),
            "invalid lane index")
        expectInvalid(
            m([.i32Const(0), .v128Const(.zero), .laneMemory(.v128Store64Lane, MemArg(align: 4), 0)]),
            "alignment must not be larger than natural")
        expectValid(m([.i32Const(0), .i32Const(0), .i32Const(0), .memoryFill(0)]))
        expectValid(m([.i32Const(1), .memoryGrow(0), .drop]))
        expectInvalid(m([.i32Const(0), .i32Const(0), .i32Const(0), .memoryInit(0, 0)]), "unknown data segment 0")
        expectInvalid(m([.dataDrop(0)]), "unknown data segment 0")

        let m64 = { (body: [Instruction]) in
            funcModule([], [], body) {
                $0.memories = [MemoryType(.i64, Limits(min: 1)), MemoryType(.i32, Limits(min: 1))]
            }
        }
        expectValid(m64([.i64Const(0), .load(.i32Load, MemArg(align: 2, offset: 1 << 40)), .drop]))
        expectInvalid(
            m64([.i32Const(0), .load(.i32Load, MemArg(align: 2)), .drop]),
            "type mismatch: instruction requires [i64] but stack has [i32]")
        // The offset is checked against the memory the instruction names (§3.4.7), not
        // memory 0 as the reference does (docs/deviations.md).
        expectInvalid(
            m64([.i32Const(0), .load(.i32Load, MemArg(memory: 1, align: 2, offset: 1 << 40)), .drop]),
            "offset out of range")
        expectValid(m64([.memorySize(0), .memorySize(1), .drop, .drop]))
        expectValid(m64([.i64Const(0), .i32Const(0), .i32Const(0), .memoryCopy(0, 1)]))
        expectInvalid(
            m64([.i64Const(0), .i32Const(0), .i64Const(0), .memoryCopy(0, 1)]),
            "type mismatch: instruction requires [i64 i32 i32] but stack has [i64 i32 i64]")
        expectValid(m64([.i64Const(0), .i64Const(0), .i64Const(0), .memoryCopy(0, 0)]))
        expectValid(m64([.i64Const(0), .i32Const(0), .i64Const(0), .memoryFill(0)]))
    }

    @Test func tables() {
        let m = { (body: [Instruction]) in
            funcModule([], [], body) {
                $0.tables = [
                    Table(type: TableType(.i32, Limits(min: 1), .funcref)),
                    Table(type: TableType(.i64, Limits(min: 1), .externref)),
                ]
                $0.elems = [ElemSegment(type: .funcref, inits: [], mode: .passive)]
            }
        }
        expectValid(m([.i32Const(0), .tableGet(0), .drop, .i64Const(0), .tableGet(1), .drop]))
        expectValid(m([.refNull(.extern), .i64Const(1), .tableGrow(1), .drop]))
        expectValid(m([.i64Const(0), .refNull(.extern), .i64Const(1), .tableFill(1)]))
        expectInvalid(m([.tableSize(2), .drop]), "unknown table 2")
        expectInvalid(
            m([.i32Const(0), .i32Const(0), .i32Const(0), .tableCopy(0, 1)]),
            "type mismatch: source element type (ref null func) does not match destination element type (ref null extern)")
        expectValid(m([.i32Const(0), .i32Const(0), .i32Const(0), .tableInit(0, 0)]))
        expectInvalid(
            m([.i64Const(0), .i32Const(0), .i32Const(0), .tableInit(1, 0)]),
            "type mismatch: element segment's type (ref null extern) does not match table's element type (ref null func)")
        expectInvalid(m([.elemDrop(1)]), "unknown elem segment 1")
    }

    @Test func vectors() {
        expectValid(funcModule([], [.i32], [.v128Const(.zero), .lane(.i8x16ExtractLaneS, 15)]))
        expectInvalid(
            funcModule([], [.i32], [.v128Const(.zero), .lane(.i8x16ExtractLaneS, 16)]), "invalid lane index")
        expectInvalid(
            funcModule([], [.v128], [.v128Const(.zero), .f64Const(0), .lane(.f64x2ReplaceLane, 2)]),
            "invalid lane index")
        expectValid(funcModule([], [.v128], [.v128Const(.zero), .v128Const(.zero), .i8x16Shuffle(V128(lo: 0x1F1F, hi: 0))]))
        expectInvalid(
            funcModule([], [.v128], [.v128Const(.zero), .v128Const(.zero), .i8x16Shuffle(V128(lo: 0, hi: 32 << 56))]),
            "invalid lane index")
        expectValid(funcModule([], [.v128], [.v128Const(.zero), .i32Const(1), .vector(.i8x16Shl)]))
        expectInvalid(
            funcModule([], [.v128], [.v128Const(.zero), .v128Const(.zero), .vector(.i8x16Shl)]),
            "type mismatch: instruction requires [v128 i32] but stack has [v128 v128]")
    }
}

extension Module {
    func with(_ change: (inout Module) -> Void) -> Module {
        var m = self
        change(&m)
        return m
    }
}
