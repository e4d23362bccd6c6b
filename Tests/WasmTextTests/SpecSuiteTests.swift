import Foundation
import Testing
import WasmText

/// Where the official test suite is: `WASM_SPECTESTS`, `spectests/suite` in the package,
/// `../shared/spectests` beside it, or `/work/shared/spectests`.
func specTestsDirectory() -> URL? {
    let fm = FileManager.default
    let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
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

func wastFiles() -> [URL] {
    guard let dir = specTestsDirectory(),
        let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)
    else { return [] }
    var files: [URL] = []
    for case let u as URL in e where u.pathExtension == "wast" { files.append(u) }
    return files.sorted { $0.path < $1.path }
}

/// Counts of what the suite test checked.
struct SuiteCounts {
    var files = 0
    var filesParsed = 0
    var malformedQuote = 0
    var malformedQuotePassed = 0
    var otherQuote = 0
    var otherQuoteParsed = 0
    var textModules = 0
    var failures: [String] = []
}

func checkQuotes(_ cmds: [ScriptCommand], file: String, _ counts: inout SuiteCounts) {
    func quoteMustParse(_ m: ScriptModule) {
        if case .quote(let bytes) = m.source {
            counts.otherQuote += 1
            do {
                _ = try Module(text: bytes)
                counts.otherQuoteParsed += 1
            } catch {
                counts.failures.append("\(file):\(m.location): quoted module fails: \(error)")
            }
        } else if case .text = m.source {
            counts.textModules += 1
        }
    }
    for c in cmds {
        switch c.command {
        case .module(let m): quoteMustParse(m)
        case .script(_, let inner): checkQuotes(inner, file: file, &counts)
        case .assertion(let a):
            switch a {
            case .malformed(let m, let expected):
                guard case .quote(let bytes) = m.source else { continue }
                counts.malformedQuote += 1
                do {
                    _ = try Module(text: bytes)
                    counts.failures.append("\(file):\(c.location): parsed, expected \"\(expected)\"")
                } catch {
                    if error.message.hasPrefix(expected) && !error.isCustom {
                        counts.malformedQuotePassed += 1
                    } else {
                        counts.failures.append(
                            "\(file):\(c.location): got \"\(error.message)\", expected \"\(expected)\"")
                    }
                }
            case .invalid(let m, _), .malformedCustom(let m, _), .invalidCustom(let m, _):
                quoteMustParse(m)
            case .unlinkable(let s, _), .uninstantiable(let s, _):
                if case .module(let m) = s { quoteMustParse(m) }
            default:
                break
            }
        default:
            break
        }
    }
}

@Suite struct SpecSuiteTests {
    @Test func everyScriptParsesAndEveryQuotedModuleBehaves() throws {
        let files = wastFiles()
        try #require(!files.isEmpty, "spec test suite not found")
        var counts = SuiteCounts()
        let clock = ContinuousClock()
        var parseTime = Duration.zero
        for f in files {
            counts.files += 1
            let bytes = try [UInt8](Data(contentsOf: f))
            let name = f.lastPathComponent
            do {
                var script: Script = []
                parseTime += try clock.measure { script = try parseScript(bytes) }
                counts.filesParsed += 1
                checkQuotes(script, file: name, &counts)
            } catch let e as TextError {
                counts.failures.append("\(name): script fails: \(e)")
            }
        }
        print(
            "spec suite: \(counts.filesParsed)/\(counts.files) files parsed in \(parseTime); "
                + "\(counts.malformedQuotePassed)/\(counts.malformedQuote) quoted assert_malformed fail as expected; "
                + "\(counts.otherQuoteParsed)/\(counts.otherQuote) other quoted modules parse; "
                + "\(counts.textModules) text modules")
        for f in counts.failures.prefix(200) { print("  " + f) }
        #expect(counts.failures.isEmpty, "\(counts.failures.count) failures")
        #expect(counts.files == counts.filesParsed)
    }
}
