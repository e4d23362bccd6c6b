// Runs the same calls in WasmSpec and in the reference interpreter and reports where they
// differ.
//
// WasmSpec runs first, in process. Its outcomes become a script for the reference:
// every call it completed becomes an `assert_return` with its exact results (floats as
// bit-exact literals, NaN payloads included), every trap an `assert_trap` with its
// message, every uncaught exception an `assert_exception`. The reference stops at the
// first command that fails; its message says what it saw instead. Many programs share
// one script file, so one process checks many programs; after a failure the next run
// starts with the following program.
//
// The reference checks trap messages by prefix, so for each distinct message (digits
// aside) one extra run ends with a plain `invoke` of a trapping call, and the reference's
// full message must equal ours.

import Foundation
import WasmBinary
import WasmSpec
@testable import WasmGenerator

/// A call of an export with its arguments, as values and as script text.
struct DiffStep {
    enum Kind { case invoke, get }

    var kind: Kind
    var name: String
    var args: [Value]
    var argText: [String]

    static func invoke(_ name: String, _ args: [(Value, String)] = []) -> DiffStep {
        DiffStep(kind: .invoke, name: name, args: args.map(\.0), argText: args.map(\.1))
    }

    static func get(_ name: String) -> DiffStep { DiffStep(kind: .get, name: name, args: [], argText: []) }

    /// A string literal: printable ASCII as is, every other byte as `\\hh`.
    static func quoted(_ s: String) -> String {
        var r = "\""
        for b in s.utf8 {
            if b >= 0x20 && b < 0x7F && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") {
                r.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                r += "\\" + String(b >> 4, radix: 16) + String(b & 15, radix: 16)
            }
        }
        return r + "\""
    }

    var action: String {
        switch kind {
        case .invoke: "(invoke \(DiffStep.quoted(name))\(argText.map { " " + $0 }.joined()))"
        case .get: "(get \(DiffStep.quoted(name)))"
        }
    }
}

/// A module and the calls to make on one instance of it.
struct DiffCase {
    var label: String
    /// The module as a script command: `(module ...)` text or `(module binary "...")`.
    var module: String
    var steps: [DiffStep]
    /// The steps WasmSpec may take per call before giving up (the reference has no such
    /// limit: calls that run out are not compared).
    var fuel: Int
    /// Whether the compiled engine counts `fuel` too. Without a budget it runs its
    /// threaded core (Sources/CWasmSpecThreaded), which it leaves for the step loop
    /// whenever steps are counted; only programs that always end may run so.
    var meterCompiled = true
    /// How WasmSpec instantiates the module, under the given limits.
    var load: (ExecutionLimits) throws(WasmError) -> Instance
}

/// What WasmSpec did for one step.
enum DiffOutcome: Equatable {
    case values([Value])
    case trap(String)
    /// An uncaught exception, with WasmSpec's message.
    case exception(String)
    /// Call stack exhaustion that does not depend on where the limit is: the call
    /// exhausts WasmSpec's stack at a depth of 200 and at 100,000 alike.
    case exhaustion(String)
    /// The step and the rest are not compared: a depth or step limit of ours (whose
    /// counterpart in the reference differs) was reached.
    case unknown(String)

    var description: String {
        switch self {
        case .values(let vs): "returned " + vs.map(DiffText.pattern).joined(separator: " ")
        case .trap(let m): "trap \"\(m)\""
        case .exception(let m): "exception \"\(m)\""
        case .exhaustion(let m): "exhaustion \"\(m)\""
        case .unknown(let m): "not compared (\(m))"
        }
    }
}

/// A difference between the two interpreters.
struct DiffMismatch: CustomStringConvertible {
    var label: String
    var step: String
    var ours: String
    var reference: String
    var module: String

    var description: String {
        "\(label): \(step)\n    WasmSpec:  \(ours)\n    reference: \(reference)"
    }
}

/// Totals of a comparison.
struct DiffTally {
    var cases = 0
    var steps = 0
    var traps = 0
    var exceptions = 0
    var exhaustions = 0
    var notCompared = 0
    var messagesChecked = 0
    var rejectedByUs = 0
    var mismatches: [DiffMismatch] = []
    /// Runs the reference itself could not finish (it crashed or timed out).
    var referenceFailures: [String] = []

