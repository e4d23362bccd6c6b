// The state of compiling one function body: emitted code, the virtual operand stack
// (where each operand's value is right now), and the open blocks.

/// An operand on the virtual stack: the slot that holds its value now. A `local` or
/// `constant` operand has not been copied to its home slot yet; that happens only when
/// something needs it there (a branch, a call, a write to the local).
struct Operand {
    enum Kind: UInt8 { case temp, local, constant }

    var kind: Kind
    var reg: UInt32
    /// The operand's own slot on the operand stack.
    var home: UInt32
    var width: UInt8
}

/// An open structured instruction during compilation.
struct OpenBlock {
    enum Kind { case function, block, loop, `if`, tryTable }

    var kind: Kind
    /// Operand-stack depth (entries) and height (slots) below the block's parameters.
    var depth: Int
    var height: Int
    var params: [UInt8]
    var results: [UInt8]
    /// For a loop, the pc of its first op; branches to it jump back.
    var loopStart: Int = 0
    /// Branches that go to the block's end, patched when it is reached.
    var fixups: [Fixup] = []
    /// The jump of an `if` over its `then` arm, patched to the `else` arm or the end.
    var elseFixup: Int? = nil
    var unreachable = false
    /// For a `try_table`: the index of its handler in `handlers`, whose range closes at
    /// the end.
    var handler: Int? = nil

    /// The slots a branch to this block's label carries.
    var labelSlots: Int {
        (kind == .loop ? params : results).reduce(0) { $0 + Int($1) }
    }
}

/// A branch whose target is not known yet.
enum Fixup {
    /// `ops[i].a` is the target.
    case op(Int)
    /// `branchTargets[i].target` is the target.
    case branchTarget(Int)
    /// A clause of a try_table's handler: `handlers[h].clauses[i]`.
    case clause(handler: Int, index: Int)
}

struct BodyCompiler {
    let compiler: Compiler
    let locals: LocalLayout
    let resultSlots: Int
    /// The first slot of the operand stack: after parameters, locals and constants.
    let stackBase: Int
    private(set) var constants: [UInt64] = []
    private var constantSlots: [ConstantKey: UInt32] = [:]

    var ops: [Op] = []
    /// `call` ops so far: each has its own entry in the function's callee cache.
    var callSites: UInt32 = 0
    var stack: [Operand] = []
    /// Slots in use on the operand stack.
    var height = 0
    var maxHeight = 0
    /// Entries below this index are all `temp`.
    var firstDeferred = 0
    var controls: [OpenBlock] = []
    /// Depth of blocks opened inside unreachable code, skipped whole.
    var skipDepth = 0
    /// The op that computed the top operand into its home slot, if nothing was emitted
    /// or labelled since; its destination may be redirected (`local.set`) or it may be
    /// fused into a branch.
    var lastResult: Int? = nil

    var branchTargets: [BranchTarget] = []
    var v128Constants: [V128] = []
    var memoryAccesses: [MemoryAccess] = []
    var casts: [CastEntry] = []
    var indirect: [IndirectEntry] = []
    /// Handlers in the order their try_tables open; `closed` lists them in the order
    /// they close, innermost first, which is the order the executor searches.
    var handlers: [HandlerEntry] = []
    var closed: [Int] = []

    private struct ConstantKey: Hashable {
        var lo: UInt64
        var hi: UInt64
        var wide: Bool
    }

