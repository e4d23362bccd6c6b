// Scripts converted to JavaScript for running the suite in a browser's engine
// (reference: script/js.ml `of_script`): every module becomes its bytes, every command
// a call of the harness. Actions on functions or globals whose values JavaScript cannot
// represent (floats, whose NaN payloads it loses; vectors; exception references) are
// run through a wrapper module that performs the action and checks the results in
// WebAssembly itself (see JSWrapper.swift).

struct JSConverter {
    /// Whether the harness comes first (`wasm -j` leaves it out).
    let harness: Bool
    /// The handlers that read modules decoded or parsed here.
    let customs: CustomConfig

    /// The exports of the modules and instances defined so far, by the JavaScript
    /// variable that holds them.
    private var mods: [String: [String: ExternType]] = [:]
    private var insts: [String: [String: ExternType]] = [:]
    private var currentMod = 0
    private var currentInst = 0

    init(harness: Bool, customs: CustomConfig) {
        self.harness = harness
        self.customs = customs
    }

    /// The script in JavaScript; `file` names the script in the locations the harness
    /// reports.
    mutating func convert(_ script: [ScriptRunner.QuotedCommand]) throws(Failure) -> String {
        var out = harness ? JSConverter.harness : ""
        for c in script { try command(c, &out) }
        return out
    }

    // MARK: Commands

    private mutating func command(_ q: ScriptRunner.QuotedCommand, _ out: inout String) throws(Failure) {
        let c = q.command
        func header(_ line: Int) -> (String, String) {
            let loc = JSConverter.basename(q.file) + ":" + String(line)
            return ("\n// " + loc + "\n", JSConverter.string(Array(loc.utf8)))
        }
        switch c.command {
        case .module(let m):
            out += try module(m, id: m.id, header(c.location.line))
            if !m.isDefinition { out += try instance(m.id, m.id, header(c.location.line)) }
        case .instance(let i, let m):
            out += try instance(i, m, header(c.location.line))
        case .register(let name, let i):
            let (h, _) = header(c.location.line)
            out += h + "register(" + JSConverter.name(name) + ", " + instVar(i) + ")\n"
        case .action(let a):
            let (h, loc) = header(c.location.line)
            out += h + (try assertion(a, loc, "run", [], nil)) + "\n"
        case .assertion(let a):
            switch a {
            case .unlinkable(.module(let m), _), .uninstantiable(.module(let m), _):
                out += try module(m, id: nil, header(m.location.line))
            default:
                break
            }
            let (h, loc) = header(c.location.line)
            out += h + (try assertion(a, loc)) + "\n"
        case .script, .input, .output:
            break
        }
    }

    private mutating func module(_ m: ScriptModule, id: String?, _ header: (String, String)) throws(Failure) -> String {
        let exports = try JSConverter.exports(try unquote(m))
        currentMod += 1
        let current = "$$\(currentMod)"
        mods[id.map { "$" + $0 } ?? current] = exports
        if id != nil { mods[current] = exports }
        var s = header.0 + "let \(current) = module(" + definition(m) + ", " + header.1 + ");\n"
        if let id { s += "let $\(id) = \(current);\n" }
        return s
    }

    private mutating func instance(_ i: String?, _ m: String?, _ header: (String, String)) throws(Failure) -> String {
        let key = modVar(m)
        guard let exports = mods[key] else {
            throw Failure("runtime crash", m == nil ? "no module defined within script" : "unknown module \(key) within script")
        }
        currentInst += 1
        let current = "$\(currentInst)"
        insts[i ?? current] = exports
        if i != nil { insts[current] = exports }
        var s = header.0 + "let \(current) = instance(\(key));\n"
        if let i { s += "let \(i) = \(current);\n" }
        return s
    }

    private func modVar(_ id: String?) -> String { id.map { "$" + $0 } ?? "$$\(currentMod)" }
    private func instVar(_ id: String?) -> String { id ?? "$\(currentInst)" }

    // MARK: Modules

    /// The module a definition denotes, for its export types.
    private func unquote(_ m: ScriptModule) throws(Failure) -> Module {
        switch m.source {
        case .text(let module): return module
        case .binary(let bytes):
            let name = m.binaryName ?? "binary:\(m.location.line).\(m.location.column)"
            do {
                return try Module.decodeWithCustom(bytes, name: name, config: customs).0
            } catch {
                throw Failure(error, name: name)
            }
        case .quote(let text):
            do {
                return try Module.parse(text: text, file: "", customs: customs).module
            } catch {
                throw Failure(error.isCustom ? "custom annotation syntax error" : "syntax error", error.message)
            }
        }
    }

