// The operand stack of validation (§3.4, the algorithm of the appendix, and the
// reference interpreter's `pop`/`push`/`peek`): popping compares the top of the current
// block's stack with what an instruction requires; a polymorphic stack supplies `bot`
// for whatever is missing. Mismatches carry the reference's message, which lists the
// required types and the types the stack had in those positions.

/// An operator's signature in a form quick to check: up to three operands.
struct CompactSignature {
    let arity: Int
    let p0: TypeID
    let p1: TypeID
    let p2: TypeID
    let result: TypeID

    init(_ s: OperatorSignature) {
        let ps = s.params.map(OperatorSignatures.id)
        arity = ps.count
        p0 = ps.count > 0 ? ps[0] : TypeIDs.bot
        p1 = ps.count > 1 ? ps[1] : TypeIDs.bot
        p2 = ps.count > 2 ? ps[2] : TypeIDs.bot
        result = s.result.map(OperatorSignatures.id) ?? TypeIDs.none
    }

    var params: [TypeID] { Array([p0, p1, p2].prefix(arity)) }
}

/// The operator tables in compact form. Operators take and give only numbers and
/// vectors, whose type ids are the same in every module, so the tables are built once.
struct OperatorSignatures: Sendable {
    static let shared = OperatorSignatures()

    /// The fixed id of a number or vector type (an operator table names no other).
    static func id(_ t: ValType) -> TypeID {
        switch t {
        case .i32: TypeIDs.i32
        case .i64: TypeIDs.i64
        case .f32: TypeIDs.f32
        case .f64: TypeIDs.f64
        case .v128: TypeIDs.v128
        case .ref, .bot: TypeIDs.bot
        }
    }

    let numeric: [CompactSignature]
    let vector: [CompactSignature]
    let lane: [CompactSignature]
    let load: [TypeID]
    let store: [TypeID]
    /// Natural alignments of loads, stores and lane accesses, and their lane counts.
    let loadAlignment: [UInt32]
    let storeAlignment: [UInt32]
    let laneMemoryAlignment: [UInt32]
    let laneMemoryLanes: [UInt8]
    let laneLanes: [UInt8]

    private init() {
        numeric = NumericOp.allCases.map { CompactSignature($0.signature) }
        vector = VectorOp.allCases.map { CompactSignature($0.signature) }
        lane = LaneOp.allCases.map { CompactSignature($0.signature) }
        load = LoadOp.allCases.map { OperatorSignatures.id($0.signature.result ?? .bot) }
        store = StoreOp.allCases.map { OperatorSignatures.id($0.signature.params.first ?? .bot) }
        loadAlignment = LoadOp.infos.map(\.alignment)
        storeAlignment = StoreOp.infos.map(\.alignment)
        laneMemoryAlignment = LaneMemoryOp.infos.map(\.alignment)
        laneMemoryLanes = LaneMemoryOp.infos.map(\.lanes)
        laneLanes = LaneOp.infos.map(\.lanes)
    }
}

extension CodeValidator {
    /// Number of operands in the current block's stack.
    @inline(__always)
    var depth: Int { stack.count - base }

    /// The `i`-th operand from the top, or `bot` past the current block's operands.
    @inline(__always)
    func peek(_ i: Int) -> TypeID {
        i < depth ? stack[stack.count - 1 - i] : TypeIDs.bot
    }

    /// The reference type `i` operands down; `bot` counts as a non-null reference to `bot`.
    func peekRef(_ i: Int) throws(ValidationError) -> RefType {
        switch c.valType(peek(i)) {
        case .ref(let rt): return rt
        case .bot: return RefType(nullable: false, .bot)
        case let t:
            throw error(
                "type mismatch: instruction requires reference type but stack has "
                    + Describe.valType(t))
        }
    }

    /// Whether type `a` matches `b`: equal, `bot`, or reference subtyping.
    @inline(__always)
    func matches(_ a: TypeID, _ b: TypeID) -> Bool {
        a == b || a == TypeIDs.bot
            || (a >= TypeIDs.firstRef && b >= TypeIDs.firstRef && c.refMatches(a, b))
    }

    /// Makes the current block's stack polymorphic and empty (`-->...` instructions).
    @inline(__always)
    mutating func clear() {
        stack.removeLast(depth)
        unreachable = true
    }

    @inline(__always)
    mutating func push(_ t: TypeID) {
        stack.append(t)
    }

