// Instructions in the text format (§6.5), as the reference interpreter's printer
// writes them: every instruction in parentheses, its immediates in the head
// (`(local.get 0)`, `(i32.load 0 offset=4)`), operands NOT folded in, but structured
// instructions nested, with their body inside: `(block (result i32) (i32.const 1))`,
// `(if (type 2) (then ...) (else ...))`, always with an `else`, and
// `(try_table (catch 0 1) ...)`.
//
// The syntax keeps instruction sequences flat (see ``Instruction``), so this turns
// `block ... end` into a nested node with a loop over the sequence and the tree's
// stack of open nodes; nothing here recurses on nesting depth.

enum PrintInstr {
    /// What a structured instruction still open in the flat sequence is.
    private enum Open {
        /// `block`, `loop`, `try_table`: `end` closes one node.
        case block
        /// `if` in its `then` arm: `else` switches to the other arm; `end` adds an
        /// empty `(else)` and closes both.
        case then
        /// `if` in its `else` arm: `end` closes two nodes.
        case `else`
    }

    /// Adds the instructions of `code` to the innermost open node of `tree`. Blocks
    /// still open at the end of the sequence are closed as if by `end` (the final `end`
    /// of a body is implicit). An `else` or `end` that closes nothing cannot be
    /// written in the text format; it is written as `(else)` or `(end)`, which does
    /// not parse back (such a sequence is not a well-formed instruction sequence).
    static func sequence(_ tree: inout SExprTree, _ code: [Instruction]) {
        var none: BranchHintCursor? = nil
        sequence(&tree, code, hints: &none)
    }

    /// As ``sequence(_:_:)``, writing the branch hints of `hints` before the
    /// instructions they are for, as the reference's branch-hint handler arranges them.
    static func sequence(_ tree: inout SExprTree, _ code: [Instruction], hints: inout BranchHintCursor?) {
        var open: [Open] = []
        // The reference does not look into `try_table` bodies for hints: while one is
        // open, instructions are neither counted nor annotated.
        var quietUntil: Int? = nil
        for instr in code {
            switch instr {
            case .else, .end:
                break
            default:
                if quietUntil == nil, hints != nil { hints?.before(&tree) }
            }
            switch instr {
            case .block(let bt):
                tree.open("block")
                blockType(&tree, bt)
                open.append(.block)
            case .loop(let bt):
                tree.open("loop")
                blockType(&tree, bt)
                open.append(.block)
            case .if(let bt):
                tree.open("if")
                blockType(&tree, bt)
                tree.open("then")
                open.append(.then)
            case .tryTable(let bt, let catches):
                tree.open("try_table")
                blockType(&tree, bt)
                handlers(&tree, catches)
                open.append(.block)
                if quietUntil == nil { quietUntil = open.count }
            case .else:
                if open.last == .then {
                    tree.close()
                    tree.open("else")
                    open[open.count - 1] = .else
                } else {
                    tree.leaf("else")
                }
            case .end:
                if let q = quietUntil, q == open.count { quietUntil = nil }
                guard let o = open.popLast() else {
                    tree.leaf("end")
                    continue
                }
                close(&tree, o)
            default:
                plain(&tree, instr)
            }
        }
        while let o = open.popLast() { close(&tree, o) }
    }

    private static func close(_ tree: inout SExprTree, _ o: Open) {
        switch o {
        case .block:
            tree.close()
        case .then:
            tree.close()
            tree.leaf("else")
            tree.close()
        case .else:
            tree.close()
            tree.close()
        }
    }

    /// How many instructions a sequence has at its outermost level, a structured
    /// instruction with its body counting as one. The reference writes a constant
    /// expression of exactly one instruction without its `(offset ...)`/`(item ...)`
    /// wrapper.
    static func topLevelCount(_ code: [Instruction]) -> Int {
        var depth = 0
        var count = 0
        for instr in code {
            switch instr {
            case .block, .loop, .if, .tryTable:
                if depth == 0 { count += 1 }
                depth += 1
            case .end:
                if depth > 0 { depth -= 1 } else { count += 1 }
            case .else:
                if depth == 0 { count += 1 }
            default:
                if depth == 0 { count += 1 }
            }
        }
        return count
    }

