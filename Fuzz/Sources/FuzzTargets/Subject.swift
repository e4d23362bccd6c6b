// What the run targets run: a module and the calls to make on an instance of it.
//
// An input that starts with the binary format's magic is a module (the suite's modules
// seed these); any other input drives the generator (WasmGenerator's FuzzedProgram),
// which turns it into a valid module that runs, so that most inputs get past the
// decoder and the validator into the engines.

import WasmGenerator
import WasmSpec

/// A module to instantiate and the calls to make on the instance.
package struct Subject {
    /// A call of an export; `nil` arguments are zeros of the parameter types.
    package struct Call {
        package var name: String
        package var arguments: [Value]?
    }

    package var module: Module
    package var calls: [Call]
    /// Whether `reset` is called before each call (generated programs).
    package var resets: Bool
    /// Whether the module was generated: then it must validate and nothing may trap
    /// for a reason other than the program's own.
    package var generated: Bool

    /// The most pages a memory, and elements a table, may have in a run: a decoded module
    /// asking for more has its maximum lowered (so `grow` fails early) or, when its
    /// minimum is larger, is not run. Fuzzing looks for bugs, not for how long the host
    /// takes to fill gigabytes.
    package static let maxPages: UInt64 = 16
    package static let maxTableElements: UInt64 = 10_000

    /// The subject `input` describes, or `nil` for a module that does not decode or
    /// asks for more memory than a run allows.
    package init?(_ input: [UInt8]) {
        if input.starts(with: [0x00, 0x61, 0x73, 0x6D]) {
            guard let m = try? Module(binary: input), let bounded = Subject.bounded(m) else { return nil }
            module = bounded
            calls = Subject.exportedFunctions(bounded).map { Call(name: $0, arguments: nil) }
            resets = false
            generated = false
        } else {
            let program = FuzzedProgram(input)
            do {
                module = try Module(text: Array(program.text.utf8))
            } catch {
                finding("generated module does not parse: \(error)\n\(program.text)")
            }
            calls = program.calls.map { Call(name: $0.name, arguments: $0.arguments) }
            resets = true
            generated = true
        }
    }

    /// The names of a module's exported functions, in order.
    static func exportedFunctions(_ m: Module) -> [String] {
        m.exports.filter { $0.kind == .func }.map(\.name)
    }

    /// `m` with every memory and table held to the run's bounds, or `nil` when one
    /// needs more from the start.
    static func bounded(_ m: Module) -> Module? {
        var m = m
        for i in m.memories.indices {
            let limits = m.memories[i].limits
            guard limits.min <= maxPages else { return nil }
            let cap = min(limits.max ?? maxPages, maxPages)
            if cap >= limits.min { m.memories[i].limits.max = cap }
        }
        for i in m.tables.indices {
            let limits = m.tables[i].type.limits
            guard limits.min <= maxTableElements else { return nil }
            let cap = min(limits.max ?? maxTableElements, maxTableElements)
            if cap >= limits.min { m.tables[i].type.limits.max = cap }
        }
        return m
    }
}
