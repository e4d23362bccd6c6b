// Types written as the reference interpreter writes them in its messages (types.ml,
// "String conversion"), e.g. `[i32 (ref null 0)]` or `(ref (func [] -> []))`.
//
// Closed types can be nested deeply and, as a DAG, describe exponentially long text;
// the description stops at a fixed nesting depth and length with `...`, so that an
// error message stays small and its construction never recurses deeply.

struct TypeDescription {
    private(set) var text = ""
    private var depth = 0
    private static let maxDepth = 8
    private static let maxLength = 4000

    private var full: Bool { text.utf8.count >= TypeDescription.maxLength }

    private mutating func put(_ s: String) {
        guard !full else { return }
        text += s
        if full { text += "..." }
    }

    mutating func heapType(_ ht: HeapType) {
        switch ht {
        case .any: put("any")
        case .none: put("none")
        case .eq: put("eq")
        case .i31: put("i31")
        case .struct: put("struct")
        case .array: put("array")
        case .func: put("func")
        case .nofunc: put("nofunc")
        case .exn: put("exn")
        case .noexn: put("noexn")
        case .extern: put("extern")
        case .noextern: put("noextern")
        case .index(let x): put(Describe.index(x))
        case .rec(let i): put("rec.\(Describe.index(i))")
        case .def(let dt): typeUse(.def(dt))
        case .bot: put("something")
        }
    }

    mutating func typeUse(_ use: TypeUse) {
        switch use {
        case .index(let x): put(Describe.index(x))
        case .rec(let i): put("rec.\(Describe.index(i))")
        case .def(let dt):
            put("(")
            defType(dt)
            put(")")
        }
    }

    mutating func refType(_ rt: RefType) {
        put(rt.nullable ? "(ref null " : "(ref ")
        heapType(rt.heapType)
        put(")")
    }

    mutating func valType(_ t: ValType) {
        switch t {
        case .i32: put("i32")
        case .i64: put("i64")
        case .f32: put("f32")
        case .f64: put("f64")
        case .v128: put("v128")
        case .ref(let rt): refType(rt)
        case .bot: put("bot")
        }
    }

    mutating func resultType<C: Collection>(_ ts: C) where C.Element == ValType {
        put("[")
        var first = true
        for t in ts {
            if full { break }
            if !first { put(" ") }
            first = false
            valType(t)
        }
        put("]")
    }

    mutating func resultType<A: Collection, B: Collection>(_ a: A, _ b: B)
    where A.Element == ValType, B.Element == ValType {
        put("[")
        var first = true
        for t in a {
            if full { break }
            if !first { put(" ") }
            first = false
            valType(t)
        }
        for t in b {
            if full { break }
            if !first { put(" ") }
            first = false
            valType(t)
        }
        put("]")
    }

    mutating func storageType(_ st: StorageType) {
        switch st {
        case .val(let t): valType(t)
        case .packed(.i8): put("i8")
        case .packed(.i16): put("i16")
        }
    }

    mutating func fieldType(_ ft: FieldType) {
        if ft.mutable {
            put("(mut ")
            storageType(ft.storage)
            put(")")
        } else {
            storageType(ft.storage)
        }
    }

    mutating func compType(_ ct: CompType) {
        switch ct {
        case .struct(let fts):
            put("struct")
            for ft in fts {
                if full { break }
                put(" (field ")
                fieldType(ft)
                put(")")
            }
        case .array(let ft):
            put("array ")
            fieldType(ft)
        case .func(let ft):
            put("func ")
            resultType(ft.params)
            put(" -> ")
            resultType(ft.results)
        }
    }

    mutating func subType(_ st: SubType) {
        if st.isFinal && st.supertypes.isEmpty {
            compType(st.compType)
            return
        }
        put(st.isFinal ? "sub final" : "sub")
        for use in st.supertypes {
            put(" ")
            typeUse(use)
        }
        put(" (")
        compType(st.compType)
        put(")")
    }

    mutating func recType(_ rt: RecType) {
        if rt.subTypes.count == 1 {
            subType(rt.subTypes[0])
            return
        }
        put("rec")
        for st in rt.subTypes {
            if full { break }
            put(" (")
            subType(st)
            put(")")
        }
    }

    /// Nested defined types deeper than `maxDepth` are written `...`.
    mutating func defType(_ dt: DefType) {
        guard depth < TypeDescription.maxDepth else {
            put("...")
            return
        }
        depth += 1
        defer { depth -= 1 }
        if dt.recType.subTypes.count == 1 && dt.index == 0 {
            subType(dt.recType.subTypes[0])
        } else {
            put("(")
            recType(dt.recType)
            put(").\(Describe.index(dt.index))")
        }
    }
}

/// `string_of_valtype` and friends, for messages.
enum Describe {
    static func valType(_ t: ValType) -> String {
        var d = TypeDescription()
        d.valType(t)
        return d.text
    }

    static func refType(_ t: RefType) -> String {
        var d = TypeDescription()
        d.refType(t)
        return d.text
    }

    static func resultType<C: Collection>(_ ts: C) -> String where C.Element == ValType {
        var d = TypeDescription()
        d.resultType(ts)
        return d.text
    }

    static func fieldType(_ ft: FieldType) -> String {
        var d = TypeDescription()
        d.fieldType(ft)
        return d.text
    }

    /// An index as the reference writes it (`I32.to_string_u`): digits grouped by three
    /// with underscores, `1_000`.
    static func index<T: BinaryInteger>(_ x: T) -> String {
        let digits = Array(String(x).utf8)
        var out: [UInt8] = []
        out.reserveCapacity(digits.count + digits.count / 3)
        for (k, d) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { out.append(UInt8(ascii: "_")) }
            out.append(d)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `string_of_name`: characters outside printable ASCII as `\u{hh}`, and `"` and `\`
    /// escaped.
    static func name(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            let c = u.value
            if c < 0x20 || c >= 0x7F {
                let hex = String(c, radix: 16)
                out += "\\u{" + (hex.count < 2 ? "0" + hex : hex) + "}"
            } else {
                if u == "\"" || u == "\\" { out += "\\" }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
