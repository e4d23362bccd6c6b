// Scripts written back out (reference: text/arrange.ml "Scripts", text/print.ml
// `script`): `-o file.wast` writes every module as text, `-o file.bin.wast` every module
// in binary form, with numbers in hexadecimal so that the script reads back to the same
// bits. Each command is laid out on its own, within the output width.

struct ScriptPrinter {
    enum Mode {
        /// Modules as text, numbers in decimal.
        case textual
        /// Modules as `(module binary ...)`, numbers in hexadecimal.
        case binary
    }

    let mode: Mode
    let width: Int
    /// The handlers that read modules decoded or parsed for printing.
    let customs: CustomConfig

    /// The script's text.
    func print(_ script: Script) throws(Failure) -> String {
        var out = ""
        for command in script {
            for node in try nodes(command) { out += node.layout(width: width) }
        }
        return out
    }

    /// The top-level expressions of one command; a module written in place in an
    /// assertion comes first as a definition of its own, as the reference desugars it.
    private func nodes(_ command: ScriptCommand) throws(Failure) -> [SExpression] {
        switch command.command {
        case .module(let m):
            var out = [try definition(m, mode: mode, isDefinition: true, id: m.id)]
            if !m.isDefinition { out.append(SExpression("module instance" + varOpt(m.id) + varOpt(m.id))) }
            return out
        case .instance(let i, let m):
            return [SExpression("module instance" + varOpt(i) + varOpt(m))]
        case .register(let name, let i):
            return [SExpression("register " + SExpression.name(name) + varOpt(i))]
        case .action(let a):
            return [action(a)]
        case .assertion(let a):
            return try assertion(a)
        case .script, .input, .output:
            // Meta commands are never part of a script performed (`quote`).
            return []
        }
    }

    // MARK: Modules

    private func head(_ isDefinition: Bool, _ id: String?) -> String {
        (isDefinition ? "module definition" : "module") + varOpt(id)
    }

    private enum DefinitionMode { case textual, binary, original }

    private func definition(_ m: ScriptModule, mode: Mode, isDefinition: Bool, id: String?) throws(Failure) -> SExpression {
        let form: DefinitionMode = mode == .textual ? DefinitionMode.textual : DefinitionMode.binary
        return try definition(m, mode: form, isDefinition: isDefinition, id: id)
    }

    /// A module in the given form (`definition`): a quoted module that does not parse is
    /// written as the quote `<invalid module>`.
    private func definition(
        _ m: ScriptModule, mode: DefinitionMode, isDefinition: Bool, id: String?
    ) throws(Failure) -> SExpression {
        let head = self.head(isDefinition, id)
        switch (mode, m.source) {
        case (.original, .binary(let bytes)):
            return binary(head, bytes)
        case (.original, .quote(let text)):
            return quote(head, text)
        case (.original, .text(let module)), (.textual, .text(let module)):
            return SExpression(module: module, custom: m.customs, head: head, asReference: true)
        case (.binary, .text(let module)):
            return binary(head, module.encode(withCustom: m.customs))
        case (_, .binary(let bytes)):
            let name = m.binaryName ?? "binary:\(m.location.line).\(m.location.column)"
            let (module, customs) = try decode(bytes, name)
            if mode == .binary { return binary(head, module.encode(withCustom: customs)) }
            return SExpression(module: module, custom: customs, head: head, asReference: true)
        case (_, .quote(let text)):
            let parsed: (module: Module, customs: [CustomFormat], id: String?)
            do {
                parsed = try Module.parse(text: text, file: "", customs: customs)
            } catch {
                if error.isCustom { throw Failure("custom annotation syntax error", error.message) }
                return quote(head, Array("<invalid module>".utf8))
            }
            if mode == .binary { return binary(head, parsed.module.encode(withCustom: parsed.customs)) }
            return SExpression(module: parsed.module, custom: parsed.customs, head: head, asReference: true)
        }
    }

    private func decode(_ bytes: [UInt8], _ name: String) throws(Failure) -> (Module, [CustomFormat]) {
        do {
            return try Module.decodeWithCustom(bytes, name: name, config: customs)
        } catch {
            throw Failure(error, name: name)
        }
    }

    private func binary(_ head: String, _ bytes: [UInt8]) -> SExpression {
        var e = SExpression(head + " binary")
        for s in SExpression.bytes(bytes) { e.atom(s) }
        return e
    }

    /// `(module quote ...)`: the text in pieces that each end with a line break
    /// (`break_string`).
    private func quote(_ head: String, _ text: [UInt8]) -> SExpression {
        var e = SExpression(head + " quote")
        var piece: [UInt8] = []
        for b in text {
            piece.append(b)
            if b == 0x0A {
                e.atom(SExpression.string(piece))
                piece = []
            }
        }
        e.atom(SExpression.string(piece))
        return e
    }

