// Table instances (§4.2.7): a vector of references that can grow.

/// A table instance. Elements are reference slots (see HeapObject.swift).
final class TableInstance: @unchecked Sendable {
    // Mutated only by the evaluator under the owning store's lock.

    /// The most elements a table may hold here. The reference interpreter fails a grow
    /// when the host runs out of memory; we fail it before asking for more than this
    /// (half a gigabyte of slots), so a huge request answers -1 instead of killing the
    /// process.
    static let maxElements: UInt64 = 1 << 26

    /// The type, whose minimum tracks the current size.
    private(set) var type: TableType
    var elements: [UInt64]

    /// Allocates a table of the type's minimum size filled with `initial`, or `nil` when
    /// it is too large to allocate.
    init?(_ type: TableType, initial: UInt64) {
        guard type.limits.min <= TableInstance.maxElements else { return nil }
        self.type = type
        self.elements = Array(repeating: initial, count: Int(type.limits.min))
    }

    var size: UInt64 { UInt64(elements.count) }

    /// Grows by `delta` elements set to `initial` (§4.5.3.9): the old size, or `nil` when
    /// the maximum, the address type or the allocation limit does not allow it.
    func grow(by delta: UInt64, initial: UInt64) -> UInt64? {
        let old = size
        let (new, overflow) = old.addingReportingOverflow(delta)
        guard !overflow else { return nil }
        // §4.2.7: a 32-bit table holds at most 2^32 - 1 elements.
        if type.addrType == .i32 && new > 0xFFFF_FFFF { return nil }
        if let max = type.limits.max, new > max { return nil }
        guard new <= TableInstance.maxElements else { return nil }
        elements.append(contentsOf: repeatElement(initial, count: Int(delta)))
        type.limits.min = new
        return old
    }
}
