// Running many script files. Files named on their own run in order in one shared
// state, as the reference interpreter runs the files on its command line, so that a
// later one can use what an earlier one registered; the `.wast` files found in folders
// run as a suite, each in its own state, several at once. Results are gathered into
// one report, in the order given.

import Dispatch

/// A script file to run and the name reports give it.
public struct ScriptFile: Hashable, Sendable {
    public var path: String
    /// The path relative to the folder named on the command line, prefixed by that
    /// folder's own name (e.g. `core/simd/simd_lane.wast`); a file named directly keeps
    /// its file name.
    public var name: String
    /// Whether the file runs in the state shared by all files named directly, rather
    /// than in a state of its own.
    public var sharesState: Bool

    public init(path: String, name: String, sharesState: Bool = false) {
        self.path = path
        self.name = name
        self.sharesState = sharesState
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
                files.append(ScriptFile(path: trimmed, name: base, sharesState: true))
            } else {
                return .failure(PathError(path: path))
            }
        }
        return .success(files)
    }

    /// Runs every file and reports them in the order given: the files that share state
    /// one after the other in one runner, every other file in a runner of its own,
    /// several at once (all one at a time when steps are observed).
    public static func run(_ files: [ScriptFile], options: RunnerOptions = RunnerOptions()) -> SuiteReport {
        let reports = ReportSlots(count: files.count)
        let shared = files.indices.filter { files[$0].sharesState }
        let units: [[Int]] = (shared.isEmpty ? [] : [shared]) + files.indices.filter { !files[$0].sharesState }.map { [$0] }
        let work: @Sendable (Int) -> Void = { u in
            let runner = ScriptRunner(options: options)
            for i in units[u] {
                let file = files[i]
                let results: [CommandResult]
                if let source = FileSystem.read(file.path) {
                    results = runner.run(source: source, path: file.path)
                } else {
                    results = [CommandResult(kind: .script, line: 0, outcome: .failed("cannot read \(file.path)"))]
                }
                reports.set(i, FileReport(name: file.name, results: results))
            }
        }
        if options.observer == nil {
            DispatchQueue.concurrentPerform(iterations: units.count, execute: work)
        } else {
            for u in units.indices { work(u) }
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
