// `-t` (on standard error) / `--trace` (on standard output): every reduction step of the reference engine, one line each:
//
//     [1:2] i32.add  (i32.const 1) (i32.const 2) ↪ (i32.const 3)  binop
//
// the frames and labels active after the step, the instruction, the values it took
// and the values it left, and the rule family where it is not the instruction's name.

import WasmSpec

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Prints steps until `limit` of them have been printed, then says so once.
final class TracePrinter: @unchecked Sendable {
    // Steps arrive under the store's lock, one script at a time (SuiteRunner runs
    // traced scripts in order), so `printed` is never touched by two threads at once.
    private var printed = 0
    private let limit: Int?
    /// The file descriptor the lines go to.
    private let fd: Int32

    init(limit: Int?, to fd: Int32) {
        self.limit = limit
        self.fd = fd
    }

    /// The observer to give the runner.
    var observer: StepObserver { { [self] event in self.step(event) } }

    private func step(_ event: StepEvent) {
        if let limit, printed >= limit {
            if printed == limit {
                write(fd, "  ... trace stopped after \(limit) steps\n")
                printed += 1
            }
            return
        }
        printed += 1
        write(fd, TracePrinter.line(event) + "\n")
    }

    /// The line of one step.
    static func line(_ event: StepEvent) -> String {
        var s = "  [\(event.frames):\(event.labels)] \(event.instruction.text)"
        if !event.consumed.isEmpty || !event.produced.isEmpty {
            s += "  " + event.consumed.map(constant).joined(separator: " ")
            s += (event.consumed.isEmpty ? "" : " ") + "↪"
            if !event.produced.isEmpty { s += " " + event.produced.map(constant).joined(separator: " ") }
        }
        if !event.rule.isEmpty { s += "  " + event.rule }
        return s
    }

    /// A value as a script writes a constant of it: `(i32.const 3)`, `(ref.null)`.
    static func constant(_ v: Value) -> String {
        switch v {
        case .i32(let x): "(i32.const \(Numerics.format(UInt64(x), as: .i32)))"
        case .i64(let x): "(i64.const \(Numerics.format(x, as: .i64)))"
        case .f32(let x): "(f32.const \(Numerics.format(UInt64(x), as: .f32)))"
        case .f64(let x): "(f64.const \(Numerics.format(x, as: .f64)))"
        case .v128(let x): "(v128.const \(Numerics.format(x)))"
        case .ref(let r): reference(r)
        }
    }

    private static func reference(_ r: Ref) -> String {
        switch r {
        case .null: "(ref.null)"
        case .i31(let v): "(ref.i31 \(Int32(bitPattern: v << 1) >> 1))"
        case .host(let n): "(ref.host \(n))"
        case .extern(let inner): "(ref.extern \(reference(inner)))"
        case .object(let o):
            switch o.kind {
            case .function: "(ref.func)"
            case .struct: "(ref.struct)"
            case .array: "(ref.array)"
            case .exception: "(ref.exn)"
            }
        }
    }
}