    /// ` $id`, or ` $"..."` for an identifier that is not plain letters, digits and `_`.
    private func varOpt(_ id: String?) -> String {
        guard let id else { return "" }
        let plain = id.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
        }
        return " $" + (plain ? id : SExpression.name(id))
    }

    // MARK: Actions and values

    private func action(_ a: Action) -> SExpression {
        switch a {
        case .invoke(let i, let name, let args):
            var e = SExpression("invoke" + varOpt(i) + " " + SExpression.name(name))
            for v in args { e.leaf(literal(v)) }
            return e
        case .get(let i, let name):
            return SExpression("get" + varOpt(i) + " " + SExpression.name(name))
        }
    }

    private func number(_ bits: UInt64, _ t: NumType) -> String {
        mode == .binary ? Numerics.formatHex(bits, as: t) : Numerics.format(bits, as: t)
    }

    private func literal(_ v: ScriptValue) -> String {
        switch v {
        case .i32(let x): "i32.const " + number(UInt64(x), .i32)
        case .i64(let x): "i64.const " + number(x, .i64)
        case .f32(let x): "f32.const " + number(UInt64(x), .f32)
        case .f64(let x): "f64.const " + number(x, .f64)
        case .v128(let x): "v128.const i32x4 " + (mode == .binary ? Numerics.formatHex(x) : Numerics.format(x))
        case .refNull(let ht): "ref.null " + ScriptPrinter.heapType(ht)
        case .refHost(let n): "ref.host " + Describe.index(n)
        case .refExtern(let n): "ref.extern " + Describe.index(n)
        }
    }

    static func heapType(_ ht: HeapType) -> String {
        var d = TypeDescription()
        d.heapType(ht)
        return d.text
    }

    private func pattern(_ p: ResultPattern) -> SExpression {
        switch p {
        case .num(let n):
            return SExpression(numPattern(n))
        case .vec(let shape, let lanes):
            var e = SExpression("v128.const " + ScriptPrinter.shape(shape))
            for l in lanes { e.atom(lane(shape, l)) }
            return e
        case .ref(let r):
            switch r {
            case .anyNull: return SExpression("ref.null")
            case .null(let ht): return SExpression("ref.null " + ScriptPrinter.heapType(ht))
            case .host(let n): return SExpression("ref.host " + Describe.index(n))
            case .extern(let n): return SExpression("ref.extern " + Describe.index(n))
            case .type(let ht): return SExpression("ref." + ScriptPrinter.heapType(ht))
            }
        case .either(let ps):
            var e = SExpression("either")
            for p in ps { e.child(pattern(p)) }
            return e
        }
    }

    private func numPattern(_ n: NumPattern) -> String {
        switch n {
        case .i32(let x): "i32.const " + number(UInt64(x), .i32)
        case .i64(let x): "i64.const " + number(x, .i64)
        case .f32(let x): "f32.const " + number(UInt64(x), .f32)
        case .f64(let x): "f64.const " + number(x, .f64)
        case .nan(let t, let k): "\(t == .f32 ? "f32" : "f64").const " + ScriptPrinter.nan(k)
        }
    }

    private static func nan(_ k: NaNPattern) -> String {
        k == .canonical ? "nan:canonical" : "nan:arithmetic"
    }

    /// A lane of a vector pattern: `i8` and `i16` lanes in their own width.
    private func lane(_ shape: VecShape, _ n: NumPattern) -> String {
        switch (shape, n) {
        case (.i8x16, .i32(let x)):
            return mode == .binary
                ? "0x" + String(UInt8(truncatingIfNeeded: x), radix: 16)
                : String(Int8(truncatingIfNeeded: x))
        case (.i16x8, .i32(let x)):
            return mode == .binary
                ? "0x" + groupHex(String(UInt16(truncatingIfNeeded: x), radix: 16))
                : Numerics.format(UInt64(UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: x)))), as: .i32)
        case (_, .i32(let x)): return number(UInt64(x), .i32)
        case (_, .i64(let x)): return number(x, .i64)
        case (_, .f32(let x)): return number(UInt64(x), .f32)
        case (_, .f64(let x)): return number(x, .f64)
        case (_, .nan(_, let k)): return ScriptPrinter.nan(k)
        }
    }

    private func groupHex(_ s: String) -> String {
        var out = ""
        for (i, c) in s.enumerated() {
            if i > 0 && (s.count - i) % 4 == 0 { out.append("_") }
            out.append(c)
        }
        return out
    }

    static func shape(_ s: VecShape) -> String {
        switch s {
        case .i8x16: "i8x16"
        case .i16x8: "i16x8"
        case .i32x4: "i32x4"
        case .i64x2: "i64x2"
        case .f32x4: "f32x4"
        case .f64x2: "f64x2"
        }
    }

    // MARK: Assertions

    private func assertion(_ a: Assertion) throws(Failure) -> [SExpression] {
        func with(_ head: String, _ def: SExpression, _ message: String) -> SExpression {
            var e = SExpression(head)
            e.child(def)
            e.atom(SExpression.string(Array(message.utf8)))
            return e
        }
        func instance(_ head: String, _ source: InstanceSource, _ message: String) throws(Failure) -> [SExpression] {
            var out: [SExpression] = []
            var module: String? = nil
            switch source {
            case .module(let m):
                out.append(try definition(m, mode: self.mode, isDefinition: true, id: nil))
            case .instance(_, let m):
                module = m
            }
            out.append(with(head, SExpression("module instance" + varOpt(module)), message))
            return out
        }
        switch a {
        case .malformed(let m, let message), .malformedCustom(let m, let message):
            if mode == .binary, case .quote = m.source { return [] }
            let head = if case .malformed = a { "assert_malformed" } else { "assert_malformed_custom" }
            return [with(head, try definition(m, mode: .original, isDefinition: false, id: nil), message)]
        case .invalid(let m, let message), .invalidCustom(let m, let message):
            let head = if case .invalid = a { "assert_invalid" } else { "assert_invalid_custom" }
            return [with(head, try definition(m, mode: mode, isDefinition: false, id: nil), message)]
        case .unlinkable(let source, let message):
            return try instance("assert_unlinkable", source, message)
        case .uninstantiable(let source, let message):
            return try instance("assert_trap", source, message)
        case .returns(let act, let patterns):
            var e = SExpression("assert_return")
            e.child(action(act))
            for p in patterns { e.child(pattern(p)) }
            return [e]
        case .trap(let act, let message):
            return [with("assert_trap", action(act), message)]
        case .exhaustion(let act, let message):
            return [with("assert_exhaustion", action(act), message)]
        case .exception(let act):
            var e = SExpression("assert_exception")
            e.child(action(act))
            return [e]
        }
    }
}
