// Module mode: instantiate one .wasm or .wat file, call an export, print the results.

import WasmSpec

/// Runs the module named on the command line; returns the exit status.
func runModule(_ options: Options) -> Int32 {
    let path = options.paths[0]
    guard let bytes = FileSystem.read(path) else { fail("cannot read \(path)") }
    if options.print {
        do {
            let module = path.hasSuffix(".wat") ? try Module(text: bytes) : try Module(binary: bytes)
            // Bounded, so that a few bytes declaring billions of locals end in an error
            // rather than gigabytes of text.
            writeOut(try module.text(maxLocals: Module.maxPrintedLocals))
            return 0
        } catch {
            printError("\(path): \(error)")
            return 1
        }
    }
    do {
        let instance = path.hasSuffix(".wat")
            ? try instantiate(
                text: String(decoding: bytes, as: UTF8.self), limits: options.runner.limits,
                observer: options.runner.observer)
            : try instantiate(bytes, limits: options.runner.limits, observer: options.runner.observer)
        let name: String
        if let invoke = options.invoke {
            name = invoke
        } else {
            guard let first = instance.exportedFunctionNames.first else { fail("\(path): no exported function") }
            name = first
        }
        var arguments: [Value]? = nil
        if options.invoke != nil {
            arguments = try options.arguments.map { (text: String) throws(WasmError) -> Value in
                guard let v = parseArgument(text) else { throw .usage("cannot read argument \(text)") }
                return v
            }
        }
        let results = try interpret(instance, name, arguments)
        // Like the reference interpreter, nothing is printed for no results.
        if !results.isEmpty { writeOut(formatResults(results) + "\n") }
        return 0
    } catch {
        printError("\(path): \(error)")
        return 1
    }
}

/// A command-line argument `type:value`.
func parseArgument(_ text: String) -> Value? {
    let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
    guard parts.count == 2 else { return nil }
    let (type, literal) = (parts[0], String(parts[1].filter { $0 != "_" }))
    switch type {
    case "i32":
        guard let v = parseInteger(literal, bits: 32) else { return nil }
        return .i32(UInt32(truncatingIfNeeded: v))
    case "i64":
        guard let v = parseInteger(literal, bits: 64) else { return nil }
        return .i64(v)
    case "f32":
        if let payload = nanPayload(literal) { return .f32((literal.hasPrefix("-") ? 0xFF80_0000 : 0x7F80_0000) | UInt32(truncatingIfNeeded: payload)) }
        guard let f = Float(literal) else { return nil }
        return .f32(f.bitPattern)
    case "f64":
        if let payload = nanPayload(literal) { return .f64((literal.hasPrefix("-") ? 0xFFF0_0000_0000_0000 : 0x7FF0_0000_0000_0000) | payload) }
        guard let f = Double(literal) else { return nil }
        return .f64(f.bitPattern)
    case "v128":
        guard let v = parseInteger(literal, bits: 64, wide: true) else { return nil }
        return .v128(V128(lo: v, hi: 0))
    default:
        return nil
    }
}

private func nanPayload(_ literal: String) -> UInt64? {
    let body = literal.hasPrefix("-") || literal.hasPrefix("+") ? String(literal.dropFirst()) : literal
    guard body.hasPrefix("nan:0x") else { return nil }
    return UInt64(body.dropFirst(6), radix: 16)
}

private func parseInteger(_ literal: String, bits: Int, wide: Bool = false) -> UInt64? {
    var s = Substring(literal)
    var negative = false
    if s.hasPrefix("-") { negative = true; s = s.dropFirst() } else if s.hasPrefix("+") { s = s.dropFirst() }
    let magnitude = s.hasPrefix("0x") ? UInt64(s.dropFirst(2), radix: 16) : UInt64(s)
    guard let m = magnitude else { return nil }
    if bits == 32 {
        guard negative ? m <= 0x8000_0000 : m <= 0xFFFF_FFFF else { return nil }
    }
    return negative ? 0 &- m : m
}

/// Results as the reference interpreter prints them: `832_040 : [i32]`.
func formatResults(_ values: [Value]) -> String {
    let texts = values.map(formatValue)
    let shown = texts.count == 1 ? texts[0] : "[" + texts.joined(separator: " ") + "]"
    return "\(shown) : [" + values.map(typeName).joined(separator: " ") + "]"
}

private func formatValue(_ v: Value) -> String {
    switch v {
    case .i32(let x): Numerics.format(UInt64(x), as: .i32)
    case .i64(let x): Numerics.format(x, as: .i64)
    case .f32(let x): Numerics.format(UInt64(x), as: .f32)
    case .f64(let x): Numerics.format(x, as: .f64)
    case .v128(let x): Numerics.format(x)
    case .ref(let r): formatRef(r)
    }
}

/// A reference as the reference interpreter prints it (runtime/*.ml `string_of_ref`).
private func formatRef(_ r: Ref) -> String {
    switch r {
    case .null: "null"
    case .i31(let v): "(i31 \(Int32(bitPattern: v << 1) >> 1))"
    case .host(let n): "(host \(n))"
    case .extern(let inner): "(extern \(formatRef(inner)))"
    case .object(let o):
        switch o.kind {
        case .function: "func"
        case .struct: "(struct ...)"
        case .array: "(array ...)"
        case .exception: "(tag ...)"
        }
    }
}

private func typeName(_ v: Value) -> String {
    switch v {
    case .i32: "i32"
    case .i64: "i64"
    case .f32: "f32"
    case .f64: "f64"
    case .v128: "v128"
    case .ref(.null): "(ref null something)"
    case .ref(.i31): "(ref i31)"
    case .ref(.host): "(ref any)"
    case .ref(.extern): "(ref extern)"
    case .ref: "ref"
    }
}
