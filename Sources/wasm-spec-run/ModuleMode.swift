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
        let (limits, validate) = (options.runner.limits, options.runner.validate)
        let instance = path.hasSuffix(".wat")
            ? try instantiate(
                text: String(decoding: bytes, as: UTF8.self), limits: limits, validate: validate,
                observer: options.runner.observer)
            : try instantiate(bytes, limits: limits, validate: validate, observer: options.runner.observer)
        // Without --print, module mode is entered only with --invoke.
        let name = options.invoke ?? ""
        let arguments = try options.arguments.map { (text: String) throws(WasmError) -> Value in
            guard let v = parseArgument(text) else { throw .usage("cannot read argument \(text)") }
            return v
        }
        let results = try interpret(instance, name, arguments)
        // Like the reference interpreter, nothing is printed for no results.
        if !results.isEmpty { writeOut(ReferenceFormat.printed(results)) }
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
