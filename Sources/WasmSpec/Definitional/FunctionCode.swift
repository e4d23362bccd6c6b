// What the definitional evaluator keeps of a function body: the module's own
// instructions, unchanged, and a side table of where each structured instruction ends.
//
// NOTE: The abstract syntax nests blocks (`block bt instr* end`); the module keeps them
// flat, as the binary format writes them (Instruction.swift). A flat sequence plus the
// position of each block's `else` and `end` is the same tree: entering a block is
// continuing at the next instruction, and leaving it is continuing after its `end`.
// The table is built once per function, in one pass without recursion, together with
// what the rules would otherwise look up on every step: each block's arities
// (`$blocktype_`), and the default values of the declared locals.

/// A run of declared locals of one type: `count` locals starting as `value`.
struct LocalRun {
    var value: Val
    var count: Int
}

/// What the side table says of a structured instruction (`block`, `loop`, `if`,
/// `try_table`): the pc of its `end` and, for an `if`, of its `else` (its `end` when it
/// has none), and its block type's parameter and result counts. -1 where the body is not
/// well nested or the type is undefined (only in a module that was not validated):
/// entering such a block is a crash.
struct BlockInfo {
    var end: Int32 = -1
    var `else`: Int32 = -1
    var params: Int32 = -1
    var results: Int32 = -1
}

/// A function body (or constant expression) prepared for the definitional evaluator.
final class FunctionCode: @unchecked Sendable {
    // Immutable after construction.

    /// The instructions, followed by two the body does not write: the implicit `end` of
    /// the function's label, and a `return` that stands for leaving the frame
    /// (`Step_pure/frame-vals`), so that every step fetches an instruction. In bounds
    /// because every pc the evaluator continues at is at most `count + 1`: the next
    /// instruction after one below `count + 1`, a block's `end` or the one after it (the
    /// side table's ends are below `count`), a loop's body, or the function label's
    /// continuation `count + 1`; and the `return` there always leaves the frame.
    let instrs: UnsafeMutableBufferPointer<Instruction>
    /// How many instructions the body itself has: `instrs[count]` is the implicit `end`.
    let count: Int
    /// The side table: for the structured instruction at pc, its `BlockInfo`.
    let blocks: UnsafeMutableBufferPointer<BlockInfo>
    /// The function's parameter and result counts.
    let paramCount: Int
    let resultCount: Int
    /// The declared locals with their default values (§4.2 `default_t`).
    let localRuns: UnsafeMutableBufferPointer<LocalRun>

    /// Prepares a body whose block types refer to `types`.
    init(body: Expr, params: [ValType], results: [ValType], locals: [Locals], types: [DefType]) {
        count = body.count
        instrs = .allocate(capacity: body.count + 2)
        _ = instrs.initialize(from: body + [.end, .return])
        blocks = .allocate(capacity: max(body.count, 1))
        blocks.initialize(repeating: BlockInfo())
        paramCount = params.count
        resultCount = results.count
        localRuns = .allocate(capacity: max(locals.count, 1))
        for (i, group) in locals.enumerated() {
            (localRuns.baseAddress.unsafelyUnwrapped + i).initialize(
                to: LocalRun(value: Val.default(group.type), count: Int(group.count)))
        }
        localRunCount = locals.count
        structure(body, types)
    }

    /// How many runs `localRuns` holds.
    let localRunCount: Int

    deinit {
        instrs.deinitialize()
        instrs.deallocate()
        blocks.deallocate()
        localRuns.deallocate()
    }

    /// Pairs every structured instruction with its `else` and `end`, with an explicit
    /// stack of the open ones, and records its block type's arities.
    private func structure(_ body: Expr, _ types: [DefType]) {
        var open: [Int] = []
        for (pc, instr) in body.enumerated() {
            switch instr {
            case .block(let bt), .loop(let bt), .if(let bt), .tryTable(let bt, _):
                open.append(pc)
                if let (m, n) = FunctionCode.arities(bt, types) {
                    blocks[pc].params = Int32(truncatingIfNeeded: m)
                    blocks[pc].results = Int32(truncatingIfNeeded: n)
                }
            case .else:
                if let b = open.last, case .if = body[b], blocks[b].else < 0 {
                    blocks[b].else = Int32(truncatingIfNeeded: pc)
                }
            case .end:
                guard let b = open.popLast() else { continue }
                blocks[b].end = Int32(truncatingIfNeeded: pc)
                if blocks[b].else < 0, case .if = body[b] { blocks[b].else = Int32(truncatingIfNeeded: pc) }
            default:
                break
            }
        }
    }

    /// The parameter and result counts of a block type (`$blocktype_`, §4.6.2), or
    /// `nil` when it names no function type.
    private static func arities(_ bt: BlockType, _ types: [DefType]) -> (Int, Int)? {
        switch bt {
        case .empty: return (0, 0)
        case .value: return (0, 1)
        case .type(let x):
            guard Int(x) < types.count, case .func(let ft) = types[Int(x)].expanded else { return nil }
            return (ft.params.count, ft.results.count)
        }
    }
}