    /// A module's bytes as a JavaScript string (`of_definition`); a quote that does not
    /// parse is the text `<malformed quote>`.
    private func definition(_ m: ScriptModule) -> String {
        switch m.source {
        case .text(let module): return JSConverter.bytes(module.encodePlain())
        case .binary(let bytes): return JSConverter.bytes(bytes)
        case .quote(let text):
            guard let parsed = try? Module.parse(text: text, file: "", customs: customs) else {
                return JSConverter.bytes(Array("<malformed quote>".utf8))
            }
            return JSConverter.bytes(parsed.module.encodePlain())
        }
    }

    /// The types of a module's exports, by name.
    private static func exports(_ m: Module) throws(Failure) -> [String: ExternType] {
        guard let v = try? m.validate() else { return [:] }
        var out: [String: ExternType] = [:]
        for e in v.exports { out[e.name] = e.type }
        return out
    }

    // MARK: Assertions

    private mutating func assertion(_ a: Assertion, _ loc: String) throws(Failure) -> String {
        switch a {
        case .malformed(let m, _): return "assert_malformed(" + definition(m) + ", " + loc + ");"
        case .malformedCustom(let m, _): return "assert_malformed_custom(" + definition(m) + ", " + loc + ");"
        case .invalid(let m, _): return "assert_invalid(" + definition(m) + ", " + loc + ");"
        case .invalidCustom(let m, _): return "assert_invalid_custom(" + definition(m) + ", " + loc + ");"
        case .unlinkable(let source, _): return "assert_unlinkable(" + modVar(JSConverter.module(source)) + ");"
        case .uninstantiable(let source, _): return "assert_uninstantiable(" + modVar(JSConverter.module(source)) + ");"
        case .returns(let act, let patterns):
            return try assertion(act, loc, "assert_return", patterns.map(JSConverter.result), .returns(patterns))
        case .trap(let act, _): return try assertion(act, loc, "assert_trap", [], nil)
        case .exhaustion(let act, _): return try assertion(act, loc, "assert_exhaustion", [], nil)
        case .exception(let act): return try assertion(act, loc, "assert_exception", [], nil)
        }
    }

    private static func module(_ source: InstanceSource) -> String? {
        if case .instance(_, let m) = source { return m }
        return nil
    }

    /// An action under a harness function (`of_assertion'`): when JavaScript cannot
    /// represent its values, a wrapper module performs it, and the plain call follows
    /// as a comment.
    private func assertion(
        _ act: Action, _ loc: String, _ name: String, _ args: [String], _ check: JSWrapper.Check?
    ) throws(Failure) -> String {
        let (js, wrapped) = try action(act)
        let call = name + "(() => " + js + ", " + loc + args.map { ", " + $0 }.joined() + ")"
        guard let (wrapper, results) = wrapped else { return call + ";" }
        let runName = check == nil ? name : "run"
        let bytes = try wrapper.encode(check ?? .none, results)
        let inst = instVar(act.instance)
        return runName + "(() => call(instance(module(" + JSConverter.bytes(bytes) + ", \"wrapper\"), exports("
            + inst + ")),  \"run\", []), " + loc + ");  // " + call
    }

    /// The call of an action, and the wrapper it needs if JavaScript cannot represent its
    /// values, with the types of the values it produces.
    private func action(_ act: Action) throws(Failure) -> (String, (JSWrapper, [ValType])?) {
        switch act {
        case .invoke(let i, let name, let args):
            let js = "call(" + instVar(i) + ", " + JSConverter.name(name) + ", ["
                + args.map(JSConverter.literal).joined(separator: ", ") + "])"
            guard case .func(.def(let dt)) = try export(i, name), case .func(let ft) = dt.rolledSubType.compType
            else { return (js, nil) }
            if (ft.params + ft.results).allSatisfy(JSConverter.isJS) { return (js, nil) }
            return (js, (JSWrapper(name: name, subject: .invoke(dt, args)), ft.results))
        case .get(let i, let name):
            let js = "get(" + instVar(i) + ", " + JSConverter.name(name) + ")"
            guard case .global(let gt) = try export(i, name), gt.mutable || !JSConverter.isJS(gt.valType) else {
                return (js, nil)
            }
            return (js, (JSWrapper(name: name, subject: .get(gt)), [gt.valType]))
        }
    }

