// The reference interpreter's `-t`: a line `-- Phase...` on standard output as each
// phase of a command begins (reference: runner.ml `trace`). Unlike the step trace of the
// reference engine (``RunnerOptions/observer``), it shows what the runner does, not
// what the program does.

extension ScriptRunner {
    /// Writes `-- phase` when phases are traced.
    public func trace(_ phase: String) {
        if options.tracePhases { print("-- " + phase + "\n") }
    }

    /// `text` as OCaml's `String.escaped` writes it, as the reference quotes a script
    /// string in its trace: quotes, backslashes and the usual control characters
    /// escaped by letter, any other byte outside printable ASCII as three decimal digits.
    static func escaped(_ text: [UInt8]) -> String {
        var out = ""
        for b in text {
            switch b {
            case UInt8(ascii: "\""): out += "\\\""
            case UInt8(ascii: "\\"): out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x09: out += "\\t"
            case 0x0D: out += "\\r"
            case 0x08: out += "\\b"
            case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                let digits = String(b)
                out += "\\" + String(repeating: "0", count: 3 - digits.count) + digits
            }
        }
        return out
    }
}
