// Values, result patterns and module types written as the reference interpreter's
// runner writes them (script/runner.ml `print_values`, `print_results`,
// `print_moduletype`; runtime/value.ml `string_of_values`; syntax/types.ml).

/// How the reference interpreter writes values and types in its output.
public enum ReferenceFormat {
    // MARK: Values

    /// `string_of_values`: one value bare, several in brackets.
    static func values(_ vs: [Value]) -> String {
        vs.count == 1 ? value(vs[0]) : "[" + vs.map(value).joined(separator: " ") + "]"
    }

    static func value(_ v: Value) -> String {
        switch v {
        case .i32(let x): Numerics.format(UInt64(x), as: .i32)
        case .i64(let x): Numerics.format(x, as: .i64)
        case .f32(let x): Numerics.format(UInt64(x), as: .f32)
        case .f64(let x): Numerics.format(x, as: .f64)
        case .v128(let x): Numerics.format(x)
        case .ref(let r): reference(r)
        }
    }

    static func reference(_ r: Ref) -> String {
        var depth = 0
        return reference(r, &depth)
    }

    private static func reference(_ r: Ref, _ depth: inout Int) -> String {
        switch r {
        case .null: return "null"
        // The payload of an i31 reference, as the reference keeps it: 31 bits, unsigned.
        case .i31(let v): return "(i31 \(v & 0x7FFF_FFFF))"
        case .host(let n): return "(host \(Int32(bitPattern: n)))"
        case .extern(let inner):
            guard depth < 64 else { return "(extern ...)" }
            depth += 1
            defer { depth -= 1 }
            return "(extern " + reference(inner, &depth) + ")"
        case .object(let o):
            return ExceptionObject.describe(reference: RefSlot.of(o.object), &depth)
        }
    }

    /// The type the reference gives a value (`type_of_value`): references are non-null
    /// references to their own defined type, nulls of the bottom type.
    static func type(of v: Value) -> ValType {
        switch v {
        case .i32: .i32
        case .i64: .i64
        case .f32: .f32
        case .f64: .f64
        case .v128: .v128
        case .ref(let r): .ref(type(of: r))
        }
    }

    static func type(of r: Ref) -> RefType {
        switch r {
        case .null: RefType(nullable: true, .bot)
        case .i31: RefType(nullable: false, .i31)
        case .host: RefType(nullable: false, .any)
        case .extern: RefType(nullable: false, .extern)
        case .object(let o):
            switch o.object {
            case let f as FunctionInstance: RefType(nullable: false, .def(f.type))
            case let s as StructObject: RefType(nullable: false, .def(s.type))
            case let a as ArrayObject: RefType(nullable: false, .def(a.type))
            case let e as ExceptionObject: RefType(nullable: false, .def(e.tag.type))
            default: RefType(nullable: false, .any)
            }
        }
    }

    /// `print_values`: `42 : [i32]`, with a newline.
    public static func printed(_ vs: [Value]) -> String {
        values(vs) + " : " + Describe.resultType(vs.map { type(of: $0) }) + "\n"
    }

    // MARK: Result patterns

    /// `print_results`: the patterns and their types, with a newline.
    static func printed(_ ps: [ResultPattern]) -> String {
        let text = ps.count == 1 ? pattern(ps[0]) : "[" + ps.map(pattern).joined(separator: " ") + "]"
        return text + " : " + Describe.resultType(ps.map(type(of:))) + "\n"
    }

    static func pattern(_ p: ResultPattern) -> String {
        switch p {
        case .num(let n): return number(n)
        case .vec(let shape, let lanes): return lanes.map { lane(shape, $0) }.joined(separator: " ")
        case .ref(let r):
            switch r {
            case .anyNull, .null: return "null"
            case .host(let n): return "(host \(Int32(bitPattern: n)))"
            case .extern(let n): return "(extern (host \(Int32(bitPattern: n))))"
            case .type(let ht):
                var d = TypeDescription()
                d.heapType(ht)
                return d.text
            }
        case .either(let ps): return "(" + ps.map(pattern).joined(separator: " | ") + ")"
        }
    }

    private static func number(_ n: NumPattern) -> String {
        switch n {
        case .i32(let x): Numerics.format(UInt64(x), as: .i32)
        case .i64(let x): Numerics.format(x, as: .i64)
        case .f32(let x): Numerics.format(UInt64(x), as: .f32)
        case .f64(let x): Numerics.format(x, as: .f64)
        case .nan(_, .canonical): "nan:canonical"
        case .nan(_, .arithmetic): "nan:arithmetic"
        }
    }

    private static func lane(_ shape: VecShape, _ n: NumPattern) -> String {
        number(signed(shape, n))
    }

