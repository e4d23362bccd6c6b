// A small, self-contained reader for `.wast` scripts: just enough S-expression
// structure to find `(module binary "...")` forms and the assertions around them, while
// the real text parser is written elsewhere.

import Foundation

/// An S-expression of a `.wast` script.
enum SExpr {
    case atom(String)
    /// A string literal, unescaped to its bytes.
    case string([UInt8])
    indirect case list([SExpr])

    var atom: String? {
        if case .atom(let a) = self { return a }
        return nil
    }

    var list: [SExpr]? {
        if case .list(let l) = self { return l }
        return nil
    }

    var string: [UInt8]? {
        if case .string(let s) = self { return s }
        return nil
    }
}

struct WastSyntaxError: Error, CustomStringConvertible {
    var description: String
}

enum WastScanner {
    /// Reads all top-level S-expressions of a script. Nesting is tracked with an explicit
    /// stack.
    static func parse(_ text: [UInt8]) throws -> [SExpr] {
        var stack: [[SExpr]] = [[]]
        var i = 0
        let n = text.count
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
        while i < n {
            let c = text[i]
            if isSpace(c) {
                i += 1
            } else if c == UInt8(ascii: ";") && i + 1 < n && text[i + 1] == UInt8(ascii: ";") {
                while i < n && text[i] != 0x0A { i += 1 }
            } else if c == UInt8(ascii: "(") && i + 1 < n && text[i + 1] == UInt8(ascii: ";") {
                // Block comment, nesting.
                var depth = 1
                i += 2
                while i < n && depth > 0 {
                    if text[i] == UInt8(ascii: "(") && i + 1 < n && text[i + 1] == UInt8(ascii: ";") {
                        depth += 1
                        i += 2
                    } else if text[i] == UInt8(ascii: ";") && i + 1 < n && text[i + 1] == UInt8(ascii: ")") {
                        depth -= 1
                        i += 2
                    } else {
                        i += 1
                    }
                }
            } else if c == UInt8(ascii: "(") {
                stack.append([])
                i += 1
            } else if c == UInt8(ascii: ")") {
                guard stack.count > 1, let done = stack.popLast() else {
                    throw WastSyntaxError(description: "unbalanced ) at \(i)")
                }
                stack[stack.count - 1].append(.list(done))
                i += 1
            } else if c == UInt8(ascii: "\"") {
                i += 1
                var bytes: [UInt8] = []
                while true {
                    guard i < n else { throw WastSyntaxError(description: "unterminated string") }
                    let d = text[i]
                    if d == UInt8(ascii: "\"") {
                        i += 1
                        break
                    }
                    if d != UInt8(ascii: "\\") {
                        bytes.append(d)
                        i += 1
                        continue
                    }
                    guard i + 1 < n else { throw WastSyntaxError(description: "bad escape") }
                    let e = text[i + 1]
                    i += 2
                    switch e {
                    case UInt8(ascii: "n"): bytes.append(0x0A)
                    case UInt8(ascii: "t"): bytes.append(0x09)
                    case UInt8(ascii: "r"): bytes.append(0x0D)
                    case UInt8(ascii: "\\"): bytes.append(0x5C)
                    case UInt8(ascii: "'"): bytes.append(0x27)
                    case UInt8(ascii: "\""): bytes.append(0x22)
                    case UInt8(ascii: "u"):
                        guard i < n, text[i] == UInt8(ascii: "{"),
                            let close = text[i...].firstIndex(of: UInt8(ascii: "}")),
                            let cp = UInt32(String(decoding: text[(i + 1)..<close], as: UTF8.self)
                                .replacingOccurrences(of: "_", with: ""), radix: 16),
                            let scalar = Unicode.Scalar(cp)
                        else { throw WastSyntaxError(description: "bad \\u escape") }
                        bytes.append(contentsOf: Array(String(Character(scalar)).utf8))
                        i = close + 1
                    default:
                        guard i < n, let hi = hexValue(e), let lo = hexValue(text[i]) else {
                            throw WastSyntaxError(description: "bad escape \\\(Character(Unicode.Scalar(e)))")
                        }
                        bytes.append(hi << 4 | lo)
                        i += 1
                    }
                }
                stack[stack.count - 1].append(.string(bytes))
            } else {
                let start = i
                while i < n, !isSpace(text[i]), text[i] != UInt8(ascii: "("),
                    text[i] != UInt8(ascii: ")"), text[i] != UInt8(ascii: "\"")
                {
                    i += 1
                }
                stack[stack.count - 1].append(.atom(String(decoding: text[start..<i], as: UTF8.self)))
            }
        }
        guard stack.count == 1 else { throw WastSyntaxError(description: "unbalanced (") }
        return stack[0]
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The bytes of a `(module $id? definition? binary "..."*)` form, or `nil` for other
    /// module forms.
    static func binaryModule(_ e: SExpr) -> [UInt8]? {
        guard let items = e.list, items.first?.atom == "module" else { return nil }
        var k = 1
        while k < items.count, let a = items[k].atom, a.hasPrefix("$") || a == "definition" {
            k += 1
        }
        guard k < items.count, items[k].atom == "binary" else { return nil }
        var bytes: [UInt8] = []
        for item in items[(k + 1)...] {
            guard let s = item.string else { return nil }
            bytes += s
        }
        return bytes
    }
}

/// A binary module found in a script, with the command around it.
struct BinaryModuleCase {
    var file: String
    /// The head of the enclosing command (`assert_malformed`, ...), or `module` at top level.
    var command: String
    var bytes: [UInt8]
    /// For assertions: the expected message.
    var message: String?
    /// Index of the case within its file, for reporting.
    var ordinal: Int
}

enum SpecSuite {
    /// The `core` directory of the official test suite, from `WASM_SPECTESTS`, the package's
    /// `spectests/suite`, `../shared/spectests`, or `/work/shared/spectests`.
    static func coreDirectory() -> URL? {
        let fm = FileManager.default
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["WASM_SPECTESTS"], !env.isEmpty {
            candidates.append(URL(fileURLWithPath: env))
        }
        candidates.append(packageRoot.appendingPathComponent("spectests/suite"))
        candidates.append(packageRoot.appendingPathComponent("../shared/spectests"))
        candidates.append(URL(fileURLWithPath: "/work/shared/spectests"))
        for root in candidates {
            var isDir: ObjCBool = false
            let core = root.appendingPathComponent("core")
            if fm.fileExists(atPath: core.path, isDirectory: &isDir), isDir.boolValue {
                return core.standardizedFileURL
            }
            if fm.fileExists(atPath: root.path, isDirectory: &isDir), isDir.boolValue,
                (try? fm.contentsOfDirectory(atPath: root.path))?.contains(where: { $0.hasSuffix(".wast") })
                    == true
            {
                return root.standardizedFileURL
            }
        }
        return nil
    }

