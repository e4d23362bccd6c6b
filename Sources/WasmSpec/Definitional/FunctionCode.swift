// What the definitional evaluator keeps of a function body: the module's own
// instructions, unchanged, and a side table of where each structured instruction ends.
//
// NOTE: The abstract syntax nests blocks (`block bt instr* end`); the module keeps them
// flat, as the binary format writes them (Instruction.swift). A flat sequence plus the
// position of each block's `else` and `end` is the same tree: entering a block is
// continuing at the next instruction, and leaving it is continuing after its `end`.
// The table is built once per function, in one pass without recursion, and is the only
// thing the evaluator adds to the instructions.

/// A function body (or constant expression) prepared for the definitional evaluator.
final class FunctionCode: @unchecked Sendable {
    // Immutable after construction.

    /// The instructions, followed by two the body does not write: the implicit `end` of
    /// the function's label, and a `return` that stands for leaving the frame
    /// (`Step_pure/frame-vals`), so that every step fetches an instruction.
    let instrs: UnsafeMutableBufferPointer<Instruction>
    /// How many instructions the body itself has: `instrs[count]` is the implicit `end`.
    let count: Int
    /// For the structured instruction at pc (`block`, `loop`, `if`, `try_table`): the pc
    /// of its `end`; for an `if` also `elses[pc]`, the pc of its `else` or of its `end`
    /// when it has none. -1 elsewhere, and where the body is not well nested (only an
    /// unvalidated module): entering such a block is a crash.
    let ends: [Int32]
    let elses: [Int32]
    /// The function's type, its parameter count and result arity.
    let params: [ValType]
    let results: [ValType]
    /// The declared locals, run-length encoded as the module writes them.
    let locals: [Locals]
    /// How many locals the frame has, parameters included (saturating).
    let localCount: Int

    init(body: Expr, params: [ValType], results: [ValType], locals: [Locals]) {
        count = body.count
        instrs = .allocate(capacity: body.count + 2)
        _ = instrs.initialize(from: body + [.end, .return])
        (ends, elses) = FunctionCode.structure(of: body)
        self.params = params
        self.results = results
        self.locals = locals
        var n = params.count
        for group in locals { n = n.addingReportingOverflow(Int(group.count)).overflow ? Int.max : n + Int(group.count) }
        localCount = n
    }

    deinit {
        instrs.deinitialize()
        instrs.deallocate()
    }

    /// Pairs every structured instruction with its `else` and `end`, with an explicit
    /// stack of the open ones.
    private static func structure(of body: Expr) -> (ends: [Int32], elses: [Int32]) {
        var ends = [Int32](repeating: -1, count: body.count)
        var elses = [Int32](repeating: -1, count: body.count)
        var open: [Int] = []
        for (pc, instr) in body.enumerated() {
            switch instr {
            case .block, .loop, .if, .tryTable:
                open.append(pc)
            case .else:
                if let b = open.last, case .if = body[b], elses[b] < 0 { elses[b] = Int32(truncatingIfNeeded: pc) }
            case .end:
                guard let b = open.popLast() else { continue }
                ends[b] = Int32(truncatingIfNeeded: pc)
                if elses[b] < 0, case .if = body[b] { elses[b] = Int32(truncatingIfNeeded: pc) }
            default:
                break
            }
        }
        return (ends, elses)
    }
}
