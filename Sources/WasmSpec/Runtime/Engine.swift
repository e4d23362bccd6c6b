// What the runtime asks of an engine: invoking a function instance (§4.5.5) and
// evaluating a constant expression during instantiation (§4.5.4). The runtime owns this
// protocol and the store holds one engine; the engines themselves (the definitional
// evaluator and the compiled one) live above the runtime and are chosen by the layer
// that makes the store, so the runtime never builds either.

/// Which engine a store runs its code with.
public enum EngineKind: String, Hashable, Sendable, CaseIterable {
    /// The definitional evaluator: small-step reduction of the module's own
    /// instructions, one rule per step, as the specification writes it (§4.4).
    case reference
    /// The compiled engine: function bodies compiled to a register machine on first
    /// call. Faster; it must agree with the reference engine on every program.
    case compiled
}

/// An evaluator of Wasm code over the objects of one store. Used only with the store's
/// lock held.
protocol Engine: AnyObject {
    /// Invokes a function with its arguments as slots (a v128 takes two) and returns its
    /// results as slots (§4.5.5 "Invocation"). The caller has checked the arguments
    /// against the function's type.
    func invoke(_ function: FunctionInstance, _ arguments: [UInt64]) throws(ExecutionError) -> [UInt64]

    /// Evaluates a constant expression of type `type` in an instance under construction
    /// and returns its value's slots (§3.3.10, §4.5.4).
    func evaluate(_ expression: Expr, type: ValType, in instance: ModuleInstance) throws(ExecutionError) -> [UInt64]
}

/// Makes the engine of a new store, or `nil` when the host cannot give it its stacks.
typealias EngineFactory = (Store) -> (any Engine)?

/// One reduction step of the reference engine.
public struct StepEvent: Sendable {
    /// The instruction the step executed (the body's implicit `end`, and `return` for
    /// leaving the frame after it, included).
    public let instruction: Instruction
    /// The specification's name for the family of rules the step applied where it is
    /// not the instruction's own name (`binop`, `label-vals`, `frame-vals`, ...), or "".
    public let rule: String
    /// The values the step took from the operand stack, bottom first.
    public let consumed: [Value]
    /// The values it left there in their place, bottom first.
    public let produced: [Value]
    /// How many frames and labels are active after the step.
    public let frames: Int
    public let labels: Int
}

/// Receives every step of the reference engine, in order, under the store's lock.
public typealias StepObserver = @Sendable (StepEvent) -> Void
