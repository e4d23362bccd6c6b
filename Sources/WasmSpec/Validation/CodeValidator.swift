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
    var params: [TypeID]
    var results: [TypeID]
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
    var labelTypes: [TypeID] { kind == .loop ? params : results }
}

/// Validates constant expressions and function bodies of one module, reusing its buffers.
struct CodeValidator {
    enum Owner {
        case function(UInt32)
        case constant(ValidationLocation)
    }

    let c: ModuleContext
    let ops: OperatorSignatures
    var stack: [TypeID] = []
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
    var results: [TypeID] = []
    var pc = 0
    var owner: Owner = .constant(.module)

    init(context: ModuleContext) {
        self.c = context
        self.ops = OperatorSignatures.shared
    }

    func error(_ message: String) -> ValidationError {
        switch owner {
        case .function(let x): ValidationError(message, at: .function(index: x, instruction: pc))
        case .constant(let loc): ValidationError(message, at: loc)
        }
    }

    private mutating func reset(results: [TypeID], frameResults: [TypeID], labelBase: Int) {
        stack.removeAll(keepingCapacity: true)
        frames.removeAll(keepingCapacity: true)
        // Through the log: clearing the set whole would cost its capacity every time.
        resetLocals(to: 0)
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

    /// Validates function `index`'s body against its type (§3.4.10).
    mutating func validate(function f: Func, index: UInt32, signature sig: Signature) throws(ValidationError) {
        owner = .function(index)
        pc = -1
        locals.reset(params: sig.params)
        for decl in f.locals {
            try checkValType(decl.type)
            locals.append(decl.count, c.id(decl.type), defaultable: decl.type.isDefaultable)
        }
        reset(results: sig.results, frameResults: sig.results, labelBase: 0)
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
        reset(results: [], frameResults: c.single(c.id(t)), labelBase: 1)
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
        try body.withUnsafeBufferPointer { (instrs) throws(ValidationError) in
            guard let start = instrs.baseAddress else { return }
            var i = 0
            let n = instrs.count
            while i < n {
                pc = i
                try step(start + i)
                i += 1
            }
        }
        pc = body.count
        guard frames.count == 1 else { throw error("unclosed block: missing end") }
        try checkBlockEnd(frames[0])
    }

    // MARK: The instructions

    private mutating func step(_ p: UnsafePointer<Instruction>) throws(ValidationError) {
        switch p.pointee {
        case .i32Const: push(TypeIDs.i32)
        case .i64Const: push(TypeIDs.i64)
        case .f32Const: push(TypeIDs.f32)
        case .f64Const: push(TypeIDs.f64)
        case .v128Const: push(TypeIDs.v128)
        case .numeric(let op): try apply(ops.numeric[Int(op.rawValue)])
        case .vector(let op): try apply(ops.vector[Int(op.rawValue)])
        case .localGet(let x):
            let (t, needsInit) = try local(x)
            if needsInit && !initialized.contains(x) { throw error("uninitialized local") }
            push(t)
        case .localSet(let x):
            let (t, needsInit) = try local(x)
            try pop(t)
            if needsInit { initialize(x) }
        case .localTee(let x):
            let (t, needsInit) = try local(x)
            try pop(t)
            push(t)
            if needsInit { initialize(x) }
        case .globalGet(let x):
            push(c.id(try global(x).valType))
        case .globalSet(let x):
            let gt = try global(x)
            guard gt.mutable else { throw error("immutable global") }
            try pop(c.id(gt.valType))
        case .load(let op, let m):
            let at = TypeIDs.addr(try memory(m.memory).addrType)
            try checkMemArg(m, alignment: ops.loadAlignment[Int(op.rawValue)])
            try pop(at)
            push(ops.load[Int(op.rawValue)])
        case .store(let op, let m):
            let at = TypeIDs.addr(try memory(m.memory).addrType)
            try checkMemArg(m, alignment: ops.storeAlignment[Int(op.rawValue)])
            try pop(at, ops.store[Int(op.rawValue)])

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
            let sig = try function(x)
            try pop(sig.params)
            stack.append(contentsOf: sig.results)
        case .callRef(let x): try callRef(x, tail: false)
        case .callIndirect(let x, let y): try callIndirect(x, y, tail: false)
        case .returnCall(let x):
            let sig = try function(x)
            try checkTailResults(sig.results)
            try pop(sig.params)
            clear()
        case .returnCallRef(let x): try callRef(x, tail: true)
        case .returnCallIndirect(let x, let y): try callIndirect(x, y, tail: true)
        case .throw(let x):
            try pop(try tag(x))
            clear()
        case .throwRef:
            try pop(c.id(.ref(.exnref)))
            clear()

        case .drop:
            if depth > 0 {
                stack.removeLast()
            } else if !unreachable {
                throw mismatch(CollectionOfOne(TypeIDs.bot))
            }
        case .select(let ts): try select(ts)

        case .tableGet, .tableSet, .tableSize, .tableGrow, .tableFill, .tableCopy, .tableInit,
            .elemDrop:
            try tableInstruction(p.pointee)
        case .laneMemory, .memorySize, .memoryGrow, .memoryFill, .memoryCopy, .memoryInit,
            .dataDrop:
            try memoryInstruction(p.pointee)
        case .refNull, .refFunc, .refIsNull, .refAsNonNull, .refEq, .refTest, .refCast, .refI31,
            .i31Get, .anyConvertExtern, .externConvertAny:
            try referenceInstruction(p.pointee)
        case .structNew, .structNewDefault, .structGet, .structSet, .arrayNew, .arrayNewDefault,
            .arrayNewFixed, .arrayNewData, .arrayNewElem, .arrayGet, .arraySet, .arrayLen,
            .arrayFill, .arrayCopy, .arrayInitData, .arrayInitElem:
            try aggregateInstruction(p.pointee)
        case .i8x16Shuffle(let lanes):
            for b in lanes.bytes where b >= 32 { throw error("invalid lane index") }
            try pop(TypeIDs.v128, TypeIDs.v128)
            push(TypeIDs.v128)
        case .lane(let op, let i):
            guard i < ops.laneLanes[Int(op.rawValue)] else { throw error("invalid lane index") }
            try apply(ops.lane[Int(op.rawValue)])
        }
    }

    // MARK: Locals

    @inline(__always)
    private func local(_ x: UInt32) throws(ValidationError) -> (type: TypeID, needsInit: Bool) {
        guard let l = locals.lookup(x) else { throw error("unknown local \(Describe.index(x))") }
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