    /// `(type x)` or `(result t)`, or nothing for the empty block type.
    static func blockType(_ tree: inout SExprTree, _ bt: BlockType) {
        switch bt {
        case .empty: break
        case .value(let t): PrintType.decls(&tree, "result", [t])
        case .type(let x): tree.leaf("type " + idx(x))
        }
    }

    /// A `try_table`'s catch clauses, each a node.
    static func handlers(_ tree: inout SExprTree, _ catches: [Catch]) {
        for c in catches { tree.leaf(handler(c)) }
    }

    private static func handler(_ c: Catch) -> String {
        switch c {
        case .catch(let x, let l): "catch " + idx(x) + " " + idx(l)
        case .catchRef(let x, let l): "catch_ref " + idx(x) + " " + idx(l)
        case .catchAll(let l): "catch_all " + idx(l)
        case .catchAllRef(let l): "catch_all_ref " + idx(l)
        }
    }

    static func idx(_ x: UInt32) -> String { PrintNumber.nat(x) }

    /// `name mem offset=o align=a`: the memory index always, the offset unless zero,
    /// the alignment unless natural (in bytes; exponents of 64 or more cannot be
    /// written and wrap around, as in the reference).
    private static func memory(_ name: String, _ m: MemArg, natural: UInt32) -> String {
        var s = name + " " + idx(m.memory)
        if m.offset != 0 { s += " offset=" + PrintNumber.nat(m.offset) }
        if m.align != natural { s += " align=" + PrintNumber.nat(UInt64(1) &<< UInt64(m.align)) }
        return s
    }

    private static func withType(_ tree: inout SExprTree, _ head: String, _ t: String) {
        tree.open(head)
        tree.atom(t)
        tree.close()
    }

    private static func ext(_ s: Signedness?) -> String {
        switch s {
        case nil: ""
        case .s?: "_s"
        case .u?: "_u"
        }
    }

