// Running the built `wasm-spec-run` (and, for the opt-in comparisons, the reference's
// `wasm`) as a user would: arguments, standard input through a pipe or a pseudo-terminal,
// and what comes out.

import Foundation
import Testing

/// What a run printed and how it ended.
struct RunResult: Equatable {
    var out: String
    var err: String
    var status: Int32
}

enum CommandLineTool {
    /// The `wasm-spec-run` built with these tests: beside the test bundle, else in the
    /// package's debug build folder; `WASM_SPEC_RUN` overrides both.
    static let path: String = {
        if let p = ProcessInfo.processInfo.environment["WASM_SPEC_RUN"] { return p }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("wasm-spec-run").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/") + "/.build/debug/wasm-spec-run"
    }()

    /// The reference interpreter, when the environment names it.
    static let reference = ProcessInfo.processInfo.environment["WASM_REFERENCE_INTERPRETER"]

    /// Runs `executable` with `arguments` in `directory`, feeding `input` through a pipe.
    static func run(
        _ executable: String = path, _ arguments: [String], input: String? = nil, in directory: String? = nil
    ) throws -> RunResult {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe()
        let err = Pipe()
        let inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inp
        try p.run()
        if let input { inp.fileHandleForWriting.write(Data(input.utf8)) }
        try inp.fileHandleForWriting.close()
        // Read both to the end before waiting, so that a full pipe cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return RunResult(
            out: String(decoding: outData, as: UTF8.self), err: String(decoding: errData, as: UTF8.self),
            status: p.terminationStatus)
    }

    /// A fresh temporary folder holding the given files.
    static func folder(_ files: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wasm-spec-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: dir.appendingPathComponent(name))
        }
        return dir.path
    }

    static func read(_ path: String) -> [UInt8] {
        (FileManager.default.contents(atPath: path)).map { [UInt8]($0) } ?? []
    }
}

/// A child process on a pseudo-terminal: what it writes, read as it comes.
final class TerminalSession {
    private let master: Int32
    private let process = Process()
    private(set) var transcript = ""

    /// Linux's `TIOCSPTLCK` and `TIOCGPTN` (what `unlockpt` and `ptsname` do, which
    /// Swift does not import).
    private static let unlockRequest: UInt = 0x4004_5431
    private static let numberRequest: UInt = 0x8004_5430

    init(_ arguments: [String]) throws {
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, TerminalSession.unlockRequest, &unlock) == 0,
            ioctl(master, TerminalSession.numberRequest, &number) == 0
        else {
            throw POSIXError(.ENOTTY)
        }
        let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw POSIXError(.ENOTTY) }
        let handle = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        process.executableURL = URL(fileURLWithPath: CommandLineTool.path)
        process.arguments = arguments
        process.standardInput = handle
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        // The child has its own copies; without ours, the terminal ends when it does.
        try handle.close()
    }

    deinit {
        if process.isRunning { process.terminate() }
        close(master)
    }

    /// Types `text` at the terminal.
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Reads until `text` has appeared (or a few seconds have passed); whether it did.
    @discardableResult
    func wait(for text: String) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !transcript.contains(text) && Date() < deadline {
            var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&fds, 1, 100) > 0 else { continue }
            let n = read(master, &buffer, buffer.count)
            if n <= 0 { break }
            transcript += String(decoding: buffer[0..<n], as: UTF8.self)
        }
        return transcript.contains(text)
    }

    /// Waits for the process to end, reading what it still writes; its status.
    func finish() -> Int32 {
        let deadline = Date().addingTimeInterval(10)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while process.isRunning && Date() < deadline {
            var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            if poll(&fds, 1, 20) > 0 {
                let n = read(master, &buffer, buffer.count)
                if n > 0 { transcript += String(decoding: buffer[0..<n], as: UTF8.self) }
            }
        }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