    private func export(_ i: String?, _ name: String) throws(Failure) -> ExternType {
        guard let exports = insts[instVar(i)] else {
            throw Failure(
                "runtime crash",
                i == nil ? "no module instance defined within script" : "unknown module instance \(instVar(i)) within script")
        }
        guard let t = exports[name] else {
            throw Failure("runtime crash", "unknown export \"\(Describe.name(name))\" within module isntance")
        }
        return t
    }

    /// Whether JavaScript represents values of a type faithfully.
    static func isJS(_ t: ValType) -> Bool {
        switch t {
        case .i32, .i64: true
        case .f32, .f64, .v128, .bot: false
        case .ref(let rt): rt.heapType != .exn && rt.heapType != .noexn
        }
    }

    // MARK: Values

    static func literal(_ v: ScriptValue) -> String {
        switch v {
        case .i32(let x): Numerics.format(UInt64(x), as: .i32)
        case .i64(let x): Numerics.format(x, as: .i64) + "n"
        case .f32(let x): float(Double(Float(bitPattern: x)))
        case .f64(let x): float(Double(bitPattern: x))
        case .v128(let x): "v128(\"" + Numerics.format(x) + "\")"
        case .refNull: "null"
        case .refHost(let n), .refExtern(let n): "hostref(\(Int32(bitPattern: n)))"
        }
    }

    static func result(_ p: ResultPattern) -> String {
        switch p {
        case .num(let n): return numPattern(n)
        case .vec(let shape, let lanes):
            return "v128(\"" + lanes.map { numPattern(ReferenceFormat.signed(shape, $0)) }.joined(separator: " ") + "\")"
        case .ref(let r):
            switch r {
            case .anyNull: return "null"
            case .host(let n), .extern(let n): return "hostref(\(Int32(bitPattern: n)))"
            case .null: return "\"ref.null\""
            case .type(let ht): return "\"ref." + ScriptPrinter.heapType(ht) + "\""
            }
        case .either(let ps): return "[" + ps.map(result).joined(separator: ", ") + "]"
        }
    }

    private static func numPattern(_ n: NumPattern) -> String {
        switch n {
        case .i32(let x): Numerics.format(UInt64(x), as: .i32)
        case .i64(let x): Numerics.format(x, as: .i64) + "n"
        case .f32(let x): float(Double(Float(bitPattern: x)))
        case .f64(let x): float(Double(bitPattern: x))
        case .nan(_, .canonical): "\"nan:canonical\""
        case .nan(_, .arithmetic): "\"nan:arithmetic\""
        }
    }

    /// OCaml's `string_of_float` (`%.12g`, with a point added to an integer), spelled
    /// as JavaScript spells infinities and NaN.
    static func float(_ x: Double) -> String {
        let sign = x.sign == .minus ? "-" : ""
        if x.isNaN { return sign + "NaN" }
        if x.isInfinite { return sign + "Infinity" }
        let s = formatG(Swift.abs(x), precision: 12)
        let integral = s.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        return sign + s + (integral ? "." : "")
    }

    // MARK: Strings

    static func basename(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        let rest = path[path.index(after: slash)...]
        return rest.isEmpty ? path : String(rest)
    }

    private static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return "\\x" + String(digits[Int(b >> 4)]) + String(digits[Int(b & 15)])
    }

    /// Every byte as `\xhh`.
    static func bytes(_ bs: [UInt8]) -> String {
        "\"" + bs.map(hex).joined() + "\""
    }

    /// Printable ASCII as it is (`"` and `\` escaped), other bytes as `\xhh`.
    static func string(_ bs: [UInt8]) -> String {
        var out = "\""
        for b in bs {
            if b < 0x20 || b >= 0x7F {
                out += hex(b)
            } else {
                if b == 0x22 || b == 0x5C { out += "\\" }
                out.unicodeScalars.append(Unicode.Scalar(b))
            }
        }
        return out + "\""
    }

    /// A name: characters outside printable ASCII as `\u{hh}`.
    static func name(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            if u.value < 0x20 || u.value >= 0x7F {
                let h = String(u.value, radix: 16)
                out += "\\u{" + (h.count < 2 ? "0" : "") + h + "}"
            } else {
                if u == "\"" || u == "\\" { out += "\\" }
                out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}

extension Action {
    /// The instance the action names.
    var instance: String? {
        switch self {
        case .invoke(let i, _, _), .get(let i, _): i
        }
    }
}