    mutating func add(_ o: DiffTally) {
        cases += o.cases
        steps += o.steps
        traps += o.traps
        exceptions += o.exceptions
        exhaustions += o.exhaustions
        notCompared += o.notCompared
        messagesChecked += o.messagesChecked
        rejectedByUs += o.rejectedByUs
        mismatches += o.mismatches
        referenceFailures += o.referenceFailures
    }

    var summary: String {
        "\(cases) modules, \(steps) calls compared (\(traps) traps, \(exceptions) exceptions, \(exhaustions) exhaustions, "
            + "\(messagesChecked) messages checked in full), \(notCompared) calls not compared, "
            + "\(rejectedByUs) modules WasmSpec rejected, \(referenceFailures.count) cases the reference could not run, "
            + "\(mismatches.count) mismatches"
    }
}

/// Script text for values.
enum DiffText {
    static func argument(_ v: Value, _ t: GenType) -> String {
        switch v {
        case .i32, .i64, .f32, .f64, .v128: return pattern(v)
        case .ref(.host(let n)): return "(ref.host \(n))"
        case .ref(.extern(.host(let n))): return "(ref.extern \(n))"
        case .ref:
            switch t {
            case .funcref: return "(ref.null func)"
            case .externref: return "(ref.null extern)"
            case .exnref: return "(ref.null exn)"
            case .funcRef: return "(ref.null nofunc)"
            default: return "(ref.null none)"
            }
        }
    }

    /// A result pattern that only this value matches (references: by kind).
    static func pattern(_ v: Value) -> String {
        switch v {
        case .i32(let x): "(i32.const \(Int32(bitPattern: x)))"
        case .i64(let x): "(i64.const \(Int64(bitPattern: x)))"
        case .f32(let x): "(f32.const \(GenConstants.f32Text(x)))"
        case .f64(let x): "(f64.const \(GenConstants.f64Text(x)))"
        case .v128(let x): "(v128.const \(GenConstants.v128Text(x)))"
        case .ref(let r): ref(r)
        }
    }

    static func ref(_ r: Ref) -> String {
        switch r {
        case .null: "(ref.null)"
        case .i31: "(ref.i31)"
        case .host(let n): "(ref.host \(n))"
        case .extern(.host(let n)): "(ref.extern \(n))"
        case .extern: "(ref.extern)"
        case .object(let o):
            switch o.kind {
            case .function: "(ref.func)"
            case .struct: "(ref.struct)"
            case .array: "(ref.array)"
            case .exception: "(ref.exn)"
            }
        }
    }

    /// A random argument of type `t`.
    static func randomArgument(_ t: GenType, _ rng: inout SplitMix) -> (Value, String) {
        let v = FuzzedProgram.argument(t, &rng)
        return (v, argument(v, t))
    }
}

/// The reference interpreter as a process.
struct ReferenceInterpreter {
    var path: String
    var directory: URL
    var timeout: TimeInterval = 60

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        var timedOut: Bool
    }

    func run(_ script: String, name: String = "diff.wast") -> Output {
        let file = directory.appendingPathComponent(name)
        let out = directory.appendingPathComponent(name + ".out")
        let err = directory.appendingPathComponent(name + ".err")
        _ = FileManager.default.createFile(atPath: file.path, contents: Data(script.utf8))
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = [file.path]
        p.currentDirectoryURL = directory
        guard let o = try? FileHandle(forWritingTo: out), let e = try? FileHandle(forWritingTo: err) else {
            return Output(status: -1, stdout: "", stderr: "cannot write output files", timedOut: false)
        }
        p.standardOutput = o
        p.standardError = e
        let done = DispatchSemaphore(value: 0)
        p.terminationHandler = { _ in done.signal() }
        do { try p.run() } catch {
            return Output(status: -1, stdout: "", stderr: "cannot run \(path): \(error)", timedOut: false)
        }
        var timedOut = false
        if done.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            p.terminate()
            done.wait()
        }
        try? o.close()
        try? e.close()
        let stdout = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        return Output(status: p.terminationStatus, stdout: stdout, stderr: stderr, timedOut: timedOut)
    }
}

/// Compares cases between WasmSpec and the reference.
struct DifferentialHarness {
    var reference: ReferenceInterpreter
    /// Cases per reference run.
    var batchSize = 40
    /// Extra runs that check full trap messages, at most.
    var messageChecks = 150
    private var checkedMessages: Set<String> = []

    init(reference: ReferenceInterpreter) {
        self.reference = reference
    }

    /// The call depth WasmSpec runs with: below the reference's (256), so that a call
    /// that completes here completes there.
    static let depth = 200