    /// All `.wast` files below the directory, sorted.
    static func wastFiles(in dir: URL) -> [URL] {
        guard let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) else {
            return []
        }
        var files: [URL] = []
        for case let url as URL in e where url.pathExtension == "wast" { files.append(url) }
        return files.sorted { $0.path < $1.path }
    }

    /// Every binary module in the suite with its enclosing command.
    static func binaryModuleCases() throws -> [BinaryModuleCase]? {
        guard let core = coreDirectory() else { return nil }
        var cases: [BinaryModuleCase] = []
        for url in wastFiles(in: core) {
            let text = try [UInt8](Data(contentsOf: url))
            let name = String(url.path.dropFirst(core.path.count + 1))
            var ordinal = 0
            for command in try WastScanner.parse(text) {
                guard let items = command.list, let head = items.first?.atom else { continue }
                if let bytes = WastScanner.binaryModule(command) {
                    cases.append(
                        BinaryModuleCase(file: name, command: "module", bytes: bytes, message: nil, ordinal: ordinal))
                    ordinal += 1
                    continue
                }
                for (k, item) in items.enumerated() {
                    guard let bytes = WastScanner.binaryModule(item) else { continue }
                    let message = items[(k + 1)...].lazy.compactMap(\.string).first
                        .map { String(decoding: $0, as: UTF8.self) }
                    cases.append(
                        BinaryModuleCase(file: name, command: head, bytes: bytes, message: message, ordinal: ordinal))
                    ordinal += 1
                }
            }
        }
        return cases
    }
}
