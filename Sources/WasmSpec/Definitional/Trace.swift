// Watching the definitional evaluator step by step: after each step an observer gets
// what the step did (`wasm-spec-run --trace` prints it). With no observer the step
// loop does not look at any of this.

extension Configuration {
    /// The most values a step's event shows of what it consumed.
    static let shownValues = 64

    /// `run()` with an observer: snapshots the top of the stack before each step so
    /// that the event can show what the step consumed.
    mutating func runObserved(_ observer: StepObserver) throws(ExecutionError) {
        let stop = entryFrame
        var before: [Val] = []
        while cp > stop {
            fuel &-= 1
            if fuel < 0 { throw .exhaustion("step budget exhausted") }
            let at = pc
            let instruction = instrs[at]
            let rule = ruleFamily(instruction, at: at)
            let top = sp
            let shown = min(top - floor, Configuration.shownValues)
            before.removeAll(keepingCapacity: true)
            for i in (top - shown)..<top { before.append(values[i]) }
            low = top
            try step()
            let consumedFrom = max(low, top - shown)
            let consumed = before[(consumedFrom - (top - shown))...].map(describe)
            let produced = (low..<sp).map { describe(values[$0]) }
            observer(StepEvent(
                instruction: instruction, rule: rule, consumed: consumed, produced: produced, frames: depth,
                labels: labelCount()))
        }
    }

    /// The embedding API's form of a value.
    private func describe(_ v: Val) -> Value {
        switch v.kind {
        case .i32: .i32(UInt32(truncatingIfNeeded: v.bits))
        case .i64: .i64(v.bits)
        case .f32: .f32(UInt32(truncatingIfNeeded: v.bits))
        case .f64: .f64(v.bits)
        case .v128: .v128(v.v128)
        case .ref, .uninitialized: .ref(store.ref(of: v.bits))
        }
    }

    /// The specification's rule family for a step, where it is not the instruction's
    /// name: numeric operators by their class, and the steps that leave a label or a
    /// frame at the body's end.
    private func ruleFamily(_ instruction: Instruction, at pc: Int) -> String {
        let count = code.count
        if pc == count { return "label-vals" }
        if pc == count + 1 { return "frame-vals" }
        switch instruction {
        case .numeric(let op):
            let sig = op.signature
            if sig.params.count == 2 { return sig.result == sig.params[0] ? "binop" : "relop" }
            if sig.result == sig.params.first { return "unop" }
            return op.name.hasSuffix("eqz") ? "testop" : "cvtop"
        case .end: return "label-vals"
        case .else: return "label-vals"
        default: return ""
        }
    }

    /// The labels of the current frame.
    private func labelCount() -> Int {
        cp - 1 - frame
    }
}