    /// WasmSpec's outcomes of a case, or why it does not instantiate. A call that
    /// exhausts the call stack is run again, after the same calls, with room for 100,000
    /// frames: if that exhausts too, the recursion does not end and the reference must
    /// exhaust as well; otherwise the outcome depends on the limit and is not compared.
    /// Nothing after an exhaustion is compared: the state it leaves depends on the depth.
    static func ours(_ c: DiffCase) -> Result<[DiffOutcome], WasmError> {
        let limits = ExecutionLimits(maxCallDepth: depth, fuel: c.fuel)
        let instance: Instance
        do { instance = try c.load(limits) } catch { return .failure(error) }
        var outcomes: [DiffOutcome] = []
        for (s, step) in c.steps.enumerated() {
            if let last = outcomes.last {
                switch last {
                case .unknown, .exhaustion:
                    outcomes.append(.unknown("after a call not compared"))
                    continue
                default: break
                }
            }
            switch perform(step, instance) {
            case .failure(.exhaustion(let m)) where m == "call stack exhausted":
                outcomes.append(deepOutcome(c, upTo: s))
            case .failure(let error):
                switch error {
                case .trap(let m): outcomes.append(.trap(m))
                case .exception(let m): outcomes.append(.exception(m))
                default: outcomes.append(.unknown(error.description))
                }
            case .success(let vs): outcomes.append(.values(vs))
            }
        }
        return .success(outcomes)
    }

    static func perform(_ step: DiffStep, _ instance: Instance) -> Result<[Value], WasmError> {
        switch step.kind {
        case .get:
            do {
                if case .global(let v) = try export(instance, step.name) { return .success([v]) }
                return .failure(.usage("not a global"))
            } catch {
                return .failure(error)
            }
        case .invoke:
            do { return .success(try interpret(instance, step.name, step.args)) } catch { return .failure(error) }
        }
    }

    /// Step `s` run after the steps before it with a deep call stack: exhaustion there
    /// too is comparable.
    static func deepOutcome(_ c: DiffCase, upTo s: Int) -> DiffOutcome {
        let deep = ExecutionLimits(maxCallDepth: 100_000, fuel: c.fuel)
        guard let instance = try? c.load(deep) else { return .unknown("does not instantiate again") }
        for step in c.steps[..<s] { _ = perform(step, instance) }
        if case .failure(.exhaustion(let m)) = perform(c.steps[s], instance), m == "call stack exhausted" {
            return .exhaustion(m)
        }
        return .unknown("call stack exhausted at depth \(depth) only")
    }

    /// The script command that checks one step.
    static func command(_ step: DiffStep, _ outcome: DiffOutcome) -> String? {
        switch outcome {
        case .values(let vs):
            if step.kind == .invoke && vs.isEmpty { return step.action }
            return "(assert_return \(step.action)\(vs.map { " " + DiffText.pattern($0) }.joined()))"
        case .trap(let m): return "(assert_trap \(step.action) \"\(escape(m))\")"
        case .exception: return "(assert_exception \(step.action))"
        case .exhaustion(let m): return "(assert_exhaustion \(step.action) \"\(escape(m))\")"
        case .unknown: return nil
        }
    }

    static func escape(_ s: String) -> String {
        var r = ""
        for c in s.unicodeScalars {
            switch c {
            case "\"": r += "\\\""
            case "\\": r += "\\\\"
            default: r.unicodeScalars.append(c)
            }
        }
        return r
    }

    /// The script of a case: its module and the commands for its first `count` steps
    /// (all of them when nil), up to the first step not compared.
    static func script(_ c: DiffCase, _ outcomes: [DiffOutcome], count: Int? = nil) -> [String] {
        var lines = [c.module]
        for s in 0..<min(count ?? c.steps.count, c.steps.count) {
            guard let cmd = command(c.steps[s], outcomes[s]) else { break }
            lines.append(cmd)
        }
        return lines
    }

    /// How a reference run ended when it did not succeed.
    struct Failure {
        /// The script line of the failing command, when the reference names it (only
        /// assertion failures do; traps and exceptions name the instruction).
        var line: Int?
        /// "category: message", e.g. "runtime trap: integer overflow".
        var message: String
        /// What the reference printed about the values it saw.
        var detail: String?
        /// The reference itself failed (an OCaml exception, a timeout): not a verdict.
        var crashed: Bool
    }

