// Helpers to write binary modules by hand in tests.

import Foundation
import WasmBinary

enum B {
    static let header: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]

    static func u(_ v: UInt64) -> [UInt8] {
        var out: [UInt8] = []
        LEB128.appendUnsigned(v, to: &out)
        return out
    }

    static func s(_ v: Int64) -> [UInt8] {
        var out: [UInt8] = []
        LEB128.appendSigned(v, to: &out)
        return out
    }

    static func vec(_ items: [[UInt8]]) -> [UInt8] {
        u(UInt64(items.count)) + items.flatMap { $0 }
    }

    static func name(_ s: String) -> [UInt8] {
        u(UInt64(s.utf8.count)) + Array(s.utf8)
    }

    /// A section with its id and minimal size.
    static func section(_ id: UInt8, _ content: [UInt8]) -> [UInt8] {
        [id] + u(UInt64(content.count)) + content
    }

    static func module(_ sections: [UInt8]...) -> [UInt8] {
        header + sections.flatMap { $0 }
    }

    /// Type section with the single type `[] -> []`.
    static let voidType = section(1, vec([[0x60, 0x00, 0x00]]))

    /// A module with one function of type `[] -> []`: `body` is the code after the
    /// locals, including the final `end`.
    static func function(_ body: [UInt8], locals: [UInt8] = [0x00], extra: [[UInt8]] = []) -> [UInt8] {
        let code = locals + body
        return header + voidType + section(3, vec([[0x00]])) + extra.flatMap { $0 }
            + section(10, vec([u(UInt64(code.count)) + code]))
    }
}

/// The decoder's error for the bytes, or `nil` if they decode.
func decodeError(_ bytes: [UInt8]) -> DecodeError? {
    do {
        _ = try Module(binary: bytes)
        return nil
    } catch {
        return error
    }
}

/// The reference interpreter's verdict on the bytes when `WASM_REFERENCE_INTERPRETER`
/// names it: `nil` if it accepts them, else its message and offset.
func referenceVerdict(_ bytes: [UInt8], interpreter: String) throws -> (message: String, offset: Int)? {
    let fm = FileManager.default
    let file = fm.temporaryDirectory.appendingPathComponent("wasm-ref-\(UUID().uuidString).wasm")
    try Data(bytes).write(to: file)
    defer { try? fm.removeItem(at: file) }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", "ulimit -v 2000000; \"$0\" -u -d \"$1\"", interpreter, file.path]
    let pipe = Pipe()
    p.standardError = pipe
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    if p.terminationStatus == 0 { return nil }
    let err = String(decoding: data, as: UTF8.self)
    guard let range = err.range(of: ": decoding error: ") else {
        return (err.trimmingCharacters(in: .whitespacesAndNewlines), -1)
    }
    let message = String(err[range.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
    let location = err[..<range.lowerBound].split(separator: ":").last ?? ""
    let hex = location.split(separator: "-").first?.dropFirst(2) ?? ""
    return (message, Int(hex, radix: 16) ?? -1)
}
