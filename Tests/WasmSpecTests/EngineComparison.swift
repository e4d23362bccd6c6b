// Runs a differential case (DifferentialHarness.swift) through both engines in process,
// in lockstep, and reports where they differ.
//
// Each engine gets a store of its own with the same limits apart from the engine. The
// same calls are made in the same order; after each, the outcomes must agree (results
// bit for bit, references by kind; traps and uncaught exceptions with their full
// messages), and so must the exported globals, memories and tables. Nothing is compared
// after the first difference: the states have diverged.
//
// Some outcomes depend on a limit whose meaning differs between the engines, and end
// the comparison of an instance without being a difference:
//   - the step budget: a step is a reduction rule in one engine, a compiled instruction
//     in the other;
//   - call stack exhaustion that depends on where the limit is. As in the harness, a
//     call that exhausts the stack at a depth of 200 is run again, after the same calls,
//     with room for 100,000 frames; only if it exhausts there too is the exhaustion
//     comparable. The engines also measure the stack in different units (a v128 local
//     takes two slots in one, one value in the other), so the first run has a sixteenth
//     of the second's room for values as well. The state an exhaustion leaves depends on
//     the limits, so nothing after it is compared.

import Foundation
import WasmBinary
import WasmSpec
@testable import WasmGenerator

/// What one engine did for one step (or for instantiation), as far as it is comparable.
enum EngineOutcome {
    case values([Value])
    /// An error whose kind and message both engines must agree on.
    case error(WasmError)
    /// Comparable call stack exhaustion (it happens at both depths).
    case exhaustion(String)
    /// Not comparable: the comparison of this instance stops here.
    case unknown(String)

    var description: String {
        switch self {
        case .values(let vs): "returned " + (vs.isEmpty ? "nothing" : vs.map(EngineComparison.text).joined(separator: " "))
        case .error(let e): e.description
        case .exhaustion(let m): "exhaustion: \(m)"
        case .unknown(let m): "not compared (\(m))"
        }
    }
}

/// A difference between the engines.
struct EngineDisagreement: CustomStringConvertible {
    var label: String
    /// The step that differs ("instantiation", or the call in script syntax), and what
    /// differs after it ("result", "global g", "memory m" ...).
    var step: String
    var reference: String
    var compiled: String
    /// A script that reproduces it: the module and the calls up to the one that differs.
    var script: String
    /// Where that script was written, when it was.
    var path: String?

    var description: String {
        "\(label): \(step)\n    reference engine: \(reference)\n    compiled engine:  \(compiled)\n"
            + "    reproducer: \(path ?? "(not written)")\n"
            + (script.count < 3000 ? script : String(script.prefix(3000)) + "\n...")
    }
}

/// Totals of an engine comparison.
struct EngineTally {
    var cases = 0
    /// Cases both engines instantiated.
    var instantiated = 0
    /// Cases both engines refused to instantiate, with the same error.
    var refused = 0
    /// Calls of exported functions whose outcomes were compared.
    var calls = 0
    /// Reads of exported globals whose values were compared.
    var reads = 0
    var traps = 0
    var exceptions = 0
    var exhaustions = 0
    /// Instances whose comparison stopped early at an outcome that is not comparable.
    var stopped = 0
    /// Where and why, for the first few.
    var stops: [String] = []
    /// Exported globals, memories and tables compared after the calls.
    var stateChecks = 0
    var disagreements: [EngineDisagreement] = []

    mutating func add(_ o: EngineTally) {
        cases += o.cases
        instantiated += o.instantiated
        refused += o.refused
        calls += o.calls
        reads += o.reads
        traps += o.traps
        exceptions += o.exceptions
        exhaustions += o.exhaustions
        stopped += o.stopped
        stops += o.stops.prefix(max(10 - stops.count, 0))
        stateChecks += o.stateChecks
        disagreements += o.disagreements
    }

    var summary: String {
        "\(cases) cases (\(instantiated) instantiated, \(refused) refused alike), \(calls) calls and \(reads) global reads compared "
            + "(\(traps) traps, \(exceptions) exceptions, \(exhaustions) exhaustions), \(stateChecks) exported states compared, "
            + "\(stopped) instances stopped at an outcome not comparable, \(disagreements.count) disagreements"
    }
}

enum EngineComparison {
    /// The call depth both engines run with first, as in the harness, and their room
    /// for values; then those of the run that decides whether an exhaustion is
    /// comparable.
    static let depth = DifferentialHarness.depth
    static let slots = 1 << 20
    static let deepDepth = 100_000
    static let deepSlots = ExecutionLimits().stackSlots

    static func limits(_ engine: EngineKind, _ c: DiffCase, deep: Bool = false) -> ExecutionLimits {
        ExecutionLimits(
            engine: engine, maxCallDepth: deep ? deepDepth : depth, stackSlots: deep ? deepSlots : slots,
            fuel: engine == .compiled && !c.meterCompiled ? nil : c.fuel)
    }