    static let categories = [
        "assertion failure", "runtime trap", "uncaught exception", "resource exhaustion", "validation error",
        "link failure", "syntax error", "decoding error", "runtime crash", "script error", "i/o error",
    ]

    /// The reference's verdict on a script: nil when every command passed.
    func run(_ lines: [String], name: String = "diff.wast") -> Failure? {
        let out = reference.run(lines.joined(separator: "\n") + "\n", name: name)
        if out.status == 0 && !out.timedOut { return nil }
        if out.timedOut { return Failure(line: nil, message: "timed out", detail: nil, crashed: true) }
        let first = out.stderr.split(separator: "\n").first.map(String.init) ?? ""
        for category in Self.categories {
            guard let r = first.range(of: ": " + category + ": ") else { continue }
            let message = String(first[first.index(r.lowerBound, offsetBy: 2)...])
            var line: Int? = nil
            // "file:LINE.COL-LINE.COL: category: message", when the location is in the script.
            let location = first[..<r.lowerBound]
            if let colon = location.lastIndex(of: ":"), location[..<colon].hasSuffix(name),
                let dot = location[colon...].firstIndex(of: "."),
                let l = Int(location[location.index(after: colon)..<dot])
            {
                line = l
            }
            let detail = out.stdout.split(separator: "\n").last { $0.hasPrefix("Result:") }.map(String.init)
            return Failure(line: category == "assertion failure" ? line : nil, message: message, detail: detail, crashed: false)
        }
        return Failure(line: nil, message: String(out.stderr.prefix(200)), detail: nil, crashed: true)
    }

    /// The first step of a case the reference does not confirm (nil: the module), and how.
    func firstFailure(_ c: DiffCase, _ outcomes: [DiffOutcome]) -> (step: Int?, failure: Failure)? {
        let full = Self.script(c, outcomes)
        guard let f = run(full) else { return nil }
        if let line = f.line {
            // The module's lines come first, then one line per step.
            let step = line - c.module.split(separator: "\n", omittingEmptySubsequences: false).count - 1
            if step >= 0 && step < full.count - 1 { return (step, f) }
        }
        // Bisect on the number of steps: the shortest failing prefix ends at the culprit.
        var lo = 0
        var hi = full.count - 1
        var failure = f
        while lo < hi {
            let mid = (lo + hi) / 2
            if let g = run(Self.script(c, outcomes, count: mid + 1)) {
                hi = mid
                failure = g
            } else {
                lo = mid + 1
            }
        }
        if lo == 0, let g = run([c.module]) { return (nil, g) }
        return (lo, failure)
    }

    /// Compares the cases; returns the tally.
    mutating func compare(_ cases: [DiffCase]) -> DiffTally {
        var tally = DiffTally()
        var prepared: [(DiffCase, [DiffOutcome])] = []
        for c in cases {
            switch Self.ours(c) {
            case .success(let outcomes): prepared.append((c, outcomes))
            case .failure(let error):
                tally.rejectedByUs += 1
                // A module we reject must be rejected by the reference too.
                if run([c.module]) == nil {
                    tally.mismatches.append(DiffMismatch(
                        label: c.label, step: "module", ours: error.description,
                        reference: "accepted and instantiated", module: c.module))
                }
            }
        }
        var start = 0
        while start < prepared.count {
            let batch = Array(prepared[start..<min(start + batchSize, prepared.count)])
            var lines: [String] = []
            var lineCase: [Int] = []
            for (i, (c, outcomes)) in batch.enumerated() {
                for l in Self.script(c, outcomes) {
                    lines.append(l)
                    lineCase += Array(repeating: i, count: l.split(separator: "\n", omittingEmptySubsequences: false).count)
                }
            }
            var failed = batch.count
            if let f = run(lines) {
                if let line = f.line, line >= 1, line <= lineCase.count {
                    failed = lineCase[line - 1]
                } else {
                    // Traps and crashes do not say where: find the case alone.
                    failed = batch.indices.first { run(Self.script(batch[$0].0, batch[$0].1)) != nil } ?? batch.count
                }
            }
            for (c, outcomes) in batch.prefix(failed) { confirm(c, outcomes, &tally) }
            if failed < batch.count {
                let (c, outcomes) = batch[failed]
                if let (step, f) = firstFailure(c, outcomes) {
                    if f.crashed {
                        tally.referenceFailures.append("\(c.label): \(f.message)")
                    } else {
                        var theirs = f.message + (f.detail.map { " (" + $0 + ")" } ?? "")
                        if let s = step, f.message.hasPrefix("assertion failure") {
                            theirs += "; as a plain call: " + plainOutcome(c, outcomes, upTo: s)
                        }
                        tally.mismatches.append(DiffMismatch(
                            label: c.label, step: step.map { c.steps[$0].action } ?? "module",
                            ours: step.map { outcomes[$0].description } ?? "instantiated",
                            reference: theirs, module: c.module))
                    }
                } else {
                    // Passes alone: the batch failed for another reason.
                    confirm(c, outcomes, &tally)
                }
            }
            start += min(failed + 1, batch.count)
        }
        return tally
    }

