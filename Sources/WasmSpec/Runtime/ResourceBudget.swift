// What a store's memories and tables may take in all (ExecutionLimits.memoryBytes and
// .tableElements): a memory or table that would pass it is not allocated
// ("out of memory" at instantiation) and a grow that would pass it fails (-1, as the
// specification allows a grow to fail for any reason, §4.7.1 "Growing memories").

/// The bytes of linear memory and the table elements a store may still hand out.
/// Used only with the store's lock held.
final class ResourceBudget: @unchecked Sendable {
    private var memoryBytes: UInt64
    private var tableElements: UInt64

    init(memoryBytes: UInt64, tableElements: UInt64) {
        self.memoryBytes = memoryBytes
        self.tableElements = tableElements
    }

    /// Takes `bytes` of memory from the budget; false, taking nothing, when it has less.
    func take(memory bytes: UInt64) -> Bool {
        guard bytes <= memoryBytes else { return false }
        memoryBytes -= bytes
        return true
    }

    /// Takes `count` table elements from the budget; false, taking nothing, when it has
    /// fewer.
    func take(tableElements count: UInt64) -> Bool {
        guard count <= tableElements else { return false }
        tableElements -= count
        return true
    }

    /// Gives back what a memory or table took and did not use after all.
    func give(memory bytes: UInt64) { memoryBytes &+= bytes }
    func give(tableElements count: UInt64) { tableElements &+= count }
}
