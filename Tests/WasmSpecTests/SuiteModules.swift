import WasmSpec

/// Every module the official suite writes, gathered once for the tests that sweep them:
/// text modules as parsed, binary modules as bytes, quoted modules as source text; and
/// the modules of `assert_invalid` again, on their own.
struct SuiteModules: Sendable {
    var text: [Module] = []
    var binary: [[UInt8]] = []
    var quoted: [[UInt8]] = []
    var invalid: [ScriptModule] = []

    static let shared: SuiteModules? = load()

    private static func load() -> SuiteModules? {
        guard let root = SpecSuite.locate(packageRoot: SpecSuiteTests.packageRoot),
            case .success(let files) = SuiteRunner.scriptFiles([root + "/core"])
        else { return nil }
        var modules = SuiteModules()
        for file in files {
            guard let source = FileSystem.read(file.path), let script = try? parseScript(source) else { continue }
            var pending = script
            while let command = pending.popLast() {
                switch command.command {
                case .module(let m): modules.add(m)
                case .script(_, let inner): pending.append(contentsOf: inner)
                case .assertion(let a):
                    if case .invalid(let m, _) = a { modules.invalid.append(m) }
                    switch a {
                    case .malformed(let m, _), .invalid(let m, _), .malformedCustom(let m, _),
                        .invalidCustom(let m, _):
                        modules.add(m)
                    case .unlinkable(.module(let m), _), .uninstantiable(.module(let m), _):
                        modules.add(m)
                    default: break
                    }
                default: break
                }
            }
        }
        return modules
    }

    private mutating func add(_ m: ScriptModule) {
        switch m.source {
        case .text(let module): text.append(module)
        case .binary(let bytes): binary.append(bytes)
        case .quote(let source): quoted.append(source)
        }
    }
}
