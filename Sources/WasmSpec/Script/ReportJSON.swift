// The JSON form of a ``SuiteReport``: totals, totals per command kind, skip reasons,
// per-file counts, every failure and every skip with file, line, kind and message.
// Written by hand so that the library needs no Foundation.

extension SuiteReport {
    /// The report as a JSON document.
    public func json() -> String {
        let w = JSONWriter()
        w.object {
            w.field("totals") { w.tally(tally) }
            w.field("byKind") {
                w.object {
                    for (kind, t) in tallyByKind.sorted(by: { $0.key < $1.key }) {
                        w.field(kind.rawValue) { w.tally(t) }
                    }
                }
            }
            w.field("skipReasons") {
                w.object {
                    for (why, n) in skipReasons.sorted(by: { $0.key < $1.key }) {
                        w.field(why) { w.number(n) }
                    }
                }
            }
            w.field("files") {
                w.array {
                    for file in files {
                        w.element { fileJSON(file, w) }
                    }
                }
            }
        }
        return w.text + "\n"
    }

    private func fileJSON(_ file: FileReport, _ w: JSONWriter) {
        w.object {
            w.field("file") { w.string(file.name) }
            let t = file.tally
            w.field("passed") { w.number(t.passed) }
            w.field("failed") { w.number(t.failed) }
            w.field("skipped") { w.number(t.skipped) }
            w.field("byKind") {
                w.object {
                    for (kind, t) in file.tallyByKind.sorted(by: { $0.key < $1.key }) {
                        w.field(kind.rawValue) { w.tally(t) }
                    }
                }
            }
            w.field("failures") {
                w.array {
                    for r in file.results {
                        guard case .failed(let message) = r.outcome else { continue }
                        w.element { commandJSON(file.name, r, message, w) }
                    }
                }
            }
            w.field("skips") {
                w.array {
                    for r in file.results {
                        guard case .skipped(let reason) = r.outcome else { continue }
                        w.element { commandJSON(file.name, r, reason, w) }
                    }
                }
            }
        }
    }

    private func commandJSON(_ file: String, _ r: CommandResult, _ message: String, _ w: JSONWriter) {
        w.object {
            w.field("file") { w.string(file) }
            w.field("line") { w.number(r.line) }
            w.field("kind") { w.string(r.kind.rawValue) }
            w.field("message") { w.string(message) }
        }
    }
}

/// A small streaming JSON writer (a class, so nested closures can write to it), indented two spaces per level.
final class JSONWriter {
    private(set) var text = ""
    private var indent = 0
    private var first = true

    func object(_ body: () -> Void) {
        text += "{"
        nest(body)
        text += "}"
    }

    func array(_ body: () -> Void) {
        text += "["
        nest(body)
        text += "]"
    }

    private func nest(_ body: () -> Void) {
        indent += 1
        let outerFirst = first
        first = true
        body()
        let empty = first
        first = outerFirst
        indent -= 1
        if !empty { newline() }
    }

    private func newline() {
        text += "\n" + String(repeating: "  ", count: indent)
    }

    private func separate() {
        if !first { text += "," }
        first = false
        newline()
    }

    func field(_ name: String, _ value: () -> Void) {
        separate()
        string(name)
        text += ": "
        value()
    }

    func element(_ value: () -> Void) {
        separate()
        value()
    }

    func number(_ n: Int) {
        text += String(n)
    }

    func tally(_ t: Tally) {
        text += "{\"passed\": \(t.passed), \"failed\": \(t.failed), \"skipped\": \(t.skipped)}"
    }

    func string(_ s: String) {
        text += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
    }
}
