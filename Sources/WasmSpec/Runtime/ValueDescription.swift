// Values written as the reference interpreter writes them in messages
// (`Value.string_of_values` and the `string_of_ref` of each kind of reference): the
// message of an uncaught exception lists its arguments this way.

extension ExceptionObject {
    /// `uncaught exception with args ...`: the reference lists the payload last value
    /// first (its operand stack order), one value bare, several in brackets.
    var uncaughtMessage: String {
        var depth = 0
        let values = ExceptionObject.describe(payload, tag.params, &depth)
        let args = values.count == 1 ? values[0] : "[" + values.reversed().joined(separator: " ") + "]"
        return "uncaught exception with args " + args
    }

    /// The payload's values in order, each as the reference writes it. Exception
    /// references nest (`(tag ...)`); `depth` bounds the nesting, which a program
    /// controls, so that no input can exhaust the native stack.
    static func describe(_ slots: [UInt64], _ types: [ValType], _ depth: inout Int) -> [String] {
        var out: [String] = []
        var i = 0
        for t in types {
            guard i < slots.count else { break }
            switch t {
            case .i32: out.append(Numerics.format(slots[i], as: .i32))
            case .i64: out.append(Numerics.format(slots[i], as: .i64))
            case .f32: out.append(Numerics.format(slots[i], as: .f32))
            case .f64: out.append(Numerics.format(slots[i], as: .f64))
            case .v128:
                out.append(Numerics.format(V128(lo: slots[i], hi: i + 1 < slots.count ? slots[i + 1] : 0)))
            case .ref, .bot: out.append(describe(reference: slots[i], &depth))
            }
            i += t.slotCount
        }
        return out
    }

    /// A reference: `null`, `func`, `(i31 n)`, `(struct ...)`, `(array ...)`,
    /// `(tag v ...)`, `(host n)`, `(extern r)`.
    static func describe(reference slot: UInt64, _ depth: inout Int) -> String {
        if slot == RefSlot.null { return "null" }
        if RefSlot.isI31(slot) { return "(i31 \(RefSlot.i31Value(slot)))" }
        let object = RefSlot.object(slot)
        switch object.kind {
        case .function: return "func"
        // The reference elides the fields of any aggregate it prints (its nesting counter
        // is already up when it looks at them).
        case .struct: return (object as? StructObject).map { $0.layout.fields.isEmpty ? "(struct)" : "(struct ...)" } ?? "(struct)"
        case .array: return (object as? ArrayObject).map { $0.length == 0 ? "(array)" : "(array ...)" } ?? "(array)"
        case .host: return "(host \((object as? HostObject).map { Int32(bitPattern: $0.value) } ?? 0))"
        case .extern:
            guard let e = object as? ExternObject, depth < 64 else { return "(extern ...)" }
            depth += 1
            defer { depth -= 1 }
            return "(extern " + describe(reference: e.inner, &depth) + ")"
        case .exception:
            guard let e = object as? ExceptionObject, depth < 64 else { return "(tag ...)" }
            depth += 1
            defer { depth -= 1 }
            return "(tag " + describe(e.payload, e.tag.params, &depth).reversed().joined(separator: " ") + ")"
        }
    }
}
