// Every module a script writes: the seeds of the fuzz targets, and the modules the
// tests sweep (SuiteModules in WasmSpecTests).

import WasmText

/// The modules of scripts: text modules as parsed, binary modules as bytes, quoted
/// modules as source text; and the modules of `assert_invalid` again, on their own.
package struct ScriptModules: Sendable {
    package var text: [Module] = []
    package var binary: [[UInt8]] = []
    package var quoted: [[UInt8]] = []
    package var invalid: [ScriptModule] = []

    package init() {}

    /// Adds the modules `script` writes, in nested scripts and assertions too.
    package mutating func add(_ script: Script) {
        var pending = script
        while let command = pending.popLast() {
            switch command.command {
            case .module(let m): add(m)
            case .script(_, let inner): pending.append(contentsOf: inner)
            case .assertion(let a):
                if case .invalid(let m, _) = a { invalid.append(m) }
                if let m = a.module { add(m) }
            default: break
            }
        }
    }

    private mutating func add(_ m: ScriptModule) {
        switch m.source {
        case .text(let module): text.append(module)
        case .binary(let bytes): binary.append(bytes)
        case .quote(let source): quoted.append(source)
        }
    }
}
