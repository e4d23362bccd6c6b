// Mappings that stack regions gave back, kept for the next region of the same size.
//
// NOTE: Why the process keeps them. Every store maps its engine's stacks, each between
// two no-access pages (StackRegion.swift): one mmap and two mprotect calls a region,
// and a munmap when the store goes. Each of those takes the process's address-space
// lock, and a munmap or mprotect of pages another thread may have cached makes the
// kernel interrupt every core that runs a thread of the process (a TLB shootdown). A
// differential fuzzer makes a store per module, thousands a second on every thread, so
// those calls, not the work, decided how far two threads scaled. A mapping handed back
// here is already laid out (its guard pages stay where they are for any region of the
// same total size) and its touched pages stay mapped, so a new store of the same limits
// costs no system call at all.
//
// This is the one piece of process-wide state in the runtime, in the way that malloc's
// free lists are: it holds no value a program can observe (engines write every slot
// before they read it, and a region's old contents are never read), only address
// space. It is bounded by `capacity` bytes of address space and `slots` mappings; past
// those a mapping is unmapped as before. Only regions of trivial elements come here, so
// no element that owns a reference is left behind in one.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A small, locked cache of guarded anonymous mappings, keyed by their total size.
final class RegionPool: @unchecked Sendable {
    /// The pool every stack region uses.
    static let shared = RegionPool()

    /// At most this many bytes of address space wait here...
    let capacity = 512 << 20
    /// ...in at most this many mappings.
    let slots = 16

    // Guarded by `lock`.
    private var free: [(mapping: UnsafeMutableRawPointer, bytes: Int)] = []
    private var held = 0
    private let lock: UnsafeMutablePointer<pthread_mutex_t>

    private init() {
        lock = .allocate(capacity: 1)
        lock.initialize(to: pthread_mutex_t())
        pthread_mutex_init(lock, nil)
    }

    /// A mapping of exactly `bytes` that a region gave back, or `nil`.
    func take(_ bytes: Int) -> UnsafeMutableRawPointer? {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        // The most recently returned first: its pages are the likeliest to be cached.
        guard let i = free.lastIndex(where: { $0.bytes == bytes }) else { return nil }
        held -= bytes
        return free.remove(at: i).mapping
    }

    /// Keeps `mapping` of `bytes` for a later region, or unmaps it when the pool is full.
    func give(_ mapping: UnsafeMutableRawPointer, _ bytes: Int) {
        pthread_mutex_lock(lock)
        if bytes <= capacity - held, free.count < slots {
            free.append((mapping, bytes))
            held += bytes
            pthread_mutex_unlock(lock)
            return
        }
        pthread_mutex_unlock(lock)
        munmap(mapping, bytes)
    }
}
