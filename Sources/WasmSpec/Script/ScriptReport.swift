// What running scripts reports: one result per command, gathered per file and per
// command kind. Unlike the reference interpreter, which stops at the first failure, the
// runner goes on and reports every failing command.

/// The kinds of script commands, named as the script language writes them. A
/// `(module ...)` that is not a definition is reported as two commands, `module` (decode
/// or parse, then validate) and `instance` (instantiate), as the reference interpreter
/// desugars it.
public enum CommandKind: String, CaseIterable, Hashable, Sendable, Comparable {
    case module
    case instance
    case register
    case invoke
    case get
    case assertReturn = "assert_return"
    case assertTrap = "assert_trap"
    case assertExhaustion = "assert_exhaustion"
    case assertException = "assert_exception"
    case assertMalformed = "assert_malformed"
    case assertInvalid = "assert_invalid"
    case assertMalformedCustom = "assert_malformed_custom"
    case assertInvalidCustom = "assert_invalid_custom"
    case assertUnlinkable = "assert_unlinkable"
    /// `assert_trap` on a module: its instantiation traps.
    case assertUninstantiable = "assert_uninstantiable"
    case script
    case input
    case output

    public static func < (a: CommandKind, b: CommandKind) -> Bool {
        a.order < b.order
    }

    private var order: Int { CommandKind.allCases.firstIndex(of: self) ?? 0 }
}

/// How one command ended.
public enum Outcome: Hashable, Sendable {
    case passed
    /// What went wrong: expected and actual, in the runner's words.
    case failed(String)
    /// Why it was not performed: a feature this build does not implement yet. Skipped
    /// commands never count as passed.
    case skipped(String)
}

/// The result of one command.
public struct CommandResult: Hashable, Sendable {
    public var kind: CommandKind
    public var line: Int
    public var outcome: Outcome

    public init(kind: CommandKind, line: Int, outcome: Outcome) {
        self.kind = kind
        self.line = line
        self.outcome = outcome
    }
}

/// Passed, failed and skipped counts.
public struct Tally: Hashable, Sendable {
    public var passed = 0
    public var failed = 0
    public var skipped = 0

    public init() {}

    public var total: Int { passed + failed + skipped }

    public mutating func add(_ outcome: Outcome) {
        switch outcome {
        case .passed: passed += 1
        case .failed: failed += 1
        case .skipped: skipped += 1
        }
    }

    public mutating func add(_ other: Tally) {
        passed += other.passed
        failed += other.failed
        skipped += other.skipped
    }
}

/// The results of one script file.
public struct FileReport: Hashable, Sendable {
    /// The file's name as reports and the expected-results file key it, e.g.
    /// `core/i32.wast`.
    public var name: String
    public var results: [CommandResult]

    public init(name: String, results: [CommandResult]) {
        self.name = name
        self.results = results
    }

    public var tally: Tally {
        var t = Tally()
        for r in results { t.add(r.outcome) }
        return t
    }

    public var tallyByKind: [CommandKind: Tally] {
        var byKind: [CommandKind: Tally] = [:]
        for r in results { byKind[r.kind, default: Tally()].add(r.outcome) }
        return byKind
    }
}

/// The results of a run over several files.
public struct SuiteReport: Hashable, Sendable {
    public var files: [FileReport]

    public init(files: [FileReport]) {
        self.files = files
    }

    public var tally: Tally {
        var t = Tally()
        for f in files { t.add(f.tally) }
        return t
    }

    public var tallyByKind: [CommandKind: Tally] {
        var byKind: [CommandKind: Tally] = [:]
        for f in files {
            for (k, t) in f.tallyByKind { byKind[k, default: Tally()].add(t) }
        }
        return byKind
    }

    /// Skip reasons with how many commands each one covers.
    public var skipReasons: [String: Int] {
        var reasons: [String: Int] = [:]
        for f in files {
            for r in f.results {
                if case .skipped(let why) = r.outcome { reasons[why, default: 0] += 1 }
            }
        }
        return reasons
    }

    /// The summary line the command-line tool ends with.
    public var summaryLine: String {
        let t = tally
        return "\(t.passed) passed, \(t.failed) failed, \(t.skipped) skipped"
    }
}
