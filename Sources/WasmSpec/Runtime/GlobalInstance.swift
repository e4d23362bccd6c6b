// Global instances (§4.2.9).

/// A global instance. Its value is kept in two slots (the second only for `v128`),
/// behind a pointer, so the evaluator reads and writes it without exclusivity checks.
final class GlobalInstance: @unchecked Sendable {
    // The slots are mutated only by the evaluator under the owning store's lock.
    let type: GlobalType
    let slots: UnsafeMutablePointer<UInt64>
    /// The shape of the global's value type and whether it is mutable, for run-time
    /// checks that should not copy the type.
    let shape: ValueShape
    let mutable: Bool

    init(_ type: GlobalType, low: UInt64, high: UInt64 = 0) {
        self.type = type
        shape = ValueShape(type.valType)
        mutable = type.mutable
        slots = .allocate(capacity: 2)
        slots[0] = low
        slots[1] = high
    }

    deinit {
        slots.deallocate()
    }
}

/// Tag instances (§4.2.12): identity plus the type of the exception's payload.
final class TagInstance: @unchecked Sendable {
    let type: DefType
    /// The payload types, from the expanded function type.
    let params: [ValType]

    init(_ type: DefType, params: [ValType]) {
        self.type = type
        self.params = params
    }
}

/// Exception instances (§4.2.13): a thrown tag with its payload.
final class ExceptionObject: HeapObject, @unchecked Sendable {
    let tag: TagInstance
    /// The payload as slots (a v128 takes two).
    let payload: [UInt64]

    init(tag: TagInstance, payload: [UInt64]) {
        self.tag = tag
        self.payload = payload
        super.init(kind: .exception, size: payload.count * 8)
    }
}
