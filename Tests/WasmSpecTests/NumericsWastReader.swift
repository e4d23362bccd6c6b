// A small, test-only reader for the spec suite's numeric `.wast` files: it reads
// s-expressions, understands modules whose exported functions are straight-line
// compositions of numeric/vector operators over their parameters and constants,
// and evaluates `assert_return`/`assert_trap` on `invoke` with the Numerics API.
// It is not a WAT parser; anything it does not understand is counted as skipped.

import Foundation
import Testing
@testable import WasmSpec

/// An s-expression of the text format.
indirect enum SExpr: CustomStringConvertible, Sendable {
    case atom(String)
    case string(String)
    case list([SExpr])

    var atom: String? { if case .atom(let a) = self { return a } else { return nil } }
    var list: [SExpr]? { if case .list(let l) = self { return l } else { return nil } }
    var head: String? { list?.first?.atom }

    var description: String {
        switch self {
        case .atom(let a): a
        case .string(let s): "\"\(s)\""
        case .list(let l): "(" + l.map(\.description).joined(separator: " ") + ")"
        }
    }

    /// Reads all top-level s-expressions (iteratively; comments skipped).
    static func parseAll(_ text: String) -> [SExpr] {
        let bytes = Array(text.utf8)
        var stack: [[SExpr]] = [[]]
        var i = 0
        func isDelimiter(_ b: UInt8) -> Bool {
            b == UInt8(ascii: "(") || b == UInt8(ascii: ")") || b == UInt8(ascii: " ")
                || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r")
                || b == UInt8(ascii: ";") || b == UInt8(ascii: "\"")
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: ";") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: ";") {
                while i < bytes.count && bytes[i] != UInt8(ascii: "\n") { i += 1 }
            } else if b == UInt8(ascii: "(") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: ";") {
                var depth = 1
                i += 2
                while i < bytes.count && depth > 0 {
                    if bytes[i] == UInt8(ascii: "(") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: ";") {
                        depth += 1
                        i += 2
                    } else if bytes[i] == UInt8(ascii: ";") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: ")") {
                        depth -= 1
                        i += 2
                    } else {
                        i += 1
                    }
                }
            } else if b == UInt8(ascii: "(") {
                stack.append([])
                i += 1
            } else if b == UInt8(ascii: ")") {
                let done = stack.removeLast()
                if stack.isEmpty { stack.append([]) }
                stack[stack.count - 1].append(.list(done))
                i += 1
            } else if b == UInt8(ascii: "\"") {
                var s: [UInt8] = []
                i += 1
                while i < bytes.count && bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "\\") && i + 1 < bytes.count {
                        s.append(bytes[i])
                        i += 1
                    }
                    s.append(bytes[i])
                    i += 1
                }
                i += 1
                stack[stack.count - 1].append(.string(String(decoding: s, as: UTF8.self)))
            } else if isDelimiter(b) {
                i += 1
            } else {
                let start = i
                while i < bytes.count && !isDelimiter(bytes[i]) { i += 1 }
                stack[stack.count - 1].append(.atom(String(decoding: bytes[start..<i], as: UTF8.self)))
            }
        }
        return stack.first ?? []
    }
}

/// A value on the test evaluator's stack.
enum TestValue: Equatable {
    case num(NumType, UInt64)
    case vec(V128)
}

struct Unsupported: Error { var reason: String }

/// Literal parsing as the text format defines it (§6.3.1, §6.3.2).
enum Literal {
    /// An integer literal of `bits` bits (signed or unsigned, decimal or hex,
    /// underscores allowed), as its bit pattern.
    static func int(_ text: String, bits: Int) -> UInt64? {
        var s = Substring(text.replacingOccurrences(of: "_", with: ""))
        var negative = false
        if s.hasPrefix("-") { negative = true; s = s.dropFirst() } else if s.hasPrefix("+") { s = s.dropFirst() }
        let magnitude: UInt64?
        if s.hasPrefix("0x") { magnitude = UInt64(s.dropFirst(2), radix: 16) } else { magnitude = UInt64(s, radix: 10) }
        guard let m = magnitude else { return nil }
        let v = negative ? 0 &- m : m
        return bits == 64 ? v : v & ((1 << UInt64(bits)) - 1)
    }

    /// A float literal as the bit pattern of `F`: decimal or hex (Swift's correctly
    /// rounded parser, after removing underscores), `inf`, `nan`, `nan:0x…`, signed.
    static func float<F: WasmFloat>(_ text: String, as _: F.Type) -> F.Bits? where F: LosslessStringConvertible {
        var s = Substring(text)
        var negative = false
        if s.hasPrefix("-") { negative = true; s = s.dropFirst() } else if s.hasPrefix("+") { s = s.dropFirst() }
        let ops = FloatOps<F>.self
        var bits: F.Bits
        if s == "inf" {
            bits = ops.exponentMask
        } else if s == "nan" {
            bits = ops.canonicalNaN
        } else if s.hasPrefix("nan:0x") {
            guard let payload = UInt64(s.dropFirst(6).replacingOccurrences(of: "_", with: ""), radix: 16),
                payload != 0, payload <= UInt64(truncatingIfNeeded: ops.payloadMask)
            else { return nil }
            bits = ops.exponentMask | F.Bits(truncatingIfNeeded: payload)
        } else {
            guard let f = F(String(s.replacingOccurrences(of: "_", with: ""))), f.isFinite else { return nil }
            bits = f.bitPattern
        }
        return negative ? bits | ops.signMask : bits
    }
}

/// What an expected result may be.
enum NumPattern {
    case bits(UInt64)
    case canonicalNaN
    case arithmeticNaN
}

enum ResultPattern {
    case num(NumType, NumPattern)
    /// A vector: shape (lane type and float-ness) and one pattern per lane.
    case vec(laneBits: Int, isFloat: Bool, [NumPattern])
    case either([ResultPattern])
}
