// Validation of instruction sequences (§3.4): function bodies and constant expressions.
//
// The reference interpreter checks nested blocks recursively; here the flat sequence is
// walked once with an explicit control stack, so nesting depth costs heap, not native
// stack. The order of checks is the reference's: everything inside a structured
// instruction is checked before its own parameters are popped from the enclosing
// stack, which happens at its `end`. The operand stack of each block may be polymorphic
// after an unconditional branch ("unreachable"); types it then has to guess are `bot`.

/// One entry of the control stack: a structured instruction being checked, or the body.
struct ControlFrame {
    enum Kind: UInt8 {
        case body, block, loop, `if`, `else`, tryTable
    }

    var kind: Kind
    var params: [ValType]
    var results: [ValType]
    /// Operand stack height at the start of the block, below its parameters.
    var height: Int
    /// Whether the block's operand stack is polymorphic (saved while nested blocks run).
    var unreachable: Bool
    /// Height of the local initialisation log at the start of the block.
    var logHeight: Int
    /// Position of the opening instruction.
    var opener: Int

    /// The label's types: a branch to a loop goes to its start.
    @inline(__always)
    var labelTypes: [ValType] { kind == .loop ? params : results }
}

/// Validates constant expressions and function bodies of one module, reusing its buffers.
struct CodeValidator {
    enum Owner {
        case function(UInt32)
        case constant(ValidationLocation)
    }

    let c: ModuleContext
    var stack: [ValType] = []
    /// Height of the current block's stack, and whether it is polymorphic.
    var base = 0
    var unreachable = false
    var frames: [ControlFrame] = []
    /// Frames below this one are not labels (the frame of a constant expression).
    var labelBase = 0
    var locals = LocalTable()
    /// Non-defaultable locals initialised so far, and the order they were, for undoing
    /// at block ends (§3.4.10: initialisation does not outlive its block).
    var initialized: Set<UInt32> = []
    var initLog: [UInt32] = []
    /// C.return
    var results: [ValType] = []
    var pc = 0
    var owner: Owner = .constant(.module)

    init(context: ModuleContext) {
        self.c = context
    }

    func error(_ message: String) -> ValidationError {
        switch owner {
        case .function(let x): ValidationError(message, at: .function(index: x, instruction: pc))
        case .constant(let loc): ValidationError(message, at: loc)
        }
    }

    private mutating func reset(results: [ValType], frameResults: [ValType], labelBase: Int) {
        stack.removeAll(keepingCapacity: true)
        frames.removeAll(keepingCapacity: true)
        initialized.removeAll(keepingCapacity: true)
        initLog.removeAll(keepingCapacity: true)
        base = 0
        unreachable = false
        self.results = results
        self.labelBase = labelBase
        frames.append(
            ControlFrame(
                kind: .body, params: [], results: frameResults, height: 0, unreachable: false,
                logHeight: 0, opener: -1))
    }

    // MARK: Entry points

    /// Validates a function body against its type (§3.4.10).
    mutating func validate(function f: Func, index: UInt32, type ft: FuncType) throws(ValidationError) {
        owner = .function(index)
        pc = -1
        locals.reset(params: ft.params)
        for decl in f.locals {
            try checkValType(decl.type)
            locals.append(decl.count, decl.type)
        }
        reset(results: ft.results, frameResults: ft.results, labelBase: 0)
        try run(f.body)
    }

    /// Validates a constant expression of result type `t` (§3.4.11).
    mutating func validate(constant expr: Expr, type t: ValType, at location: ValidationLocation)
        throws(ValidationError)
    {
        owner = .constant(location)
        pc = 0
        for instr in expr where try !isConstant(instr) {
            throw error("constant expression required")
        }
        locals.reset(params: [])
        reset(results: [], frameResults: CodeValidator.single(t), labelBase: 1)
        try run(expr)
    }

    /// §3.4.11: the instructions allowed in constant expressions.
    private func isConstant(_ instr: Instruction) throws(ValidationError) -> Bool {
        switch instr {
        case .i32Const, .i64Const, .f32Const, .f64Const, .v128Const,
            .refNull, .refFunc, .refI31, .structNew, .structNewDefault,
            .arrayNew, .arrayNewDefault, .arrayNewFixed, .anyConvertExtern, .externConvertAny:
            return true
        case .numeric(let op):
            switch op {
            case .i32Add, .i32Sub, .i32Mul, .i64Add, .i64Sub, .i64Mul: return true
            default: return false
            }
        case .globalGet(let x):
            return try !global(x).mutable
        default:
            return false
        }
    }

    private mutating func run(_ body: Expr) throws(ValidationError) {
        var i = 0
        let n = body.count
        while i < n {
            pc = i
            try step(body[i])
            i += 1
        }
        pc = n
        guard frames.count == 1 else { throw error("unclosed block: missing end") }
        try checkBlockEnd(frames[0])
    }

    // MARK: The instructions

