// Running many script files: folders are walked recursively for `.wast` files, each file
// runs in its own ScriptRunner, and the results are gathered into one report.

import Dispatch

/// A script file to run and the name reports give it.
public struct ScriptFile: Hashable, Sendable {
    public var path: String
    /// The path relative to the folder named on the command line, prefixed by that
    /// folder's own name (e.g. `core/simd/simd_lane.wast`); a file named directly keeps
    /// its file name.
    public var name: String

    public init(path: String, name: String) {
        self.path = path
        self.name = name
    }
}

public enum SuiteRunner {
    /// The script files under the given paths, or the first path that cannot be read.
    public static func scriptFiles(_ paths: [String]) -> Result<[ScriptFile], PathError> {
        var files: [ScriptFile] = []
        for path in paths {
            let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
            let base = trimmed.split(separator: "/").last.map(String.init) ?? trimmed
            if FileSystem.isDirectory(trimmed) {
                guard let found = FileSystem.files(under: trimmed, withExtensions: [".wast"]) else {
                    return .failure(PathError(path: path))
                }
                for f in found {
                    let relative = f.dropFirst(trimmed.count + 1)
                    files.append(ScriptFile(path: f, name: base + "/" + relative))
                }
            } else if FileSystem.exists(trimmed) {
                files.append(ScriptFile(path: trimmed, name: base))
            } else {
                return .failure(PathError(path: path))
            }
        }
        return .success(files)
    }

    /// Runs every file, several at once (one at a time when steps are observed), and
    /// reports them in the order given.
    public static func run(_ files: [ScriptFile], options: RunnerOptions = RunnerOptions()) -> SuiteReport {
        let reports = ReportSlots(count: files.count)
        let work: @Sendable (Int) -> Void = { i in
            let file = files[i]
            let results: [CommandResult]
            if let source = FileSystem.read(file.path) {
                results = ScriptRunner(options: options).run(source: source, path: file.path)
            } else {
                results = [CommandResult(kind: .script, line: 0, outcome: .failed("cannot read \(file.path)"))]
            }
            reports.set(i, FileReport(name: file.name, results: results))
        }
        if options.observer == nil {
            DispatchQueue.concurrentPerform(iterations: files.count, execute: work)
        } else {
            for i in files.indices { work(i) }
        }
        return SuiteReport(files: reports.all)
    }
}

/// A path on the command line that cannot be read.
public struct PathError: Error, Hashable, Sendable {
    public var path: String
}

/// Result slots filled from concurrent workers, one slot each.
private final class ReportSlots: @unchecked Sendable {
    // Each index is written by exactly one worker and read after all have finished, so a
    // lock only guards the array's storage, not any ordering.
    private var slots: [FileReport?]
    private let lock = DispatchQueue(label: "wasm-spec.report-slots")

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ i: Int, _ report: FileReport) {
        lock.sync { slots[i] = report }
    }

    var all: [FileReport] {
        lock.sync { slots.compactMap { $0 } }
    }
}
