// Converting between the API's values and the evaluator's slots.

extension Store {
    /// The value in the slots at `p`, of type `type`. Call with the lock held.
    func value(of p: UnsafeMutablePointer<UInt64>, type: ValType) -> Value {
        switch type {
        case .i32: .i32(UInt32(truncatingIfNeeded: p[0]))
        case .i64: .i64(p[0])
        case .f32: .f32(UInt32(truncatingIfNeeded: p[0]))
        case .f64: .f64(p[0])
        case .v128: .v128(V128(lo: p[0], hi: p[1]))
        case .ref, .bot: .ref(ref(of: p[0]))
        }
    }

    /// Writes a value's slots at `p` and returns the pointer after them. Call with the
    /// lock held.
    func store(_ value: Value, at p: UnsafeMutablePointer<UInt64>) -> UnsafeMutablePointer<UInt64> {
        switch value {
        case .i32(let v), .f32(let v): p[0] = UInt64(v)
        case .i64(let v), .f64(let v): p[0] = v
        case .v128(let v):
            p[0] = v.lo
            p[1] = v.hi
            return p + 2
        case .ref(let r): p[0] = slot(of: r)
        }
        return p + 1
    }

    /// The slots of a list of values. Call with the lock held.
    func slots(_ values: [Value]) -> [UInt64] {
        var out: [UInt64] = []
        for v in values {
            switch v {
            case .i32(let x), .f32(let x): out.append(UInt64(x))
            case .i64(let x), .f64(let x): out.append(x)
            case .v128(let x): out.append(contentsOf: [x.lo, x.hi])
            case .ref(let r): out.append(slot(of: r))
            }
        }
        return out
    }

    /// The values of a list of slots with the given types. Call with the lock held.
    func values(_ slots: [UInt64], types: [ValType]) -> [Value] {
        var copy = slots + [0]
        return copy.withUnsafeMutableBufferPointer { buffer in
            var p = buffer.baseAddress.unsafelyUnwrapped
            var out: [Value] = []
            for t in types {
                out.append(value(of: p, type: t))
                p += t.slotCount
            }
            return out
        }
    }

    /// A reference as the API sees it. Call with the lock held.
    func ref(of slot: UInt64) -> Ref {
        if slot == RefSlot.null { return .null }
        if RefSlot.isI31(slot) { return .i31(RefSlot.i31Value(slot)) }
        let object = RefSlot.object(slot)
        switch object {
        case let h as HostObject: return .host(h.value)
        case let e as ExternObject: return .extern(ref(of: e.inner))
        default: return .object(ObjectRef(object, store: self))
        }
    }

    /// A reference's slot, allocating host and extern objects as needed. Call with the
    /// lock held.
    func slot(of ref: Ref) -> UInt64 {
        switch ref {
        case .null: return RefSlot.null
        case .i31(let v): return RefSlot.i31(v)
        case .host(let n): return RefSlot.of(hostObject(n))
        case .extern(let inner):
            let s = slot(of: inner)
            return s == RefSlot.null ? RefSlot.null : allocate(ExternObject(s))
        case .object(let o): return allocate(o.object)
        }
    }
}
