// Matching results against `assert_return` patterns (reference: runner.ml
// `assert_result` and its helpers).

enum ResultMatching {
    static func check(_ values: [Value], _ patterns: [ResultPattern]) -> Outcome {
        if values.count == patterns.count && zip(values, patterns).allSatisfy(matches) {
            return .passed
        }
        return .failed("expected \(describe(patterns)), got \(describe(values))")
    }

    static func matches(_ value: Value, _ pattern: ResultPattern) -> Bool {
        switch (value, pattern) {
        case (_, .either(let alternatives)):
            return alternatives.contains { matches(value, $0) }
        case (.i32(let x), .num(.i32(let y))): return x == y
        case (.i64(let x), .num(.i64(let y))): return x == y
        case (.f32(let x), .num(.f32(let y))): return x == y
        case (.f64(let x), .num(.f64(let y))): return x == y
        case (.f32(let x), .num(.nan(.f32, let kind))): return nan32(x, kind)
        case (.f64(let x), .num(.nan(.f64, let kind))): return nan64(x, kind)
        case (.v128(let v), .vec(let shape, let lanes)):
            return lanes.count == shape.lanes && lanes.indices.allSatisfy { lane(v, shape, $0, lanes[$0]) }
        case (.ref(let r), .ref(let p)):
            return ref(r, p)
        default:
            return false
        }
    }

    /// `nan:canonical` is exactly the canonical NaN of either sign; `nan:arithmetic` any
    /// NaN whose payload has its top bit set (§4.3.3).
    static func nan32(_ x: UInt32, _ kind: NaNPattern) -> Bool {
        switch kind {
        case .canonical: return x & 0x7FFF_FFFF == 0x7FC0_0000
        case .arithmetic: return x & 0x7FC0_0000 == 0x7FC0_0000
        }
    }

    static func nan64(_ x: UInt64, _ kind: NaNPattern) -> Bool {
        switch kind {
        case .canonical: return x & 0x7FFF_FFFF_FFFF_FFFF == 0x7FF8_0000_0000_0000
        case .arithmetic: return x & 0x7FF8_0000_0000_0000 == 0x7FF8_0000_0000_0000
        }
    }

    /// One lane against its pattern; integer lanes compare in the lane's width.
    private static func lane(_ v: V128, _ shape: VecShape, _ i: Int, _ p: NumPattern) -> Bool {
        switch shape {
        case .i8x16, .i16x8, .i32x4:
            let bytes = shape == .i8x16 ? 1 : (shape == .i16x8 ? 2 : 4)
            let bits = laneBits(v, i, bytes)
            let mask: UInt64 = (1 << UInt64(bytes * 8)) - 1
            if case .i32(let y) = p { return bits == UInt64(y) & mask }
            return false
        case .i64x2:
            if case .i64(let y) = p { return laneBits(v, i, 8) == y }
            return false
        case .f32x4:
            let x = UInt32(truncatingIfNeeded: laneBits(v, i, 4))
            switch p {
            case .f32(let y): return x == y
            case .nan(_, let kind): return nan32(x, kind)
            default: return false
            }
        case .f64x2:
            let x = laneBits(v, i, 8)
            switch p {
            case .f64(let y): return x == y
            case .nan(_, let kind): return nan64(x, kind)
            default: return false
            }
        }
    }

    private static func laneBits(_ v: V128, _ i: Int, _ bytes: Int) -> UInt64 {
        var bits: UInt64 = 0
        for k in 0..<bytes {
            bits |= UInt64(v[byte: i * bytes + k]) << UInt64(8 * k)
        }
        return bits
    }

    /// Reference patterns, as runner.ml's `assert_ref_pat` decides them.
    private static func ref(_ r: Ref, _ p: RefPattern) -> Bool {
        switch p {
        case .anyNull, .null: return r == .null
        case .host(let n): return r == .host(n)
        case .extern(let n): return r == .extern(.host(n))
        case .type(let ht):
            switch ht {
            case .any:
                if case .object(let o) = r, o.kind == .function { return false }
                return true
            case .eq:
                if case .i31 = r { return true }
                if case .object(let o) = r { return o.kind == .struct || o.kind == .array }
                return false
            case .i31:
                if case .i31 = r { return true }
                return false
            case .struct:
                if case .object(let o) = r { return o.kind == .struct }
                return false
            case .array:
                if case .object(let o) = r { return o.kind == .array }
                return false
            case .func:
                if case .object(let o) = r { return o.kind == .function }
                return false
            case .exn:
                if case .object(let o) = r { return o.kind == .exception }
                return false
            case .extern:
                return true
            default:
                return false
            }
        }
    }

    // MARK: Describing

    static func describe(_ values: [Value]) -> String {
        "[" + values.map(describe).joined(separator: " ") + "]"
    }

    static func describe(_ v: Value) -> String {
        switch v {
        case .i32(let x): "i32:\(Numerics.format(UInt64(x), as: .i32))"
        case .i64(let x): "i64:\(Numerics.format(x, as: .i64))"
        case .f32(let x): "f32:\(Numerics.format(UInt64(x), as: .f32))"
        case .f64(let x): "f64:\(Numerics.format(x, as: .f64))"
        case .v128(let x): "v128:\(x)"
        case .ref(let r): describe(r)
        }
    }

    static func describe(_ r: Ref) -> String {
        switch r {
        case .null: "ref.null"
        case .i31(let v): "(ref.i31 \(v))"
        case .host(let n): "(ref.host \(n))"
        case .extern(let inner): "(ref.extern \(describe(inner)))"
        case .object(let o): "(ref.\(o.kind))"
        }
    }

    static func describe(_ patterns: [ResultPattern]) -> String {
        "[" + patterns.map(describe).joined(separator: " ") + "]"
    }

    static func describe(_ p: ResultPattern) -> String {
        switch p {
        case .num(let n): describe(n)
        case .vec(let shape, let lanes): "\(shape)(" + lanes.map(describe).joined(separator: " ") + ")"
        case .ref(let r): "\(r)"
        case .either(let ps): "either(" + ps.map(describe).joined(separator: " | ") + ")"
        }
    }

    static func describe(_ n: NumPattern) -> String {
        switch n {
        case .i32(let x): "i32:\(Numerics.format(UInt64(x), as: .i32))"
        case .i64(let x): "i64:\(Numerics.format(x, as: .i64))"
        case .f32(let x): "f32:\(Numerics.format(UInt64(x), as: .f32))"
        case .f64(let x): "f64:\(Numerics.format(x, as: .f64))"
        case .nan(let t, let kind): "\(t):nan:\(kind)"
        }
    }
}
