// Where a script run writes what the reference interpreter writes: results of actions,
// module signatures and what `spectest.print*` prints on standard output, and one line
// per failure on standard error, `file:line.col-line.col: category: message`
// (reference: script/runner.ml `error` and the printing functions).

/// The two output streams of a script run. A run without them (the suite runner's) is
/// silent and only reports results.
public struct ScriptOutput: Sendable {
    /// Standard output: results, signatures, `Result:`/`Expect:` lines, printed values.
    public var out: @Sendable (String) -> Void
    /// Standard error: the failure lines.
    public var err: @Sendable (String) -> Void

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void) {
        self.out = out
        self.err = err
    }
}

/// A region of a script as the reference prints it: `file:8.6-8.9`, or `file:0x9` for
/// an offset into a binary module.
struct ScriptRegion: Hashable, Sendable, CustomStringConvertible {
    var file: String
    var text: String

    /// `line.column-line.column` (or one position when both are the same).
    init(_ file: String, _ start: SourceLocation, _ end: SourceLocation) {
        self.file = file
        text = start == end ? "\(start.line).\(start.column)" : "\(start.line).\(start.column)-\(end.line).\(end.column)"
    }

    init(_ region: SourceRegion) {
        file = region.file
        let full = region.description
        text = String(full.dropFirst(region.file.count + 1))
    }

    /// A byte offset into a binary module named `file`.
    init(binary file: String, offset: Int) {
        self.file = file
        text = "0x" + String(offset, radix: 16)
    }

    var description: String { file + ":" + text }
}

/// Why a command failed, as the reference reports it (its category, region and
/// message), with what it prints on standard output first.
struct Failure: Error {
    var category: String
    /// Where; the command's own region when nil.
    var region: ScriptRegion?
    var message: String
    /// `Result:`/`Expect:` lines the reference prints before the failure line.
    var printed: String = ""
    /// The error of the embedding API this failure reports, if it reports one.
    var cause: WasmError? = nil

    init(_ category: String, _ message: String, at region: ScriptRegion? = nil, printed: String = "") {
        self.category = category
        self.message = message
        self.region = region
        self.printed = printed
    }

    static func assertion(_ message: String, printed: String = "") -> Failure {
        Failure("assertion failure", message, printed: printed)
    }

    /// An error of the embedding API in the reference's category: a trap is a
    /// "runtime trap", an escaping exception an "uncaught exception", and so on.
    init(_ error: WasmError) {
        switch error {
        case .malformed(let m): self.init("decoding error", m)
        case .invalid(let m): self.init("validation error", m)
        case .link(let m): self.init("link failure", m)
        case .trap(let m): self.init("runtime trap", m)
        case .exhaustion(let m): self.init("resource exhaustion", m)
        case .exception(let m): self.init("uncaught exception", m)
        case .crash(let m): self.init("runtime crash", m)
        case .usage(let m): self.init("script error", m)
        }
        cause = error
    }

    /// The message a suite report keeps for the command.
    var summary: String {
        let details = printed.split(separator: "\n").map { $0.trimmingPrefix(while: { $0 == " " }) }
        return "\(category): \(message)" + (details.isEmpty ? "" : " (" + details.joined(separator: "; ") + ")")
    }
}

extension Failure {
    /// A module that does not decode, as the reference reports it: a binary one at its
    /// offset in the module named `name`, a custom section in its handler's category.
    init(_ error: CustomDecodeError, name: String) {
        switch error {
        case .binary(let e):
            self.init("decoding error", e.message, at: ScriptRegion(binary: name, offset: e.offset))
        case .custom(let e):
            self.init(e.category, e.message, at: ScriptRegion(e.region))
        }
    }
}