    /// An instruction that is not structured: one node.
    private static func plain(_ tree: inout SExprTree, _ instr: Instruction) {
        let head: String
        switch instr {
        case .unreachable: head = "unreachable"
        case .nop: head = "nop"
        case .block, .loop, .if, .tryTable, .else, .end: return  // written by `sequence`
        case .br(let l): head = "br " + idx(l)
        case .brIf(let l): head = "br_if " + idx(l)
        case .brTable(let ls, let l): head = "br_table " + (ls + [l]).map(idx).joined(separator: " ")
        case .brOnNull(let l): head = "br_on_null " + idx(l)
        case .brOnNonNull(let l): head = "br_on_non_null " + idx(l)
        case .brOnCast(let l, let t1, let t2), .brOnCastFail(let l, let t1, let t2):
            if case .brOnCast = instr {
                tree.open("br_on_cast " + idx(l))
            } else {
                tree.open("br_on_cast_fail " + idx(l))
            }
            tree.atom(PrintType.refAbbreviated(t1))
            tree.atom(PrintType.refAbbreviated(t2))
            tree.close()
            return
        case .return: head = "return"
        case .call(let x): head = "call " + idx(x)
        case .callRef(let x): head = "call_ref " + idx(x)
        case .callIndirect(let x, let y):
            tree.open("call_indirect " + idx(x))
            tree.leaf("type " + idx(y))
            tree.close()
            return
        case .returnCall(let x): head = "return_call " + idx(x)
        case .returnCallRef(let x): head = "return_call_ref " + idx(x)
        case .returnCallIndirect(let x, let y):
            tree.open("return_call_indirect " + idx(x))
            tree.leaf("type " + idx(y))
            tree.close()
            return
        case .throw(let x): head = "throw " + idx(x)
        case .throwRef: head = "throw_ref"

        case .drop: head = "drop"
        case .select(nil): head = "select"
        case .select(let ts?):
            tree.open("select")
            if ts.isEmpty { tree.leaf("result") } else { PrintType.decls(&tree, "result", ts) }
            tree.close()
            return

        case .localGet(let x): head = "local.get " + idx(x)
        case .localSet(let x): head = "local.set " + idx(x)
        case .localTee(let x): head = "local.tee " + idx(x)
        case .globalGet(let x): head = "global.get " + idx(x)
        case .globalSet(let x): head = "global.set " + idx(x)

        case .tableGet(let x): head = "table.get " + idx(x)
        case .tableSet(let x): head = "table.set " + idx(x)
        case .tableSize(let x): head = "table.size " + idx(x)
        case .tableGrow(let x): head = "table.grow " + idx(x)
        case .tableFill(let x): head = "table.fill " + idx(x)
        case .tableCopy(let x, let y): head = "table.copy " + idx(x) + " " + idx(y)
        case .tableInit(let x, let y): head = "table.init " + idx(x) + " " + idx(y)
        case .elemDrop(let x): head = "elem.drop " + idx(x)

        case .load(let op, let m): head = memory(op.name, m, natural: op.info.alignment)
        case .store(let op, let m): head = memory(op.name, m, natural: op.info.alignment)
        case .laneMemory(let op, let m, let lane):
            head = memory(op.name, m, natural: op.info.alignment) + " " + laneIndex(lane, tree.referenceLanes)
        case .memorySize(let x): head = "memory.size " + idx(x)
        case .memoryGrow(let x): head = "memory.grow " + idx(x)
        case .memoryFill(let x): head = "memory.fill " + idx(x)
        case .memoryCopy(let x, let y): head = "memory.copy " + idx(x) + " " + idx(y)
        case .memoryInit(let x, let y): head = "memory.init " + idx(x) + " " + idx(y)
        case .dataDrop(let x): head = "data.drop " + idx(x)

        case .refNull(let t):
            withType(&tree, "ref.null", PrintType.heap(t))
            return
        case .refFunc(let x): head = "ref.func " + idx(x)
        case .refIsNull: head = "ref.is_null"
        case .refAsNonNull: head = "ref.as_non_null"
        case .refEq: head = "ref.eq"
        case .refTest(let t):
            withType(&tree, "ref.test", PrintType.refAbbreviated(t))
            return
        case .refCast(let t):
            withType(&tree, "ref.cast", PrintType.refAbbreviated(t))
            return

        case .refI31: head = "ref.i31"
        case .i31Get(let s): head = "i31.get" + ext(s)
        case .structNew(let x): head = "struct.new " + idx(x)
        case .structNewDefault(let x): head = "struct.new_default " + idx(x)
        case .structGet(let x, let i, let s): head = "struct.get" + ext(s) + " " + idx(x) + " " + idx(i)
        case .structSet(let x, let i): head = "struct.set " + idx(x) + " " + idx(i)
        case .arrayNew(let x): head = "array.new " + idx(x)
        case .arrayNewDefault(let x): head = "array.new_default " + idx(x)
        case .arrayNewFixed(let x, let n): head = "array.new_fixed " + idx(x) + " " + idx(n)
        case .arrayNewData(let x, let y): head = "array.new_data " + idx(x) + " " + idx(y)
        case .arrayNewElem(let x, let y): head = "array.new_elem " + idx(x) + " " + idx(y)
        case .arrayGet(let x, let s): head = "array.get" + ext(s) + " " + idx(x)
        case .arraySet(let x): head = "array.set " + idx(x)
        case .arrayLen: head = "array.len"
        case .arrayFill(let x): head = "array.fill " + idx(x)
        case .arrayCopy(let x, let y): head = "array.copy " + idx(x) + " " + idx(y)
        case .arrayInitData(let x, let y): head = "array.init_data " + idx(x) + " " + idx(y)
        case .arrayInitElem(let x, let y): head = "array.init_elem " + idx(x) + " " + idx(y)
        case .anyConvertExtern: head = "any.convert_extern"
        case .externConvertAny: head = "extern.convert_any"

        case .i32Const(let v): head = "i32.const " + PrintNumber.i32(v)
        case .i64Const(let v): head = "i64.const " + PrintNumber.i64(v)
        case .f32Const(let v): head = "f32.const " + PrintNumber.f32(v)
        case .f64Const(let v): head = "f64.const " + PrintNumber.f64(v)
        case .numeric(let op): head = op.name

        case .v128Const(let v): head = "v128.const " + v128(v)
        case .vector(let op): head = op.name
        case .i8x16Shuffle(let lanes):
            head = "i8x16.shuffle " + lanes.bytes.map { laneIndex($0, tree.referenceLanes) }.joined(separator: " ")
        case .lane(let op, let i): head = op.name + " " + laneIndex(i, tree.referenceLanes)
        }
        tree.leaf(head)
    }

