// Values on the definitional evaluator's stack (§4.2.1 "Values").
//
// NOTE: Unlike the compiled engine's untyped slots, every value here carries the shape
// of its type, so that a state only an invalid module can reach (an i64 where an i32 is
// due, a missing operand) is seen and reported as the reference interpreter's `Crash`
// instead of being computed on. Numbers are bit patterns; a reference is the runtime's
// reference slot (HeapObject.swift).

/// A value of the definitional evaluator (§4.2.1).
struct Val: Equatable {
    /// The shape of a value's type: which kind of value it is (the runtime's
    /// `ValueShape`, in the same order, and one more).
    enum Kind: UInt8 {
        case i32, i64, f32, f64, v128, ref
        /// A local of a non-defaultable type before its first `local.set` (§4.2.? the
        /// reference interpreter's `None` local): reading it is a crash.
        case uninitialized

        /// The kind of values of type `t` (`bot` only arises in validation).
        init(_ t: ValType) {
            self.init(ValueShape(t))
        }

        /// The kind of values of a shape.
        @inline(__always)
        init(_ shape: ValueShape) {
            switch shape {
            case .i32: self = .i32
            case .i64: self = .i64
            case .f32: self = .f32
            case .f64: self = .f64
            case .v128: self = .v128
            case .ref: self = .ref
            }
        }

        /// The kind's name as the reference interpreter writes a number type.
        var name: String {
            switch self {
            case .i32: "i32"
            case .i64: "i64"
            case .f32: "f32"
            case .f64: "f64"
            case .v128: "v128"
            case .ref: "ref"
            case .uninitialized: "uninitialized"
            }
        }
    }

    var kind: Kind
    /// The bit pattern (`i32` and `f32` in the low 32 bits), a v128's low half, or a
    /// reference slot.
    var bits: UInt64
    /// A v128's high half; 0 otherwise.
    var high: UInt64 = 0

    @inline(__always) static func i32(_ x: UInt32) -> Val { Val(kind: .i32, bits: UInt64(x)) }
    @inline(__always) static func i64(_ x: UInt64) -> Val { Val(kind: .i64, bits: x) }
    @inline(__always) static func f32(_ x: UInt32) -> Val { Val(kind: .f32, bits: UInt64(x)) }
    @inline(__always) static func f64(_ x: UInt64) -> Val { Val(kind: .f64, bits: x) }
    @inline(__always) static func v128(_ v: V128) -> Val { Val(kind: .v128, bits: v.lo, high: v.hi) }
    @inline(__always) static func ref(_ slot: UInt64) -> Val { Val(kind: .ref, bits: slot) }
    static let null = Val.ref(RefSlot.null)
    static let uninitialized = Val(kind: .uninitialized, bits: 0)

    /// A number of the given kind from its bits (the high bits of an `i32` or `f32` are
    /// dropped).
    @inline(__always)
    static func number(_ kind: Kind, _ bits: UInt64) -> Val {
        Val(kind: kind, bits: kind == .i32 || kind == .f32 ? bits & 0xFFFF_FFFF : bits)
    }

    var v128: V128 { V128(lo: bits, hi: high) }

    /// The default value of a type (§4.2.? `default_t`): zero, or null for nullable
    /// references; `uninitialized` for a type that has none.
    static func `default`(_ t: ValType) -> Val {
        switch t {
        case .ref(let rt): rt.nullable ? .null : .uninitialized
        case .bot: .uninitialized
        default: Val(kind: Kind(t), bits: 0)
        }
    }

    /// Writes the value into runtime slots at `p`; returns how many it took.
    @inline(__always)
    @discardableResult
    func write(to p: UnsafeMutablePointer<UInt64>) -> Int {
        p[0] = bits
        guard kind == .v128 else { return 1 }
        p[1] = high
        return 2
    }

    /// The value's slots, appended to `slots`.
    func append(to slots: inout [UInt64]) {
        slots.append(bits)
        if kind == .v128 { slots.append(high) }
    }
}

extension Val {
    /// The value of type `t` held in the runtime's slots at `p` (a v128 takes two).
    @inline(__always)
    init(slots p: UnsafePointer<UInt64>, _ t: ValType) {
        let kind = Kind(t)
        self.init(kind: kind, bits: p[0], high: kind == .v128 ? p[1] : 0)
    }
}

extension Store {
    /// The embedding API's value of a value of type `t`. Call with the lock held.
    func value(of v: Val, type t: ValType) -> Value {
        var slots: (UInt64, UInt64) = (v.bits, v.high)
        return withUnsafeMutablePointer(to: &slots) {
            $0.withMemoryRebound(to: UInt64.self, capacity: 2) { value(of: $0, type: t) }
        }
    }

    /// The value of an embedding API's value. Call with the lock held.
    func val(of v: Value) -> Val {
        switch v {
        case .i32(let x): .i32(x)
        case .i64(let x): .i64(x)
        case .f32(let x): .f32(x)
        case .f64(let x): .f64(x)
        case .v128(let x): .v128(x)
        case .ref(let r): .ref(slot(of: r))
        }
    }
}
