// The operand stack of validation (§3.4, the algorithm of the appendix, and the
// reference interpreter's `pop`/`push`/`peek`): popping compares the top of the current
// block's stack with what an instruction requires; a polymorphic stack supplies `bot`
// for whatever is missing. Mismatches carry the reference's message, which lists the
// required types and the types the stack had in those positions.

/// An operator's signature in a form quick to check: up to three operands.
struct CompactSignature {
    let arity: Int
    let p0: ValType
    let p1: ValType
    let p2: ValType
    let params: [ValType]
    let result: ValType?

    init(_ s: OperatorSignature) {
        params = s.params
        arity = s.params.count
        p0 = s.params.count > 0 ? s.params[0] : .bot
        p1 = s.params.count > 1 ? s.params[1] : .bot
        p2 = s.params.count > 2 ? s.params[2] : .bot
        result = s.result
    }
}

extension CodeValidator {
    static let numericSignatures = NumericOp.allCases.map { CompactSignature($0.signature) }
    static let vectorSignatures = VectorOp.allCases.map { CompactSignature($0.signature) }
    static let laneSignatures = LaneOp.allCases.map { CompactSignature($0.signature) }
    static let loadResults = LoadOp.allCases.map { $0.signature.result ?? .bot }
    static let storeOperands = StoreOp.allCases.map { $0.signature.params.first ?? .bot }

    private static let singles: [ValType: [ValType]] = [
        .i32: [.i32], .i64: [.i64], .f32: [.f32], .f64: [.f64], .v128: [.v128],
    ]

    /// `[t]`, shared for number and vector types.
    @inline(__always)
    static func single(_ t: ValType) -> [ValType] {
        switch t {
        case .i32, .i64, .f32, .f64, .v128: singles[t] ?? [t]
        default: [t]
        }
    }

    /// Number of operands in the current block's stack.
    @inline(__always)
    var depth: Int { stack.count - base }

    /// The `i`-th operand from the top, or `bot` past the current block's operands.
    @inline(__always)
    func peek(_ i: Int) -> ValType {
        i < depth ? stack[stack.count - 1 - i] : .bot
    }

    /// The reference type `i` operands down; `bot` counts as a non-null reference to `bot`.
    func peekRef(_ i: Int) throws(ValidationError) -> RefType {
        switch peek(i) {
        case .ref(let rt): return rt
        case .bot: return RefType(nullable: false, .bot)
        case let t:
            throw error(
                "type mismatch: instruction requires reference type but stack has "
                    + Describe.valType(t))
        }
    }

    @inline(__always)
    func matches(_ a: ValType, _ b: ValType) -> Bool {
        c.sub.isSubtype(a, b)
    }

    /// Number and vector types match only themselves, and `bot` matches them.
    @inline(__always)
    static func matchesPlain(_ a: ValType, _ b: ValType) -> Bool {
        a == b || a == .bot
    }

    /// Makes the current block's stack polymorphic and empty (`-->...` instructions).
    @inline(__always)
    mutating func clear() {
        stack.removeLast(depth)
        unreachable = true
    }

    /// Pops one operand of type `t`.
    @inline(__always)
    mutating func pop(_ t: ValType) throws(ValidationError) {
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
    mutating func pop(_ t1: ValType, _ t2: ValType) throws(ValidationError) {
        let n = stack.count
        if depth >= 2 && matches(stack[n - 1], t2) && matches(stack[n - 2], t1) {
            stack.removeLast(2)
            return
        }
        try pop([t1, t2])
    }

    /// Pops three operands, `t3` on top.
    @inline(__always)
    mutating func pop(_ t1: ValType, _ t2: ValType, _ t3: ValType) throws(ValidationError) {
        let n = stack.count
        if depth >= 3 && matches(stack[n - 1], t3) && matches(stack[n - 2], t2)
            && matches(stack[n - 3], t1)
        {
            stack.removeLast(3)
            return
        }
        try pop([t1, t2, t3])
    }

    /// Pops operands of the given types, the last on top (the reference's `pop`).
    mutating func pop<C: RandomAccessCollection>(_ ins: C) throws(ValidationError)
    where C.Element == ValType, C.Index == Int {
        let n1 = ins.count
        let n2 = depth
        if !unreachable && n2 < n1 { throw mismatch(ins) }
        let n = min(n1, n2)
        let top = stack.count
        var k = 0
        while k < n {
            if !matches(stack[top - n + k], ins[ins.startIndex + n1 - n + k]) { throw mismatch(ins) }
            k += 1
        }
        stack.removeLast(n)
    }

    /// `type mismatch: instruction requires [...] but stack has [...]`, the stack part
    /// being the operands that were compared, with `bot` for those a polymorphic stack
    /// supplied.
    func mismatch<C: RandomAccessCollection>(_ ins: C) -> ValidationError
    where C.Element == ValType, C.Index == Int {
        let n1 = ins.count
        let n = min(n1, depth)
        let n3 = unreachable ? n1 - n : 0
        let had = stack[(stack.count - n)...]
        return error(
            "type mismatch: instruction requires " + Describe.resultType(ins) + " but stack has "
                + Describe.resultType(repeatElement(ValType.bot, count: n3), had))
    }

    /// Applies an operator of a table (numeric, vector, lane): pops its operands and
    /// pushes its result.
    @inline(__always)
    mutating func apply(_ s: CompactSignature) throws(ValidationError) {
        let n = stack.count
        let d = n - base
        switch s.arity {
        case 1:
            if d >= 1 && CodeValidator.matchesPlain(stack[n - 1], s.p0) {
                if let r = s.result {
                    stack[n - 1] = r
                } else {
                    stack.removeLast()
                }
                return
            }
        case 2:
            if d >= 2 && CodeValidator.matchesPlain(stack[n - 1], s.p1)
                && CodeValidator.matchesPlain(stack[n - 2], s.p0)
            {
                stack.removeLast()
                if let r = s.result {
                    stack[n - 2] = r
                } else {
                    stack.removeLast()
                }
                return
            }
        case 3:
            if d >= 3 && CodeValidator.matchesPlain(stack[n - 1], s.p2)
                && CodeValidator.matchesPlain(stack[n - 2], s.p1)
                && CodeValidator.matchesPlain(stack[n - 3], s.p0)
            {
                stack.removeLast(2)
                if let r = s.result {
                    stack[n - 3] = r
                } else {
                    stack.removeLast()
                }
                return
            }
        default:
            break
        }
        try pop(s.params)
        if let r = s.result { stack.append(r) }
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