    /// A lane pattern as the reference keeps it: `i8` and `i16` lanes as signed `i32`s.
    static func signed(_ shape: VecShape, _ n: NumPattern) -> NumPattern {
        guard case .i32(let x) = n else { return n }
        switch shape {
        case .i8x16: return .i32(UInt32(bitPattern: Int32(Int8(truncatingIfNeeded: x))))
        case .i16x8: return .i32(UInt32(bitPattern: Int32(Int16(truncatingIfNeeded: x))))
        default: return n
        }
    }

    /// `type_of_result`: an `either` takes the larger of its alternatives' types, the
    /// top of their hierarchy if neither is larger, else `bot`.
    static func type(of p: ResultPattern) -> ValType {
        switch p {
        case .num(let n):
            switch n {
            case .i32: return .i32
            case .i64: return .i64
            case .f32, .nan(.f32, _): return .f32
            default: return .f64
            }
        case .vec: return .v128
        case .ref(let r):
            switch r {
            case .anyNull: return .ref(RefType(nullable: true, .bot))
            case .null(let ht): return .ref(RefType(nullable: true, ht))
            case .host: return .ref(RefType(nullable: false, .any))
            case .extern: return .ref(RefType(nullable: false, .extern))
            case .type(let ht): return .ref(RefType(nullable: false, ht))
            }
        case .either(let ps):
            let ts = ps.map(type(of:))
            guard var t = ts.first else { return .bot }
            for t2 in ts {
                if AbstractTypes.matches(t, t2) {
                    t = t2
                } else if AbstractTypes.matches(t2, t) {
                    // t stays
                } else if let a = AbstractTypes.top(t), let b = AbstractTypes.top(t2), a == b {
                    t = a
                } else {
                    t = .bot
                }
            }
            return t
        }
    }

    // MARK: Module types

    /// `print_moduletype`: `module $id :` and one indented line per import and export.
    static func signature(_ id: String?, _ v: ValidatedModule) -> String {
        var out = "module" + (id.map { " " + $0 } ?? "") + " :\n"
        var lines: [String] = []
        for (im, t) in zip(v.module.imports, v.imports) {
            lines.append("import \"\(Describe.name(im.module))\" \"\(Describe.name(im.name))\" : " + externType(t))
        }
        for e in v.exports {
            lines.append("export \"\(Describe.name(e.name))\" : " + externType(e.type))
        }
        out += lines.map { "  " + $0 }.joined(separator: "\n") + "\n"
        return out
    }

    /// `string_of_externtype`.
    static func externType(_ t: ExternType) -> String {
        var d = TypeDescription()
        switch t {
        case .func(let u):
            d.typeUse(u)
            return "func " + d.text
        case .tag(let tt):
            d.typeUse(tt.typeUse)
            return "tag " + d.text
        case .global(let g):
            d.valType(g.valType)
            return "global " + (g.mutable ? "(mut \(d.text))" : d.text)
        case .memory(let m):
            return "memory " + addr(m.addrType) + " " + limits(m.limits)
        case .table(let tt):
            d.refType(tt.elemType)
            return "table " + addr(tt.addrType) + " " + limits(tt.limits) + " " + d.text
        }
    }

    private static func addr(_ a: AddrType) -> String { a == .i32 ? "i32" : "i64" }

    private static func limits(_ l: Limits) -> String {
        Describe.index(l.min) + (l.max.map { " " + Describe.index($0) } ?? "")
    }
}

/// Subtyping among types without defined types, as `type_of_result` needs it
/// (valid/match.ml restricted to abstract heap types, which is all result patterns
/// can name besides indices).
enum AbstractTypes {
    static func matches(_ a: ValType, _ b: ValType) -> Bool {
        switch (a, b) {
        case (.ref(let r1), .ref(let r2)):
            return (!r1.nullable || r2.nullable) && heap(r1.heapType, r2.heapType)
        case (.bot, _): return true
        default: return a == b
        }
    }

    private static func heap(_ a: HeapType, _ b: HeapType) -> Bool {
        if a == b || a == .bot { return true }
        switch (a, b) {
        case (.none, .i31), (.none, .struct), (.none, .array), (.none, .eq), (.none, .any): return true
        case (.i31, .eq), (.struct, .eq), (.array, .eq): return true
        case (.i31, .any), (.struct, .any), (.array, .any), (.eq, .any): return true
        case (.nofunc, .func), (.noextern, .extern), (.noexn, .exn): return true
        default: return false
        }
    }

    /// `top_of_valtype`: the top of a reference type's hierarchy, nullable.
    static func top(_ t: ValType) -> ValType? {
        guard case .ref(let r) = t else { return t }
        switch r.heapType {
        case .any, .none, .eq, .i31, .struct, .array: return .ref(.anyref)
        case .func, .nofunc: return .ref(.funcref)
        case .extern, .noextern: return .ref(.externref)
        case .exn, .noexn: return .ref(.exnref)
        default: return nil
        }
    }
}
