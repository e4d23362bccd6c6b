// The fuzz targets: what each does with an input. Each executable under Fuzz/Sources
// calls one of these from libFuzzer's callback; `swift test` replays the kept corpus
// (Fuzz/corpus/<target>) through the same functions (FuzzCorpusTests).
//
// A target reports a finding by crashing: a sanitizer report, a fault on a guard page,
// a Swift runtime trap, or `finding(_:)` for a property that does not hold.

import WasmGenerator
import WasmSpec
import WasmText

/// One fuzz target.
package enum FuzzTarget: String, CaseIterable, Sendable {
    /// Decodes a binary module.
    case decode
    /// Parses a text module.
    case parseText
    /// Parses a `.wast` script and runs it under small limits.
    case parseScript
    /// Decodes and validates a binary module.
    case validate
    /// Decodes, encodes and decodes again: the same module; then prints a valid one and
    /// parses the text back: the same module, as far as text can tell.
    case roundTrip
    /// Instantiates a module (decoded or generated) and makes its calls in the
    /// reference engine under small limits.
    case runReference
    /// The same in the compiled engine.
    case runCompiled
    /// The same in both engines, which must agree.
    case differential

    /// The executable's name (`FuzzDecode` for `decode`) and corpus folder.
    package var executable: String { "Fuzz" + rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// Runs the target on one input.
    package func run(_ input: [UInt8]) {
        switch self {
        case .decode: FuzzTarget.decode(input)
        case .parseText: FuzzTarget.parseText(input)
        case .parseScript: FuzzTarget.parseScript(input)
        case .validate: FuzzTarget.validate(input)
        case .roundTrip: FuzzTarget.roundTrip(input)
        case .runReference: FuzzTarget.runOne(input, .reference)
        case .runCompiled: FuzzTarget.runOne(input, .compiled)
        case .differential: FuzzTarget.differential(input)
        }
    }

    static func decode(_ input: [UInt8]) {
        do {
            _ = try Module(binary: input)
            Outcomes.count("decoded")
        } catch {
            Outcomes.count("malformed")
        }
    }

    static func parseText(_ input: [UInt8]) {
        do {
            _ = try Module(text: input)
            Outcomes.count("parsed")
        } catch {
            Outcomes.count("malformed")
        }
    }

    /// The script runs with the run targets' limits, without its `input` and `output`
    /// commands, which read and write files.
    static func parseScript(_ input: [UInt8]) {
        let script: Script
        do {
            script = try WasmText.parseScript(input)
        } catch {
            Outcomes.count("malformed")
            return
        }
        Outcomes.count("parsed")
        var options = RunnerOptions()
        options.limits = Execution.limits(.reference)
        let results = ScriptRunner(options: options).run(withoutFiles(script))
        Outcomes.count(results.isEmpty ? "ran no command" : "ran")
    }

    static func withoutFiles(_ script: Script) -> Script {
        script.compactMap { c in
            switch c.command {
            case .input, .output: return nil
            case .script(let id, let commands): return ScriptCommand(.script(id: id, withoutFiles(commands)), at: c.location)
            default: return c
            }
        }
    }

    static func validate(_ input: [UInt8]) {
        guard let m = try? Module(binary: input) else {
            Outcomes.count("malformed")
            return
        }
        do {
            _ = try m.validate()
            Outcomes.count("valid")
        } catch {
            Outcomes.count("invalid")
        }
    }

    /// The most locals a module may declare for the text round trip: text spells out
    /// each one.
    static let maxPrintedLocals: UInt64 = 100_000

    static func roundTrip(_ input: [UInt8]) {
        guard let m = try? Module(binary: input) else {
            Outcomes.count("malformed")
            return
        }
        let bytes = m.encode()
        guard let again = try? Module(binary: bytes) else { finding("the encoding of a decoded module does not decode") }
        guard again == m else { finding("decode, encode, decode gives a different module") }
        guard (try? m.validate()) != nil else {
            Outcomes.count("binary round trip (invalid)")
            return
        }
        guard let text = try? m.text(maxLocals: maxPrintedLocals) else {
            Outcomes.count("binary round trip (too many locals to print)")
            return
        }
        let parsed: Module
        do {
            parsed = try Module(text: Array(text.utf8))
        } catch {
            finding("the text of a valid module does not parse: \(error)\n\(text)")
        }
        guard parsed.text() == text else { finding("print, parse, print gives a different text:\n\(text)") }
        guard TextEquivalence.normalised(parsed) == TextEquivalence.normalised(m) else {
            finding("print, parse gives a different module:\n\(text)")
        }
        Outcomes.count("binary and text round trip")
    }

    static func runOne(_ input: [UInt8], _ engine: EngineKind) {
        guard let subject = Subject(input) else {
            Outcomes.count("not run (malformed or too large)")
            return
        }
        _ = Execution.run(subject, engine)
    }

    /// Both engines run the subject; their instantiations, calls and exported states
    /// must agree up to where either ran out of steps or stack (which they count
    /// differently).
    static func differential(_ input: [UInt8]) {
        guard let subject = Subject(input) else {
            Outcomes.count("not run (malformed or too large)")
            return
        }
        let a = Execution.run(subject, .reference, observe: true)
        let b = Execution.run(subject, .compiled, observe: true)
        if a.instantiation == "stopped" || b.instantiation == "stopped" { return }
        guard a.instantiation == b.instantiation else {
            finding("instantiation: reference engine \(a.instantiation), compiled engine \(b.instantiation)")
        }
        let n = a.stop == nil && b.stop == nil ? max(a.steps.count, b.steps.count) : min(a.steps.count, b.steps.count)
        for i in 0 ..< n {
            let x = i < a.steps.count ? a.steps[i] : "nothing"
            let y = i < b.steps.count ? b.steps[i] : "nothing"
            guard x == y else {
                finding("step \(i): reference engine \(x), compiled engine \(y)\n\(subject.module.text())")
            }
        }
        Outcomes.count(a.stop == nil && b.stop == nil ? "compared every call" : "compared up to exhaustion")
    }
}