    /// Counts a case the reference confirmed, and checks its trap messages in full.
    private mutating func confirm(_ c: DiffCase, _ outcomes: [DiffOutcome], _ tally: inout DiffTally) {
        tally.cases += 1
        for (s, o) in outcomes.enumerated() {
            switch o {
            case .values: tally.steps += 1
            case .trap(let m):
                tally.steps += 1
                tally.traps += 1
                checkMessage(c, outcomes, s, "runtime trap: " + m, &tally)
            case .exception(let m):
                tally.steps += 1
                tally.exceptions += 1
                checkMessage(c, outcomes, s, "uncaught exception: " + m, &tally)
            case .exhaustion(let m):
                tally.steps += 1
                tally.exhaustions += 1
                checkMessage(c, outcomes, s, "resource exhaustion: " + m, &tally)
            case .unknown: tally.notCompared += 1
            }
        }
    }

    /// Runs a case up to step `s`, that step as a plain action, and returns what the
    /// reference said of it: its error, or the values it printed.
    func plainOutcome(_ c: DiffCase, _ outcomes: [DiffOutcome], upTo s: Int) -> String {
        var lines = Self.script(c, outcomes, count: s)
        lines.append(c.steps[s].action)
        if let f = run(lines, name: "plain.wast") { return f.message }
        let out = reference.run(lines.joined(separator: "\n") + "\n", name: "plain.wast")
        let printed = out.stdout.split(separator: "\n").last.map(String.init) ?? "(nothing printed)"
        return "returned " + printed
    }

    /// Checks the message of a trap or an uncaught exception in full ("category:
    /// message", as the reference reports it), once per message shape.
    mutating func checkMessage(_ c: DiffCase, _ outcomes: [DiffOutcome], _ s: Int, _ message: String, _ tally: inout DiffTally) {
        // Numbers stand for their sign and size: a short index and a 20-digit one are
        // written by different code paths.
        var shape = ""
        var digits = 0
        for c in message.unicodeScalars + [" "] {
            if ("0"..."9").contains(c) {
                digits += 1
                continue
            }
            if digits > 0 { shape += digits < 10 ? "#" : "##" }
            digits = 0
            shape.unicodeScalars.append(c)
        }
        guard checkedMessages.count < messageChecks, !checkedMessages.contains(shape) else { return }
        checkedMessages.insert(shape)
        tally.messagesChecked += 1
        let theirs = plainOutcome(c, outcomes, upTo: s)
        if theirs != message && !theirs.hasPrefix("timed out") {
            tally.mismatches.append(DiffMismatch(
                label: c.label, step: c.steps[s].action, ours: message, reference: theirs, module: c.module))
        }
    }
}

extension DifferentialHarness {
    /// A generated program as a case: `reset` before each call of a random export with
    /// random arguments, then the memory digest and the mutable globals.
    static func generatedCase(seed: UInt64, features: GenFeatures? = nil, calls: Int = 8) -> DiffCase {
        let generator = ProgramGenerator(seed: seed, features: features ?? GenFeatures.random(seed: seed))
        let program = generator.generate(seed: seed)
        var rng = SplitMix(seed: seed ^ 0x5EED)
        var steps: [DiffStep] = []
        if !program.exports.isEmpty {
            for _ in 0..<calls {
                let (name, params) = rng.pick(program.exports)
                steps.append(.invoke("reset"))
                steps.append(.invoke(name, params.map { DiffText.randomArgument($0, &rng) }))
            }
        }
        steps.append(.invoke("hash"))
        for (name, _) in program.globals { steps.append(.get(name)) }
        let text = program.text
        return DiffCase(
            label: "seed \(seed)", module: text, steps: steps,
            fuel: 20_000_000,
                load: { (limits: ExecutionLimits) throws(WasmError) -> Instance in try WasmSpec.instantiate(text: text, limits: limits) })
    }
}
