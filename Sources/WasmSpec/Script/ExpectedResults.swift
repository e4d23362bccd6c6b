// The expected-results file: a ratchet over the spec suite. It records, per file, which
// commands did not pass in the last accepted run; every other command must pass in every
// later run, so a command that passed can never quietly start failing.
//
// One line per file:
//
//     core/i32.wast passed=373/375 assert_trap@410-412 module@12
//
// `kind@a-b` says that the commands of that kind on lines a through b did not pass;
// `kind@a` a single line. A command not covered by such a range must pass.

/// A parsed expected-results file.
public struct ExpectedResults: Hashable, Sendable {
    /// Ranges of lines whose commands of the kind may fail.
    public struct Range: Hashable, Sendable {
        public var kind: CommandKind
        public var lines: ClosedRange<Int>
    }

    public var files: [String: [Range]]

    public init(files: [String: [Range]] = [:]) {
        self.files = files
    }

    /// Records the commands of a run that did not pass.
    public init(_ report: SuiteReport) {
        var files: [String: [Range]] = [:]
        for file in report.files {
            files[file.name] = ExpectedResults.ranges(of: file.results)
        }
        self.files = files
    }

    /// Merges runs of not-passing commands of one kind, as long as no passing command of
    /// that kind lies between them.
    private static func ranges(of results: [CommandResult]) -> [Range] {
        var open: [CommandKind: ClosedRange<Int>] = [:]
        var closed: [Range] = []
        for r in results {
            if r.outcome == .passed {
                if let range = open.removeValue(forKey: r.kind) {
                    closed.append(Range(kind: r.kind, lines: range))
                }
            } else if let range = open[r.kind] {
                open[r.kind] = range.lowerBound...max(range.upperBound, r.line)
            } else {
                open[r.kind] = r.line...r.line
            }
        }
        for (kind, range) in open { closed.append(Range(kind: kind, lines: range)) }
        return closed.sorted {
            ($0.lines.lowerBound, $0.kind) < ($1.lines.lowerBound, $1.kind)
        }
    }

    /// The file's text form.
    public func text(_ report: SuiteReport) -> String {
        var out = "# Spec-suite ratchet: commands listed here did not pass; all others must.\n"
        out += "# Regenerate with `wasm-spec-run --write-expected FILE PATH...` after a run you checked.\n"
        for file in report.files.sorted(by: { $0.name < $1.name }) {
            let t = file.tally
            var line = "\(file.name) passed=\(t.passed)/\(t.total)"
            for r in files[file.name] ?? [] {
                let lines = r.lines.count == 1
                    ? "\(r.lines.lowerBound)" : "\(r.lines.lowerBound)-\(r.lines.upperBound)"
                line += " \(r.kind.rawValue)@\(lines)"
            }
            out += line + "\n"
        }
        return out
    }

    /// Parses the text form; `nil` when it is not one.
    public init?(text: String) {
        var files: [String: [Range]] = [:]
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingPrefix(while: { $0 == " " })
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: " ")
            guard let name = fields.first else { return nil }
            var ranges: [Range] = []
            for field in fields.dropFirst() where !field.hasPrefix("passed=") {
                let parts = field.split(separator: "@")
                guard parts.count == 2, let kind = CommandKind(rawValue: String(parts[0])) else {
                    return nil
                }
                let bounds = parts[1].split(separator: "-").compactMap { Int($0) }
                guard bounds.count == 1 || bounds.count == 2, bounds[0] <= bounds[bounds.count - 1]
                else { return nil }
                ranges.append(Range(kind: kind, lines: bounds[0]...bounds[bounds.count - 1]))
            }
            files[String(name)] = ranges
        }
        self.files = files
    }

    /// A command that passed before and does not pass now.
    public struct Regression: Hashable, Sendable, CustomStringConvertible {
        public var file: String
        public var result: CommandResult

        public var description: String {
            let what: String
            switch result.outcome {
            case .passed: what = "passes"
            case .failed(let m): what = "failed: \(m)"
            case .skipped(let m): what = "skipped: \(m)"
            }
            return "\(file):\(result.line): \(result.kind.rawValue) passed before, now \(what)"
        }
    }

    /// Commands that the expected results say must pass and that did not.
    public func regressions(in report: SuiteReport) -> [Regression] {
        var found: [Regression] = []
        for file in report.files {
            guard let allowed = files[file.name] else { continue }
            for r in file.results where r.outcome != .passed {
                if !allowed.contains(where: { $0.kind == r.kind && $0.lines.contains(r.line) }) {
                    found.append(Regression(file: file.name, result: r))
                }
            }
        }
        return found
    }

    /// Files the expected results know that the report does not contain.
    public func missingFiles(in report: SuiteReport) -> [String] {
        let present = Set(report.files.map(\.name))
        return files.keys.filter { !present.contains($0) }.sorted()
    }

    /// How many commands pass now that the expected results allowed to fail.
    public func improvements(in report: SuiteReport) -> Int {
        var count = 0
        for file in report.files {
            guard let allowed = files[file.name] else { continue }
            for r in file.results where r.outcome == .passed {
                if allowed.contains(where: { $0.kind == r.kind && $0.lines.contains(r.line) }) {
                    count += 1
                }
            }
        }
        return count
    }
}
