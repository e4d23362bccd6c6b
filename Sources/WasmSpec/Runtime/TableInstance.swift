// Table instances (§4.2.7): a vector of references that can grow.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A table instance. Elements are reference slots (see HeapObject.swift).
final class TableInstance: @unchecked Sendable {
    // Mutated only by the evaluator under the owning store's lock.

    /// The most elements a table may hold here. The reference interpreter fails a grow
    /// when the host runs out of memory; we fail it before asking for more than this
    /// (half a gigabyte of slots), so a huge request answers -1 instead of exhausting
    /// the host.
    static let maxElements: UInt64 = 1 << 26

    /// The type, whose minimum tracks the current size.
    private(set) var type: TableType
    /// The elements; their storage is the table's own and moves only on `grow`. They are
    /// kept where `view` points, which stays put, so an engine may hold that pointer.
    private(set) var elements: TableElements {
        get { view.pointee }
        set { view.pointee = newValue }
    }
    let view: UnsafeMutablePointer<TableElements>
    /// How many slots the storage holds (at least one), used or not.
    private var capacity: Int

    /// What the table's elements count against: its store's budget.
    private let budget: ResourceBudget?

    /// Allocates a table of the type's minimum size filled with `initial`, or `nil` when
    /// it is too large to allocate or `budget` does not allow it.
    init?(_ type: TableType, initial: UInt64, budget: ResourceBudget? = nil) {
        guard type.limits.min <= TableInstance.maxElements,
            budget?.take(tableElements: type.limits.min) ?? true
        else { return nil }
        let count = Int(type.limits.min)
        guard let slots = malloc(max(count, 1) * MemoryLayout<UInt64>.stride) else {
            budget?.give(tableElements: type.limits.min)
            return nil
        }
        self.budget = budget
        self.type = type
        capacity = max(count, 1)
        view = .allocate(capacity: 1)
        view.initialize(to: TableElements(slots: slots.bindMemory(to: UInt64.self, capacity: capacity), count: count))
        view.pointee.slots.initialize(repeating: initial, count: count)
    }

    deinit {
        budget?.give(tableElements: UInt64(view.pointee.count))
        free(view.pointee.slots)
        view.deallocate()
    }

    var size: UInt64 { UInt64(elements.count) }

    /// Grows by `delta` elements set to `initial` (§4.5.3.9): the old size, or `nil` when
    /// the maximum, the address type, the allocation limit or the host's memory does not
    /// allow it; then nothing changes.
    func grow(by delta: UInt64, initial: UInt64) -> UInt64? {
        let old = size
        let (new, overflow) = old.addingReportingOverflow(delta)
        guard !overflow else { return nil }
        // §4.2.7: a 32-bit table holds at most 2^32 - 1 elements.
        if type.addrType == .i32 && new > 0xFFFF_FFFF { return nil }
        if let max = type.limits.max, new > max { return nil }
        guard new <= TableInstance.maxElements, budget?.take(tableElements: delta) ?? true else { return nil }
        if Int(new) > capacity {
            // At least doubling keeps a run of small grows linear in total; when that
            // much cannot be had, exactly what is needed may still be.
            let limit = min(TableInstance.maxElements, type.limits.max ?? TableInstance.maxElements)
            let ahead = min(Int(limit), max(Int(new), 2 * capacity))
            guard let (slots, count) = TableInstance.reallocate(elements.slots, ahead)
                ?? TableInstance.reallocate(elements.slots, Int(new))
            else {
                budget?.give(tableElements: delta)
                return nil
            }
            capacity = count
            elements.slots = slots
        }
        (elements.slots + Int(old)).initialize(repeating: initial, count: Int(delta))
        elements.count = Int(new)
        type.limits.min = new
        return old
    }

    /// `slots` moved to storage of `count` slots, and that count; `nil` (and `slots`
    /// untouched) when there is no memory for it.
    private static func reallocate(_ slots: UnsafeMutablePointer<UInt64>, _ count: Int)
        -> (UnsafeMutablePointer<UInt64>, Int)?
    {
        guard let p = realloc(slots, count * MemoryLayout<UInt64>.stride) else { return nil }
        return (p.bindMemory(to: UInt64.self, capacity: count), count)
    }
}

/// The elements of a table: a view of storage that the table owns, so a copy of it
/// must not outlive the table or a `grow`. Its storage comes from `malloc`, so that a
/// failed allocation is an answer (-1 from `table.grow`) rather than the end of the
/// process, as with Swift's arrays.
struct TableElements: RandomAccessCollection {
    fileprivate(set) var slots: UnsafeMutablePointer<UInt64>
    fileprivate(set) var count: Int

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    /// The element at `i`; the caller has checked that `i < count`.
    subscript(i: Int) -> UInt64 {
        get { slots[i] }
        nonmutating set { slots[i] = newValue }
    }

    func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<UInt64>) throws -> R) rethrows -> R? {
        try body(UnsafeBufferPointer(start: slots, count: count))
    }

    /// Overwrites the elements in `range` with as many `values`.
    func replaceSubrange<C: Collection>(_ range: Range<Int>, with values: C) where C.Element == UInt64 {
        assert(values.count == range.count && range.upperBound <= count)
        let copied: Void? = values.withContiguousStorageIfAvailable { buffer in
            if let source = buffer.baseAddress { (slots + range.lowerBound).update(from: source, count: buffer.count) }
        }
        if copied == nil {
            for (i, v) in zip(range, values) { slots[i] = v }
        }
    }
}