    init(compiler: Compiler, params: [ValType], locals: [Locals], results: [ValType], body: Expr) {
        self.compiler = compiler
        self.locals = LocalLayout(params: params, locals: locals)
        self.resultSlots = results.reduce(0) { $0 + $1.slotCount }
        // Constants get slots of their own, found in a first pass, so that the operand
        // stack's base is known before any operand gets a home.
        var constants: [UInt64] = []
        var slots: [ConstantKey: UInt32] = [:]
        let base = Int(clamping: self.locals.totalSlots)
        func add(_ key: ConstantKey) {
            guard slots[key] == nil else { return }
            slots[key] = UInt32(truncatingIfNeeded: base + constants.count)
            constants.append(key.lo)
            if key.wide { constants.append(key.hi) }
        }
        for instr in body {
            switch instr {
            case .i32Const(let v), .f32Const(let v): add(ConstantKey(lo: UInt64(v), hi: 0, wide: false))
            case .i64Const(let v), .f64Const(let v): add(ConstantKey(lo: v, hi: 0, wide: false))
            case .v128Const(let v): add(ConstantKey(lo: v.lo, hi: v.hi, wide: true))
            default: break
            }
        }
        self.constants = constants
        self.constantSlots = slots
        self.stackBase = base + constants.count
        controls.append(OpenBlock(
            kind: .function, depth: 0, height: 0, params: [],
            results: results.map { UInt8($0.slotCount) }))
    }

    // MARK: The virtual stack

    /// The slot of a constant.
    func constantSlot(_ lo: UInt64, _ hi: UInt64 = 0, wide: Bool = false) -> UInt32 {
        constantSlots[ConstantKey(lo: lo, hi: hi, wide: wide)] ?? 0
    }

    /// The home slot of the next operand pushed.
    var nextHome: UInt32 { UInt32(truncatingIfNeeded: stackBase + height) }

    mutating func push(_ kind: Operand.Kind, _ reg: UInt32, width: Int) {
        let home = nextHome
        stack.append(Operand(kind: kind, reg: kind == .temp ? home : reg, home: home, width: UInt8(width)))
        height += width
        if height > maxHeight { maxHeight = height }
        if kind != .temp && firstDeferred > stack.count - 1 { firstDeferred = stack.count - 1 }
    }

    /// Pushes the result of an op just emitted into `nextHome`.
    mutating func pushResult(width: Int) {
        lastResult = ops.count - 1
        push(.temp, 0, width: width)
    }

    mutating func pushTemp(_ t: ValType) { push(.temp, 0, width: t.slotCount) }

    @discardableResult
    mutating func pop() -> Operand {
        guard let o = stack.popLast() else { return Operand(kind: .temp, reg: nextHome, home: nextHome, width: 1) }
        height -= Int(o.width)
        if firstDeferred > stack.count { firstDeferred = stack.count }
        return o
    }

    mutating func pop(_ n: Int) {
        for _ in 0..<n { pop() }
    }

    /// Copies an operand to its home slot if it is not there.
    mutating func materialize(_ i: Int) {
        let o = stack[i]
        guard o.kind != .temp else { return }
        emit(o.width == 2 ? .move2 : .move, o.home, o.reg)
        stack[i].kind = .temp
        stack[i].reg = o.home
    }

    /// Puts every operand in its home slot, as control flow and calls require.
    mutating func materializeAll() {
        var i = firstDeferred
        while i < stack.count {
            materialize(i)
            i += 1
        }
        firstDeferred = stack.count
    }

    /// Puts the top `n` operands in their home slots (stack convention).
    mutating func materializeTop(_ n: Int) {
        let start = max(stack.count - n, 0)
        for i in start..<stack.count { materialize(i) }
        if firstDeferred >= start { firstDeferred = stack.count }
    }

    /// Before writing local slot `reg`, copies out operands that still read it.
    mutating func protectLocal(_ reg: UInt32, width: Int) {
        var i = firstDeferred
        while i < stack.count {
            let o = stack[i]
            if o.kind == .local && o.reg < reg + UInt32(width) && reg < o.reg + UInt32(o.width) {
                materialize(i)
            }
            i += 1
        }
    }

    // MARK: Emitting

    mutating func emit(_ code: OpCode, _ a: UInt32 = 0, _ b: UInt32 = 0, _ c: UInt32 = 0) {
        ops.append(Op(code, a, b, c))
        lastResult = nil
    }

    mutating func setUnreachable() {
        controls[controls.count - 1].unreachable = true
    }

    /// Marks the current position as a branch target: no peephole may look back past it.
    mutating func label() {
        lastResult = nil
    }
}