    private mutating func step(_ instr: Instruction) throws(ValidationError) {
        switch instr {
        case .i32Const: stack.append(.i32)
        case .i64Const: stack.append(.i64)
        case .f32Const: stack.append(.f32)
        case .f64Const: stack.append(.f64)
        case .v128Const: stack.append(.v128)
        case .numeric(let op): try apply(CodeValidator.numericSignatures[Int(op.rawValue)])
        case .vector(let op): try apply(CodeValidator.vectorSignatures[Int(op.rawValue)])
        case .localGet(let x):
            let (t, needsInit) = try local(x)
            if needsInit && !initialized.contains(x) { throw error("uninitialized local") }
            stack.append(t)
        case .localSet(let x):
            let (t, needsInit) = try local(x)
            try pop(t)
            if needsInit { initialize(x) }
        case .localTee(let x):
            let (t, needsInit) = try local(x)
            try pop(t)
            stack.append(t)
            if needsInit { initialize(x) }
        case .globalGet(let x):
            stack.append(try global(x).valType)
        case .globalSet(let x):
            let gt = try global(x)
            guard gt.mutable else { throw error("immutable global") }
            try pop(gt.valType)
        case .load(let op, let m):
            let at = try memory(m.memory).addrType.valType
            try checkMemArg(m, alignment: op.info.alignment)
            try pop(at)
            stack.append(CodeValidator.loadResults[Int(op.rawValue)])
        case .store(let op, let m):
            let at = try memory(m.memory).addrType.valType
            try checkMemArg(m, alignment: op.info.alignment)
            try pop(at, CodeValidator.storeOperands[Int(op.rawValue)])

        case .unreachable: clear()
        case .nop: break
        case .block(let bt): try open(.block, bt)
        case .loop(let bt): try open(.loop, bt)
        case .if(let bt): try open(.if, bt)
        case .tryTable(let bt, let catches): try openTryTable(bt, catches)
        case .else: try elseArm()
        case .end: try end()
        case .br(let l):
            try pop(try label(l))
            clear()
        case .brIf(let l): try brIf(l)
        case .brTable(let ls, let l): try brTable(ls, l)
        case .brOnNull(let l): try brOnNull(l)
        case .brOnNonNull(let l): try brOnNonNull(l)
        case .brOnCast(let l, let rt1, let rt2): try brOnCast(l, rt1, rt2, fail: false)
        case .brOnCastFail(let l, let rt1, let rt2): try brOnCast(l, rt1, rt2, fail: true)
        case .return:
            try pop(results)
            clear()
        case .call(let x):
            let ft = try function(x)
            try pop(ft.params)
            stack.append(contentsOf: ft.results)
        case .callRef(let x): try callRef(x, tail: false)
        case .callIndirect(let x, let y): try callIndirect(x, y, tail: false)
        case .returnCall(let x):
            let ft = try function(x)
            try checkTailResults(ft)
            try pop(ft.params)
            clear()
        case .returnCallRef(let x): try callRef(x, tail: true)
        case .returnCallIndirect(let x, let y): try callIndirect(x, y, tail: true)
        case .throw(let x):
            let ft = try tag(x)
            try pop(ft.params)
            clear()
        case .throwRef:
            try pop(.ref(.exnref))
            clear()

        case .drop:
            if depth > 0 {
                stack.removeLast()
            } else if !unreachable {
                throw mismatch([ValType.bot])
            }
        case .select(let ts): try select(ts)

        case .tableGet, .tableSet, .tableSize, .tableGrow, .tableFill, .tableCopy, .tableInit,
            .elemDrop:
            try tableInstruction(instr)
        case .laneMemory, .memorySize, .memoryGrow, .memoryFill, .memoryCopy, .memoryInit,
            .dataDrop:
            try memoryInstruction(instr)
        case .refNull, .refFunc, .refIsNull, .refAsNonNull, .refEq, .refTest, .refCast, .refI31,
            .i31Get, .anyConvertExtern, .externConvertAny:
            try referenceInstruction(instr)
        case .structNew, .structNewDefault, .structGet, .structSet, .arrayNew, .arrayNewDefault,
            .arrayNewFixed, .arrayNewData, .arrayNewElem, .arrayGet, .arraySet, .arrayLen,
            .arrayFill, .arrayCopy, .arrayInitData, .arrayInitElem:
            try aggregateInstruction(instr)
        case .i8x16Shuffle(let lanes):
            for b in lanes.bytes where b >= 32 { throw error("invalid lane index") }
            try pop(.v128, .v128)
            stack.append(.v128)
        case .lane(let op, let i):
            let info = op.info
            guard i < info.lanes else { throw error("invalid lane index") }
            try apply(CodeValidator.laneSignatures[Int(op.rawValue)])
        }
    }

    // MARK: Locals

    @inline(__always)
    private func local(_ x: UInt32) throws(ValidationError) -> (type: ValType, needsInit: Bool) {
        guard let l = locals.lookup(x) else { throw error("unknown local \(x)") }
        return l
    }

    @inline(__always)
    private mutating func initialize(_ x: UInt32) {
        if initialized.insert(x).inserted { initLog.append(x) }
    }

    /// Forgets initialisations made since the log had `height` entries.
    mutating func resetLocals(to height: Int) {
        while initLog.count > height {
            initialized.remove(initLog.removeLast())
        }
    }
}
