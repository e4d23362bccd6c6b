import FuzzTargets
import WasmSpec

/// Every module the official suite writes, gathered once for the tests that sweep them:
/// text modules as parsed, binary modules as bytes, quoted modules as source text, and
/// the modules of `assert_invalid` on their own.
typealias SuiteModules = ScriptModules

extension ScriptModules {
    static let shared: SuiteModules? = load()

    private static func load() -> SuiteModules? {
        guard let root = SpecSuite.locate(packageRoot: SpecSuiteTests.packageRoot),
            case .success(let files) = SuiteRunner.scriptFiles([root + "/core"])
        else { return nil }
        var modules = SuiteModules()
        for file in files {
            guard let source = FileSystem.read(file.path), let script = try? parseScript(source) else { continue }
            modules.add(script)
        }
        return modules
    }
}
