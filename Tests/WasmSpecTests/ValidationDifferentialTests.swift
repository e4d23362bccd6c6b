// Validation compared with the reference interpreter itself, opt-in: with
// `WASM_REFERENCE_INTERPRETER` naming the reference `wasm` executable, every module of
// the suite's `assert_invalid`s, and mutants of the suite's valid modules, are encoded
// and validated by both (`wasm -d file.wasm`); the verdicts and the full messages must
// be the same. `WASM_VALIDATION_MUTANTS` sets the number of mutants per module (1), and
// `WASM_VALIDATION_SEED` the seed.
//
// Without the reference, the mutants still run through our validator: it must judge
// every one of them without crashing.

import Foundation
import Testing

@testable import WasmSpec
@testable import WasmGenerator

private let referenceInterpreter = ProcessInfo.processInfo.environment["WASM_REFERENCE_INTERPRETER"]
private let mutantsPerModule = Int(ProcessInfo.processInfo.environment["WASM_VALIDATION_MUTANTS"] ?? "") ?? 1
private let seed = UInt64(ProcessInfo.processInfo.environment["WASM_VALIDATION_SEED"] ?? "") ?? 1

@Suite struct ValidationDifferentialTests {
    /// The suite's modules: those of `assert_invalid`, and the valid ones.
    static func suiteModules() throws -> (invalid: [(String, Module)], valid: [(String, Module)]) {
        var invalid: [(String, Module)] = []
        var valid: [(String, Module)] = []
        func walk(_ commands: [ScriptCommand], _ file: String) {
            for c in commands {
                let place = "\(file):\(c.location)"
                switch c.command {
                case .script(_, let inner):
                    walk(inner, file)
                case .assertion(.invalid(let m, _)):
                    if case .module(let module) = ValidationSuiteTests.load(m) { invalid.append((place, module)) }
                case .module(let m), .assertion(.unlinkable(.module(let m), _)),
                    .assertion(.uninstantiable(.module(let m), _)):
                    if case .module(let module) = ValidationSuiteTests.load(m) { valid.append((place, module)) }
                default:
                    break
                }
            }
        }
        for url in ValidationSuiteTests.wastFiles() {
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            walk(try parseScript([UInt8](data)), url.lastPathComponent)
        }
        return (invalid, valid)
    }

    /// The cases: the invalid modules, then mutants of the valid ones.
    static func cases() throws -> [(String, Module)] {
        let (invalid, valid) = try suiteModules()
        var r = SplitMix(state: seed)
        var cases = invalid
        for (place, module) in valid {
            for k in 0 ..< mutantsPerModule {
                cases.append(("\(place) code mutant \(k)", ValidationMutations.mutateCode(module, &r)))
                cases.append(("\(place) module mutant \(k)", ValidationMutations.mutateModule(module, &r)))
            }
        }
        return cases
    }

    static func ours(_ m: Module) -> String {
        do {
            _ = try m.validate()
            return "valid"
        } catch {
            return error.message
        }
    }

    /// The reference's verdict: "valid", its validation message, or nil when it does not
    /// decode the module (then there is nothing to compare).
    static func reference(_ bytes: [UInt8], _ interpreter: String, _ dir: URL) -> String? {
        let file = dir.appendingPathComponent("module.wasm")
        _ = FileManager.default.createFile(atPath: file.path, contents: Data(bytes))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: interpreter)
        p.arguments = ["-d", file.path]
        let pipe = Pipe()
        p.standardError = pipe
        p.standardOutput = pipe
        do { try p.run() } catch { return nil }
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        guard let line = out.split(separator: "\n").first else { return "valid" }
        guard let range = line.range(of: ": validation error: ") else { return nil }
        return String(line[range.upperBound...])
    }

    @Test(.enabled(if: referenceInterpreter != nil, "set WASM_REFERENCE_INTERPRETER to run"))
    func sameVerdictsAsTheReference() throws {
        let interpreter = referenceInterpreter ?? ""
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wasm-validation-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var compared = 0
        var undecodable = 0
        var differences: [String] = []
        for (place, module) in try Self.cases() {
            guard let theirs = Self.reference(module.encode(), interpreter, dir) else {
                undecodable += 1
                continue
            }
            compared += 1
            let mine = Self.ours(module)
            if mine != theirs { differences.append("\(place): ours \"\(mine)\", reference \"\(theirs)\"") }
        }
        print("validation against the reference: \(compared - differences.count)/\(compared) identical, \(undecodable) not decodable by it")
        for d in differences.prefix(50) { print("  " + d) }
        #expect(differences.isEmpty)
    }

    /// Without the reference: mutants of every valid module are judged without crashing,
    /// and the suite's invalid modules stay invalid after an encode and decode.
    @Test func mutantsAreJudged() throws {
        var valid = 0
        var invalid = 0
        for (_, module) in try Self.cases() {
            if Self.ours(module) == "valid" { valid += 1 } else { invalid += 1 }
        }
        print("validation mutants: \(valid) valid, \(invalid) invalid")
        #expect(valid > 0 && invalid > 0)
    }
}
