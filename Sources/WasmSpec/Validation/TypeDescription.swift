// Types written as the reference interpreter writes them in its messages (types.ml,
// "String conversion"), e.g. `[i32 (ref null 0)]` or `(ref (func [] -> []))`.
//
// The reference writes a type in full however long it is: a cast of a struct of 400
// fields names all 400, and a defined type in a recursion group names every member of
// the group and, inside them, every defined type they refer to, however deeply. So does
// this description. Two things differ from a naive recursive printer:
//   - It keeps its own stack of what is left to write, so a chain of 100,000 types, each
//     referring to the one before, is written without recursing natively per level.
//   - Closed types form a DAG whose text can be exponentially longer than the module
//     (each of n types referring twice to the one before). The reference would take
//     exponential time there; the description stops after `maxLength` bytes with `...`
//     (docs/deviations.md), far beyond any type a real module writes, so that
//     building a message costs time and memory bounded by a constant.

struct TypeDescription {
    /// The most bytes written before the description stops with `...`.
    static let maxLength = 1 << 20

    private var bytes: [UInt8] = []
    /// What is left to write, last item first.
    private var pending: [Item] = []

    /// The description written so far.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// A piece of a description: text to write, or a type to expand into pieces.
    private enum Item {
        case literal(String)
        case valType(ValType)
        case heapType(HeapType)
        case typeUse(TypeUse)
        case defType(DefType)
        case subType(SubType)
        case compType(CompType)
        case fieldType(FieldType)
        case storageType(StorageType)
    }

    private var full: Bool { bytes.count >= TypeDescription.maxLength }

    mutating func heapType(_ ht: HeapType) { write([.heapType(ht)]) }

    mutating func typeUse(_ use: TypeUse) { write([.typeUse(use)]) }

    mutating func refType(_ rt: RefType) { write(TypeDescription.items(rt)) }

    mutating func valType(_ t: ValType) { write([.valType(t)]) }

    mutating func resultType<C: Collection>(_ ts: C) where C.Element == ValType {
        resultType(ts, EmptyCollection())
    }

    /// `[a... b...]`, written one type at a time: a validator's list can claim billions
    /// of operands (`array.new_fixed` with a count of 2^32 - 1), and the description
    /// must stop at `maxLength` without having listed them first.
    mutating func resultType<A: Collection, B: Collection>(_ a: A, _ b: B)
    where A.Element == ValType, B.Element == ValType {
        write([.literal("[")])
        var first = true
        func elements<C: Collection>(_ ts: C) where C.Element == ValType {
            for t in ts {
                if full { return }
                write(first ? [.valType(t)] : [.literal(" "), .valType(t)])
                first = false
            }
        }
        elements(a)
        elements(b)
        write([.literal("]")])
    }

    mutating func fieldType(_ ft: FieldType) { write([.fieldType(ft)]) }

    mutating func defType(_ dt: DefType) { write([.defType(dt)]) }

    /// Writes `items` in order, expanding each until only text is left.
    private mutating func write(_ items: [Item]) {
        guard !full else { return }
        pending.append(contentsOf: items.reversed())
        while let item = pending.popLast() {
            switch item {
            case .literal(let s):
                bytes.append(contentsOf: s.utf8)
                if full {
                    bytes.append(contentsOf: "...".utf8)
                    pending.removeAll()
                    return
                }
            default:
                pending.append(contentsOf: TypeDescription.expansion(item).reversed())
            }
        }
    }

    /// The pieces one item is written as (types.ml's `string_of_...` functions).
    private static func expansion(_ item: Item) -> [Item] {
        switch item {
        case .literal: return [item]
        case .valType(let t):
            switch t {
            case .i32: return [.literal("i32")]
            case .i64: return [.literal("i64")]
            case .f32: return [.literal("f32")]
            case .f64: return [.literal("f64")]
            case .v128: return [.literal("v128")]
            case .ref(let rt): return items(rt)
            case .bot: return [.literal("bot")]
            }
        case .heapType(let ht): return [heapType(ht)]
        case .typeUse(let use):
            switch use {
            case .index(let x): return [.literal(Describe.index(x))]
            case .rec(let i): return [.literal("rec.\(Describe.index(i))")]
            case .def(let dt): return [.literal("("), .defType(dt), .literal(")")]
            }
        case .defType(let dt):
            if dt.recType.subTypes.count == 1 && dt.index == 0 { return [.subType(dt.recType.subTypes[0])] }
            return [.literal("(")] + recType(dt.recType) + [.literal(").\(Describe.index(dt.index))")]
        case .subType(let st):
            if st.isFinal && st.supertypes.isEmpty { return [.compType(st.compType)] }
            var out: [Item] = [.literal(st.isFinal ? "sub final" : "sub")]
            for use in st.supertypes { out += [.literal(" "), .typeUse(use)] }
            return out + [.literal(" ("), .compType(st.compType), .literal(")")]
        case .compType(let ct):
            switch ct {
            case .struct(let fts):
                var out: [Item] = [.literal("struct")]
                out.reserveCapacity(1 + 3 * fts.count)
                for ft in fts { out += [.literal(" (field "), .fieldType(ft), .literal(")")] }
                return out
            case .array(let ft): return [.literal("array "), .fieldType(ft)]
            case .func(let ft): return [.literal("func ")] + list(ft.params) + [.literal(" -> ")] + list(ft.results)
            }
        case .fieldType(let ft):
            guard ft.mutable else { return [.storageType(ft.storage)] }
            return [.literal("(mut "), .storageType(ft.storage), .literal(")")]
        case .storageType(let st):
            switch st {
            case .val(let t): return [.valType(t)]
            case .packed(.i8): return [.literal("i8")]
            case .packed(.i16): return [.literal("i16")]
            }
        }
    }

    private static func items(_ rt: RefType) -> [Item] {
        [.literal(rt.nullable ? "(ref null " : "(ref "), .heapType(rt.heapType), .literal(")")]
    }

    private static func heapType(_ ht: HeapType) -> Item {
        switch ht {
        case .any: .literal("any")
        case .none: .literal("none")
        case .eq: .literal("eq")
        case .i31: .literal("i31")
        case .struct: .literal("struct")
        case .array: .literal("array")
        case .func: .literal("func")
        case .nofunc: .literal("nofunc")
        case .exn: .literal("exn")
        case .noexn: .literal("noexn")
        case .extern: .literal("extern")
        case .noextern: .literal("noextern")
        case .index(let x): .typeUse(.index(x))
        case .rec(let i): .typeUse(.rec(i))
        case .def(let dt): .typeUse(.def(dt))
        case .bot: .literal("something")
        }
    }

    /// `[t1 t2 ...]`.
    private static func list<C: Collection>(_ ts: C) -> [Item] where C.Element == ValType {
        var out: [Item] = [.literal("[")]
        out.reserveCapacity(2 * ts.count + 1)
        for (k, t) in ts.enumerated() {
            if k > 0 { out.append(.literal(" ")) }
            out.append(.valType(t))
        }
        out.append(.literal("]"))
        return out
    }

    /// A recursion group: its one member on its own, or `rec (member) (member) ...`.
    private static func recType(_ rt: RecType) -> [Item] {
        if rt.subTypes.count == 1 { return [.subType(rt.subTypes[0])] }
        var out: [Item] = [.literal("rec")]
        out.reserveCapacity(1 + 3 * rt.subTypes.count)
        for st in rt.subTypes { out += [.literal(" ("), .subType(st), .literal(")")] }
        return out
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