    /// Compares one case; disagreements get a reproducer script in `directory` when given.
    static func compare(_ c: DiffCase, directory: URL? = nil) -> EngineTally {
        var tally = EngineTally()
        tally.cases = 1
        func disagree(_ step: String, _ r: String, _ k: String, upTo s: Int) {
            var d = EngineDisagreement(label: c.label, step: step, reference: r, compiled: k, script: reproducer(c, upTo: s))
            if let directory, (try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)) != nil {
                let file = directory.appendingPathComponent("\(sanitized(c.label).prefix(80)).wast")
                if FileManager.default.createFile(atPath: file.path, contents: Data(d.script.utf8)) { d.path = file.path }
            }
            tally.disagreements.append(d)
        }
        let ref = instantiate(c, .reference)
        let comp = instantiate(c, .compiled)
        guard comparable(ref, c, .reference) && comparable(comp, c, .compiled) else {
            tally.stopped = 1
            tally.stops.append("\(c.label): instantiation: \(instantiationText(ref)), \(instantiationText(comp))")
            return tally
        }
        let instances: (Instance, Instance)
        switch (ref, comp) {
        case (.success(let a), .success(let b)):
            instances = (a, b)
            tally.instantiated = 1
        case (.failure(let a), .failure(let b)) where a == b:
            tally.refused = 1
            return tally
        default:
            disagree("instantiation", instantiationText(ref), instantiationText(comp), upTo: -1)
            return tally
        }
        let names = instances.0.exportNames
        guard names == instances.1.exportNames else {
            disagree("export names", names.joined(separator: " "), instances.1.exportNames.joined(separator: " "), upTo: -1)
            return tally
        }
        // Functions and tags have no state to compare.
        let stateNames = names.filter { name in
            switch try? export(instances.0, name) {
            case .global, .memory, .table: true
            default: false
            }
        }
        if let (what, r, k) = stateDifference(instances.0, instances.1, stateNames, &tally) {
            disagree("state after instantiation: \(what)", r, k, upTo: -1)
            return tally
        }
        for (s, step) in c.steps.enumerated() {
            let r = outcome(c, .reference, instances.0, s)
            let k = outcome(c, .compiled, instances.1, s)
            switch (r, k) {
            case (.unknown, _), (_, .unknown):
                tally.stopped += 1
                tally.stops.append("\(c.label): \(step.action): reference engine \(r.description), compiled engine \(k.description)")
                return tally
            default: break
            }
            guard same(r, k) else {
                disagree(step.action, r.description, k.description, upTo: s)
                return tally
            }
            count(step, r, &tally)
            // The state an exhaustion leaves depends on the limits.
            if case .exhaustion = r { return tally }
            if step.kind == .invoke, let (what, rs, ks) = stateDifference(instances.0, instances.1, stateNames, &tally) {
                disagree("\(step.action), then \(what)", rs, ks, upTo: s)
                return tally
            }
        }
        return tally
    }

    /// Counts a step whose outcome both engines agree on.
    static func count(_ step: DiffStep, _ outcome: EngineOutcome, _ tally: inout EngineTally) {
        guard step.kind == .invoke else {
            tally.reads += 1
            return
        }
        tally.calls += 1
        switch outcome {
        case .error(.trap): tally.traps += 1
        case .error(.exception): tally.exceptions += 1
        case .exhaustion: tally.exhaustions += 1
        default: break
        }
    }

    static func instantiate(_ c: DiffCase, _ engine: EngineKind, deep: Bool = false) -> Result<Instance, WasmError> {
        do { return .success(try c.load(limits(engine, c, deep: deep))) } catch { return .failure(error) }
    }

    /// Whether an instantiation outcome is comparable: not when the step budget ran
    /// out (in a start function), nor when the call stack was exhausted with the first
    /// limits only.
    static func comparable(_ r: Result<Instance, WasmError>, _ c: DiffCase, _ engine: EngineKind) -> Bool {
        switch r {
        case .failure(.exhaustion(let m)) where m == "call stack exhausted":
            if case .failure(.exhaustion(let n)) = instantiate(c, engine, deep: true) { return n == m }
            return false
        case .failure(.exhaustion): return false
        default: return true
        }
    }

    static func instantiationText(_ r: Result<Instance, WasmError>) -> String {
        switch r {
        case .success: "instantiated"
        case .failure(let e): e.description
        }
    }

    /// What `engine` does for step `s` of the case, on `instance` (on which the steps
    /// before it were made).
    static func outcome(_ c: DiffCase, _ engine: EngineKind, _ instance: Instance, _ s: Int) -> EngineOutcome {
        switch DifferentialHarness.perform(c.steps[s], instance) {
        case .success(let vs): return .values(vs)
        case .failure(.exhaustion(let m)) where m == "call stack exhausted":
            return deepOutcome(c, engine, upTo: s)
        case .failure(.exhaustion(let m)): return .unknown(m)
        case .failure(let e): return .error(e)
        }
    }

    /// Step `s`, run after the steps before it with room for `deepDepth` frames and
    /// `deepSlots` values: if the stack is exhausted there too, the recursion does not
    /// end and the exhaustion is comparable.
    static func deepOutcome(_ c: DiffCase, _ engine: EngineKind, upTo s: Int) -> EngineOutcome {
        guard let instance = try? c.load(limits(engine, c, deep: true)) else {
            return .unknown("does not instantiate again")
        }
        for step in c.steps[..<s] { _ = DifferentialHarness.perform(step, instance) }
        if case .failure(.exhaustion(let m)) = DifferentialHarness.perform(c.steps[s], instance), m == "call stack exhausted" {
            return .exhaustion(m)
        }
        return .unknown("call stack exhausted at depth \(depth) and \(slots) slots only")
    }

    static func same(_ a: EngineOutcome, _ b: EngineOutcome) -> Bool {
        switch (a, b) {
        case (.values(let x), .values(let y)): x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (.error(let x), .error(let y)): x == y
        case (.exhaustion(let x), .exhaustion(let y)): x == y
        default: false
        }
    }

    /// Values are equal bit for bit (numbers are bit patterns, NaN payloads included);
    /// references by what can be seen of them across stores.
    static func same(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.ref(let x), .ref(let y)): same(x, y)
        default: a == b
        }
    }

    static func same(_ a: Ref, _ b: Ref) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.i31(let x), .i31(let y)): x == y
        case (.host(let x), .host(let y)): x == y
        case (.extern(let x), .extern(let y)): same(x, y)
        case (.object(let x), .object(let y)): x.kind == y.kind
        default: false
        }
    }

    static func text(_ v: Value) -> String {
        switch v {
        case .ref(.i31(let n)): "(ref.i31 \(n))"
        case .ref(.extern(let inner)) where inner != .null: "(ref.extern " + text(.ref(inner)) + ")"
        default: DiffText.pattern(v)
        }
    }

    /// The first of the exported globals, memories and tables `names` whose state
    /// differs: what it is and the two states.
    static func stateDifference(_ a: Instance, _ b: Instance, _ names: [String], _ tally: inout EngineTally) -> (String, String, String)? {
        for name in names {
            let x: ExportValue
            let y: ExportValue
            do {
                x = try export(a, name)
                y = try export(b, name)
            } catch {
                return ("export \(name)", "\(error)", "")
            }
            switch (x, y) {
            case (.global(let v), .global(let w)):
                tally.stateChecks += 1
                if !same(v, w) { return ("global \(DiffStep.quoted(name))", text(v), text(w)) }
            case (.memory(let m), .memory(let n)):
                tally.stateChecks += 1
                if let d = firstDifference(m, n) { return ("memory \(DiffStep.quoted(name))", d.0, d.1) }
            case (.table(let t), .table(let u)):
                tally.stateChecks += 1
                if t.count != u.count { return ("table \(DiffStep.quoted(name)) size", "\(t.count)", "\(u.count)") }
                if let i = t.indices.first(where: { !same(t[$0], u[$0]) }) {
                    return ("table \(DiffStep.quoted(name)) element \(i)", DiffText.ref(t[i]), DiffText.ref(u[i]))
                }
            case (.function, .function), (.tag, .tag): break
            default: return ("export \(DiffStep.quoted(name)) kind", "\(x)", "\(y)")
            }
        }
        return nil
    }

    /// Where two memories' bytes differ, described; nil when they are equal. Compared
    /// with memcmp: element-wise comparison is slow in a debug build.
    static func firstDifference(_ m: [UInt8], _ n: [UInt8]) -> (String, String)? {
        if m.count != n.count { return ("\(m.count) bytes", "\(n.count) bytes") }
        let equal = m.withUnsafeBytes { p in
            n.withUnsafeBytes { q in
                guard let p = p.baseAddress, let q = q.baseAddress else { return true }
                return memcmp(p, q, m.count) == 0
            }
        }
        if equal { return nil }
        let i = m.indices.first { m[$0] != n[$0] } ?? 0
        let end = min(i + 16, m.count)
        func bytes(_ b: [UInt8]) -> String {
            "at \(i): " + b[i..<end].map { GenConstants.hex(UInt64($0), digits: 2) }.joined(separator: " ")
        }
        return (bytes(m), bytes(n))
    }

    /// The case's module and its calls up to step `s`, as a script both engines can run
    /// (`wasm-spec-run --engine` ...): plain actions, so that each shows its outcome.
    static func reproducer(_ c: DiffCase, upTo s: Int) -> String {
        var lines = [";; \(c.label)", c.module]
        if s >= 0 { lines += c.steps[...s].map(\.action) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func sanitized(_ label: String) -> String {
        String(label.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" })
    }
}