    /// Pops one operand of type `t`.
    @inline(__always)
    mutating func pop(_ t: TypeID) throws(ValidationError) {
        if depth > 0 {
            if matches(stack[stack.count - 1], t) {
                stack.removeLast()
                return
            }
        } else if unreachable {
            return
        }
        throw mismatch(CollectionOfOne(t))
    }

    /// Pops two operands, `t2` on top.
    @inline(__always)
    mutating func pop(_ t1: TypeID, _ t2: TypeID) throws(ValidationError) {
        let n = stack.count
        if n - base >= 2 && matches(stack[n - 1], t2) && matches(stack[n - 2], t1) {
            stack.removeLast(2)
            return
        }
        try pop([t1, t2])
    }

    /// Pops three operands, `t3` on top.
    @inline(__always)
    mutating func pop(_ t1: TypeID, _ t2: TypeID, _ t3: TypeID) throws(ValidationError) {
        let n = stack.count
        if n - base >= 3 && matches(stack[n - 1], t3) && matches(stack[n - 2], t2)
            && matches(stack[n - 3], t1)
        {
            stack.removeLast(3)
            return
        }
        try pop([t1, t2, t3])
    }

    /// Pops operands of the given types, the last on top (the reference's `pop`).
    mutating func pop<C: RandomAccessCollection>(_ ins: C) throws(ValidationError)
    where C.Element == TypeID, C.Index == Int {
        let n1 = ins.count
        let n2 = depth
        if !unreachable && n2 < n1 { throw mismatch(ins) }
        let n = min(n1, n2)
        let top = stack.count
        let first = ins.startIndex + n1 - n
        var k = 0
        while k < n {
            if !matches(stack[top - n + k], ins[first + k]) { throw mismatch(ins) }
            k += 1
        }
        stack.removeLast(n)
    }

    /// `type mismatch: instruction requires [...] but stack has [...]`, the stack part
    /// being the operands that were compared, with `bot` for those a polymorphic stack
    /// supplied.
    func mismatch<C: RandomAccessCollection>(_ ins: C) -> ValidationError
    where C.Element == TypeID, C.Index == Int {
        let n1 = ins.count
        let n = min(n1, depth)
        let n3 = unreachable ? n1 - n : 0
        let had = stack[(stack.count - n)...]
        return error(
            "type mismatch: instruction requires " + describe(ins) + " but stack has "
                + Describe.resultType(
                    repeatElement(ValType.bot, count: n3), had.lazy.map { self.c.valType($0) }))
    }

    /// A result type of interned types, as the reference writes it.
    func describe<C: Collection>(_ ts: C) -> String where C.Element == TypeID {
        Describe.resultType(ts.lazy.map { self.c.valType($0) })
    }

    /// Applies an operator of a table (numeric, vector, lane): pops its operands and
    /// pushes its result.
    @inline(__always)
    mutating func apply(_ s: CompactSignature) throws(ValidationError) {
        let n = stack.count
        let d = n - base
        switch s.arity {
        case 1:
            if d >= 1 && matchesPlain(stack[n - 1], s.p0) {
                if s.result != TypeIDs.none {
                    stack[n - 1] = s.result
                } else {
                    stack.removeLast()
                }
                return
            }
        case 2:
            if d >= 2 && matchesPlain(stack[n - 1], s.p1) && matchesPlain(stack[n - 2], s.p0) {
                stack.removeLast()
                if s.result != TypeIDs.none {
                    stack[n - 2] = s.result
                } else {
                    stack.removeLast()
                }
                return
            }
        case 3:
            if d >= 3 && matchesPlain(stack[n - 1], s.p2) && matchesPlain(stack[n - 2], s.p1)
                && matchesPlain(stack[n - 3], s.p0)
            {
                stack.removeLast(2)
                if s.result != TypeIDs.none {
                    stack[n - 3] = s.result
                } else {
                    stack.removeLast()
                }
                return
            }
        default:
            break
        }
        try pop(s.params)
        if s.result != TypeIDs.none { stack.append(s.result) }
    }

    /// Number and vector types match only themselves, and `bot` matches them.
    @inline(__always)
    func matchesPlain(_ a: TypeID, _ b: TypeID) -> Bool {
        a == b || a == TypeIDs.bot
    }
}

extension Describe {
    /// A result type made of two parts, written as one list.
    static func resultType<A: Collection, B: Collection>(_ a: A, _ b: B) -> String
    where A.Element == ValType, B.Element == ValType {
        var d = TypeDescription()
        d.resultType(a, b)
        return d.text
    }
}
