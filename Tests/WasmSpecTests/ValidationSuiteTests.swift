import Foundation
import Testing

@testable import WasmSpec

/// The official test suite, validation part: every module of an `assert_invalid` fails
/// validation with a message starting with the expected one, and every other module
/// that is not asserted malformed validates.
@Suite struct ValidationSuiteTests {
    /// Where the suite is: `WASM_SPECTESTS`, `spectests/suite` in the package,
    /// `../shared/spectests` beside it, or `/work/shared/spectests`; its `core` part.
    static func suiteDirectory() -> URL? {
        let fm = FileManager.default
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["WASM_SPECTESTS"] {
            candidates.append(URL(fileURLWithPath: env))
        }
        candidates.append(package.appendingPathComponent("spectests/suite"))
        candidates.append(package.appendingPathComponent("../shared/spectests"))
        candidates.append(package.appendingPathComponent("../../shared/spectests"))
        candidates.append(URL(fileURLWithPath: "/work/shared/spectests"))
        for c in candidates where fm.fileExists(atPath: c.path) {
            let core = c.appendingPathComponent("core")
            return fm.fileExists(atPath: core.path) ? core : c
        }
        return nil
    }

    static func wastFiles() -> [URL] {
        guard let dir = suiteDirectory(),
            let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)
        else { return [] }
        var files: [URL] = []
        for case let u as URL in e where u.pathExtension == "wast" { files.append(u) }
        return files.sorted { $0.path < $1.path }
    }

    struct Counts {
        var files = 0
        var invalid = 0
        var invalidPassed = 0
        var valid = 0
        var validPassed = 0
        /// Modules the text parser or binary decoder could not produce: not ours to judge.
        var notLoaded = 0
        var failures: [String] = []
    }

    enum Loaded {
        case module(Module)
        case failed(String)
    }

    static func load(_ m: ScriptModule) -> Loaded {
        switch m.source {
        case .text(let module):
            return .module(module)
        case .binary(let bytes):
            do { return .module(try Module(binary: bytes)) } catch { return .failed("\(error)") }
        case .quote(let bytes):
            do { return .module(try Module(text: bytes)) } catch { return .failed("\(error)") }
        }
    }

    static func check(_ commands: [ScriptCommand], file: String, _ counts: inout Counts) {
        func mustValidate(_ m: ScriptModule) {
            guard case .module(let module) = load(m) else {
                counts.notLoaded += 1
                return
            }
            counts.valid += 1
            do {
                _ = try module.validate()
                counts.validPassed += 1
            } catch {
                counts.failures.append("\(file):\(m.location): expected valid, got \"\(error.message)\"")
            }
        }
        for c in commands {
            switch c.command {
            case .module(let m):
                mustValidate(m)
            case .script(_, let inner):
                check(inner, file: file, &counts)
            case .assertion(.invalid(let m, let expected)):
                guard case .module(let module) = load(m) else {
                    counts.notLoaded += 1
                    counts.failures.append("\(file):\(c.location): module of assert_invalid not loaded")
                    continue
                }
                counts.invalid += 1
                do {
                    _ = try module.validate()
                    counts.failures.append("\(file):\(c.location): validated, expected \"\(expected)\"")
                } catch {
                    if error.message.hasPrefix(expected) {
                        counts.invalidPassed += 1
                    } else {
                        counts.failures.append(
                            "\(file):\(c.location): got \"\(error.message)\", expected \"\(expected)\"")
                    }
                }
            case .assertion(.unlinkable(.module(let m), _)), .assertion(.uninstantiable(.module(let m), _)):
                mustValidate(m)
            default:
                break
            }
        }
    }

    @Test func suite() throws {
        let files = Self.wastFiles()
        try #require(!files.isEmpty, "the test suite was not found")
        var counts = Counts()
        for url in files {
            let name = url.lastPathComponent
            guard let data = FileManager.default.contents(atPath: url.path) else {
                counts.failures.append("\(name): unreadable")
                continue
            }
            counts.files += 1
            let script: Script
            do {
                script = try parseScript([UInt8](data))
            } catch {
                counts.failures.append("\(name): does not parse: \(error)")
                continue
            }
            Self.check(script, file: name, &counts)
        }
        print(
            "validation suite: \(counts.files) files; assert_invalid \(counts.invalidPassed)/\(counts.invalid); "
                + "valid modules \(counts.validPassed)/\(counts.valid); not loaded \(counts.notLoaded)")
        for f in counts.failures { print("  " + f) }
        #expect(counts.failures.isEmpty)
        #expect(counts.invalid > 0 && counts.valid > 0)
    }
}