    /// A lane index. The reference keeps lane indices as 8-bit signed numbers and writes
    /// them as unsigned 63-bit ones, so that from 128 up they come out as 2^63 - 256 + i
    /// (`9_223_372_036_854_775_807` for 255); with `asReference` so are they written
    /// here, otherwise as they are, which parses back.
    static func laneIndex(_ i: UInt8, _ asReference: Bool) -> String {
        guard asReference, i >= 128 else { return PrintNumber.nat(UInt32(i)) }
        return PrintNumber.nat(UInt64(1) << 63 - 256 + UInt64(i))
    }

    /// A vector constant as the reference writes it, whatever shape it was written in:
    /// four signed `i32` lanes, `i32x4 1 -1 0 2_000`.
    static func v128(_ v: V128) -> String {
        let lanes = [v.lo, v.lo >> 32, v.hi, v.hi >> 32].map { PrintNumber.i32(UInt32(truncatingIfNeeded: $0)) }
        return "i32x4 " + lanes.joined(separator: " ")
    }
}

extension Instruction {
    /// The instruction on one line, as the reference interpreter's printer writes its
    /// node but without the parentheses: the mnemonic and immediates (`local.get 0`,
    /// `i32.load 0 offset=4`); of a structured instruction only its head
    /// (`block (result i32)`, `if`, `else`, `end`). What a step trace shows.
    public var text: String {
        // The node as the root of a tree of its own: `(head immediates...)`.
        var tree: SExprTree
        switch self {
        case .block(let bt): tree = Instruction.head("block", bt)
        case .loop(let bt): tree = Instruction.head("loop", bt)
        case .if(let bt): tree = Instruction.head("if", bt)
        case .tryTable(let bt, let catches):
            tree = Instruction.head("try_table", bt)
            PrintInstr.handlers(&tree, catches)
        case .else: tree = SExprTree(root: "else")
        case .end: tree = SExprTree(root: "end")
        default:
            // A plain instruction is a node inside the root: `( (head ...))`.
            var outer = SExprTree(root: "")
            PrintInstr.sequence(&outer, [self])
            return String(outer.flat().dropFirst(3).dropLast(2))
        }
        return String(tree.flat().dropFirst().dropLast())
    }

    private static func head(_ name: String, _ bt: BlockType) -> SExprTree {
        var tree = SExprTree(root: name)
        PrintInstr.blockType(&tree, bt)
        return tree
    }
}

/// The branch hints still to write while printing a module (reference:
/// handler_branch_hint.ml `arrange`): one list over all functions, in function order; a
/// hint is written only when it is the next in the list and names the instruction
/// about to be written. As in the reference, functions are counted from the first
/// defined one while hints count imports, so in a module with imports hints land
/// elsewhere or nowhere.
struct BranchHintCursor {
    var pending: [(function: UInt32, instruction: Int, kind: BranchHintSection.Kind)]
    var next = 0
    var function: UInt32 = 0
    var counter = 0

    init(_ sections: [BranchHintSection]) {
        pending = []
        for s in sections {
            for f in s.functions.keys.sorted(by: { Int32(bitPattern: $0) < Int32(bitPattern: $1) }) {
                for h in s.functions[f] ?? [] { pending.append((f, h.instruction, h.kind)) }
            }
        }
    }

    /// Starts the body of the next defined function.
    mutating func startFunction(_ k: Int) {
        function = UInt32(truncatingIfNeeded: k)
        counter = 0
    }

    /// Called before each instruction: writes the hint for it, if it is next.
    mutating func before(_ tree: inout SExprTree) {
        defer { counter += 1 }
        guard next < pending.count else { return }
        let h = pending[next]
        guard h.function == function && h.instruction == counter else { return }
        next += 1
        tree.open("@metadata.code.branch_hint ")
        tree.atom(h.kind == .likely ? "\"\\01\"" : "\"\\00\"")
        tree.close()
    }
}
