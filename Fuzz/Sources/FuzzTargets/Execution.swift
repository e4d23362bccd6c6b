// Running a subject in one engine under small limits, and what can be observed of the
// run: each call's outcome and the exported state after it, in a form that compares
// across engines (and stores).

import WasmSpec

/// What one engine did with a subject.
package struct Run: Equatable {
    /// How instantiation ended: "instantiated", or the error.
    package var instantiation: String
    /// One entry a call: its outcome, then the exported state after it.
    package var steps: [String] = []
    /// Why the run stopped before its last call, when it did: the step budget or the
    /// call stack ran out, which the engines count in different units.
    package var stop: String?
}

package enum Execution {
    /// Small limits, so that inputs reach the ends of the stacks: 64 frames, 1,024 slots
    /// (the least either engine accepts; both end in a no-access guard page), and 5,000
    /// steps per call, or no step budget when `metered` is false.
    package static func limits(_ engine: EngineKind, metered: Bool = true) -> ExecutionLimits {
        ExecutionLimits(engine: engine, maxCallDepth: 64, stackSlots: 1024, fuel: metered ? 5_000 : nil)
    }

    /// Whether `engine` counts steps on `s`. The compiled engine runs a generated program
    /// with no budget: such a program always ends (it runs on allowances of calls and
    /// loop iterations that `reset` refills), and without a budget the engine runs its
    /// threaded core (Sources/CWasmSpecThreaded), which it leaves to the step loop
    /// whenever steps are counted. A decoded module may loop for ever, so it has a budget.
    static func metered(_ s: Subject, _ engine: EngineKind) -> Bool {
        !(s.generated && engine == .compiled)
    }

    /// Validates, instantiates and makes the subject's calls in `engine`; `observe`
    /// says whether to record the exported state after each call.
    package static func run(_ s: Subject, _ engine: EngineKind, observe: Bool = false) -> Run {
        let instance: Instance
        do {
            instance = try instantiate(module: s.module, limits: limits(engine, metered: metered(s, engine)))
        } catch {
            check(error, s, "instantiation")
            Outcomes.count(tallyName(error, "instantiation"))
            if case .exhaustion(let m) = error { return Run(instantiation: "stopped", stop: m) }
            return Run(instantiation: error.description)
        }
        Outcomes.count("instantiated")
        var run = Run(instantiation: "instantiated")
        let names = instance.exportNames
        for call in s.calls {
            if s.resets { _ = try? interpret(instance, "reset") }
            do {
                let values = try interpret(instance, call.name, call.arguments)
                Outcomes.count("call returned")
                run.steps.append("returned " + values.map(key).joined(separator: " "))
            } catch {
                check(error, s, call.name)
                Outcomes.count(tallyName(error, "call"))
                if case .exhaustion(let m) = error {
                    run.stop = m
                    return run
                }
                run.steps.append(error.description)
            }
            if observe { run.steps.append(state(instance, names)) }
        }
        return run
    }

    /// Stops at errors no run may give: a crash of the reference engine (a state only
    /// an invalid module reaches) after validation passed; and any error but a trap,
    /// an exception or exhaustion for a generated module, which is valid and imports
    /// only what exists.
    static func check(_ error: WasmError, _ s: Subject, _ during: String) {
        switch error {
        case .crash: finding("\(during): \(error) in a validated module")
        case .trap, .exception, .exhaustion: break
        case .malformed, .invalid, .link, .usage:
            if s.generated { finding("\(during): \(error) in a generated module\n\(s.module.text())") }
        }
    }

    static func tallyName(_ error: WasmError, _ during: String) -> String {
        switch error {
        case .malformed: "\(during): malformed"
        case .invalid: "\(during): invalid"
        case .link: "\(during): link error"
        case .trap: "\(during): trap"
        case .exhaustion(let m): "\(during): \(m)"
        case .exception: "\(during): exception"
        case .crash: "\(during): crash"
        case .usage: "\(during): not callable"
        }
    }

    /// A value as it can be compared across stores: numbers by their bits, objects by
    /// their kind.
    static func key(_ v: Value) -> String {
        switch v {
        case .i32(let x): "i32:\(x)"
        case .i64(let x): "i64:\(x)"
        case .f32(let x): "f32:\(x)"
        case .f64(let x): "f64:\(x)"
        case .v128(let x): "v128:\(x.lo):\(x.hi)"
        case .ref(let r): key(r)
        }
    }

    static func key(_ r: Ref) -> String {
        switch r {
        case .null: "null"
        case .i31(let x): "i31:\(x)"
        case .host(let x): "host:\(x)"
        case .extern(let inner): "extern(" + key(inner) + ")"
        case .object(let o): "object:\(o.kind)"
        }
    }

    /// The exported globals, memories (size and a hash of their bytes) and tables.
    static func state(_ instance: Instance, _ names: [String]) -> String {
        var parts: [String] = []
        for name in names {
            switch try? export(instance, name) {
            case .global(let v): parts.append("\(name)=\(key(v))")
            case .memory(let bytes):
                // The standard library's hasher: a loop here would be instrumented for
                // coverage and take a quarter of the differential target's time.
                var h = Hasher()
                bytes.withUnsafeBytes { h.combine(bytes: $0) }
                parts.append("\(name)=\(bytes.count) bytes #\(h.finalize())")
            case .table(let refs): parts.append("\(name)=[" + refs.map(key).joined(separator: " ") + "]")
            default: break
            }
        }
        return "state " + parts.joined(separator: ", ")
    }
}
