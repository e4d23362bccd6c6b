// What a store's memories and tables may take in all (ExecutionLimits.memoryBytes and
// .tableElements): a memory or table that would pass it is not allocated
// ("out of memory" at instantiation) and a grow that would pass it fails (-1, as the
// specification allows a grow to fail for any reason, §4.7.1 "Growing memories").

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of linear memory and the table elements a store may still hand out.
///
/// NOTE: It has a lock of its own, although its store's lock is held whenever a memory
/// or table takes from it: a memory or table gives its share back when it is freed
/// (`deinit`), and that can happen on any thread, after its store's lock was let go
/// (a module whose instantiation failed, say, is freed when its last user lets go).
final class ResourceBudget: @unchecked Sendable {
    // Guarded by `lock`.
    private var memoryBytes: UInt64
    private var tableElements: UInt64
    private let lock: UnsafeMutablePointer<pthread_mutex_t>

    init(memoryBytes: UInt64, tableElements: UInt64) {
        self.memoryBytes = memoryBytes
        self.tableElements = tableElements
        lock = .allocate(capacity: 1)
        lock.initialize(to: pthread_mutex_t())
        pthread_mutex_init(lock, nil)
    }

    deinit {
        pthread_mutex_destroy(lock)
        lock.deallocate()
    }

    /// Takes `bytes` of memory from the budget; false, taking nothing, when it has less.
    func take(memory bytes: UInt64) -> Bool {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        guard bytes <= memoryBytes else { return false }
        memoryBytes -= bytes
        return true
    }

    /// Takes `count` table elements from the budget; false, taking nothing, when it has
    /// fewer.
    func take(tableElements count: UInt64) -> Bool {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        guard count <= tableElements else { return false }
        tableElements -= count
        return true
    }

    /// Gives back what a memory or table took: one it did not use after all, or one
    /// that was freed.
    func give(memory bytes: UInt64) {
        pthread_mutex_lock(lock)
        memoryBytes &+= bytes
        pthread_mutex_unlock(lock)
    }

    func give(tableElements count: UInt64) {
        pthread_mutex_lock(lock)
        tableElements &+= count
        pthread_mutex_unlock(lock)
    }
}
