// Numeric instructions (§4.6.10): constants, and every operator through the numerics
// library (Numerics/), which the compiled engine shares.

/// The operand and result kinds of a numeric operator, read once from the operator
/// table's signatures (NumericOp.swift), so that a step reads three bytes instead of
/// copying a signature.
struct NumericShape {
    var arity: UInt8
    var operand: Val.Kind
    var result: Val.Kind

    /// Every operator's shape, by raw value; made once and never freed, and read by
    /// the configuration through a pointer it keeps (a global's initialisation check
    /// on every numeric step costs more than the step).
    nonisolated(unsafe) static let table: UnsafePointer<NumericShape> = {
        let shapes = NumericOp.allCases.map { op in
            let sig = op.signature
            return NumericShape(
                arity: UInt8(sig.params.count), operand: Val.Kind(sig.params.first ?? .i32),
                result: Val.Kind(sig.result ?? .i32))
        }
        let p = UnsafeMutablePointer<NumericShape>.allocate(capacity: shapes.count)
        p.initialize(from: shapes, count: shapes.count)
        return UnsafePointer(p)
    }()
}

extension Configuration {
    /// No reduction rule (§4.6.10 "t.const c", §4.6.11 "v128.const c"):
    /// A constant is a value already: it goes on the stack.
    @inline(__always)
    mutating func const(_ v: Val) throws(ExecutionError) {
        try push(v)
    }

    /// Rules: Step_pure/unop-val, Step_pure/unop-trap, Step_pure/binop-val,
    /// Step_pure/binop-trap, Step_pure/testop, Step_pure/relop, Step_pure/cvtop-val,
    /// Step_pure/cvtop-trap
    /// A numeric operator takes its one or two operands, of the types its signature
    /// names, and pushes its result, or traps where the operator is undefined.
    mutating func numeric(_ op: NumericOp) throws(ExecutionError) {
        let shape = numericShapes[Int(op.rawValue)]
        if shape.arity == 1 {
            let x = try pop(shape.operand)
            let r: UInt64?
            do { r = try Numerics.apply(op, x.bits) } catch { throw error.executionError }
            try push(.number(shape.result, r ?? 0))
        } else {
            let y = try pop(shape.operand)
            let x = try pop(shape.operand)
            let r: UInt64?
            do { r = try Numerics.apply(op, x.bits, y.bits) } catch { throw error.executionError }
            try push(.number(shape.result, r ?? 0))
        }
    }
}
